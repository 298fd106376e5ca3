"""The Sphinx extension: the catalogue rendered into pages at build time.

- ``builder-inited`` writes one tiny stub per entry (``docs/id/<ID>.rst``), per topic and for the
  concordance and errata pages. A stub holds a digest of what its page shows, and is rewritten only
  when that changes: an incremental build re-reads only the pages of edited records.
- The ``mc`` domain: ``.. mc:entry::`` renders an entry's page from the live record, registers
  it as an object of type ``identity`` (listed in ``objects.inv`` for intersphinx) and as a
  std label ``mc-<id>`` (so projects without this extension can still ``:ref:`` it); the
  ``:mc:id:`` role links an entry.
- ``build-finished`` runs pagefind over the built site for the search.

Another project may load this extension just for the domain (``mc_site`` stays False): its
``:mc:id:`` role then links our entries through intersphinx, and nothing else happens.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.directives import SphinxDirective
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from identities import registry
from identities.catalogue import load
from identities.runner import verify_all
from identities.verify import verify

from . import render as R

logger = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
# Pages depend on the renderer too: a change to it changes every digest, so every page is re-read.
RENDERER = R.digest(*(Path(__file__).with_name(f).read_text() for f in ("render.py", "sphinx_identities.py")))
EXT_VERSION = "1"

# --------------------------------------------------------------------------------------------
# The catalogue, once per process


class Site:
    cat = None
    reports: dict = {}
    published: dict = {}
    base_url = ""
    version = ""

    @classmethod
    def load(cls, app):
        extra_dir = cls.catalogue_dir = app.config.mc_catalogue_dir
        if extra_dir:
            cls.cat = load_synthetic(extra_dir)
        else:
            cls.cat = load()
        for p in cls.cat.problems:
            logger.warning(f"catalogue: {p}", type="mc", subtype="record")
        cls.published = registry.published()
        cls.base_url = app.config.html_baseurl.rstrip("/") + "/"
        cls.version = app.config.release

    _by_eq = None

    @classmethod
    def by_equation(cls) -> dict:
        """Cookbook equation number -> ids citing it, in catalogue order."""
        if cls._by_eq is None or cls._by_eq[0] is not cls.cat:
            index: dict = {}
            for e in cls.cat.entries.values():
                for ref in e.references:
                    if ref.eq is not None and e.id not in index.setdefault(ref.eq, []):
                        index[ref.eq].append(e.id)
            cls._by_eq = (cls.cat, index)
        return cls._by_eq[1]

    @classmethod
    def report(cls, r):
        if r.id not in cls.reports:
            # all at once, in the main process before Sphinx forks its writers, each record within
            # its time limit (a record that loops is reported on its page, not a hung build)
            todo = [e for e in cls.cat.entries.values() if e.live and e.id not in cls.reports]
            cls.reports.update(verify_all(todo) if r in todo else {r.id: verify(r)})
        return cls.reports[r.id]

    _used_by = None

    @classmethod
    def used_by(cls) -> dict:
        """id -> the ids whose derivations (or other formulas) use it, in catalogue order."""
        if cls._used_by is None or cls._used_by[0] is not cls.cat:
            index: dict = {}
            for e in cls.cat.entries.values():
                for _, _, f in e.formulas():
                    for u in f.uses:
                        if e.id not in index.setdefault(u, []):
                            index[u].append(e.id)
            cls._used_by = (cls.cat, index)
        return cls._used_by[1]

    # sympy cross-checks: seconds each, so they run in a second process while Sphinx reads, and
    # their outcomes are kept next to the build, keyed by what the record claims and sympy's version
    crosschecks: dict = {}
    cache_path: Path | None = None
    pending = None
    todo: dict = {}
    catalogue_dir = ""

    @classmethod
    def start_crosschecks(cls, outdir):
        import json
        from importlib.metadata import version

        sympy_version = version("sympy")  # importing sympy itself takes half a second
        cls.cache_path = Path(outdir).parent / ".mc-crosscheck.json"
        try:
            cached = json.loads(cls.cache_path.read_text())
        except (OSError, ValueError):
            cached = {}
        cls.crosschecks = {}
        cls.todo = {}
        for r in cls.cat.entries.values():
            if getattr(r, "symbolic", None) is None:
                continue
            key = R.digest(R.checked_source(r), sympy_version)
            if key in cached:
                cls.crosschecks[r.id] = cached[key]
            else:
                cls.todo[r.id] = key
        if len(cls.todo) > 4:
            # Separate interpreters, not forks: they run while Sphinx reads (its forked workers
            # included), and only the main process waits for them. Two, because reading ends
            # before the cross-checks do, and one would then leave a core idle.
            ids = list(cls.todo)
            cls.pending = [subprocess.Popen(
                [sys.executable, "-m", "tools.sphinx_identities", cls.catalogue_dir or "", *ids[k::2]],
                cwd=ROOT, stdout=subprocess.PIPE, text=True) for k in range(2)]
        elif cls.todo:  # an edited record or two: cheaper here than in a new interpreter
            cls.store_crosschecks(_crosschecks(cls.cat, cls.todo))

    @classmethod
    def crosscheck(cls, r):
        import json

        if cls.pending is not None:
            results = {}
            for proc in cls.pending:
                out, _ = proc.communicate()
                if proc.returncode != 0:
                    logger.warning("the sympy cross-checks failed (exit status %s); entry pages say so",
                                   proc.returncode, type="mc", subtype="crosscheck")
                results.update(json.loads(out or "{}"))
            cls.pending = None
            cls.store_crosschecks(results)
        return cls.crosschecks.get(r.id) if r is not None else None

    @classmethod
    def store_crosschecks(cls, results: dict):
        for entry_id, result in results.items():
            cls.crosschecks[entry_id] = {**result, "key": cls.todo[entry_id]}
        cls.save_crosschecks()

    @classmethod
    def save_crosschecks(cls):
        import json

        if cls.cache_path is not None:
            data = {v["key"]: v for v in cls.crosschecks.values() if "key" in v}
            cls.cache_path.parent.mkdir(parents=True, exist_ok=True)
            cls.cache_path.write_text(json.dumps(data, sort_keys=True, indent=0))


def _crosschecks(cat, ids) -> dict:
    from dataclasses import asdict

    from identities.crosscheck import crosscheck

    return {i: asdict(crosscheck(cat.entries[i])) for i in ids if i in cat.entries}


def _crosscheck_main(argv) -> int:
    """``python -m tools.sphinx_identities CATALOGUE_DIR ID...``: the cross-checks of those entries
    as JSON on stdout (CATALOGUE_DIR empty: the catalogue itself)."""
    import json

    cat = load_synthetic(argv[0]) if argv[0] else load()
    print(json.dumps(_crosschecks(cat, argv[1:])))
    return 0


def load_synthetic(path):
    """A catalogue from every *.py file of a directory (the 1,000-entry scale benchmark)."""
    from identities.catalogue import Catalogue, Topic, load_file

    cat = Catalogue()
    for f in sorted(Path(path).glob("*.py")):
        records, problems = load_file(f, topic=f.stem)
        cat.problems += problems
        cat.topics[f.stem] = Topic(f.stem, f.stem.replace("_", " ").capitalize(), "")
        for r in records:
            cat.entries[r.id] = r
            cat.topics[f.stem].ids.append(r.id)
    return cat


# --------------------------------------------------------------------------------------------
# Stubs


def _write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_text() == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return True


def entry_digest(r) -> str:
    rel = [(i, Site.cat.entries[i].title) for i in related_ids(r) + Site.used_by().get(r.id, [])]
    rel += [(u, Site.cat.entries[u].title if u in Site.cat.entries else "") for _, _, f in r.formulas()
            for u in f.uses]
    return R.digest(RENDERER, R.record_source(r), r.file, Site.published.get(r.id), rel, Site.version,
                    Site.cat.topics.get(r.topic).title if r.topic in Site.cat.topics else r.topic)


def related_ids(r, limit=12) -> list[str]:
    out = [i for i in r.related if i in Site.cat.entries]
    for eq in sorted({ref.eq for ref in r.references if ref.eq is not None}):
        for other in Site.by_equation().get(eq, ()):
            if len(out) >= limit:
                break  # an equation many entries cite would otherwise cost each of them a full scan
            if other != r.id and other not in out:
                out.append(other)
    if r.withdrawn is not None and r.withdrawn.replaced_by and r.withdrawn.replaced_by not in out:
        out.insert(0, r.withdrawn.replaced_by)
    return out[:limit]


def write_stubs(app):
    src = Path(app.srcdir)
    cat = Site.cat
    wanted = set()
    for r in cat.entries.values():
        p = src / "id" / f"{r.id}.rst"
        wanted.add(p)
        _write_if_changed(p, f".. mc:entry:: {r.id}\n   :digest: {entry_digest(r)}\n")
    for slug, topic in cat.topics.items():
        if not topic.ids:
            continue
        p = src / "topics" / f"{slug}.rst"
        wanted.add(p)
        d = R.digest(RENDERER, topic.title, topic.blurb, [(i, R.record_source(cat.entries[i])) for i in topic.ids])
        toc = "\n".join(f"   ../id/{i}" for i in topic.ids)
        _write_if_changed(p, f".. mc:topic:: {slug}\n   :digest: {d}\n\n.. toctree::\n   :hidden:\n\n{toc}\n")
    topics = [s for s, t in cat.topics.items() if t.ids]
    p = src / "topics" / "index.rst"
    wanted.add(p)
    _write_if_changed(p, "Topics\n======\n\n.. mc:topics::\n   :digest: "
                      + R.digest([(s, cat.topics[s].title, len(cat.topics[s].ids)) for s in topics])
                      + "\n\n.. toctree::\n   :hidden:\n\n" + "\n".join(f"   {s}" for s in topics) + "\n")
    # a record that is gone (a synthetic catalogue swapped out) must not leave a page behind
    for folder in ("id", "topics"):
        for old in (src / folder).glob("*.rst"):
            if old not in wanted:
                old.unlink()


# --------------------------------------------------------------------------------------------
# Directives


class EntryDirective(SphinxDirective):
    required_arguments = 1
    option_spec = {"digest": directives.unchanged}

    def run(self):
        entry_id = self.arguments[0]
        r = Site.cat.get(entry_id)
        if r is None:
            logger.warning(f"no entry {entry_id}", location=self.get_location())
            return []
        anchor = f"mc-{r.id.lower()}"
        domain = self.env.get_domain("mc")
        domain.note_entry(r.id, r.title, self.env.docname, anchor)
        std = self.env.get_domain("std")
        std.note_hyperlink_target(anchor, self.env.docname, anchor, f"{r.id}: {r.title}")
        return [render_entry(r, self.env.docname, anchor)]


def render_entry(r, docname, anchor):
    url = Site.base_url + r.url()
    sec = nodes.section(ids=[anchor], classes=["mc-entry"])
    sec += nodes.title(r.title, r.title)
    topic = Site.cat.topics.get(r.topic)
    meta = R.para(R.weight(nodes.literal(r.id, r.id, classes=["mc-id"]), 10), " · ",
                  R.xref_topic(r.topic, topic.title if topic else r.topic), " · ", R.KIND_WORDS[r.kind],
                  classes=["mc-meta"])
    sec += meta
    if not r.live:
        w = nodes.warning()
        w += R.para(f"Withdrawn on {r.withdrawn.date}: {r.withdrawn.reason}")
        if r.withdrawn.replaced_by:
            w += R.para("Use ", R.xref(r.withdrawn.replaced_by), " instead.")
        sec += w
    rep = Site.report(r) if r.live else None
    sec += R.math_block(R.display_latex(r.latex), docname, classes=["mc-statement"], copy=r.latex)
    other = R.other_layout_latex(r)
    if other:
        sec += R.para(f"In {other[0]} layout:", classes=["mc-other-layout"])
        sec += R.math_block(other[1], docname, copy=other[1])
    if r.differential is not None:
        fixed = R.held_constant(r, rep.formula("differential") if rep else None)
        sec += R.para("Differential form" + (f" ({', '.join(fixed)} held constant)" if fixed else "") + ":")
        sec += R.math_block(r.differential.latex, docname, copy=r.differential.latex)
    if r.also:
        sec += R.para("Also:", classes=["mc-also"])
        for f in r.also:
            sec += R.math_block(f.latex, docname, copy=f.latex)
    if r.notes:
        sec += R.para(r.notes, classes=["mc-notes"])
    words = R.para(R.strong("Also known as: "), "; ".join(r.aliases), classes=["mc-aliases"]) if r.aliases else None
    block = R.weight(nodes.container(classes=["mc-words"]), 7)
    if words is not None:
        block[0] += words
    block[0] += R.para(R.strong("Search words: "), R.search_words(r, topic.title if topic else r.topic),
                       classes=["mc-aliases"])
    sec += block

    rows = []
    for name, v in r.variables.items():
        words = ", ".join(w.replace("_", " ") for w in v.assume) or "—"
        rows.append([R.math_inline(v.tex_for(name)), v.shape_text(), words])
    for sym, meaning in r.symbols.items():
        rows.append([R.math_inline(sym), "—", meaning])
    body = [R.table(["Symbol", "Shape", "Assumptions"], rows, classes=["mc-variables"], widths=[1, 2, 4])]
    sentences = R.assumption_sentences(r)
    if sentences:
        body.append(R.bullet(sentences))
    layout = R.layout_sentence(r)
    if layout:
        other_words = R.other_layout_sentence(r, rep) or ""
        body.append(R.para(R.strong("Layout. "), layout, f" {other_words} See ",
                           R.doc_link("/conventions", "conventions"), "."))
    sec += R.section("Variables and assumptions", f"{anchor}-variables", *body)

    if r.derivation:
        sec += derivation_section(r, docname, anchor)
    users = Site.used_by().get(r.id, [])
    if users:
        sec += R.noindex(R.section("Used by", f"{anchor}-used-by",
                                   R.para("The derivations of these entries apply this one:"),
                                   R.bullet([R.para(R.xref(i), " ", Site.cat.entries[i].title) for i in users])))
    if r.live:
        sec += R.noindex(R.section("How it is verified", f"{anchor}-verified", R.verification_paragraph(r, rep),
                                   crosscheck_placeholder(entry=r.id),
                                   R.code_block(R.record_source(r) or "# source not available", "python")))
    if r.references or r.sketch:
        items = [R.reference_text(x) + (f" Note: {x.note}" if x.note else "") for x in r.references]
        body = [R.bullet(items)] if items else []
        if r.sketch:
            body.append(R.para(R.strong("How it is derived. "), r.sketch))
        sec += R.section("References", f"{anchor}-references", *body)
    if r.errata:
        # indexed on the errata page; here it would drown the words of the entry itself
        sec += R.noindex(R.section("Errata in the sources", f"{anchor}-errata",
                                   *erratum_blocks(r, rep, docname, entry_page=True)))
    rel = related_ids(r)
    if rel:
        sec += R.noindex(R.section("Related entries", f"{anchor}-related",
                                   R.bullet([R.para(R.xref(i), " ", Site.cat.entries[i].title) for i in rel])))
    first = Site.published.get(r.id)
    hist = [f"Added in version {first['version']} ({first['added']})." if first else "Not yet published."]
    hist += [f"{c.date}, version {c.version}: {c.what} — {c.why}" for c in r.history]
    if r.withdrawn is not None:
        hist.append(f"{r.withdrawn.date}: withdrawn — {r.withdrawn.reason}")
    sec += R.noindex(R.section("History", f"{anchor}-history", R.bullet(hist)))
    year = (first or {}).get("added", "2026")[:4]
    cite = nodes.container(classes=["mc-cite"])
    cite += R.para(R.strong("Permanent URL: "), nodes.reference(url, url, refuri=url, classes=["mc-permalink"]))
    cite += R.para(R.plain_citation(r, url, Site.version), classes=["mc-cite-text"])
    cite += R.code_block(R.bibtex(r, url, Site.version, year), "none", classes=["mc-bibtex"])
    sec += R.noindex(R.section("Cite this", f"{anchor}-cite", cite))
    return sec


def derivation_section(r, docname, anchor):
    """The derivation, one checked step a line, each with links to the entries whose rules it applies."""
    items = nodes.enumerated_list(classes=["mc-derivation"])
    for step in r.derivation:
        li = nodes.list_item()
        li += R.math_block(step.latex, docname, copy=step.latex)
        if step.uses:
            links = []
            for k, u in enumerate(step.uses):
                if k:
                    links.append(nodes.Text(", "))
                links.append(R.xref(u))
                if u in Site.cat.entries:
                    links.append(nodes.Text(f" {Site.cat.entries[u].title}"))
            # titles of other entries: kept out of the search index, like the related entries
            li += R.noindex(R.para("Uses ", *links, ".", classes=["mc-uses"]))
        items += li
    intro = R.noindex(R.para("In differential form, each step checked on the entry's random instances (the true "
                             "differentials by central differences); the last step is checked against the claim."))
    return R.section("Derivation", f"{anchor}-derivation", intro, items)


def erratum_blocks(r, rep, docname, entry_page=False):
    """Each erratum: where, what is wrong, the printed formula and the verifier's evidence against it."""
    results = {e.field: e for e in (rep.errata if rep else [])}
    out = []
    for i, e in enumerate(r.errata):
        block = nodes.container(classes=["mc-erratum"])
        where = e.source.text() if e.source is not None else ", ".join(x.text() for x in r.references) or "No source"
        head = [R.strong(where)]
        if not entry_page:
            head += [" — see ", R.xref(r.id), " ", r.title]
        block += R.para(*head)
        block += R.para(R.strong("What is wrong. "), e.what)
        if e.printed:
            block += R.para(R.strong("As printed:"))
            block += R.math_block(e.printed, docname, copy=e.printed)
        res = results.get(f"errata[{i}]")
        if e.checkable and res is not None:
            if res.refuted:
                block += R.para(R.strong("Refuted. "), f"The printed version, checked like the entry, fails on "
                                f"instance seed {res.seed} (sizes {res.sizes}): {res.error}. Reproduce: "
                                f"python -m identities check {r.id} (the errata's counterexamples are re-checked "
                                "with the entry).")
            else:
                block += R.para(R.strong("NOT REFUTED: "), "the printed version passes the check.")
        if not entry_page:
            block += R.para(R.strong("What holds:"))
            block += R.math_block(R.display_latex(r.latex), docname, copy=r.latex)
            if rep is not None:
                block += R.para(R.strong("Evidence. "), f"The statement above is verified on {len(rep.instances)} "
                                f"random instances (largest discrepancy {rep.max_raw:.0e}, tolerance "
                                f"{rep.tolerance:.0e}); the same check rejects "
                                f"{rep.mutation_kill_rate()[0]} wrong answers.")
        out.append(block)
    return out


