"""Corpus scale (issue 7): kill-and-resume, 1 M-character documents, HTML pages, Dask.

Everything runs the ``rules`` pipeline (no statistical models) to stay fast; the texts
are invented for these tests.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from zhpolitics.cli import main
from zhpolitics.io import InputDoc

SURNAMES = "韩周蔡孙郑黄吴林钱冯陈褚卫蒋沈杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = ["秀梅", "立新", "永福", "丽娟", "国强", "春生", "桂兰", "建军", "海燕", "德明", "玉珍", "志刚"]
PLACES = [("四川省", "成都市", "武侯区"), ("浙江省", "杭州市", "西湖区"), ("山西省", "长治市", "潞州区"),
          ("湖南省", "长沙市", "岳麓区"), ("广东省", "广州市", "天河区"), ("江苏省", "南京市", "鼓楼区")]
LEVELS = ["县", "区", "市", "镇", "省", "全国"]

# one paragraph, every sentence self-contained: 5 DEPUTY spans, 6 PLACE spans, and
# sentences without names in between (about 300 characters)
PARAGRAPH = ("县人大代表韩秀梅走访了辖区内的困难群众，了解他们的生活需求。"
             "今年以来，当地围绕老旧小区改造、农村道路建设和养老服务等民生实事持续发力，群众的获得感不断增强。"
             "四川省成都市武侯区人大代表周立新就社区停车难问题提出了建议。"
             "镇人大代表蔡永福出资修缮了村里的文化广场。"
             "相关部门表示，将进一步完善工作机制，及时回应群众关切，推动各项建议落到实处。"
             "在浙江省杭州市西湖区，市人大代表孙丽娟调研了垃圾分类工作。"
             "全国人大代表郑国强带队视察了当地的乡村振兴项目。"
             "下一步，各级人大将继续加强代表联络站建设，拓宽群众反映意见的渠道。\n")


def _name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)]


def _doc_text(i: int, sentences: int = 14) -> str:
    out = []
    for j in range(sentences):
        k = i * sentences + j
        prov, city, county = PLACES[k % len(PLACES)]
        lvl = LEVELS[k % len(LEVELS)]
        if j % 3 == 0:
            out.append(f"{prov}{city}{county}{lvl}人大代表{_name(k)}第{j + 1}次走访了辖区内的困难群众，认真听取他们对住房和就业的意见。")
        elif j % 3 == 1:
            out.append(f"{lvl}人大代表{_name(k)}在{city}调研时建议加快老旧小区改造，并为社区捐赠了健身器材。")
        else:
            out.append(f"据{county}融媒体中心报道，当天共有{j + 3}位群众反映了道路积水问题，相关部门表示将尽快整改。")
    return "".join(out)


def _write_corpus(path: Path, n: int = 300) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"doc-{i:04d}", "source": "test", "text": _doc_text(i)}, ensure_ascii=False) + "\n")


def _records(path: Path) -> list[dict]:
    return [json.loads(l) for l in path.read_text("utf-8").splitlines() if l.strip()]


def _by_id(recs: list[dict]) -> dict[str, dict]:
    ids = [r["id"] for r in recs]
    assert len(ids) == len(set(ids)), "an id appears twice in the output"
    return {r["id"]: r for r in recs}


def _cli(args: list[str]) -> str:
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    return res.output


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("scale")
    src = d / "corpus.jsonl"
    _write_corpus(src)
    ref = d / "reference.jsonl"
    out = _cli(["extract", str(src), "-o", str(ref), "--pipeline", "rules", "--batch-size", "10", "--no-progress"])
    assert "read 300, ok 300, error 0" in out
    return src, ref


# ------------------------------------------------------------------ kill and resume
def test_kill_and_resume_equals_uninterrupted_run(corpus, tmp_path):
    src, ref = corpus
    out = tmp_path / "killed.jsonl"
    cmd = [sys.executable, "-m", "zhpolitics.cli", "extract", str(src), "-o", str(out), "--pipeline", "rules",
           "--batch-size", "10", "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    try:
        while time.time() < deadline and proc.poll() is None:
            work = out.with_name(out.name + ".partial")  # where a run writes until it is complete
            if work.exists() and work.stat().st_size > 0 and work.read_bytes().count(b"\n") >= 20:
                break
            time.sleep(0.005)
        assert proc.poll() is None, "the run finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert not out.exists()  # an unfinished run never looks finished
    n_killed = out.with_name(out.name + ".partial").read_bytes().count(b"\n")
    assert 0 < n_killed < 300

    res = subprocess.run(cmd + ["--resume"], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "read 300, ok" in res.stderr and "skipped (already in output)" in res.stderr

    got, want = _by_id(_records(out)), _by_id(_records(ref))
    assert set(got) == set(want)
    for k in want:
        assert got[k]["spans"] == want[k]["spans"], k
        assert got[k] == want[k], k


def test_resume_repairs_torn_last_line(corpus, tmp_path):
    src, ref = corpus
    lines = ref.read_text("utf-8").splitlines(keepends=True)
    out = tmp_path / "torn.jsonl"
    # 57 whole records, then half of the 58th as a killed write would leave it
    out.write_text("".join(lines[:57]) + lines[57][: len(lines[57]) // 2], "utf-8")
    res = _cli(["extract", str(src), "-o", str(out), "--pipeline", "rules", "--batch-size", "10", "--resume",
                "--no-progress"])
    assert "skipped (already in output) 57" in res
    recs = _records(out)  # every line parses again
    assert len(recs) == 300
    assert _by_id(recs) == _by_id(_records(ref))


# ------------------------------------------------------------------ 1 M characters
def test_million_character_document_is_chunked_with_correct_offsets(nlp):
    from zhpolitics import runner
    from zhpolitics.runner import Processor

    per_paragraph = sum(1 for e in nlp(PARAGRAPH).ents if e.label_ == "DEPUTY")
    assert per_paragraph == 5
    reps = -(-runner.CHUNK_THRESHOLD // len(PARAGRAPH))
    text = PARAGRAPH * reps
    assert len(text) >= 1_000_000
    assert len(runner._chunks(text)) > 1

    rec = Processor("rules").process(InputDoc("big", text, {"id": "big"}))
    assert rec.get("error") is None
    assert rec["text"] == text
    for sp in rec["spans"]:
        assert text[sp["start"]:sp["end"]] == sp["text"], sp
    for l in rec["links"]:
        assert text[l["deputy"][0]:l["deputy"][1]] == l["deputy_text"]
        assert text[l["action"][0]:l["action"][1]] == l["action_text"]
    deputies = [s for s in rec["spans"] if s["label"] == "DEPUTY"]
    assert len(deputies) == per_paragraph * reps
    starts = [(s["start"], s["end"]) for s in rec["spans"]]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


# ------------------------------------------------------------------ HTML
HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>人大新闻</title>
<script>var menu = "全国人大代表王建国";</script><style>.nav{color:red}</style></head>
<body>
<nav class="top"><ul><li><a href="/">首页</a></li><li><a href="/rd">人大代表风采</a></li>
<li><a href="/sx">山西省长治市</a></li><li><a href="/zj">区人大代表林海峰专栏</a></li></ul></nav>
<div class="bar"><a href="/a">要闻</a> | <a href="/b">湖南省长沙市</a> | <a href="/c">县人大代表吕春生访谈</a> | <a href="/d">视频</a></div>
<div class="content">
<h1>区人大代表走访困难群众</h1>
<p>本报讯　近日，浙江省杭州市西湖区人大代表何桂兰走访了辖区内的困难群众，了解他们的生活需求。</p>
<p>镇人大代表施德明出资修缮了村里的文化广场，受到村民好评。</p>
</div>
<div class="bottom">
<p>版权所有 广东省广州市天河区人大常委会　市人大代表许玉珍热线</p>
<p>粤ICP备12345678号-1　技术支持：四川省成都市某公司</p>
</div>
<footer><p>联系我们 | 全国人大代表曹志刚信箱</p></footer>
</body></html>
"""


