"""Readers for the public corpora used to train and evaluate zhpolitics' models.

All readers take paths inside the shared data folder (``../shared/data`` by
default, see ``SOURCES.md`` there).  Nothing here is copied into the package.

Corpora
-------
* People's Daily January 1998, PKU segmentation + POS (``pos/peoples_daily_199801.txt``):
  :func:`read_pd98` -> :class:`Paragraph` (id, date, words, tags, NER spans).
* MSRA NER, character BIO (``ner/msra/*.txt``): :func:`read_char_bio`.
* CLUENER2020 JSON lines (``ner/cluener2020/*.jsonl``): :func:`read_cluener`.
* SIGHAN 2005 bakeoff (``cws/``): :func:`read_sighan_gold`, :func:`read_sighan_raw`.

Entity spans are always ``(start_char, end_char, label)`` with an exclusive end,
over the paragraph / sentence text obtained by concatenating the words (no
spaces).  Labels are ``PER``, ``LOC`` and ``ORG``.

Split: days 19980101-19980124 are TRAIN (a held-out slice of them is DEV),
days 19980125-19980131 are TEST for every model.  Never train on TEST.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

Span = Tuple[int, int, str]

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data"

PD98_FILE = "pos/peoples_daily_199801.txt"
MSRA_TEST = "ner/msra/msra_test_bio.txt"
MSRA_TRAIN = "ner/msra/msra_val_from_train_bio.txt"
CLUENER_TRAIN = "ner/cluener2020/train.jsonl"
CLUENER_DEV = "ner/cluener2020/dev.jsonl"
PKU_TEST = "cws/pku_test.utf8"
PKU_GOLD = "cws/pku_test_gold.utf8"
MSR_TEST = "cws/msr_test.utf8"
MSR_GOLD = "cws/msr_test_gold.utf8"

TRAIN_DAYS = tuple(range(1, 25))  # 19980101 .. 19980124
TEST_DAYS = tuple(range(25, 32))  # 19980125 .. 19980131
# Held-out DEV slice taken from the training days (used for early stopping /
# model selection only).  Every 10th day-stable paragraph of days 01-24.
DEV_MODULO = 10

LABELS = ("PER", "LOC", "ORG")


class DataMissing(FileNotFoundError):
    """Raised when the shared data folder (or one of its files) is absent."""


def resolve_data_dir(data_dir: Optional[os.PathLike] = None) -> Path:
    """Return the data dir (``../shared/data`` relative to the repo by default)."""
    candidates = []
    if data_dir is not None:
        candidates.append(Path(data_dir))
    else:
        env = os.environ.get("ZHPOLITICS_DATA_DIR")
        if env:
            candidates.append(Path(env))
        candidates.append(Path("../shared/data"))
        candidates.append(DEFAULT_DATA_DIR)
    for c in candidates:
        if (c / "SOURCES.md").exists() or (c / PD98_FILE).exists():
            return c
    raise DataMissing(
        "shared training data not found (looked in %s); pass --data-dir pointing at "
        "the folder described in SOURCES.md" % ", ".join(str(c) for c in candidates)
    )


def data_file(data_dir: Optional[os.PathLike], rel: str) -> Path:
    p = resolve_data_dir(data_dir) / rel
    if not p.exists():
        raise DataMissing(f"missing data file: {p}")
    return p


# ---------------------------------------------------------------------------
# People's Daily 1998 (PKU POS)
# ---------------------------------------------------------------------------


@dataclass
class Paragraph:
    id: str  # e.g. 19980101-01-001-001
    date: str  # e.g. 19980101
    words: List[str]
    tags: List[str]
    spans: List[Span] = field(default_factory=list)
    # bracketed compounds: (first_word_index, end_word_index, tag)
    compounds: List[Tuple[int, int, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.words)

    @property
    def day(self) -> int:
        return int(self.date[6:8])

    @property
    def seq(self) -> int:
        """Running paragraph number inside the day's page/article id."""
        parts = self.id.split("-")
        return int(parts[-1]) + 1000 * int(parts[-2]) + 1000000 * int(parts[-3])

    def word_offsets(self) -> List[Tuple[int, int]]:
        out, pos = [], 0
        for w in self.words:
            out.append((pos, pos + len(w)))
            pos += len(w)
        return out


