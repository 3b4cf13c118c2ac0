"""All custom ``Doc``/``Span`` attributes of zhpolitics, registered in one place.

Import this module (``zhpolitics`` does it on import) before using ``doc._.…``.
Components write these attributes; records read them.  Results themselves live on
``doc.spans[SPANS_KEY]`` (all entity spans, overlaps allowed), ``doc.spans[ACTIONS_KEY]``
(ACTION spans) and ``doc.ents`` (the non-overlapping projection).

Every attribute is prefixed ``zhp_`` so it cannot collide with another package's
(``span._.zhp_code``, ``doc._.zhp_links``).  Stored values are plain (offsets, strings,
numbers, lists, dicts) so ``doc.to_bytes()``, ``DocBin(store_user_data=True)`` and
``nlp.pipe(n_process=2)`` carry them; Span objects are only built by getters:

* ``doc._.zhp_link_data`` holds each link as offsets; ``doc._.zhp_links`` is the same
  list with ``deputy``/``action``/``place`` as Span views;
* ``doc._.zhp_people`` is the person table (plain dicts); ``doc._.zhp_person_spans``
  gives each person's mentions as Spans, ``span._.zhp_person`` the span's entry.

The unprefixed names of release 0.1 (``span._.code``, ``doc._.links`` …) remain as
deprecated aliases for one release, registered only where no other package owns them.
"""

from __future__ import annotations

import warnings
from typing import Any

from spacy.tokens import Doc, Span

SPANS_KEY = "zhpolitics"
ACTIONS_KEY = "zhpolitics_actions"

_DOC_ATTRS = {
    # matching view of the text: same length, simplified, punctuation unified
    "zhp_norm": None,
    # [(start, end)] character ranges of navigation bars, footers, copyright lines
    "zhp_boilerplate": None,
    # [(start, end, label)] PER/LOC/ORG spans from the statistical NER (char offsets)
    "zhp_ner_spans": None,
    # [(start, end, tag)] words and POS tags from the statistical layer (char offsets)
    "zhp_words": None,
    # [(start, end, head_start, head_end, relation)] dependency arcs from a HanLP model
    # (char offsets; the root's head is (-1, -1)); None with the default backend
    "zhp_dep_arcs": None,
    # [(pred_start, pred_end, ((start, end, role), ...))] SRL frames from a HanLP model
    "zhp_srl_frames": None,
    # one plain dict per distinct person (see components/persons.py)
    "zhp_people": None,
    # one plain dict per who-did-what link, spans as [start, end] offsets (components/actions.py)
    "zhp_link_data": None,
    # pass-through metadata of the input record (id, title, date, ...)
    "zhp_meta": None,
}

_SPAN_ATTRS = {
    "zhp_level": None,  # congress level (DEPUTY) or administrative level (PLACE)
    "zhp_code": None,  # statistical division code (PLACE)
    "zhp_path": None,  # [(code, name)] ancestors of a PLACE, province first
    "zhp_current_code": None,  # today's code of a PLACE (differs from `zhp_code` for a former name)
    "zhp_in_use": None,  # (first year, year it ended) of a PLACE named by a former name
    "zhp_confidence": None,  # resolution confidence of a PLACE code, 0..1
    "zhp_canonical": None,  # canonical form of a SLOGAN
    "zhp_lexicon": None,  # lexicon entry text a SLOGAN was linked to
    "zhp_person_id": None,  # index into doc._.zhp_people
    "zhp_source": None,  # which rule/model produced the span
}

#: deprecated name → current name (kept for one release)
DEPRECATED_DOC = {"boilerplate": "zhp_boilerplate", "ner_spans": "zhp_ner_spans", "words": "zhp_words",
                  "people": "zhp_people", "links": "zhp_links", "meta": "zhp_meta"}
DEPRECATED_SPAN = {name[4:]: name for name in _SPAN_ATTRS}

_warned: set[str] = set()


def _span_view(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """A Span over exact character offsets (expanded to token bounds with another tokenizer)."""
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def link_data(link: dict[str, Any]) -> dict[str, Any]:
    """One link as plain values: a Span (or ``(start, end)``) becomes ``[start, end]``."""
    def off(x: Any) -> list[int] | None:
        if x is None:
            return None
        if isinstance(x, Span):
            return [x.start_char, x.end_char]
        return [int(x[0]), int(x[1])]

    out = dict(link)
    for key in ("deputy", "action", "place", "sentence"):
        out[key] = off(link.get(key))
    return out


def _get_links(doc: Doc) -> list[dict[str, Any]] | None:
    """``doc._.zhp_links``: the stored links with Span views for deputy, action and place."""
    data = doc._.zhp_link_data
    if data is None:
        return None
    views = []
    for d in data:
        v = dict(d)
        for key, label in (("deputy", "DEPUTY"), ("action", "ACTION"), ("place", "PLACE")):
            v[key] = _span_view(doc, d[key][0], d[key][1], label) if d.get(key) else None
        v["sentence"] = tuple(d["sentence"]) if d.get("sentence") else None
        views.append(v)
    return views


def _set_links(doc: Doc, links: list[dict[str, Any]] | None) -> None:
    doc._.zhp_link_data = None if links is None else [link_data(l) for l in links]


def _get_person_spans(doc: Doc) -> list[list[Span]]:
    """Each person's mentions (``doc._.zhp_people`` order) as Span views."""
    return [[_span_view(doc, s, e, "PERSON") for s, e in p.get("mentions", [])] for p in doc._.zhp_people or []]


def _get_person(span: Span) -> dict[str, Any] | None:
    pid = span._.zhp_person_id
    people = span.doc._.zhp_people or []
    return people[pid] if pid is not None and pid < len(people) else None


def _alias(old: str, new: str) -> tuple:
    """Getter and setter forwarding a deprecated name to ``new`` (warns once per name)."""
    def warn() -> None:
        if old not in _warned:
            _warned.add(old)
            warnings.warn(f"zhpolitics: '._.{old}' is deprecated, use '._.{new}'", DeprecationWarning, stacklevel=3)

    def getter(obj: Any) -> Any:
        warn()
        return getattr(obj._, new)

    def setter(obj: Any, value: Any) -> None:
        warn()
        setattr(obj._, new, value)

    return getter, setter


def register() -> None:
    """Register every extension (idempotent); aliases only where the name is free."""
    for name, default in _DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _SPAN_ATTRS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    if not Doc.has_extension("zhp_links"):
        Doc.set_extension("zhp_links", getter=_get_links, setter=_set_links)
    if not Doc.has_extension("zhp_person_spans"):
        Doc.set_extension("zhp_person_spans", getter=_get_person_spans)
    if not Span.has_extension("zhp_person"):
        Span.set_extension("zhp_person", getter=_get_person)
    for cls, table in ((Doc, DEPRECATED_DOC), (Span, DEPRECATED_SPAN)):
        for old, new in table.items():
            if not cls.has_extension(old):
                getter, setter = _alias(old, new)
                cls.set_extension(old, getter=getter, setter=setter)


register()
