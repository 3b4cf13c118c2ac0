"""Score the default backend and the HanLP backend on the same gold file, side by side.

Both pipelines are the same rule layers; only the statistical core differs (the shipped
spaCy models or a HanLP model).  Prints the two score tables of ``zhpolitics evaluate``
in two columns, and the seconds each took.

Usage::

    pip install -e ".[hanlp]"
    python benchmarks/bench_backends.py GOLD.jsonl --hanlp-model PATH \\
        [--pipeline default|full] [--admin-data ../shared/data/admin] [--limit N]

``PATH`` is the folder of a HanLP model (a downloaded one, see README "HanLP backend",
or one you trained).  A HanLP id instead of a folder is fetched only with
``--allow-download``.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhpolitics.evaluate import format_table, read_jsonl, score  # noqa: E402
from zhpolitics.pipeline import load  # noqa: E402
from zhpolitics.records import to_record  # noqa: E402


def run(gold: list[dict], **load_args) -> tuple[str, float]:
    """The score table of one pipeline on ``gold``, and its wall time (load + run)."""
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp = load(**load_args)
        preds = [to_record(doc, doc_id=g.get("id"), include_text=False)
                 for g, doc in zip(gold, nlp.pipe(g["text"] for g in gold))]
    return format_table(score(gold, preds)), time.perf_counter() - t0


def side_by_side(left: str, right: str, titles: tuple[str, str]) -> str:
    """Two tables in two columns, row by row."""
    rows_l, rows_r = left.splitlines(), right.splitlines()
    width = max(len(r) for r in rows_l + [titles[0]]) + 4
    lines = [titles[0].ljust(width) + titles[1]]
    for a, b in itertools.zip_longest(rows_l, rows_r, fillvalue=""):
        lines.append(a.ljust(width) + b)
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", help="gold JSONL (ANNOTATION.md format)")
    ap.add_argument("--hanlp-model", required=True, help="HanLP model folder (or id, with --allow-download)")
    ap.add_argument("--allow-download", action="store_true", help="let HanLP fetch an id it does not have")
    ap.add_argument("--pipeline", default="default", choices=("default", "full"))
    ap.add_argument("--admin-data", default=None, help="NBS division tables (e.g. ../shared/data/admin)")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    args = ap.parse_args()
    gold = read_jsonl(args.gold)[: args.limit]
    common = {"name": args.pipeline, "admin_data": args.admin_data}
    spacy_table, spacy_s = run(gold, **common)
    hanlp_table, hanlp_s = run(gold, backend="hanlp", hanlp_model=args.hanlp_model,
                               allow_download=args.allow_download, **common)
    print(f"{args.gold}: {len(gold)} documents, pipeline {args.pipeline!r}\n")
    print(side_by_side(spacy_table, hanlp_table, (f"backend spacy ({spacy_s:.1f} s)",
                                                  f"backend hanlp: {args.hanlp_model} ({hanlp_s:.1f} s)")))


if __name__ == "__main__":
    main()
