"""Training recipe for the SLOGAN classifier (quoted spans and bare parallel formulas).

What: joins four sources of labelled candidates — the People's Daily January 1998
paragraphs with the hand-checked locators in ``corpus/labels/pd_quotes.tsv``, the
repo's invented ``corpus/dev/gold.jsonl``, and the real gold pages
``dev-pages.jsonl`` and ``train-pages.jsonl`` (never ``test-pages.jsonl``) — reports a
document-level 5-fold cross-validation of the whole extraction over the train and dev
pages (per file), chooses the slogan-probability thresholds (quoted / unquoted) with
it, and writes a logistic-regression model over the features of
:mod:`zhpolitics.slogans.classifier` as JSON + ``.npz`` (no pickle), thresholds and
CV table in ``model.json``.

Why: the label file stores only ``para_id, start, end, label`` so that no
third-party text enters the repository; page texts are read from ``../shared/gold``
at training time and stay there. Folds are by document because one page repeats
its slogans: a candidate-level split would leak them.

Run: ``zhpolitics train slogans --data-dir ../shared/data --gold-dir ../shared/gold --out models/slogans``
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

from zhpolitics.slogans.candidates import Candidate, find_bare, find_quoted
from zhpolitics.slogans.classifier import LABELS, SloganClassifier, featurize

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


def _doc_examples(doc: dict) -> list[Example]:
    """Candidates of one gold document (quoted spans, bare parallel formulas, headline pieces) with labels:
    gold SLOGAN → slogan; other quotes → speech when long or sentence-like, else scare.

    Gold files give no finer label for non-slogans; the decision that matters is
    slogan or not."""
    text = doc["text"]
    gold = {(s["start"], s["end"]) for s in doc.get("spans", []) if s.get("label") == "SLOGAN"}
    quoted = find_quoted(text)
    out: list[Example] = []
    for c in quoted + find_bare(text, quoted):
        if (c.start, c.end) in gold:
            out.append((text, c, "slogan"))
        else:
            inner = text[c.start:c.end]
            lab = "speech" if len(inner) > 12 or re.search(r"[，,。！？!?]", inner) else "scare"
            out.append((text, c, lab))
    return out


def read_docs(path: Path | str) -> list[dict]:
    """Documents of a gold JSONL file."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _gold_examples(gold_path: Path) -> list[Example]:
    """Examples from every document of a gold JSONL (see :func:`_doc_examples`)."""
    return [ex for doc in read_docs(gold_path) for ex in _doc_examples(doc)]


def load_examples(data_dir: Path, corpus_dir: Path | None, labels_path: Path = DEFAULT_LABELS,
                  pages: tuple[Path, ...] = ()) -> list[Example]:
    """All training examples: PD locators, the repo's corpus/dev gold, and gold page files."""
    ex = _pd_examples(Path(data_dir), labels_path)
    if corpus_dir is not None:
        gold = Path(corpus_dir) / "dev" / "gold.jsonl"
        if gold.exists():
            ex.extend(_gold_examples(gold))
    for p in pages:
        ex.extend(_gold_examples(Path(p)))
    return ex


def _vectorize(examples: list[Example]) -> list[dict[str, float]]:
    return [featurize(t, c) for t, c, _ in examples]


