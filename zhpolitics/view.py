"""An HTML view of zhpolitics results: look at what the pipeline did before counting it.

:func:`render` turns a processed Doc, a record (the output of
:func:`zhpolitics.to_record`, one line of an ``extract`` JSONL file, or a gold record)
or a list of them into one self-contained HTML page: entities coloured by label, the
congress level on each DEPUTY, code and path of each PLACE on hover, and under each
sentence the deputy → action links it holds, with type and probability.

Why records and not Docs: a researcher inspects a finished run without re-running it,
and the view does not depend on how components store results on the Doc
(``render(doc) == render(to_record(doc))``).

The page loads nothing: the stylesheet (``resources/view/page.css``) and a few lines of
script are inlined, and a Content-Security-Policy forbids any other request.  Every
piece of text or attribute taken from a record is HTML-escaped: records are untrusted.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from . import __version__
from .resources import cached, read_text
from .text import FULL_STOP as SENTENCE_END  # where a sentence ends when a link carries no sentence range
KNOWN_LABELS = ("DEPUTY", "PERSON", "PLACE", "SLOGAN")
_NEWLINES = re.compile(r"(\n+)")

PlaceNames = Callable[[str], "str | None"]

# hover on a link line lights up its deputy and action; ``data-zhp-ready`` tells a
# headless-browser test that the script ran under the page's Content-Security-Policy
_SCRIPT = """
document.querySelectorAll('.zhp-doc').forEach(function (doc) {
  doc.querySelectorAll('.zhp-link').forEach(function (li) {
    var sel = '[data-links~="' + li.dataset.link + '"]';
    function mark(on) { doc.querySelectorAll(sel).forEach(function (el) { el.classList.toggle('zhp-hl', on); }); }
    li.addEventListener('mouseenter', function () { mark(true); });
    li.addEventListener('mouseleave', function () { mark(false); });
  });
});
document.body.dataset.zhpReady = String(document.querySelectorAll('.zhp-link').length);
"""


@cached("view")
def display_names() -> dict[str, dict[str, str]]:
    """Display names of labels, levels and link types (``resources/view/labels.json``)."""
    raw = read_text("view", "labels.json")
    data = json.loads(raw)
    for key in ("labels", "levels", "types"):
        if not isinstance(data.get(key), dict):
            raise ValueError(f"zhpolitics/resources/view/labels.json: '{key}' must be an object")
    return data


@cached("view")
def _css() -> str:
    return read_text("view", "page.css")


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _attrs(pairs: Iterable[tuple[str, Any]]) -> str:
    """` name="value"` for each pair whose value is not None, escaped."""
    return "".join(f' {k}="{_esc(v)}"' for k, v in pairs if v is not None)


def _pair(value: Any, n: int) -> tuple[int, int] | None:
    """A valid ``[start, end]`` range into a text of length ``n``, else None."""
    try:
        s, e = int(value[0]), int(value[1])
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    return (s, e) if 0 <= s < e <= n else None


@dataclass
class _Link:
    """One deputy → action link, with where its line goes in the text."""

    index: int
    deputy: tuple[int, int]
    action: tuple[int, int]
    type: str
    probability: float | None
    place: dict | None
    at: int = 0


@dataclass
class _DocView:
    """Per-document state while one article is written."""

    text: str
    ents: list[dict] = field(default_factory=list)
    links: list[_Link] = field(default_factory=list)
    dropped: int = 0
    place_names: PlaceNames | None = None


def as_record(obj: Any) -> dict:
    """A record from a record (returned as is) or a processed spaCy Doc."""
    if isinstance(obj, Mapping):
        return dict(obj)
    if type(obj).__name__ == "Doc" and hasattr(obj, "spans"):
        from .records import to_record

        return to_record(obj)
    raise TypeError(f"render() takes a Doc or a record dict, not {type(obj).__name__}")


def _entities(record: dict, text: str) -> tuple[list[dict], int]:
    """Valid spans, sorted outer first; a span nested in another is kept (the record may
    hold a PLACE inside a SLOGAN, and the view must show it), one that crosses a kept
    span's edge cannot be drawn and is only counted."""
    spans = []
    for sp in record.get("spans") or []:
        rng = _pair((sp.get("start"), sp.get("end")), len(text)) if isinstance(sp, Mapping) else None
        if rng is not None:
            spans.append((rng[0], -rng[1], dict(sp)))
    spans.sort(key=lambda t: (t[0], t[1]))
    kept: list[dict] = []
    for s, neg_e, sp in spans:
        e = -neg_e
        if any(k["start"] < s < k["end"] < e or (k["start"], k["end"]) == (s, e) for k in kept):
            continue
        sp["start"], sp["end"] = s, e
        kept.append(sp)
    return kept, len(spans) - len(kept)


