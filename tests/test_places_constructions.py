"""Constructions of issue 14, in our own invented sentences: traditional characters,
coordinated short names, committee forms, and names inside other names."""

from __future__ import annotations

import pytest

from zhpolitics.places import PlaceMatcher
from zhpolitics.places import gazetteer as gzm
from zhpolitics.text import normalize


@pytest.fixture(scope="module")
def matcher():
    """Matching on a plain install (packaged NBS tables, no village data)."""
    return PlaceMatcher(gzm.build(None))


def spans(matcher, text):
    return {text[m.start:m.end]: m.code for m in matcher(normalize(text))}


def test_traditional_characters(matcher):
    text = "石柱土家族自治縣中益鄉的代表來到華溪村，與鄉親們座談。"
    got = spans(matcher, text)
    assert got["石柱土家族自治縣"] == "500240"
    assert got["中益鄉"] == matcher.gz.surfaces["中益乡"][0].code
    assert "華溪村" in got


def test_traditional_former_name(matcher):
    assert spans(matcher, "寧鄉縣人大常委會召開會議。")["寧鄉縣"] == "430124"


def test_coordinated_villages_sharing_one_unit_word(matcher):
    text = "县人大代表走访了红星、新河、永安等村，了解春耕备耕情况。"
    assert set(spans(matcher, text)) == {"红星", "新河", "永安"}


def test_coordinated_towns_of_the_county_named(matcher):
    text = "保定市莲池区东关、西关、南关等地的代表参加了视察。"
    got = spans(matcher, text)
    for name in ("东关", "西关", "南关"):
        code = got[name]
        assert code and matcher.gz.units[code].parent == got["莲池区"]  # not 长春's 南关区


def test_coordinated_list_needs_names_not_words(matcher):
    assert spans(matcher, "我们走访了困难、偏远等村的群众。") == {}


def test_committee_forms_are_one_span(matcher):
    text = "红旗村委会主任说，新河村委今年修了路，东风居民区也装了路灯。"
    got = spans(matcher, text)
    assert {"红旗村委会", "新河村委", "东风居民区"} <= set(got)


def test_gacha_is_a_village(matcher):
    assert "巴彦嘎查" in spans(matcher, "巴彦嘎查的牧民代表来到苏木开会。")


@pytest.mark.parametrize("text, not_place", [
    ("他毕业于江西某某职业学院，后来到了外地。", "江西"),
    ("她现任成都福建商会秘书长。", "福建"),
    ("她现任成都福建商会秘书长。", "成都"),
    ("孩子们在米奇卡通城玩了一下午。", "通城"),
    ("他读了长篇小说《虎踞钟山》。", "钟山"),
    ("代表们说，绿水青山就是金山银山。", "金山"),
    ("住在河北岸的居民反映路灯不亮。", "河北"),
    ("沿着这条路一路朝东就能到学校。", "朝东"),
])
def test_names_inside_other_names_are_not_places(matcher, text, not_place):
    assert not_place not in spans(matcher, text)


def test_place_with_unit_word_inside_a_title_stays(matcher):
    assert "六头村" in spans(matcher, "他提出了《关于东门镇六头村巷道硬化的建议》。")


