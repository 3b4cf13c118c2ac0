"""The issues' acceptance figures that the rules pipeline must keep (regression guards).

Seed tests need ../shared (skipped with a reason when absent); corpus/dev ships here.
"""

from __future__ import annotations

import json

import pytest

from conftest import REPO, SHARED, needs_shared
from zhpolitics.evaluate import read_jsonl, score
from zhpolitics.records import to_record


def _run(nlp, gold):
    return [to_record(doc, doc_id=g["id"], include_text=False) for g, doc in zip(gold, nlp.pipe(g["text"] for g in gold))]


@needs_shared("gold", "seed.jsonl")
def test_seed_scores(nlp):
    gold = read_jsonl(SHARED / "gold" / "seed.jsonl")
    r = score(gold, _run(nlp, gold))
    assert r["labels"]["DEPUTY"]["f1"] >= 0.95 and r["level_accuracy"]["DEPUTY"] >= 0.95
    assert r["labels"]["PLACE"]["f1"] >= 0.95
    assert r["labels"]["PERSON"]["f1"] >= 0.90
    assert r["labels"]["SLOGAN"]["f1"] >= 0.90 and r["labels"]["SLOGAN"]["recall"] == 1.0
    assert r["links"]["f1"] >= 0.90 and r["type_accuracy"] >= 0.90
    # codes are NBS statistical codes; 长钢社区 needs the village data
    if (SHARED / "data" / "admin" / "villages_2021-10-31_liyanjie2048.csv").exists():
        assert r["code_accuracy"] == 1.0


@needs_shared("seeds", "luzhou-deputies-2021.txt")
def test_no_span_in_navigation_or_footer_of_raw_page(nlp):
    text = (SHARED / "seeds" / "luzhou-deputies-2021.txt").read_text("utf-8")
    rec = to_record(nlp(text))
    first_line_end = text.index("\n")
    footer_start = text.index("广告\n")
    assert rec["spans"]
    for s in rec["spans"]:
        assert first_line_end <= s["start"] and s["end"] <= footer_start, s


def test_dev_corpus_people(nlp):
    gold = read_jsonl(REPO / "corpus" / "dev" / "gold.jsonl")
    assert len(gold) >= 40
    r = score(gold, _run(nlp, gold))
    assert r["labels"]["DEPUTY"]["f1"] >= 0.95
    assert r["labels"]["PERSON"]["f1"] >= 0.90
    assert r["level_accuracy"]["DEPUTY"] >= 0.95
