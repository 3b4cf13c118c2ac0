"""load(): composition, switches, serialisation round trip."""

from __future__ import annotations

import warnings

import pytest
import spacy

import zhpolitics


def test_load_default_has_all_components():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp = zhpolitics.load()
    assert nlp.lang == "zh"
    assert nlp.pipe_names == ["zhpolitics_context", "zhpolitics_boilerplate", "zhpolitics_statistical", "zhpolitics_places",
                              "zhpolitics_deputies", "zhpolitics_persons", "zhpolitics_slogans", "zhpolitics_actions"]


def test_enable_disable():
    nlp = zhpolitics.load("rules", disable=["actions", "slogans"])
    assert "zhpolitics_actions" not in nlp.pipe_names and "zhpolitics_slogans" not in nlp.pipe_names
    nlp = zhpolitics.load("rules", enable=["places"])
    assert nlp.pipe_names == ["zhpolitics_context", "zhpolitics_boilerplate", "zhpolitics_places"]
    with pytest.raises(ValueError):
        zhpolitics.load("rules", enable=["nonsense"])
    with pytest.raises(ValueError):
        zhpolitics.load("turbo")


def test_to_disk_and_spacy_load_round_trip(tmp_path, nlp):
    nlp.to_disk(tmp_path / "pipe")
    nlp2 = spacy.load(tmp_path / "pipe")
    assert nlp2.pipe_names == nlp.pipe_names
    text = "区人大代表许文华走访了选民。"
    assert [(e.text, e.label_) for e in nlp2(text).ents] == [(e.text, e.label_) for e in nlp(text).ents]


def test_components_read_no_rules_before_initialize(monkeypatch, tmp_path):
    """spacy.load builds components from the config before from_disk hands them their rule
    copies, so construction (and user additions) must not read rule files; initialize does."""
    from zhpolitics.pipeline import COMPONENTS
    from zhpolitics.resources import ResourceError

    monkeypatch.setenv("ZHPOLITICS_RESOURCES", str(tmp_path))  # an empty tree: every rule file is missing
    nlp = spacy.blank("zh")
    for name in COMPONENTS:
        if name != "zhpolitics_statistical":
            nlp.add_pipe(name)
    nlp.get_pipe("zhpolitics_slogans").add(["红色物业"])
    nlp.get_pipe("zhpolitics_deputies").add_titles(["人民代表"])
    nlp.get_pipe("zhpolitics_actions").add_cues([{"cue": "认领", "type": "donate", "weight": 0.9}])
    with pytest.raises(ResourceError, match="not found"):
        nlp.get_pipe("zhpolitics_deputies").initialize(nlp=nlp)


def test_saved_rules_are_the_components_own(tmp_path, nlp):
    """Each component writes the rule folders it reads next to its models."""
    nlp.to_disk(tmp_path / "pipe")
    for comp, folder, name in [("zhpolitics_boilerplate", "boilerplate", "markers.json"),
                               ("zhpolitics_places", "places", "rules.json"),
                               ("zhpolitics_deputies", "people", "deputy_titles.json"),
                               ("zhpolitics_persons", "people", "surnames.txt"),
                               ("zhpolitics_slogans", "slogans", "lexicon.tsv"),
                               ("zhpolitics_actions", "actions", "triggers.tsv")]:
        assert (tmp_path / "pipe" / comp / "rules" / folder / name).is_file(), (comp, name)