class TopicDirective(SphinxDirective):
    required_arguments = 1
    option_spec = {"digest": directives.unchanged}

    def run(self):
        topic = Site.cat.topics[self.arguments[0]]
        sec = nodes.section(ids=[f"topic-{topic.slug}"], classes=["mc-topic"])
        sec += nodes.title(topic.title, topic.title)
        if topic.blurb:
            sec += R.para(topic.blurb)
        rows = []
        for i in topic.ids:
            r = Site.cat.entries[i]
            refs = ", ".join(f"({x.eq})" for x in r.references if x.eq) or ""
            title = R.para(R.xref(r.id, r.title))
            if not r.live:
                title += nodes.Text(" (withdrawn)")
            rows.append([R.para(R.xref(r.id)), title, R.para(R.math_inline(r"\displaystyle " + R.display_latex(r.latex))), refs])
        sec += R.table(["Id", "Entry", "Statement", "Cookbook"], rows, classes=["mc-dense"], widths=[1, 3, 8, 1])
        return [sec]


class CatalogueWideDirective(SphinxDirective):
    """A directive whose output depends on the whole catalogue: its page is re-read whenever the
    catalogue changes (see ``env_get_outdated``)."""
    option_spec = {"digest": directives.unchanged}

    def run(self):
        self.env.get_domain("mc").data["catalogue_docs"][self.env.docname] = True
        return self.render()


