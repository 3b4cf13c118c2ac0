"""Find web boilerplate (navigation bars, footers, copyright lines) in scraped pages.

Researchers feed zhpolitics raw scraped pages; nothing found in a menu or footer is
news content, so every component ignores the ranges returned here.  Detection is
line-based and driven by the cue lists in ``resources/boilerplate/markers.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from .resources import cached, read_text

from .text import FULL_STOP

_SENT_PUNCT = re.compile(f"[{re.escape(FULL_STOP)}]")  # on the normalised view, ！？ are the only forms


@dataclass(frozen=True)
class Markers:
    nav: tuple[str, ...]
    footer: tuple[str, ...]
    tail: tuple[str, ...]
    nav_max_len: int
    min_pipe_items: int


@cached("boilerplate")
def load_markers() -> Markers:
    """Load the boilerplate cue lists shipped in the package."""
    raw = json.loads(read_text("boilerplate", "markers.json"))
    return Markers(tuple(raw["nav"]), tuple(raw["footer"]), tuple(raw["tail"]), int(raw["nav_max_len"]), int(raw["min_pipe_items"]))


def _is_nav(line: str, m: Markers) -> bool:
    s = line.strip()
    if not s:
        return False
    if s.count("|") + s.count("｜") >= m.min_pipe_items - 1 and len(s) <= 400:
        return True
    if len(s) > m.nav_max_len or _SENT_PUNCT.search(s):
        return False
    if any(c in s for c in m.nav):
        return True
    # a line of many short space-separated items without sentence punctuation: a menu
    items = s.split()
    if len(items) >= 5 and sum(len(x) <= 6 for x in items) >= 0.8 * len(items) and "，" not in s:
        return True
    return False


def _is_footer(line: str, m: Markers) -> bool:
    s = line.strip()
    if not s or len(s) > 300:
        return False
    return any(c in s for c in m.footer)


def find_boilerplate(norm_text: str) -> list[tuple[int, int]]:
    """Return sorted, merged ``[start, end)`` ranges of boilerplate lines.

    ``norm_text`` is the normalised view (see :func:`zhpolitics.text.normalize`); the
    offsets are valid for the original text too.
    """
    m = load_markers()
    out: list[tuple[int, int]] = []
    pos = 0
    lines = norm_text.split("\n")
    tail_from: int | None = None
    for line in lines:
        start, end = pos, pos + len(line)
        pos = end + 1
        s = line.strip()
        if tail_from is None and s and len(s) <= 12 and any(s.strip("-—【】[] ") == t or s.startswith(t) for t in m.tail):
            tail_from = start
        if tail_from is not None:
            continue
        if _is_nav(line, m) or _is_footer(line, m):
            out.append((start, end))
    if tail_from is not None:
        out.append((tail_from, len(norm_text)))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(out):
        if merged and s <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps any of ``ranges``."""
    for s, e in ranges:
        if start < e and s < end:
            return True
    return False
