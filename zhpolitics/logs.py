"""How zhpolitics speaks to the people who run it: the ``zhpolitics`` logger.

The library reports what a user should know ("statistical model not found …; running
rules only", an unsafe cache file) with :func:`warnings.warn`, the Python convention for
a library: a program that imports zhpolitics sees the warnings and filters them as it
likes.  The command line calls :func:`setup` once; from then on those warnings reach the
``zhpolitics`` logger and are printed one line each on stderr
(``zhpolitics: warning: … running rules only``), and ``-v`` / ``--quiet`` choose how
much is shown:

* ``--quiet``: errors only;
* default: warnings (zhpolitics' own, and any warning from code not listed below);
* ``-v``: also notes on what is being done (which pipeline is loaded) and the warnings
  raised inside the third-party libraries of :data:`THIRD_PARTY`;
* ``-vv``: debug notes, and those libraries' own loggers at their own levels.

Third-party noise is kept down in a targeted way, not by ignoring every warning: only
warnings raised from inside the libraries named in :data:`THIRD_PARTY` are moved to the
``zhpolitics.third_party`` logger at INFO (shown with ``-v``), and only those libraries'
loggers are held at WARNING (ERROR under ``--quiet``).
"""

from __future__ import annotations

import logging
import warnings
from pathlib import PurePath

logger = logging.getLogger("zhpolitics")

#: libraries whose warnings and log chatter are noise for a user of the command line
THIRD_PARTY = ("spacy", "spacy_pkuseg", "thinc", "torch", "transformers", "hanlp", "hanlp_common",
               "dask", "distributed", "opencc", "jieba", "tqdm")

_PREFIX = "zhpolitics: "


class _EchoHandler(logging.Handler):
    """One line per record on the *current* stderr (click's, so test runners capture it)."""

    def emit(self, record: logging.LogRecord) -> None:
        import click

        try:
            click.echo(self.format(record), err=True)
        except Exception:  # pragma: no cover - logging must never break a run
            self.handleError(record)


class _Format(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"zhpolitics: {record.levelname.lower()}: {record.getMessage()}"


def level_for(verbose: int = 0, quiet: bool = False) -> int:
    """The ``zhpolitics`` logger's level for ``-v`` given ``verbose`` times, or ``--quiet``."""
    if quiet:
        return logging.ERROR
    return {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)


def _third_party(filename: str) -> bool:
    parts = PurePath(filename).parts
    return any(p in THIRD_PARTY for p in parts[:-1]) or PurePath(filename).stem in THIRD_PARTY


def show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A :data:`warnings.showwarning` that logs instead of printing (see the module docstring)."""
    text = str(message)
    if text.startswith(_PREFIX):
        logger.warning(text[len(_PREFIX):])
    elif _third_party(filename):
        logging.getLogger("zhpolitics.third_party").info("%s: %s (%s:%s)", category.__name__, text, filename, lineno)
    else:
        logger.warning("%s: %s (%s:%s)", category.__name__, text, filename, lineno)


def setup(verbose: int = 0, quiet: bool = False) -> None:
    """Send zhpolitics' messages and warnings to stderr at the level ``-v``/``--quiet`` ask for.

    Called again (another command in the same process), it replaces its own handler."""
    level = level_for(verbose, quiet)
    logger.setLevel(level)
    for h in [h for h in logger.handlers if isinstance(h, _EchoHandler)]:
        logger.removeHandler(h)
    handler = _EchoHandler()
    handler.setFormatter(_Format())
    logger.addHandler(handler)
    logger.propagate = False
    for name in THIRD_PARTY:
        logging.getLogger(name).setLevel(logging.NOTSET if verbose >= 2 else max(level, logging.WARNING))
    warnings.showwarning = show_warning
