"""``zhpolitics_deputies``: DEPUTY (with congress level) and PERSON name spans.

Wraps :class:`zhpolitics.people.detect.PeopleDetector`, which reads the congress titles,
role words and bylines listed in ``resources/people``.  When the statistical layer ran
(``doc._.zhp_ner_spans``), its PER spans fix name boundaries and add persons that no rule
introduces.  A suffix-less short-form PLACE that overlaps a name yields to the name
(高安 in 高安林).

User additions: ``add_titles(["人民代表"])`` adds congress titles (the word before a
title still gives the level: 县人民代表 → county), as does ``titles.txt`` in the
config's ``resource_dir``; ``to_disk``/``from_disk`` write and read them, and the
people rule files (``rules/people``).  The detector is built at first use, after
``from_disk``, so ``spacy.load`` never needs the package's rule files.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..people.detect import PeopleDetector
from ..people.roles import RoleModel
from ._disk import read_json, read_lines, write_json
from ._rules import RuleFolders, with_rules
from ._spans import boilerplate, char_span, norm_text, set_spans, spans_of


class Deputies:
    """Finds deputies and persons; holds the detector and the user's extra titles."""

    def __init__(self, nlp: Language, name: str, persons: bool = True, use_ner: bool = True,
                 ner_persons: bool | str = False, resource_dir: str | None = None):
        self.name = name
        self.persons = persons
        self.use_ner = use_ner
        self.resource_dir = resource_dir
        self.ner_persons = ner_persons
        self.rules = RuleFolders(("people",))
        self._detector: PeopleDetector | None = None
        self._role_model: RoleModel | None = None  # from from_disk, applied when the detector is built
        self._base_titles: list[str] = []  # the rule file's titles, read when the detector is built
        self.added_titles: list[str] = []
        if resource_dir:
            self.add_titles(read_lines(Path(resource_dir) / "titles.txt"))

    @property
    def detector(self) -> PeopleDetector:
        """The engine, built at first use from this component's rule folder."""
        if self._detector is None:
            with self.rules.active():
                det = PeopleDetector(ner_persons=self.ner_persons)
            if self._role_model is not None:
                det.role_model = self._role_model
            self._detector, self._base_titles = det, list(det.cfg["titles"])
            self._apply_titles()
        return self._detector

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Build the detector now, so a missing rule file fails when the pipeline loads."""
        _ = self.detector

    def add_titles(self, titles: Iterable[str]) -> None:
        """Add congress titles; the detector's own copy of its config gets them (the
        packaged config is shared and stays untouched)."""
        new = [t.strip() for t in titles if t.strip() and t.strip() not in self.added_titles]
        self.added_titles.extend(dict.fromkeys(new))
        if new and self._detector is not None:
            self._apply_titles()

    def _apply_titles(self) -> None:
        det, base = self._detector, self._base_titles
        extra = [t for t in self.added_titles if t not in base]
        if not extra:
            return
        all_titles = sorted(base + extra, key=len, reverse=True)
        det.cfg = dict(det.cfg, titles=all_titles)
        det.title_re = re.compile("|".join(map(re.escape, all_titles)))

    @with_rules
    def __call__(self, doc: Doc) -> Doc:
        norm = norm_text(doc)
        places = [(s.start_char, s.end_char, s._.zhp_level, s._.zhp_code, s._.zhp_source) for s in spans_of(doc, "PLACE")]
        ner = doc._.zhp_ner_spans if self.use_ner else None
        mentions = self.detector(norm, places, boilerplate(doc), ner, self._ner_windows(doc, norm, ner))
        if not self.persons:
            mentions = [m for m in mentions if m.label == "DEPUTY"]
        new = []
        for m in mentions:
            sp = char_span(doc, m.start, m.end, m.label)
            if sp is None:
                continue
            sp._.zhp_level = m.level if m.label == "DEPUTY" else None
            sp._.zhp_source = m.source
            new.append(sp)
        keep = []
        for sp in spans_of(doc):
            if sp.label_ == "PLACE" and sp._.zhp_source in ("short", "docshort") and any(
                    p.start_char < sp.end_char and sp.start_char < p.end_char for p in new):
                continue
            if sp.label_ in ("DEPUTY", "PERSON"):
                continue
            keep.append(sp)
        set_spans(doc, keep + new)
        doc.user_data.setdefault("zhpolitics_mentions", {})["people"] = [
            (m.start, m.end, m.label, m.level, m.titles, m.places, m.source) for m in mentions]
        return doc

    def _ner_windows(self, doc: Doc, norm: str, ner) -> list[tuple[int, int]] | None:
        """Where the NER ran: the whole text when the statistical layer ran everywhere
        (it then also filled ``doc._.zhp_words``), else the cascade's windows."""
        if ner is None:
            return None
        if doc._.zhp_words:
            return [(0, len(norm))]
        return self.detector.unsure_windows(norm)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the user's titles (``titles.json``), the per-person role model
        (``roles.json``, when one is loaded) and the people rules (``rules/people``)."""
        write_json(Path(path) / "titles.json", self.added_titles)
        if self.detector.role_model is not None:
            write_json(Path(path) / "roles.json", self.detector.role_model.to_json())
        self.rules.to_disk(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "Deputies":
        self.rules.from_disk(path)
        self._detector = None  # rebuilt from the saved rules at first use
        self.add_titles(read_json(Path(path) / "titles.json", []))
        roles = read_json(Path(path) / "roles.json")
        if roles is not None:
            self._role_model = RoleModel.from_json(roles, str(Path(path) / "roles.json"))
        return self


@Language.factory(
    "zhpolitics_deputies",
    default_config={"persons": True, "use_ner": True, "ner_persons": False, "resource_dir": None},
    requires=["doc._.zhp_boilerplate", "span._.zhp_code"],
    assigns=["doc.spans", "span._.zhp_level", "span._.zhp_source"],
)
def make_deputies(nlp: Language, name: str, persons: bool, use_ner: bool, ner_persons: bool | str,
                  resource_dir: str | None) -> Deputies:
    """``use_ner``: let NER PER spans bound names the title rules cannot (才让卓玛);
    ``ner_persons``: also add NER PER spans as PERSON — ``"strict"`` only where the name
    rules agree, ``True`` all of them (the ``full`` pipeline), ``False`` none (the
    default: on news pages about deputies it cost precision, see README);
    ``resource_dir``: a user folder with ``titles.txt`` (extra congress titles)."""
    return Deputies(nlp, name, persons, use_ner, ner_persons, resource_dir)
