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
        text = html_to_text(text or "")
        if not text.strip():
            return InputDoc(doc_id, None, meta, "no text left after removing HTML markup and boilerplate")
    err = check_text(text or "")
    return InputDoc(doc_id, None if err else text, meta, err)


def iter_inputs(paths: Iterable[str | Path], text_field: str = "text", id_field: str = "id",
                html: bool = False, encoding_errors: str = "strict") -> Iterator[InputDoc]:
    """Every document in ``paths`` (files or folders), in a stable order."""
    for raw in paths:
        root = Path(raw)
        if not root.exists():
            yield InputDoc(str(raw), None, {}, f"no such file or folder: {raw}")
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
                    yield InputDoc(rel, None, {"source": rel}, f"cannot read file: {exc}")
                    continue
                text, err = decode_bytes(data)
                yield _doc_from_text(rel, text, err, {"source": rel}, html or ext in HTML_EXTS)


def _iter_jsonl(f: Path, text_field: str, id_field: str, html: bool) -> Iterator[InputDoc]:
    data = f.read_bytes()
    text, err = decode_bytes(data)
    if err:
        yield InputDoc(str(f), None, {"source": str(f)}, err)
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
            yield InputDoc(default_id, None, {"source": str(f)}, f"invalid JSON on line {n}: {exc.msg}")
            continue
        if not isinstance(obj, dict):
            yield InputDoc(default_id, None, {"source": str(f)}, f"line {n} is not a JSON object")
            continue
        doc_id = obj.get(id_field)
        doc_id = str(doc_id) if doc_id is not None else default_id
        meta = {k: v for k, v in obj.items() if k not in (text_field,)}
        meta["id"] = doc_id
        val = obj.get(text_field)
        if not isinstance(val, str):
            yield InputDoc(doc_id, None, meta, f"field {text_field!r} missing or not a string (use --text-field)")
            continue
        yield _doc_from_text(doc_id, val, None, meta, html)


def _iter_csv(f: Path, text_field: str, id_field: str, html: bool) -> Iterator[InputDoc]:
    data = f.read_bytes()
    text, err = decode_bytes(data)
    if err:
        yield InputDoc(str(f), None, {"source": str(f)}, err)
        return
    csv.field_size_limit(min(sys.maxsize, 2 ** 31 - 1))
    reader = csv.DictReader(io.StringIO(text or ""), delimiter="\t" if f.suffix.lower() == ".tsv" else ",")
    if reader.fieldnames is None or text_field not in reader.fieldnames:
        yield InputDoc(str(f), None, {"source": str(f)}, f"CSV has no column {text_field!r} (columns: {reader.fieldnames}); use --text-field")
        return
    for n, row in enumerate(reader, 2):
        doc_id = row.get(id_field) or f"{f}:{n}"
        meta = {k: v for k, v in row.items() if k != text_field and k is not None}
        meta["id"] = doc_id
        yield _doc_from_text(doc_id, row.get(text_field), None, meta, html)


# ---------------------------------------------------------------- writing
class JsonlSink:
    """Append records batch by batch; each batch is one write followed by fsync."""

    def __init__(self, path: Path, resume: bool = False):
        self.path = path
        self.done: set[str] = set()
        path.parent.mkdir(parents=True, exist_ok=True)
        if resume and path.exists():
            self._repair()
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    try:
                        self.done.add(str(json.loads(line).get("id")))
                    except ValueError:
                        continue
            self.fh = open(path, "a", encoding="utf-8")
        else:
            self.fh = open(path, "w", encoding="utf-8")

    def _repair(self) -> None:
        """Drop a trailing partial line left by a killed run."""
        with open(self.path, "rb+") as fh:
            data = fh.read()
            if data and not data.endswith(b"\n"):
                cut = data.rfind(b"\n") + 1
                fh.truncate(cut)

    def write_batch(self, records: list[dict]) -> None:
        self.write_lines([json.dumps(r, ensure_ascii=False) + "\n" for r in records])

    def write_lines(self, lines: list[str]) -> None:
        """Write already serialised JSONL lines as one batch (one write, then fsync)."""
        if not lines:
            return
        self.fh.write("".join(lines))
        self.fh.flush()
        os.fsync(self.fh.fileno())

    def close(self) -> None:
        self.fh.close()


def read_records(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def write_table(records_path: Path, out: Path, fmt: str, table: str = "spans") -> int:
    """CSV/Parquet table (one row per span/link/person; error docs as rows) from JSONL."""
    from .records import table_rows

    rows = table_rows(read_records(records_path), table, keep_empty=True,
                      meta=("error", "title", "date", "source", "url"))
    cols: list[str] = []
    for r in rows:
        for k in r:
            if k not in cols:
                cols.append(k)
    if fmt == "csv":
        with open(out, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=cols)
            w.writeheader()
            w.writerows(rows)
    else:
        try:
            import pandas as pd
        except ImportError as exc:
            raise SystemExit("Parquet output needs pandas and pyarrow: pip install 'zhpolitics[parquet]'") from exc
        pd.DataFrame(rows, columns=cols).to_parquet(out, index=False)
    return len(rows)
