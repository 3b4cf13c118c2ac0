"""Who did what: each construction and exclusion of the linker (own invented sentences)."""

from __future__ import annotations

import zhpolitics


def links(nlp, text):
    rec = zhpolitics.to_record(nlp(text))
    return [(l["deputy_text"], l["action_text"], l["type"]) for l in rec["links"]]


def test_main_predicate_after_name(nlp):
    got = links(nlp, "区人大代表钱立新主动出资安装了小区的充电桩。")
    assert got == [("钱立新", "主动出资安装了小区的充电桩", "fund")]


def test_past_time_phrase_and_adverbials(nlp):
    got = links(nlp, "今年5月，县人大代表吴海燕多次深入村组，耐心做两户村民的思想工作。")
    assert ("吴海燕", "耐心做两户村民的思想工作", "mediate") in got


def test_act_inside_frame(nlp):
    got = links(nlp, "市人大代表邹建平在对全市12家养老院进行专项检查时发现了消防隐患。")
    assert got == [("邹建平", "对全市12家养老院进行专项检查", "inspect")]


def test_name_inside_frame_ends_act(nlp):
    got = links(nlp, "在区人大代表苗文静提交建议后，有关部门高度重视，道路已经修好。")
    assert got == [("苗文静", "提交建议", "propose")]


def test_serial_verbs(nlp):
    got = links(nlp, "镇人大代表龚德华深入田间地头开展调研，形成了关于修建机耕道的建议。")
    acts = [a for _d, a, _t in got]
    assert any(a.startswith("深入田间地头开展调研") for a in acts)
    assert any("形成了关于修建机耕道的建议" in a for a in acts)


def test_coordinated_deputies_share_act(nlp):
    got = links(nlp, "乡人大代表严家兴、潘玉梅为独居老人办理了医保报销手续。")
    assert [(d, t) for d, _a, t in got] == [("严家兴", "assist"), ("潘玉梅", "assist")]
    assert got[0][1] == got[1][1] == "为独居老人办理了医保报销手续"


def test_pronoun_subject_in_next_sentence(nlp):
    text = "县人大代表卢晓雯在走访中了解到留守儿童缺少课外辅导。她当即决定每周免费为孩子们开设英语辅导课。"
    got = links(nlp, text)
    assert ("卢晓雯", "每周免费为孩子们开设英语辅导课", "educate") in got


def test_act_told_before_the_name(nlp):
    got = links(nlp, "筹资70万元修通这条山路的，是村里的县人大代表贺长顺。")
    assert got and got[0][0] == "贺长顺" and got[0][1].startswith("筹资70万元修通这条山路")


def test_speech_and_feeling_are_not_acts(nlp):
    assert links(nlp, "“群众的事就是我的事。”区人大代表邵春燕说。") == []
    assert links(nlp, "区人大代表邵春燕表示，将继续关注老旧小区改造。") == []
    assert links(nlp, "区人大代表邵春燕有感而发。") == []


def test_acts_of_others_are_not_linked(nlp):
    got = links(nlp, "区人大代表邵春燕提交建议后，有关部门高度重视，迅速组织施工。")
    assert [a for _d, a, _t in got] == ["提交建议"]


def test_elected_and_attending_are_not_acts(nlp):
    assert links(nlp, "2021年，村民房德宝当选为县人大代表。") == []
    assert links(nlp, "县人大代表房德宝出席了县十八届人大二次会议。") == []
    assert links(nlp, "记者见到县人大代表房德宝时，已是傍晚。") == []


def test_link_records_carry_place_and_sentence(nlp):
    rec = zhpolitics.to_record(nlp("黄碾镇人大代表万晓东为长钢社区的困难户办理了低保手续。"))
    l = rec["links"][0]
    assert l["sentence"][0] == 0 and l["place"] is not None
    assert rec["text"][l["action"][0]:l["action"][1]] == l["action_text"]


def test_to_dataframe_links(nlp):
    recs = [zhpolitics.to_record(nlp("区人大代表钱立新主动出资安装了小区的充电桩。"), doc_id="d1")]
    df = zhpolitics.to_dataframe(recs, "links")
    assert list(df["deputy"]) == ["钱立新"] and list(df["type"]) == ["fund"] and list(df["id"]) == ["d1"]
