"""The one door to the rule files in ``zhpolitics/resources/<component>/``.

Why one door: rules used to be read in several ways (``importlib.resources``, paths
built from ``__file__``), so a pipeline saved with ``nlp.to_disk()`` could not carry
its rules, and a user could not point one component at an edited copy.  Every engine
now reads its files through :func:`read_text` / :func:`path`, which look in

1. the folder set for that component with :func:`set_component_dir` (a saved
   pipeline's ``from_disk`` sets it to the copy it carries),
2. the folder named by ``ZHPOLITICS_RESOURCES`` (a whole resources tree, one
   sub-folder per component: ``people/``, ``places/`` ...),
3. the files shipped in the package.

Engines cache what they parse **per folder** (pass :func:`component_dir` to an
``lru_cache``-d loader), so two pipelines with different rules live side by side.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent

#: component name -> folder chosen at run time (see :func:`set_component_dir`)
_OVERRIDES: dict[str, Path] = {}


class ResourceError(ValueError):
    """A rule file is missing or malformed; the message names the file (and line)."""


def component_dir(component: str) -> Path:
    """The folder the rule files of ``component`` are read from now."""
    if component in _OVERRIDES:
        return _OVERRIDES[component]
    env = os.environ.get("ZHPOLITICS_RESOURCES")
    if env:
        return Path(env) / component
    return PACKAGE_DIR / component


def package_dir(component: str) -> Path:
    """The folder shipped in the package for ``component`` (ignores overrides)."""
    return PACKAGE_DIR / component


def set_component_dir(component: str, folder: str | Path | None) -> None:
    """Read ``component``'s rules from ``folder`` from now on (``None`` restores the default).

    Engines key their caches by folder, so the change takes effect for every engine
    built or called afterwards in this process.
    """
    if folder is None:
        _OVERRIDES.pop(component, None)
    else:
        _OVERRIDES[component] = Path(folder)


def path(component: str, name: str) -> Path:
    """The file ``name`` of ``component``, or a :class:`ResourceError` saying where it was sought."""
    p = component_dir(component) / name
    if not p.exists():
        raise ResourceError(
            f"zhpolitics: rule file {name!r} of component {component!r} not found at {p}. "
            f"Reinstall the package, or unset ZHPOLITICS_RESOURCES / point it at a full copy "
            f"of zhpolitics/resources.")
    return p


def read_text(component: str, name: str) -> str:
    """The UTF-8 text of rule file ``name`` of ``component``."""
    return path(component, name).read_text(encoding="utf-8")


def read_json(component: str, name: str) -> Any:
    """A JSON rule file, with a parse error that names the file, line and column."""
    p = path(component, name)
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise ResourceError(f"{p}:{e.lineno}:{e.colno}: invalid JSON: {e.msg}") from None


def check_keys(obj: dict, allowed: set[str] | frozenset[str], where: str,
               required: set[str] | frozenset[str] = frozenset()) -> None:
    """Reject unknown or missing keys in one rule object, naming ``where`` (file and entry).

    Why: a typo in a key ("trigers") used to be ignored silently, so the rule never fired.
    """
    if not isinstance(obj, dict):
        raise ResourceError(f"{where}: expected an object, got {type(obj).__name__}")
    unknown = set(obj) - set(allowed)
    if unknown:
        raise ResourceError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
    missing = set(required) - set(obj)
    if missing:
        raise ResourceError(f"{where}: missing key(s) {sorted(missing)}")


def read_lines(component: str, name: str) -> list[tuple[int, str]]:
    """Non-empty, non-comment (``#``) lines of a text rule file, with their 1-based line numbers."""
    out = []
    for i, line in enumerate(read_text(component, name).splitlines(), 1):
        s = line.strip()
        if s and not s.startswith("#"):
            out.append((i, s))
    return out


COMPONENTS: tuple[str, ...] = tuple(
    sorted(p.name for p in PACKAGE_DIR.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
)
