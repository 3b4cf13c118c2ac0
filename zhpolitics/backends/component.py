"""``zhpolitics_hanlp``: a HanLP model in place of ``zhpolitics_statistical``.

It writes what the default statistical layer writes, from HanLP output:

* ``doc._.zhp_ner_spans``: ``[(start, end, label)]``, labels PER/LOC/ORG (MSRA, OntoNotes
  and PKU label sets mapped by ``resources/backends/hanlp.json``);
* ``doc._.zhp_words``: ``[(start, end, tag)]`` HanLP words with their POS (PKU tags when the
  model has them), when the model tokenizes;

and, where the model has them, two layers the default backend leaves empty:

* ``doc._.zhp_dep_arcs``: ``[(start, end, head_start, head_end, relation)]``;
* ``doc._.zhp_srl_frames``: ``[(pred_start, pred_end, ((start, end, role), ...))]``.

The Doc stays one token per character (every rule offset is a span boundary), so the
HanLP layers are kept as character offsets, like ``doc._.zhp_words``.  ``mode`` has the
meaning it has for ``zhpolitics_statistical``: ``"cascade"`` runs HanLP only on the
sentences where a people decision needs it, ``"full"`` on every sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..components._spans import norm_text
from ..text import sentences
from .hanlp import Analysis, LabelMap, analyse, load_model


@dataclass
class _DocState:
    """Per-document state: the matching view of the text and the windows HanLP reads."""

    norm: str
    windows: list[tuple[int, int]] = field(default_factory=list)


class HanLPStatistical:
    def __init__(self, nlp: Language, name: str, model: str | None, allow_download: bool = False,
                 mode: str = "cascade", text_input: bool | None = None, devices: Any = None):
        if mode not in ("cascade", "full"):
            raise ValueError(f"zhpolitics_hanlp: mode must be 'cascade' or 'full', not {mode!r}")
        self.name = name
        self.mode = mode
        self.text_input = text_input
        self.labels = LabelMap.load()
        # loaded here, not lazily: a missing extra or model must fail when the pipeline
        # is built, not halfway through a corpus
        self.component = load_model(model, allow_download=allow_download, devices=devices)
        self._detector = None

    def _windows(self, state: _DocState) -> None:
        """Sentences to analyse, trimmed of surrounding whitespace (HanLP drops it, and a
        character NER would see it as unknown tokens)."""
        if self.mode == "full":
            spans = sentences(state.norm)
        else:
            from ..people.detect import PeopleDetector

            if self._detector is None:
                self._detector = PeopleDetector()
            spans = self._detector.unsure_windows(state.norm)
        for s, e in spans:
            chunk = state.norm[s:e]
            lead = len(chunk) - len(chunk.lstrip())
            body = chunk.strip()
            if body:
                state.windows.append((s + lead, s + lead + len(body)))

    def analyse(self, doc: Doc) -> Analysis:
        """HanLP's reading of ``doc`` in document character offsets."""
        state = _DocState(norm_text(doc))
        self._windows(state)
        texts = [state.norm[s:e] for s, e in state.windows]
        return analyse(self.component, texts, [s for s, _ in state.windows], self.labels, self.text_input)

    def __call__(self, doc: Doc) -> Doc:
        res = self.analyse(doc)
        doc._.zhp_ner_spans = res.ner
        doc._.zhp_words = res.words
        doc._.zhp_dep_arcs = res.deps
        doc._.zhp_srl_frames = res.frames
        return doc


@Language.factory("zhpolitics_hanlp", default_config={"model": None, "allow_download": False, "mode": "cascade",
                                                      "text_input": None, "devices": None})
def make_hanlp(nlp: Language, name: str, model: str | None, allow_download: bool, mode: str,
               text_input: bool | None, devices: Any) -> HanLPStatistical:
    """``model``: a HanLP model folder (or an id, which needs ``allow_download``).
    ``text_input``: feed raw sentences (True) or characters (False); None decides by the
    model's type (multi-task models and pipelines tokenize themselves).  ``devices``: as
    for ``hanlp.load`` (None: HanLP's choice, a GPU when there is one)."""
    return HanLPStatistical(nlp, name, model, allow_download, mode, text_input, devices)
