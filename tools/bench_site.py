"""Site benchmark: clean build beside Sphinx's floor (alternating pairs; the floor also as the site
builds, without the cycle collector), incremental rebuild after editing one record, page size, and the
clean build of synthetic catalogues of 300 and 1,000 entries (the scale test).

    python tools/bench_site.py          (make bench-site)

Prints figures; asserts nothing. Builds go to a temporary directory; the one record edited for the
incremental rebuild is restored afterwards.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from identities.site import SPHINX_JOBS  # noqa: E402 (needs ROOT on the path)

TEMPLATE = '''
Derivative(
    id="{id}",
    title="Synthetic entry {k}: gradient of tr(AXB)",
    latex=r"\\frac{{\\partial}}{{\\partial X}}\\operatorname{{tr}}(AXB) = A^{{\\top}}B^{{\\top}}",
    variables={{"A": Matrix("p", "n"), "X": Matrix("n", "m"), "B": Matrix("m", "p")}},
    wrt="X",
    layout="denominator",
    f=lambda A, X, B: np.trace(A @ X @ B),
    claimed=lambda A, X, B: A.T @ B.T,
    differential=(r"\\mathrm{{d}}\\operatorname{{tr}}(AXB) = \\operatorname{{tr}}(A\\,\\mathrm{{d}}X\\,B)",
                  lambda A, X, B, dX: np.trace(A @ dX @ B)),
    notes="A generated entry for the scale benchmark: the same shape of page as a real one.",
    references=[cookbook(101)],
    aliases=["synthetic", "trace of a product of three matrices"],
)
'''


PAIRS = 5


def build(out: Path, *extra, env=None, src: Path = ROOT / "docs") -> float:
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", SPHINX_JOBS, "-c", str(ROOT), "-d", str(out / ".doctrees"),
           *extra, str(src), str(out)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})})
    dt = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{proc.stderr[-3000:]}")
    return dt


def synthetic(folder: Path, count: int, topics: int = 15):
    from identities.model import ID_ALPHABET

    folder.mkdir(parents=True, exist_ok=True)
    k = 0
    for t in range(topics):
        lines = ["import numpy as np", "from identities import Derivative, Matrix, cookbook", ""]
        for _ in range(count // topics + (t < count % topics)):
            tag = "".join(ID_ALPHABET[(k // 34 ** i) % 34] for i in range(3)) + "Z"
            lines.append(TEMPLATE.format(id=tag, k=k))
            k += 1
        (folder / f"topic_{t:02d}.py").write_text("\n".join(lines))


FLOOR_CONF = '''
project = "floor"
extensions = ["sphinx.ext.mathjax"]
html_theme = "sphinx_book_theme"
html_sidebars = {"**": ["navbar-logo.html", "search-button-field.html"]}
'''


def floor(folder: Path, pages: int, collector: bool = True) -> float:
    """Sphinx's floor: a bare project with the same theme and a trimmed sidebar, as many pages as
    the real site, each a title, a sentence and one display formula; its clean build time. With
    ``collector`` False it runs, as the site's build does, without the cycle collector."""
    src = folder / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(FLOOR_CONF)
    toc = "\n".join(f"   p{k}" for k in range(pages))
    (src / "index.rst").write_text(f"Floor\n=====\n\n.. toctree::\n   :maxdepth: 1\n\n{toc}\n")
    for k in range(pages):
        (src / f"p{k}.rst").write_text(f"Page {k}\n{'=' * (5 + len(str(k)))}\n\nA one-formula page.\n\n"
                                       f".. math::\n\n   \\frac{{\\partial}}{{\\partial X}}\\operatorname{{tr}}(A_{{{k}}}X) = A_{{{k}}}^{{\\top}}\n")
    out = folder / "html"
    run = ["-m", "sphinx"] if collector else \
        ["-c", "import gc, sys; gc.disable(); from sphinx.cmd.build import main; sys.exit(main(sys.argv[1:]))"]
    cmd = [sys.executable, *run, "-b", "html", "-q", "-j", SPHINX_JOBS, "-d", str(out / ".doctrees"),
           str(src), str(out)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"floor build failed:\n{proc.stderr[-3000:]}")
    return time.perf_counter() - t0


def html_pages(out: Path) -> int:
    # the site's pages only: not the theme's static files, nor what the build keeps beside them in .doctrees
    return sum(1 for p in out.rglob("*.html") if not {"_static", ".doctrees"} & set(p.relative_to(out).parts))


