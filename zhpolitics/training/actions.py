"""Training recipe for the action-type classifier (:mod:`zhpolitics.actions.typer`)
and the learned linker (:mod:`zhpolitics.actions.learned`, see :mod:`.linker`).

What: rebuilds labelled action phrases from *locators only* —
``corpus/labels/pd_actions.tsv`` (``para_id, start, end, type`` into the
People's Daily January 1998 paragraphs, reconstructed from the segmented and
POS-tagged file under ``--data-dir``) plus, when present, the action links of
the repository's own ``corpus/dev/gold.jsonl`` — runs 5-fold stratified
cross-validation, fits scikit-learn's LogisticRegression on everything and
saves the model without pickle (see :class:`ActionTyper`).  It then reports
type accuracy on the gold links of ``/work/shared/gold`` (evaluation only).

The type model also learns from the links of ``../shared/gold/train-pages.jsonl`` and
``dev-pages.jsonl`` (never ``test-pages.jsonl``); the linker is then fitted on those
pages plus ``corpus/dev/gold.jsonl`` and saved as ``linker.json`` + ``linker.npz``.
Its document-level cross-validation on train-pages: ``python -m zhpolitics.training.linker --own``.

Why: the third-party text may not be copied into the repository, so labels
are stored as offsets and the phrases are re-derived deterministically from
the shared data at training time.

Run::

    python -m zhpolitics.training.actions --data-dir ../shared/data --out models/actions
"""
from __future__ import annotations

from . import pd as _pd

import argparse
import csv
import hashlib
import sys
from collections import Counter
from pathlib import Path
from typing import Iterable

import numpy as np

from zhpolitics.actions.cues import LINK_TYPES, load_cues
from zhpolitics.actions.typer import ActionTyper, FeatureSpace
from zhpolitics.evaluate import read_jsonl

__all__ = [
    "PD_FILE",
    "load_pd_paragraphs",
    "read_labels",
    "load_pd_examples",
    "load_gold_links",
    "cross_validate",
    "fit",
    "evaluate",
    "train",
    "main",
]

#: People's Daily file relative to ``data_dir``.
PD_FILE = Path("pos") / "peoples_daily_199801.txt"
_REPO = Path(__file__).resolve().parents[2]

# Model settings (kept here so the recipe is the single source of truth).
C = 10.0
CUE_SCALE = 1.0
NGRAM_RANGE = (1, 3)
CLASS_WEIGHT = "balanced"
#: annotated pages whose links train the typer and the linker (test-pages is for scoring only)
LINK_TRAIN_FILES = ("train-pages.jsonl", "dev-pages.jsonl")


# --------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------
def load_pd_paragraphs(path: str | Path) -> dict[str, str]:
    """Raw paragraph texts (see :mod:`zhpolitics.training.pd`); a repeated id keeps its
    first paragraph, which is what ``corpus/labels/pd_actions.tsv`` was made against."""
    return _pd.load_pd_paragraphs(path, keep="first")


def read_labels(path: str | Path) -> list[tuple[str, int, int, str]]:
    """Read ``para_id, start, end, type`` rows of a label TSV (header required)."""
    rows: list[tuple[str, int, int, str]] = []
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r["type"] not in LINK_TYPES:
                raise ValueError(f"{path}: unknown type {r['type']!r} in row {r}")
            rows.append((r["para_id"], int(r["start"]), int(r["end"]), r["type"]))
    return rows


def load_pd_examples(data_dir: Path, labels_path: Path) -> list[tuple[str, str, str]]:
    """(phrase, type, source) triples rebuilt from the locator TSV.

    Raises FileNotFoundError (naming the path) when the shared data is
    absent and ValueError when a locator does not fit its paragraph.
    """
    pd_path = Path(data_dir) / PD_FILE
    if not pd_path.is_file():
        raise FileNotFoundError(f"People's Daily file not found: {pd_path} (pass --data-dir ../shared/data)")
    paras = load_pd_paragraphs(pd_path)
    out = []
    for pid, s, e, t in read_labels(labels_path):
        text = paras.get(pid)
        if text is None or not 0 <= s < e <= len(text):
            raise ValueError(f"label {pid}:{s}-{e} does not fit the reconstructed paragraph")
        out.append((text[s:e], t, f"pd:{pid}:{s}-{e}"))
    return out


def load_gold_links(path: str | Path) -> list[tuple[str, str, str, str]]:
    """(action phrase, type, doc id, doc-text sha1) of every link in a gold JSONL."""
    out = []
    for d in read_jsonl(path):
        text = d["text"]
        h = hashlib.sha1(text.encode("utf-8")).hexdigest()
        for ln in d.get("links", []):
            s, e = ln["action"]
            out.append((text[s:e], ln["type"], d.get("id", ""), h))
    return out


