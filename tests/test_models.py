"""Tests for the shipped statistical models in models/ (segmenter + tagger + NER).

The pipeline tests need only the repository; the tests that read the public
corpora in ../shared/data skip with a reason when that folder is absent.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA as SHARED_DATA
from conftest import PD98

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "models"
PIPELINE = MODELS / "zh_pd98"
BUDGET_BYTES = 50 * 1024 * 1024


DATA = SHARED_DATA if PD98.exists() else None
needs_data = pytest.mark.skipif(DATA is None, reason="public corpora ../shared/data not present")
needs_model = pytest.mark.skipif(not (PIPELINE / "meta.json").exists(), reason="models/zh_pd98 not built")


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    pytest.importorskip("spacy_pkuseg")
    return spacy.load(PIPELINE)


def test_models_dir_within_budget():
    total = sum(f.stat().st_size for f in MODELS.rglob("*") if f.is_file())
    assert total <= BUDGET_BYTES, f"models/ is {total / 2**20:.1f} MB > 50 MB"


@needs_model
def test_pipeline_is_self_contained():
    pk = PIPELINE / "tokenizer" / "pkuseg_model"
    assert (pk / "weights.npz").exists() and (pk / "features.msgpack").exists()
    cfg = (PIPELINE / "config.cfg").read_text(encoding="utf-8")
    assert 'segmenter = "pkuseg"' in cfg


@needs_model
def test_loads_with_its_components():
    import spacy

    nlp = spacy.load(PIPELINE)  # (how long it takes is benchmarks' business, not a test's)
    assert nlp.pipe_names == ["tok2vec", "tagger", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "ORG"}
    # the default pkuseg user dictionary stays switched off after loading
    assert nlp.tokenizer.pkuseg_seg.postprocesser.do_process is False


@needs_model
def test_segments_tags_and_finds_person(nlp):
    text = "国务院副总理王建华今天在北京会见了法国外交部长。"
    doc = nlp(text)
    words = [t.text for t in doc]
    assert "".join(words) == text
    assert "北京" in words and "会见" in words
    tags = {t.text: t.tag_ for t in doc}
    assert tags["北京"] == "ns"
    assert tags["会见"] == "v"
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("王建华", "PER") in ents, ents
    assert ("北京", "LOC") in ents, ents


@needs_model
def test_name_list_without_separators(nlp):
    doc = nlp("出席会议的有李国强张志明王海涛等。")
    pers = [e.text for e in doc.ents if e.label_ == "PER"]
    assert len(pers) >= 2, pers


@needs_data
def test_pd98_reader():
    from zhpolitics.training import corpora

    line = "19980101-01-001-002/m  中共中央/nt  总书记/n  、/w  国家/n  主席/n  江/nr  泽民/nr  [北京/ns  大学/n]nt  "
    p = corpora.parse_pd98_line(line)
    assert p.id == "19980101-01-001-002" and p.date == "19980101"
    assert p.words[-2:] == ["北京", "大学"] and p.tags[-2:] == ["ns", "n"]
    assert (p.text[slice(*p.spans[1][:2])], p.spans[1][2]) == ("江泽民", "PER")
    assert (p.text[slice(*p.spans[2][:2])], p.spans[2][2]) == ("北京大学", "ORG")
    split = corpora.split_pd98(corpora.read_pd98(DATA))
    assert split["test"] and all(x.day >= 25 for x in split["test"])
    assert all(x.day <= 24 for x in split["train_all"])


@needs_data
@needs_model
def test_scores_on_a_sample_of_test_days(nlp):
    from zhpolitics.training import corpora
    from zhpolitics.training.ner import eval_raw

    nlp.tokenizer.pkuseg_seg.postprocesser.do_process = False
    test = corpora.split_pd98(corpora.read_pd98(DATA))["test"][:300]
    res = eval_raw(nlp, test)
    assert res["seg"][2] > 0.93
    assert res["ner"]["PER"][2] > 0.80
    assert res["tag_acc_joint"] > 0.85


# --- character-level NER (models/zh_charner) and the NER combiner ---------------------

CHARNER = MODELS / "zh_charner"
COMBINER = MODELS / "ner_combiner"
needs_charner = pytest.mark.skipif(not (CHARNER / "meta.json").exists(), reason="models/zh_charner not built")


def test_char_features_are_hashes_and_do_not_grow_the_vocabulary():
    import spacy

    from zhpolitics.charner import CharFeatureTokenizer, lattice_features

    nlp = spacy.blank("zh")
    tok = CharFeatureTokenizer(nlp.vocab)
    doc = tok("县人大代表才让卓玛走访了牧民。")
    assert [t.text for t in doc] == list("县人大代表才让卓玛走访了牧民。")
    before = len(nlp.vocab.strings)
    tok("。民牧了访走玛卓让才表代大人县")  # same characters, all bigrams and lattice features new
    assert len(nlp.vocab.strings) == before
    again = tok("县人大代表才让卓玛走访了牧民。")
    assert [t.norm for t in doc] == [t.norm for t in again] and [t.tag for t in doc] == [t.tag for t in again]
    # the bigram features differ where the neighbours differ
    other = tok("县人大代表才让卓玛调研了牧场。")
    assert doc[10].norm != other[10].norm
    lat = lattice_features("人民代表大会")
    assert lat[0].startswith("S") and lat[0] != "S0|E0"  # a dictionary word starts at 人


def test_combiner_keeps_char_persons_and_scores_the_rest(tmp_path):
    import numpy as np

    from zhpolitics.ner_combine import CLASSES, NerCombiner, candidates

    text = "记者王小明在林芝市采访。"
    char = [(2, 5, "PER"), (6, 9, "LOC")]
    word = [(6, 9, "LOC"), (2, 4, "PER")]
    feats = {f for _s, _e, fs in candidates(text, char, word) for f in fs}
    vocab = {f: i for i, f in enumerate(sorted(feats))}
    coef = np.zeros((len(CLASSES), len(vocab)))
    coef[CLASSES.index("LOC"), vocab["cw=LOC|LOC"]] = 5.0  # both models agree on LOC
    comb = NerCombiner(vocab, coef, np.zeros(len(CLASSES)))
    comb.save(tmp_path / "c")
    comb = NerCombiner.load(tmp_path / "c")
    assert comb.combine(text, char, word) == [(2, 5, "PER"), (6, 9, "LOC")]
    # a char PER that the word model calls a place is not kept as a person
    assert (6, 9, "PER") not in comb.combine(text, [(6, 9, "PER")], [(6, 9, "LOC")])
    with pytest.raises(FileNotFoundError):
        NerCombiner.load(tmp_path / "missing")


@needs_charner
def test_char_ner_finds_names_the_segmenter_could_cut():
    import spacy

    from zhpolitics import charner  # noqa: F401

    nlp = spacy.load(CHARNER)
    doc = nlp("市人大代表张三丰收到群众来信后，和王明华一起去了北京。")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("王明华", "PER") in ents, ents
    assert ("北京", "LOC") in ents, ents


@needs_data
@needs_charner
def test_char_ner_scores_on_a_sample_of_test_days():
    import spacy

    from zhpolitics import charner  # noqa: F401
    from zhpolitics.training import corpora
    from zhpolitics.training.ner import doc_spans

    nlp = spacy.load(CHARNER)
    test = corpora.split_pd98(corpora.read_pd98(DATA))["test"][:300]
    pred = [doc_spans(d) for d in nlp.pipe([p.text for p in test])]
    res = corpora.span_prf([p.spans for p in test], pred)
    assert res["PER"][2] > 0.85 and res["LOC"][2] > 0.78


def test_combiner_votes_on_persons_with_a_second_char_model():
    import numpy as np

    from zhpolitics.ner_combine import CLASSES, NerCombiner

    comb = NerCombiner({}, np.zeros((len(CLASSES), 0)), np.zeros(len(CLASSES)))
    text = "王小明和李大鹏在北京。"
    char = [(0, 3, "PER"), (4, 7, "PER")]
    word = [(0, 3, "PER")]
    small = [(4, 6, "PER")]
    # 王小明: char + word agree; 李大鹏: only the char model; 李大: only the small model
    assert comb.combine(text, char, word, [small]) == [(0, 3, "PER")]
    assert comb.combine(text, char, word, [[(4, 7, "PER")]]) == [(0, 3, "PER"), (4, 7, "PER")]
