"""SLOGAN (提法) extraction: candidates (quotes, numbered and parallel formulas, headline
pieces, lexicon phrases), a numpy-only learned decision, canonical forms, the lexicon
(extensible by users) and the new-slogan report. Pure Python; no spaCy."""
from .candidates import Candidate, find_bare, find_formulas, find_headlines, find_known, find_parallel, find_quoted
from .canonical import Lexicon, LexEntry, canonical, default_lexicon

__all__ = ["Candidate", "find_quoted", "find_formulas", "find_parallel", "find_headlines", "find_bare", "find_known",
           "canonical", "Lexicon", "LexEntry", "default_lexicon"]
