"""Train, shrink and evaluate the word segmenter (a ``spacy-pkuseg`` CRF model).

Recipe (fixed data split, deterministic trainer: zero-initialised weights, fixed
example order)::

    python -m zhpolitics.training.segmenter --data-dir ../shared/data --out models/segmenter

Steps:

1. write pkuseg training files: days 19980101-19980124 of the People's Daily
   POS corpus (``train.txt``) and a monitor file (``dev.txt``, a ~10% slice of
   the same days; pkuseg only prints its score per iteration, nothing is
   selected on it).  Days 25-31 are the test split and never used here.
2. ``spacy_pkuseg.train`` for ``--iters`` iterations (about 150 s each).
3. shrink: drop features whose weights are all below ``--prune`` in absolute
   value, drop the bigram list (unused at inference), drop unigram entries no
   surviving feature refers to, round the weights to float16 precision and
   store them compressed (``np.savez_compressed``; pkuseg's loader reads them
   back as float64).
4. evaluate word P/R/F1 on the test days and on the SIGHAN 2005 PKU test, using
   the model through spaCy's Chinese tokenizer without pkuseg's default user
   dictionary.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import numpy as np

from . import corpora

SEED = 0


# ---------------------------------------------------------------------------
# training
# ---------------------------------------------------------------------------


def write_training_files(data_dir, work_dir: Path) -> Dict[str, Path]:
    work_dir.mkdir(parents=True, exist_ok=True)
    paras = corpora.read_pd98(data_dir)
    split = corpora.split_pd98(paras)
    files = {"train": work_dir / "train.txt", "dev": work_dir / "dev.txt"}
    with open(files["train"], "w", encoding="utf-8") as f:
        for line in corpora.to_pkuseg_lines(split["train_all"]):
            f.write(line + "\n")
    with open(files["dev"], "w", encoding="utf-8") as f:
        for line in corpora.to_pkuseg_lines(split["dev"]):
            f.write(line + "\n")
    return files


def surnames_from_pd98(paras: Sequence[corpora.Paragraph], min_count: int = 2) -> set:
    """One-character surnames: first word of a (surname, given name) ``nr`` pair."""
    from collections import Counter

    c: Counter = Counter()
    for p in paras:
        for i in range(len(p.words) - 1):
            if (p.tags[i] == "nr" and p.tags[i + 1] == "nr" and len(p.words[i]) == 1
                    and len(p.words[i + 1]) <= 2 and (i == 0 or p.tags[i - 1] != "nr")):
                c[p.words[i]] += 1
    return {k for k, v in c.items() if v >= min_count} | set(corpora.COMPOUND_SURNAMES)


def split_person(name: str, surnames: set) -> List[str]:
    """Segment a person name the People's Daily way: surname + given name; foreign
    and other names stay one word."""
    for sn in sorted(surnames, key=len, reverse=True):
        if name.startswith(sn) and 1 <= len(name) - len(sn) <= 2:
            return [sn, name[len(sn):]]
    return [name]


def pseudo_gold_lines(data_dir, base_model: Path, surnames: set) -> List[str]:
    """Name-boundary augmentation: MSRA train-slice and CLUENER sentences with a
    person name, segmented by ``base_model`` and then forced to have word
    boundaries at the edges of person names, split as surname + given name.
    Sentences sharing a sentence with the PD test days are dropped."""
    tok = make_tokenizer_nlp(base_model)
    split = corpora.split_pd98(corpora.read_pd98(data_dir))
    test_keys = set()
    for p in split["test"]:
        test_keys |= corpora.sentence_keys(p.text)
    sents = corpora.overlap_filter(corpora.read_msra(data_dir, "train"), lambda s: s.text, test_keys)
    sents += [s for s in corpora.read_cluener(data_dir, "train") if any(x[2] == "PER" for x in s.spans)]
    lines = []
    for s in sents:
        text = s.text
        if any(ch.isspace() for ch in text):
            continue
        cuts = set()
        for t in tok.make_doc(text):
            cuts.add(t.idx)
        cuts.add(len(text))
        for a, b, lab in s.spans:
            if lab != "PER":  # LOC/ORG conventions differ between corpora: keep the model's words
                continue
            for k in [k for k in cuts if a < k < b]:
                cuts.discard(k)
            cuts.add(a)
            cuts.add(b)
            parts = split_person(text[a:b], surnames)
            if len(parts) == 2:
                cuts.add(a + len(parts[0]))
        cuts = sorted(k for k in cuts if 0 <= k <= len(text))
        words = [text[i:j] for i, j in zip(cuts, cuts[1:]) if j > i]
        if cuts and cuts[0] != 0:
            words.insert(0, text[: cuts[0]])
        lines.append(" ".join(words))
    return lines


def train_raw(data_dir, work_dir: Path, iters: int, name_augment_from: Optional[Path] = None) -> Path:
    import spacy_pkuseg

    random.seed(SEED)
    np.random.seed(SEED)
    files = write_training_files(data_dir, work_dir)
    if name_augment_from is not None:
        paras = corpora.split_pd98(corpora.read_pd98(data_dir))["train_all"]
        extra = pseudo_gold_lines(data_dir, name_augment_from, surnames_from_pd98(paras))
        with open(files["train"], "a", encoding="utf-8") as f:
            for line in extra:
                f.write(line + "\n")
        print(f"[segmenter] name-boundary augmentation: {len(extra)} sentences", flush=True)
    raw_dir = work_dir / "raw_model"
    t0 = time.time()
    spacy_pkuseg.train(str(files["train"]), str(files["dev"]), str(raw_dir), train_iter=iters)
    print(f"[segmenter] trained {iters} iterations in {time.time() - t0:.0f}s -> {raw_dir}", flush=True)
    return raw_dir


# ---------------------------------------------------------------------------
# shrinking
# ---------------------------------------------------------------------------


def shrink(raw_dir: Path, out_dir: Path, prune: float = 0.05, dtype=np.float16) -> Dict[str, float]:
    """Write a pruned, quantised copy of a pkuseg model directory."""
    import srsly

    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    feats = srsly.read_msgpack(raw_dir / "features.msgpack")
    npz = np.load(raw_dir / "weights.npz")
    n_tag, n_feature = (int(x) for x in npz["sizes"])
    w = npz["w"].astype(np.float64)
    node = w[: n_tag * n_feature].reshape(n_feature, n_tag)
    edge = w[n_tag * n_feature :]
    keep = np.abs(node).max(axis=1) >= prune
    keep[0] = True  # "$$" start feature, always index 0 at inference
    old_f2i: Dict[str, int] = feats["feature_to_idx"]
    idx2feat = [None] * n_feature
    for k, v in old_f2i.items():
        idx2feat[v] = k
    new_f2i: Dict[str, int] = {}
    order = np.nonzero(keep)[0]
    for new, old in enumerate(order):
        new_f2i[idx2feat[old]] = int(new)
    new_node = node[order]
    # words still referenced by a word feature or a word-bigram feature
    used_words = set()
    for k in new_f2i:
        if k.startswith("w-1.") or k.startswith("w1."):
            used_words.add(k.split(".", 1)[1])
        elif k.startswith("ww.l.") or k.startswith("ww.r."):
            for part in k[5:].split("*"):
                if part != "**noWord":
                    used_words.add(part)
    unigram = [u for u in feats["unigram"] if u in used_words]
    q = lambda a: a.astype(dtype).astype(np.float64)
    new_w = np.concatenate([q(new_node).reshape(-1), q(edge)])
    out_dir.mkdir(parents=True, exist_ok=True)
    srsly.write_msgpack(
        out_dir / "features.msgpack",
        {"unigram": unigram, "bigram": [], "feature_to_idx": new_f2i, "tag_to_idx": feats["tag_to_idx"]},
    )
    np.savez_compressed(out_dir / "weights.npz", sizes=np.array([n_tag, len(order)]), w=new_w)
    stats = {
        "features_before": n_feature,
        "features_after": int(len(order)),
        "unigram_before": len(feats["unigram"]),
        "unigram_after": len(unigram),
        "bytes_before": sum(f.stat().st_size for f in raw_dir.iterdir() if f.is_file()),
        "bytes_after": sum(f.stat().st_size for f in out_dir.iterdir() if f.is_file()),
    }
    return stats


# ---------------------------------------------------------------------------
# spaCy tokenizer + evaluation
# ---------------------------------------------------------------------------


def make_tokenizer_nlp(model_dir: Path):
    """A blank ``zh`` pipeline whose tokenizer is this pkuseg model (no user dict)."""
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    nlp.tokenizer.initialize(pkuseg_model=str(model_dir))
    nlp.tokenizer.pkuseg_seg.postprocesser.do_process = False
    return nlp


def segment(nlp, texts: Sequence[str]) -> List[List[str]]:
    out = []
    for t in texts:
        out.append([tok.text for tok in nlp.tokenizer(t) if not tok.is_space])
    return out


def evaluate(model_dir: Path, data_dir, limit: Optional[int] = None) -> Dict[str, float]:
    nlp = make_tokenizer_nlp(model_dir)
    paras = corpora.split_pd98(corpora.read_pd98(data_dir))["test"]
    if limit:
        paras = paras[:limit]
    gold = [p.words for p in paras]
    pred = segment(nlp, [p.text for p in paras])
    res = {}
    res["test_days_P"], res["test_days_R"], res["test_days_F1"] = corpora.seg_prf(gold, pred)
    raw, gold = corpora.read_pku_test(data_dir)
    if limit:
        raw, gold = raw[:limit], gold[:limit]
    pred = segment(nlp, raw)
    res["pku_test_P"], res["pku_test_R"], res["pku_test_F1"] = corpora.seg_prf(gold, pred)
    return res


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="zhpolitics train segmenter",
        description="Train the spacy-pkuseg word segmenter on People's Daily 1998-01-01..24, "
        "shrink it and evaluate on days 25-31 and the SIGHAN 2005 PKU test.",
    )
    ap.add_argument("--data-dir", default="../shared/data", help="shared data folder (see SOURCES.md)")
    ap.add_argument("--out", default="models/segmenter", help="output dir for the shrunk model")
    ap.add_argument("--work-dir", default=None, help="scratch dir for training files and the raw model "
                    "(default: a temp dir, or <out>.work with --keep-work)")
    ap.add_argument("--iters", type=int, default=5, help="pkuseg training iterations (~150 s each)")
    ap.add_argument("--prune", type=float, default=0.05,
                    help="drop features whose largest |weight| is below this")
    ap.add_argument("--name-augment", action="store_true",
                    help="add MSRA-train/CLUENER sentences with forced word boundaries at entity edges "
                    "(names as surname + given name), pre-segmented by a PD98-only model")
    ap.add_argument("--base-model", default=None,
                    help="with --name-augment: PD98-only model used to pre-segment (default: train it first)")
    ap.add_argument("--raw-model", default=None, help="skip training, shrink this raw pkuseg model dir")
    ap.add_argument("--no-eval", action="store_true", help="skip evaluation")
    ap.add_argument("--eval-raw", action="store_true", help="also evaluate the unshrunk model (F1 cost)")
    ap.add_argument("--keep-work", action="store_true", help="keep the work dir")
    return ap


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = corpora.resolve_data_dir(args.data_dir)
    out = Path(args.out)
    tmp = None
    if args.raw_model:
        raw_dir = Path(args.raw_model)
    else:
        if args.work_dir:
            work = Path(args.work_dir)
        elif args.keep_work:
            work = out.with_name(out.name + ".work")
        else:
            tmp = tempfile.mkdtemp(prefix="zhp_seg_")
            work = Path(tmp)
        base = None
        if args.name_augment:
            if args.base_model:
                base = Path(args.base_model)
            else:  # stage 1: PD98 only, shrunk, used to pre-segment the augmentation text
                stage1 = train_raw(data_dir, work / "stage1", args.iters)
                base = work / "stage1_shrunk"
                shrink(stage1, base, prune=args.prune)
        raw_dir = train_raw(data_dir, work, args.iters, name_augment_from=base)
    try:
        stats = shrink(raw_dir, out, prune=args.prune)
        print("[segmenter] shrink:", json.dumps(stats), flush=True)
        report = {"shrink": stats}
        if not args.no_eval:
            if args.eval_raw:
                r = evaluate(raw_dir, data_dir)
                print("[segmenter] raw model:", json.dumps(r), flush=True)
                report["raw"] = r
            r = evaluate(out, data_dir)
            print("[segmenter] shrunk model:", json.dumps(r), flush=True)
            report["shrunk"] = r
        (out.parent / (out.name + ".scores.json")).write_text(json.dumps(report, indent=1))
    finally:
        if tmp and not args.keep_work:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
