"""Builds that can be trusted: no network, identical output from the same commit, no broken links,
and pages that keep their promises (history, withdrawal)."""
import filecmp
import html.parser
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest

from .site_helpers import ROOT, SPHINX_JOBS, build_records


def _offline_prefix():
    """A command prefix that runs in a network namespace with only loopback, or None."""
    if not shutil.which("unshare") or not shutil.which("ip"):
        return None
    probe = subprocess.run(["unshare", "-n", "sh", "-c", "ip link set lo up"], capture_output=True)
    return ["unshare", "-n", "sh", "-c"] if probe.returncode == 0 else None


@pytest.fixture(scope="module")
def offline_build(tmp_path_factory):
    prefix = _offline_prefix()
    if prefix is None:
        pytest.skip("cannot create a network namespace here (needs unshare and ip, as root): "
                    "the offline build is not tested")
    out = tmp_path_factory.mktemp("offline") / "html"
    # serial, where the session's site is built in parallel: comparing the two compares both ways
    cmd = (f"ip link set lo up && exec {sys.executable} -m sphinx -b html -q -j 1 -W --keep-going "
           f"-c {ROOT} -d {out / '.doctrees'} {ROOT / 'docs'} {out}")
    proc = subprocess.run([*prefix, cmd], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, f"the build needs the network, or failed:\n{proc.stderr[-4000:]}"
    return out


def test_the_build_does_not_touch_the_network(offline_build):
    # built in a namespace with no route anywhere but loopback, with warnings as errors
    assert (offline_build / "index.html").exists() and (offline_build / "pagefind" / "pagefind.js").exists()


def test_two_clean_builds_of_one_commit_are_identical(built_site, offline_build):
    """One built with -j SPHINX_JOBS, the other serially: the parallel workers (and the MathML server
    they share) change nothing in the site."""
    assert SPHINX_JOBS != "1"
    differ = []

    def walk(cmp, prefix=""):
        differ.extend(prefix + n for n in cmp.diff_files + cmp.left_only + cmp.right_only if n != ".doctrees")
        for name, sub in cmp.subdirs.items():
            if name != ".doctrees":
                walk(sub, prefix + name + "/")

    # .buildinfo holds a hash of the configuration, which includes the static directory each build
    # stages beside its own output (identities/site/mathml.py): it is build state, not part of the site
    walk(filecmp.dircmp(built_site, offline_build, ignore=[".doctrees", ".buildinfo"]))
    # dircmp compares sizes and times shallowly; compare contents where it did not flag a difference
    for path in built_site.rglob("*"):
        rel = path.relative_to(built_site)
        if path.is_file() and rel.parts[0] not in (".doctrees", ".buildinfo") and str(rel) not in differ:
            if path.read_bytes() != (offline_build / rel).read_bytes():
                differ.append(str(rel))
    assert not differ, f"files that differ between two clean builds: {sorted(differ)[:20]}"


def test_no_mathml_server_or_tutorial_runner_outlives_a_build(built_site, offline_build):
    # the parallel workers connect to one server the main process stops; a stray one would keep
    # running, and keep open the output pipe of whatever started the build. The same for the
    # tutorial runner (and its kernel), which the main process stops once the tutorials are read.
    stray = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if ("mathml-server.js" in text and "mc-mathml-" in text) or "identities.site.tutorials" in text:
            stray.append(text)
    assert not stray, f"MathML servers or tutorial runners still running after the builds: {stray}"


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and tag in ("a", "link", "script", "img"):
                self.links.append(a[key])


PDF_NAME = "tested-matrix-calculus-cookbook.pdf"


def test_no_broken_internal_links_or_anchors(built_site):
    # pages of the site; _static holds the theme's template fragments, not pages
    pages = {p: _Links() for p in built_site.rglob("*.html") if not {".doctrees", "_static"} & set(p.parts)}
    for p, parser in pages.items():
        parser.feed(p.read_text())
    broken = []
    for page, parser in pages.items():
        for link in parser.links:
            if link.startswith(("http:", "https:", "mailto:", "javascript:", "data:")):
                continue
            target, frag = urldefrag(link)
            dest = (page.parent / unquote(target.split("?")[0])).resolve() if target else page
            if dest.is_dir():
                dest = dest / "index.html"
            if not dest.exists():
                # the printable cookbook is written into the site by `make pdf`, after the build
                # (tests/test_pdf.py builds it); every other target must exist
                if dest == (built_site / PDF_NAME).resolve():
                    continue
                broken.append(f"{page.relative_to(built_site)} -> {link}")
            elif frag and dest.suffix == ".html" and unquote(frag) not in pages[dest].ids:
                broken.append(f"{page.relative_to(built_site)} -> {link} (no such anchor)")
    assert not broken, f"{len(broken)} broken links, e.g.:\n" + "\n".join(broken[:20])


HISTORY = textwrap.dedent('''
    import numpy as np
    from identities import Change, Derivative, Vector, Withdrawal, cookbook

    Derivative(
        id="HS01", title="Gradient of a linear form, corrected",
        latex=r"\\frac{\\partial a^{\\top}x}{\\partial x} = a",
        variables={"a": Vector("n"), "x": Vector("n")}, wrt="x", layout="denominator",
        f=lambda a, x: a @ x, claimed=lambda a, x: a, references=[cookbook(69)], aliases=["linear form"],
        history=[Change("2026-12-01", "0.2.0", "stated the layout", "readers asked which layout it uses")],
    )

    Derivative(
        id="HS02", title="Gradient of a linear form, first version",
        latex=r"\\frac{\\partial x^{\\top}a}{\\partial x} = a",
        variables={"a": Vector("n"), "x": Vector("n")}, wrt="x", layout="denominator",
        f=lambda a, x: x @ a, claimed=lambda a, x: a, references=[cookbook(69)], aliases=["linear form old"],
        withdrawn=Withdrawal("2026-12-02", "a duplicate of HS01", replaced_by="HS01"),
    )
''')


def test_history_and_withdrawal_are_on_the_pages(tmp_path):
    out = build_records(tmp_path, "history", HISTORY)
    corrected = (out / "id" / "HS01.html").read_text()
    assert "stated the layout" in corrected and "readers asked which layout it uses" in corrected
    withdrawn = (out / "id" / "HS02.html").read_text()
    assert "Withdrawn on 2026-12-02: a duplicate of HS01" in withdrawn
    assert 'href="HS01.html#mc-hs01"' in withdrawn      # points to its replacement
    assert "Cite this" in withdrawn                       # and stays citable


DIGEST_RECORDS = '''
import numpy as np
from identities import Derivative, Matrix, ref

Derivative(
    id="DG01", title="Gradient of the log-determinant",
    latex=r"\\frac{\\partial \\log\\det X}{\\partial X} = X^{-\\top}",
    variables={"X": Matrix("n", "n", "spd")}, wrt="X", layout="denominator",
    f=lambda X: np.linalg.slogdet(X)[1], claimed=lambda X: np.linalg.inv(X).T,
    references=[ref("minka-2000", "p. 4")], aliases=["logdet"],
)
'''


def test_pages_are_rebuilt_when_a_source_an_assumption_or_a_verifier_constant_changes(tmp_path):
    # a copy of the package, so that its shared inputs can be edited: what a page shows from the
    # bibliography, the assumption sentences and the verifier's constants must follow each edit
    copy = tmp_path / "repo"
    ignore = shutil.ignore_patterns("__pycache__", "id", "topics")
    shutil.copytree(ROOT / "identities", copy / "identities", ignore=ignore)
    shutil.copytree(ROOT / "docs", copy / "docs", ignore=ignore)
    shutil.copy(ROOT / "conf.py", copy / "conf.py")
    records = tmp_path / "records"
    records.mkdir()
    (records / "digest.py").write_text(DIGEST_RECORDS)
    out = tmp_path / "html"
    env = {**__import__("os").environ, "PYTHONPATH": str(copy), "MC_CATALOGUE_DIR": str(records),
           "MC_NODE_MODULES": str(ROOT / "node_modules")}
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", SPHINX_JOBS, "-c", str(copy),
           "-d", str(out / ".doctrees"), "-D", "exclude_patterns=_build,tutorials,citing.rst",
           str(copy / "docs"), str(out)]

    def build():
        proc = subprocess.run(cmd, cwd=copy, capture_output=True, text=True, env=env, timeout=900)
        assert proc.returncode == 0, proc.stderr[-3000:]
        return (out / "id" / "DG01.html").read_text()

    def edit(path, old, new):
        text = path.read_text()
        assert old in text, (path, old)
        path.write_text(text.replace(old, new, 1))

    page = build()
    assert "relative perturbation" in page and "10⁻³" in page
    # a rebuild that writes no searched page leaves the search index as it was, unindexed again
    entry_json = out / "pagefind" / "pagefind-entry.json"
    indexed = entry_json.stat().st_mtime_ns
    assert build() == page and entry_json.stat().st_mtime_ns == indexed
    edit(copy / "identities" / "bibliography.py", '"Old and New Matrix Algebra Useful for Statistics"',
         '"Old and New Matrix Algebra Useful for Statistics, edited"')
    assert "Useful for Statistics, edited" in build()
    edit(copy / "identities" / "assumptions.py", 'Assumption("spd", "{v} is symmetric positive definite."',
         'Assumption("spd", "{v} is symmetric positive definite, edited."')
    assert "positive definite, edited." in build()
    # the next index is written over this one: what the last index had and the next has not goes
    stale = out / "pagefind" / "fragment" / "en_0123abc.pf_fragment"
    stale.write_bytes(b"a fragment of an earlier index")
    edit(copy / "identities" / "verify.py", "PERTURBATION = 1e-3", "PERTURBATION = 2e-3")
    assert "2 × 10⁻³ relative perturbation" in build()
    assert not stale.exists()
    from identities.site import pagefind_command

    fresh = tmp_path / "fresh"
    proc = subprocess.run(pagefind_command(out / ".doctrees" / "mc-search-pages", fresh), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    ours = {p.relative_to(out / "pagefind"): p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()}
    theirs = {p.relative_to(fresh): p.read_bytes() for p in fresh.rglob("*") if p.is_file()}
    assert ours.keys() == theirs.keys() and ours == theirs
    # the search index holds each page once, however often it was rebuilt (pagefind leaves the
    # files of an earlier index behind: the build removes them after)
    fragments = [_fragment(f) for f in (out / "pagefind" / "fragment").glob("*.pf_fragment")]
    urls = [f["url"] for f in fragments]
    assert "/id/DG01.html" in urls and len(urls) == len(set(urls)), sorted(urls)
    # and a rebuild that wrote one is indexed again, from the page as it is now
    assert entry_json.stat().st_mtime_ns != indexed
    assert "Useful for Statistics, edited" in next(f["content"] for f in fragments if f["url"] == "/id/DG01.html")


def test_an_index_that_cannot_be_read_is_left_for_a_fresh_one(tmp_path):
    from identities.site import prune_index

    index = tmp_path / "pagefind"
    (index / "fragment").mkdir(parents=True)
    kept = index / "fragment" / "en_0123abc.pf_fragment"
    kept.write_bytes(b"x")
    assert not prune_index(index)  # no entry file
    (index / "pagefind-entry.json").write_text('{"languages": {"en": {"hash": "en_1"}}}')
    (index / "pagefind.en_1.pf_meta").write_bytes(b"not gzip")
    assert not prune_index(index) and kept.exists()


def _fragment(path) -> dict:
    import gzip
    import json

    data = gzip.decompress(path.read_bytes())
    return json.loads(data[data.index(b"{"):])


def test_the_scale_benchmarks_synthetic_records_are_valid(tmp_path):
    """tools/bench_site.py builds synthetic catalogues: records the audit rejects would build no pages."""
    import importlib.util

    from identities.catalogue import load_dir

    spec = importlib.util.spec_from_file_location("bench_site", ROOT / "tools" / "bench_site.py")
    bench_site = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_site)
    bench_site.synthetic(tmp_path, 30, topics=3)
    cat = load_dir(tmp_path)
    assert len(cat.entries) == 30 and not cat.problems, cat.problems[:3]


