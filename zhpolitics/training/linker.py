"""Training recipe for the learned linker (:mod:`zhpolitics.actions.learned`).

What: from annotated pages (gold DEPUTY spans and links) it builds one example
per (clause unit, candidate deputy) pair — positive when a gold link of that
deputy covers the unit — and one per pair of consecutive act units of a deputy —
positive when both belong to the same gold act; fits two logistic regressions
(scikit-learn) and saves them as JSON + npz (no pickle) next to the type model.
Called by ``zhpolitics train actions`` (:mod:`zhpolitics.training.actions`).

Why: the labels come straight from the contract's gold links, so every page an
annotator adds improves the linker without a new rule.  Cross-validation folds
are whole documents (a page never feeds both sides).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from zhpolitics.actions.cues import Cues, load_cues
from zhpolitics.actions.features import DocContext, candidates, continue_features, pair_features
from zhpolitics.actions.learned import LearnedLinker, LinearModel, LinkerModel
from zhpolitics.evaluate import read_jsonl
from zhpolitics.text import normalize

#: regularisation of both models (picked by document-level CV on train-pages)
C_AGENT = 1.0
C_CONT = 1.0
#: P(agent) above which a unit becomes (part of) an act
THRESHOLD = 0.35
#: P(continue) above which an act unit joins the previous one
CONT_THRESHOLD = 0.5
#: P(agent) above which a link of the cue rules is kept
RULE_THRESHOLD = 0.25


@dataclass
class GoldDoc:
    """A gold page reduced to what the linker needs (normalised text)."""

    id: str
    text: str
    deputies: list[tuple[int, int]]
    links: list[tuple[tuple[int, int], tuple[int, int], str]]


def read_gold(path: str | Path) -> list[GoldDoc]:
    """Gold JSONL → :class:`GoldDoc` list (text normalised as the pipeline does)."""
    out = []
    for d in read_jsonl(path):
        deps = sorted((s["start"], s["end"]) for s in d.get("spans", []) if s["label"] == "DEPUTY")
        links = [(tuple(l["deputy"]), tuple(l["action"]), l.get("type", "other")) for l in d.get("links", [])]
        out.append(GoldDoc(d.get("id", ""), normalize(d["text"]), deps, links))
    return out


def _covers(act: tuple[int, int], a: int, b: int) -> bool:
    """A gold act covers a unit when it overlaps at least half of the unit (or of itself)."""
    ov = min(act[1], b) - max(act[0], a)
    return ov > 0 and (2 * ov >= b - a or 2 * ov >= act[1] - act[0])


def doc_examples(ctx: DocContext, doc: GoldDoc) -> tuple[list[dict], list[int], list[dict], list[int]]:
    """Agent examples (features, label) and continue examples of one document."""
    xa, ya, xc, yc = [], [], [], []
    by_dep: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for dep, act, _t in doc.links:
        by_dep.setdefault(dep, []).append(act)
    act_units: dict[tuple[int, int], list[tuple[int, int]]] = {}  # deputy → [(unit, act id)]
    for ui, u in enumerate(ctx.units):
        for di in candidates(ctx, ui):
            dep = ctx.deputies[di]
            hit = [k for k, act in enumerate(by_dep.get(dep, [])) if _covers(act, u.start, u.end)]
            xa.append(pair_features(ctx, ui, di))
            ya.append(int(bool(hit)))
            if hit:
                act_units.setdefault(dep, []).append((ui, hit[0]))
    for seq in act_units.values():
        for (u0, a0), (u1, a1) in zip(seq, seq[1:]):
            if u1 == u0 + 1:
                xc.append(continue_features(ctx, u0, u1))
                yc.append(int(a0 == a1))
    return xa, ya, xc, yc


def fit_linear(x: list[dict], y: list[int], c: float) -> LinearModel:
    """Logistic regression over dict features (DictVectorizer → LinearModel)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    m = vec.fit_transform(x)
    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit(m, y)
    vocab = {k: i for i, k in enumerate(vec.feature_names_)}
    return LinearModel(vocab, clf.coef_[0].astype(np.float64), float(clf.intercept_[0]))


