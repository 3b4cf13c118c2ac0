"""New-slogan report: frequent, confident slogan candidates that the lexicon lacks.

What: :func:`new_slogans` runs the candidate generators and the classifier over a
corpus and counts, per canonical form, the candidates the classifier calls slogan
with probability ≥ ``min_prob`` that are not lexicon entries; :func:`write_report`
writes them as CSV, most widespread first (``zhpolitics slogans --new``).

Why: the lexicon grows from what the model finds with confidence, but a person
reviews each row before adding it (to a user file named by
``$ZHPOLITICS_SLOGAN_LEXICON``, or to the packaged lexicon in a release).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .candidates import find_bare, find_quoted
from .canonical import Lexicon, canonical, default_lexicon
from .classifier import SloganClassifier

REPORT_COLUMNS = ("canonical", "surface", "count", "documents", "mean_prob", "variants", "example")


@dataclass
class _Tally:
    """Counts for one canonical form over the corpus."""

    surfaces: dict[str, int] = field(default_factory=dict)
    docs: set[int] = field(default_factory=set)
    probs: list[float] = field(default_factory=list)
    example: str = ""


def _confident(text: str, clf: SloganClassifier, min_prob: float) -> list[tuple[str, float, str]]:
    """``(surface, p_slogan, context)`` of the confident slogan candidates of one text."""
    quoted = find_quoted(text)
    cands = quoted + find_bare(text, quoted)
    out = []
    for c, probs in zip(cands, clf.predict_proba(text, cands)):
        p = probs.get("slogan", 0.0)
        if p >= min_prob:
            ctx = text[max(0, c.open_start - 15):c.close_end + 15].replace("\n", " ")
            out.append((text[c.start:c.end], p, ctx))
    return out


def new_slogans(texts: Iterable[str], clf: SloganClassifier | None = None, lexicon: Lexicon | None = None,
                min_prob: float = 0.8, min_docs: int = 2, top: int = 200) -> list[dict]:
    """Rows of the report: confident candidates not in ``lexicon`` found in ≥ ``min_docs`` texts."""
    clf = clf if clf is not None else SloganClassifier.load()
    lex = lexicon if lexicon is not None else default_lexicon()
    tallies: dict[str, _Tally] = {}
    for i, text in enumerate(texts):
        for surface, p, ctx in _confident(text, clf, min_prob):
            key = canonical(surface)
            if not key or lex.lookup(surface) is not None:
                continue
            t = tallies.setdefault(key, _Tally(example=ctx))
            t.surfaces[surface] = t.surfaces.get(surface, 0) + 1
            t.docs.add(i)
            t.probs.append(p)
    rows = []
    for key, t in tallies.items():
        if len(t.docs) < min_docs:
            continue
        surface = max(t.surfaces, key=t.surfaces.get)
        rows.append({"canonical": key, "surface": surface, "count": sum(t.surfaces.values()),
                     "documents": len(t.docs), "mean_prob": round(sum(t.probs) / len(t.probs), 3),
                     "variants": "|".join(sorted(t.surfaces)), "example": t.example})
    rows.sort(key=lambda r: (-r["documents"], -r["count"], r["canonical"]))
    return rows[:top]


def write_report(rows: list[dict], out: Path) -> None:
    """Write the report rows as UTF-8 CSV (with BOM, so spreadsheet tools read it)."""
    with open(out, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(REPORT_COLUMNS))
        w.writeheader()
        w.writerows(rows)