def _break_after(text: str, pos: int, ents: list[dict]) -> int:
    """The first place at or after ``pos`` that is outside every entity, past line ends."""
    for e in ents:
        if e["start"] < pos < e["end"]:
            pos = e["end"]
    while pos < len(text) and text[pos] == "\n":
        pos += 1
    return pos


def _links(record: dict, text: str, ents: list[dict]) -> list[_Link]:
    """The record's links with valid offsets; each is listed after its sentence."""
    out: list[_Link] = []
    for raw in record.get("links") or []:
        if not isinstance(raw, Mapping):
            continue
        dep, act = _pair(raw.get("deputy"), len(text)), _pair(raw.get("action"), len(text))
        if dep is None or act is None:
            continue
        prob = raw.get("probability")
        link = _Link(len(out), dep, act, str(raw.get("type") or "other"),
                     float(prob) if isinstance(prob, (int, float)) else None,
                     raw.get("place") if isinstance(raw.get("place"), Mapping) else None)
        sent = _pair(raw.get("sentence"), len(text))
        end = max(sent[1] if sent else 0, act[1])
        if sent is None:
            while end < len(text) and text[end - 1] not in SENTENCE_END:
                end += 1
        link.at = _break_after(text, end, ents)
        out.append(link)
    return out


def _code_path(code: str, names: PlaceNames | None) -> list[str]:
    """Ancestor codes read off a statistical code (2/4/6/9 digits), for records without a
    ``path`` (gold files): only those the gazetteer knows, then the code itself."""
    if not names or not code.isdigit() or len(code) not in (6, 9, 12):
        return [code] if code else []
    heads = [code[:2] + "0000", code[:4] + "00", code[:6], code[:9]]
    ancestors = [c for c in dict.fromkeys(h for h in heads if len(h) <= len(code)) if c != code and names(c)]
    return ancestors + [code]


def _place_path(ent: dict, names: PlaceNames | None) -> list[str]:
    """The PLACE's ancestors, province first, as names where known (codes otherwise)."""
    path = [str(c) for c in ent.get("path") or [] if c] or _code_path(str(ent.get("code") or ""), names)
    out = []
    for i, code in enumerate(path):
        name = names(code) if names else None
        if name is None and i == len(path) - 1:
            name = ent.get("text")
        out.append(name or code)
    return out


def _ent_title(ent: dict, label: str, path: list[str]) -> str:
    """The hover text of an entity: label, level, code, path, canonical form."""
    parts = [label]
    for key in ("level", "code"):
        if ent.get(key):
            parts.append(str(ent[key]))
    if path:
        parts.append(" › ".join(path))
    if isinstance(ent.get("confidence"), (int, float)):
        parts.append(f"confidence {ent['confidence']:.2f}")
    if label == "SLOGAN" and ent.get("canonical") and ent.get("canonical") != ent.get("text"):
        parts.append(f"canonical {ent['canonical']}")
    return " · ".join(parts)


