"""Character-level normalisation: the same-length matching view of a text.

Every matcher in zhpolitics works on a *normalised view* of the document that has
exactly the same length as the original text, so that a match at ``[i, j)`` in the
view is the span ``[i, j)`` of the input.  The view:

* converts traditional characters to simplified ones (character by character when
  OpenCC would change the length),
* maps full-width ASCII letters and digits to half-width,
* maps half-width sentence punctuation used in Chinese text (``, : ; ( ) ! ?``) to the
  full-width forms the resource files are written in,
* maps the variants of the middle dot used in minority names (``• ・ ‧``) to ``·``.

Offsets therefore never shift, whatever the matching needed (see ANNOTATION.md).
"""

from __future__ import annotations

from functools import lru_cache

_HALF_TO_FULL_PUNCT = {
    ",": "，",
    ":": "：",
    ";": "；",
    "(": "（",
    ")": "）",
    "!": "！",
    "?": "？",
}
_DOTS = {"•": "·", "・": "·", "‧": "·", "∙": "·", "●": "·"}


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    """Character-level traditional → simplified table from OpenCC's dictionaries.

    Matching only needs a same-length view, so a one-to-one character table
    (``str.translate``, C speed) replaces phrase-level conversion; variant forms
    (TW/HK) are folded too.
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("opencc")
    if spec is None or spec.origin is None:  # pragma: no cover - dependency declared
        return {}
    d = Path(spec.origin).parent / "dictionary"
    rows: dict[str, list[list[str]]] = {}  # each dictionary read once: name -> [key, values]
    for name in ("TWVariantsRev.txt", "HKVariantsRev.txt", "TSCharacters.txt", "STCharacters.txt"):
        f = d / name
        if f.exists():
            rows[name] = [p for p in (line.split("\t") for line in f.read_text("utf-8").splitlines()) if len(p) == 2]
    # standard simplified characters (targets of TSCharacters, keys of STCharacters)
    # are never folded as TW/HK variants: TWVariantsRev maps 么 → 幺, which would turn
    # every 什么/怎么 into 什幺
    simplified = {c for k, v in rows.get("TSCharacters.txt", []) for c in v.split() if len(c) == 1}
    simplified |= {k for k, _v in rows.get("STCharacters.txt", []) if len(k) == 1}
    table: dict[int, str] = {}
    for name in ("TWVariantsRev.txt", "HKVariantsRev.txt", "TSCharacters.txt"):
        for key, values in rows.get(name, []):
            if len(key) == 1:
                target = values.split()[0] if values.split() else ""
                if len(target) == 1 and target != key:
                    if name != "TSCharacters.txt" and key in simplified:
                        continue
                    # TSCharacters wins over variant folding when both map a char
                    table[ord(key)] = table.get(ord(target), target) if name != "TSCharacters.txt" else target
    # chain: a variant folded to a traditional char must end simplified
    for k, v in list(table.items()):
        table[k] = table.get(ord(v), v)
    return table


def to_simplified(text: str) -> str:
    """Traditional → simplified, character by character, same length as ``text``."""
    if text.isascii():
        return text
    return text.translate(_t2s_table())


def _width_map(ch: str) -> str:
    o = ord(ch)
    if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        return chr(o - 0xFEE0)
    if ch == "\u3000":
        return " "
    p = _HALF_TO_FULL_PUNCT.get(ch)
    if p is not None:
        return p
    return _DOTS.get(ch, ch)


_TRANS = {c: _width_map(chr(c)) for c in range(0x10000) if _width_map(chr(c)) != chr(c)}


@lru_cache(maxsize=1)
def _combined() -> dict[int, str]:
    table = {k: _width_map(v) for k, v in _t2s_table().items()}
    for k, v in _TRANS.items():
        table.setdefault(k, v)
    return table


def normalize(text: str) -> str:
    """Return the matching view of ``text`` (same length, see module docstring)."""
    return text.translate(_combined())


def is_han(ch: str) -> bool:
    """True for a CJK unified ideograph (the characters names and places are made of)."""
    if len(ch) != 1:
        return False
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2A6DF
