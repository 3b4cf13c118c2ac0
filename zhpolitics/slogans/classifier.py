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
from .canonical import Lexicon, canonical, default_lexicon

LABELS: tuple[str, ...] = ("slogan", "speech", "citation", "scare", "title")
DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "slogans"
RECIPE = "python -m zhpolitics.training.slogans --data-dir ../shared/data --out models/slogans"

CN_NUMS = "一二两三四五六七八九十"
_FORMULA = re.compile(f"[{CN_NUMS}][个项大条最严实化好不讲有点为心]")
_FIRST_PERSON = re.compile("[我咱]|我们|咱们")
_SECOND_PERSON = re.compile("你|您")
_STOPS = "。！？!?…"
_CLASSICAL = set("之者也乎矣焉哉其曰兮夫")
_SPEECH_VERBS = ("说", "表示", "指出", "强调", "感叹", "道", "认为", "告诉", "介绍", "称", "问", "答",
                 "回忆", "笑", "喊", "写道", "坦言", "感慨", "讲", "说道", "解释", "谈到", "提醒", "呼吁")
_CAMPAIGN_LEFT = ("开展", "践行", "诠释", "实施", "坚持", "贯彻", "落实", "提出", "实现", "围绕", "推进",
                  "抓好", "搞好", "推行", "深化", "组织", "发起", "启动", "掀起", "响应", "按照", "做到",
                  "树立", "弘扬", "争创", "创建", "评选", "坚定", "学习", "宣传", "执行", "遵循", "方针",
                  "实行", "完成", "打好", "建设", "打造", "探索", "营造", "发挥")
_CAMPAIGN_RIGHT = ("活动", "实践活动", "主题", "系列活动", "精神", "理念", "方针", "战略", "工程", "思想",
                   "要求", "目标", "原则", "工作", "方略", "政策", "机制", "模式", "制度", "运动", "教育",
                   "竞赛", "试点", "品牌", "建设", "行动", "格局", "承诺", "使命", "初心", "的要求", "的方针",
                   "的原则", "的战略", "的目标", "的思想", "的方略", "的重要思想", "组合拳", "招牌", "营商环境")
_CITATION_CUES = ("古人云", "古人说", "有道是", "俗话说", "常言道", "正如", "所说", "所言", "诗云", "曰",
                  "云：", "古语", "名言", "格言", "俗语", "谚语", "诗句", "诗中", "所云", "所谓")
_SCARE_LEFT = ("所谓", "号称", "称为", "誉为", "称之为", "叫做", "叫作", "俗称", "戏称", "人称", "被称为", "堪称", "之称")
_SLOGAN_RIGHT = ("的口号", "口号", "的号召", "的指示", "的思路", "的主张", "的方针", "的原则", "的要求", "的战略",
                 "的目标", "的精神", "的理念", "的总要求", "的重要思想", "的科学论断", "方针", "战略", "的使命",
                 "的承诺", "的初心", "的宗旨", "的工作思路", "的发展战略", "的基本方针", "的指导方针")
