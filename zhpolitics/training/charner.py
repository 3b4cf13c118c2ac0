"""Train ``models/zh_charner``: a character-level PER/LOC/ORG NER.

Recipe (fixed seed 0, about 25 minutes on 2 cores)::

    python -m zhpolitics.training.charner --data-dir ../shared/data --out models/zh_charner

Why a second NER.  The word-level NER in ``models/zh_pd98`` scores PER .905 / LOC
.854 on the test days when it is given the gold words, but .831 / .836 from raw
text: every name the segmenter cuts is a name it cannot predict.  This model works
on characters (see :mod:`zhpolitics.charner` for its bigram and dictionary-lattice
features), so a segmentation error costs a feature, never the entity.

Training data (days 19980125-31 are never used):

* People's Daily 1998-01-01..24 minus the held-out DEV slice; entities as in
  ``models/zh_pd98`` (adjacent ``nr`` merged into PER, ``ns``/``[..]ns`` LOC,
  ``nt``/``[..]nt`` ORG).  Paragraphs sharing a sentence with the MSRA test set are
  dropped.  The DEV slice is the spaCy dev set.
* Augmentation for name lists without separators: copies of PD paragraphs with the
  ``、`` between two person names removed.
* MSRA ``msra_val_from_train`` (sentences shared with the PD test days dropped) and
  the CLUENER2020 train sentences that contain a ``name``; CLUENER company/scene and
  non-administrative addresses are *missing* (no loss).  Character spans align by
  construction, so nothing is dropped for cutting a token.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from . import corpora
from .ner import report_scores, scratch_dir

SEED = 0
CONFIG = Path(__file__).with_name("configs") / "zh_charner.cfg"


def char_doc(vocab, text: str, spans: Sequence[corpora.Span], missing: Sequence[Tuple[int, int]] = ()):
    """Reference Doc: one token per character, entities from char offsets."""
    from spacy.tokens import Doc

    doc = Doc(vocab, words=list(text), spaces=[False] * len(text))
    ents, taken = [], set()
    for s, e, lab in sorted(spans):
        if taken.intersection(range(s, e)):
            continue
        taken.update(range(s, e))
        ents.append(doc.char_span(s, e, label=lab))
    miss = []
    for s, e in sorted(missing):
        if taken.intersection(range(s, e)):
            continue
        taken.update(range(s, e))
        miss.append(doc.char_span(s, e))
    doc.set_ents(ents, missing=miss, default="outside")
    return doc


def drop_list_separators_chars(text: str, spans: Sequence[corpora.Span]) -> Optional[Tuple[str, List[corpora.Span]]]:
    """Remove the ``、`` between two person names; shift the spans accordingly."""
    per_end = {e for s, e, lab in spans if lab == "PER"}
    per_start = {s for s, e, lab in spans if lab == "PER"}
    drop = [i for i, c in enumerate(text) if c == "、" and i in per_end and i + 1 in per_start]
    if not drop:
        return None
    dropset = set(drop)
    shift = [0] * (len(text) + 1)
    k = 0
    for i in range(len(text) + 1):
        shift[i] = k
        if i in dropset:
            k += 1
    new_text = "".join(c for i, c in enumerate(text) if i not in dropset)
    new_spans = [(s - shift[s], e - shift[e], lab) for s, e, lab in spans]
    return new_text, new_spans


def per_only(spans: Sequence[corpora.Span], missing: Sequence[Tuple[int, int]]):
    """Keep PER; turn every other span into *missing* (other corpora's LOC/ORG conventions
    differ from People's Daily: facilities as LOC, generic organisations as ORG)."""
    keep = [s for s in spans if s[2] == "PER"]
    miss = list(missing) + [(s, e) for s, e, lab in spans if lab != "PER"]
    return keep, miss


def build_docbins(data_dir, work_dir: Path, use_msra: bool = True, use_cluener: bool = True,
                  augment: bool = True, other_labels: bool = False, log=print) -> Dict[str, Path]:
    import spacy
    from spacy.tokens import DocBin

    rng = random.Random(SEED)
    work_dir.mkdir(parents=True, exist_ok=True)
    vocab = spacy.blank("zh").vocab
    split = corpora.split_pd98(corpora.read_pd98(data_dir))
    msra_test_keys = set()
    for s in corpora.read_msra(data_dir, "test"):
        msra_test_keys |= corpora.sentence_keys(s.text)
    train_paras = corpora.overlap_filter(split["train"], lambda p: p.text, msra_test_keys)
    log(f"[charner] PD train paragraphs {len(split['train'])}, after MSRA-test de-dup {len(train_paras)}")
    docs, n_aug = [], 0
    for p in train_paras:
        docs.append(char_doc(vocab, p.text, p.spans))
        if augment:
            v = drop_list_separators_chars(p.text, p.spans)
            if v is not None:
                docs.append(char_doc(vocab, *v))
                n_aug += 1
    log(f"[charner] name-list augmentation docs: {n_aug}")
    if use_msra:
        test_keys = set()
        for p in split["test"]:
            test_keys |= corpora.sentence_keys(p.text)
        msra = corpora.overlap_filter(corpora.read_msra(data_dir, "train"), lambda s: s.text, test_keys)
        docs.extend(char_doc(vocab, s.text, *((s.spans, s.missing) if other_labels else per_only(s.spans, s.missing)))
                    for s in msra)
        log(f"[charner] MSRA train sentences {len(msra)}")
    if use_cluener:
        admin = corpora.load_admin_names(data_dir)
        cl = [s for s in corpora.read_cluener(data_dir, "train", admin) if any(x[2] == "PER" for x in s.spans)]
        docs.extend(char_doc(vocab, s.text, *((s.spans, s.missing) if other_labels else per_only(s.spans, s.missing)))
                    for s in cl)
        log(f"[charner] CLUENER train sentences with a name {len(cl)}")
    rng.shuffle(docs)
    dev_docs = [char_doc(vocab, p.text, p.spans) for p in split["dev"]]
    paths = {"train": work_dir / "train.spacy", "dev": work_dir / "dev.spacy"}
    DocBin(docs=docs, store_user_data=False).to_disk(paths["train"])
    DocBin(docs=dev_docs, store_user_data=False).to_disk(paths["dev"])
    log(f"[charner] wrote {len(docs)} train docs, {len(dev_docs)} dev docs to {work_dir}")
    return paths


def train_spacy(paths: Dict[str, Path], work_dir: Path, max_steps: int, eval_frequency: int,
                extra: Optional[Dict[str, object]] = None) -> Path:
    from spacy.cli.train import train as spacy_train

    from .. import charner  # noqa: F401  (registers the tokenizer)

    overrides = {
        "paths.train": str(paths["train"]),
        "paths.dev": str(paths["dev"]),
        "system.seed": SEED,
        "training.max_steps": max_steps,
        "training.eval_frequency": eval_frequency,
    }
    overrides.update(extra or {})
    out = work_dir / "output"
    spacy_train(CONFIG, out, overrides=overrides, use_gpu=-1)
    return out / "model-best"


def package(model_best: Path, out: Path) -> None:
    import spacy

    from .. import charner  # noqa: F401

    nlp = spacy.load(model_best)
    nlp.meta["name"] = "charner"
    nlp.meta["version"] = "0.1.0"
    nlp.meta["description"] = (
        "zhpolitics: character-level PER/LOC/ORG NER with bigram and dictionary-lattice features, "
        "trained on People's Daily 1998-01-01..24 (+ MSRA train slice, CLUENER2020 names). "
        "See models/README.md."
    )
    nlp.meta["license"] = "research use (training data: PKU People's Daily 1998, MSRA/SIGHAN 2006, CLUENER2020)"
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)


