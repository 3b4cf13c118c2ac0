"""People's Daily 1998 (PKU-tagged) paragraphs as raw text — shared by the recipes.

Each line is ``<id>/m  w1/t1  [w2/t2  w3/t3]nt ...``; the id loses its ``/m``, every
token loses its ``/tag`` and compound brackets, and the words are joined without
spaces.  Deterministic, so character offsets into the result are stable locators for
the label files in ``corpus/labels/`` (which hold offsets and labels, never text).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

_CLOSE_BRACKET = re.compile(r"\][A-Za-z]+$")


def token_word(token: str) -> str:
    """Surface form of one ``word/tag`` token: ``[中共/j`` → 中共, ``中央/n]nt`` → 中央."""
    tok = token
    if len(tok) > 1 and tok.startswith("["):
        tok = tok[1:]
    tok = _CLOSE_BRACKET.sub("", tok)
    if "/" in tok:
        return tok.rsplit("/", 1)[0]
    return tok


def iter_pd_paragraphs(path: str | Path) -> Iterator[tuple[str, str]]:
    """``(paragraph id, raw text)`` for every non-empty line, in file order."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            toks = line.split()
            if toks:
                yield toks[0].rsplit("/", 1)[0], "".join(token_word(t) for t in toks[1:])


def load_pd_paragraphs(path: str | Path, keep: str = "first") -> dict[str, str]:
    """``{paragraph id: raw text}``.  ``keep`` says which paragraph wins when an id
    repeats (one id does, in the January file): ``"first"`` or ``"last"``."""
    out: dict[str, str] = {}
    for pid, text in iter_pd_paragraphs(path):
        if keep == "last" or pid not in out:
            out[pid] = text
    return out
