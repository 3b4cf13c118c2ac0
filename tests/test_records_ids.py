"""Record ids from the Doc (issue 17): ``to_record(doc)`` keeps the document a caller named."""

from __future__ import annotations

import zhpolitics
from zhpolitics.records import error_record, table_rows

TEXTS = ["镇人大代表蒋玉兰调解了邻里纠纷。", "县人大代表沈国华走访了困难群众。"]


def test_as_tuples_with_dict_context_gives_id_and_fields(nlp):
    pairs = [(t, {"id": f"k{i}", "date": "2024-03-0" + str(i + 1)}) for i, t in enumerate(TEXTS)]
    recs = [zhpolitics.to_record(doc) for doc, _ctx in nlp.pipe(pairs, as_tuples=True)]
    assert [(r["id"], r["date"]) for r in recs] == [("k0", "2024-03-01"), ("k1", "2024-03-02")]


def test_as_tuples_with_plain_id_context(nlp):
    docs = [doc for doc, _ctx in nlp.pipe(zip(TEXTS, [7, "b"]), as_tuples=True)]
    assert [zhpolitics.to_record(d)["id"] for d in docs] == [7, "b"]
    assert [d.user_data["id"] for d in docs] == [7, "b"]


def test_user_data_id_and_explicit_id(nlp):
    doc = nlp(TEXTS[0])
    assert zhpolitics.to_record(doc)["id"] is None
    doc.user_data["id"] = "set-by-hand"
    assert zhpolitics.to_record(doc)["id"] == "set-by-hand"
    assert zhpolitics.to_record(doc, doc_id="explicit")["id"] == "explicit"


def test_dataframe_rows_keep_their_document_and_integer_offsets(nlp):
    recs = [zhpolitics.to_record(d) for d, _c in nlp.pipe(((t, {"id": f"k{i}"}) for i, t in enumerate(TEXTS)),
                                                          as_tuples=True)]
    df = zhpolitics.to_dataframe(recs + [error_record("bad", "empty document")], "spans")
    assert set(df["id"]) == {"k0", "k1"}  # to_dataframe lists items; an error record has none
    assert str(df["start"].dtype) == "Int64" and str(df["person_id"].dtype) == "Int64"
    people = zhpolitics.to_dataframe(recs, "people")
    merged = df[df["label"] == "DEPUTY"].merge(people, on=["id", "person_id"])
    assert sorted(merged["name"]) == ["沈国华", "蒋玉兰"]


def test_table_rows_keep_error_documents_and_pass_through_fields():
    rows = table_rows([error_record("e1", "invalid JSON on line 3: x", {"outlet": "报", "start": 5})], "spans",
                      keep_empty=True, passthrough=True)
    assert rows == [{"id": "e1", "error": "invalid JSON on line 3: x", "error_kind": "bad-json", "outlet": "报",
                     "input_start": 5}]
