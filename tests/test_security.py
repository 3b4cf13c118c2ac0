"""Security (issue 22, parts 2-3): TLS cluster runs, and HTML input that stays data.

The TLS test is the recipe of ``docs/scaling.md`` ("A locked-down cluster"): a
self-signed CA made here with the ``openssl`` command, a scheduler and a worker bound
to 127.0.0.1 only, ``zhpolitics extract --scheduler tls://…`` against them, and a
client whose certificate the CA did not sign, which is turned away.
"""

from __future__ import annotations

import http.server
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from zhpolitics.cli import main
from zhpolitics.io import MAX_HTML_CHARS, iter_inputs

DOCS = [{"id": f"t{i}", "text": f"县人大代表沈国华第{i}次走访了困难群众。镇人大代表蒋玉兰调解了邻里纠纷。"} for i in range(12)]


def _invoke(args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_ca_and_certs(d: Path) -> None:
    """The commands of docs/scaling.md: a CA, a certificate for the cluster, one for a client,
    and one the CA never signed."""
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=zhpolitics test CA",
             "-keyout", "ca.key", "-out", "ca.pem", cwd=d)
    (d / "san.cnf").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n", "utf-8")
    for name in ("cluster", "client"):
        _openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={name}", "-keyout", f"{name}.key",
                 "-out", f"{name}.csr", cwd=d)
        _openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                 "-days", "2", "-extfile", "san.cnf", "-out", f"{name}.pem", cwd=d)
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=intruder",
             "-keyout", "intruder.key", "-out", "intruder.pem", cwd=d)


def _scheduler_address(path: Path, proc: subprocess.Popen) -> str:
    """The address the scheduler wrote (the file appears before its content does)."""
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        try:
            return json.loads(path.read_text("utf-8"))["address"]
        except (OSError, ValueError, KeyError):
            time.sleep(0.2)
    raise AssertionError(f"the TLS scheduler did not start (exit code {proc.poll()})")


@pytest.fixture
def tls_cluster(tmp_path):
    pytest.importorskip("distributed")
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a test CA")
    make_ca_and_certs(tmp_path)
    tls = ["--tls-ca-file", "ca.pem", "--tls-cert", "cluster.pem", "--tls-key", "cluster.key"]
    sched = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--protocol", "tls",
                              "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                              "--scheduler-file", "scheduler.json", *tls],
                             cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs = [sched]
    try:
        address = _scheduler_address(tmp_path / "scheduler.json", sched)
        assert address.startswith("tls://127.0.0.1:")
        procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address,
                                       "--host", "127.0.0.1", "--nworkers", "1", "--nthreads", "1",
                                       "--no-dashboard", "--memory-limit", "0", *tls],
                                      cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        yield tmp_path, address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def test_extract_on_a_tls_cluster_equals_local_run(tls_cluster):
    d, address = tls_cluster
    src = d / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in DOCS), "utf-8")
    local = d / "local.jsonl"
    assert _invoke(["extract", src, "-o", local, "--pipeline", "rules", "--no-progress"]).exit_code == 0
    out = d / "tls.jsonl"
    res = _invoke(["extract", src, "-o", out, "--pipeline", "rules", "--engine", "dask", "--scheduler", address,
                   "--tls-ca", d / "ca.pem", "--tls-cert", d / "client.pem", "--tls-key", d / "client.key"])
    assert res.exit_code == 0, res.output
    assert "read 12, ok 12, error 0" in res.output
    assert out.read_text("utf-8") == local.read_text("utf-8")
    # a client whose certificate the CA did not sign gets no work done
    res = _invoke(["extract", src, "-o", d / "intruder.jsonl", "--pipeline", "rules", "--engine", "dask",
                   "--scheduler", address, "--tls-ca", d / "ca.pem", "--tls-cert", d / "intruder.pem",
                   "--tls-key", d / "intruder.key"])
    assert res.exit_code == 3 and "cannot reach the Dask scheduler at " + address in res.output, res.output
    assert not (d / "intruder.jsonl").exists()


# ------------------------------------------------------------------ HTML stays data
class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<!ENTITY leaked 'LEAKED'>")

    def log_message(self, *args):
        pass


