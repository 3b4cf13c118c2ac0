"""The named cue rules of the action engines, read from ``resources/actions/rules.json``.

What: every word list and pattern the rule linker, the learned linker's features and
the cue lookups decide with (pronoun subjects, time leads, description patterns,
the agentive verbs …) is one named entry of a typed JSON file::

    {"name": "pronouns", "kind": "words", "words": ["他们", "他"], "used_by": "linker", "why": "…"}
    {"name": "time_lead", "kind": "regex", "pattern": "^(?:近日|日前)", "used_by": "linker", "why": "…"}

``kind`` is ``words`` (literal strings, order kept: alternations try them in that
order) or ``regex`` (a Python pattern, as ``pattern`` or as a list ``any`` of
alternatives).  :func:`load_rules` checks the keys, the kinds, that every rule the
engines need is there and that every pattern compiles; an error names the file, the
line of the entry and the rule.

Why: a rule used to live in a module constant, an inline regex or a literal inside a
function, so a user could not tell where to add a word and engines could not carry
their rules with a saved pipeline.  The loader caches per folder
(:func:`zhpolitics.resources.component_dir`), so ``ZHPOLITICS_RESOURCES`` or a saved
pipeline's copy swaps the rules.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..resources import ResourceError, check_keys, component_dir, read_text

RULES_FILE = "rules.json"
RULES_FORMAT = "zhpolitics-action-rules/1"
_KEYS = frozenset(("name", "kind", "words", "pattern", "any", "used_by", "why"))
_KINDS = ("words", "regex")

#: the rules the engines read, with their kind (a missing or mistyped one is an error at load)
REQUIRED: dict[str, str] = {
    "head_adverbs": "regex", "agent_lead_chars": "words",
    "result_start": "words", "perceive": "regex", "new_act": "words", "state_start": "words",
    "pronouns": "words", "state": "regex", "agent_start": "regex", "extend": "words", "lead_verb": "regex",
    "continue_sentence": "regex", "connectives": "words", "plural_pronouns": "words",
    "long_time_clause": "regex", "motion": "regex", "new_subject": "regex", "perceived": "regex",
    "receive": "regex", "intent": "regex", "title_before_name": "regex", "money_lead": "regex",
    "not_only": "regex", "but_also": "regex", "ranking": "regex", "pre_frame_adverb": "regex",
    "time_clause": "regex", "adverbial_clause": "regex", "lead_modal": "regex", "skip_after_name": "regex",
    "frame_close": "words", "not_subject": "regex", "passive": "words", "attributive": "words", "time_lead": "regex", "agentive": "regex",
    "participate": "regex", "act_generic": "regex", "no_act_after_name": "regex",
    "act_after_perceived": "regex", "frame_locative": "words", "time_close": "words",
    "first_person": "regex", "in_mind": "regex", "named_speaker": "regex", "perceive_head": "regex",
    "as_role": "words", "speech_extra": "words", "ranking_contains": "words",
    "object_or_motion_lead": "regex", "frame_open": "words", "frame_close_short": "words",
    "list_joiners": "words", "list_joiner_title": "regex", "act_before_name": "regex",
    "group_count": "regex", "pronoun_with_partner": "regex", "partner_joiners": "words",
    "quote_or_speech": "regex",
    "feature_pronouns": "words", "feature_time_lead": "regex", "money": "regex", "feature_state": "regex",
    "feature_intent": "regex", "feature_not_subject": "regex", "praise": "regex", "bio": "regex",
    "feature_new_act": "words", "frame_end": "words", "first_person_chars": "words",
    "feature_list_joiner": "regex",
    "lead_subject": "words",
}


class Rules:
    """The named rules: ``rules.pronouns`` is a tuple of words, ``rules.state`` a compiled
    pattern, and ``rules.pronouns_rx`` the alternation of a word list (in file order)."""

    def __init__(self, entries: dict[str, Any], source: str = ""):
        self._entries = dict(entries)
        self.source = source

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_entries"][name]
        except KeyError:
            raise AttributeError(f"no action rule {name!r} in {self.__dict__.get('source', RULES_FILE)}") from None

    def names(self) -> list[str]:
        """The rule names (word lists and patterns, not the derived ``*_rx``)."""
        return [k for k in self._entries if not k.endswith("_rx")]


def _line_of(raw: str, name: str) -> int:
    """The 1-based line of the entry named ``name`` in the raw JSON (0 when not found)."""
    m = re.search(r'"name"\s*:\s*' + re.escape(json.dumps(name, ensure_ascii=False)), raw)
    return raw.count("\n", 0, m.start()) + 1 if m else 0


def _words(obj: dict, where: str) -> tuple[str, ...]:
    ws = obj.get("words")
    if not isinstance(ws, list) or not ws or not all(isinstance(w, str) and w for w in ws):
        raise ResourceError(f"{where}: kind 'words' needs a non-empty list 'words' of non-empty strings")
    return tuple(ws)


def _regex(obj: dict, where: str) -> re.Pattern[str]:
    if ("pattern" in obj) == ("any" in obj):
        raise ResourceError(f"{where}: kind 'regex' needs exactly one of 'pattern' or 'any'")
    pat = obj.get("pattern")
    if "any" in obj:
        alts = obj["any"]
        if not isinstance(alts, list) or not alts or not all(isinstance(a, str) and a for a in alts):
            raise ResourceError(f"{where}: 'any' must be a non-empty list of non-empty patterns")
        pat = "|".join(alts)
    if not isinstance(pat, str) or not pat:
        raise ResourceError(f"{where}: 'pattern' must be a non-empty string")
    try:
        return re.compile(pat)
    except re.error as e:
        raise ResourceError(f"{where}: invalid regular expression: {e}") from None


def _entry(obj: Any, raw: str, file: str, index: int) -> tuple[str, str, Any]:
    """(name, kind, value) of one rule object, checked."""
    name = obj.get("name") if isinstance(obj, dict) else None
    where = f"{file}:{_line_of(raw, name) if isinstance(name, str) else 0}: rule {name or index!r}"
    check_keys(obj, _KEYS, where, required={"name", "kind"})
    kind = obj["kind"]
    if kind not in _KINDS:
        raise ResourceError(f"{where}: unknown kind {kind!r}; one of {list(_KINDS)}")
    if REQUIRED.get(name, kind) != kind:
        raise ResourceError(f"{where}: the engines read {name!r} as kind {REQUIRED[name]!r}, not {kind!r}")
    return name, kind, (_words(obj, where) if kind == "words" else _regex(obj, where))


def parse_rules(raw: str, file: str = RULES_FILE) -> Rules:
    """Check and compile the text of a rules file (``file`` names it in errors)."""
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as e:
        raise ResourceError(f"{file}:{e.lineno}:{e.colno}: invalid JSON: {e.msg}") from None
    check_keys(doc, {"format", "about", "rules"}, file, required={"format", "rules"})
    if doc["format"] != RULES_FORMAT:
        raise ResourceError(f"{file}: format {doc['format']!r}, expected {RULES_FORMAT!r}")
    entries: dict[str, Any] = {}
    for i, obj in enumerate(doc["rules"]):
        name, kind, value = _entry(obj, raw, file, i)
        if name in entries:
            raise ResourceError(f"{file}:{_line_of(raw, name)}: rule {name!r} is defined twice")
        entries[name] = value
        if kind == "words":
            entries[name + "_rx"] = re.compile("|".join(map(re.escape, value)))
    missing = sorted(set(REQUIRED) - set(entries))
    if missing:
        raise ResourceError(f"{file}: missing rule(s) {missing}")
    return Rules(entries, file)


@lru_cache(maxsize=8)
def _load(folder: Path) -> Rules:
    return parse_rules(read_text("actions", RULES_FILE), str(folder / RULES_FILE))


def load_rules() -> Rules:
    """The rules of the current ``actions`` resource folder (cached per folder)."""
    return _load(component_dir("actions"))
