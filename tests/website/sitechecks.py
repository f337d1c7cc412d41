"""The delivery checks as plain functions, so `make test` and the planted-fault tests run the same code.

Each function returns a list of problems (empty = pass) or a CompletedProcess; none of them asserts.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
# Flags from the machine notes: without the background-networking ones Chromium phones home at start.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
]
# nbval's default cell timeout is 2000 s: a cell that hangs (a watch that never ends) would stall CI.
CELL_TIMEOUT = 300
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def run(cmd: list[str], cwd: Path = ROOT, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, **kw)


# -- notebooks -----------------------------------------------------------------------------------------------
def notebook_run_problems(path: Path) -> list[str]:
    """Every code cell ran, top to bottom, in one kernel, without errors (nbval cannot see this:
    it skips cells that have no outputs, so a notebook stripped of outputs passes it)."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    problems = []
    if nb.get("metadata", {}).get("kernelspec", {}).get("name") != "python3":
        problems.append(f"{path.name}: kernelspec is not python3")
    expected = 1
    code_cells = 0
    for index, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", ""))
        if not source.strip():
            problems.append(f"{path.name} cell {index}: empty code cell")
            continue
        code_cells += 1
        count = cell.get("execution_count")
        if count is None:
            problems.append(f"{path.name} cell {index}: never run (no execution_count)")
        elif count != expected:
            problems.append(f"{path.name} cell {index}: execution_count {count}, expected {expected} "
                            "(not run top to bottom in one fresh kernel)")
        expected = (count or expected) + 1
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                problems.append(f"{path.name} cell {index}: committed error output {out.get('ename')}")
    if code_cells == 0:
        problems.append(f"{path.name}: no code cells")
    return problems


def nbval(paths: list[Path], python: str | Path = sys.executable, cwd: Path = ROOT,
          extra: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """Re-run notebooks and compare every output strictly (never in nbval's lax mode)."""
    cmd = [str(python), "-m", "pytest", "--nbval", "--nbval-current-env", "-p", "no:cacheprovider",
           "--nbval-cell-timeout", str(CELL_TIMEOUT), "-q", "-o", "addopts=", *extra,
           *[str(p) for p in paths]]
    sanitize = ROOT / "tests" / "nbval_sanitize.cfg"
    if sanitize.exists():
        cmd[4:4] = ["--nbval-sanitize-with", str(sanitize)]
    return run(cmd, cwd=cwd)


# -- the site ----------------------------------------------------------------------------------------------
def build_site(dest: Path, config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess:
    return run([str(BIN / "mkdocs"), "build", "--strict", "--config-file", str(config),
                "--site-dir", str(dest)], cwd=config.parent)


class _Page(HTMLParser):
    """Ids, links and automatically loaded resources of one HTML page."""

    LOADING = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
               ("audio", "src"), ("embed", "src"), ("object", "data"), ("input", "src"), ("track", "src")}
    LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest",
                 "apple-touch-icon", "shortcut"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []  # hrefs/srcs to check for existence
        self.loads: list[str] = []  # what a browser fetches without a click
        self.inline: list[str] = []  # text of inline <script> and <style>
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        for t, attr in self.LOADING:
            if tag == t and a.get(attr):
                self.links.append(a[attr])
                self.loads.append(a[attr])
        if tag in ("img", "source") and a.get("srcset"):
            self.loads.extend(part.split()[0] for part in a["srcset"].split(",") if part.strip())
        if tag == "link" and a.get("href"):
            self.links.append(a["href"])
            if set(a.get("rel", "").lower().split()) & self.LINK_RELS:
                self.loads.append(a["href"])
        if "style" in a:
            self.inline.append(a["style"])
        if tag in ("script", "style") and "src" not in a:
            self._in = tag
            self.inline.append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.inline[-1] += data


@functools.lru_cache(maxsize=4096)
def _parse(path: Path, mtime: float) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def parse_page(path: Path) -> _Page:
    return _parse(path, path.stat().st_mtime)


def _html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _target(site: Path, page: Path, path: str, base_path: str) -> Path:
    if path.startswith("/"):
        rel = path[len(base_path):] if path.startswith(base_path) else path.lstrip("/")
        target = site / rel
    else:
        target = page.parent / path
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def link_problems(site: Path, site_url: str = "") -> list[str]:
    """Every internal link and resource of every page exists, and every #anchor exists in its target."""
    base_path = urlsplit(site_url).path or "/"
    problems = []
    for page in _html_pages(site):
        rel_page = page.relative_to(site)
        for href in parse_page(page).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
                continue
            path = unquote(parts.path)
            target = _target(site, page, path, base_path) if path else page
            if not target.resolve().is_relative_to(site.resolve()):
                problems.append(f"{rel_page}: link {href!r} leaves the site")
                continue
            if not target.exists():
                problems.append(f"{rel_page}: broken link {href!r}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in parse_page(target).ids:
                problems.append(f"{rel_page}: dead anchor {href!r} (no id {fragment!r} in "
                                f"{target.relative_to(site)})")
    return problems


# Strings in inline scripts/styles that make the browser fetch something by itself.
_INLINE_FETCH = re.compile(
    r"""(?:import\s*\(\s*|from\s+|url\(\s*|@import\s+|\.src\s*=\s*|require\(\s*\[?\s*)["']?(?:https?:)?//""",
    re.I,
)


def external_resource_problems(site: Path) -> list[str]:
    """No page (nor stylesheet) makes the browser load anything from another host without a click."""
    problems = []
    for page in _html_pages(site):
        rel = page.relative_to(site)
        parsed = parse_page(page)
        for url in parsed.loads:
            if urlsplit(url).netloc or url.startswith("//"):
                problems.append(f"{rel}: loads {url!r} from another host")
        for text in parsed.inline:
            for m in _INLINE_FETCH.finditer(text):
                snippet = text[m.start():m.end() + 60]
                problems.append(f"{rel}: inline code fetches from another host: {snippet!r}")
    for css in sorted(site.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        for m in _INLINE_FETCH.finditer(text):
            snippet = text[m.start():m.end() + 60]
            problems.append(f"{css.relative_to(site)}: fetches from another host: {snippet!r}")
    return problems


def notebook_page(site: Path, notebook: Path) -> Path:
    """Where mkdocs-jupyter puts a notebook's page (use_directory_urls)."""
    return site / "notebooks" / notebook.stem / "index.html"


@functools.cache
def hooks():
    """The site's MkDocs hook module (hooks/k8stutor_site.py), for its errata/nav/rewrite functions."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("k8stutor_site_hooks", ROOT / "hooks" / "k8stutor_site.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def expected_site_url() -> str:
    """site_url as the hook derives it from mkdocs.yml's extra.repo (or K8STUTOR_SITE_URL)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    repo = re.search(r"^\s+repo:\s*([\w.-]+/[\w.-]+)", text, re.M).group(1)
    return os.environ.get("K8STUTOR_SITE_URL") or hooks().site_url_for(repo)


def article(html_text: str) -> str:
    """The page's main content (without nav, header and footer)."""
    start = html_text.index("<article")
    return html_text[start:html_text.index("</article>", start)]


def load_plan_rows() -> list[dict]:
    """Rows of the landing page's chapter table: the planned chapters plus any unplanned notebook."""
    h = hooks()
    plan = h.load_plan()
    planned = {e["notebook"] for e in plan}
    return plan + [p for p in h.present_notebooks() if p.name not in planned]


def copy_site(site: Path, dest: Path) -> Path:
    shutil.copytree(site, dest)
    return dest


# -- GitHub workflows --------------------------------------------------------------------------------------
def workflow_problems(paths: list[Path]) -> list[str]:
    """Offline schema check of workflow files (check-jsonschema's bundled vendor.github-workflows)."""
    if not paths:
        return ["no workflow files"]
    proc = run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                *[str(p) for p in paths]])
    if proc.returncode == 0:
        return []
    return [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()] or ["failed"]


# -- the browser ---------------------------------------------------------------------------------------------
class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port) for as long as the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch_options() -> dict:
    """Debian's chromium where present (this machine, CI); elsewhere Playwright's own browser (GitHub)."""
    exe = os.environ.get("K8STUTOR_CHROMIUM") or (str(CHROMIUM) if CHROMIUM.exists() else None)
    opts: dict = {"headless": True, "args": CHROMIUM_ARGS}
    if exe:
        opts["executable_path"] = exe
    return opts


