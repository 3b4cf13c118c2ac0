"""Sentence and clause splitting on character offsets: the one home of the stop sets.

Every engine cuts text with these constants and functions, so a "sentence" or a
"clause" is written down once.  The sets differ by purpose, and each has a name:

* :data:`SENT_END` — where the rule engines end a sentence (semicolon, ellipsis and
  line break included), read by :func:`sentence_bounds` and :func:`sentences`;
* :data:`FULL_STOP` — the stops that end a full sentence (no semicolon): the clause
  units of the learned linker and the slogan classifier's window;
* :data:`CLAUSE_END` — the punctuation that ends a clause inside a sentence;
* :data:`CHUNK_CUTS` — where the batch runner may cut a very long document.

All functions return ``[start, end)`` offsets into the text they are given, which is
either the raw text or its same-length normalised view (:func:`zhpolitics.text.normalize`);
the offsets are the same for both.
"""

from __future__ import annotations

#: characters that end a sentence for the rule engines
SENT_END = "。！？!?；;…\n"
#: characters that end a full sentence (a semicolon does not)
FULL_STOP = "。！？!?\n"
#: punctuation that ends a clause inside a sentence
CLAUSE_END = "，,：:；;"
#: quotation marks that open and close a quote
OPEN_QUOTES = "“‘「『"
CLOSE_QUOTES = "”’」』"
#: where a long document may be cut into chunks without cutting a sentence
CHUNK_CUTS = "。！？\n"

_TRAILERS = SENT_END + CLOSE_QUOTES + '"'


def sentence_bounds(text: str, i: int) -> tuple[int, int]:
    """Return the ``[start, end)`` of the sentence containing offset ``i``.

    Sentences end at :data:`SENT_END`; closing quotes right after the stop belong to
    the sentence, and a line break ends it whatever follows.
    """
    n = len(text)
    s = i
    while s > 0 and text[s - 1] not in SENT_END:
        s -= 1
    e = i
    while e < n and text[e] not in SENT_END:
        e += 1
    while e < n and text[e] in _TRAILERS:
        e += 1
        if e < n and text[e - 1] == "\n":
            break
    return s, e


def sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans (:func:`sentence_bounds` from start to end)."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        s, e = sentence_bounds(text, i)
        s = max(s, i)  # a closing quote already given to the sentence before is not taken again
        if e <= i:
            e = i + 1
        out.append((s, e))
        i = e
    return out


def split_after(text: str, seps: str, close: str = CLOSE_QUOTES) -> list[tuple[int, int]]:
    """``[start, end)`` pieces of ``text``, each ending after one of ``seps`` together with
    the closing quotes right after it (the last piece takes the rest).  The linker and the
    clause splitter cut with different separator sets; this is their one cutter."""
    out: list[tuple[int, int]] = []
    s = 0
    for i, ch in enumerate(text):
        if ch in seps:
            e = i + 1
            while e < len(text) and text[e] in close:
                e += 1
            if e > s:
                out.append((s, e))
            s = e
    if s < len(text):
        out.append((s, len(text)))
    return out


def full_sentences(text: str) -> list[tuple[int, int]]:
    """Pieces up to and including a :data:`FULL_STOP` (closing quotes kept)."""
    return split_after(text, FULL_STOP)


def clauses(text: str) -> list[tuple[int, int]]:
    """Pieces up to and including a clause or sentence stop (closing quotes kept)."""
    return split_after(text, CLAUSE_END + FULL_STOP)


def sentence_window(text: str, a: int, b: int, stops: str = FULL_STOP) -> tuple[int, int]:
    """``[start, end)`` around ``text[a:b]``: from after the last stop before ``a`` up to
    and including the first stop at or after ``b`` (the text's end when there is none)."""
    left = max(text.rfind(ch, 0, a) for ch in stops)
    right = [i for i in (text.find(ch, b) for ch in stops) if i != -1]
    return left + 1, (min(right) + 1 if right else len(text))


def last_cut(text: str, lo: int, hi: int, cuts: str = CHUNK_CUTS) -> int:
    """The offset just after the last of ``cuts`` in ``text[lo:hi]``, or -1 when there is none."""
    at = max(text.rfind(c, lo, hi) for c in cuts)
    return at + 1 if at >= 0 else -1
