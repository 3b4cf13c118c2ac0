"""End-to-end SLOGAN extraction over one document.

What: :func:`extract_slogans` combines the three candidate generators with the
quote classifier:

1. every quoted span is classified; those whose most probable label is
   ``slogan`` are kept;
2. unquoted numeric formulas (:func:`find_formulas`) are kept unless the very
   same span is quoted and classified as something else;
3. known phrases — slogans accepted in step 1 in this document plus lexicon
   entries (except institution/event names) — are propagated to their other
   unquoted occurrences, also inside quoted speech, but not inside spans
   classified as titles or scare quotes.

Why: slogans are introduced in quotes and then repeated bare; the annotation
counts every occurrence. Traditional-script documents are matched through a
length-preserving character-wise Simplified shadow text, so offsets stay those
of the raw text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from .candidates import Candidate, _leftmost_longest, find_formulas, find_quoted
from .canonical import Lexicon, default_lexicon
from .classifier import SloganClassifier

#: lexicon categories never propagated as bare matches (ordinary names)
NO_PROPAGATE = {"institution", "event"}
#: quoted-slogan phrases shorter than this are not propagated bare
MIN_PROPAGATE_LEN = 2
#: lexicon entries are propagated bare only when distinctive: at least this
#: long or multi-clause; short ones (乡村振兴, 共同富裕) are everyday policy
#: vocabulary and count only where the document quotes them
MIN_LEXICON_BARE_LEN = 7
_CLAUSE_SEPS = "、，,；;"


def _distinctive(form: str) -> bool:
    return len(form) >= MIN_LEXICON_BARE_LEN or any(ch in form for ch in _CLAUSE_SEPS)


def simplified_shadow(text: str) -> str:
    """Character-wise Traditional→Simplified copy of ``text`` with identical length."""
    from ..text import to_simplified

    return to_simplified(text)


_LEX_AUTOMATA: dict[int, object] = {}


def _lexicon_automaton(lex: Lexicon):
    """Aho–Corasick automaton over the distinctive lexicon forms (built once per lexicon)."""
    a = _LEX_AUTOMATA.get(id(lex))
    if a is None:
        import ahocorasick

        forms = {simplified_shadow(f) for f in lex.surface_forms(exclude=NO_PROPAGATE) if _distinctive(f)}
        a = ahocorasick.Automaton()
        for f in forms:
            if len(f) >= 2:
                a.add_word(f, len(f))
        a.make_automaton()
        _LEX_AUTOMATA[id(lex)] = a
    return a


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@lru_cache(maxsize=1)
def _context_cues() -> dict:
    import json
    from importlib import resources

    return json.loads(resources.files("zhpolitics.resources.slogans").joinpath("context_cues.json").read_text("utf-8"))


def _context_override(text: str, c: Candidate, label: str, ctx: dict) -> str:
    """Context rules from ``resources/slogans/context_cues.json`` applied after the model."""
    inner = text[c.start:c.end]
    before = text[max(0, c.open_start - 4):c.open_start]
    after = text[c.close_end:c.close_end + 5]
    if any(before.endswith(w) or before.endswith(w + "：") or before.endswith(w + ":") for w in ctx["inscription_before"]):
        return "title"
    short = 0 < len(inner) <= ctx["max_len"] and not any(p in inner for p in ctx["first_person"]) \
        and not re.search(r"[。！？!?]", inner)
    if not short:
        return label
    if inner.endswith(("+", "＋")) or re.fullmatch(r"[\dA-Za-z一二三四五六七八九十]+[+＋][\dA-Za-zN一二三四五六七八九十]+", inner):
        return "slogan"
    if any(after.startswith(w) for w in ctx["slogan_after"]) or any(before.endswith(w) for w in ctx["slogan_before"]):
        return "slogan"
    if label == "slogan" and after.startswith("的") and ("、" in inner or "，" in inner) \
            and not before.endswith(tuple(ctx.get("framing_before", ()))) \
            and not simplified_shadow(text[c.close_end + 1:c.close_end + 7]).startswith(tuple(ctx.get("slogan_nouns", ()))):
        # 用“看得见、摸得着”的行动: a coordinated description modifying a noun; known
        # slogans in that position (诠释“…”的承诺) are kept by the lexicon afterwards
        return "scare"
    return label


def extract_slogans(text: str, clf: SloganClassifier | None = None, lexicon: Lexicon | None = None,
                    propagate_lexicon: bool = True) -> list[Candidate]:
    """SLOGAN spans in ``text`` (sorted, non-overlapping, raw-text offsets)."""
    clf = clf if clf is not None else SloganClassifier.load()
    lex = lexicon if lexicon is not None else default_lexicon()
    quoted = find_quoted(text)
    labels = clf.predict(text, quoted) if quoted else []
    accepted: list[Candidate] = []
    blocked: list[tuple[int, int]] = []   # inner spans of title/scare quotes
    non_slogan_exact: set[tuple[int, int]] = set()
    formula_spans = {(f.start, f.end) for f in find_formulas(text)}
    ctx = _context_cues()
    for c, lab in zip(quoted, labels):
        lab = _context_override(text, c, lab, ctx)
        entry = lex.lookup(text[c.start:c.end])
        if entry is not None and entry.category in NO_PROPAGATE:
            lab = "title"  # ordinary event/institution name, never a slogan
        elif lab in ("scare", "title") and (
                (c.start, c.end) in formula_spans or entry is not None):
            lab = "slogan"  # a quoted numeric formula or a known slogan
        if lab == "slogan":
            accepted.append(c)
        else:
            non_slogan_exact.add((c.start, c.end))
            if lab in ("title", "scare"):
                blocked.append((c.start, c.end))
    # nested quotes: keep the outermost accepted slogan only when spans overlap
    accepted.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Candidate] = []
    for c in accepted:
        if not any(_overlaps((c.start, c.end), (k.start, k.end)) for k in kept):
            kept.append(c)
    taken = [(c.start, c.end) for c in kept]

    def free(a: int, b: int) -> bool:
        return not any(_overlaps((a, b), t) for t in taken) and \
            not any(x <= a and b <= y for x, y in blocked)

    for f in find_formulas(text):
        if (f.start, f.end) in non_slogan_exact or not free(f.start, f.end):
            continue
        kept.append(f)
        taken.append((f.start, f.end))

    phrases = {text[c.start:c.end] for c in kept if c.kind == "quoted" and c.end - c.start >= MIN_PROPAGATE_LEN}
    shadow = simplified_shadow(text)
    search_text = shadow if len(shadow) == len(text) else text
    phrases = {simplified_shadow(p) for p in phrases}
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
    known = [Candidate(a, b, a, b, "known") for a, b in _leftmost_longest(hits) if (a, b) not in quoted_exact]
    for k in known:
        if (k.start, k.end) in non_slogan_exact or not free(k.start, k.end):
            continue
        kept.append(k)
        taken.append((k.start, k.end))
    kept.sort(key=lambda c: (c.start, c.end))
    return kept


def extract_slogan_spans(text: str, clf: SloganClassifier | None = None,
                         lexicon: Lexicon | None = None) -> list[tuple[int, int]]:
    """Convenience: ``(start, end)`` pairs of :func:`extract_slogans`."""
    return [(c.start, c.end) for c in extract_slogans(text, clf, lexicon)]


__all__: Sequence[str] = ("extract_slogans", "extract_slogan_spans", "simplified_shadow")
