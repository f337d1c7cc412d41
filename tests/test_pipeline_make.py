"""The Makefile: set-up is idempotent (a stamp on the lock), `make serve` really serves the site."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IN_PROJECT_VENV = Path(sys.prefix).resolve() == (ROOT / ".venv").resolve()


def make(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True,
                          **kw)


def test_dry_runs_show_the_documented_commands():
    assert "mkdocs build --strict --site-dir site" in make("-n", "build").stdout
    assert "scripts/execute_notebooks.py" in make("-n", "execute").stdout
    assert "jupyter lab" in make("-n", "lab").stdout
    assert "bench/bench_*.py" in make("-n", "bench").stdout
    assert "scripts/run_checks.py" in make("-n", "test", "SYSTEM_CHROMIUM=0").stdout


@pytest.mark.skipif(not IN_PROJECT_VENV, reason="runs inside the project's .venv (make test)")
def test_setup_is_up_to_date_the_second_time():
    # `make -q` answers whether anything would run: after `make test`'s own set-up, nothing should.
    assert make("-q", "setup").returncode == 0
    dry = make("-n", "setup").stdout
    assert "pip install" not in dry and "venv" not in dry


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(not IN_PROJECT_VENV, reason="runs inside the project's .venv (make test)")
def test_make_serve_serves_the_site(tmp_path):
    port = _free_port()
    proc = subprocess.Popen(["make", "--no-print-directory", "serve", f"SERVE_ADDR=127.0.0.1:{port}"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        deadline, body = time.monotonic() + 300, ""
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
                    body = r.read().decode()
                break
            except OSError:
                time.sleep(1)
        assert "k8stutor" in body and "What the tutorial covers" in body
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
