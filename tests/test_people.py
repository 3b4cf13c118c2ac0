import zhpolitics


def test_photo_credit_verb_is_not_part_of_the_name(nlp):
    doc = nlp("村民在新修的文化广场上跳起了秧歌。（本报记者魏长青摄）")
    names = [(s.text, s.label_) for s in doc.spans["zhpolitics"] if s.label_ in ("PERSON", "DEPUTY")]
    assert names == [("魏长青", "PERSON")]


def test_repeated_phrase_after_a_role_word_is_not_a_name(nlp):
    doc = nlp("危急时刻党员干部带头上，最艰苦的岗位党员干部带头守。")
    assert [s.text for s in doc.spans["zhpolitics"] if s.label_ in ("PERSON", "DEPUTY")] == []


def test_full_pipeline_takes_surname_plus_title_from_the_model():
    import warnings

    import zhpolitics

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp = zhpolitics.load("full")
    doc = nlp("村民们都说：“陈书记是帮咱脱贫致富的好带头人。”")
    ner = [(doc.text[s:e], lab) for s, e, lab in doc._.zhp_ner_spans]
    persons = [s.text for s in doc.spans["zhpolitics"] if s.label_ == "PERSON"]
    # whatever the model proposes, a one-character person is only ever a surname before a title
    assert all(len(p) >= 2 or doc.text[doc.text.find(p) + 1:doc.text.find(p) + 3] == "书记" for p in persons)
    if ("陈", "PER") in ner:
        assert persons == ["陈"]


def test_four_syllable_tibetan_name_after_a_title(nlp):
    doc = nlp("分组讨论时，市人大代表桑吉平措：加快城北环路建设。")
    assert [(s.text, s.label_) for s in doc.spans["zhpolitics"] if s.label_ == "DEPUTY"] == [("桑吉平措", "DEPUTY")]
    doc = nlp("县人大代表王晓军说，要把群众的事办好。")
    assert [s.text for s in doc.spans["zhpolitics"] if s.label_ == "DEPUTY"] == ["王晓军"]


def test_second_role_word_inside_a_byline(nlp):
    doc = nlp("本报讯（记者 陆思远 实习生 葛文静）昨天，区人大代表孙明华视察了工地。")
    persons = [s.text for s in doc.spans["zhpolitics"] if s.label_ == "PERSON"]
    assert persons == ["陆思远", "葛文静"]


def test_model_person_at_the_very_start_or_end_of_a_text_is_kept():
    from zhpolitics.people.detect import PeopleDetector

    det = PeopleDetector(ner_persons=True)
    # an empty slice is "in" every string: the quoted-word check must not fire at the edges
    assert [(m.start, m.end) for m in det("王守荣", [], [], ner=[(0, 3, "PER")])] == [(0, 3)]
    assert det("“王鸽”", [], [], ner=[(1, 3, "PER")]) == []


def test_model_split_wins_in_an_unseparated_byline_run_the_surnames_cannot_split():
    from zhpolitics.people.detect import PeopleDetector

    det = PeopleDetector(ner_persons=True)
    text = "村民们在新修的广场上跳起了秧歌。（克平海友）"  # pen names: no surname to split on
    a = text.index("克")
    got = [text[m.start:m.end] for m in det(text, [], [], ner=[(a, a + 2, "PER"), (a + 2, a + 4, "PER")])]
    assert got == ["克平", "海友"]
    assert [text[m.start:m.end] for m in det(text, [], [], ner=[])] == []
    # with separators the rules decide, whatever the model says
    text2 = "村民们在新修的广场上跳起了秧歌。（邹明 王建华）"
    b = text2.index("邹")
    got2 = [text2[m.start:m.end] for m in det(text2, [], [], ner=[(b, b + 3, "PER"), (b + 3, b + 6, "PER")])]
    assert got2 == ["邹明", "王建华"]


def test_unseparated_byline_names_are_split_at_the_likeliest_surnames(nlp):
    from zhpolitics.people.names import split_name_run

    def parts(run):
        out, i = [], 0
        for n in split_name_run(run) or []:
            out.append(run[i:i + n])
            i += n
        return out

    assert parts("严正孙勇军") == ["严正", "孙勇军"]  # 勇 is no surname
    assert parts("李虎成刘健牛玉林") == ["李虎成", "刘健", "牛玉林"]  # 刘 is far more common than 成
    assert parts("陈杰高山岳") == ["陈杰", "高山岳"]
    assert parts("王建华") == []  # one name is not a run
    for text, want in (("河面上的冰层已有半米厚。（陈杰高山岳摄）", ["陈杰", "高山岳"]),
                       ("新春走基层。本报记者何伟傅旭", ["何伟", "傅旭"]),
                       ("（本报记者 曲比阿果）", ["曲比阿果"])):  # four characters, rare surnames: one name
        doc = nlp(text)
        assert [s.text for s in doc.spans["zhpolitics"] if s.label_ == "PERSON"] == want, text


