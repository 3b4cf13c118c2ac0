"""Deputies (人大代表) and other persons: rules over the normalised text (no spaCy).

Constructions covered (see ANNOTATION.md and the people issue):

* a congress title before the name, with its level (全国/省/市/区/县/乡/镇/街道, a named
  unit such as 黄碾镇人大代表, 第X届 / 十四届全国人大代表, 两级人大代表);
* coordinated names sharing one title (王俊峰、王海凤), title chains in either order
  (区人大代表、区人大常委会副主任程少有; 市人大代表、…公司董事长王陈财);
* colloquial 乡代表/镇代表/县代表, ``NAME代表``, ``X代表团NAME代表``, group lists
  (张三、李四两位代表; 代表有张三、李四), titles after the name (张三（市人大代表）), and
  ``NAME…当选为/被选为…人大代表``;
* later mentions by full name, by surname + 代表 (王代表 → 王) and 老/小 + surname;
* PERSON from bylines (记者/通讯员/编辑/作者, （许小平）, □刘政 赵星), role words before a
  name (村民朱艮泉, 镇人大主席朱伯胜), speakers (…说), leaders' titles, and statistical
  PER spans when a model is loaded.

Not deputies: 政协委员, 人大常委会 officials without 代表 wording, 代表 meaning
"representative" (企业代表, 群众代表).  Anonymised names (张某) are never persons.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..boilerplate import inside
from ..lexicon import entry, is_common_word
from ..resources import component_dir, read_json, read_text
from ..text import is_han, sentence_bounds
from .boundaries import NerView, choose, cue_windows
from .roles import RoleModel, daibiao_is_verb, doc_stats, load_model, person_evidence
from .names import (_MINORITY, _bad_name, count_candidates, eponym_suffixes, load as load_names, name_at,
                    plausible_minority, role_before, split_name_run, surname_len, surname_rank, trim_minority)
from .rules import rules


@dataclass
class Mention:
    """A DEPUTY or PERSON name mention (character offsets)."""

    start: int
    end: int
    label: str
    level: str | None = None
    source: str = ""
    titles: list[str] = field(default_factory=list)
    places: list[tuple[int, int]] = field(default_factory=list)

    @property
    def key(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass
class DocContext:
    """Per-document state of one :class:`PeopleDetector` call (never kept on the detector)."""

    norm: str
    counts: dict[str, int]
    places: list
    boilerplate: list[tuple[int, int]]
    ner: list[tuple[int, int, str]] | None
    ner_view: NerView
    ner_ends: dict[int, int]
    place_end: dict[int, tuple[str, str | None]]
    places_at: dict[int, tuple[int, int]]
    place_occ: bytearray
    muni: bool
    county_city_doc: bool
    out: dict[tuple[int, int], Mention] = field(default_factory=dict)
    title_hits: list[tuple[int, int, str]] = field(default_factory=list)
    title_levels: dict[int, tuple[str, int]] = field(default_factory=dict)
    level_starts: set[int] = field(default_factory=set)
    pending_titles: list[tuple[int, int, str, int]] = field(default_factory=list)
    doc_national: bool = False

    @classmethod
    def build(cls, norm: str, places, boilerplate, ner, ner_windows, municipalities) -> "DocContext":
        place_end = {e: (lv, code) for s, e, lv, code, *_ in places}
        # short forms (高安 in 高安林) yield to names; full unit names do not
        places_at = {s: (s, e) for s, e, lv, code, *kind in places if not kind or kind[0] not in ("short", "docshort")}
        occ = bytearray(len(norm) + 1)
        for s, e in places_at.values():
            occ[s:e] = b"\x01" * (e - s)
        provs = Counter(p[3][:2] + "0000" for p in places if p[3])
        muni = bool(provs) and provs.most_common(1)[0][0] in municipalities
        # a document about a county-level city (大理市, 定州市) with no prefecture-level 市:
        # a bare 市人大代表 there is a deputy of that county-level city's congress
        shi = [(lv, norm[s:e]) for s, e, lv, code, *_ in places if norm[s:e].endswith(rules().terms.city)]
        county_city = any(lv == "county" for lv, _ in shi) and not any(lv == "city" for lv, _ in shi)
        return cls(norm, count_candidates(norm), places, boilerplate, ner, NerView.build(len(norm), ner, ner_windows),
                   {s: e for s, e, lab in (ner or []) if lab == "PER"}, place_end, places_at, occ, muni, county_city)

    def add(self, s: int, e: int, label: str, level: str | None, source: str, title: str = "", tplaces=()) -> Mention | None:
        """Add a candidate mention unless it is filtered out (boilerplate, a unit name, a
        longer or stronger overlapping mention); merge it with one at the same offsets."""
        norm = self.norm
        if e - s >= 3 and norm[e - 1] in rules().chars.credit_verbs and norm[e:e + 1] in ("）", ")", " ", "\n", "") and \
                not is_common_word(norm[e - 2:e], 300):
            e -= 1  # （新华社记者李刚摄）: the credit verb is not part of the name
        if inside(self.boilerplate, s, e) and not source.startswith("byline"):
            return None  # (a credit line's names are people even in a page's chrome: 作者：… | 责任编辑：…)
        if self.place_occ[s:e].count(1):
            return None  # a unit name (郑河乡) is never a person
        m = self.out.get((s, e))
        if m is None:
            if not self._displace(s, e, label):
                return None
            m = Mention(s, e, label, level, source)
            self.out[(s, e)] = m
        else:
            if label == "DEPUTY" and m.label == "PERSON":
                m.label, m.source = "DEPUTY", source
            if _rank(level) > _rank(m.level):
                m.level = level
        if title:
            m.titles.append(title)
        m.places.extend(tplaces)
        return m

    def _displace(self, s: int, e: int, label: str) -> bool:
        """Remove the mentions a new one at ``[s, e)`` overrides; False when one of them wins."""
        for (a, b), other in list(self.out.items()):
            if a < e and s < b:
                if other.label == "DEPUTY" and label == "PERSON" or other.source == "byline-split":
                    return False  # (a run split into names by surname frequency stays split)
                if label == "DEPUTY" and other.label == "PERSON":
                    del self.out[(a, b)]
                elif (b - a) >= (e - s):
                    return False
                else:
                    del self.out[(a, b)]
        return True


def _translit_chars() -> frozenset[str]:
    return _translit_at(component_dir("people"))


@lru_cache(maxsize=8)
def _translit_at(folder: Path) -> frozenset[str]:
    txt = read_text("people", "translit_chars.txt")
    return frozenset("".join(l for l in txt.splitlines() if not l.startswith("#")).strip())


def _role_automaton():
    return _role_automaton_at(component_dir("people"))


@lru_cache(maxsize=8)
def _role_automaton_at(folder: Path):
    """Aho–Corasick over the role words (a 200-way regex alternation was the hot spot)."""
    import ahocorasick

    a = ahocorasick.Automaton()
    for r in load_names().roles:
        a.add_word(r, r)
    a.make_automaton()
    return a


def _role_hits(norm: str) -> list[tuple[int, str]]:
    """``(end, role)`` for every role word, longest one per end position."""
    best: dict[int, str] = {}
    for end_idx, role in _role_automaton().iter(norm):
        e = end_idx + 1
        if len(role) > len(best.get(e, "")):
            best[e] = role
    return sorted(best.items())


def titles_cfg() -> dict:
    return _titles_at(component_dir("people"))


@lru_cache(maxsize=8)
def _titles_at(folder: Path) -> dict:
    return read_json("people", "deputy_titles.json")


def _rank(level: str | None) -> int:
    return titles_cfg()["level_rank"].get(level or "unknown", 0)


# （许小平）, （刘晓英、罗进禄） at the end of a paragraph: the authors
_PAREN_AUTHORS = re.compile(r"[（(]((?:[\u4e00-\u9fff]{1,4}(?:·[\u4e00-\u9fff]{1,8})?[\s、]*){1,6})[）)]\s*(?=\n|$)")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_MINORITY_END = re.compile(r"[\u4e00-\u9fff]{2,8}(?:·[\u4e00-\u9fff]{2,10})+$")
# a list item bounded by 、 on both sides
_LIST_ITEM = re.compile(r"[\u4e00-\u9fff]{2,4}(?=、)")


def _find_all(text: str, sub: str):
    """Start offsets of every occurrence of ``sub`` (str.find: no regex to compile)."""
    i = text.find(sub)
    while i != -1:
        yield i
        i = text.find(sub, i + 1)


_RUBY = re.compile(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,8}[）)]")


def _mask_ruby(norm: str) -> str:
    """Blank out pinyin ruby (當(dāng)) so it does not cut title chains; same length."""
    if "(" not in norm and "（" not in norm:
        return norm
    return _RUBY.sub(lambda m: " " * len(m.group(0)), norm)


def _ordinary_word(nm: str) -> bool:
    """A frequent dictionary word that is not a person's name and opens with a rare
    surname character (明星); 马力 (a common surname) may still be a name."""
    e = entry(nm) if "·" not in nm else None
    return e is not None and e[0] >= 30 and not e[1].startswith("nr") \
        and surname_rank().get(nm[0], 999) >= rules().numbers.rare_surname_rank


def _dictionary_name(nm: str) -> bool:
    """A full name the word list knows as a person's (习近平, 李克强): whatever precedes it
    (听了李克强总理…), it is a name."""
    e = entry(nm) if len(nm) >= 3 else None
    return e is not None and e[1].startswith("nr")


def _role_name_is_word(nm: str) -> bool:
    """After a role word, a candidate whose surname is rare (rank ≥ 100 in surnames.txt)
    and that is itself a dictionary word, or whose given part is a frequent one that is
    no name (代写, 连|合同, 党|拒绝, 辛勤), is a phrase, not a person."""
    if "·" in nm or len(nm) < 2:
        return False
    if surname_rank().get(nm[0], 999) < 100:
        return False
    whole = entry(nm)
    if whole is not None and not whole[1].startswith("nr"):
        return True
    given = entry(nm[1:]) if len(nm) >= 3 else None
    return given is not None and given[0] >= 300 and not given[1].startswith("nr")


class PeopleDetector:
    """Find DEPUTY and PERSON mentions in one document."""

    def __init__(self, ner_persons: bool | str = False, roles: bool | RoleModel = True) -> None:
        """``roles``: decide DEPUTY/PERSON per person with the shipped role model
        (:mod:`.roles`), or with the given one; False keeps the rules' labels."""
        self.ner_persons = ner_persons
        self.role_model: RoleModel | None = (roles if isinstance(roles, RoleModel) else load_model() if roles else None)
        self.role_log: list[tuple[str, dict[str, float]]] | None = None  # filled by the training recipe
        cfg = titles_cfg()
        r = rules()
        self.cfg = cfg
        self.level_words = sorted(cfg["level_words"].items(), key=lambda kv: -len(kv[0]))
        self.title_re = re.compile("|".join(map(re.escape, cfg["titles"])))
        short = "|".join(map(re.escape, cfg["short_titles"]))
        self.short_title_re = re.compile(r"(?<![\u4e00-\u9fff])(?:" + short + ")|(?<=[" + re.escape(r.chars.short_title_after)
                                         + "])(?:" + short + ")")
        self.not_heads = set(cfg["not_deputy_heads"])
        self.municipalities = set(cfg["municipalities"])
        self.group_re = re.compile(cfg["group_count"] + r.patterns.group_suffix.pattern)
        self.intro_re = re.compile("|".join(map(re.escape, sorted(cfg["list_intro"], key=len, reverse=True))))
        self.names = load_names()

    # ------------------------------------------------------------ helpers
    def _name(self, ctx: "DocContext", i: int) -> str | None:
        """The name starting at ``i`` (rules and model arbitrated), or None when the
        candidate is a function word, a congress word or a unit name."""
        norm, counts = ctx.norm, ctx.counts
        if i >= len(norm) or i in ctx.places_at:
            return None
        view = ctx.ner_view
        nm = choose(norm, i, name_at(norm, i, counts), view.name_at(norm, i), view, counts)
        if nm is None or _ordinary_word(nm):
            return None  # (the model's 明星 in 争当“明星”: a frequent word, not a name)
        r = rules()
        if norm[i] in r.chars.name_open_conj and counts.get(nm, 0) < 2:
            return None  # 居民|和涉事企业
        if r.terms.renda in norm[i:i + len(nm) + 1] or r.terms.daibiao in norm[i:i + len(nm) + 1] or r.terms.renmin in nm:
            return None  # 区人|大代表
        if norm[i] in r.chars.func_words and i + 1 < len(norm):
            alt = name_at(norm, i + 1, counts)
            if alt:
                return None  # 由|曹献坤, 和|王海凤: a function word, the name starts after it
        e = i + len(nm)
        ent = entry(nm[1:]) if len(nm) == 3 else None
        if ent is not None and ent[1] == "v" and ent[0] >= 5000:
            return None  # 负责人|时强调: the "given name" is a frequent verb
        if is_common_word(norm[e - 1:e + 1], 500, ()) and counts.get(nm, 0) < 2:
            return None  # 和代|表, 房大|爷
        return self._name_tail(ctx, i, nm)

    def _name_tail(self, ctx: "DocContext", i: int, nm: str) -> str | None:
        """The checks on what follows a name candidate; a four-syllable Tibetan name grows."""
        norm, r = ctx.norm, rules()
        e = i + len(nm)
        if len(nm) == 3 and nm[1] in r.chars.unit_chars:
            return None  # 和|省政协
        if nm[1:] in self.not_heads:
            return None  # 和|选民代表
        if norm.startswith(r.lists.bad_follow, e) or any(x in nm for x in r.lists.not_in_name):
            return None
        occ = ctx.place_occ
        if occ[i] or occ[e - 1]:
            return None  # only places that cannot yield to a name are passed in
        if len(nm) == 3 and e < len(norm) and is_han(norm[e]) and (e + 1 >= len(norm) or not is_han(norm[e + 1])
                                                                 or norm[e + 1] in r.chars.translit_follow):
            t = _translit_chars()
            if all(c in t for c in nm + norm[e]):
                return nm + norm[e]  # 桑吉平措: a four-syllable Tibetan name, not 桑吉平 + 措
        return nm

    def _level_before(self, ctx: "DocContext", ts: int) -> tuple[str, int]:
        """Congress level from the words before a title at ``ts``; also where they start."""
        norm, places, r = ctx.norm, ctx.place_end, rules()
        j = ts
        m = r.patterns.ordinal_end.search(norm[max(0, j - 8):j])
        if m:
            j -= len(m.group(0))
        if norm[max(0, j - 2):j] == r.terms.two_levels:
            return self._two_levels(ctx, j)
        if norm[max(0, j - 2):j] == r.terms.national:
            return "national", j - 2
        if j in places:
            lv, code = places[j]
            return self._place_congress(lv, code), j
        for w, lv in self.level_words:
            if norm.startswith(w, j - len(w)) and j - len(w) >= 0:
                before = norm[j - len(w) - 1] if j - len(w) - 1 >= 0 else ""
                if is_han(before) and before not in r.chars.level_word_ok_before and not (j - len(w)) in places:
                    # 社区代表? 人大常委会? a longer word ending in 区/市: accept only clear cases
                    if w in r.lists.ambiguous_level_words and before in r.chars.level_word_compound_before:
                        return "unknown", ts
                if ctx.muni and w == r.terms.city:
                    return "province", j - len(w)
                if w == r.terms.city and ctx.county_city_doc:
                    return "county", j - len(w)
                return lv, j - len(w)
        return "unknown", ts

    def _two_levels(self, ctx: "DocContext", j: int) -> tuple[str, int]:
        """九江市和瑞昌市两级人大代表: the higher of the named units before 两级 at ``j``."""
        best, start = "unknown", j - 2
        for pe, (lv, code) in ctx.place_end.items():
            if j - 16 <= pe <= j - 2:
                cl = self._place_congress(lv, code)
                if _rank(cl) > _rank(best):
                    best = cl
                start = min(start, pe - 3)
        return best, start

    def _place_congress(self, level: str, code: str | None) -> str:
        if code in self.municipalities:
            return "province"
        return self.cfg["place_level_to_congress"].get(level, "unknown")

    # ------------------------------------------------------------ main
    def __call__(self, norm: str, places: list[tuple[int, int, str, str | None]], boilerplate: list[tuple[int, int]],
                 ner: list[tuple[int, int, str]] | None = None,
                 ner_windows: list[tuple[int, int]] | None = None) -> list[Mention]:
        """``ner``: the model's spans; ``ner_windows``: where it ran (None: nowhere known,
        so its silence vetoes nothing).

        Candidates (titles, 代表, group lists, person cues) → filter (``DocContext.add``
        drops overlaps, boilerplate, unit names) → resolve (roles per person, propagation,
        page level)."""
        ctx = DocContext.build(_mask_ruby(norm), places, boilerplate, ner, ner_windows, self.municipalities)
        self._title_candidates(ctx)
        self._daibiao_candidates(ctx)
        self._open_daibiao(ctx)
        self._group_candidates(ctx)
        self._persons(ctx)
        self._elected(ctx)
        return self._resolve(ctx)

    def _resolve(self, ctx: "DocContext") -> list[Mention]:
        """One role per person, propagation to later mentions, page level, model persons."""
        norm = ctx.norm
        self._resolve_roles(norm, ctx.out, ctx.title_levels)
        mentions = self._propagate(ctx)
        self._page_level(norm, mentions, [ctx.title_levels[ts][0] for ts, _te, kind in ctx.title_hits if kind == "full"])
        mentions = self._ner_persons(ctx, mentions)
        # a name that only names a doctrine (毛泽东思想, 邓小平理论) is not a person mention
        return [m for m in mentions if m.label == "DEPUTY" or not norm.startswith(eponym_suffixes(), m.end)]

    def _coordinated(self, ctx: "DocContext", e: int, level: str, source: str, title: str, tplaces) -> None:
        """Names coordinated with the one ending at ``e`` (王俊峰、王海凤) share its title."""
        norm, r = ctx.norm, rules()
        while e < len(norm) and norm[e] in r.chars.coord_seps:
            nm = self._name(ctx, e + 1)
            if not nm and norm[e] == "、":
                nm = self._bare_name(ctx, e + 1)
            if not nm:
                break
            s2 = e + 1
            e2 = s2 + len(nm)
            ctx.add(s2, e2, "DEPUTY", level, source, title, tplaces)
            # the next item has its own title (、市人大代表李四): not coordinated
            if self.title_re.match(norm, e2) or norm.startswith(r.terms.daibiao, e2) and not norm.startswith(r.terms.delegation, e2):
                break
            e = e2

    # 1. congress titles -------------------------------------------------
    def _title_candidates(self, ctx: "DocContext") -> None:
        norm = ctx.norm
        hits = [(m.start(), m.end(), "full") for m in self.title_re.finditer(norm)]
        hits += [(m.start(), m.end(), "short") for m in self.short_title_re.finditer(norm)]
        hits.sort()
        ctx.title_hits = hits
        # each title's level and where its level words start (computed once; the chain
        # search below needs the starts of all titles)
        ctx.title_levels = {ts: (self.cfg["level_words"].get(norm[ts:te - 2], "unknown"), ts) if kind == "short"
                            else self._level_before(ctx, ts) for ts, te, kind in hits}
        ctx.level_starts = {ctx.title_levels[ts][1] for ts, _te, kind in hits if kind == "full"}
        carry: dict[int, tuple[str, str]] = {}
        for ts, te, _kind in hits:
            if norm.startswith(rules().lists.title_institutions, te):
                continue  # 人大代表联络站站长王军: the title names an institution, not the person
            if not inside(ctx.boilerplate, ts, te):
                self._one_title(ctx, ts, te, carry)

    def _one_title(self, ctx: "DocContext", ts: int, te: int, carry: dict[int, tuple[str, str]]) -> None:
        """The name one title introduces: a heading, a name before （title）, or a name after it."""
        norm = ctx.norm
        level, lstart = ctx.title_levels[ts]
        title_txt = norm[lstart:te]
        tplaces = [(p[0], p[1]) for p in ctx.places if lstart - 12 <= p[0] and p[1] <= te]
        if self._heading(ctx, lstart, level, title_txt, tplaces) or self._title_after(ctx, lstart, te, level, title_txt, tplaces):
            return
        prev = carry.pop(lstart, None) or carry.pop(ts, None)
        if prev is not None:
            if _rank(prev[0]) > _rank(level):
                level = prev[0]
            title_txt = prev[1] + title_txt
        found = self._name_after_title(ctx, te)
        if found is None:
            ctx.pending_titles.append((lstart, te, level, ts))
            return
        if found[0] == "next":
            carry[found[1]] = (level, title_txt + "、")
            return
        s, e, chain = found
        if chain:
            title_txt = title_txt + chain
        # a further deputy title inside the chain (…人大代表、…县人大代表黄善荣): max level
        ctx.add(s, e, "DEPUTY", level, "title", title_txt, tplaces)
        self._coordinated(ctx, e, level, "title-list", title_txt, tplaces)

    def _heading(self, ctx: "DocContext", lstart: int, level: str, title_txt: str, tplaces) -> bool:
        """A profile heading: 高振华：区人大代表、…公司总经理 (the name alone before a colon
        at the start of a line); True when the title was consumed."""
        norm = ctx.norm
        if not (lstart > 0 and norm[lstart - 1] in "：:"):
            return False
        ls = norm.rfind("\n", 0, lstart - 1) + 1
        while ls < lstart - 1 and norm[ls] in " \u3000\t":
            ls += 1
        cand = norm[ls:lstart - 1]
        if 2 <= len(cand) <= 8 and not any(ps < lstart - 1 and ls < pe for ps, pe, *_r in ctx.places) \
                and (self._name(ctx, ls) == cand or self._bare_name(ctx, ls) == cand):
            ctx.add(ls, lstart - 1, "DEPUTY", level, "heading", title_txt, tplaces)
            return True
        return False

    def _title_after(self, ctx: "DocContext", lstart: int, te: int, level: str, title_txt: str, tplaces) -> bool:
        """A title after the name: 张三（市人大代表）; True when the title sits in brackets."""
        norm = ctx.norm
        if not (lstart > 0 and norm[lstart - 1] in "（(" and te < len(norm) and norm[te] in "）)"):
            return False
        for L in (4, 3, 2):
            s0 = lstart - 1 - L
            if s0 >= 0:
                nm = self._name(ctx, s0)
                if nm and s0 + len(nm) == lstart - 1:
                    ctx.add(s0, lstart - 1, "DEPUTY", level, "title-after", title_txt, tplaces)
                    break
        return True

    # 2. X代表团NAME代表 and NAME代表 ----------------------------------------
    def _daibiao_candidates(self, ctx: "DocContext") -> None:
        norm, r = ctx.norm, rules()
        ctx.doc_national = bool(r.patterns.national_session.search(norm))
        for m in r.patterns.daibiao.finditer(norm):
            ts = m.start()
            if ts >= 2 and norm[ts - 2:ts] == r.terms.renda or inside(ctx.boilerplate, ts, ts + 2):
                continue
            if norm[ts - 1:ts] in tuple(r.chars.short_title_units) and ts - 1 >= 0:
                continue  # handled as a short title
            if daibiao_is_verb(norm, ts):
                continue  # 张伟代表县委…: "on behalf of", not a deputy
            if not self._minority_daibiao(ctx, ts):
                self._name_daibiao(ctx, ts)

    def _minority_daibiao(self, ctx: "DocContext", ts: int) -> bool:
        """A ·-joined name right before 代表 (阿不都买那·热合曼代表); True when added."""
        norm = ctx.norm
        mm = _MINORITY_END.search(norm[max(0, ts - 24):ts]) if "·" in norm[max(0, ts - 24):ts] else None
        if not mm:
            return False
        nm = trim_minority(mm.group(0))
        if not norm[:ts].endswith(nm):
            return False
        ctx.add(ts - len(nm), ts, "DEPUTY", "national" if ctx.doc_national else "unknown", "name-daibiao", rules().terms.daibiao)
        return True

    def _name_daibiao(self, ctx: "DocContext", ts: int) -> None:
        """NAME代表 and X代表团NAME代表, the name ending at ``ts``."""
        norm, r = ctx.norm, rules()
        for L in (4, 3, 2):
            s0 = ts - L
            if s0 < 0:
                continue
            nm = self._name(ctx, s0)
            if not nm or s0 + len(nm) != ts:
                continue
            before = norm[s0 - 1] if s0 > 0 else "\n"
            head = norm[max(0, s0 - 3):s0]
            delegation = head.endswith(r.terms.delegation)
            if is_han(before) and not (delegation or role_before(norm, s0) or before in r.chars.daibiao_name_before
                                       or (s0 in ctx.place_end) or any(is_common_word(norm[s0 - k:s0], 100) for k in (2, 3, 4) if s0 >= k)):
                continue
            level = self._delegation_level(ctx, s0) if delegation else "national" if ctx.doc_national else "unknown"
            ctx.add(s0, ts, "DEPUTY", level, "name-daibiao", r.terms.daibiao)
            break

    def _delegation_level(self, ctx: "DocContext", s0: int) -> str:
        """拉萨代表团齐扎拉代表: the delegation's unit is one level below the congress."""
        lv = ctx.place_end.get(s0 - 3)
        if lv and ctx.muni and lv[0] == "county":
            return "province"  # 海淀代表团 at the Beijing municipal congress
        if lv:
            return rules().maps.delegation_level.get(lv[0], "unknown")
        return "national" if ctx.doc_national else "unknown"

    # 3. group lists: 张三、李四两位代表; 代表有张三、李四 ---------------------------
    def _group_candidates(self, ctx: "DocContext") -> None:
        norm, r = ctx.norm, rules()
        for m in self.group_re.finditer(norm):
            names = self._names_backward(ctx, m.start())
            if names and not (len(names) >= 2 or names[0][0] == 0 or not is_han(norm[names[0][0] - 1])):
                continue
            level = self._group_level(m.group(0))
            for s0, e0 in names:
                ctx.add(s0, e0, "DEPUTY", level, "group", m.group(0))
        for m in self.intro_re.finditer(norm) if r.terms.daibiao in norm else ():
            intro, e = m.group(0), m.end()
            nm = self._name(ctx, e)
            if nm:
                ctx.add(e, e + len(nm), "DEPUTY", "unknown", "group", intro)
                self._coordinated(ctx, e + len(nm), "unknown", "group", intro, [])
        for m in r.patterns.deng_n.finditer(norm):
            if daibiao_is_verb(norm, m.end() - 2):
                continue  # 王某、李某等代表各民主党派…: "on behalf of"
            for s0, e0 in self._names_backward(ctx, m.start()):
                ctx.add(s0, e0, "DEPUTY", self._group_level(m.group(0)), "group", m.group(0))

    # 5. NAME…当选为/被选为/担任…人大代表: upgrade the sentence's person
    def _elected(self, ctx: "DocContext") -> None:
        norm = ctx.norm
        for lstart, te, level, ts in ctx.pending_titles:
            ss, _ = sentence_bounds(norm, ts)
            between = norm[ss:lstart]
            if not rules().patterns.elected.search(between[-12:] if len(between) > 12 else between):
                continue
            cands = [m for m in ctx.out.values() if ss <= m.start < lstart]
            if cands:
                m0 = max(cands, key=lambda x: x.start)
                m0.label = "DEPUTY"
                if _rank(level) > _rank(m0.level):
                    m0.level = level
                m0.titles.append(norm[lstart:te])
            else:
                nm = self._name(ctx, ss)
                if nm:
                    ctx.add(ss, ss + len(nm), "DEPUTY", level, "elected", norm[lstart:te])

    def _list_item(self, ctx: "DocContext", i: int) -> str | None:
        """An item of a 、-list that is itself followed by 、 (…、王朝霞、…): the separators
        bound it, so a 2–4 character item that starts with a surname and is no ordinary
        word is taken whole (the length guess would stop at the word 王朝 in 王朝霞)."""
        norm = ctx.norm
        m = _LIST_ITEM.match(norm, i)
        if not m or not surname_len(norm, i) or ctx.place_occ[i:m.end()].count(1):
            return None
        nm = m.group(0)
        whole = entry(nm)
        if rules().terms.anon in nm or whole is not None and whole[0] >= 30 and not whole[1].startswith("nr"):
            return None  # (an ordinary word listed: 学校、医院)
        return nm

    @staticmethod
    def _page_level(norm: str, mentions: list[Mention], levels: list[str]) -> None:
        """A deputy named with no title of their own (代表刘建国表示, 杨婷婷、王宁两位代表)
        takes the page's congress level, when most of the page's levelled titles name it:
        a page reports on the deputies of one congress.  A bare 人大代表 before the name
        says the level is unknown (ANNOTATION.md), so those stay unknown."""
        bare = {norm[m.start:m.end] for m in mentions if any(t in rules().lists.bare_titles for t in m.titles)}
        known = Counter(lv for lv in levels if lv != "unknown")
        if not known:
            return
        level, n = known.most_common(1)[0]
        if n * 2 <= sum(known.values()):
            return  # (no level holds most of the page's levelled titles)
        for m in mentions:
            if m.label == "DEPUTY" and (m.level or "unknown") == "unknown" and norm[m.start:m.end] not in bare:
                m.level = level

    def _group_level(self, cue: str) -> str:
        """Level of a group cue (两位县人大代表 → county; 等代表 → unknown)."""
        m = rules().patterns.group_level.search(cue)
        return self.cfg["level_words"].get(m.group(1), "unknown") if m else "unknown"

    def _resolve_roles(self, norm: str, out: dict, title_levels: dict[int, tuple[str, int]]) -> None:
        """Relabel every mention of a person with the role model's decision; a deputy's
        level is the strongest among its titles and the titles in its chains."""
        if self.role_model is None and self.role_log is None:
            return
        groups: dict[str, list[Mention]] = {}
        for m in out.values():
            if m.end - m.start >= 2:
                groups.setdefault(norm[m.start:m.end], []).append(m)
        stats = doc_stats(norm)
        for name, ms in groups.items():
            ev = person_evidence(norm, name, [m.label for m in ms], [m.source for m in ms], stats)
            if self.role_log is not None:
                self.role_log.append((name, ev.features))
            if self.role_model is None:
                continue
            deputy = self.role_model.prob(ev.features) >= self.role_model.threshold
            level = max((m.level or "unknown" for m in ms if m.label == "DEPUTY"), key=_rank, default="unknown")
            for ts in ev.chain_titles:
                lv = title_levels.get(ts, ("unknown", ts))[0]
                if _rank(lv) > _rank(level):
                    level = lv
            for m in ms:
                m.label = "DEPUTY" if deputy else "PERSON"
                m.level = level if deputy else None

    def _open_daibiao(self, ctx: "DocContext") -> None:
        """代表 + name at a clause start (代表钱立新到社区), and a surname the model marks
        as a person right before 代表 (陈代表当场…): both name a deputy."""
        norm, daibiao = ctx.norm, rules().terms.daibiao
        for m in rules().patterns.daibiao_open.finditer(norm):
            q = m.end()
            nm = self._name(ctx, q)
            if nm and not norm.startswith(daibiao, q + len(nm)):
                ctx.add(q, q + len(nm), "DEPUTY", "unknown", "daibiao-name", daibiao)
        for s0, e0 in ctx.ner_view.ends.items():
            if e0 - s0 == 1 and norm.startswith(daibiao, e0) and surname_len(norm, s0) == 1 \
                    and not is_han(norm[s0 - 1:s0] or "\n"):
                ctx.add(s0, e0, "DEPUTY", "unknown", "surname", daibiao)

    def _name_after_title(self, ctx: "DocContext", te: int):
        """Find the name a title introduces: right after it, or after a chain of roles."""
        norm, r = ctx.norm, rules()
        limit = min(len(norm), te + 48)
        stop = re.compile(r"[。！？；\n“”‘’：:（(）)《》]")
        ms = stop.search(norm, te, limit)
        if ms:
            limit = ms.start()
        q = te
        while q < limit and norm[q] in " \u3000\t":
            q += 1
        lead = r.patterns.title_lead.match(norm[q:q + 3])
        if lead:
            q += lead.end()
        nm = self._name(ctx, q) or self._bare_name(ctx, q)
        if nm and not norm.startswith(r.lists.after_title_not_name, q):
            return q, q + len(nm), ""
        return self._chain_name(ctx, te, q, limit)

    def _chain_name(self, ctx: "DocContext", te: int, q: int, limit: int):
        """The name after a chain of roles that follows a title (…人大代表、…公司董事长王陈财);
        ``("next", p, "")`` when a second title at ``p`` introduces it instead."""
        norm = ctx.norm
        title_starts = {s for s, _, _ in ctx.title_hits}
        for p in range(q + 1, limit):
            if p in title_starts or (p + 1 in title_starts and norm[p] in rules().chars.chain_units) or p in ctx.level_starts:
                if norm[q:q + 1] == "，":
                    return None  # (…人大代表，也是…人大代表: two titles of one person, not a chain)
                return ("next", p, "")  # a second title follows: it introduces the name itself
            prev = norm[p - 1]
            if prev in "、， \u3000" or role_before(norm, p):
                if prev == "，" and not norm.startswith("、", p) and not role_before(norm, p) and p - 1 != q:
                    return None  # (a comma right after the title keeps the chain: 省人大代表，某公司总经理邓佳明)
                nm = self._name(ctx, p)
                if nm and (role_before(norm, p) or prev in " \u3000"):
                    return p, p + len(nm), norm[te:p]
        return None

    def unsure_windows(self, norm: str) -> list[tuple[int, int]]:
        """Sentences the character NER must read in the cascade.

        Every sentence with a person cue (a congress title, 代表: the model bounds the
        names there, :mod:`.boundaries`), plus those where a title is followed by a
        character that is not a Han surname (才让卓玛, 其木格).
        """
        from ..text import sentence_bounds

        out: list[tuple[int, int]] = []
        for m in self.title_re.finditer(norm):
            q = m.end()
            while q < len(norm) and norm[q] in " \u3000、":
                q += 1
            if q < len(norm) and is_han(norm[q]) and not surname_len(norm, q) and norm[q] not in rules().chars.title_no_name_next:
                out.append(sentence_bounds(norm, m.start()))
        return cue_windows(norm, out)

    def _bare_name(self, ctx: "DocContext", q: int) -> str | None:
        """A 2–4 character name with no Han surname right after a title (其木格, 才让卓玛).

        Accepted only when the run ends at punctuation or a word that cannot continue a
        name, and contains no ordinary word.
        """
        norm, chars = ctx.norm, rules().chars
        ner_end = ctx.ner_ends.get(q)
        if ner_end is not None and 2 <= ner_end - q <= 8:
            cand = norm[q:ner_end]
            if all(is_han(c) or c == "·" for c in cand) and not any(c in chars.bare_not_name for c in cand) and not any(
                    is_common_word(cand[k:k + 2], 300) for k in range(len(cand) - 1)):  # (人大代表替你说: not a name)
                return cand  # the model knows where 才让卓玛 ends; the rules do not
        m = re.match(r"[\u4e00-\u9fff]{2,5}", norm[q:q + 5])
        if not m:
            return None
        run = m.group(0)
        names = self.names
        allowed = _translit_chars()
        if any(c not in allowed for c in run[:2]):
            return None  # cheap exit: not a transliterated name
        for L in range(min(4, len(run)), 1, -1):
            cand = run[:L]
            nxt = norm[q + L:q + L + 2]
            if not (q + L >= len(norm) or not is_han(norm[q + L]) or norm[q + L] in names.stop_chars
                    or norm[q + L] in chars.bare_stop + chars.adverbs_after_name or nxt in names.stop_prefixes
                    or (L == 2 and is_common_word(nxt, 300))):
                continue  # (次仁|发言: a frequent word after a two-character name ends it)
            if any(c not in allowed for c in cand) or (L > 2 and cand[-1] in chars.adverbs_after_name):
                continue  # (朝鲁|刚从草场上回来: an adverb after the name)
            if any(is_common_word(cand[k:k + 2], 200) for k in range(len(cand) - 1)) or is_common_word(cand, 50):
                continue
            return cand
        return None

    def _names_backward(self, ctx: "DocContext", e: int) -> list[tuple[int, int]]:
        """Names in a 、-list ending at ``e`` (张三、李四|两位代表)."""
        norm = ctx.norm
        out = []
        while e > 0:
            got = None
            for L in (4, 3, 2):
                s0 = e - L
                if s0 < 0:
                    continue
                nm = self._name(ctx, s0)
                if nm and s0 + len(nm) == e:
                    got = (s0, e)
                    break
            if not got:
                break
            out.append(got)
            if got[0] > 0 and norm[got[0] - 1] in rules().chars.backward_seps:
                e = got[0] - 1
            else:
                break
        return out

    # 4. PERSON ------------------------------------------------------------
    def _persons(self, ctx: "DocContext") -> None:
        """PERSON candidates: bylines, role words, ages, speakers, leaders, ·-joined names."""
        self._bylines(ctx)
        self._role_persons(ctx)
        self._deng_role_lists(ctx)
        self._age_persons(ctx)
        self._speakers(ctx)
        self._leaders(ctx)
        self._minority_persons(ctx)

    def _bylines(self, ctx: "DocContext") -> None:
        """Names after 记者/通讯员/□, in （…） at a paragraph end, and on a credits line."""
        norm, p = ctx.norm, rules().patterns
        for m in p.byline.finditer(norm):
            self._name_run(ctx, m.end(), "byline")
        for m in p.box.finditer(norm):
            self._name_run(ctx, m.end(), "byline")
        for m in _PAREN_AUTHORS.finditer(norm):
            if self._split_run(norm, m.start(1), m.end(1), ctx.add, "byline"):
                continue
            if self._ner_tiles(norm, m.start(1), m.end(1), ctx.ner, ctx.add):
                continue  # （邹蓬王国平张学辉）: the model's split of an unspaced run wins
            self._name_run(ctx, m.start(1), "byline", end=m.end(1))
        # a credits line: 王淑 马静    发布时间：2015-01-22
        for m in p.credit_line.finditer(norm):
            for part in _HAN_RUN.finditer(norm, m.start(1), m.end(1)):
                if name_at(norm, part.start(), ctx.counts) == part.group(0):
                    ctx.add(part.start(), part.end(), "PERSON", None, "byline")

    def _role_persons(self, ctx: "DocContext") -> None:
        """Role word + name (one pass with a combined pattern, longest role first)."""
        norm, r = ctx.norm, rules()
        for q, role in _role_hits(norm):
            if role in r.lists.role_skip:
                continue
            if is_common_word(role + norm[q:q + 1], 50):
                continue  # 居民楼, 村民组: the role word is part of a longer word
            p0 = q - len(role)
            if p0 > 0 and is_common_word(norm[p0 - 1:p0 + 1], 300) and norm[p0 - 1] not in r.chars.role_level_before:
                continue  # 执法人员: 法人 starts inside the word 执法 (but 市|政协委员 is a level word)
            nm = self._name(ctx, q)
            bare = self._bare_name(ctx, q)
            if bare and len(bare) > len(nm or ""):
                nm = bare  # 副主任索南才让, 负责人图雅
            if nm and _role_name_is_word(nm):
                nm = None  # 群众|代写, 老人|连合同: a rare surname character opening an ordinary word
            if nm and not norm.startswith(r.lists.role_not_name_start, q):
                e = q + len(nm)
                if norm.startswith(r.terms.daibiao, e) and not daibiao_is_verb(norm, e):
                    continue  # handled by the deputy rules
                ctx.add(q, e, "PERSON", None, "role:" + role, role)
                self._role_list(ctx, e, role)

    def _deng_role_lists(self, ctx: "DocContext") -> None:
        """张东喜、刘军良等副主任, 胡德强、汤智斌等县领导: the names listed before 等 + a
        role word (after a level word) are persons."""
        norm, r = ctx.norm, rules()
        for i in _find_all(norm, r.terms.deng):
            k = i + 2 if norm[i + 1:i + 2] in tuple(r.chars.role_level_before) else i + 1  # 等县领导
            role = next((w for w in self.names.roles if norm.startswith(w, k)), None)
            if role is None or role in r.lists.role_skip or norm.startswith(r.lists.role_not_name_start, k):
                continue
            for s0, e0 in self._names_backward(ctx, i):
                ctx.add(s0, e0, "PERSON", None, "role:" + role, role)

    def _role_list(self, ctx: "DocContext", e: int, role: str) -> None:
        """村民谢道书、刘咸群: a list after one role word."""
        norm = ctx.norm
        while e < len(norm) and norm[e] == "、":
            nm2 = self._list_item(ctx, e + 1) or self._name(ctx, e + 1)
            if not nm2 or norm.startswith(rules().terms.daibiao, e + 1 + len(nm2)):
                break
            ctx.add(e + 1, e + 1 + len(nm2), "PERSON", None, "role:" + role, role)
            e = e + 1 + len(nm2)

    def _age_persons(self, ctx: "DocContext") -> None:
        """An age before a name: 86岁的刘玉珍老人, 今年58岁的王建国说."""
        norm, r = ctx.norm, rules()
        for m in r.patterns.age_before.finditer(norm):
            q = m.end()
            nm = self._name(ctx, q)
            if not nm:
                continue
            e = q + len(nm)
            if e >= len(norm) or not is_han(norm[e]) or norm.startswith(r.lists.age_name_follow, e) \
                    or norm[e] in self.names.stop_chars:
                ctx.add(q, e, "PERSON", None, "age")

    def _speakers(self, ctx: "DocContext") -> None:
        """Speakers: ”张三说 / ，张三表示."""
        norm, r = ctx.norm, rules()
        for m in r.patterns.speech.finditer(norm):
            e = m.start()
            for L in (4, 3, 2):
                s0 = e - L
                if s0 < 0:
                    continue
                nm = self._name(ctx, s0)
                if nm and s0 + len(nm) == e and (s0 == 0 or norm[s0 - 1] in r.chars.speaker_before or role_before(norm, s0)
                                                 or is_common_word(norm[max(0, s0 - 2):s0], 300)):
                    ctx.add(s0, e, "PERSON", None, "speaker")
                    break

    def _leaders(self, ctx: "DocContext") -> None:
        """Leaders: 习近平总书记."""
        norm, r = ctx.norm, rules()
        for m in r.patterns.leader.finditer(norm):
            e = m.start()
            for L in (3, 2):
                s0 = e - L
                if s0 >= 0:
                    nm = self._name(ctx, s0)
                    if nm and s0 + len(nm) == e and (s0 == 0 or not is_han(norm[s0 - 1]) or norm[s0 - 1] in r.chars.leader_before
                                                     or _dictionary_name(nm)):
                        ctx.add(s0, e, "PERSON", None, "leader")
                        break

    @staticmethod
    def _minority_persons(ctx: "DocContext") -> None:
        """Minority names joined with · (阿不都买那·热合曼)."""
        for m in _MINORITY.finditer(ctx.norm):
            nm = trim_minority(m.group(0))
            if not plausible_minority(nm):
                continue
            s0 = m.start() + m.group(0).index(nm.split("·")[0])
            ctx.add(s0, s0 + len(nm), "PERSON", None, "minority")

    def _ner_persons(self, ctx: "DocContext", mentions: list[Mention]) -> list[Mention]:
        """Statistical PER spans as PERSON where no rule mention is (``ner_persons``).

        Off by default: on news pages about deputies it cost precision. ``"strict"``
        keeps only spans the name rules agree with; ``True`` keeps all plausible ones.
        """
        norm, counts, ner, boilerplate, r = ctx.norm, ctx.counts, ctx.ner, ctx.boilerplate, rules()
        if not self.ner_persons or not ner:
            return mentions
        occ = bytearray(len(norm) + 1)
        for m in mentions:
            occ[m.start:m.end] = b"\x01" * (m.end - m.start)
        out = list(mentions)
        for s, e, lab in ner:
            if lab != "PER" or e - s > 12 or occ[s:e].count(1) or inside(boilerplate, s, e):
                continue
            s, e = self._trim_model_name(norm, s, e)
            if e - s < 2 and not (surname_len(norm, s) == 1 and r.patterns.surname_title.match(norm, e)):
                continue  # one character only as surname + title: 江主席 → 江 (ANNOTATION.md)
            if ctx.place_occ[s:e].count(1):
                continue
            txt = norm[s:e]
            if r.terms.anon in txt or not all(is_han(c) or c == "·" for c in txt):
                continue
            if s > 0 and e < len(norm) and norm[s - 1] in "“‘「" and norm[e] in "”’」":
                continue  # a quoted word (“王鸽”) is not a person
            if self.ner_persons == "strict":
                if e - s > 4 or not surname_len(norm, s) or name_at(norm, s, counts) != txt or _bad_name(txt) \
                        or is_common_word(txt, 50):
                    continue
            elif is_common_word(txt, 300, allow_tags=("nr",)) and not (len(txt) >= 3 and surname_len(norm, s)):
                continue  # a frequent ordinary word; frequent *names* (tag nr, or 周恩来 tagged t) stay
            out.append(Mention(s, e, "PERSON", None, "ner"))
            occ[s:e] = b"\x01" * (e - s)
        return sorted(out, key=lambda m: m.start)

    def _trim_model_name(self, norm: str, s: int, e: int) -> tuple[int, int]:
        """A model's PER span cut back to the name itself.

        The model sometimes takes in the title after a bare surname (胡主任, 袁老太 →
        胡, 袁: ANNOTATION.md keeps the surname only), or the first character of the
        word after a full name (杨影|正在, 赵超|携, 赵涛|著的)."""
        sl = surname_len(norm, s)
        r = rules()
        if sl and e - s > sl and r.patterns.surname_title.fullmatch(norm, s + sl, e):
            return s, s + sl
        if e - s >= 3 and sl and e - s - 1 > sl:
            names = self.names
            last, nxt = norm[e - 1], norm[e:e + 1]
            if last in names.stop_chars or norm[e - 1:e + 1] in names.stop_word_set or (last == r.terms.zhu and nxt != "" and nxt in r.terms.de + "《（("):
                return s, e - 1
        return s, e

    @staticmethod
    def _ner_tiles(norm, a: int, b: int, ner, add) -> bool:
        """Add the model's PER spans when they tile an unseparated name run ``norm[a:b]``
        exactly (a trailing credit such as 摄 aside); True when they did."""
        if re.search(r"[\s、，,/]", norm[a:b]):
            return False  # separated names: the rules split them well
        spans = sorted((s, e) for s, e, lab in (ner or []) if lab == "PER" and a <= s and e <= b)
        if len(spans) < 2:
            return False
        tail = rules().patterns.credit_tail_tiles.search(norm[a:b])
        end = b - (len(tail.group(0)) if tail else 0)
        pos = a
        for s, e in spans:
            if norm[pos:s].strip(" \u3000、，,/") or e > end:
                return False
            pos = e
        if norm[pos:end].strip(" \u3000、，,/"):
            return False
        for s, e in spans:
            add(s, e, "PERSON", None, "byline")
        return True

    @staticmethod
    def _split_run(norm: str, q: int, end: int, add, source: str) -> bool:
        """Names written with no separator up to the end of a byline (严正孙勇军,
        （陈杰高山岳摄）): split by :func:`split_name_run`; True when it did."""
        m = _HAN_RUN.match(norm, q)
        if not m or m.end() > end:
            return False
        run = m.group(0)
        tail = rules().patterns.credit_tail_end.search(run)
        core = run[:len(run) - len(tail.group(0))] if tail else run
        after = norm[m.end():m.end() + 1]
        if len(core) < 4 or (after and after not in " \u3000\n）)，。"):
            return False
        pieces = split_name_run(core)
        if not pieces:
            return False
        if len(core) == 4:
            rank = surname_rank()
            if any(rank.get(core[i], 999) >= 150 for i in (0, pieces[0])):
                return False  # 曲比阿果 is one name, 何伟傅旭 two
        pos = q
        for L in pieces:
            add(pos, pos + L, "PERSON", None, source + "-split")
            pos += L
        return True

    def _name_run(self, ctx: "DocContext", q: int, source: str, end: int | None = None) -> None:
        """Names separated by spaces or 、 after a byline cue (记者 王晨 魏欢庆)."""
        norm, add, chars = ctx.norm, ctx.add, rules().chars
        end = end if end is not None else min(len(norm), q + 30)
        while q < end:
            while q < end and norm[q] in " \u3000、/":
                q += 1
            if q >= end:
                break
            cue = rules().patterns.byline_role.match(norm, q)
            if cue and q > 0 and norm[q - 1] in " \u3000":
                q = cue.end()  # 记者 陆佳怡 实习生 顾晨: a second role word inside the run
                end = min(len(norm), max(end, q + 12))
                continue
            if self._split_run(norm, q, end, add, source):
                break
            # 刘 晓: a two-character name written with a space
            if surname_len(norm, q) == 1 and q + 2 < len(norm) and norm[q + 1] == " " and is_han(norm[q + 2]) and \
                    (q + 3 >= len(norm) or not is_han(norm[q + 3])):
                add(q, q + 3, "PERSON", None, source)
                q += 3
                continue
            nm = self._byline_name(ctx, q)
            if not nm:
                break
            e = q + len(nm)
            if e < len(norm) and is_han(norm[e]) and norm[e] not in chars.byline_name_end:
                # the name runs on into text: not a byline name list
                if not (norm[e] in chars.byline_join) and source == "byline" and end - q > 8:
                    break
            add(q, e, "PERSON", None, source)
            q = e

    @staticmethod
    def _byline_name(ctx: "DocContext", q: int) -> str | None:
        """One name of a byline run: the name rules' guess, or the whole 2–4 character run
        up to a separator (曲比阿果, 娜仁: byline names need no Han surname)."""
        norm = ctx.norm
        nm = name_at(norm, q, ctx.counts, max_given=2)
        run = re.match(r"[\u4e00-\u9fff]{2,4}(?=[\s）)、]|$)", norm[q:q + 6])
        if run and (not nm or len(run.group(0)) > len(nm)) and (surname_len(norm, q) or len(run.group(0)) <= 3 or all(
                c in _translit_chars() for c in run.group(0))) and not any(
                is_common_word(run.group(0)[k:k + 2], 300) for k in range(len(run.group(0)) - 1)) \
                and (entry(run.group(0)) is None or entry(run.group(0))[1].startswith("nr")):
            nm = run.group(0)  # (达来: a credit needs no Han surname when separators bound it)
        return nm

    # 7. propagate: person levels, later mentions, surname + 代表 ---------------
    def _propagate(self, ctx: "DocContext") -> list[Mention]:
        norm, out = ctx.norm, ctx.out
        info = self._person_info(norm, out)
        occupied = bytearray(len(norm) + 1)
        for m in out.values():
            occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
        self._repeat_mentions(ctx, info, occupied)
        self._surname_mentions(ctx, info, occupied)
        self._old_surname_persons(ctx, info, occupied)
        self._address_persons(ctx, occupied)
        # final levels per person
        for m in out.values():
            nm = norm[m.start:m.end]
            if nm in info:
                m.label, lv = info[nm]
                m.level = lv if m.label == "DEPUTY" else None
            elif m.label == "DEPUTY" and m.level is None:
                m.level = "unknown"
            if m.label == "PERSON":
                m.level = None
        return sorted(out.values(), key=lambda m: m.start)

    @staticmethod
    def _person_info(norm: str, out: dict) -> dict[str, tuple[str, str | None]]:
        """Label and level per name, from all its mentions; the parts of a ·-joined
        name (斯尔江 ← 斯尔江·托合提木拉提; 其木格 ← 乌云•其木格) share it."""
        by_name: dict[str, list[Mention]] = {}
        for m in out.values():
            by_name.setdefault(norm[m.start:m.end], []).append(m)
        info: dict[str, tuple[str, str | None]] = {}
        for nm, ms in by_name.items():
            label = "DEPUTY" if any(m.label == "DEPUTY" for m in ms) else "PERSON"
            level = None
            if label == "DEPUTY":
                level = max((m.level or "unknown" for m in ms if m.label == "DEPUTY"), key=_rank)
            info[nm] = (label, level)
        for nm in list(info):
            if "·" in nm or "•" in nm:
                parts = re.split("[·•]", nm)
                for part in (parts[0], parts[-1]):
                    if len(part) >= 2 and (part not in info or info[nm][0] == "DEPUTY") and not is_common_word(part, 100):
                        info[part] = info[nm]
        return info

    @staticmethod
    def _repeat_mentions(ctx: "DocContext", info: dict, occupied: bytearray) -> None:
        """Later mentions of a known person by full name (not inside a longer name: 王海凤 vs 王海)."""
        norm = ctx.norm
        for nm, (label, level) in sorted(info.items(), key=lambda kv: -len(kv[0])):
            if len(nm) < 2:
                continue
            for s in _find_all(norm, nm):
                e = s + len(nm)
                if occupied[s:e].count(1) or inside(ctx.boilerplate, s, e):
                    continue
                if e < len(norm) and is_han(norm[e]) and nm + norm[e] in info:
                    continue
                ctx.out[(s, e)] = Mention(s, e, label, level, "repeat")
                occupied[s:e] = b"\x01" * (e - s)

    @staticmethod
    def _address_persons(ctx: "DocContext", occupied: bytearray) -> None:
        """A common surname before an address word (村民韩大爷, 88岁的金爷爷, “刘阿姨…): the
        surname is the person (ANNOTATION.md keeps the surname only)."""
        norm, r = ctx.norm, rules()
        rank = surname_rank()
        for w in r.lists.address_words:
            for k in _find_all(norm, w):
                s = k - 1
                if s < 0 or rank.get(norm[s], 999) >= r.numbers.address_surname_rank or occupied[s:k].count(1):
                    continue
                before = norm[s - 1] if s > 0 else "\n"
                if is_han(before) and before not in r.chars.speaker_before and not role_before(norm, s) \
                        and not norm.startswith(r.terms.age_de, s - len(r.terms.age_de)):
                    continue
                if not inside(ctx.boilerplate, s, k):
                    ctx.out[(s, k)] = Mention(s, k, "PERSON", None, "surname")
                    occupied[s:k] = b"\x01"

    @staticmethod
    def _old_surname_persons(ctx: "DocContext", info: dict, occupied: bytearray) -> None:
        """老/小 + the surname of a named person who is no deputy (陈拴柱 … 老陈): that person."""
        norm, r = ctx.norm, rules()
        deputy = {nm[:surname_len(nm, 0) or 1] for nm, (label, _lv) in info.items() if label == "DEPUTY"}
        surnames = {nm[:surname_len(nm, 0)] for nm, (label, _lv) in info.items()
                    if label == "PERSON" and len(nm) >= 2 and "·" not in nm and surname_len(nm, 0)} - deputy
        for sur in surnames:
            for s in _find_all(norm, sur):
                e = s + len(sur)
                if s == 0 or norm[s - 1] not in r.chars.surname_prefix or occupied[s:e].count(1) or inside(ctx.boilerplate, s, e):
                    continue
                if s >= 2 and is_han(norm[s - 2]) and norm[s - 2] not in r.chars.surname_prefix_stop:
                    continue
                if e < len(norm) and is_han(norm[e]) and norm[e] not in r.chars.surname_after_ok:
                    continue
                ctx.out[(s, e)] = Mention(s, e, "PERSON", None, "surname")
                occupied[s:e] = b"\x01" * (e - s)

    @staticmethod
    def _surname_mentions(ctx: "DocContext", info: dict, occupied: bytearray) -> None:
        """Surname + 代表 (王代表 → 王) and 老/小 + surname for named deputies."""
        norm, r = ctx.norm, rules()
        deputy_surnames: dict[str, str | None] = {}
        for nm, (label, level) in info.items():
            if label == "DEPUTY":
                sl = surname_len(nm, 0) or 1
                deputy_surnames.setdefault(nm[:sl], level)

        def free(s: int, e: int) -> bool:
            return not occupied[s:e].count(1) and not inside(ctx.boilerplate, s, e)

        def put(s: int, e: int, level: str | None) -> None:
            ctx.out[(s, e)] = Mention(s, e, "DEPUTY", level, "surname")
            occupied[s:e] = b"\x01" * (e - s)

        for sur, level in deputy_surnames.items():
            for s in _find_all(norm, sur):
                e = s + len(sur)
                if norm.startswith(r.lists.surname_titles, e) and free(s, e) \
                        and not (s > 0 and is_han(norm[s - 1]) and norm[s - 2:s] in info):
                    put(s, e, level)
            for s in _find_all(norm, sur):
                e = s + len(sur)
                if s == 0 or norm[s - 1] not in r.chars.surname_prefix or norm[e + 1:e + 3] == r.terms.daibiao or not free(s, e):
                    continue
                if s >= 2 and is_han(norm[s - 2]) and norm[s - 2] not in r.chars.surname_prefix_stop:
                    continue
                if e < len(norm) and is_han(norm[e]) and norm[e] not in r.chars.surname_after_ok:
                    continue
                put(s, e, level)
