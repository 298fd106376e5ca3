"""Search quality: the command line's search (identities.search) and the site's (pagefind, through the
search page's own code), on the query set of the tests, for all queries and for those typed as formulas.

    python tools/bench_search.py [_build/html] [-v]

Runs the queries of tests/search_queries.py through ``identities.search.Index`` and, in headless
Chromium against the built site served on 127.0.0.1, through ``window.MC_SEARCH.search`` of the
search page (docs/_static/mc-search.js); where the build also has Sphinx's own index
(``sphinx-build -c . -D mc_builtin_search=1 docs _build/html``), through that too, for comparison.
Prints, per query, the rank of the expected entry under each engine, then the hit rates and the time
per query. Prints figures; asserts nothing. -v also prints the top 5 of a query that misses.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import identities  # noqa: E402
from identities.search import Index  # noqa: E402
from tests.search_queries import FORMULA_QUERIES, QUERIES  # noqa: E402
from tests.site_helpers import CHROMIUM, CHROMIUM_ARGS, Server, browser_missing  # noqa: E402

SITE = """async (q) => {
  const t0 = performance.now();
  const res = await window.MC_SEARCH.search(q, 'pagefind/pagefind.js');
  const data = await Promise.all(res.slice(0, 10).map(x => x.data || x.r.data()));
  return {ms: performance.now() - t0, urls: data.map(d => d.url)};
}"""

BUILTIN = """(q) => {
  const t0 = performance.now();
  const results = Search._performSearch(...Search._parseQuery(q));
  const urls = results.slice().reverse().slice(0, 10).map(r => r[0]);
  return {ms: performance.now() - t0, urls: urls};
}"""


def _id(url: str) -> str:
    return url.rstrip("/").split("/")[-1].replace(".html", "")


def _rank(ids, expected):
    return ids.index(expected) + 1 if expected in ids else None


def command_line() -> dict:
    cat = identities.catalogue()
    index = Index(cat, cat.topics)
    out = {}
    for q, _ in QUERIES:
        t0 = time.perf_counter()
        ids = [r.id for _, r in index.search(q, limit=10)]
        out[q] = (ids, (time.perf_counter() - t0) * 1000)
    return out


def in_browser(site_dir: Path) -> dict:
    from playwright.sync_api import sync_playwright

    server = Server(site_dir)
    engines: dict = {"site": {}}
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            pg = b.new_page()
            pg.goto(server.url + "search.html")
            pg.wait_for_function("() => window.MC_SEARCH !== undefined")
            builtin = (site_dir / "searchindex.js").exists()
            if builtin:
                engines["sphinx built-in"] = {}
                for js in ("_static/documentation_options.js", "_static/language_data.js",
                           "_static/searchtools.js", "searchindex.js"):
                    pg.add_script_tag(url=server.url + js)
                pg.wait_for_function("() => typeof Search !== 'undefined' && Search.hasIndex()")
            for q, _ in QUERIES:
                got = pg.evaluate(SITE, q)
                engines["site"][q] = ([_id(u) for u in got["urls"]], got["ms"])
                if builtin:
                    got = pg.evaluate(BUILTIN, q)
                    engines["sphinx built-in"][q] = ([_id(u) for u in got["urls"]], got["ms"])
            b.close()
    finally:
        server.close()
    return engines


def main(site_dir: Path) -> int:
    engines = {"command line": command_line()}
    why = browser_missing()
    if why:
        print(f"the site's search is not measured: {why}")
    else:
        engines.update(in_browser(site_dir))
    names = list(engines)
    formulas = {q for q, _ in FORMULA_QUERIES}
    print(f"{'query':42} {'want':5} " + " ".join(f"{n[:12]:>12}" for n in names))
    for q, e in QUERIES:
        ranks = [_rank(engines[n][q][0], e) for n in names]
        print(f"{q:42} {e:5} " + " ".join(f"{str(r or '-'):>12}" for r in ranks))
        if "-v" in sys.argv:
            for n, r in zip(names, ranks):
                if r is None or r > 3:
                    print(f"    {n} top 5:", " ".join(engines[n][q][0][:5]))
    print()
    for n in names:
        for label, subset in (("all", [q for q, _ in QUERIES]), ("typed as formulas", sorted(formulas))):
            want = dict(QUERIES)
            ranks = [_rank(engines[n][q][0], want[q]) for q in subset]
            top3 = sum(1 for r in ranks if r is not None and r <= 3)
            top1 = sum(1 for r in ranks if r == 1)
            print(f"{n}, {label}: expected entry in the top 3 for {top3}/{len(subset)} ({100 * top3 / len(subset):.0f} %), "
                  f"first for {top1}/{len(subset)}")
        print(f"{n}: median {statistics.median(ms for _, ms in engines[n].values()):.1f} ms per query"
              + (" (in the page, index loaded)" if n != "command line" else " (index built once)"))
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    sys.exit(main(Path(args[0]) if args else ROOT / "_build" / "html"))
