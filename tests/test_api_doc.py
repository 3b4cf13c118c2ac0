"""docs/api.md lists every extension attribute with a type and a meaning (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

from zhpolitics import extensions

API = Path(__file__).resolve().parents[1] / "docs" / "api.md"


def _rows(prefix: str) -> dict[str, list[str]]:
    rows = {}
    for line in API.read_text("utf-8").splitlines():
        m = re.match(rf"\| `{re.escape(prefix)}(\w+)` \|(.*)\|\s*$", line)
        if m:
            rows[m.group(1)] = [c.strip() for c in m.group(2).split("|")]
    return rows


def test_every_doc_attribute_documented():
    rows = _rows("doc._.")
    for name in extensions._DOC_ATTRS:
        assert name in rows, f"doc._.{name} is not in docs/api.md"
        typ, meaning = rows[name]
        assert typ and len(meaning) > 20, name


def test_every_span_attribute_documented():
    rows = _rows("span._.")
    for name in extensions._SPAN_ATTRS:
        assert name in rows, f"span._.{name} is not in docs/api.md"
        typ, meaning = rows[name]
        assert typ and len(meaning) > 20, name
