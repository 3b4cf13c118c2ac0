"""Helpers for components' ``to_disk``/``from_disk``: copy model folders, read and write
plain JSON, and read a user resource folder.

Why: spaCy saves a pipeline by asking each component to write its own folder, and
loads it by handing that folder back.  A zhpolitics component writes there everything
it needs beyond the code (its model weights and its user additions), so a saved
pipeline works without the source checkout's ``models/`` folder.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any


def copy_model(src: Path | str, dst: Path) -> None:
    """Copy a model folder to ``dst`` (replacing it); skips Python caches."""
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def read_json(path: Path, default: Any = None) -> Any:
    if not path.exists():
        return default
    return json.loads(path.read_text(encoding="utf-8"))


def read_lines(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a UTF-8 text file (missing file → [])."""
    if not path.exists():
        return []
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.lstrip().startswith("#")]


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header line (missing file → [])."""
    lines = read_lines(path)
    if not lines:
        return []
    head = lines[0].split("\t")
    return [dict(zip(head, (c.strip() for c in ln.split("\t")))) for ln in lines[1:]]
