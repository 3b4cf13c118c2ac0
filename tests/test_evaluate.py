"""evaluate: a tiny hand-made gold with known expected numbers."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from zhpolitics.cli import main
from zhpolitics.evaluate import overlap_ok, score

GOLD = [{"id": "a", "text": "区人大代表王立新出资修路。",
         "spans": [{"start": 5, "end": 8, "label": "DEPUTY", "level": "county"},
                   {"start": 0, "end": 1, "label": "PLACE", "level": "county", "code": "111111"}],
         "links": [{"deputy": [5, 8], "action": [8, 12], "type": "fund"}]},
        {"id": "b", "text": "记者张华报道。", "spans": [{"start": 2, "end": 4, "label": "PERSON"}], "links": []}]
PRED = [{"id": "a", "spans": [{"start": 5, "end": 8, "label": "DEPUTY", "level": "city"},
                              {"start": 0, "end": 1, "label": "PLACE", "level": "county", "code": "111111"},
                              {"start": 9, "end": 11, "label": "SLOGAN"}],
         "links": [{"deputy": [5, 8], "action": [10, 12], "type": "fund"},
                   {"deputy": [5, 8], "action": [8, 9], "type": "other"}]},
        {"id": "b", "spans": [{"start": 2, "end": 3, "label": "PERSON"}], "links": []}]


def test_known_numbers():
    r = score(GOLD, PRED)
    assert r["labels"]["DEPUTY"]["f1"] == 1.0
    assert r["labels"]["PERSON"]["precision"] == 0.0 and r["labels"]["PERSON"]["recall"] == 0.0
    assert r["labels"]["SLOGAN"]["fp"] == 1
    assert r["level_accuracy"]["DEPUTY"] == 0.0 and r["level_accuracy"]["PLACE"] == 1.0
    assert r["code_accuracy"] == 1.0
    # link 1: overlap 2 chars of min(4, 2) = 2 → correct; link 2: overlap 1 of min(4,1) → matches, but gold used
    assert r["links"]["tp"] == 1 and r["links"]["fp"] == 1 and r["links"]["fn"] == 0
    assert r["links"]["precision"] == pytest.approx(0.5)
    assert r["type_accuracy"] == 1.0


def test_overlap_rule():
    assert overlap_ok((0, 10), (5, 9))
    assert overlap_ok((0, 4), (2, 8))      # 2 of shorter 4
    assert not overlap_ok((0, 4), (3, 8))  # 1 of shorter 4
    assert not overlap_ok((0, 4), (4, 8))


def test_cli_evaluate_with_pred(tmp_path):
    g, p = tmp_path / "g.jsonl", tmp_path / "p.jsonl"
    g.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in GOLD), "utf-8")
    p.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in PRED), "utf-8")
    res = CliRunner().invoke(main, ["evaluate", str(g), "--pred", str(p), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["links"]["tp"] == 1 and data["labels"]["DEPUTY"]["f1"] == 1.0
