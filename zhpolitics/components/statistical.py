"""``zhpolitics_statistical``: the trained segmenter + POS tagger + PER/LOC/ORG NER.

The models (``models/zh_pd98``, trained from People's Daily 1998 by
``zhpolitics train``) run in a sub-pipeline on the raw text; their output is stored as
character offsets, so the rule components never depend on which tokenizer produced
them (a HanLP backend can fill the same attributes):

* ``doc._.zhp_ner_spans``: ``[(start, end, label)]`` with labels PER/LOC/ORG.  When the
  character-level NER ``models/zh_charner`` is installed (a segmentation error cannot
  cut a name there) persons come from it, and places/organisations from
  ``models/ner_combiner``, which picks span by span between it and the word-level NER
  inside ``zh_pd98`` (:mod:`zhpolitics.ner_combine`); with a second, smaller character
  model ``models/zh_charner_small`` installed, a person is a span at least two of the
  three models propose; otherwise everything comes from the word-level NER;
* ``doc._.zhp_words``: ``[(start, end, tag)]`` PKU POS tags.

``mode="cascade"`` (the default) runs only the character NER, and only on sentences
where a decision needs it: a congress title followed by a name the rules cannot bound
(no Han surname: 才让卓玛); ``doc._.zhp_words`` stays empty there.  ``mode="full"`` runs them everywhere (then
``doc._.zhp_words`` covers the whole text).
"""

from __future__ import annotations

import os
import warnings

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..paths import model_path
from ..text import sentences
from ._disk import copy_model
from ._rules import RuleFolders, with_rules
from ._spans import norm_text

#: the model folders this component may use (copied by ``to_disk``)
_MODEL_NAMES = ("zh_pd98", "zh_charner", "ner_combiner", "zh_charner_small")

_MAX_WINDOW = 3000


