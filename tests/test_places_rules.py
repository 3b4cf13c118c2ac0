"""The places rule files (issue 20): typed, checked at load, read through
zhpolitics.resources, and the alias file with its worked example from docs/extending.md.

Sentences are our own."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from zhpolitics import resources
from zhpolitics.places import PlaceMatcher, gazetteer
from zhpolitics.places import rules as place_rules
from zhpolitics.text import normalize

DOC = Path(__file__).resolve().parents[1] / "docs" / "extending.md"


@pytest.fixture
def rule_copy(tmp_path):
    """A private copy of the places rules, read instead of the package's for one test."""
    folder = tmp_path / "places"
    shutil.copytree(resources.package_dir("places"), folder)
    resources.set_component_dir("places", folder)
    yield folder
    resources.set_component_dir("places", None)


def _edit(folder: Path, name: str, change) -> None:
    data = json.loads((folder / name).read_text("utf-8"))
    change(data)
    (folder / name).write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def test_one_suffix_table_gives_the_level():
    assert place_rules.suffix_level("某某县") == "county"
    assert place_rules.suffix_level("某某自治州") == "city"
    assert place_rules.suffix_level("某某地区") == "city"
    assert place_rules.suffix_level("某某自治区") == "province"
    assert place_rules.suffix_level("某某街道") == "town"
    assert place_rules.suffix_level("某某村委会") == "village"
    assert place_rules.suffix_level("某某市") is None  # 市 names a province, a city or a county


def test_unknown_key_in_rules_names_file_and_entry(rule_copy):
    _edit(rule_copy, "guards.json", lambda d: d.update(stop_befor_chars="的"))
    with pytest.raises(resources.ResourceError, match=r"guards\.json.*stop_befor_chars"):
        place_rules.guards()


def test_wrong_type_names_the_entry(rule_copy):
    _edit(rule_copy, "rules.json", lambda d: d.update(ethnic="苗族"))
    with pytest.raises(resources.ResourceError, match=r"rules\.json: entry 'ethnic' must be a list"):
        place_rules.rules()


def test_alias_with_a_wrong_name_is_refused(rule_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("ZHPOLITICS_CACHE", str(tmp_path / "cache"))
    _edit(rule_copy, "aliases.json",
          lambda d: d["aliases"].append({"alias": "锡盟", "name": "锡林浩特市", "code": "152500"}))
    with pytest.raises(resources.ResourceError, match="aliases.json: alias '锡盟'"):
        gazetteer.build(None)


def test_alias_with_an_unknown_key_is_refused(rule_copy):
    _edit(rule_copy, "aliases.json",
          lambda d: d["aliases"].append({"alias": "锡盟", "nmae": "锡林郭勒盟", "code": "152500"}))
    with pytest.raises(resources.ResourceError, match=r"aliases\.json: aliases\[\d+\].*nmae"):
        place_rules.aliases()


def test_shipped_aliases_resolve():
    gz = gazetteer.default(None)
    text = normalize("博州和克州的全国人大代表在内蒙调研畜牧业。")
    got = {text[m.start:m.end]: m.code for m in PlaceMatcher(gz)(text)}
    assert got == {"博州": "652700", "克州": "653000", "内蒙": "150000"}


def test_worked_example_in_docs_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHPOLITICS_CACHE", str(tmp_path / "cache"))
    section = DOC.read_text("utf-8").split("## Add a place alias", 1)[1]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert blocks, "docs/extending.md: the place alias section has no python example"
    for code in blocks:
        exec(compile(code, str(DOC), "exec"), {"tmp_path": tmp_path})
