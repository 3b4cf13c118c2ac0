"""A general Chinese word list used as a *guard* against false names and places.

Rules that propose a person name (王俊峰) or a suffix-less place (潞州, 山西) must not
fire on ordinary words (表示, 和平, 东方).  jieba (MIT, a PyPI dependency) ships a
349k-word dictionary with frequencies and POS tags; we read it once, lazily, and
answer "is this string a frequent ordinary word?".  Nothing is downloaded.
"""

from __future__ import annotations

import os
from functools import lru_cache


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[int, str]]:
    import importlib.util

    spec = importlib.util.find_spec("jieba")  # locate the bundled dictionary without importing jieba
    if spec is None or spec.origin is None:  # pragma: no cover
        return {}
    path = os.path.join(os.path.dirname(spec.origin), "dict.txt")
    table: dict[str, tuple[int, str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2 and 2 <= len(parts[0]) <= 6:
                table[parts[0]] = (int(parts[1]), parts[2] if len(parts) > 2 else "")
    return table


def entry(word: str) -> tuple[int, str] | None:
    """``(frequency, pos_tag)`` of ``word`` in the general dictionary, or None."""
    return _table().get(word)


def freq(word: str) -> int:
    e = _table().get(word)
    return e[0] if e else 0


def is_common_word(word: str, min_freq: int = 500, allow_tags: tuple[str, ...] = ()) -> bool:
    """True when ``word`` is a frequent dictionary word whose tag is not in ``allow_tags``."""
    e = _table().get(word)
    if not e:
        return False
    f, tag = e
    return f >= min_freq and not any(tag.startswith(t) for t in allow_tags)