class TopicsDirective(CatalogueWideDirective):
    def render(self):
        rows = []
        for slug, t in Site.cat.topics.items():
            if t.ids:
                rows.append([R.para(R.doc_link(f"/topics/{slug}", t.title)), str(len(t.ids)), t.blurb])
        return [R.table(["Topic", "Entries", "About"], rows, classes=["mc-topics-table"], widths=[2, 1, 6])]


class ConcordanceDirective(CatalogueWideDirective):
    def render(self):
        cook, ph = {}, {}
        for r in Site.cat.entries.values():
            for x in r.references:
                if x.source == "matrix-cookbook-2012" and x.eq is not None:
                    cook.setdefault(x.eq, []).append(r)
                elif x.source == "parr-howard-2018":
                    ph.setdefault(x.locator, []).append(r)
        out = []
        rows = [[f"({eq})", R.para(*_links(rs))] for eq, rs in sorted(cook.items())]
        out.append(R.section("Matrix Cookbook (version of 15 November 2012)", "concordance-cookbook",
                             R.para(f"{len(cook)} equations cited by {sum(map(len, cook.values()))} entries."),
                             R.table(["Equation", "Entries"], rows, classes=["mc-concordance"], widths=[1, 6])))
        rows = [[loc, R.para(*_links(rs))] for loc, rs in sorted(ph.items(), key=lambda kv: _section_key(kv[0]))]
        out.append(R.section("Parr & Howard, The Matrix Calculus You Need For Deep Learning", "concordance-parr-howard",
                             R.table(["Section", "Entries"], rows, classes=["mc-concordance"], widths=[3, 5])))
        return out


