

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
    ner = [(doc.text[s:e], lab) for s, e, lab in doc._.ner_spans]
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


def test_model_split_wins_in_an_unseparated_byline_run():
    from zhpolitics.people.detect import PeopleDetector

    det = PeopleDetector(ner_persons=True)
    text = "村民们在新修的广场上跳起了秧歌。（邹明王建华张立新）"
    a = text.index("邹")
    ner = [(a, a + 2, "PER"), (a + 2, a + 5, "PER"), (a + 5, a + 8, "PER")]
    got = [text[m.start:m.end] for m in det(text, [], [], ner=ner)]
    assert got == ["邹明", "王建华", "张立新"]
    # with separators the rules decide, whatever the model says
    text2 = "村民们在新修的广场上跳起了秧歌。（邹明 王建华）"
    b = text2.index("邹")
    got2 = [text2[m.start:m.end] for m in det(text2, [], [], ner=[(b, b + 3, "PER"), (b + 3, b + 6, "PER")])]
    assert got2 == ["邹明", "王建华"]
