"""Person-name candidates in Chinese text (no spaCy).

A name is proposed only where the context makes one likely (after a congress title or a
role word, before 代表 or 说).  This module decides its extent: surname (single or
compound) + a one- or two-character given name, or a minority name joined with ·.
Length is chosen from, in order: a statistical PER span when one is available, the
document's other mentions of the same name, characters that cannot continue a name
(说, 在, 了解…), and a general word list (jieba's dictionary) so that 表示 or 高兴 are
never taken for names.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..lexicon import entry, is_common_word
from ..resources import component_dir, read_text
from ..text import is_han
from .rules import rules

_MINORITY = re.compile(r"[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,10}){1,3}")


@dataclass(frozen=True)
class NameResources:
    surnames: frozenset[str]
    compound: tuple[str, ...]
    stop_chars: frozenset[str]
    stop_words: tuple[str, ...]
    roles: tuple[str, ...]
    stop_word_set: frozenset[str] = frozenset()
    stop_word_lens: tuple[int, ...] = ()
    stop_prefixes: frozenset[str] = frozenset()


def _read(name: str) -> str:
    return read_text("people", name)


def load() -> NameResources:
    """The name word lists of the current people rule folder (cached per folder)."""
    return _load(component_dir("people"))


@lru_cache(maxsize=8)
def _load(folder: Path) -> NameResources:
    single: set[str] = set()
    compound: list[str] = []
    for line in _read("surnames.txt").splitlines():
        if line.startswith("#"):
            continue
        for tok in line.split():
            if len(tok) == 2:
                compound.append(tok)
            else:
                single.add(tok)
    lines = [l for l in _read("name_stops.txt").splitlines() if l and not l.startswith("#")]
    stop_chars = frozenset(lines[0].split())
    stop_words = tuple(w for l in lines[1:] for w in l.split())
    roles = tuple(sorted({l.strip() for l in _read("roles.txt").splitlines() if l.strip() and not l.startswith("#")}, key=len, reverse=True))
    return NameResources(frozenset(single), tuple(compound), stop_chars, stop_words, roles,
                         frozenset(stop_words), tuple(sorted({len(w) for w in stop_words})),
                         frozenset(w[:2] for w in stop_words))


def _words(name: str) -> list[str]:
    """The whitespace-separated words of a resource file, comment lines (#) skipped."""
    return [w for l in _read(name).splitlines() if not l.startswith("#") for w in l.split()]


def _kinship() -> frozenset[str]:
    return _kinship_at(component_dir("people"))


@lru_cache(maxsize=8)
def _kinship_at(folder: Path) -> frozenset[str]:
    return frozenset(_words("kinship.txt"))


def eponym_suffixes() -> tuple[str, ...]:
    """Words that, right after a name, make it the name of a doctrine (毛泽东思想, 邓小平理论)."""
    return _eponyms_at(component_dir("people"))


@lru_cache(maxsize=8)
def _eponyms_at(folder: Path) -> tuple[str, ...]:
    return tuple(_words("eponym_suffixes.txt"))


def surname_rank() -> dict[str, int]:
    """Rank of each single surname in surnames.txt (its first line lists them by how many
    people bear them: 王 李 张 刘 陈 …); later lines rank after it."""
    return _surname_rank_at(component_dir("people"))


@lru_cache(maxsize=8)
def _surname_rank_at(folder: Path) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in _read("surnames.txt").splitlines():
        if line.startswith("#"):
            continue
        for tok in line.split():
            if len(tok) == 1:
                out.setdefault(tok, len(out))
    return out


def split_name_run(run: str) -> list[int] | None:
    """Lengths of the names in an unseparated run of names (严正孙勇军 → [2, 3]), or None.

    Bylines often write several names with no separator: （高琪罗华宇王光荣）.  Every
    piece must start with a surname and hold a one- or two-character given name; among
    the splits that satisfy this, the one whose surnames are the most common wins (a
    surname's rank in surnames.txt stands for its frequency), with a small preference
    for three-character names, the usual form.  Dynamic programming over the run.
    """
    n = len(run)
    if n < 4 or n > 16 or not all(is_han(c) for c in run):
        return None
    r = load()
    rank = surname_rank()
    stops = r.stop_chars
    best: list[tuple[float, list[int]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for i in range(n):
        if best[i] is None:
            continue
        sl = 2 if run[i:i + 2] in r.compound else (1 if run[i] in r.surnames else 0)
        if not sl:
            continue
        cost = 0.5 if sl == 2 else math.log(1.0 + rank.get(run[i], 400) / 10.0)
        for g in (1, 2):
            j = i + sl + g
            if j > n or any(c in stops for c in run[i + sl:j]):
                continue
            total = best[i][0] + cost + (0.4 if g == 1 else 0.0)
            if best[j] is None or total < best[j][0]:
                best[j] = (total, best[i][1] + [j - i])
    return best[n][1] if best[n] is not None and len(best[n][1]) >= 2 else None


def _tibetan_parts() -> frozenset[str]:
    return _tibetan_at(component_dir("people"))


@lru_cache(maxsize=8)
def _tibetan_at(folder: Path) -> frozenset[str]:
    return frozenset(_words("tibetan_name_parts.txt"))


def tibetan_at(text: str, i: int) -> str | None:
    """A Tibetan name starting at ``i``: two known elements (才让卓玛) or one (扎西)."""
    parts = _tibetan_parts()
    for a in (3, 2):
        if text[i:i + a] in parts:
            for b in (3, 2):
                if text[i + a:i + a + b] in parts:
                    return text[i:i + a + b]
            return text[i:i + a]
    return None


def surname_len(text: str, i: int) -> int:
    """Length of the surname starting at ``i`` (2 for 欧阳, 1 for 王), or 0."""
    r = load()
    if text[i:i + 2] in r.compound:
        return 2
    if i < len(text) and text[i] in r.surnames:
        return 1
    return 0


def _bad_name(name: str) -> bool:
    """A candidate that cannot be a name: an organisation ending (宣讲队), a stop
    character, a character no given name holds (解|民忧: chars.never_given), a
    kinship word or a frequent ordinary word."""
    c = rules().chars
    if rules().terms.anon in name[1:] or any(not is_han(ch) and ch != "·" for ch in name):
        return True
    if "·" not in name:
        if len(name) >= 2 and name[0] == name[1]:
            return True  # 祖祖辈辈
        if len(name) == 3 and name[-1] in c.org_end:
            return True  # 宣讲队, 海淀团
        if any(ch in c.strong_stop for ch in name[1:]):
            return True  # 阿说日
        if any(ch in c.never_given for ch in name[1:]):
            return True
    if "·" not in name:
        sl = surname_len(name, 0) or 1
        given = name[sl:]
        ge = entry(given) if len(given) >= 2 else None
        if given in _kinship() or (ge is not None and ge[0] >= 9000 and not ge[1].startswith(("nr", "ns", "nz"))):
            return True  # 和|企业, 房|大爷, 向|记者 (but 韩|光明, 王|和平 are names)
        if len(name) == 3 and is_common_word(name[:2], 1000):
            return True  # 谢谢|毛
    e = entry(name)
    if e is not None:
        f, tag = e
        if not tag.startswith("nr") and f >= 30:
            return True
        if tag.startswith("nr") and f >= 20000:
            return True
    return False


def _stop_word_at(text: str, k: int) -> bool:
    """A stop word (同志, 表示 …) starts at ``k``: the name ends before it."""
    r = load()
    return any(text[k:k + L] in r.stop_word_set for L in r.stop_word_lens)


def _doc_evidence(text: str, i: int, sl: int, doc_counts: dict[str, int]) -> str | None:
    """The document's own evidence first: a string always followed by the same
    character is one name (梅朵拉毛)."""
    r = load()
    for L in (sl + 3, sl + 2):
        cand = text[i:i + L]
        shorter = text[i:i + L - 1]
        if len(cand) == L and all(is_han(c) for c in cand) and doc_counts.get(cand, 0) >= 2 \
                and doc_counts.get(cand, 0) == doc_counts.get(shorter, 0) and not _bad_name(cand) \
                and cand[-1] not in r.stop_chars and not _stop_word_at(text, i + L - 1) and not (L == sl + 3 and any(
                    is_common_word(cand[k:k + 2], 300) for k in range(L - 1))):
            return cand  # (a three-character given name must not hold an ordinary word: 干部带头)
    return None


def _doc_prefers_shorter(text: str, i: int, sl: int, doc_counts: dict[str, int]) -> bool:
    """A shorter form seen with other followers wins over a two-character given name."""
    L = sl + 2
    cand, shorter = text[i:i + L], text[i:i + L - 1]
    return len(cand) == L and doc_counts.get(shorter, 0) >= 2 and doc_counts.get(shorter, 0) > doc_counts.get(cand, 0) \
        and doc_counts.get(cand, 0) <= 1 and not _bad_name(shorter) and len(shorter) >= 2


def name_at(text: str, i: int, doc_counts: dict[str, int] | None = None, max_given: int = 2) -> str | None:
    """The most plausible person name starting at offset ``i`` of ``text``, or None.

    ``text`` is the normalised view; ``doc_counts`` counts candidate strings over the
    whole document so that a name seen several times wins over a longer accident.
    """
    if i >= len(text):
        return None
    m = _MINORITY.match(text, i)
    if m:
        return trim_minority(m.group(0))
    tib = tibetan_at(text, i)
    if tib is not None and len(tib) >= 4:
        return tib  # 才让卓玛, 多杰扎西 (索南才仁: 索 is also a Han surname)
    r = load()
    sl = surname_len(text, i)
    if not sl:
        if tib is not None and (i + len(tib) >= len(text) or not is_han(text[i + len(tib)])
                                or text[i + len(tib)] in r.stop_chars):
            return tib  # 扎西说
        return None
    options: list[str] = []
    for g in range(1, max_given + 1):
        cand = text[i:i + sl + g]
        if len(cand) < sl + g or not all(is_han(c) for c in cand):
            break
        options.append(cand)
    if not options:
        return None
    if doc_counts:
        fixed = _doc_evidence(text, i, sl, doc_counts)
        if fixed is not None:
            return fixed
        if _doc_prefers_shorter(text, i, sl, doc_counts):
            options = [o for o in options if len(o) <= sl + 1]
    # prefer the two-character given name unless the text says the name ended earlier
    best: str | None = None
    for cand in reversed(options):  # longest first
        if len(cand) == sl + 2:
            third = cand[-1]
            if third in r.stop_chars:
                continue
            k = i + len(cand) - 1
            if any(text[k:k + L] in r.stop_word_set for L in r.stop_word_lens):
                continue  # 高艳|知道, 徐准|了解
            if is_common_word(text[i + len(cand) - 1:i + len(cand) + 1], 3000, ()):
                continue
        if _bad_name(cand):
            continue
        best = cand
        break
    return best


def trim_minority(name: str) -> str:
    """斯尔江·托合提木拉提说起 → 斯尔江·托合提木拉提: cut the last part at a stop word."""
    r = load()
    head, _, last = name.rpartition("·")
    for k in range(2, len(last)):
        if last[k] in rules().chars.minority_stop or any(last.startswith(w, k) for w in r.stop_words) \
                or is_common_word(last[k:k + 2], 300):
            last = last[:k]
            break
    # leading pronouns, conjunctions and role words are not part of the name
    changed = True
    while changed and len(head) > 2:
        changed = False
        for role in r.roles:
            if head.startswith(role) and len(head) - len(role) >= 2:
                head = head[len(role):]
                changed = True
                break
        if len(head) > 2 and head[0] in rules().chars.minority_lead:
            head = head[1:]
            changed = True
    return head + "·" + last


def plausible_minority(name: str) -> bool:
    """A ·-joined string that is a transliterated name, not 成长·收获 or 湖南日报·客户端."""
    parts = name.split("·")
    if not (2 <= len(parts[0]) <= 6) or any(len(p) < 2 for p in parts):
        return False
    for p in parts:
        for k in range(len(p) - 1):
            for L in (2, 3, 4):
                w = p[k:k + L]
                if len(w) == L and is_common_word(w, 100):
                    return False
    return True


def role_before(text: str, i: int) -> str | None:
    """The role word (书记, 村民…) ending right at offset ``i``, if any."""
    for role in load().roles:
        if i >= len(role) and text.startswith(role, i - len(role)):
            return role
    return None


class _LazyCounts(dict):
    """Occurrences of a string in the document, counted on first request (str.count)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def __bool__(self) -> bool:  # always "available", even before the first lookup
        return True

    def get(self, key, default=0):  # type: ignore[override]
        v = dict.get(self, key)
        if v is None:
            v = 0
            r = load()
            if 2 <= len(key) <= 5 and all(is_han(c) for c in key) and (key[0] in r.surnames or key[:2] in r.compound):
                i = self.text.find(key)
                while i != -1:  # overlapping occurrences
                    v += 1
                    i = self.text.find(key, i + 1)
            self[key] = v
        return v


def count_candidates(text: str) -> dict[str, int]:
    """Occurrences of candidate name strings in the document, computed lazily.

    Used to break ties in name length with the document's own evidence.
    """
    return _LazyCounts(text)
