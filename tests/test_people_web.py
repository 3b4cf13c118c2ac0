"""People on the open web (issue 13): name boundaries from the character NER around
person cues, one role per person, 代表 as a verb.  Invented sentences in the genre."""

from __future__ import annotations

import warnings

import pytest

from zhpolitics.paths import model_path
from zhpolitics.people.boundaries import NerView, choose, cue_windows, weak_name
from zhpolitics.people.roles import RoleModel, daibiao_is_verb, doc_stats, load_model, person_evidence

needs_charner = pytest.mark.skipif(not model_path("zh_charner").is_dir(), reason="models/zh_charner not built")
needs_roles = pytest.mark.skipif(load_model() is None, reason="models/people/roles.json not built")


@pytest.fixture(scope="module")
def default_nlp():
    import zhpolitics

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return zhpolitics.load("default")


def people(doc):
    """[(text, label, level)] of the DEPUTY and PERSON spans, in text order."""
    return [(s.text, s.label_, s._.zhp_level) for s in doc.spans["zhpolitics"] if s.label_ in ("DEPUTY", "PERSON")]


# --- boundaries: the model's edge where the rules guessed ----------------------------

def test_a_shorter_model_name_wins_when_a_word_follows():
    norm = "人大代表孙静冒雨送老人"
    view = NerView.build(len(norm), [(4, 6, "PER")], [(0, len(norm))])
    assert choose(norm, 4, "孙静冒", view.name_at(norm, 4), view, {}) == "孙静"


def test_a_repeated_three_character_name_beats_a_shorter_model_name():
    norm = "市人大代表齐长岁进村。齐长岁说，路修好了。"
    view = NerView.build(len(norm), [(5, 7, "PER")], [(0, len(norm))])
    counts = {"齐长岁": 2, "齐长": 2}
    assert choose(norm, 5, "齐长岁", view.name_at(norm, 5), view, counts) == "齐长岁"


def test_the_model_silence_vetoes_only_phrase_like_candidates():
    norm = "村里设立了人大代表公示牌，群众拨打了人大代表黄立才的电话。"
    view = NerView.build(len(norm), [], [(0, len(norm))])
    assert weak_name("公示牌", {}) and choose(norm, 9, "公示牌", None, view, {}) is None
    assert not weak_name("黄立才", {}) and choose(norm, 22, "黄立才", None, view, {}) == "黄立才"
    # where the model did not run, its silence says nothing
    outside = NerView.build(len(norm), [], [])
    assert choose(norm, 9, "公示牌", None, outside, {}) == "公示牌"


def test_cue_windows_cover_every_sentence_with_a_congress_title_or_daibiao():
    norm = "天气晴朗。镇人大代表刘红梅走访农户。会议结束。孙代表提出建议。"
    wins = cue_windows(norm)
    assert [norm[s:e] for s, e in wins] == ["镇人大代表刘红梅走访农户。", "孙代表提出建议。"]


@needs_charner
@pytest.mark.parametrize("text, expected", [
    ("人大代表王芳和李建国一起走访了困难户。", [("王芳", "DEPUTY", "unknown"), ("李建国", "DEPUTY", "unknown")]),
    ("人大代表孙静冒雨把独居老人送到安置点。", [("孙静", "DEPUTY", "unknown")]),
    ("人大代表马力挨家挨户宣传政策。", [("马力", "DEPUTY", "unknown")]),
    ("市人大代表赵敏连夜赶到现场。", [("赵敏", "DEPUTY", "city")]),
    ("县人大代表刘春燕和村干部一起清理淤泥。", [("刘春燕", "DEPUTY", "county")]),
])
def test_names_after_a_title_end_where_the_model_says(default_nlp, text, expected):
    assert people(default_nlp(text)) == expected


@needs_charner
@pytest.mark.parametrize("text", ["镇人大代表闻讯而动，连夜转移群众。", "几名群众围在人大代表公示牌前打电话。"])
def test_no_deputy_from_an_ordinary_phrase_after_a_title(default_nlp, text):
    assert [p for p in people(default_nlp(text)) if p[1] == "DEPUTY"] == []


# --- deputies the rules did not see --------------------------------------------------

@needs_charner
@pytest.mark.parametrize("text, expected", [
    ("代表钱立新到南街社区与居民座谈。", [("钱立新", "DEPUTY", "unknown")]),
    ("钱立新、周海燕、吴国栋等代表参加审议。",
     [("钱立新", "DEPUTY", "unknown"), ("周海燕", "DEPUTY", "unknown"), ("吴国栋", "DEPUTY", "unknown")]),
    ("宋玉兰和王秀英等代表对此高度重视", [("宋玉兰", "DEPUTY", "unknown"), ("王秀英", "DEPUTY", "unknown")]),
    ("冯德贵、谭红两位县人大代表来到联络站", [("冯德贵", "DEPUTY", "county"), ("谭红", "DEPUTY", "county")]),
    ("林晓东、郑丽两位镇人大代表参加了接待活动。", [("林晓东", "DEPUTY", "township"), ("郑丽", "DEPUTY", "township")]),
])
def test_lists_and_a_bare_daibiao_name_deputies(default_nlp, text, expected):
    assert people(default_nlp(text)) == expected


@needs_charner
def test_surname_before_daibiao_is_a_deputy(default_nlp):
    got = people(default_nlp("选民反映自来水停了。陈代表当场联系了供水公司。"))
    assert got == [("陈", "DEPUTY", "unknown")]