def _split_token(tok: str) -> Tuple[str, str]:
    i = tok.rfind("/")
    if i <= 0:
        return tok, "x"
    return tok[:i], tok[i + 1 :]


_COMPOUND_END = re.compile(r"^(.*)\](\w+)$")


def parse_pd98_line(line: str) -> Optional[Paragraph]:
    """Parse one line of the PD 1998 file; ``None`` for blank lines."""
    toks = line.split()
    if not toks:
        return None
    pid, _ = _split_token(toks[0])
    words: List[str] = []
    tags: List[str] = []
    compounds: List[Tuple[int, int, str]] = []
    open_at: Optional[int] = None
    for tok in toks[1:]:
        if tok.startswith("[") and len(tok) > 1 and "/" in tok:
            open_at = len(words)
            tok = tok[1:]
        m = _COMPOUND_END.match(tok)
        ctag = None
        if m and "/" in m.group(1):
            tok, ctag = m.group(1), m.group(2)
        w, t = _split_token(tok)
        words.append(w)
        tags.append(t)
        if ctag is not None and open_at is not None:
            compounds.append((open_at, len(words), ctag))
            open_at = None
    para = Paragraph(id=pid, date=pid[:8], words=words, tags=tags, compounds=compounds)
    para.spans = pd98_spans(para)
    return para


def pd98_spans(para: Paragraph) -> List[Span]:
    """NER spans: adjacent ``nr`` merged into PER (surname + given name, see
    :func:`group_person_tokens`); ``ns``/``[..]ns`` LOC; ``nt``/``[..]nt`` ORG.

    A ``[..]ns``/``[..]nt`` compound wins over the words inside it; inside other
    compounds (``[..]nz`` etc.) the words' own tags are used.
    """
    offs = para.word_offsets()
    covered = [False] * len(para.words)
    spans: List[Span] = []
    for s, e, ctag in para.compounds:
        label = {"ns": "LOC", "nt": "ORG"}.get(ctag)
        if label is None:
            continue
        spans.append((offs[s][0], offs[e - 1][1], label))
        for i in range(s, e):
            covered[i] = True
    i, n = 0, len(para.words)
    while i < n:
        if covered[i]:
            i += 1
            continue
        t = para.tags[i]
        if t == "nr":
            j = i + 1
            while j < n and para.tags[j] == "nr" and not covered[j]:
                j += 1
            for a, b in group_person_tokens(para.words[i:j]):
                spans.append((offs[i + a][0], offs[i + b - 1][1], "PER"))
            i = j
            continue
        if t in ("ns", "nt"):
            spans.append((offs[i][0], offs[i][1], "LOC" if t == "ns" else "ORG"))
        i += 1
    spans.sort()
    return spans


COMPOUND_SURNAMES = frozenset(
    "欧阳 诸葛 司马 上官 南宫 令狐 东方 皇甫 尉迟 公孙 慕容 夏侯 端木 长孙 宇文 司徒 西门 申屠 独孤 "
    "澹台 轩辕 呼延 万俟 闻人 赫连 东郭 百里 钟离 拓跋 完颜".split()
)


