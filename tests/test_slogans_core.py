"""Core tests for zhpolitics.slogans (invented sentences only)."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PD98

from zhpolitics.slogans.candidates import find_formulas, find_known, find_quoted
from zhpolitics.slogans.canonical import Lexicon, canonical, default_lexicon

REPO = Path(__file__).resolve().parents[1]
MODEL_DIR = REPO / "models" / "slogans"


def spans(text, cands):
    return [text[c.start:c.end] for c in cands]


def test_nested_quotes_yield_both():
    t = "他说：“大家要把‘节水护河’落到实处。”随后离开。"
    got = find_quoted(t)
    assert spans(t, got) == ["大家要把‘节水护河’落到实处", "节水护河"]
    outer = got[0]
    assert t[outer.open_start] == "“" and t[outer.close_end - 1] == "”"


def test_trimming_and_quote_kinds():
    t = "村里喊出“家家种果树！”口号，又有「清河行动」和『三治一管』，还有\"绿色村庄\"。"
    assert spans(t, find_quoted(t)) == ["家家种果树", "清河行动", "三治一管", "绿色村庄"]
    c = find_quoted(t)[0]
    assert t[c.open_start:c.close_end] == "“家家种果树！”"


def test_offsets_are_raw_even_with_traditional_and_fullwidth():
    t = "ＡＢ街道開展「便民服務週」活動"
    c = find_quoted(t)[0]
    assert t[c.start:c.end] == "便民服務週"


def test_formulas_positive():
    t = "镇里坚持三会一课，增强四个自信，做到两个维护，开展五个一活动，打造六最环境，落实三严三实，完成八项目标。"
    got = spans(t, find_formulas(t))
    for f in ["三会一课", "四个自信", "两个维护", "五个一", "六最", "三严三实", "八项目标"]:
        assert f in got


def test_formula_boundary_negatives():
    t = "他走访了三个村，用了两个月，投入五个一百万元，三年两次回乡，第四个自信的人。"
    assert spans(t, find_formulas(t)) == []


def test_find_known_skips_quoted_exact():
    t = "开展“护苗行动”。护苗行动覆盖全镇。"
    got = find_known(t, ["护苗行动"])
    assert spans(t, got) == ["护苗行动"] and got[0].start > 8


def test_canonical_equivalence():
    a = canonical("人民选我当代表，我为群众办实事")
    assert a == canonical("人民选我当代表我为群众办实事")
    assert a == canonical("人民選我當代表, 我為群眾辦實事")
    assert canonical("ＡＢＣ 的") == canonical("abc")
    assert canonical("人民選我當(dāng)代表") == canonical("人民选我当代表")


def test_lexicon_lookup():
    lex = default_lexicon()
    assert len(lex) >= 180
    e = lex.lookup("不忘初心，牢记使命")
    assert e is not None and e.text == "不忘初心、牢记使命"
    assert lex.lookup("綠水青山就是金山銀山") is not None
    assert lex.lookup("三个村") is None


def test_lexicon_load_custom(tmp_path):
    p = tmp_path / "lex.tsv"
    p.write_text("text\tvariants\tfirst_year\tissuer\tcategory\n清河行动\t清河专项行动\t2020\t\tcampaign\n",
                 encoding="utf-8")
    lex = Lexicon.load(p)
    assert lex.lookup("清河专项行动").first_year == 2020


def test_missing_model_dir_names_recipe(tmp_path):
    from zhpolitics.slogans.classifier import SloganClassifier

    with pytest.raises(FileNotFoundError, match="zhpolitics.training.slogans"):
        SloganClassifier.load(tmp_path / "nope")


@pytest.mark.skipif(not (MODEL_DIR / "weights.npz").exists(), reason="model not trained")
def test_classifier_separates_slogan_from_speech():
    from zhpolitics.slogans.classifier import SloganClassifier

    clf = SloganClassifier.load(MODEL_DIR)
    t1 = "全县深入开展“清河护水、美化家园”主题实践活动。"
    t2 = "“我们一定要把这条路修好，让乡亲们出门不再发愁！”老李激动地说。"
    p1 = clf.predict_proba(t1, find_quoted(t1))[0]
    p2 = clf.predict_proba(t2, find_quoted(t2))[0]
    assert abs(sum(p1.values()) - 1.0) < 1e-6
    assert max(p1, key=p1.get) == "slogan"
    assert max(p2, key=p2.get) == "speech"
    assert p1["slogan"] > p2["slogan"]


@pytest.mark.skipif(not (MODEL_DIR / "weights.npz").exists(), reason="model not trained")
def test_pipeline_propagates_quoted_slogan():
    from zhpolitics.slogans.pipeline import extract_slogan_spans

    t = "区里开展“清河护水、美化家园”实践活动。清河护水、美化家园成为共识，防止污染“反弹”。"
    got = [t[a:b] for a, b in extract_slogan_spans(t)]
    assert got.count("清河护水、美化家园") == 2
    assert "反弹" not in got


@pytest.mark.skipif(not PD98.exists(), reason=f"shared PD 1998 corpus absent: {PD98}")
def test_pd_loader_and_locators_match():
    from zhpolitics.training.slogans import DEFAULT_LABELS, load_pd_paragraphs, read_labels

    paras = load_pd_paragraphs(PD98)
    assert "19980101-01-001-001" in paras
    assert "/" not in paras["19980101-01-001-002"] and " " not in paras["19980101-01-001-002"]
    rows = read_labels(DEFAULT_LABELS)
    assert len(rows) >= 850
    quoted = {}
    for pid, s, e, _ in rows[:200]:
        qs = quoted.setdefault(pid, {(c.start, c.end) for c in find_quoted(paras[pid])})
        assert (s, e) in qs


def test_numeric_formula_edges():
    from zhpolitics.slogans.candidates import find_formulas

    def spans(t):
        return [t[c.start:c.end] for c in find_formulas(t)]

    assert spans("村里坚持四议两公开制度。") == ["四议两公开"]
    assert spans("要求举一反三开展排查。") == []  # 举一反三 is an idiom, not 一反三开


def test_whole_sentences_in_quotes_are_speech_without_featurising():
    from zhpolitics.slogans.classifier import _is_whole_speech

    assert _is_whole_speech("路修好了，果子也好卖了。我们心里踏实多了")  # a sentence end inside
    assert not _is_whole_speech("人民选我当代表，我为群众办实事！")  # a slogan may end with ！
    assert not _is_whole_speech("六最")
