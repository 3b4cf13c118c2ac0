"""DEPUTY or PERSON, decided once per person from all of that person's mentions.

Why per person.  A page says 省人大代表，某公司总经理邓佳明 once and then 邓佳明 ten
times; a profile page opens with ``NAME：quote`` and says ``NAME是县人大代表`` three
paragraphs later; 县委书记张伟代表县委… uses 代表 as a verb.  A decision per mention
sees one of these clues at a time; a person's role is the sum of them.

How.  The rules (:mod:`.detect`) find the mentions; here the mentions are grouped by
name, and a logistic regression (``models/people/roles.json``, trained by
``python -m zhpolitics.training.people``) reads features gathered around every
occurrence of the name in the document: congress titles before it in the same clause
chain (any separator), 代表 right after it, 代表 used as a verb (代表 + organisation),
a copula 是/当选…代表 after it, a profile heading, CPPCC and Party-congress words, and
what the rules concluded.  The cue words are data: ``resources/people/role_cues.json``.

No spaCy, no scikit-learn at run time: the weights are a JSON dictionary.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..resources import ResourceError, check_keys, component_dir, read_json
from ..text import sentence_bounds

FORMAT = "zhpolitics-people-roles-v1"
_CUE_LISTS = {"title_words", "verb_objects", "verb_org_suffixes", "copula", "cppcc", "party_congress", "official_roles",
              "chain_stops"}
_CUE_STRINGS = {"daibiao", "verb_place_not_after", "verb_place_units"}


def role_cues() -> dict:
    """The cue words of the current people rule folder (cached per folder)."""
    return _role_cues_at(component_dir("people"))


@lru_cache(maxsize=8)
def _role_cues_at(folder: Path) -> dict:
    """The cue words, checked against their keys and types (an unknown key is a typo)."""
    where = str(folder / "role_cues.json")
    cues = read_json("people", "role_cues.json")
    check_keys(cues, _CUE_LISTS | _CUE_STRINGS | {"_doc"}, where, required=_CUE_LISTS | _CUE_STRINGS)
    for k in _CUE_LISTS:
        if not isinstance(cues[k], list) or not all(isinstance(w, str) and w for w in cues[k]):
            raise ResourceError(f"{where}: {k}: expected a list of non-empty strings")
    for k in _CUE_STRINGS:
        if not isinstance(cues[k], str) or not cues[k]:
            raise ResourceError(f"{where}: {k}: expected a non-empty string")
    return cues


def _patterns() -> dict[str, re.Pattern]:
    return _patterns_at(component_dir("people"))


@lru_cache(maxsize=8)
def _patterns_at(folder: Path) -> dict[str, re.Pattern]:
    c = role_cues()

    def alt(words: list[str]) -> str:
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    return {
        "title": re.compile(alt(c["title_words"])),
        # 代表 + a body spoken for: a listed one (县委), or a place name (ending in its
        # unit: 苍南县) + a listed body suffix (人民政府)
        "verb": re.compile(re.escape(c["daibiao"]) + "(?:" + alt(c["verb_objects"]) + "|(?![" + re.escape(c["verb_place_not_after"])
                           + r"])[\u4e00-\u9fff]{1,6}?[" + re.escape(c["verb_place_units"]) + "](?:"
                           + alt(c["verb_org_suffixes"]) + "))"),
        "copula": re.compile("(?:" + alt(c["copula"]) + ")[^。！？\n]{0,24}?(?:" + alt(c["title_words"]) + ")"),
        "cppcc": re.compile(alt(c["cppcc"])),
        "party": re.compile(alt(c["party_congress"])),
        "official": re.compile("(?:" + alt(c["official_roles"]) + ")$"),
        "chain_stop": re.compile("[" + re.escape("".join(c["chain_stops"])) + "]"),
    }


def daibiao_is_verb(norm: str, i: int) -> bool:
    """代表 at ``i`` used as a verb: followed by the body spoken for (代表县委、县政府…)."""
    return bool(_patterns()["verb"].match(norm, i))


@dataclass
class PersonEvidence:
    """What one person's mentions say: the features, and the strongest chain level."""

    features: dict[str, float] = field(default_factory=dict)
    chain_titles: list[int] = field(default_factory=list)  # title starts seen in a chain


