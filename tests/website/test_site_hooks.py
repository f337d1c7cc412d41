"""The MkDocs hooks on small inputs: errata extraction, generated tables, nav, CDN-loader removal."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
import sitechecks
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

H = sitechecks.hooks()

ERRATUM = """Some text.

<div class="admonition warning erratum" id="erratum-nodeport-range">
<p class="admonition-title">Correction: the NodePort range is <code>30000-32767</code></p>
<p>The article says otherwise.</p>
</div>
"""


def write_nb(path: Path, *cells) -> Path:
    nb = new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_errata_are_read_from_markdown_cells_with_their_titles(tmp_path):
    nb = write_nb(tmp_path / "01-services.ipynb", new_markdown_cell("# Services\n\nIntro"),
                  new_markdown_cell(ERRATUM), new_code_cell('print("<div class=\\"erratum\\" id=\\"x\\">")'))
    assert H.errata_in(nb) == [H.Erratum("01-services.ipynb", "erratum-nodeport-range",
                                         "Correction: the NodePort range is 30000-32767")]
    md = H.errata_markdown([nb])
    assert "## Services" in md
    assert ("- [Correction: the NodePort range is 30000-32767]"
            "(notebooks/01-services.ipynb#erratum-nodeport-range)") in md


def test_a_plain_admonition_is_not_an_erratum(tmp_path):
    nb = write_nb(tmp_path / "x.ipynb", new_markdown_cell('<div class="admonition note" id="note-1">\n'
                                                          '<p class="admonition-title">Note</p></div>'))
    assert H.errata_in(nb) == []
    assert "No corrections" in H.errata_markdown([nb])


def test_chapter_table_links_only_notebooks_that_exist(tmp_path):
    plan = [{"notebook": "00-a.ipynb", "title": "A", "section": "s0", "objects": "Pod"},
            {"notebook": "01-b.ipynb", "title": "B", "section": "s1", "objects": "Service"}]
    present = [write_nb(tmp_path / "00-a.ipynb", new_markdown_cell("# A, as the notebook says"))]
    table = H.chapters_table(plan, present)
    assert "| 0. [A, as the notebook says](notebooks/00-a.ipynb) | s0 | Pod |" in table
    assert "| 1. B *(being written)* | s1 | Service |" in table
    assert "01-b.ipynb" not in table


def test_nav_has_chapters_titled_by_their_h1_and_only_existing_pages(tmp_path):
    nbs = [write_nb(tmp_path / "00-a.ipynb", new_markdown_cell("# First chapter\n\ntext"))]
    docs = tmp_path / "docs"
    (docs / "using").mkdir(parents=True)
    (docs / "using" / "index.md").write_text("# Using")
    (docs / "using" / "cluster.md").write_text("# Cluster")
    (docs / "errata.md").write_text("# Errata")
    nav = H.build_nav(nbs, docs)
    assert nav == [{"Home": "index.md"}, {"Chapters": [{"First chapter": "notebooks/00-a.ipynb"}]},
                   {"Using k8stutor": ["using/index.md", "using/cluster.md"]},
                   {"What the article gets wrong": "errata.md"}]


@pytest.fixture(scope="module")
def nbconvert_page(tmp_path_factory) -> str:
    """What mkdocs-jupyter really renders for a notebook with a Mermaid cell and math."""
    from mkdocs_jupyter.convert import nb2html

    path = write_nb(tmp_path_factory.mktemp("nb") / "n.ipynb",
                    new_markdown_cell("# T\n\n$x^2$\n\n```mermaid\nflowchart LR\n  a --> b\n```"),
                    new_code_cell("1"))
    return nb2html(str(path), execute=False, allow_errors=False)


def test_nbconvert_pages_come_with_cdn_loaders(nbconvert_page):
    # the reason for the hook: if this ever fails, nbconvert changed and the hook may be obsolete
    assert "cdnjs.cloudflare.com" in nbconvert_page or 'src=""' in nbconvert_page


def test_cdn_loaders_are_stripped_and_diagrams_kept(nbconvert_page):
    out = H.strip_cdn_loaders(nbconvert_page)
    assert "cdnjs" not in out and "<script src=" not in out
    assert "x-mathjax-config" not in out
    assert '<pre class="mermaid">' in out  # Material renders it with the vendored copy
    assert ".jp-Mermaid:not(.jp-RenderedMermaid)" not in out  # nbconvert's CSS would hide it


def test_links_written_for_jupyterlab_become_site_links():
    pages = {"notebooks/02-ingress.ipynb": "notebooks/02-ingress/", "validating.md": "validating/",
             "index.md": ""}
    html = ('<a href="02-ingress.ipynb#what-s-next">n</a> <a href="../docs/validating.md">v</a> '
            '<a href="../index.md">h</a> <a href="https://kubernetes.io/x.md">k</a> <a href="#top">t</a> '
            '<a href="missing.ipynb">m</a>')
    out = H.rewrite_notebook_links(html, "notebooks/01-services/", "notebooks/01-services.ipynb", pages.get)
    assert out == ('<a href="../02-ingress/#what-s-next">n</a> <a href="../../validating/">v</a> '
                   '<a href="../../">h</a> <a href="https://kubernetes.io/x.md">k</a> <a href="#top">t</a> '
                   '<a href="missing.ipynb">m</a>')


def test_vendored_mermaid_goes_before_materials_bundle():
    page = ('<html><body><pre class="mermaid">x</pre>'
            '<script src="../../assets/javascripts/bundle.1.min.js"></script></body></html>')
    out = H.add_vendored_mermaid(page, "notebooks/00-how-to-run/")
    assert out.index('src="../../assets/vendor/mermaid/mermaid.min.js"') < out.index("bundle.1")
    assert H.add_vendored_mermaid("<html><body>no diagram</body></html>", "") .count("mermaid") == 0


def test_site_url_comes_from_the_repository():
    assert H.site_url_for("k8stutor/k8stutor") == "https://k8stutor.github.io/k8stutor/"
    assert H.site_url_for("SomeOne/tutor") == "https://someone.github.io/tutor/"


def test_plan_covers_the_eight_chapters():
    names = [e["notebook"] for e in H.load_plan()]
    assert names == ["00-how-to-run.ipynb", "01-services.ipynb", "02-ingress.ipynb",
                     "03-replicationcontroller.ipynb", "04-replicaset.ipynb", "05-deployment.ipynb",
                     "06-statefulset.ipynb", "07-configmap-secrets.ipynb"]
    assert all(json.dumps(e) and e["section"] and e["objects"] for e in H.load_plan())
