"""Link each deputy mention to the acts it is the agent of (no spaCy here).

:class:`ActionLinker` is what the pipeline calls: the learned linker
(:mod:`zhpolitics.actions.learned`, models in ``models/actions``) when its model is
there, else the cue rules of :class:`RuleLinker`.  The learned linker also reads the
rules' links as features and keeps those it confirms (their spans are exact on the
constructions below), adding the acts the rules miss.

:class:`RuleLinker` works from clause structure and the cue files in ``resources/actions``:

* the predicate after the name (past adverbials, time phrases, 代表/（左一）);
* frames 在…时/后/中: the act inside the frame is an action when it has an act trigger
  (在对…进行专项审计时 → 对…进行专项审计), the deputy's name inside a frame ends its
  act at the closer (在李岩梅提交建议后 → 提交建议);
* following clauses of the same sentence: a clause that starts with 并/还/同时 or an act
  trigger is a further act; a clause without a new subject extends the current act;
  result clauses (将这一难题彻底解决), other agents (有关部门…) and speech end it;
* coordinated deputies share the act (王俊峰、王海凤深入…);
* a following sentence whose subject is 他/她/该代表 continues the last deputy;
* an act told before the name (筹资70万修路的是村人大代表张三).

Excluded: speech and feeling (说, 表示, 认为, 有感而发, 希望), being elected, holding a
post, attending as a listed participant, being visited, acts of others.
"""

from __future__ import annotations

import re

from ..text import is_han, split_after
from .cues import Cues, load_cues
from .learned import Link  # one Link type for both linkers

_CLAUSE_SEP = "，,：:"
_SENT_SEP = "。！？!?\n；;"
_RESULT_START = ("解决了", "使", "让", "促使", "有效", "切实", "从而", "进而", "得到", "受到", "赢得", "获得", "深受")
_PERCEIVE = re.compile(r"^(?:在)?(?:了解到|了解|得知|获悉|发现|看到|听说|注意到|意识到)")
_NEW_ACT = ("并", "还", "同时", "此外", "另外", "随后", "然后", "又", "再", "也", "更", "后来", "之后", "接着", "并且", "此后",
            "当天", "当即", "随即", "立即", "马上", "连夜", "第一时间")
_STATE_START = ("目前", "如今", "现在", "现已", "至今", "截至", "已经", "今年", "去年", "当时", "这", "那", "此", "其", "据", "为此",
                "很快", "不久", "第二天", "次日", "几天后", "下午", "上午", "晚上")
_PRONOUNS = ("他们", "她们", "两人", "二人", "两位代表", "代表们", "他", "她", "该代表", "这位代表", "这名代表", "该人大代表")
# descriptions of the deputy, not acts: 是种粮大户, 在村里当了十几年妇女主任, 经营一家企业
_STATE = re.compile(r"^(?:也|还|就|都|正|已|一直|长期|常年|多年来|从小|开始|曾经|曾|先后)?(?:是|系|姓|属|在[^，。]{0,8}(?:当了|担任|经营|开了|干了|工作)|当了|担任|经营|深知|知道|懂得|明白|熟悉|长期关注|关注|接受|今年\d+岁|出生|来自|生于|毕业|身为|作为"
                    r"|[\u4e00-\u9fff]{1,2}了[一二两三四五六七八九十几\d]+多?年)")  # 种了三十多年花生: a biography
