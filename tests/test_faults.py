"""Fault injection for batch runs (issue 17): whatever happens, nothing lost, nothing duplicated.

* kill -9 at random points of a 2,000-document run, resumed 5 times;
* a disk-full write (OSError) exits non-zero and leaves whole records only;
* a document on which processing raises, in a worker process;
* input that changes between a run and its ``--resume`` is refused.

Runs the ``rules`` pipeline on short invented documents.  The killed runs are forked
from this (warm) process, so each restart costs milliseconds, not a model load; the
run itself is the command line's own code (``zhpolitics.cli.main``).
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from zhpolitics.cli import main

SURNAMES = "韩周蔡孙郑黄吴林钱冯陈褚卫蒋沈杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = ["秀梅", "立新", "永福", "丽娟", "国强", "春生", "桂兰", "建军"]
LEVELS = ["县", "区", "市", "镇", "省", "全国"]
ACTS = ["走访了辖区内的困难群众", "就停车难问题提出了建议", "出资修缮了村里的文化广场", "调研了垃圾分类工作"]
N_DOCS = 2000


def _text(i: int) -> str:
    name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)]
    return f"{LEVELS[i % len(LEVELS)]}人大代表{name}{ACTS[i % len(ACTS)]}。当天共有{i % 7 + 2}位群众参加。"


def _write_corpus(path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"d{i:05d}", "outlet": "invented", "text": _text(i)}, ensure_ascii=False) + "\n")


def _records(path: Path) -> list[dict]:
    return [json.loads(l) for l in path.read_text("utf-8").splitlines() if l.strip()]


def _invoke(args: list[str]):
    return CliRunner().invoke(main, args)


def _assert_same(got: list[dict], want: list[dict]) -> None:
    """Nothing lost, nothing duplicated, every record as in an uninterrupted run."""
    ids = [r["id"] for r in got]
    assert len(ids) == len(set(ids)), "an id appears twice"
    assert sorted(ids) == sorted(r["id"] for r in want), "documents lost or invented"
    by_id = {r["id"]: r for r in want}
    for r in got:
        assert r == by_id[r["id"]], r["id"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("faults")
    src = d / "corpus.jsonl"
    _write_corpus(src, N_DOCS)
    ref = d / "reference.jsonl"
    res = _invoke(["extract", str(src), "-o", str(ref), "--pipeline", "rules", "--batch-size", "16", "--no-progress"])
    assert res.exit_code == 0, res.output
    return src, ref


def _fork_run(args: list[str]) -> int:
    """Start ``zhpolitics <args>`` in a forked child (quiet); return its pid."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            main.main(args, prog_name="zhpolitics")
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        finally:
            os._exit(code)
    return pid


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def test_kill_9_at_random_points_then_resume(corpus, tmp_path):
    src, ref = corpus
    out = tmp_path / "out.jsonl"
    work = out.with_name(out.name + ".partial")
    args = ["extract", str(src), "-o", str(out), "--pipeline", "rules", "--batch-size", "16", "--no-progress"]
    rng = random.Random(17)
    kills = 0
    for round_ in range(5):
        # kill when the output has grown by a random number of records (any byte of a batch write may be in flight)
        start = _lines(work)
        target = start + rng.randint(1, (N_DOCS - start) // 3)
        pid = _fork_run(args + (["--resume"] if round_ else []))
        deadline = time.time() + 60
        while _lines(work) < target and time.time() < deadline:
            time.sleep(rng.random() / 500)
        os.kill(pid, signal.SIGKILL)
        _pid, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, "the run ended before the kill"
        kills += 1
        assert not out.exists()  # an unfinished run never looks finished
        saved = [json.loads(l) for l in work.read_text("utf-8").splitlines(keepends=True) if l.endswith("\n")]
        assert len({r["id"] for r in saved}) == len(saved), "an id appears twice after a kill"
    assert kills == 5
    res = _invoke(args + ["--resume"])
    assert res.exit_code == 0, res.output
    assert "skipped (already in output)" in res.output
    assert not work.exists()
    _assert_same(_records(out), _records(ref))


def test_disk_full_exits_non_zero_and_keeps_whole_records(corpus, tmp_path, monkeypatch):
    import zhpolitics.io as zio

    big, ref = corpus
    src = tmp_path / "part.jsonl"  # 400 documents are enough to fill this disk
    src.write_text("".join(big.read_text("utf-8").splitlines(keepends=True)[:400]), "utf-8")
    want = _records(ref)[:400]
    out = tmp_path / "out.jsonl"
    real = zio._write_all
    budget = {"bytes": 100_000}

    def full_disk(fd: int, data: bytes) -> None:
        if len(data) > budget["bytes"]:
            real(fd, data[: budget["bytes"]])  # the disk takes what fits, then fails
            budget["bytes"] = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        budget["bytes"] -= len(data)
        real(fd, data)

    monkeypatch.setattr(zio, "_write_all", full_disk)
    args = ["extract", str(src), "-o", str(out), "--pipeline", "rules", "--batch-size", "16", "--no-progress"]
    res = _invoke(args)
    assert res.exit_code == 3, res.output
    lines = [l for l in res.output.splitlines() if l.strip()]
    assert len(lines) == 1 and "No space left on device" in lines[0] and "--resume" in lines[0], res.output
    work = out.with_name(out.name + ".partial")
    assert not out.exists()
    text = work.read_text("utf-8")
    assert text.endswith("\n")  # the torn batch was cut back
    saved = [json.loads(l) for l in text.splitlines()]
    assert 0 < len(saved) < len(want) and f"{len(saved):,} records are saved" in lines[0]
    assert saved == want[: len(saved)]

    monkeypatch.setattr(zio, "_write_all", real)  # space freed
    res = _invoke(args + ["--resume"])
    assert res.exit_code == 0, res.output
    _assert_same(_records(out), want)


def test_a_document_that_raises_in_a_worker(corpus, tmp_path, monkeypatch):
    import zhpolitics.runner as runner

    src, ref = corpus
    small = tmp_path / "small.jsonl"
    small.write_text("".join(src.read_text("utf-8").splitlines(keepends=True)[:120]), "utf-8")
    real = runner.to_record

    def fragile(doc, **kw):
        if "d00057" == kw.get("doc_id"):
            raise RuntimeError("component failed on this document")
        return real(doc, **kw)

    monkeypatch.setattr(runner, "to_record", fragile)  # workers are forked, so they see it too
    out = tmp_path / "out.jsonl"
    errors = tmp_path / "errors.jsonl"
    res = _invoke(["extract", str(small), "-o", str(out), "--pipeline", "rules", "--batch-size", "8",
                   "--n-process", "2", "--no-progress", "--errors", str(errors)])
    assert res.exit_code == 1, res.output
    assert "read 120, ok 119, error 1 (processing 1)" in res.output
    recs = _records(out)
    assert [r["id"] for r in recs] == [f"d{i:05d}" for i in range(120)]
    bad = recs[57]
    assert bad["error_kind"] == "processing" and "component failed" in bad["error"] and bad["outlet"] == "invented"
    assert [json.loads(l)["id"] for l in errors.read_text("utf-8").splitlines()] == ["d00057"]
    want = {r["id"]: r for r in _records(ref)}
    assert all(r == want[r["id"]] for r in recs if r["id"] != "d00057")


def test_input_changed_between_run_and_resume_is_refused(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    src = folder / "a.jsonl"
    _write_corpus(src, 40)
    out = tmp_path / "out.jsonl"
    args = ["extract", str(folder), "-o", str(out), "--pipeline", "rules", "--no-progress"]
    assert _invoke(args).exit_code == 0
    # edited
    with open(src, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "late", "text": _text(41)}, ensure_ascii=False) + "\n")
    before = out.read_bytes()
    res = _invoke(args + ["--resume"])
    assert res.exit_code == 2 and "refusing to --resume" in res.output and "a.jsonl changed" in res.output, res.output
    assert out.read_bytes() == before
    # a new file in an input folder
    assert _invoke(args + ["--overwrite"]).exit_code == 0
    _write_corpus(folder / "b.jsonl", 3)
    res = _invoke(args + ["--resume"])
    assert res.exit_code == 2 and "b.jsonl is new" in res.output, res.output
    # another option than the run that wrote the output
    assert _invoke(args + ["--overwrite"]).exit_code == 0
    res = _invoke(args + ["--resume", "--id-field", "outlet"])
    assert res.exit_code == 2 and "option --id-field" in res.output, res.output
    assert len(res.output.strip().splitlines()) == 1
