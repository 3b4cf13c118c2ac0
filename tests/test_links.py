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


# --- constructions added with the second linker pass (own invented sentences) ---


def test_going_somewhere_opens_the_next_act(nlp):
    got = links(nlp, "当天，市人大代表尹凤岐还来到邻近的石桥村，走访了6户养殖户。")
    assert [(d, a) for d, a, _t in got] == [("尹凤岐", "还来到邻近的石桥村，走访了6户养殖户")]


def test_going_somewhere_alone_stays_an_act(nlp):
    got = links(nlp, "2019年3月，县人大代表詹卫国作为驻村工作队队员来到上坪村。")
    assert [(d, a) for d, a, _t in got] == [("詹卫国", "作为驻村工作队队员来到上坪村")]


def test_a_new_subject_ends_the_chain_of_acts(nlp):
    got = links(nlp, "县人大代表林春梅有两本台账：一本记群众的诉求，一本记办理的结果。")
    assert got == []
    got = links(nlp, "区人大代表姜红霞组织居民清理了楼道杂物，街道还有不少这样的志愿者。")
    assert [a for _d, a, _t in got] == ["组织居民清理了楼道杂物"]


def test_pronoun_after_a_long_time_clause(nlp):
    text = "县人大代表郑玉兰是村里的妇女主任。当选县人大代表后，她挨家挨户摸清了全村留守老人的情况。"
    got = links(nlp, text)
    assert [(d, a) for d, a, _t in got] == [("郑玉兰", "挨家挨户摸清了全村留守老人的情况")]


def test_pronoun_after_the_reported_situation(nlp):
    text = "镇人大代表章慧芳在村里开了一家农资店。前几天，几户菜农反映大棚黄瓜得了霜霉病，她联系县农技站的专家到棚里指导。"
    got = links(nlp, text)
    assert [(d, a) for d, a, _t in got] == [("章慧芳", "联系县农技站的专家到棚里指导")]


def test_pronoun_and_partner_deputy_share_acts(nlp):
    text = "镇人大代表严国强是退伍军人。他和镇人大代表孙丽娟一起走访了15户低保家庭。"
    got = links(nlp, text)
    pairs = {(d, a) for d, a, _t in got}
    assert ("严国强", "一起走访了15户低保家庭") in pairs
    assert ("孙丽娟", "一起走访了15户低保家庭") in pairs


def test_frame_before_the_name_is_its_act(nlp):
    text = "在对全镇茶叶加工情况进行调研时，县人大代表蒋秀云发现不少作坊缺少检测设备。"
    got = links(nlp, text)
    assert [(d, a, t) for d, a, t in got] == [("蒋秀云", "对全镇茶叶加工情况进行调研", "inspect")]


def test_what_was_found_is_not_an_act(nlp):
    text = "区人大代表贺明轩在走访中发现，一栋老楼的路灯常年不亮。他随即联系供电所更换了路灯。"
    assert [(d, a) for d, a, _t in links(nlp, text)] == [("贺明轩", "随即联系供电所更换了路灯")]


def test_receiving_a_complaint_and_intentions_are_not_acts(nlp):
    got = links(nlp, "县人大代表叶志成接到村民反映后，先后两次到现场查看渠道淤堵情况。")
    assert [a for _d, a, _t in got] == ["先后两次到现场查看渠道淤堵情况"]
    text = "区人大代表潘雪梅是一名教师。她要把群众的期盼带到会上去。"
    assert links(nlp, text) == []


def test_money_opens_the_act_it_pays_for(nlp):
    got = links(nlp, "去年，县人大代表汤国富投资3万元，利用农闲时间对村里的文化室进行了修缮。")
    assert [(d, a) for d, a, _t in got] == [("汤国富", "投资3万元，利用农闲时间对村里的文化室进行了修缮")]


def test_not_only_but_also_is_one_act(nlp):
    got = links(nlp, "区人大代表白玉兰组织志愿者清理小区，不仅清运了三车垃圾，还修补了破损的路面。")
    assert [(d, a) for d, a, _t in got] == [
        ("白玉兰", "组织志愿者清理小区，不仅清运了三车垃圾，还修补了破损的路面")]


