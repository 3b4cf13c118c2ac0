"""DEPUTY by congress title and the constructions around it (own invented sentences)."""

from __future__ import annotations

import pytest

from conftest import ents


def deputies(nlp, text):
    return [(t, lv) for t, lab, lv in ents(nlp(text), "DEPUTY")]


@pytest.mark.parametrize("text,expected", [
    ("全国人大代表韩秀英走访了三个乡镇。", [("韩秀英", "national")]),
    ("十四届全国人大代表李春来提交了建议。", [("李春来", "national")]),
    ("省人大代表周立新深入企业调研。", [("周立新", "province")]),
    ("自治区人大代表马文举到村里走访。", [("马文举", "province")]),
    ("市人大代表赵海鹰带头捐款。", [("赵海鹰", "city")]),
    ("州人大代表杨金花参加视察。", [("杨金花", "city")]),
    ("县人大代表刘德胜组织调解。", [("刘德胜", "county")]),
    ("区人大代表唐雪梅接待选民。", [("唐雪梅", "county")]),
    ("旗人大代表巴特尔走访牧户。", [("巴特尔", "county")]),
    ("镇人大代表何志远修缮了便民桥。", [("何志远", "township")]),
    ("乡人大代表吴春生调解纠纷。", [("吴春生", "township")]),
    ("街道人大代表孔令军巡查小区。", [("孔令军", "township")]),
    ("人大代表冯玉珍正在接待群众。", [("冯玉珍", "unknown")]),
])
def test_level_prefixes(nlp, text, expected):
    assert deputies(nlp, text) == expected


def test_named_unit_titles(nlp):
    got = deputies(nlp, "黄碾镇人大代表宋家明与长治市人大代表田晓东一起调研。")
    assert ("宋家明", "township") in got and ("田晓东", "city") in got


def test_municipality_city_title_is_province(nlp):
    got = deputies(nlp, "上海市崇明区的市人大代表陆海峰来到中兴镇，听取居民意见。")
    assert got == [("陆海峰", "province")]


def test_coordinated_list_shares_title(nlp):
    got = deputies(nlp, "区人大代表欧阳明、张秀兰和李国庆一同走访了敬老院。")
    assert got == [("欧阳明", "county"), ("张秀兰", "county"), ("李国庆", "county")]


def test_title_chain(nlp):
    got = deputies(nlp, "区人大代表、区人大常委会副主任程立平主持座谈。")
    assert got == [("程立平", "county")]
    got = deputies(nlp, "市人大代表、兴农农业科技有限公司董事长郑春华出资修路。")
    assert got == [("郑春华", "city")]


def test_attribution_after_quoted_speech(nlp):
    text = "“代表就要替群众说话。”县人大代表汪成林说。汪成林随后走访了三户困难家庭。"
    assert deputies(nlp, text) == [("汪成林", "county"), ("汪成林", "county")]


def test_ordinal_congress_and_two_congresses(nlp):
    text = "记玉林市第五届人大代表、北流市第十七届人大代表陈秋菊"
    assert deputies(nlp, text) == [("陈秋菊", "city")]


def test_minority_names(nlp):
    got = deputies(nlp, "全国人大代表阿依古丽·买买提走访了牧民。阿依古丽·买买提说，要把建议带到北京。")
    assert got[0] == ("阿依古丽·买买提", "national") and len(got) == 2
    got = deputies(nlp, "自治区人大代表努尔兰•吐尔逊看望了老人。")
    assert got == [("努尔兰•吐尔逊", "province")]


def test_surname_plus_daibiao_refers_back(nlp):
    doc = nlp("县人大代表郑立勇来到村里。村民们说：“郑代表办事我们放心。”")
    got = [(e.text, e.label_) for e in doc.ents if e.label_ == "DEPUTY"]
    assert got == [("郑立勇", "DEPUTY"), ("郑", "DEPUTY")]


def test_group_count(nlp):
    got = deputies(nlp, "在社区凉亭里，韩光明、蔡丽两位代表和居民围坐在一起。")
    assert got == [("韩光明", "unknown"), ("蔡丽", "unknown")]


@pytest.mark.parametrize("text", [
    "政协委员孙志刚提交了提案。",
    "区人大常委会副主任刘红旗出席会议。",
    "企业代表王建国在会上发言。",
    "群众代表、学生代表和选民代表分别发言。",
    "村民张某反映了问题。",
])
def test_not_deputies(nlp, text):
    assert deputies(nlp, text) == []


def test_cppcc_member_is_person(nlp):
    doc = nlp("政协委员孙志刚和区人大代表黄丽萍共同调研。")
    assert ("孙志刚", "PERSON", None) in ents(doc)
    assert ("黄丽萍", "DEPUTY", "county") in ents(doc)


def test_colloquial_short_titles(nlp):
    got = deputies(nlp, "村里的乡代表杨次生带着大家修好了水渠。")
    assert got == [("杨次生", "township")]


def test_ordinal_congress_without_place(nlp):
    assert deputies(nlp, "第十三届人大代表卢金宝走访了选民。") == [("卢金宝", "unknown")]


def test_group_list_intro_and_count(nlp):
    got = deputies(nlp, "参加调研的全国人大代表有秦文斌、柳如霞、祁红军等3名代表。")
    assert got == [("秦文斌", "national"), ("柳如霞", "national"), ("祁红军", "national")]


def test_delegation_member(nlp):
    doc = nlp("在十四届全国人大二次会议江西代表团分组审议时，江西代表团郭立群代表建议加快山区公路建设。")
    assert ("郭立群", "DEPUTY", "national") in ents(doc)


def test_title_after_name(nlp):
    assert deputies(nlp, "记者采访了彭建华（市人大代表），他说要把意见带到会上。") == [("彭建华", "city")]


def test_chain_either_order(nlp):
    assert deputies(nlp, "村党支部书记、镇人大代表田大勇带头清理河道。") == [("田大勇", "township")]
    assert deputies(nlp, "县人大代表、村党支部书记苏海明带头清理河道。") == [("苏海明", "county")]


def test_elected_as_deputy(nlp):
    got = deputies(nlp, "解放村村民代春林，2022年被选为黔西市人大代表。代春林经常走访群众。")
    assert got == [("代春林", "county"), ("代春林", "county")]


def test_traditional_and_fullwidth_same_results(nlp):
    simp = "区人大代表王俊峰、王海凤为困难户办理了减免租金手续。（记者 林晓）"
    trad = "區人大代表王俊峰、王海鳳為困難戶辦理了減免租金手續。(記者 林曉)"
    a = [(e.start_char, e.end_char, e.label_, e._.zhp_level) for e in nlp(simp).ents]
    b = [(e.start_char, e.end_char, e.label_, e._.zhp_level) for e in nlp(trad).ents]
    assert a == b and len(a) == 3


def test_bylines(nlp):
    doc = nlp("本报讯（记者 王晨 魏欢庆）日前，县人大代表鲁国强走访了困难户。\n（通讯员 刘 晓）\n编辑：沈丽")
    persons = [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert persons == ["王晨", "魏欢庆", "刘 晓", "沈丽"]


def test_beneficiary_and_speaker_persons(nlp):
    doc = nlp("镇人大代表胡志刚为聋哑残疾人朱艮泉办理了补助。“真是帮了大忙。”村民钱有福说。")
    persons = [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert persons == ["朱艮泉", "钱有福"]


def test_representative_senses_are_not_deputies(nlp):
    assert deputies(nlp, "座谈会上，企业代表、群众代表和学生代表先后发言，选民代表高长林也提了意见。") == []
