"""Candidate spans for SLOGAN extraction.

What: three generators over raw text —

* :func:`find_quoted` — every span inside a quote pair (“…”, 『…』, 「…」, ‘…’,
  straight "…"), nested ones included;
* :func:`find_formulas` — unquoted numeric formulas (两个维护, 四个自信, 三会一课,
  五个一, 六最, 三严三实 …) guarded against ordinary counts (三个村, 两个月);
* :func:`find_known` — unquoted occurrences of given phrases (lexicon entries or
  slogans already found quoted in the same document).

Why: slogans are mostly introduced in quotes and then repeated bare; the
classifier decides which quoted spans are slogans, these functions only propose.
All offsets are ``str`` indices into the *original* text: nothing is normalised
before offsetting.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..lexicon import is_common_word
from ..resources import cached, path as resource_path


#: directional quote pairs: opener → closer
QUOTE_PAIRS: dict[str, str] = {"“": "”", "『": "』", "「": "」", "‘": "’"}
_CLOSERS = {v: k for k, v in QUOTE_PAIRS.items()}
#: characters trimmed from both ends of the inner text (sentence punctuation, spaces)
TRIM_CHARS = " \t\r\n\u3000！!。，,？?；;：:、…~～．.·"
#: a quote never spans more than this many characters (runaway guard)
MAX_QUOTE_LEN = 400


@dataclass(frozen=True)
class Candidate:
    """A proposed span. ``start:end`` is the slogan text itself;
    ``open_start:close_end`` includes the quote marks (equal to start/end for
    unquoted candidates)."""

    start: int
    end: int
    open_start: int
    close_end: int
    kind: str = "quoted"

    def text(self, doc: str) -> str:
        """The candidate's surface text in ``doc``."""
        return doc[self.start:self.end]


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in TRIM_CHARS:
        a += 1
    while b > a and text[b - 1] in TRIM_CHARS:
        b -= 1
    return a, b


def find_quoted(text: str) -> list[Candidate]:
    """All quoted spans, outermost and nested, sorted by position.

    Directional quotes are matched with a stack (so ‘…’ inside “…” yields both);
    straight double quotes pair up left to right within a line. Stacks reset at
    newlines because multi-paragraph quotations reopen without closing.
    Empty (after trimming) spans are dropped.
    """
    out: list[Candidate] = []
    stack: list[tuple[str, int]] = []
    straight: int | None = None

    def add(o: int, c: int) -> None:
        if c - o - 1 > MAX_QUOTE_LEN:
            return
        a, b = _trimmed(text, o + 1, c)
        if a < b:
            out.append(Candidate(a, b, o, c + 1, "quoted"))

    for i, ch in enumerate(text):
        if ch == "\n":
            stack.clear()
            straight = None
        elif ch in QUOTE_PAIRS:
            stack.append((ch, i))
        elif ch in _CLOSERS:
            opener = _CLOSERS[ch]
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == opener:
                    add(stack[k][1], i)
                    del stack[k:]
                    break
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                add(straight, i)
                straight = None
    out.sort(key=lambda c: (c.open_start, -c.close_end))
    return out


# ---------------------------------------------------------------- formulas

CN_NUM = "一二两三四五六七八九十"
_NUM_RE = f"[{CN_NUM}]"
#: characters that make a preceding numeral part of a longer number/ordinal
_BAD_BEFORE = set(CN_NUM + "第百千万亿0123456789０１２３４５６７８９零几每")
#: first char after "个一" that shows an ordinary number (五个一百万元)
_BAD_AFTER_ONE = set(CN_NUM + "百千万亿0123456789０１２３４５６７８９零个点些样次年月天名人位")
#: place-value numerals: NUM 百 NUM … is a number, never a formula
_BIG_NUMS = set("百佰千仟万萬亿億")
#: measure words / units that never form the X of a "三X两Y" formula
_UNITS = set("年月日天次个人位名家条件元斤吨号点分秒周岁倍层片块所座辆台只头张本届期回遍趟步路批份户村镇乡县市省国项门道句种类")


