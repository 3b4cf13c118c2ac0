"""The text layer: one normaliser and one sentence/clause splitter for every engine.

* :mod:`zhpolitics.text.chars` — the *normalised view*: a string of exactly the same
  length as the input (traditional → simplified, full-width → half-width letters and
  digits, half-width → full-width sentence punctuation, one middle dot), so that a
  match at ``[i, j)`` in the view is the span ``[i, j)`` of the input;
* :mod:`zhpolitics.text.split` — sentences and clauses as offsets, with the stop
  sets named once (:data:`SENT_END`, :data:`FULL_STOP`, :data:`CLAUSE_END`).

Import from here (``from zhpolitics.text import normalize, sentences``); the
submodules are an implementation detail.
"""

from .chars import is_han, normalize, to_simplified
from .split import (
    CHUNK_CUTS,
    CLAUSE_END,
    CLOSE_QUOTES,
    FULL_STOP,
    OPEN_QUOTES,
    SENT_END,
    clauses,
    full_sentences,
    last_cut,
    sentence_bounds,
    sentence_window,
    sentences,
    split_after,
)

__all__ = [
    "CHUNK_CUTS", "CLAUSE_END", "CLOSE_QUOTES", "FULL_STOP", "OPEN_QUOTES", "SENT_END",
    "clauses", "full_sentences", "is_han", "last_cut", "normalize", "sentence_bounds",
    "sentence_window", "sentences", "split_after", "to_simplified",
]
