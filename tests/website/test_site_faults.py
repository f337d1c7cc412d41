"""Planted faults: each check of `make test` fails when its fault is planted in a copy.

Each test runs the very function `make test` uses (tests/website/sitechecks.py) on a planted copy, and on
the untouched original so the check is seen to pass and fail.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import sitechecks
from sitechecks import ROOT

HOW_TO = ROOT / "notebooks" / "00-how-to-run.ipynb"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _copy_notebook(tmp_path: Path) -> tuple[Path, dict]:
    dest = tmp_path / HOW_TO.name
    shutil.copy(HOW_TO, dest)
    return dest, json.loads(dest.read_text(encoding="utf-8"))


def _stream_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"
            and any(o.get("output_type") == "stream" for o in c["outputs"])]


def test_nbval_fails_a_hand_edited_output_and_passes_the_real_one_and_an_unrun_cell(tmp_path):
    """One nbval session over three copies: untouched, one output edited by hand, one cell not run."""
    real, nb = _copy_notebook(tmp_path)
    edited, unrun = tmp_path / "edited.ipynb", tmp_path / "unrun.ipynb"
    out = next(o for o in _stream_cells(nb)[0]["outputs"] if o["output_type"] == "stream")
    original_text = out["text"]
    out["text"] = ["edited by hand\n"]
    edited.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    out["text"] = original_text
    cell = _stream_cells(nb)[0]
    cell["outputs"], cell["execution_count"] = [], None
    unrun.write_text(json.dumps(nb, indent=1), encoding="utf-8")

    proc = sitechecks.nbval([real, edited, unrun], cwd=tmp_path)
    failed = [line for line in proc.stdout.splitlines() if line.startswith("FAILED")]
    assert proc.returncode != 0
    assert failed and all(line.startswith("FAILED edited.ipynb::") for line in failed), proc.stdout[-3000:]
    assert "edited by hand" in proc.stdout
    # nbval does not notice the cell that never ran; the run check does
    assert sitechecks.notebook_run_problems(real) == []
    assert any("never run" in p for p in sitechecks.notebook_run_problems(unrun))


def test_cells_run_out_of_order_fail_the_run_check(tmp_path):
    path, nb = _copy_notebook(tmp_path)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    first, second = code[1], code[2]
    first["execution_count"], second["execution_count"] = second["execution_count"], first["execution_count"]
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    assert any("expected" in p for p in sitechecks.notebook_run_problems(path))


def test_dead_anchor_and_broken_link_are_found(site, tmp_path):
    copy = sitechecks.copy_site(site, tmp_path / "site")
    before = set(sitechecks.link_problems(copy, sitechecks.expected_site_url()))
    index = copy / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "</article>", '<a href="notebooks/00-how-to-run/#no-such-section">x</a>'
                      '<a href="notebooks/99-missing/">y</a></article>', 1), encoding="utf-8")
    problems = set(sitechecks.link_problems(copy, sitechecks.expected_site_url())) - before
    assert len(problems) == 2, problems
    assert any("dead anchor 'notebooks/00-how-to-run/#no-such-section'" in p for p in problems), problems
    assert any("broken link 'notebooks/99-missing/'" in p for p in problems), problems


def test_cdn_script_tag_in_a_page_is_found(site, tmp_path):
    copy = sitechecks.copy_site(site, tmp_path / "site")
    page = sitechecks.notebook_page(copy, HOW_TO)
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</head>", '<script src="https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.min.js"></script></head>',
        1), encoding="utf-8")
    problems = sitechecks.external_resource_problems(copy)
    assert problems == ["notebooks/00-how-to-run/index.html: loads "
                        "'https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.min.js' from another host"]


def test_inline_cdn_import_is_found(site, tmp_path):
    copy = sitechecks.copy_site(site, tmp_path / "site")
    page = copy / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", '<script type="module">const m = await import("https://cdnjs.cloudflare.com/m.mjs")'
                   "</script></body>", 1), encoding="utf-8")
    assert len(sitechecks.external_resource_problems(copy)) == 1


def test_a_broken_workflow_key_fails_the_schema_check(tmp_path):
    broken = []
    for workflow in WORKFLOWS:
        text = workflow.read_text(encoding="utf-8")
        assert "runs-on:" in text
        copy = tmp_path / workflow.name
        copy.write_text(text.replace("runs-on:", "runs_on:", 1), encoding="utf-8")
        broken.append(copy)
    problems = "\n".join(sitechecks.workflow_problems(broken))
    for copy in broken:
        assert str(copy) in problems, problems
    assert sitechecks.workflow_problems(WORKFLOWS) == []


def test_strict_build_fails_on_a_broken_link(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nSee [the missing page](missing.md).\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: planted\ntheme: {name: material, font: false}\n")
    assert sitechecks.build_site(tmp_path / "out", config).returncode != 0
    (docs / "index.md").write_text("# Home\n")
    assert sitechecks.build_site(tmp_path / "out", config).returncode == 0
