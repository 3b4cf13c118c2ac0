"""Build ``villages.tsv.xz``, the compact village index shipped with zhpolitics.

Usage (from the repository root; re-runnable whenever the source table changes)::

    python zhpolitics/data/admin/build_village_index.py ../shared/data/admin

Source: ``villages_2021-10-31_liyanjie2048.csv`` (MIT, liyanjie2048; data from the
National Bureau of Statistics).  The index is not the CSV: one line per town (street)
code, then that town's villages as ``<3-digit suffix><name>`` joined by ``|``; the
12-digit village code is the town code + the suffix, and the county, prefecture and
province codes are prefixes of the town code.  xz-compressed.
"""

from __future__ import annotations

import csv
import lzma
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "villages.tsv.xz"
HEADER = "# zhpolitics village index v1: town_code<TAB>suffix+name|suffix+name...; source villages_2021-10-31_liyanjie2048.csv (MIT)"


def main(src_dir: str) -> None:
    src = next(iter(sorted(Path(src_dir).glob("villages*.csv"))))
    towns: dict[str, list[str]] = {}
    with open(src, encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            code, town = row["code"], row["streetCode"]
            if len(code) != 12 or not code.startswith(town) or "|" in row["name"] or "\t" in row["name"]:
                raise ValueError(f"{src}: unexpected row {row}")
            towns.setdefault(town, []).append(code[9:] + row["name"])
    lines = [HEADER] + [f"{t}\t{'|'.join(v)}" for t, v in sorted(towns.items())]
    OUT.write_bytes(lzma.compress(("\n".join(lines) + "\n").encode("utf-8"), preset=9 | lzma.PRESET_EXTREME))
    print(f"{OUT}: {sum(len(v) for v in towns.values())} villages in {len(towns)} towns, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/admin")
