"""The HanLP backend (``zhpolitics.load(backend="hanlp")``) on real HanLP objects.

No download: the module fixture trains a tiny HanLP RNN NER offline on sentences of
the project's own invented corpus (``corpus/dev``), with a randomly initialised
embedding, and loads it with ``hanlp.load(save_dir)`` through the backend.  The model
is poor (a few epochs on a hundred sentences); what is tested is the adapter: every
entity, word, arc and frame HanLP returns lands on the Doc at the right characters.

Tests that need HanLP skip when the ``hanlp`` extra is not installed; the error tests
for a missing extra and a missing model run everywhere.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

import zhpolitics
from zhpolitics.backends.hanlp import HanLPModelNotFound, HanLPNotInstalled, LabelMap, from_document
from zhpolitics.text import normalize, sentences

ROOT = Path(__file__).resolve().parents[1]
GOLD_DEV = ROOT / "corpus" / "dev" / "gold.jsonl"
NER_LABEL = {"DEPUTY": "PER", "PERSON": "PER", "PLACE": "LOC"}
MAPPED = {"PER": "PER", "LOC": "LOC"}  # the tiny model's own labels, as the backend must map them

# invented sentences in the genre (not from any page)
DOC_TEXT = "青川县人大代表马德林走访了乔庄镇。\n\n会上，代表们就农村道路建设提出建议。"


def _bio_sentences(limit: int, max_len: int = 40) -> list[list[tuple[str, str]]]:
    """Short sentences of corpus/dev as (character, BIO tag) rows, names and places only."""
    out: list[list[tuple[str, str]]] = []
    for line in GOLD_DEV.read_text("utf-8").splitlines():
        rec = json.loads(line)
        text, tags = rec["text"], ["O"] * len(rec["text"])
        for sp in rec["spans"]:
            lab = NER_LABEL.get(sp["label"])
            if lab:
                tags[sp["start"]:sp["end"]] = [f"B-{lab}"] + [f"I-{lab}"] * (sp["end"] - sp["start"] - 1)
        for m in re.finditer(r"[^。！？\n]+[。！？]?", text):
            rows = [(c, t) for c, t in zip(m.group(), tags[m.start():m.end()]) if not c.isspace()]
            if 8 <= len(rows) <= max_len and any(t != "O" for _, t in rows):
                out.append(rows)
    return out[:limit]


def _write_tsv(path: Path, sents: list[list[tuple[str, str]]]) -> None:
    path.write_text("".join("".join(f"{c}\t{t}\n" for c, t in s) + "\n" for s in sents), "utf-8")


@pytest.fixture(scope="module")
def hanlp():
    return pytest.importorskip("hanlp", reason="the hanlp extra is not installed (pip install -e '.[hanlp]')")


@pytest.fixture(scope="module")
def tiny_model(hanlp, tmp_path_factory) -> tuple[Path, list[str]]:
    """A HanLP RNN NER trained here, offline, in well under a minute on one core."""
    from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer

    work = tmp_path_factory.mktemp("hanlp")
    sents = _bio_sentences(120)
    assert len(sents) >= 100, "corpus/dev has too few short annotated sentences to train on"
    _write_tsv(work / "train.tsv", sents)
    _write_tsv(work / "dev.tsv", sents[:20])
    save = work / "ner"
    RNNNamedEntityRecognizer().fit(str(work / "train.tsv"), str(work / "dev.tsv"), str(save), embed=32,
                                   rnn_hidden=32, epochs=10, lr=0.02, batch_size=32, crf=False, seed=233,
                                   devices=-1, tagging_scheme="BIO")
    texts = ["".join(c for c, _ in s) for s in sents]
    # probes the backend reads as one window each, unchanged by normalisation
    probes = [t for t in texts if normalize(t) == t and sentences(t) == [(0, len(t))]][:20]
    return save, probes


def test_missing_extra_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "hanlp", None)  # what an install without the extra sees
    with pytest.raises(HanLPNotInstalled, match=r"pip install 'zhpolitics\[hanlp\]'"):
        zhpolitics.load(backend="hanlp", hanlp_model="/some/model")


def test_backend_arguments_are_checked():
    with pytest.raises(ValueError, match="hanlp_model"):
        zhpolitics.load(backend="hanlp")
    with pytest.raises(ValueError, match="rules"):
        zhpolitics.load("rules", backend="hanlp", hanlp_model="/some/model")
    with pytest.raises(ValueError, match="unknown backend"):
        zhpolitics.load(backend="ltp")


def test_an_id_is_never_fetched_unasked(hanlp, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("hanlp.load was called: a download could have started")

    monkeypatch.setattr(hanlp, "load", no_network)
    model_id = next(k for k in hanlp.pretrained.ALL if k.startswith("CLOSE_TOK_POS_NER_SRL"))
    with pytest.raises(HanLPModelNotFound) as err:
        zhpolitics.load(backend="hanlp", hanlp_model=model_id)
    assert "allow_download=True" in str(err.value) and "hanlp_model=PATH" in str(err.value)
    with pytest.raises(HanLPModelNotFound, match="no HanLP model folder"):
        zhpolitics.load(backend="hanlp", hanlp_model=str(ROOT / "no-such-model"))


def test_a_local_model_cannot_fetch_what_it_names(hanlp, tmp_path, monkeypatch):
    from hanlp.utils import io_util

    fetched: list[str] = []
    monkeypatch.setattr(io_util, "download", lambda url, *a, **k: fetched.append(url))

    def model_naming_a_url(path, **kwargs):  # as a folder whose config names an embedding URL
        return io_util.download("https://file.hankcs.com/hanlp/embeddings/some_embedding.zip")

    monkeypatch.setattr(hanlp, "load", model_naming_a_url)
    with pytest.raises(HanLPModelNotFound, match="allow_download=True"):
        zhpolitics.load(backend="hanlp", hanlp_model=str(tmp_path))
    assert fetched == []
    io_util.download("https://file.hankcs.com/x.zip")  # the downloader is back after the load
    assert fetched == ["https://file.hankcs.com/x.zip"]


def test_char_ner_entities_land_on_their_characters(hanlp, tiny_model):
    save, probes = tiny_model
    raw_model = hanlp.load(str(save))
    nlp = zhpolitics.load("full", backend="hanlp", hanlp_model=str(save))
    assert "zhpolitics_hanlp" in nlp.pipe_names and "zhpolitics_statistical" not in nlp.pipe_names
    text = "\n".join(probes)
    doc = nlp(text)
    expected = set()
    base = 0
    for probe, ents in zip(probes, raw_model([list(p) for p in probes])):
        for ent_text, label, b, e in ents:
            assert probe[b:e] == ent_text
            expected.add((base + b, base + e, MAPPED[label]))
        base += len(probe) + 1
    assert expected, "the tiny model found no entity at all in its own training sentences"
    assert doc._.zhp_ner_spans == sorted(expected)
    assert doc._.zhp_words == [] and doc._.zhp_srl_frames == []  # a character NER has no words or frames


def test_cascade_runs_hanlp_only_where_names_are_unsure(tiny_model):
    save, _ = tiny_model
    nlp = zhpolitics.load(backend="hanlp", hanlp_model=str(save))
    pipe = nlp.get_pipe("zhpolitics_hanlp")
    assert pipe.mode == "cascade"
    seen: list = []
    model = pipe.component

    def recording(batch, **kwargs):
        seen.extend("".join(x) for x in batch)
        return model(batch, **kwargs)

    pipe.component = recording
    unsure = "县人大代表才让卓玛走访了牧民。"  # a title, then a name without a Han surname
    nlp(unsure + "全县共收集意见建议236条。")
    assert seen == [unsure]


def _pipeline(hanlp, ner):
    """A real ``hanlp.pipeline()``: jieba words and PKU tags, the tiny NER over the words,
    and rule-made arcs and frames in the format of HanLP's multi-task models."""
    import jieba.posseg

    def tok_pos(sents):
        pairs = [[(w.word, w.flag) for w in jieba.posseg.lcut(s)] for s in sents]
        return [[w for w, _ in p] for p in pairs], [[t for _, t in p] for p in pairs]

    def chain_arcs(batch):  # each word depends on the next one; the last is the root
        return [[(i + 2, "dep") for i in range(len(toks) - 1)] + [(0, "root")] for toks in batch]

    def first_frame(batch):  # word 1 is the predicate, word 0 its ARG0, the rest its ARG1
        return [[[(t[0], "ARG0", 0, 1), (t[1], "PRED", 1, 2), ("".join(t[2:]), "ARG1", 2, len(t))]] for t in batch]

    return (hanlp.pipeline()
            .append(tok_pos, output_key=("tok/fine", "pos/pku"))
            .append(ner, input_key="tok/fine", output_key="ner/msra")
            .append(chain_arcs, input_key="tok/fine", output_key="dep")
            .append(first_frame, input_key="tok/fine", output_key="srl"))


