"""``zhpolitics_actions``: DEPUTY → ACTION links with a type and probability.

The linker (:mod:`zhpolitics.actions.linker`) finds the acts each deputy mention is
the agent of; the type classifier (:mod:`zhpolitics.actions.typer`, scikit-learn,
shipped in ``models/actions``) types each action phrase.  Results:
``doc.spans["zhpolitics_actions"]`` (ACTION spans) and ``doc._.zhp_link_data``, one
plain dict per link ``{deputy: [s, e], action: [s, e], type, probability, place,
sentence, rule}``; ``doc._.zhp_links`` shows the same with Span views.

The component owns its cue lists (speech verbs, triggers, …, a :class:`Cues`) and the
typer: ``add_cues([{"cue": "捐建", "type": "donate", "weight": 0.9}])`` adds action
triggers, as does a ``triggers.tsv`` (columns ``cue type weight``) in the config's
``resource_dir``; ``to_disk``/``from_disk`` write and read both, and the cue files
themselves (``rules/actions``).  The cues are read at first use, after ``from_disk``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..actions.cues import LINK_TYPES, Cues, Frame, NonAction, Trigger, load_cues
from ..actions.linker import ActionLinker
from ..actions.typer import ActionTyper
from ..extensions import ACTIONS_KEY
from ..paths import require_model
from ._disk import copy_model, read_json, read_tsv, write_json
from ._rules import RuleFolders, with_rules
from ._spans import char_span, norm_text, spans_of, update_ents

_LIST_FIELDS = ("speech", "results", "agents_other")


def cues_to_json(cues: Cues) -> dict[str, Any]:
    """The cue lists as plain JSON (the compiled matchers are rebuilt on load)."""
    out: dict[str, Any] = {f: list(getattr(cues, f)) for f in _LIST_FIELDS}
    for f in ("non_actions", "frames", "triggers"):
        out[f] = [dataclasses.asdict(x) for x in getattr(cues, f)]
    return out


def cues_from_json(d: dict[str, Any]) -> Cues:
    return Cues(speech=tuple(d["speech"]), non_actions=tuple(NonAction(**x) for x in d["non_actions"]),
                frames=tuple(Frame(**x) for x in d["frames"]), triggers=tuple(Trigger(**x) for x in d["triggers"]),
                results=tuple(d["results"]), agents_other=tuple(d["agents_other"]))


def _trigger(item: dict[str, Any]) -> Trigger:
    t = Trigger(str(item["cue"]).strip(), str(item.get("type") or "other"), float(item.get("weight") or 1.0))
    if t.type not in LINK_TYPES:
        raise ValueError(f"zhpolitics_actions: unknown link type {t.type!r} for cue {t.cue!r}; one of {LINK_TYPES}")
    if not 0.0 < t.weight <= 1.0:
        raise ValueError(f"zhpolitics_actions: weight {t.weight} out of (0, 1] for cue {t.cue!r}")
    return t


class Actions:
    """Links deputies to their acts; holds the cues, the typer and the user's cues."""

    def __init__(self, nlp: Language, name: str, model: str | None = None, resource_dir: str | None = None):
        self.name = name
        self.model = model
        self.resource_dir = resource_dir
        self._typer: ActionTyper | None = None
        self.rules = RuleFolders(("actions",))
        self._cues: Cues | None = None  # the rule folder's cues plus the user's, built by _sync()
        self._added: list[Trigger] = []
        self._model_dir: Path | None = None  # typer and learned linker, once resolved
        self._linker: ActionLinker | None = None  # built by initialize(), from the resolved model folder
        if resource_dir:
            self.add_cues(read_tsv(Path(resource_dir) / "triggers.tsv"))

    @property
    def additions(self) -> list[dict[str, Any]]:
        return [dataclasses.asdict(t) for t in self._added]

    def add_cues(self, cues: Iterable[dict[str, Any]]) -> None:
        """Add action triggers: dicts ``{"cue", "type", "weight"}`` (type from LINK_TYPES)."""
        new = [_trigger(c) for c in cues]
        known = {t.cue for t in self._added} | ({t.cue for t in self._cues.triggers} if self._cues else set())
        new = [t for t in dict((t.cue, t) for t in new if t.cue and t.cue not in known).values()]
        if not new:
            return
        self._added.extend(new)
        if self._cues is not None:
            self._cues = dataclasses.replace(self._cues, triggers=self._cues.triggers + tuple(new))
            self._sync()

    def _base_cues(self) -> Cues:
        """The rule folder's cues with the user's triggers that it lacks."""
        base = load_cues()
        known = {t.cue for t in base.triggers}
        extra = tuple(t for t in self._added if t.cue not in known)
        return dataclasses.replace(base, triggers=base.triggers + extra) if extra else base

    def _sync(self) -> None:
        """Give the linker and the typer (trigger types are among its features) the same cues."""
        if self._cues is None:
            self._cues = self._base_cues()
        self._linker = ActionLinker(self._cues, model_dir=None if self._model_dir is None else str(self._model_dir))
        if self._typer is not None:
            self._typer.cues = self._cues

    @with_rules
    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None) -> None:
        """Load the typer and the cues now, so a missing model or rule file fails when the
        pipeline loads."""
        self._model_dir = Path(require_model("actions", self.model))
        self._typer = ActionTyper.load(self._model_dir)
        self._sync()

    @staticmethod
    def _place(places: list[tuple[int, int]], action: tuple[int, int], sentence: tuple[int, int]) -> list[int] | None:
        """The nearest resolved place governing the act: inside it, else before it in the sentence."""
        inside_act = [p for p in places if action[0] <= p[0] and p[1] <= action[1]]
        if inside_act:
            return list(inside_act[0])
        before = [p for p in places if sentence[0] <= p[0] < action[0]]
        return list(before[-1]) if before else None

    @with_rules
    def __call__(self, doc: Doc) -> Doc:
        if self._typer is None:
            self.initialize()
        norm = norm_text(doc)
        deputies = {(s.start_char, s.end_char): None for s in spans_of(doc, "DEPUTY")}  # ordered set
        places = [(s.start_char, s.end_char) for s in spans_of(doc, "PLACE") if s._.zhp_code]
        links = self._linker(norm, list(deputies))
        preds = self._typer.predict_many([norm[l.action[0]:l.action[1]] for l in links]) if links else []
        out, act_spans, seen = [], [], set()
        for l, (typ, prob) in zip(links, preds):
            if l.action not in seen:
                act = char_span(doc, l.action[0], l.action[1], "ACTION")
                if act is None:
                    continue
                seen.add(l.action)
                act_spans.append(act)
            if l.deputy not in deputies:
                continue
            # the link's probability is the linker's (calibrated) when it gives one, else the typer's
            p_link = l.probability if getattr(l, "source", "") else prob
            out.append({"deputy": list(l.deputy), "action": list(l.action), "type": typ,
                        "probability": round(float(p_link), 3), "type_probability": round(float(prob), 3),
                        "place": self._place(places, l.action, l.sentence), "sentence": list(l.sentence),
                        "rule": l.rule, "source": getattr(l, "source", "")})
        doc.spans[ACTIONS_KEY] = act_spans
        doc._.zhp_link_data = out
        update_ents(doc)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the model folder (``model/``: typer and learned linker) and the full cue
        lists (``cues.json``), the user's cues and the cue files (``rules/actions``)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        copy_model(require_model("actions", self.model), path / "model")
        with self.rules.active():
            write_json(path / "cues.json", cues_to_json(self._cues or self._base_cues()))
        write_json(path / "additions.json", self.additions)
        self.rules.to_disk(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "Actions":
        path = Path(path)
        self.rules.from_disk(path)
        with self.rules.active():
            return self._load(path)

    def _load(self, path: Path) -> "Actions":
        self._model_dir = Path(require_model("actions", path / "model"))
        self._typer = ActionTyper.load(self._model_dir)
        self._cues = cues_from_json(read_json(path / "cues.json"))
        self._added = [Trigger(**t) for t in read_json(path / "additions.json", [])]
        self._sync()
        return self


@Language.factory(
    "zhpolitics_actions",
    default_config={"model": None, "resource_dir": None},
    requires=["doc.spans", "span._.zhp_code"],
    assigns=["doc.spans", "doc.ents", "doc._.zhp_link_data"],
)
def make_actions(nlp: Language, name: str, model: str | None, resource_dir: str | None) -> Actions:
    """``model``: the typer folder (default ``models/actions``); ``resource_dir``: a user
    folder with ``triggers.tsv`` additions (columns ``cue type weight``)."""
    return Actions(nlp, name, model, resource_dir)