def _ent_open(ent: dict, view: _DocView) -> str:
    """The opening ``<mark>`` of an entity with its attributes (its text follows)."""
    label = str(ent.get("label") or "?")
    ent.setdefault("text", view.text[ent["start"]:ent["end"]])
    path = _place_path(ent, view.place_names) if label == "PLACE" else []
    badge = f"{label}·{ent['level']}" if label == "DEPUTY" and ent.get("level") else label
    links = [str(l.index) for l in view.links if l.deputy == (ent["start"], ent["end"])]
    css = f"zhp-ent zhp-{label}" if label in KNOWN_LABELS else "zhp-ent"
    return "<mark" + _attrs([
        ("class", css), ("data-label", label), ("data-start", ent["start"]), ("data-end", ent["end"]),
        ("data-level", ent.get("level")), ("data-code", ent.get("code")),
        ("data-path", " ".join(str(c) for c in ent.get("path") or []) or None),
        ("data-path-names", " › ".join(path) or None), ("data-canonical", ent.get("canonical")),
        ("data-person", ent.get("person")), ("data-links", " ".join(links) or None),
        ("data-badge", badge), ("title", _ent_title(ent, label, path)),
    ]) + ">"


def _type_class(kind: str) -> str:
    return "zhp-t-" + (kind if kind in display_names()["types"] else "other")


def _act_piece(piece: str, links: list[_Link], view: _DocView) -> str:
    """Text inside one or more actions, underlined in the colour of the first link's type."""
    agents = "、".join(dict.fromkeys(view.text[l.deputy[0]:l.deputy[1]] for l in links))
    kinds = "/".join(dict.fromkeys(l.type for l in links))
    return "<span" + _attrs([
        ("class", f"zhp-act {_type_class(links[0].type)}"), ("data-links", " ".join(str(l.index) for l in links)),
        ("title", f"{agents} → {kinds}"),
    ]) + f">{_esc(piece)}</span>"


def _link_item(link: _Link, view: _DocView) -> str:
    """One ``<li>``: deputy → action, type, probability, place."""
    text = view.text
    dep, act = text[link.deputy[0]:link.deputy[1]], text[link.action[0]:link.action[1]]
    gloss = display_names()["types"].get(link.type, "")
    prob = ""  # gold records carry no probability: nothing to show
    if link.probability is not None:
        width = max(0.0, min(1.0, link.probability)) * 100
        prob = (f'<span class="zhp-prob">p {link.probability:.2f}'
                f'<span class="zhp-bar"><i style="width:{width:.0f}%"></i></span></span>')
    where = ""
    if link.place:
        where = f'<span class="zhp-where">@ {_esc(link.place.get("text") or "")} {_esc(link.place.get("code") or "")}</span>'
    return "<li" + _attrs([
        ("class", f"zhp-link {_type_class(link.type)}"), ("data-link", link.index), ("data-type", link.type),
        ("data-probability", None if link.probability is None else f"{link.probability:.3f}"),
        ("data-deputy", f"{link.deputy[0]},{link.deputy[1]}"), ("data-action", f"{link.action[0]},{link.action[1]}"),
    ]) + (f'><mark class="zhp-ent zhp-DEPUTY">{_esc(dep)}</mark><span class="zhp-arrow">→</span>'
          f'<span class="zhp-act">{_esc(act)}</span>'
          f'<span class="zhp-type" title="{_esc(gloss)}">{_esc(link.type)}</span>'
          f"{prob}{where}</li>")


def _plain(piece: str) -> str:
    """Escaped text; a run of line ends becomes a short block gap (its characters kept)."""
    out = []
    for part in _NEWLINES.split(piece):
        if part.startswith("\n"):
            out.append(f'<span class="zhp-br">{part}</span>')
        elif part:
            out.append(_esc(part))
    return "".join(out)


