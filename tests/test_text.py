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