class Examples:
    """Per-document examples, computed once and reused across folds."""

    def __init__(self, docs: list[GoldDoc], cues: Cues | None = None, rule_votes: bool = True):
        self.cues = cues or load_cues()
        self.docs = docs
        self.rule_votes = rule_votes
        probe = LearnedLinker(LinkerModel(LinearModel({}, np.zeros(0), 0.0), LinearModel({}, np.zeros(0), 0.0)),
                              self.cues, rule_votes)
        self.per_doc = [doc_examples(probe.context(d.text, d.deputies), d) for d in docs]

    def fit(self, idx: list[int], threshold: float = 0.5, cont_threshold: float = 0.5) -> LinkerModel:
        """Fit both models on the documents ``idx``."""
        xa, ya, xc, yc = [], [], [], []
        for i in idx:
            a, b, c, d = self.per_doc[i]
            xa += a
            ya += b
            xc += c
            yc += d
        cont = fit_linear(xc, yc, C_CONT) if len(set(yc)) > 1 else LinearModel({}, np.zeros(0), 0.0)
        return LinkerModel(fit_linear(xa, ya, C_AGENT), cont, threshold, cont_threshold, RULE_THRESHOLD,
                           meta={"rule_votes": self.rule_votes})


def _records(linker: LearnedLinker, typer, docs: list[GoldDoc], deps_of) -> list[dict]:
    """Predicted link records (scorer format) of ``docs`` with the deputies ``deps_of(doc)``."""
    out = []
    for d in docs:
        deps = deps_of(d)
        links = linker(d.text, deps) if deps else []
        types = typer.predict_many([d.text[a:b] for a, b in (l.action for l in links)]) if links else []
        out.append({"id": d.id, "spans": [], "links": [
            {"deputy": list(l.deputy), "action": list(l.action), "type": t, "probability": l.probability}
            for l, (t, _p) in zip(links, types)]})
    return out


def gold_records(docs: list[GoldDoc]) -> list[dict]:
    """The gold links of ``docs`` in the scorer's record format."""
    return [{"id": d.id, "spans": [], "links": [{"deputy": list(a), "action": list(b), "type": t}
                                                for a, b, t in d.links]} for d in docs]


def cross_validate(train: list[GoldDoc], extra: list[GoldDoc], typer_examples: list[tuple[str, str]],
                   own_deputies: dict[str, list[tuple[int, int]]] | None = None, folds: int = 5,
                   seed: int = 0) -> dict[str, list[dict]]:
    """Document-level k-fold CV on ``train`` (``extra`` documents always train).

    Each fold refits the linker and the typer (``typer_examples`` plus the training
    folds' links) without the held-out pages.  Returns predicted records with gold
    deputies (``gold``) and, when ``own_deputies`` maps doc id → the pipeline's
    DEPUTY spans, with those (``own``).
    """
    from sklearn.model_selection import KFold

    from zhpolitics.training.actions import fit as fit_typer

    ex = Examples(train + extra)
    out: dict[str, list[dict]] = {"gold": [], "own": []}
    extra_idx = list(range(len(train), len(train) + len(extra)))
    for k, (tr, te) in enumerate(KFold(folds, shuffle=True, random_state=seed).split(np.zeros(len(train)))):
        model = ex.fit(list(tr) + extra_idx, THRESHOLD, CONT_THRESHOLD)
        model.rule_threshold = RULE_THRESHOLD
        linker = LearnedLinker(model, ex.cues)
        phr = typer_examples + [(train[i].text[a:b], t) for i in tr for _dep, (a, b), t in train[i].links]
        typer = fit_typer([p for p, _t in phr], [t for _p, t in phr])
        held = [train[i] for i in te]
        out["gold"] += [dict(r, fold=k) for r in _records(linker, typer, held, lambda d: d.deputies)]
        if own_deputies is not None:
            out["own"] += [dict(r, fold=k) for r in _records(linker, typer, held, lambda d: own_deputies.get(d.id, []))]
    return out


