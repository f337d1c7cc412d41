"""The built site: strict build, every chapter page with its links, links and anchors, nothing external."""

from __future__ import annotations

import hashlib
import json
import os
import re

import pytest
import sitechecks
from sitechecks import ROOT, notebook_page


def test_mkdocs_build_strict_is_clean(site_build):
    proc, _ = site_build
    if proc is None:
        pytest.skip("K8STUTOR_SITE given: the build ran elsewhere")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert warnings == []


def test_every_internal_link_and_anchor_resolves(site, site_config):
    assert sitechecks.link_problems(site, sitechecks.expected_site_url()) == []


def test_no_page_loads_anything_from_another_host(site):
    assert sitechecks.external_resource_problems(site) == []


def test_every_notebook_is_a_chapter_page_with_binder_and_download_links(site, site_config, notebooks):
    assert notebooks, "no notebooks in notebooks/"
    repo, branch = site_config["extra"]["repo"], site_config["extra"]["branch"]
    for nb in notebooks:
        page = notebook_page(site, nb)
        assert page.exists(), f"no page for {nb.name}"
        text = page.read_text(encoding="utf-8")
        binder = f"https://mybinder.org/v2/gh/{repo}/{branch}?labpath=notebooks%2F{nb.name}"
        assert f'href="{binder}"' in text, f"{nb.name}: no Binder link to itself"
        assert re.search(rf'data-k8stutor-link="download" href="{re.escape(nb.name)}"', text)
        copy = page.parent / nb.name
        assert json.loads(copy.read_text(encoding="utf-8")) == json.loads(nb.read_text(encoding="utf-8"))


def test_site_url_derives_from_the_repository_setting(site, site_config):
    owner, name = site_config["extra"]["repo"].split("/")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text())
    assert canonical and canonical.group(1) == sitechecks.expected_site_url()
    if "K8STUTOR_SITE_URL" not in os.environ:
        assert canonical.group(1) == f"https://{owner.lower()}.github.io/{name}/"


def test_nav_lists_every_chapter_in_order(site, notebooks):
    html = (site / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary"'):]
    positions = [nav.find(f"notebooks/{nb.stem}/") for nb in notebooks]
    assert -1 not in positions, "a chapter is missing from the nav"
    assert positions == sorted(positions)


def test_landing_page_table_credits_and_ways_to_use(site, notebooks):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "Kubernetes 介紹 - 進階" in html
    for way in ("Read it here", "Run it on Binder", "Run it locally"):
        assert way in html
    table = html[html.index("<table>"):html.index("</table>")]
    assert table.count("<tr>") == 1 + len(sitechecks.load_plan_rows())
    for nb in notebooks:
        assert f'href="notebooks/{nb.stem}/"' in table, f"{nb.name} not linked from the landing table"


def test_errata_page_links_every_correction_to_its_chapter(site, notebooks):
    errata = sitechecks.article((site / "errata" / "index.html").read_text(encoding="utf-8"))
    expected = [(nb, e) for nb in notebooks for e in sitechecks.hooks().errata_in(nb)]
    for nb, e in expected:
        assert f'href="../notebooks/{nb.stem}/#{e.anchor}"' in errata, e
        assert e.anchor in sitechecks.parse_page(notebook_page(site, nb)).ids, f"{e.anchor} lost in rendering"
    assert errata.count('href="../notebooks/') == len(expected)


def test_pages_with_diagrams_load_the_vendored_mermaid(site):
    vendored = site / "assets" / "vendor" / "mermaid" / "mermaid.min.js"
    assert vendored.stat().st_size > 1_000_000
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'class="mermaid"' in text:
            assert "assets/vendor/mermaid/mermaid.min.js" in text, page
            vendored_at = text.index("vendor/mermaid/mermaid.min.js")
            assert vendored_at < text.index("assets/javascripts/bundle."), page


def test_vendored_mermaid_is_the_pinned_release():
    vendor = ROOT / "docs" / "assets" / "vendor" / "mermaid"
    version, name, digest = (vendor / "VERSION").read_text().split()[:3]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version) and name == "mermaid.min.js"
    assert digest == "sha256:" + hashlib.sha256((vendor / name).read_bytes()).hexdigest()
    assert (vendor / "LICENSE").read_text().startswith("The MIT License")


def test_theme_loads_no_google_fonts_and_no_repository_widget(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert "md-source" not in html  # the repository widget queries the GitHub API from the browser


def test_notebook_pages_keep_the_outputs(site, notebooks):
    for nb in notebooks:
        data = json.loads(nb.read_text(encoding="utf-8"))
        outputs = sum(len(c.get("outputs", [])) for c in data["cells"] if c["cell_type"] == "code")
        html = notebook_page(site, nb).read_text(encoding="utf-8")
        assert html.count("jp-OutputArea-output") >= min(outputs, 1), nb.name

