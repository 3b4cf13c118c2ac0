"""Core tests for action cues and the action-type classifier.

All sentences here are invented for the tests.  Tests that need the shared
data (../shared, see conftest) skip with a reason when it is absent; tests that need the
trained model skip when models/actions has not been built.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from zhpolitics.actions.cues import LINK_TYPES, Cues, load_cues
from zhpolitics.actions.typer import (
    TRAIN_RECIPE,
    ActionTyper,
    ModelNotFoundError,
    default_model_dir,
)

from conftest import DATA, REPO
from conftest import PD98 as PD


@pytest.fixture(scope="module")
def cues() -> Cues:
    return load_cues()


@pytest.fixture(scope="module")
def typer() -> ActionTyper:
    try:
        return ActionTyper.load()
    except ModelNotFoundError as e:  # pragma: no cover - depends on build state
        pytest.skip(f"action model not built: {e}")


# ---------------------------------------------------------------- cues
def test_cue_files_load(cues: Cues) -> None:
    assert "表示" in cues.speech and "有感而发" in cues.speech
    assert any(n.pattern == "当选" for n in cues.non_actions)
    assert {t.type for t in cues.triggers} <= set(LINK_TYPES)
    assert {t.type for t in cues.triggers} >= set(LINK_TYPES) - {"other"}
    assert any(f.open == "通过" for f in cues.frames)
    assert "有关部门" in cues.agents_other
    assert load_cues() is cues  # cached


def test_cues_match_the_normalised_view_with_original_offsets(cues: Cues) -> None:
    s = "捐款２００萬元，調解糾紛"
    hits = [h for h, t in cues.trigger_hits(s) if t.type == "mediate"]
    assert hits and s[hits[0].start:hits[0].end] == "調解"


def test_speech_detection(cues: Cues) -> None:
    text = "代表张三表示，今后将继续为村里修路。"
    i = text.index("表示")
    assert cues.speech_at(text, i) == "表示"
    assert cues.speech_at(text, 0) is None
    assert cues.is_speech("还坦言自己压力很大")
    assert not cues.is_speech("为敬老院送去棉被")
    assert [h.cue for h in cues.find_speech("他笑着说，也认为")] [:1] == ["笑着说"]


@pytest.mark.parametrize("phrase", [
    "当选为镇人大代表",
    "被选为村委会主任",
    "担任合作社理事长",
    "出席了座谈会",
    "也列席了本次会议",
    "受到了市领导的亲切接见",
])
def test_non_actions(cues: Cues, phrase: str) -> None:
    assert cues.is_non_action(phrase)


@pytest.mark.parametrize("phrase", ["捐款5万元", "主动调解了两户人家的宅基地纠纷", "走访辖区独居老人"])
def test_actions_are_not_non_actions(cues: Cues, phrase: str) -> None:
    assert not cues.is_non_action(phrase)


def test_trigger_types(cues: Cues) -> None:
    assert cues.trigger_types("向学校捐赠图书300册")["donate"] == 1.0
    assert "mediate" in cues.trigger_types("调解邻里纠纷")
    assert "assist" in cues.trigger_types("帮助李大爷解决了低保问题")  # gapped cue
    assert "propose" in cues.trigger_types("提交了关于修建农贸市场的建议")
    assert cues.trigger_types("天气晴朗") == {}


def test_frames_results_agents(cues: Cues) -> None:
    text = "她在走访农户时，发现问题"
    fr = cues.frame_at(text, text.index("在"))
    assert fr is not None
    frame, s, e, _end = fr
    assert frame.close == "时" and text[s:e] == "走访农户"
    assert cues.is_result("如今，村道已经全部亮了起来")
    assert cues.is_result("问题得到解决")
    assert cues.starts_with_other_agent("有关部门立即组织人员抢修")
    assert not cues.starts_with_other_agent("主动出资修路")


# ---------------------------------------------------------------- typer
def test_missing_model_dir_names_recipe(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError) as ei:
        ActionTyper.load(tmp_path / "nope")
    assert TRAIN_RECIPE in str(ei.value)


@pytest.mark.parametrize("phrase,expected", [
    ("捐赠了10万元", "donate"),
    ("向灾区捐款两万元", "donate"),
    ("提交了关于改善乡村公交的建议", "propose"),
    ("调解邻里纠纷", "mediate"),
    ("到敬老院开展专项检查", "inspect"),
    ("为村民举办果树种植技术培训班", "educate"),
])
def test_typer_obvious_phrases(typer: ActionTyper, phrase: str, expected: str) -> None:
    label, p = typer.predict(phrase)
    assert label == expected, (phrase, label, p)
    assert 0.0 < p <= 1.0


def test_typer_predict_many_and_proba(typer: ActionTyper) -> None:
    out = typer.predict_many(["捐赠了10万元", "调解邻里纠纷"])
    assert [t for t, _ in out] == ["donate", "mediate"]
    probs = typer.predict_proba("捐赠了10万元")
    assert set(probs) == set(typer.classes)
    assert abs(sum(probs.values()) - 1.0) < 1e-9


def test_model_files_are_not_pickles() -> None:
    d = default_model_dir()
    if not (d / "model.npz").is_file():
        pytest.skip(f"model not built; run: {TRAIN_RECIPE}")
    import numpy as np

    with np.load(d / "model.npz", allow_pickle=False) as z:
        assert set(z.files) == {"coef", "intercept"}


def test_actions_package_does_not_import_spacy() -> None:
    src = "".join(p.read_text(encoding="utf-8") for p in (REPO / "zhpolitics" / "actions").glob("*.py"))
    assert "import spacy" not in src


# ---------------------------------------------------------------- data
@pytest.mark.skipif(not PD.is_file(), reason=f"shared People's Daily data absent: {PD}")
def test_pd_reconstruction_and_locators() -> None:
    from zhpolitics.training.actions import load_pd_examples, load_pd_paragraphs, read_labels

    paras = load_pd_paragraphs(PD)
    assert len(paras) > 19000
    assert all(" " not in t[:50] for t in list(paras.values())[:100])
    labels = REPO / "corpus" / "labels" / "pd_actions.tsv"
    rows = read_labels(labels)
    assert len(rows) >= 450
    ex = load_pd_examples(DATA, labels)
    assert len(ex) == len(rows) and all(p for p, _t, _s in ex)
    counts: dict[str, int] = {}
    for _p, t, _s in ex:
        counts[t] = counts.get(t, 0) + 1
    assert all(counts.get(t, 0) >= 25 for t in LINK_TYPES)
    assert max(counts, key=counts.get) == "other"