def _section_key(loc):
    import re
    return [int(n) for n in re.findall(r"\d+", loc.split()[0])] or [999]


def _links(records):
    out = []
    for k, r in enumerate(records):
        if k:
            out.append(nodes.Text("; "))
        out.append(R.xref(r.id))
        out.append(nodes.Text(f" {r.title}"))
    return out


class ErrataDirective(CatalogueWideDirective):
    def render(self):
        blocks = []
        refuted = 0
        for r in Site.cat.entries.values():
            if not r.errata:
                continue
            rep = Site.report(r) if r.live else None
            refuted += sum(e.refuted for e in (rep.errata if rep else []))
            blocks += erratum_blocks(r, rep, self.env.docname)
        intro = R.para(f"{len(blocks)} errata; {refuted} of them quote a printed formula that the verifier "
                       "shows wrong, with the instance that refutes it, while the corrected statement passes.")
        out = [R.section(f"Errata in the sources ({len(blocks)})", "errata-sources", intro, *blocks)] if blocks else \
            [R.para("No entry records an erratum yet.")]
        out.append(R.section("Where sympy disagrees", "errata-sympy", sympy_errata_placeholder()))
        return out


class VocabularyDirective(CatalogueWideDirective):
    def render(self):
        from identities import assumptions as vocab

        rows = []
        for name in sorted(vocab.VOCABULARY):
            a = vocab.VOCABULARY[name]
            implied = ", ".join(sorted(vocab.closure({name}) - {name})) or "—"
            rows.append([nodes.literal(name, name), a.sentence.format(v="X"), ", ".join(a.kinds), implied])
        return [R.table(["Word", "Meaning", "Applies to", "Implies"], rows, classes=["mc-vocabulary"],
                        widths=[2, 6, 2, 3])]


