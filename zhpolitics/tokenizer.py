"""A one-token-per-character tokenizer that remembers the text.

The rule components work on character offsets; with one token per character every
offset is a token boundary, so spans never shift.  spaCy's own ``zh`` ``char``
segmenter does the same but is slower and rebuilds ``doc.text`` from all tokens on
every access; this one builds the Doc in one call and caches the original string in
``doc.user_data["zhp_text"]``.  Whitespace characters are tokens of their own, so
``doc.text`` equals the input exactly (``\\r\\n`` included).

Registered as ``zhpolitics.char_tokenizer.v1`` so that ``nlp.to_disk()`` followed by
``spacy.load()`` round-trips.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab


class CharTokenizer:
    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        doc = Doc(self.vocab, words=list(text), spaces=[False] * len(text))
        doc.user_data["zhp_text"] = text
        doc.user_data["zhp_ntok"] = len(text)
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for t in texts:
            yield self(t)

    # serialisation: nothing to save
    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "CharTokenizer":
        return self

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "CharTokenizer":
        return self


def tokenizer_factory(cls):
    """What a ``@registry.tokenizers`` function returns: a maker of ``cls(nlp.vocab)``
    (for :class:`CharTokenizer` and its subclasses, e.g. the character-feature one)."""
    def make(nlp):
        return cls(nlp.vocab)

    return make


@registry.tokenizers("zhpolitics.char_tokenizer.v1")
def create_char_tokenizer():
    return tokenizer_factory(CharTokenizer)
