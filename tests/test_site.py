"""The built site: one permanent page per entry, topic pages, concordance, inventory, escaping."""
import re
import textwrap
from pathlib import Path

import pytest
from sphinx.util.inventory import InventoryFile

import identities
from identities import site as sphinx_identities

from .site_helpers import ROOT, build_records

ENTRIES = list(identities.catalogue().entries.values())


def test_every_entry_has_a_page_at_its_permanent_path(built_site):
    missing = [r.id for r in ENTRIES if not (built_site / "id" / f"{r.id}.html").exists()]
    assert not missing, f"entries without a page: {missing}"


@pytest.mark.parametrize("entry", ENTRIES[:1] + ENTRIES[-1:], ids=lambda r: r.id)
def test_entry_page_shows_what_the_issue_asks(built_site, entry):
    html = (built_site / "id" / f"{entry.id}.html").read_text()
    for section in ("Variables and assumptions", "How it is verified", "History", "Cite this"):
        assert section in html, section
    text = re.sub(r"<[^>]+>", "", html)
    assert f"id/{entry.id}.html" in html and "@misc{tmcc:" + entry.id in text
    assert '<math display="block"' in html          # MathML in the page: math shows without JavaScript


def test_inventory_lists_every_entry_for_intersphinx(built_site):
    with open(built_site / "objects.inv", "rb") as fh:
        inv = InventoryFile.load(fh, "https://example.org/", lambda base, uri: base + uri)
    data = {k: dict(v.items()) if hasattr(v, "items") else v for k, v in inv.data.items()} \
        if hasattr(inv, "data") else inv
    identities_ = data["mc:identity"]
    labels = data["std:label"]
    for r in ENTRIES:
        assert r.id in identities_, r.id
        assert f"mc-{r.id.lower()}" in labels, r.id
        item = identities_[r.id]
        uri = item.uri if hasattr(item, "uri") else item[2]
        assert uri.endswith(f"id/{r.id}.html#mc-{r.id.lower()}")


def test_topic_pages_link_every_entry(built_site):
    cat = identities.catalogue()
    for slug, topic in cat.topics.items():
        if not topic.ids:
            continue
        html = (built_site / "topics" / f"{slug}.html").read_text()
        for i in topic.ids:
            assert f"../id/{i}.html" in html, (slug, i)


def test_concordance_maps_cookbook_equations_to_entries(built_site):
    html = (built_site / "concordance.html").read_text()
    for r in ENTRIES:
        for ref in r.references:
            if ref.eq is not None:
                assert f"({ref.eq})" in html
                assert f"id/{r.id}.html" in html


