"""The ``zhpolitics`` command line.

    zhpolitics extract corpus/sample -o out.jsonl        # run the pipeline over a corpus
    zhpolitics evaluate corpus/dev/gold.jsonl            # score against gold
    zhpolitics slogans corpus/sample -o slogans.csv      # slogans over a corpus
    zhpolitics gazetteer add ../shared/data/admin        # add village data
    zhpolitics train slogans --data-dir ../shared/data   # rebuild a model
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__

PIPELINE_HELP = ("Pipeline: 'default' (= 'fast': rules everywhere, statistical models only on sentences "
                 "that need them), 'full' (models on every sentence), 'rules' (no models).")


EXIT_OK, EXIT_DOC_ERRORS, EXIT_USAGE, EXIT_RUN_FAILED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", "": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


class UsageProblem(click.UsageError):
    """A usage error whose message already says what to do (no '--help' hint appended)."""


class RunFailed(click.ClickException):
    """The run could not go on (output not writable, scheduler unreachable): exit 3."""

    exit_code = EXIT_RUN_FAILED


class _OneLineErrors(click.Group):
    """A group whose errors are one line each, with the exit codes of ``zhpolitics --help``.

    Click's own usage errors take three lines (usage, hint, error); researchers run
    this from scripts and logs, where one line that says what to do is what helps.
    """

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[override]
        try:
            rv = super().main(args, prog_name or "zhpolitics", complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            cmd = exc.ctx.command_path if exc.ctx is not None else "zhpolitics"
            hint = "" if isinstance(exc, UsageProblem) else f" (see '{cmd} --help')"
            click.echo(f"{cmd}: error: {exc.format_message().rstrip('.')}{hint}", err=True)
            sys.exit(EXIT_USAGE)
        except click.ClickException as exc:
            click.echo(f"zhpolitics: error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Abort, KeyboardInterrupt):
            click.echo("zhpolitics: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        sys.exit(rv if isinstance(rv, int) else EXIT_OK)


@click.group(cls=_OneLineErrors, name="zhpolitics",
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="zhpolitics")
@click.option("-v", "--verbose", count=True,
              help="Say more on stderr: -v what is being done and third-party warnings, -vv debug notes.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only on stderr (no warnings such as 'running rules only').")
def main(verbose: int, quiet: bool) -> None:
    """Extract people's congress deputies, places (with division codes), policy slogans
    and who-did-what links from Chinese political news.

    Offline: everything it needs ships with the package and its models/ folder.
    Run 'zhpolitics COMMAND --help' for the options of each command.

    \b
    Exit codes: 0 every document ok; 1 some documents are error records (extract,
    unless --allow-errors); 2 usage error (bad option, missing input, bad or existing
    output, changed input on --resume, duplicate id under --strict-ids); 3 the run
    failed (output not writable, disk full, Dask scheduler unreachable); 130 Ctrl-C.

    Messages go to stderr through the 'zhpolitics' logger: warnings by default
    (e.g. a missing statistical model: "running rules only"), more with -v, errors
    only with --quiet. Put -v/--quiet before the command: zhpolitics -v extract ...
    """
    from .logs import setup

    setup(verbose=verbose, quiet=quiet)


def _out_format(out: Path, fmt: str | None) -> str:
    """The output format of ``out`` (``--format`` wins); an unknown extension is a usage error."""
    if fmt:
        return fmt
    got = FORMATS.get(out.suffix.lower())
    if got is None:
        raise UsageProblem(f"-o {out}: unknown output format {out.suffix!r}; use .jsonl, .csv or .parquet, "
                               "or set --format")
    return got


def _check_output_path(out: Path, partitioned_ok: bool) -> None:
    """A path we can create a file at, in one line if not (before any work is done)."""
    if out.is_dir() and not partitioned_ok:
        raise UsageProblem(f"-o {out} is a folder; give a file name such as {out / 'records.jsonl'}")
    parent = out.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise UsageProblem(f"cannot write -o {out}: {parent} is a file, not a folder; choose another output path")
    if not os.access(parent, os.W_OK):
        raise UsageProblem(f"cannot write -o {out}: no permission to write in {parent}; choose another folder")


def _check_not_input(inputs: tuple[Path, ...], outputs: list[Path]) -> None:
    """Refuse an output that is an input, or inside an input folder (it would be read back)."""
    for raw in inputs:
        if not raw.exists():
            raise UsageProblem(f"input not found: {raw}; check the path")
        src = raw.resolve()
        for o in outputs:
            dst = o.resolve()
            if dst == src:
                raise UsageProblem(f"output {o} is also an input; write the output to another file "
                                       "(nothing was changed)")
            if src.is_dir() and src in dst.parents:
                raise UsageProblem(f"output {o} is inside the input folder {raw}, which is read recursively; "
                                       "write the output elsewhere")


def _check_existing(paths: list[Path], overwrite: bool, resume: bool) -> None:
    """Refuse to replace an existing output or an interrupted run's partial file by accident."""
    from .io import partial_path

    if overwrite and resume:
        raise UsageProblem("--overwrite and --resume exclude each other; choose one")
    if overwrite or resume:
        return
    for p in paths:
        if p.is_dir() and any(p.glob("part-*.jsonl")):
            raise UsageProblem(f"output folder {p} holds part files; add --resume to continue the run "
                                   "or --overwrite to replace them")
        if p.is_file():
            raise UsageProblem(f"output {p} exists; add --overwrite to replace it or --resume to continue it")
        if partial_path(p).exists():
            raise UsageProblem(f"an interrupted run left {partial_path(p)}; add --resume to continue it "
                                   "or --overwrite to start again")


