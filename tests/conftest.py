"""Shared fixtures: where the public data is, a private cache, one rules pipeline per session.

Nothing here depends on the machine the tests run on:

* :data:`SHARED` is the ``shared`` folder beside the repository (``../shared``), or
  ``$ZHPOLITICS_SHARED`` when that is set; every test module takes the public data
  (:data:`DATA`, :data:`ADMIN`, :data:`GOLD`) from here, and a test that needs a file
  there skips with a reason when it is absent (:func:`needs_shared`);
* the whole session runs with ``ZHPOLITICS_CACHE`` in a temporary folder and
  ``ZHPOLITICS_ADMIN_DATA`` pinned to :data:`ADMIN` (or to no data when it is absent), so
  neither the user's cache nor a folder saved by ``zhpolitics gazetteer add`` changes
  what the tests see; subprocesses started by tests inherit both.
"""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ZHPOLITICS_SHARED") or REPO.parent / "shared").resolve()
DATA = SHARED / "data"
ADMIN = DATA / "admin"
GOLD = SHARED / "gold"
PD98 = DATA / "pos" / "peoples_daily_199801.txt"


@pytest.fixture(scope="session", autouse=True)
def test_environment(tmp_path_factory):
    """The session's cache folder and admin data (see the module docstring); yields the cache path."""
    cache = tmp_path_factory.mktemp("zhpolitics-cache")
    pinned = {"ZHPOLITICS_CACHE": str(cache), "ZHPOLITICS_ADMIN_DATA": str(ADMIN) if ADMIN.is_dir() else ""}
    saved = {k: os.environ.get(k) for k in pinned}
    os.environ.update(pinned)
    yield cache
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared public data folder (``../shared`` or ``$ZHPOLITICS_SHARED``)."""
    return SHARED


@pytest.fixture(scope="session")
def nlp(test_environment):
    """The rules pipeline, with the session's admin data and cache."""
    import zhpolitics

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "running rules only" is what this fixture asks for
        return zhpolitics.load("rules", admin_data=str(ADMIN) if ADMIN.is_dir() else None)


@pytest.fixture(autouse=True)
def _restore_zhpolitics_logger():
    """A CLI test sets up the ``zhpolitics`` logger (zhpolitics.logs.setup); undo it after each test."""
    log = logging.getLogger("zhpolitics")
    before = (log.level, list(log.handlers), log.propagate)
    yield
    log.setLevel(before[0])
    log.handlers[:] = before[1]
    log.propagate = before[2]


def ents(doc, label=None):
    """[(text, label, level)] of the doc's entities."""
    return [(e.text, e.label_, e._.zhp_level) for e in doc.ents if label is None or e.label_ == label]


def needs_shared(*parts: str):
    """Skip a test when a file of the shared folder is not present on this machine."""
    p = SHARED.joinpath(*parts)
    return pytest.mark.skipif(not p.exists(), reason=f"needs {p} (public data kept beside the repo, or $ZHPOLITICS_SHARED)")
