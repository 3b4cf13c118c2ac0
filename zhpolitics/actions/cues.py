"""Cue lexicons for linking deputies to their actions.

What: loads the data files in ``zhpolitics/resources/actions/`` (speech verbs,
non-action predicates, adverbial frames, typed action triggers, result
clauses, other-agent markers) into a frozen :class:`Cues` object with fast
lookups (one Aho-Corasick automaton per literal cue list plus a few compiled
regular expressions for cues with a ``…`` gap).

Why: the linker needs to decide, around each deputy mention, which predicate
phrases are acts of the deputy (not speech, feelings, elections, outcomes or
other people's acts) and the classifier needs typed trigger hits as features.
Keeping the cues as data lets annotators extend them without touching code.

All lookups take the text and return offsets into it.  Text and cues are matched
in the text layer's same-length normalised view (:func:`zhpolitics.text.normalize`:
traditional → simplified, full-width letters and digits → half-width, Chinese
punctuation full-width), so offsets never shift; on text that is already
normalised (the pipeline's) the view is the text itself.

The named word lists and patterns (leading adverbs, …) come from ``rules.json``
(:mod:`zhpolitics.actions.rules`); every file is read through
:mod:`zhpolitics.resources` and cached per folder.  Pure Python; no spaCy.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from ..resources import ResourceError, component_dir, read_text
from ..text import normalize
from .rules import Rules, load_rules

try:  # pyahocorasick is a declared dependency; fall back to regex if absent.
    import ahocorasick as _ahocorasick
except ImportError:  # pragma: no cover - exercised only without the wheel
    _ahocorasick = None

__all__ = [
    "GAP",
    "MAX_GAP",
    "LINK_TYPES",
    "Frame",
    "NonAction",
    "Trigger",
    "Hit",
    "Cues",
    "load_cues",
]

#: The gap marker used inside cue strings (貌似 ``帮助…解决``).
GAP = "…"
#: A gap spans at most this many characters.
MAX_GAP = 12
#: the gap allowed inside action-trigger cues (type hints)
TRIGGER_MAX_GAP = 20
#: Characters a gap may not cross (sentence and clause punctuation).
_GAP_STOP = "，。；！？：,;!?:\n“”\"「」『』"
#: Link types of ANNOTATION.md, in a fixed order (feature order of the typer).
LINK_TYPES: tuple[str, ...] = (
    "propose", "inspect", "contact", "donate", "fund",
    "mediate", "educate", "assist", "other",
)


# --------------------------------------------------------------------------
# matching view
# --------------------------------------------------------------------------
def _view_cue(cue: str) -> str:
    """A cue in the text layer's normalised view, keeping the gap marker."""
    return GAP.join(normalize(part) for part in cue.split(GAP))


# --------------------------------------------------------------------------
# records
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Frame:
    """An adverbial frame ``open … close`` whose inside holds an act.

    ``close`` is empty for open-ended frames (通过…, 经…), which then run to
    the next clause punctuation.
    """

    open: str
    close: str
    kind: str
    why: str = ""


@dataclass(frozen=True)
class NonAction:
    """A predicate pattern that is not an act of the deputy (当选, 出席 …)."""

    pattern: str
    kind: str
    why: str = ""


@dataclass(frozen=True)
class Trigger:
    """An action trigger cue with its link type and weight in (0, 1]."""

    cue: str
    type: str
    weight: float


@dataclass(frozen=True)
class Hit:
    """One cue occurrence: ``text[start:end]`` matched ``cue``."""

    start: int
    end: int
    cue: str


