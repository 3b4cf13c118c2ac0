"""The learned deputy → action linker (numpy only at run time, no pickle).

What: :class:`LearnedLinker` reads a document clause by clause
(:mod:`zhpolitics.actions.clauses`) and decides with two logistic models trained
on the annotated pages (``zhpolitics train actions``):

* the *agent* model scores each (unit, candidate deputy) pair — it answers at once
  "is this clause an act (not a description, speech or someone else's act)" and
  "whose act is it" (the name before it, a pronoun's antecedent, a list of names,
  a heading or the profile's subject);
* the *continue* model says whether an act unit continues the previous act unit
  of the same deputy or starts a new act.

An ACTION span is the union of the units of one act, from the first adverbial or
verb (a leading pronoun or 代表 is dropped) to the end of its last clause.  Each
:class:`Link` carries the agent model's probability (mean over its units),
``rule="learned"`` and ``source="clauses"``.

Why: the rule chain this replaces fixed one page and broke another; the cue lexicons
of ``resources/actions`` are features here, so a user still adds a cue there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .clauses import Unit, segment, sentences
from .cues import Cues, load_cues
from .features import (DocContext, add_rule_votes, build_context, candidates, continue_features, pair_features,
                       units_overlapping)

MODEL_FORMAT = "zhpolitics-action-linker/1"
LINKER_FILE = "linker.json"
LINKER_WEIGHTS = "linker.npz"
#: texts longer than this (a runner chunk of a huge document) get the cue rules' links only:
#: the learned linker costs a few ms per clause, the pages it was trained on are < 10 000 characters
MAX_CHARS = 30_000


@dataclass
class Link:
    """One deputy → action decision (character offsets into the normalised text)."""

    deputy: tuple[int, int]
    action: tuple[int, int]
    type: str = "other"
    probability: float = 0.0
    sentence: tuple[int, int] = (0, 0)
    rule: str = ""
    source: str = ""


@dataclass
class LinearModel:
    """A binary logistic model over named sparse features (``vocab`` → column)."""

    vocab: dict[str, int]
    coef: np.ndarray
    intercept: float

    def prob(self, feats: dict[str, float]) -> float:
        """P(positive | features); unknown features are ignored."""
        z = self.intercept
        for k, v in feats.items():
            j = self.vocab.get(k)
            if j is not None:
                z += self.coef[j] * v
        return float(1.0 / (1.0 + np.exp(-z)))

    def to_json(self) -> dict:
        """The vocabulary in column order (weights go to the npz)."""
        return {"features": sorted(self.vocab, key=self.vocab.get)}


@dataclass
class LinkerModel:
    """Agent and continue models plus their decision thresholds."""

    agent: LinearModel
    cont: LinearModel
    threshold: float = 0.5
    cont_threshold: float = 0.5
    rule_threshold: float = 0.3
    meta: dict = field(default_factory=dict)
    #: isotonic map of a link's raw probability to the share of such links that are correct
    #: (``{"x": [...], "y": [...]}``, fitted on document-level out-of-fold links); None: raw
    calibration: dict | None = None

    def calibrate(self, p: float) -> float:
        """The calibrated probability of a link whose raw (agent model) probability is ``p``."""
        if not self.calibration:
            return p
        return float(np.interp(p, self.calibration["x"], self.calibration["y"]))

    @classmethod
    def load(cls, model_dir: str | Path) -> "LinkerModel":
        """Read ``linker.json`` + ``linker.npz`` (allow_pickle=False)."""
        d = Path(model_dir)
        spec = json.loads((d / LINKER_FILE).read_text(encoding="utf-8"))
        if spec.get("format") != MODEL_FORMAT:
            raise ValueError(f"{d / LINKER_FILE}: format {spec.get('format')!r}, expected {MODEL_FORMAT}")
        with np.load(d / LINKER_WEIGHTS, allow_pickle=False) as z:
            models = [LinearModel({k: i for i, k in enumerate(spec[name]["features"])},
                                  np.asarray(z[f"{name}_coef"], dtype=np.float64), float(z[f"{name}_intercept"]))
                      for name in ("agent", "cont")]
        return cls(models[0], models[1], spec["threshold"], spec["cont_threshold"], spec.get("rule_threshold", 0.3),
                   spec.get("meta", {}), spec.get("calibration"))

    def save(self, model_dir: str | Path) -> None:
        """Write ``linker.json`` (features, thresholds, meta) and ``linker.npz`` (weights)."""
        d = Path(model_dir)
        d.mkdir(parents=True, exist_ok=True)
        spec = {"format": MODEL_FORMAT, "threshold": self.threshold, "cont_threshold": self.cont_threshold,
                "rule_threshold": self.rule_threshold,
                "agent": self.agent.to_json(), "cont": self.cont.to_json(), "meta": self.meta,
                "calibration": self.calibration}
        (d / LINKER_FILE).write_text(json.dumps(spec, ensure_ascii=False, indent=0), encoding="utf-8")
        np.savez_compressed(d / LINKER_WEIGHTS, agent_coef=self.agent.coef.astype(np.float32),
                            agent_intercept=np.float64(self.agent.intercept),
                            cont_coef=self.cont.coef.astype(np.float32), cont_intercept=np.float64(self.cont.intercept))


def _trim_lead(text: str, a: int, b: int, lead_subject: tuple[str, ...]) -> int:
    """Drop a leading pronoun subject or 代表 (rule ``lead_subject``) so the act starts at its
    adverbial or verb."""
    changed = True
    while changed and a < b:
        changed = False
        for w in lead_subject:
            if text.startswith(w, a) and b - a > len(w) + 1:
                a += len(w)
                changed = True
                break
    return a


class LearnedLinker:
    """Find (deputy, action) links with the learned agent/continue models."""

    def __init__(self, model: LinkerModel, cues: Cues | None = None, rule_votes: bool | None = None):
        self.model = model
        self.cues = cues or load_cues()
        self.rule_votes = model.meta.get("rule_votes", False) if rule_votes is None else rule_votes
        self._rules = None

    def _rules_linker(self):
        """The cue-rule linker whose links are features (made on first use)."""
        if self._rules is None:
            from .linker import RuleLinker
            self._rules = RuleLinker(self.cues)
        return self._rules

    def context(self, text: str, deputies: list[tuple[int, int]]) -> DocContext:
        """Units and per-document state for ``text``."""
        units = segment(text, deputies)
        ctx = build_context(text, units, deputies, self.cues, sentences(text))
        if self.rule_votes:
            ctx.rule_links = self._rules_linker()(text, deputies)
            add_rule_votes(ctx, ctx.rule_links)
        return ctx

    def agent_scores(self, ctx: DocContext) -> dict[int, list[tuple[int, float]]]:
        """unit index → [(deputy index, P(agent))] over its candidates."""
        return {ui: [(di, self.model.agent.prob(pair_features(ctx, ui, di))) for di in candidates(ctx, ui)]
                for ui in range(len(ctx.units))}

    def _assign(self, ctx: DocContext, scores: dict[int, list[tuple[int, float]]]) -> dict[int, dict[int, float]]:
        """deputy index → {unit index: P}: each unit goes to its best group (a list shares it)."""
        out: dict[int, dict[int, float]] = {}
        for ui, cands in scores.items():
            ok = [(di, p) for di, p in cands if p >= self.model.threshold]
            if not ok:
                continue
            best = max(ok, key=lambda x: x[1])[0]
            for di, p in ok:
                if ctx.groups[di] == ctx.groups[best]:
                    out.setdefault(di, {})[ui] = p
        return out

    def _acts(self, ctx: DocContext, units: dict[int, float]) -> list[list[int]]:
        """Group one deputy's act units into acts with the continue model."""
        acts: list[list[int]] = []
        for ui in sorted(units):
            if acts and ui == acts[-1][-1] + 1 and \
                    self.model.cont.prob(continue_features(ctx, acts[-1][-1], ui)) >= self.model.cont_threshold:
                acts[-1].append(ui)
            else:
                acts.append([ui])
        return acts

    def _learned_acts(self, ctx: DocContext, assigned: dict[int, dict[int, float]]) -> list[Link]:
        """Acts built from the units the agent model gave to each deputy."""
        sents = sentences(ctx.text)
        out: list[Link] = []
        for di, units in sorted(assigned.items()):
            for act in self._acts(ctx, units):
                first: Unit = ctx.units[act[0]]
                b = ctx.units[act[-1]].end
                a = _trim_lead(ctx.text, first.start, b, self.cues.rules.lead_subject)
                if b - a >= 2:
                    p = float(np.mean([units[ui] for ui in act]))
                    out.append(Link(ctx.deputies[di], (a, b), probability=p, sentence=sents[first.sent],
                                    rule="learned", source="clauses"))
        return out

    def _vetted_rules(self, ctx: DocContext, scores: dict[int, list[tuple[int, float]]]) -> list[Link]:
        """The cue rules' links the agent model confirms, with its probability (spans kept)."""
        index = {d: i for i, d in enumerate(ctx.deputies)}
        out = []
        for ln in getattr(ctx, "rule_links", []):
            di = index.get(ln.deputy)
            a, b = ln.action
            ps = [p for ui in units_overlapping(ctx, a, b) for d, p in scores.get(ui, ()) if d == di]
            p = max(ps) if ps else 0.0
            if p >= self.model.rule_threshold:
                out.append(Link(ln.deputy, ln.action, probability=p, sentence=ln.sentence, rule=ln.rule, source="rules"))
        return out

    def __call__(self, text: str, deputies: list[tuple[int, int]]) -> list[Link]:
        """``text`` is the normalised document; ``deputies`` the DEPUTY mention offsets."""
        if not deputies:
            return []
        if len(text) > MAX_CHARS and self.rule_votes:
            return self._rules_linker()(text, deputies)  # a very long text: the cue rules alone (speed)
        return [replace(ln, probability=self.model.calibrate(ln.probability)) for ln in self._decide(text, deputies)]

    def _decide(self, text: str, deputies: list[tuple[int, int]]) -> list[Link]:
        """Links with the agent model's raw probability (calibrated by :meth:`__call__`)."""
        ctx = self.context(text, deputies)
        scores = self.agent_scores(ctx)
        learned = self._learned_acts(ctx, self._assign(ctx, scores))
        if not self.rule_votes:
            return learned
        kept = self._vetted_rules(ctx, scores)
        by_dep: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for k in kept:
            by_dep.setdefault(k.deputy, []).append(k.action)
        for ln in learned:  # a learned act the rules did not find (a deputy has few acts: short lists)
            if not any(min(b, ln.action[1]) > max(a, ln.action[0]) for a, b in by_dep.get(ln.deputy, ())):
                kept.append(ln)
        return kept
