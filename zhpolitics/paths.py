"""Where trained artifacts live.

Models are built by the recipes in :mod:`zhpolitics.training` into the repository's
``models/`` folder, which an install from the source tree (``pip install -e .``)
uses directly.  ``ZHPOLITICS_MODELS`` points elsewhere (e.g. a shared read-only copy
on a cluster).  Nothing is ever downloaded.
"""

from __future__ import annotations

import os
from pathlib import Path


def models_dir() -> Path:
    env = os.environ.get("ZHPOLITICS_MODELS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for cand in (here / "_models", here.parent / "models"):
        if cand.is_dir():
            return cand
    return here.parent / "models"


def model_path(name: str) -> Path:
    return models_dir() / name
