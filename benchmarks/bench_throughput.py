"""Throughput of ``zhpolitics extract`` (1 and 2 processes) against ``jieba.posseg``.

Builds a corpus of at least ``--chars`` characters from the People's Daily January
1998 file (``pos/peoples_daily_199801.txt``: ``/tag`` suffixes and ``[...]xx`` compound
brackets stripped, tokens joined without spaces, the paragraph id dropped, one
paragraph per document; if the file is shorter than ``--chars`` it is cycled with new
ids), writes it to a temporary JSONL file, then, in the same run and one after the
other (the machine may be shared):

1. ``zhpolitics extract`` with the default pipeline, 1 process;
2. the same with ``--n-process 2``;
3. ``jieba.posseg.cut`` over the same texts, in a child process, 1 process;

and prints chars/s of each, the ratios (default / jieba, 2 proc / 1 proc) and the
peak RSS.  Each measurement runs under ``/usr/bin/time -v`` when present (peak RSS of
the largest process of the run), else psutil polling of the process tree (sum of the
tree), else ``ru_maxrss`` of RUSAGE_CHILDREN.  Wall-clock time includes start-up and
pipeline loading, like a user's run.

Targets (issue 7): default ≥ 2× jieba.posseg; 2 processes ≥ 1.7× one; peak RSS ≤ 1.5 GB.

Usage::

    python benchmarks/bench_throughput.py [--data-dir ../shared/data] [--chars 5000000]
        [--pipeline default] [--keep DIR] [--profile]

``--profile`` (also automatic when a target fails) runs cProfile on a 200 k-character
sample through ``zhpolitics.load()`` and prints the top functions by own time and by
cumulative time.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from zhpolitics.training.pd import iter_pd_paragraphs

ROOT = Path(__file__).resolve().parents[1]

JIEBA_CHILD = r"""
import json, sys, time
import jieba, jieba.posseg as pseg
jieba.setLogLevel(60)
jieba.initialize()
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
n = 0
for t in texts:
    n += sum(1 for _ in pseg.cut(t))
