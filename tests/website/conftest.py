"""Fixtures for the site checks: one strict build per test session (per xdist worker; `make test`
runs tests with --dist loadfile, so each file of tests/website stays on one worker)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import sitechecks


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> tuple[subprocess.CompletedProcess | None, Path]:
    """The site as `mkdocs build --strict` makes it. K8STUTOR_SITE=DIR reuses an existing build."""
    given = os.environ.get("K8STUTOR_SITE")
    if given:
        return None, Path(given)
    dest = tmp_path_factory.mktemp("site") / "site"
    return sitechecks.build_site(dest), dest


@pytest.fixture(scope="session")
def site(site_build) -> Path:
    proc, path = site_build
    if proc is not None and proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}")
    return path


@pytest.fixture(scope="session")
def site_config() -> dict:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses !!python/name tags (pymdownx); read it without resolving them.
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((sitechecks.ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


@pytest.fixture(scope="session")
def notebooks() -> list[Path]:
    return sorted((sitechecks.ROOT / "notebooks").glob("*.ipynb"))

