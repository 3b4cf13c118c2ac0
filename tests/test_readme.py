"""The README's Python examples run as doctests (issue 17): what a new user copies works."""

from __future__ import annotations

import doctest
import re
import warnings
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def _pycon_blocks(text: str) -> str:
    return "\n".join(m.group(1) for m in re.finditer(r"```pycon\n(.*?)```", text, flags=re.S))


def test_readme_has_python_examples():
    assert _pycon_blocks(README.read_text("utf-8")).count(">>> ") >= 8


def test_readme_python_examples_run():
    text = _pycon_blocks(README.read_text("utf-8"))
    test = doctest.DocTestParser().get_doctest(text, {}, "README.md", str(README), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0 and result.attempted >= 8, result
