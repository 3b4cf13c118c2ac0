"""End-to-end SLOGAN extraction over one document.

What: :func:`extract_slogans` reads a document as candidates → decision → resolution:

1. candidates: every quoted span, unquoted parallel formulas
   (:func:`find_parallel`), unquoted numeric formulas (:func:`find_formulas`);
2. decision: the learned classifier scores quoted and parallel candidates; the
   lexicon then overrides it for entries it knows — categories listed in
   ``resources/slogans/decisions.json`` as not SLOGAN (三农, 乡村振兴战略, event
   names) are rejected, other known entries and quoted numeric formulas accepted;
3. resolution: overlapping accepted spans keep the outermost; numeric formulas fill
   free room; known phrases — slogans accepted in this document plus distinctive
   lexicon entries — are propagated to their other bare occurrences, but not into
   spans judged titles or scare quotes.

Why: slogans are introduced in quotes and then repeated bare; the annotation
counts every occurrence. Per-document state lives in :class:`_DocState`, never on
a shared object. Traditional-script documents are matched through a
length-preserving Simplified shadow text, so offsets stay those of the raw text.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from ..resources import cached, read_text
from typing import Sequence

from .candidates import Candidate, _leftmost_longest, find_bare, find_formulas, find_quoted
from .canonical import Lexicon, default_lexicon
from .classifier import SloganClassifier

#: quoted-slogan phrases shorter than this are not propagated bare
MIN_PROPAGATE_LEN = 2
_CLAUSE_SEPS = "、，,；;"


@cached("slogans")
def _context_cues() -> dict:
    return json.loads(read_text("slogans", "context_cues.json"))


@cached("slogans")
def decisions() -> dict:
    """``resources/slogans/decisions.json``: how lexicon categories steer the decision."""
    raw = json.loads(read_text("slogans", "decisions.json"))
    for key in ("not_slogan_categories", "always_bare", "min_bare_len", "business_models", "ordinary_words",
                "problems"):
        if key not in raw:
            raise ValueError(f"resources/slogans/decisions.json: missing {key!r}")
    bm, ow = raw["business_models"], raw["ordinary_words"]
    return {"not_slogan": frozenset(raw["not_slogan_categories"]), "always_bare": frozenset(raw["always_bare"]),
            "min_bare_len": int(raw["min_bare_len"]), "model_min_parts": int(bm["min_parts"]),
            "model_words_after": tuple(bm["words_after"]), "word_max_len": int(ow["max_len"]),
            "word_min_freq": int(ow["min_freq"]), "numeral_heads": ow["numeral_heads"],
            "problem_after": tuple(raw["problems"]["words_after"])}


def _ordinary(text: str, c: Candidate, dec: dict) -> bool:
    """A quoted ordinary word (“一站式”) or a quoted problem description (“路窄、灯暗”等问题)."""
    if c.kind != "quoted":
        return False
    inner = text[c.start:c.end]
    if any(ch in inner for ch in _CLAUSE_SEPS) and text.startswith(dec["problem_after"], c.close_end):
        return True
    if len(inner) > dec["word_max_len"] or inner[0] in dec["numeral_heads"]:
        return False
    from ..lexicon import is_common_word

    return is_common_word(simplified_shadow(inner), dec["word_min_freq"])


def _business_model(text: str, c: Candidate, dec: dict) -> bool:
    """A+B+C chains, or A+B before 模式/体系: an organisation model, not a slogan."""
    parts = re.split(r"[+＋]", text[c.start:c.end])
    if len(parts) < 2 or not all(parts):
        return False
    return len(parts) >= dec["model_min_parts"] or text.startswith(dec["model_words_after"], c.close_end)


def simplified_shadow(text: str) -> str:
    """Character-wise Traditional→Simplified copy of ``text`` with identical length."""
    from ..text import to_simplified

    return to_simplified(text)


def _distinctive(form: str, dec: dict) -> bool:
    """Whether a lexicon form may be matched bare: long, multi-clause, or always a formula."""
    return len(form) >= dec["min_bare_len"] or any(ch in form for ch in _CLAUSE_SEPS) or form in dec["always_bare"]


_LEX_AUTOMATA: dict[int, tuple[int, object]] = {}


def _lexicon_automaton(lex: Lexicon):
    """Aho–Corasick automaton over the bare-matchable lexicon forms (rebuilt when the lexicon grows)."""
    hit = _LEX_AUTOMATA.get(id(lex))
    if hit is not None and hit[0] == lex.version:
        return hit[1]
    import ahocorasick

    dec = decisions()
    forms = {simplified_shadow(f) for f in lex.surface_forms(exclude=set(dec["not_slogan"])) if _distinctive(f, dec)}
    a = ahocorasick.Automaton()
    for f in forms:
        if len(f) >= 2:
            a.add_word(f, len(f))
    a.make_automaton()
    _LEX_AUTOMATA[id(lex)] = (lex.version, a)
    return a


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class _DocState:
    """What one document's resolution has decided so far."""

    text: str
    kept: list[Candidate] = field(default_factory=list)
    blocked: list[tuple[int, int]] = field(default_factory=list)   # inner spans of title/scare quotes
    rejected: set[tuple[int, int]] = field(default_factory=set)    # candidates judged not slogan

    def free(self, a: int, b: int) -> bool:
        """No kept span overlaps ``a:b`` and no title/scare quote contains it."""
        return not any(_overlaps((a, b), (k.start, k.end)) for k in self.kept) and \
            not any(x <= a and b <= y for x, y in self.blocked)

    def add(self, c: Candidate) -> None:
        if (c.start, c.end) not in self.rejected and self.free(c.start, c.end):
            self.kept.append(c)


