

def test_photo_credit_verb_is_not_part_of_the_name(nlp):
    doc = nlp("村民在新修的文化广场上跳起了秧歌。（本报记者魏长青摄）")
    names = [(s.text, s.label_) for s in doc.spans["zhpolitics"] if s.label_ in ("PERSON", "DEPUTY")]
    assert names == [("魏长青", "PERSON")]


def test_repeated_phrase_after_a_role_word_is_not_a_name(nlp):
    doc = nlp("危急时刻党员干部带头上，最艰苦的岗位党员干部带头守。")
    assert [s.text for s in doc.spans["zhpolitics"] if s.label_ in ("PERSON", "DEPUTY")] == []
