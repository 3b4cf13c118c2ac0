"""Find PLACE mentions in text and resolve each to a division code.

Pure Python over the normalised text view; the spaCy component in
``zhpolitics.components.places`` wraps it.  Three sources of mentions:

1. longest-match gazetteer lookup (Aho–Corasick) over the whole text;
2. a pattern rule for units missing from the data (…镇/乡/街道/社区/村) with boundary
   checks (全镇, 乡镇, 城乡, 各街道 and 该村 are not places);
3. document-level short forms of towns and villages already named in full (马屿 after
   马屿镇).

Resolution picks a code among homonyms from, in order: the chain the mention stands
in (山西省长治市潞州区), ancestors resolved elsewhere in the document, and the
document's dominant county/city.  A mention that stays ambiguous keeps its level and
gets ``code=None``, never a guess presented as certain.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections import Counter
from dataclasses import dataclass, field

from ..boilerplate import inside
from ..lexicon import entry, is_common_word
from ..text import is_han
from .gazetteer import Gazetteer, Surface, rules, village_stem
from .rules import guards, suffix_level

_LEVEL_RANK = {"province": 1, "city": 2, "county": 3, "town": 4, "village": 5}
_EVIDENCE_WEIGHT = {"province": 1.0, "city": 2.0, "county": 4.0, "town": 6.0, "village": 6.0}


def _verbal(word: str) -> bool:
    """A frequent verb/adverb/conjunction (组织, 只靠): as a village stem only when the
    document names the village's town or chains it to a unit (又组织村里的…)."""
    e = entry(word)
    return e is not None and e[0] >= 300 and e[1][:1] in ("v", "d", "c", "p", "r")


def _noun(word: str) -> bool:
    """Unknown to the dictionary, or a noun/name there (红旗, 东风; not 当时, 目前)."""
    e = entry(word)
    return e is None or e[1][:1] == "n"




@dataclass
class PlaceMention:
    start: int
    end: int
    level: str | None
    candidates: list[Surface] = field(default_factory=list)
    kind: str = "full"  # full/short/former/abbr/pattern/docshort
    code: str | None = None
    confidence: float = 0.0
    village_cands: list[tuple[str, str, str]] = field(default_factory=list)  # (code, town, name)
    current_code: str | None = None  # today's code of the unit (differs for a former name)
    in_use: tuple[int, int] | None = None  # (first year, year it ended) of a former name
    src: "PlaceMention | None" = None  # the full mention a document short form stands for
    trimmed: bool = False  # cut from a full name (拉萨市区 → 拉萨)
    fallback: str | None = None  # the one full-name code, used when no evidence decides
    prefer_high: bool = False  # a homonym short form: the higher unit unless evidence says otherwise

    @property
    def text_len(self) -> int:
        return self.end - self.start


def _suffix_level(name: str) -> str | None:
    """The level the unit word of ``name`` says (one suffix table, in rules.json)."""
    return suffix_level(name)


@lru_cache(maxsize=4)
def _travel_re(verbs: tuple[str, ...], chars: tuple[str, ...]) -> "re.Pattern[str]":
    return re.compile("(?:" + "|".join(verbs) + ")([" + "".join(chars) + "])")


@lru_cache(maxsize=4)
def _abbr_re(chars: tuple[str, ...], before: str, after: tuple[str, ...]) -> "re.Pattern[str]":
    return re.compile(re.escape(before) + "([" + "".join(chars) + "])(?=" + "|".join(map(re.escape, after)) + ")")


@dataclass
class _PatternContext:
    """Per-document state of the pattern rule: characters already taken by a place,
    the towns the document names, and whether village data is there."""

    norm: str
    occupied: bytearray
    towns: frozenset[str]
    has_villages: bool


@dataclass
class _Resolution:
    """Per-document state of code resolution: the evidence for each unit and the
    forms blocked from taking a homonym's code."""

    norm: str
    mentions: list[PlaceMention]
    evidence: Counter = field(default_factory=Counter)
    blocked: set[str] = field(default_factory=set)


