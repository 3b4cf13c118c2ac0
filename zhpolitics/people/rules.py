"""The literal rules of the people engine, read from ``resources/people/engine_rules.json``.

Why a file: the cue words (代表, 人大, bylines, speech verbs, stop characters) used to be
Python literals scattered over the engine, so a user could not adapt them and a saved
pipeline could not carry them (issue 20).  Each section is typed and every entry is
required, so a typo or a missing entry fails at load with the file and entry named.

Read it with :func:`rules`; the parsed rules are cached per rule folder
(:func:`zhpolitics.resources.component_dir`), so a saved pipeline or
``ZHPOLITICS_RESOURCES`` swaps them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from ..resources import ResourceError, check_keys, component_dir, read_json

FILE = "engine_rules.json"

#: section -> the entries it must hold (all of them, no others)
ENTRIES: dict[str, frozenset[str]] = {
    "patterns": frozenset({
        "byline", "credit_line", "box", "speech", "leader", "national_session", "daibiao", "deng_n",
        "daibiao_open", "ordinal_end", "surname_title", "age_before", "byline_role", "credit_tail_end",
        "credit_tail_tiles", "group_suffix", "elected", "group_level", "title_lead", "daibiao_cue"}),
    "chars": frozenset({
        "func_words", "coord_seps", "adverbs_after_name", "name_open_conj", "unit_chars", "translit_follow",
        "level_word_ok_before", "level_word_compound_before", "credit_verbs", "short_title_units",
        "daibiao_name_before", "bare_not_name", "bare_stop", "backward_seps", "role_level_before",
        "speaker_before", "leader_before", "surname_after_ok", "surname_prefix", "surname_prefix_stop",
        "title_no_name_next", "chain_units", "byline_name_end", "byline_join", "short_title_after",
        "ner_never_in_name", "ner_ends_name", "org_end", "strong_stop", "never_given", "minority_stop",
        "minority_lead"}),
    "terms": frozenset({"daibiao", "delegation", "renda", "renmin", "two_levels", "national", "city", "anon",
                        "plural", "de", "zhu", "deng", "age_de"}),
    "lists": frozenset({
        "surname_titles", "age_name_follow", "bad_follow", "not_in_name", "role_skip", "after_title_not_name",
        "role_not_name_start", "ambiguous_level_words", "bare_titles", "reporter_sources", "official_sources",
        "address_words", "title_institutions"}),
    "maps": frozenset({"delegation_level"}),
    "numbers": frozenset({"rare_surname_rank", "word_freq", "address_surname_rank"}),
}


@dataclass(frozen=True)
class EngineRules:
    """One attribute namespace per section: ``r.patterns.byline`` is compiled, ``r.chars.x``
    a string, ``r.terms.x`` a word, ``r.lists.x`` a tuple, ``r.maps.x`` a dict, ``r.numbers.x``
    a number."""

    patterns: SimpleNamespace
    chars: SimpleNamespace
    terms: SimpleNamespace
    lists: SimpleNamespace
    maps: SimpleNamespace
    numbers: SimpleNamespace


def _entry(section: str, key: str, value, where: str):
    """One entry checked for its section's type (and compiled, for patterns)."""
    here = f"{where}: {section}.{key}"
    if section in ("patterns", "chars", "terms"):
        if not isinstance(value, str) or not value:
            raise ResourceError(f"{here}: expected a non-empty string")
        if section == "patterns":
            try:
                return re.compile(value)
            except re.error as e:
                raise ResourceError(f"{here}: invalid regular expression: {e}") from None
        return value
    if section == "lists":
        if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            raise ResourceError(f"{here}: expected a list of non-empty strings")
        return tuple(value)
    if section == "maps":
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise ResourceError(f"{here}: expected an object of strings")
        return dict(value)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise ResourceError(f"{here}: expected a number")
    return value


@lru_cache(maxsize=8)
def _load(folder: Path) -> EngineRules:
    where = str(folder / FILE)
    raw = read_json("people", FILE)
    check_keys(raw, set(ENTRIES) | {"_doc"}, where, required=set(ENTRIES))
    sections = {}
    for section, keys in ENTRIES.items():
        check_keys(raw[section], keys, f"{where}: {section}", required=keys)
        sections[section] = SimpleNamespace(**{k: _entry(section, k, v, where) for k, v in raw[section].items()})
    return EngineRules(**sections)


def rules() -> EngineRules:
    """The engine rules of the current people rule folder."""
    return _load(component_dir("people"))
