"""The package's face to pip and spaCy: model resolution, load-time errors, saved
pipelines that carry their models and user additions, declared requires/assigns.

The sentences are invented for these tests.  The wheel itself is built and installed
in a clean venv by ``.ci/run`` (too slow for a unit test).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import spacy

import zhpolitics
from zhpolitics import paths
from zhpolitics.paths import ModelNotFoundError

REPO = Path(__file__).resolve().parents[1]
SLOGAN_TEXT = "社区积极推进红色物业建设，居民满意度明显提高。"
TITLE_TEXT = "县人民代表刘志远带头清理河道垃圾。"
CUE_TEXT = "县人大代表王海涛认领了村口的三棵古树。"
TEXTS = [SLOGAN_TEXT, TITLE_TEXT, CUE_TEXT,
         "河北省保定市人大代表王建华主动捐资修建村里的文化广场，积极宣传“绿水青山就是金山银山”理念。"]


def _load(name: str = "rules", **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return zhpolitics.load(name, **kw)


def _with_additions(nlp):
    nlp.get_pipe("zhpolitics_slogans").add(["红色物业"])
    nlp.get_pipe("zhpolitics_deputies").add_titles(["人民代表"])
    nlp.get_pipe("zhpolitics_actions").add_cues([{"cue": "认领", "type": "donate", "weight": 0.9}])
    return nlp


def _recs(nlp, texts=TEXTS):
    return [zhpolitics.to_record(nlp(t)) for t in texts]


# ------------------------------------------------------------------ resolver
def test_models_dir_order(monkeypatch, tmp_path):
    monkeypatch.setenv("ZHPOLITICS_MODELS", str(tmp_path))
    assert paths.models_dir() == tmp_path and paths.model_source() == "ZHPOLITICS_MODELS"
    monkeypatch.delenv("ZHPOLITICS_MODELS")
    assert paths.models_dir() in (REPO / "models", Path(paths.__file__).parent / "_models")


def test_missing_model_is_an_error_at_load_time(monkeypatch, tmp_path):
    monkeypatch.setenv("ZHPOLITICS_MODELS", str(tmp_path))
    with pytest.raises(ModelNotFoundError, match="slogans"):
        _load("rules")
    (tmp_path / "slogans").mkdir()
    with pytest.raises(ModelNotFoundError, match="weights.npz"):
        paths.require_model("slogans")


def test_shipped_models_are_complete():
    for name in ("slogans", "actions"):
        assert paths.missing_files(paths.model_path(name), name) == []


def test_packaging_maps_the_models_folder():
    setup = (REPO / "setup.py").read_text(encoding="utf-8")
    assert '"zhpolitics._models": "models"' in setup and '"zhpolitics._models": ["**/*"]' in setup


# ------------------------------------------------------------------ spaCy citizenship
def test_factories_declare_requires_and_assigns():
    nlp = _load("rules")
    for name in nlp.pipe_names:
        meta = nlp.get_pipe_meta(name)
        assert meta.assigns or meta.requires, name
    problems = nlp.analyze_pipes()["problems"]
    assert not any(problems.values()), problems


def test_enabling_actions_brings_the_deputies():
    nlp = _load("rules", enable=["actions"])
    assert "zhpolitics_deputies" in nlp.pipe_names
    assert zhpolitics.to_record(nlp(CUE_TEXT.replace("认领", "捐建")))["links"]


def test_set_ents_lives_in_the_config():
    nlp = _load("rules")
    assert nlp.config["components"]["zhpolitics_slogans"]["set_ents"] is False
    assert nlp.get_pipe("zhpolitics_slogans").set_ents is False


def test_user_additions_take_effect():
    before = _recs(_load("rules"), TEXTS[:3])
    after = _recs(_with_additions(_load("rules")), TEXTS[:3])
    assert not any(s["label"] == "SLOGAN" for s in before[0]["spans"])
    assert [s["text"] for s in after[0]["spans"] if s["label"] == "SLOGAN"] == ["红色物业"]
    assert not any(s["label"] == "DEPUTY" for s in before[1]["spans"])
    assert [(s["text"], s["level"]) for s in after[1]["spans"] if s["label"] == "DEPUTY"] == [("刘志远", "county")]
    assert before[2]["links"] == []
    assert [(l["action_text"], l["type"]) for l in after[2]["links"]] == [("认领了村口的三棵古树", "donate")]


def test_resource_dir_in_the_config(tmp_path):
    (tmp_path / "slogans.txt").write_text("# mine\n红色物业\n", encoding="utf-8")
    (tmp_path / "titles.txt").write_text("人民代表\n", encoding="utf-8")
    (tmp_path / "triggers.tsv").write_text("cue\ttype\tweight\n认领\tdonate\t0.9\n", encoding="utf-8")
    cfg = {c: {"resource_dir": str(tmp_path)} for c in ("slogans", "deputies", "actions")}
    assert _recs(_load("rules", config=cfg)) == _recs(_with_additions(_load("rules")))


_CHILD = """
import json, os, sys, warnings
from pathlib import Path
warnings.simplefilter("ignore")
import spacy, zhpolitics, zhpolitics.resources as res
# the package's rule files renamed away: ZHPOLITICS_RESOURCES (set by the parent) is an
# empty folder, and the package folder the resolver falls back to is one too
res.PACKAGE_DIR = Path(os.environ["ZHPOLITICS_RESOURCES"])
if sys.argv[1] == "fresh":
    zhpolitics.load("rules")
    raise SystemExit("loaded without rule files")