def test_reports_come_from_the_cache_until_their_file_changes(tmp_path):
    """An incremental build verifies again only the records whose inputs changed."""
    from identities.catalogue import load_dir
    from identities.runner import verify_all
    from identities.site.build import cached_reports

    records = tmp_path / "records"
    records.mkdir()
    src = textwrap.dedent('''
        import numpy as np
        from identities import Derivative, Matrix
        Derivative(id="ZZC{k}", title="t{k}", latex=r"\\frac{{\\partial \\operatorname{{tr}}(X)}}{{\\partial X}} = I",
                   variables={{"X": Matrix("n", "n")}}, wrt="X", layout="denominator",
                   f=lambda X: np.trace(X), claimed=lambda X: np.eye(len(X)), sketch="s", aliases=["a"])
    ''')
    (records / "one.py").write_text(src.format(k=1))
    (records / "two.py").write_text(src.format(k=2))
    calls = []

    def counting(rs):
        calls.append(sorted(r.id for r in rs))
        return verify_all(rs)

    cache = tmp_path / "reports.pickle"
    entries = list(load_dir(records).entries.values())
    first = cached_reports(entries, cache, counting)
    again = cached_reports(entries, cache, counting)
    assert calls == [["ZZC1", "ZZC2"]] and again["ZZC1"].passed and first.keys() == again.keys()
    (records / "two.py").write_text(src.format(k=2) + "\n# edited\n")
    cached_reports(list(load_dir(records).entries.values()), cache, counting)
    assert calls[-1] == ["ZZC2"]
    cache.write_bytes(b"not a pickle")
    cached_reports(entries, cache, counting)
    assert calls[-1] == ["ZZC1", "ZZC2"]


