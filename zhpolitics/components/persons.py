"""``zhpolitics_persons``: the document-level person table ``doc._.zhp_people``.

One entry per distinct person (mentions grouped by name; a surname-only mention such
as 王代表 joins the single named deputy with that surname), with role (deputy /
official / reporter / other), deputy level, titles seen, and the places tied to the
person in the text (黄碾镇人大代表 → 黄碾镇).  Each span gets ``span._.zhp_person_id``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..people.names import load as load_names
from ..people.rules import rules
from ._rules import RuleFolders, with_rules
from ._spans import doc_text, norm_text, spans_of

# the sources that make a person a reporter or an official: lists.reporter_sources and
# lists.official_sources of resources/people/engine_rules.json


class Persons:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.rules = RuleFolders(("people",))

    @with_rules
    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Read the name lists now: a missing rule file fails when the pipeline loads."""
        load_names()

    @with_rules
    def __call__(self, doc: Doc) -> Doc:
        norm = norm_text(doc)
        info = {(s, e): (titles, places, source) for s, e, _l, _lv, titles, places, source in
                doc.user_data.get("zhpolitics_mentions", {}).get("people", [])}
        people: list[dict] = []
        index: dict[str, int] = {}
        spans = sorted(spans_of(doc, "DEPUTY", "PERSON"), key=lambda s: -(s.end_char - s.start_char))
        compound = load_names().compound
        for sp in spans:
            nm = norm[sp.start_char:sp.end_char]
            key = nm
            if len(nm) <= 2 and nm not in index:
                # a surname-only mention (刘代表 → 刘): join the one named person with it
                cands = [k for k in index if k.startswith(nm) and len(k) > len(nm) and (len(nm) == 2) == (k[:2] in compound)]
                if len(cands) == 1:
                    key = cands[0]
            if key not in index:
                index[key] = len(people)
                people.append({"id": len(people), "name": doc_text(doc)[sp.start_char:sp.end_char], "mentions": [],
                               "role": "other", "level": None, "titles": [], "places": []})
            p = people[index[key]]
            p["mentions"].append([sp.start_char, sp.end_char])
            sp._.zhp_person_id = p["id"]
            titles, places, source = info.get((sp.start_char, sp.end_char), ([], [], sp._.zhp_source or ""))
            for t in titles:
                if t and t not in p["titles"]:
                    p["titles"].append(t)
            for s, e in places:
                txt = doc_text(doc)[s:e]
                if txt not in p["places"]:
                    p["places"].append(txt)
            if sp.label_ == "DEPUTY":
                p["role"] = "deputy"
                p["level"] = sp._.zhp_level
            elif p["role"] != "deputy":
                src = source or ""
                if any(r in src for r in rules().lists.reporter_sources):
                    p["role"] = "reporter"
                elif src.startswith("role:") and any(src.endswith(o) or o in src for o in rules().lists.official_sources) or src == "leader":
                    p["role"] = "official"
        for p in people:
            p["mentions"].sort()
        doc._.zhp_people = people
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the name lists (``rules/people``: compound surnames group mentions)."""
        self.rules.to_disk(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "Persons":
        self.rules.from_disk(path)
        return self


@Language.factory("zhpolitics_persons", default_config={},
                  requires=["doc.spans", "span._.zhp_level"],
                  assigns=["doc._.zhp_people", "span._.zhp_person_id"])
def make_persons(nlp: Language, name: str) -> Persons:
    return Persons(nlp, name)
