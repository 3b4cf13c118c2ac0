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
layer is kept as character offsets in ``doc._.zhp_words``.
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
#: what a component reads from earlier ones: enabling it enables them too (without the
#: deputies, ``enable=["actions"]`` used to give zero links without a word)
NEEDS = {
    "zhpolitics_deputies": ("zhpolitics_places",),
    "zhpolitics_persons": ("zhpolitics_deputies",),
    "zhpolitics_actions": ("zhpolitics_places", "zhpolitics_deputies"),
}


def _full(n: str) -> str:
    return n if n.startswith("zhpolitics_") else "zhpolitics_" + n


def _wanted(name: str, enable: Iterable[str] | None, disable: Iterable[str] | None) -> list[str]:
    """The components to add, in pipeline order."""
    wanted = list(COMPONENTS)
    if name == "rules":
        wanted.remove("zhpolitics_statistical")
    if enable is not None:
        en = {_full(n) for n in enable}
        unknown = en - set(COMPONENTS)
        if unknown:
            raise ValueError(f"unknown components {sorted(unknown)}; available: {COMPONENTS}")
        for comp in list(en):
            en.update(NEEDS.get(comp, ()))
        wanted = [c for c in wanted if c in en or c in ("zhpolitics_context", "zhpolitics_boilerplate")]
    if disable is not None:
        dis = {_full(n) for n in disable}
        wanted = [c for c in wanted if c not in dis]
    return wanted


def _component_config(comp: str, name: str, wanted: list[str], config: dict, admin_data: str | None) -> dict:
    """The config of one component: the pipeline's choices, then the caller's values."""
    cfg: dict = {}
    if comp == "zhpolitics_statistical":
        cfg.update(mode="full" if name == "full" else "cascade", required=name == "full")
    if comp == "zhpolitics_deputies" and name == "full":
        cfg["ner_persons"] = True  # the models decide persons everywhere
    if comp == "zhpolitics_places" and admin_data is not None:
        cfg["admin_data"] = str(admin_data)
    if comp == "zhpolitics_slogans" and "zhpolitics_actions" in wanted:
        cfg["set_ents"] = False  # doc.ents is set once, at the end, by zhpolitics_actions
    cfg.update(config.get(comp, config.get(comp.replace("zhpolitics_", ""), {})))
    return cfg


def load(name: str = "default", *, enable: Iterable[str] | None = None, disable: Iterable[str] | None = None,
         admin_data: str | None = None, config: dict | None = None, backend: str = "spacy",
         hanlp_model: str | None = None, allow_download: bool = False) -> Language:
    """Return a ``spacy.Language`` (``zh``) with the zhpolitics components, models loaded.

    ``name`` picks the pipeline (see module docstring).  ``enable``/``disable`` take
    component names with or without the ``zhpolitics_`` prefix (``disable=["actions"]``);
    enabling a component enables the ones it reads from (:data:`NEEDS`).
    ``admin_data`` points at NBS CSVs with villages/former town names.  ``config`` maps
    a component name to config values (``{"slogans": {"resource_dir": "my_rules"}}``).
    Every option lives in the components' config, so ``nlp.to_disk()`` keeps it.
    A missing model is an error here (:class:`zhpolitics.paths.ModelNotFoundError`),
    not at the first document.

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
    wanted = _wanted(name, enable, disable)
    config = dict(config or {})
    for comp in wanted:
        cfg = _component_config(comp, name, wanted, config, admin_data)
        if comp == "zhpolitics_statistical" and backend == "hanlp":
            comp, cfg = _hanlp_pipe(name, hanlp_model, allow_download, config)
        nlp.add_pipe(comp, config=cfg)
    for _n, proc in nlp.pipeline:
        init = getattr(proc, "initialize", None)
        if init is not None:
            init(nlp=nlp)
    return nlp


def _hanlp_pipe(name: str, model: str | None, allow_download: bool, config: dict) -> tuple[str, dict]:
    """Name and config of the HanLP statistical pipe (imported only when asked for, so the
    default install never needs HanLP or torch)."""
    from .backends import component  # noqa: F401  (registers zhpolitics_hanlp)

    cfg = dict(config.get("zhpolitics_hanlp", config.get("hanlp", {})))
    cfg.update({"model": None if model is None else str(model), "allow_download": bool(allow_download)})
    cfg.setdefault("mode", "full" if name == "full" else "cascade")
    return "zhpolitics_hanlp", cfg
