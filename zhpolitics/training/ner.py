"""Train the combined spaCy pipeline ``models/zh_pd98``: pkuseg tokenizer + tagger + ner.

Recipe (fixed seed 0)::

    python -m zhpolitics.training.segmenter --data-dir ../shared/data --out models/segmenter
    python -m zhpolitics.training.ner --data-dir ../shared/data --segmenter models/segmenter --out models/zh_pd98
    rm -r models/segmenter   # optional: the pipeline holds its own copy (tokenizer/pkuseg_model)

Training data (days 19980125-31 are never used):

* People's Daily 1998-01-01..24 with gold words, PKU tags (``token.tag_``) and
  entities: adjacent ``nr`` merged into PER, ``ns``/``[..]ns`` LOC, ``nt``/``[..]nt``
  ORG.  The held-out DEV slice of those days (``corpora.is_dev``) is the spaCy dev
  set.  Paragraphs that share a sentence with the MSRA test set are dropped.
* Augmentation for name lists without separators: copies of PD paragraphs with
  the ``、`` between two person names removed.
* MSRA NER ``msra_val_from_train`` (3,000 sentences; sentences shared with the
  PD test days dropped) and the CLUENER2020 train sentences that contain a
  ``name``: the text goes through the shrunk pkuseg tokenizer, spans are mapped
  onto its tokens, spans that cut a token are marked *missing* (no loss), as are
  CLUENER company/scene and non-administrative addresses.  These docs have no
  tags (missing for the tagger).

The tokenizer inside the saved pipeline is the shrunk pkuseg model with pkuseg's
default user dictionary switched off, so ``spacy.load("models/zh_pd98")`` is
self-contained.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from . import corpora

SEED = 0
CONFIG = Path(__file__).with_name("configs") / "zh_pd98.cfg"


# ---------------------------------------------------------------------------
# training docs
# ---------------------------------------------------------------------------


def word_iob(para: corpora.Paragraph) -> List[str]:
    offs = para.word_offsets()
    iob = ["O"] * len(para.words)
    start_of = {s: i for i, (s, _) in enumerate(offs)}
    end_of = {e: i for i, (_, e) in enumerate(offs)}
    for s, e, lab in para.spans:
        i, j = start_of[s], end_of[e]
        iob[i] = "B-" + lab
        for k in range(i + 1, j + 1):
            iob[k] = "I-" + lab
    return iob


def pd_doc(vocab, words: List[str], tags: Optional[List[str]], iob: List[str]):
    from spacy.tokens import Doc

    return Doc(vocab, words=words, spaces=[False] * len(words), tags=tags, ents=iob)


def drop_list_separators(para: corpora.Paragraph) -> Optional[Tuple[List[str], List[str], List[str]]]:
    """Remove ``、`` between two person names (name lists without separators)."""
    iob = word_iob(para)
    n = len(para.words)
    drop = set()
    for i in range(1, n - 1):
        if para.words[i] == "、" and iob[i - 1].endswith("PER") and iob[i + 1] == "B-PER":
            drop.add(i)
    if not drop:
        return None
    keep = [i for i in range(n) if i not in drop]
    return [para.words[i] for i in keep], [para.tags[i] for i in keep], [iob[i] for i in keep]


def tokenized_ner_doc(tok_nlp, sent: corpora.NerSentence):
    """Tokenise ``sent.text`` with the segmenter and map its spans onto the tokens."""
    doc = tok_nlp.make_doc(sent.text)
    ents, missing = [], []
    for s, e, lab in sent.spans:
        span = doc.char_span(s, e, label=lab, alignment_mode="strict")
        if span is None:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                missing.append(span)
        else:
            ents.append(span)
    for s, e in sent.missing:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            missing.append(span)
    taken = set()
    for sp in ents:
        taken.update(range(sp.start, sp.end))
    missing = [sp for sp in missing if not taken.intersection(range(sp.start, sp.end))]
    # de-overlap the missing spans
    clean, used = [], set()
    for sp in sorted(missing, key=lambda x: (x.start, -x.end)):
        if used.intersection(range(sp.start, sp.end)):
            continue
        used.update(range(sp.start, sp.end))
        clean.append(sp)
    doc.set_ents(ents, missing=clean, default="outside")
    return doc, len(ents), len(sent.spans) - len(ents)


def build_docbins(data_dir, seg_model: Path, work_dir: Path, use_msra=True, use_cluener=True,
                  augment=True, log=print) -> Dict[str, Path]:
    import spacy
    from spacy.tokens import DocBin

    from .segmenter import make_tokenizer_nlp

    rng = random.Random(SEED)
    work_dir.mkdir(parents=True, exist_ok=True)
    vocab = spacy.blank("zh").vocab
    split = corpora.split_pd98(corpora.read_pd98(data_dir))
    msra_test = corpora.read_msra(data_dir, "test")
    msra_test_keys = set()
    for s in msra_test:
        msra_test_keys |= corpora.sentence_keys(s.text)
    train_paras = corpora.overlap_filter(split["train"], lambda p: p.text, msra_test_keys)
    log(f"[ner] PD train paragraphs {len(split['train'])}, after MSRA-test de-dup {len(train_paras)}")
    train_docs = []
    n_aug = 0
    for p in train_paras:
        train_docs.append(pd_doc(vocab, p.words, p.tags, word_iob(p)))
        if augment:
            v = drop_list_separators(p)
            if v is not None:
                train_docs.append(pd_doc(vocab, *v))
                n_aug += 1
    log(f"[ner] name-list augmentation docs: {n_aug}")
    tok_nlp = make_tokenizer_nlp(seg_model)
    if use_msra:
        test_keys = set()
        for p in split["test"]:
            test_keys |= corpora.sentence_keys(p.text)
        msra = corpora.overlap_filter(corpora.read_msra(data_dir, "train"), lambda s: s.text, test_keys)
        kept = cut = 0
        for s in msra:
            d, k, c = tokenized_ner_doc(tok_nlp, s)
            kept += k
            cut += c
            train_docs.append(d)
        log(f"[ner] MSRA train sentences {len(msra)}: spans kept {kept}, cutting a token (missing) {cut}")
    if use_cluener:
        admin = corpora.load_admin_names(data_dir)
        cl = [s for s in corpora.read_cluener(data_dir, "train", admin) if any(x[2] == "PER" for x in s.spans)]
        kept = cut = 0
        for s in cl:
            d, k, c = tokenized_ner_doc(tok_nlp, s)
            kept += k
            cut += c
            train_docs.append(d)
        log(f"[ner] CLUENER train sentences with a name {len(cl)}: spans kept {kept}, cutting (missing) {cut}")
    rng.shuffle(train_docs)
    dev_docs = [pd_doc(vocab, p.words, p.tags, word_iob(p)) for p in split["dev"]]
    paths = {"train": work_dir / "train.spacy", "dev": work_dir / "dev.spacy"}
    DocBin(docs=train_docs, store_user_data=False).to_disk(paths["train"])
    DocBin(docs=dev_docs, store_user_data=False).to_disk(paths["dev"])
    log(f"[ner] wrote {len(train_docs)} train docs, {len(dev_docs)} dev docs to {work_dir}")
    return paths


# ---------------------------------------------------------------------------
# training + packaging
# ---------------------------------------------------------------------------


def train_spacy(paths: Dict[str, Path], seg_model: Path, work_dir: Path, components: Sequence[str],
                max_steps: int, eval_frequency: int) -> Path:
    from spacy.cli.train import train as spacy_train

    overrides = {
        "paths.train": str(paths["train"]),
        "paths.dev": str(paths["dev"]),
        "paths.pkuseg_model": str(seg_model),
        "system.seed": SEED,
        "training.max_steps": max_steps,
        "training.eval_frequency": eval_frequency,
    }
    cfg = CONFIG
    if list(components) != ["tagger", "ner"]:
        cfg = _subset_config(components, work_dir)
    out = work_dir / "output"
    spacy_train(cfg, out, overrides=overrides, use_gpu=-1)
    return out / "model-best"


def _subset_config(components: Sequence[str], work_dir: Path) -> Path:
    from spacy.util import load_config

    cfg = load_config(CONFIG, interpolate=False)
    cfg["nlp"]["pipeline"] = ["tok2vec"] + list(components)
    for name in ("tagger", "ner"):
        if name not in components:
            cfg["components"].pop(name, None)
    w = cfg["training"]["score_weights"]
    if "ner" not in components:
        w.update({"ents_f": 0.0, "tag_acc": 1.0})
    if "tagger" not in components:
        w.update({"ents_f": 1.0, "tag_acc": 0.0})
    p = work_dir / "config.cfg"
    cfg.to_disk(p)
    return p


def package(model_best: Path, seg_model: Path, out: Path, scores: Optional[dict] = None) -> None:
    """Save the trained pipeline to ``out`` with the shrunk pkuseg model inside it."""
    import spacy

    nlp = spacy.load(model_best)
    # no pkuseg user dictionary: switch the post-processor off and drop its word
    # lists (4 MB, unused when do_process is False)
    nlp.tokenizer.pkuseg_seg.postprocesser.do_process = False
    nlp.tokenizer.pkuseg_seg.postprocesser.common_words = set()
    nlp.tokenizer.pkuseg_seg.postprocesser.other_words = set()
    nlp.meta["name"] = "pd98"
    nlp.meta["version"] = "0.1.0"
    nlp.meta["description"] = (
        "zhpolitics: pkuseg word segmenter + PKU POS tagger + PER/LOC/ORG NER trained on "
        "People's Daily 1998-01-01..24 (+ MSRA train slice, CLUENER2020 names). See models/README.md."
    )
    nlp.meta["license"] = "research use (training data: PKU People's Daily 1998, MSRA/SIGHAN 2006, CLUENER2020)"
    nlp.meta["sources"] = [
        {"name": "People's Daily 1998-01 (PKU)", "url": "https://github.com/jacken3/BigDataHomeWork"},
        {"name": "MSRA NER (SIGHAN 2006)", "url": "https://github.com/OYE93/Chinese-NLP-Corpus"},
        {"name": "CLUENER2020", "url": "https://github.com/StanleySun233/ChineseNER"},
    ]
    if scores:
        nlp.meta["zhpolitics_scores"] = scores
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    # to_disk writes pkuseg's weights as uncompressed float64: replace with the shrunk files
    pk = out / "tokenizer" / "pkuseg_model"
    for fn in ("features.msgpack", "weights.npz"):
        shutil.copyfile(Path(seg_model) / fn, pk / fn)


# ---------------------------------------------------------------------------
# evaluation (also used by benchmarks/bench_models.py)
# ---------------------------------------------------------------------------


def load_pipeline(path) -> "spacy.Language":
    import spacy

    nlp = spacy.load(path)
    nlp.tokenizer.pkuseg_seg.postprocesser.do_process = False
    return nlp


def doc_spans(doc) -> List[corpora.Span]:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in corpora.LABELS]


def eval_tags_gold_words(nlp, paras: Sequence[corpora.Paragraph]) -> float:
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=p.words, spaces=[False] * len(p.words)) for p in paras)
    ok = n = 0
    with nlp.select_pipes(enable=["tok2vec", "tagger"]):
        for p, doc in zip(paras, nlp.pipe(docs, batch_size=64)):
            for t, g in zip(doc, p.tags):
                ok += t.tag_ == g
                n += 1
    return ok / n if n else 0.0


def eval_raw(nlp, paras: Sequence[corpora.Paragraph]) -> Dict[str, object]:
    """Raw paragraph text through tokenizer + tagger + ner.

    Returns char-level span P/R/F1 per label, word F1 and joint tag accuracy
    (a gold word counts as correct when it is a predicted token with the gold tag).
    """
    gold_spans, pred_spans, gold_words, pred_words = [], [], [], []
    ok = n = 0
    for p, doc in zip(paras, nlp.pipe((p.text for p in paras), batch_size=64)):
        gold_spans.append(p.spans)
        pred_spans.append(doc_spans(doc))
        toks = {(t.idx, t.idx + len(t.text)): t.tag_ for t in doc if not t.is_space}
        gold_words.append(p.words)
        pred_words.append([t.text for t in doc if not t.is_space])
        for (s, e), g in zip(p.word_offsets(), p.tags):
            n += 1
            ok += toks.get((s, e)) == g
    return {
        "ner": corpora.span_prf(gold_spans, pred_spans),
        "seg": corpora.seg_prf(gold_words, pred_words),
        "tag_acc_joint": ok / n if n else 0.0,
    }


def eval_msra(nlp, sents: Sequence[corpora.NerSentence]) -> Dict[str, Tuple[float, float, float, int]]:
    pred = [doc_spans(d) for d in nlp.pipe((s.text for s in sents), batch_size=64)]
    return corpora.span_prf([s.spans for s in sents], pred)


def msra_test_dedup(data_dir) -> List[corpora.NerSentence]:
    """MSRA test sentences minus those sharing a sentence with PD98 training days."""
    split = corpora.split_pd98(corpora.read_pd98(data_dir))
    keys = set()
    for p in split["train_all"]:
        keys |= corpora.sentence_keys(p.text)
    return corpora.overlap_filter(corpora.read_msra(data_dir, "test"), lambda s: s.text, keys)


def evaluate(model_dir: Path, data_dir, limit: Optional[int] = None) -> dict:
    nlp = load_pipeline(model_dir)
    split = corpora.split_pd98(corpora.read_pd98(data_dir))
    test = split["test"][:limit] if limit else split["test"]
    res = {}
    if "tagger" in nlp.pipe_names:
        res["tag_acc_gold_words"] = eval_tags_gold_words(nlp, test)
    raw = eval_raw(nlp, test)
    res["seg_f1_test_days"] = raw["seg"][2]
    if "tagger" in nlp.pipe_names:
        res["tag_acc_raw_text"] = raw["tag_acc_joint"]
    if "ner" in nlp.pipe_names:
        res["ner_test_days_raw"] = raw["ner"]
        msra = msra_test_dedup(data_dir)
        if limit:
            msra = msra[:limit]
        res["msra_test"] = eval_msra(nlp, msra)
        res["msra_test_n"] = len(msra)
    return res


@contextmanager
def scratch_dir(path: Optional[str], prefix: str) -> Iterator[Path]:
    """``path`` when given (kept), else a temporary directory removed afterwards."""
    if path:
        yield Path(path)
        return
    tmp = tempfile.mkdtemp(prefix=prefix)
    try:
        yield Path(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def report_scores(tag: str, res: dict, out: Path) -> None:
    """Print a recipe's evaluation and write it next to the model (``<out>.scores.json``)."""
    for k, v in res.items():
        print(f"[{tag}] {k}: " + (format_prf(v) if isinstance(v, dict) else f"{v}"), flush=True)
    (out.parent / (out.name + ".scores.json")).write_text(json.dumps(res, indent=1))


