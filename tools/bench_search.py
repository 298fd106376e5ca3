"""Search quality of the built site: pagefind (what the site uses) against Sphinx's built-in search.

    python tools/bench_search.py [_build/html]

Needs a build with Sphinx's own index as well (it is off by default):
    sphinx-build -c . -D mc_builtin_search=1 docs _build/html

Runs the query set of the tests (tests/search_queries.py) in headless Chromium against the
site served on 127.0.0.1, and prints, per query, the rank of the expected entry under each
engine and the time per query. Prints figures; asserts nothing.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.search_queries import QUERIES  # noqa: E402
from tests.site_helpers import CHROMIUM, CHROMIUM_ARGS, Server, browser_missing  # noqa: E402

PAGEFIND = """async ([q, opts]) => {
  if (!window.__pf) {
    window.__pf = await import('./pagefind/pagefind.js');
    if (opts) await window.__pf.options(opts);
    await window.__pf.init();
  }
  const t0 = performance.now();
  const res = await window.__pf.search(q);
  const data = await Promise.all(res.results.slice(0, 10).map(r => r.data()));
  return {ms: performance.now() - t0, urls: data.map(d => d.url)};
}"""

BUILTIN = """(q) => {
  const t0 = performance.now();
  const results = Search._performSearch(...Search._parseQuery(q));
  const urls = results.slice().reverse().slice(0, 10).map(r => r[0]);
  return {ms: performance.now() - t0, urls: urls};
}"""


# the site's own ranking options (docs/_static/mc-search.js) unless overridden for an experiment
OPTIONS = json.loads(os.environ["PAGEFIND_OPTIONS"]) if os.environ.get("PAGEFIND_OPTIONS") else None


def _id(url: str) -> str:
    return url.rstrip("/").split("/")[-1].replace(".html", "")


def _rank(urls, expected):
    ids = [_id(u) for u in urls]
    return ids.index(expected) + 1 if expected in ids else None


def main(site_dir: Path) -> int:
    why = browser_missing()
    if why:
        print(f"cannot run: {why}")
        return 1
    from playwright.sync_api import sync_playwright

    server = Server(site_dir)
    rows, top = [], {}
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            pg = b.new_page()
            pg.goto(server.url + "index.html")
            for js in ("_static/documentation_options.js", "_static/language_data.js", "_static/searchtools.js",
                       "searchindex.js", "_static/mc-search.js"):
                pg.add_script_tag(url=server.url + js)
            pg.wait_for_function("() => typeof Search !== 'undefined' && Search.hasIndex()")
            for q, expected in QUERIES:
                pf = pg.evaluate(PAGEFIND, [q, OPTIONS or pg.evaluate("() => window.MC_PAGEFIND")])
                bi = pg.evaluate(BUILTIN, q)
                rows.append((q, expected, _rank(pf["urls"], expected), pf["ms"], _rank(bi["urls"], expected), bi["ms"]))
                top[q] = [_id(u) for u in pf["urls"]]
            b.close()
    finally:
        server.close()

    print(f"{'query':40} {'want':5} {'pagefind':>9} {'builtin':>8}")
    for q, e, r1, _, r2, _ in rows:
        print(f"{q:40} {e:5} {str(r1 or '-'):>9} {str(r2 or '-'):>8}")
        if "-v" in sys.argv and (r1 is None or r1 > 3):
            print("    pagefind top 5:", " ".join(top[q][:5]))
    for name, k, t in (("pagefind", 2, 3), ("sphinx built-in", 4, 5)):
        top3 = sum(1 for r in rows if r[k] is not None and r[k] <= 3)
        top1 = sum(1 for r in rows if r[k] == 1)
        print(f"{name}: expected entry first in {top1}/{len(rows)}, in the top 3 in {top3}/{len(rows)}; "
              f"median {statistics.median(r[t] for r in rows):.1f} ms per query (in the page, index loaded)")
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    sys.exit(main(Path(args[0]) if args else ROOT / "_build" / "html"))