def test_writer_evaluations_and_descriptions_are_not_acts(nlp):
    got = links(nlp, "市人大代表龚志刚出资8万元为村里安装了路灯，在群众心中树立了人大代表的良好形象。")
    assert [a for _d, a, _t in got] == ["出资8万元为村里安装了路灯"]
    got = links(nlp, "县人大代表谭玉珍在全县代表中资格最老，最活跃，每年建议最多。")
    assert got == []


def test_heading_line_with_the_name_owns_the_next_paragraph(nlp):
    text = ("疫情发生后，我市各级人大代表积极投身防控一线。\n"
            "市人大代表、县人民医院院长孔令华\n"
            "从正月初二起带领医护人员连续值守发热门诊。先后为12个村的返乡人员开展健康排查。\n"
            "“大家配合得很好。”一位村干部说。\n")
    acts = [(d, a) for d, a, _t in links(nlp, text)]
    assert acts == [("孔令华", "从正月初二起带领医护人员连续值守发热门诊"),
                    ("孔令华", "先后为12个村的返乡人员开展健康排查")]


def test_a_name_ending_a_sentence_line_is_not_a_heading(nlp):
    text = "今天上午，村民们又见到了县人大代表孔令华\n从正月初二起，医院的发热门诊一直开着。\n"
    assert links(nlp, text) == []


def test_semicolon_sentence_without_subject_continues_the_deputy(nlp):
    text = "县人大代表韦振宁热心公益。2021年，他出资建起了村里的灯光球场；2023年，牵头组建了村篮球队。"
    acts = [(d, a) for d, a, _t in links(nlp, text)]
    assert ("韦振宁", "出资建起了村里的灯光球场") in acts
    assert ("韦振宁", "牵头组建了村篮球队") in acts
    # a semicolon sentence with its own subject does not
    text2 = "2021年，县人大代表韦振宁出资建起了村里的灯光球场；2023年，镇政府组建了村篮球队。"
    assert [a for _d, a, _t in links(nlp, text2)] == ["出资建起了村里的灯光球场"]


def test_connective_clause_starts_a_new_act(nlp):
    text = "市人大代表杭春燕为村小学修缮了校舍，此外，累计捐赠8万元帮扶困难群众。"
    acts = [a for _d, a, _t in links(nlp, text)]
    assert acts == ["为村小学修缮了校舍", "累计捐赠8万元帮扶困难群众"]


def test_semicolon_items_of_a_proposal_are_not_acts(nlp):
    text = "代表团讨论时，市人大代表陈立平：加快城北环路建设；建立健全科技人才评价体系；加大知识产权保护力度。"
    assert links(nlp, text) == []


def test_sentence_opening_with_a_continuation_keeps_the_deputy(nlp):
    text = ("县人大代表孟庆华多方筹措资金，修通了村里的两条机耕路。同时，还协助镇农技站对三片低产田进行改良，"
            "村民的收成一年比一年好。")
    got = [(d, a) for d, a, _t in links(nlp, text)]
    assert ("孟庆华", "还协助镇农技站对三片低产田进行改良") in got
    # a new sentence without such an opening does not inherit the deputy
    text2 = "县人大代表孟庆华多方筹措资金，修通了村里的两条机耕路。镇农技站对三片低产田进行了改良。"
    assert not any("农技站" in a for _d, a, _t in links(nlp, text2))


def test_on_site_demand_after_an_inspection_is_an_act(nlp):
    text = "检查中发现楼道堆放杂物，区人大代表严晓东现场要求物业公司限期清理，并加强日常巡查。"
    got = links(nlp, text)
    assert got and got[0][:2] == ("严晓东", "现场要求物业公司限期清理") and got[0][2] == "inspect"


def test_planning_together_with_others_is_an_act(nlp):
    got = [(d, a) for d, a, _t in links(nlp, "市人大代表邵建军和村干部一起谋划，定下了发展茶旅融合的思路。")]
    assert got and got[0][0] == "邵建军" and got[0][1].startswith("和村干部一起谋划")


