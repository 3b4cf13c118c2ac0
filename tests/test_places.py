"""PLACE spans, aliases, guards and homonym resolution (own invented sentences)."""

from __future__ import annotations

from conftest import ents


def places(nlp, text):
    doc = nlp(text)
    return [(e.text, e._.level, e._.code) for e in doc.ents if e.label_ == "PLACE"]


def test_chain_split_with_codes(nlp):
    assert places(nlp, "山西省长治市潞州区召开会议。") == [
        ("山西省", "province", "140000"), ("长治市", "city", "140400"), ("潞州区", "county", "140403")]


def test_short_forms(nlp):
    got = places(nlp, "山西的企业家来到潞州区，潞州的发展让人振奋。")
    assert ("山西", "province", "140000") in got and ("潞州", "county", "140403") in got


def test_place_inside_organisation(nlp):
    assert places(nlp, "潞州区人大常委会召开主任会议。") == [("潞州区", "county", "140403")]


def test_media_brand_is_not_place(nlp):
    assert places(nlp, "据山西日报报道，天气晴好。") == []
    assert places(nlp, "来源：中新网山西") == []


def test_generic_words_are_not_places(nlp):
    assert places(nlp, "全镇各街道和该村都在推进城乡融合，乡镇干部走进农村。") == []


def test_town_resolved_by_chain(nlp):
    got = places(nlp, "河南省汝阳县城关镇的人大代表开展了走访。")
    town = [g for g in got if g[0] == "城关镇"][0]
    assert town[1] == "town" and town[2] is not None and town[2].startswith("410326")


def test_homonym_without_evidence_is_unresolved(nlp):
    got = places(nlp, "城关镇的代表们开展了集中视察。")
    assert got == [("城关镇", "town", None)]


def test_homonym_resolved_elsewhere_in_document(nlp):
    text = "城关镇召开人大代表座谈会。会议指出，要把汝阳县的民生实事办好。"
    town = places(nlp, text)[0]
    assert town[0] == "城关镇" and town[2] is not None and town[2].startswith("410326")


def test_traditional_characters_keep_offsets(nlp):
    text = "廣東省廣州市的代表來到越秀區。"
    doc = nlp(text)
    got = [(e.start_char, e.end_char, e._.code) for e in doc.ents if e.label_ == "PLACE"]
    assert got == [(0, 3, "440000"), (3, 6, "440100"), (11, 14, "440104")]


def test_lookup_api():
    from zhpolitics.places import lookup

    cands = lookup("潞州区")
    assert cands and cands[0]["code"] == "140403"
    assert [c for c, _n in cands[0]["path"]] == ["140000", "140400", "140403"]
