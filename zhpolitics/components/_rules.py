"""The rule folders a component reads, carried by ``to_disk`` and re-pointed by ``from_disk``.

Why: a saved pipeline must work where the package's ``zhpolitics/resources`` files are
unreachable (another version installed, ``ZHPOLITICS_RESOURCES`` elsewhere), the way a
spaCy ``span_ruler`` carries its patterns.  Each component names the resource folders
its engines read (``people``, ``slogans`` …); ``to_disk`` copies them to
``<component dir>/rules/<folder>/``, ``from_disk`` points the component at the copies.

How the engines find the copies: every engine reads rules through
:mod:`zhpolitics.resources`, whose caches are keyed by the folder, and the component
runs its engine work inside :func:`zhpolitics.resources.using` (a context variable,
so two pipelines with different rules in one process, or in two threads, each read
their own).  Limits: an engine object built by hand outside a component reads the
folders active where it is called; work a component hands to another thread must
re-enter :meth:`RuleFolders.active` there.
"""

from __future__ import annotations

import functools
import shutil
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Callable, TypeVar

from ..resources import component_dir, using

_F = TypeVar("_F", bound=Callable[..., Any])
RULES_DIR = "rules"


class RuleFolders:
    """Which rule folders one component reads, and where from (resolved at first use)."""

    def __init__(self, components: tuple[str, ...]):
        self.components = components
        self._dirs: dict[str, Path] | None = None

    def dirs(self) -> dict[str, Path]:
        """Folder per resource component; fixed the first time the engines need it, so a
        pipeline keeps reading the rules it was built with."""
        if self._dirs is None:
            self._dirs = {c: component_dir(c) for c in self.components}
        return self._dirs

    def active(self) -> AbstractContextManager[None]:
        """Make this component's folders the ones :mod:`zhpolitics.resources` reads."""
        return using(self.dirs())

    def to_disk(self, path: str | Path) -> None:
        """Copy each folder to ``path/rules/<name>`` (rule files only: no Python caches)."""
        for name, src in self.dirs().items():
            dst = Path(path) / RULES_DIR / name
            if dst.exists() and dst.resolve() == Path(src).resolve():
                continue  # saved over the folder it was loaded from
            if dst.exists():
                shutil.rmtree(dst)
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "__init__.py"))

    def from_disk(self, path: str | Path) -> None:
        """Read the copies in ``path/rules`` from now on (a pipeline saved before rules
        travelled has none: it keeps the package's)."""
        saved = Path(path) / RULES_DIR
        if saved.is_dir():
            self._dirs = {c: saved / c for c in self.components}


def with_rules(method: _F) -> _F:
    """Run a component method with the component's rule folders active (``self.rules``)."""
    @functools.wraps(method)
    def wrapper(self, *args: Any, **kwargs: Any) -> Any:
        with self.rules.active():
            return method(self, *args, **kwargs)
    return wrapper  # type: ignore[return-value]
