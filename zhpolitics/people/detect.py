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

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from ..resources import cached, read_text

from ..boilerplate import inside
from ..lexicon import entry, is_common_word
from ..text import is_han, sentence_bounds
from .boundaries import NerView, choose, cue_windows
from .roles import RoleModel, daibiao_is_verb, doc_stats, load_model, person_evidence
from .names import (_bad_name, count_candidates, eponym_suffixes, load as load_names, name_at, role_before,
                    split_name_run, surname_len, surname_rank)

_NUM = "一二三四五六七八九十百零〇两0123456789"
_FUNC = set("由和与及同向对把被将为从在让给跟")
_SEP = "、和及与暨"


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


@cached("people")
def _translit_chars() -> frozenset[str]:
    txt = read_text("people", "translit_chars.txt")
    return frozenset("".join(l for l in txt.splitlines() if not l.startswith("#")).strip())


@cached("people")
def _role_automaton():
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


@cached("people")
def titles_cfg() -> dict:
    return json.loads(read_text("people", "deputy_titles.json"))


def _rank(level: str | None) -> int:
    return titles_cfg()["level_rank"].get(level or "unknown", 0)


_BYLINE = re.compile(
    r"(?:本报|本台|本刊|本网)?(?:全媒体|融媒体|见习|特约|首席)?(?:记者|通讯员|作者|撰稿|撰文|编\s*辑|责\s*编|责任编辑|摄\s*影|摄像|供图|校对|审核|审校|编审|监制|主编)\s*[：/]?\s*"
    r"|(?:(?<=[\s（(|])|^)(?:文/图|文|图)\s*[：/|]\s*",
    re.M,
)
_PAREN_AUTHORS = re.compile(r"[（(]((?:[\u4e00-\u9fff]{1,4}(?:·[\u4e00-\u9fff]{1,8})?\s*){1,4})[）)]\s*(?=\n|$)")
_CREDIT_LINE = re.compile(r"(?m)^[ \t\u3000]*((?:[\u4e00-\u9fff]{2,3}[ \t\u3000]+){0,3}[\u4e00-\u9fff]{2,3})[ \t\u3000]{2,}(?:发布时间|发布日期|来源|时间|日期)[：:]")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_BOX = re.compile(r"□\s*(?:本报记者|记者|通讯员)?\s*/?")
_SPEECH = re.compile(r"(?:阿伯|阿婆|大爷|大妈|大姐|大哥|老人|师傅)?(?:说|表示|介绍|认为|指出|强调|坦言|感叹|告诉记者|说道|笑着说|感慨)")
_LEADER = re.compile(r"(?:总书记|国家主席|主席|总理|委员长|同志)")


_NATIONAL_SESSION = re.compile(r"全国人大[^。]{0,8}次会议|全国人大会议|全国两会")
_DAIBIAO = re.compile(r"代表(?!团|大会|们|性|网|作用|处|著|人大|人民|委员|小组|联络|工作(?!室)|之家|之|履职|名单|资格|候选|选举|证|席)")
_MINORITY_END = re.compile(r"[\u4e00-\u9fff]{2,8}(?:·[\u4e00-\u9fff]{2,10})+$")
# 张三、李四等(两位)(县)(人大)代表: the list before 等 are deputies
_DENG_N = re.compile(r"等(?:[" + _NUM + r"]+(?:位|名))?(?:全国|[乡镇县区市省州旗])?(?:人大)?代表(?!团|大会|性|们|作用|处)")
# a list item bounded by 、 on both sides
_LIST_ITEM = re.compile(r"[\u4e00-\u9fff]{2,4}(?=、)")
# a bare 代表 opening a clause and followed by a name: 代表钱立新到社区
_DAIBIAO_OPEN = re.compile(r"(?:^|(?<=[\n，。、：:；！？ \u3000”“（(]))代表(?=[\u4e00-\u9fff])", re.M)
_ORDINAL_END = re.compile(r"(?:第)?[" + _NUM + r"]+届$")
_SURNAME_TITLES = ("代表", "大姐", "大哥", "大叔", "阿姨", "老师", "书记", "主任", "师傅", "姐", "哥")


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


# a title or kinship word after a bare surname: 陈书记, 孙爷爷 (the surname is the span)
_SURNAME_TITLE = re.compile(r"主席|总理|总书记|书记|代表|委员|部长|省长|市长|县长|区长|镇长|乡长|村长|主任|局长|厂长|校长|"
                            r"院长|站长|所长|经理|老师|师傅|大爷|大妈|大娘|大姐|大哥|阿姨|爷爷|奶奶|同志|先生|女士|教授|医生|总|"
                            r"大使|老太")


# an age right before a name (86岁的刘玉珍老人), and what may follow such a name
_AGE_BEFORE = re.compile(r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})(?:周)?岁的")
_AGE_NAME_FOLLOW = ("老人", "老汉", "老太", "大爷", "大妈", "大娘", "奶奶", "爷爷", "阿姨", "村民", "老党员", "老兵")

