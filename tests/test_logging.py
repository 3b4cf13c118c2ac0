"""Messages reach the user through the ``zhpolitics`` logger (zhpolitics.logs, ``-v``/``--quiet``)."""

from __future__ import annotations

import json
import warnings

from click.testing import CliRunner

from zhpolitics import logs
from zhpolitics.cli import main

MISSING = "zhpolitics: statistical model not found at /nowhere/zh_pd98; running rules only"


def _warn_after_setup(capsys, message: str, filename: str | None = None, **kw) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        logs.setup(**kw)
        if filename is None:
            warnings.warn(message, UserWarning)
        else:
            warnings.showwarning(message, UserWarning, filename, 1)
    return capsys.readouterr().err


def test_zhpolitics_warning_is_one_log_line(capsys):
    err = _warn_after_setup(capsys, MISSING)
    assert err.strip() == "zhpolitics: warning: statistical model not found at /nowhere/zh_pd98; running rules only"


def test_quiet_hides_warnings(capsys):
    assert _warn_after_setup(capsys, MISSING, quiet=True) == ""


def test_third_party_warnings_only_with_verbose(capsys):
    noisy = "/venv/lib/python3.11/site-packages/spacy/util.py"
    assert _warn_after_setup(capsys, "[W095] Model was trained with another spaCy version", noisy) == ""
    err = _warn_after_setup(capsys, "[W095] Model was trained with another spaCy version", noisy, verbose=1)
    assert "zhpolitics: info: UserWarning: [W095]" in err


def test_other_warnings_are_shown(capsys):
    err = _warn_after_setup(capsys, "something odd", "/home/me/myscript.py")
    assert "zhpolitics: warning: UserWarning: something odd" in err


def test_cli_reports_running_rules_only(tmp_path, monkeypatch):
    """No statistical model: the CLI says so (it used to hide it with simplefilter('ignore'))."""
    from conftest import REPO

    models = tmp_path / "models"
    models.mkdir()
    for name in ("actions", "people", "slogans"):
        (models / name).symlink_to(REPO / "models" / name, target_is_directory=True)
    monkeypatch.setenv("ZHPOLITICS_MODELS", str(models))
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "县人大代表王海涛走访了困难群众。", "spans": [], "links": []},
                               ensure_ascii=False) + "\n", "utf-8")
    res = CliRunner().invoke(main, ["evaluate", str(gold)])
    assert "running rules only" in res.output
    res = CliRunner().invoke(main, ["--quiet", "evaluate", str(gold)])
    assert "running rules only" not in res.output and "DEPUTY" in res.output