def group_person_tokens(words: Sequence[str]) -> List[Tuple[int, int]]:
    """Group a run of adjacent ``nr`` words into person names.

    People's Daily splits Chinese names into surname + given name (``江/nr 泽民/nr``)
    and writes name lists without separators (``张/nr 万年/nr 迟/nr 浩田/nr``).  A
    surname (one character, or a known two-character compound surname) followed by
    a one- or two-character word is one name; any other word is a name on its own.
    Returns ``(start, end)`` word index pairs relative to ``words``.
    """
    out, i, n = [], 0, len(words)
    while i < n:
        w = words[i]
        if i + 1 < n and (len(w) == 1 or w in COMPOUND_SURNAMES) and len(words[i + 1]) <= 2:
            out.append((i, i + 2))
            i += 2
        else:
            out.append((i, i + 1))
            i += 1
    return out


def read_pd98(data_dir: Optional[os.PathLike] = None, path: Optional[os.PathLike] = None) -> List[Paragraph]:
    p = Path(path) if path else data_file(data_dir, PD98_FILE)
    out = []
    with open(p, encoding="utf-8") as f:
        for line in f:
            para = parse_pd98_line(line)
            if para is not None and para.words:
                out.append(para)
    return out


def is_dev(para: Paragraph) -> bool:
    """Stable held-out DEV slice of the training days (~10%)."""
    return para.day in TRAIN_DAYS and (hash_str(para.id) % DEV_MODULO == 0)


def hash_str(s: str) -> int:
    import zlib

    return zlib.crc32(s.encode("utf-8"))


def split_pd98(paras: Sequence[Paragraph]) -> Dict[str, List[Paragraph]]:
    """Split into ``train`` (days 01-24 minus dev), ``dev`` (held-out slice of days
    01-24), ``train_all`` (days 01-24) and ``test`` (days 25-31)."""
    out: Dict[str, List[Paragraph]] = {"train": [], "dev": [], "train_all": [], "test": []}
    for p in paras:
        if p.day in TEST_DAYS:
            out["test"].append(p)
        elif p.day in TRAIN_DAYS:
            out["train_all"].append(p)
            out["dev" if is_dev(p) else "train"].append(p)
    return out


def by_days(paras: Iterable[Paragraph], days: Iterable[int]) -> List[Paragraph]:
    ds = set(days)
    return [p for p in paras if p.day in ds]


# ---------------------------------------------------------------------------
# Character BIO (MSRA, PD98 NER)
# ---------------------------------------------------------------------------


@dataclass
class NerSentence:
    text: str
    spans: List[Span]
    source: str = ""
    # spans whose label is unknown / not mapped: mark as missing in training
    missing: List[Tuple[int, int]] = field(default_factory=list)


def bio_to_spans(labels: Sequence[str]) -> List[Span]:
    spans: List[Span] = []
    start, cur = None, None
    for i, lab in enumerate(list(labels) + ["O"]):
        lab = lab.strip() or "O"
        if lab.startswith("B-") or lab.startswith("S-") or lab == "O" or (
            lab.startswith(("I-", "M-", "E-")) and lab[2:] != cur
        ):
            if cur is not None:
                spans.append((start, i, cur))
                cur = None
            if lab.startswith(("B-", "S-", "I-", "M-", "E-")):
                start, cur = i, lab[2:]
        if lab.startswith(("S-", "E-")) and cur is not None:
            spans.append((start, i + 1, cur))
            cur = None
    return spans


def read_char_bio(path: os.PathLike, source: str = "") -> List[NerSentence]:
    """Read a one-character-per-line BIO file (char, whitespace, label; blank line
    between sentences)."""
    out: List[NerSentence] = []
    chars: List[str] = []
    labs: List[str] = []

    def flush():
        if chars:
            out.append(NerSentence("".join(chars), bio_to_spans(labs), source))
        chars.clear()
        labs.clear()

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                continue
            parts = line.split()
            if len(parts) == 1:  # a space char or missing label
                if line[0] in " \t\u3000" and len(parts) == 1:
                    chars.append(" ")
                    labs.append(parts[0])
                else:
                    chars.append(parts[0])
                    labs.append("O")
                continue
            chars.append(parts[0][0])
            labs.append(parts[-1])
    flush()
    return out