def format_prf(d: Dict[str, Tuple[float, float, float, int]]) -> str:
    return "  ".join(f"{k} P={v[0]:.3f} R={v[1]:.3f} F1={v[2]:.3f} (n={v[3]})" for k, v in d.items())


# ---------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------


def build_parser(prog="zhpolitics train ner", components=("tagger", "ner")) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog=prog,
        description=f"Train the spaCy pipeline (pkuseg tokenizer + {' + '.join(components)}) on People's "
        "Daily 1998-01-01..24 (+ MSRA train slice and CLUENER2020 names for the NER), package it with the "
        "shrunk segmenter inside, and evaluate on days 25-31 and the MSRA test set.",
    )
    ap.add_argument("--data-dir", default="../shared/data", help="shared data folder (see SOURCES.md)")
    ap.add_argument("--segmenter", default=None,
                    help="shrunk pkuseg model dir (from `zhpolitics train segmenter`); default "
                    "models/segmenter, else the one bundled in models/zh_pd98/tokenizer/pkuseg_model")
    ap.add_argument("--out", default="models/zh_pd98", help="output pipeline dir")
    ap.add_argument("--work-dir", default=None, help="scratch dir (DocBins, spaCy checkpoints); default temp")
    ap.add_argument("--max-steps", type=int, default=8000, help="spaCy training steps (~20 min on 2 cores)")
    ap.add_argument("--eval-frequency", type=int, default=500)
    ap.add_argument("--no-msra", action="store_true", help="do not train on the MSRA train slice")
    ap.add_argument("--no-cluener", action="store_true", help="do not train on CLUENER2020")
    ap.add_argument("--no-augment", action="store_true", help="no name-list augmentation")
    ap.add_argument("--package-only", default=None, metavar="MODEL_BEST",
                    help="skip training; package this spaCy model dir")
    ap.add_argument("--no-eval", action="store_true")
    return ap