def test_html_input_never_fetches_anything(tmp_path, monkeypatch):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    page = tmp_path / "page.html"
    page.write_text(f"""<!DOCTYPE html [<!ENTITY ext SYSTEM "{base}/entity"> <!ENTITY % p SYSTEM "{base}/dtd"> %p;]>
<html><head><link rel="stylesheet" href="{base}/css"><script src="{base}/js"></script>
<meta http-equiv="refresh" content="0; url={base}/refresh"><base href="{base}/"></head>
<body><img src="{base}/img"><iframe src="{base}/frame"></iframe><object data="{base}/obj"></object>
<p>县人大代表沈国华走访了困难群众。&ext;</p><video poster="{base}/poster"></video></body></html>""", "utf-8")
    connects: list = []

    def no_network(self, addr, *a, **kw):
        connects.append(addr)
        raise OSError("network use during HTML extraction")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    out = tmp_path / "out.jsonl"
    res = _invoke(["extract", page, "-o", out, "--pipeline", "rules", "--no-progress"])
    monkeypatch.undo()
    server.shutdown()
    assert res.exit_code == 0, res.output
    assert connects == [] and _Counter.hits == []
    (rec,) = [json.loads(l) for l in out.read_text("utf-8").splitlines()]
    assert "沈国华" in rec["text"] and "LEAKED" not in rec["text"]


def _read_in_child(page: Path) -> tuple[list[dict], float]:
    """Read ``page`` with :func:`iter_inputs` in a fresh process: its documents and the
    process's peak resident memory in MB (what the page cost, imports included)."""
    if not Path("/proc/self/status").exists():
        pytest.skip("peak memory is read from /proc/self/status (Linux)")
    # VmHWM, not ru_maxrss: the latter survives exec and would report the pytest process's size
    code = ("import json, re, sys\n"
            "from zhpolitics.io import iter_inputs\n"
            "docs = [{'text': d.text, 'error': d.error} for d in iter_inputs([sys.argv[1]])]\n"
            "hwm = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
            "print(json.dumps({'docs': docs, 'rss': hwm / 1024}))")
    res = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    got = json.loads(res.stdout.strip().splitlines()[-1])
    return got["docs"], got["rss"]


def test_50_mb_page_is_one_error_record_in_bounded_memory(tmp_path):
    para = '<div class="c"><p>县人大代表沈国华走访了<a href="/x">困难群众</a>。</p></div>\n'
    page = tmp_path / "huge.html"
    with open(page, "w", encoding="utf-8") as fh:
        fh.write("<html><body>")
        block = para * 1000
        while fh.tell() < 50_000_000:
            fh.write(block)
        fh.write("</body></html>")
    assert page.stat().st_size >= 50_000_000
    docs, rss = _read_in_child(page)
    assert len(docs) == 1 and docs[0]["text"] is None and "too large" in docs[0]["error"]
    assert f"limit {MAX_HTML_CHARS:,}" in docs[0]["error"]
    assert rss < 250, rss  # the bytes and their decoded text (about 3 x 50 MB), nothing parsed
    out = tmp_path / "out.jsonl"
    res = _invoke(["extract", page, "-o", out, "--pipeline", "rules", "--no-progress"])
    assert res.exit_code == 1 and "too-large 1" in res.output, res.output
    assert len(out.read_text("utf-8").splitlines()) == 1


def test_100000_nested_divs_give_one_record_in_bounded_memory(tmp_path):
    page = tmp_path / "nested.html"
    page.write_text("<html><body>" + "<div>" * 100_000 + "<p>县人大代表沈国华走访了困难群众。</p>"
                    + "</div>" * 100_000 + "</body></html>", "utf-8")
    docs, rss = _read_in_child(page)
    assert len(docs) == 1 and docs[0]["text"] == "县人大代表沈国华走访了困难群众。"
    assert rss < 100, rss  # no tree is built: memory does not grow with the depth
    from zhpolitics.runner import Processor

    (rec,) = Processor("rules").process_batch(list(iter_inputs([page])))
    assert "error" not in rec and [s["text"] for s in rec["spans"] if s["label"] == "DEPUTY"] == ["沈国华"]


def test_dask_config_file_gives_tls_security_without_changing_global_config(tmp_path):
    pytest.importorskip("distributed")
    import dask.config

    from zhpolitics.engines.dask_engine import _security

    cfg = tmp_path / "tls.yaml"
    cfg.write_text("distributed:\n  comm:\n    require-encryption: true\n    tls:\n"
                   f"      ca-file: {tmp_path / 'ca.pem'}\n      client:\n"
                   f"        cert: {tmp_path / 'c.pem'}\n        key: {tmp_path / 'c.key'}\n", "utf-8")
    before = dask.config.get("distributed.comm.require-encryption")
    sec = _security(None, str(cfg))
    assert sec.tls_ca_file == str(tmp_path / "ca.pem") and sec.tls_client_cert == str(tmp_path / "c.pem")
    assert sec.require_encryption
    assert dask.config.get("distributed.comm.require-encryption") == before
    assert _security(None, None) is None
