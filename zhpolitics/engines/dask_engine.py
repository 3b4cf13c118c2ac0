"""Run the pipeline on a Dask cluster: ``zhpolitics extract --engine dask``.

Needs the optional extra ``pip install 'zhpolitics[dask]'``; Dask is imported lazily
inside :func:`run_dask`, so nothing else in the package depends on it.

How it works
------------
* The input documents are split into contiguous partitions (``partitions``; default
  4 per worker, and no partition holds more than :data:`MAX_PARTITION_DOCS` documents so
  results stream back in bounded pieces).
* Each partition is one Dask task, :func:`process_partition`, which runs
  :meth:`zhpolitics.runner.Processor.process_batch`.  The pipeline is loaded **once per
  worker process**: the :class:`~zhpolitics.runner.Processor` is cached at module level
  in the worker, keyed by ``(pipeline, admin_data, include_text)``, and reused by every
  later task on that worker.
* Results are collected **in input order** (a bounded window of partitions is in
  flight) and written with :class:`~zhpolitics.io.JsonlSink`: one ``write`` + ``fsync``
  per partition, so a killed run can be resumed with ``--resume`` (ids already in the
  output are skipped, a torn last line is repaired).  The records are the same, in the
  same order, as a local run (``--engine local``).
* A partition whose task fails on the cluster (worker killed, out of memory ...)
  becomes one error record per document, never a silent gap.

Output layout
-------------
* ``records_path`` a file (``out.jsonl``): one JSONL file, like the local engine.
* ``records_path`` an existing directory, or a string ending in ``/``: **partitioned
  output**, one ``part-00000.jsonl``, ``part-00001.jsonl`` ... per partition, in input
  order (concatenating them in name order gives the single-file output).  From the
  command line create the directory first (``mkdir out && zhpolitics extract ... -o out
  --engine dask``), since the shell path loses its trailing slash.  With ``--resume``
  the ids in all ``part-*.jsonl`` files are skipped.

Cluster
-------
Without ``scheduler`` a ``LocalCluster(n_workers=2, threads_per_worker=1,
processes=True)`` is started and closed at the end; with ``scheduler``
(``tcp://host:8786``) the run connects to an existing cluster (dask-jobqueue,
dask-kubernetes, ``dask scheduler`` + ``dask worker``), whose workers must have
zhpolitics (and its ``models/``) installed.  See ``docs/scaling.md``.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

from ..io import InputDoc, JsonlSink, OutputError
from ..records import error_record
from ..runner import RunStopped, Summary

MAX_PARTITION_DOCS = 2000
LOCAL_WORKERS = 2
CONNECT_TIMEOUT = 8  # seconds to reach a scheduler; with start-up the command fails within 10 s


class SchedulerUnreachable(ConnectionError):
    """No scheduler answered at the address (or the TLS handshake failed) in time."""

# ------------------------------------------------------------------ worker side
_PROCESSORS: dict[tuple, Any] = {}
_LOCK = threading.Lock()
LOADS = 0  # how many pipelines this process has loaded (tests check it stays 1 per worker)


def get_processor(pipeline: str, admin_data: str | None, include_text: bool):
    """The worker's :class:`Processor` for this configuration, loaded on first use only."""
    global LOADS
    key = (pipeline, admin_data, include_text)
    proc = _PROCESSORS.get(key)
    if proc is None:
        with _LOCK:
            proc = _PROCESSORS.get(key)
            if proc is None:
                from ..runner import Processor

                proc = Processor(pipeline, admin_data, include_text)
                _PROCESSORS[key] = proc
                LOADS += 1
    return proc


def process_partition(items: list[InputDoc], pipeline: str, admin_data: str | None, include_text: bool) -> list[dict]:
    """The Dask task: records of one partition, in order (never raises on a bad document)."""
    return get_processor(pipeline, admin_data, include_text).process_batch(items)


def worker_loads() -> tuple[int, int]:
    """``(pid, pipelines loaded)`` of the calling worker process (for diagnostics/tests)."""
    return os.getpid(), LOADS


# ------------------------------------------------------------------ client side
def is_partitioned(records_path: Path | str) -> bool:
    """True when ``records_path`` asks for partitioned output (a directory)."""
    s = str(records_path)
    return s.endswith(("/", os.sep)) or Path(s).is_dir()


def split(items: list, n: int) -> list[tuple[int, int]]:
    """``[start, end)`` bounds of ``n`` contiguous, near-equal partitions of ``items``."""
    total = len(items)
    n = max(1, min(n, total)) if total else 0
    bounds, start = [], 0
    for i in range(n):
        end = start + total // n + (1 if i < total % n else 0)
        bounds.append((start, end))
        start = end
    return bounds


