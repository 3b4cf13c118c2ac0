"""Administrative places: gazetteer, matching and code resolution (no spaCy here).

``lookup(name, context=...)`` returns candidate units with codes and ancestor paths.
"""

from __future__ import annotations

from .gazetteer import Gazetteer, Unit, build, default
from .matcher import PlaceMatcher, PlaceMention


def lookup(name: str, context: str | None = None) -> list[dict]:
    """Candidate units for ``name``; with ``context`` (a text), ranked by the places in it.

    >>> lookup("潞州区")[0]["code"]
    '140403'
    """
    from .matcher import lookup as _lookup

    return _lookup(default(), name, context)


__all__ = ["Gazetteer", "Unit", "PlaceMatcher", "PlaceMention", "build", "default", "lookup"]
