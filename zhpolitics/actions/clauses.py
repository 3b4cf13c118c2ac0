"""Cut a document into the units the learned linker decides on (no spaCy here).

A *unit* is a clause — the text from one ，；。：！？ (or line break) to the next —
further cut at every DEPUTY mention, so that the words after a name (its
predicate) and the title before it are separate units.  Each unit remembers its
sentence, paragraph (line), the punctuation on either side and whether it sits
inside quotation marks, because those are what tell an act from a description,
a quote or a heading.

Why units and not tokens: the contract's ACTION span is a predicate phrase that
runs over one or more clauses; deciding clause by clause (is it an act, whose,
does it continue the previous one) keeps each decision small enough to learn
from a few hundred annotated pages.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ..text import SENT_END, split_after

#: punctuation that ends a clause (the sentence enders included)
CLAUSE_SEP = "，,：:；;"
#: the text layer's sentence ends, except the semicolon (a clause end here) and the ellipsis
SENT_SEP = "".join(c for c in SENT_END if c not in "；;…")
_OPEN_Q = "“‘「『"
_CLOSE_Q = "”’」』"
_STRIP = " \u3000\t\r\n，,、。；;：:“”\"'‘’「」『』"


@dataclass(frozen=True)
class Unit:
    """One clause piece: ``text[start:end]`` (already stripped of punctuation)."""

    start: int
    end: int
    sent: int  # sentence index
    para: int  # paragraph (line) index
    sep_before: str  # the punctuation that opened it ("" at a sentence start, "D" after a name)
    sep_after: str  # the punctuation that closes it ("D" before a name)
    quoted: bool  # inside “…”
    first_in_sent: bool


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets: up to and including 。！？ or a line break (closing quotes kept)."""
    return split_after(text, SENT_SEP, _CLOSE_Q)


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    """Drop blanks, punctuation and quote marks at both ends."""
    while a < b and text[a] in _STRIP:
        a += 1
    while b > a and text[b - 1] in _STRIP + "！!？?…":
        b -= 1
    return a, b


def _raw_clauses(text: str, s: int, e: int) -> list[tuple[int, int, str, str, bool]]:
    """(start, end, sep_before, sep_after, quoted) of the clauses of one sentence."""
    out, start, depth, before = [], s, 0, ""
    q_at_start = False
    for i in range(s, e):
        ch = text[i]
        if ch in _OPEN_Q:
            depth += 1
        elif ch in _CLOSE_Q:
            depth = max(0, depth - 1)
        elif ch in CLAUSE_SEP or ch in SENT_SEP:
            out.append((start, i, before, ch, q_at_start or depth > 0))
            start, before = i + 1, ch
            q_at_start = depth > 0
    if start < e:
        out.append((start, e, before, "", q_at_start or depth > 0))
    return out


def segment(text: str, deputies: list[tuple[int, int]]) -> list[Unit]:
    """All units of ``text``; no unit overlaps a deputy mention."""
    deps = sorted(deputies)
    dstarts = [d[0] for d in deps]
    units: list[Unit] = []
    for si, (s, e) in enumerate(sentences(text)):
        first = True
        for a, b, sb, sa, q in _raw_clauses(text, s, e):
            cuts = [(a, sb)]
            for ds, de in deps[bisect_left(dstarts, a):bisect_left(dstarts, b)]:
                if a <= ds < b:
                    cuts[-1] = cuts[-1] + (ds,)
                    cuts.append((min(de, b), "D"))
            for k, cut in enumerate(cuts):
                pa, before = cut[0], cut[1]
                pb = cut[2] if len(cut) > 2 else b
                after = "D" if len(cut) > 2 else sa
                ua, ub = _strip(text, pa, pb)
                if ub > ua:
                    units.append(Unit(ua, ub, si, 0, before, after, q, first))
                    first = False
    return _fix_paras(text, units)


def _fix_paras(text: str, units: list[Unit]) -> list[Unit]:
    """Number paragraphs by the line breaks before each unit (one pass, exact)."""
    out, para, pos = [], 0, 0
    for u in units:
        para += text.count("\n", pos, u.start)
        pos = u.start
        out.append(Unit(u.start, u.end, u.sent, para, u.sep_before, u.sep_after, u.quoted, u.first_in_sent))
    return out