def _flatten(tree: dict, prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": 1}}`` → ``{"a.b": 1}``: Dask config keys for ``dask.config.set``."""
    flat: dict[str, Any] = {}
    for k, v in tree.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            flat.update(_flatten(v, key + "."))
        else:
            flat[key] = v
    return flat


def _security(tls: dict | None, dask_config: str | None):
    """Dask ``Security`` from ``--tls-ca/--tls-cert/--tls-key``, or from a Dask YAML config
    file (``distributed.comm.tls``, read only for this connection, the process's Dask
    config is left as it was); None for a plain ``tcp://`` cluster."""
    from distributed.security import Security

    if tls:
        return Security(tls_ca_file=tls["ca"], tls_client_cert=tls["cert"], tls_client_key=tls["key"],
                        require_encryption=True)
    if not dask_config:
        return None
    import dask.config
    import yaml

    with open(dask_config, encoding="utf-8") as fh:
        tree = yaml.safe_load(fh) or {}
    with dask.config.set(_flatten(tree)):
        return Security()


def _connect(scheduler: str | None, tls: dict | None = None, dask_config: str | None = None):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise SystemExit("--engine dask needs Dask: pip install 'zhpolitics[dask]'") from exc
    if scheduler:
        security = _security(tls, dask_config)
        kwargs = {"security": security} if security is not None else {}
        try:
            return Client(scheduler, timeout=CONNECT_TIMEOUT, **kwargs), None
        except (OSError, TimeoutError) as exc:
            why = (str(exc).splitlines() or [type(exc).__name__])[0][:160]
            raise SchedulerUnreachable(
                f"cannot reach the Dask scheduler at {scheduler} within {CONNECT_TIMEOUT} s ({why}); "
                "check that it runs, the address and port, and the TLS files") from None
    cluster = LocalCluster(n_workers=LOCAL_WORKERS, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=40)
    return Client(cluster), cluster


def _n_workers(client) -> int:
    try:
        return max(1, len(client.scheduler_info().get("workers", {})))
    except Exception:  # pragma: no cover
        return 1


def _done_ids(paths: list[Path]) -> set[str]:
    done: set[str] = set()
    for p in paths:
        sink = JsonlSink(p, resume=True, atomic=False)  # repairs a torn last line
        done |= sink.done
        sink.close()
    return done


def run_dask(items: list[InputDoc], records_path: Path | str, *, pipeline: str = "default", scheduler: str | None = None,
             partitions: int | None = None, admin_data: str | None = None, include_text: bool = True,
             resume: bool = False, tls: dict | None = None, dask_config: str | None = None) -> Summary:
    """Process ``items`` on a Dask cluster into ``records_path``; return the counts.

    ``records_path`` is a JSONL file, or a directory for one ``part-NNNNN.jsonl`` per
    partition (see the module docstring).  The records equal those of
    :func:`zhpolitics.runner.run` on the same items, in the same order.  ``tls`` (paths
    ``ca``/``cert``/``key``) or ``dask_config`` (a YAML file) secure the connection to
    ``scheduler``; a scheduler that does not answer raises :class:`SchedulerUnreachable`.
    """
    t0 = time.perf_counter()
    items = list(items)
    summary = Summary(read=len(items))
    partitioned = is_partitioned(records_path)
    out = Path(records_path)
    client, cluster = _connect(scheduler, tls, dask_config)  # before any file is touched
    single: JsonlSink | None = None
    try:
        if partitioned:
            done = _prepare_parts(out, resume)
        else:
            single = JsonlSink(out, resume=resume)
            done = single.done
            summary.earlier_errors = dict(single.done_errors)
        _run_partitions(client, items, out, single, done, summary, pipeline=pipeline, partitions=partitions,
                        admin_data=admin_data, include_text=include_text, resume=resume)
    except (KeyboardInterrupt, OutputError) as exc:
        reason = "interrupted" if isinstance(exc, KeyboardInterrupt) else str(exc.strerror)
        saved = len(done) + (single.written if single is not None else 0)
        raise RunStopped(reason, single.work if single is not None else out, saved, summary) from None
    finally:
        if single is not None:
            single.close()
        client.close()
        if cluster is not None:
            cluster.close()
    if single is not None:
        single.commit()
    summary.seconds = time.perf_counter() - t0
    return summary


def _prepare_parts(out: Path, resume: bool) -> set[str]:
    """Partitioned output: the ids already in ``part-*.jsonl`` (resume), or no parts at all."""
    out.mkdir(parents=True, exist_ok=True)
    existing = sorted(out.glob("part-*.jsonl"))
    if not resume:
        for p in existing:
            p.unlink()
        existing = []
    return _done_ids(existing)


def _todo(items: list[InputDoc], n_parts: int, done: set[str], resume: bool, summary: Summary) -> list[tuple[int, list[InputDoc]]]:
    """Partitions by input position (so part numbers are stable across runs) minus the done ids."""
    todo: list[tuple[int, list[InputDoc]]] = []
    for k, (s, e) in enumerate(split(items, n_parts)):
        part = []
        for it in items[s:e]:
            if resume and str(it.id) in done:
                summary.skipped += 1
            else:
                part.append(it)
        if part:
            todo.append((k, part))
    return todo


def _run_partitions(client, items: list[InputDoc], out: Path, single: JsonlSink | None,
                    done: set[str], summary: Summary, *, pipeline: str, partitions: int | None,
                    admin_data: str | None, include_text: bool, resume: bool) -> None:
    """Submit the partitions not yet done, a bounded window at a time; write them in input order."""
    workers = _n_workers(client)
    n_parts = max(partitions or 4 * workers, -(-len(items) // MAX_PARTITION_DOCS))
    queue = deque(_todo(items, n_parts, done, resume, summary))
    window = max(2, 2 * workers)
    pending: deque = deque()

    def submit_next() -> None:
        k, part = queue.popleft()
        fut = client.submit(process_partition, part, pipeline, admin_data, include_text,
                            key=f"zhpolitics-part-{k:05d}-{os.getpid()}-{id(part):x}", pure=False)
        pending.append((k, part, fut))

    while queue and len(pending) < window:
        submit_next()
    while pending:
        k, part, fut = pending.popleft()
        try:
            records = fut.result()
        except Exception as exc:  # the task itself failed (worker lost, OOM): keep every document
            reason = f"processing failed on Dask worker: {type(exc).__name__}: {exc}"
            records = [error_record(it.id, reason, it.meta) for it in part]
        finally:
            fut.release()
        if queue:
            submit_next()
        if single is None:  # partitioned output
            sink = JsonlSink(out / f"part-{k:05d}.jsonl", resume=True, atomic=False)
            sink.write_batch(records)
            sink.close()
        else:
            single.write_batch(records)
        summary.count(records, part)