def test_document_layers_map_to_characters(hanlp, tiny_model):
    save, _ = tiny_model
    pipeline = _pipeline(hanlp, hanlp.load(str(save)))
    nlp = zhpolitics.load("full", backend="hanlp", hanlp_model=str(save))
    pipe = nlp.get_pipe("zhpolitics_hanlp")
    pipe.component = pipeline  # a HanLP Pipeline object, as a user may pass one
    doc = nlp(DOC_TEXT)
    sents = [s for s in DOC_TEXT.split("\n") if s]
    out = pipeline(sents)
    toks = [w for sent in out["tok/fine"] for w in sent]
    assert [doc.text[s:e] for s, e, _ in doc._.zhp_words] == toks
    assert [t for _, _, t in doc._.zhp_words] == [t for sent in out["pos/pku"] for t in sent]
    for s, e, lab in doc._.zhp_ner_spans:
        assert lab in ("PER", "LOC", "ORG") and doc.text[s:e]
    n_ents = sum(1 for sent in out["ner/msra"] for _ in sent)
    assert len(doc._.zhp_ner_spans) == n_ents
    roots = [(s, e) for s, e, hs, he, rel in doc._.zhp_dep_arcs if (hs, he) == (-1, -1)]
    assert len(roots) == len(sents) and len(doc._.zhp_dep_arcs) == len(toks)
    for (s, e, hs, he, rel), nxt in zip(doc._.zhp_dep_arcs, doc._.zhp_words[1:]):
        if rel == "dep":
            assert (hs, he) == nxt[:2]
    assert len(doc._.zhp_srl_frames) == len(sents)
    for (ps, pe, args), sent in zip(doc._.zhp_srl_frames, out["tok/fine"]):
        assert doc.text[ps:pe] == sent[1]
        assert [(doc.text[s:e], r) for s, e, r in args] == [(sent[0], "ARG0"), ("".join(sent[2:]), "ARG1")]


def test_unalignable_tokens_write_nothing():
    lmap = LabelMap.load()
    row = {"tok/fine": ["人大", "代表"], "ner/msra": [("人大", "ORGANIZATION", 0, 1)]}
    assert from_document("人大代表", row, lmap).ner == [(0, 2, "ORG")]
    changed = {"tok/fine": ["人大", "代錶"], "ner/msra": [("人大", "ORGANIZATION", 0, 1)]}
    res = from_document("人大代表", changed, lmap)
    assert res.ner == [] and res.words == []