class _NoTyper:
    """Stands in for the typer where only the links matter (calibration)."""

    @staticmethod
    def predict_many(phrases: list[str]) -> list[tuple[str, float]]:
        return [("other", 1.0)] * len(phrases)


def out_of_fold(ex: Examples, idx: list[int], folds: int = 5, seed: int = 0) -> list[dict]:
    """Predicted records of the documents ``idx`` of ``ex``, each by a linker fitted on the other
    folds (gold deputies, raw probabilities); each record carries its ``fold``."""
    from sklearn.model_selection import KFold

    out = []
    for k, (tr, te) in enumerate(KFold(folds, shuffle=True, random_state=seed).split(np.zeros(len(idx)))):
        model = ex.fit([idx[i] for i in tr], THRESHOLD, CONT_THRESHOLD)
        model.rule_threshold = RULE_THRESHOLD
        held = [ex.docs[idx[i]] for i in te]
        for r in _records(LearnedLinker(model, ex.cues), _NoTyper(), held, lambda d: d.deputies):
            out.append(dict(r, fold=k))
    return out


def link_outcomes(gold: list[dict], pred: list[dict]) -> tuple[list[float], list[int]]:
    """(raw probability, correct) of every predicted link; correct = deputy exact, action overlapping."""
    from zhpolitics.evaluate import overlap_ok

    by_id = {g.get("id"): g for g in gold}
    probs, ok = [], []
    for p in pred:
        glinks = [(tuple(l["deputy"]), tuple(l["action"])) for l in by_id[p["id"]].get("links", [])]
        for l in p.get("links", []):
            probs.append(float(l.get("probability") or 0.0))
            ok.append(int(any(gd == tuple(l["deputy"]) and overlap_ok(ga, tuple(l["action"])) for gd, ga in glinks)))
    return probs, ok


def fit_calibration(probs: list[float], correct: list[int]) -> dict:
    """An isotonic map raw probability → share correct, as the ``calibration`` of a LinkerModel."""
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(probs, correct)
    return {"x": [round(float(v), 4) for v in iso.X_thresholds_], "y": [round(float(v), 4) for v in iso.y_thresholds_],
            "links": len(probs), "method": "isotonic on document-level 5-fold out-of-fold links"}


def calibration_for(docs: list[GoldDoc], ex: Examples | None = None) -> dict:
    """The calibration of a linker trained on ``docs``: isotonic on its out-of-fold links."""
    ex = ex or Examples(docs)
    probs, ok = link_outcomes(gold_records(docs), out_of_fold(ex, list(range(len(docs)))))
    return fit_calibration(probs, ok)


def cross_calibrated(gold: list[dict], pred: list[dict]) -> list[dict]:
    """``pred`` (records with a ``fold``) with each fold's probabilities mapped by the calibration
    fitted on the other folds' links (the held-out labels never fit their own map)."""
    from zhpolitics.actions.learned import LinkerModel

    out = []
    for k in sorted({p["fold"] for p in pred}):
        cal = LinkerModel(None, None, calibration=fit_calibration(*link_outcomes(gold, [p for p in pred if p["fold"] != k])))
        for p in pred:
            if p["fold"] == k:
                out.append(dict(p, links=[dict(l, probability=cal.calibrate(l["probability"])) for l in p["links"]]))
    return out


BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.01)


def reliability(gold: list[dict], pred: list[dict]) -> list[tuple[float, float, int, int]]:
    """(low, high, correct, n) per probability bin; correct = deputy exact and action overlapping."""
    from zhpolitics.evaluate import overlap_ok

    by_id = {g.get("id"): g for g in gold}
    rows = [[lo, hi, 0, 0] for lo, hi in zip(BINS, BINS[1:])]
    for p in pred:
        glinks = [(tuple(l["deputy"]), tuple(l["action"])) for l in by_id[p["id"]].get("links", [])]
        for l in p.get("links", []):
            ok = any(gd == tuple(l["deputy"]) and overlap_ok(ga, tuple(l["action"])) for gd, ga in glinks)
            for r in rows:
                if r[0] <= (l.get("probability") or 0.0) < r[1]:
                    r[2] += ok
                    r[3] += 1
    return [tuple(r) for r in rows]


