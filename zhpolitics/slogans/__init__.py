"""SLOGAN (提法) extraction: quote/formula/known-phrase candidates, canonical
forms + lexicon, and a numpy-only quote classifier. Pure Python; no spaCy."""
from .candidates import Candidate, find_formulas, find_known, find_quoted
from .canonical import Lexicon, LexEntry, canonical, default_lexicon

__all__ = ["Candidate", "find_quoted", "find_formulas", "find_known", "canonical", "Lexicon", "LexEntry",
           "default_lexicon"]
