"""Shared fixtures: one rules pipeline per test session (no statistical models needed)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    import zhpolitics

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return zhpolitics.load("rules")


def ents(doc, label=None):
    """[(text, label, level)] of the doc's entities."""
    return [(e.text, e.label_, e._.zhp_level) for e in doc.ents if label is None or e.label_ == label]


def needs_shared(*parts: str):
    """Skip a test when a file of ../shared is not present on this machine."""
    p = SHARED.joinpath(*parts)
    return pytest.mark.skipif(not p.exists(), reason=f"needs {p} (public data kept beside the repo)")
