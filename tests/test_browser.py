"""The built site opened in a real headless Chromium, served on 127.0.0.1.

Skipped, with the reason printed in the summary, where no browser is installed; `.ci/run`
installs Debian's chromium, so CI always runs them.
"""
import re

import pytest

import identities

from .search_queries import QUERIES
from .site_helpers import CHROMIUM, CHROMIUM_ARGS, Server, browser_missing

reason = browser_missing()
pytestmark = pytest.mark.skipif(reason is not None, reason=f"browser tests skipped: {reason}")

ENTRIES = list(identities.catalogue().entries.values())
BASE = "https://tested-matrix-calculus-cookbook.org/"

# TeX commands left as text mean math did not render; code blocks legitimately show TeX source.
RAW_TEX = re.compile(r"\\(frac|operatorname|partial|mathrm|top|left|right|sum|begin|mathbf|lVert)\b")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(built_site):
    server = Server(built_site)
    yield server
    server.close()


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context()
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())  # offline, provably
    pg = context.new_page()
    yield pg
    context.close()


PAGE_PROBE = """() => {
  const article = document.querySelector('article.bd-article');
  const clone = article.cloneNode(true);
  clone.querySelectorAll('pre, code, annotation').forEach(n => n.remove());
  const formulas = Array.from(document.querySelectorAll('math'));
  return {
    errors: document.querySelectorAll('merror, .temml-error, .mc-math-error').length,
    unrendered: Array.from(document.querySelectorAll('div.math, span.math'))
                     .filter(m => !m.querySelector('math')).length,
    formulas: formulas.length,
    // laid out by the browser's MathML engine, not shown as loose text: a formula has a size and
    // its parts are math boxes or, for an mtable, a table (Temml's <math> itself is a flex box,
    // for line breaking), and a fraction's numerator stands above its denominator
    unlaid: formulas.filter(m => { const b = m.getBoundingClientRect();
                                   return !(b.width > 0 && b.height > 0) || !m.firstElementChild
                                     || Array.from(m.children).some(c => !/math|table/.test(getComputedStyle(c).display)); })
                    .length
            + Array.from(document.querySelectorAll('mfrac')).filter(f =>
                f.firstElementChild.getBoundingClientRect().bottom > f.lastElementChild.getBoundingClientRect().top + 1).length,
    text: clone.innerText,
    permalink: (document.querySelector('.mc-cite .mc-permalink') || {}).href || null,
    bibtex: (document.querySelector('.mc-bibtex') || {}).innerText || '',
    title: (document.querySelector('article h1') || {}).innerText || '',
  };
}"""


@pytest.fixture(scope="module")
def entry_pages(site, page):
    """Every entry page opened once: what the browser shows of it."""
    out = {}
    for r in ENTRIES:
        page.goto(site.url + f"id/{r.id}.html", wait_until="domcontentloaded")
        got = page.evaluate(PAGE_PROBE)
        got["url"] = page.url
        out[r.id] = got
    return out


def test_every_entry_page_renders_its_math(entry_pages):
    failures = []
    for r in ENTRIES:
        got = entry_pages[r.id]
        raw = RAW_TEX.search(got["text"])
        if got["errors"] or got["unrendered"] or got["unlaid"] or not got["formulas"] or raw:
            failures.append(f"{r.id}: {got['errors']} MathML errors, {got['unrendered']} unrendered, "
                            f"{got['unlaid']} of {got['formulas']} formulas with no size, "
                            f"raw TeX {raw.group(0) if raw else None!r}")
    assert not failures, "\n".join(failures)


def test_copy_latex_buttons_copy_the_records_latex(browser, site):
    r = next(e for e in ENTRIES if e.differential and e.other_layout)
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url.rstrip("/"))
    pg = context.new_page()
    try:
        pg.goto(site.url + f"id/{r.id}.html")
        buttons = pg.locator(".mc-copy-latex")
        # every display formula has one: the statement, the other layout, the differential, further
        # formulas, the derivation's steps and the printed errata
        shown = 3 + len(r.also) + len(r.derivation) + sum(bool(e.printed) for e in r.errata)
        assert buttons.count() == shown, r.id
        copied = []
        for k in (0, 2, shown - 1):
            buttons.nth(k).click()
            pg.wait_for_function("(b) => b.textContent === 'Copied'", arg=buttons.nth(k).element_handle())
            copied.append(pg.evaluate("() => navigator.clipboard.readText()"))
        last = ([e.printed for e in r.errata if e.printed] or [s.latex for s in r.derivation]
                or [f.latex for f in r.also] or [r.differential.latex])[-1]
        assert copied == [r.latex, r.differential.latex, last]
    finally:
        context.close()