def test_html_menu_and_footer_removed(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(HTML, "utf-8")
    out = tmp_path / "html.jsonl"
    res = _cli(["extract", str(page), "-o", str(out), "--pipeline", "rules", "--no-progress"])
    assert "read 1, ok 1, error 0" in res
    (rec,) = _records(out)
    text = rec["text"]
    for junk in ("首页", "人大代表风采", "要闻", "版权所有", "ICP", "联系我们", "王建国", "林海峰", "吕春生",
                 "许玉珍", "曹志刚", "var menu", "color:red", "<"):
        assert junk not in text, junk
    assert "何桂兰走访了辖区内的困难群众" in text
    for sp in rec["spans"]:
        assert text[sp["start"]:sp["end"]] == sp["text"], sp
    deputies = {s["text"] for s in rec["spans"] if s["label"] == "DEPUTY"}
    assert deputies == {"何桂兰", "施德明"}
    places = {s["text"] for s in rec["spans"] if s["label"] == "PLACE"}
    assert places <= {"浙江省", "杭州市", "西湖区"} and "浙江省" in places


# ------------------------------------------------------------------ Dask
def test_dask_local_cluster_equals_local_run(corpus, tmp_path):
    pytest.importorskip("distributed")
    src, ref = corpus
    out = tmp_path / "dask.jsonl"
    res = _cli(["extract", str(src), "-o", str(out), "--pipeline", "rules", "--engine", "dask", "--partitions", "6"])
    assert "read 300, ok 300, error 0" in res
    assert out.read_text("utf-8") == ref.read_text("utf-8")  # same records, same order


def test_dask_partitioned_output_and_one_load_per_worker(corpus, tmp_path):
    pytest.importorskip("distributed")
    from dask.distributed import Client, LocalCluster

    from zhpolitics.engines import dask_engine

    src, ref = corpus
    parts = tmp_path / "parts"
    parts.mkdir()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as client:
        res = _cli(["extract", str(src), "-o", str(parts), "--pipeline", "rules", "--engine", "dask",
                    "--scheduler", cluster.scheduler_address, "--partitions", "7"])
        assert "read 300, ok 300, error 0" in res
        # resume through the same cluster: a third of the records are already there, the last one torn
        single = tmp_path / "resumed.jsonl"
        lines = ref.read_text("utf-8").splitlines(keepends=True)
        single.write_text("".join(lines[:100]) + lines[100][:40], "utf-8")
        res = _cli(["extract", str(src), "-o", str(single), "--pipeline", "rules", "--engine", "dask",
                    "--scheduler", cluster.scheduler_address, "--resume"])
        assert "read 300, ok 200, error 0, skipped (already in output) 100" in res
        assert single.read_text("utf-8") == ref.read_text("utf-8")
        loads = client.run(dask_engine.worker_loads)
    assert len(loads) == 2
    assert all(n == 1 for _pid, n in loads.values()), loads  # 7 + 4 partitions, one pipeline load per worker
    files = sorted(parts.glob("part-*.jsonl"))
    assert [f.name for f in files] == [f"part-{k:05d}.jsonl" for k in range(7)]
    assert "".join(f.read_text("utf-8") for f in files) == ref.read_text("utf-8")


def test_dask_partition_helpers(tmp_path):
    from zhpolitics.engines.dask_engine import is_partitioned, split

    assert split(list(range(10)), 3) == [(0, 4), (4, 7), (7, 10)]
    assert split([], 4) == [] and split([1], 4) == [(0, 1)]
    assert is_partitioned(str(tmp_path / "x") + "/") and is_partitioned(tmp_path)
    assert not is_partitioned(tmp_path / "x.jsonl")
