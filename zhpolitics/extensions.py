"""All custom ``Doc``/``Span`` attributes of zhpolitics, registered in one place.

Import this module (``zhpolitics`` does it on import) before using ``doc._.…``.
Components write these attributes; records read them.  Results themselves live on
``doc.spans[SPANS_KEY]`` (all entity spans, overlaps allowed), ``doc.spans[ACTIONS_KEY]``
(ACTION spans) and ``doc.ents`` (the non-overlapping projection).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

SPANS_KEY = "zhpolitics"
ACTIONS_KEY = "zhpolitics_actions"

_DOC_ATTRS = {
    # matching view of the text: same length, simplified, punctuation unified
    "zhp_norm": None,
    # [(start, end)] character ranges of navigation bars, footers, copyright lines
    "boilerplate": None,
    # [(start, end, label)] PER/LOC/ORG spans from the statistical NER (char offsets)
    "ner_spans": None,
    # [(start, end, tag)] words and POS tags from the statistical layer (char offsets)
    "words": None,
    # [(start, end, head_start, head_end, relation)] dependency arcs from a HanLP model
    # (char offsets; the root's head is (-1, -1)); None with the default backend
    "dep_arcs": None,
    # [(pred_start, pred_end, ((start, end, role), ...))] SRL frames from a HanLP model
    "srl_frames": None,
    # one entry per distinct person (see components/persons.py)
    "people": None,
    # [Link] who-did-what (see components/actions.py)
    "links": None,
    # pass-through metadata of the input record (id, title, date, ...)
    "meta": None,
}

_SPAN_ATTRS = {
    "level": None,  # congress level (DEPUTY) or administrative level (PLACE)
    "code": None,  # statistical division code (PLACE)
    "path": None,  # [(code, name)] ancestors of a PLACE, province first
    "current_code": None,  # today's code of a PLACE (differs from `code` for a former name)
    "in_use": None,  # (first year, year it ended) of a PLACE named by a former name
    "confidence": None,  # resolution confidence of a PLACE code, 0..1
    "canonical": None,  # canonical form of a SLOGAN
    "lexicon": None,  # lexicon entry text a SLOGAN was linked to
    "person_id": None,  # index into doc._.people
    "source": None,  # which rule/model produced the span
}


def register() -> None:
    """Register every extension (idempotent)."""
    for name, default in _DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _SPAN_ATTRS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register()