# --------------------------------------------------------------------------------------------
# Domain


class crosscheck_placeholder(nodes.General, nodes.Element):
    """Where an entry's sympy cross-check goes: filled in when the page is written, by which time the
    cross-checks (started when the build began, in a second process) are done."""


class sympy_errata_placeholder(nodes.General, nodes.Element):
    """Where the list of sympy's disagreements goes on the errata page (filled in like the above)."""


def sympy_errata_nodes():
    disagree, counts = [], {}
    for r in Site.cat.entries.values():
        cc = Site.crosscheck(r) if r.live else None
        if not cc:
            continue
        counts[cc["status"]] = counts.get(cc["status"], 0) + 1
        if cc["status"] == "disagrees":
            disagree.append([R.para(R.xref(r.id), " ", r.title), cc["detail"],
                             f"error {cc['error']:.1e}" if cc.get("error") is not None else "—"])
    version = next((cc["sympy_version"] for cc in Site.crosschecks.values()), "")
    out = [R.para(f"Entries that give f as a sympy matrix expression are differentiated by sympy {version} "
                  "(expr.diff(X)) and compared with the entry on its first random instance: "
                  + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) + ". Where sympy disagrees, the "
                  "entry's own finite-difference check (on its page) shows which side is right.")]
    if disagree:
        out.append(R.table(["Entry", "What sympy gives", "Relative difference"], disagree,
                           classes=["mc-errata"], widths=[4, 6, 2]))
    return out