@dataclass
class PageReport:
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        out = [f"console error: {m}" for m in self.console_errors]
        out += [f"page error: {m}" for m in self.page_errors]
        out += [f"request left localhost: {u}" for u in self.external_requests]
        out += [f"bad response: {u}" for u in self.bad_responses]
        return [f"{self.url}: {p}" for p in out]


def open_page(context, url: str, settle_ms: int = 300):
    """Open url in a new tab and record console errors, uncaught errors, requests leaving localhost
    (aborted, so the test never depends on the network) and HTTP errors. Returns (page, report)."""
    report = PageReport(url)
    page = context.new_page()

    def route(r):
        host = urlsplit(r.request.url).hostname or ""
        if r.request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOCAL_HOSTS:
            report.external_requests.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and report.console_errors.append(m.text))
    page.on("pageerror", lambda e: report.page_errors.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and report.bad_responses.append(f"{r.status} {r.url}"))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(settle_ms)
    return page, report


def search(page, word: str) -> list[str]:
    """Type a word into Material's search box; return the result links (hrefs)."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # narrow viewports hide the box behind a button
        page.locator("label.md-header__button[for='__search']").click()
    box.click()
    box.press_sequentially(word, delay=20)  # Material searches on key events, not on a programmatic fill
    items = page.locator(".md-search-result__item a")
    items.first.wait_for(timeout=10_000)
    return [items.nth(i).get_attribute("href") or "" for i in range(items.count())]


def color_scheme(page) -> str:
    return page.locator("body").get_attribute("data-md-color-scheme") or ""


def toggle_palette(page) -> str:
    """Click the visible light/dark toggle; return the new scheme."""
    before = color_scheme(page)
    page.locator("form[data-md-component='palette'] label.md-header__button:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{before}'",
                           timeout=5_000)
    return color_scheme(page)