def sizes(out: Path):
    pages = sorted((out / "id").glob("*.html"))
    kb = [p.stat().st_size / 1024 for p in pages]
    return statistics.median(kb), max(kb), len(pages)


def main() -> int:
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # the builds run as `make html` runs them (Makefile)
    tmp = Path(tempfile.mkdtemp(prefix="mc-bench-"))
    try:
        # Side by side: the real site's clean build and the floor, alternately, PAIRS times, each
        # real build in a folder of its own (its caches cold). The machine's noise moves both
        # builds of a pair together, so the figure is the median of the pairs' ratios.
        pairs = []
        for k in range(PAIRS):
            real = tmp / f"pair-{k}" / "real"
            t_real = build(real)
            pages = html_pages(real)
            t_floor = floor(tmp / f"pair-{k}" / "floor", pages)
            t_bare = floor(tmp / f"pair-{k}" / "floor-no-collector", pages, collector=False)
            pairs.append((t_real, t_floor, t_bare))
            print(f"pair {k + 1}: clean build {t_real:.1f} s, floor {t_floor:.1f} s, ratio {t_real / t_floor:.2f} "
                  f"(floor without the cycle collector {t_bare:.1f} s, ratio {t_real / t_bare:.2f})")
        med, big, n = sizes(real)
        ratios = sorted(r / f for r, f, _ in pairs)
        t_clean = statistics.median(r for r, *_ in pairs)
        print(f"real site: {n} entry pages; clean build, caches cold, median {t_clean:.1f} s; entry page HTML "
              f"median {med:.1f} KB, largest {big:.1f} KB")
        print(f"Sphinx floor (same theme, trimmed sidebar, {pages} one-formula pages): clean build "
              f"{min(f for _, f, _ in pairs):.1f}-{max(f for _, f, _ in pairs):.1f} s; the real site costs "
              f"{statistics.median(ratios):.2f}x the floor, median of {PAIRS} pairs "
              f"({ratios[0]:.2f}-{ratios[-1]:.2f}; target <= 3)")
        bare = sorted(r / b for r, _, b in pairs)
        print(f"the floor run without the cycle collector, as the site's build runs (identities.site): "
              f"{min(b for *_, b in pairs):.1f}-{max(b for *_, b in pairs):.1f} s; the real site costs "
              f"{statistics.median(bare):.2f}x that ({bare[0]:.2f}-{bare[-1]:.2f})")
        for k in range(PAIRS - 1):
            shutil.rmtree(tmp / f"pair-{k}")
        shutil.rmtree(real)  # the sympy cross-checks stay cached next to it, as after `rm -rf _build/html`
        t_warm = build(real)
        print(f"clean build again, with the sympy cross-checks cached: {t_warm:.1f} s")
        t_noop = build(real)
        print(f"rebuild with nothing changed: {t_noop:.1f} s")

        record_file = ROOT / "identities" / "entries" / "traces.py"
        original = record_file.read_text()
        try:
            record_file.write_text(original.replace('aliases=["trace of product"',
                                                    'aliases=["trace of product", "edited for the benchmark"', 1))
            t_inc = build(real)
        finally:
            record_file.write_text(original)
        print(f"incremental rebuild after editing one record (GWJ1): {t_inc:.1f} s")
        build(real)  # back to the committed state

        no_tutorials = ["-D", "exclude_patterns=_build,tutorials,citing.rst"]
        results = {}
        for count in (300, 1000):
            folder = tmp / f"synthetic-{count}"
            synthetic(folder, count)
            out = tmp / f"site-{count}"
            # a copy of the hand-written pages: the synthetic entries' stubs stay out of docs/, whose
            # stubs then still match the catalogue (the next `make html` is not a full rebuild)
            src = tmp / f"docs-{count}"
            shutil.copytree(ROOT / "docs", src, ignore=shutil.ignore_patterns("id", "topics", "tutorials"))
            results[count] = build(out, *no_tutorials, env={"MC_CATALOGUE_DIR": str(folder)}, src=src)
            med, big, n = sizes(out)
            print(f"synthetic catalogue of {n} entries: clean build {results[count]:.1f} s; entry page median "
                  f"{med:.1f} KB, largest {big:.1f} KB")
        print(f"scale: 1,000 entries take {results[1000] / results[300]:.2f}x the time of 300 (linear would be 3.33x)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
