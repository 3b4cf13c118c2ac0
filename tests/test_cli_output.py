"""Batch CLI contract (issue 17): output safety, exit codes, ids, tables, one-line errors.

Every sentence is invented for these tests; the ``rules`` pipeline keeps them fast.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from zhpolitics.cli import main

DOCS = [
    {"id": "1", "outlet": "县融媒", "tags": ["民生"], "text": "县人大代表沈国华走访了困难群众。"},
    {"id": "2", "outlet": "区日报", "tags": [], "text": "四川省成都市武侯区人大代表周立新出资修缮了村道。沈国华也参加了。"},
    {"id": "3", "outlet": "镇广播", "tags": ["调解"], "text": "镇人大代表蒋玉兰调解了邻里纠纷。"},
]


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _invoke(args: list[str]):
    return CliRunner().invoke(main, [str(a) for a in args])


def _extract(*args, code: int = 0):
    res = _invoke(["extract", *args, "--pipeline", "rules", "--no-progress"])
    assert res.exit_code == code, res.output
    return res


def _records(path: Path) -> list[dict]:
    return [json.loads(l) for l in path.read_text("utf-8").splitlines() if l.strip()]


def _one_line(res) -> str:
    lines = [l for l in res.output.splitlines() if l.strip()]
    assert len(lines) == 1, res.output
    return lines[0]


# ------------------------------------------------------------------ output safety
def test_output_that_is_an_input_is_refused_and_input_kept(tmp_path):
    src = _jsonl(tmp_path / "inout.jsonl", DOCS)
    before = src.read_bytes()
    line = _one_line(_extract(src, "-o", src, code=2))
    assert "is also an input" in line and before == src.read_bytes()
    line = _one_line(_extract(tmp_path, "-o", tmp_path / "out.jsonl", code=2))
    assert "inside the input folder" in line


def test_existing_output_needs_overwrite_or_resume(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", DOCS)
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n", "utf-8")
    line = _one_line(_extract(src, "-o", out, code=2))
    assert "exists" in line and "--overwrite" in line and "--resume" in line
    assert out.read_text("utf-8") == "keep me\n"
    _extract(src, "-o", out, "--overwrite")
    assert [r["id"] for r in _records(out)] == ["1", "2", "3"]
    assert not out.with_name("out.jsonl.partial").exists()
    _one_line(_extract(src, "-o", out, "--overwrite", "--resume", code=2))


def test_interrupted_run_partial_file_is_not_silently_discarded(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", DOCS)
    out = tmp_path / "out.jsonl"
    out.with_name("out.jsonl.partial").write_text(json.dumps({"id": "1", "spans": [], "links": []}) + "\n", "utf-8")
    line = _one_line(_extract(src, "-o", out, code=2))
    assert "interrupted run left" in line and "--resume" in line
    res = _extract(src, "-o", out, "--resume")
    assert "skipped (already in output) 1" in res.output
    assert [r["id"] for r in _records(out)] == ["1", "2", "3"]


# ------------------------------------------------------------------ exit codes and usage errors
@pytest.mark.parametrize("case", ["missing", "xlsx", "folder", "under_file", "bad_option"])
def test_usage_errors_are_one_line_with_exit_2(tmp_path, case):
    src = _jsonl(tmp_path / "in.jsonl", DOCS)
    (tmp_path / "file.txt").write_text("x", "utf-8")
    args = {"missing": [tmp_path / "nope.jsonl", "-o", tmp_path / "o.jsonl"],
            "xlsx": [src, "-o", tmp_path / "out.xlsx"],
            "folder": [src, "-o", tmp_path],
            "under_file": [src, "-o", tmp_path / "file.txt" / "x.jsonl"],
            "bad_option": [src, "-o", tmp_path / "o.jsonl", "--no-such-option"]}[case]
    line = _one_line(_extract(*args, code=2))
    want = {"missing": "input not found", "xlsx": "unknown output format '.xlsx'", "folder": "is a folder",
            "under_file": "is a file, not a folder", "bad_option": "--no-such-option"}[case]
    assert line.startswith("zhpolitics extract: error:") and want in line, line
    assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "o.jsonl").exists()


def test_all_documents_failing_exits_1_with_kinds_and_errors_file(tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": "a", "text": ""}\n{broken\n{"id": "c", "body": "x"}\n{"id": "d", "text": "  "}\n', "utf-8")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    res = _extract(src, "-o", out, "--errors", errors, code=1)
    assert "read 4, ok 0, error 4 (empty 2, bad-json 1, no-text-field 1)" in res.output
    rows = [json.loads(l) for l in errors.read_text("utf-8").splitlines()]
    assert [(r["id"], r["error_kind"]) for r in rows] == [("a", "empty"), (f"{src}:2", "bad-json"),
                                                          ("c", "no-text-field"), ("d", "empty")]
    _extract(src, "-o", out, "--overwrite", "--allow-errors", code=0)


def test_resume_counts_earlier_errors_in_the_exit_code(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", DOCS + [{"id": "4", "text": ""}])
    out = tmp_path / "out.jsonl"
    _extract(src, "-o", out, code=1)
    res = _extract(src, "-o", out, "--resume", code=1)  # nothing new, but the output still holds an error record
    assert "skipped (already in output) 4 of which errors 1" in res.output


# ------------------------------------------------------------------ ids
def test_duplicate_ids_made_unique_with_warning_and_resume(tmp_path):
    a = _jsonl(tmp_path / "a.jsonl", DOCS[:2])
    b = _jsonl(tmp_path / "b.jsonl", [dict(DOCS[2], id="1"), dict(DOCS[0], id="2")])
    out = tmp_path / "out.jsonl"
    res = _extract(a, b, "-o", out)
    assert "warning: 2 duplicate ids were made unique" in res.output
    ids = [r["id"] for r in _records(out)]
    assert ids == ["1", "2", f"1@{b}:1", f"2@{b}:2"]


def test_resume_with_duplicate_ids_default_and_strict(tmp_path):
    a = _jsonl(tmp_path / "a.jsonl", DOCS[:2])
    b = _jsonl(tmp_path / "b.jsonl", [dict(DOCS[2], id="1")])
    out = tmp_path / "out.jsonl"
    ref = tmp_path / "ref.jsonl"
    _extract(a, b, "-o", ref)
    _extract(a, b, "-o", out)
    lines = out.read_text("utf-8").splitlines(keepends=True)
    out.unlink()
    out.with_name("out.jsonl.partial").write_text("".join(lines[:1]) + lines[1][:25], "utf-8")
    res = _extract(a, b, "-o", out, "--resume")
    assert "skipped (already in output) 1" in res.output
    assert out.read_text("utf-8") == ref.read_text("utf-8")
    # strict: the run stops at the duplicate, in one line, before writing it
    strict = tmp_path / "strict.jsonl"
    line = _one_line(_extract(a, b, "-o", strict, "--strict-ids", code=2))
    assert "duplicate id '1'" in line and f"{b}:1" in line and f"{a}:1" in line
    assert not strict.exists()
    # strict with unique ids resumes like any run
    c = _jsonl(tmp_path / "c.jsonl", DOCS)
    _extract(c, "-o", strict, "--strict-ids", "--overwrite")
    res = _extract(c, "-o", strict, "--strict-ids", "--resume")
    assert "skipped (already in output) 3" in res.output and len(_records(strict)) == 3


# ------------------------------------------------------------------ tables
def test_tables_keep_every_field_and_join(tmp_path):
    import pandas as pd

    src = _jsonl(tmp_path / "in.jsonl", DOCS)
    spans_pq, people_pq, links_pq = tmp_path / "spans.parquet", tmp_path / "people.parquet", tmp_path / "links.parquet"
    _extract(src, "-o", spans_pq)
    _extract(src, "-o", people_pq, "--table", "people")
    _extract(src, "-o", links_pq, "--table", "links")
    spans, people, links = pd.read_parquet(spans_pq), pd.read_parquet(people_pq), pd.read_parquet(links_pq)
    assert str(spans["start"].dtype) == "Int64" and str(spans["person_id"].dtype) == "Int64"  # as documented
    import pyarrow.parquet as pq

    schema = pq.read_schema(spans_pq)
    assert str(schema.field("start").type) == "int64" and str(schema.field("person_id").type) == "int64"
    assert str(schema.field("confidence").type) == "double" and str(schema.field("code").type) == "string"
    assert set(spans["outlet"]) == {"县融媒", "区日报", "镇广播"} and "tags" in spans.columns
    place = spans[(spans["label"] == "PLACE") & (spans["text"] == "武侯区")].iloc[0]
    assert place["code"] and place["path"].split(">")[0].startswith("51")  # province first
    dep = spans[(spans["label"] == "DEPUTY") & (spans["text"] == "周立新")].iloc[0]
    person = people[(people["id"] == dep["id"]) & (people["person_id"] == dep["person_id"])]
    assert list(person["name"]) == ["周立新"] and "outlet" in people.columns
    if len(links):
        joined = links.merge(people, left_on=["id", "deputy_person_id"], right_on=["id", "person_id"])
        assert (joined["deputy"] == joined["name"]).all() and len(joined) == len(links.dropna(subset=["deputy_person_id"]))


def test_keep_fields_and_csv_columns(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", DOCS)
    out = tmp_path / "spans.csv"
    _extract(src, "-o", out, "--keep-fields", "outlet")
    header = out.read_text("utf-8-sig").splitlines()[0].split(",")
    assert header[:3] == ["id", "start", "end"] and "outlet" in header and "tags" not in header
    assert "person_id" in header and "path" in header


# ------------------------------------------------------------------ slogans, interrupt, scheduler
def test_slogans_with_null_and_real_codes_for_one_name(tmp_path):
    # two 城关镇: the chained one resolves, the other stays code null (the old sort crashed on it)
    text = "城关镇人大代表王建平说，要把我为群众办实事落到实处。河南省汝阳县城关镇和甘肃省岷县城关镇结对。"
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "s1", "text": text}])
    out = tmp_path / "slogans.csv"
    res = _invoke(["slogans", src, "-o", out])
    assert res.exit_code == 0, res.output
    row = out.read_text("utf-8-sig").splitlines()[1]
    assert row.startswith("我为群众办实事,") and "城关镇" in row.split(",")[-1].split("|")


def test_ctrl_c_prints_one_line_how_to_resume(tmp_path):
    from tests.test_faults import _write_corpus

    src = tmp_path / "in.jsonl"
    _write_corpus(src, 3000)
    out = tmp_path / "out.jsonl"
    err = tmp_path / "stderr.txt"
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            sys.stdout = sys.stderr = open(err, "w", encoding="utf-8", buffering=1)
            main.main(["extract", str(src), "-o", str(out), "--pipeline", "rules", "--no-progress",
                       "--batch-size", "8", "--n-process", "2"], prog_name="zhpolitics")
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        finally:
            os._exit(code)
    work = out.with_name("out.jsonl.partial")
    deadline = time.time() + 60
    while time.time() < deadline and (not work.exists() or work.read_bytes().count(b"\n") < 16):
        time.sleep(0.01)
    os.kill(pid, signal.SIGINT)
    _pid, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 130
    lines = [l for l in err.read_text("utf-8").splitlines() if l.strip()]
    assert len(lines) == 1, lines
    assert "interrupted" in lines[0] and "--resume" in lines[0] and str(work) in lines[0]


def test_unreachable_scheduler_fails_fast_naming_the_address(tmp_path):
    pytest.importorskip("distributed")
    import socket

    from zhpolitics.engines import dask_engine

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    src = _jsonl(tmp_path / "in.jsonl", DOCS)
    addr = f"tcp://127.0.0.1:{port}"
    res = _extract(src, "-o", tmp_path / "out.jsonl", "--engine", "dask", "--scheduler", addr, code=3)
    line = _one_line(res)
    assert addr in line and "cannot reach the Dask scheduler" in line
    assert dask_engine.CONNECT_TIMEOUT < 10
    assert not (tmp_path / "out.jsonl.partial").exists() and not (tmp_path / "out.jsonl").exists()


def test_tls_options_checked_before_connecting(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", DOCS)
    line = _one_line(_extract(src, "-o", tmp_path / "o.jsonl", "--engine", "dask", "--scheduler",
                              "tls://127.0.0.1:1", code=2))
    assert "--tls-ca" in line