def test_no_page_loads_anything_from_a_cdn(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text()
        assert not re.search(r"""(src|href)=["']https?://(cdn|unpkg|fonts\.googleapis)""", text), page


def test_generated_pages_are_not_committed():
    import subprocess
    out = subprocess.run(["git", "ls-files", "docs/id", "docs/topics"], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip("not a git checkout")
    assert out.stdout.strip() == ""


def test_stubs_are_rewritten_only_when_their_content_changes(tmp_path):
    class App:
        srcdir = tmp_path

    class Cfg:
        mc_catalogue_dir = ""
        html_baseurl = "https://example.org/"
        release = "0"

    app = App()
    app.config = Cfg()
    sphinx_identities.Site.load(app)
    sphinx_identities.write_stubs(app)
    stubs = sorted((tmp_path / "id").glob("*.rst"))
    assert len(stubs) == len(sphinx_identities.Site.cat.entries)
    before = {p: p.stat().st_mtime_ns for p in stubs}
    sphinx_identities.write_stubs(app)
    assert {p: p.stat().st_mtime_ns for p in stubs} == before


HOSTILE = textwrap.dedent('''
    import numpy as np
    from identities import Derivative, Formula, Vector, cookbook

    Derivative(
        id="XSS1",
        title="<script>alert('title')</script> gradient",
        latex=r"\\frac{\\partial a^{\\top}x}{\\partial x} = a",
        variables={"a": Vector("n"), "x": Vector("n")},
        wrt="x", layout="denominator",
        f=lambda a, x: a @ x, claimed=lambda a, x: a,
        notes="<img src'x' onerror'alert(1)'> and .. raw:: html",
        aliases=["<b>bold</b> alias", "<img src=x onerror=alert('aliases')>"],
        errata="<iframe srcdoc'x'></iframe>",
        also=[Formula(r"\\text{<script>alert('formula')</script>}a^{\\top}x = x^{\\top}a", lambda a, x: a @ x,
                      lambda a, x: x @ a)],
        references=[cookbook(69)],
    )
''')


def test_record_text_cannot_inject_html(tmp_path):
    out = build_records(tmp_path, "hostile", HOSTILE)
    page = (out / "id" / "XSS1.html").read_text()
    assert "&lt;script&gt;alert(" in page and "<script>alert(" not in page
    assert "<img src" not in page and "&lt;img src=x" in page and "&lt;img src'x'" in page
    assert "<script>alert('formula')" not in page
    assert "<iframe" not in page and "<b>bold</b>" not in page
    for other in out.rglob("*.html"):
        assert "<script>alert(" not in other.read_text(), other


def _consumer(tmp_path, built_site, extensions, body):
    """A separate Sphinx project that links our entries through intersphinx, built with -W."""
    import subprocess
    import sys

    src = tmp_path / "consumer"
    src.mkdir()
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        f"extensions = ['sphinx.ext.intersphinx', *{extensions!r}]\n"
        f"intersphinx_mapping = {{'tmcc': ('https://tested-matrix-calculus-cookbook.org/', "
        f"{str(built_site / 'objects.inv')!r})}}\n"
    )
    (src / "index.rst").write_text("Consumer\n========\n\n" + body + "\n")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "-n", str(src), str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return (out / "index.html").read_text()


def test_a_project_without_our_extension_links_an_entry_by_label(tmp_path, built_site):
    page = _consumer(tmp_path, built_site, [], "See :ref:`tmcc:mc-gwj1` and :external+tmcc:ref:`this <mc-bjcg>`.")
    assert "https://tested-matrix-calculus-cookbook.org/id/GWJ1.html#mc-gwj1" in page
    assert "https://tested-matrix-calculus-cookbook.org/id/BJCG.html#mc-bjcg" in page


def test_a_project_with_our_extension_links_an_entry_by_role(tmp_path, built_site):
    page = _consumer(tmp_path, built_site, ["identities.site"], "See :mc:id:`GWJ1`.")
    assert "id/GWJ1.html#mc-gwj1" in page


def test_every_display_formula_on_an_entry_page_is_accounted_for_by_the_export(built_site):
    """What a page displays is what was checked: each display formula's LaTeX (the data-latex the
    Copy LaTeX button copies) is a formula, derivation step or printed erratum of the export, and
    that export marks it checked (a printed erratum: refuted)."""
    import html as html_mod
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "identities", "export", "--format", "json"], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    export = {row["id"]: row for row in json.loads(out.stdout)["entries"]}
    unaccounted = []
    for r in identities.catalogue():
        row = export[r.id]
        known = {f["latex"]: f["checked"] for f in row["formulas"]}
        known.update({s["latex"]: s["checked"] for s in row["derivation"]})
        known.update({e["printed_latex"]: e["refuted"] for e in row["errata"] if e["printed_latex"]})
        page = (built_site / "id" / f"{r.id}.html").read_text()
        blocks = re.findall(r'<div class="math[^"]*"([^>]*)>', page)
        for attrs in blocks:
            m = re.search(r'data-latex="([^"]*)"', attrs)
            assert m, f"{r.id}: a display formula without its LaTeX"
            tex = html_mod.unescape(m.group(1))
            # the other layout is shown without the definitions the statement already gave
            hit = tex in known or any(k.endswith(tex) for k in known)
            ok = known.get(tex, any(v for k, v in known.items() if k.endswith(tex)))
            if not hit or not ok:
                unaccounted.append((r.id, tex, hit, ok))
    assert not unaccounted, unaccounted[:10]