class Statistical:
    """Runs the statistical models in a sub-pipeline; owns copies of them once saved."""

    def __init__(self, nlp: Language, name: str, model: str | None = None, mode: str = "cascade", required: bool = False,
                 ner_model: str | None = None):
        if mode not in ("cascade", "full"):
            raise ValueError(f"zhpolitics_statistical: mode must be 'cascade' or 'full', not {mode!r}")
        self.name = name
        self.model = model
        self.mode = mode
        self.required = required
        self.ner_model = ner_model
        self._sub: Language | None = None
        self._ner: Language | None = None
        self._ner_tried = False
        self._combiner = None
        self._voters: list[Language] = []
        self._missing = False
        self._detector = None
        self.rules = RuleFolders(("people",))  # the cascade's windows come from the people rules
        self._dirs: dict[str, Path] = {}  # model folders given by from_disk (they win)
        self._used: dict[str, Path] = {}  # model folders actually loaded (to_disk copies them)

    def _where(self, name: str, configured: str | None = None) -> Path:
        """A model folder: the saved copy, else the configured path, else the resolver's."""
        return self._dirs.get(name) or (Path(configured) if configured else model_path(name))

    def _spacy_load(self, name: str, path: Path) -> Language:
        import spacy

        nlp = spacy.load(path)
        self._used[name] = path
        return nlp

    def _char_model(self) -> Language | None:
        """The character NER, loaded at most once; None when absent or switched off (``""``)."""
        if self._ner is None and not self._ner_tried:
            self._ner_tried = True
            path = str(self._where("zh_charner", self.ner_model))
            if self.ner_model != "" and os.path.isdir(path):
                from .. import charner  # noqa: F401  (registers the char feature tokenizer)

                self._ner = self._spacy_load("zh_charner", Path(path))
        return self._ner

    def _load(self) -> Language | None:
        if self.mode == "cascade" and self._char_model() is not None:
            return self._ner  # the cascade needs nothing else
        if self._sub is None and not self._missing:
            path = str(self._where("zh_pd98", self.model))
            try:
                self._sub = self._spacy_load("zh_pd98", Path(path))
            except (OSError, IOError) as exc:
                if self.required:
                    raise OSError(f"statistical model not found at {path}: build it with "
                                  f"`zhpolitics train ner --data-dir ../shared/data --out models/zh_pd98`, "
                                  f"or load the pipeline with zhpolitics.load('rules').") from exc
                warnings.warn(f"zhpolitics: statistical model not found at {path}; running rules only", stacklevel=2)
                self._missing = True
                return None
            if self._char_model() is not None:
                comb_path = self._where("ner_combiner")
                if comb_path.is_dir() and self.ner_model is None:
                    from ..ner_combine import NerCombiner

                    self._combiner = NerCombiner.load(comb_path)
                    self._used["ner_combiner"] = comb_path
                    extra = self._where("zh_charner_small")
                    if extra.is_dir():
                        self._voters.append(self._spacy_load("zh_charner_small", extra))  # a third opinion on persons
                elif "ner" in self._sub.pipe_names:
                    self._sub.disable_pipe("ner")  # the character model alone decides entities
        return self._sub

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None) -> None:
        """Load the models now: a missing one is an error (``required``) or one warning
        at load time, never a surprise at the first document."""
        self._load()

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Copy every model folder this component loaded into ``path``, and the people
        rules the cascade reads (``rules/people``)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self._load()
        for name, src in self._used.items():
            copy_model(src, path / name)
        self.rules.to_disk(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "Statistical":
        """Use the model copies in ``path`` (written by :meth:`to_disk`)."""
        path = Path(path)
        self._dirs = {n: path / n for n in _MODEL_NAMES if (path / n).is_dir()}
        self._sub, self._ner, self._ner_tried, self._combiner = None, None, False, None
        self._voters, self._missing, self._used = [], False, {}
        self.rules.from_disk(path)
        self._detector = None
        self._load()
        return self

    @with_rules
    def windows(self, text: str) -> list[tuple[int, int]]:
        if self.mode == "full":
            spans = sentences(text)
        else:
            from ..people.detect import PeopleDetector

            if self._detector is None:
                self._detector = PeopleDetector()
            spans = self._detector.unsure_windows(text)
        out: list[tuple[int, int]] = []
        for s, e in spans:
            if out and out[-1][1] == s and e - out[-1][0] <= _MAX_WINDOW:
                out[-1] = (out[-1][0], e)
            else:
                out.append((s, e))
        return [(s, e) for s, e in out if text[s:e].strip()]

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        """Like ``__call__`` per Doc, but in the cascade the character NER reads the windows
        of a whole batch of Docs in one call: a window is a sentence or two, and one model
        call per window costs mostly fixed overhead (a batch of 1 through the CNN)."""
        if self.mode != "cascade" or self._load() is None or self._ner is None:
            for doc in stream:
                yield self(doc)
            return
        for batch in minibatch(stream, size=batch_size):
            norms = [norm_text(doc) for doc in batch]
            wins = [self.windows(norm) for norm in norms]
            texts = [norm[s:e] for norm, ws in zip(norms, wins) for s, e in ws]
            parsed = iter(self._ner.pipe(texts, batch_size=max(1, len(texts))))
            for doc, ws in zip(batch, wins):
                ner: list[tuple[int, int, str]] = []
                for (s, _e), sd in zip(ws, parsed):
                    ner.extend((s + x.start_char, s + x.end_char, x.label_) for x in sd.ents)
                doc._.zhp_ner_spans = ner
                doc._.zhp_words = []
                yield doc

    def __call__(self, doc: Doc) -> Doc:
        sub = self._load()
        if sub is None:
            return doc
        norm = norm_text(doc)
        wins = self.windows(norm)
        ner: list[tuple[int, int, str]] = []
        words: list[tuple[int, int, str]] = []
        if self.mode == "cascade" and self._ner is not None:
            # the cascade only needs where a name ends: the character model alone answers
            # that (PER F1 .893) at a fraction of the cost of segmenter + tagger + 3 models
            for (s, _e), sd in zip(wins, self._ner.pipe(norm[s:e] for s, e in wins)):
                ner.extend((s + x.start_char, s + x.end_char, x.label_) for x in sd.ents)
            doc._.zhp_ner_spans = ner
            doc._.zhp_words = words
            return doc
        word_ents: list[list[tuple[int, int, str]]] = []  # per window, window offsets
        for (s, _e), sd in zip(wins, sub.pipe(norm[s:e] for s, e in wins)):
            word_ents.append([(ent.start_char, ent.end_char, ent.label_) for ent in sd.ents])
            for t in sd:
                if not t.is_space:
                    words.append((s + t.idx, s + t.idx + len(t.text), t.tag_))
        if self._ner is None:
            chosen = word_ents
        else:
            chosen = []
            texts = [norm[s:e] for s, e in wins]
            votes = [[[(x.start_char, x.end_char, x.label_) for x in d.ents] for d in v.pipe(texts)] for v in self._voters]
            for i, ((s, e), wents, sd) in enumerate(zip(wins, word_ents, self._ner.pipe(texts))):
                cents = [(ent.start_char, ent.end_char, ent.label_) for ent in sd.ents]
                chosen.append(self._combiner.combine(norm[s:e], cents, wents, [v[i] for v in votes])
                              if self._combiner else cents)
        for (s, _e), ents in zip(wins, chosen):
            ner.extend((s + a, s + b, lab) for a, b, lab in ents)
        doc._.zhp_ner_spans = ner
        doc._.zhp_words = words
        return doc


@Language.factory("zhpolitics_statistical",
                  default_config={"model": None, "mode": "cascade", "required": False, "ner_model": None},
                  requires=["doc._.zhp_norm"], assigns=["doc._.zhp_ner_spans", "doc._.zhp_words"])
def make_statistical(nlp: Language, name: str, model: str | None, mode: str, required: bool,
                     ner_model: str | None) -> Statistical:
    """``model``: the segmenter + tagger (+ word NER) pipeline, default ``models/zh_pd98``.
    ``ner_model``: the character-level NER, default ``models/zh_charner`` when present;
    ``""`` uses the word-level NER inside ``model`` instead."""
    return Statistical(nlp, name, model, mode, required, ner_model)
