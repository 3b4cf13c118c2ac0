"""Reading corpora and writing results, robustly.

Inputs: ``.txt`` files, folders (recursively), JSONL (``--text-field``/``--id-field``;
other fields pass through), CSV, and HTML (markup and boilerplate removed; the record
carries the extracted text its offsets refer to).  Every input document becomes one
:class:`InputDoc`; a document that cannot be read (empty, binary, undecodable, bad
JSON) carries an ``error`` instead of text, so it still yields one output record.

Outputs: JSONL written in whole batches (one ``write`` + ``fsync`` per batch), so a run
killed at any moment can be resumed (``--resume``) and ends with the same records as
an uninterrupted run.  CSV and Parquet are tables derived from that JSONL.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

TEXT_EXTS = {".txt", ".text", ".md", ""}
HTML_EXTS = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXTS = {".jsonl", ".ndjson", ".json"}
CSV_EXTS = {".csv", ".tsv"}


@dataclass
class InputDoc:
    id: str
    text: str | None
    meta: dict = field(default_factory=dict)
    error: str | None = None
    origin: str | None = None  # "file" or "file:line": where the document was read (for messages and unique ids)


# ---------------------------------------------------------------- decoding
def decode_bytes(data: bytes) -> tuple[str | None, str | None]:
    """``(text, None)`` or ``(None, reason)`` for raw file bytes.

    UTF-8 (with or without BOM) and UTF-16 with BOM are read as such; otherwise GB18030
    (a superset of GBK/GB2312, common in Chinese archives) is tried and accepted when
    the result is plausibly Chinese text.
    """
    if not data.strip():
        return None, "empty document"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, "undecodable bytes (UTF-16 BOM but invalid content)"
    if b"\x00" in data[:4096]:
        return None, "binary content (NUL bytes); only text, HTML, JSONL and CSV files can be processed"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None, "undecodable bytes: not UTF-8 or GB18030; re-encode the file as UTF-8 (e.g. iconv -f BIG5 -t UTF-8)"
    if _plausible_text(text):
        return text, None
    return None, "binary content or unknown encoding; re-encode the file as UTF-8"


def _plausible_text(text: str) -> bool:
    if not text:
        return False
    sample = text[:5000]
    ctrl = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t")
    if ctrl > 0.01 * len(sample):
        return False
    cjk = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff")
    printable = sum(1 for c in sample if c.isprintable() or c in "\r\n\t")
    return printable > 0.95 * len(sample) and (cjk > 0.05 * len(sample) or sample.isascii())


def check_text(text: str) -> str | None:
    """Reason a decoded text cannot be processed, or None."""
    if not text or not text.strip():
        return "empty document"
    sample = text[:5000]
    ctrl = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t\f\v")
    if "\x00" in sample or ctrl > 0.05 * len(sample):
        return "binary content in text field"
    return None


# ---------------------------------------------------------------- HTML
class _TextExtractor(HTMLParser):
    _SKIP = {"script", "style", "noscript", "nav", "footer", "header", "aside", "form", "iframe", "svg", "select", "button"}
    _BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
              "article", "blockquote", "pre", "dd", "dt", "hr", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        cls = " ".join(v or "" for k, v in attrs if k in ("class", "id")).lower()
        if tag in self._SKIP or re.search(r"\b(nav|menu|footer|breadcrumb|copyright|sidebar|share)\b", cls):
            if tag not in ("br", "hr", "img", "input", "meta", "link"):
                self.skip += 1
                self._skip_tag = tag
            return
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if self.skip and (tag in self._SKIP or tag == getattr(self, "_skip_tag", None) or tag in ("div", "ul", "section")):
            self.skip -= 1
            return
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


MAX_HTML_CHARS = 5_000_000  # a page above this is an error record, refused before parsing (bounded time and memory)


def html_to_text(html: str) -> str:
    """Visible article text of an HTML page: markup, scripts, menus and footers removed.

    Copyright/ICP lines that remain are dropped too; offsets in the output records
    refer to this extracted text.
    """
    p = _TextExtractor()
    try:
        p.feed(html)
        p.close()
    except Exception:  # malformed markup: keep what was parsed
        pass
    raw = "".join(p.parts)
    from .boilerplate import find_boilerplate
    from .text import normalize

    lines = [re.sub(r"[ \t\u3000\xa0]+", " ", l).strip() for l in raw.splitlines()]
    text = "\n".join(l for l in lines if l)
    bp = find_boilerplate(normalize(text))
    if bp:
        keep, last = [], 0
        for s, e in bp:
            keep.append(text[last:s])
            last = e
        keep.append(text[last:])
        text = "\n".join(l for l in "".join(keep).splitlines() if l.strip())
    return text


# ---------------------------------------------------------------- reading
def _iter_files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for p in sorted(path.rglob("*")):
            if p.is_file() and not p.name.startswith("."):
                yield p
    else:
        yield path


def _doc_from_text(doc_id: str, text: str | None, err: str | None, meta: dict, html: bool) -> InputDoc:
    if err:
        return InputDoc(doc_id, None, meta, err)
    if html:
        if len(text or "") > MAX_HTML_CHARS:
            return InputDoc(doc_id, None, meta, f"HTML page too large: {len(text or ''):,} characters (limit "
                                                f"{MAX_HTML_CHARS:,}); split it or extract its text first")
        text = html_to_text(text or "")
        if not text.strip():
            return InputDoc(doc_id, None, meta, "no text left after removing HTML markup and boilerplate")
    err = check_text(text or "")
    return InputDoc(doc_id, None if err else text, meta, err)


def _at(doc: InputDoc, origin: str) -> InputDoc:
    doc.origin = origin
    return doc


def iter_inputs(paths: Iterable[str | Path], text_field: str = "text", id_field: str = "id",
                html: bool = False, encoding_errors: str = "strict") -> Iterator[InputDoc]:
    """Every document in ``paths`` (files or folders), in a stable order."""
    for raw in paths:
        root = Path(raw)
        if not root.exists():
            yield InputDoc(str(raw), None, {}, f"no such file or folder: {raw}", origin=str(raw))
            continue
        for f in _iter_files(root):
            ext = f.suffix.lower()
            rel = str(f)
            if ext in JSONL_EXTS:
                yield from _iter_jsonl(f, text_field, id_field, html)
            elif ext in CSV_EXTS:
                yield from _iter_csv(f, text_field, id_field, html)
            else:
                try:
                    data = f.read_bytes()
                except OSError as exc:
                    yield InputDoc(rel, None, {"source": rel}, f"cannot read file: {exc}", origin=rel)
                    continue
                text, err = decode_bytes(data)
                yield _at(_doc_from_text(rel, text, err, {"source": rel}, html or ext in HTML_EXTS), rel)


def _decoded(f: Path) -> tuple[str, InputDoc | None]:
    """The text of a JSONL/CSV file, or the one error record that stands for all its documents."""
    text, err = decode_bytes(f.read_bytes())
    if err:
        return "", InputDoc(str(f), None, {"source": str(f)}, err, origin=str(f))
    return text or "", None


def _iter_jsonl(f: Path, text_field: str, id_field: str, html: bool) -> Iterator[InputDoc]:
    text, failed = _decoded(f)
    if failed is not None:
        yield failed
        return
    lines = (text or "").splitlines()
    if f.suffix.lower() == ".json" and text and text.lstrip().startswith("["):
        try:
            items = json.loads(text)
            lines = [json.dumps(x, ensure_ascii=False) for x in items]
        except ValueError:
            pass
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        default_id = f"{f}:{n}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield InputDoc(default_id, None, {"source": str(f)}, f"invalid JSON on line {n}: {exc.msg}", origin=default_id)
            continue
        if not isinstance(obj, dict):
            yield InputDoc(default_id, None, {"source": str(f)}, f"line {n} is not a JSON object", origin=default_id)
            continue
        doc_id = obj.get(id_field)
        doc_id = str(doc_id) if doc_id is not None else default_id
        meta = {k: v for k, v in obj.items() if k not in (text_field,)}
        meta["id"] = doc_id
        val = obj.get(text_field)
        if not isinstance(val, str):
            yield InputDoc(doc_id, None, meta, f"field {text_field!r} missing or not a string (use --text-field)",
                           origin=default_id)
            continue
        yield _at(_doc_from_text(doc_id, val, None, meta, html), default_id)


def _iter_csv(f: Path, text_field: str, id_field: str, html: bool) -> Iterator[InputDoc]:
    text, failed = _decoded(f)
    if failed is not None:
        yield failed
        return
    csv.field_size_limit(min(sys.maxsize, 2 ** 31 - 1))
    reader = csv.DictReader(io.StringIO(text or ""), delimiter="\t" if f.suffix.lower() == ".tsv" else ",")
    if reader.fieldnames is None or text_field not in reader.fieldnames:
        yield InputDoc(str(f), None, {"source": str(f)},
                       f"CSV has no column {text_field!r} (columns: {reader.fieldnames}); use --text-field", origin=str(f))
        return
    for n, row in enumerate(reader, 2):
        doc_id = row.get(id_field) or f"{f}:{n}"
        meta = {k: v for k, v in row.items() if k != text_field and k is not None}
        meta["id"] = doc_id
        yield _at(_doc_from_text(doc_id, row.get(text_field), None, meta, html), f"{f}:{n}")


# ---------------------------------------------------------------- ids
class DuplicateIdError(ValueError):
    """Raised under ``strict`` when an id repeats; the message names both places."""


@dataclass
class IdRegistry:
    """Ids seen so far in one run; ``renamed`` counts the duplicates made unique.

    The first document with an id keeps it; a later one gets ``id@file:line`` (its
    origin).  The input order is stable, so a resumed run renames the same documents
    the same way and ``--resume`` skips exactly what the first run wrote.
    """

    strict: bool = False
    seen: dict[str, str] = field(default_factory=dict)
    renamed: int = 0

    def unique(self, item: InputDoc) -> InputDoc:
        key = str(item.id)
        if key not in self.seen:
            self.seen[key] = item.origin or key
            return item
        if self.strict:
            raise DuplicateIdError(f"duplicate id {key!r} at {item.origin or key} (first at {self.seen[key]}); "
                                   "make the ids unique (--id-field) or drop --strict-ids")
        new = f"{key}@{item.origin or len(self.seen)}"
        while new in self.seen:
            new += "+"
        self.seen[new] = item.origin or new
        self.renamed += 1
        item.id = new
        if "id" in item.meta:
            item.meta["id"] = new
        return item


def unique_ids(items: Iterable[InputDoc], registry: IdRegistry) -> Iterator[InputDoc]:
    """``items`` with every id unique (see :class:`IdRegistry`)."""
    for it in items:
        yield registry.unique(it)


# ---------------------------------------------------------------- input fingerprints
def input_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files :func:`iter_inputs` reads for ``paths``, in its order."""
    out: list[Path] = []
    for raw in paths:
        root = Path(raw)
        if root.exists():
            out.extend(_iter_files(root))
    return out