def _manifest_check(manifest: Path, inputs: tuple[Path, ...], options: dict, resume: bool) -> None:
    """Record what a run reads (files, sizes, times, options) beside its output; on
    ``--resume`` refuse when any of it changed, since the ids already written would no
    longer mean the same documents."""
    from .io import fingerprint, fingerprint_change

    now = {"inputs": fingerprint(inputs), "options": options}
    if resume and manifest.exists():
        try:
            before = json.loads(manifest.read_text("utf-8"))
        except ValueError:
            before = None
        if before is not None:
            for k, v in options.items():
                if before.get("options", {}).get(k) != v:
                    raise UsageProblem(
                        f"refusing to --resume: option {k} was {before['options'].get(k)!r} in the run that wrote "
                        f"this output, now {v!r}; use the same options, or --overwrite to start again")
            change = fingerprint_change(before.get("inputs", []), now["inputs"])
            if change:
                raise UsageProblem(f"refusing to --resume: {change} since the run that wrote this output; "
                                       "--overwrite to start again on the new input")
            return
    manifest.parent.mkdir(parents=True, exist_ok=True)
    tmp = manifest.with_name(manifest.name + ".tmp")
    tmp.write_text(json.dumps(now, ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, manifest)


def _read_items(inputs, text_field: str, id_field: str, html: bool, strict_ids: bool, keep_fields):
    """The input documents with unique ids (and only ``keep_fields`` of their fields)."""
    from .io import IdRegistry, iter_inputs, unique_ids

    registry = IdRegistry(strict=strict_ids)
    items = unique_ids(iter_inputs(inputs, text_field=text_field, id_field=id_field, html=html), registry)
    if keep_fields is not None:
        items = (_keep(it, keep_fields) for it in items)
    return items, registry


def _keep(item, keep_fields: tuple[str, ...]):
    item.meta = {k: v for k, v in item.meta.items() if k == "id" or k in keep_fields}
    return item


def _write_errors(records_path: Path, errors_path: Path) -> int:
    """``--errors``: one line per failing document of the whole output (so it is complete after --resume)."""
    from .io import read_records
    from .records import error_kind

    n = 0
    tmp = errors_path.with_name(errors_path.name + ".partial")
    with open(tmp, "w", encoding="utf-8") as fh:
        for r in read_records(records_path):
            if r.get("error"):
                row = {"id": r.get("id"), "error_kind": r.get("error_kind") or error_kind(r["error"]), "error": r["error"]}
                if r.get("source"):
                    row["source"] = r["source"]
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    os.replace(tmp, errors_path)
    return n


def _tls_options(scheduler: str | None, tls_ca, tls_cert, tls_key, dask_config) -> dict | None:
    """Check the TLS options against the scheduler address; the files for Dask's ``Security``."""
    tls = [tls_ca, tls_cert, tls_key]
    if any(tls) and not all(tls):
        raise UsageProblem("--tls-ca, --tls-cert and --tls-key go together; give all three")
    if any(tls) and not (scheduler or "").startswith("tls://"):
        raise UsageProblem("--tls-ca/--tls-cert/--tls-key need a tls:// --scheduler address")
    if (scheduler or "").startswith("tls://") and not all(tls) and dask_config is None:
        raise UsageProblem(f"scheduler {scheduler} uses TLS; give --tls-ca, --tls-cert and --tls-key "
                               "(or a --dask-config file with distributed.comm.tls)")
    return {"ca": str(tls_ca), "cert": str(tls_cert), "key": str(tls_key)} if all(tls) else None


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path),
              help="Output file: .jsonl, .csv or .parquet (or set --format). Written as OUT.partial, renamed at the end.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default=None,
              help="Output format; default from the file extension. CSV/Parquet hold one row per span (see --table).")
