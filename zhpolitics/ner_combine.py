"""Combine the character-level and the word-level NER into one set of PER/LOC/ORG spans.

Why.  The two models fail differently.  The character model (``models/zh_charner``)
cannot be misled by a word segmenter that cuts a name, so it finds more persons; the
word model (inside ``models/zh_pd98``) sees whole words and is better at long
organisation names and at where a place name ends.  When both agree they are right
about 96% of the time; when they disagree, which one to trust depends on the label,
the length of the span, its last character (省, 市, 村, 委…) and whether a general
dictionary knows the string as a name or a place.

What.  Persons come from the character model, except where the word model calls an
overlapping stretch LOC or ORG: on the People's Daily test days that scores PER F1
.895, the character model alone .892, the learned combination only .862.  For places
and organisations :class:`NerCombiner` scores every other span either model proposed
with a small multinomial logistic regression (classes O/PER/LOC/ORG) over such
features, then keeps the best non-overlapping LOC/ORG spans (LOC .835/.836 for the
models alone, .869 combined; ORG .724/.799 → .819).  It is trained by
``zhpolitics.training.nercombine`` with scikit-learn on the held-out DEV slice of
People's Daily days 01–24 and stored without pickle (``combiner.json`` with the
feature vocabulary, ``weights.npz`` with the coefficients), so loading needs only
numpy and cannot execute code from the model files.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from .lexicon import entry

Span = tuple[int, int, str]

MODEL_FORMAT = "zhpolitics-ner-combiner/1"
TRAIN_RECIPE = ("python -m zhpolitics.training.nercombine --data-dir ../shared/data "
                "--char-model models/zh_charner --word-model models/zh_pd98 --out models/ner_combiner")
CLASSES = ("O", "PER", "LOC", "ORG")


def _exact(spans: Sequence[Span]) -> dict[tuple[int, int], str]:
    return {(s, e): lab for s, e, lab in spans}


def _overlap_label(spans: Sequence[Span], s: int, e: int) -> str:
    labs = sorted({lab for a, b, lab in spans if a < e and s < b and (a, b) != (s, e)})
    return "+".join(labs) if labs else "none"


def candidates(text: str, char_spans: Sequence[Span], word_spans: Sequence[Span]) -> list[tuple[int, int, list[str]]]:
    """Every span proposed by either model, with its features (strings)."""
    ce, we = _exact(char_spans), _exact(word_spans)
    out = []
    for s, e in sorted(set(ce) | set(we)):
        c, w = ce.get((s, e), "none"), we.get((s, e), "none")
        L = e - s
        span = text[s:e]
        lex = entry(span) if 2 <= L <= 6 else None
        tag = lex[1] if lex else "none"
        tag = tag if tag in ("nr", "nrt", "nrfg", "ns", "nt", "nz", "n") else ("other" if lex else "none")
        lb = str(min(L, 9))
        feats = [
            "c=" + c, "w=" + w, "cw=" + c + "|" + w,
            "c_ov=" + (_overlap_label(char_spans, s, e) if c == "none" else "-"),
            "w_ov=" + (_overlap_label(word_spans, s, e) if w == "none" else "-"),
            "len=" + lb, "cw_len=" + c + "|" + w + "|" + lb,
            "lex=" + tag, "cw_lex=" + c + "|" + w + "|" + tag,
            "last=" + span[-1], "first=" + span[0], "last2=" + span[-2:],
            "prev=" + (text[s - 1] if s > 0 else "^"), "next=" + (text[e] if e < len(text) else "$"),
            "c_last=" + c + "|" + span[-1], "w_last=" + w + "|" + span[-1],
        ]
        out.append((s, e, feats))
    return out


class NerCombiner:
    """Score and select PER/LOC/ORG spans from two NER models (see module doc)."""

    def __init__(self, vocab: dict[str, int], coef: np.ndarray, intercept: np.ndarray, meta: dict | None = None):
        self.vocab = vocab
        self.coef = coef
        self.intercept = intercept
        self.meta = meta or {}

    # ---- persistence --------------------------------------------------------
    @classmethod
    def load(cls, model_dir: str | Path) -> "NerCombiner":
        d = Path(model_dir)
        spec_p, w_p = d / "combiner.json", d / "weights.npz"
        if not spec_p.is_file() or not w_p.is_file():
            raise FileNotFoundError(f"NER combiner not found in {d}; build it with: {TRAIN_RECIPE}")
        spec = json.loads(spec_p.read_text(encoding="utf-8"))
        if spec.get("format") != MODEL_FORMAT:
            raise ValueError(f"{spec_p}: format {spec.get('format')!r}, expected {MODEL_FORMAT!r}; retrain: {TRAIN_RECIPE}")
        with np.load(w_p, allow_pickle=False) as z:
            coef, intercept = np.asarray(z["coef"], dtype=np.float64), np.asarray(z["intercept"], dtype=np.float64)
        vocab = {f: i for i, f in enumerate(spec["features"])}
        if coef.shape != (len(CLASSES), len(vocab)):
            raise ValueError(f"{w_p}: coef shape {coef.shape} does not match the vocabulary; retrain: {TRAIN_RECIPE}")
        return cls(vocab, coef, intercept, spec.get("meta", {}))

    def save(self, model_dir: str | Path) -> Path:
        d = Path(model_dir)
        d.mkdir(parents=True, exist_ok=True)
        feats = [f for f, _ in sorted(self.vocab.items(), key=lambda x: x[1])]
        spec = {"format": MODEL_FORMAT, "classes": list(CLASSES), "features": feats, "meta": self.meta,
                "recipe": TRAIN_RECIPE}
        (d / "combiner.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        np.savez_compressed(d / "weights.npz", coef=self.coef.astype(np.float32), intercept=self.intercept.astype(np.float32))
        return d

    # ---- prediction -----------------------------------------------------------
    def proba(self, feats: Iterable[str]) -> np.ndarray:
        idx = [self.vocab[f] for f in feats if f in self.vocab]
        z = self.coef[:, idx].sum(axis=1) + self.intercept
        z = np.exp(z - z.max())
        return z / z.sum()

    def combine_many(self, texts: Sequence[str], char_preds: Sequence[Sequence[Span]],
                     word_preds: Sequence[Sequence[Span]], voter_preds: Sequence[Sequence[Sequence[Span]]] = ()
                     ) -> list[list[Span]]:
        """:meth:`combine` for each text; ``voter_preds`` holds one prediction list per voter."""
        return [self.combine(t, c, w, [v[i] for v in voter_preds])
                for i, (t, c, w) in enumerate(zip(texts, char_preds, word_preds))]

    def combine(self, text: str, char_spans: Sequence[Span], word_spans: Sequence[Span],
                more_char: Sequence[Sequence[Span]] = ()) -> list[Span]:
        """The selected spans, sorted, non-overlapping: persons first, then the
        best-scoring LOC/ORG candidates that do not overlap them.

        Persons: with ``more_char`` (the PER spans of further character models) a span
        is a person when at least two of all the models propose exactly it; without,
        the character model's persons minus those the word model calls LOC/ORG."""
        scored = []
        for s, e, feats in candidates(text, char_spans, word_spans):
            p = self.proba(feats)
            k = int(np.argmax(p))
            if CLASSES[k] in ("LOC", "ORG"):
                scored.append((float(p[k]), s, e, CLASSES[k]))
        taken = bytearray(len(text) + 1)
        out: list[Span] = []
        if more_char:
            votes: dict[tuple[int, int], int] = {}
            for spans in (char_spans, word_spans, *more_char):
                for s, e in {(s, e) for s, e, lab in spans if lab == "PER"}:
                    votes[(s, e)] = votes.get((s, e), 0) + 1
            persons = [(s, e, "PER") for (s, e), n in sorted(votes.items(), key=lambda x: (-x[1], x[0])) if n >= 2]
        else:
            persons = [(s, e, lab) for s, e, lab in char_spans if lab == "PER" and not any(
                a < e and s < b and wl != "PER" for a, b, wl in word_spans)]  # (林芝, 六良屯: places per the word model)
        for s, e, lab in persons:
            if not any(taken[s:e]):
                taken[s:e] = b"\x01" * (e - s)
                out.append((s, e, lab))
        for _p, s, e, lab in sorted(scored, reverse=True):
            if any(taken[s:e]):
                continue
            taken[s:e] = b"\x01" * (e - s)
            out.append((s, e, lab))
        return sorted(out)
