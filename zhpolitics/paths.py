"""Where trained artifacts live: the one model resolver of the pipeline.

Models are built by the recipes in :mod:`zhpolitics.training` into the repository's
``models/`` folder.  A wheel ships that folder as ``zhpolitics/_models`` (see
``setup.py``), and a source checkout (``pip install -e .``) uses ``models/`` directly.
``ZHPOLITICS_MODELS`` points elsewhere (e.g. a shared read-only copy on a cluster).
Nothing is ever downloaded.

Components resolve a model through :func:`require_model` when they are built, so a
missing file is one clear error at load time, never a failure per document.
"""

from __future__ import annotations

import os
from pathlib import Path

#: files each model folder must hold to be usable (checked at load time)
MODEL_FILES: dict[str, tuple[str, ...]] = {
    "slogans": ("model.json", "weights.npz"),
    "actions": ("meta.json", "model.npz", "vectorizer.json"),
    "ner_combiner": ("combiner.json", "weights.npz"),
    "zh_pd98": ("config.cfg", "meta.json"),
    "zh_charner": ("config.cfg", "meta.json"),
    "zh_charner_small": ("config.cfg", "meta.json"),
}


class ModelNotFoundError(FileNotFoundError):
    """A model folder or one of its files is missing (raised when the pipeline loads)."""


def models_dir() -> Path:
    """The folder holding all model folders: env, then the installed copy, then the checkout."""
    env = os.environ.get("ZHPOLITICS_MODELS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for cand in (here / "_models", here.parent / "models"):
        if cand.is_dir():
            return cand
    return here.parent / "models"


def model_source() -> str:
    """Why :func:`models_dir` chose its folder (for ``zhpolitics info``)."""
    if os.environ.get("ZHPOLITICS_MODELS"):
        return "ZHPOLITICS_MODELS"
    md = models_dir()
    return "installed package" if md.name == "_models" else "source checkout"


def model_path(name: str) -> Path:
    """Where model ``name`` would be; it may not exist (see :func:`require_model`)."""
    return models_dir() / name


def missing_files(path: Path | str, name: str | None = None) -> list[str]:
    """The required files absent from a model folder (empty when it is complete)."""
    p = Path(path)
    if not p.is_dir():
        return [str(p)]
    need = MODEL_FILES.get(name or p.name, ())
    return [str(p / f) for f in need if not (p / f).exists()]


def require_model(name: str, path: Path | str | None = None) -> Path:
    """Model ``name`` (at ``path`` or in :func:`models_dir`), or a clear error now.

    Why: the models used to be opened at the first document, so a broken install
    turned every document into an error record while the run exited 0.
    """
    p = Path(path) if path else model_path(name)
    missing = missing_files(p, name)
    if missing:
        raise ModelNotFoundError(
            f"zhpolitics: model {name!r} not found or incomplete at {p} (missing: {', '.join(missing)}). "
            f"Models ship inside the wheel (zhpolitics/_models) or in the checkout's models/ folder; "
            f"set ZHPOLITICS_MODELS to another folder, or rebuild with `zhpolitics train`.")
    return p
