"""PLACE spans, aliases, guards and homonym resolution (own invented sentences)."""

from __future__ import annotations

import pytest

from conftest import ADMIN, ents


def places(nlp, text):
    doc = nlp(text)
    return [(e.text, e._.zhp_level, e._.zhp_code) for e in doc.ents if e.label_ == "PLACE"]


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
    got = [(e.start_char, e.end_char, e._.zhp_code) for e in doc.ents if e.label_ == "PLACE"]
    assert got == [(0, 3, "440000"), (3, 6, "440100"), (11, 14, "440104")]


def test_lookup_api():
    from zhpolitics.places import lookup

    cands = lookup("潞州区")
    assert cands and cands[0]["code"] == "140403"
    assert [c for c, _n in cands[0]["path"]] == ["140000", "140400", "140403"]


def test_street_abbreviation_needs_its_county(nlp):
    assert ("英中街道", "town", "140403004") in places(nlp, "潞州区英中街道的居民反映了问题。")
    got = dict((t, c) for t, _l, c in places(nlp, "英中街道的居民反映了问题。"))
    assert got.get("英中街道") is None  # without 潞州区 in the text it stays unresolved


def test_autonomous_prefecture_and_county_short_forms(nlp):
    got = places(nlp, "玉树州囊谦县的牧民和江华县的瑶族群众都来了。")
    assert ("玉树州", "city", "632700") in got
    assert ("江华县", "county", "431129") in got


def test_village_suffix_variants():
    from zhpolitics.places.gazetteer import village_stem

    assert village_stem("长钢居委会") == ("长钢", "community")
    assert village_stem("长钢社区居委会") == ("长钢", "community")
    assert village_stem("大林村村民委员会") == ("大林", "village")
    assert village_stem("柏坡村委会") == ("柏坡", "village")


def test_committee_suffix_belongs_to_village(nlp):
    got = [t for t, l, _c in places(nlp, "卢洼村村委会主任贺德斌提出了建议。")]
    assert got == ["卢洼村村委会"]


def test_unknown_units_by_pattern(nlp):
    got = places(nlp, "代表们来到柯坪县玉尔其乡的上库木力村走访。")
    assert ("上库木力村", "village", None) in got




@pytest.mark.skipif(not (ADMIN / "streets_2020-06-30_hist.csv").exists(), reason=f"needs the NBS 2020 town list in {ADMIN}")
def test_former_town_name_maps_to_current_code():
    from zhpolitics.places import PlaceMatcher
    from zhpolitics.places.gazetteer import build

    m = PlaceMatcher(build(ADMIN))
    text = "长治市潞州区老顶山镇的代表们开展了视察。"
    got = {text[x.start:x.end]: x.code for x in m(text)}
    assert got["老顶山镇"] == "140403014"


@pytest.mark.skipif(not list(ADMIN.glob("villages*.csv")), reason=f"needs the NBS village list in {ADMIN}")
def test_village_code_with_optional_data():
    from zhpolitics.places import PlaceMatcher
    from zhpolitics.places.gazetteer import build

    m = PlaceMatcher(build(ADMIN))
    text = "黄碾镇人大代表深入长钢社区开展接待选民活动。"
    got = {text[x.start:x.end]: x.code for x in m(text)}
    assert got["长钢社区"] == "140403104005"


def test_unwritable_cache_falls_back_to_temp(tmp_path, monkeypatch):
    import os

    from zhpolitics.places.gazetteer import cache_dir

    # a folder under a regular file cannot be created, not even by root (chmod would not stop root)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ZHPOLITICS_CACHE", str(blocker / "cache"))
    d = cache_dir()
    assert d.exists() and os.access(d, os.W_OK) and str(d) != str(blocker / "cache")


def test_short_form_opening_a_company_name_is_not_a_place(nlp):
    def names(text):
        return [t for t, _lv, _code in places(nlp, text)]

    assert names("市人大代表、上海申达律师事务所主任李明走访了社区。") == []
    assert names("山西煤炭进出口集团有限公司向灾区捐款20万元。") == []
    assert names("物资由澄爽食品科技（苏州）有限公司装箱发车。") == []
    # the same short forms in running text, or before a function word, stay places
    assert names("他在山西投资兴建的公司已经投产。") == ["山西"]
    assert names("代表们在上海考察了三家养老机构。") == ["上海"]


def test_village_after_a_verb_and_no_pronoun_village(nlp):
    def names(text):
        return [t for t, _lv, _code in places(nlp, text)]

    # 他回村: a pronoun never opens a village name
    assert names("去年冬天，他回村时听乡亲们说起上山的路难走。") == []


@pytest.mark.skipif(not ADMIN.is_dir(), reason=f"needs the NBS village table in {ADMIN}")
def test_village_named_right_after_a_word_that_ends_before_it(nlp):
    # 来自|莲花村: the word before the village begins before the walk-back stops (at 来)
    got = places(nlp, "恭城瑶族自治县莲花镇人大代表联络站开放。来自莲花村的种植大户周德明第一个发言。")
    assert ("莲花村", "village", "450332102200") in got


def test_gacha_committee_names_have_the_gacha_stem():
    from zhpolitics.places.gazetteer import village_stem

    # the NBS table writes gacha committees in several ways; all must index under the stem
    for official in ("巴彦淖尔嘎查委员会", "巴彦淖尔嘎查村民委员会", "巴彦淖尔嘎查村委会", "巴彦淖尔嘎查委会", "巴彦淖尔嘎查"):
        assert village_stem(official) == ("巴彦淖尔", "village"), official
    assert village_stem("大林村村民委员会") == ("大林", "village")


def test_adverbs_and_verbs_do_not_open_unknown_units(nlp):
    def names(text):
        return [t for t, _lv, _code in places(nlp, text)]

    assert names("老年助餐不能只靠社区单打独斗。") == []
    assert names("他又组织村里的种粮户成立了合作社。") == []


def test_ethnic_township_short_form(nlp):
    got = places(nlp, "保山市昌宁县湾甸傣族乡人大主席团开会。在湾甸，像这样的代表还有很多。")
    full = [code for t, lv, code in got if t == "湾甸傣族乡"]
    # (the town code is the NBS one with ../shared/data/admin, the civil-affairs one without)
    assert full and full[0].startswith("530524") and ("湾甸", "town", full[0]) in got


def test_prefecture_city_without_districts_is_a_city(nlp):
    # 东莞市/儋州市 have no districts; the NBS tables list them again as their own county row
    got = places(nlp, "在海南省儋州市兰洋镇，市人大代表符国平察看了胡椒园。广东省东莞市人大代表李晓明走访了企业。")
    assert ("儋州市", "city", "460400") in got and ("东莞市", "city", "441900") in got
    doc = nlp("在海南省儋州市兰洋镇，市人大代表符国平察看了胡椒园。")
    assert [(s.text, s._.zhp_level) for s in doc.spans["zhpolitics"] if s.label_ == "DEPUTY"] == [("符国平", "city")]