@cached("slogans")
def formula_heads(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Allowed heads after ``NUM+classifier`` (data file ``formula_heads.tsv``):
    ``{classifier: (head, …)}``, longest heads first."""
    p = path or resource_path("slogans", "formula_heads.tsv")
    heads: dict[str, list[str]] = {}
    for line in p.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cls, head = line.split("\t")[:2]
        heads.setdefault(cls, []).append(head)
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in heads.items()}


_CLASSIFIER_RE = re.compile(f"({_NUM_RE}{{1,2}})(个|项|大|条)")
_ZUI_RE = re.compile("([二两三四五六七八九十]{1,2})最(?![大小高低多少好先后初终早晚近远])")
_PAIR_RE = re.compile(
    f"({_NUM_RE})([\u4e00-\u9fff])({_NUM_RE})(公开|[\u4e00-\u9fff])"
)


def _ok_before(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] not in _BAD_BEFORE


def find_formulas(text: str) -> list[Candidate]:
    """Unquoted numeric formulas with boundary checks.

    Recognised shapes:

    * ``NUM 个|项|大|条 HEAD`` where HEAD is in ``formula_heads.tsv``
      (两个维护, 四个自信, 八项目标, 三大攻坚战); ``NUM个一`` (五个一) only when the
      following char does not continue a number (五个一百万元 rejected);
    * ``NUM 最`` (六最) unless 最 starts an ordinary superlative;
    * ``NUM X NUM Y`` (三严三实, 三会一课, 两学一做, 四议两公开) where X/Y are
      not measure words (三年两次 rejected).

    A numeral preceded by 第/百/digits etc. is never a formula start.
    Overlaps are resolved leftmost-longest.
    """
    heads = formula_heads()
    found: list[tuple[int, int]] = []
    for m in _CLASSIFIER_RE.finditer(text):
        s = m.start()
        if not _ok_before(text, s):
            continue
        cls = m.group(2)
        rest = m.end()
        for head in heads.get(cls, ()):
            if head == "一":
                if text.startswith("一", rest) and (rest + 1 >= len(text) or text[rest + 1] not in _BAD_AFTER_ONE):
                    found.append((s, rest + 1))
                    break
            elif text.startswith(head, rest):
                found.append((s, rest + len(head)))
                break
    for m in _ZUI_RE.finditer(text):
        if _ok_before(text, m.start()):
            found.append((m.start(), m.end()))
    for m in _PAIR_RE.finditer(text):
        s = m.start()
        x, y = m.group(2), m.group(4)
        if not _ok_before(text, s) or x in _UNITS or y[0] in _UNITS or x in CN_NUM or y[0] in CN_NUM \
                or x in _BIG_NUMS:  # 一百七個: a count with a measure word
            continue
        if m.group(1) == m.group(3) == "一":
            continue  # 一X一Y is ordinary (一心一意, 一草一木)
        if s > 0 and is_common_word(text[s - 1:s + 3], 5):
            continue  # 举一反三开展: an idiom that starts one character earlier
        if is_common_word(text[s:m.end()], 5):
            continue  # 四面八方, 五湖四海: a dictionary idiom, not a formula
        found.append((s, m.end()))
    return [Candidate(a, b, a, b, "formula") for a, b in _leftmost_longest(found)]


#: three or more clauses of the same length (3 or 4 characters) joined by one
#: repeated separator, not continued by another CJK character or clause — a list
#: that goes on (…、值班备勤等工作) is an enumeration (稳粮食、兴产业、美乡村)
_PARALLEL_RES = tuple(
    re.compile(f"[\u4e00-\u9fff]{{{n}}}([、，,])(?:[\u4e00-\u9fff]{{{n}}}\\1)+[\u4e00-\u9fff]{{{n}}}(?![\u4e00-\u9fff]|\\1)")
    for n in (3, 4))


def find_parallel(text: str) -> list[Candidate]:
    """Unquoted parallel formulas: ``ABC、DEF、GHI`` (3–4 characters per clause, one separator).

    Why: mottos are printed bare as often as quoted (接地气、察民情、聚民智、惠民生);
    these are only candidates — the classifier rejects lists of places or problems.
    Spans right inside a quote mark are left to :func:`find_quoted`.
    """
    found: list[tuple[int, int]] = []
    for rx in _PARALLEL_RES:
        for m in rx.finditer(text):
            a, b = m.start(), m.end()
            if a > 0 and text[a - 1] == m.group(1):
                continue  # the tail of a longer list (甲、乙乙乙、丙丙丙、丁丁丁)
            if _name_list(text[a:b].split(m.group(1))):
                continue
            if (a > 0 and text[a - 1] in _OPENERS) or (b < len(text) and text[b] in _CLOSERS_ALL):
                continue
            found.append((a, b))
    return [Candidate(a, b, a, b, "parallel") for a, b in _leftmost_longest(found)]


#: a headline piece: 4–16 characters of CJK text, optionally split by one 、，· or a space
_HEADLINE_PIECE = re.compile(r"[\u4e00-\u9fff]{2,8}(?:[、，,·\u3000 ][\u4e00-\u9fff]{2,8})?")
#: what splits a headline into pieces (dashes, bars, colons, brackets)
_HEADLINE_SPLIT = re.compile(r"——|—|--|[丨｜|:：()（）【】\[\]]")
#: a headline line is at most this long and holds no sentence punctuation
MAX_HEADLINE_LEN = 40


def find_headlines(text: str) -> list[Candidate]:
    """Whole pieces of short headline lines (no 。！？), which may be unquoted mottos.

    Why: pages print campaign mottos bare as headlines (民有所呼、我有所应 / 同心战疫 人大行动);
    only the classifier decides, and it sees the piece is a headline (``kind``)."""
    out: list[Candidate] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if 4 <= len(stripped) <= MAX_HEADLINE_LEN and not re.search(r"[。！？!?“”\"‘’「」『』《》]", stripped):
            for piece in _HEADLINE_SPLIT.split(line):
                m = _HEADLINE_PIECE.fullmatch(piece.strip())
                if m and len(piece.strip()) >= 4:
                    a = pos + line.index(piece) + (len(piece) - len(piece.lstrip()))
                    out.append(Candidate(a, a + len(piece.strip()), a, a + len(piece.strip()), "headline"))
        pos += len(line) + 1
    return out


#: a clause list whose every clause opens with one of this many most common surnames
#: is a list of people (马光平、丁益民、刘安平), not a motto
COMMON_SURNAMES = 150


@cached("people")
def _common_surnames() -> frozenset[str]:
    """The most common single surnames, by the rank the people resources give them."""
    from ..people.names import surname_rank

    return frozenset(s for s, rank in surname_rank().items() if rank < COMMON_SURNAMES)


def _name_list(clauses: list[str]) -> bool:
    """Whether three-character clauses all start with a common surname (a list of names)."""
    names = _common_surnames()
    return all(len(c) == 3 and c[0] in names for c in clauses)


_OPENERS = set(QUOTE_PAIRS) | {'"'}
_CLOSERS_ALL = set(_CLOSERS) | {'"'}


def find_bare(text: str, quoted: list[Candidate]) -> list[Candidate]:
    """Unquoted candidates for the classifier: parallel formulas, then headline pieces
    that overlap neither a quote nor a parallel formula."""
    def inside_quote(c: Candidate) -> bool:
        return any(q.open_start <= c.start and c.end <= q.close_end for q in quoted)

    parallel = [p for p in find_parallel(text) if not inside_quote(p)]
    heads = [h for h in find_headlines(text) if not inside_quote(h)
             and not any(h.start < p.end and p.start < h.end for p in parallel)]
    return parallel + heads


def _leftmost_longest(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    last = -1
    for a, b in sorted(set(spans), key=lambda x: (x[0], -(x[1] - x[0]))):
        if a >= last:
            out.append((a, b))
            last = b
    return out


# ---------------------------------------------------------------- known phrases

def find_known(text: str, phrases: Iterable[str], min_len: int = 2) -> list[Candidate]:
    """Unquoted occurrences of ``phrases`` in ``text`` (leftmost-longest,
    non-overlapping), excluding occurrences that sit exactly inside quote marks
    (those are found by :func:`find_quoted`). Matching is exact on the raw text
    so offsets stay valid; callers add variant spellings to ``phrases``.
    """
    pats = sorted({p for p in phrases if len(p) >= min_len})
    if not pats:
        return []
    hits: list[tuple[int, int]] = []
    try:
        import ahocorasick  # type: ignore

        A = ahocorasick.Automaton()
        for p in pats:
            A.add_word(p, len(p))
        A.make_automaton()
        for end_idx, n in A.iter(text):
            hits.append((end_idx - n + 1, end_idx + 1))
    except ImportError:  # pragma: no cover - fallback
        for p in pats:
            i = text.find(p)
            while i != -1:
                hits.append((i, i + len(p)))
                i = text.find(p, i + 1)
    quoted = {(c.start, c.end) for c in find_quoted(text)}
    out = []
    for a, b in _leftmost_longest(hits):
        if (a, b) in quoted:
            continue
        out.append(Candidate(a, b, a, b, "known"))
    return out
