"""The place engine's rule files, read through :mod:`zhpolitics.resources` and checked.

Three typed files live in ``resources/places/``:

* ``rules.json`` — unit words by level (``suffixes``, one table), ethnic names, stop
  lists, media words, list tails, abbreviations, and the column names of the data;
* ``guards.json`` — the characters and words the matcher's boundary checks use;
* ``aliases.json`` — hand-listed aliases (alias → canonical name and code).

Each value is checked against its expected type when loaded, and an error names the
file and the entry.  Parsed files are cached per folder (``component_dir("places")``),
so a saved pipeline or ``ZHPOLITICS_RESOURCES`` can swap them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .. import resources as res

COMPONENT = "places"
LEVELS = ("province", "city", "county", "town", "village")

_STR, _LIST, _DICT = str, list, dict
_RULES_TYPES = {
    "ethnic": _LIST, "suffixes": _DICT, "generic_names": _LIST, "follow_reject": _DICT, "media_after": _LIST,
    "media_before": _LIST, "short_form_stoplist": _LIST, "place_follow_ok": _LIST,
    "province_abbreviations": _DICT, "org_suffixes": _LIST, "words_containing_places": _LIST,
    "list_tails": _DICT, "travel_abbreviations": _DICT, "credit_after": _LIST, "region_abbreviations": _DICT,
    "village_kinds": _LIST, "village_inner": _LIST, "village_word": _STR, "autonomous_short": _DICT, "former_city_suffix": _DICT,
    "street_suffix": _STR, "street_abbreviation": _STR, "nbs_skip_cities": _LIST, "history": _DICT,
}
_GUARD_TYPES = {
    "stop_before_chars": _STR, "org_run_re": _STR, "org_in_brackets_re": _STR, "source_re": _STR,
    "source_hint_chars": _STR, "numeral_chars": _STR, "abbreviation_frame_before": _STR,
    "abbreviation_frame_after": _LIST, "long_name_suffixes": _LIST, "two_char_suffix_keys": _LIST,
    "committee_mark_chars": _STR, "committee_suffixes": _LIST, "determiners": _LIST,
    "bad_stem_end_chars": _STR, "bad_stem_start_chars": _STR, "count_end_chars": _STR, "list_mark": _STR,
    "bad_stem_first_chars": _STR, "bad_stem_any_chars": _STR, "committee_tails": _LIST,
    "committee_tail_units": _LIST, "community_unit": _STR, "dateline_re": _STR, "media_sites": _LIST,
    "media_site_char": _STR, "conjunction_chars": _STR, "village_list_units": _LIST, "list_any_town": _STR,
    "region_local_mark": _STR, "region_frame_after": _LIST, "trim_city": _DICT, "trim_county": _DICT,
    "bank_end_chars": _STR, "bank_words": _LIST, "unit_next_chars": _STR, "road_re": _STR,
    "natural_end_chars": _STR, "settlement_next": _LIST,
}
_ALIAS_KEYS = frozenset({"alias", "name", "code", "note"})


class Alias(NamedTuple):
    """One hand-listed alias: ``alias`` names the unit ``name`` with statistical ``code``."""

    alias: str
    name: str
    code: str


def _typed(name: str, types: dict[str, type]) -> dict:
    """A rule file as a dict, its keys (``_doc*`` aside) and value types checked."""
    data = res.read_json(COMPONENT, name)
    where = str(res.path(COMPONENT, name))
    body = {k: v for k, v in data.items() if not k.startswith("_")}
    res.check_keys(body, set(types), where, required=set(types))
    for key, typ in types.items():
        if not isinstance(body[key], typ):
            raise res.ResourceError(f"{where}: entry {key!r} must be a {typ.__name__}, got {type(body[key]).__name__}")
        if key.endswith("_re"):
            try:
                re.compile(body[key])
            except re.error as e:
                raise res.ResourceError(f"{where}: entry {key!r} is not a valid regular expression: {e}") from None
    return body


def _check_suffixes(rules: dict, where: str) -> None:
    table = rules["suffixes"]
    res.check_keys(table, set(LEVELS), f"{where}: entry 'suffixes'", required=set(LEVELS))
    for level, sufs in table.items():
        if not isinstance(sufs, list) or not all(isinstance(s, str) and s for s in sufs):
            raise res.ResourceError(f"{where}: entry 'suffixes.{level}' must be a list of non-empty strings")
    for i, pair in enumerate(rules["village_kinds"]):
        if not (isinstance(pair, list) and len(pair) == 2 and pair[1] in ("village", "community")):
            raise res.ResourceError(f"{where}: entry 'village_kinds[{i}]' must be [suffix, 'village'|'community']")


@lru_cache(maxsize=8)
def _rules_in(folder: Path) -> dict:
    rules = _typed("rules.json", _RULES_TYPES)
    _check_suffixes(rules, str(res.path(COMPONENT, "rules.json")))
    return rules


@lru_cache(maxsize=8)
def _guards_in(folder: Path) -> dict:
    return _typed("guards.json", _GUARD_TYPES)


@lru_cache(maxsize=8)
def _aliases_in(folder: Path) -> tuple[Alias, ...]:
    data = res.read_json(COMPONENT, "aliases.json")
    where = str(res.path(COMPONENT, "aliases.json"))
    res.check_keys({k: v for k, v in data.items() if not k.startswith("_")}, {"aliases"}, where, {"aliases"})
    out = []
    for i, entry in enumerate(data["aliases"]):
        here = f"{where}: aliases[{i}]"
        res.check_keys(entry, _ALIAS_KEYS, here, required={"alias", "name", "code"})
        if not (str(entry["code"]).isdigit() and len(entry["code"]) in (6, 9, 12)):
            raise res.ResourceError(f"{here} ({entry['alias']!r}): code {entry['code']!r} is not a 6-, 9- or 12-digit code")
        out.append(Alias(entry["alias"], entry["name"], entry["code"]))
    return tuple(out)


def rules() -> dict:
    """``rules.json`` of the current places folder (parsed once per folder)."""
    return _rules_in(res.component_dir(COMPONENT))


def guards() -> dict:
    """``guards.json`` of the current places folder."""
    return _guards_in(res.component_dir(COMPONENT))


def aliases() -> tuple[Alias, ...]:
    """``aliases.json`` of the current places folder (checked against the units when the index is built)."""
    return _aliases_in(res.component_dir(COMPONENT))


def rule_files_bytes() -> bytes:
    """The bytes of every rule file: part of the gazetteer cache key."""
    return b"".join(res.path(COMPONENT, n).read_bytes() for n in ("rules.json", "guards.json", "aliases.json"))


@lru_cache(maxsize=8)
def _levels_by_suffix(folder: Path) -> tuple[tuple[str, str | None], ...]:
    levels: dict[str, set[str]] = {}
    for level, sufs in _rules_in(folder)["suffixes"].items():
        for s in sufs:
            levels.setdefault(s, set()).add(level)
    pairs = [(s, lv.pop() if len(lv) == 1 else None) for s, lv in levels.items()]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def suffix_level(name: str) -> str | None:
    """The level a name's unit word says (潞州区 → county), from the one suffix table:
    the longest suffix the name ends with; None when that suffix serves several levels (市)."""
    for suf, level in _levels_by_suffix(res.component_dir(COMPONENT)):
        if name.endswith(suf):
            return level
    return None