def fill_placeholders(app, doctree, docname):
    for node in list(doctree.findall(crosscheck_placeholder)):
        r = Site.cat.get(node["entry"])
        node.replace_self(R.crosscheck_paragraph(Site.crosscheck(r) if r is not None else None))
    for node in list(doctree.findall(sympy_errata_placeholder)):
        new = sympy_errata_nodes()
        # the table links entries: resolve those references like the rest of the page
        container = nodes.container()
        container.extend(new)
        node.replace_self(container)
        app.env.resolve_references(container, docname, app.builder)


class IdentityDomain(Domain):
    name = "mc"
    label = "Matrix calculus"
    object_types = {"identity": ObjType("identity", "id")}
    directives = {"entry": EntryDirective, "topic": TopicDirective, "topics": TopicsDirective,
                  "concordance": ConcordanceDirective, "errata": ErrataDirective,
                  "vocabulary": VocabularyDirective}
    roles = {"id": XRefRole()}
    initial_data = {"entries": {}, "catalogue_docs": {}, "digest": ""}  # entries: id -> (docname, anchor, title)
    data_version = 1

    def note_entry(self, entry_id, title, docname, anchor):
        self.data["entries"][entry_id] = (docname, anchor, title)

    def clear_doc(self, docname):
        for k, v in list(self.data["entries"].items()):
            if v[0] == docname:
                del self.data["entries"][k]
        self.data["catalogue_docs"].pop(docname, None)

    def merge_domaindata(self, docnames, otherdata):
        for k, v in otherdata["entries"].items():
            if v[0] in docnames:
                self.data["entries"][k] = v
        for d in otherdata["catalogue_docs"]:
            if d in docnames:
                self.data["catalogue_docs"][d] = True

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        hit = self.data["entries"].get(target.upper())
        if hit is None:
            return None
        docname, anchor, title = hit
        return make_refnode(builder, fromdocname, docname, anchor, contnode, f"{target.upper()}: {title}")

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        ref = self.resolve_xref(env, fromdocname, builder, "id", target, node, contnode)
        return [("mc:id", ref)] if ref is not None else []

    def get_objects(self):
        for k, (docname, anchor, title) in sorted(self.data["entries"].items()):
            yield k, f"{k}: {title}", "identity", docname, anchor, 1


