"""Batch processing: documents → records, in one process or several.

:class:`Processor` turns :class:`~zhpolitics.io.InputDoc` batches into records; it never
raises on a bad document (the record carries ``error``).  Documents of one million
characters or more are processed in chunks cut at sentence ends, with offsets shifted
back, so memory stays bounded.  :func:`run` drives a whole corpus with a progress bar,
``--n-process`` workers (each loads the pipeline once) and resumable output.
"""

from __future__ import annotations

import json
import logging
import multiprocessing as mp
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .io import InputDoc, JsonlSink, OutputError
from .records import error_kind, error_record, to_record
from .text import last_cut

logger = logging.getLogger(__name__)

CHUNK_THRESHOLD = 1_000_000
CHUNK_SIZE = 100_000


def _chunks(text: str, size: int = CHUNK_SIZE) -> list[tuple[int, int]]:
    out, s, n = [], 0, len(text)
    while s < n:
        e = min(n, s + size)
        if e < n:
            cut = last_cut(text, s + size // 2, e)  # the end of the last sentence in the second half
            if cut > s:
                e = cut
        out.append((s, e))
        s = e
    return out


def _shift(rec: dict, off: int, pid_off: int) -> dict:
    for sp in rec["spans"]:
        sp["start"] += off
        sp["end"] += off
        if "person" in sp:
            sp["person"] += pid_off
    for l in rec["links"]:
        l["deputy"] = [l["deputy"][0] + off, l["deputy"][1] + off]
        l["action"] = [l["action"][0] + off, l["action"][1] + off]
        l["sentence"] = [l["sentence"][0] + off, l["sentence"][1] + off]
        if l.get("place"):
            l["place"]["start"] += off
            l["place"]["end"] += off
    for p in rec["people"]:
        p["id"] += pid_off
        p["mentions"] = [[a + off, b + off] for a, b in p["mentions"]]
    return rec


@dataclass
class Processor:
    """Holds one loaded pipeline; ``pipeline`` is a :func:`zhpolitics.load` name."""

    pipeline: str = "default"
    admin_data: str | None = None
    include_text: bool = True

    def __post_init__(self) -> None:
        from .pipeline import load

        # warnings (a missing model: "running rules only") reach the user: the CLI logs them
        logger.info("loading the %r pipeline%s", self.pipeline,
                    f" with NBS data from {self.admin_data}" if self.admin_data else "")
        self.nlp = load(self.pipeline, admin_data=self.admin_data)

    def process(self, item: InputDoc) -> dict:
        if item.error is not None or item.text is None:
            return error_record(item.id, item.error or "no text", item.meta)
        try:
            text = item.text
            if len(text) >= CHUNK_THRESHOLD:
                rec = {"spans": [], "links": [], "people": []}
                for s, e in _chunks(text):
                    part = to_record(self.nlp(text[s:e]), include_text=False, meta={})
                    _shift(part, s, len(rec["people"]))
                    for k in ("spans", "links", "people"):
                        rec[k].extend(part[k])
                out = to_record(self.nlp.make_doc(""), doc_id=item.id, include_text=False, meta=item.meta)
                out.update(rec)
                if self.include_text:
                    out["text"] = text
                return out
            doc = self.nlp(text)
            return to_record(doc, doc_id=item.id, include_text=self.include_text, meta=item.meta)
        except Exception as exc:  # one bad document never stops a batch
            return error_record(item.id, f"processing failed: {type(exc).__name__}: {exc}", item.meta)

    def process_batch(self, items: list[InputDoc]) -> list[dict]:
        return [self.process(it) for it in items]


_WORKER: Processor | None = None


def _init_worker(pipeline: str, admin_data: str | None, include_text: bool) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to report, once, not each worker's
    _WORKER = Processor(pipeline, admin_data, include_text)


def _work(items: list[InputDoc]) -> list[tuple[str, str | None, int]]:
    """Process a batch in a worker and serialise it there (the parent only writes):
    ``(line, error kind or None, characters)`` per document."""
    assert _WORKER is not None
    return [(json.dumps(r, ensure_ascii=False) + "\n", r.get("error_kind") if r.get("error") else None, len(it.text or ""))
            for r, it in zip(_WORKER.process_batch(items), items)]


def batched(it: Iterable[InputDoc], size: int) -> Iterator[list[InputDoc]]:
    batch: list[InputDoc] = []
    for x in it:
        batch.append(x)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class Summary:
    """Counts of one run; ``kinds`` counts this run's errors by kind, ``earlier_errors`` those
    of the records a ``--resume`` found already written."""

    read: int = 0
    ok: int = 0
    error: int = 0
    skipped: int = 0
    chars: int = 0
    seconds: float = 0.0
    kinds: dict[str, int] = field(default_factory=dict)
    earlier_errors: dict[str, int] = field(default_factory=dict)
    renamed_ids: int = 0

    def add(self, kind: str | None, chars: int) -> None:
        """Count one processed document (``kind`` None when it is ok)."""
        if kind is None:
            self.ok += 1
        else:
            self.error += 1
            self.kinds[kind] = self.kinds.get(kind, 0) + 1
        self.chars += chars

    def count(self, records: list[dict], items: list[InputDoc]) -> None:
        """Add a processed batch to the counts (records and their input documents)."""
        for r, it in zip(records, items):
            kind = (r.get("error_kind") or error_kind(r["error"])) if r.get("error") else None
            self.add(kind, len(it.text or ""))

    @property
    def total_errors(self) -> int:
        """Error records in the whole output (this run and, under --resume, the earlier ones)."""
        return self.error + sum(self.earlier_errors.values())

    def line(self) -> str:
        rate = self.chars / self.seconds if self.seconds else 0.0
        s = f"read {self.read}, ok {self.ok}, error {self.error}"
        if self.kinds:
            s += " (" + ", ".join(f"{k} {n}" for k, n in sorted(self.kinds.items(), key=lambda kv: (-kv[1], kv[0]))) + ")"
        if self.skipped:
            s += f", skipped (already in output) {self.skipped}"
            if self.earlier_errors:
                s += f" of which errors {sum(self.earlier_errors.values())}"
        if self.renamed_ids:
            s += f", duplicate ids made unique {self.renamed_ids}"
        return s + f"  [{self.chars:,} chars in {self.seconds:.1f} s, {rate:,.0f} chars/s]"


class RunStopped(Exception):
    """A run that stopped before its end (Ctrl-C, a failed write): every record written so
    far is whole and stays in ``work``, which ``--resume`` continues."""

    def __init__(self, reason: str, work: Path, saved: int, summary: Summary):
        super().__init__(reason)
        self.reason, self.work, self.saved, self.summary = reason, work, saved, summary


def run(items: Iterable[InputDoc], out: Path, *, pipeline: str = "default", n_process: int = 1, batch_size: int = 64,
        resume: bool = False, admin_data: str | None = None, progress: bool = True, include_text: bool = True,
        total: int | None = None) -> Summary:
    """Process ``items`` into JSONL at ``out``; return the counts.

    The records go to ``out.partial`` and are renamed to ``out`` at the end; a run that
    stops early raises :class:`RunStopped` and leaves the partial file for ``--resume``.
    """
    sink = JsonlSink(out, resume=resume)
    summary = Summary(earlier_errors=dict(sink.done_errors))
    t0 = time.perf_counter()

    def todo() -> Iterator[InputDoc]:
        for it in items:
            summary.read += 1
            if resume and str(it.id) in sink.done:
                summary.skipped += 1
                continue
            yield it

    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, desc="extract")

    def consume(records: list, batch: list[InputDoc]) -> None:
        if records and isinstance(records[0], tuple):  # serialised by a worker
            sink.write_lines([line for line, _k, _n in records])
            for _line, kind, n in records:
                summary.add(kind, n)
        else:
            sink.write_batch(records)
            summary.count(records, batch)
        if bar is not None:
            el = time.perf_counter() - t0
            bar.update(len(records))
            bar.set_postfix_str(f"{summary.chars / el:,.0f} chars/s, {summary.error} errors")

    try:
        _drive(todo(), consume, pipeline, admin_data, include_text, n_process, batch_size)
    except KeyboardInterrupt:
        raise RunStopped("interrupted", sink.work, len(sink.done) + sink.written, summary) from None
    except OutputError as exc:
        raise RunStopped(str(exc.strerror), sink.work, len(sink.done) + sink.written, summary) from None
    finally:
        sink.close()
        if bar is not None:
            bar.close()
    sink.commit()
    summary.seconds = time.perf_counter() - t0
    return summary


def _drive(todo: Iterator[InputDoc], consume, pipeline: str, admin_data: str | None, include_text: bool,
           n_process: int, batch_size: int) -> None:
    """Feed ``todo`` through one Processor, or a pool of ``n_process`` workers, in input order."""
    if n_process <= 1:
        proc = Processor(pipeline, admin_data, include_text)
        for batch in batched(todo, batch_size):
            consume(proc.process_batch(batch), batch)
        return
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ctx.Pool(n_process, initializer=_init_worker, initargs=(pipeline, admin_data, include_text)) as pool:
        pending: list = []
        window = n_process * 2
        for batch in batched(todo, batch_size):
            pending.append((pool.apply_async(_work, (batch,)), []))
            while len(pending) >= window:
                res, b = pending.pop(0)
                consume(res.get(), b)
        for res, b in pending:
            consume(res.get(), b)
