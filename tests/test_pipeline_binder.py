"""Binder: the files repo2docker reads, and a replay of what it does in a fresh virtual environment
(install exactly binder/requirements.txt, run binder/postBuild, then every notebook under nbval).

The replay needs PyPI (the package's build backend) and takes a minute or two; pip's cache keeps the
second run fast.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "website"))
import sitechecks  # noqa: E402

ROOT = sitechecks.ROOT
BINDER = ROOT / "binder"
pytestmark = pytest.mark.binder
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", re.M)


def pins(path: Path) -> dict[str, str]:
    return {name.lower().replace("_", "-"): version for name, version in PIN.findall(path.read_text())}


def test_runtime_is_python_3_11():
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"


def test_postbuild_stops_on_errors_and_installs_the_package():
    post = BINDER / "postBuild"
    assert os.access(post, os.X_OK)
    lines = [line for line in post.read_text().splitlines() if line.strip() and not line.startswith("#")]
    assert lines[0].startswith("set -e")
    assert any("pip install" in line and " ." in line for line in lines)


def test_requirements_are_the_lock_pins():
    binder, lock = pins(BINDER / "requirements.txt"), pins(ROOT / "requirements.lock")
    lines = [line for line in (BINDER / "requirements.txt").read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert len(lines) == len(binder), "every requirement is pinned with =="
    assert {name: lock.get(name) for name in binder} == binder
    assert tuple(int(x) for x in binder["jupyterlab"].split(".")[:2]) >= (4, 1)  # renders Mermaid
    for needed in ("pyyaml", "fastjsonschema", "ipykernel", "ipython", "matplotlib"):
        assert needed in binder


TOP_LEVEL_SKIP = {".venv", ".git", "site", "build", ".cache"}  # not in a clone Binder would get
ANYWHERE_SKIP = shutil.ignore_patterns("__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache",
                                       "node_modules", "*.egg-info", ".ipynb_checkpoints")


def _copy_repo(dest: Path) -> Path:
    def ignore(folder: str, names: list[str]) -> set[str]:
        skip = set(ANYWHERE_SKIP(folder, names))
        return skip | (TOP_LEVEL_SKIP & set(names)) if Path(folder) == ROOT else skip

    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)
    return dest


def _sh(cmd: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


def test_binder_replay_runs_every_notebook_under_nbval(tmp_path):
    repo = _copy_repo(tmp_path / "repo")
    env_dir = tmp_path / "binder-env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / "bin"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    python = str(bin_dir / "python")
    _sh([python, "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt"], repo, env)
    _sh(["bash", "binder/postBuild"], repo, env)
    # the test runner itself, pinned from the same lock (Binder does not need it)
    _sh([python, "-m", "pip", "install", "--quiet", "-c", "requirements.lock", "pytest", "nbval"], repo, env)
    check = _sh([python, "-c", "import k8stutor, sys; print(k8stutor.__file__)"], tmp_path, env)
    assert str(env_dir) in check.stdout, "the package must come from the Binder environment"
    notebooks = sorted((repo / "notebooks").glob("*.ipynb"))
    assert notebooks
    proc = sitechecks.nbval(notebooks, python=python, cwd=repo)
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr[-2000:]
