"""Docs → records in the gold format of ANNOTATION.md, and records → DataFrames.

A record is ``{"id", "text", "spans": [...], "links": [...], "people": [...]}`` plus any
pass-through fields of the input.  Offsets are character offsets into ``text`` exactly
as given (never normalised).  ``zhpolitics/schema/record.schema.json`` documents it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from spacy.tokens import Doc

from . import extensions  # noqa: F401
from .extensions import SPANS_KEY
from .resources import cached, read_json

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


def doc_id_of(doc: Doc) -> Any:
    """The id a Doc carries: ``doc._.id`` if that extension is set, else
    ``doc.user_data["id"]``, else the ``id`` of ``doc._.zhp_meta`` (None without any)."""
    if Doc.has_extension("id") and doc._.id is not None:
        return doc._.id
    if doc.user_data.get("id") is not None:
        return doc.user_data["id"]
    return (doc._.zhp_meta or {}).get("id")


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

    The id is ``doc_id``, else the ``id`` of ``meta``, else the Doc's own (see
    :func:`doc_id_of`), so rows of a DataFrame keep their document.  ``meta`` (or
    ``doc._.zhp_meta``) fields pass through, except ``spans``, ``links`` and ``people``,
    which always hold this pipeline's predictions.  Reads only plain stored values, so a
    Doc restored by ``Doc.from_bytes`` or ``DocBin`` gives the same record as the one
    that was processed.
    """
    meta = dict(meta if meta is not None else (doc._.zhp_meta or {}))
    if doc_id is None:
        doc_id = meta.get("id")
    rec: dict[str, Any] = {"id": doc_id if doc_id is not None else doc_id_of(doc)}
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


@cached("batch")
def _error_kinds() -> tuple[tuple[tuple[str, str], ...], str]:
    raw = read_json("batch", "error_kinds.json")
    return tuple((k, t) for k, t in raw["kinds"]), raw["default"]


def error_kind(reason: str) -> str:
    """The class of an error reason (``empty``, ``bad-json``, ...), for counts a person can read;
    the table is ``resources/batch/error_kinds.json``."""
    kinds, default = _error_kinds()
    return next((k for k, text in kinds if text in reason), default)


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
        if k not in RESERVED and k not in ("id", "text", "error", "error_kind"):
            rec[k] = v
    rec.update({"error": reason, "error_kind": error_kind(reason), "spans": [], "links": [], "people": []})
    return rec


@lru_cache(maxsize=1)
def _table_schema() -> dict:
    return json.loads((Path(__file__).parent / "schema" / "tables.schema.json").read_text("utf-8"))


def table_types(table: str) -> dict[str, str]:
    """Declared Arrow type (``int64``, ``float64``, ``string``) of every fixed column of ``table``."""
    sch = _table_schema()
    return {c["name"]: c["arrow"] for c in sch["common"] + sch["tables"][table] + sch["tail"]}


def table_columns(rows: list[dict], table: str) -> list[str]:
    """Fixed columns of ``table`` in declared order, then the pass-through fields in first-seen order."""
    sch = _table_schema()
    cols = [c["name"] for c in sch["common"] + sch["tables"][table] + sch["tail"]]
    fixed = set(cols)
    for r in rows:
        cols.extend(k for k in r if k not in fixed and k not in cols)
    return cols


def _span_person_ids(rec: dict) -> dict[tuple[int, int], int]:
    return {(s["start"], s["end"]): s["person"] for s in rec.get("spans") or [] if s.get("person") is not None}


def item_row(item: dict, table: str, person_ids: dict[tuple[int, int], int] | None = None) -> dict[str, Any]:
    """The flat columns of one span, link or person (shared by DataFrames and CSV/Parquet)."""
    if table == "links":
        place = item.get("place") or {}
        sentence = item.get("sentence") or [None, None]
        dep = item["deputy"]
        return {"deputy_person_id": (person_ids or {}).get((dep[0], dep[1])),
                "deputy_start": dep[0], "deputy_end": dep[1], "deputy": item.get("deputy_text"),
                "action_start": item["action"][0], "action_end": item["action"][1], "action": item.get("action_text"),
                "type": item.get("type"), "probability": item.get("probability"),
                "place": place.get("text"), "place_code": place.get("code"),
                "sentence_start": sentence[0], "sentence_end": sentence[1]}
    if table == "people":
        return {"person_id": item.get("id"), "name": item.get("name"), "role": item.get("role"), "level": item.get("level"),
                "mentions": len(item.get("mentions", [])), "titles": "；".join(item.get("titles", [])),
                "places": "；".join(item.get("places", []))}
    row = {k: item.get(k) for k in ("start", "end", "label", "text", "level", "code", "confidence", "canonical", "lexicon")}
    row["path"] = ">".join(item["path"]) if item.get("path") else None
    row["person_id"] = item.get("person")
    return row


def _passthrough(rec: dict, fixed: set[str], keep_fields: Iterable[str] | None) -> dict[str, Any]:
    """Input fields of a record as table cells: lists/objects as JSON text, clashing names as ``input_<name>``."""
    out: dict[str, Any] = {}
    for k, v in rec.items():
        if k in RESERVED or k in ("id", "text", "error", "error_kind"):
            continue
        if keep_fields is not None and k not in keep_fields:
            continue
        if isinstance(v, (list, dict)):
            v = json.dumps(v, ensure_ascii=False)
        out[f"input_{k}" if k in fixed else k] = v
    return out


def table_rows(records: Iterable[dict], table: str = "spans", keep_empty: bool = False,
               meta: tuple[str, ...] = (), passthrough: bool = False,
               keep_fields: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """One row per span/link/person, with the record's ``id``, ``error`` and input fields.

    ``passthrough`` copies every input field (or only ``keep_fields``); ``meta`` names
    fields to copy without it.  With ``keep_empty`` a record without items (or an
    error record) still gives one row, so a table never silently loses a document.
    """
    if table not in ("spans", "links", "people"):
        raise ValueError("table must be 'spans', 'links' or 'people'")
    fixed = set(table_types(table))
    keep = set(keep_fields) if keep_fields is not None else None
    rows: list[dict[str, Any]] = []
    for r in records:
        base: dict[str, Any] = {"id": r.get("id")}
        if r.get("error"):
            base.update({"error": r["error"], "error_kind": r.get("error_kind") or error_kind(r["error"])})
        base.update({k: r[k] for k in meta if k in r})
        if passthrough:
            base.update(_passthrough(r, fixed, keep))
        items = r.get(table) or []
        if not items and keep_empty:
            rows.append(dict(base))
        pids = _span_person_ids(r) if table == "links" else None
        for n, item in enumerate(items):
            row = dict(base)
            if table == "links":
                row["link"] = n
            row.update(item_row(item, table, pids))
            rows.append(row)
    return rows


def to_dataframe(records: Iterable[dict], table: str = "spans"):
    """One row per span (``"spans"``), link (``"links"``) or person (``"people"``), with the
    columns and dtypes of ``zhpolitics/schema/tables.schema.json`` (offsets as ``Int64``).

    Needs pandas (``pip install zhpolitics[parquet]``).
    """
    import pandas as pd

    rows = table_rows(records, table, passthrough=True)
    df = pd.DataFrame(rows, columns=table_columns(rows, table))
    ints = [c for c, t in table_types(table).items() if t == "int64"]
    return df.astype({c: "Int64" for c in ints})
