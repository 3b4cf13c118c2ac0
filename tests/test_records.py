"""Records: exact offsets whatever the text looks like, and the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import zhpolitics


def _check_offsets(rec):
    text = rec["text"]
    for s in rec["spans"]:
        assert text[s["start"]:s["end"]] == s["text"]
    for l in rec["links"]:
        assert text[l["action"][0]:l["action"][1]] == l["action_text"]
        assert text[l["deputy"][0]:l["deputy"][1]] == l["deputy_text"]


def test_offsets_with_crlf_and_halfwidth(nlp):
    text = "标题\r\n\r\n  区人大代表柯文亮、黄小燕深入社区开展走访活动,收集意见3条。\r\n(记者 曹阳)"
    rec = zhpolitics.to_record(nlp(text))
    _check_offsets(rec)
    labels = {(s["text"], s["label"]) for s in rec["spans"]}
    assert ("柯文亮", "DEPUTY") in labels and ("黄小燕", "DEPUTY") in labels and ("曹阳", "PERSON") in labels


def test_fullwidth_and_halfwidth_give_same_spans(nlp):
    a = "区人大代表贺明亮说：“要办实事。”他随后出资修缮了村道。"
    b = a.replace("：", ":").replace("。", ".")
    ra, rb = zhpolitics.to_record(nlp(a)), zhpolitics.to_record(nlp(b))
    assert [(s["start"], s["end"], s["label"]) for s in ra["spans"]] == [(s["start"], s["end"], s["label"]) for s in rb["spans"]]


def test_schema_validates_records(nlp):
    import jsonschema

    schema = json.loads((Path(zhpolitics.__file__).parent / "schema" / "record.schema.json").read_text("utf-8"))
    rec = zhpolitics.to_record(nlp("黄碾镇人大代表王建平为困难户办理了低保手续。"), doc_id="t1")
    jsonschema.validate(rec, schema)
    from zhpolitics.records import error_record

    jsonschema.validate(error_record("t2", "empty document"), schema)


def test_meta_passthrough_never_overrides_predictions(nlp):
    doc = nlp("区人大代表罗春燕走访选民。")
    rec = zhpolitics.to_record(doc, meta={"id": "x", "title": "t", "spans": ["gold"], "links": ["gold"], "people": ["gold"]})
    assert rec["title"] == "t" and rec["spans"] and rec["spans"][0]["label"] == "DEPUTY" and rec["people"][0]["name"] == "罗春燕"


def test_people_table(nlp):
    doc = nlp("黄碾镇人大代表王德胜走访了困难户。王代表说，要把事情办好。（记者 钱伟）")
    people = {p["name"]: p for p in doc._.zhp_people}
    assert people["王德胜"]["role"] == "deputy" and people["王德胜"]["level"] == "township"
    assert "黄碾镇" in people["王德胜"]["places"]
    assert len(people["王德胜"]["mentions"]) == 2
    assert people["钱伟"]["role"] == "reporter"
