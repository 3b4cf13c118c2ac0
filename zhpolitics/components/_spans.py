"""Helpers shared by components: adding character-offset spans to a Doc."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..extensions import SPANS_KEY
from ..text import normalize

# when spans of different labels overlap in doc.ents, the first label wins
ENT_PRIORITY = {"DEPUTY": 0, "PERSON": 1, "PLACE": 2, "SLOGAN": 3}


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
    """The normalised matching view of the text (computed once per Doc)."""
    text = doc_text(doc)
    if doc._.zhp_norm is None or len(doc._.zhp_norm) != len(text):
        doc._.zhp_norm = normalize(text)
    return doc._.zhp_norm


def boilerplate(doc: Doc) -> list[tuple[int, int]]:
    return doc._.boilerplate or []


def char_span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """A Span for exact character offsets; ``None`` if the tokenizer cut them.

    The default zhpolitics pipeline tokenizes per character, so every offset aligns.
    With another tokenizer a misaligned span is expanded to token boundaries but keeps
    its exact offsets in ``span._.source`` so records stay exact.
    """
    if doc.user_data.get("zhp_ntok") == len(doc_text(doc)):
        return Span(doc, start, end, label=label)  # one token per character
    sp = doc.char_span(start, end, label=label)
    if sp is None:
        sp = doc.char_span(start, end, label=label, alignment_mode="expand")
    return sp


def add_spans(doc: Doc, spans: list[Span]) -> None:
    group = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
    group.extend(spans)
    group.sort(key=lambda s: (s.start_char, -s.end_char))
    doc.spans[SPANS_KEY] = group


def spans_of(doc: Doc, *labels: str) -> list[Span]:
    if SPANS_KEY not in doc.spans:
        return []
    return [s for s in doc.spans[SPANS_KEY] if not labels or s.label_ in labels]


def set_spans(doc: Doc, spans: list[Span]) -> None:
    doc.spans[SPANS_KEY] = sorted(spans, key=lambda s: (s.start_char, -s.end_char))


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