_AGENT_START = re.compile(r"(?:组织|出资|捐|筹|购买|走访|调研|视察|接待|收集|提出|提交|撰写|牵头|创办|成立)")
_EXTEND = ("带动", "推动", "促进", "助力", "实现", "尤其是", "特别是", "重点", "确保", "力争", "进一步")
_LEAD_VERB = re.compile(r"^(?:先后|多次|亲自)?(?:带领|带着|率领|组织|联合|携|会同|邀请|陪同|召集)")
_LINE_END = re.compile(r"[ \t\u3000]*\n")
# a sentence that continues the subject of the one before: 同时，还…; 此外，他还… has its own
_CONTINUE = re.compile(r"(?:同时|此外|另外|与此同时|不仅如此|随后|之后|接着)?[，,]?(?:还|又|并)(?!且|不|没|是|有)")
_CONNECTIVES = frozenset(("此外", "另外", "同时", "此后", "随后", "然后", "接着", "与此同时", "不仅如此", "除此之外", "其间", "期间"))
_PRONOUN_RE = re.compile("|".join(map(re.escape, _PRONOUNS)))
_PLURAL = ("他们", "她们", "两人", "二人", "两位代表", "代表们")
# a long subordinate time clause before a pronoun subject: 当选州人大代表后，她… / …开展以来，她…
_LONG_TIME_CLAUSE = re.compile(r"^[^，。；]{2,40}(?:后|以来|期间|之际|之后|以后|时)$")
# going somewhere: followed by an act, it opens that act (还来到邻近的黄崖关村，走访了…)
_MOTION = re.compile(r"来到|走进|走入|前往|赶到|赶赴|奔赴|回到|深入到|走到|到了|赴")
# clauses that open a new subject or describe, inside a chain of acts
_NEW_SUBJECT = re.compile(r"^(?:[一二两三四五六七八九十几每\d]+(?:本|栋|个|户|家|条|件|座|块|张|只|辆|批|些|间|处)"
                          r"|[^，。；]{0,10}?(?:还|也|都|已|共)?有(?:很多|不少|好几|许多|一些|[一二两三四五六七八九十几\d])"
                          r"|比[^，。；]{1,12}(?:还|更)"
                          r"|从[^，。；]{1,20}到[^，。；]{1,10}$"
                          r"|[\u4e00-\u9fff]{2,8}(?:省|市|区|县|镇|乡|街道|村|社区|部门|政府)(?:将|要|已|还|也|正|把|共|先后|随即|立即)"
                          r"|(?:身上|脸上|手上|手里|脚上|眼里|眼中|额头上?)(?:还|也|都|满是|挂着|带着|沾着))")
_PERCEIVED = re.compile(r"(?:发现|得知|获悉|了解到|看到|注意到|听说|意识到)")
# receiving a complaint is what starts an act, not an act: 接到村民反映后
_RECEIVE = re.compile(r"^(?:在)?(?:接到|收到|听到|听了|看了|得知|了解到|发现)")
# an intention or demand is not a concrete act: 要积极践行…, 要求有关部门…
_INTENT = re.compile(r"^(?:也|还|更|都|就)?(?:要(?!求)|将要|想|希望|打算|准备|计划|决心|立志|发誓)(?!了)")
# a congress title (and post) between a clause start and the name: 县人大代表、村党支部书记
_TITLE_BEFORE_NAME = re.compile(r"[^，。；“”]{0,16}代表(?:[、，][^，。；“”]{1,14})?")
# the money alone opens the act it pays for: 投资两万元，利用假期对活动室进行修缮
_MONEY_LEAD = re.compile(r"^(?:又|还|先后|主动|自己|个人|自掏腰包)*(?:出资|投资|筹资|捐资|拿出|自筹|筹集|垫付|投入)了?"
                         r"(?:个人|自有)?(?:资金)?"
                         r"[\d一二两三四五六七八九十百千万余多近约\.]+(?:万|亿)?元(?:资金)?$")
