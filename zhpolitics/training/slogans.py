"""Training recipe for the SLOGAN quote classifier.

What: rebuilds raw paragraphs from the People's Daily January 1998 POS corpus,
joins them with the hand-checked locator labels in ``corpus/labels/pd_quotes.tsv``
(optionally plus quoted spans from ``corpus/dev/gold.jsonl``), cross-validates a
logistic-regression model over the features of :mod:`zhpolitics.slogans.classifier`
and writes the fitted model as JSON + ``.npz`` (no pickle).

Why: the label file stores only ``para_id, start, end, label`` so that no
third-party text enters the repository; the text is reconstructed
deterministically from the original corpus at training time.

Run: ``python -m zhpolitics.training.slogans --data-dir ../shared/data --out models/slogans``
"""
from __future__ import annotations

from . import pd as _pd

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from zhpolitics.slogans.candidates import Candidate, find_quoted
from zhpolitics.slogans.classifier import LABELS, featurize

PD_RELATIVE = Path("pos") / "peoples_daily_199801.txt"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_LABELS = REPO_ROOT / "corpus" / "labels" / "pd_quotes.tsv"
DEFAULT_CORPUS = REPO_ROOT / "corpus"

reconstruct_token = _pd.token_word


def load_pd_paragraphs(path: Path | str) -> dict[str, str]:
    """Raw paragraph texts (see :mod:`zhpolitics.training.pd`); a repeated id keeps its
    last paragraph, which is what ``corpus/labels/pd_quotes.tsv`` was made against."""
    return _pd.load_pd_paragraphs(path, keep="last")


def read_labels(path: Path | str) -> list[tuple[str, int, int, str]]:
    """Read the locator TSV (``para_id, start, end, label``)."""
    rows: list[tuple[str, int, int, str]] = []
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            rows.append((r["para_id"], int(r["start"]), int(r["end"]), r["label"]))
    return rows


Example = tuple[str, Candidate, str]  # (text, candidate, label)


def _pd_examples(data_dir: Path, labels_path: Path) -> list[Example]:
    paras = load_pd_paragraphs(data_dir / PD_RELATIVE)
    out: list[Example] = []
    for pid, start, end, label in read_labels(labels_path):
        text = paras.get(pid)
        if text is None:
            raise KeyError(f"paragraph {pid} not in PD file")
        cands = [c for c in find_quoted(text) if c.start == start and c.end == end]
        if not cands:
            raise ValueError(f"locator {pid}:{start}-{end} does not match a quoted candidate")
        out.append((text, cands[0], label))
    return out


def _gold_examples(gold_path: Path) -> list[Example]:
    """Quoted spans from a gold JSONL: SLOGAN spans → slogan, other quotes → scare.

    Non-slogan quotes in gold have no finer label; they are mapped to
    ``speech`` when long/sentence-like and ``scare`` otherwise, which is what
    the classifier cares about (slogan vs not).
    """
    out: list[Example] = []
    with open(gold_path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            doc = json.loads(line)
            text = doc["text"]
            gold = {(s["start"], s["end"]) for s in doc.get("spans", []) if s.get("label") == "SLOGAN"}
            for c in find_quoted(text):
                if (c.start, c.end) in gold:
                    out.append((text, c, "slogan"))
                else:
                    inner = text[c.start:c.end]
                    lab = "speech" if len(inner) > 12 or re.search(r"[，,。！？!?]", inner) else "scare"
                    out.append((text, c, lab))
    return out


def load_examples(data_dir: Path, corpus_dir: Path | None, labels_path: Path = DEFAULT_LABELS) -> list[Example]:
    """All training examples: PD locators plus optional repo gold corpus."""
    ex = _pd_examples(Path(data_dir), labels_path)
    if corpus_dir is not None:
        gold = Path(corpus_dir) / "dev" / "gold.jsonl"
        if gold.exists():
            ex.extend(_gold_examples(gold))
    return ex


def _vectorize(examples: list[Example]) -> list[dict[str, float]]:
    return [featurize(t, c) for t, c, _ in examples]


def fit_model(feats: list[dict[str, float]], labels: list[str], seed: int = 0, C: float = 16.0):
    """Fit DictVectorizer + LogisticRegression; returns ``(vectorizer, model)``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sparse=True)
    X = vec.fit_transform(feats)
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", random_state=seed)
    clf.fit(X, labels)
    return vec, clf


def cross_validate(examples: list[Example], seed: int = 0, folds: int = 5) -> dict:
    """Stratified k-fold CV; returns per-label P/R/F1 plus support."""
    from sklearn.metrics import precision_recall_fscore_support
    from sklearn.model_selection import StratifiedKFold

    feats = _vectorize(examples)
    y = np.array([lab for _, _, lab in examples])
    pred = np.empty(len(y), dtype=object)
    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for tr, te in skf.split(np.zeros(len(y)), y):
        vec, clf = fit_model([feats[i] for i in tr], list(y[tr]), seed)
        pred[te] = clf.predict(vec.transform([feats[i] for i in te]))
    labels = [l for l in LABELS if l in set(y)]
    p, r, f, s = precision_recall_fscore_support(y, pred.astype(str), labels=labels, zero_division=0)
    table = {lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
             for i, lab in enumerate(labels)}
    table["_accuracy"] = float((pred.astype(str) == y).mean())
    return table


def format_table(table: dict) -> str:
    """Render the CV table as fixed-width text."""
    lines = [f"{'label':<10}{'P':>7}{'R':>7}{'F1':>7}{'n':>6}"]
    for lab, m in table.items():
        if lab.startswith("_"):
            continue
        lines.append(f"{lab:<10}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}{m['support']:>6}")
    lines.append(f"accuracy {table['_accuracy']:.3f}")
    return "\n".join(lines)


def save_model(vec, clf, out_dir: Path, meta: dict) -> None:
    """Write vocabulary/settings JSON and coefficients NPZ (no pickle)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    vocab = {k: int(v) for k, v in vec.vocabulary_.items()}
    cfg = {"format": "zhpolitics-slogans-v1", "labels": [str(c) for c in clf.classes_],
           "vocabulary": vocab, **meta}
    (out_dir / "model.json").write_text(json.dumps(cfg, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    coef = clf.coef_
    intercept = clf.intercept_
    np.savez_compressed(out_dir / "weights.npz", coef=coef.astype(np.float32), intercept=intercept.astype(np.float32))


def train(data_dir: Path, out_dir: Path, corpus_dir: Path | None = DEFAULT_CORPUS, seed: int = 0,
          labels_path: Path = DEFAULT_LABELS) -> dict:
    """Cross-validate, then fit on all examples and write the model to ``out_dir``."""
    examples = load_examples(Path(data_dir), corpus_dir, labels_path)
    table = cross_validate(examples, seed=seed)
    print(format_table(table))
    vec, clf = fit_model(_vectorize(examples), [l for _, _, l in examples], seed)
    counts = Counter(l for _, _, l in examples)
    save_model(vec, clf, Path(out_dir), {"n_examples": len(examples), "label_counts": dict(counts),
                                         "seed": seed, "cv": table})
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data-dir", type=Path, required=True, help="../shared/data (contains pos/)")
    ap.add_argument("--out", type=Path, default=REPO_ROOT / "models" / "slogans")
    ap.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--no-corpus", action="store_true", help="ignore corpus/dev/gold.jsonl")
    ap.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    train(a.data_dir, a.out, None if a.no_corpus else a.corpus_dir, a.seed, a.labels)
    return 0


if __name__ == "__main__":
    sys.exit(main())