nlp = spacy.load(sys.argv[1])
print(json.dumps({"file": zhpolitics.__file__,
                  "records": [zhpolitics.to_record(nlp(t)) for t in json.loads(sys.argv[2])]}, ensure_ascii=False))
"""
#: every label (PERSON from a byline and a named resident), place codes, links
SAVED_TEXTS = TEXTS + ["本报记者 李文涛\n昨天，清河镇人大代表赵春梅走访了独居老人孙德福，镇长周国强陪同。"]


def _child(arg: str, tmp_path: Path, texts: list[str] = SAVED_TEXTS) -> subprocess.CompletedProcess:
    """A fresh process where neither the models nor the package's rule files can be found."""
    (tmp_path / "no-rules").mkdir(exist_ok=True)
    env = dict(os.environ, ZHPOLITICS_MODELS=str(tmp_path / "renamed-away"),
               ZHPOLITICS_RESOURCES=str(tmp_path / "no-rules"))
    return subprocess.run([sys.executable, "-c", _CHILD, arg, json.dumps(texts, ensure_ascii=False)],
                          env=env, capture_output=True, text=True, cwd=tmp_path, timeout=600)


def test_saved_pipeline_carries_its_models_rules_and_additions(tmp_path):
    """to_disk → spacy.load in a fresh process with the models folder and the package's
    rule files renamed away: identical records, so the components carry both."""
    nlp = _with_additions(_load("default"))
    want = _recs(nlp, SAVED_TEXTS)
    labels = {s["label"] for r in want for s in r["spans"]}
    assert labels >= {"DEPUTY", "PERSON", "PLACE", "SLOGAN"}, labels
    assert any(s.get("code") for r in want for s in r["spans"]) and all(r["links"] for r in want[2:])
    nlp.to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe" / "zhpolitics_deputies" / "rules" / "people" / "deputy_titles.json").is_file()
    out = _child(str(tmp_path / "pipe"), tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout)["records"] == want
    # and in that environment a pipeline without the copies cannot load: the test can fail
    fresh = _child("fresh", tmp_path)
    assert fresh.returncode != 0 and "ResourceError" in fresh.stderr, fresh.stderr[-2000:]


def test_saved_pipeline_without_models_fails_without_them(tmp_path):
    env = dict(os.environ, ZHPOLITICS_MODELS=str(tmp_path / "renamed-away"))
    env_check = subprocess.run([sys.executable, "-c", "import zhpolitics; zhpolitics.load('rules')"],
                               env=env, capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert env_check.returncode != 0 and "ModelNotFoundError" in env_check.stderr


def _rules_copy_with_cue(tmp_path: Path) -> Path:
    """A full copy of the package's rule files whose action triggers also list 认领."""
    import shutil

    from zhpolitics import resources

    root = tmp_path / "my-rules"
    shutil.copytree(resources.PACKAGE_DIR, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    with open(root / "actions" / "triggers.tsv", "a", encoding="utf-8") as fh:
        fh.write("认领\tdonate\t0.9\n")
    return root


def test_two_pipelines_with_different_rules_in_one_process(monkeypatch, tmp_path):
    """Caches are keyed by folder and each component reads its own: a pipeline built on
    an edited copy of the rules and one built on the package's do not leak into each other."""
    monkeypatch.setenv("ZHPOLITICS_RESOURCES", str(_rules_copy_with_cue(tmp_path)))
    mine = _load("rules")
    monkeypatch.delenv("ZHPOLITICS_RESOURCES")
    package = _load("rules")
    linked = [(l["action_text"], l["type"]) for l in _recs(mine, [CUE_TEXT])[0]["links"]]
    assert linked == [("认领了村口的三棵古树", "donate")]
    assert _recs(package, [CUE_TEXT])[0]["links"] == []
    assert [(l["action_text"], l["type"]) for l in _recs(mine, [CUE_TEXT])[0]["links"]] == linked
    mine.to_disk(tmp_path / "pipe")  # the edited rules travel with it
    assert _recs(spacy.load(tmp_path / "pipe"), [CUE_TEXT])[0]["links"] == _recs(mine, [CUE_TEXT])[0]["links"]


def test_info_shows_where_rules_are_read_from(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from zhpolitics.cli import main

    assert any(ln.split()[:2] == ["people", "package"] for ln in CliRunner().invoke(main, ["info"]).output.splitlines())
    monkeypatch.setenv("ZHPOLITICS_RESOURCES", str(tmp_path))
    res = CliRunner().invoke(main, ["info"])
    assert res.exit_code == 1
    assert any(ln.split()[:2] == ["people", "ZHPOLITICS_RESOURCES"] and ln.endswith("MISSING")
               for ln in res.output.splitlines())
    assert "ResourceError" in res.output


def test_info_reports_missing_models(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from zhpolitics.cli import main

    monkeypatch.setenv("ZHPOLITICS_MODELS", str(tmp_path))
    res = CliRunner().invoke(main, ["info"])
    assert res.exit_code == 1
    assert "MISSING" in res.output and "ModelNotFoundError" in res.output
