"""The real kubectl v1.32 client as an offline oracle (no tests here: helpers for test_kubectl_oracle_*).

Only ever with KUBECONFIG pointing at an empty file and client-side commands
(``--dry-run=client``, ``--local``): nothing reaches a server.  Where kubectl v1.32 is
missing the oracle tests are skipped, except under ``CI=true`` where that is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from k8stutor.kubectl.printers.goyaml import _key_less

EMPTY_KUBECONFIG = "/tmp/k8s/empty-kubeconfig"


@cache
def kubectl_path() -> str | None:
    """The kubectl v1.32 binary, or None."""
    exe = shutil.which("kubectl")
    if not exe:
        return None
    out = subprocess.run([exe, "version", "--client"], capture_output=True, text=True, env=_env("/dev/null"))
    return exe if re.search(r"Client Version: v1\.32\.", out.stdout) else None


def require_kubectl() -> str:
    exe = kubectl_path()
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("kubectl v1.32 is required for the oracle tests under CI=true")
        pytest.skip("kubectl v1.32 is not installed")
    return exe


def _env(kubeconfig: str) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
            "KUBECONFIG": kubeconfig}


@dataclass
class Run:
    stdout: bytes
    stderr: bytes
    returncode: int


def run_kubectl(argv: list[str], cwd: str | Path | None = None, stdin: bytes = b"") -> Run:
    """``kubectl ARGV`` offline (an empty kubeconfig of its own, so nothing can reach a server)."""
    exe = require_kubectl()
    with tempfile.TemporaryDirectory() as home:
        cfg = Path(home) / "kubeconfig"
        cfg.write_text("")
        env = _env(str(cfg)) | {"HOME": home}
        r = subprocess.run([exe, *argv], capture_output=True, env=env, cwd=cwd, input=stdin, timeout=60)
    return Run(r.stdout, r.stderr, r.returncode)


def oracle_yaml(obj: dict) -> Run:
    """What ``kubectl ... -o yaml`` prints for ``obj``: ``patch --local`` with an empty merge patch."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "obj.json"
        path.write_text(json.dumps(obj, ensure_ascii=True))
        return run_kubectl(["patch", "--local", "-f", str(path), "-p", "{}", "--type=merge", "-o", "yaml"])


def total_order(value: object) -> bool:
    """go-yaml's key comparison is a strict order on every map's keys.

    When it is not (some keys with zero-led digit runs), go-yaml's sort depends on Go's random map
    order and kubectl itself prints different orders from run to run: nothing to compare against.
    """
    if isinstance(value, list):
        return all(total_order(v) for v in value)
    if not isinstance(value, dict):
        return True
    keys = list(value)
    for a in keys:
        for b in keys:
            if a != b and _key_less(a, b) == _key_less(b, a):
                return False
            for c in keys:
                if _key_less(a, b) and _key_less(b, c) and not _key_less(a, c):
                    return False
    return all(total_order(v) for v in value.values())