def _body(view: _DocView) -> str:
    """The text with entity marks (nested where spans nest), action underlines and link
    lists after their sentences."""
    text = view.text
    cuts = {0, len(text)}
    for e in view.ents:
        cuts.update((e["start"], e["end"]))
    for l in view.links:
        cuts.update((l.action[0], l.action[1], l.at))
    out: list[str] = []
    points = sorted(cuts)
    for a, b in zip(points, points[1:]):
        out.extend(_ent_open(e, view) for e in view.ents if e["start"] == a)  # outer first
        acts = [l for l in view.links if l.action[0] <= a and b <= l.action[1]]
        out.append(_act_piece(text[a:b], acts, view) if acts else _plain(text[a:b]))
        out.extend("</mark>" for e in view.ents if e["end"] == b)
        here = [l for l in view.links if l.at == b]
        if here:
            out.append('<ul class="zhp-links">' + "".join(_link_item(l, view) for l in here) + "</ul>")
    return "".join(out)


def _people(record: dict) -> str:
    """A folded table of the distinct people of the document."""
    rows = [p for p in record.get("people") or [] if isinstance(p, Mapping)]
    if not rows:
        return ""
    cells = "".join(
        "<tr>" + "".join(f"<td>{_esc(v)}</td>" for v in (
            p.get("id", ""), p.get("name", ""), p.get("role", ""), p.get("level") or "",
            len(p.get("mentions") or []), "；".join(map(str, p.get("titles") or [])),
        )) + "</tr>" for p in rows)
    head = "".join(f"<th>{h}</th>" for h in ("id", "name", "role", "level", "mentions", "titles"))
    return (f'<details class="zhp-people"><summary>{len(rows)} people</summary>'
            f"<table><tr>{head}</tr>{cells}</table></details>")


def _header(record: dict, n: int, view: _DocView | None) -> str:
    """Title, id and pass-through fields, and counts per label."""
    title = record.get("title") or record.get("id") or f"document {n + 1}"
    meta = [f"{k}: {_esc(record[k])}" for k in ("id", "date", "source", "url") if record.get(k) not in (None, "")]
    counts = ""
    if view is not None:
        per = {lab: sum(1 for e in view.ents if e.get("label") == lab) for lab in KNOWN_LABELS}
        chips = [f'<span><i class="zhp-chip zhp-{lab}"></i>{lab} {c}</span>' for lab, c in per.items()]
        chips.append(f"<span>links {len(view.links)}</span>")
        if view.dropped:
            chips.append(f"<span>({view.dropped} overlapping spans not shown)</span>")
        counts = f'<div class="zhp-counts">{"".join(chips)}</div>'
    return f'<h2>{_esc(title)}</h2><div class="zhp-meta">{" · ".join(meta)}{counts}</div>'


def render_record(record: dict, n: int = 0, place_names: PlaceNames | None = None) -> str:
    """One ``<article>`` for one record (``n`` numbers it on the page)."""
    text = record.get("text")
    open_tag = "<article" + _attrs([("class", "zhp-doc"), ("id", f"doc-{n + 1}"), ("data-id", record.get("id"))]) + ">"
    if record.get("error"):
        return f'{open_tag}{_header(record, n, None)}<p class="zhp-error">error: {_esc(record["error"])}</p></article>'
    if not isinstance(text, str):
        return (f"{open_tag}{_header(record, n, None)}<p class=\"zhp-error\">this record has no text "
                f"(extracted with --no-text?): {len(record.get('spans') or [])} spans not shown</p></article>")
    ents, dropped = _entities(record, text)
    view = _DocView(text, ents, dropped=dropped, place_names=place_names)
    view.links = _links(record, text, ents)
    return f'{open_tag}{_header(record, n, view)}<div class="zhp-text">{_body(view)}</div>{_people(record)}</article>'


def gazetteer_names(admin_data: str | None = None) -> PlaceNames | None:
    """Code → official name from the place gazetteer (None if it cannot be loaded);
    ``admin_data`` as in :func:`zhpolitics.load` (default: the configured NBS data)."""
    try:
        from .places import default

        units = default(admin_data).units
    except Exception:  # the view still works, with codes in the path
        return None
    return lambda code: units[code].name if code in units else None


def _namer(place_names: bool | Mapping[str, str] | PlaceNames | None) -> PlaceNames | None:
    if place_names is True:
        return gazetteer_names()
    if isinstance(place_names, Mapping):
        return place_names.get
    return place_names if callable(place_names) else None