# --------------------------------------------------------------------------------------------
# Events


def config_inited(app, config):
    """Everything that changes the configuration happens here, before Sphinx compares it with the
    last build's: done later, every build would look reconfigured."""
    if not config.mc_site:
        return  # another project, here only for the mc domain (linking entries through intersphinx)
    Site.load(app)
    write_stubs(app)
    topics = [{"doc": f"topics/{s}", "title": t.title, "count": len(t.ids)} for s, t in Site.cat.topics.items()
              if t.ids]
    config.html_context = {**config.html_context, "mc_topics": topics}


def builder_inited(app):
    if not app.config.mc_site:
        return
    Site.start_crosschecks(app.outdir)
    # the site searches with pagefind; Sphinx's own index is built only to compare the two
    if app.builder.name == "html" and not app.config.mc_builtin_search:
        app.builder.search = False


def catalogue_digest() -> str:
    return R.digest(RENDERER, [(r.id, r.title, r.latex, [(e.what, e.printed) for e in r.errata], r.topic, r.live,
                                   [(x.source, x.locator, x.eq, x.note) for x in r.references])
                                  for r in Site.cat.entries.values()],
                    [(s, t.title, t.blurb) for s, t in Site.cat.topics.items()])


def env_get_outdated(app, env, added, changed, removed):
    if not app.config.mc_site:
        return []
    domain = env.get_domain("mc")
    now = catalogue_digest()
    if domain.data.get("digest") == now:
        return []
    domain.data["digest"] = now
    return [d for d in domain.data["catalogue_docs"] if d in env.found_docs]


