"""The action engines' named rules (resources/actions/rules.json): typed, checked at load,
read per resource folder.  The sentences are invented for the tests."""
from __future__ import annotations

import json
import shutil

import pytest

from zhpolitics import resources
from zhpolitics.actions.cues import load_cues
from zhpolitics.actions.linker import RuleLinker
from zhpolitics.actions.rules import REQUIRED, RULES_FILE, load_rules, parse_rules
from zhpolitics.resources import ResourceError


def _raw() -> str:
    return resources.read_text("actions", RULES_FILE)


def test_every_rule_the_engines_read_is_in_the_file() -> None:
    rules = load_rules()
    assert set(REQUIRED) <= set(rules.names())
    assert rules.pronouns[:2] == ("他们", "她们")  # order kept: 他们 before 他
    assert rules.pronouns_rx.match("他们走访了").group(0) == "他们"
    assert rules.agentive.search("到村里走访")


def test_unknown_key_names_file_line_and_rule() -> None:
    doc = json.loads(_raw())
    doc["rules"][3]["pattrn"] = "x"
    raw = json.dumps(doc, ensure_ascii=False, indent=1)
    with pytest.raises(ResourceError, match=r"rules\.json:\d+: rule '%s'.*pattrn" % doc["rules"][3]["name"]):
        parse_rules(raw, "rules.json")


def test_bad_regex_and_wrong_kind_are_errors() -> None:
    doc = json.loads(_raw())
    i = next(k for k, r in enumerate(doc["rules"]) if r["name"] == "state")
    doc["rules"][i]["pattern"] = "(?:是"
    with pytest.raises(ResourceError, match="state.*invalid regular expression"):
        parse_rules(json.dumps(doc, ensure_ascii=False), "rules.json")
    doc = json.loads(_raw())
    doc["rules"][i] = {"name": "state", "kind": "words", "words": ["是"]}
    with pytest.raises(ResourceError, match="kind 'regex'"):
        parse_rules(json.dumps(doc, ensure_ascii=False), "rules.json")


def test_missing_rule_is_an_error() -> None:
    doc = json.loads(_raw())
    doc["rules"] = [r for r in doc["rules"] if r["name"] != "lead_subject"]
    with pytest.raises(ResourceError, match="missing rule.*lead_subject"):
        parse_rules(json.dumps(doc, ensure_ascii=False), "rules.json")


def test_an_edited_copy_of_the_rules_changes_the_linker(tmp_path) -> None:
    """A new description pattern in a copied resource folder stops an act; the default
    folder is untouched (caches are keyed by folder)."""
    text = "区人大代表王小明热心调解邻里纠纷。"
    dep = [(text.index("王小明"), text.index("王小明") + 3)]
    assert RuleLinker()(text, dep)
    folder = tmp_path / "actions"
    shutil.copytree(resources.package_dir("actions"), folder)
    doc = json.loads((folder / RULES_FILE).read_text(encoding="utf-8"))
    for r in doc["rules"]:
        if r["name"] == "no_act_after_name":
            r["pattern"] += "|热心"
    (folder / RULES_FILE).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    resources.set_component_dir("actions", folder)
    try:
        assert load_cues().rules.no_act_after_name.match("热心")
        assert RuleLinker()(text, dep) == []
    finally:
        resources.set_component_dir("actions", None)
    assert RuleLinker()(text, dep)