def run(argv: Optional[Sequence[str]], components=("tagger", "ner"), prog="zhpolitics train ner") -> int:
    args = build_parser(prog, components).parse_args(argv)
    data_dir = corpora.resolve_data_dir(args.data_dir)
    if args.segmenter:
        seg = Path(args.segmenter)
    else:
        seg = Path("models/segmenter")
        if not (seg / "weights.npz").exists():
            seg = Path("models/zh_pd98/tokenizer/pkuseg_model")
    if not (seg / "weights.npz").exists():
        sys.exit(f"segmenter model not found at {seg}; run `zhpolitics train segmenter` first")
    out = Path(args.out)
    seg_tmp = tempfile.mkdtemp(prefix="zhp_seg_copy_")  # `out` may contain `seg`: copy it first
    shutil.copytree(seg, Path(seg_tmp) / "pkuseg_model")
    seg = Path(seg_tmp) / "pkuseg_model"
    try:
        with (nullcontext(None) if args.package_only else scratch_dir(args.work_dir, "zhp_ner_")) as work:
            if args.package_only:
                best = Path(args.package_only)
            else:
                t0 = time.time()
                paths = build_docbins(data_dir, seg, work, use_msra="ner" in components and not args.no_msra,
                                      use_cluener="ner" in components and not args.no_cluener,
                                      augment="ner" in components and not args.no_augment)
                print(f"[ner] data prepared in {time.time() - t0:.0f}s", flush=True)
                t0 = time.time()
                best = train_spacy(paths, seg, work, components, args.max_steps, args.eval_frequency)
                print(f"[ner] trained in {time.time() - t0:.0f}s", flush=True)
            package(best, seg, out)
            print(f"[ner] saved pipeline to {out}", flush=True)
            if not args.no_eval:
                report_scores("ner", evaluate(out, data_dir), out)
    finally:
        shutil.rmtree(seg_tmp, ignore_errors=True)
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