def test_the_export_shows_no_unchecked_formula():
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "identities", "export", "--format", "json"], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    data = json.loads(out.stdout)["entries"]
    live = [row for row in data if row["withdrawn"] is None]
    assert all(f["checked"] for row in live for f in row["formulas"])
    assert all(s["checked"] for row in live for s in row["derivation"])
    assert all(row["derivation_reaches_claim"] for row in live if row["derivation"])
    differential = [row for row in live if any(f["role"] == "differential" for f in row["formulas"])]
    assert len(differential) >= 50
    derived = [row for row in live if len(row["derivation"]) >= 2]
    assert len(derived) >= 150
    assert sum(1 for row in live for s in row["derivation"] if s["uses"]) >= 100
    refuted = [e for row in live for e in row["errata"] if e["refuted"]]
    assert len(refuted) >= 20 and all(e["counterexample"]["seed"] for e in refuted)
    roles = {f["role"] for row in live for f in row["formulas"]}
    assert {"statement", "other_layout", "differential", "also"} <= roles


def test_the_dataset_files_hold_an_entry_a_line_and_the_same_entries(tmp_path):
    """catalogue.json is an envelope with one entry a line, each line catalogue.jsonl's (both written
    from one encoding); it parses back to the document it was made from."""
    import json

    from identities import dataset
    from identities.catalogue import load_dir

    records = tmp_path / "records"
    records.mkdir()
    (records / "r.py").write_text(DATASET_RECORDS)
    cat = load_dir(records)
    doc = dataset.document(cat, {})
    paths = dataset.write(tmp_path / "out", cat, {})
    text = paths[0].read_text()
    assert json.loads(text) == json.loads(json.dumps(doc, default=float))
    rows = paths[1].read_text().splitlines()
    assert len(rows) == 2 and text.splitlines()[1:-1] == [rows[0] + ",", rows[1]]
    assert [json.loads(r)["id"] for r in rows] == ["ZZD1", "ZZD2"] and "é" in paths[1].read_text()
    empty = dataset.write(tmp_path / "empty", load_dir(tmp_path / "none"), {})
    assert json.loads(empty[0].read_text())["entries"] == [] and empty[1].read_text() == ""


DATASET_RECORDS = """
import numpy as np
from identities import Derivative, Matrix
for k in (1, 2):
    Derivative(id=f"ZZD{k}", title=f"Entry {k}, accented é", latex=r"\\frac{\\partial \\operatorname{tr}(X)}{\\partial X} = I",
               variables={"X": Matrix("n", "n")}, wrt="X", layout="denominator",
               f=lambda X: np.trace(X), claimed=lambda X: np.eye(len(X)), sketch="s", aliases=["a"])
"""