# 不仅做了防水层，还对活动室进行了翻新: one act told in two halves
_NOT_ONLY = re.compile(r"^(?:不仅|不但|不光)")
_BUT_ALSO = re.compile(r"^(?:还|也|而且|更|并且)")
_RANKING = re.compile(r"(?:最|更|较|比较)(?:多|少|高|低|老|早|活跃|积极|突出|大|强)$")
_PRE_FRAME_ADV = re.compile(r"^(?:则|也|还|都|又|就|正|曾|先后|分别|一起|共同|同时)+(?=在)")
_TIME_CLAUSE = re.compile(r"^[^，。；]{0,10}?(?:前|后|时|天|月|年|里|来|初|底|间|期|日|夜|早|晚|冬|春|夏|秋|上|中)$")
# adverbial clauses that may precede a pronoun subject: 对居民提出的纠纷，她…
_ADVERBIAL_CLAUSE = re.compile(r"^(?:对|在|针对|面对|为了|为|关于|围绕|按照|根据|随着|经过|作为)[^，。；]{1,30}$")
_LEAD_MODAL = re.compile(r"^(?:当即|随即|立即|马上|于是|便|就)?(?:决定|打算|准备|计划)(?=[\u4e00-\u9fff])")
_SKIP_AFTER_NAME = re.compile(r"^(?:\s|代表(?!团)|同志|（[^）]{1,8}）|\([^)]{1,8}\))+")
_FRAME_CLOSE = ("过程中", "的时候", "之际", "之后", "以后", "之前", "期间", "时", "后", "中", "前", "下")
# the deputy is an object, not the agent: 为人大代表徐准送上…, 大家向黄善荣…, 与章联生相比
_NOT_SUBJECT = re.compile(r"(?P<v>向|对|给|为|把|被|让|跟|同|与|找|请|谢谢|见到|看到|采访|陪同|跟随|随同|邀请|谈起|提起|说起|是|有|帮助|感谢|称赞|表扬|为了|关于)[^，。；：]{0,16}$")
_TIME_LEAD = re.compile(r"^(?:\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:初|底|以来|前|后)?|\d{1,2}月\d{1,2}日|近日|日前|今年|去年|当天|此前)")
_AGENTIVE = re.compile(r"座谈|交流|谈心|拉家常|围坐|交谈|面对面|值班|坐班|巡查|^(?:把|将)[^，。]{1,20}(?:记|写|交|转|送|报|列|纳|整理|反映)|记录|记下|记入|转交|转达|汇报|报告|带队|跑项目|引进|优化|做好|回应|解答|递上|摆好|举着|拍照|询问|听取|起草|牵线|搭桥|争取|筹|赠|慰问|看望|帮扶|资助|铺|改|治理|清|种|卖|销售|收购|开办|开设|发起|成立|推出|创新|探索|带领|带动|创办|创建|建立|组建|打造|发展|引进|流转|建起|牵头|帮|办|做|送|买|修|建|捐|种|养|开|找到|拿出|给|设|搭|组织|推行|发动|协助|配合|谋划|推介|测量|义诊|解决|落实|推进|对接|提出|提交|撰写|拟写|收集|整理|走访|调研|视察|检查|参加|联系|接待|倾听|记录|讲解|指导|宣讲|调解|化解|慰问|看望|探望|募集|筹集|出资|投资|安装|铺设|硬化|改造|清理|巡查|守|站(?!在)|举|设立|申请|争取|带着|携|来到|前往|深入|赶到|奔赴|回到")
_PARTICIPATE = re.compile(r"^(?:积极|一同|一起|共同|也|还|均|都)?参加(?:了)?(?:[^，。]{0,8})?(?:调研|视察|检查|督查|走访|慰问|执法检查|暗访)")


def _sentences(text: str) -> list[tuple[int, int]]:
    return split_after(text, _SENT_SEP)


def _pronoun_at(seg: str) -> str | None:
    """The pronoun subject that opens ``seg`` (他们 before 他), or None."""
    m = _PRONOUN_RE.match(seg)
    return m.group(0) if m else None


def _not_subject(before: str) -> bool:
    """True when the words before a name make it an object (找到了…的姜代表, 向张三),
    not the subject; a passive clause ending in 的 only describes the subject
    (被村民称为“老娘舅”的白文斌)."""
    m = _NOT_SUBJECT.search(before)
    if m is None:
        return False
    return not (m.group("v") == "被" and "的" in before[m.end("v"):])


def _subject_clause_start(text: str, ss: int, name: int) -> int:
    """Where the clause holding the name at ``name`` starts (sentence start ``ss``).

    A comma or colon starts a clause, and so do quotation marks (“……”路振国说), except
    a short quoted word inside the clause (找到了正在“坐班”的姜舜国代表)."""
    start, i = ss, ss
    while i < name:
        ch = text[i]
        if ch == "“" and i > ss and is_han(text[i - 1]):
            k = text.find("”", i + 1, min(name, i + 11))
            if k > 0 and k + 1 < name and is_han(text[k + 1]):
                i = k + 1  # a quoted word: the clause goes on
                continue
        if ch in _CLAUSE_SEP or ch in "“”":
            start = i + 1
        i += 1
    return start


