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

All lookups take the *original* text and return offsets into it.  Matching is
done on a length-preserving folded copy (full-width → half-width, traditional
→ simplified, character by character), so offsets never shift.

Pure Python (+ optional ``opencc`` for the traditional → simplified fold);
no spaCy.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from ..resources import cached, read_text
from typing import Iterable, Iterator

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
    "fold",
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
#: Adverbs/connectives skipped before testing a phrase head.
_LEAD = re.compile(
    r"^(?:先后|先後|已经|已經|分别|分別|同时|同時|随即|隨即|当即|當即|主动|主動|积极|積極|"
    r"立即|马上|馬上|随后|隨後|首先|于是|於是|而且|始终|始終|一直|总是|總是|时刻|時刻|常常|经常|經常|"
    r"[并並还還也都均又亦曾已便就则則])*"
)

_RESOURCE_PACKAGE = "zhpolitics.resources.actions"


# --------------------------------------------------------------------------
# folding (length preserving)
# --------------------------------------------------------------------------
def _t2s_converter():
    """Return a str→str traditional→simplified converter, or None.

    Why optional: opencc-python-reimplemented is a declared dependency but
    the cue code must still work (for simplified text) without it.
    """
    try:
        import opencc  # type: ignore

        conv = opencc.OpenCC("t2s")
        return conv.convert
    except Exception:  # pragma: no cover - depends on environment
        return None


_T2S = _t2s_converter()


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    """Fold one character: NFKC width fold, then traditional → simplified.

    A fold that would change the length (ligatures, multi-char conversions)
    is ignored, so that folded text always aligns with the original.
    """
    out = ch
    nf = unicodedata.normalize("NFKC", ch)
    if len(nf) == 1:
        out = nf
    if _T2S is not None and "\u3400" <= out <= "\u9fff":
        conv = _T2S(out)
        if len(conv) == 1:
            out = conv
    return out


def fold(text: str) -> str:
    """Length-preserving normalisation used for all cue matching.

    Full-width digits/latin/punctuation become half-width (``１０`` → ``10``,
    ``，`` → ``,``) and traditional characters become simplified (``調解`` →
    ``调解``).  ``len(fold(t)) == len(t)`` always holds, so offsets found in
    the folded text are offsets into ``t``.
    """
    return "".join(_fold_char(c) for c in text)