# --------------------------------------------------------------------------
# matcher
# --------------------------------------------------------------------------
class _Matcher:
    """Find all occurrences of literal and ``…``-gapped cues in the normalised view.

    Literal cues go into one Aho-Corasick automaton (or a regex alternation
    when pyahocorasick is missing); gapped cues are compiled into one regex
    each (they are few).
    """

    def __init__(self, cues: Iterable[str], max_gap: int = MAX_GAP) -> None:
        self.literal: dict[str, str] = {}  # normalised → original cue
        self.gapped: list[tuple[re.Pattern[str], str]] = []
        for cue in cues:
            fc = _view_cue(cue)
            if not fc:
                continue
            if GAP in fc:
                parts = [re.escape(p) for p in fc.split(GAP)]
                # a short quoted phrase counts as one step of the gap (把“带动农民增收”作为…),
                # and so does a title in 《》 (拟写了《关于修建…进寨路的建议》)
                gap = (f"(?:[^{re.escape(_GAP_STOP)}《]|“[^{re.escape(_GAP_STOP)}]{{1,{max_gap}}}”"
                       f"|《[^》{re.escape(_GAP_STOP)}]{{1,60}}》?){{0,{max_gap}}}?")
                self.gapped.append((re.compile(gap.join(parts)), cue))
            else:
                self.literal.setdefault(fc, cue)
        self._auto = None
        self._regex: re.Pattern[str] | None = None
        if self.literal:
            if _ahocorasick is not None:
                auto = _ahocorasick.Automaton()
                for fc, cue in self.literal.items():
                    auto.add_word(fc, (len(fc), cue))
                auto.make_automaton()
                self._auto = auto
            else:  # pragma: no cover
                alts = sorted(self.literal, key=len, reverse=True)
                self._regex = re.compile("(?=(" + "|".join(map(re.escape, alts)) + "))")

    def iter(self, view: str) -> Iterator[Hit]:
        """Yield every (possibly overlapping) cue hit in ``view``."""
        if self._auto is not None:
            for end_idx, (length, cue) in self._auto.iter(view):
                yield Hit(end_idx - length + 1, end_idx + 1, cue)
        elif self._regex is not None:  # pragma: no cover
            for m in self._regex.finditer(view):
                s = m.start(1)
                yield Hit(s, s + len(m.group(1)), self.literal[m.group(1)])
        for rx, cue in self.gapped:
            for m in rx.finditer(view):
                yield Hit(m.start(), m.end(), cue)

    def at(self, view: str, i: int) -> Hit | None:
        """Longest cue hit that starts exactly at ``i`` (or None)."""
        best: Hit | None = None
        window = view[i : i + 64]
        for h in self.iter(window):
            if h.start == 0 and (best is None or h.end > best.end):
                best = h
        if best is None:
            return None
        return Hit(i, i + best.end, best.cue)


