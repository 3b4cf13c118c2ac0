"""Every worked example of docs/extending.md runs here, as it is written in the document.

Each section ("## Add a deputy title" …) runs its ```python blocks in order, in a fresh
namespace with a fresh rules pipeline (the additions change the pipeline, so the
session's shared ``nlp`` fixture is not used).  A section whose addition has no API edits
a copy of the resources tree between its blocks (see :func:`_add_role_word`).
"""

from __future__ import annotations

import re
import shutil
import warnings

import pytest
from conftest import REPO

DOC = REPO / "docs" / "extending.md"
SECTIONS = ["Add a deputy title", "Add a role word", "Add a slogan", "Add an action cue"]


def _blocks(title: str) -> list[str]:
    """The ```python blocks of the section ``## <title>`` (up to the next ``## ``)."""
    text = DOC.read_text("utf-8")
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, flags=re.S | re.M)
    assert m, f"{DOC.name} has no section '## {title}'"
    return re.findall(r"```python\n(.*?)```", m.group(1), flags=re.S)


def _pipeline():
    import zhpolitics

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the rules pipeline: no statistical models, on purpose
        return zhpolitics.load("rules")


def _add_role_word(word: str, tmp_path, monkeypatch) -> None:
    """Stand in for adding ``word`` to ``people/roles.txt``: a copy of the people rules with
    the line added is made the folder the people component reads (zhpolitics.resources);
    while ``people/names.py`` still reads the packaged file directly, its reader is pointed
    at the copy too."""
    from zhpolitics import resources
    from zhpolitics.people import names

    copy = tmp_path / "people"
    shutil.copytree(resources.package_dir("people"), copy)
    with open(copy / "roles.txt", "a", encoding="utf-8") as fh:
        fh.write(f"\n{word}\n")
    monkeypatch.setattr(resources, "_OVERRIDES", dict(resources._OVERRIDES))  # undone after the test
    resources.set_component_dir("people", copy)
    if hasattr(names, "_read"):
        monkeypatch.setattr(names, "_read", lambda name, package=None: (copy / name).read_text("utf-8"))
    _clear_people_caches()


def _clear_people_caches() -> None:
    from zhpolitics.people import names

    for f in vars(names).values():
        if hasattr(f, "cache_clear"):
            f.cache_clear()


@pytest.mark.parametrize("title", SECTIONS)
def test_worked_example(title, tmp_path, monkeypatch):
    blocks = _blocks(title)
    assert blocks, f"section '## {title}' has no python example"
    ns = {"nlp": _pipeline()}
    try:
        for i, code in enumerate(blocks):
            if title == "Add a role word" and i == 1:
                _add_role_word("网格长", tmp_path, monkeypatch)
                ns["nlp"] = _pipeline()  # "in a new session"
            exec(compile(code, f"{DOC.name}: {title}, block {i + 1}", "exec"), ns)
    finally:
        if title == "Add a role word":
            monkeypatch.undo()
            _clear_people_caches()


def test_sections_are_the_documented_ones():
    heads = re.findall(r"^## (.+)$", DOC.read_text("utf-8"), flags=re.M)
    assert heads[:len(SECTIONS)] == SECTIONS