@click.option("--table", type=click.Choice(["spans", "links", "people"]), default="spans", show_default=True,
              help="Which table CSV/Parquet output holds.")
@click.option("--text-field", default="text", show_default=True, help="JSONL/CSV field holding the text.")
@click.option("--id-field", default="id", show_default=True, help="JSONL/CSV field holding the document id.")
@click.option("--keep-fields", default=None, help="Comma-separated input fields to keep (default: every field passes through).")
@click.option("--pipeline", default="default", show_default=True, type=click.Choice(["default", "fast", "full", "rules"]),
              help=PIPELINE_HELP)
@click.option("--n-process", default=1, show_default=True, type=click.IntRange(min=1), help="Worker processes (each loads the models once).")
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(min=1), help="Documents per batch (the unit of atomic writes).")
@click.option("--resume", is_flag=True, help="Continue an interrupted or finished run: skip ids already in the output, append the rest.")
@click.option("--overwrite", is_flag=True, help="Replace an existing output (it is kept until the new one is complete).")
@click.option("--allow-errors", is_flag=True, help="Exit 0 even when some documents are error records.")
@click.option("--errors", "errors_path", type=click.Path(path_type=Path), default=None,
              help="Write the failing documents (id, error_kind, error) to this JSONL file.")
@click.option("--strict-ids", is_flag=True, help="A repeated id is an error (default: made unique with an @file:line suffix).")
@click.option("--html", is_flag=True, help="Treat inputs as HTML (also automatic for .html files): strip markup and boilerplate.")
@click.option("--no-text", is_flag=True, help="Do not copy the text into the records (smaller output).")
@click.option("--admin-data", type=click.Path(path_type=Path), default=None,
              help="Folder with NBS CSVs (villages, former town names) to load for this run.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="'dask' runs partitions on a Dask cluster (pip install 'zhpolitics[dask]').")
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786 or tls://host:8786); default: a LocalCluster.")
@click.option("--tls-ca", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Dask TLS: CA certificate that signed the scheduler's and workers' certificates.")
@click.option("--tls-cert", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Dask TLS: this client's certificate.")
@click.option("--tls-key", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Dask TLS: this client's private key.")
@click.option("--dask-config", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A Dask YAML config file to apply (e.g. distributed.comm.tls settings).")
@click.option("--partitions", default=None, type=click.IntRange(min=1), help="Dask: number of partitions (default: 4 per worker).")
@click.option("--no-progress", is_flag=True, help="Hide the progress bar.")
def extract(inputs, out, fmt, table, text_field, id_field, keep_fields, pipeline, n_process, batch_size, resume,
            overwrite, allow_errors, errors_path, strict_ids, html, no_text, admin_data, engine, scheduler, tls_ca,
            tls_cert, tls_key, dask_config, partitions, no_progress):
    """Run the pipeline over INPUTS (files or folders) and write one record per document.

    INPUTS may be .txt files, folders (searched recursively), JSONL (one object per line,
    other fields pass through), CSV, or HTML pages. A document that cannot be read
    (empty, binary, wrong encoding, bad JSON) becomes an error record; the run goes on,
    and exits 1 at the end unless --allow-errors.

    \b
    Examples:
      zhpolitics extract corpus/sample -o out.jsonl
      zhpolitics extract news.jsonl --text-field content --id-field url -o out.parquet
      zhpolitics extract big.jsonl -o out.jsonl --n-process 2 --resume
    """
    fmt = _out_format(out, fmt)
    partitioned = engine == "dask" and fmt == "jsonl" and out.is_dir()
    _check_output_path(out, partitioned_ok=partitioned)
    out = out if out.name else out.resolve()  # "-o ." (a partitioned Dask output) has no name to extend
    records_path = out if fmt == "jsonl" else out.with_name(out.name + ".records.jsonl")
    manifest = records_path.with_name(records_path.name + ".run.json")
    _check_not_input(inputs, [p for p in (out, records_path, manifest, errors_path) if p is not None])
    if errors_path is not None and errors_path.resolve() in (out.resolve(), records_path.resolve()):
        raise UsageProblem(f"--errors {errors_path} is the output itself; give the error list its own file name")
    _check_existing([out, records_path] if fmt != "jsonl" else [out], overwrite, resume)
    tls = _tls_options(scheduler, tls_ca, tls_cert, tls_key, dask_config)
    keep = tuple(f.strip() for f in keep_fields.split(",") if f.strip()) if keep_fields is not None else None
    options = {"--text-field": text_field, "--id-field": id_field, "--html": html, "--pipeline": pipeline,
               "--no-text": no_text, "--strict-ids": strict_ids, "--keep-fields": list(keep) if keep is not None else None}
    _manifest_check(manifest, inputs, options, resume)
    items, registry = _read_items(inputs, text_field, id_field, html, strict_ids, keep)
    summary = _run_engine(items, records_path, engine=engine, pipeline=pipeline, n_process=n_process,
                          batch_size=batch_size, resume=resume, admin_data=admin_data, no_text=no_text,
                          scheduler=scheduler, tls=tls, dask_config=dask_config, partitions=partitions,
                          progress=not no_progress)
    summary.renamed_ids = registry.renamed
    if fmt != "jsonl":
        from .io import write_table

        n = write_table(records_path, out, fmt, table, keep_fields=keep)
        click.echo(f"wrote {n} rows to {out} (records kept in {records_path} for --resume)", err=True)
    if errors_path is not None:
        n = _write_errors(records_path, errors_path)
        click.echo(f"wrote {n} failing documents to {errors_path}", err=True)
    if registry.renamed:
        click.echo(f"warning: {registry.renamed} duplicate ids were made unique with an @file:line suffix "
                   "(use --strict-ids to stop instead)", err=True)
    click.echo(summary.line(), err=True)
    if summary.total_errors and not allow_errors:
        n = summary.total_errors
        click.echo(f"zhpolitics: {n} document{' is an error record' if n == 1 else 's are error records'} "
                   f"(see 'error' in the output{'' if errors_path else '; --errors FILE lists them'}); exit 1 "
                   "(--allow-errors exits 0)", err=True)
        sys.exit(EXIT_DOC_ERRORS)


def _run_engine(items, records_path: Path, *, engine: str, pipeline: str, n_process: int, batch_size: int,
                resume: bool, admin_data, no_text: bool, scheduler, tls, dask_config, partitions, progress: bool):
    """Run the local or Dask engine; turn a stopped run into one line that says how to go on."""
    from .io import DuplicateIdError
    from .runner import RunStopped

    admin = str(admin_data) if admin_data else None
    try:
        if engine == "dask":
            from .engines.dask_engine import SchedulerUnreachable, run_dask

            try:
                return run_dask(items, records_path, pipeline=pipeline, scheduler=scheduler, partitions=partitions,
                                admin_data=admin, include_text=not no_text, resume=resume, tls=tls,
                                dask_config=str(dask_config) if dask_config else None)
            except SchedulerUnreachable as exc:
                raise RunFailed(str(exc)) from None
        from .runner import run

        return run(items, records_path, pipeline=pipeline, n_process=n_process, batch_size=batch_size, resume=resume,
                   admin_data=admin, progress=progress, include_text=not no_text)
    except DuplicateIdError as exc:
        raise UsageProblem(str(exc)) from None
    except RunStopped as stop:
        how = f"run the same command with --resume to continue ({stop.saved:,} records are saved in {stop.work})"
        if stop.reason == "interrupted":
            click.echo(f"zhpolitics: interrupted; {how}", err=True)
            sys.exit(EXIT_INTERRUPTED)
        raise RunFailed(f"{stop.reason}; free space or fix the output folder, then {how}") from None


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
    from .evaluate import format_table, read_jsonl, score

    gold_recs = read_jsonl(gold)
    if pred is not None:
        preds = read_jsonl(pred)
    else:
        from .pipeline import load
        from .records import to_record

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
    click.echo(f"optional NBS data: {admin_data_dir() or 'none (packaged NBS tables: provinces → towns, county history)'}")
    click.echo(f"units: {len(gz.units):,}; surface forms: {len(gz.surfaces):,}; villages: {'yes' if gz.village_db else 'no'}")
    click.echo(f"cache: {cache_dir()} (set ZHPOLITICS_CACHE to move it)")


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--context", default=None, help="A text whose places rank the candidates.")
def gazetteer_lookup(name: str, context: str | None) -> None:
    """List the units NAME may denote, with codes and paths."""
    from .places import explain_unknown, lookup

    found = lookup(name, context=context)
    if not found:
        click.echo(explain_unknown(name), err=True)
        sys.exit(1)
    for c in found:
        was = f"; in use {c['in_use'][0]}–{c['in_use'][1]}, today {c['current_code'] or 'no single unit'}" if c.get("in_use") else ""
        click.echo(f"{c['code'] or '-':>12}  {c['level']:<8} {' > '.join(n for _c, n in c['path'])}  ({c['kind']}, score {c['score']}{was})")


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

    if out.suffix.lower() not in (".csv", ".parquet", ".pq"):
        raise UsageProblem(f"-o {out}: unknown output format {out.suffix!r}; use .csv or .parquet")
    _check_output_path(out, partitioned_ok=False)
    _check_not_input(inputs, [out])
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
        places = {s.text for s in doc.ents if s.label_ == "PLACE"}  # names only: codes may be None
        for sp in doc.ents:
            if sp.label_ != "SLOGAN":
                continue
            key = sp._.zhp_canonical or sp.text
            st = stats.setdefault(key, {"slogan": key, "lexicon": sp._.zhp_lexicon, "count": 0, "docs": set(),
                                        "variants": set(), "first_date": None, "last_date": None, "places": set()})
            st["count"] += 1
            st["docs"].add(item.id)
            st["variants"].add(sp.text)
            st["places"].update(places)
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
    """Show the pipeline's components, models and data locations (and what is missing)."""
    from . import paths
    from .pipeline import load

    md = paths.models_dir()
    click.echo(f"zhpolitics {__version__} at {Path(__file__).resolve().parent}")
    click.echo(f"models: {md} ({paths.model_source()})")
    problems = 0
    for name in paths.MODEL_FILES:
        p = md / name
        missing = paths.missing_files(p, name)
        size = sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) / 1e6 if p.is_dir() else 0.0
        optional = name not in ("slogans", "actions")  # the statistical layer degrades to rules
        state = "ok" if not missing else ("absent (optional: statistical layer) " if optional else "MISSING ") + \
            ", ".join(Path(m).name for m in missing)
        problems += bool(missing) and not optional
        click.echo(f"  {name:<17} {size:6.1f} MB  {state}")
    for p in sorted(md.glob("*")) if md.exists() else []:
        if p.is_dir() and p.name not in paths.MODEL_FILES and p.name != "__pycache__":
            click.echo(f"  {p.name:<17} (not used by the pipeline)")
    from .places.config import admin_data_dir

    click.echo(f"NBS admin data: {admin_data_dir() or 'none (the shipped gazetteer, provinces to towns)'}")
    from . import resources

    click.echo("rules (a saved pipeline reads the copies it carries instead):\n" + "\n".join(resources.describe()))
    try:
        nlp = load()
        click.echo(f"components: {', '.join(nlp.pipe_names)}")
    except Exception as exc:  # shown, not raised: info is where a user looks after a failure
        click.echo(f"pipeline does not load: {type(exc).__name__}: {exc}")
        problems += 1
    if problems:
        click.echo(f"{problems} problem(s): see above", err=True)
        sys.exit(1)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path), help="HTML file to write.")
@click.option("--limit", default=None, type=click.IntRange(min=1), help="Show only the first N documents.")
@click.option("--pipeline", default="default", show_default=True, type=click.Choice(["default", "fast", "full", "rules"]),
              help="Pipeline for inputs that are not records yet.")
@click.option("--text-field", default="text", show_default=True)
@click.option("--id-field", default="id", show_default=True)
@click.option("--admin-data", type=click.Path(path_type=Path), default=None, help="Folder with NBS CSVs to load.")
def show(inputs, out, limit, pipeline, text_field, id_field, admin_data):
    """Write one self-contained HTML page that shows what the pipeline found in INPUTS.

    INPUTS are 'extract' output (JSONL records, shown as they are, without re-running) or
    anything 'extract' reads (run through the pipeline first). The page needs no network.

    \b
    Examples:
      zhpolitics extract corpus/sample -o out.jsonl && zhpolitics show out.jsonl -o out.html
      zhpolitics show corpus/sample --limit 3 -o sample.html
    """
    from .view import gazetteer_names, records_for_view, render

    admin = str(admin_data) if admin_data else None
    records = records_for_view(inputs, limit=limit, pipeline=pipeline, text_field=text_field, id_field=id_field,
                               admin_data=admin)
    out.write_text(render(records, place_names=gazetteer_names(admin)), encoding="utf-8")
    click.echo(f"{len(records)} documents → {out}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
