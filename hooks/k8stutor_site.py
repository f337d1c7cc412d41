"""MkDocs hooks that turn notebooks/ into the site's chapters.

- on_config: derives site_url from ``extra.repo`` (the one setting) and builds the nav from the notebooks
  and pages that exist right now (chapters appear as their notebooks are written).
- on_page_markdown: fills the landing page's chapter table and the errata page (generated, never typed).
- on_page_content: in notebook pages, drops nbconvert's CDN loaders (MathJax, Mermaid) so no request
  leaves the site, and rewrites links between notebooks (``01-services.ipynb``) to the pages they became.
- on_post_page: pages with a Mermaid diagram load the vendored Mermaid before Material's bundle, so
  Material renders diagrams (Markdown and notebook ones) without fetching Mermaid from a CDN.

The pure functions here are also used by tests/website/.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DOCS = ROOT / "docs"
PLAN = Path(__file__).resolve().parent / "chapters.yml"
MERMAID = "assets/vendor/mermaid/mermaid.min.js"

CHAPTERS_MARK = "<!-- k8stutor:chapters -->"
ERRATA_MARK = "<!-- k8stutor:errata -->"


# -- reading notebooks -------------------------------------------------------------------------------------
def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8")).get("cells", [])


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def notebook_title(path: Path) -> str | None:
    """The first H1 of the notebook's first Markdown cells (the chapter's title)."""
    for cell in _cells(path):
        if cell.get("cell_type") != "markdown":
            continue
        for line in _source(cell).splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return None


@dataclass(frozen=True)
class Erratum:
    notebook: str  # file name, e.g. "01-services.ipynb"
    anchor: str  # the div's id, e.g. "erratum-nodeport-range"
    title: str  # text of its admonition title


_DIV = re.compile(r"<div\b([^>]*)>", re.I)
_ATTR = re.compile(r'([\w-]+)\s*=\s*"([^"]*)"')
_TITLE = re.compile(r'<p\b[^>]*class="[^"]*\badmonition-title\b[^"]*"[^>]*>(.*?)</p>', re.I | re.S)
_TAG = re.compile(r"<[^>]+>")


def errata_in(path: Path) -> list[Erratum]:
    """The corrections a notebook states: ``<div class="admonition warning erratum" id="erratum-...">``."""
    found = []
    for cell in _cells(path):
        if cell.get("cell_type") != "markdown":
            continue
        text = _source(cell)
        for match in _DIV.finditer(text):
            attrs = dict(_ATTR.findall(match.group(1)))
            if "erratum" not in attrs.get("class", "").split() or not attrs.get("id"):
                continue
            title = _TITLE.search(text, match.end())
            label = html.unescape(_TAG.sub("", title.group(1))).strip() if title else attrs["id"]
            found.append(Erratum(path.name, attrs["id"], " ".join(label.split())))
    return found


def present_notebooks(notebooks: Path = NOTEBOOKS) -> list[Path]:
    return sorted(p for p in notebooks.glob("*.ipynb") if not p.name.startswith("."))


def load_plan(plan: Path = PLAN) -> list[dict]:
    return yaml.safe_load(plan.read_text(encoding="utf-8"))


# -- generated Markdown ------------------------------------------------------------------------------------
def chapters_table(plan: list[dict], present: list[Path]) -> str:
    """Landing-page table: chapter, the article's section, objects. Links only chapters that exist."""
    names = {p.name: p for p in present}
    rows = ["| Chapter | Section of the original article | Kubernetes objects |", "|---|---|---|"]
    listed = set()
    for i, entry in enumerate(plan):
        nb = entry["notebook"]
        listed.add(nb)
        if nb in names:  # the chapter's own H1 once it exists, as in the nav
            cell = f"{i}. [{notebook_title(names[nb]) or entry['title']}](notebooks/{nb})"
        else:
            cell = f"{i}. {entry['title']} *(being written)*"
        rows.append(f"| {cell} | {entry['section']} | {entry['objects']} |")
    for extra in sorted(set(names) - listed):  # a notebook nobody planned still gets a row
        title = notebook_title(names[extra]) or extra
        rows.append(f"| [{title}](notebooks/{extra}) | - | - |")
    return "\n".join(rows) + "\n"


def errata_markdown(present: list[Path]) -> str:
    """One entry per correction, linking to the note in its chapter."""
    blocks = []
    for path in present:
        items = errata_in(path)
        if not items:
            continue
        title = notebook_title(path) or path.stem
        blocks.append(f"## {title}\n")
        blocks.extend(f"- [{e.title}](notebooks/{e.notebook}#{e.anchor})" for e in items)
        blocks.append("")
    if not blocks:
        return "No corrections have been written down yet.\n"
    return "\n".join(blocks) + "\n"


def build_nav(present: list[Path], docs: Path = DOCS) -> list:
    """Home, the chapters present, the pages present; no entry points at a missing file."""
    chapters = [{notebook_title(p) or p.stem: f"notebooks/{p.name}"} for p in present]
    nav: list = [{"Home": "index.md"}]
    if chapters:
        nav.append({"Chapters": chapters})
    using = docs / "using"
    pages = ["using/index.md"] if (using / "index.md").exists() else []
    pages += [f"using/{p.name}" for p in sorted(using.glob("*.md")) if p.name != "index.md"]
    if (docs / "validating.md").exists():
        pages.append("validating.md")
    if pages:
        nav.append({"Using k8stutor": pages})
    if (docs / "errata.md").exists():
        nav.append({"What the article gets wrong": "errata.md"})
    return nav


