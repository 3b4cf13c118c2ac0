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


def explain_unknown(name: str) -> str:
    """Why ``lookup(name)`` found nothing, in words a user can act on: a village name
    needs the optional village table, anything else is not a unit in the data."""
    from .config import admin_data_dir
    from .gazetteer import village_stem

    gz = default()
    msg = f"unknown place: {name!r} is not a unit in the gazetteer"
    if village_stem(name) is None:
        return msg
    if gz.village_src is not None:
        return msg + f"; it looks like a village or community, and the village table ({gz.village_src.name}) has no such name"
    where = admin_data_dir()
    return msg + ("; it looks like a village or community (a name with a village unit word), and no village data is loaded: "
                  "add the NBS village table (villages_*.csv) with `zhpolitics gazetteer add PATH`"
                  + (f" (the configured folder {where} has none)" if where else ""))

__all__ = ["Gazetteer", "Unit", "PlaceMatcher", "PlaceMention", "build", "default", "explain_unknown", "lookup"]
