"""Benchmark the shipped statistical models (models/zh_pd98, models/zh_charner) against jieba.posseg.

Prints:
* word segmentation P/R/F1 on People's Daily test days 1998-01-25..31 and on the
  SIGHAN 2005 PKU test set;
* PKU tag accuracy on the test days (gold words, and from raw text);
* PER/LOC/ORG character-offset span P/R/F1 (exact match) from raw paragraph text
  through tokenizer + tagger + NER on the test days, and PER/LOC/ORG on the MSRA
  test set (sentences shared with the PD training days removed), for the word-level
  NER in zh_pd98 and for the character-level NER zh_charner (the one the pipeline
  uses when it is installed) and for their combination (models/ner_combiner: persons
  from the character model, places and organisations chosen span by span); the ACCEPT
  line is computed from what the pipeline uses;
* the whole zhpolitics pipeline (`full` and `default`): its PERSON ∪ DEPUTY spans against
  the corpus's merged person names on the test days (a second ACCEPT line for `full`);
* throughput (chars/s, single process) of the tokenizer, tagger, NER and the whole
  pipeline, and of jieba.posseg on the same text, with the ratio.

Usage::

    python benchmarks/bench_models.py [--data-dir ../shared/data] [--limit N]
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhpolitics.training import corpora  # noqa: E402
from zhpolitics.training.ner import (  # noqa: E402
    doc_spans,
    eval_msra,
    eval_raw,
    eval_tags_gold_words,
    format_prf,
    load_pipeline,
    msra_test_dedup,
)


def jieba_spans(pairs):
    """PER (adjacent nr merged), LOC (ns), ORG (nt) char spans from jieba.posseg output."""
    spans, pos, words = [], 0, []
    prev = None
    for w, flag in pairs:
        s, e = pos, pos + len(w)
        pos = e
        if not w.strip():
            prev = None
            continue
        words.append(w)
        lab = {"nr": "PER", "ns": "LOC", "nt": "ORG"}.get(flag)
        if lab == "PER" and prev is not None and prev[2] == "PER" and prev[1] == s:
            spans[-1] = (prev[0], e, "PER")
            prev = spans[-1]
            continue
        if lab:
            spans.append((s, e, lab))
            prev = spans[-1]
        else:
            prev = None
    return spans, words


def rate(n_chars, secs):
    return n_chars / secs if secs > 0 else float("inf")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default="../shared/data")
    ap.add_argument("--model", default=str(ROOT / "models" / "zh_pd98"))
    ap.add_argument("--ner-model", default=str(ROOT / "models" / "zh_charner"),
                    help="character-level NER; '' to benchmark the word-level NER only")
    ap.add_argument("--voter", default=str(ROOT / "models" / "zh_charner_small"),
                    help="second character NER that votes on persons; '' for none")
    ap.add_argument("--combiner", default=str(ROOT / "models" / "ner_combiner"),
                    help="NER combiner (zhpolitics.ner_combine); '' for the character NER alone")
    ap.add_argument("--limit", type=int, default=0, help="subsample N paragraphs / sentences per set (seed 0)")
    args = ap.parse_args(argv)

    try:
        data_dir = corpora.resolve_data_dir(args.data_dir)
    except corpora.DataMissing as e:
        print(f"SKIP: {e}")
        return 0

    def sub(xs):
        if args.limit and len(xs) > args.limit:
            return random.Random(0).sample(xs, args.limit)
        return xs

    t0 = time.time()
    nlp = load_pipeline(args.model)
    print(f"model: {args.model}  pipes={nlp.pipe_names}  load {time.time() - t0:.2f}s")
    test = sub(corpora.split_pd98(corpora.read_pd98(data_dir))["test"])
    texts = [p.text for p in test]
    n_chars = sum(len(t) for t in texts)
    print(f"PD98 test days 19980125-31: {len(test)} paragraphs, {n_chars} chars")

    # --- segmentation -------------------------------------------------------
    pred = [[t.text for t in nlp.make_doc(x) if not t.is_space] for x in texts]
    p, r, f = corpora.seg_prf([q.words for q in test], pred)
    print(f"seg  test days      P={p:.4f} R={r:.4f} F1={f:.4f}")
    raw, gold = corpora.read_pku_test(data_dir)
    if args.limit:
        idx = sorted(random.Random(0).sample(range(len(raw)), min(args.limit, len(raw))))
        raw, gold = [raw[i] for i in idx], [gold[i] for i in idx]
    pred = [[t.text for t in nlp.make_doc(x) if not t.is_space] for x in raw]
    p, r, f = corpora.seg_prf(gold, pred)
    print(f"seg  SIGHAN PKU test P={p:.4f} R={r:.4f} F1={f:.4f}  ({len(raw)} lines)")

    # --- tagging + NER ------------------------------------------------------
    acc = eval_tags_gold_words(nlp, test)
    res = eval_raw(nlp, test)
    print(f"tag  accuracy test days (gold words) {acc:.4f}; from raw text (joint seg+tag) {res['tag_acc_joint']:.4f}")
    print("ner  test days, raw text, char spans: " + format_prf(res["ner"]))
    msra = sub(msra_test_dedup(data_dir))
    m = eval_msra(nlp, msra)
    print(f"ner  MSRA test ({len(msra)} sentences, de-duplicated): " + format_prf(m))
    ner_res, ner_m = res["ner"], m
    cnlp = None
    if args.ner_model and Path(args.ner_model).is_dir():
        import spacy

        from zhpolitics import charner  # noqa: F401

        t0 = time.time()
        cnlp = spacy.load(args.ner_model)
        print(f"char NER model: {args.ner_model}  load {time.time() - t0:.2f}s")
        comb = None
        if args.combiner and Path(args.combiner).is_dir():
            from zhpolitics.ner_combine import NerCombiner

            comb = NerCombiner.load(args.combiner)
        voter = spacy.load(args.voter) if comb is not None and args.voter and Path(args.voter).is_dir() else None
        for name, items in (("test days", [(q.text, q.spans) for q in test]),
                            (f"MSRA test ({len(msra)} sentences, de-duplicated)", [(s.text, s.spans) for s in msra])):
            tx = [t for t, _ in items]
            golds = [g for _, g in items]
            cp = [doc_spans(d) for d in cnlp.pipe(tx, batch_size=64)]
            r_char = corpora.span_prf(golds, cp)
            print(f"char ner {name}, raw text, char spans: " + format_prf(r_char))
            r_use = r_char
            if comb is not None:
                with nlp.select_pipes(enable=["tok2vec", "ner"]):
                    wp = [doc_spans(d) for d in nlp.pipe(tx, batch_size=64)]
                vp = [doc_spans(d) for d in voter.pipe(tx, batch_size=64)] if voter is not None else None
                if vp is not None:
                    print(f"second char ner {name}: " + format_prf(corpora.span_prf(golds, vp)))
                r_use = corpora.span_prf(golds, comb.combine_many(tx, cp, wp, [vp] if vp is not None else ()))
                how = "PER by 2-of-3 vote" if vp is not None else "char PER"
                print(f"combined ({how} + combiner LOC/ORG) {name}: " + format_prf(r_use))
            if name == "test days":
                ner_res = r_use
            else:
                ner_m = r_use
    print(f"ACCEPT per_f1_test_days={ner_res['PER'][2]:.4f} (>=0.90)  loc_f1_test_days={ner_res['LOC'][2]:.4f} "
          f"(>=0.85)  msra_per_f1={ner_m['PER'][2]:.4f} (>=0.75)  tag_acc={acc:.4f} (>=0.93)")

    # --- the whole zhpolitics pipeline: PERSON ∪ DEPUTY against the PD person names ---
    import warnings

    import zhpolitics

    gold_per = [{(sp[0], sp[1]) for sp in q.spans if sp[2] == "PER"} for q in test]
    for label, kwargs in (("full", {}), ("default", {})):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            zp = zhpolitics.load(label, **kwargs)
        tp = fp = fn = 0
        for g, doc in zip(gold_per, zp.pipe(texts)):
            pred = {(e.start_char, e.end_char) for e in doc.spans["zhpolitics"] if e.label_ in ("PERSON", "DEPUTY")}
            tp += len(pred & g)
            fp += len(pred - g)
            fn += len(g - pred)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"zhpolitics {label}: PERSON∪DEPUTY vs PD person names, test days: P={p:.3f} R={r:.3f} F1={f:.3f}")
        if label == "full":
            print(f"ACCEPT pipeline_person_f1_test_days={f:.4f} (>=0.90)")

    # --- jieba.posseg on the same text ---------------------------------------
    try:
        import jieba
        import jieba.posseg as pseg

        jieba.setLogLevel(60)
        jieba.initialize()
        t0 = time.time()
        jout = [list((w, fl) for w, fl in pseg.cut(x)) for x in texts]
        j_secs = time.time() - t0
        js = [jieba_spans(o) for o in jout]
        jp = corpora.span_prf([q.spans for q in test], [s for s, _ in js])
        p, r, f = corpora.seg_prf([q.words for q in test], [w for _, w in js])
        print(f"jieba.posseg seg test days F1={f:.4f}")
        print("jieba.posseg ner test days: " + format_prf(jp))
        mj = corpora.span_prf([s.spans for s in msra],
                              [jieba_spans(list(pseg.cut(s.text)))[0] for s in msra])
        print("jieba.posseg MSRA test: " + format_prf(mj))
    except ImportError:
        jieba = None
        j_secs = None
        print("jieba not installed: no comparison")

    # --- throughput ---------------------------------------------------------
    t0 = time.time()
    docs = [nlp.make_doc(x) for x in texts]
    tok_secs = time.time() - t0
    from spacy.tokens import Doc

    def timed(pipes):
        ds = [Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in docs]
        t0 = time.time()
        with nlp.select_pipes(enable=pipes):
            for _ in nlp.pipe(ds, batch_size=64):
                pass
        return time.time() - t0

    tag_secs = timed(["tok2vec", "tagger"])
    ner_secs = timed(["tok2vec", "ner"])
    t0 = time.time()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    full_secs = time.time() - t0
    print(f"speed tokenizer (pkuseg)        {rate(n_chars, tok_secs):>10,.0f} chars/s")
    print(f"speed tok2vec+tagger (tokens in) {rate(n_chars, tag_secs):>10,.0f} chars/s")
    print(f"speed tok2vec+ner (tokens in)    {rate(n_chars, ner_secs):>10,.0f} chars/s")
    print(f"speed full pipeline (raw text)   {rate(n_chars, full_secs):>10,.0f} chars/s")
    if cnlp is not None:
        t0 = time.time()
        for _ in cnlp.pipe(texts, batch_size=64):
            pass
        c_secs = time.time() - t0
        print(f"speed char NER (raw text)        {rate(n_chars, c_secs):>10,.0f} chars/s")
    if j_secs:
        print(f"speed jieba.posseg              {rate(n_chars, j_secs):>10,.0f} chars/s")
        print(f"ratio speed full pipeline / jieba.posseg: {j_secs / full_secs:.2f}  "
              f"(same {n_chars} chars: pipeline {full_secs:.1f}s, jieba.posseg {j_secs:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