@needs_charner
@needs_roles
@pytest.mark.parametrize("text, name, level", [
    ("省人大代表，某某股份有限公司总经理邓佳明在会上发言。", "邓佳明", "province"),
    ("全国人大代表、西藏自治区那曲市某乡某村党支部书记次仁介绍了情况。", "次仁", "national"),
    ("市人大代表，县第一中学校长罗建平在座谈会上提出建议。", "罗建平", "city"),
])
def test_a_title_chain_with_any_separator_makes_a_deputy(default_nlp, text, name, level):
    assert (name, "DEPUTY", level) in people(default_nlp(text))


# --- 代表 as a verb --------------------------------------------------------------------

def test_daibiao_followed_by_the_body_spoken_for_is_a_verb():
    assert daibiao_is_verb("张伟代表县委、县政府致辞", 2)
    assert daibiao_is_verb("王强代表区人大常委会作工作报告", 2)
    assert daibiao_is_verb("黄立新代表南溪县人民政府汇报工作", 3)
    assert not daibiao_is_verb("王强代表说，路要修好", 2)
    assert not daibiao_is_verb("王强代表在县政府门口接待群众", 2)


@needs_charner
@pytest.mark.parametrize("text, name", [
    ("县委书记张伟代表县委、县政府向全县人民致以新春祝福", "张伟"),
    ("区人大常委会主任王强代表区人大常委会作工作报告", "王强"),
    ("镇长李振华代表镇政府与企业签订了协议。", "李振华"),
    ("民盟中央主席林国梁代表各民主党派向全国人民拜年。", "林国梁"),
])
def test_daibiao_as_a_verb_makes_no_deputy(default_nlp, text, name):
    got = people(default_nlp(text))
    assert (name, "PERSON", None) in got and not [p for p in got if p[1] == "DEPUTY"]


@needs_charner
@pytest.mark.parametrize("text", ["国务委员会主席和部长会议主席出席了会议。", "张家口代表、委员纷纷表示赞同。"])
def test_no_junk_deputy_from_boundary_guessing(default_nlp, text):
    assert [p for p in people(default_nlp(text)) if p[1] == "DEPUTY"] == []


# --- one role per person ---------------------------------------------------------------

@needs_charner
def test_every_mention_of_a_deputy_is_deputy_and_the_given_name_joins(default_nlp):
    doc = default_nlp("全国人大代表阿不都热合曼·买买提走访牧民。阿不都热合曼说，牧民的日子越过越好。")
    got = people(doc)
    assert got == [("阿不都热合曼·买买提", "DEPUTY", "national"), ("阿不都热合曼", "DEPUTY", "national")]


@needs_charner
def test_profile_page_heading_and_late_copula(default_nlp):
    text = ("何秀英：把群众的小事当大事\n"
            "何秀英在村里开了一家农家乐，带动二十多户村民增收。\n"
            "何秀英是县人大代表，她常说：“代表就要替群众说话。”")
    got = people(default_nlp(text))
    assert got and all(p == ("何秀英", "DEPUTY", "county") for p in got)
    assert len(got) == 3


def test_person_evidence_reads_every_occurrence():
    norm = "何秀英：做好小事\n何秀英开了农家乐。何秀英是县人大代表。"
    ev = person_evidence(norm, "何秀英", ["PERSON"], ["speaker"], doc_stats(norm))
    assert ev.features["heading"] > 0 and ev.features["copula_title"] > 0
    assert ev.features["n_occ"] == pytest.approx(__import__("math").log1p(3))


def test_role_model_round_trips_and_checks_its_format():
    m = RoleModel({"bias": -1.0, "title_chain": 2.0}, 0.5)
    again = RoleModel.from_json(m.to_json())
    assert again.prob({"bias": 1.0, "title_chain": 1.0}) > 0.5 > again.prob({"bias": 1.0})
    with pytest.raises(ValueError):
        RoleModel.from_json({"format": "other", "weights": {}})


@needs_charner
def test_people_table_has_one_entry_per_person_with_all_mentions(default_nlp):
    doc = default_nlp("区人大代表周明远走访社区。周明远说，路灯要尽快修好。周代表随后联系了城管部门。")
    table = [p for p in doc._.zhp_people if p["name"] == "周明远"]
    assert len(table) == 1 and table[0]["role"] == "deputy" and table[0]["level"] == "county"
    assert len(table[0]["mentions"]) == 3


# --- persons the rules bound by the text's own separators ------------------------------

def test_names_in_a_credit_line_are_persons_even_in_page_chrome(nlp):
    doc = nlp("发布时间：2024-05-06 | 来源：南溪日报 | 作者：林小雨 | 责任编辑：周文涛\n\n区人大代表郑明走访了社区。")
    got = [(s.text, s.label_) for s in doc.spans["zhpolitics"] if s.label_ in ("PERSON", "DEPUTY")]
    assert ("林小雨", "PERSON") in got and ("周文涛", "PERSON") in got and ("郑明", "DEPUTY") in got


def test_items_of_a_list_after_a_role_word_are_bounded_by_the_separators(nlp):
    doc = nlp("县政协主席胡建国，副主席何燕平、吴桂芳、王朝霞、李亚丽出席仪式。")
    persons = [s.text for s in doc.spans["zhpolitics"] if s.label_ == "PERSON"]
    assert {"何燕平", "吴桂芳", "王朝霞", "李亚丽"} <= set(persons)


@needs_charner
def test_a_list_before_a_verb_daibiao_names_no_deputies(default_nlp):
    got = people(default_nlp("会上，王建民、赵淑芬、孙立平等代表各民主党派发言。"))
    assert [p for p in got if p[1] == "DEPUTY"] == []