# --------------------------------------------------------------------------
# model
# --------------------------------------------------------------------------
def fit(phrases: list[str], labels: list[str], seed: int = 0) -> ActionTyper:
    """Fit FeatureSpace + LogisticRegression and wrap them as an ActionTyper."""
    from sklearn.linear_model import LogisticRegression

    cues = load_cues()
    fs = FeatureSpace.fit(phrases, NGRAM_RANGE, min_df=1, cue_scale=CUE_SCALE)
    X = fs.transform_dense(phrases, cues)
    clf = LogisticRegression(C=C, max_iter=5000, class_weight=CLASS_WEIGHT, random_state=seed)
    clf.fit(X, labels)
    return ActionTyper(fs, tuple(clf.classes_), clf.coef_.copy(), clf.intercept_.copy(), {}, cues)


def _prf(gold: list[str], pred: list[str]) -> dict[str, dict[str, float]]:
    """Per-type precision/recall/F1/support."""
    out = {}
    for t in sorted(set(gold) | set(pred)):
        tp = sum(1 for g, p in zip(gold, pred) if g == t and p == t)
        np_ = sum(1 for p in pred if p == t)
        ng = sum(1 for g in gold if g == t)
        P = tp / np_ if np_ else 0.0
        R = tp / ng if ng else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        out[t] = {"precision": round(P, 4), "recall": round(R, 4), "f1": round(F, 4), "support": ng}
    return out


def cross_validate(phrases: list[str], labels: list[str], seed: int = 0, folds: int = 5) -> dict:
    """Stratified k-fold CV; returns accuracy, macro-F1 and per-type P/R/F1."""
    from sklearn.model_selection import StratifiedKFold

    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    pred = [""] * len(phrases)
    for tr, te in skf.split(np.zeros(len(labels)), labels):
        m = fit([phrases[i] for i in tr], [labels[i] for i in tr], seed)
        for i, (t, _p) in zip(te, m.predict_many(phrases[i] for i in te)):
            pred[i] = t
    acc = sum(g == p for g, p in zip(labels, pred)) / len(labels)
    per = _prf(labels, pred)
    macro = float(np.mean([v["f1"] for v in per.values()]))
    return {"folds": folds, "accuracy": round(acc, 4), "macro_f1": round(macro, 4), "per_type": per}


def evaluate(typer: ActionTyper, items: Iterable[tuple[str, str]]) -> dict:
    """Type accuracy of ``typer`` over (phrase, gold type) pairs, with errors."""
    items = list(items)
    if not items:
        return {"n": 0, "accuracy": None, "errors": []}
    errs = []
    ok = 0
    for (phrase, gold), (pred, p) in zip(items, typer.predict_many(x for x, _ in items)):
        if pred == gold:
            ok += 1
        else:
            errs.append({"phrase": phrase, "gold": gold, "pred": pred, "p": round(p, 3)})
    return {"n": len(items), "accuracy": round(ok / len(items), 4), "errors": errs}


def _print_table(cv: dict, out=sys.stdout) -> None:
    """Print the CV per-type table."""
    print(f"{cv['folds']}-fold CV accuracy {cv['accuracy']:.4f}  macro-F1 {cv['macro_f1']:.4f}", file=out)
    print(f"{'type':<9} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}", file=out)
    for t, v in cv["per_type"].items():
        print(f"{t:<9} {v['precision']:>6.3f} {v['recall']:>6.3f} {v['f1']:>6.3f} {v['support']:>5}", file=out)


def _examples(data_dir: Path, corpus_dir: Path, shared_gold: Path,
              eval_files: list[Path]) -> tuple[list[tuple[str, str, str]], Counter, int]:
    """(phrase, type, source) examples: People's Daily labels, the annotated pages' own links
    (never test-pages) and corpus/dev links not shared with ``eval_files``; with counts per
    source and the number of skipped dev links."""
    examples = load_pd_examples(data_dir, corpus_dir / "labels" / "pd_actions.tsv")
    sources = Counter({"pd_actions.tsv": len(examples)})
    eval_hashes = {h for f in eval_files if f.is_file() for *_x, h in load_gold_links(f)}
    for name in LINK_TRAIN_FILES:
        f = shared_gold / name
        if f.is_file():
            for phrase, t, doc, _h in load_gold_links(f):
                examples.append((phrase, t, f"{name}:{doc}"))
                sources[name] += 1
    dev_gold = corpus_dir / "dev" / "gold.jsonl"
    skipped = 0
    if dev_gold.is_file():
        for phrase, t, doc, h in load_gold_links(dev_gold):
            if h in eval_hashes:
                skipped += 1
                continue
            examples.append((phrase, t, f"dev:{doc}"))
            sources["corpus/dev/gold.jsonl"] += 1
    return examples, sources, skipped