def _bump(f: dict[str, float], key: str, v: float = 1.0) -> None:
    f[key] = f.get(key, 0.0) + v


def _occurrence(norm: str, s: int, e: int, f: dict[str, float], ev: PersonEvidence) -> None:
    """Features of one occurrence ``norm[s:e]`` of the name."""
    p = _patterns()
    ss, se = sentence_bounds(norm, s)
    before, after = norm[ss:s], norm[e:se]
    t = None
    for t in p["title"].finditer(before):
        pass
    if t is not None:
        gap = before[t.end():]
        key = "near" if len(gap) <= 2 else "mid" if len(gap) <= 25 else "far"
        _bump(f, "title_before_" + key)
        if not p["chain_stop"].search(gap):
            _bump(f, "title_chain")
            ev.chain_titles.append(ss + t.start())
            if "，" in gap or "," in gap:
                _bump(f, "title_chain_comma")
    if after.startswith(role_cues()["daibiao"]):
        _bump(f, "daibiao_verb" if p["verb"].match(after) else "daibiao_after")
    if p["copula"].match(after) or p["copula"].search(after[:30]):
        _bump(f, "copula_title")
    if p["title"].search(after[:20]):
        _bump(f, "title_after")
    if p["cppcc"].search(norm[ss:se]):
        _bump(f, "cppcc_sentence")
    if p["party"].search(norm[ss:se]):
        _bump(f, "party_sentence")
    if p["official"].search(before[-8:]):
        _bump(f, "official_before")
    line_start = s == 0 or norm[s - 1] == "\n" or not norm[max(0, s - 4):s].strip(" \u3000\t")
    if line_start and norm[e:e + 1] in ("：", ":", "\n", ""):
        _bump(f, "heading")


def person_evidence(norm: str, name: str, rule_labels: list[str], sources: list[str],
                    doc_stats: dict[str, float]) -> PersonEvidence:
    """The features of the person called ``name``, over all its occurrences in ``norm``."""
    ev = PersonEvidence()
    f = ev.features
    n = 0
    i = norm.find(name)
    while i != -1 and n < 50:
        _occurrence(norm, i, i + len(name), f, ev)
        n += 1
        i = norm.find(name, i + 1)
    for k in list(f):
        f[k] = math.log1p(f[k])  # counts grow with the page; their log is a steadier clue
    for src in sorted(set(sources)):
        f["src:" + (src.split(":")[0] if src.startswith("role:") else src)] = 1.0
    f["rule_deputy"] = float("DEPUTY" in rule_labels)  # what the title rules concluded
    f["n_occ"] = math.log1p(n)
    f["len"] = float(len(name))
    f.update(doc_stats)
    f["bias"] = 1.0
    return ev


def doc_stats(norm: str) -> dict[str, float]:
    """Page-level clues: how much the page is about congress deputies at all."""
    p = _patterns()
    return {"doc_titles": math.log1p(len(p["title"].findall(norm))),
            "doc_cppcc": math.log1p(len(p["cppcc"].findall(norm))),
            "doc_party": math.log1p(len(p["party"].findall(norm)))}


@dataclass(frozen=True)
class RoleModel:
    """A linear model over named features (``roles.json``)."""

    weights: dict[str, float]
    threshold: float = 0.5

    def prob(self, features: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict:
        return {"format": FORMAT, "threshold": self.threshold, "weights": self.weights}

    @classmethod
    def from_json(cls, data: dict, where: str = "roles.json") -> "RoleModel":
        if data.get("format") != FORMAT:
            raise ValueError(f"{where}: format {data.get('format')!r}, expected {FORMAT!r}")
        return cls({k: float(v) for k, v in data["weights"].items()}, float(data.get("threshold", 0.5)))


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> RoleModel | None:
    """The shipped model (``models/people/roles.json``), or None when it is not built:
    then the rules' labels stand (build it with ``python -m zhpolitics.training.people``)."""
    if path is None:
        from ..paths import model_path

        p = model_path("people") / "roles.json"
    else:
        p = Path(path)
    if not p.is_file():
        return None
    return RoleModel.from_json(json.loads(p.read_text("utf-8")), str(p))