# --------------------------------------------------------------------------
# Cues
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Cues:
    """All action cue lexicons plus fast lookups over them.

    Build with :func:`load_cues` (cached); the lists are tuples so the object
    is immutable and cheap to share between pipeline components.
    """

    speech: tuple[str, ...]
    non_actions: tuple[NonAction, ...]
    frames: tuple[Frame, ...]
    triggers: tuple[Trigger, ...]
    results: tuple[str, ...]
    agents_other: tuple[str, ...]
    rules: Rules = field(repr=False, compare=False, default=None)  # type: ignore[assignment]
    _speech_m: _Matcher = field(repr=False, compare=False, default=None)  # type: ignore[assignment]
    _non_m: _Matcher = field(repr=False, compare=False, default=None)  # type: ignore[assignment]
    _trig_m: _Matcher = field(repr=False, compare=False, default=None)  # type: ignore[assignment]
    _res_m: _Matcher = field(repr=False, compare=False, default=None)  # type: ignore[assignment]
    _agent_m: _Matcher = field(repr=False, compare=False, default=None)  # type: ignore[assignment]
    _non_by_pattern: dict = field(repr=False, compare=False, default=None)  # type: ignore[assignment]
    _trig_by_cue: dict = field(repr=False, compare=False, default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        """Compile the matchers once (frozen dataclass → object.__setattr__)."""
        s = object.__setattr__
        if self.rules is None:
            s(self, "rules", load_rules())
        s(self, "_speech_m", _Matcher(self.speech))
        s(self, "_non_m", _Matcher(n.pattern for n in self.non_actions))
        s(self, "_trig_m", _Matcher(t.cue for t in self.triggers))
        # for typing only, a trigger's gap may span a longer object (提出了抓紧在雨季结束前
        # 完成植被恢复的意见); deciding *whether* a clause is an act keeps the short gap
        s(self, "_trig_type_m", _Matcher((t.cue for t in self.triggers), max_gap=TRIGGER_MAX_GAP))
        s(self, "_res_m", _Matcher(self.results))
        s(self, "_agent_m", _Matcher(self.agents_other))
        s(self, "_non_by_pattern", {n.pattern: n for n in self.non_actions})
        by: dict[str, list[Trigger]] = {}
        for t in self.triggers:
            by.setdefault(t.cue, []).append(t)
        s(self, "_trig_by_cue", by)

    # ---- helpers -------------------------------------------------------
    def head_offset(self, phrase: str) -> int:
        """Offset of the phrase head after leading adverbs (rule ``head_adverbs``: 并, 还, 主动 …)."""
        m = self.rules.head_adverbs.match(normalize(phrase))
        return m.end() if m else 0

    # ---- speech ----------------------------------------------------------
    def speech_at(self, text: str, i: int) -> str | None:
        """The speech/feeling verb starting exactly at ``text[i]``, or None.

        Longest match wins (介绍说 over 介绍).
        """
        if not 0 <= i < len(text):
            return None
        h = self._speech_m.at(normalize(text[i : i + 64]), 0)
        return h.cue if h else None

    def find_speech(self, text: str) -> list[Hit]:
        """All speech/feeling verb occurrences in ``text`` (offsets into it)."""
        return sorted(self._speech_m.iter(normalize(text)), key=lambda h: (h.start, -h.end))

    def is_speech(self, phrase: str) -> bool:
        """True when the phrase head (after adverbs) is a speech/feeling verb."""
        i = self.head_offset(phrase)
        return self.speech_at(phrase, i) is not None if i < len(phrase) else False

    # ---- non-actions -----------------------------------------------------
    def non_action_at(self, text: str, i: int) -> NonAction | None:
        """The non-action pattern (当选, 出席, 受到…接见 …) starting at ``i``."""
        if not 0 <= i < len(text):
            return None
        h = self._non_m.at(normalize(text[i : i + 64]), 0)
        return self._non_by_pattern[h.cue] if h else None

    def non_action(self, phrase: str) -> NonAction | None:
        """The non-action record heading ``phrase`` (after adverbs), if any."""
        i = self.head_offset(phrase)
        return self.non_action_at(phrase, i) if i < len(phrase) else None

    def is_non_action(self, phrase: str) -> bool:
        """True when ``phrase`` is not an act of its subject.

        That is: its head (after leading adverbs) is a non-action predicate
        (elected, post, listed attendance, passive, feeling) or a speech verb.
        """
        return self.non_action(phrase) is not None or self.is_speech(phrase)

    # ---- frames ------------------------------------------------------------
    def frame_at(self, text: str, i: int, max_len: int = 40) -> tuple[Frame, int, int, int] | None:
        """A frame opening at ``text[i]``.

        Returns ``(frame, inner_start, inner_end, frame_end)``: the act inside
        is ``text[inner_start:inner_end]`` and the frame ends at
        ``frame_end``.  Closed frames prefer the longest ``close`` marker
        found before clause punctuation (在…过程中 over 在…中);
        open frames (通过…) run to the next clause punctuation.
        """
        ft = normalize(text[i : i + max_len + 8])
        best: tuple[Frame, int, int, int] | None = None
        for fr in self.frames:
            o = _view_cue(fr.open)
            if not ft.startswith(o):
                continue
            stop = len(ft)
            for k in range(len(o), len(ft)):
                if ft[k] in _GAP_STOP or ft[k] in ",.;":
                    stop = k
                    break
            if fr.close:
                c = _view_cue(fr.close)
                j = ft.rfind(c, len(o) + 1, stop)
                if j < 0:
                    continue
                cand = (fr, i + len(o), i + j, i + j + len(c))
            else:
                cand = (fr, i + len(o), i + stop, i + stop)
            if best is None or (fr.close and not best[0].close) or (
                bool(fr.close) == bool(best[0].close) and cand[3] - cand[1] > best[3] - best[1]
            ):
                best = cand
        return best

    # ---- triggers ------------------------------------------------------------
    def trigger_hits(self, phrase: str, long_gap: bool = False) -> list[tuple[Hit, Trigger]]:
        """Every trigger occurrence in ``phrase`` with its typed record (``long_gap``:
        gapped cues may span up to TRIGGER_MAX_GAP characters instead of MAX_GAP)."""
        out: list[tuple[Hit, Trigger]] = []
        for h in (self._trig_type_m if long_gap else self._trig_m).iter(normalize(phrase)):
            for t in self._trig_by_cue.get(h.cue, ()):
                out.append((h, t))
        out.sort(key=lambda ht: (ht[0].start, -ht[0].end))
        return out

    def trigger_types(self, phrase: str, long_gap: bool = False) -> dict[str, float]:
        """Map link type → strongest trigger weight found in ``phrase``.

        Empty dict when no trigger fires.  Used as classifier features (with
        ``long_gap``) and, through :meth:`has_trigger`, to recognise acts.
        """
        out: dict[str, float] = {}
        for _h, t in self.trigger_hits(phrase, long_gap):
            if t.weight > out.get(t.type, 0.0):
                out[t.type] = t.weight
        return out

    def has_trigger(self, phrase: str) -> bool:
        """True when any action trigger occurs in ``phrase``."""
        return bool(self.trigger_types(phrase))

    # ---- results / other agents -------------------------------------------
    def result_at(self, text: str, i: int) -> str | None:
        """The result/outcome cue starting at ``text[i]`` (after adverbs)."""
        if not 0 <= i < len(text):
            return None
        j = i + self.head_offset(text[i : i + 16])
        h = self._res_m.at(normalize(text[j : j + 64]), 0)
        return h.cue if h else None

    def is_result(self, clause: str) -> bool:
        """True when ``clause`` reports an outcome rather than a new act."""
        return self.result_at(clause, 0) is not None

    def other_agent_at(self, text: str, i: int) -> str | None:
        """The other-agent marker (有关部门, 村民 …) starting at ``text[i]``."""
        if not 0 <= i < len(text):
            return None
        h = self._agent_m.at(normalize(text[i : i + 64]), 0)
        return h.cue if h else None

    def starts_with_other_agent(self, clause: str) -> bool:
        """True when ``clause`` opens with another agent (after 并/由/在 …)."""
        i = self.head_offset(clause)
        while i < len(clause) and clause[i] in self.rules.agent_lead_chars:
            i += 1
        return self.other_agent_at(clause, i) is not None


# --------------------------------------------------------------------------
# loading
# --------------------------------------------------------------------------
def _rows(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Parse a '#'-commented, tab-separated rule file of ``resources/actions`` with a header line.

    Raises :class:`ResourceError` naming the file when the header lacks a column.
    """
    lines = [ln for ln in read_text("actions", name).splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        return []
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise ResourceError(f"{component_dir('actions') / name}: header lacks column(s) {missing}")
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def _list(name: str) -> tuple[str, ...]:
    """Read a one-column cue list (header ``cue``), de-duplicated in order."""
    seen: dict[str, None] = {}
    for row in _rows(name, ("cue",)):
        if row["cue"]:
            seen.setdefault(row["cue"], None)
    return tuple(seen)


def _triggers() -> tuple[Trigger, ...]:
    """triggers.tsv, checked: an error names the file, the line and the cue."""
    f = component_dir("actions") / "triggers.tsv"
    lines = read_text("actions", "triggers.tsv").splitlines()
    out = []
    for row in _rows("triggers.tsv", ("cue", "type", "weight")):
        line = next((i for i, ln in enumerate(lines, 1) if ln.startswith(row["cue"] + "\t")), 0)
        try:
            t = Trigger(row["cue"], row["type"], float(row["weight"]))
        except ValueError:
            raise ResourceError(f"{f}:{line}: weight {row['weight']!r} of {row['cue']!r} is not a number") from None
        if t.type not in LINK_TYPES:
            raise ResourceError(f"{f}:{line}: unknown type {t.type!r} for {t.cue!r}; one of {LINK_TYPES}")
        if not 0.0 < t.weight <= 1.0:
            raise ResourceError(f"{f}:{line}: weight {t.weight} out of (0, 1] for {t.cue!r}")
        out.append(t)
    return tuple(out)


@lru_cache(maxsize=8)
def _load_cues(folder: Path) -> Cues:
    return Cues(
        speech=_list("speech_verbs.txt"),
        non_actions=tuple(NonAction(r["pattern"], r["kind"], r.get("why", ""))
                          for r in _rows("non_actions.tsv", ("pattern", "kind", "why"))),
        frames=tuple(Frame(r["open"], r.get("close", ""), r["kind"], r.get("why", ""))
                     for r in _rows("frames.tsv", ("open", "close", "kind", "why"))),
        triggers=_triggers(),
        results=_list("results.txt"),
        agents_other=_list("agents_other.txt"),
        rules=load_rules(),
    )


def load_cues() -> Cues:
    """Load and compile all cue files of the ``actions`` resource folder.

    Cached per folder (:func:`zhpolitics.resources.component_dir`): repeated calls
    return the same immutable object.  Raises :class:`ResourceError` naming the file
    and line if a trigger has an unknown type or a weight outside (0, 1].
    """
    return _load_cues(component_dir("actions"))