def read_msra(data_dir: Optional[os.PathLike] = None, split: str = "test") -> List[NerSentence]:
    rel = MSRA_TEST if split == "test" else MSRA_TRAIN
    return read_char_bio(data_file(data_dir, rel), source="msra-" + split)


# ---------------------------------------------------------------------------
# CLUENER2020
# ---------------------------------------------------------------------------

_ADMIN_SUFFIX = tuple("省市县区州旗盟镇乡村") + ("自治区", "特别行政区", "地区", "街道")
_FACILITY_HINT = re.compile(r"[路街道号站厦店园门口楼场馆院所心城桥巷弄室层座处馆湖山河江岛湾港]|以南|以北|以东|以西|附近|大学|广场")
_COUNTRY_LIKE = set(
    "中国 美国 英国 法国 德国 日本 韩国 俄罗斯 印度 意大利 西班牙 加拿大 澳大利亚 新加坡 越南 泰国 朝鲜 巴西 "
    "阿根廷 墨西哥 埃及 伊朗 伊拉克 以色列 土耳其 荷兰 瑞士 瑞典 挪威 芬兰 丹麦 波兰 乌克兰 希腊 葡萄牙 比利时 "
    "奥地利 新西兰 南非 菲律宾 印尼 印度尼西亚 马来西亚 巴基斯坦 缅甸 蒙古 欧洲 亚洲 非洲 美洲 台湾 香港 澳门 "
    "西藏 新疆 内蒙古 宁夏 广西".split()
)


def _cluener_address_is_admin(name: str, admin_names: Optional[Set[str]] = None) -> Optional[bool]:
    """True: administrative place (LOC); False: clearly a facility/street; None: unsure."""
    if name in _COUNTRY_LIKE or (admin_names and name in admin_names):
        return True
    if len(name) >= 2 and name.endswith(_ADMIN_SUFFIX) and not _FACILITY_HINT.search(name[:-1]):
        return True
    if len(name) <= 3 and not _FACILITY_HINT.search(name):
        return None
    return False