def fingerprint(paths: Iterable[str | Path]) -> list[dict]:
    """Size and modification time of every input file: enough to notice an edit between a
    run and its ``--resume`` without reading the corpus twice."""
    rows = []
    for f in input_files(paths):
        st = f.stat()
        rows.append({"path": str(f.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns})
    return rows


def fingerprint_change(old: list[dict], new: list[dict]) -> str | None:
    """The first difference between two fingerprints, in words, or None."""
    before = {r["path"]: r for r in old}
    after = {r["path"]: r for r in new}
    for path in before.keys() - after.keys():
        return f"input {path} is gone"
    for path in after.keys() - before.keys():
        return f"input {path} is new"
    for path, r in after.items():
        o = before[path]
        if (o["size"], o["mtime_ns"]) != (r["size"], r["mtime_ns"]):
            return f"input {path} changed (size {o['size']:,} → {r['size']:,} bytes, or modified since)"
    return None


# ---------------------------------------------------------------- writing
def partial_path(path: Path) -> Path:
    """Where a run writes before its output is complete (same folder, so the final
    rename is atomic)."""
    return path.with_name(path.name + ".partial")


def _write_all(fd: int, data: bytes) -> None:
    """``os.write`` until every byte is written (a short write is not an error)."""
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


class OutputError(OSError):
    """Writing the output failed (disk full, permission, ...); what was written is intact."""


class JsonlSink:
    """Write records batch by batch into ``path + '.partial'``; :meth:`commit` renames it.

    Each batch is one write followed by ``fsync``.  A write that fails (disk full) is
    cut back to the last whole batch before the error is raised, so the partial output
    always ends with a whole record.  With ``resume`` an existing partial file (or a
    finished output) is continued: its ids are in :attr:`done`, its error kinds in
    :attr:`done_errors`, and a torn last line (a killed run) is dropped.  ``atomic=False``
    appends to ``path`` itself (the Dask engine's part files).
    """

    def __init__(self, path: Path, resume: bool = False, atomic: bool = True):
        self.path = Path(path)
        self.work = partial_path(self.path) if atomic else self.path
        self.done: set[str] = set()
        self.done_errors: dict[str, int] = {}
        self.written = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if resume and atomic and not self.work.exists() and self.path.exists():
            os.replace(self.path, self.work)  # continue a finished output: it is partial again until commit
        if resume and self.work.exists():
            self._repair()
            self._scan()
            self.fd = os.open(self.work, os.O_WRONLY | os.O_APPEND)
        else:
            self.fd = os.open(self.work, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)

    def _repair(self) -> None:
        """Drop a trailing partial line left by a killed run."""
        with open(self.work, "rb+") as fh:
            data = fh.read()
            if data and not data.endswith(b"\n"):
                fh.truncate(data.rfind(b"\n") + 1)

    def _scan(self) -> None:
        from .records import error_kind

        with open(self.work, encoding="utf-8") as fh:
            for line in fh:
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                self.done.add(str(rec.get("id")))
                if rec.get("error"):
                    kind = rec.get("error_kind") or error_kind(rec["error"])
                    self.done_errors[kind] = self.done_errors.get(kind, 0) + 1

    def write_batch(self, records: list[dict]) -> None:
        self.write_lines([json.dumps(r, ensure_ascii=False) + "\n" for r in records])

    def write_lines(self, lines: list[str]) -> None:
        """Write already serialised JSONL lines as one batch (one write, then fsync)."""
        if not lines:
            return
        end = os.lseek(self.fd, 0, os.SEEK_END)
        try:
            _write_all(self.fd, "".join(lines).encode("utf-8"))
            os.fsync(self.fd)
        except OSError as exc:
            try:
                os.ftruncate(self.fd, end)  # keep whole records only
            except OSError:
                pass
            raise OutputError(exc.errno, f"cannot write {self.work}: {exc.strerror or exc}") from exc
        self.written += len(lines)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def commit(self) -> None:
        """Close and move the finished output into place (atomic within one folder)."""
        self.close()
        if self.work != self.path:
            os.replace(self.work, self.path)


def read_records(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def write_table(records_path: Path, out: Path, fmt: str, table: str = "spans",
                keep_fields: tuple[str, ...] | None = None) -> int:
    """CSV/Parquet table (one row per span/link/person; error docs as rows) from JSONL.

    Every input field passes through as a column (``keep_fields`` narrows them).  The
    table is written beside ``out`` and renamed into place when complete.  Column types
    are declared in ``zhpolitics/schema/tables.schema.json``.
    """
    from .records import table_columns, table_rows

    rows = table_rows(read_records(records_path), table, keep_empty=True, passthrough=True, keep_fields=keep_fields)
    cols = table_columns(rows, table)
    tmp = partial_path(out)
    if fmt == "csv":
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=cols)
            w.writeheader()
            w.writerows(rows)
    else:
        _write_parquet(rows, cols, table, tmp)
    os.replace(tmp, out)
    return len(rows)


def _write_parquet(rows: list[dict], cols: list[str], table: str, out: Path) -> None:
    """Parquet with the declared column types (integer offsets stay integers, nulls allowed)
    and pandas metadata, so ``pandas.read_parquet`` gives the documented dtypes (``Int64``)."""
    try:
        import pandas as pd
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise SystemExit("Parquet output needs pandas and pyarrow: pip install 'zhpolitics[parquet]'") from exc
    from .records import table_types

    declared = table_types(table)
    df = pd.DataFrame(rows, columns=cols)
    df = df.astype({c: "Int64" if t == "int64" else "float64" for c, t in declared.items() if t != "string"})
    for c in cols:
        if c in declared and declared[c] == "string":
            df[c] = df[c].astype(object)
        elif c not in declared:  # a pass-through field: its own type, or text when it mixes types
            try:
                pa.array(df[c].tolist())
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                df[c] = [None if v is None else str(v) for v in df[c]]
    schema = pa.Schema.from_pandas(df, preserve_index=False)
    for c, t in declared.items():
        if c in cols:
            i = schema.get_field_index(c)
            schema = schema.set(i, pa.field(c, getattr(pa, t)()))
    pq.write_table(pa.Table.from_pandas(df, schema=schema, preserve_index=False), out)
