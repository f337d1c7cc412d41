"""Every notebook has run top to bottom in one fresh kernel, with its outputs committed.

nbval (run by `make test` over notebooks/) compares the outputs; it cannot see a cell that never ran,
so this test does. See tests/website/sitechecks.py for the check itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "website"))
import sitechecks  # noqa: E402

NOTEBOOKS = sorted((sitechecks.ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert any(p.name == "00-how-to-run.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_code_cell_ran_in_order_with_outputs_committed(path):
    assert sitechecks.notebook_run_problems(path) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_valid_nbformat_with_a_title(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert sitechecks.hooks().notebook_title(path), "the first Markdown cell needs a '# Title'"
