"""Train ``models/ner_combiner``: which of the two NER models to trust, span by span.

Recipe (fixed seed, about 2 minutes)::

    python -m zhpolitics.training.nercombine --data-dir ../shared/data \\
        --char-model models/zh_charner --word-model models/zh_pd98 --out models/ner_combiner

Both models are run on the raw text of the held-out DEV slice of People's Daily days
01–24 (neither model trained on it; both used it only to pick a checkpoint).  Every
span either proposes becomes one example, labelled with the gold label of exactly that
span or ``O``; a multinomial logistic regression (scikit-learn) learns the features of
:func:`zhpolitics.ner_combine.candidates`.  The recipe then scores the combination on
the test days 19980125–31 and on the MSRA test set, next to each model alone.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import List, Optional, Sequence

from . import corpora

SEED = 0


def predict_both(char_nlp, word_nlp, texts: Sequence[str]):
    from .ner import doc_spans

    cp = [doc_spans(d) for d in char_nlp.pipe(texts, batch_size=64)]
    wp = [doc_spans(d) for d in word_nlp.pipe(texts, batch_size=64)]
    return cp, wp


def fit(texts: Sequence[str], golds: Sequence[Sequence[corpora.Span]], cp, wp, C: float = 1.0):
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from ..ner_combine import CLASSES, NerCombiner, candidates

    X, y = [], []
    for text, gold, c, w in zip(texts, golds, cp, wp):
        g = {(s, e): lab for s, e, lab in gold}
        for s, e, feats in candidates(text, c, w):
            X.append({f: 1.0 for f in feats})
            y.append(g.get((s, e), "O"))
    vec = DictVectorizer()
    Xm = vec.fit_transform(X)
    clf = LogisticRegression(C=C, max_iter=2000, random_state=SEED)
    clf.fit(Xm, y)
    order = [list(clf.classes_).index(c) for c in CLASSES]
    coef = np.asarray(clf.coef_)[order]
    intercept = np.asarray(clf.intercept_)[order]
    vocab = {f: i for i, f in enumerate(vec.feature_names_)}
    return NerCombiner(vocab, coef, intercept, {"examples": len(y), "C": C})


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="zhpolitics train nercombine", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default="../shared/data", help="shared data folder (see SOURCES.md)")
    ap.add_argument("--char-model", default="models/zh_charner")
    ap.add_argument("--word-model", default="models/zh_pd98")
    ap.add_argument("--more-char-model", action="append", default=[],
                    help="further character NER models that vote on persons (e.g. models/zh_charner_small)")
    ap.add_argument("--out", default="models/ner_combiner")
    ap.add_argument("--C", type=float, default=1.0, help="inverse L2 strength of the logistic regression")
    ap.add_argument("--no-eval", action="store_true")
    args = ap.parse_args(argv)

    import spacy

    from .. import charner  # noqa: F401
    from .ner import doc_spans, format_prf, load_pipeline, msra_test_dedup

    data_dir = corpora.resolve_data_dir(args.data_dir)
    char_nlp = spacy.load(args.char_model)
    word_nlp = load_pipeline(args.word_model)
    word_nlp.select_pipes(enable=[p for p in word_nlp.pipe_names if p in ("tok2vec", "ner")])
    voters = [spacy.load(m) for m in args.more_char_model]
    split = corpora.split_pd98(corpora.read_pd98(data_dir))
    dev = split["dev"]
    texts = [p.text for p in dev]
    cp, wp = predict_both(char_nlp, word_nlp, texts)
    comb = fit(texts, [p.spans for p in dev], cp, wp, C=args.C)
    comb.save(args.out)
    print(f"[nercombine] trained on {comb.meta['examples']} candidate spans from {len(dev)} DEV paragraphs; "
          f"saved to {args.out}", flush=True)
    if args.no_eval:
        return 0
    res = {}
    for name, items in (("test_days", [(p.text, p.spans) for p in split["test"]]),
                        ("msra_test", [(s.text, s.spans) for s in msra_test_dedup(data_dir)])):
        texts = [t for t, _ in items]
        golds = [g for _, g in items]
        cp, wp = predict_both(char_nlp, word_nlp, texts)
        vp = [[doc_spans(d) for d in v.pipe(texts, batch_size=64)] for v in voters]
        comb_p = comb.combine_many(texts, cp, wp, vp)
        for label, pred in (("char", cp), ("word", wp), ("combined", comb_p)):
            prf = corpora.span_prf(golds, pred)
            res[f"{name}_{label}"] = prf
            print(f"[nercombine] {name:9s} {label:8s} " + format_prf(prf), flush=True)
    Path(args.out, "scores.json").write_text(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
