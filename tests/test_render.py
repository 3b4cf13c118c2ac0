"""The HTML view (zhpolitics/view.py): escaping, attributes, links under their sentence,
records from an extract run, and the same page opened in a real headless browser.

All sentences are invented for these tests.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

import zhpolitics
from zhpolitics.cli import main
from zhpolitics.view import is_records_file, render

TEXT = ("江西省赣州市南康区人大代表刘春华、罗小明走访<b>选民</b>&amp;，为孤寡老人协调办理了低保手续。"
        "刘春华说：“<script>alert(1)</script>”\n\n"
        "“我为群众办实事”活动在全区持续开展。（记者 陈一鸣）")


def _at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def _span(word: str, label: str, nth: int = 0, **attrs) -> dict:
    s, e = _at(word, nth)
    return {"start": s, "end": e, "label": label, "text": word, **attrs}


def make_record() -> dict:
    """An invented record in the format of ``extract`` output (offsets computed, not typed)."""
    first = TEXT.index("。") + 1
    spans = [
        _span("江西省", "PLACE", level="province", code="360000", path=["360000"]),
        _span("赣州市", "PLACE", level="city", code="360700", path=["360000", "360700"]),
        _span("南康区", "PLACE", level="county", code="360703", path=["360000", "360700", "360703"]),
        _span("刘春华", "DEPUTY", level="county", person=0),
        _span("罗小明", "DEPUTY", level="county", person=1),
        _span("刘春华", "DEPUTY", 1, level="county", person=0),
        _span("我为群众办实事", "SLOGAN", canonical="我为群众办实事"),
        _span("陈一鸣", "PERSON", person=2),
    ]
    act1, act2 = _at("走访<b>选民</b>&amp;"), _at("为孤寡老人协调办理了低保手续")
    links = []
    for dep in (_at("刘春华"), _at("罗小明")):
        links.append({"deputy": list(dep), "action": list(act1), "type": "contact", "probability": 0.91,
                      "sentence": [0, first]})
    links.append({"deputy": list(_at("刘春华")), "action": list(act2), "type": "assist", "probability": 0.64,
                  "sentence": [0, first], "place": None})
    people = [{"id": 0, "name": "刘春华", "role": "deputy", "level": "county", "mentions": [list(_at("刘春华"))]}]
    return {"id": 'doc"><img src=x onerror=alert(2)>', "title": "区人大代表<i>走访</i>", "text": TEXT,
            "spans": spans, "links": links, "people": people}


NAMES = {"360000": "江西省", "360700": "赣州市", "360703": "南康区"}


class DomReader(HTMLParser):
    """Marks (with their text), link lines and the article text (link lists left out)."""

    VOID = ("meta", "br", "img", "link", "input")

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict] = []
        self.links: list[dict] = []
        self.body: dict = {}
        self.text: list[str] = []
        self._stack: list[dict] = []
        self._open: list[dict] = []

    def _inside(self, cls: str) -> bool:
        return any(cls in (a.get("class") or "").split() for a in self._stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.body = a
        if tag in self.VOID:
            return
        if tag == "mark" and not self._inside("zhp-links"):
            a["_text"] = ""
            self.marks.append(a)
            self._open.append(a)
        if tag == "li" and "zhp-link" in (a.get("class") or "").split():
            self.links.append(a)
        self._stack.append(a)

    def handle_endtag(self, tag):
        if tag in self.VOID or not self._stack:
            return
        a = self._stack.pop()
        if self._open and a is self._open[-1]:
            self._open.pop()

    def handle_data(self, data):
        if self._inside("zhp-text") and not self._inside("zhp-links"):
            self.text.append(data)
            for m in self._open:
                m["_text"] += data


def read_dom(html: str) -> DomReader:
    r = DomReader()
    r.feed(html)
    return r


def test_text_and_attributes_survive_escaping():
    page = render(make_record(), place_names=NAMES)
    assert "<script>alert(1)" not in page and "<img src=x" not in page and "<b>选民" not in page
    dom = read_dom(page)
    assert "".join(dom.text) == TEXT  # every character back, markup shown as text
    rec = make_record()
    assert [(int(m["data-start"]), int(m["data-end"]), m["data-label"]) for m in dom.marks] == \
        [(s["start"], s["end"], s["label"]) for s in rec["spans"]]
    assert [m["_text"] for m in dom.marks] == [s["text"] for s in rec["spans"]]
    deputies = [m for m in dom.marks if m["data-label"] == "DEPUTY"]
    assert {m["data-level"] for m in deputies} == {"county"} and deputies[0]["data-badge"] == "DEPUTY·county"
    county = next(m for m in dom.marks if m.get("data-code") == "360703")
    assert county["data-path"] == "360000 360700 360703"
    assert "江西省 › 赣州市 › 南康区" in county["title"] and "360703" in county["title"]


def test_links_are_listed_under_their_sentence():
    rec = make_record()
    page = render(rec, place_names=False)
    dom = read_dom(page)
    assert [(l["data-type"], l["data-probability"]) for l in dom.links] == \
        [("contact", "0.910"), ("contact", "0.910"), ("assist", "0.640")]
    assert [l["data-deputy"] for l in dom.links] == [",".join(map(str, l["deputy"])) for l in rec["links"]]
    body = page[page.index('class="zhp-text"'):]
    second_sentence = body.index(f'data-start="{_at("刘春华", 1)[0]}"')
    assert body.index("。") < body.index('<ul class="zhp-links">') < second_sentence
    assert body.count('<ul class="zhp-links">') == 1  # the second sentence has no link
    # a deputy mark names the links it is the agent of
    marks = {(m["data-start"], m.get("data-links")) for m in dom.marks if m["data-label"] == "DEPUTY"}
    s1, s2 = _at("刘春华"), _at("罗小明")
    assert (str(s1[0]), "0 2") in marks and (str(s2[0]), "1") in marks


def test_gold_record_without_probability_or_sentence():
    rec = make_record()
    for l in rec["links"]:
        l.pop("probability"), l.pop("sentence")
    for s in rec["spans"]:
        s.pop("text"), s.pop("path", None)
    page = render(rec, place_names=NAMES)
    dom = read_dom(page)
    assert len(dom.links) == 3 and all("data-probability" not in l for l in dom.links)
    assert 'class="zhp-prob"' not in page  # no empty probability bar
    county = next(m for m in dom.marks if m.get("data-code") == "360703")
    assert county["data-path-names"] == "江西省 › 赣州市 › 南康区"  # path read off the code
    body = page[page.index('class="zhp-text"'):]
    second_sentence = body.index(f'data-start="{_at("刘春华", 1)[0]}"')
    assert body.index("。") < body.index('<ul class="zhp-links">') < second_sentence


def test_nested_span_is_shown_and_crossing_span_counted():
    rec = make_record()
    rec["spans"].append(_span("群众", "PLACE", level="county"))  # inside the slogan
    s, _e = _at("办实事")
    rec["spans"].append({"start": s, "end": s + 5, "label": "PERSON"})  # crosses the slogan's end
    dom = read_dom(render(rec, place_names=False))
    labels = [(m["data-label"], m["_text"]) for m in dom.marks]
    assert ("SLOGAN", "我为群众办实事") in labels and ("PLACE", "群众") in labels
    assert len(dom.marks) == len(rec["spans"]) - 1
    assert "".join(dom.text) == TEXT


def test_error_and_textless_records_and_bad_offsets():
    bad = make_record()
    bad["spans"].append({"start": 5, "end": 999, "label": "PLACE"})
    bad["links"].append({"deputy": [0, 3], "action": "nonsense", "type": "other"})
    page = render([{"id": "e1", "error": "could not decode <bytes>"}, {"id": "t1", "spans": [], "links": []}, bad],
                  place_names=False)
    assert "could not decode &lt;bytes&gt;" in page and "no text" in page
    assert len(read_dom(page).links) == 3
    assert render([make_record()] * 3, limit=2, place_names=False).count('<article class="zhp-doc"') == 2


def test_page_is_self_contained():
    page = render(make_record(), place_names=False)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page


def test_render_doc_equals_render_record(nlp):
    doc = nlp("黑龙江省哈尔滨市道里区人大代表孙丽娟走访选民，为居民协调解决了楼道照明问题。")
    assert render(doc, place_names=False) == render(zhpolitics.to_record(doc), place_names=False)
    assert 'data-label="DEPUTY"' in zhpolitics.render(doc, place_names=False)


def test_show_reads_extract_output_without_rerunning(tmp_path):
    recs = tmp_path / "out.jsonl"
    recs.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [make_record()] * 3) + "\n", "utf-8")
    raw = tmp_path / "raw.jsonl"
    raw.write_text(json.dumps({"id": "x", "text": "一段文字。"}, ensure_ascii=False) + "\n", "utf-8")
    assert is_records_file(recs) and not is_records_file(raw)
    out = tmp_path / "page.html"
    res = CliRunner().invoke(main, ["show", str(recs), "-o", str(out), "--limit", "2"])
    assert res.exit_code == 0, res.output
    page = out.read_text("utf-8")
    assert page.count('<article class="zhp-doc"') == 2 and len(read_dom(page).links) == 6


# ---- a real browser -------------------------------------------------------------------

BROWSER = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)


@pytest.mark.skipif(BROWSER is None, reason="no headless Chromium on this machine (apt-get install chromium)")
def test_page_in_headless_chromium(tmp_path):
    page = tmp_path / "page.html"
    rec = make_record()
    page.write_text(render([rec, rec], place_names=NAMES), encoding="utf-8")
    cmd = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    dom = read_dom(run.stdout)
    assert dom.body.get("data-zhp-ready") == "6"  # the inline script ran under the CSP
    assert "".join(dom.text) == TEXT * 2  # the browser parsed the escaped text back exactly
    assert len(dom.marks) == 2 * len(rec["spans"])
    place = next(m for m in dom.marks if m.get("data-code") == "360700")
    assert place["class"] == "zhp-ent zhp-PLACE" and place["data-path-names"] == "江西省 › 赣州市"
    assert [l["data-type"] for l in dom.links] == ["contact", "contact", "assist"] * 2
    assert "<img" not in run.stdout and "alert(1)</script>" not in run.stdout