def _clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Comma-level clauses of a sentence, ignoring commas inside quotes/brackets."""
    out, start, depth = [], s, 0
    for i in range(s, e):
        ch = text[i]
        if ch in "“‘「『（(《":
            depth += 1
        elif ch in "”’」』）)》":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in _CLAUSE_SEP or ch in _SENT_SEP):
            if i > start:
                out.append((start, i))
            start = i + 1
    if start < e:
        out.append((start, e))
    return [(a, b) for a, b in out if b > a]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \u3000\t\r\n，,、。；;：:“”\"'":
        a += 1
    while b > a and text[b - 1] in " \u3000\t\r\n，,、。；;：:！!？?…":
        b -= 1
    # unbalanced closing quote at the end
    seg = text[a:b]
    if seg.endswith(("”", "’")) and seg.count("“") + seg.count("‘") < seg.count("”") + seg.count("’"):
        b -= 1
    return a, b


class RuleLinker:
    """Find (deputy, action) pairs in a normalised text with the cue rules."""

    def __init__(self, cues: Cues | None = None):
        self.cues = cues or load_cues()

    # ---------------------------------------------------------------- tests
    def _is_speech_or_non(self, phrase: str) -> bool:
        if not phrase:
            return True
        if _PARTICIPATE.match(phrase):
            return False
        return self.cues.is_non_action(phrase) or self.cues.is_speech(phrase[:6])

    def _has_act(self, phrase: str) -> bool:
        return self.cues.has_trigger(phrase) or bool(re.search(r"进行|开展|组织|推动|协调|帮助|为[^，。]{1,20}(办|解决|提供|争取)", phrase))

    def _frame_at(self, text: str, i: int, limit: int) -> tuple[int, int, int] | None:
        """``在…时/后/中`` starting at ``i``: (inner_start, inner_end, frame_end)."""
        if not text.startswith(("在", "于"), i):
            return None
        for j in range(i + 2, min(limit, i + 60) + 1):
            for close in _FRAME_CLOSE:
                if text.startswith(close, j) and (j + len(close) >= limit or text[j + len(close)] in _CLAUSE_SEP + _SENT_SEP or
                                                  (close in ("时", "后") and j + len(close) < limit)):
                    if close in ("中", "前", "后", "时") and j + len(close) < limit and text[j + len(close)] not in _CLAUSE_SEP + _SENT_SEP:
                        # 在…后与街道干部一道… (frame directly followed by the predicate)
                        if close not in ("后", "时"):
                            continue
                    return i + 1, j, j + len(close)
        return None

    # ---------------------------------------------------------------- core
    def predicate_after(self, text: str, start: int, sent_end: int, deputies_at: set[int]) -> list[tuple[int, int, str]]:
        """Acts in the text after a subject that ends at ``start`` (same sentence)."""
        acts: list[tuple[int, int, str]] = []
        m = _SKIP_AFTER_NAME.match(text[start:sent_end])
        p = start + (m.end() if m else 0)
        if p >= sent_end:
            return acts
        if text[p] in "：:":
            return acts  # 齐扎拉代表：加快…建设 (what the deputy said or proposed, not an act)
        if text[p] == "家" and not text.startswith("家访", p):
            return acts  # 巴雅尔·图门家经营着3000多亩草场: the household is described, not an act
        if text[p] in "的之" or text.startswith(("所在", "是", "为人", "说", "表示", "认为"), p):
            if not text.startswith(("是", ), p) or text.startswith("是否", p):
                return acts
        clauses = _clauses(text, p, sent_end)
        if not clauses:
            return acts
        cur: list[int] | None = None
        first = True
        perceiving = False
        perceived_content = False
        lead_pending = False  # the previous clause was a short lead verb (带领部分代表，…)
        not_only = False  # the previous clause was 不仅…
        for ci, (a, b) in enumerate(clauses):
            a, b = _trim(text, a, b)
            if b <= a:
                continue
            phrase = text[a:b]
            restart = False
            if not first:
                pr = _pronoun_at(phrase)
                if pr is not None and b - a > len(pr) and not self.cues.is_speech(phrase[len(pr):len(pr) + 6]):
                    # the subject named again by a pronoun inside its own sentence
                    # (何晓梅是…医师，她为老人们测量了血压; …，发现…，两人当场提出了…)
                    a += len(pr)
                    phrase = text[a:b]
                    restart = True
                    perceiving = False
                    cur = None
            if perceiving:
                # 了解到……，……，成为…忧心事后，(act): skip the perceived situation
                if phrase.endswith(("后", "时")):
                    perceiving = False
                continue
            if perceived_content:
                # 得知镇里防护物资紧缺，连夜联系…: the content ends where an act begins
                if not (restart or phrase.startswith(_NEW_ACT) or _AGENT_START.match(phrase)
                        or re.match(r"(?:连夜|立即|当即|马上|随即|当天|迅速|主动)", phrase)):
                    continue
                perceived_content = False
            if _PERCEIVE.match(phrase) and not text.startswith("在", a):
                later = [text[x:y].rstrip() for x, y in clauses[ci + 1:]]
                if not phrase.endswith(("后", "时")) and any(c.endswith(("后", "时")) for c in later):
                    perceiving = True  # 了解到……，……，成为…忧心事后，(act)
                elif not phrase.endswith(("后", "时")):
                    perceived_content = True
                first = False
                cur = None
                continue
            if not first and phrase in _CONNECTIVES:
                cur = None  # …，此外，累计捐赠…: what follows is a new act
                lead_pending = False
                continue
            if not first and phrase.startswith(_RESULT_START):
                break
            if not first and (any(a <= d < b for d in deputies_at) or text[a - 1:a] in "“‘" or re.search(r"我们|我", phrase[:4])):
                break  # another deputy's act (…，魏少军代表捐款400万元) or quoted first-person speech
            if not first:
                if phrase.startswith(_PRONOUNS):
                    break  # (a pronoun followed by speech: what follows is the speech)
                loc = re.match(r"在[^，。；]{1,12}?(?:心中|心里|中|上|里)", phrase)
                if self.cues.starts_with_other_agent(phrase) or self.cues.is_result(phrase) or phrase.startswith(_STATE_START) \
                        or (loc is not None and self.cues.is_result(phrase[loc.end():])):
                    break  # …，在群众心中树立了代表的形象: an evaluation, not a further act
                if _NEW_SUBJECT.match(phrase) and not self.cues.has_trigger(phrase):
                    break  # 一本记…, 乡里还有好几位…, 海淀区将…: a new subject, not the deputy's act
                if self.cues.is_speech(phrase[:4]) or re.match(r"^[\u4e00-\u9fff]{2,4}(说|表示|认为)", phrase):
                    break
            # a frame clause: 在…时 / 了解到…后
            pre = _PRE_FRAME_ADV.match(phrase)
            fr = self._frame_at(text, a + (pre.end() if pre else 0), b)
            if fr is not None:
                ia, ib, fe = fr
                inner = text[ia:ib]
                if any(ia <= d < ib for d in deputies_at):
                    break
                if self._has_act(inner) and not self._is_speech_or_non(inner):
                    acts.append((ia, ib, "frame"))
                    cur = None
                rest_a, rest_b = _trim(text, fe, b)
                if rest_b > rest_a and _PERCEIVED.fullmatch(text[rest_a:rest_b]):
                    # 在走访中发现，一栋老楼的暖气片常年不热: what follows is what was found
                    perceived_content = True
                    cur = None
                elif rest_b > rest_a:
                    rest = text[rest_a:rest_b]
                    if not self._is_speech_or_non(rest) and not self.cues.starts_with_other_agent(rest) and not self.cues.is_result(rest):
                        acts.append((rest_a, rest_b, "after-frame"))
                        cur = [len(acts) - 1]
                first = False
                continue
            if (phrase.endswith(("后", "时")) and len(phrase) <= 30) or re.search(r"了解到|得知|发现|看到|听说", phrase[:6]):
                # a subordinate time clause or perception: an act only if it has a trigger
                if (phrase.endswith(("后", "时")) and self._has_act(phrase[:-1]) and not self._is_speech_or_non(phrase)
                        and not _RECEIVE.match(phrase)):
                    acts.append((a, b - 1, "clause-frame"))
                first = False
                cur = None
                continue
            lm = _LEAD_MODAL.match(phrase)
            if lm:
                a += lm.end()
                phrase = text[a:b]
            core = phrase[_TIME_LEAD.match(phrase).end():] if _TIME_LEAD.match(phrase) else phrase
            core = core.lstrip("，, ")
            mo = _MOTION.search(core)
            motion = bool(mo) and len(core) - mo.end() <= 20 and not (
                self.cues.has_trigger(core[mo.end():]) or _AGENTIVE.search(core[mo.end():]))
            as_role = core.startswith(("作为", "身为")) and (self.cues.has_trigger(core) or _AGENTIVE.search(core[3:]))
            if _STATE.match(core) and not _PARTICIPATE.match(core) and not as_role:  # 作为驻村队员来到…村 is an act
                if first:
                    first = False
                    cur = None
                    continue
                break
            if self.cues.is_speech(core[:6]) or core.startswith(("告诉", "强调", "指出", "坦言")):
                break  # what follows is the content of the speech
            if _INTENT.match(core) and not _LEAD_MODAL.match(core):
                break  # 他要…, 要求有关部门…: intentions and demands
            if self._is_speech_or_non(core) or (first and not (self._has_act(core) or _AGENTIVE.search(core[:20]))):
                if first:
                    first = False
                    continue
                break
            if _RANKING.search(core) or "是否" in core:
                if first:
                    first = False
                    continue
                break  # 每年建议最多: a ranking of the deputy, not an act
            if cur is None and not lead_pending and not (self._has_act(core) or _AGENTIVE.search(core[:20])
                                                         or re.match(r"(?:把|将|到|去|赴)[\u4e00-\u9fff]", core)):
                continue  # 资格最老，最活跃: no act has started and this clause is none either
            if cur is not None and (lead_pending or _NOT_ONLY.match(core) or (not_only and _BUT_ALSO.match(core))):
                s0, _e0, r = acts[cur[0]]
                acts[cur[0]] = (s0, b, r)  # 带领部分代表，对…进行了专项检查
            elif cur is not None and phrase.startswith(_EXTEND):
                s0, _e0, r = acts[cur[0]]
                acts[cur[0]] = (s0, b, r)  # …，带动全村村民增收致富 / 尤其是加强夜间巡查
            elif cur is None or first or phrase.startswith(_NEW_ACT) or self.cues.has_trigger(phrase) or _AGENT_START.match(phrase):
                acts.append((a, b, "predicate" if first else "serial"))
                cur = [len(acts) - 1]
            else:
                s0, _e0, r = acts[cur[0]]
                acts[cur[0]] = (s0, b, r)
            # a short lead verb (带领部分代表，…) or where the deputy went (来到…村，) opens
            # the act of the next clause: 还来到邻近的黄崖关村，走访了5户民宿经营户
            lead_pending = (bool(_LEAD_VERB.match(phrase)) and len(phrase) <= 12) or motion or bool(_MONEY_LEAD.match(core))
            not_only = bool(_NOT_ONLY.match(core))
            first = False
        return acts

    def __call__(self, text: str, deputies: list[tuple[int, int]]) -> list[Link]:
        """``text`` is the normalised document; ``deputies`` the DEPUTY mention offsets."""
        if not deputies:
            return []
        sents = _sentences(text)
        dep_sorted = sorted(deputies)
        starts = {s for s, _ in dep_sorted}
        links: list[Link] = []
        acted: set[int] = set()  # starts of the sentences that told at least one act

        def emit(group: list[tuple[int, int]], acts: list[tuple[int, int, str]], sentence: tuple[int, int],
                 rule: str | None = None) -> None:
            """One link per deputy of ``group`` and act of at least two characters."""
            for a, b, r in acts:
                a, b = _trim(text, a, b)
                if b - a >= 2:
                    acted.add(sentence[0])
                    for d in group:
                        links.append(Link(d, (a, b), sentence=sentence, rule=rule or r))

        def sent_of(i: int) -> tuple[int, int]:
            for s, e in sents:
                if s <= i < e:
                    return s, e
            return 0, len(text)

        # coordinated groups: 王俊峰、王海凤 share the act after the last name
        groups: list[list[tuple[int, int]]] = []
        for d in dep_sorted:
            between = text[groups[-1][-1][1]:d[0]] if groups else ""
            if groups and (between in ("、", "和", "与", "及", "、和") or re.fullmatch(r"[、和与及][^，。；：]{0,20}(?:人大代表|代表)", between)):
                groups[-1].append(d)
            else:
                groups.append([d])
        last_group_in_sentence: dict[int, list[tuple[int, int]]] = {}
        for g in groups:
            ss, se = sent_of(g[-1][0])
            # acts told before the name: 筹资70万修路的(，)是村人大代表张三
            head = text[ss:g[0][0]]
            before: list[tuple[int, int, str]] = []
            mb = re.search(r"([^，。；]{2,40}?)的，?(?:正是|就是|是|便是|有)[^，。；]{0,30}$", head)
            if mb and self._has_act(mb.group(1)):
                before.append((ss + mb.start(1), ss + mb.end(1), "before"))
            # subject check: the deputy must be the agent of what follows
            cstart = _subject_clause_start(text, ss, g[0][0])
            title = text[cstart:g[0][0]]
            if cstart > ss and text[cstart - 1] in _CLAUSE_SEP and (not title.strip() or re.fullmatch(_TITLE_BEFORE_NAME, title)):
                # 在对全村产业发展情况进行调研时，龙德英发现…: the frame before the name is its act
                prev = _clauses(text, ss, cstart - 1)
                if prev:
                    pa, pb = _trim(text, *prev[-1])
                    fr = self._frame_at(text, pa, pb)
                    if fr is not None and fr[2] == pb and not any(pa <= d[0] < pb for d in dep_sorted):
                        inner = text[fr[0]:fr[1]]
                        if self._has_act(inner) and not self._is_speech_or_non(inner) and not _RECEIVE.match(inner):
                            before.append((fr[0], fr[1], "frame-before"))
            if _not_subject(text[cstart:g[0][0]]) or (text[g[0][0] - 1:g[0][0]] == "“" and text[g[-1][1]:g[-1][1] + 1] in "，,！!"):
                acts = before
            else:
                tail = g[-1][1]
                # skip group counts: 谭军、刘若涵两位代表…
                mm = re.match(r"[两二三四五六七八九十\d]+(?:位|名)(?:人大)?代表", text[tail:se])
                if mm:
                    tail += mm.end()
                acts = before + self.predicate_after(text, tail, se, starts - {d[0] for d in g})
            last_group_in_sentence[ss] = g
            emit(g, acts, (ss, se))
            # a heading line that is only the title and the name (全国人大代表、…主任于安玲),
            # followed by a paragraph of subject-less sentences: that paragraph is the deputy's
            line_start = text.rfind("\n", 0, g[0][0]) + 1
            line_end = text.find("\n", g[-1][1])
            line_end = len(text) if line_end < 0 else line_end
            # …or the name alone before a colon and its titles (高振华：区人大代表、…总经理)
            profile = (len(g) == 1 and not text[line_start:g[0][0]].strip() and text[g[0][1]:g[0][1] + 1] in "：:"
                       and line_end - line_start <= 60 and line_end < len(text)
                       and not re.search(r"[，,。；;！？“”]", text[g[0][1]:line_end]))
            if profile or _LINE_END.match(text, g[-1][1]) and g[-1][1] - line_start <= 60 and \
                    not re.search(r"[，,。；;：:！？“”]", text[line_start:g[0][0]]):
                p_start = line_end + 1
                while p_start < len(text) and text[p_start] in "\n \u3000\t":
                    p_start += 1  # (a blank line between the heading and its paragraph)
                p_end = text.find("\n", p_start)
                p_end = len(text) if p_end < 0 else p_end
                for s2, e2 in sents:
                    if s2 < p_start or s2 >= p_end:
                        continue
                    if any(s2 <= d[0] < e2 for d in dep_sorted):
                        break  # the paragraph names someone: back to the sentence rules
                    lead = text[s2:e2].lstrip()
                    if lead.startswith(("“", "‘", "「")) or _PRONOUN_RE.match(lead):
                        continue  # quotes are someone's speech; pronoun sentences are handled below
                    emit(g, self.predicate_after(text, s2, e2, starts), (s2, e2), "heading")
                    last_group_in_sentence[s2] = g
        # pronoun subjects in the following sentences (after leading time phrases:
        # 会前，她带着问题走访了…; 今年3月，两人对…进行了专题调研)
        first_dep = dep_sorted[0][0]
        for si, (ss, se) in enumerate(sents):
            # a sentence after a semicolon may continue the previous subject with none of its
            # own: 2021年，他出资建起灯光球场；2023年，牵头组建籃球队…
            # …and so may a sentence that opens with a continuation (。同时，还协助交通局…)
            zero_ok = si > 0 and sents[si - 1][0] in acted and (  # …when the one before told an act
                text[ss - 1:ss] in "；;" or text[ss - 1:ss] == "。" and bool(_CONTINUE.match(text, ss, se)))
            if se <= first_dep or not (zero_ok or _PRONOUN_RE.search(text, ss, se)):
                continue  # before any deputy, or no pronoun at all
            in_sent = [d for d in dep_sorted if ss <= d[0] < se]
            if in_sent and not re.match(r"\s*(?:他|她)(?:和|与|同|跟)(?:" + _TITLE_BEFORE_NAME.pattern + ")?$", text[ss:in_sent[0][0]]):
                continue  # 他和古丽尼沙•买买提一起走访了… is handled below
            lead = text[ss:se].lstrip()
            if lead.startswith(("“", "‘", "「")):
                close = re.search(r"[”’」]", lead)
                if close is None or close.start() > 12 or self.cues.is_speech(lead[close.end():close.end() + 8]):
                    continue  # a quoted sentence: 他 there is the speaker's, not the narrator's
            skipped = 0
            for ca, cb in _clauses(text, ss, se):
                ca, cb = _trim(text, ca, cb)
                seg = text[ca:cb]
                pr = _pronoun_at(seg)
                head = seg[self.cues.head_offset(seg):]
                if pr is None and zero_ok and not skipped and (
                        _AGENT_START.match(head) or _LEAD_VERB.match(head) or _AGENTIVE.match(head)):
                    pr = ""  # the subject of the sentence before the semicolon
                if pr is None:
                    if (_TIME_CLAUSE.match(seg) or _TIME_LEAD.fullmatch(seg) or _ADVERBIAL_CLAUSE.match(seg)
                            or _LONG_TIME_CLAUSE.match(seg)):
                        continue
                    # the situation before the act: 几户果农反映苹果树出现了腐烂病，她联系…
                    skipped += 1
                    if skipped <= 1 and len(seg) <= 30 and not re.search(r"[“”‘’「」]|说|表示", seg):
                        continue
                    break
                if skipped and pr in _PLURAL:
                    break
                prev = [g for s0, g in last_group_in_sentence.items() if s0 < ss and ss - s0 < 400]
                if not prev:
                    break
                g = last_group_in_sentence[sents[si - 1][0]] if pr == "" else max(prev, key=lambda gg: gg[-1][0])
                if pr in _PLURAL and len(g) == 1:
                    # 两人 after two deputies introduced separately: the last two distinct names
                    seen_names: dict[str, tuple[int, int]] = {}
                    for d in dep_sorted:
                        if d[0] < ss:
                            seen_names[text[d[0]:d[1]]] = d
                    last_two = sorted(seen_names.values())[-2:]
                    if len(last_two) == 2:
                        g = last_two
                if pr and (pr in _PLURAL) != (len(g) > 1):
                    break
                after = ca + len(pr)
                # 他和古丽尼沙•买买提一起走访了…: the pronoun's deputy shares the partner's acts
                partner = next((d for d in dep_sorted if d[0] > after), None)
                if (partner is not None and text[after] in "和与同跟"
                        and (partner[0] == after + 1 or _TITLE_BEFORE_NAME.fullmatch(text[after + 1:partner[0]]))):
                    acts = self.predicate_after(text, partner[1], se, starts - {partner[0]})
                else:
                    acts = self.predicate_after(text, after, se, starts)
                emit(g, acts, (ss, se), "pronoun")
                last_group_in_sentence[ss] = g
                break
        # de-duplicate
        seen, out = set(), []
        for l in links:
            k = (l.deputy, l.action)
            if k not in seen:
                seen.add(k)
                out.append(l)
        return out


class ActionLinker:
    """The pipeline's linker: learned when ``models/actions/linker.json`` exists, else the rules.

    ``mode`` is "auto" (default), "learned" (raise if the model is missing) or "rules".
    """

    def __init__(self, cues: Cues | None = None, model_dir: str | None = None, mode: str = "auto"):
        from pathlib import Path

        from ..paths import model_path
        from .learned import LINKER_FILE, LearnedLinker, LinkerModel

        self.cues = cues or load_cues()
        self.rules = RuleLinker(self.cues)
        d = Path(model_dir) if model_dir else Path(model_path("actions"))
        self.learned = None
        if mode == "learned" or (mode == "auto" and (d / LINKER_FILE).is_file()):
            self.learned = LearnedLinker(LinkerModel.load(d), self.cues)
            self.learned._rules = self.rules

    def __call__(self, text: str, deputies: list[tuple[int, int]]) -> list[Link]:
        """Links of ``deputies`` (offsets) in the normalised ``text``."""
        if self.learned is not None:
            return self.learned(text, deputies)
        return self.rules(text, deputies)
