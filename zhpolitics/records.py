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
    d: dict[str, Any] = {"start": sp.start_char, "end": sp.end_char, "label": sp.label_, "text": text[sp.start_char:sp.end_char]}
    if sp.label_ in ("DEPUTY", "PLACE"):
        d["level"] = sp._.level
    if sp.label_ == "PLACE":
        d["code"] = sp._.code
        if sp._.path:
            d["path"] = [c for c, _n in sp._.path]
        d["confidence"] = sp._.confidence
    if sp.label_ == "SLOGAN":
        d["canonical"] = sp._.canonical
        if sp._.lexicon:
            d["lexicon"] = sp._.lexicon
    if sp._.person_id is not None:
        d["person"] = sp._.person_id
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


def to_dataframe(records: Iterable[dict], table: str = "spans"):
    """One row per span (``"spans"``), link (``"links"``) or person (``"people"``).

    Needs pandas (``pip install zhpolitics[parquet]``).
    """
    import pandas as pd

    rows = []
    for r in records:
        for item in r.get(table) or []:
            row = {"id": r.get("id")}
            if table == "links":
                row.update({"deputy_start": item["deputy"][0], "deputy_end": item["deputy"][1],
                            "deputy": item.get("deputy_text"), "action_start": item["action"][0],
                            "action_end": item["action"][1], "action": item.get("action_text"),
                            "type": item["type"], "probability": item.get("probability"),
                            "place": (item.get("place") or {}).get("text"), "place_code": (item.get("place") or {}).get("code"),
                            "sentence_start": (item.get("sentence") or [None, None])[0],
                            "sentence_end": (item.get("sentence") or [None, None])[1]})
            elif table == "people":
                row.update({k: item.get(k) for k in ("id", "name", "role", "level")})
                row["person"] = row.pop("id")
                row["id"] = r.get("id")
                row["mentions"] = len(item.get("mentions", []))
                row["titles"] = "；".join(item.get("titles", []))
                row["places"] = "；".join(item.get("places", []))
            else:
                row.update({k: item.get(k) for k in ("start", "end", "label", "text", "level", "code", "canonical")})
            rows.append(row)
    if table not in ("spans", "links", "people"):
        raise ValueError("table must be 'spans', 'links' or 'people'")
    return pd.DataFrame(rows)