print(json.dumps({"docs": len(texts), "words": n}))
"""


def build_corpus(data_dir: Path, target_chars: int, out: Path) -> tuple[int, int]:
    src = data_dir / "pos" / "peoples_daily_199801.txt"
    if not src.exists():
        raise SystemExit(f"{src} not found (use --data-dir)")
    paras = [t for _pid, t in iter_pd_paragraphs(src) if t]
    n_docs = n_chars = 0
    rnd = 0
    with open(out, "w", encoding="utf-8") as fh:
        while n_chars < target_chars:
            for i, t in enumerate(paras):
                fh.write(json.dumps({"id": f"pd{rnd}-{i:05d}", "text": t}, ensure_ascii=False) + "\n")
                n_docs += 1
                n_chars += len(t)
                if n_chars >= target_chars:
                    break
            rnd += 1
    return n_docs, n_chars


def _parse_time_v(text: str) -> int | None:
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return int(m.group(1)) * 1024 if m else None


def measure(cmd: list[str], label: str) -> dict:
    """Run ``cmd``; return wall seconds, peak RSS (bytes) and how it was measured."""
    time_bin = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1",
               TOKENIZERS_PARALLELISM="false")
    t0 = time.perf_counter()
    rss, how = None, None
    if time_bin:
        p = subprocess.run([time_bin, "-v"] + cmd, capture_output=True, text=True, env=env)
        rss, how = _parse_time_v(p.stderr), "/usr/bin/time -v (largest process)"
    else:
        try:
            import psutil
        except ImportError:
            psutil = None
        if psutil is not None:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            ps, peak = psutil.Process(proc.pid), 0
            while proc.poll() is None:
                try:
                    tot = ps.memory_info().rss + sum(c.memory_info().rss for c in ps.children(recursive=True))
                    peak = max(peak, tot)
                except psutil.Error:
                    pass
                time.sleep(0.2)
            out, err = proc.communicate()
            p = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
            rss, how = peak, "psutil (process tree total)"
        else:
            p = subprocess.run(cmd, capture_output=True, text=True, env=env)
            rss, how = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, "ru_maxrss of children"
    secs = time.perf_counter() - t0
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-3000:])
        raise SystemExit(f"{label} failed with exit code {p.returncode}")
    return {"seconds": secs, "rss": rss, "rss_how": how, "stdout": p.stdout, "stderr": p.stderr}


def profile(corpus: Path, pipeline: str, chars: int = 200_000, top: int = 25) -> None:
    import cProfile
    import io
    import pstats
    import warnings

    texts, n = [], 0
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            t = json.loads(line)["text"]
            texts.append(t)
            n += len(t)
            if n >= chars:
                break
    sys.path.insert(0, str(ROOT))
    import zhpolitics

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp = zhpolitics.load(pipeline)
        nlp("预热。")  # lazy resources load outside the profile
        pr = cProfile.Profile()
        t0 = time.perf_counter()
        pr.enable()
        for _ in nlp.pipe(texts):
            pass
        pr.disable()
        dt = time.perf_counter() - t0
    print(f"\n== cProfile: {len(texts)} docs, {n:,} chars through zhpolitics.load({pipeline!r}): "
          f"{dt:.1f} s under the profiler ({n / dt:,.0f} chars/s)")
    for key in ("tottime", "cumulative"):
        s = io.StringIO()
        pstats.Stats(pr, stream=s).strip_dirs().sort_stats(key).print_stats(top)
        body = s.getvalue()
        print(f"\n-- top {top} by {key} --")
        print(body[body.find("   ncalls"):].rstrip())
    # time per pipeline component on the same sample
    print("\n-- seconds per component (same sample, no profiler) --")
    docs = [nlp.make_doc(t) for t in texts]
    for name, comp in nlp.pipeline:
        t0 = time.perf_counter()
        docs = [comp(d) for d in docs]
        print(f"{name:<26} {time.perf_counter() - t0:8.2f} s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--chars", type=int, default=5_000_000, help="corpus size target (characters)")
    ap.add_argument("--pipeline", default="default")
    ap.add_argument("--keep", type=Path, default=None, help="keep the corpus and outputs in this folder")
    ap.add_argument("--profile", action="store_true", help="always run the profile")
    ap.add_argument("--skip-2proc", action="store_true")
    args = ap.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="zhp_bench_"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.jsonl"
    n_docs, n_chars = build_corpus(args.data_dir, args.chars, corpus)
    print(f"corpus: {n_docs:,} documents, {n_chars:,} characters ({corpus})")
    print(f"machine: {os.cpu_count()} CPUs; python {sys.version.split()[0]}")
    exe = [sys.executable, "-m", "zhpolitics.cli", "extract", str(corpus), "--pipeline", args.pipeline,
           "--no-progress", "--batch-size", "256"]
    runs = {}
    runs["zhpolitics 1 proc"] = measure(exe + ["-o", str(work / "out1.jsonl")], "extract 1 process")
    if not args.skip_2proc:
        runs["zhpolitics 2 proc"] = measure(exe + ["-o", str(work / "out2.jsonl"), "--n-process", "2"],
                                            "extract 2 processes")
    runs["jieba.posseg"] = measure([sys.executable, "-c", JIEBA_CHILD, str(corpus)], "jieba.posseg")

    print(f"\n{'run':<20} {'seconds':>9} {'chars/s':>12} {'peak RSS':>10}   summary")
    for name, r in runs.items():
        r["rate"] = n_chars / r["seconds"]
        summ = (next((l for l in r["stderr"].splitlines() if l.startswith("read ")), "") if name.startswith("zhp")
                else r["stdout"].strip())
        print(f"{name:<20} {r['seconds']:9.1f} {r['rate']:12,.0f} {r['rss'] / 2**20:8.0f} MB   {summ}")
    print(f"(peak RSS measured with {runs['zhpolitics 1 proc']['rss_how']})")
    one, jb = runs["zhpolitics 1 proc"]["rate"], runs["jieba.posseg"]["rate"]
    ratio_j = one / jb
    ok = []
    print("\nratios and targets (issue 7):")
    ok.append(ratio_j >= 2.0)
    print(f"  default / jieba.posseg      {ratio_j:6.2f}x   target >= 2.00x   {'PASS' if ok[-1] else 'FAIL'}")
    if "zhpolitics 2 proc" in runs:
        ratio_p = runs["zhpolitics 2 proc"]["rate"] / one
        ok.append(ratio_p >= 1.7)
        print(f"  2 proc / 1 proc             {ratio_p:6.2f}x   target >= 1.70x   {'PASS' if ok[-1] else 'FAIL'}")
    peak = max(r["rss"] or 0 for name, r in runs.items() if name.startswith("zhp"))
    ok.append(peak <= 1.5 * 2**30)
    print(f"  peak RSS (zhpolitics runs)  {peak / 2**30:6.2f} GB  target <= 1.50 GB   {'PASS' if ok[-1] else 'FAIL'}")
    if args.profile or not all(ok):
        profile(corpus, args.pipeline)
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
