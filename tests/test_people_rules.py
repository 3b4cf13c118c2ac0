"""The people engine's literal rules live in resources/people/engine_rules.json (issue 20)."""

import json
import shutil

import pytest

from zhpolitics import resources
from zhpolitics.people.detect import PeopleDetector
from zhpolitics.people.rules import rules


@pytest.fixture
def people_copy(tmp_path):
    folder = tmp_path / "people"
    shutil.copytree(resources.package_dir("people"), folder)
    yield folder
    resources.set_component_dir("people", None)


def _edit(folder, fn):
    p = folder / "engine_rules.json"
    data = json.loads(p.read_text("utf-8"))
    fn(data)
    p.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def test_shipped_rules_load_typed():
    r = rules()
    assert r.terms.daibiao == "代表"
    assert r.patterns.speech.search("他笑着说")
    assert isinstance(r.lists.surname_titles, tuple)


def test_unknown_entry_names_file_and_entry(people_copy):
    _edit(people_copy, lambda d: d["chars"].update(func_wrods="和"))
    resources.set_component_dir("people", people_copy)
    with pytest.raises(resources.ResourceError, match=r"engine_rules.json.*chars.*func_wrods"):
        rules()


def test_bad_pattern_names_file_and_entry(people_copy):
    _edit(people_copy, lambda d: d["patterns"].update(speech="(说"))
    resources.set_component_dir("people", people_copy)
    with pytest.raises(resources.ResourceError, match=r"engine_rules.json: patterns.speech: invalid regular expression"):
        rules()


def test_missing_entry_is_an_error(people_copy):
    _edit(people_copy, lambda d: d["lists"].pop("bad_follow"))
    resources.set_component_dir("people", people_copy)
    with pytest.raises(resources.ResourceError, match=r"missing key.*bad_follow"):
        rules()


def test_an_edited_copy_changes_the_engine(people_copy):
    text = "镇人大代表李春生同老伙计们一起巡河，李春生坦言河道干净多了。"
    before = [(text[m.start:m.end], m.source) for m in PeopleDetector(roles=False)(text, [], [])]
    assert ("李春生", "title") in before
    _edit(people_copy, lambda d: d["terms"].update(daibiao="代表X"))
    resources.set_component_dir("people", people_copy)
    assert rules().terms.daibiao == "代表X"
    resources.set_component_dir("people", None)
    assert rules().terms.daibiao == "代表"
