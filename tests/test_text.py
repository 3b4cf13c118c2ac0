"""The normalised view (traditional → simplified, full → half width) keeps simplified text as it is."""

from zhpolitics.text import normalize


def test_simplified_text_is_unchanged():
    text = "代表们问群众有什么难处，怎么解决，这么多年来一直这样，那么就从今天改起。"
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    assert [c for c in normalize(text) if "\u4e00" <= c <= "\u9fff"] == han
    assert normalize("什么怎么这么那么") == "什么怎么这么那么"


def test_traditional_text_is_folded_character_by_character():
    assert normalize("縣人大代表說這麼辦") == "县人大代表说这么办"
    assert len(normalize("臺灣裡麵")) == 4


def test_sentences_cover_the_text_once():
    from zhpolitics.text import sentences

    text = "镇人大代表说：“路修好了！”村民们都笑了。\n下午，代表们去了学校"
    spans = sentences(text)
    assert "".join(text[s:e] for s, e in spans) == text  # no overlap, no gap
    assert text[spans[0][0]:spans[0][1]] == "镇人大代表说：“路修好了！”"


def test_named_stop_sets_and_cutters():
    from zhpolitics.text import CLAUSE_END, FULL_STOP, SENT_END, clauses, full_sentences, last_cut, sentence_window

    assert set(FULL_STOP) < set(SENT_END) and "；" in SENT_END and "；" in CLAUSE_END
    text = "代表走访了农户，了解了收成；又去了村小。校长说：“谢谢！”"
    assert [text[s:e] for s, e in full_sentences(text)] == ["代表走访了农户，了解了收成；又去了村小。", "校长说：“谢谢！”"]
    assert [text[s:e] for s, e in clauses(text)][:3] == ["代表走访了农户，", "了解了收成；", "又去了村小。"]
    a = text.index("村小")
    assert text[slice(*sentence_window(text, a, a + 2))] == "代表走访了农户，了解了收成；又去了村小。"
    assert last_cut(text, 0, len(text)) == text.index("！") + 1 and last_cut("没有句号", 0, 4) == -1
