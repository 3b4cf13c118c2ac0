"""Benchmark for SLOGAN extraction.

What: (1) prints the 5-fold cross-validated per-label scores of the quote
classifier (via :func:`zhpolitics.training.slogans.cross_validate`), and
(2) runs the full pipeline (quoted candidates + classifier + formulas +
known-phrase propagation) on gold JSONL files and prints SLOGAN
precision/recall/F1 by exact span, listing misses and false positives.

Why: one command to check both the classifier and the end-to-end behaviour.
Usage: ``python benchmarks/bench_slogans.py [--data-dir ../shared/data] [--gold FILE ...] [--no-cv]``
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from zhpolitics.slogans.classifier import SloganClassifier  # noqa: E402
from zhpolitics.slogans.pipeline import extract_slogan_spans  # noqa: E402


def score_file(path: Path, clf: SloganClassifier, verbose: bool = True) -> tuple[int, int, int]:
    """Exact-span SLOGAN TP/FP/FN over a gold JSONL file."""
    tp = fp = fn = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        text = doc["text"]
        gold = {(s["start"], s["end"]) for s in doc.get("spans", []) if s.get("label") == "SLOGAN"}
        pred = set(extract_slogan_spans(text, clf))
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        if verbose:
            for a, b in sorted(gold - pred):
                print(f"  MISS {doc['id']}: {text[a:b]!r}")
            for a, b in sorted(pred - gold):
                print(f"  FP   {doc['id']}: {text[a:b]!r}")
    return tp, fp, fn


def prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="SLOGAN benchmark")
    ap.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--gold", type=Path, nargs="*",
                    default=[REPO.parent / "shared" / "gold" / "seed.jsonl"])
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--with-corpus", action="store_true", help="include corpus/dev/gold.jsonl in CV")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    if not a.no_cv:
        if (a.data_dir / "pos").exists():
            from zhpolitics.training.slogans import DEFAULT_CORPUS, cross_validate, format_table, load_examples

            ex = load_examples(a.data_dir, DEFAULT_CORPUS if a.with_corpus else None)
            print(f"== 5-fold CV ({len(ex)} quoted spans{' incl. corpus gold' if a.with_corpus else ', PD 1998 only'})")
            print(format_table(cross_validate(ex)))
        else:
            print(f"== CV skipped: {a.data_dir}/pos not found")
    clf = SloganClassifier.load()
    for g in a.gold:
        if not g.exists():
            print(f"== {g}: not found, skipped")
            continue
        print(f"== pipeline on {g.name}")
        tp, fp, fn = score_file(g, clf, verbose=not a.quiet)
        print(f"SLOGAN {prf(tp, fp, fn)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
