"""Type classifier for deputy action phrases (propose, inspect, … other).

What: :class:`ActionTyper` maps an action phrase (the predicate span of a
DEPUTY → ACTION link, ANNOTATION.md) to one of the nine link types with a
probability.  Features are character 1–3-grams of the phrase in the text
layer's normalised view (:func:`zhpolitics.text.normalize`, digits → ``0``) padded with ``^``/``$`` so the
phrase head and tail are visible, TF-IDF weighted and L2-normalised, plus one
feature per link type holding the strongest trigger-cue weight from
:class:`~zhpolitics.actions.cues.Cues` (cues are *features*, never
overrides).

Why this design: the labelled data is small (hundreds of phrases) and the
types are largely lexical (捐款 → donate, 调解 → mediate), so a linear model
over character n-grams plus curated cue hits is accurate, fast and easy to
inspect.  The model is trained with scikit-learn (``zhpolitics.training.
actions``) but stored without pickle: ``vectorizer.json`` (settings +
vocabulary + idf) and ``model.npz`` (coefficients), so loading and
prediction need only numpy and cannot execute code from the model files.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from ..text import normalize
from .cues import LINK_TYPES, Cues, load_cues

__all__ = [
    "MODEL_FORMAT",
    "TRAIN_RECIPE",
    "ModelNotFoundError",
    "FeatureSpace",
    "ActionTyper",
    "default_model_dir",
    "normalise_phrase",
]

#: Version tag written into vectorizer.json; bump when features change.
MODEL_FORMAT = "zhpolitics-action-typer/1"
#: The command that (re)builds the model directory.
TRAIN_RECIPE = "python -m zhpolitics.training.actions --data-dir ../shared/data --out models/actions"

#: how phrases are normalised before n-grams (written into vectorizer.json)
NORMALISATION = "zhpolitics.text.normalize, strip whitespace, digits→0, ^…$ padding"
_DIGITS = re.compile(r"\d")
_SPACE = re.compile(r"\s+")


class ModelNotFoundError(FileNotFoundError):
    """Raised when the action-typer model directory or its files are missing."""


def default_model_dir() -> Path:
    """``models/actions`` as the one resolver finds it (checkout, wheel or ``ZHPOLITICS_MODELS``)."""
    from ..paths import model_path

    return Path(model_path("actions"))


def normalise_phrase(phrase: str) -> str:
    """Feature-side normalisation: the text layer's view, drop whitespace, digits → ``0``.

    Only used to compute features (never for offsets), so it may change
    length.
    """
    return _DIGITS.sub("0", _SPACE.sub("", normalize(phrase)))


def char_ngrams(phrase: str, ngram_range: tuple[int, int] = (1, 3)) -> Counter[str]:
    """Character n-gram counts of ``^`` + normalised phrase + ``$``.

    The boundary markers are only counted inside n-grams of length ≥ 2, so
    ``^捐`` (phrase starts with 捐) is a feature but a bare ``^`` is not.
    """
    s = "^" + normalise_phrase(phrase) + "$"
    lo, hi = ngram_range
    out: Counter[str] = Counter()
    for n in range(lo, hi + 1):
        for i in range(len(s) - n + 1):
            g = s[i : i + n]
            if n == 1 and g in "^$":
                continue
            out[g] += 1
    return out


@dataclass
class FeatureSpace:
    """Vocabulary + idf of the n-gram features and the cue-feature layout.

    Plain data, JSON-serialisable; ``transform`` uses numpy only.
    """

    vocabulary: dict[str, int]
    idf: np.ndarray
    ngram_range: tuple[int, int] = (1, 3)
    cue_types: tuple[str, ...] = LINK_TYPES
    cue_scale: float = 1.0
    sublinear_tf: bool = True

    @property
    def n_features(self) -> int:
        """Total width: n-gram columns followed by one column per cue type."""
        return len(self.vocabulary) + len(self.cue_types)

    @classmethod
    def fit(
        cls,
        phrases: Sequence[str],
        ngram_range: tuple[int, int] = (1, 3),
        min_df: int = 1,
        cue_scale: float = 1.0,
    ) -> "FeatureSpace":
        """Build the vocabulary (n-grams with document frequency ≥ min_df) and smooth idf."""
        df: Counter[str] = Counter()
        for p in phrases:
            df.update(set(char_ngrams(p, ngram_range)))
        terms = sorted(t for t, c in df.items() if c >= min_df)
        vocab = {t: i for i, t in enumerate(terms)}
        n = len(phrases)
        idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in terms], dtype=np.float64)
        return cls(vocab, idf, tuple(ngram_range), LINK_TYPES, cue_scale)

    def row(self, phrase: str, cues: Cues) -> tuple[np.ndarray, np.ndarray]:
        """Sparse feature row of one phrase as (column indices, values)."""
        idx: list[int] = []
        val: list[float] = []
        for g, c in char_ngrams(phrase, self.ngram_range).items():
            j = self.vocabulary.get(g)
            if j is not None:
                tf = 1.0 + math.log(c) if self.sublinear_tf else float(c)
                idx.append(j)
                val.append(tf * float(self.idf[j]))
        v = np.asarray(val, dtype=np.float64)
        norm = float(np.sqrt((v * v).sum())) if len(v) else 0.0
        if norm > 0:
            v = v / norm
        hits = cues.trigger_types(phrase, long_gap=True)
        base = len(self.vocabulary)
        cidx = [base + k for k, t in enumerate(self.cue_types) if t in hits]
        cval = [hits[t] * self.cue_scale for t in self.cue_types if t in hits]
        return (
            np.concatenate([np.asarray(idx, dtype=np.int64), np.asarray(cidx, dtype=np.int64)]),
            np.concatenate([v, np.asarray(cval, dtype=np.float64)]),
        )

    def transform_dense(self, phrases: Iterable[str], cues: Cues) -> np.ndarray:
        """Dense feature matrix (rows = phrases); fine for the small data here."""
        rows = [self.row(p, cues) for p in phrases]
        X = np.zeros((len(rows), self.n_features), dtype=np.float64)
        for r, (i, v) in enumerate(rows):
            X[r, i] = v
        return X

    def to_json(self) -> dict:
        """JSON-serialisable settings + vocabulary (ordered by column) + idf."""
        terms = [None] * len(self.vocabulary)
        for t, i in self.vocabulary.items():
            terms[i] = t
        return {
            "format": MODEL_FORMAT,
            "ngram_range": list(self.ngram_range),
            "sublinear_tf": self.sublinear_tf,
            "norm": "l2",
            "normalisation": NORMALISATION,
            "cue_types": list(self.cue_types),
            "cue_scale": self.cue_scale,
            "vocabulary": terms,
            "idf": [round(float(x), 8) for x in self.idf],
        }

    @classmethod
    def from_json(cls, d: dict) -> "FeatureSpace":
        """Inverse of :meth:`to_json`; checks the format tag."""
        if d.get("format") != MODEL_FORMAT:
            raise ValueError(f"vectorizer.json has format {d.get('format')!r}, expected {MODEL_FORMAT!r}; "
                             f"retrain with: {TRAIN_RECIPE}")
        terms = d["vocabulary"]
        if str(d.get("normalisation", "")).startswith("fold"):
            # a model written before the typer read the text layer's view (half-width
            # punctuation): the same features, mapped one to one into that view
            terms = [normalize(t) for t in terms]
        return cls(
            vocabulary={t: i for i, t in enumerate(terms)},
            idf=np.asarray(d["idf"], dtype=np.float64),
            ngram_range=tuple(d["ngram_range"]),  # type: ignore[arg-type]
            cue_types=tuple(d["cue_types"]),
            cue_scale=float(d["cue_scale"]),
            sublinear_tf=bool(d.get("sublinear_tf", True)),
        )


@dataclass
class ActionTyper:
    """Multinomial logistic-regression typer over :class:`FeatureSpace` features.

    ``coef`` has shape (n_classes, n_features), ``intercept`` (n_classes,).
    Construct with :meth:`load` (or from the training recipe); predict with
    :meth:`predict` / :meth:`predict_many` / :meth:`predict_proba`.
    """

    features: FeatureSpace
    classes: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray
    meta: dict = field(default_factory=dict)
    cues: Cues = field(default_factory=load_cues, repr=False)

    VECTORIZER_FILE = "vectorizer.json"
    WEIGHTS_FILE = "model.npz"
    META_FILE = "meta.json"

    # ---- persistence -------------------------------------------------------
    @classmethod
    def load(cls, model_dir: str | Path | None = None) -> "ActionTyper":
        """Load a typer saved by :meth:`save` (numpy + json only, no pickle).

        ``model_dir`` defaults to :func:`default_model_dir`.  Raises
        :class:`ModelNotFoundError` naming the training recipe when the
        directory or a file is missing.
        """
        d = Path(model_dir) if model_dir is not None else default_model_dir()
        vec, wts = d / cls.VECTORIZER_FILE, d / cls.WEIGHTS_FILE
        if not vec.is_file() or not wts.is_file():
            raise ModelNotFoundError(
                f"action-typer model not found in {d} (need {cls.VECTORIZER_FILE} and "
                f"{cls.WEIGHTS_FILE}); build it with: {TRAIN_RECIPE}"
            )
        spec = json.loads(vec.read_text(encoding="utf-8"))
        features = FeatureSpace.from_json(spec)
        with np.load(wts, allow_pickle=False) as z:
            coef = np.asarray(z["coef"], dtype=np.float64)
            intercept = np.asarray(z["intercept"], dtype=np.float64)
        classes = tuple(spec["classes"])
        if coef.shape != (len(classes), features.n_features):
            raise ValueError(f"model.npz coef shape {coef.shape} does not match "
                             f"{len(classes)} classes x {features.n_features} features; retrain: {TRAIN_RECIPE}")
        meta_p = d / cls.META_FILE
        meta = json.loads(meta_p.read_text(encoding="utf-8")) if meta_p.is_file() else {}
        return cls(features, classes, coef, intercept, meta)

    def save(self, model_dir: str | Path) -> Path:
        """Write vectorizer.json, model.npz and meta.json into ``model_dir``."""
        d = Path(model_dir)
        d.mkdir(parents=True, exist_ok=True)
        spec = self.features.to_json()
        spec["classes"] = list(self.classes)
        (d / self.VECTORIZER_FILE).write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        np.savez_compressed(d / self.WEIGHTS_FILE, coef=self.coef.astype(np.float32).astype(np.float64),
                            intercept=self.intercept)
        (d / self.META_FILE).write_text(json.dumps(self.meta, ensure_ascii=False, indent=2), encoding="utf-8")
        return d

    # ---- prediction ----------------------------------------------------------
    def _scores(self, phrase: str) -> np.ndarray:
        """Class logits of one phrase (sparse dot product)."""
        idx, val = self.features.row(phrase, self.cues)
        return self.coef[:, idx] @ val + self.intercept

    def predict_proba(self, phrase: str) -> dict[str, float]:
        """Probability of every type for ``phrase`` (softmax over logits)."""
        s = self._scores(phrase)
        s = np.exp(s - s.max())
        p = s / s.sum()
        return {c: float(x) for c, x in zip(self.classes, p)}

    def predict(self, phrase: str) -> tuple[str, float]:
        """Most likely type of ``phrase`` and its probability."""
        s = self._scores(phrase)
        s = np.exp(s - s.max())
        p = s / s.sum()
        k = int(np.argmax(p))
        return self.classes[k], float(p[k])

    def predict_many(self, phrases: Iterable[str]) -> list[tuple[str, float]]:
        """:meth:`predict` for each phrase, in order."""
        return [self.predict(p) for p in phrases]
