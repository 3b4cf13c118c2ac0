"""HanLP as the statistical core: load a HanLP model and turn its output into offsets.

This module knows HanLP and nothing of spaCy: it returns plain character offsets
(:class:`Analysis`), which :mod:`zhpolitics.backends.component` writes on the Doc in
the same attributes the default statistical layer fills, so the rule layers cannot
tell which backend ran.

Two kinds of HanLP output are read:

* a ``Document`` (multi-task models, ``hanlp.pipeline()``): tokens, POS, NER,
  dependencies and SRL frames, each under a key such as ``tok/fine`` or ``ner/msra``;
  spans there are in token offsets and are mapped back to characters;
* a list of ``(text, label, begin, end)`` tuples from a single-task NER that was fed
  characters, where token offsets already are character offsets.

Network: HanLP resolves pretrained ids by downloading.  :func:`load_model` only ever
loads a local folder (or an id already in HanLP's cache) unless the caller passes
``allow_download=True``; while loading, HanLP's downloader (a model folder can name
further resources by URL) and Hugging Face's (a transformer backbone) are switched off,
so a missing file fails at once instead of fetching.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

from ..resources import read_json

EXTRA_HINT = "the HanLP backend needs the optional extra: pip install 'zhpolitics[hanlp]'"
_OFFLINE_VARS = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")


class HanLPNotInstalled(ImportError):
    """HanLP (or torch) is missing: the ``hanlp`` extra was not installed."""


class HanLPModelNotFound(FileNotFoundError):
    """The model is neither a local folder nor cached, and downloading was not allowed."""


Span3 = tuple[int, int, str]
Frame = tuple[int, int, tuple[Span3, ...]]  # predicate start, end, its arguments


@dataclass
class Analysis:
    """What one text window yields, in character offsets of the whole document.

    ``deps``: ``(start, end, head_start, head_end, relation)`` per word; the root's head
    is ``(-1, -1)``.  ``frames``: ``(pred_start, pred_end, ((start, end, role), ...))``
    per SRL predicate, arguments without the predicate itself.
    """

    words: list[Span3] = field(default_factory=list)
    ner: list[Span3] = field(default_factory=list)
    deps: list[tuple[int, int, int, int, str]] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)

    def extend(self, other: "Analysis") -> None:
        self.words.extend(other.words)
        self.ner.extend(other.ner)
        self.deps.extend(other.deps)
        self.frames.extend(other.frames)


@dataclass(frozen=True)
class LabelMap:
    """The mapping data of ``resources/backends/hanlp.json`` (see its ``_comment``)."""

    labels: dict[str, str]
    keys: dict[str, list[str]]
    predicate_role: str

    @classmethod
    def load(cls) -> "LabelMap":
        raw = read_json("backends", "hanlp.json")
        return cls(raw["labels"], raw["keys"], raw["predicate_role"])

    def key(self, layer: str, available: Sequence[str]) -> str | None:
        """The first key of ``layer`` the output has (``ner/msra`` before ``ner/pku``)."""
        return next((k for k in self.keys[layer] if k in available), None)


def import_hanlp() -> Any:
    """Import HanLP quietly, or say which extra to install."""
    os.environ.setdefault("HANLP_VERBOSE", "0")  # no loading banner on stdout
    try:
        import hanlp
    except ImportError as exc:
        raise HanLPNotInstalled(f"{EXTRA_HINT} (import failed: {exc})") from exc
    return hanlp


def _refuse_download(url: str, *args: Any, **kwargs: Any) -> str:
    raise HanLPModelNotFound(f"the HanLP model needs {url}, which is not in HanLP's cache; zhpolitics "
                             f"does not download unasked: pass allow_download=True, or fetch it yourself")


@contextmanager
def _offline(active: bool) -> Iterator[None]:
    """Forbid downloads for the duration of a load: HanLP's own (a local model folder
    can name further resources by URL) and Hugging Face's (a transformer model names its
    backbone by hub id).  Restores everything afterwards."""
    if not active:
        yield
        return
    from hanlp.utils import io_util

    saved = {v: os.environ.get(v) for v in _OFFLINE_VARS}
    hub = sys.modules.get("huggingface_hub.constants")
    hub_saved = getattr(hub, "HF_HUB_OFFLINE", None)
    download = io_util.download
    os.environ.update({v: "1" for v in _OFFLINE_VARS})
    io_util.download = _refuse_download
    if hub is not None:
        hub.HF_HUB_OFFLINE = True
    try:
        yield
    finally:
        io_util.download = download
        for var, val in saved.items():
            if val is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = val
        if hub is not None:
            hub.HF_HUB_OFFLINE = hub_saved


def _cached_dir(hanlp: Any, model: str) -> Path | None:
    """Where HanLP keeps ``model`` (an id or URL) once downloaded, if it is there."""
    url = hanlp.pretrained.ALL.get(model, model)
    if not str(url).startswith(("http://", "https://")):
        return None
    from hanlp.utils.io_util import path_from_url

    real = Path(path_from_url(url))
    for cand in (real, real.with_suffix("") if real.suffix == ".zip" else None):
        if cand is not None and cand.is_dir():
            return cand
    return None


def missing_model_message(model: str, known_id: bool) -> str:
    """Say how to get the model: a path that is not there, or an id zhpolitics won't fetch."""
    if not known_id:
        return (f"no HanLP model folder at {model!r} (a folder holds the model's config.json or meta.json). "
                f"Pass the folder of a trained or downloaded HanLP model as hanlp_model=PATH; a HanLP id "
                f"(e.g. 'CLOSE_TOK_POS_NER_SRL_DEP_SDP_CON_ELECTRA_SMALL_ZH') is fetched only with "
                f"allow_download=True.")
    return (f"HanLP model {model!r} is not in HanLP's cache, and zhpolitics never downloads by itself. "
            f"Fetch it once:\n"
            f"  python -c \"import hanlp; from hanlp.utils.io_util import get_resource; "
            f"print(get_resource(hanlp.pretrained.ALL.get('{model}', '{model}')))\"\n"
            f"then pass the printed folder: zhpolitics.load(backend='hanlp', hanlp_model=PATH); "
            f"or let zhpolitics fetch it: "
            f"zhpolitics.load(backend='hanlp', hanlp_model={model!r}, allow_download=True).")


