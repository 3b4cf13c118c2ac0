"""Slogans on open-web pages (issue 23): each kind of miss and wrong take, in invented sentences."""
from __future__ import annotations

from pathlib import Path

import pytest

from zhpolitics.slogans.candidates import find_formulas, find_headlines, find_parallel
from zhpolitics.slogans.canonical import Lexicon, canonical, default_lexicon
from zhpolitics.slogans.classifier import SloganClassifier, feature_cues
from zhpolitics.slogans.pipeline import decisions, extract_slogans

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "slogans"


@pytest.fixture(scope="module")
def clf() -> SloganClassifier:
    return SloganClassifier.load(MODEL_DIR)


def found(text: str, clf: SloganClassifier, lexicon: Lexicon | None = None) -> list[str]:
    return [text[c.start:c.end] for c in extract_slogans(text, clf, lexicon)]


# ------------------------------------------------------------------ misses

@pytest.mark.parametrize("text, slogan", [
    # a quoted local campaign or activity name, framed as one
    ("镇人大主席团在全镇深入开展“代表进万家”活动，组织代表入户听取意见。", "代表进万家"),
    ("今年县里以“项目攻坚年”为主题，推动重点工程早日见效。", "项目攻坚年"),
    # a quoted numbered formula
    ("街道卫生站为行动不便的老人提供“三上门”服务，代表们多次跟进落实。", "三上门"),
])
def test_quoted_campaigns_and_numbered_formulas_are_found(clf, text, slogan):
    assert slogan in found(text, clf)


def test_bare_parallel_formula_is_a_candidate_and_found(clf):
    t = "镇党委坚持强基础、补短板、促增收，村里的面貌一年一个样。"
    assert [t[c.start:c.end] for c in find_parallel(t)] == ["强基础、补短板、促增收"]
    assert "强基础、补短板、促增收" in found(t, clf)


def test_headline_motto_is_a_candidate_and_found(clf):
    t = "民有所呼、我有所应\n——记一位乡村人大代表\n他在村里干了二十年。"
    assert "民有所呼、我有所应" in [t[c.start:c.end] for c in find_headlines(t)]
    assert "民有所呼、我有所应" in found(t, clf)


def test_quoted_parallel_formula_is_found(clf):
    t = "村里按照“强支部、兴产业、美村庄”的思路，一步步改变了面貌。"
    assert "强支部、兴产业、美村庄" in found(t, clf)


def test_central_formulas_are_found_bare(clf):
    t = "联络站是践行全过程人民民主的窗口，代表们还走访了精准扶贫对象。"
    got = found(t, clf)
    assert "全过程人民民主" in got and "精准扶贫" in got


def test_separator_variants_share_a_canonical_form():
    assert canonical("同心议事·共建家园") == canonical("同心议事 共建家园") == canonical("同心议事，共建家园")
    assert canonical("幹部下基層") == canonical("干部下基层")


# ------------------------------------------------------------------ wrong takes

@pytest.mark.parametrize("text, not_slogan", [
    # an event or meeting name
    ("每月十五日是镇里的“人大代表接待日”，代表们轮流坐班。", "人大代表接待日"),
    # a quoted description of a problem
    ("代表们走访后梳理出“道路窄、路灯少、排水差”等问题，交给镇政府办理。", "道路窄、路灯少、排水差"),
    # a business model A+B+C
    ("合作社探索“合作社+农户+电商”模式，带动村民增收。", "合作社+农户+电商"),
    # an ordinary quoted word
    ("街道打造“一站式”便民服务大厅，群众办事不再来回跑。", "一站式"),
])
def test_event_problem_model_and_ordinary_words_are_not_slogans(clf, text, not_slogan):
    assert not_slogan not in found(text, clf)


def test_idioms_and_counts_are_not_formulas():
    t = "代表们来自四面八方，今年共提交一百七個建議，还坚持三会一课。"
    assert [t[c.start:c.end] for c in find_formulas(t)] == ["三会一课"]


def test_bare_enumerations_that_go_on_are_not_candidates():
    t = "工作组围绕排查登记、隔离防控、应急处理、值班备勤等工作分头落实。"
    assert find_parallel(t) == []


@pytest.mark.parametrize("text, label", [
    ("会议听取了“十四五”规划实施情况，讨论了“三农”工作。", "三农"),
    ("会议听取了“十四五”规划实施情况，讨论了“三农”工作。", "十四五"),
    ("代表们围绕“乡村振兴战略”提出建议。", "乡村振兴战略"),
])
def test_decided_labels_are_never_slogans(clf, text, label):
    assert label not in found(text, clf)


# ------------------------------------------------------------------ lexicon and resources

def test_user_entries_are_added_without_editing_the_package(clf, tmp_path):
    t = "社区推出“邻里夜话会”，居民有事当面谈。"
    lex = Lexicon.load()
    lex.add("邻里夜话会", category="campaign")
    assert "邻里夜话会" in found(t, clf, lex)
    user = tmp_path / "mine.tsv"
    user.write_text("text\tvariants\tfirst_year\tissuer\tcategory\n邻里夜话会\t\t\t\tlabel\n", encoding="utf-8")
    lex2 = Lexicon.load()
    assert lex2.extend_from(user) == 1
    assert "邻里夜话会" not in found(t, clf, lex2)


def test_user_lexicon_file_from_environment(monkeypatch, tmp_path):
    user = tmp_path / "mine.tsv"
    user.write_text("text\tvariants\tfirst_year\tissuer\tcategory\n护河先锋行动\t\t2026\t镇党委\tcampaign\n",
                    encoding="utf-8")
    monkeypatch.setenv("ZHPOLITICS_SLOGAN_LEXICON", str(user))
    default_lexicon.cache_clear()
    try:
        assert default_lexicon().lookup("护河先锋行动") is not None
    finally:
        monkeypatch.delenv("ZHPOLITICS_SLOGAN_LEXICON")
        default_lexicon.cache_clear()
    assert default_lexicon().lookup("护河先锋行动") is None


def test_resource_files_hold_every_list_the_code_reads():
    cues = feature_cues()
    assert "为载体" in cues["frame_right"] and "开展" in cues["frame_left"]
    dec = decisions()
    assert "label" in dec["not_slogan"] and "精准扶贫" in dec["always_bare"]


def test_new_report_lists_frequent_confident_candidates_missing_from_the_lexicon(clf):
    from zhpolitics.slogans.discover import new_slogans

    texts = ["镇里深入开展“代表进万家”活动，代表们入户走访。",
             "县人大在各乡镇推开“代表进万家”活动，收集意见四十条。",
             "村里坚持“两学一做”常态化。"]
    rows = new_slogans(texts, clf, min_prob=0.5, min_docs=2)
    assert [r["surface"] for r in rows] == ["代表进万家"]
    assert rows[0]["documents"] == 2


def test_cli_new_report(tmp_path):
    import json

    from click.testing import CliRunner

    from zhpolitics.cli import main

    src = tmp_path / "docs.jsonl"
    rows = [{"id": "a", "text": "镇里深入开展“代表进万家”活动，代表们入户走访。"},
            {"id": "b", "text": "县人大在各乡镇推开“代表进万家”活动，收集意见四十条。"}]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = tmp_path / "new.csv"
    res = CliRunner().invoke(main, ["slogans", "--new", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "代表进万家" in out.read_text(encoding="utf-8-sig")