def fit_model(feats: list[dict[str, float]], labels: list[str], seed: int = 0, C: float = 16.0,
              weights: list[float] | None = None):
    """Fit DictVectorizer + LogisticRegression; returns ``(vectorizer, model)``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sparse=True)
    X = vec.fit_transform(feats)
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", random_state=seed)
    clf.fit(X, labels, sample_weight=None if weights is None else np.asarray(weights))
    return vec, clf


def to_classifier(vec, clf) -> SloganClassifier:
    """The in-memory run-time classifier for a fitted model (what :func:`save_model` writes)."""
    vocab = {k: int(v) for k, v in vec.vocabulary_.items()}
    return SloganClassifier([str(c) for c in clf.classes_], vocab, clf.coef_, clf.intercept_)


def score_docs(docs: list[dict], clf: SloganClassifier) -> tuple[int, int, int]:
    """SLOGAN ``(tp, fp, fn)`` of the full extraction over gold documents (exact spans,
    boilerplate ranges skipped as the pipeline component does)."""
    from zhpolitics.boilerplate import find_boilerplate, inside
    from zhpolitics.slogans.pipeline import extract_slogans
    from zhpolitics.text import normalize

    tp = fp = fn = 0
    for d in docs:
        text = d["text"]
        gold = {(s["start"], s["end"]) for s in d.get("spans", []) if s.get("label") == "SLOGAN"}
        bp = find_boilerplate(normalize(text))
        pred = {(c.start, c.end) for c in extract_slogans(text, clf) if not inside(bp, c.start, c.end)}
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    return tp, fp, fn


def prf(tp: int, fp: int, fn: int) -> dict:
    """Precision, recall and F1 from counts."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def page_cv(docs: list[dict], extra: list[Example], folds: int = 5, seed: int = 0, C: float = 16.0,
            page_weight: float = 1.0, thresholds: tuple[tuple[float | None, float | None], ...] = ((None, None),),
            tags: list[str] | None = None) -> dict:
    """Document-level k-fold CV of the whole SLOGAN extraction on gold pages.

    Each fold trains on ``extra`` plus the candidates of the other folds' documents
    and scores end-to-end extraction on its own documents, so no document is both
    fitted and scored. One result per pair of slogan-probability thresholds (quoted,
    unquoted), over all documents and per ``tags`` value (the file each came from);
    ``best`` is the pair with the highest F1 over all documents."""
    from sklearn.model_selection import KFold

    tags = tags or ["pages"] * len(docs)
    extra_f, extra_y = _vectorize(extra), [lab for _, _, lab in extra]
    doc_ex = [_doc_examples(d) for d in docs]
    doc_f = [_vectorize(ex) for ex in doc_ex]
    counts: dict[tuple, tuple[int, int, int]] = {}
    for tr, te in KFold(n_splits=folds, shuffle=True, random_state=seed).split(np.zeros(len(docs))):
        feats = extra_f + [f for i in tr for f in doc_f[i]]
        ys = extra_y + [lab for i in tr for _, _, lab in doc_ex[i]]
        w = [1.0] * len(extra_f) + [page_weight] * (len(feats) - len(extra_f))
        sc = to_classifier(*fit_model(feats, ys, seed, C, w))
        for t in thresholds:
            sc.meta["threshold"], sc.meta["threshold_bare"] = t
            for i in te:
                got = score_docs([docs[i]], sc)
                for key in ((t, "all"), (t, tags[i])):
                    counts[key] = tuple(x + y for x, y in zip(counts.get(key, (0, 0, 0)), got))
    results = {f"{t[0]}/{t[1]}": {"threshold": t[0], "threshold_bare": t[1],
                                  **{tag: prf(*c) for (tt, tag), c in counts.items() if tt == t}}
               for t in thresholds}
    best = max(results.values(), key=lambda r: r["all"]["f1"])
    return {"folds": folds, "by_threshold": results, "best": best}


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
          labels_path: Path = DEFAULT_LABELS, train_pages: Path | None = None, dev_pages: Path | None = None,
          C: float = 16.0, page_weight: float = 1.0,
          thresholds: tuple[tuple[float | None, float | None], ...] = ((None, None),)) -> dict:
    """Cross-validate by document on the train and dev pages (choosing the thresholds on
    both), then fit on everything and write ``out_dir``.

    Training data: PD locators + corpus/dev + dev pages + train pages. The test
    pages are never read here."""
    base = load_examples(Path(data_dir), corpus_dir, labels_path)
    named = [(p.stem, d) for p in (train_pages, dev_pages) if p for d in read_docs(p)]
    docs, tags = [d for _, d in named], [t for t, _ in named]
    meta: dict = {"seed": seed, "C": C, "page_weight": page_weight,
                  "threshold": thresholds[0][0], "threshold_bare": thresholds[0][1]}
    if docs:
        cv = page_cv(docs, base, seed=seed, C=C, page_weight=page_weight, thresholds=thresholds, tags=tags)
        meta["page_cv"] = cv
        meta["threshold"], meta["threshold_bare"] = cv["best"]["threshold"], cv["best"]["threshold_bare"]
        for r in cv["by_threshold"].values():
            cells = "; ".join(f"{tag} P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f} "
                              f"(tp {m['tp']} fp {m['fp']} fn {m['fn']})"
                              for tag, m in r.items() if isinstance(m, dict))
            print(f"document-level {cv['folds']}-fold CV, thresholds {r['threshold']}/{r['threshold_bare']}: {cells}")
    examples = base + [ex for d in docs for ex in _doc_examples(d)]
    weights = [1.0] * len(base) + [page_weight] * (len(examples) - len(base))
    vec, clf = fit_model(_vectorize(examples), [l for _, _, l in examples], seed, C, weights)
    meta.update({"n_examples": len(examples), "label_counts": dict(Counter(l for _, _, l in examples)),
                 "recipe": "zhpolitics train slogans --data-dir ../shared/data --gold-dir ../shared/gold"})
    save_model(vec, clf, Path(out_dir), meta)
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data-dir", type=Path, required=True, help="../shared/data (contains pos/)")
    ap.add_argument("--gold-dir", type=Path, default=None,
                    help="../shared/gold: train-pages.jsonl and dev-pages.jsonl are used (never test-pages)")
    ap.add_argument("--out", type=Path, default=REPO_ROOT / "models" / "slogans")
    ap.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--no-corpus", action="store_true", help="ignore corpus/dev/gold.jsonl")
    ap.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--C", type=float, default=2.0, help="inverse regularisation strength")
    ap.add_argument("--page-weight", type=float, default=6.0,
                    help="sample weight of gold-page candidates (the target genre) against PD and corpus/dev")
    ap.add_argument("--thresholds", default="0.15,0.25,0.35,0.45,none",
                    help="slogan-probability thresholds for quoted candidates compared by the CV "
                         "('none' = most probable label); the best is saved (the first when no --gold-dir)")
    ap.add_argument("--bare-thresholds", default="0.5,0.7",
                    help="the same for unquoted candidates (parallel formulas, headline pieces)")
    a = ap.parse_args(argv)
    g = a.gold_dir
    train(a.data_dir, a.out, None if a.no_corpus else a.corpus_dir, a.seed, a.labels,
          g / "train-pages.jsonl" if g else None, g / "dev-pages.jsonl" if g else None,
          a.C, a.page_weight, tuple((q, b) for q in _floats(a.thresholds) for b in _floats(a.bare_thresholds)))
    return 0


def _floats(arg: str) -> list[float | None]:
    """``"0.1,none"`` → ``[0.1, None]``."""
    return [None if t == "none" else float(t) for t in arg.split(",")]


if __name__ == "__main__":
    sys.exit(main())