def strip_execution_times(outdir):
    """The executed notebooks copied into the site carry the time each cell ran; drop it, so that
    two builds of the same commit are identical."""
    import json

    for nb in Path(outdir).rglob("*.ipynb"):
        data = json.loads(nb.read_text())
        for cell in data.get("cells", []):
            cell.get("metadata", {}).pop("execution", None)
        nb.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def collect_crosschecks(app, env):
    """Collect the cross-checks in the main process once reading is done, before any parallel
    writer is forked (a forked child cannot wait on another process's child)."""
    Site.crosscheck(None)
    return []


def build_finished(app, exception):
    if exception is not None or app.builder.format != "html" or not app.config.mc_site:
        return
    strip_execution_times(app.outdir)
    env = dict(os.environ)
    # Only the article is indexed; math (its words are TeX tokens), code, tables listing other
    # entries and page boilerplate are left out, so that words people type decide the ranking.
    cmd = [sys.executable, "-m", "pagefind", "--site", str(app.outdir), "--root-selector", "article.bd-article",
           "--exclude-selectors", "math", "--exclude-selectors", "pre", "--exclude-selectors", ".mc-noindex",
           "--exclude-selectors", "table.mc-dense", "--exclude-selectors", "table.mc-concordance",
           "--exclude-selectors", ".prev-next-area", "--exclude-selectors", ".headerlink",
           # topic pages list every title of their topic: they are for browsing, not for search
           "--glob", "{*.html,id/*.html,tutorials/*.html}", "--quiet"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        logger.warning(f"pagefind failed: {proc.stderr.strip() or proc.stdout.strip()}", type="mc", subtype="search")


def escape_theme_text(app, pagename, templatename, context, doctree):
    """sphinx-book-theme puts the raw text of a page title into its print header unescaped; a title
    is record text, so it must reach the page as text."""
    import html

    for key in ("pagetitle", "page_description"):
        if isinstance(context.get(key), str):
            context[key] = html.escape(context[key])


def _skip(self, node):
    raise nodes.SkipNode


def setup(app):
    app.add_config_value("mc_site", False, "env")  # True: this is the catalogue's own site
    app.add_config_value("mc_catalogue_dir", "", "env")
    app.add_config_value("mc_builtin_search", False, "html")
    app.add_domain(IdentityDomain)
    app.add_node(R.weighted, html=(R.visit_weighted, R.depart_weighted),
                 latex=(lambda s, n: None, lambda s, n: None), text=(lambda s, n: None, lambda s, n: None))
    app.connect("config-inited", config_inited)
    app.connect("builder-inited", builder_inited)
    app.connect("env-get-outdated", env_get_outdated)
    app.connect("build-finished", build_finished)
    app.connect("doctree-resolved", fill_placeholders)
    app.connect("env-updated", collect_crosschecks)
    for placeholder in (crosscheck_placeholder, sympy_errata_placeholder):
        app.add_node(placeholder, html=(_skip, None), latex=(_skip, None), text=(_skip, None))
    app.connect("html-page-context", escape_theme_text, priority=900)
    return {"version": EXT_VERSION, "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 1}


if __name__ == "__main__":
    sys.exit(_crosscheck_main(sys.argv[1:]))