def _evaluate_files(typer: ActionTyper, eval_files: list[Path], report: dict) -> None:
    """Type accuracy on each evaluation file, printed and stored in ``report``."""
    for f in eval_files:
        if f.is_file():
            ev = evaluate(typer, [(p, t) for p, t, _d, _h in load_gold_links(f)])
            report[f"eval_{f.stem}"] = ev
            print(f"type accuracy on {f.name}: {ev['accuracy']} ({ev['n']} links)")
            for e in ev["errors"]:
                print(f"   gold={e['gold']:<8} pred={e['pred']:<8} p={e['p']:.2f}  {e['phrase'][:50]}")
        else:
            print(f"(evaluation file {f} absent; skipped)")


def train(data_dir: Path, out_dir: Path, corpus_dir: Path | None = None, seed: int = 0) -> dict:
    """Rebuild phrases, cross-validate, fit on all, save to ``out_dir``.

    ``corpus_dir`` is the repository's ``corpus/`` (default: next to the
    package); labels come from ``corpus_dir/labels/pd_actions.tsv`` and, if
    it exists, links from ``corpus_dir/dev/gold.jsonl`` are added (documents
    whose text also occurs in the shared evaluation gold are skipped, so the
    evaluation below stays clean).  Returns a report dict (also saved as
    meta.json).
    """
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    corpus_dir = Path(corpus_dir) if corpus_dir is not None else _REPO / "corpus"
    shared_gold = data_dir.parent / "gold"
    eval_files = [shared_gold / "seed.jsonl"]
    examples, sources, skipped = _examples(data_dir, corpus_dir, shared_gold, eval_files)
    phrases = [p for p, _t, _s in examples]
    labels = [t for _p, t, _s in examples]
    print(f"training examples: {len(examples)} {dict(sources)}"
          + (f" (skipped {skipped} dev links shared with the evaluation gold)" if skipped else ""))
    print("per type:", dict(sorted(Counter(labels).items())))
    cv = cross_validate(phrases, labels, seed)
    _print_table(cv)

    typer = fit(phrases, labels, seed)
    report: dict = {
        "model": "char 1-3-gram tf-idf (l2) + trigger-cue type weights -> multinomial LogisticRegression",
        "settings": {"C": C, "class_weight": CLASS_WEIGHT, "ngram_range": list(NGRAM_RANGE),
                     "cue_scale": CUE_SCALE, "seed": seed},
        "n_examples": len(examples),
        "sources": dict(sources),
        "label_counts": dict(sorted(Counter(labels).items())),
        "cv": cv,
    }
    _evaluate_files(typer, eval_files, report)
    # meta.json must not carry third-party text: keep only counts/metrics.
    typer.meta = {k: ({kk: vv for kk, vv in v.items() if kk != "errors"} if k.startswith("eval_") else v)
                  for k, v in report.items()}
    typer.save(out_dir)
    print(f"model written to {out_dir}")
    report["linker"] = _train_linker(shared_gold, corpus_dir, out_dir)
    return report


def _train_linker(shared_gold: Path, corpus_dir: Path, out_dir: Path) -> dict:
    """Fit and save the learned linker on the annotated pages (see :mod:`.linker`)."""
    from . import linker as _linker

    files = [shared_gold / n for n in LINK_TRAIN_FILES] + [corpus_dir / "dev" / "gold.jsonl"]
    docs = [d for f in files if f.is_file() for d in _linker.read_gold(f)]
    ex = _linker.Examples(docs)
    model = ex.fit(list(range(len(docs))), _linker.THRESHOLD, _linker.CONT_THRESHOLD)
    model.rule_threshold = _linker.RULE_THRESHOLD
    model.calibration = _linker.calibration_for(docs, ex)  # probabilities that mean what they say
    model.meta.update({"documents": len(docs), "files": [f.name for f in files if f.is_file()],
                       "C_agent": _linker.C_AGENT, "C_cont": _linker.C_CONT})
    model.save(out_dir)
    print(f"linker: {len(docs)} documents; written to {out_dir}")
    return model.meta


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (see module docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", type=Path, default=_REPO.parent / "shared" / "data",
                    help="shared data directory holding pos/peoples_daily_199801.txt")
    ap.add_argument("--out", type=Path, default=_REPO / "models" / "actions", help="model output directory")
    ap.add_argument("--corpus-dir", type=Path, default=None, help="repository corpus/ directory")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    train(a.data_dir, a.out, a.corpus_dir, a.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