def evaluate(model_dir: Path, data_dir, limit: Optional[int] = None) -> dict:
    """Char-level PER/LOC/ORG P/R/F1 on the PD test days and the MSRA test set."""
    import spacy

    from .. import charner  # noqa: F401
    from .ner import doc_spans, msra_test_dedup

    nlp = spacy.load(model_dir)
    split = corpora.split_pd98(corpora.read_pd98(data_dir))
    test = split["test"][:limit] if limit else split["test"]
    pred = [doc_spans(d) for d in nlp.pipe((p.text for p in test), batch_size=64)]
    res = {"ner_test_days_raw": corpora.span_prf([p.spans for p in test], pred)}
    msra = msra_test_dedup(data_dir)
    if limit:
        msra = msra[:limit]
    pred = [doc_spans(d) for d in nlp.pipe((s.text for s in msra), batch_size=64)]
    res["msra_test"] = corpora.span_prf([s.spans for s in msra], pred)
    res["msra_test_n"] = len(msra)
    return res


def build_parser(prog: str = "zhpolitics train charner") -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog=prog,
        description="Train the character-level PER/LOC/ORG NER (models/zh_charner) on People's Daily "
        "1998-01-01..24 + the MSRA train slice + CLUENER2020 names, then evaluate it on days 25-31 and "
        "the MSRA test set (character-level span F1).",
    )
    ap.add_argument("--data-dir", default="../shared/data", help="shared data folder (see SOURCES.md)")
    ap.add_argument("--out", default="models/zh_charner", help="output pipeline dir")
    ap.add_argument("--work-dir", default=None, help="scratch dir (DocBins, spaCy checkpoints); default temp")
    ap.add_argument("--max-steps", type=int, default=10000, help="spaCy training steps (~25 min on 2 cores)")
    ap.add_argument("--eval-frequency", type=int, default=1000)
    ap.add_argument("--no-msra", action="store_true", help="do not train on the MSRA train slice")
    ap.add_argument("--no-cluener", action="store_true", help="do not train on CLUENER2020")
    ap.add_argument("--no-augment", action="store_true", help="no name-list augmentation")
    ap.add_argument("--other-labels", action="store_true",
                    help="also learn LOC/ORG from MSRA and CLUENER (default: PER only from them; their LOC/ORG "
                    "are missing, because their conventions differ from People's Daily)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="spaCy config override, e.g. components.tok2vec.model.encode.width=64 (repeatable; "
                    "VALUE is parsed as JSON when it can be)")
    ap.add_argument("--package-only", default=None, metavar="MODEL_BEST",
                    help="skip training; package this spaCy model dir")
    ap.add_argument("--no-eval", action="store_true")
    return ap


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = corpora.resolve_data_dir(args.data_dir)
    out = Path(args.out)
    with (nullcontext(None) if args.package_only else scratch_dir(args.work_dir, "zhp_charner_")) as work:
        if args.package_only:
            best = Path(args.package_only)
        else:
            t0 = time.time()
            paths = build_docbins(data_dir, work, use_msra=not args.no_msra, use_cluener=not args.no_cluener,
                                  other_labels=args.other_labels, augment=not args.no_augment)
            print(f"[charner] data prepared in {time.time() - t0:.0f}s", flush=True)
            t0 = time.time()
            extra = {}
            for kv in args.set:
                k, _, v = kv.partition("=")
                try:
                    extra[k] = json.loads(v)
                except ValueError:
                    extra[k] = v
            best = train_spacy(paths, work, args.max_steps, args.eval_frequency, extra)
            print(f"[charner] trained in {time.time() - t0:.0f}s", flush=True)
        package(best, out)
        print(f"[charner] saved pipeline to {out}", flush=True)
        if not args.no_eval:
            report_scores("charner", evaluate(out, data_dir), out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
