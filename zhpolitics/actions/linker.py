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
from dataclasses import dataclass, field

from ..text import SENT_END, is_han, split_after
from .cues import Cues, load_cues
from .learned import Link  # one Link type for both linkers
from .rules import Rules

_CLAUSE_SEP = "，,：:"
#: the text layer's sentence ends, except the ellipsis (an ellipsis inside a sentence does not end the act)
_SENT_SEP = SENT_END.replace("…", "")
_CLAUSE_OR_SENT = _CLAUSE_SEP + _SENT_SEP
_QUOTE_OPEN = ("“", "‘", "「")
_LINE_END = re.compile(r"[ \t\u3000]*\n")


def _sentences(text: str) -> list[tuple[int, int]]:
    return split_after(text, _SENT_SEP)


def _pronoun_at(R: Rules, seg: str) -> str | None:
    """The pronoun subject that opens ``seg`` (他们 before 他), or None."""
    m = R.pronouns_rx.match(seg)
    return m.group(0) if m else None


def _not_subject(R: Rules, before: str) -> bool:
    """True when the words before a name make it an object (找到了…的姜代表, 向张三),
    not the subject; a passive clause ending in 的 only describes the subject
    (被村民称为“老娘舅”的白文斌)."""
    m = R.not_subject.search(before)
    if m is None:
        return False
    return not (m.group("v") in R.passive and any(w in before[m.end("v"):] for w in R.attributive))


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


_NEXT, _STOP = "next", "stop"  # what a clause step tells the chain: go to the next clause, or end it


@dataclass
class _Chain:
    """Per-call state of :meth:`RuleLinker.predicate_after`: one subject's chain of clauses."""

    text: str
    clauses: list[tuple[int, int]]
    deputies_at: set[int]
    acts: list[tuple[int, int, str]] = field(default_factory=list)
    cur: list[int] | None = None  # the act the next clause may extend
    first: bool = True
    perceiving: bool = False  # inside what the deputy learnt (了解到……，……，…后)
    perceived_content: bool = False  # after 得知/发现: skip until an act begins
    lead_pending: bool = False  # the previous clause was a short lead verb (带领部分代表，…)
    not_only: bool = False  # the previous clause was 不仅…


@dataclass
class _Doc:
    """Per-document state of :meth:`RuleLinker.__call__`."""

    text: str
    sents: list[tuple[int, int]]
    deps: list[tuple[int, int]]  # sorted deputy mentions
    starts: set[int]
    links: list[Link] = field(default_factory=list)
    acted: set[int] = field(default_factory=set)  # starts of the sentences that told at least one act
    last_group: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # sentence start → its group


def _extend(ch: _Chain, b: int) -> None:
    """The current act now runs to ``b``."""
    s0, _e0, r = ch.acts[ch.cur[0]]
    ch.acts[ch.cur[0]] = (s0, b, r)


def _dedupe(links: list[Link]) -> list[Link]:
    seen, out = set(), []
    for ln in links:
        k = (ln.deputy, ln.action)
        if k not in seen:
            seen.add(k)
            out.append(ln)
    return out