def load_model(model: str | os.PathLike | None, allow_download: bool = False, devices: Any = None) -> Any:
    """Load a HanLP component from a folder (``save_dir``), a cached id, or (only with
    ``allow_download``) any id or URL HanLP can fetch.  Fails at once, never downloads
    unasked."""
    if not model:
        raise ValueError("backend='hanlp' needs hanlp_model=PATH (a HanLP model folder) or a HanLP id "
                         "with allow_download=True")
    hanlp = import_hanlp()
    kwargs = {} if devices is None else {"devices": devices}
    path = Path(os.fspath(model)).expanduser()
    local = path if path.is_dir() else _cached_dir(hanlp, str(model))
    if local is None and not allow_download:
        known = str(model) in hanlp.pretrained.ALL or str(model).startswith(("http://", "https://"))
        raise HanLPModelNotFound(missing_model_message(str(model), known))
    with _offline(not allow_download):
        return hanlp.load(str(local if local is not None else model), verbose=False, **kwargs)


def align_tokens(text: str, tokens: Sequence[str]) -> list[tuple[int, int]] | None:
    """Character offsets of ``tokens`` in ``text`` (tokenizers drop whitespace between
    them); None when a token is not found verbatim (a model that normalises its
    input), so no layer is ever written at a wrong offset."""
    out: list[tuple[int, int]] = []
    pos = 0
    for tok in tokens:
        at = text.find(tok, pos)
        if at < 0 or text[pos:at].strip():
            return None
        out.append((at, at + len(tok)))
        pos = at + len(tok)
    return out


def _entities(items: Any, offs: list[tuple[int, int]], lmap: LabelMap, base: int) -> list[Span3]:
    """HanLP ``(text, label, begin, end)`` entities in token offsets → PER/LOC/ORG char spans."""
    out: list[Span3] = []
    for item in items or ():
        _text, label, b, e = item[:4]
        mapped = lmap.labels.get(str(label))
        if mapped is None or not 0 <= b < e <= len(offs):
            continue
        out.append((base + offs[b][0], base + offs[e - 1][1], mapped))
    return sorted(set(out))  # HanLP's entity order varies between runs


