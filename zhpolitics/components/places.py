"""``zhpolitics_places``: PLACE spans with level, division code, path and confidence.

Wraps :class:`zhpolitics.places.PlaceMatcher`.  ``admin_data`` (config) points at
optional NBS CSVs (villages, former town names); by default the configured path or the
development layout is used (see :mod:`zhpolitics.places.config`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..places import PlaceMatcher, default
from ._rules import RuleFolders, with_rules
from ._spans import doc_text, add_spans, boilerplate, char_span, norm_text


class Places:
    def __init__(self, nlp: Language, name: str, admin_data: str | None = None):
        self.name = name
        self.admin_data = admin_data or None
        self._matcher: PlaceMatcher | None = None
        self._paths: dict[str, tuple[tuple[str, str], ...]] = {}
        self.rules = RuleFolders(("places",))

    @property
    def matcher(self) -> PlaceMatcher:
        if self._matcher is None:
            with self.rules.active():
                self._matcher = PlaceMatcher(default(self.admin_data))
        return self._matcher

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Build the gazetteer now (missing division data fails at load time)."""
        _ = self.matcher

    def _path(self, code: str) -> tuple[tuple[str, str], ...]:
        got = self._paths.get(code)
        if got is None:
            got = self._paths[code] = tuple((u.code, u.name) for u in self.matcher.gz.path(code))
        return got

    @with_rules
    def __call__(self, doc: Doc) -> Doc:
        norm = norm_text(doc)
        spans = []
        for m in self.matcher(norm, boilerplate(doc)):
            sp = char_span(doc, m.start, m.end, "PLACE")
            if sp is None:
                continue
            sp._.zhp_level = m.level
            sp._.zhp_code = m.code
            sp._.zhp_confidence = round(m.confidence, 2) if m.code else 0.0
            sp._.zhp_source = m.kind
            sp._.zhp_current_code, sp._.zhp_in_use = m.current_code, m.in_use
            if m.code:
                path = list(self._path(m.code if len(m.code) < 12 else m.code[:9]))
                if len(m.code) == 12:
                    path.append((m.code, doc_text(doc)[m.start:m.end]))
                sp._.zhp_path = path
            spans.append(sp)
        add_spans(doc, spans)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the place rules (``rules/places``); the NBS tables are package data."""
        self.rules.to_disk(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "Places":
        self.rules.from_disk(path)
        self._matcher = None
        self._paths = {}
        return self


@Language.factory("zhpolitics_places", default_config={"admin_data": None},
                  requires=["doc._.zhp_boilerplate"],
                  assigns=["doc.spans", "span._.zhp_level", "span._.zhp_code", "span._.zhp_path",
                           "span._.zhp_confidence", "span._.zhp_source"])
def make_places(nlp: Language, name: str, admin_data: str | None) -> Places:
    return Places(nlp, name, admin_data)
