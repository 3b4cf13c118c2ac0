"""Resolution check on corpus/places/resolution.jsonl (≥ 200 mentions, ≥ 50 homonyms).

The gold codes there are NBS statistical codes, so the check needs the NBS CSVs
(../shared/data/admin); without them it is skipped with that reason.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import ADMIN, REPO



@pytest.mark.skipif(not (ADMIN / "streets.csv").exists(), reason=f"needs the NBS CSVs in {ADMIN}")
def test_resolution_accuracy():
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench_places import resolution_accuracy

    from zhpolitics.places import PlaceMatcher
    from zhpolitics.places.gazetteer import build

    path = REPO / "corpus" / "places" / "resolution.jsonl"
    n = sum(len(json.loads(l)["spans"]) for l in path.read_text("utf-8").splitlines())
    assert n >= 200
    res = resolution_accuracy(PlaceMatcher(build(ADMIN)), path)
    assert res["homonym_cases"] >= 50
    assert res["accuracy"] >= 0.95, res
    assert res["homonym_accuracy"] >= 0.9, res
