"""Helpers shared by components: adding character-offset spans to a Doc."""

from __future__ import annotations

import weakref

from spacy.tokens import Doc, Span

from ..extensions import SPANS_KEY
from ..text import normalize

# when spans of different labels overlap in doc.ents, the first label wins
ENT_PRIORITY = {"DEPUTY": 0, "PERSON": 1, "PLACE": 2, "SLOGAN": 3}

# Python-side copies of each Doc's span group, outside ``doc.user_data`` because Span
# objects cannot be serialised (doc.to_bytes, DocBin, nlp.pipe(n_process=2)); weak so
# a Doc that is dropped takes its entry with it
_SPAN_CACHE: "weakref.WeakKeyDictionary[Doc, list[Span]]" = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once: with one token per character, spaCy rebuilds the
    string from all tokens on every access, which made long documents quadratic."""
    t = doc.user_data.get("zhp_text")
    if t is None or doc.user_data.get("zhp_ntok") != len(doc):
        t = doc.text
        doc.user_data["zhp_text"] = t
        doc.user_data["zhp_ntok"] = len(doc)
    return t


def norm_text(doc: Doc) -> str:
    """The normalised matching view of the text (computed once per Doc).

    Kept in ``doc._.zhp_norm`` (a plain string in ``doc.user_data``).
    """
    norm = doc._.zhp_norm
    if norm is None or len(norm) != len(doc_text(doc)):
        norm = normalize(doc_text(doc))
        doc._.zhp_norm = norm
    return norm


def boilerplate(doc: Doc) -> list[tuple[int, int]]:
    return doc._.zhp_boilerplate or []


def char_span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """A Span for exact character offsets; ``None`` if the tokenizer cut them.

    The default zhpolitics pipeline tokenizes per character, so every offset aligns.
    With another tokenizer a misaligned span is expanded to token boundaries but keeps
    its exact offsets in ``span._.zhp_source`` so records stay exact.
    """
    if doc.user_data.get("zhp_ntok") == len(doc_text(doc)):
        return Span(doc, start, end, label=label)  # one token per character
    sp = doc.char_span(start, end, label=label)
    if sp is None:
        sp = doc.char_span(start, end, label=label, alignment_mode="expand")
    return sp


def _cache(doc: Doc) -> list[Span] | None:
    """Python-side copy of the span group (rebuilding Span objects from
    ``doc.spans`` on every read is slow); invalidated when the group is replaced."""
    c = _SPAN_CACHE.get(doc)
    if c is not None and SPANS_KEY in doc.spans and len(doc.spans[SPANS_KEY]) == len(c):
        return c
    return None


def add_spans(doc: Doc, spans: list[Span]) -> None:
    group = list(_cache(doc) or (doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else []))
    group.extend(spans)
    set_spans(doc, group)


def spans_of(doc: Doc, *labels: str) -> list[Span]:
    group = _cache(doc)
    if group is None:
        if SPANS_KEY not in doc.spans:
            return []
        group = list(doc.spans[SPANS_KEY])
        _SPAN_CACHE[doc] = group
    return [s for s in group if not labels or s.label_ in labels]


def set_spans(doc: Doc, spans: list[Span]) -> None:
    group = sorted(spans, key=lambda s: (s.start_char, -s.end_char))
    doc.spans[SPANS_KEY] = group
    _SPAN_CACHE[doc] = group


def update_ents(doc: Doc) -> None:
    """Project the span group onto ``doc.ents`` (non-overlapping, by label priority)."""
    chosen: list[Span] = []
    taken = bytearray(len(doc) + 1)
    for sp in sorted(spans_of(doc), key=lambda s: (ENT_PRIORITY.get(s.label_, 9), -(s.end - s.start), s.start)):
        if sp.label_ not in ENT_PRIORITY:
            continue
        if taken[sp.start:sp.end].count(1):
            continue
        taken[sp.start:sp.end] = b"\x01" * (sp.end - sp.start)
        chosen.append(sp)
    doc.ents = sorted(chosen, key=lambda s: s.start)