def report_links(name: str, gold: list[dict], pred: list[dict], out) -> dict:
    """Print link P/R/F1, type accuracy and the reliability table of one run; return the scores."""
    from zhpolitics.evaluate import score

    r = score(gold, pred)
    ln, ta = r["links"], r["type_accuracy"]
    print(f"{name}: LINK P {ln['precision']:.3f} R {ln['recall']:.3f} F1 {ln['f1']:.3f} "
          f"(tp {ln['tp']} fp {ln['fp']} fn {ln['fn']})  type {'-' if ta is None else f'{ta:.3f}'}", file=out)
    rows = reliability(gold, pred)
    print(f"  {'probability':<12} {'correct':>8} {'links':>6} {'precision':>9}", file=out)
    for lo, hi, ok, n in rows:
        prec = f"{ok / n:.3f}" if n else "-"
        print(f"  [{lo:.1f}, {min(hi, 1.0):.1f}{')' if hi < 1 else ']'}   {ok:>8} {n:>6} {prec:>9}", file=out)
    ok8, n8 = sum(r[2] for r in rows if r[0] >= 0.8), sum(r[3] for r in rows if r[0] >= 0.8)
    print(f"  probability >= 0.8: {ok8}/{n8} correct" + (f" ({ok8 / n8:.3f})" if n8 else ""), file=out)
    return r


def _pipeline_deputies(path: Path) -> dict[str, list[tuple[int, int]]]:
    """doc id → DEPUTY spans found by the default pipeline (its linker switched off)."""
    import os

    from zhpolitics.pipeline import load

    nlp = load("default", disable=["actions"], admin_data=os.environ.get("ZHPOLITICS_ADMIN_DATA"))
    recs = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    out = {}
    for r, doc in zip(recs, nlp.pipe(r["text"] for r in recs)):
        out[r.get("id", "")] = sorted((e.start_char, e.end_char) for e in doc.ents if e.label_ == "DEPUTY")
    return out


def main(argv: list[str] | None = None) -> int:
    """Print document-level CV of the linker on train-pages (gold and own deputies)."""
    import argparse
    import sys

    from zhpolitics.training.actions import _REPO, load_gold_links, load_pd_examples

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--data-dir", type=Path, default=_REPO.parent / "shared" / "data")
    ap.add_argument("--own", action="store_true", help="also with the pipeline's own deputies (slower)")
    a = ap.parse_args(argv)
    gold_dir = a.data_dir.parent / "gold"
    train = read_gold(gold_dir / "train-pages.jsonl")
    extra = read_gold(gold_dir / "dev-pages.jsonl") + read_gold(_REPO / "corpus" / "dev" / "gold.jsonl")
    typer_ex = [(p, t) for p, t, _s in load_pd_examples(a.data_dir, _REPO / "corpus" / "labels" / "pd_actions.tsv")]
    for f in (gold_dir / "dev-pages.jsonl", _REPO / "corpus" / "dev" / "gold.jsonl"):
        typer_ex += [(p, t) for p, t, _d, _h in load_gold_links(f)]
    own = _pipeline_deputies(gold_dir / "train-pages.jsonl") if a.own else None
    res = cross_validate(train, extra, typer_ex, own)
    gold = gold_records(train)
    print(f"document-level 5-fold CV on train-pages ({len(train)} pages; dev-pages + corpus/dev always train)")
    report_links("gold deputies", gold, res["gold"], sys.stdout)
    report_links("gold deputies, probabilities cross-calibrated", gold, cross_calibrated(gold, res["gold"]), sys.stdout)
    if own is not None:
        report_links("pipeline deputies", gold, res["own"], sys.stdout)
        report_links("pipeline deputies, cross-calibrated", gold, cross_calibrated(gold, res["own"]), sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