# adverbs that may follow a name directly (朝鲁|刚从草场上回来, 杨影|正在比赛)
_ADVERBS_AFTER_NAME = "刚曾已正将都也还就又"
# a photo/report credit at the end of a byline run (（陈杰高山岳摄）, （熊明银摄影报道）)
_CREDIT_TAIL = r"摄影报道|摄影|摄|报道"

# role words that may follow a name inside a byline run
_BYLINE_ROLE = re.compile(r"(?:实习生|实习记者|特约记者|通讯员|记者|摄影|摄像|编辑|见习记者)(?=[ \u3000])")


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
        self._ner_ends: dict[int, int] = {}
        self._ner_view = NerView.build(0, None, None)
        self._place_occ: bytearray | None = None
        cfg = titles_cfg()
        self.cfg = cfg
        self.level_words = sorted(cfg["level_words"].items(), key=lambda kv: -len(kv[0]))
        self.title_re = re.compile("|".join(map(re.escape, cfg["titles"])))
        self.short_title_re = re.compile("(?<![\u4e00-\u9fff])(?:" + "|".join(map(re.escape, cfg["short_titles"])) + ")|(?<=[的里是为任、，])(?:" + "|".join(map(re.escape, cfg["short_titles"])) + ")")
        self.not_heads = set(cfg["not_deputy_heads"])
        self.municipalities = set(cfg["municipalities"])
        self.group_re = re.compile(cfg["group_count"] + r"(?:全国|[乡镇县区市省州旗])?(?:人大)?代表")
        self.intro_re = re.compile("|".join(map(re.escape, sorted(cfg["list_intro"], key=len, reverse=True))))
        self.names = load_names()

    # ------------------------------------------------------------ helpers
    def _name(self, norm: str, i: int, counts, places_at, ner_ends=None) -> str | None:
        if i >= len(norm) or i in places_at:
            return None
        view = self._ner_view
        nm = choose(norm, i, name_at(norm, i, counts), view.name_at(norm, i), view, counts)
        if nm is None:
            return None
        if norm[i] in "和与及同跟" and counts.get(nm, 0) < 2:
            return None  # 居民|和涉事企业
        if "人大" in norm[i:i + len(nm) + 1] or "代表" in norm[i:i + len(nm) + 1] or "人民" in nm:
            return None  # 区人|大代表
        if norm[i] in _FUNC and i + 1 < len(norm):
            alt = name_at(norm, i + 1, counts)
            if alt:
                return None  # 由|曹献坤, 和|王海凤: a function word, the name starts after it
        e = i + len(nm)
        ent = entry(nm[1:]) if len(nm) == 3 else None
        if ent is not None and ent[1] == "v" and ent[0] >= 5000:
            return None  # 负责人|时强调: the "given name" is a frequent verb
        if is_common_word(norm[e - 1:e + 1], 500, ()) and counts.get(nm, 0) < 2:
            return None  # 和代|表, 房大|爷
        if len(nm) == 3 and nm[1] in "省市县区镇乡村州":
            return None  # 和|省政协
        if nm[1:] in self.not_heads:
            return None  # 和|选民代表
        bad_follow = ("人大", "常委", "党委", "县委", "市委", "区委", "镇委", "政府", "公司", "集团", "委员会", "街道", "社区", "村委", "镇人", "乡人", "县人", "市人", "区人")
        if norm.startswith(bad_follow, e) or any(x in nm for x in ("人大", "代表", "常委", "委员", "主任", "书记")):
            return None
        occ = self._place_occ
        if occ is not None and (occ[i] or occ[e - 1]):
            return None  # only places that cannot yield to a name are passed in
        if len(nm) == 3 and e < len(norm) and is_han(norm[e]) and (e + 1 >= len(norm) or not is_han(norm[e + 1])
                                                                 or norm[e + 1] in "说表"):
            t = _translit_chars()
            if all(c in t for c in nm + norm[e]):
                return nm + norm[e]  # 桑吉平措: a four-syllable Tibetan name, not 桑吉平 + 措
        return nm

    def _level_before(self, norm: str, ts: int, places: dict[int, tuple[str, str | None]], muni: bool) -> tuple[str, int]:
        """Congress level from the words before a title at ``ts``; also where they start."""
        j = ts
        m = _ORDINAL_END.search(norm[max(0, j - 8):j])
        if m:
            j -= len(m.group(0))
        if norm[max(0, j - 2):j] == "两级":
            # 九江市和瑞昌市两级人大代表: the higher of the named units
            best, start = "unknown", j - 2
            for pe, (lv, code) in places.items():
                if j - 16 <= pe <= j - 2:
                    cl = self._place_congress(lv, code)
                    if _rank(cl) > _rank(best):
                        best = cl
                    start = min(start, pe - 3)
            return best, start
        if norm[max(0, j - 2):j] == "全国":
            return "national", j - 2
        if j in places:
            lv, code = places[j]
            return self._place_congress(lv, code), j
        for w, lv in self.level_words:
            if norm.startswith(w, j - len(w)) and j - len(w) >= 0:
                before = norm[j - len(w) - 1] if j - len(w) - 1 >= 0 else ""
                if is_han(before) and before not in "、，的和及与是为任由在兼暨" and not (j - len(w)) in places:
                    # 社区代表? 人大常委会? a longer word ending in 区/市: accept only clear cases
                    if w in ("区", "市", "县") and before in "社城小新开发园景校":
                        return "unknown", ts
                if muni and w == "市":
                    return "province", j - len(w)
                if w == "市" and self._county_city_doc:
                    return "county", j - len(w)
                return lv, j - len(w)
        return "unknown", ts

    def _place_congress(self, level: str, code: str | None) -> str:
        if code in self.municipalities:
            return "province"
        return self.cfg["place_level_to_congress"].get(level, "unknown")

    # ------------------------------------------------------------ main
    def __call__(self, norm: str, places: list[tuple[int, int, str, str | None]], boilerplate: list[tuple[int, int]],
                 ner: list[tuple[int, int, str]] | None = None,
                 ner_windows: list[tuple[int, int]] | None = None) -> list[Mention]:
        """``ner``: the model's spans; ``ner_windows``: where it ran (None: nowhere known,
        so its silence vetoes nothing)."""
        norm = _mask_ruby(norm)
        counts = count_candidates(norm)
        self._ner_view = NerView.build(len(norm), ner, ner_windows)
        self._ner_ends = {s: e for s, e, lab in (ner or []) if lab == "PER"}
        place_end = {e: (lv, code) for s, e, lv, code, *_ in places}
        # short forms (高安 in 高安林) yield to names; full unit names do not
        places_at = {s: (s, e) for s, e, lv, code, *kind in places if not kind or kind[0] not in ("short", "docshort")}
        self._place_occ = bytearray(len(norm) + 1)
        for s, e in places_at.values():
            self._place_occ[s:e] = b"\x01" * (e - s)
        ner_ends = {s: e for s, e, lab in (ner or []) if lab == "PER"}
        provs = Counter(p[3][:2] + "0000" for p in places if p[3])
        muni = bool(provs) and provs.most_common(1)[0][0] in self.municipalities
        # a document about a county-level city (大理市, 定州市) with no prefecture-level 市:
        # a bare 市人大代表 there is a deputy of that county-level city's congress
        shi = [(lv, norm[s:e]) for s, e, lv, code, *_ in places if norm[s:e].endswith("市")]
        self._county_city_doc = any(lv == "county" for lv, _ in shi) and not any(lv == "city" for lv, _ in shi)
        out: dict[tuple[int, int], Mention] = {}

        def add(s: int, e: int, label: str, level: str | None, source: str, title: str = "", tplaces=()) -> Mention | None:
            if e - s >= 3 and norm[e - 1] in "摄作绘" and norm[e:e + 1] in ("）", ")", " ", "\n", "") and \
                    not is_common_word(norm[e - 2:e], 300):
                e -= 1  # （新华社记者李刚摄）: the credit verb is not part of the name
            if inside(boilerplate, s, e) and not source.startswith("byline"):
                return None  # (a credit line's names are people even in a page's chrome: 作者：… | 责任编辑：…)
            if self._place_occ[s:e].count(1):
                return None  # a unit name (郑河乡) is never a person
            k = (s, e)
            m = out.get(k)
            if m is None:
                for (a, b), other in list(out.items()):
                    if a < e and s < b:
                        if other.label == "DEPUTY" and label == "PERSON" or other.source == "byline-split":
                            return None  # (a run split into names by surname frequency stays split)
                        if label == "DEPUTY" and other.label == "PERSON":
                            del out[(a, b)]
                        elif (b - a) >= (e - s):
                            return None
                        else:
                            del out[(a, b)]
                m = Mention(s, e, label, level, source)
                out[k] = m
            else:
                if label == "DEPUTY" and m.label == "PERSON":
                    m.label, m.source = "DEPUTY", source
                if _rank(level) > _rank(m.level):
                    m.level = level
            if title:
                m.titles.append(title)
            m.places.extend(tplaces)
            return m

        def coordinated(e: int, level: str, source: str, title: str, tplaces) -> None:
            while e < len(norm) and norm[e] in _SEP:
                nm = self._name(norm, e + 1, counts, places_at, ner_ends)
                if not nm and norm[e] == "、":
                    nm = self._bare_name(norm, e + 1)
                if not nm:
                    break
                s2 = e + 1
                e2 = s2 + len(nm)
                # the next item has its own title (、市人大代表李四): not coordinated
                if self.title_re.match(norm, e2) or norm.startswith("代表", e2) and not norm.startswith("代表团", e2):
                    add(s2, e2, "DEPUTY", level, source, title, tplaces)
                    break
                add(s2, e2, "DEPUTY", level, source, title, tplaces)
                e = e2

        # 1. congress titles -------------------------------------------------
        title_hits = [(m.start(), m.end(), "full") for m in self.title_re.finditer(norm)]
        title_hits += [(m.start(), m.end(), "short") for m in self.short_title_re.finditer(norm)]
        title_hits.sort()
        pending_titles: list[tuple[int, int, str, int]] = []
        carry: dict[int, tuple[str, str]] = {}
        # each title's level and where its level words start (computed once; the chain
        # search below needs the starts of all titles)
        title_levels = {ts: (self.cfg["level_words"].get(norm[ts:te - 2], "unknown"), ts) if kind == "short"
                        else self._level_before(norm, ts, place_end, muni) for ts, te, kind in title_hits}
        self._level_starts = {title_levels[ts][1] for ts, _te, kind in title_hits if kind == "full"}
        for ts, te, kind in title_hits:
            if inside(boilerplate, ts, te):
                continue
            level, lstart = title_levels[ts]
            title_txt = norm[lstart:te]
            tplaces = [(p[0], p[1]) for p in places if lstart - 12 <= p[0] and p[1] <= te]
            # a profile heading: 高振华：区人大代表、…公司总经理 (the name alone before a colon
            # at the start of a line)
            if lstart > 0 and norm[lstart - 1] in "：:":
                ls = norm.rfind("\n", 0, lstart - 1) + 1
                while ls < lstart - 1 and norm[ls] in " \u3000\t":
                    ls += 1
                cand = norm[ls:lstart - 1]
                if 2 <= len(cand) <= 8 and not any(ps < lstart - 1 and ls < pe for ps, pe, *_r in places) \
                        and (self._name(norm, ls, counts, places_at, ner_ends) == cand
                             or self._bare_name(norm, ls) == cand):
                    add(ls, lstart - 1, "DEPUTY", level, "heading", title_txt, tplaces)
                    continue
            # title after the name: 张三（市人大代表）
            if lstart > 0 and norm[lstart - 1] in "（(" and te < len(norm) and norm[te] in "）)":
                for L in (4, 3, 2):
                    s0 = lstart - 1 - L
                    if s0 >= 0:
                        nm = self._name(norm, s0, counts, places_at, ner_ends)
                        if nm and s0 + len(nm) == lstart - 1:
                            add(s0, lstart - 1, "DEPUTY", level, "title-after", title_txt, tplaces)
                            break
                continue
            prev = carry.pop(lstart, None) or carry.pop(ts, None)
            if prev is not None:
                if _rank(prev[0]) > _rank(level):
                    level = prev[0]
                title_txt = prev[1] + title_txt
            found = self._name_after_title(norm, te, counts, places_at, ner_ends, title_hits)
            if found is None:
                pending_titles.append((lstart, te, level, ts))
                continue
            if found[0] == "next":
                carry[found[1]] = (level, title_txt + "、")
                continue
            s, e, chain = found
            if chain:
                title_txt = title_txt + chain
            # a further deputy title inside the chain (…人大代表、…县人大代表黄善荣): max level
            add(s, e, "DEPUTY", level, "title", title_txt, tplaces)
            coordinated(e, level, "title-list", title_txt, tplaces)

        # 2. X代表团NAME代表 and NAME代表 ----------------------------------------
        doc_national = bool(_NATIONAL_SESSION.search(norm))
        for m in _DAIBIAO.finditer(norm):
            ts = m.start()
            if ts >= 2 and norm[ts - 2:ts] == "人大" or inside(boilerplate, ts, ts + 2):
                continue
            if norm[ts - 1:ts] in ("乡", "镇", "县", "区", "市", "省") and ts - 1 >= 0:
                continue  # handled as a short title
            if daibiao_is_verb(norm, ts):
                continue  # 张伟代表县委…: "on behalf of", not a deputy
            mm = _MINORITY_END.search(norm[max(0, ts - 24):ts]) if "·" in norm[max(0, ts - 24):ts] else None
            if mm:
                from .names import trim_minority
                nm = trim_minority(mm.group(0))
                if norm[:ts].endswith(nm):
                    add(ts - len(nm), ts, "DEPUTY", "national" if doc_national else "unknown", "name-daibiao", "代表")
                    continue
            for L in (4, 3, 2):
                s0 = ts - L
                if s0 < 0:
                    continue
                nm = self._name(norm, s0, counts, places_at, ner_ends)
                if not nm or s0 + len(nm) != ts:
                    continue
                before = norm[s0 - 1] if s0 > 0 else "\n"
                head = norm[max(0, s0 - 3):s0]
                if is_han(before) and not (head.endswith("代表团") or role_before(norm, s0) or before in "的是向和与及、同让给对请找为"
                                           or (s0 in place_end) or any(is_common_word(norm[s0 - k:s0], 100) for k in (2, 3, 4) if s0 >= k)):
                    continue
                level = "unknown"
                if head.endswith("代表团"):
                    # 拉萨代表团齐扎拉代表: the delegation's unit is one level below the congress
                    lv = place_end.get(s0 - 3)
                    if lv and muni and lv[0] == "county":
                        level = "province"  # 海淀代表团 at the Beijing municipal congress
                    else:
                        level = {"province": "national", "city": "province", "county": "city"}.get(lv[0], "unknown") if lv else ("national" if doc_national else "unknown")
                elif doc_national:
                    level = "national"
                add(s0, ts, "DEPUTY", level, "name-daibiao", "代表")
                break
        self._open_daibiao(norm, counts, places_at, ner_ends, add)

        # 3. group lists: 张三、李四两位代表; 代表有张三、李四 ---------------------------
        for m in self.group_re.finditer(norm):
            e = m.start()
            names = self._names_backward(norm, e, counts, places_at, ner_ends)
            if names and not (len(names) >= 2 or names[0][0] == 0 or not is_han(norm[names[0][0] - 1])):
                continue
            level = self._group_level(m.group(0))
            for s0, e0 in names:
                add(s0, e0, "DEPUTY", level, "group", m.group(0))
        for m in self.intro_re.finditer(norm) if "代表" in norm else ():
            intro, e = m.group(0), m.end()
            nm = self._name(norm, e, counts, places_at, ner_ends)
            if nm:
                add(e, e + len(nm), "DEPUTY", "unknown", "group", intro)
                coordinated(e + len(nm), "unknown", "group", intro, [])
        for m in _DENG_N.finditer(norm):
            if daibiao_is_verb(norm, m.end() - 2):
                continue  # 王某、李某等代表各民主党派…: "on behalf of"
            for s0, e0 in self._names_backward(norm, m.start(), counts, places_at, ner_ends):
                add(s0, e0, "DEPUTY", self._group_level(m.group(0)), "group", m.group(0))

        # 4. PERSON ------------------------------------------------------------
        self._persons(norm, counts, places_at, ner_ends, ner, boilerplate, add)

        # 5. NAME…当选为/被选为/担任…人大代表: upgrade the sentence's person
        for lstart, te, level, ts in pending_titles:
            ss, _ = sentence_bounds(norm, ts)
            between = norm[ss:lstart]
            if not re.search(r"当选为?|被选为|选为|担任|成为|是|兼任|作为", between[-12:] if len(between) > 12 else between):
                continue
            cands = [m for m in out.values() if ss <= m.start < lstart]
            if cands:
                m0 = max(cands, key=lambda x: x.start)
                m0.label = "DEPUTY"
                if _rank(level) > _rank(m0.level):
                    m0.level = level
                m0.titles.append(norm[lstart:te])
            else:
                nm = self._name(norm, ss, counts, places_at, ner_ends)
                if nm:
                    add(ss, ss + len(nm), "DEPUTY", level, "elected", norm[lstart:te])

        # 6. one role per person, from all of the person's mentions ------------------
        self._resolve_roles(norm, out, title_levels)

        # 7. propagate: person levels, later mentions, surname + 代表 ---------------
        mentions = self._propagate(norm, out, boilerplate, places_at)
        self._page_level(norm, mentions, [lv for ts, _te, kind in title_hits if kind == "full"
                                    for lv in (title_levels[ts][0],)])
        # 8. optional: model-only persons where no rule mention is
        mentions = self._ner_persons(norm, counts, ner, boilerplate, mentions)
        # 9. a name that only names a doctrine (毛泽东思想, 邓小平理论) is not a person mention
        mentions = [m for m in mentions if m.label == "DEPUTY" or not norm.startswith(eponym_suffixes(), m.end)]
        return mentions

    def _list_item(self, norm: str, i: int) -> str | None:
        """An item of a 、-list that is itself followed by 、 (…、王朝霞、…): the separators
        bound it, so a 2–4 character item that starts with a surname and is no ordinary
        word is taken whole (the length guess would stop at the word 王朝 in 王朝霞)."""
        m = _LIST_ITEM.match(norm, i)
        if not m or not surname_len(norm, i) or self._place_occ[i:m.end()].count(1):
            return None
        nm = m.group(0)
        whole = entry(nm)
        if "某" in nm or whole is not None and whole[0] >= 30 and not whole[1].startswith("nr"):
            return None  # (an ordinary word listed: 学校、医院)
        return nm

    @staticmethod
    def _page_level(norm: str, mentions: list[Mention], levels: list[str]) -> None:
        """A deputy named with no title of their own (代表刘建国表示, 杨婷婷、王宁两位代表)
        takes the page's congress level, when most of the page's levelled titles name it:
        a page reports on the deputies of one congress.  A bare 人大代表 before the name
        says the level is unknown (ANNOTATION.md), so those stay unknown."""
        bare = {norm[m.start:m.end] for m in mentions if any(t in ("人大代表", "人民代表大会代表") for t in m.titles)}
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
        m = re.search(r"(全国|[乡镇县区市省州旗])(?:人大)?代表$", cue)
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

    def _open_daibiao(self, norm, counts, places_at, ner_ends, add) -> None:
        """代表 + name at a clause start (代表钱立新到社区), and a surname the model marks
        as a person right before 代表 (陈代表当场…): both name a deputy."""
        for m in _DAIBIAO_OPEN.finditer(norm):
            q = m.end()
            nm = self._name(norm, q, counts, places_at, ner_ends)
            if nm and not norm.startswith("代表", q + len(nm)):
                add(q, q + len(nm), "DEPUTY", "unknown", "daibiao-name", "代表")
        for s0, e0 in self._ner_view.ends.items():
            if e0 - s0 == 1 and norm.startswith("代表", e0) and surname_len(norm, s0) == 1 \
                    and not is_han(norm[s0 - 1:s0] or "\n"):
                add(s0, e0, "DEPUTY", "unknown", "surname", "代表")

    def _name_after_title(self, norm, te, counts, places_at, ner_ends, title_hits):
        """Find the name a title introduces: right after it, or after a chain of roles."""
        limit = min(len(norm), te + 48)
        stop = re.compile(r"[。！？；\n“”‘’：:（(）)《》]")
        ms = stop.search(norm, te, limit)
        if ms:
            limit = ms.start()
        q = te
        while q < limit and norm[q] in " \u3000\t":
            q += 1
        lead = re.match(r"(?:有|是|包括|分别是|分别为|为)", norm[q:q + 3])
        if lead:
            q += lead.end()
        nm = self._name(norm, q, counts, places_at, ner_ends) or self._bare_name(norm, q)
        if nm and not norm.startswith(("们", "的"), q):
            return q, q + len(nm), ""
        title_starts = {s for s, _, _ in title_hits}
        for p in range(q + 1, limit):
            if p in title_starts or (p + 1 in title_starts and norm[p] in "省市区县乡镇州") or p in self._level_starts:
                if norm[q:q + 1] == "，":
                    return None  # (…人大代表，也是…人大代表: two titles of one person, not a chain)
                return ("next", p, "")  # a second title follows: it introduces the name itself
            prev = norm[p - 1]
            if prev in "、， \u3000" or role_before(norm, p):
                if prev == "，" and not norm.startswith("、", p) and not role_before(norm, p) and p - 1 != q:
                    return None  # (a comma right after the title keeps the chain: 省人大代表，某公司总经理邓佳明)
                nm = self._name(norm, p, counts, places_at, ner_ends)
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
            if q < len(norm) and is_han(norm[q]) and not surname_len(norm, q) and norm[q] not in "们的在是和与及等为也都还就对从向":
                out.append(sentence_bounds(norm, m.start()))
        return cue_windows(norm, out)

    def _bare_name(self, norm: str, q: int) -> str | None:
        """A 2–4 character name with no Han surname right after a title (其木格, 才让卓玛).

        Accepted only when the run ends at punctuation or a word that cannot continue a
        name, and contains no ordinary word.
        """
        ner_end = self._ner_ends.get(q)
        if ner_end is not None and 2 <= ner_end - q <= 8:
            cand = norm[q:ner_end]
            if all(is_han(c) or c == "·" for c in cand) and not any(c in "你我他她您咱们替" for c in cand) and not any(
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
                    or norm[q + L] in "在和、" + _ADVERBS_AFTER_NAME or nxt in names.stop_prefixes):
                continue
            if any(c not in allowed for c in cand) or (L > 2 and cand[-1] in _ADVERBS_AFTER_NAME):
                continue  # (朝鲁|刚从草场上回来: an adverb after the name)
            if any(is_common_word(cand[k:k + 2], 200) for k in range(len(cand) - 1)) or is_common_word(cand, 50):
                continue
            return cand
        return None

    def _names_backward(self, norm, e, counts, places_at, ner_ends):
        """Names in a 、-list ending at ``e`` (张三、李四|两位代表)."""
        out = []
        while e > 0:
            got = None
            for L in (4, 3, 2):
                s0 = e - L
                if s0 < 0:
                    continue
                nm = self._name(norm, s0, counts, places_at, ner_ends)
                if nm and s0 + len(nm) == e:
                    got = (s0, e)
                    break
            if not got:
                break
            out.append(got)
            if got[0] > 0 and norm[got[0] - 1] in "、和及与":
                e = got[0] - 1
            else:
                break
        return out

    def _persons(self, norm, counts, places_at, ner_ends, ner, boilerplate, add) -> None:
        # bylines
        for m in _BYLINE.finditer(norm):
            self._name_run(norm, m.end(), counts, places_at, add, "byline")
        for m in _BOX.finditer(norm):
            self._name_run(norm, m.end(), counts, places_at, add, "byline")
        for m in _PAREN_AUTHORS.finditer(norm):
            if self._split_run(norm, m.start(1), m.end(1), add, "byline"):
                continue
            if self._ner_tiles(norm, m.start(1), m.end(1), ner, add):
                continue  # （邹蓬王国平张学辉）: the model's split of an unspaced run wins
            self._name_run(norm, m.start(1), counts, places_at, add, "byline", end=m.end(1))
        # a credits line: 王淑 马静    发布时间：2015-01-22
        for m in _CREDIT_LINE.finditer(norm):
            for part in _HAN_RUN.finditer(norm, m.start(1), m.end(1)):
                if name_at(norm, part.start(), counts) == part.group(0):
                    add(part.start(), part.end(), "PERSON", None, "byline")
        # role word + name (one pass with a combined pattern, longest role first)
        for q, role in _role_hits(norm):
            if True:
                if role in ("委员", "常委", "同志", "先生", "女士"):
                    continue
                if is_common_word(role + norm[q:q + 1], 50):
                    continue  # 居民楼, 村民组: the role word is part of a longer word
                p0 = q - len(role)
                if p0 > 0 and is_common_word(norm[p0 - 1:p0 + 1], 300) and norm[p0 - 1] not in "市县区省镇乡州旗国":
                    continue  # 执法人员: 法人 starts inside the word 执法 (but 市|政协委员 is a level word)
                nm = self._name(norm, q, counts, places_at, ner_ends)
                bare = self._bare_name(norm, q)
                if bare and len(bare) > len(nm or ""):
                    nm = bare  # 副主任索南才让, 负责人图雅
                if nm and _role_name_is_word(nm):
                    nm = None  # 群众|代写, 老人|连合同: a rare surname character opening an ordinary word
                if nm and not norm.startswith(("代表", "们"), q):
                    e = q + len(nm)
                    if norm.startswith("代表", e) and not daibiao_is_verb(norm, e):
                        continue  # handled by the deputy rules
                    add(q, e, "PERSON", None, "role:" + role, role)
                    # 村民谢道书、刘咸群: a list after one role word
                    while e < len(norm) and norm[e] == "、":
                        nm2 = self._list_item(norm, e + 1) or self._name(norm, e + 1, counts, places_at, ner_ends)
                        if not nm2 or norm.startswith("代表", e + 1 + len(nm2)):
                            break
                        add(e + 1, e + 1 + len(nm2), "PERSON", None, "role:" + role, role)
                        e = e + 1 + len(nm2)
        # an age before a name: 86岁的刘玉珍老人, 今年58岁的王建国说
        for m in _AGE_BEFORE.finditer(norm):
            q = m.end()
            nm = self._name(norm, q, counts, places_at, ner_ends)
            if not nm:
                continue
            e = q + len(nm)
            if e >= len(norm) or not is_han(norm[e]) or norm.startswith(_AGE_NAME_FOLLOW, e) \
                    or norm[e] in self.names.stop_chars:
                add(q, e, "PERSON", None, "age")
        # speakers: ”张三说 / ，张三表示
        for m in _SPEECH.finditer(norm):
            e = m.start()
            for L in (4, 3, 2):
                s0 = e - L
                if s0 < 0:
                    continue
                nm = self._name(norm, s0, counts, places_at, ner_ends)
                if nm and s0 + len(nm) == e and (s0 == 0 or norm[s0 - 1] in "”。，！？\n ：:、的" or role_before(norm, s0)
                                                 or is_common_word(norm[max(0, s0 - 2):s0], 300)):
                    add(s0, e, "PERSON", None, "speaker")
                    break
        # leaders: 习近平总书记
        for m in _LEADER.finditer(norm):
            e = m.start()
            for L in (3, 2):
                s0 = e - L
                if s0 >= 0:
                    nm = self._name(norm, s0, counts, places_at, ner_ends)
                    if nm and s0 + len(nm) == e and (s0 == 0 or not is_han(norm[s0 - 1]) or norm[s0 - 1] in "的贯彻学习向"):
                        add(s0, e, "PERSON", None, "leader")
                        break
        # minority names joined with · (阿不都买那·热合曼)
        from .names import _MINORITY, plausible_minority, trim_minority
        for m in _MINORITY.finditer(norm):
            nm = trim_minority(m.group(0))
            if not plausible_minority(nm):
                continue
            s0 = m.start() + m.group(0).index(nm.split("·")[0])
            add(s0, s0 + len(nm), "PERSON", None, "minority")
    def _ner_persons(self, norm, counts, ner, boilerplate, mentions: list[Mention]) -> list[Mention]:
        """Statistical PER spans as PERSON where no rule mention is (``ner_persons``).

        Off by default: on news pages about deputies it cost precision. ``"strict"``
        keeps only spans the name rules agree with; ``True`` keeps all plausible ones.
        """
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
            if e - s < 2 and not (surname_len(norm, s) == 1 and _SURNAME_TITLE.match(norm, e)):
                continue  # one character only as surname + title: 江主席 → 江 (ANNOTATION.md)
            if self._place_occ is not None and self._place_occ[s:e].count(1):
                continue
            txt = norm[s:e]
            if "某" in txt or not all(is_han(c) or c == "·" for c in txt):
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
        if sl and e - s > sl and _SURNAME_TITLE.fullmatch(norm, s + sl, e):
            return s, s + sl
        if e - s >= 3 and sl and e - s - 1 > sl:
            names = self.names
            last, nxt = norm[e - 1], norm[e:e + 1]
            if last in names.stop_chars or norm[e - 1:e + 1] in names.stop_word_set or (last == "著" and nxt != "" and nxt in "的《（("):
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
        tail = re.search(rf"(?:{_CREDIT_TAIL}|作|绘)$", norm[a:b])
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
        tail = re.search(rf"(?:{_CREDIT_TAIL})$", run)
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

    def _name_run(self, norm, q, counts, places_at, add, source, end=None) -> None:
        """Names separated by spaces or 、 after a byline cue (记者 王晨 魏欢庆)."""
        end = end if end is not None else min(len(norm), q + 30)
        while q < end:
            while q < end and norm[q] in " \u3000、/":
                q += 1
            if q >= end:
                break
            cue = _BYLINE_ROLE.match(norm, q)
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
            nm = name_at(norm, q, counts, max_given=2)
            run = re.match(r"[\u4e00-\u9fff]{2,4}(?=[\s）)、]|$)", norm[q:q + 6])
            if run and (not nm or len(run.group(0)) > len(nm)) and (surname_len(norm, q) or all(
                    c in _translit_chars() for c in run.group(0))) and not any(
                    is_common_word(run.group(0)[k:k + 2], 300) for k in range(len(run.group(0)) - 1)):
                nm = run.group(0)  # 曲比阿果, 娜仁: byline names need no Han surname
            if not nm:
                break
            e = q + len(nm)
            if e < len(norm) and is_han(norm[e]) and norm[e] not in "摄报":
                # the name runs on into text: not a byline name list
                if len(nm) == 3 or e - q < 2:
                    pass
                if not (norm[e] in "、和") and source == "byline" and end - q > 8:
                    break
            add(q, e, "PERSON", None, source)
            q = e

    def _propagate(self, norm, out, boilerplate, places_at) -> list[Mention]:
        by_name: dict[str, list[Mention]] = {}
        for m in out.values():
            by_name.setdefault(norm[m.start:m.end], []).append(m)
        # person-level label and level
        info: dict[str, tuple[str, str | None]] = {}
        for nm, ms in by_name.items():
            label = "DEPUTY" if any(m.label == "DEPUTY" for m in ms) else "PERSON"
            level = None
            if label == "DEPUTY":
                level = max((m.level or "unknown" for m in ms if m.label == "DEPUTY"), key=_rank)
            info[nm] = (label, level)
        # full names: two-character short names of a three-character deputy (斯尔江 ← 斯尔江·托合提木拉提)
        for nm in list(info):
            if "·" in nm or "•" in nm:
                parts = re.split("[·•]", nm)
                for part in (parts[0], parts[-1]):
                    if len(part) >= 2 and (part not in info or info[nm][0] == "DEPUTY") and not is_common_word(part, 100):
                        info[part] = info[nm]  # 斯尔江 ← 斯尔江·托合提木拉提; 其木格 ← 乌云•其木格
        occupied = bytearray(len(norm) + 1)
        for m in out.values():
            occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
        for nm, (label, level) in sorted(info.items(), key=lambda kv: -len(kv[0])):
            if len(nm) < 2:
                continue
            for s in _find_all(norm, nm):
                e = s + len(nm)
                if occupied[s:e].count(1) or inside(boilerplate, s, e):
                    continue
                # not inside a longer name: 王海凤 vs 王海
                if e < len(norm) and is_han(norm[e]) and nm + norm[e] in info:
                    continue
                m = Mention(s, e, label, level, "repeat")
                out[(s, e)] = m
                occupied[s:e] = b"\x01" * (e - s)
        # surname + 代表 / 老X / 小X for named deputies
        deputy_surnames: dict[str, str | None] = {}
        for nm, (label, level) in info.items():
            if label == "DEPUTY":
                sl = surname_len(nm, 0) or 1
                deputy_surnames.setdefault(nm[:sl], level)
        for sur, level in deputy_surnames.items():
            for s in _find_all(norm, sur):
                e = s + len(sur)
                if not norm.startswith(_SURNAME_TITLES, e):
                    continue
                if occupied[s:e].count(1) or inside(boilerplate, s, e):
                    continue
                if s > 0 and is_han(norm[s - 1]) and norm[s - 2:s] in info:
                    continue
                out[(s, e)] = Mention(s, e, "DEPUTY", level, "surname")
                occupied[s:e] = b"\x01" * (e - s)
            for s in _find_all(norm, sur):
                e = s + len(sur)
                if s == 0 or norm[s - 1] not in "老小" or norm[e + 1:e + 3] == "代表":
                    continue
                if occupied[s:e].count(1) or inside(boilerplate, s, e):
                    continue
                if s >= 2 and is_han(norm[s - 2]) and norm[s - 2] not in "“”，。、":
                    continue
                if e < len(norm) and is_han(norm[e]) and norm[e] not in "对说是在也就还都又把给为和":
                    continue
                out[(s, e)] = Mention(s, e, "DEPUTY", level, "surname")
                occupied[s:e] = b"\x01" * (e - s)
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