def load_admin_names(data_dir: Optional[os.PathLike] = None) -> Set[str]:
    """Names (full and without the trailing 省/市/县/区 suffix) of NBS divisions."""
    import csv

    names: Set[str] = set()
    try:
        base = resolve_data_dir(data_dir) / "admin"
    except DataMissing:
        return names
    for fn in ("provinces.csv", "cities.csv", "areas.csv"):
        p = base / fn
        if not p.exists():
            continue
        with open(p, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                n = (row.get("name") or "").strip()
                if not n or n in ("市辖区", "县"):
                    continue
                names.add(n)
                for suf in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市", "县", "区"):
                    if n.endswith(suf) and len(n) - len(suf) >= 2:
                        names.add(n[: -len(suf)])
                        break
    return names


def read_cluener(
    data_dir: Optional[os.PathLike] = None,
    split: str = "train",
    admin_names: Optional[Set[str]] = None,
) -> List[NerSentence]:
    """CLUENER2020 mapped onto PER/LOC/ORG.

    name -> PER; government, organization -> ORG; address -> LOC when it is an
    administrative place (country, province, city, county, town...), otherwise the
    span is marked *missing*; company and scene spans are marked missing too
    (their conventions differ from People's Daily); the other types are O.
    """
    rel = CLUENER_TRAIN if split == "train" else CLUENER_DEV
    out = []
    with open(data_file(data_dir, rel), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            text = d["text"]
            spans: List[Span] = []
            missing: List[Tuple[int, int]] = []
            for typ, ents in (d.get("label") or {}).items():
                for name, offsets in ents.items():
                    for s, e in offsets:
                        e = e + 1
                        if typ == "name":
                            spans.append((s, e, "PER"))
                        elif typ in ("government", "organization"):
                            spans.append((s, e, "ORG"))
                        elif typ == "address":
                            adm = _cluener_address_is_admin(name, admin_names)
                            if adm:
                                spans.append((s, e, "LOC"))
                            else:
                                missing.append((s, e))
                        elif typ in ("company", "scene"):
                            missing.append((s, e))
            spans = _remove_overlaps(sorted(spans))
            out.append(NerSentence(text, spans, "cluener-" + split, missing))
    return out


def _remove_overlaps(spans: List[Span]) -> List[Span]:
    out: List[Span] = []
    for sp in spans:
        if out and sp[0] < out[-1][1]:
            if (sp[1] - sp[0]) > (out[-1][1] - out[-1][0]):
                out[-1] = sp
            continue
        out.append(sp)
    return out


# ---------------------------------------------------------------------------
# SIGHAN 2005 CWS
# ---------------------------------------------------------------------------


def read_sighan_gold(path: os.PathLike) -> List[List[str]]:
    with open(path, encoding="utf-8") as f:
        return [line.split() for line in f]


def read_sighan_raw(path: os.PathLike) -> List[str]:
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\r\n") for line in f]


def read_pku_test(data_dir: Optional[os.PathLike] = None) -> Tuple[List[str], List[List[str]]]:
    raw = read_sighan_raw(data_file(data_dir, PKU_TEST))
    gold = read_sighan_gold(data_file(data_dir, PKU_GOLD))
    assert len(raw) == len(gold), (len(raw), len(gold))
    return raw, gold


# ---------------------------------------------------------------------------
# Scoring helpers
# ---------------------------------------------------------------------------


def word_spans(words: Sequence[str]) -> Set[Tuple[int, int]]:
    out, pos = set(), 0
    for w in words:
        w = w.strip()
        if not w:
            continue
        out.add((pos, pos + len(w)))
        pos += len(w)
    return out


def seg_prf(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> Tuple[float, float, float]:
    """Word-level P/R/F1 (SIGHAN style, spans over the concatenated characters)."""
    tp = ng = np_ = 0
    for g, p in zip(gold, pred):
        gs, ps = word_spans(g), word_spans(p)
        tp += len(gs & ps)
        ng += len(gs)
        np_ += len(ps)
    pr = tp / np_ if np_ else 0.0
    rc = tp / ng if ng else 0.0
    f = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return pr, rc, f


def span_prf(
    gold: Sequence[Iterable[Span]], pred: Sequence[Iterable[Span]], labels: Sequence[str] = LABELS
) -> Dict[str, Tuple[float, float, float, int]]:
    """Exact-match character-offset span P/R/F1 per label and ``ALL``."""
    res = {}
    for lab in list(labels) + ["ALL"]:
        tp = ng = np_ = 0
        for g, p in zip(gold, pred):
            gs = {s for s in g if lab == "ALL" or s[2] == lab}
            ps = {s for s in p if lab == "ALL" or s[2] == lab}
            tp += len(gs & ps)
            ng += len(gs)
            np_ += len(ps)
        pr = tp / np_ if np_ else 0.0
        rc = tp / ng if ng else 0.0
        f = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        res[lab] = (pr, rc, f, ng)
    return res


# ---------------------------------------------------------------------------
# Overlap between corpora (see SOURCES.md)
# ---------------------------------------------------------------------------

_SENT_SPLIT = re.compile(r"(?<=[。！？!?；;])")


def sentence_keys(text: str, min_len: int = 8) -> Set[str]:
    return {s for s in (x.strip() for x in _SENT_SPLIT.split(text)) if len(s) >= min_len}


def overlap_filter(items: Iterable, key_text, against: Set[str]) -> List:
    """Drop items any of whose sentences (>= 8 chars) occurs in ``against``."""
    out = []
    for it in items:
        keys = sentence_keys(key_text(it))
        if keys & against:
            continue
        out.append(it)
    return out


def to_pkuseg_lines(paras: Iterable[Paragraph]) -> Iterator[str]:
    for p in paras:
        yield " ".join(p.words)
