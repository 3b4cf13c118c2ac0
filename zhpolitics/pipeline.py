"""Compose the zhpolitics pipeline: :func:`load` is the one entry point.

Pipelines by name:

* ``"default"`` (alias ``"fast"``): all rule layers over the whole text; the
  statistical models (segmenter, tagger, NER) only on sentences where a decision needs
  them (the cascade);
* ``"full"``: the statistical models over every sentence, and every NER person that is
  not a deputy becomes PERSON (better recall on general news such as People's Daily,
  lower precision on pages about deputies);
* ``"rules"``: no statistical models at all (nothing to load but the package data).

The Doc is tokenized per character (:mod:`zhpolitics.tokenizer`), so every character
offset a rule finds is a valid span boundary; word segmentation from the statistical
layer is kept as character offsets in ``doc._.words``.
"""

from __future__ import annotations

from typing import Iterable

import spacy
from spacy.language import Language

from . import extensions  # noqa: F401  (registers doc._ / span._)
from . import context  # noqa: F401  (registers zhpolitics_context: ids passed with nlp.pipe(as_tuples=True))
from . import tokenizer  # noqa: F401  (registers zhpolitics.char_tokenizer.v1)
from .components import actions, boilerplate, deputies, persons, places, slogans, statistical  # noqa: F401

COMPONENTS = [
    "zhpolitics_context",
    "zhpolitics_boilerplate",
    "zhpolitics_statistical",
    "zhpolitics_places",
    "zhpolitics_deputies",
    "zhpolitics_persons",
    "zhpolitics_slogans",
    "zhpolitics_actions",
]
PIPELINES = ("default", "fast", "full", "rules")
BACKENDS = ("spacy", "hanlp")


def load(name: str = "default", *, enable: Iterable[str] | None = None, disable: Iterable[str] | None = None,
         admin_data: str | None = None, config: dict | None = None, backend: str = "spacy",
         hanlp_model: str | None = None, allow_download: bool = False) -> Language:
    """Return a ``spacy.Language`` (``zh``) with the zhpolitics components.

    ``name`` picks the pipeline (see module docstring).  ``enable``/``disable`` take
    component names with or without the ``zhpolitics_`` prefix (``disable=["actions"]``).
    ``admin_data`` points at NBS CSVs with villages/former town names.  ``config`` maps
    a component name to extra config values.

    ``backend="hanlp"`` puts a HanLP model (``hanlp_model``: its folder) in place of the
    shipped statistical models (``zhpolitics_hanlp`` instead of ``zhpolitics_statistical``,
    see :mod:`zhpolitics.backends.component`, configured by ``config["hanlp"]``); it needs
    ``pip install 'zhpolitics[hanlp]'``.
    A HanLP id is fetched only with ``allow_download=True``: nothing downloads unasked.
    """
    if name not in PIPELINES:
        raise ValueError(f"unknown pipeline {name!r}; choose one of {', '.join(PIPELINES)}")
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    if hanlp_model is not None and backend != "hanlp":
        raise ValueError("hanlp_model is read only with backend='hanlp'")
    if backend == "hanlp" and name == "rules":
        raise ValueError("the 'rules' pipeline has no statistical layer for a HanLP backend to replace")
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "zhpolitics.char_tokenizer.v1"}}})
    wanted = list(COMPONENTS)
    if name == "rules":
        wanted.remove("zhpolitics_statistical")

    def full(n: str) -> str:
        return n if n.startswith("zhpolitics_") else "zhpolitics_" + n

    if enable is not None:
        en = {full(n) for n in enable}
        unknown = en - set(COMPONENTS)
        if unknown:
            raise ValueError(f"unknown components {sorted(unknown)}; available: {COMPONENTS}")
        wanted = [c for c in wanted if c in en or c in ("zhpolitics_context", "zhpolitics_boilerplate")]
    if disable is not None:
        dis = {full(n) for n in disable}
        wanted = [c for c in wanted if c not in dis]
    config = dict(config or {})
    for comp in wanted:
        cfg = dict(config.get(comp, config.get(comp.replace("zhpolitics_", ""), {})))
        if comp == "zhpolitics_statistical":
            cfg.setdefault("mode", "full" if name == "full" else "cascade")
            cfg.setdefault("required", name == "full")
        if comp == "zhpolitics_deputies" and name == "full":
            cfg.setdefault("ner_persons", True)  # the models decide persons everywhere
        if comp == "zhpolitics_places" and admin_data is not None:
            cfg["admin_data"] = str(admin_data)
        if comp == "zhpolitics_statistical" and backend == "hanlp":
            comp, cfg = _hanlp_pipe(name, hanlp_model, allow_download, config)
        nlp.add_pipe(comp, config=cfg)
    if "zhpolitics_actions" in nlp.pipe_names and "zhpolitics_slogans" in nlp.pipe_names:
        nlp.get_pipe("zhpolitics_slogans").set_ents = False  # doc.ents is set once, at the end
    return nlp


def _hanlp_pipe(name: str, model: str | None, allow_download: bool, config: dict) -> tuple[str, dict]:
    """Name and config of the HanLP statistical pipe (imported only when asked for, so the
    default install never needs HanLP or torch)."""
    from .backends import component  # noqa: F401  (registers zhpolitics_hanlp)

    cfg = dict(config.get("zhpolitics_hanlp", config.get("hanlp", {})))
    cfg.update({"model": None if model is None else str(model), "allow_download": bool(allow_download)})
    cfg.setdefault("mode", "full" if name == "full" else "cascade")
    return "zhpolitics_hanlp", cfg
