"""Features of the learned linker: what a unit says, and how it relates to a deputy.

What: :func:`unit_features` describes one clause unit (its head words, the cue
lexicons of ``resources/actions`` that fire in it, punctuation, quotes, pronoun
subject); :func:`candidates` lists the deputy mentions that could be the agent
of a unit (names earlier in the sentence, the last names before it, a heading or
profile subject); :func:`pair_features` describes one (unit, deputy) pair
(distance, intervening names, whether the name is an object, …).

Why as string features: the linear models of :mod:`zhpolitics.actions.learned`
weigh sparse indicator features, so adding a cue to the resource files changes
the features without retraining code; conjunctions (distance × cue) let a linear
model express "an act trigger right after the name".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .clauses import Unit
from .cues import Cues

def _bucket(n: int, edges: tuple[int, ...]) -> str:
    """The first edge ``n`` does not exceed, as a label ("le2", "gt8")."""
    for e in edges:
        if n <= e:
            return f"le{e}"
    return f"gt{edges[-1]}"


def _head(phrase: str, cues: Cues) -> str:
    """The phrase after leading time words and adverbs (the predicate head)."""
    m = cues.rules.feature_time_lead.match(phrase)
    rest = phrase[m.end():] if m else phrase
    return rest[cues.head_offset(rest):]


def unit_features(text: str, u: Unit, cues: Cues) -> dict[str, float]:
    """Indicator features of one unit, independent of any deputy."""
    R = cues.rules
    ph = text[u.start:u.end]
    head = _head(ph, cues)
    f: dict[str, float] = {"bias": 1.0, f"c1={ph[:1]}": 1, f"c2={ph[:2]}": 1, f"h2={head[:2]}": 1, f"h1={head[:1]}": 1,
                           f"end1={ph[-1:]}": 1, f"len={_bucket(len(ph), (2, 4, 8, 16, 30))}": 1,
                           f"sb={u.sep_before or '^'}": 1, f"sa={u.sep_after or '$'}": 1}
    if u.quoted:
        f["quoted"] = 1
    for t, w in cues.trigger_types(ph).items():
        f[f"trig={t}"] = w
        f["trig"] = 1
    if cues.is_speech(head[:8]) or cues.is_speech(ph[:8]):
        f["speech"] = 1
    if cues.non_action(head):
        f["non_action"] = 1
    if cues.is_result(ph):
        f["result"] = 1
    if cues.starts_with_other_agent(ph):
        f["other_agent"] = 1
    m = R.feature_pronouns_rx.match(ph)
    if m:
        f[f"pron={m.group(0)}"] = 1
        f["pron"] = 1
    for name, rx in (("state", R.feature_state), ("intent", R.feature_intent)):
        if rx.match(head):
            f[name] = 1
    if R.praise.search(ph):
        f["praise"] = 1
    if R.money.search(ph):
        f["money"] = 1
    if ph.startswith(R.feature_new_act) or head.startswith(R.feature_new_act):
        f["new_act"] = 1
    if ph.endswith(R.frame_end):
        f["frame_end"] = 1
    if any(w in ph for w in R.first_person_chars):
        f["first_person"] = 1
    if R.feature_time_lead.fullmatch(ph):
        f["time_only"] = 1
    if R.bio.search(text, max(0, u.start - 30), u.end):
        f["bio"] = 1
    return f


class UnitFeatures:
    """``unit_features`` of each unit, computed on first use (most units have no candidate)."""

    def __init__(self, text: str, units: list[Unit], cues: Cues):
        self.text, self.units, self.cues = text, units, cues
        self._memo: dict[int, dict[str, float]] = {}

    def __getitem__(self, ui: int) -> dict[str, float]:
        f = self._memo.get(ui)
        if f is None:
            f = self._memo[ui] = unit_features(self.text, self.units[ui], self.cues)
        return f


@dataclass
class DocContext:
    """Per-document state shared by the feature functions (kept off the linker)."""

    text: str
    units: list[Unit]
    deputies: list[tuple[int, int]]
    sent_of_dep: list[int] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)  # coordinated-group id of each deputy
    name_count: dict[str, int] = field(default_factory=dict)
    heading: set[int] = field(default_factory=set)  # deputies alone on a short line
    ufeats: "UnitFeatures" = field(default=None)  # type: ignore[assignment]
    rule: dict[int, set[int]] = field(default_factory=dict)  # unit → deputies the cue rules link to it
    rule_links: list = field(default_factory=list)  # the cue-rule linker's own links
    last_heading: list[int] = field(default_factory=list)  # last heading deputy among the first i+1
    last_top: list[int] = field(default_factory=list)  # last mention of the most named deputy among the first i+1
    top_count: int = 0
    group_size: dict[int, int] = field(default_factory=dict)
    dep_object: list[bool] = field(default_factory=list)  # the words before the name make it an object
    unit_after: list[int] = field(default_factory=list)  # first unit starting at or after each deputy's end
    deps_before: list[int] = field(default_factory=list)
    unit_starts: list[int] = field(default_factory=list)
    unit_ends: list[int] = field(default_factory=list)  # number of deputies starting before each unit


def build_context(text: str, units: list[Unit], deputies: list[tuple[int, int]], cues: Cues,
                  sent_bounds: list[tuple[int, int]]) -> DocContext:
    """Precompute deputy sentences, coordinated groups, heading names and unit features."""
    R = cues.rules
    deps = sorted(deputies)
    ctx = DocContext(text, units, deps)
    si = 0
    for ds, _de in deps:
        while si + 1 < len(sent_bounds) and sent_bounds[si][1] <= ds:
            si += 1
        ctx.sent_of_dep.append(si)
    gid = 0
    for i, (ds, de) in enumerate(deps):
        if i and R.feature_list_joiner.fullmatch(text[deps[i - 1][1]:ds]):
            ctx.groups.append(ctx.groups[-1])
        else:
            gid += 1
            ctx.groups.append(gid)
        name = text[ds:de]
        ctx.name_count[name] = ctx.name_count.get(name, 0) + 1
        ls = text.rfind("\n", 0, ds) + 1
        le = text.find("\n", de)
        le = len(text) if le < 0 else le
        if le - ls <= 40 and not re.search(r"[，,。；;！？“”]", text[ls:le]):
            ctx.heading.add(i)
    ctx.ufeats = UnitFeatures(text, units, cues)
    top = max(ctx.name_count, key=ctx.name_count.get) if ctx.name_count else ""
    ctx.top_count = ctx.name_count.get(top, 0)
    for g in ctx.groups:
        ctx.group_size[g] = ctx.group_size.get(g, 0) + 1
    for ds, _de in deps:
        cs = max(text.rfind(c, max(0, ds - 40), ds) for c in "，,。；;：:\n“”") + 1
        ctx.dep_object.append(bool(R.feature_not_subject.search(text[max(cs, ds - 40):ds])))
    lh = lt = -1
    for i, (ds, de) in enumerate(deps):
        lh = i if i in ctx.heading else lh
        lt = i if text[ds:de] == top else lt
        ctx.last_heading.append(lh)
        ctx.last_top.append(lt)
    starts = [u.start for u in units]
    dstarts = [d[0] for d in deps]
    ctx.unit_starts, ctx.unit_ends = starts, [u.end for u in units]
    ctx.unit_after = [bisect_left(starts, de) for _ds, de in deps]
    ctx.deps_before = [bisect_left(dstarts, u.start) for u in units]
    return ctx


def units_overlapping(ctx: DocContext, a: int, b: int) -> range:
    """Indices of the units that overlap ``[a, b)`` (units are sorted and disjoint)."""
    i = bisect_left(ctx.unit_ends, a + 1)
    j = bisect_left(ctx.unit_starts, b)
    return range(i, max(i, j))


def add_rule_votes(ctx: DocContext, links: list) -> None:
    """Record which deputy the cue-rule linker links to each unit (a feature, not a decision)."""
    index = {d: i for i, d in enumerate(ctx.deputies)}
    for ln in links:
        a, b = ln.action
        for ui in units_overlapping(ctx, a, b):
            u = ctx.units[ui]
            ov = min(b, u.end) - max(a, u.start)
            if ov > 0 and 2 * ov >= u.end - u.start and ln.deputy in index:
                ctx.rule.setdefault(ui, set()).add(index[ln.deputy])


def candidates(ctx: DocContext, ui: int, max_back: int = 5) -> list[int]:
    """Deputy indices that may be the agent of unit ``ui``.

    The names earlier in its sentence (and the first one after it), the last
    mention of each of the last three names before the sentence within
    ``max_back`` sentences, the last heading name and the page's most named deputy.
    Walks outwards from the unit, so a long document stays linear.
    """
    u = ctx.units[ui]
    if u.sep_after == "D":
        return []  # the words before a name are its title or its frame (2 of 424 gold units say otherwise)
    k = ctx.deps_before[ui]
    out: list[int] = []
    names: dict[str, int] = {}
    j = k - 1
    while j >= 0 and ctx.sent_of_dep[j] == u.sent:
        out.append(j)
        j -= 1
    while j >= 0 and u.sent - ctx.sent_of_dep[j] <= max_back and len(names) < 3:
        names.setdefault(ctx.text[ctx.deputies[j][0]:ctx.deputies[j][1]], j)
        j -= 1
    out.extend(names.values())
    if k and ctx.last_heading[k - 1] >= 0:
        out.append(ctx.last_heading[k - 1])
    if k and ctx.last_top[k - 1] >= 0:
        out.append(ctx.last_top[k - 1])
    if k < len(ctx.deputies) and ctx.sent_of_dep[k] == u.sent:
        out.append(k)
    return sorted(set(out))


_KEY = ("bio", "trig", "speech", "non_action", "result", "other_agent", "pron", "state", "intent", "praise", "quoted",
        "new_act", "frame_end", "money", "first_person", "time_only")


def relation(ctx: DocContext, ui: int, di: int) -> str:
    """How deputy ``di`` stands to unit ``ui``: adj, sent, after, prev1…prev5."""
    u = ctx.units[ui]
    ds, de = ctx.deputies[di]
    if ds >= u.end:
        return "after"
    if ctx.sent_of_dep[di] != u.sent:
        return f"prev{min(u.sent - ctx.sent_of_dep[di], 5)}"
    last = ctx.deps_before[ui] - 1
    if u.sep_before == "D" and last >= 0 and ctx.groups[last] == ctx.groups[di]:
        return "adj"
    return "sent"


def pair_features(ctx: DocContext, ui: int, di: int) -> dict[str, float]:
    """Features of "deputy ``di`` is the agent of unit ``ui``" (unit features crossed with the relation)."""
    text, u = ctx.text, ctx.units[ui]
    ds, de = ctx.deputies[di]
    rel = relation(ctx, ui, di)
    uf = ctx.ufeats[ui]
    f: dict[str, float] = {f"rel={rel}": 1.0}
    n_between = 0
    for i in range(di + 1, ctx.deps_before[ui]):
        n_between += ctx.groups[i] != ctx.groups[di]
        if n_between > 3:
            break
    f[f"deps_between={_bucket(n_between, (0, 1, 3))}"] = 1
    n_units = max(0, ui - ctx.unit_after[di])
    f[f"units_between={_bucket(n_units, (0, 1, 2, 4, 8))}"] = 1
    f[f"rel_units={rel}|{_bucket(n_units, (0, 1, 2, 4))}"] = 1
    if ctx.group_size[ctx.groups[di]] > 1:
        f["in_list"] = 1
    if di in ctx.heading:
        f["heading"] = 1
        f[f"heading|{rel}"] = 1
    if ctx.name_count and ctx.name_count.get(text[ds:de], 0) == ctx.top_count:
        f["top_name"] = 1
    if ctx.dep_object[di]:
        f["dep_object"] = 1
    f[f"dep_next={text[de:de + 1]}"] = 1
    f[f"dep_next2={text[de:de + 2]}"] = 1
    f[f"dep_prev={text[ds - 1:ds]}"] = 1
    for k in _KEY:
        if k in uf:
            f[f"{rel}|{k}"] = uf[k]
    f[f"{rel}|c1={text[u.start:u.start + 1]}"] = 1
    if ui > 0:
        pf = ctx.ufeats[ui - 1]
        for k in ("trig", "speech", "frame_end", "quoted", "other_agent", "money"):
            if k in pf:
                f[f"prev_{k}"] = 1
        f[f"prev_sa={ctx.units[ui - 1].sep_after or '$'}"] = 1
    for k, v in uf.items():
        f[k] = v
    if ctx.rule:
        got = ctx.rule.get(ui, set())
        f[f"rule={di in got}|{bool(got)}"] = 1
        f[f"rule={di in got}|{rel}"] = 1
    return f


def continue_features(ctx: DocContext, prev: int, ui: int) -> dict[str, float]:
    """Features of "unit ``ui`` continues the act that unit ``prev`` belongs to"."""
    u, p = ctx.units[ui], ctx.units[prev]
    uf = ctx.ufeats[ui]
    f: dict[str, float] = {"bias": 1.0, f"gap={_bucket(ui - prev - 1, (0, 1, 3))}": 1,
                           f"same_sent={u.sent == p.sent}": 1, f"sep={p.sep_after or '$'}": 1,
                           f"c1={ctx.text[u.start:u.start + 1]}": 1, f"c2={ctx.text[u.start:u.start + 2]}": 1,
                           f"plen={_bucket(p.end - p.start, (4, 8, 16, 30))}": 1}
    for k in _KEY:
        if k in uf:
            f[f"u_{k}"] = 1
        if k in ctx.ufeats[prev]:
            f[f"p_{k}"] = 1
    if "trig" in uf and "trig" in ctx.ufeats[prev]:
        f["both_trig"] = 1
    return f