class PlaceMatcher:
    """Find and resolve PLACE mentions with a :class:`Gazetteer`."""

    def __init__(self, gazetteer: Gazetteer):
        self.gz = gazetteer
        self.r = r = rules()  # read once: the matcher belongs to one rule folder
        self.g = g = guards()
        self.generic = set(r["generic_names"])
        self.follow_reject = r["follow_reject"]
        self.media_after = tuple(sorted(r["media_after"], key=len, reverse=True))
        self.org_suffixes = tuple(sorted(r.get("org_suffixes", ()), key=len, reverse=True))
        self._org_re = re.compile("|".join(map(re.escape, self.org_suffixes)) or "(?!)")
        self._org_run = re.compile(g["org_run_re"])  # a name's rest: no function word (在山西投资兴建的公司)
        self._org_bracket = re.compile(g["org_in_brackets_re"])
        self._source_re = re.compile(g["source_re"])
        self._dateline = re.compile(g["dateline_re"])
        self._road_re = re.compile(g["road_re"])
        self.stop_before = set(g["stop_before_chars"])
        self.media_before = tuple(r["media_before"])
        self.follow_ok = tuple(r["place_follow_ok"])
        self.town_suffixes = tuple(r["suffixes"]["town"])
        # longest first (equal lengths cannot both end one name, so their order is free)
        self._unit_suffixes = tuple(sorted(r["suffixes"]["village"] + r["suffixes"]["town"], key=len, reverse=True))
        self._suffix_re = re.compile("(" + "|".join(map(re.escape, self._unit_suffixes)) + ")")
        words = r.get("words_containing_places", [])
        self._words_re = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))) or "(?!)")
        credits = "|".join(map(re.escape, r.get("credit_after", []))) or "(?!)"
        self._credit_re = re.compile(r"（[^（）\n]{0,20}?(?:" + credits + r")[^（）\n]{0,12}）")
        self.list_tails = r.get("list_tails", {})
        tails = sorted(self.list_tails, key=len, reverse=True)
        mark = re.escape(g["list_mark"])
        self._list_re = re.compile(rf"((?:[\u4e00-\u9fff]{{2,4}}{mark})+[\u4e00-\u9fff]{{2,4}})("
                                   + "|".join(map(re.escape, tails)) + ")" if tails else "(?!)")

    # ------------------------------------------------------------------ find
    def _gazetteer_hits(self, norm: str) -> list[PlaceMention]:
        """Leftmost-longest non-overlapping gazetteer matches (done in C by pyahocorasick)."""
        out: list[PlaceMention] = []
        units = self.gz.units
        for end_idx, (form, surfs) in self.gz.automaton.iter_long(norm):
            s, e = end_idx - len(form) + 1, end_idx + 1
            kinds = {x.kind for x in surfs}
            kind = "full" if "full" in kinds else ("former" if "former" in kinds else ("guarded" if "guarded" in kinds else sorted(kinds)[0]))
            cands = list(surfs)
            lv = {units[x.code].level for x in cands if x.code in units}
            out.append(PlaceMention(s, e, lv.pop() if len(lv) == 1 else None, cands, kind))
        return out

    def _name_before(self, norm: str, ss: int, occupied: bytearray) -> tuple[int, str]:
        """Walk back from a suffix at ``ss`` over the plausible name characters."""
        i = ss
        limit = 8 if norm.startswith(tuple(self.g["long_name_suffixes"]), ss) else 6
        while i > 0 and ss - i < limit and is_han(norm[i - 1]) and not occupied[i - 1] and norm[i - 1] not in self.stop_before:
            i -= 1
        return i, norm[i:ss]

    def _cut_common(self, name: str) -> int:
        """Offset inside ``name`` after the last ordinary word (推动陶北 → 2)."""
        cut = 0
        for k in range(len(name) - 1):
            for L in (4, 3, 2):
                w = name[k:k + L]
                if len(w) == L and is_common_word(w, 300, ("ns",)):
                    cut = max(cut, k + L)
        return cut

    def _pattern_hits(self, norm: str, taken: list[tuple[int, int]], towns: frozenset[str] = frozenset()
                      ) -> list[PlaceMention]:
        """…镇/乡/街道/社区/村 units: villages from the data, or units the data lacks.

        Candidates are the unit words of the text; each is filtered (what follows, the
        name before it) and resolved to a span by :meth:`_pattern_at`.  ``towns``: codes
        of the towns the document names; a village of one of them is taken even when its
        name is an ordinary word (莲花村 in 莲花镇)."""
        ctx = _PatternContext(norm, bytearray(len(norm) + 1), towns, self.gz.village_db is not None)
        for s, e in taken:
            ctx.occupied[s:e] = b"\x01" * (e - s)
        out: list[PlaceMention] = []
        for m in self._suffix_re.finditer(norm):
            pm = self._pattern_at(ctx, m.group(1), *m.span(1))
            if pm is not None:
                out.append(pm)
                ctx.occupied[pm.start:pm.end] = b"\x01" * (pm.end - pm.start)
        return out

    def _pattern_at(self, ctx: "_PatternContext", suf: str, ss: int, se: int) -> PlaceMention | None:
        """The unit whose unit word ``suf`` stands at ``ss``, or None."""
        norm, occupied = ctx.norm, ctx.occupied
        if occupied[ss] or occupied[se - 1]:
            return None
        nxt = norm[se] if se < len(norm) else ""
        key = suf[-2:] if suf.endswith(tuple(self.g["two_char_suffix_keys"])) else suf[-1]
        if nxt and nxt in self.follow_reject.get(key, ""):
            return None
        i, name = self._name_before(norm, ss, occupied)
        level = "town" if suf in self.town_suffixes else "village"
        if len(name) == 1 and ctx.has_villages and level == "village":
            vs1 = self.gz.village_candidates(name + suf)
            # chained (天荒坪镇余村), or a village of a town the document names
            if vs1 and ((i > 0 and occupied[i - 1]) or any(t in ctx.towns for _c, t, _n in vs1)):
                return PlaceMention(i, se, level, [], "pattern")
        if len(name) < 2:
            return None
        chosen, in_town = self._village_start(ctx, name, suf, ss) if ctx.has_villages and level == "village" else (None, False)
        if chosen is None:
            chosen = self._rule_start(norm, name, suf, i, ss)
            if chosen is None:
                return None
        elif not in_town and not (chosen > 0 and occupied[chosen - 1]) and (
                (chosen != i and is_common_word(norm[chosen:ss], 300, ("ns",))) or _verbal(norm[chosen:ss])):
            return None  # 集中联系社区: an ordinary word inside a phrase, unless chained (X镇和平村)
        if not self._stem_ok(norm, chosen, ss):
            return None
        return PlaceMention(chosen, self._committee_end(norm, suf, se), level, [], "pattern")

    def _village_start(self, ctx: "_PatternContext", name: str, suf: str, ss: int) -> tuple[int | None, bool]:
        """Where a village name the data knows starts (the longest known stem), and
        whether it is a village of a town the document names."""
        st = village_stem(name + suf)
        kind = st[1] if st else "village"
        for k in range(len(name), 1, -1):
            vs = self.gz.villages(name[-k:], kind)
            if vs:
                p0 = ss - k
                # the rest must end in an ordinary word (王海凤深入|长钢社区, 来自|莲花村: the
                # word may begin before the walk-back stopped), else the data only knows a
                # shorter homonym (上库|木力村) and the rule decides
                if k == len(name) or any(is_common_word(ctx.norm[p0 - L:p0], 300, ("ns",)) for L in (2, 3, 4) if p0 >= L):
                    return p0, any(t in ctx.towns for _c, t, _n in vs)
                return None, False
        return None, False

    def _rule_start(self, norm: str, name: str, suf: str, i: int, ss: int) -> int | None:
        """Where a unit name the data lacks starts, by rule, or None when it is no name."""
        g = self.g
        # a committee word (红旗村委会, 东风居民区) says the name is a unit even when it
        # is also an ordinary word; it keeps at least two characters
        committee = any(c in suf for c in g["committee_mark_chars"]) or suf in g["committee_suffixes"]
        j = i + self._cut_common(name)
        if committee and ss - j < 2 and entry(name[-2:]) is not None and _noun(name[-2:]):
            j = ss - 2  # 红旗|村委会: the ordinary noun is the name (not 书记兼, 谢谢)
        for d in g["determiners"]:
            if norm[j:ss].startswith(d):
                j += 1
        stem = norm[j:ss]
        max_len = 7 if suf in g["long_name_suffixes"] else 5
        if len(stem) < 2 or len(stem) > max_len or stem in self.generic:
            return None
        if any(stem.endswith(x) for x in self.generic if len(x) >= 2) or stem[-1] in g["bad_stem_end_chars"]:
            return None
        if stem[0] in g["bad_stem_start_chars"] or all(c in g["numeral_chars"] for c in stem) \
                or (stem[-1] in g["count_end_chars"] and g["list_mark"] in norm[max(0, j - 10):j]):  # 荆塘、廖圩三村: a count
            return None
        if is_common_word(stem, 100, ("ns",)) and not (committee and _noun(stem)):
            return None  # 当时村委会: a time word, not a name
        return j

    def _stem_ok(self, norm: str, chosen: int, ss: int) -> bool:
        """Last checks on a pattern name: no digits, no unit word inside, no word across the suffix."""
        g = self.g
        stem_txt = norm[chosen:ss]
        if chosen > 0 and norm[chosen - 1].isdigit():
            return False  # 80余户村民
        if stem_txt[0] in g["bad_stem_first_chars"] or any(c in g["bad_stem_any_chars"] for c in stem_txt) \
                or stem_txt in self.generic:
            return False
        # a common word straddling the suffix (农村, 下乡, 回乡, 城镇, 乡村)
        if ss - chosen >= 1 and is_common_word(norm[ss - 1:ss + 1], 300, ()):
            return False
        return not any(c.isdigit() for c in stem_txt)

    def _committee_end(self, norm: str, suf: str, se: int) -> int:
        """A committee suffix written onto the name belongs to it (卢洼村村委会)."""
        g = self.g
        if suf not in g["committee_tail_units"]:
            return se
        for tail in g["committee_tails"]:
            if norm.startswith(tail, se):
                twice = suf == g["community_unit"] and tail.startswith(g["community_unit"])
                return se if twice else se + len(tail)
        return se

    def _in_org_name(self, norm: str, s: int, e: int) -> bool:
        """A suffix-less short form that opens a company's name (上海瑾之润申达律师事务所,
        （苏州）有限公司) is part of that name: the run after it reaches a company suffix
        (``org_suffixes`` in rules.json) with no punctuation or function word in between."""
        if norm[s - 1:s] in ("（", "(") and norm[e:e + 1] in ("）", ")"):
            return norm.startswith(self.org_suffixes, e + 1) or bool(self._org_bracket.match(norm[e + 1:]))
        m = self._org_run.match(norm, e)
        if not m:
            return False
        run = m.group(0)
        return self._org_re.search(run) is not None

    def _is_brand(self, norm: str, s: int, e: int) -> bool:
        after = norm[e:e + 6]
        if after.startswith(self.media_after):
            # 山西日报 / 中新网山西; but 山西省人大 is fine
            return True
        before = norm[max(0, s - 1):s]
        if self._dateline.match(norm[e:e + 6]):
            return False  # dateline: 人民网北京12月18日电
        if before == self.g["media_site_char"] or (s >= 3 and norm[s - 3:s] in self.g["media_sites"]):
            return True
        return False

    def _source_ranges(self, norm: str) -> list[tuple[int, int]]:
        """来源：… / 稿件来源：… segments name media, not places."""
        out = []
        if not any(c in norm for c in self.g["source_hint_chars"]):
            return out
        for m in self._source_re.finditer(norm):
            out.append(m.span(1))
        return out

    def find(self, norm: str, boilerplate: list[tuple[int, int]] | None = None) -> list[PlaceMention]:
        """All PLACE mentions in ``norm`` (the normalised text), unresolved."""
        boilerplate = list(boilerplate or []) + self._source_ranges(norm)
        gaz = self._gazetteer_hits(norm)
        ends = {m.end for m in gaz if m.kind in ("full", "former", "short")}
        starts = {m.start for m in gaz}
        keep: list[PlaceMention] = []
        for m in gaz:
            if inside(boilerplate, m.start, m.end) or self._is_brand(norm, m.start, m.end):
                continue
            m = self._trim_full(norm, m)
            if m.kind == "short" and not m.trimmed and (
                    not self._short_ok(norm, m, m.start in ends) or self._in_org_name(norm, m.start, m.end)):
                continue
            if m.kind == "guarded" and m.start not in ends:
                continue  # 城区 is a place only right after its city (晋城市城区)
            if m.kind in ("full", "former") and m.level in ("town", "county") and m.start not in ends:
                left = norm[m.start - 1:m.start + 1]
                if m.start > 0 and is_han(norm[m.start - 1]) and is_common_word(left, 200, ()):
                    continue  # 文明|村镇, 闽西|山区
                if is_common_word(norm[m.end - 1:m.end + 1], 300, ()) and not norm.startswith(self.follow_ok, m.end) \
                        and m.end not in starts:
                    continue  # 古城区|域, 市|场
                if m.end - m.start == 2 and norm[m.start] in self.g["conjunction_chars"] and m.start > 0 and is_han(norm[m.start - 1]):
                    continue  # …和县道, …和县教育局: 和 is the conjunction
            keep.append(m)
        # units named with 村/社区/镇 suffixes that the gazetteer lacks; they win over
        # short forms they contain (沈周村 over 周村)
        solid = [(m.start, m.end) for m in keep if m.kind in ("full", "former", "abbr", "guarded")]
        towns = frozenset(c.code for m in keep if m.level == "town" for c in m.candidates)
        pattern = self._pattern_hits(norm, solid, towns)
        pattern = [p for p in pattern if not inside(boilerplate, p.start, p.end) and not self._is_brand(norm, p.start, p.end)]
        mentions = [m for m in keep if not any(p.start < m.end and m.start < p.end for p in pattern)] + pattern
        listed = self._coordinated(norm, mentions, boilerplate)
        if listed:  # a list's names replace the short forms of other units they matched (南关区)
            mentions = [m for m in mentions if not any(x.start < m.end and m.start < x.end for x in listed)] + listed
        mentions.extend(self._doc_short_forms(norm, mentions, boilerplate))
        mentions.extend(self._province_abbreviations(norm, mentions, boilerplate))
        inside_words = [mm.span() for mm in self._words_re.finditer(norm)] + self._credits(norm)
        mentions = [m for m in mentions if not inside(inside_words, m.start, m.end)
                    and not (m.kind in ("short", "docshort") and self._in_title(norm, m.start))]
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _credits(self, norm: str) -> list[tuple[int, int]]:
        """(某某镇供图), (某县 文/图): a credit in parentheses names a source, not a place."""
        if "（" not in norm:
            return []
        return [m.span() for m in self._credit_re.finditer(norm)]

    @staticmethod
    def _in_title(norm: str, s: int) -> bool:
        """Inside 《…》 (a book, song or work title): 《虎踞钟山》 names no place.  Names with
        their unit word stay places there (《关于某镇某村道路硬化的建议》)."""
        o = norm.rfind("《", max(0, s - 30), s)
        return o != -1 and "》" not in norm[o:s] and "》" in norm[s:s + 30]

    def _coordinated(self, norm: str, mentions: list[PlaceMention], boilerplate) -> list[PlaceMention]:
        """红星、新河、永安等村 / 东关、西关、南关等地: short names sharing one unit word.

        Town names must be towns of the gazetteer (for 等地, of a county the document
        names).  村/社区 lists are taken when no name is an ordinary word (the unit word
        says what they are) and, with village data loaded, one name at least is a
        known village (沈周、十图两个村)."""
        if self.g["list_mark"] not in norm:
            return []
        occupied = bytearray(len(norm) + 1)
        for m in mentions:
            if m.kind != "short":
                occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
        counties = {c.code for m in mentions for c in m.candidates}
        out: list[PlaceMention] = []
        for mm in self._list_re.finditer(norm):
            suffix = self.list_tails[mm.group(2)]
            items, pos = [], mm.start(1)
            for part in mm.group(1).split(self.g["list_mark"]):
                items.append((pos, pos + len(part)))
                pos += len(part) + 1
            s0, e0 = items[0]
            # the first name starts after the last function word or named place before it
            cut = s0 + max((k for k in range(e0 - s0 - 1) if norm[s0 + k] in self.stop_before or occupied[s0 + k]),
                           default=-1) + 1
            if e0 - cut > 2:  # 关系|荆塘、青城、廖圩三村: an ordinary word before the first name
                cut += self._cut_common(norm[cut:e0]) if e0 - cut - self._cut_common(norm[cut:e0]) >= 2 else 0
            items[0] = (cut, e0)
            found = [self._list_item(norm, s, e, suffix, counties) for s, e in items]
            if any(f is None for f in found) or any(occupied[s:e].count(1) for s, e in items):
                continue
            if self.gz.village_db is not None and suffix in self.g["village_list_units"] and not any(f.village_cands for f in found):
                continue  # with village data, at least one name must be a known village
            if inside(boilerplate, items[0][0], items[-1][1]):
                continue
            out.extend(found)  # type: ignore[arg-type]
        return out

    def _list_item(self, norm: str, s: int, e: int, suffix: str, counties: set[str]) -> PlaceMention | None:
        """One name of a coordinated list as a mention, or None when it is not one.

        An ordinary word (江南) is a name only in a list of towns of a county the document
        names (敖江、江南、凤城三个乡镇 in 连江县)."""
        stem = norm[s:e]
        if e - s < 2 or stem in self.generic:
            return None
        common = is_common_word(stem, 300, ("ns",))
        if suffix in self.g["village_list_units"]:
            if common:
                return None
            pm = PlaceMention(s, e, "village", [], "list")
            pm.village_cands = self.gz.village_candidates(stem + suffix)
            return pm
        any_town = suffix == self.g["list_any_town"]  # 等地: any town of a county named nearby
        suffixes = self.town_suffixes if any_town else (suffix,)
        cands = [c for suf in suffixes for c in self.gz.candidates(stem + suf)
                 if c.code in self.gz.units and self.gz.units[c.code].level == "town"]
        in_county = [c for c in cands if self.gz.units[c.code].parent in counties]
        if any_town or common:
            cands = in_county
        if not cands:
            return None
        return PlaceMention(s, e, "town", cands, "list")

    def _province_abbreviations(self, norm: str, mentions: list[PlaceMention], boilerplate) -> list[PlaceMention]:
        """在皖全国人大代表 → 皖 (安徽省): one-character names only in that fixed frame."""
        abbr = self.r.get("province_abbreviations", {})
        travel = self.r.get("travel_abbreviations", {})
        out = []
        before, after = self.g["abbreviation_frame_before"], tuple(self.g["abbreviation_frame_after"])
        found = [(m.start(1), abbr[m.group(1)]) for m in _abbr_re(tuple(sorted(abbr)), before, after).finditer(norm)] \
            if before in norm else []
        if travel:
            for m in _travel_re(tuple(travel["verbs"]), tuple(travel["places"])).finditer(norm):
                nxt = norm[m.end():m.end() + 1]
                if not nxt or not is_han(nxt) or nxt in travel["travel_next"]:
                    found.append((m.start(1), travel["places"][m.group(1)]))  # 抵京参加全国两会
        spans = [(s, s + 1, code) for s, code in found] + self._region_abbreviations(norm)
        for s, e, code in spans:
            if any(x.start < e and s < x.end for x in mentions) or inside(boilerplate, s, e):
                continue
            out.append(PlaceMention(s, e, "province", [Surface(code, "short")], "short"))
        return out

    def _region_abbreviations(self, norm: str) -> list[tuple[int, int, str]]:
        """港区/澳区全国人大代表 → 港区/澳区; 本澳 → 澳 (``region_abbreviations``)."""
        out = []
        for form, code in self.r.get("region_abbreviations", {}).items():
            i = norm.find(form)
            while i != -1:
                if form.startswith(self.g["region_local_mark"]):
                    out.append((i + 1, i + len(form), code))
                elif norm.startswith(tuple(self.g["region_frame_after"]), i + len(form)):
                    out.append((i, i + len(form), code))
                i = norm.find(form, i + 1)
        return out

    def _trim_full(self, norm: str, m: PlaceMention) -> PlaceMention:
        """拉萨市区 → 拉萨; 庄浪县城 → 庄浪; 太原市政 → 太原: the suffix belongs to 市区/县城/市政."""
        if m.kind != "full":
            return m
        nxt, last = norm[m.end:m.end + 1], norm[m.end - 1]
        city, county = self.g["trim_city"], self.g["trim_county"]
        city_cut = last == city["last"] and nxt in city["next"] and (
            nxt == city["next"][0] or norm[m.end + 1:m.end + 2] not in city["not_after_zheng_chars"])
        county_cut = last == county["last"] and nxt == county["next"] and not norm.startswith(county["not"], m.end)
        if city_cut or county_cut:
            return PlaceMention(m.start, m.end - 1, m.level, list(m.candidates), "short", trimmed=True)
        return m

    def _short_ok(self, norm: str, m: PlaceMention, after_place: bool = False) -> bool:
        """Guards for suffix-less short forms (山西, 潞州)."""
        s, e = m.start, m.end
        if norm.startswith(self.follow_ok, e):
            return True  # 锡林郭勒草原, 江华人大
        # inside a longer word: 长治久安, 龙门阵, 炮台山, 黎安国际
        for st in range(max(0, s - 3), s + 1):
            for en in range(e, min(len(norm), e + 3) + 1):
                if en - st > e - s:
                    w = norm[st:en]
                    if w not in self.gz.surfaces and is_common_word(w, 5, ()):
                        return False
        if norm.startswith(self.follow_ok, e):
            return True
        county = all(self.gz.units[c.code].level == "county" for c in m.candidates if c.code in self.gz.units)
        if county and s > 0 and is_han(norm[s - 1]) and not after_place and is_common_word(norm[s - 1:s + 1], 100, ()):
            return False  # 卡|通城: the short form would cut a word
        if norm[e - 1] in self.g["bank_end_chars"] and norm[e:e + 1] and norm[e:e + 1] in self.g["bank_words"]:
            return False  # 河北岸, 江南边: a bank or side, not the province
        if county and e < len(norm) and is_common_word(norm[e - 1:e + 1], 300, ()) and norm[e - 1:e + 1] not in self.gz.surfaces:
            return False
        nxt = norm[e:e + 1]
        if nxt and nxt in self.g["unit_next_chars"]:
            return False  # a longer unit not in the data, or a road (北京路)
        if self._road_re.match(norm[e:e + 3]):
            return False  # 中山中路, 人民东路: a road
        return True

    def _doc_short_forms(self, norm: str, mentions: list[PlaceMention], boilerplate) -> list[PlaceMention]:
        """Towns/villages named in full once can be mentioned without the suffix."""
        stems: dict[str, PlaceMention] = {}
        suffixes = self._unit_suffixes
        ethnic = self.r["ethnic"]
        for m in mentions:
            if m.level in ("town", "village") and m.kind in ("full", "pattern"):
                name = norm[m.start:m.end]
                for suf in suffixes:
                    if name.endswith(suf) and len(name) - len(suf) >= 2:
                        stem = name[: -len(suf)]
                        eth = next((x for x in ethnic if stem.endswith(x) and len(stem) - len(x) >= 2), None)
                        stems.setdefault(stem[: -len(eth)] if eth else stem, m)  # 湾甸傣族乡 → 湾甸
                        break
        if not stems:
            return []
        occupied = bytearray(len(norm) + 1)
        for m in mentions:
            occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
        out: list[PlaceMention] = []
        for stem, src in stems.items():
            if is_common_word(stem, 300, ("ns",)) or stem[-1] in self.g["natural_end_chars"] or stem in self.generic:
                continue
            start = norm.find(stem)
            while start != -1:
                s, e = start, start + len(stem)
                start = norm.find(stem, start + 1)
                if occupied[s:e].count(1) or inside(boilerplate, s, e):
                    continue
                if norm[e:e + 1] in self.g["settlement_next"]:
                    continue  # 六头屯, 六头至姑辽屯: a smaller settlement or a route
                # must not be glued inside a longer Han word on the left
                pm = PlaceMention(s, e, src.level, list(src.candidates), "docshort", src=src)
                pm.village_cands = list(src.village_cands)
                out.append(pm)
                occupied[s:e] = b"\x01" * (e - s)
        return out

    # --------------------------------------------------------------- resolve
    def resolve(self, norm: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """Choose a code for each mention (in place) and return the kept mentions.

        Unique candidates first; then up to three rounds in which the codes found so far
        (their ancestors weighted by level) decide among homonyms; then the fallbacks;
        document short forms copy their source's code."""
        ctx = _Resolution(norm, mentions)
        for m in sorted(mentions, key=lambda x: x.src is not None):  # sources before their short forms
            self._attach_villages(ctx, m)
        for m in mentions:
            self._unique_code(m)
        first_county = next((m.code for m in mentions if m.code and m.level == "county"), None)
        for _round in range(3 if any(not m.code for m in mentions) else 0):
            self._collect_evidence(ctx, first_county)
            for idx, m in enumerate(mentions):
                if not m.code:
                    prev = mentions[idx - 1] if idx > 0 else None
                    chained = prev if prev is not None and prev.end == m.start and prev.code else None
                    self._resolve_by_evidence(ctx, m, chained)
        for m in mentions:
            self._fall_back(ctx, m)
        for m in mentions:
            if m.src is not None:  # a document short form copies its source's resolution
                m.code, m.level, m.confidence = m.src.code, m.src.level, m.src.confidence
        return [m for m in mentions if self._finish(norm, m)]

    def _codes(self, m: PlaceMention) -> list[str]:
        return [c.code for c in m.candidates if c.code in self.gz.units]

    def _set_code(self, m: PlaceMention, code: str, conf: float) -> None:
        m.code, m.confidence = code, conf
        u = self.gz.units.get(code)
        if u is not None:
            m.level = u.level

    def _attach_villages(self, ctx: "_Resolution", m: PlaceMention) -> None:
        """Village candidates of pattern/full village mentions; a short form takes its source's."""
        if m.level == "village" and m.kind in ("pattern", "full") and self.gz.village_db is not None:
            m.village_cands = self.gz.village_candidates(ctx.norm[m.start:m.end])
        if m.src is not None:
            m.village_cands = list(m.src.village_cands)

    def _unique_code(self, m: PlaceMention) -> None:
        """Pass 0: a mention with one candidate takes it; note fallbacks for later."""
        codes = self._codes(m)
        fulls = [c.code for c in m.candidates if c.kind in ("full", "guarded") and c.code in self.gz.units]
        if len(codes) > 1 and len(fulls) == 1 and m.kind in ("full", "guarded"):
            m.fallback = fulls[0]  # used if no evidence decides
        if len(codes) == 1 and m.kind != "abbr":
            self._set_code(m, codes[0], 0.95 if m.kind in ("full", "former") else 0.85)
        elif len(m.village_cands) == 1 and not codes:
            m.code, m.confidence, m.level = m.village_cands[0][0], 0.7, "village"
        elif len(codes) > 1 and m.kind in ("short", "former"):
            # 乌鲁木齐 (市 and 县), 河北 (省 and 天津河北区): the higher unit is meant
            # unless the document says otherwise; decided after the evidence passes
            m.prefer_high = True

    def _add_evidence(self, ctx: "_Resolution", code: str, scale: float = 1.0) -> None:
        gz = self.gz
        for anc in gz.ancestors(code) | {code}:
            u = gz.units.get(anc)
            if u is not None:
                ctx.evidence[anc] += scale * _EVIDENCE_WEIGHT[u.level]

    def _collect_evidence(self, ctx: "_Resolution", first_county: str | None) -> None:
        """The weight of every unit the resolved mentions lie in (the first county counts half)."""
        ctx.evidence.clear()
        if first_county:
            self._add_evidence(ctx, first_county, 0.5)
        for m in ctx.mentions:
            if m.code:
                self._add_evidence(ctx, m.code)
                if m.level == "village" and len(m.code) == 12:
                    town = m.code[:9]
                    ctx.evidence[town] += 6.0
                    self._add_evidence(ctx, town)

    def _resolve_by_evidence(self, ctx: "_Resolution", m: PlaceMention, chained: PlaceMention | None) -> None:
        """A homonym's code from the unit it is chained to, else from the evidence."""
        gz, codes = self.gz, self._codes(m)
        if not codes:
            if m.village_cands:
                self._resolve_village(ctx, m, chained)
            return
        form = ctx.norm[m.start:m.end]
        if form in ctx.blocked:
            return
        if chained is not None:
            ok = [c for c in codes if chained.code in gz.ancestors(c)]
            if len(ok) == 1:
                self._set_code(m, ok[0], 0.95)
                return
            if not ok and m.kind != "abbr":
                # 丛台区和平街道 with no 和平街道 under 丛台区 in the data: the unit is not in
                # the data; no other mention of it may take a homonym's code either
                ctx.blocked.add(form)
                return
        scored = sorted(((sum(ctx.evidence[a] for a in gz.ancestors(c)), c) for c in codes), reverse=True)
        need = 2.0 if m.level in ("town", "village") else 0.0
        if scored[0][0] > need and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            self._set_code(m, scored[0][1], 0.8 if scored[0][0] >= 4 else 0.6)

    def _resolve_village(self, ctx: "_Resolution", m: PlaceMention, chained: PlaceMention | None) -> None:
        """A village among its homonyms: the one under the unit it is chained to, else by evidence."""
        gz = self.gz
        if chained is not None:
            ok = [v for v in m.village_cands if v[1] == chained.code or chained.code in gz.ancestors(v[1])]
            if len(ok) == 1:
                m.code, m.confidence, m.level = ok[0][0], 0.9, "village"
                return
        scored = sorted(((ctx.evidence[v[1]] * 2 + sum(ctx.evidence[a] for a in gz.ancestors(v[1])), v[0])
                         for v in m.village_cands), reverse=True)
        if scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            m.code, m.confidence, m.level = scored[0][1], 0.7, "village"

    def _fall_back(self, ctx: "_Resolution", m: PlaceMention) -> None:
        """No evidence decided: the one full-name reading, or the higher unit of a short form."""
        if not m.code and m.fallback and ctx.norm[m.start:m.end] not in ctx.blocked:
            self._set_code(m, m.fallback, 0.7)
        if not m.code and m.prefer_high:
            ranks = sorted((_LEVEL_RANK[self.gz.units[c].level], c) for c in self._codes(m))
            if len(ranks) > 1 and ranks[0][0] < ranks[1][0] and ranks[0][0] <= 2:
                self._set_code(m, ranks[0][1], 0.6)

    def _finish(self, norm: str, m: PlaceMention) -> bool:
        """Level, public code and history of a resolved mention; False drops it."""
        gz = self.gz
        if m.kind == "abbr" and not m.code:
            return False  # an abbreviation is only a place when its county is in context
        if m.level is None:
            lvs = {gz.units[c.code].level for c in m.candidates if c.code in gz.units}
            m.level = lvs.pop() if len(lvs) == 1 else _suffix_level(norm[m.start:m.end])
        if m.code and m.code in gz.units and not gz.units[m.code].public_code:
            m.code = None
        self._history(norm, m)
        return True

    def _history(self, norm: str, m: PlaceMention) -> None:
        """A former name keeps the code it had (宁乡县 430124) and learns today's code
        and its years in use, so a panel can be built on today's units."""
        m.current_code = m.code
        if not m.code:
            return
        src = m.src
        form = norm[src.start:src.end] if src is not None else norm[m.start:m.end]
        for code, since, until, current in self.gz.history.get(form, ()):
            if code == m.code:
                m.current_code, m.in_use = current, (since, until)
                return

    def __call__(self, norm: str, boilerplate: list[tuple[int, int]] | None = None) -> list[PlaceMention]:
        return self.resolve(norm, self.find(norm, boilerplate))


def lookup(gz: Gazetteer, name: str, context: str | None = None) -> list[dict]:
    """Candidates for ``name`` (with codes and paths), ranked by ``context`` if given."""
    from ..text import normalize

    form = normalize(name)
    surfs = gz.candidates(name)
    ctx_codes: Counter[str] = Counter()
    if context:
        pm = PlaceMatcher(gz)
        for m in pm(normalize(context)):
            if m.code:
                for a in gz.ancestors(m.code) | {m.code}:
                    ctx_codes[a] += 1
    out = []
    for s in surfs:
        u = gz.units.get(s.code)
        if u is None:
            continue
        score = sum(ctx_codes[a] for a in gz.ancestors(u.code))
        hist = next((h for h in gz.history.get(form, ()) if h[0] == u.code), None)
        out.append({
            "current_code": hist[3] if hist else (u.code if u.public_code else None),
            "in_use": (hist[1], hist[2]) if hist else None,
            "code": u.code if u.public_code else None,
            "name": u.name,
            "level": u.level,
            "kind": s.kind,
            "path": [(p.code, p.name) for p in gz.path(u.code)],
            "score": score,
        })
    if gz.village_db is not None:
        st = village_stem(form)
        if st:
            for code, town, vname in gz.villages(*st):
                score = sum(ctx_codes[a] for a in gz.ancestors(town) | {town})
                out.append({"code": code, "name": vname, "level": "village", "kind": "full",
                            "path": [(p.code, p.name) for p in gz.path(town)] + [(code, vname)], "score": score})
    out.sort(key=lambda d: -d["score"])
    return out
