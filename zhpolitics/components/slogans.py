"""``zhpolitics_slogans``: SLOGAN spans with ``span._.canonical`` and lexicon links.

Candidates are quoted spans (classified slogan / speech / citation / scare / title by
the shipped scikit-learn model), unquoted numeric formulas (两个维护, 六最) and
unquoted occurrences of known slogans (lexicon entries, or phrases quoted elsewhere in
the same document).  See :mod:`zhpolitics.slogans`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..boilerplate import inside
from ..paths import model_path
from ._spans import doc_text, add_spans, boilerplate, char_span, update_ents


class Slogans:
    def __init__(self, nlp: Language, name: str, model: str | None = None, propagate_lexicon: bool = True):
        self.name = name
        self.model = model
        self.propagate_lexicon = propagate_lexicon
        self._clf = None
        self._lex = None
        # load() turns this off when zhpolitics_actions runs later and sets doc.ents
        self.set_ents = True

    def _load(self):
        if self._clf is None:
            from ..slogans.canonical import default_lexicon
            from ..slogans.classifier import SloganClassifier

            self._clf = SloganClassifier.load(self.model or model_path("slogans"))
            self._lex = default_lexicon()
        return self._clf, self._lex

    def __call__(self, doc: Doc) -> Doc:
        from ..slogans.canonical import canonical
        from ..slogans.pipeline import extract_slogans

        clf, lex = self._load()
        bp = boilerplate(doc)
        spans = []
        for c in extract_slogans(doc_text(doc), clf, lex, propagate_lexicon=self.propagate_lexicon):
            if inside(bp, c.start, c.end):
                continue
            sp = char_span(doc, c.start, c.end, "SLOGAN")
            if sp is None:
                continue
            txt = doc_text(doc)[c.start:c.end]
            entry = lex.lookup(txt)
            sp._.canonical = canonical(entry.text) if entry is not None else canonical(txt)
            sp._.lexicon = entry.text if entry is not None else None
            sp._.source = c.kind
            spans.append(sp)
        add_spans(doc, spans)
        if self.set_ents:
            update_ents(doc)
        return doc


@Language.factory("zhpolitics_slogans", default_config={"model": None, "propagate_lexicon": True})
def make_slogans(nlp: Language, name: str, model: str | None, propagate_lexicon: bool) -> Slogans:
    return Slogans(nlp, name, model, propagate_lexicon)