def _dependencies(arcs: Any, offs: list[tuple[int, int]], base: int) -> list[tuple[int, int, int, int, str]]:
    """HanLP arcs ``(head, relation)`` per token, heads 1-based and 0 for the root."""
    out = []
    for (s, e), (head, rel) in zip(offs, arcs or ()):
        hs, he = (-1, -1) if head == 0 else (base + offs[head - 1][0], base + offs[head - 1][1])
        out.append((base + s, base + e, hs, he, str(rel)))
    return out


def _frames(frames: Any, offs: list[tuple[int, int]], lmap: LabelMap, base: int) -> list[Frame]:
    """SRL frames, each a list of ``(text, role, begin, end)`` with one ``PRED`` role."""
    out = []
    for frame in frames or ():
        pred = None
        args: list[Span3] = []
        for _text, role, b, e in (x[:4] for x in frame):
            if not 0 <= b < e <= len(offs):
                continue
            span = (base + offs[b][0], base + offs[e - 1][1], str(role))
            if role == lmap.predicate_role:
                pred = span
            else:
                args.append(span)
        if pred is not None:
            out.append((pred[0], pred[1], tuple(args)))
    return out


def from_document(text: str, row: dict[str, Any], lmap: LabelMap, base: int = 0) -> Analysis:
    """One sentence of a HanLP ``Document`` (``row`` maps each key to that sentence's
    value).  Without a token layer the tokens are taken to be the characters."""
    tok_key = lmap.key("tok", list(row))
    tokens = row[tok_key] if tok_key else list(text)
    offs = align_tokens(text, tokens)
    if offs is None:
        return Analysis()
    res = Analysis()
    pos_key = lmap.key("pos", list(row))
    if tok_key:
        tags = row[pos_key] if pos_key else [""] * len(offs)
        res.words = [(base + s, base + e, str(t)) for (s, e), t in zip(offs, tags)]
    ner_key = lmap.key("ner", list(row))
    if ner_key:
        res.ner = _entities(row[ner_key], offs, lmap, base)
    dep_key = lmap.key("dep", list(row))
    if dep_key and tok_key:
        res.deps = _dependencies(row[dep_key], offs, base)
    srl_key = lmap.key("srl", list(row))
    if srl_key:
        res.frames = _frames(row[srl_key], offs, lmap, base)
    return res


def from_char_entities(text: str, items: Any, lmap: LabelMap, base: int = 0) -> Analysis:
    """Output of a single-task NER that was fed ``list(text)``: offsets are characters."""
    return Analysis(ner=_entities(items, [(i, i + 1) for i in range(len(text))], lmap, base))


def split_document(doc: Any, n: int) -> list[dict[str, Any]]:
    """A batched ``Document`` (each key holds one value per sentence) → one dict per sentence."""
    rows: list[dict[str, Any]] = [{} for _ in range(n)]
    for key, values in doc.items():
        if isinstance(values, list) and len(values) == n:
            for row, value in zip(rows, values):
                row[key] = value
    return rows


def takes_text(component: Any) -> bool:
    """Multi-task models and pipelines tokenize raw text themselves; a single-task
    component (NER, tagger) wants tokens, and gets characters.  Decided by class name,
    so that a character NER never has to import HanLP's transformer stack."""
    return any(c.__name__ in ("MultiTaskLearning", "Pipeline") for c in type(component).__mro__)


def analyse(component: Any, texts: Sequence[str], offsets: Sequence[int], lmap: LabelMap,
            text_input: bool | None = None) -> Analysis:
    """Run ``component`` on the windows ``texts`` (starting at ``offsets`` in the document)
    and collect everything it says, in document character offsets."""
    res = Analysis()
    if not texts:
        return res
    if text_input is None:
        text_input = takes_text(component)
    out = component(list(texts) if text_input else [list(t) for t in texts])
    if isinstance(out, dict):
        for text, base, row in zip(texts, offsets, split_document(out, len(texts))):
            res.extend(from_document(text, row, lmap, base))
        return res
    if not isinstance(out, list) or len(out) != len(texts):
        raise TypeError(f"unexpected HanLP output {type(out).__name__}: the backend reads a Document or, "
                        f"from a single-task NER, one list of (text, label, begin, end) per sentence")
    for text, base, items in zip(texts, offsets, out):
        res.extend(from_char_entities(text, items, lmap, base))
    return res
