"""Quote classifier: is a quoted span a slogan, speech, citation, scare quote or title?

What: :func:`featurize` turns one candidate into a sparse ``{feature: value}``
dict (span character n-grams, the 1–6 characters around the quote marks,
speech/citation/campaign cue words, shape features); :class:`SloganClassifier`
applies a multinomial logistic-regression model stored as JSON (vocabulary,
labels) + ``.npz`` (coefficients).

Why: loading must be fast and independent of the scikit-learn version (no
pickle), and this module must stay free of spaCy; only numpy is needed at
inference. Training lives in :mod:`zhpolitics.training.slogans`.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Sequence

import numpy as np

from .candidates import Candidate
from ..resources import cached, path as resource_path
from .canonical import Lexicon, canonical, default_lexicon

LABELS: tuple[str, ...] = ("slogan", "speech", "citation", "scare", "title")


def _default_model_dir() -> Path:
    """``models/slogans`` as the one resolver finds it (checkout, wheel or ``ZHPOLITICS_MODELS``)."""
    from ..paths import model_path

    return Path(model_path("slogans"))


RECIPE = ("zhpolitics train slogans --data-dir ../shared/data --gold-dir ../shared/gold --out models/slogans "
          "(= python -m zhpolitics.training.slogans …)")

CN_NUMS = "一二两三四五六七八九十"
_FORMULA = re.compile(f"[{CN_NUMS}][个项大条最严实化好不讲有点为心]")
_FIRST_PERSON = re.compile("[我咱]|我们|咱们")
_SECOND_PERSON = re.compile("你|您")
_STOPS = "。！？!?…"
_CLASSICAL = set("之者也乎矣焉哉其曰兮夫")
@cached("slogans")
def feature_cues() -> dict:
    """Cue lists from ``resources/slogans/features.json`` (validated: every key the
    featurizer reads must be there, so a broken edit fails at load naming the file)."""
    path = resource_path("slogans", "features.json")
    cues = json.loads(path.read_text(encoding="utf-8"))
    missing = [k for k in _CUE_KEYS if k not in cues]
    if missing:
        raise ValueError(f"{path}: missing cue lists {missing}")
    return {k: (tuple(v) if isinstance(v, list) else v) for k, v in cues.items()}


_CUE_KEYS = ("speech_verbs", "campaign_left", "campaign_right", "citation_cues", "scare_left", "slogan_right",
             "title_cues", "frame_left", "frame_right", "event_suffixes", "period_suffixes", "problem_right",
             "problem_chars", "slogan_verbs")


def _ngrams(s: str, lo: int = 1, hi: int = 3, cap: int = 40) -> list[str]:
    s = s[:cap]
    out = []
    for n in range(lo, hi + 1):
        for i in range(len(s) - n + 1):
            out.append(f"g{n}:{s[i:i + n]}")
    return out


def _len_bucket(n: int) -> str:
    for b in (2, 3, 4, 5, 6, 8, 10, 14, 20, 30):
        if n <= b:
            return f"len<={b}"
    return "len>30"


def _sentence_window(text: str, a: int, b: int) -> str:
    """The sentence-ish window around ``a:b`` (bounded by 。！？ or newline)."""
    left = max(text.rfind(ch, 0, a) for ch in "。！？!?\n")
    right_cands = [i for i in (text.find(ch, b) for ch in "。！？!?\n") if i != -1]
    right = min(right_cands) if right_cands else len(text)
    return text[left + 1:right + 1]


def featurize(text: str, cand: Candidate, lexicon: Lexicon | None = None) -> dict[str, float]:
    """Feature dict for one candidate in ``text`` (offsets into the raw text).

    Groups: the span's characters, the characters just outside it, its inner shape
    (numbered, parallel, verb–object, length), cue words around it (speech, titles,
    campaign frames, event names, problem descriptions, business models), its line,
    and the lexicon — one feature among many, so unseen slogans are still found.
    """
    inner = text[cand.start:cand.end]
    left = text[max(0, cand.open_start - 8):cand.open_start]
    right = text[cand.close_end:cand.close_end + 8]
    f: dict[str, float] = {"bias_kind=" + cand.kind: 1.0}
    for g in _ngrams(inner):
        f[g] = 1.0
    f[_len_bucket(len(inner))] = 1.0
    f["loglen"] = math.log1p(len(inner)) / 4.0
    _edge_features(left, right, f)
    _shape_features(text, cand, inner, f)
    _cue_features(text, cand, inner, left, right, f)
    _frame_features(text, cand, inner, left, right, f)
    if cand.kind == "quoted":
        f["qmark=" + text[cand.open_start]] = 1.0
    if inner:
        f["first:" + inner[0]] = 1.0
        f["last:" + inner[-1]] = 1.0
        f["last2:" + inner[-2:]] = 1.0
    _lexicon_features(inner, f, lexicon)
    return f


def _edge_features(left: str, right: str, f: dict[str, float]) -> None:
    """The 1–6 characters on each side and the punctuation that touches the span."""
    for k in range(1, 7):
        if len(left) >= k:
            f[f"L{k}:{left[-k:]}"] = 1.0
        if len(right) >= k:
            f[f"R{k}:{right[:k]}"] = 1.0
    if not left or left[-1] in "。！？!?\n\u3000 ":
        f["sent_start"] = 1.0
    if left.endswith(("：", ":")):
        f["colon_before"] = 1.0
    if left.endswith(("，", ",")):
        f["comma_before"] = 1.0
    if right[:1] in ("，", ",", "。"):
        f["punct_after=" + right[:1]] = 1.0
    if right[:1] == "的":
        f["de_after"] = 1.0


def _shape_features(text: str, cand: Candidate, inner: str, f: dict[str, float]) -> None:
    """Inner shape: sentence stops, clauses, persons, enumerations, numerals."""
    n = len(inner)
    raw_inner = text[cand.open_start + 1:cand.close_end - 1] if cand.kind == "quoted" else inner
    tail = raw_inner.rstrip(" \u3000")[-1:] if raw_inner.strip() else ""
    if tail and tail in _STOPS:
        f["ends_stop"] = 1.0
    if tail in ("，", ","):
        f["ends_comma"] = 1.0
    clauses = re.split(r"[，,；;：:]", inner)
    if len(clauses) > 1:
        f["multi_clause"] = 1.0
        if _FIRST_PERSON.search(inner):
            f["clause_first_person"] = 1.0
        if len({len(c) for c in clauses if c}) == 1:
            f["parallel_clauses"] = 1.0
    if re.search(r"[。！？!?]", inner):
        f["inner_sentence_stop"] = 1.0
    if _FIRST_PERSON.search(inner):
        f["first_person"] = 1.0
    if _SECOND_PERSON.search(inner):
        f["second_person"] = 1.0
    if "、" in inner:
        f["enum"] = 1.0
        if len({len(p) for p in inner.split("、")}) == 1:
            f["enum_parallel"] = 1.0
    if _FORMULA.search(inner[:3]):
        f["formula_head"] = 1.0
    if re.fullmatch(f"[{CN_NUMS}][\u4e00-\u9fff]{{1,3}}([{CN_NUMS}][\u4e00-\u9fff]{{1,3}})*", inner):
        f["formula_full"] = 1.0
    if re.search(r"[A-Za-z0-9０-９Ａ-Ｚａ-ｚ]", inner):
        f["has_alnum"] = 1.0
    if re.search("[吗呢吧啊呀哩嘛啦]", inner):
        f["modal_particle"] = 1.0
    if n and sum(ch in _CLASSICAL for ch in inner) / n > 0.08:
        f["classical_dense"] = 1.0
    if re.search(f"[{CN_NUMS}]", inner) and n <= 8:
        f["short_with_numeral"] = 1.0
    if re.search(f"[{CN_NUMS}][\u4e00-\u9fff]{{1,2}}[{CN_NUMS}]", inner):
        f["num_x_num"] = 1.0
    if re.fullmatch(f"[{CN_NUMS}百千万]+[个項项]?", inner) or re.search(f"^[{CN_NUMS}百千万]{{2,}}[个個]", inner):
        f["number_measure"] = 1.0  # 一百七個: a count, not a formula
    _parallel_features(inner, f)


def _parallel_features(inner: str, f: dict[str, float]) -> None:
    """Parallel clauses (稳粮食、兴产业、美乡村) and what their clauses look like:
    verb–object clauses open with a slogan verb; problem descriptions close with an
    adjective (路面窄、照明缺); ability lists repeat their first character (会用、会看)."""
    cues = feature_cues()
    segs = [x for x in re.split(r"[、，,；;·]", inner) if x]
    if len(segs) < 2:
        return
    if all(2 <= len(x) <= 8 for x in segs) and len({len(x) for x in segs}) <= 2:
        f["parallel_short_segments"] = 1.0
        if not _FIRST_PERSON.search(inner):
            f["parallel_no_person"] = 1.0
    f[f"n_segs={min(len(segs), 5)}"] = 1.0
    if all(s[0] in cues["slogan_verbs"] for s in segs):
        f["segs_verb_object"] = 1.0
    if sum(s[-1] in cues["problem_chars"] for s in segs) >= len(segs) - 1:
        f["segs_problem_adj"] = 1.0
    if len({s[0] for s in segs}) == 1:
        f["segs_same_first"] = 1.0
    if len({s[-1] for s in segs}) == 1:
        f["segs_same_last"] = 1.0


def _cue_features(text: str, cand: Candidate, inner: str, left: str, right: str, f: dict[str, float]) -> None:
    """Speech, campaign, scare, citation and title cue words around the span."""
    cues = feature_cues()
    for cue in cues["speech_verbs"]:
        if left.endswith(cue) or left[:-1].endswith(cue) or right.startswith(cue) or right[1:].startswith(cue) \
                or right[:6].find(cue) >= 0:
            f["speech_cue"] = 1.0
            break
    for cue in cues["campaign_left"]:
        if cue in left[-5:]:
            f["campaign_left"] = 1.0
            f["cl:" + cue] = 1.0
    for cue in cues["campaign_right"]:
        if right.startswith(cue) or right[:1] in "”’\"" and right[1:].startswith(cue):
            f["campaign_right"] = 1.0
            f["cr:" + cue] = 1.0
    if any(cue in left[-4:] for cue in cues["scare_left"]):
        f["scare_left"] = 1.0
    if any(right.startswith(cue) for cue in cues["slogan_right"]):
        f["slogan_right"] = 1.0
    sent = _sentence_window(text, cand.open_start, cand.close_end)
    if any(cue in sent for cue in cues["citation_cues"]):
        f["citation_cue"] = 1.0
    if any(right.startswith(cue) or left.endswith(cue) for cue in cues["title_cues"]):
        f["title_cue"] = 1.0
    book = text.rfind("《", max(0, cand.open_start - 30), cand.open_start)
    if book != -1 and "》" not in text[book:cand.open_start]:
        f["inside_book_title"] = 1.0


def _frame_features(text: str, cand: Candidate, inner: str, left: str, right: str, f: dict[str, float]) -> None:
    """Campaign frames (以“…”为载体, 开展“…”活动), event and period names, problem
    descriptions (“…”等问题), business models (A+B+C), and headline lines."""
    cues = feature_cues()
    fl = [c for c in cues["frame_left"] if left.endswith(c)]
    fr = [c for c in cues["frame_right"] if right.startswith(c)]
    for c in fl:
        f["fL:" + c] = 1.0
    for c in fr:
        f["fR:" + c] = 1.0
    if fl and fr:
        f["frame_both"] = 1.0
    if right.startswith("等"):
        f["deng_after"] = 1.0
    if any(right.startswith(c) for c in cues["problem_right"]):
        f["problem_right"] = 1.0
    if any(inner.endswith(c) for c in cues["event_suffixes"]):
        f["event_suffix"] = 1.0
    if any(inner.endswith(c) for c in cues["period_suffixes"]):
        f["period_suffix"] = 1.0
    parts = [p for p in re.split(r"[+＋]", inner)]
    if len(parts) > 1:
        f["plus"] = 1.0
        f[f"plus_parts={min(len(parts), 4)}"] = 1.0
        if not parts[-1]:
            f["plus_open"] = 1.0
    line_a = text.rfind("\n", 0, cand.open_start) + 1
    line_b = text.find("\n", cand.close_end)
    line = text[line_a:line_b if line_b != -1 else len(text)]
    if len(line) <= 40 and not re.search(r"[。！？]", line):
        f["short_line"] = 1.0


_LEX_KEYS: dict[int, tuple[Lexicon, int, tuple[tuple[str, str], ...]]] = {}


def _lex_keys(lexicon: Lexicon) -> tuple[tuple[str, str], ...]:
    """Canonical forms (len ≥ 3) of all lexicon entries with their category, cached per lexicon."""
    hit = _LEX_KEYS.get(id(lexicon))
    if hit is not None and hit[0] is lexicon and hit[1] == lexicon.version:
        return hit[2]
    keys = []
    for e in lexicon:
        for form in e.forms():
            k = canonical(form)
            if len(k) >= 3:
                keys.append((k, e.category))
    _LEX_KEYS[id(lexicon)] = (lexicon, lexicon.version, tuple(keys))
    return _LEX_KEYS[id(lexicon)][2]


def _lexicon_features(inner: str, f: dict[str, float], lexicon: Lexicon | None) -> None:
    """Lexicon cues: exact canonical match (with category) or containment."""
    lex = lexicon if lexicon is not None else default_lexicon()
    e = lex.lookup(inner)
    if e is not None:
        f["lex_exact"] = 1.0
        f["lex_cat=" + (e.category or "none")] = 1.0
        return
    key = canonical(inner)
    for k, cat in _lex_keys(lex):
        if k in key:
            f["lex_contains"] = 1.0
            f["lex_contains_cat=" + (cat or "none")] = 1.0
            break


#: a quote longer than this, or holding a sentence end before its last character, is
#: quoted speech: no slogan in the lexicon, corpus/dev, the dev pages or 20,000 People's
#: Daily paragraphs is (625 such quotes there; the model called none of them slogan)
_SPEECH_MIN_LEN = 41


def _is_whole_speech(inner: str) -> bool:
    """Fast path: skip featurising long quoted speech (“……，……。……”) that cannot be a slogan."""
    if len(inner) >= _SPEECH_MIN_LEN:
        return True
    body = inner.rstrip("。！？!?…")
    return any(ch in body for ch in "。！？!?")


class SloganClassifier:
    """Numpy-only multinomial logistic regression over :func:`featurize` features."""

    def __init__(self, labels: Sequence[str], vocabulary: dict[str, int], coef: np.ndarray,
                 intercept: np.ndarray, meta: dict | None = None) -> None:
        self.labels = list(labels)
        self.vocabulary = vocabulary
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.meta = meta or {}
        self._coef_t = np.ascontiguousarray(self.coef.T)  # one row per feature: a cheap gather

    @classmethod
    def load(cls, model_dir: Path | str | None = None) -> "SloganClassifier":
        """Load ``model.json`` + ``weights.npz`` from ``model_dir`` (default ``models/slogans``).

        Raises :class:`FileNotFoundError` naming the training recipe if absent.
        """
        d = Path(model_dir) if model_dir is not None else _default_model_dir()
        cfg_p, w_p = d / "model.json", d / "weights.npz"
        if not cfg_p.exists() or not w_p.exists():
            raise FileNotFoundError(
                f"slogan model not found in {d} (need model.json and weights.npz); "
                f"train it with: {RECIPE}")
        cfg = json.loads(cfg_p.read_text(encoding="utf-8"))
        with np.load(w_p, allow_pickle=False) as w:
            coef, intercept = w["coef"], w["intercept"]
        meta = {k: v for k, v in cfg.items() if k not in ("vocabulary", "labels")}
        return cls(cfg["labels"], cfg["vocabulary"], coef, intercept, meta)

    def _scores(self, feats: dict[str, float]) -> np.ndarray:
        vocab = self.vocabulary
        idx, vals = [], []
        for name, val in feats.items():
            j = vocab.get(name)
            if j is not None:
                idx.append(j)
                vals.append(val)
        if not idx:
            return self.intercept.copy()
        return self.intercept + np.asarray(vals, dtype=self._coef_t.dtype) @ self._coef_t[idx]

    def predict_proba(self, text: str, candidates: Sequence[Candidate]) -> list[dict[str, float]]:
        """One ``{label: probability}`` dict per candidate (softmax over labels)."""
        out = []
        for c in candidates:
            if "speech" in self.labels and _is_whole_speech(text[c.start:c.end]):
                out.append({lab: float(lab == "speech") for lab in self.labels})
                continue
            s = self._scores(featurize(text, c))
            if s.shape[0] == 1:  # binary model: sklearn stores one row
                p1 = 1.0 / (1.0 + math.exp(-float(s[0])))
                out.append({self.labels[0]: 1 - p1, self.labels[1]: p1})
                continue
            e = np.exp(s - s.max())
            p = e / e.sum()
            out.append({lab: float(p[i]) for i, lab in enumerate(self.labels)})
        return out

    def predict(self, text: str, candidates: Sequence[Candidate]) -> list[str]:
        """One label per candidate: ``slogan`` when its probability reaches the model's
        ``threshold`` (``threshold_bare`` for unquoted candidates; both chosen by
        document-level CV at training), else the most probable other label; without a
        threshold, the most probable label."""
        out = []
        for c, p in zip(candidates, self.predict_proba(text, candidates)):
            thr = self.meta.get("threshold") if c.kind == "quoted" else \
                self.meta.get("threshold_bare", self.meta.get("threshold"))
            if thr is not None and "slogan" in p:
                if p["slogan"] >= thr:
                    out.append("slogan")
                    continue
                p = {k: v for k, v in p.items() if k != "slogan"}
            out.append(max(p, key=p.get))
        return out
