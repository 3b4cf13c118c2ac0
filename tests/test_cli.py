"""The batch CLI on a temporary corpus with bad documents (GBK, binary, empty)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from zhpolitics.cli import main


def _run(args, code=0):
    res = CliRunner().invoke(main, args)
    assert res.exit_code == code, res.output
    return res


def _records(path):
    return [json.loads(l) for l in path.read_text("utf-8").splitlines() if l.strip()]


def test_extract_bad_inputs(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "ok.txt").write_text("县人大代表沈国华走访了困难群众。", "utf-8")
    (corpus / "sub" / "gbk.txt").write_bytes("镇人大代表蒋玉兰调解了邻里纠纷。".encode("gbk"))
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.txt").write_text("  \n\n ", "utf-8")
    out = tmp_path / "out.jsonl"
    res = _run(["extract", str(corpus), "-o", str(out), "--pipeline", "rules", "--no-progress"], code=1)
    recs = {r["id"]: r for r in _records(out)}
    assert len(recs) == 5
    assert "read 5, ok 2, error 3" in res.output
    gbk = next(r for k, r in recs.items() if k.endswith("gbk.txt"))
    assert [s["text"] for s in gbk["spans"] if s["label"] == "DEPUTY"] == ["蒋玉兰"]
    errors = {k.rsplit("/", 1)[-1]: r["error"] for k, r in recs.items() if r.get("error")}
    assert set(errors) == {"binary.txt", "empty.txt", "blank.txt"}
    assert "binary" in errors["binary.txt"] and "empty" in errors["empty.txt"]


def test_extract_gold_file_and_jsonl_fields(tmp_path):
    gold = tmp_path / "gold.jsonl"
    rows = [{"id": "g1", "text": "区人大代表孟建华出资安装了路灯。", "spans": [{"start": 0, "end": 1, "label": "X"}],
             "links": [], "people": ["old"], "source": "test", "date": "2021-05-01"},
            {"id": "g2", "content": "no text field"}]
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n{broken json\n", "utf-8")
    out = tmp_path / "pred.jsonl"
    res = _run(["extract", str(gold), "-o", str(out), "--pipeline", "rules", "--no-progress", "--allow-errors"])
    recs = _records(out)
    assert len(recs) == 3 and "read 3, ok 1, error 2" in res.output
    r = recs[0]
    assert r["source"] == "test" and r["date"] == "2021-05-01"
    assert all(s["label"] != "X" for s in r["spans"]) and r["people"] != ["old"]
    assert recs[1]["error"].startswith("field 'text'") and "invalid JSON" in recs[2]["error"]


def test_csv_and_parquet_output(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,text\n1,区人大代表邓春梅走访选民。\n2,\n", "utf-8")
    out = tmp_path / "spans.csv"
    _run(["extract", str(src), "-o", str(out), "--pipeline", "rules", "--no-progress"], code=1)
    text = out.read_text("utf-8-sig")
    assert "邓春梅" in text and "empty document" in text
    pq = tmp_path / "spans.parquet"
    _run(["extract", str(src), "-o", str(pq), "--pipeline", "rules", "--no-progress", "--allow-errors"])
    import pandas as pd

    df = pd.read_parquet(pq)
    assert set(df["id"].astype(str)) == {"1", "2"}


def test_help_teaches():
    res = _run(["extract", "--help"])
    assert "--resume" in res.output and "Examples" in res.output
