"""Processed Docs serialise: bytes, DocBin and spaCy's own multiprocessing round-trip.

The sentences are invented for these tests.
"""

from __future__ import annotations

import warnings

import pytest
from spacy.tokens import Doc, DocBin, Span

import zhpolitics
from zhpolitics import extensions

TEXTS = [
    "河北省保定市人大代表王建华主动捐资修建村里的文化广场，积极宣传“绿水青山就是金山银山”理念。",
    "县人大代表李秀英走访了十二户困难群众，并协调解决了饮水问题。记者 张明",
    "据悉，镇人大代表陈立国多次深入田间地头，帮助农户销售滞销的苹果。",
]


def records(nlp, docs):
    return [zhpolitics.to_record(d) for d in docs]


@pytest.fixture(scope="module")
def processed(nlp):
    docs = list(nlp.pipe(TEXTS))
    recs = records(nlp, docs)
    assert any(r["links"] for r in recs) and any(r["people"] for r in recs)  # the texts exercise everything
    return docs, recs


def test_to_bytes_round_trip(nlp, processed):
    docs, recs = processed
    for doc, rec in zip(docs, recs):
        back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
        assert zhpolitics.to_record(back) == rec


def test_docbin_with_user_data_round_trip(nlp, processed):
    docs, recs = processed
    db = DocBin(store_user_data=True)
    for d in docs:
        db.add(d)
    back = list(DocBin(store_user_data=True).from_bytes(db.to_bytes()).get_docs(nlp.vocab))
    assert records(nlp, back) == recs


def test_n_process_2_gives_the_records_of_n_process_1(nlp, processed):
    _docs, recs = processed
    docs2 = list(nlp.pipe(TEXTS, n_process=2, batch_size=1))
    assert records(nlp, docs2) == recs


def _plain(v) -> bool:
    if isinstance(v, (str, int, float, bool, type(None))):
        return True
    if isinstance(v, (list, tuple)):
        return all(_plain(x) for x in v)
    if isinstance(v, dict):
        return all(_plain(k) and _plain(x) for k, x in v.items())
    return False


def test_stored_values_are_plain(processed):
    docs, _recs = processed
    for doc in docs:
        for key, value in doc.user_data.items():
            assert _plain(value), key
        for link in doc._.zhp_link_data or []:
            assert all(isinstance(x, int) for x in link["deputy"] + link["action"])


def test_links_are_span_views_over_the_stored_offsets(processed):
    docs, recs = processed
    for doc, rec in zip(docs, recs):
        views = doc._.zhp_links or []
        assert len(views) == len(rec["links"])
        for v, r in zip(views, rec["links"]):
            assert isinstance(v["deputy"], Span) and v["deputy"].label_ == "DEPUTY"
            assert v["deputy"].text == r["deputy_text"] and v["action"].text == r["action_text"]


def test_person_views(processed):
    docs, recs = processed
    doc, rec = next((d, r) for d, r in zip(docs, recs) if r["people"])
    first = doc._.zhp_person_spans[0]
    assert [[s.start_char, s.end_char] for s in first] == rec["people"][0]["mentions"]
    dep = next(s for s in doc.spans[extensions.SPANS_KEY] if s.label_ == "DEPUTY")
    assert dep._.zhp_person["name"] == dep.text


def test_old_names_are_deprecated_aliases(processed):
    docs, _recs = processed
    place = next(s for d in docs for s in d.spans[extensions.SPANS_KEY] if s.label_ == "PLACE")
    extensions._warned.clear()
    with pytest.warns(DeprecationWarning, match="zhp_code"):
        old = place._.code
    assert old == place._.zhp_code and old
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert docs[0]._.links[0]["deputy"].text == docs[0]._.zhp_links[0]["deputy"].text


def test_alias_is_not_registered_over_another_packages_extension():
    from spacy.tokens import Span as S

    # 'code' is taken by our alias in this process; a name another package owns stays theirs
    S.set_extension("zhp_test_owned", default="theirs", force=True)
    extensions.DEPRECATED_SPAN["zhp_test_owned"] = "zhp_code"
    try:
        extensions.register()
        assert S.get_extension("zhp_test_owned")[0] == "theirs"
    finally:
        del extensions.DEPRECATED_SPAN["zhp_test_owned"]
        S.remove_extension("zhp_test_owned")