def test_a_doctrine_named_after_a_person_is_not_a_person_mention(nlp):
    doc = nlp("会议强调，要坚持以马克思列宁主义、毛泽东思想、邓小平理论为指导。毛泽东同志曾经说过，要实事求是。")
    persons = [(s.text, s.start_char) for s in doc.spans["zhpolitics"] if s.label_ == "PERSON"]
    assert persons == [("毛泽东", doc.text.index("毛泽东同志"))]


def test_model_person_spans_are_cut_back_to_the_name():
    from zhpolitics.people.detect import PeopleDetector

    det = PeopleDetector(ner_persons=True)
    for text, span, want in (("据调度室胡主任介绍，船闸运行平稳。", "胡主任", "胡"),   # surname + title → surname
                             ("图为乒乓国手杨影正在比赛中。", "杨影正", "杨影"),         # 正|在 is the next word
                             ("赵涛著的《股份制》一书出版。", "赵涛著", "赵涛")):         # author credit
        a = text.index(span)
        got = [text[m.start:m.end] for m in det(text, [], [], ner=[(a, a + len(span), "PER")])]
        assert got == [want], text


def test_minority_name_does_not_take_the_next_word(nlp):
    doc = nlp("在巴音塔拉嘎查，旗人大代表、牧民巴雅尔·图门刚从草场上回来。巴雅尔·图门家经营着3000多亩草场。")
    assert [s.text for s in doc.spans["zhpolitics"] if s.label_ == "DEPUTY"] == ["巴雅尔·图门", "巴雅尔·图门"]
    doc = nlp("出席会议的有县人大代表帕提古丽·阿不都等4名代表。")  # 都 inside a transliterated name stays
    assert [s.text for s in doc.spans["zhpolitics"] if s.label_ == "DEPUTY"] == ["帕提古丽·阿不都"]


def test_cppcc_member_after_a_level_word_and_a_name_after_an_age(nlp):
    def persons(text):
        return [s.text for s in nlp(text).spans["zhpolitics"] if s.label_ == "PERSON"]

    assert persons("视察组由市人大常委会组织，市政协委员杨一帆应邀参加。") == ["杨一帆"]  # 市|政协, not 市政
    assert persons("“心里踏实多了。”86岁的刘玉珍老人拉着代表的手说。") == ["刘玉珍"]
    assert persons("年满18岁的公民都有选举权和被选举权。") == []


def test_role_word_before_a_rare_surname_opening_an_ordinary_word(nlp):
    def persons(text):
        return [s.text for s in nlp(text).spans["zhpolitics"] if s.label_ in ("PERSON", "DEPUTY")]

    assert persons("她还免费为群众代写法律文书60余份。") == []
    assert persons("“不少老人连合同都看不懂，吃了亏也不知道找谁。”") == []
    assert persons("村民刀正华和邻居吵了起来。") == ["刀正华"]  # 刀 is a (Dai) surname
    assert persons("村民向海军在地里干活。") == ["向海军"]  # a common surname keeps its word-like name
    assert persons("市人大代表杜宏伟和林雪沿着一条侵蚀沟察看。") == ["杜宏伟", "林雪"]


def test_four_character_yi_names_open_with_a_clan_name(nlp):
    doc = nlp("州人大代表吉克阿依站在讲台前，用彝汉双语给村民讲授种植知识。")
    assert [s.text for s in doc.spans["zhpolitics"] if s.label_ == "DEPUTY"] == ["吉克阿依"]
    doc = nlp("村民曲比拉火说，路修好了，孩子上学再也不用绕远了。")
    assert [s.text for s in doc.spans["zhpolitics"] if s.label_ == "PERSON"] == ["曲比拉火"]


def test_tibetan_names_are_found_by_their_elements(nlp):
    def people(text):
        return [(s.text, s.label_) for s in nlp(text).spans["zhpolitics"] if s.label_ in ("PERSON", "DEPUTY")]

    assert people("全国人大代表、合作社负责人才让卓玛用藏汉双语给牧民讲解政策。") == [("才让卓玛", "DEPUTY")]
    assert people("县人大代表索南才仁是乡里的一名乡村医生。") == [("索南才仁", "DEPUTY")]  # 索 is also a Han surname
    assert people("“代表教的都是我们用得上的本事。”牧民更登尼玛说。") == [("更登尼玛", "PERSON")]


def test_profile_heading_name_colon_titles(nlp):
    text = ("本期选登两位代表的履职事迹。\n\n高振东：区人大代表、鑫源农业发展有限公司总经理\n\n"
            "扎根山区从事农业开发十余年，出资40万元建起了一座农产品冷藏库。在区人代会上，提出了关于完善农村公路养护机制的建议。\n")
    rec = zhpolitics.to_record(nlp(text))
    assert [(s["text"], s["level"]) for s in rec["spans"] if s["label"] == "DEPUTY"] == [("高振东", "county")]
    acts = [l["action_text"] for l in rec["links"]]
    assert "出资40万元建起了一座农产品冷藏库" in acts and any(a.startswith("提出了关于完善农村公路养护机制的建议") for a in acts)
    # a place before a colon is a headline, not a name
    assert [s.text for s in nlp("利川：州人大代表助推莼菜产业").spans["zhpolitics"] if s.label_ == "DEPUTY"] == []