class RuleLinker:
    """Find (deputy, action) pairs in a normalised text with the cue rules.

    Reads candidates (each deputy group, heading and pronoun sentence) → filters each
    clause after the subject (:meth:`predicate_after`) → resolves the acts into links;
    per-document state lives in a :class:`_Doc`, per-chain state in a :class:`_Chain`.
    """

    def __init__(self, cues: Cues | None = None):
        self.cues = cues or load_cues()
        self.rules: Rules = self.cues.rules

    # ---------------------------------------------------------------- tests
    def _is_speech_or_non(self, phrase: str) -> bool:
        if not phrase:
            return True
        if self.rules.participate.match(phrase):
            return False
        return self.cues.is_non_action(phrase) or self.cues.is_speech(phrase[:6])

    def _has_act(self, phrase: str) -> bool:
        return self.cues.has_trigger(phrase) or bool(self.rules.act_generic.search(phrase))

    def _opens_act(self, core: str) -> bool:
        return self._has_act(core) or bool(self.rules.agentive.search(core[:20]))

    def _frame_at(self, text: str, i: int, limit: int) -> tuple[int, int, int] | None:
        """``在…时/后/中`` starting at ``i``: (inner_start, inner_end, frame_end)."""
        R = self.rules
        if not text.startswith(R.frame_open, i):
            return None
        for j in range(i + 2, min(limit, i + 60) + 1):
            for close in R.frame_close:
                k = j + len(close)
                if text.startswith(close, j) and (k >= limit or text[k] in _CLAUSE_OR_SENT or
                                                  (close in R.time_close and k < limit)):
                    if close in R.frame_close_short and k < limit and text[k] not in _CLAUSE_OR_SENT:
                        # 在…后与街道干部一道… (frame directly followed by the predicate)
                        if close not in R.time_close:
                            continue
                    return i + 1, j, k
        return None

    # ---------------------------------------------------------------- one subject's clauses
    def predicate_after(self, text: str, start: int, sent_end: int, deputies_at: set[int]) -> list[tuple[int, int, str]]:
        """Acts in the text after a subject that ends at ``start`` (same sentence)."""
        p = self._predicate_start(text, start, sent_end)
        if p is None:
            return []
        ch = _Chain(text, _clauses(text, p, sent_end), deputies_at)
        for ci, (a, b) in enumerate(ch.clauses):
            a, b = _trim(text, a, b)
            if b > a and self._chain_step(ch, ci, a, b) == _STOP:
                break
        return ch.acts

    def _predicate_start(self, text: str, start: int, sent_end: int) -> int | None:
        """Where the predicate after the name starts, or None when no act follows."""
        m = self.rules.skip_after_name.match(text[start:sent_end])
        p = start + (m.end() if m else 0)
        if p >= sent_end or text[p] in "：:":
            return None  # 齐扎拉代表：加快…建设 (what the deputy said or proposed, not an act)
        if self.rules.no_act_after_name.match(text, p):
            return None  # the household or the deputy's own things are described, or speech
        return p

    def _chain_step(self, ch: _Chain, ci: int, a: int, b: int) -> str | None:
        """One clause of the chain: add, extend or skip an act, or end the chain."""
        a, restart = self._pronoun_restart(ch, a, b)
        verdict = self._perception(ch, ci, a, b, restart)
        if verdict is None and not ch.first:
            verdict = self._chain_end(ch, a, b)
        for step in (self._frame_clause, self._time_clause, self._act_clause):
            if verdict is not None:
                return verdict
            verdict = step(ch, a, b)
        return verdict

    def _pronoun_restart(self, ch: _Chain, a: int, b: int) -> tuple[int, bool]:
        """The subject named again by a pronoun inside its own sentence (…，她为老人们测量了血压)."""
        if ch.first:
            return a, False
        phrase = ch.text[a:b]
        pr = _pronoun_at(self.rules, phrase)
        if pr is not None and b - a > len(pr) and not self.cues.is_speech(phrase[len(pr):len(pr) + 6]):
            ch.perceiving = False
            ch.cur = None
            return a + len(pr), True
        return a, False

    def _perception(self, ch: _Chain, ci: int, a: int, b: int, restart: bool) -> str | None:
        """What the deputy learnt (了解到…, 得知…) is skipped up to the act it leads to."""
        R, text = self.rules, ch.text
        phrase = text[a:b]
        if ch.perceiving:
            if phrase.endswith(R.time_close):
                ch.perceiving = False  # 了解到……，……，成为…忧心事后，(act)
            return _NEXT
        if ch.perceived_content:
            # 得知镇里防护物资紧缺，连夜联系…: the content ends where an act begins
            if not (restart or phrase.startswith(R.new_act) or R.agent_start.match(phrase)
                    or R.act_after_perceived.match(phrase)):
                return _NEXT
            ch.perceived_content = False
        if R.perceive.match(phrase) and not text.startswith(R.frame_locative, a):
            later = [text[x:y].rstrip() for x, y in ch.clauses[ci + 1:]]
            if not phrase.endswith(R.time_close) and any(c.endswith(R.time_close) for c in later):
                ch.perceiving = True
            elif not phrase.endswith(R.time_close):
                ch.perceived_content = True
            ch.first = False
            ch.cur = None
            return _NEXT
        return None

    def _chain_end(self, ch: _Chain, a: int, b: int) -> str | None:
        """A later clause that ends the chain: a result, another agent or deputy, speech, a new subject."""
        R, cues, text = self.rules, self.cues, ch.text
        phrase = text[a:b]
        if phrase in R.connectives:
            ch.cur = None  # …，此外，累计捐赠…: what follows is a new act
            ch.lead_pending = False
            return _NEXT
        if phrase.startswith(R.result_start):
            return _STOP
        if any(a <= d < b for d in ch.deputies_at) or text[a - 1:a] in "“‘" or R.first_person.search(phrase[:4]):
            return _STOP  # another deputy's act or quoted first-person speech
        if phrase.startswith(R.pronouns):
            return _STOP  # (a pronoun followed by speech: what follows is the speech)
        loc = R.in_mind.match(phrase)
        if cues.starts_with_other_agent(phrase) or cues.is_result(phrase) or phrase.startswith(R.state_start) \
                or (loc is not None and cues.is_result(phrase[loc.end():])):
            return _STOP  # an evaluation (在群众心中树立了…), not a further act
        if R.new_subject.match(phrase) and not cues.has_trigger(phrase):
            return _STOP  # a new subject, not the deputy's act
        if cues.is_speech(phrase[:4]) or R.named_speaker.match(phrase):
            return _STOP
        return None

    def _frame_clause(self, ch: _Chain, a: int, b: int) -> str | None:
        """A frame clause 在…时/后: its inside is an act, and so is what follows it in the clause."""
        R, text = self.rules, ch.text
        pre = R.pre_frame_adverb.match(text[a:b])
        fr = self._frame_at(text, a + (pre.end() if pre else 0), b)
        if fr is None:
            return None
        ia, ib, fe = fr
        if any(ia <= d < ib for d in ch.deputies_at):
            return _STOP
        inner = text[ia:ib]
        if self._has_act(inner) and not self._is_speech_or_non(inner):
            ch.acts.append((ia, ib, "frame"))
            ch.cur = None
        rest_a, rest_b = _trim(text, fe, b)
        if rest_b > rest_a and R.perceived.fullmatch(text[rest_a:rest_b]):
            ch.perceived_content = True  # 在走访中发现，…: what follows is what was found
            ch.cur = None
        elif rest_b > rest_a:
            rest = text[rest_a:rest_b]
            if not self._is_speech_or_non(rest) and not self.cues.starts_with_other_agent(rest) \
                    and not self.cues.is_result(rest):
                ch.acts.append((rest_a, rest_b, "after-frame"))
                ch.cur = [len(ch.acts) - 1]
        ch.first = False
        return _NEXT

    def _time_clause(self, ch: _Chain, a: int, b: int) -> str | None:
        """A subordinate time clause or perception: an act only if it has a trigger."""
        R = self.rules
        phrase = ch.text[a:b]
        if not ((phrase.endswith(R.time_close) and len(phrase) <= 30) or R.perceive_head.search(phrase[:6])):
            return None
        if (phrase.endswith(R.time_close) and self._has_act(phrase[:-1]) and not self._is_speech_or_non(phrase)
                and not R.receive.match(phrase)):
            ch.acts.append((a, b - 1, "clause-frame"))
        ch.first = False
        ch.cur = None
        return _NEXT

    def _act_clause(self, ch: _Chain, a: int, b: int) -> str | None:
        """A clause that may be an act: filter descriptions, speech and intents, then add or extend."""
        R = self.rules
        lm = R.lead_modal.match(ch.text[a:b])
        if lm:
            a += lm.end()
        phrase = ch.text[a:b]
        tl = R.time_lead.match(phrase)
        core = (phrase[tl.end():] if tl else phrase).lstrip("，, ")
        verdict = self._not_an_act(ch, core)
        if verdict is not None:
            return verdict
        if ch.cur is None and not ch.lead_pending and not (self._opens_act(core) or R.object_or_motion_lead.match(core)):
            return _NEXT  # no act has started and this clause is none either
        self._add_or_extend(ch, a, b, phrase, core)
        return None

    @staticmethod
    def _skip_first(ch: _Chain, reset: bool = False) -> str:
        """A non-act clause: skipped when it is the first, else it ends the chain."""
        if not ch.first:
            return _STOP
        ch.first = False
        if reset:
            ch.cur = None
        return _NEXT

    def _not_an_act(self, ch: _Chain, core: str) -> str | None:
        """Descriptions, speech, intentions, non-actions and rankings are not acts."""
        R, cues = self.rules, self.cues
        as_role = core.startswith(R.as_role) and (cues.has_trigger(core) or R.agentive.search(core[3:]))
        if R.state.match(core) and not R.participate.match(core) and not as_role:
            return self._skip_first(ch, reset=True)  # 作为驻村队员来到…村 is an act
        if cues.is_speech(core[:6]) or core.startswith(R.speech_extra):
            return _STOP  # what follows is the content of the speech
        if R.intent.match(core) and not R.lead_modal.match(core):
            return _STOP  # 他要…, 要求有关部门…: intentions and demands
        if self._is_speech_or_non(core) or (ch.first and not self._opens_act(core)):
            return self._skip_first(ch)
        if R.ranking.search(core) or any(w in core for w in R.ranking_contains):
            return self._skip_first(ch)  # 每年建议最多: a ranking of the deputy, not an act
        return None

    def _add_or_extend(self, ch: _Chain, a: int, b: int, phrase: str, core: str) -> None:
        """The clause is an act: a new one, or the continuation of the current one."""
        R = self.rules
        if ch.cur is not None and (ch.lead_pending or R.not_only.match(core) or (ch.not_only and R.but_also.match(core))):
            _extend(ch, b)  # 带领部分代表，对…进行了专项检查
        elif ch.cur is not None and phrase.startswith(R.extend):
            _extend(ch, b)  # …，带动全村村民增收致富
        elif ch.cur is None or ch.first or phrase.startswith(R.new_act) or self.cues.has_trigger(phrase) \
                or R.agent_start.match(phrase):
            ch.acts.append((a, b, "predicate" if ch.first else "serial"))
            ch.cur = [len(ch.acts) - 1]
        else:
            _extend(ch, b)
        # a short lead verb or where the deputy went (来到…村，) opens the act of the next clause
        mo = R.motion.search(core)
        motion = bool(mo) and len(core) - mo.end() <= 20 and not (
            self.cues.has_trigger(core[mo.end():]) or R.agentive.search(core[mo.end():]))
        ch.lead_pending = (bool(R.lead_verb.match(phrase)) and len(phrase) <= 12) or motion or bool(R.money_lead.match(core))
        ch.not_only = bool(R.not_only.match(core))
        ch.first = False

    # ---------------------------------------------------------------- the document
    def __call__(self, text: str, deputies: list[tuple[int, int]]) -> list[Link]:
        """``text`` is the normalised document; ``deputies`` the DEPUTY mention offsets."""
        if not deputies:
            return []
        deps = sorted(deputies)
        doc = _Doc(text, _sentences(text), deps, {s for s, _ in deps})
        for g in self._groups(doc):
            self._link_group(doc, g)
        self._pronoun_sentences(doc)
        return _dedupe(doc.links)

    @staticmethod
    def _emit(doc: _Doc, group: list[tuple[int, int]], acts: list[tuple[int, int, str]], sentence: tuple[int, int],
              rule: str | None = None) -> None:
        """One link per deputy of ``group`` and act of at least two characters."""
        for a, b, r in acts:
            a, b = _trim(doc.text, a, b)
            if b - a >= 2:
                doc.acted.add(sentence[0])
                for d in group:
                    doc.links.append(Link(d, (a, b), sentence=sentence, rule=rule or r))

    @staticmethod
    def _sent_of(doc: _Doc, i: int) -> tuple[int, int]:
        for s, e in doc.sents:
            if s <= i < e:
                return s, e
        return 0, len(doc.text)

    def _groups(self, doc: _Doc) -> list[list[tuple[int, int]]]:
        """Coordinated deputies (王俊峰、王海凤) share the act after the last name."""
        R = self.rules
        groups: list[list[tuple[int, int]]] = []
        for d in doc.deps:
            between = doc.text[groups[-1][-1][1]:d[0]] if groups else ""
            if groups and (between in R.list_joiners or R.list_joiner_title.fullmatch(between)):
                groups[-1].append(d)
            else:
                groups.append([d])
        return groups

    def _link_group(self, doc: _Doc, g: list[tuple[int, int]]) -> None:
        """The acts of one group of names: before the name, in its frame, and after it."""
        R, text = self.rules, doc.text
        ss, se = self._sent_of(doc, g[-1][0])
        cstart = _subject_clause_start(text, ss, g[0][0])
        acts = self._acts_before(doc, g, ss, cstart)
        quoted = text[g[0][0] - 1:g[0][0]] == "“" and text[g[-1][1]:g[-1][1] + 1] in "，,！!"
        if not (_not_subject(R, text[cstart:g[0][0]]) or quoted):
            tail = g[-1][1]
            mm = R.group_count.match(text[tail:se])  # 谭军、刘若涵两位代表…
            if mm:
                tail += mm.end()
            acts = acts + self.predicate_after(text, tail, se, doc.starts - {d[0] for d in g})
        doc.last_group[ss] = g
        self._emit(doc, g, acts, (ss, se))
        self._heading_paragraph(doc, g)

    def _acts_before(self, doc: _Doc, g: list[tuple[int, int]], ss: int, cstart: int) -> list[tuple[int, int, str]]:
        """Acts told before the name: 筹资70万修路的是…张三; 在对…进行调研时，龙德英发现…"""
        R, text = self.rules, doc.text
        before: list[tuple[int, int, str]] = []
        mb = R.act_before_name.search(text[ss:g[0][0]])
        if mb and self._has_act(mb.group(1)):
            before.append((ss + mb.start(1), ss + mb.end(1), "before"))
        title = text[cstart:g[0][0]]
        if cstart > ss and text[cstart - 1] in _CLAUSE_SEP and (not title.strip() or R.title_before_name.fullmatch(title)):
            prev = _clauses(text, ss, cstart - 1)
            if prev:
                pa, pb = _trim(text, *prev[-1])
                fr = self._frame_at(text, pa, pb)
                if fr is not None and fr[2] == pb and not any(pa <= d[0] < pb for d in doc.deps):
                    inner = text[fr[0]:fr[1]]
                    if self._has_act(inner) and not self._is_speech_or_non(inner) and not R.receive.match(inner):
                        before.append((fr[0], fr[1], "frame-before"))
        return before

    @staticmethod
    def _heading_line_end(doc: _Doc, g: list[tuple[int, int]]) -> int | None:
        """The end of the line when the group is a heading (a title and the name alone on a
        short line, or the name before a colon and its titles), else None."""
        text = doc.text
        line_start = text.rfind("\n", 0, g[0][0]) + 1
        line_end = text.find("\n", g[-1][1])
        line_end = len(text) if line_end < 0 else line_end
        profile = (len(g) == 1 and not text[line_start:g[0][0]].strip() and text[g[0][1]:g[0][1] + 1] in "：:"
                   and line_end - line_start <= 60 and line_end < len(text)
                   and not re.search(r"[，,。；;！？“”]", text[g[0][1]:line_end]))
        if profile or _LINE_END.match(text, g[-1][1]) and g[-1][1] - line_start <= 60 and \
                not re.search(r"[，,。；;：:！？“”]", text[line_start:g[0][0]]):
            return line_end
        return None

    def _heading_paragraph(self, doc: _Doc, g: list[tuple[int, int]]) -> None:
        """The subject-less sentences of the paragraph under a heading are the deputy's."""
        text = doc.text
        line_end = self._heading_line_end(doc, g)
        if line_end is None:
            return
        p_start = line_end + 1
        while p_start < len(text) and text[p_start] in "\n \u3000\t":
            p_start += 1  # (a blank line between the heading and its paragraph)
        p_end = text.find("\n", p_start)
        p_end = len(text) if p_end < 0 else p_end
        for s2, e2 in doc.sents:
            if s2 < p_start or s2 >= p_end:
                continue
            if any(s2 <= d[0] < e2 for d in doc.deps):
                break  # the paragraph names someone: back to the sentence rules
            lead = text[s2:e2].lstrip()
            if lead.startswith(_QUOTE_OPEN) or self.rules.pronouns_rx.match(lead):
                continue  # quotes are someone's speech; pronoun sentences are handled below
            self._emit(doc, g, self.predicate_after(text, s2, e2, doc.starts), (s2, e2), "heading")
            doc.last_group[s2] = g

    # ---------------------------------------------------------------- pronoun subjects
    def _pronoun_sentences(self, doc: _Doc) -> None:
        """Pronoun subjects in the following sentences (会前，她带着问题走访了…), and sentences
        that continue the subject of an act told before a semicolon or with 同时，还…"""
        R, text = self.rules, doc.text
        first_dep = doc.deps[0][0]
        for si, (ss, se) in enumerate(doc.sents):
            zero_ok = si > 0 and doc.sents[si - 1][0] in doc.acted and (
                text[ss - 1:ss] in "；;" or text[ss - 1:ss] == "。" and bool(R.continue_sentence.match(text, ss, se)))
            if se <= first_dep or not (zero_ok or R.pronouns_rx.search(text, ss, se)):
                continue  # before any deputy, or no pronoun at all
            if self._pronoun_sentence_ok(doc, ss, se):
                self._pronoun_clauses(doc, si, zero_ok)

    def _pronoun_sentence_ok(self, doc: _Doc, ss: int, se: int) -> bool:
        """False for a sentence that names a deputy (unless 他和…) or is a quotation."""
        text = doc.text
        in_sent = [d for d in doc.deps if ss <= d[0] < se]
        if in_sent and not self.rules.pronoun_with_partner.match(text[ss:in_sent[0][0]]):
            return False  # 他和古丽尼沙•买买提一起走访了… is handled in _pronoun_clause
        lead = text[ss:se].lstrip()
        if lead.startswith(_QUOTE_OPEN):
            close = re.search(r"[”’」]", lead)
            if close is None or close.start() > 12 or self.cues.is_speech(lead[close.end():close.end() + 8]):
                return False  # a quoted sentence: 他 there is the speaker's, not the narrator's
        return True

    def _pronoun_clauses(self, doc: _Doc, si: int, zero_ok: bool) -> None:
        """Find the clause with the pronoun (or the continued subject) and link its acts."""
        R, text = self.rules, doc.text
        ss, se = doc.sents[si]
        skipped = 0
        for ca, cb in _clauses(text, ss, se):
            ca, cb = _trim(text, ca, cb)
            seg = text[ca:cb]
            pr = _pronoun_at(R, seg)
            head = seg[self.cues.head_offset(seg):]
            if pr is None and zero_ok and not skipped and (
                    R.agent_start.match(head) or R.lead_verb.match(head) or R.agentive.match(head)):
                pr = ""  # the subject of the sentence before the semicolon
            if pr is None:
                if R.time_clause.match(seg) or R.time_lead.fullmatch(seg) or R.adverbial_clause.match(seg) \
                        or R.long_time_clause.match(seg):
                    continue
                # the situation before the act: 几户果农反映苹果树出现了腐烂病，她联系…
                skipped += 1
                if skipped <= 1 and len(seg) <= 30 and not R.quote_or_speech.search(seg):
                    continue
                return
            if not (skipped and pr in R.plural_pronouns):
                self._pronoun_clause(doc, si, ca, pr)
            return

    def _pronoun_group(self, doc: _Doc, si: int, pr: str) -> list[tuple[int, int]] | None:
        """The group a pronoun (or a continued subject, ``pr == ""``) refers to, or None."""
        ss = doc.sents[si][0]
        prev = [g for s0, g in doc.last_group.items() if s0 < ss and ss - s0 < 400]
        if not prev:
            return None
        g = doc.last_group[doc.sents[si - 1][0]] if pr == "" else max(prev, key=lambda gg: gg[-1][0])
        if pr in self.rules.plural_pronouns and len(g) == 1:
            # 两人 after two deputies introduced separately: the last two distinct names
            seen_names: dict[str, tuple[int, int]] = {}
            for d in doc.deps:
                if d[0] < ss:
                    seen_names[doc.text[d[0]:d[1]]] = d
            last_two = sorted(seen_names.values())[-2:]
            if len(last_two) == 2:
                g = last_two
        if pr and (pr in self.rules.plural_pronouns) != (len(g) > 1):
            return None
        return g

    def _pronoun_clause(self, doc: _Doc, si: int, ca: int, pr: str) -> None:
        """Link the acts after the pronoun at ``ca`` to the group it refers to."""
        R, text = self.rules, doc.text
        ss, se = doc.sents[si]
        g = self._pronoun_group(doc, si, pr)
        if g is None:
            return
        after = ca + len(pr)
        # 他和古丽尼沙•买买提一起走访了…: the pronoun's deputy shares the partner's acts
        partner = next((d for d in doc.deps if d[0] > after), None)
        if (partner is not None and text[after] in R.partner_joiners
                and (partner[0] == after + 1 or R.title_before_name.fullmatch(text[after + 1:partner[0]]))):
            acts = self.predicate_after(text, partner[1], se, doc.starts - {partner[0]})
        else:
            acts = self.predicate_after(text, after, se, doc.starts)
        self._emit(doc, g, acts, (ss, se), "pronoun")
        doc.last_group[ss] = g


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
