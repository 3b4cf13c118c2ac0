"""The one door to the rule files in ``zhpolitics/resources/<component>/``.

Why one door: rules used to be read in several ways (``importlib.resources``, paths
built from ``__file__``), so a pipeline saved with ``nlp.to_disk()`` could not carry
its rules, and a user could not point one component at an edited copy.  Every engine
now reads its files through :func:`read_text` / :func:`path`, which look in

1. the folders a pipeline component makes active while it works (:func:`using`; a
   saved pipeline's components activate the copies they carry, see
   ``zhpolitics/components/_rules.py``),
2. the folder set for that component with :func:`set_component_dir` (process-wide),
3. the folder named by ``ZHPOLITICS_RESOURCES`` (a whole resources tree, one
   sub-folder per component: ``people/``, ``places/`` ...),
4. the files shipped in the package.

Engines cache what they parse **per folder** (decorate a loader with
:func:`cached`, which keys its cache by :func:`component_dir`), so two pipelines with
different rules live side by side in one process.  :func:`using` sets a context
variable, so it holds per thread (and per asyncio task), not process-wide.
"""

from __future__ import annotations

import functools
import json
import os
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, TypeVar

PACKAGE_DIR = Path(__file__).resolve().parent

#: component name -> folder chosen at run time (see :func:`set_component_dir`)
_OVERRIDES: dict[str, Path] = {}
#: component name -> folder, active inside :func:`using` (per thread / task)
_ACTIVE: ContextVar[Mapping[str, Path]] = ContextVar("zhpolitics_rule_dirs", default={})
_F = TypeVar("_F", bound=Callable[..., Any])


class ResourceError(ValueError):
    """A rule file is missing or malformed; the message names the file (and line)."""


def component_dir(component: str) -> Path:
    """The folder the rule files of ``component`` are read from now."""
    active = _ACTIVE.get()
    if component in active:
        return active[component]
    if component in _OVERRIDES:
        return _OVERRIDES[component]
    env = os.environ.get("ZHPOLITICS_RESOURCES")
    if env:
        return Path(env) / component
    return PACKAGE_DIR / component


def source(component: str) -> str:
    """Where :func:`component_dir` finds ``component`` now, in words (for ``zhpolitics info``)."""
    if component in _ACTIVE.get():
        return "pipeline copy"
    if component in _OVERRIDES:
        return "override (set_component_dir)"
    if os.environ.get("ZHPOLITICS_RESOURCES"):
        return "ZHPOLITICS_RESOURCES"
    return "package"


@contextmanager
def using(dirs: Mapping[str, str | Path]) -> Iterator[None]:
    """Read the rules of the named components from ``dirs`` inside the ``with`` block.

    Why: a component loaded from a saved pipeline carries copies of its rule folders and
    must read those, while another pipeline in the same process keeps its own.  A context
    variable (not the process-wide :func:`set_component_dir`) gives exactly that.
    """
    new = {c: d if isinstance(d, Path) else Path(d) for c, d in dirs.items()}
    outer = _ACTIVE.get()
    token = _ACTIVE.set({**outer, **new} if outer else new)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def cached(*components: str) -> Callable[[_F], _F]:
    """Cache a loader per folder: the key is the current :func:`component_dir` of each
    of ``components`` plus the call's arguments (which must be hashable).

    Use it instead of ``functools.lru_cache`` on every function whose result depends on
    rule files, including ones derived from another loader, so a second folder never
    sees the first folder's rules.  ``fn.cache_clear()`` empties it.
    """
    def deco(fn: _F) -> _F:
        store: dict[tuple, Any] = {}

        @functools.wraps(fn)
        def wrapper(*args: Any) -> Any:
            active = _ACTIVE.get()  # inlined fast path of component_dir: loaders are called per sentence
            key = (tuple(active[c] if c in active else component_dir(c) for c in components), args)
            try:
                return store[key]
            except KeyError:
                out = store[key] = fn(*args)
                return out

        wrapper.cache_clear = store.clear  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]
    return deco


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


def describe() -> list[str]:
    """One line per rule folder for ``zhpolitics info``: where it is read from now
    (package / ZHPOLITICS_RESOURCES / override), and MISSING when that folder is absent."""
    lines = []
    for c in COMPONENTS:
        d = component_dir(c)
        state = "" if d.is_dir() else "  MISSING"
        lines.append(f"  {c:<12} {source(c):<22} {d}{state}")
    return lines


COMPONENTS: tuple[str, ...] = tuple(
    sorted(p.name for p in PACKAGE_DIR.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
)
