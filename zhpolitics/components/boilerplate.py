"""``zhpolitics_boilerplate``: normalised text view and web-boilerplate ranges.

Runs first.  Sets ``doc._.zhp_norm`` (same length as the text: simplified characters,
unified punctuation) and ``doc._.zhp_boilerplate`` (navigation bars, footers, copyright
lines), which every later component respects.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..boilerplate import find_boilerplate
from ._spans import norm_text


class Boilerplate:
    def __init__(self, nlp: Language, name: str, detect: bool = True):
        self.name = name
        self.detect = detect

    def __call__(self, doc: Doc) -> Doc:
        norm = norm_text(doc)
        doc._.zhp_boilerplate = find_boilerplate(norm) if self.detect else []
        return doc


@Language.factory("zhpolitics_boilerplate", default_config={"detect": True},
                  assigns=["doc._.zhp_norm", "doc._.zhp_boilerplate"])
def make_boilerplate(nlp: Language, name: str, detect: bool) -> Boilerplate:
    return Boilerplate(nlp, name, detect)