_TITLE_CUES = ("题为", "歌曲", "影片", "电影", "节目", "栏目", "专栏", "称号", "号", "牌", "奖", "杯",
               "书", "剧", "展览", "晚会", "演出", "主题为", "名为", "命名为", "荣誉", "标志")


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

    ``lexicon`` defaults to the packaged slogan lexicon; lexicon membership is
    one feature among many, so unseen slogans can still be recognised.
    """
    inner = text[cand.start:cand.end]
    raw_inner = text[cand.open_start + 1:cand.close_end - 1] if cand.kind == "quoted" else inner
    left = text[max(0, cand.open_start - 8):cand.open_start]
    right = text[cand.close_end:cand.close_end + 8]
    f: dict[str, float] = {"bias_kind=" + cand.kind: 1.0}
    for g in _ngrams(inner):
        f[g] = 1.0
    n = len(inner)
    f[_len_bucket(n)] = 1.0
    f["loglen"] = math.log1p(n) / 4.0
    # context characters just outside the quotes
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
    if right[:1] in ("的",):
        f["de_after"] = 1.0
    # inner shape
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
        lens = {len(c) for c in clauses if c}
        if len(lens) == 1:
            f["parallel_clauses"] = 1.0
    if re.search(r"[。！？!?]", inner):
        f["inner_sentence_stop"] = 1.0
    if _FIRST_PERSON.search(inner):
        f["first_person"] = 1.0
    if _SECOND_PERSON.search(inner):
        f["second_person"] = 1.0
    if "、" in inner:
        parts = inner.split("、")
        f["enum"] = 1.0
        if len({len(p) for p in parts}) == 1:
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
    # cue words in the window around the quotes
    for cue in _SPEECH_VERBS:
        if left.endswith(cue) or left[:-1].endswith(cue) or right.startswith(cue) or right[1:].startswith(cue) \
                or right[:6].find(cue) >= 0:
            f["speech_cue"] = 1.0
            break
    for cue in _CAMPAIGN_LEFT:
        if cue in left[-5:]:
            f["campaign_left"] = 1.0
            f["cl:" + cue] = 1.0
    for cue in _CAMPAIGN_RIGHT:
        if right.startswith(cue) or right[:1] in "”’\"" and right[1:].startswith(cue):
            f["campaign_right"] = 1.0
            f["cr:" + cue] = 1.0
    for cue in _SCARE_LEFT:
        if cue in left[-4:]:
            f["scare_left"] = 1.0
            break
    for cue in _SLOGAN_RIGHT:
        if right.startswith(cue):
            f["slogan_right"] = 1.0
            break
    if re.search(f"[{CN_NUMS}]", inner) and n <= 8:
        f["short_with_numeral"] = 1.0
    if re.search(f"[{CN_NUMS}][\u4e00-\u9fff]{{1,2}}[{CN_NUMS}]", inner):
        f["num_x_num"] = 1.0
    segs = [x for x in re.split(r"[、，,；;]", inner) if x]
    if len(segs) >= 2 and all(2 <= len(x) <= 8 for x in segs) and len({len(x) for x in segs}) <= 2:
        f["parallel_short_segments"] = 1.0
        if not _FIRST_PERSON.search(inner):
            f["parallel_no_person"] = 1.0
    sent = _sentence_window(text, cand.open_start, cand.close_end)
    for cue in _CITATION_CUES:
        if cue in sent:
            f["citation_cue"] = 1.0
            break
    for cue in _TITLE_CUES:
        if right.startswith(cue) or left.endswith(cue):
            f["title_cue"] = 1.0
            break
    if cand.kind == "quoted":
        f["qmark=" + text[cand.open_start]] = 1.0
    # positional prefix/suffix characters of the span
    if inner:
        f["first:" + inner[0]] = 1.0
        f["last:" + inner[-1]] = 1.0
        f["last2:" + inner[-2:]] = 1.0
    _lexicon_features(inner, f, lexicon)
    return f


_LEX_KEYS: dict[int, tuple[Lexicon, tuple[tuple[str, str], ...]]] = {}


def _lex_keys(lexicon: Lexicon) -> tuple[tuple[str, str], ...]:
    """Canonical forms (len ≥ 3) of all lexicon entries with their category, cached per lexicon."""
    hit = _LEX_KEYS.get(id(lexicon))
    if hit is not None and hit[0] is lexicon:
        return hit[1]
    keys = []
    for e in lexicon:
        for form in e.forms():
            k = canonical(form)
            if len(k) >= 3:
                keys.append((k, e.category))
    _LEX_KEYS[id(lexicon)] = (lexicon, tuple(keys))
    return _LEX_KEYS[id(lexicon)][1]


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
        d = Path(model_dir) if model_dir is not None else DEFAULT_MODEL_DIR
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
        """Most probable label per candidate."""
        return [max(p, key=p.get) for p in self.predict_proba(text, candidates)]