def test_cite_box_holds_the_pages_own_permanent_url(entry_pages):
    for r in ENTRIES:
        got = entry_pages[r.id]
        assert got["url"].endswith(f"/id/{r.id}.html")
        assert got["permalink"] == BASE + f"id/{r.id}.html", r.id
        assert f"url          = {{{BASE}id/{r.id}.html}}" in got["bibtex"], r.id
        assert got["title"].startswith(r.title), (r.id, got["title"])


def test_other_pages_render_their_math(site, page):
    for path in ("index.html", "conventions.html", "concordance.html", "errata.html", "topics/traces.html",
                 "tutorials/layouts.html", "tutorials/neuron.html", "tutorials/your_identity.html"):
        page.goto(site.url + path)
        got = page.evaluate(PAGE_PROBE)
        assert got["errors"] == 0 and got["unrendered"] == 0, path
        assert not RAW_TEX.search(got["text"]), path


def test_math_font_is_served_by_the_site(site, page):
    # other hosts are unreachable from this page, so a loaded face came from the site itself
    page.goto(site.url + "id/" + ENTRIES[0].id + ".html")
    faces = page.evaluate("""async () => {
      await document.fonts.load('16px STIX2', '\u2202');
      return Array.from(document.fonts).filter(f => f.family.replace(/"/g, '') === 'STIX2').map(f => f.status);
    }""")
    assert faces == ["loaded"], faces


def _search(page, site, query):
    from urllib.parse import quote_plus

    page.goto(site.url + "search.html?q=" + quote_plus(query))
    page.wait_for_function("() => /result|No entry/.test(document.querySelector('.mc-search-status').innerText)",
                           timeout=15000)
    return page.eval_on_selector_all(".mc-result-link", "els => els.map(e => e.getAttribute('href'))")


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_search_box_finds_the_entry(site, page, query, expected):
    hrefs = _search(page, site, query)
    top = [h.rstrip("/").split("/")[-1].replace(".html", "") for h in hrefs[:3]]
    assert expected in top, f"{query!r}: expected {expected} in the top 3, got {top}"


def test_a_long_formula_scrolls_inside_its_box_on_a_phone(browser, site):
    """At 390 pixels the page never scrolls sideways; a formula too wide for its box (MathML breaks most
    lines; one formula is made unbreakable here) scrolls inside the box, and its Copy LaTeX button
    covers no formula."""
    longest = sorted(ENTRIES, key=lambda r: -len(r.latex))[:5]
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    pg = context.new_page()
    probe = """(widen) => {
      const boxes = Array.from(document.querySelectorAll('.mc-formula'));
      if (widen) boxes[0].querySelector('div.math math').style.minWidth = '1200px';
      const overlap = (a, b) => !(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top);
      const wide = (m) => m.scrollWidth > m.clientWidth + 1;
      const scrolls = (m) => ['auto', 'scroll'].includes(getComputedStyle(m).overflowX);
      return {
        page_overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        boxes: boxes.length,
        scrolling: boxes.filter(r => wide(r.querySelector('div.math')) && scrolls(r.querySelector('div.math'))).length,
        clipped: boxes.filter(r => wide(r.querySelector('div.math')) && !scrolls(r.querySelector('div.math'))).length,
        covered: boxes.filter(r => { const b = r.querySelector('.mc-copy-latex'), m = r.querySelector('div.math');
                                     return b && overlap(b.getBoundingClientRect(), m.getBoundingClientRect()); }).length,
      };
    }"""
    try:
        for r in longest:
            pg.goto(site.url + f"id/{r.id}.html")
            got = pg.evaluate(probe, False)
            assert got["boxes"] and got["page_overflow"] <= 1 and not got["clipped"] and not got["covered"], (r.id, got)
        got = pg.evaluate(probe, True)
        assert got["scrolling"] >= 1 and got["page_overflow"] <= 1 and not got["clipped"] and not got["covered"], got
        # the box scrolls: its content moves when scrolled
        moved = pg.evaluate("""() => { const m = document.querySelector('.mc-formula div.math');
                                      m.scrollLeft = 200; return m.scrollLeft; }""")
        assert moved > 0
    finally:
        context.close()