def test_village_resolution_uses_the_documents_towns(tmp_path, monkeypatch):
    """A one-character village name is a place when a town the document names has it."""
    import csv

    admin = tmp_path / "admin"
    admin.mkdir()
    town = gzm.build(None).surfaces["天荒坪镇"][0].code
    with open(admin / "villages_test.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["code", "name", "streetCode", "areaCode", "cityCode", "provinceCode"])
        w.writerow([town + "201", "余村村委会", town, town[:6], town[:4], town[:2]])
        w.writerow(["610431104226", "余村委会", "610431104", "610431", "6104", "61"])
    monkeypatch.setenv("ZHPOLITICS_CACHE", str(tmp_path / "cache"))
    m = PlaceMatcher(gzm.build(admin))
    text = "安吉县天荒坪镇的余村近年来发展乡村旅游。"
    assert spans(m, text)["余村"] == town + "201"


@pytest.mark.parametrize("text, name, code", [
    ("本省代表团昨日抵京，参加全国人民代表大会。", "京", "110000"),
    ("会议结束后，代表们返沪履职。", "沪", "310000"),
])
def test_municipality_abbreviation_after_a_travel_verb(matcher, text, name, code):
    assert spans(matcher, text).get(name) == code


@pytest.mark.parametrize("text", ["她从小喜欢京剧，也常去听京剧。", "京沪高铁运行平稳。"])
def test_abbreviation_needs_the_travel_frame(matcher, text):
    assert "京" not in spans(matcher, text)


def test_credit_in_parentheses_is_not_a_place(matcher):
    assert spans(matcher, "代表们在田间查看苗情。（平安镇供图）") == {}


def test_road_named_after_a_place_is_not_a_place(matcher):
    assert "中山" not in spans(matcher, "代表们参与了中山中路的整治。")


def test_city_before_shizheng_keeps_only_its_name(matcher):
    assert "太原" in spans(matcher, "他是太原市政管理处的一名职工。")


def test_numeral_before_unit_word_is_a_list_not_a_name(matcher):
    got = spans(matcher, "县人大代表走访了荆塘、青城、廖圩三村。")
    assert {"荆塘", "青城", "廖圩"} <= set(got) and "廖圩三村" not in got


def test_time_word_before_committee_is_not_a_name(matcher):
    assert spans(matcher, "由于当时村委会没有资金，事情拖了下来。") == {}


def test_hong_kong_and_macao_deputies(matcher):
    got = spans(matcher, "港區全國人大代表表示，回港後將向市民宣講；本澳也將舉辦座談。")
    assert got.get("港區") == "810000" and got.get("港") == "810000" and got.get("澳") == "820000"


def test_airport_and_station_names_are_not_places(matcher):
    assert spans(matcher, "代表们从澳门国际机场启程，当晚到达广州北站。") == {}


def test_city_before_its_cppcc_keeps_its_suffix(matcher):
    assert "乐山市" in spans(matcher, "乐山市政协主席一行来我县考察。")


def test_autonomous_county_whose_people_name_has_no_zu(matcher):
    assert spans(matcher, "塔什库尔干县平均海拔较高。").get("塔什库尔干县") == "653131"


@pytest.mark.parametrize("text", ["村党支部书记兼村委会主任李明介绍了情况。", "“谢谢代表、谢谢村委会，想着我们。”"])
def test_words_before_a_committee_are_not_its_name(matcher, text):
    assert spans(matcher, text) == {}


def test_numeral_inside_a_village_name_stays(matcher):
    got = spans(matcher, "海丰镇恭二村党支部书记出资为美万村铺设晒场。")
    assert {"恭二村", "美万村"} <= set(got)


def test_list_with_an_unknown_village_keeps_all_names(matcher):
    assert {"沈周", "十图"} <= set(spans(matcher, "镇人大代表把慰问品送到了沈周、十图两个村。"))


# ---------------------------------------------------------------- issue 14, round 3 (our own sentences)

def _places(text):
    from zhpolitics.places import PlaceMatcher, default
    from zhpolitics.text import normalize

    n = normalize(text)
    return [(n[m.start:m.end], m.code) for m in PlaceMatcher(default())(n)]


def test_town_list_takes_an_ordinary_word_that_is_a_town_of_the_county():
    got = _places("连江县人大常委会组织代表在敖江、江南、凤城三个乡镇开展视察。")
    assert ("江南", "350122117") in got and ("敖江", "350122101") in got and ("凤城", "350122100") in got


def test_list_first_name_starts_after_an_ordinary_word():
    got = _places("寿县人大代表说，新修的泵站关系荆塘、青城、廖圩三村的灌溉。")
    assert [t for t, _c in got] == ["寿县", "荆塘", "青城", "廖圩"]


def test_village_name_starts_after_yi():
    got = _places("榜罗镇以双峰村为中心建设高标准农田，镇人大代表全程监督。")
    assert ("双峰村", "621121103205") in got


def test_village_affairs_word_is_not_a_village():
    # 村务监督委员会: 村务 (village affairs) is a word, so 村 is not this name's unit word
    got = [t for t, _c in _places("白沙镇人大代表、红岩村务监督委员会主任走访了农户。")]
    assert "红岩村" not in got