def test_professional_title_in_a_chain_after_the_congress_title(nlp):
    doc = nlp("市人大代表、市农业技术推广服务中心高级农艺师符国平手把手教椒农识别胡椒瘟病。")
    assert [(s.text, s._.zhp_level) for s in doc.spans["zhpolitics"] if s.label_ == "DEPUTY"] == [("符国平", "city")]


def test_known_leader_name_after_any_word(nlp):
    # a dictionary person name before a leader's title is a person whatever precedes it,
    # also in a sentence the character NER reads (it holds 人大代表)
    doc = nlp("县人大代表周红梅听了李克强总理的报告后，信心更足了。")
    persons = [s.text for s in doc.spans["zhpolitics"] if s.label_ == "PERSON"]
    assert "李克强" in persons


def test_credit_names_without_han_surname_and_more_credit_roles(nlp):
    doc = nlp("村里的新路通车了。（撰稿：巴图 编辑：刘春燕 终审：胡立军）")
    persons = [s.text for s in doc.spans["zhpolitics"] if s.label_ == "PERSON"]
    assert persons == ["巴图", "刘春燕", "胡立军"]
    doc = nlp("镇里的代表联络站开门了。（供稿人：沈小雨）")
    assert [s.text for s in doc.spans["zhpolitics"] if s.label_ == "PERSON"] == ["沈小雨"]


def test_names_listed_before_deng_and_a_role_word(nlp):
    doc = nlp("区人大常委会主任钱永福和孟庆生、宋立民等副主任来到河道检查工作。")
    persons = sorted(s.text for s in doc.spans["zhpolitics"] if s.label_ == "PERSON")
    assert persons == sorted(["钱永福", "孟庆生", "宋立民"])


def test_authors_listed_with_dunhao_in_closing_brackets(nlp):
    doc = nlp("代表们建议尽快修好村里的水渠。\n（孔祥云、詹立新、袁芳）\n")
    persons = [s.text for s in doc.spans["zhpolitics"] if s.label_ == "PERSON"]
    assert persons == ["孔祥云", "詹立新", "袁芳"]


def test_repeated_name_before_tongzhi_ends_before_it(nlp):
    doc = nlp("县人大代表、镇党委书记吴海同志主持座谈。会后，吴海同志走访了农户。")
    deputies = {s.text for s in doc.spans["zhpolitics"] if s.label_ == "DEPUTY"}
    assert deputies == {"吴海"}


def test_lao_plus_surname_of_a_named_person(nlp):
    doc = nlp("村民冯长贵说，水渠修好了。老冯说这下浇地不用愁了。")
    persons = [s.text for s in doc.spans["zhpolitics"] if s.label_ == "PERSON"]
    assert persons == ["冯长贵", "冯"]


def test_names_listed_before_deng_and_a_level_role(nlp):
    doc = nlp("签约仪式上，易春生、鲁定坤等县领导为企业代表颁发了证书。")
    persons = sorted(s.text for s in doc.spans["zhpolitics"] if s.label_ == "PERSON")
    assert persons == sorted(["易春生", "鲁定坤"])


def test_surname_before_an_address_word_is_the_person(nlp):
    doc = nlp("路灯亮了，村民郭大爷高兴地说：“晚上出门不怕摔了。”")
    assert [(s.text, s.label_) for s in doc.spans["zhpolitics"] if s.label_ in ("PERSON", "DEPUTY")] == [("郭", "PERSON")]
    doc = nlp("大家都说这条路修得好。")
    assert [s.text for s in doc.spans["zhpolitics"] if s.label_ in ("PERSON", "DEPUTY")] == []


def test_title_naming_an_institution_does_not_make_a_deputy(nlp):
    doc = nlp("镇人大代表联络站站长蒋文斌介绍了站里的接待制度。")
    labels = {s.text: s.label_ for s in doc.spans["zhpolitics"] if s.label_ in ("PERSON", "DEPUTY")}
    assert labels == {"蒋文斌": "PERSON"}


def test_two_character_ethnic_name_before_an_ordinary_word(nlp):
    doc = nlp("会上，县人大代表扎西发言说，要把牧道修到每个定居点。")
    assert [(s.text, s.label_) for s in doc.spans["zhpolitics"] if s.label_ in ("PERSON", "DEPUTY")] == [("扎西", "DEPUTY")]


def test_adverbial_de_ends_a_speaker_candidate(nlp):
    doc = nlp("说起新修的水渠，贾玉芬信心满怀地说，今年一定是个丰收年。")
    assert not any(s.text.endswith("地") for s in doc.spans["zhpolitics"] if s.label_ in ("PERSON", "DEPUTY"))