def test_the_search_index_is_the_one_pagefind_makes_of_the_pages(built_site, tmp_path):
    """pagefind indexes copies of the pages without their math and code (which it is told to skip):
    the index is, file for file, the one it makes of the site itself."""
    from identities.site import pagefind_command

    proc = subprocess.run(pagefind_command(built_site, tmp_path / "pagefind"), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    theirs = sorted(p.relative_to(tmp_path / "pagefind") for p in (tmp_path / "pagefind").rglob("*") if p.is_file())
    ours = sorted(p.relative_to(built_site / "pagefind") for p in (built_site / "pagefind").rglob("*") if p.is_file())
    assert ours == theirs and len(ours) > 100
    differ = [str(p) for p in ours if (built_site / "pagefind" / p).read_bytes() != (tmp_path / "pagefind" / p).read_bytes()]
    assert not differ, differ[:5]


def test_the_pages_copies_for_the_search_follow_the_pages(tmp_path):
    import os

    from identities.site import searched, update_search_copies

    site, copies = tmp_path / "html", tmp_path / "copies"
    pages = {"index.html": "<p>home</p><math><mi>x</mi></math>", "id/AB12.html": "<pre>code</pre><p>entry</p>",
             "topics/t.html": "<p>a topic</p>", "tutorials/a.html": "<p>tutorial</p>"}
    for rel, text in pages.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text)
    (copies / "id").mkdir(parents=True)
    (copies / "id" / "GONE.html").write_text("<p>a page since removed</p>")
    update_search_copies(site, copies)
    got = {p.relative_to(copies).as_posix(): p.read_text() for p in copies.rglob("*.html")}
    assert got == {"index.html": "<p>home</p>", "id/AB12.html": "<p>entry</p>", "tutorials/a.html": "<p>tutorial</p>"}
    # a page written again after its copy: copied again
    (site / "index.html").write_text("<p>home, edited</p>")
    later = (copies / "index.html").stat().st_mtime_ns + 10**9
    os.utime(site / "index.html", ns=(later, later))
    update_search_copies(site, copies)
    assert (copies / "index.html").read_text() == "<p>home, edited</p>"
    assert [searched(r) for r in ("index.html", "id/X.html", "tutorials/a.html", "topics/t.html", "id/a/b.html",
                                  "_static/x.html", "index.txt")] == [True, True, True, False, False, False, False]


def test_an_entry_page_s_titles_name_the_page_they_were_read_from(built_site):
    """Sphinx patches a title with no source after reading, writing the node out as XML for a
    debug message each time; the entry pages' titles carry their page's source from the start."""
    import pickle

    from docutils import nodes

    page = next((built_site / ".doctrees" / "id").glob("*.doctree"))
    tree = pickle.loads(page.read_bytes())
    titles = list(tree.findall(nodes.title))
    assert len(titles) > 3
    assert {Path(t.source).as_posix().rsplit("/docs/", 1)[-1] for t in titles} == {f"id/{page.stem}.rst"}