def site_url_for(repo: str) -> str:
    owner, name = repo.split("/", 1)
    return f"https://{owner.lower()}.github.io/{name}/"


# -- HTML rewriting of notebook pages ----------------------------------------------------------------------
# an external script, or the empty-src MathJax loader that mkdocs-jupyter emits with no custom_mathjax_url
_EXT_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"(?:https?://[^\"]*)?\"[^>]*>\s*</script>\s*", re.I)
_MATHJAX_CONFIG = re.compile(r'<script type="text/x-mathjax-config">.*?</script>\s*', re.S)
_MERMAID_LOADER = re.compile(
    r'<script type="module">(?:(?!</script>).)*?\.jp-Mermaid(?:(?!</script>).)*</script>\s*'
    r"(?:<style>(?:(?!</style>).)*jp-Mermaid(?:(?!</style>).)*</style>\s*)?"
    r"(?:<!-- End of mermaid configuration -->\s*)?",
    re.S,
)
_COMMENTS = re.compile(r"<!-- (?:Load mathjax|MathJax configuration|End of mathjax configuration) -->\s*")
_HREF = re.compile(r'(<a\b[^>]*\bhref=")([^"]*)(")', re.I)


def strip_cdn_loaders(content: str) -> str:
    """Remove nbconvert's CDN loaders: MathJax (unused here), RequireJS, and its Mermaid module loader
    (Material renders ``pre.mermaid`` itself with the vendored copy)."""
    content = _MERMAID_LOADER.sub("", content)
    content = _MATHJAX_CONFIG.sub("", content)
    content = _EXT_SCRIPT.sub("", content)
    return _COMMENTS.sub("", content)


def rewrite_notebook_links(content: str, page_url: str, src_uri: str, url_of) -> str:
    """Links written for JupyterLab (``02-ingress.ipynb#x``, ``../docs/validating.md``) -> site URLs.

    A relative link is resolved against the notebook's folder, both as it sits in the repository
    (notebooks/) and in docs_dir; ``url_of(src_uri)`` gives the page URL of a docs file or None.
    """
    base = posixpath.dirname(src_uri)

    def fix(m: re.Match) -> str:
        href = html.unescape(m.group(2))
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("#", "/")) or not parts.path:
            return m.group(0)
        if not parts.path.endswith((".ipynb", ".md")):
            return m.group(0)
        target = posixpath.normpath(posixpath.join(base, parts.path))
        candidates = [target, target[len("docs/"):] if target.startswith("docs/") else None]
        for cand in filter(None, candidates):
            url = url_of(cand)
            if url is not None:
                new = _relative(url, page_url) + (f"#{parts.fragment}" if parts.fragment else "")
                return m.group(1) + html.escape(new) + m.group(3)
        return m.group(0)

    return _HREF.sub(fix, content)


def _relative(url: str, from_url: str) -> str:
    from mkdocs.utils import get_relative_url

    return get_relative_url(url or "./", from_url or "./")


def add_vendored_mermaid(output: str, page_url: str) -> str:
    """Load the vendored Mermaid before Material's bundle on pages that have a diagram."""
    if 'class="mermaid"' not in output:
        return output
    src = _relative(MERMAID, page_url)
    tag = f'<script src="{src}"></script>\n'
    bundle = re.search(r'<script src="[^"]*assets/javascripts/bundle\.[^"]*"', output)
    if bundle:
        return output[: bundle.start()] + tag + output[bundle.start():]
    return output.replace("</body>", tag + "</body>")


# -- MkDocs hook entry points ------------------------------------------------------------------------------
def _is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def on_config(config, **kwargs):
    repo = config["extra"].get("repo", "k8stutor/k8stutor")
    config["site_url"] = os.environ.get("K8STUTOR_SITE_URL") or config.get("site_url") or site_url_for(repo)
    if not config.get("site_url", "").endswith("/"):
        config["site_url"] += "/"
    config["extra"]["site_url"] = config["site_url"]
    config["nav"] = build_nav(present_notebooks(), Path(config["docs_dir"]))
    return config


def on_page_markdown(markdown, page, config, files, **kwargs):
    if CHAPTERS_MARK in markdown:
        markdown = markdown.replace(CHAPTERS_MARK, chapters_table(load_plan(), present_notebooks()))
    if ERRATA_MARK in markdown:
        markdown = markdown.replace(ERRATA_MARK, errata_markdown(present_notebooks()))
    return markdown


def on_page_content(html_text, page, config, files, **kwargs):
    if not _is_notebook(page):
        return html_text

    def url_of(src_uri: str):
        f = files.get_file_from_path(src_uri)
        return f.url if f is not None and f.is_documentation_page() else None

    html_text = strip_cdn_loaders(html_text)
    return rewrite_notebook_links(html_text, page.url, page.file.src_uri, url_of)


def on_post_page(output, page, config, **kwargs):
    return add_vendored_mermaid(output, page.url)
