"""Train a tagger-only spaCy pipeline (pkuseg tokenizer + PKU POS tagger on ``token.tag_``).

The shipped model ``models/zh_pd98`` holds the tagger *and* the NER, trained
jointly by ``zhpolitics.training.ner``; this recipe trains the tagger alone (same
config, data and seed, no NER) for experiments or a smaller tagger-only model::

    python -m zhpolitics.training.tagger --data-dir ../shared/data --segmenter models/segmenter --out /tmp/zh_pd98_tagger

Training data: People's Daily 1998-01-01..24 gold words and tags (DEV slice held
out); tag accuracy is reported on days 25-31 with gold words and from raw text.
"""
from __future__ import annotations

import sys
from typing import Optional, Sequence

from .ner import run


def main(argv: Optional[Sequence[str]] = None) -> int:
    return run(argv, components=("tagger",), prog="zhpolitics train tagger")


if __name__ == "__main__":
    sys.exit(main())
