"""Score DEPUTY → ACTION links with gold deputies and with the pipeline's own deputies.

Why two figures: a link needs its deputy first, so the pipeline figure mixes the
deputy layer's misses with the linker's; feeding the gold DEPUTY spans to the
linker isolates the linker.  Also prints a reliability table (probability bins
against the share of correct links), so a researcher can pick a confidence filter.

Run (from the repository root)::

    ZHPOLITICS_ADMIN_DATA=../shared/data/admin python benchmarks/bench_links.py ../shared/gold/test-pages.jsonl
    python benchmarks/bench_links.py ../shared/gold/dev-pages.jsonl --gold-only

``--gold-only`` skips the pipeline run.  Scoring is :func:`zhpolitics.evaluate.score`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from zhpolitics.actions.linker import ActionLinker  # noqa: E402
from zhpolitics.actions.typer import ActionTyper  # noqa: E402
from zhpolitics.evaluate import read_jsonl  # noqa: E402
from zhpolitics.text import normalize  # noqa: E402
from zhpolitics.training.linker import report_links  # noqa: E402


def gold_deputy_links(gold: list[dict]) -> list[dict]:
    """Predicted records whose links come from the linker fed the gold DEPUTY spans."""
    linker, typer = ActionLinker(), ActionTyper.load()
    out = []
    for g in gold:
        text = normalize(g["text"])
        deps = sorted((s["start"], s["end"]) for s in g.get("spans", []) if s["label"] == "DEPUTY")
        links = linker(text, deps)
        types = typer.predict_many([text[l.action[0]:l.action[1]] for l in links]) if links else []
        out.append({"id": g.get("id"), "spans": [], "links": [
            {"deputy": list(l.deputy), "action": list(l.action), "type": t, "probability": l.probability}
            for l, (t, _p) in zip(links, types)]})
    return out


def pipeline_links(gold: list[dict]) -> list[dict]:
    """Predicted records of the default pipeline (its own deputies)."""
    from zhpolitics.pipeline import load
    from zhpolitics.records import to_record

    nlp = load("default", admin_data=os.environ.get("ZHPOLITICS_ADMIN_DATA"))
    return [to_record(doc, doc_id=g.get("id"), include_text=False) for g, doc in zip(gold, nlp.pipe(g["text"] for g in gold))]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (see module docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--gold-only", action="store_true", help="only the gold-deputies figure")
    a = ap.parse_args(argv)
    gold = read_jsonl(a.gold)
    report_links("gold deputies", gold, gold_deputy_links(gold), sys.stdout)
    if not a.gold_only:
        report_links("pipeline deputies", gold, pipeline_links(gold), sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
