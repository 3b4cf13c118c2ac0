"""Scoring exactly as ANNOTATION.md says.

* Entities: exact span and label; per-label precision, recall and F1, micro-averaged
  over documents (counts are summed over all documents).
* ``level`` accuracy over matched DEPUTY and PLACE spans; ``code`` accuracy over matched
  PLACE spans whose gold span has a code (``code_spurious`` counts predicted codes where
  gold has none).
* Links: a predicted link is correct when its deputy span is exact and its action span
  overlaps the gold one by at least half of the shorter of the two (in characters);
  each gold link is matched at most once.  Link precision, recall, F1; ``type`` accuracy
  over matched links.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

LABELS = ("DEPUTY", "PERSON", "PLACE", "SLOGAN")


def read_jsonl(path: str | Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                out.append(json.loads(line))
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def overlap_ok(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Overlap of at least half of the shorter span (ANNOTATION.md, Scoring)."""
    ov = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return ov > 0 and ov * 2 >= shorter


@dataclass
class _Tally:
    """The counts of one scoring run, added to document by document."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {lab: [0, 0, 0] for lab in LABELS})  # tp, fp, fn
    level: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # right, matched
    code: list[int] = field(default_factory=lambda: [0, 0])
    code_spurious: int = 0
    link: list[int] = field(default_factory=lambda: [0, 0, 0])
    ltype: list[int] = field(default_factory=lambda: [0, 0])

    def spans(self, g: dict, p: dict) -> None:
        """Exact span and label; level and code of the matched ones."""
        gs = {(s["start"], s["end"], s["label"]): s for s in g.get("spans", []) if s["label"] in LABELS}
        ps = {(s["start"], s["end"], s["label"]): s for s in p.get("spans", []) if s["label"] in LABELS}
        for k, s in ps.items():
            if k not in gs:
                self.counts[k[2]][1] += 1
                continue
            self.counts[k[2]][0] += 1
            self._attributes(k[2], gs[k], s)
        for k in gs:
            if k not in ps:
                self.counts[k[2]][2] += 1

    def _attributes(self, label: str, gsp: dict, s: dict) -> None:
        if label in ("DEPUTY", "PLACE"):
            self.level[label][1] += 1
            self.level[label][0] += (gsp.get("level") or None) == (s.get("level") or None)
        if label == "PLACE":
            if gsp.get("code"):
                self.code[1] += 1
                self.code[0] += gsp.get("code") == s.get("code")
            elif s.get("code"):
                self.code_spurious += 1

    def links(self, g: dict, p: dict) -> None:
        """Exact deputy, half-overlapping action; each gold link matched once; type of the matched."""
        glinks = [(tuple(l["deputy"]), tuple(l["action"]), l.get("type")) for l in g.get("links", [])]
        used: set[int] = set()
        for l in p.get("links", []):
            dep, act = tuple(l["deputy"]), tuple(l["action"])
            hit = next((i for i, (gd, ga, _gt) in enumerate(glinks)
                        if i not in used and gd == dep and overlap_ok(ga, act)), None)
            if hit is None:
                self.link[1] += 1
                continue
            used.add(hit)
            self.link[0] += 1
            self.ltype[1] += 1
            self.ltype[0] += glinks[hit][2] == l.get("type")
        self.link[2] += len(glinks) - len(used)

    def result(self, documents: int, missing: int) -> dict[str, Any]:
        counts, level, code, ltype = self.counts, self.level, self.code, self.ltype
        result: dict[str, Any] = {"documents": documents, "missing_predictions": missing,
                                  "labels": {lab: _prf(*counts[lab]) for lab in LABELS}}
        result["micro"] = _prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
        result["level_accuracy"] = {lab: (v[0] / v[1] if v[1] else None) for lab, v in level.items()}
        result["level_counts"] = {lab: list(v) for lab, v in level.items()}
        result["code_accuracy"] = code[0] / code[1] if code[1] else None
        result["code_counts"] = code
        result["code_spurious"] = self.code_spurious
        result["links"] = _prf(*self.link)
        result["type_accuracy"] = ltype[0] / ltype[1] if ltype[1] else None
        result["type_counts"] = ltype
        return result


def score(gold: Iterable[dict], pred: Iterable[dict]) -> dict[str, Any]:
    """Compare gold and predicted records (matched by ``id``)."""
    gold = list(gold)
    pred_by_id = {p.get("id"): p for p in pred}
    tally = _Tally()
    missing = 0
    for g in gold:
        p = pred_by_id.get(g.get("id"))
        if p is None:
            missing += 1
            p = {"spans": [], "links": []}
        tally.spans(g, p)
        tally.links(g, p)
    return tally.result(len(gold), missing)


def format_table(res: dict[str, Any]) -> str:
    lines = [f"documents: {res['documents']}" + (f"  (missing predictions: {res['missing_predictions']})" if res["missing_predictions"] else ""),
             f"{'label':<8} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for lab, m in list(res["labels"].items()) + [("micro", res["micro"]), ("LINK", res["links"])]:
        lines.append(f"{lab:<8} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {m['tp']:5d} {m['fp']:5d} {m['fn']:5d}")
    for lab, acc in res["level_accuracy"].items():
        c = res["level_counts"][lab]
        lines.append(f"level accuracy {lab:<7} {acc:.3f} ({c[0]}/{c[1]})" if acc is not None else f"level accuracy {lab:<7} n/a")
    if res["code_accuracy"] is not None:
        c = res["code_counts"]
        lines.append(f"code accuracy  PLACE   {res['code_accuracy']:.3f} ({c[0]}/{c[1]}; spurious codes: {res['code_spurious']})")
    if res["type_accuracy"] is not None:
        c = res["type_counts"]
        lines.append(f"type accuracy  LINK    {res['type_accuracy']:.3f} ({c[0]}/{c[1]})")
    return "\n".join(lines)
