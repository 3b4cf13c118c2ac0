"""Docs → records in the gold format of ANNOTATION.md, and records → DataFrames.

A record is ``{"id", "text", "spans": [...], "links": [...], "people": [...]}`` plus any
pass-through fields of the input.  Offsets are character offsets into ``text`` exactly
as given (never normalised).  ``zhpolitics/schema/record.schema.json`` documents it.
"""

from __future__ import annotations

from typing import Any, Iterable

from spacy.tokens import Doc

from . import extensions  # noqa: F401
from .extensions import SPANS_KEY

RESERVED = ("spans", "links", "people")


def _span_dict(sp, text: str) -> dict[str, Any]:
    s, e, label = sp.start_char, sp.end_char, sp.label_
    u = sp._  # one Underscore object per span (each ``sp._`` access builds a new one)
    d: dict[str, Any] = {"start": s, "end": e, "label": label, "text": text[s:e]}
    if label in ("DEPUTY", "PLACE"):
        d["level"] = u.level
    if label == "PLACE":
        d["code"] = u.code
        path = u.path
        if path:
            d["path"] = [c for c, _n in path]
        d["confidence"] = u.confidence
    if label == "SLOGAN":
        d["canonical"] = u.canonical
        lex = u.lexicon
        if lex:
            d["lexicon"] = lex
    pid = u.person_id
    if pid is not None:
        d["person"] = pid
    return d


def to_record(doc: Doc, doc_id: str | None = None, include_text: bool = True, meta: dict | None = None) -> dict[str, Any]:
    """The gold-format record of a processed Doc.

    ``meta`` (or ``doc._.meta``) fields pass through, except ``spans``, ``links`` and
    ``people``, which always hold this pipeline's predictions.
    """
    meta = dict(meta if meta is not None else (doc._.meta or {}))
    rec: dict[str, Any] = {"id": doc_id if doc_id is not None else meta.get("id")}
    for k, v in meta.items():
        if k not in RESERVED and k not in ("id", "text"):
            rec[k] = v
    if include_text:
        rec["text"] = doc.user_data.get("zhp_text") or doc.text
    spans = doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else []
    text = doc.user_data.get("zhp_text") or doc.text
    rec["spans"] = [_span_dict(sp, text) for sp in sorted(spans, key=lambda s: (s.start_char, s.end_char))]
    links = []
    for l in doc._.links or []:
        dep, act = l["deputy"], l["action"]
        if dep is None or act is None:
            continue
        place = l.get("place")
        links.append({
            "deputy": [dep.start_char, dep.end_char],
            "action": [act.start_char, act.end_char],
            "type": l["type"],
            "probability": l.get("probability"),
            "deputy_text": text[dep.start_char:dep.end_char],
            "action_text": text[act.start_char:act.end_char],
            "place": ({"start": place.start_char, "end": place.end_char, "text": text[place.start_char:place.end_char], "code": place._.code}
                      if place is not None else None),
            "sentence": list(l.get("sentence") or (0, 0)),
        })
    rec["links"] = links
    rec["people"] = doc._.people or []
    return rec


def error_record(doc_id: str | None, reason: str, meta: dict | None = None) -> dict[str, Any]:
    """The record of a document that could not be processed (kept, never dropped)."""
    rec: dict[str, Any] = {"id": doc_id}
    for k, v in (meta or {}).items():
        if k not in RESERVED and k not in ("id", "text"):
            rec[k] = v
    rec.update({"error": reason, "spans": [], "links": [], "people": []})
    return rec


def item_row(item: dict, table: str) -> dict[str, Any]:
    """The flat columns of one span, link or person (shared by DataFrames and CSV/Parquet)."""
    if table == "links":
        place = item.get("place") or {}
        sentence = item.get("sentence") or [None, None]
        return {"deputy_start": item["deputy"][0], "deputy_end": item["deputy"][1], "deputy": item.get("deputy_text"),
                "action_start": item["action"][0], "action_end": item["action"][1], "action": item.get("action_text"),
                "type": item.get("type"), "probability": item.get("probability"),
                "place": place.get("text"), "place_code": place.get("code"),
                "sentence_start": sentence[0], "sentence_end": sentence[1]}
    if table == "people":
        return {"person": item.get("id"), "name": item.get("name"), "role": item.get("role"), "level": item.get("level"),
                "mentions": len(item.get("mentions", [])), "titles": "；".join(item.get("titles", [])),
                "places": "；".join(item.get("places", []))}
    return {k: item.get(k) for k in ("start", "end", "label", "text", "level", "code", "canonical")}


def table_rows(records: Iterable[dict], table: str = "spans", keep_empty: bool = False,
               meta: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """One row per span/link/person, prefixed by the record's ``id`` and ``meta`` fields.

    With ``keep_empty`` a record without items (or an error record) still gives one row,
    so a table never silently loses a document.
    """
    if table not in ("spans", "links", "people"):
        raise ValueError("table must be 'spans', 'links' or 'people'")
    rows: list[dict[str, Any]] = []
    for r in records:
        base: dict[str, Any] = {"id": r.get("id")}
        base.update({k: r[k] for k in meta if k in r})
        items = r.get(table) or []
        if not items and keep_empty:
            rows.append(dict(base))
        for item in items:
            row = dict(base)
            row.update(item_row(item, table))
            rows.append(row)
    return rows


def to_dataframe(records: Iterable[dict], table: str = "spans"):
    """One row per span (``"spans"``), link (``"links"``) or person (``"people"``).

    Needs pandas (``pip install zhpolitics[parquet]``).
    """
    import pandas as pd

    return pd.DataFrame(table_rows(records, table))
