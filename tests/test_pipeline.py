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
