"""Canonical forms of slogans and the slogan lexicon.

What: :func:`canonical` maps surface variants of one slogan to a single key —
Traditional→Simplified (OpenCC ``t2s``), NFKC full/half width folding, removal
of whitespace, punctuation and quote marks, inline pinyin glosses such as
``當(dāng)``, and 的/地/得/之-level particles — so that
``人民选我当代表，我为群众办实事`` ≈ ``人民选我当代表我为群众办实事`` ≈
``人民選我當代表,我為群眾辦實事``. :class:`Lexicon` loads
``resources/slogans/lexicon.tsv`` and looks entries up by canonical form
(headword or any ``|``-separated variant).

Why: the same slogan is printed with different commas, widths and scripts;
matching must not depend on those. Canonical keys are *only* for matching —
offsets are always taken on the raw text.
"""
from __future__ import annotations

import csv
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ..resources import cached, path as resource_path


_PINYIN_GLOSS = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]+[)）]")
_PARTICLES = set("的地得之")
#: keep letters, digits and CJK; '+' survives because 互联网+ / 人大代表+ rely on it
_KEEP = re.compile(r"[\w+]")


@lru_cache(maxsize=65536)
def to_simplified(s: str) -> str:
    """Traditional → Simplified, character by character (the package-wide table)."""
    from ..text import to_simplified as _char_t2s_text

    return _char_t2s_text(s)


@lru_cache(maxsize=65536)
def canonical(s: str) -> str:
    """Matching key for a slogan surface form (see module docstring)."""
    s = _PINYIN_GLOSS.sub("", s)
    s = unicodedata.normalize("NFKC", s)
    s = to_simplified(s)
    out = [ch for ch in s if _KEEP.match(ch) and ch != "_" and ch not in _PARTICLES]
    return "".join(out).lower()


@dataclass(frozen=True)
class LexEntry:
    """One lexicon row."""

    text: str
    variants: tuple[str, ...] = ()
    first_year: int | None = None
    issuer: str = ""
    category: str = ""

    def forms(self) -> tuple[str, ...]:
        """Headword plus variants (surface forms)."""
        return (self.text, *self.variants)


@dataclass
class Lexicon:
    """Slogan lexicon with canonical-form lookup."""

    entries: list[LexEntry] = field(default_factory=list)
    _index: dict[str, LexEntry] = field(default_factory=dict, repr=False)

    #: bumped by :meth:`add`, so matchers built from the lexicon know to rebuild
    version: int = field(default=0, repr=False)

    def __post_init__(self) -> None:
        for e in self.entries:
            self._index_entry(e)

    def _index_entry(self, e: LexEntry, override: bool = False) -> None:
        for form in e.forms():
            key = canonical(form)
            if key and (override or key not in self._index):
                self._index[key] = e

    def add(self, text: str, variants: tuple[str, ...] | list[str] = (), category: str = "",
            first_year: int | None = None, issuer: str = "") -> LexEntry:
        """Add one entry (a user's local slogan, or a label to reject with ``category="label"``).

        Why: users extend the lexicon without editing the package; a user entry
        replaces a packaged one with the same canonical form."""
        e = LexEntry(text.strip(), tuple(v for v in variants if v.strip()), first_year, issuer, category)
        self.entries.append(e)
        self._index_entry(e, override=True)
        self.version += 1
        return e

    def extend_from(self, path: Path | str) -> int:
        """Add every row of a user TSV in the packaged format; returns how many."""
        other = Lexicon.load(path)
        for e in other:
            self.add(e.text, e.variants, e.category, e.first_year, e.issuer)
        return len(other)

    @classmethod
    def load(cls, path: Path | str | None = None) -> "Lexicon":
        """Load the TSV (header ``text variants first_year issuer category``)."""
        p = Path(path) if path is not None else resource_path("slogans", "lexicon.tsv")
        entries: list[LexEntry] = []
        with open(p, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                year = (row.get("first_year") or "").strip()
                variants = tuple(v for v in (row.get("variants") or "").split("|") if v.strip())
                entries.append(LexEntry(row["text"].strip(), variants, int(year) if year.isdigit() else None,
                                        (row.get("issuer") or "").strip(), (row.get("category") or "").strip()))
        return cls(entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[LexEntry]:
        return iter(self.entries)

    def lookup(self, s: str) -> LexEntry | None:
        """Entry whose headword or a variant has the same canonical form as ``s``."""
        return self._index.get(canonical(s))

    def surface_forms(self, categories: set[str] | None = None, exclude: set[str] | None = None) -> set[str]:
        """All headwords and variants, optionally filtered by category.

        These are raw surface strings for exact matching (e.g. by
        :func:`~zhpolitics.slogans.candidates.find_known`); forms containing
        quote marks are skipped. Use :meth:`lookup` for script-insensitive checks."""
        out: set[str] = set()
        for e in self.entries:
            if categories is not None and e.category not in categories:
                continue
            if exclude is not None and e.category in exclude:
                continue
            out.update(f for f in e.forms() if "“" not in f)
        return out


#: a user TSV (same columns as ``resources/slogans/lexicon.tsv``) merged into the default lexicon
USER_LEXICON_ENV = "ZHPOLITICS_SLOGAN_LEXICON"


@cached("slogans")
def default_lexicon() -> Lexicon:
    """The packaged lexicon plus the user file named by ``$ZHPOLITICS_SLOGAN_LEXICON`` (cached).

    Why: local campaigns appear every year; users list them in their own file (or
    call :meth:`Lexicon.add` on this object) instead of editing the package."""
    lex = Lexicon.load()
    user = os.environ.get(USER_LEXICON_ENV)
    if user:
        p = Path(user).expanduser()
        if not p.is_file():
            raise FileNotFoundError(f"{USER_LEXICON_ENV}={user}: no such slogan lexicon file")
        lex.extend_from(p)
    return lex