def _legend() -> str:
    names = display_names()
    labels = "".join(f'<span><i class="zhp-chip zhp-{lab}"></i>{_esc(lab)} {_esc(names["labels"].get(lab, ""))}</span>'
                     for lab in KNOWN_LABELS)
    types = "".join(f'<span class="zhp-t-{_esc(t)}"><i class="zhp-chip" style="background:var(--t)"></i>'
                    f"{_esc(t)} {_esc(g)}</span>" for t, g in names["types"].items())
    return f'<div class="zhp-legend">{labels}</div><div class="zhp-legend">{types}</div>'


def render(docs: Any, *, title: str | None = None, limit: int | None = None,
           place_names: bool | Mapping[str, str] | PlaceNames | None = True) -> str:
    """One self-contained HTML page for a Doc, a record, or an iterable of them.

    ``place_names`` names the codes of a PLACE's path on hover: True asks the place
    gazetteer, a mapping or function maps code → name, False shows codes only.
    ``limit`` keeps the first N documents.
    """
    items = [docs] if isinstance(docs, Mapping) or type(docs).__name__ == "Doc" else docs
    records = [as_record(d) for d in islice(items, limit)]
    names = _namer(place_names)
    arts = "".join(render_record(r, i, names) for i, r in enumerate(records))
    toc = ""
    if len(records) > 1:
        toc = '<ol class="zhp-toc">' + "".join(
            f'<li><a href="#doc-{i + 1}">{_esc(r.get("title") or r.get("id") or f"document {i + 1}")}</a></li>'
            for i, r in enumerate(records)) + "</ol>"
    heading = title or f"zhpolitics view — {len(records)} document{'s' if len(records) != 1 else ''}"
    csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
    return ('<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_esc(heading)}</title><style>{_css()}</style></head>\n<body>"
            f'<h1>{_esc(heading)}</h1>{_legend()}{toc}\n{arts}\n'
            f'<footer class="zhp-meta">zhpolitics {_esc(__version__)}</footer>'
            f"<script>{_SCRIPT}</script></body></html>\n")


def is_records_file(path: Path) -> bool:
    """True for a JSONL file whose first object already holds ``spans`` (extract output, gold)."""
    if path.suffix.lower() not in (".jsonl", ".ndjson", ".json") or not path.is_file():
        return False
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.strip():
                try:
                    first = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(first, dict) and isinstance(first.get("spans"), list)
    return False


def records_for_view(inputs: Iterable[str | Path], *, limit: int | None = None, pipeline: str = "default",
                     text_field: str = "text", id_field: str = "id", admin_data: str | None = None) -> list[dict]:
    """Records to show: ``extract`` output (or gold) read as is, other inputs run through the pipeline."""
    from .io import iter_inputs, read_records

    out: list[dict] = []
    raw: list[Path] = []
    for p in map(Path, inputs):
        if is_records_file(p):
            out.extend(islice(read_records(p), None if limit is None else max(0, limit - len(out))))
        else:
            raw.append(p)
    if raw and (limit is None or len(out) < limit):
        from .runner import Processor

        proc = Processor(pipeline, admin_data)
        items = iter_inputs(raw, text_field=text_field, id_field=id_field)
        out.extend(proc.process(it) for it in islice(items, None if limit is None else limit - len(out)))
    return out


def notebook(docs: Any, height: int = 600, **kwargs: Any):
    """The page of :func:`render` for a Jupyter cell, inside an ``<iframe srcdoc>``.

    Why an iframe: the page keeps its own stylesheet and script away from the
    notebook's, and shows the same in JupyterLab, VS Code and nbviewer.
    """
    from IPython.display import HTML

    page = render(docs, **kwargs)
    return HTML(f'<div class="zhp-frame"><iframe srcdoc="{_esc(page)}" '
                f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" sandbox="allow-scripts"></iframe></div>')