def test_the_published_dataset_validates_against_its_schema(built_site):
    """catalogue.json, catalogue.jsonl and catalogue.schema.json at the site's root: the envelope
    and every line validate (JSON Schema 2020-12), with absolute URLs and every entry."""
    import json

    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra: make test installs it")
    doc = json.loads((built_site / "catalogue.json").read_text())
    schema = json.loads((built_site / "catalogue.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(doc)
    lines = [json.loads(line) for line in (built_site / "catalogue.jsonl").read_text().splitlines()]
    entry_schema = {**schema["$defs"]["entry"], "$defs": schema["$defs"]}
    for row in lines:
        jsonschema.Draft202012Validator(entry_schema).validate(row)
    assert [e["id"] for e in doc["entries"]] == [row["id"] for row in lines]
    assert {e["id"] for e in doc["entries"]} == {r.id for r in ENTRIES}
    assert all(e["url"].startswith("https://") for e in doc["entries"])
    gwj1 = next(e for e in doc["entries"] if e["id"] == "GWJ1")
    assert gwj1["references"][0]["bibliography"]["authors"] and gwj1["verification"]["verified"]
    assert "catalogue.json" in (built_site / "citing.html").read_text()
    # a wrong entry is rejected by the schema: the check can fail
    bad = {**doc, "entries": [{**doc["entries"][0], "wrt": "X"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(bad)


def test_sitemap_lists_every_entry_page_at_its_permanent_address(built_site):
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in ET.parse(built_site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    base = "https://tested-matrix-calculus-cookbook.org/"
    assert all(u.startswith(base) for u in locs) and len(locs) == len(set(locs))
    missing = [r.id for r in ENTRIES if f"{base}id/{r.id}.html" not in locs]
    assert not missing, missing
    assert f"{base}index.html" in locs and not any(u.endswith(("search.html", "404.html")) for u in locs)


def test_a_404_page_links_back_from_any_depth(built_site):
    html = (built_site / "404.html").read_text()
    assert "Page not found" in html and '<meta name="robots" content="noindex">' in html
    assert re.search(r'<base href="/[^"]*/?">', html), "links must start from the site's root"


def test_the_sidebar_links_every_topic_from_every_depth(built_site):
    from identities.catalogue import load

    topics = [s for s, t in load().topics.items() if t.ids]
    nav = re.compile(r'<nav class="mc-sidebar".*?</nav>', re.S)
    for page, prefix in (("index.html", ""), ("id/GWJ1.html", "../"), ("id/3QJU.html", "../"),
                         ("topics/traces.html", "")):
        found = nav.findall((built_site / page).read_text())
        assert len(found) == 1, page
        links = re.findall(r'<a href="([^"]*)"', found[0])
        here = page.split("/")[-1] if page.startswith("topics/") else None
        want = [f"{prefix}{'' if page.startswith('topics/') else 'topics/'}{s}.html" for s in topics]
        want = ["#" if here == w else w for w in want]
        assert links[:len(topics)] == want, page
        assert f"{prefix if not page.startswith('topics/') else '../'}conventions.html" in links, page


DESCRIPTION = r'<meta (?=[^>]*name="description")[^>]*content="([^"]*)"'


def test_every_page_has_one_description(built_site):
    pages = [built_site / "index.html", built_site / "conventions.html", built_site / "id" / f"{ENTRIES[0].id}.html",
             built_site / "print.html", built_site / "topics" / f"{ENTRIES[0].topic}.html"]
    for p in pages:
        found = re.findall(DESCRIPTION, p.read_text())
        assert len(found) == 1 and len(found[0]) > 20, (p.name, found)
        # words, never markup: parts of generated pages are written to HTML while they are read
        assert "&lt;" not in found[0] and "<" not in found[0], (p.name, found[0])
    entry = (built_site / "id" / f"{ENTRIES[0].id}.html").read_text()
    desc = re.search(DESCRIPTION, entry).group(1)
    assert ENTRIES[0].title.split()[0] in desc


def test_the_templates_whose_emptiness_check_is_skipped_show_on_every_kind_of_page(built_site):
    """identities.site.ALWAYS_SHOWN: the theme does not check these for emptiness; each shows."""
    from identities.site import ALWAYS_SHOWN

    shows = {"navbar-logo.html": 'class="navbar-brand', "search-button-field.html": "search-button-field",
             "mc-topics.html": 'class="mc-sidebar"', "toggle-primary-sidebar.html": "primary-toggle",
             "article-header-buttons.html": "theme-switch-button"}
    assert set(shows) == set(ALWAYS_SHOWN)
    for page in ("index.html", "id/GWJ1.html", "topics/traces.html", "tutorials/index.html", "404.html",
                 "search.html", "genindex.html", "print.html"):
        html = (built_site / page).read_text()
        for template, mark in shows.items():
            assert mark in html, (page, template)


def _related_by_every_pair(rel, r, limit=8):
    """Related entries as defined: every other entry weighed, best first."""
    from identities.site.related import COMMON_RULE, THRESHOLD, WEIGHTS

    users = set(rel.used_by.get(r.id, ()))
    scored = []
    for other in rel.cat.entries.values():
        if other.id == r.id or other.id in users or not other.live:
            continue
        why = rel.reasons(r, other)
        score = sum(WEIGHTS[w] for w in why)
        if "uses" in why and len(rel.used_by.get(other.id, ())) > COMMON_RULE:
            score -= WEIGHTS["uses"] / 2
        if score >= THRESHOLD:
            scored.append((-score, abs(rel.order[other.id] - rel.order[r.id]), other.id, why))
    out = [(i, why) for _, _, i, why in sorted(scored)[:limit]]
    if r.withdrawn is not None and r.withdrawn.replaced_by in rel.cat.entries:
        out = [(r.withdrawn.replaced_by, ["replacement"])] + [x for x in out if x[0] != r.withdrawn.replaced_by]
    return out[:limit]


def test_related_entries_are_those_of_weighing_every_pair(tmp_path):
    """The shortcuts (only entries that share something; alike entries weighed once) change nothing:
    on the catalogue, and on the scale benchmark's catalogue of 300 alike entries."""
    import sys

    from identities.catalogue import load, load_dir
    from identities.site.related import Relations

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import bench_site

    bench_site.synthetic(tmp_path / "alike", 300)
    for cat in (load(), load_dir(str(tmp_path / "alike"))):
        rel = Relations(cat, cat.used_by())
        for r in cat.entries.values():
            assert rel.related(r) == _related_by_every_pair(rel, r), r.id


def test_search_words_are_indexed_but_not_shown(built_site):
    html = (built_site / "id" / f"{ENTRIES[0].id}.html").read_text()
    assert "Search words" not in html


def test_related_entries_are_related_and_say_why(cat):
    from identities.site.related import Relations, reason_text

    rel = Relations(cat, cat.used_by())
    woodbury = dict(rel.related(cat.entries["F2EW"]))
    # named by the entry, and the entries of its Cookbook section, with the reason on the page
    assert {"69T9", "NN4D", "WHZP"} <= set(woodbury)
    assert "the same Cookbook section (§3.2" in reason_text(cat.entries["F2EW"], woodbury["MY3Y"], rel)
    # a link is listed on both pages: the Cholesky rule names the older reverse-mode entry
    assert "E72H" in dict(rel.related(cat.entries["ZLJX"]))
    # a shared word is not a relation: the Woodbury identity and the softmax Jacobian share none of these
    assert "AH09" not in woodbury and all(why for why in woodbury.values())


def test_an_entry_page_shows_its_records_call_as_written():
    """The source on a page is a slice of the file at the span the interpreter recorded for the
    record's call; parsing each file for the call with that id gives the same text, record by record."""
    from identities.catalogue import catalogue
    from identities.site import render as R

    cat = catalogue()
    assert all(r.span is not None for r in cat.entries.values())
    shown = 0
    for r in cat.entries.values():
        assert R.record_source(r) == R._file_sources(r.file).get(r.id, ""), r.id
        shown += bool(R.record_source(r))
    assert shown > 0.9 * len(cat.entries)


def test_a_record_made_by_a_helper_shows_the_call_with_its_id(tmp_path):
    from identities.catalogue import load_file
    from identities.site import render as R

    f = tmp_path / "helper.py"
    f.write_text('import numpy as np\nfrom identities import Equality, Matrix\n\n\n'
                 'def make(i):\n    return Equality(id=i, title="A = A", latex="A = A",\n'
                 '                    variables={"A": Matrix("n", "n")}, lhs=lambda A: A, rhs=lambda A: A,\n'
                 '                    sketch="both sides are A", aliases=["identity"])\n\n\n'
                 'make("HLP1")\n'
                 'Equality(id="HLP2", title="A = A again", latex="A = A",\n'
                 '         variables={"A": Matrix("n", "n")}, lhs=lambda A: A, rhs=lambda A: A,\n'
                 '         sketch="both sides are A", aliases=["identity"])\n')
    records, problems = load_file(f)
    by_id = {r.id: r for r in records}
    assert set(by_id) == {"HLP1", "HLP2"}, problems
    assert R.record_source(by_id["HLP1"]) == ""  # no call in the file names HLP1
    assert R.record_source(by_id["HLP2"]).startswith('Equality(id="HLP2"')
    assert R.record_source(by_id["HLP2"]).endswith('sketch="both sides are A", aliases=["identity"])')
