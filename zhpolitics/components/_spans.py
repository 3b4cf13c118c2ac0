"""Helpers shared by components: adding character-offset spans to a Doc."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..extensions import SPANS_KEY
from ..text import normalize

# when spans of different labels overlap in doc.ents, the first label wins
ENT_PRIORITY = {"DEPUTY": 0, "PERSON": 1, "PLACE": 2, "SLOGAN": 3}


def norm_text(doc: Doc) -> str:
    """The normalised matching view of ``doc.text`` (computed once per Doc)."""
    if doc._.zhp_norm is None or len(doc._.zhp_norm) != len(doc.text):
        doc._.zhp_norm = normalize(doc.text)
    return doc._.zhp_norm


def boilerplate(doc: Doc) -> list[tuple[int, int]]:
    return doc._.boilerplate or []


def char_span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """A Span for exact character offsets; ``None`` if the tokenizer cut them.

    The default zhpolitics pipeline tokenizes per character, so every offset aligns.
    With another tokenizer a misaligned span is expanded to token boundaries but keeps
    its exact offsets in ``span._.source`` so records stay exact.
    """
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
