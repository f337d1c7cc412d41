"""The built site in headless Chromium (Debian's /usr/bin/chromium via Playwright's executable_path;
Playwright's own browser on GitHub runners): pages load without console errors, notebook outputs are
visible, search finds a chapter, the dark-mode toggle works, and no request leaves localhost."""

from __future__ import annotations

import json
import re

import pytest
import sitechecks
from sitechecks import ROOT

pytestmark = pytest.mark.browser
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(**sitechecks.launch_options())
        yield b
        b.close()


@pytest.fixture(scope="module")
def base_url(site):
    with sitechecks.serve(site) as url:
        yield url


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    yield ctx
    ctx.close()


def _pages(site) -> list[str]:
    pages = ["", "errata/"] + [f"notebooks/{nb.stem}/" for nb in NOTEBOOKS]
    pages += [str(p.parent.relative_to(site)) + "/" for p in sorted((site / "using").glob("**/index.html"))]
    return pages


def test_landing_and_every_page_load_cleanly_and_stay_local(site, base_url, context):
    problems = []
    for path in _pages(site):
        page, report = sitechecks.open_page(context, base_url + path)
        problems += report.problems()
        assert page.locator("article h1").count() >= 1, path
        page.close()
    assert problems == []


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_notebook_outputs_are_visible(nb, base_url, context):
    page, report = sitechecks.open_page(context, f"{base_url}notebooks/{nb.stem}/")
    assert report.problems() == []
    outputs = page.locator(".jp-OutputArea-output")
    assert outputs.count() > 0
    assert outputs.first.is_visible()
    assert outputs.first.inner_text().strip() or outputs.first.locator("img, svg").count()
    # Mermaid cells are rendered by the vendored Mermaid (Material turns pre.mermaid into div.mermaid)
    assert page.locator("pre.mermaid").count() == 0
    binder = page.locator("[data-k8stutor-link=binder]")
    assert binder.is_visible() and binder.get_attribute("href").endswith(f"notebooks%2F{nb.name}")


def test_download_link_serves_the_notebook(base_url, context):
    nb = NOTEBOOKS[0]
    page, _ = sitechecks.open_page(context, f"{base_url}notebooks/{nb.stem}/")
    href = page.locator("[data-k8stutor-link=download]").get_attribute("href")
    response = page.request.get(f"{base_url}notebooks/{nb.stem}/{href}")
    assert response.ok
    assert json.loads(response.body()) == json.loads(nb.read_text(encoding="utf-8"))


def _search_word(nb) -> str:
    """A word of the chapter's title that says what it is about (its longest word)."""
    title = sitechecks.hooks().notebook_title(nb) or nb.stem
    return max(re.findall(r"[A-Za-z][A-Za-z-]{3,}", title), key=len)


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_search_finds_the_chapter_by_a_word(nb, base_url, context):
    page, report = sitechecks.open_page(context, base_url)
    hrefs = sitechecks.search(page, _search_word(nb))
    assert any(f"notebooks/{nb.stem}/" in h for h in hrefs), hrefs
    assert report.problems() == []


def test_dark_mode_toggle_switches_scheme_and_colours(base_url, context):
    page, report = sitechecks.open_page(context, base_url + f"notebooks/{NOTEBOOKS[0].stem}/")
    background = "getComputedStyle(document.body).backgroundColor"
    assert sitechecks.color_scheme(page) == "default"
    light = page.evaluate(background)
    assert sitechecks.toggle_palette(page) == "slate"
    page.wait_for_timeout(400)  # Material's colour transition
    assert page.evaluate(background) != light
    assert sitechecks.toggle_palette(page) == "default"
    assert report.problems() == []


def test_planted_cdn_script_is_caught_by_the_browser(site, tmp_path, browser):
    copy = sitechecks.copy_site(site, tmp_path / "site")
    page_file = copy / "index.html"
    page_file.write_text(page_file.read_text(encoding="utf-8").replace(
        "</head>", '<script src="https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.min.js"></script></head>',
        1), encoding="utf-8")
    with sitechecks.serve(copy) as url:
        ctx = browser.new_context()
        _, report = sitechecks.open_page(ctx, url)
        ctx.close()
    assert report.external_requests == ["https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.min.js"]
    assert report.problems()