def _context_override(text: str, c: Candidate, label: str, ctx: dict) -> str:
    """Context rules from ``resources/slogans/context_cues.json`` applied after the model."""
    inner = text[c.start:c.end]
    before = text[max(0, c.open_start - 4):c.open_start]
    after = text[c.close_end:c.close_end + 5]
    if c.kind == "quoted" and any(before.endswith((w, w + "：", w + ":")) for w in ctx["inscription_before"]):
        return "title"
    short = 0 < len(inner) <= ctx["max_len"] and not any(p in inner for p in ctx["first_person"]) \
        and not re.search(r"[。！？!?]", inner)
    if not short:
        return label
    if any(after.startswith(w) for w in ctx["slogan_after"]) or any(before.endswith(w) for w in ctx["slogan_before"]):
        return "slogan"
    if label == "slogan" and after.startswith("的") and ("、" in inner or "，" in inner) \
            and not before.endswith(tuple(ctx.get("framing_before", ()))) \
            and not simplified_shadow(text[c.close_end + 1:c.close_end + 7]).startswith(tuple(ctx.get("slogan_nouns", ()))):
        # 用“看得见、摸得着”的行动: a coordinated description modifying a noun; known
        # slogans in that position (诠释“…”的承诺) are kept by the lexicon afterwards
        return "scare"
    return label


def _decide(text: str, cands: Sequence[Candidate], clf: SloganClassifier, lex: Lexicon,
            formula_spans: set[tuple[int, int]]) -> list[str]:
    """One label per candidate: the classifier, then context rules, then the lexicon."""
    labels = clf.predict(text, cands) if cands else []
    ctx, dec = _context_cues(), decisions()
    out = []
    for c, lab in zip(cands, labels):
        lab = _context_override(text, c, lab, ctx)
        entry = lex.lookup(text[c.start:c.end])
        if entry is not None and entry.category in dec["not_slogan"]:
            lab = "title"  # an ordinary name or label, never a slogan
        elif entry is None and (_business_model(text, c, dec) or _ordinary(text, c, dec)):
            lab = "scare"
        elif lab in ("scare", "title") and ((c.start, c.end) in formula_spans or entry is not None):
            lab = "slogan"  # a quoted numeric formula or a known slogan
        out.append(lab)
    return out


def _propagate(st: _DocState, lex: Lexicon, propagate_lexicon: bool, quoted: Sequence[Candidate]) -> None:
    """Add bare occurrences of this document's quoted slogans and of distinctive lexicon forms."""
    text = st.text
    shadow = simplified_shadow(text)
    search_text = shadow if len(shadow) == len(text) else text
    phrases = {simplified_shadow(text[c.start:c.end]) for c in st.kept
               if c.kind == "quoted" and c.end - c.start >= MIN_PROPAGATE_LEN}
    hits: list[tuple[int, int]] = []
    if propagate_lexicon:
        for end_idx, n in _lexicon_automaton(lex).iter(search_text):
            hits.append((end_idx - n + 1, end_idx + 1))
    for p in phrases:
        i = search_text.find(p)
        while i != -1:
            hits.append((i, i + len(p)))
            i = search_text.find(p, i + 1)
    quoted_exact = {(c.start, c.end) for c in quoted}
    for a, b in _leftmost_longest(hits):
        if (a, b) not in quoted_exact:
            st.add(Candidate(a, b, a, b, "known"))


def extract_slogans(text: str, clf: SloganClassifier | None = None, lexicon: Lexicon | None = None,
                    propagate_lexicon: bool = True) -> list[Candidate]:
    """SLOGAN spans in ``text`` (sorted, non-overlapping, raw-text offsets)."""
    clf = clf if clf is not None else SloganClassifier.load()
    lex = lexicon if lexicon is not None else default_lexicon()
    st = _DocState(text)
    quoted = find_quoted(text)
    formulas = find_formulas(text)
    formula_spans = {(f.start, f.end) for f in formulas}
    cands = quoted + find_bare(text, quoted)
    accepted = []
    for c, lab in zip(cands, _decide(text, cands, clf, lex, formula_spans)):
        if lab == "slogan":
            accepted.append(c)
        else:
            st.rejected.add((c.start, c.end))
            if lab in ("title", "scare"):
                st.blocked.append((c.start, c.end))
    # nested quotes: keep the outermost accepted slogan when spans overlap
    for c in sorted(accepted, key=lambda c: (c.start, -(c.end - c.start))):
        if not any(_overlaps((c.start, c.end), (k.start, k.end)) for k in st.kept):
            st.kept.append(c)
    for f in formulas:
        st.add(f)
    _propagate(st, lex, propagate_lexicon, quoted)
    st.kept.sort(key=lambda c: (c.start, c.end))
    return st.kept


def extract_slogan_spans(text: str, clf: SloganClassifier | None = None,
                         lexicon: Lexicon | None = None) -> list[tuple[int, int]]:
    """Convenience: ``(start, end)`` pairs of :func:`extract_slogans`."""
    return [(c.start, c.end) for c in extract_slogans(text, clf, lexicon)]


__all__: Sequence[str] = ("extract_slogans", "extract_slogan_spans", "simplified_shadow", "decisions")