def _fold_cue(cue: str) -> str:
    """Fold a cue string but keep the gap marker (NFKC turns … into ...)."""
    return GAP.join(fold(part) for part in cue.split(GAP))


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
    """Find all occurrences of literal and ``…``-gapped cues in folded text.

    Literal cues go into one Aho-Corasick automaton (or a regex alternation
    when pyahocorasick is missing); gapped cues are compiled into one regex
    each (they are few).
    """

    def __init__(self, cues: Iterable[str], max_gap: int = MAX_GAP) -> None:
        self.literal: dict[str, str] = {}  # folded → original cue
        self.gapped: list[tuple[re.Pattern[str], str]] = []
        for cue in cues:
            fc = _fold_cue(cue)
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

    def iter(self, folded: str) -> Iterator[Hit]:
        """Yield every (possibly overlapping) cue hit in ``folded``."""
        if self._auto is not None:
            for end_idx, (length, cue) in self._auto.iter(folded):
                yield Hit(end_idx - length + 1, end_idx + 1, cue)
        elif self._regex is not None:  # pragma: no cover
            for m in self._regex.finditer(folded):
                s = m.start(1)
                yield Hit(s, s + len(m.group(1)), self.literal[m.group(1)])
        for rx, cue in self.gapped:
            for m in rx.finditer(folded):
                yield Hit(m.start(), m.end(), cue)

    def at(self, folded: str, i: int) -> Hit | None:
        """Longest cue hit that starts exactly at ``i`` (or None)."""
        best: Hit | None = None
        window = folded[i : i + 64]
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
    @staticmethod
    def head_offset(phrase: str) -> int:
        """Offset of the phrase head after leading adverbs (并, 还, 主动 …)."""
        m = _LEAD.match(fold(phrase))
        return m.end() if m else 0

    # ---- speech ----------------------------------------------------------
    def speech_at(self, text: str, i: int) -> str | None:
        """The speech/feeling verb starting exactly at ``text[i]``, or None.

        Longest match wins (介绍说 over 介绍).
        """
        if not 0 <= i < len(text):
            return None
        h = self._speech_m.at(fold(text[i : i + 64]), 0)
        return h.cue if h else None

    def find_speech(self, text: str) -> list[Hit]:
        """All speech/feeling verb occurrences in ``text`` (offsets into it)."""
        return sorted(self._speech_m.iter(fold(text)), key=lambda h: (h.start, -h.end))

    def is_speech(self, phrase: str) -> bool:
        """True when the phrase head (after adverbs) is a speech/feeling verb."""
        i = self.head_offset(phrase)
        return self.speech_at(phrase, i) is not None if i < len(phrase) else False

    # ---- non-actions -----------------------------------------------------
    def non_action_at(self, text: str, i: int) -> NonAction | None:
        """The non-action pattern (当选, 出席, 受到…接见 …) starting at ``i``."""
        if not 0 <= i < len(text):
            return None
        h = self._non_m.at(fold(text[i : i + 64]), 0)
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
        ft = fold(text[i : i + max_len + 8])
        best: tuple[Frame, int, int, int] | None = None
        for fr in self.frames:
            o = _fold_cue(fr.open)
            if not ft.startswith(o):
                continue
            stop = len(ft)
            for k in range(len(o), len(ft)):
                if ft[k] in _GAP_STOP or ft[k] in ",.;":
                    stop = k
                    break
            if fr.close:
                c = _fold_cue(fr.close)
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
        for h in (self._trig_type_m if long_gap else self._trig_m).iter(fold(phrase)):
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
        h = self._res_m.at(fold(text[j : j + 64]), 0)
        return h.cue if h else None

    def is_result(self, clause: str) -> bool:
        """True when ``clause`` reports an outcome rather than a new act."""
        return self.result_at(clause, 0) is not None

    def other_agent_at(self, text: str, i: int) -> str | None:
        """The other-agent marker (有关部门, 村民 …) starting at ``text[i]``."""
        if not 0 <= i < len(text):
            return None
        h = self._agent_m.at(fold(text[i : i + 64]), 0)
        return h.cue if h else None

    def starts_with_other_agent(self, clause: str) -> bool:
        """True when ``clause`` opens with another agent (after 并/由/在 …)."""
        i = self.head_offset(clause)
        while i < len(clause) and clause[i] in "由被让讓使经經":
            i += 1
        return self.other_agent_at(clause, i) is not None


# --------------------------------------------------------------------------
# loading
# --------------------------------------------------------------------------
def _read_resource(name: str) -> str:
    """Read one UTF-8 resource file of this package (importlib.resources)."""
    return read_text("actions", name)


def _rows(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Parse a '#'-commented, tab-separated resource with a header line.

    Raises ValueError naming the file when the header lacks a column.
    """
    lines = [ln for ln in _read_resource(name).splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        return []
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"{name}: header lacks column(s) {missing}")
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def _list(name: str) -> tuple[str, ...]:
    """Read a one-column cue list (header ``cue``), de-duplicated in order."""
    seen: dict[str, None] = {}
    for row in _rows(name, ("cue",)):
        if row["cue"]:
            seen.setdefault(row["cue"], None)
    return tuple(seen)


@cached("actions")
def load_cues() -> Cues:
    """Load and compile all cue files from ``zhpolitics/resources/actions``.

    Cached: repeated calls return the same immutable object.  Raises
    ValueError if a trigger has an unknown type or a weight outside (0, 1].
    """
    triggers = []
    for row in _rows("triggers.tsv", ("cue", "type", "weight")):
        t = Trigger(row["cue"], row["type"], float(row["weight"]))
        if t.type not in LINK_TYPES:
            raise ValueError(f"triggers.tsv: unknown type {t.type!r} for {t.cue!r}")
        if not 0.0 < t.weight <= 1.0:
            raise ValueError(f"triggers.tsv: weight {t.weight} out of (0, 1] for {t.cue!r}")
        triggers.append(t)
    return Cues(
        speech=_list("speech_verbs.txt"),
        non_actions=tuple(NonAction(r["pattern"], r["kind"], r.get("why", ""))
                          for r in _rows("non_actions.tsv", ("pattern", "kind", "why"))),
        frames=tuple(Frame(r["open"], r.get("close", ""), r["kind"], r.get("why", ""))
                     for r in _rows("frames.tsv", ("open", "close", "kind", "why"))),
        triggers=tuple(triggers),
        results=_list("results.txt"),
        agents_other=_list("agents_other.txt"),
    )
