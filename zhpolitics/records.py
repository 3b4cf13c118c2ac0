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
        d["level"] = u.zhp_level
    if label == "PLACE":
        d["code"] = u.zhp_code
        path = u.zhp_path
        if path:
            d["path"] = [c for c, _n in path]
        d["confidence"] = u.zhp_confidence
    if label == "SLOGAN":
        d["canonical"] = u.zhp_canonical
        lex = u.zhp_lexicon
        if lex:
            d["lexicon"] = lex
    pid = u.zhp_person_id
    if pid is not None:
        d["person"] = pid
    return d


def _link_dict(doc: Doc, link: dict[str, Any], text: str) -> dict[str, Any]:
    """One stored link (offsets, see ``doc._.zhp_link_data``) in the record format."""
    (ds, de), (as_, ae) = link["deputy"], link["action"]
    place = link.get("place")
    place_rec = None
    if place:
        ps, pe = place
        # the PLACE span's attributes are keyed by its offsets in doc.user_data
        code = doc.user_data.get(("._.", "zhp_code", ps, pe))
        place_rec = {"start": ps, "end": pe, "text": text[ps:pe], "code": code}
    return {
        "deputy": [ds, de],
        "action": [as_, ae],
        "type": link["type"],
        "probability": link.get("probability"),
        "deputy_text": text[ds:de],
        "action_text": text[as_:ae],
        "place": place_rec,
        "sentence": list(link.get("sentence") or (0, 0)),
    }


def to_record(doc: Doc, doc_id: str | None = None, include_text: bool = True, meta: dict | None = None) -> dict[str, Any]:
    """The gold-format record of a processed Doc.

    ``meta`` (or ``doc._.zhp_meta``) fields pass through, except ``spans``, ``links`` and
    ``people``, which always hold this pipeline's predictions.  Reads only plain
    stored values, so a Doc restored by ``Doc.from_bytes`` or ``DocBin`` gives the same
    record as the one that was processed.
    """
    meta = dict(meta if meta is not None else (doc._.zhp_meta or {}))
    rec: dict[str, Any] = {"id": doc_id if doc_id is not None else meta.get("id")}
    for k, v in meta.items():
        if k not in RESERVED and k not in ("id", "text"):
            rec[k] = v
    text = doc.user_data.get("zhp_text") or doc.text
    if include_text:
        rec["text"] = text
    spans = doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else []
    rec["spans"] = [_span_dict(sp, text) for sp in sorted(spans, key=lambda s: (s.start_char, s.end_char))]
    rec["links"] = [_link_dict(doc, l, text) for l in doc._.zhp_link_data or []
                    if l.get("deputy") and l.get("action")]
    rec["people"] = _lists(doc._.zhp_people or [])
    return rec


def _lists(value: Any) -> Any:
    """A copy with every tuple as a list: ``DocBin`` restores stored lists as tuples."""
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value


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
