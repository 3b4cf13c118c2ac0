"""``zhpolitics_boilerplate``: normalised text view and web-boilerplate ranges.

Runs first.  Sets ``doc._.zhp_norm`` (same length as the text: simplified characters,
unified punctuation) and ``doc._.zhp_boilerplate`` (navigation bars, footers, copyright
lines), which every later component respects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..boilerplate import find_boilerplate, load_markers
from ._rules import RuleFolders, with_rules
from ._spans import norm_text


class Boilerplate:
    def __init__(self, nlp: Language, name: str, detect: bool = True):
        self.name = name
        self.detect = detect
        self.rules = RuleFolders(("boilerplate",))

    @with_rules
    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Read the marker lists now: a missing rule file fails when the pipeline loads."""
        load_markers()

    @with_rules
    def __call__(self, doc: Doc) -> Doc:
        norm = norm_text(doc)
        doc._.zhp_boilerplate = find_boilerplate(norm) if self.detect else []
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the marker lists (``rules/boilerplate``)."""
        self.rules.to_disk(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "Boilerplate":
        self.rules.from_disk(path)
        return self


@Language.factory("zhpolitics_boilerplate", default_config={"detect": True},
                  assigns=["doc._.zhp_norm", "doc._.zhp_boilerplate"])
def make_boilerplate(nlp: Language, name: str, detect: bool) -> Boilerplate:
    return Boilerplate(nlp, name, detect)
