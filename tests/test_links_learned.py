"""The learned linker (issue 15): clause units, model files, and the patterns of the issue.

All sentences are invented for these tests.
"""

from __future__ import annotations

import numpy as np
import pytest

import zhpolitics
from zhpolitics.actions.clauses import segment, sentences
from zhpolitics.actions.learned import LINKER_FILE, LearnedLinker, LinearModel, LinkerModel
from zhpolitics.actions.linker import ActionLinker
from zhpolitics.paths import model_path

HAS_MODEL = (model_path("actions") / LINKER_FILE).is_file()
needs_model = pytest.mark.skipif(not HAS_MODEL, reason="models/actions/linker.json not built")


def links(nlp, text):
    rec = zhpolitics.to_record(nlp(text))
    return [(l["deputy_text"], l["action_text"], l["type"]) for l in rec["links"]]


# ------------------------------------------------------------------ units
def test_units_cut_at_clause_punctuation_and_names():
    text = "镇人大代表严秋生走访了五户村民，记下大家的难处。"
    units = segment(text, [(5, 8)])
    got = [text[u.start:u.end] for u in units]
    assert got == ["镇人大代表", "走访了五户村民", "记下大家的难处"]
    assert units[1].sep_before == "D" and units[0].sep_after == "D"
    assert all(u.sent == 0 for u in units)


def test_units_know_quotes_sentences_and_paragraphs():
    text = "她笑着说：“我们先修路，再建桥。”\n第二段开始了。"
    units = segment(text, [])
    quoted = {text[u.start:u.end]: u.quoted for u in units}
    assert quoted["我们先修路"] and quoted["再建桥"] and not quoted["她笑着说"]
    assert units[-1].para == 1 and len(sentences(text)) == 3


def test_linear_model_round_trip(tmp_path):
    agent = LinearModel({"a": 0, "b": 1}, np.array([2.0, -1.0]), -0.5)
    cont = LinearModel({"c": 0}, np.array([1.0]), 0.0)
    LinkerModel(agent, cont, 0.4, 0.6, 0.2, {"rule_votes": True}).save(tmp_path)
    back = LinkerModel.load(tmp_path)
    assert back.threshold == 0.4 and back.cont_threshold == 0.6 and back.rule_threshold == 0.2
    assert back.agent.prob({"a": 1}) == pytest.approx(1 / (1 + np.exp(-1.5)), rel=1e-5)
    assert back.agent.prob({"zzz": 1}) == pytest.approx(1 / (1 + np.exp(0.5)), rel=1e-5)
    assert back.meta == {"rule_votes": True}


def test_calibration_maps_raw_probabilities_and_round_trips(tmp_path):
    agent = LinearModel({"a": 0}, np.array([1.0]), 0.0)
    cont = LinearModel({"c": 0}, np.array([1.0]), 0.0)
    cal = {"x": [0.3, 0.6, 0.9], "y": [0.1, 0.5, 0.8]}
    LinkerModel(agent, cont, calibration=cal).save(tmp_path)
    back = LinkerModel.load(tmp_path)
    assert back.calibration == cal
    assert back.calibrate(0.2) == pytest.approx(0.1) and back.calibrate(0.75) == pytest.approx(0.65)
    assert back.calibrate(0.99) == pytest.approx(0.8)
    assert LinkerModel(agent, cont).calibrate(0.42) == 0.42  # no map: the raw probability


def test_isotonic_calibration_is_monotone_and_bounded():
    from zhpolitics.training.linker import fit_calibration

    probs = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.97, 0.99]
    ok = [0, 0, 1, 0, 1, 0, 1, 1, 1, 1]
    cal = fit_calibration(probs, ok)
    m = LinkerModel(None, None, calibration=cal)
    ys = [m.calibrate(p) for p in (0.0, 0.35, 0.55, 0.75, 0.92, 1.0)]
    assert ys == sorted(ys) and 0.0 <= ys[0] and ys[-1] <= 1.0


def test_rules_mode_needs_no_model():
    text = "区人大代表钱立新主动出资安装了小区的充电桩。"
    got = ActionLinker(mode="rules")(text, [(5, 8)])
    assert [(text[a:b]) for a, b in (l.action for l in got)] == ["主动出资安装了小区的充电桩"]


# ------------------------------------------------------------------ the patterns
@needs_model
def test_links_carry_probability_and_source():
    text = "县人大代表贾明远出资为村小学修建了一座图书室。"
    got = ActionLinker()(text, [(5, 8)])
    assert got and all(0.0 < l.probability <= 1.0 and l.source in ("rules", "clauses") for l in got)


@needs_model
@pytest.mark.parametrize("text", [
    "县人大代表龚素兰一直把为群众跑腿当作代表的本分。",  # duty
    "这是县人大代表龚素兰热心公益、造福桑梓的又一义举。",  # praise
    "县人大代表龚素兰早年在外地打工，后来回乡开了一家农家乐。",  # biography
    "县人大代表龚素兰表示，要把村民的意见带到会上去。",  # intention
])
def test_descriptions_are_not_acts(nlp, text):
    assert links(nlp, text) == []


@needs_model
def test_a_list_of_deputies_shares_one_act(nlp):
    got = links(nlp, "区人大代表蒋立群、韩秀英、邹德海在东门社区接待居民，对大家反映的路灯不亮问题逐一登记。")
    deps = {d for d, _a, _t in got}
    assert deps == {"蒋立群", "韩秀英", "邹德海"}
    acts = {}
    for d, a, _t in got:
        acts.setdefault(d, set()).add(a)
    assert acts["蒋立群"] == acts["韩秀英"] == acts["邹德海"]
    assert any("接待居民" in a for a in acts["蒋立群"])


@needs_model
def test_subject_less_profile_paragraph(nlp):
    text = ("市人大代表、青禾农业合作社理事长万德清\n"
            "多年来，带领社员种植高山蔬菜。去年出资修建了一座冷库，帮助周边农户解决了储存难题。")
    got = links(nlp, text)
    assert got and {d for d, _a, _t in got} == {"万德清"}
    assert any("修建了一座冷库" in a for _d, a, _t in got)


@needs_model
@pytest.mark.parametrize("text", [
    "县人大代表孔令辉今年办了三件实事：走访了三十多户困难家庭，为两个村协调解决了饮水问题。",  # a colon
    "【代表风采】县人大代表孔令辉\n走访了三十多户困难家庭，为两个村协调解决了饮水问题。",  # a heading
])
def test_acts_after_a_colon_or_a_heading(nlp, text):
    got = links(nlp, text)
    assert {d for d, _a, _t in got} == {"孔令辉"}
    acts = [a for _d, a, _t in got]
    assert any("走访了三十多户困难家庭" in a for a in acts)
    assert any("协调解决了饮水问题" in a for a in acts)


@needs_model
def test_a_chain_of_funding_clauses_gives_one_act_each(nlp):
    text = "镇人大代表鲁海平先后捐资8万元修建村道，捐资3万元修缮村小学的围墙，出资2万元安装了路灯。"
    got = links(nlp, text)
    acts = [a for d, a, _t in got if d == "鲁海平"]
    assert len(acts) >= 2
    assert any("修建村道" in a for a in acts) and any("安装了路灯" in a for a in acts)
