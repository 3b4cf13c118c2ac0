

def test_photo_credit_verb_is_not_part_of_the_name(nlp):
    doc = nlp("村民在新修的文化广场上跳起了秧歌。（本报记者魏长青摄）")
    names = [(s.text, s.label_) for s in doc.spans["zhpolitics"] if s.label_ in ("PERSON", "DEPUTY")]
    assert names == [("魏长青", "PERSON")]
