"""Name boundaries from the character NER, read around person cues (no spaCy).

Why.  The rules guess where a name ends from its length and a word list, and on pages
they were not written against that guess fails both ways: 人大代表王芳和李建国 gave
``王芳和``, 人大代表孙静冒雨 gave ``孙静冒``, and a title followed by an ordinary word
(人大代表公示牌, 镇人大代表闻汛而动) gave a "deputy".  The character NER
(``models/zh_charner``) has no fixed length and sees the whole clause, so wherever it
ran, the rules ask it: a model PER span starting at the candidate's first character
fixes the end, and a rule candidate that no model PER span touches is vetoed.

The model only runs on sentences with a person cue (:func:`cue_windows`), so the
default pipeline stays fast; outside those sentences the rules decide alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..lexicon import entry
from ..text import is_han, sentence_bounds
from .names import load as load_names, surname_rank
from .rules import rules

# The cues and thresholds are rules().patterns.daibiao_cue (代表 as the congress title or
# "deputy", not 代表团, 代表大会, 代表性 …), chars.ner_never_in_name, chars.ner_ends_name
# (after a model name shorter than the rules' guess, these show the name ended), and
# numbers.rare_surname_rank / numbers.word_freq (a rule candidate the model did not see
# is dropped only when it also looks like a phrase: a rare surname character, or an
# ordinary word inside: 公示牌, 田间地头).


def cue_windows(norm: str, extra: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """The sentences the NER should read: every one holding a congress title or 代表.

    ``extra`` adds windows a caller already wants (the rules' own unsure sentences).
    Sorted, deduplicated ``[start, end)`` offsets into ``norm``.
    """
    out: set[tuple[int, int]] = set(extra or ())
    last_end = -1
    for m in rules().patterns.daibiao_cue.finditer(norm):
        if m.start() < last_end or not _person_cue(norm, m.start(), m.end()):
            continue  # already inside the previous window, or no name can be there
        s, e = sentence_bounds(norm, m.start())
        out.add((s, e))
        last_end = e
    return sorted(out)


def _person_cue(norm: str, s: int, e: int) -> bool:
    """A bare 代表 used as a verb (代表县委…) is no person cue; congress titles always are.
    (People's Daily writes 代表 in that sense on many pages: reading them all costs
    the default pipeline speed for nothing.)"""
    if e - s > 2 or norm[s:e] != rules().terms.daibiao:
        return True
    from .roles import daibiao_is_verb

    return not daibiao_is_verb(norm, s)


@dataclass
class NerView:
    """The model's PER spans for one document and where the model ran.

    ``covered`` marks characters inside a window the NER read; only there may the
    absence of a PER span veto a rule candidate.
    """

    ends: dict[int, int] = field(default_factory=dict)
    occupied: bytearray = field(default_factory=bytearray)
    covered: bytearray = field(default_factory=bytearray)
    places: bytearray = field(default_factory=bytearray)  # model LOC/ORG characters

    @classmethod
    def build(cls, n: int, ner: list[tuple[int, int, str]] | None, windows: list[tuple[int, int]] | None) -> "NerView":
        view = cls({}, bytearray(n + 1), bytearray(n + 1), bytearray(n + 1))
        for s, e, lab in ner or ():
            if not 0 <= s < e <= n:
                continue
            if lab == "PER":
                view.ends[s] = e
                view.occupied[s:e] = b"\x01" * (e - s)
            else:
                view.places[s:e] = b"\x01" * (e - s)
        if ner is not None:
            for s, e in windows or ():
                view.covered[s:e] = b"\x01" * (e - s)
        return view

    def name_at(self, norm: str, i: int) -> str | None:
        """The model's name starting at ``i``, when it is a plausible person name."""
        e = self.ends.get(i)
        if e is None:
            return None
        cand = norm[i:e]
        plain = cand.replace("·", "")
        if not (2 <= len(plain) <= 4 or ("·" in cand and len(cand) <= 20)):
            return None
        if not all(is_han(c) for c in plain) or any(c in rules().chars.ner_never_in_name for c in cand):
            return None
        if norm[e:e + 1] in ("·", "•") or norm[i - 1:i] in ("·", "•"):
            return None  # a part of a ·-joined name: the rules bound those whole
        if any(entry(norm[i - k:i + 1]) is not None for k in (1, 2) if i >= k):
            return None  # the model started inside a word (代表|团齐扎拉)
        return cand

    def vetoes(self, s: int, e: int) -> bool:
        """True when the model read ``[s, e)`` and found no person anywhere in it."""
        if s >= len(self.covered) or not self.covered[s]:
            return False
        return not self.occupied[s:e].count(1)

    def calls_place(self, s: int, e: int) -> bool:
        """True when the model read ``[s, e)`` as a place or organisation (张家口), not a person."""
        return self.vetoes(s, e) and bool(self.places[s:e].count(1))


def weak_name(cand: str, counts: dict[str, int]) -> bool:
    """A rule candidate that looks like a phrase more than a name: it is, or opens with,
    an ordinary (non-name) dictionary word (公示|牌, 田间|地), or its first character is a rare surname and the
    document does not repeat it (代远富 five times is a name, 闻汛而 once is not).
    A three-character dictionary person name is never weak."""
    if "·" in cand:
        return False
    whole = entry(cand)
    if whole is not None and whole[1].startswith("nr") and len(cand) >= 3:
        return False  # a known person's name (习近平) whatever its surname's rank
    if surname_rank().get(cand[0], 999) >= rules().numbers.rare_surname_rank and counts.get(cand, 0) < 2:
        return True
    for w in (cand[:2], cand):  # (a given name may be a word: 钱|立新, 王|建国)
        e = entry(w)
        if e is not None and e[0] >= rules().numbers.word_freq and not e[1].startswith("nr"):
            return True
    return False


def choose(norm: str, i: int, rule: str | None, model: str | None, view: NerView,
           counts: dict[str, int]) -> str | None:
    """Arbitrate between the rules' name at ``i`` and the model's.

    The model decides where it is sure of an edge the rules guessed: a longer name
    (石英川), or a shorter one when what follows it starts a word or ends a name
    (王芳|和李建国, 孙静|冒雨).  A shorter model name loses to a three-character name the
    document repeats as often (the rules' own evidence), and where the model saw
    nothing, a rule candidate that looks like a phrase is vetoed.
    """
    if model is None:
        if rule is not None and view.vetoes(i, i + len(rule)) and (
                weak_name(rule, counts) or view.calls_place(i, i + len(rule))):
            return None
        return rule
    if rule is not None and "·" in rule:
        return rule
    if rule is None or len(model) == len(rule):
        return model
    if len(model) > len(rule):
        # 石英|川 → 石英川; but a Han name of four characters after a one-character
        # surname is rare, and the model then has taken in the next word (俞志伟|正在)
        four = len(model) >= 4 and len(rule) == 3 and counts.get(model, 0) < 2
        return rule if four else model
    me = i + len(model)
    if counts.get(rule, 0) >= 2 and counts.get(rule, 0) == counts.get(model, 0):
        return rule  # 齐长岁 written the same way each time
    nxt = norm[me:me + 1]
    if nxt != "" and nxt in rules().chars.ner_ends_name or nxt in load_names().stop_chars or _word_at(norm, me):
        return model
    return rule


def _word_at(norm: str, i: int) -> bool:
    """An ordinary word starts at ``i``: a frequent two-character one (冒雨, 连夜) or a
    longer one (挨家挨户); rare two-character entries (国代) do not count, nor a word
    that runs into a following 代表 (魏少|军代表 is 魏少军 + 代表)."""
    if norm.startswith(rules().terms.daibiao, i + 1):
        return False
    for L in (4, 3):
        if entry(norm[i:i + L]) is not None:
            return True
    e = entry(norm[i:i + 2])
    return e is not None and e[0] >= rules().numbers.word_freq