def test_a_quoted_word_before_the_name_does_not_hide_who_is_the_object(nlp):
    # the residents found the deputy and told him: the deputy did nothing here
    text = "几位居民找到了正在“坐班”的区人大代表葛振国，向他反映小区停车难的问题。"
    assert links(nlp, text) == []
    # a passive clause ending in 的 only describes the deputy, who is the subject
    got = links(nlp, "被村民称为“和事佬”的县人大代表柴文亮耐心做通了两家人的思想工作。")
    assert [(d, a) for d, a, _t in got] == [("柴文亮", "耐心做通了两家人的思想工作")]


def test_an_attitude_the_writer_ascribes_is_not_an_act(nlp):
    text = "县人大代表林志文一直把“带动农民增收致富”作为工作的出发点，先后帮助12户村民办理了医保转移。"
    got = [(d, a) for d, a, _t in links(nlp, text)]
    assert got == [("林志文", "先后帮助12户村民办理了医保转移")]


def test_a_titled_suggestion_is_typed_as_a_proposal(nlp):
    text = "会前，县人大代表龚明亮拟写了《关于出资修建村组道路并安装太阳能路灯的建议》。"
    got = links(nlp, text)
    assert got and got[0][0] == "龚明亮" and got[0][2] == "propose"


def test_pronoun_inside_the_deputys_own_sentence_continues_it(nlp):
    text = "社区卫生站里，区人大代表蒋慧芳是一名全科医生，她为居民逐一测量了血压，并讲解了冬季用药注意事项。"
    got = [(d, a) for d, a, _t in links(nlp, text)]
    assert ("蒋慧芳", "为居民逐一测量了血压") in got
    # after what the two deputies found, 两人 takes up their acts again
    text2 = "市人大代表孔德胜、邹敏对两处工地进行了突击检查，发现一处未覆盖防尘网，两人当场提出了整改意见。"
    got2 = [(d, a) for d, a, _t in links(nlp, text2)]
    assert ("孔德胜", "当场提出了整改意见") in got2 and ("邹敏", "当场提出了整改意见") in got2


def test_a_quick_outcome_is_not_a_further_act(nlp):
    text = "县人大代表苏晓琳正通过手机直播向网友推介刚采摘的脐橙，不到一个小时就卖出了500多单。"
    got = [(d, a) for d, a, _t in links(nlp, text)]
    assert got == [("苏晓琳", "正通过手机直播向网友推介刚采摘的脐橙")] or got == [("苏晓琳", "通过手机直播向网友推介刚采摘的脐橙")]


def test_descriptions_after_the_name_are_not_acts(nlp):
    text = ("在乌兰嘎查，旗人大代表、牧民其木格·巴图刚从草场上回来，身上还带着青草的味道。"
            "其木格·巴图家经营着2000多亩草场，养了400多只羊。")
    assert links(nlp, text) == []
    doc = nlp("旗人大代表朝鲁刚从草场上回来。")
    assert [s.text for s in doc.spans["zhpolitics"] if s.label_ == "DEPUTY"] == ["朝鲁"]


def test_type_cue_spans_a_long_object():
    from zhpolitics.actions.linker import ActionLinker

    cues = ActionLinker().cues
    phrase = "并向施工单位提出了抓紧在雨季结束前完成植被恢复的意见"
    assert cues.trigger_types(phrase, long_gap=True).get("propose")
    # deciding whether a clause is an act keeps the short gap
    assert not cues.trigger_types(phrase).get("propose")


def test_biography_and_reported_briefing_are_not_acts(nlp):
    text = "县人大代表郭长山种了三十多年玉米，对这片土地再熟悉不过。"
    assert links(nlp, text) == []
    text2 = "村人大代表向春燕靠种脐橙走上了致富路。"
    assert links(nlp, text2) == []
    text3 = "市人大代表马春林向视察组介绍了村里的做法。"
    assert links(nlp, text3) == []


def test_teaching_a_class_is_educate(nlp):
    got = links(nlp, "乡人大代表玉香·岩坎为120多名群众讲了一堂法治课。")
    assert got and got[0][0] == "玉香·岩坎" and got[0][2] == "educate"
    got2 = links(nlp, "州人大代表马海英站在讲台前，用彝汉双语给村民讲授种植知识。")
    assert [(d, a) for d, a, _t in got2] == [("马海英", "用彝汉双语给村民讲授种植知识")]
