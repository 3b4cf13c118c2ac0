"""``zhpolitics_deputies``: DEPUTY (with congress level) and PERSON name spans.

Wraps :class:`zhpolitics.people.detect.PeopleDetector`, which reads the congress titles,
role words and bylines listed in ``resources/people``.  When the statistical layer ran
(``doc._.ner_spans``), its PER spans fix name boundaries and add persons that no rule
introduces.  A suffix-less short-form PLACE that overlaps a name yields to the name
(高安 in 高安林).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..people.detect import PeopleDetector
from ._spans import boilerplate, char_span, norm_text, set_spans, spans_of


class Deputies:
    def __init__(self, nlp: Language, name: str, persons: bool = True, use_ner: bool = True, ner_persons: bool | str = False):
        self.name = name
        self.persons = persons
        self.use_ner = use_ner
        self.detector = PeopleDetector(ner_persons=ner_persons)

    def __call__(self, doc: Doc) -> Doc:
        norm = norm_text(doc)
        places = [(s.start_char, s.end_char, s._.level, s._.code, s._.source) for s in spans_of(doc, "PLACE")]
        ner = doc._.ner_spans if self.use_ner else None
        mentions = self.detector(norm, places, boilerplate(doc), ner, self._ner_windows(doc, norm, ner))
        if not self.persons:
            mentions = [m for m in mentions if m.label == "DEPUTY"]
        new = []
        for m in mentions:
            sp = char_span(doc, m.start, m.end, m.label)
            if sp is None:
                continue
            sp._.level = m.level if m.label == "DEPUTY" else None
            sp._.source = m.source
            new.append(sp)
        keep = []
        for sp in spans_of(doc):
            if sp.label_ == "PLACE" and sp._.source in ("short", "docshort") and any(
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
        (it then also filled ``doc._.words``), else the cascade's windows."""
        if ner is None:
            return None
        if doc._.words:
            return [(0, len(norm))]
        return self.detector.unsure_windows(norm)


@Language.factory("zhpolitics_deputies", default_config={"persons": True, "use_ner": True, "ner_persons": False})
def make_deputies(nlp: Language, name: str, persons: bool, use_ner: bool, ner_persons: bool | str) -> Deputies:
    """``use_ner``: let NER PER spans bound names the title rules cannot (才让卓玛);
    ``ner_persons``: also add NER PER spans as PERSON — ``"strict"`` only where the name
    rules agree, ``True`` all of them (the ``full`` pipeline), ``False`` none (the
    default: on news pages about deputies it cost precision, see README)."""
    return Deputies(nlp, name, persons, use_ner, ner_persons)
