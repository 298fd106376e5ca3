"""The Sphinx extension: the catalogue rendered into pages at build time (``extensions = ["identities.site"]``).

- ``config-inited`` writes one tiny stub per entry (``docs/id/<ID>.rst``), per topic and for the
  concordance and errata pages. A stub holds a digest of what its page shows, and is rewritten only
  when that changes: an incremental build re-reads only the pages of edited records (``build.py``).
- The ``mc`` domain: ``.. mc:entry::`` renders an entry's page from the live record (``layout.py``),
  registers it as an object of type ``identity`` (listed in ``objects.inv`` for intersphinx) and as a
  std label ``mc-<id>`` (so projects without this extension can still ``:ref:`` it); the
  ``:mc:id:`` role links an entry.
- ``build-finished`` runs pagefind over the built site for the search.

Another project may load this extension just for the domain (``mc_site`` stays False): its
``:mc:id:`` role then links our entries through intersphinx, and nothing else happens.
"""
from __future__ import annotations

import gc
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from docutils import nodes
from sphinx.directives import SphinxDirective
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from . import layout as L
from . import highlight, pages, printable
from . import render as R
from .build import SHARED_INPUTS, Site, catalogue_digest, entry_target, write_stubs
from .prerender import prerender, prerendered, visit_prerendered

logger = logging.getLogger(__name__)
EXT_VERSION = "2"

# Parallel builds: while the workers write pages the main process only resolves the next ones, so
# one worker more than there are cores keeps the cores busy (on 2 cores, a clean build took
# 19.5 s with -j 3 against 24.9 s with -j 1).
SPHINX_JOBS = str((os.cpu_count() or 1) + 1)


class EntryDirective(SphinxDirective):
    required_arguments = 1
    optional_arguments = 1  # the digest of what the page shows (build.write_stubs)

    def run(self):
        entry_id = self.arguments[0]
        r = Site.cat.get(entry_id)
        if r is None:
            logger.warning(f"no entry {entry_id}", location=self.get_location())
            return []
        anchor = entry_target(r.id)[1]
        domain = self.env.get_domain("mc")
        domain.note_entry(r.id, r.title, self.env.docname, anchor)
        std = self.env.get_domain("std")
        std.note_hyperlink_target(anchor, self.env.docname, anchor, f"{r.id}: {r.title}")
        for path in SHARED_INPUTS:
            self.env.note_dependency(path)
        return [prerender(L.render_entry(r, self.env.docname, anchor), self.env, keep=(L.crosscheck_placeholder,))]


class TopicDirective(SphinxDirective):
    required_arguments = 1

    def run(self):
        return [prerender(n, self.env) for n in L.topic_page(Site.cat.topics[self.arguments[0]])]


class CatalogueWideDirective(SphinxDirective):
    """A directive whose output depends on the whole catalogue: its page is re-read whenever the
    catalogue changes (see ``env_get_outdated``)."""

    def run(self):
        self.env.get_domain("mc").data["catalogue_docs"][self.env.docname] = True
        return self.render()


class TopicsDirective(CatalogueWideDirective):
    def render(self):
        return L.topics_table()


class ConcordanceDirective(CatalogueWideDirective):
    def render(self):
        return L.concordance()


class BackpropDirective(CatalogueWideDirective):
    def render(self):
        return L.backprop_rules()


class ErrataDirective(CatalogueWideDirective):
    def render(self):
        for path in SHARED_INPUTS:
            self.env.note_dependency(path)
        return L.errata_page(self.env.docname)


class VocabularyDirective(CatalogueWideDirective):
    def render(self):
        return L.vocabulary_table()


# --------------------------------------------------------------------------------------------
# Domain


def fill_placeholders(app, doctree, docname):
    for node in list(doctree.findall(L.crosscheck_placeholder)):
        r = Site.cat.get(node["entry"])
        node.replace_self(R.crosscheck_paragraph(Site.crosscheck(r) if r is not None else None))
    for node in list(doctree.findall(L.sympy_errata_placeholder)):
        new = L.sympy_errata_nodes()
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
                  "concordance": ConcordanceDirective, "errata": ErrataDirective, "backprop": BackpropDirective,
                  "vocabulary": VocabularyDirective, "print": printable.PrintDirective}
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
    collect_no_cycles_while_building()
    Site.load(app)
    # started first: its interpreter loads while this one is still writing stubs and setting up
    Site.start_crosschecks(app.outdir)
    write_stubs(app)
    topics = [{"doc": f"topics/{s}", "title": t.title, "count": len(t.ids)} for s, t in Site.cat.topics.items()
              if t.ids]
    config.html_context = {**config.html_context, "mc_topics": topics}


def builder_inited(app):
    if not app.config.mc_site:
        return
    Site.builder = app.builder
    # the site searches with pagefind; Sphinx's own index is built only to compare the two
    if app.builder.name == "html" and not app.config.mc_builtin_search:
        app.builder.search = False
    _write_heavy_pages_first(app.builder)
    _read_one_chunk_per_reader(app.builder)
    _settings_made_once()
    _formatters_made_once(app.builder)
    _titles_rendered_once(app.builder)
    _search_copies_written_with_pages(app.builder)
    _theme_skips_checks_of_what_always_shows()


# Pages that take seconds to write, not milliseconds (the print page holds every entry). Sphinx writes
# in name order, so the print page's chunk would start among the last and leave the other workers idle
# while it runs; started early, it overlaps with the rest. Early, not first: the main process prepares
# a chunk's pages before forking its writer, and the print page's take it a second or two, with the
# other core idle; put at the head of the second chunk, the first chunk's writer works meanwhile.
HEAVY_PAGES = ("print", "concordance", "backprop")


def _write_heavy_pages_first(builder):
    write = getattr(builder, "_write_parallel", None)
    if write is None or getattr(write, "_mc_heavy_first", False):
        return  # another Sphinx: name order, which only costs time

    def heavy_first(docnames, nproc, *args, **kwargs):
        from sphinx.util.parallel import make_chunks

        docnames = list(docnames)
        heavy = [d for d in HEAVY_PAGES if d in docnames[1:]]
        if heavy:
            # Sphinx writes docnames[0] alone, then the rest in make_chunks' chunks
            rest = [d for d in docnames[1:] if d not in heavy]
            first = len(make_chunks(docnames[1:], nproc)[0])
            docnames = docnames[:1] + rest[:first] + heavy + rest[first:]
        return write(docnames, nproc, *args, **kwargs)

    heavy_first._mc_heavy_first = True
    builder._write_parallel = heavy_first


# A parallel reader sends the environment back pickled, and in an incremental build that holds
# every page (0.45 s to unpickle with 741 entries), against some 30 ms to read an entry page. An
# edit re-reads a page or two: the main process reads them itself.
SERIAL_READ_BELOW = 20
TUTORIAL_CONVERTER = "identities.site.tutorials.executed"


def _notebooks(builder, docnames) -> list:
    return [d for d in docnames if str(builder.env.doc2path(d)).endswith(".ipynb")]


def reading_chunks(docnames: list, notebooks: list, nproc: int) -> list:
    """One chunk per reader, dealt out in turn so that each gets its share of every kind of page;
    the tutorials last, in the order the runner executes them (a reader that reaches one waits for
    it, by then long done)."""
    chunks = [[] for _ in range(max(1, min(nproc, len(docnames))))]
    last = set(notebooks)
    rest = [d for d in docnames if d not in last]
    for i, d in enumerate(rest + notebooks):
        chunks[i % len(chunks)].append(d)
    return [c for c in chunks if c]


def _read_one_chunk_per_reader(builder):
    """Sphinx's parallel read, with every reader forked at the start. Sphinx reads in chunks of some
    fifty pages and forks each chunk's reader when a slot frees up, from a main process that has by
    then merged the earlier chunks: each reader sends back the environment with everything merged
    before it, and unpickling those cost the main process 5-7 s of CPU in a clean build. Forked
    together from the environment as reading starts, each sends back only its own pages. A read of
    a few pages is serial (SERIAL_READ_BELOW)."""
    if getattr(builder, "_read_parallel", None) is None or getattr(builder._read_parallel, "_mc", False):
        return

    def read_parallel(docnames, nproc):
        import pickle

        from sphinx.util.display import status_iterator
        from sphinx.util.parallel import ParallelTasks

        if len(docnames) < SERIAL_READ_BELOW:
            return builder._read_serial(docnames)
        chunks = reading_chunks(docnames, _notebooks(builder, docnames), nproc)
        progress = status_iterator(chunks, "reading sources... ", "purple", len(chunks), builder.config.verbosity)
        for docname in docnames:
            builder.events.emit("env-purge-doc", builder.env, docname)
            builder.env.clear_doc(docname)

        def read_process(docs):
            builder.env._app = builder._app
            for docname in docs:
                builder.read_doc(docname, _cache=False)
            return pickle.dumps(builder.env, pickle.HIGHEST_PROTOCOL)

        def merge(docs, otherenv):
            builder.env.merge_info_from(docs, pickle.loads(otherenv), builder._app)
            next(progress)

        tasks = ParallelTasks(nproc)
        for chunk in chunks:
            tasks.add_task(read_process, chunk, merge)
        tasks.join()
        logger.info("")

    read_parallel._mc = True
    builder._read_parallel = read_parallel


def _settings_made_once():
    """Sphinx builds each page's docutils settings from scratch: an option parser of some eighty
    options, and a look for docutils.conf files, 2 ms a page. They are the same for every page of
    a build, so they are made once and each page gets a copy (as Sphinx itself does for the
    documents it makes while writing), with mutable values of its own."""
    import sphinx.util.docutils as sd

    make = getattr(sd, "_get_settings", None)
    if make is None or getattr(make, "_mc", False):
        return
    from copy import copy

    from docutils.utils import DependencyList

    made: dict = {}

    def get_settings(*components, defaults, read_config_files=False):
        try:
            key = (tuple(c if isinstance(c, type) else type(c) for c in components), read_config_files,
                   tuple((k, v if isinstance(v, (str, int, float, bool, type(None), tuple)) else id(v))
                         for k, v in defaults.items()))
            hash(key)
        except TypeError:
            return make(*components, defaults=defaults, read_config_files=read_config_files)
        if key not in made:
            if len(made) > 8:
                made.clear()  # another build in this process: its environment is another
            made[key] = make(*components, defaults=defaults, read_config_files=read_config_files)
        settings = copy(made[key])
        for name, value in vars(settings).items():
            if isinstance(value, DependencyList):
                setattr(settings, name, DependencyList())  # the page's own (Sphinx records them)
            elif isinstance(value, (list, dict, set)):
                setattr(settings, name, copy(value))
        return settings

    get_settings._mc = True
    sd._get_settings = get_settings


def _formatters_made_once(builder):
    """Sphinx makes a Pygments formatter for every code block, and each computes its style's CSS
    (0.4 ms; two blocks an entry page). A formatter holds no state from one block to the next, so
    one per set of options serves the whole build."""
    highlighter = getattr(builder, "highlighter", None)
    make = getattr(highlighter, "get_formatter", None)
    if make is None or getattr(make, "_mc", False):
        return
    made: dict = {}

    def get_formatter(**kwargs):
        key = repr(sorted(kwargs.items()))
        if key not in made:
            made[key] = make(**kwargs)
        return made[key]

    get_formatter._mc = True
    highlighter.get_formatter = get_formatter


# Templates of this site's pages that never render empty: the theme renders every template of its
# header and sidebars once to see whether it is empty, then again to show it (about 1 ms a page).
ALWAYS_SHOWN = ("navbar-logo.html", "search-button-field.html", "mc-topics.html", "toggle-primary-sidebar.html",
                "article-header-buttons.html")


def _theme_skips_checks_of_what_always_shows():
    try:
        from pydata_sphinx_theme import utils
    except ImportError:
        return
    check = getattr(utils, "_update_and_remove_templates", None)
    if check is None or getattr(check, "_mc", False):
        return

    def update_and_remove(app, context, templates, section, templates_skip_empty_check=None):
        skip = list(templates_skip_empty_check or [])
        if getattr(app.config, "mc_site", False):
            skip += ALWAYS_SHOWN
        return check(app, context, templates, section, skip)

    update_and_remove._mc = True
    utils._update_and_remove_templates = update_and_remove


def _titles_rendered_once(builder):
    """Sphinx renders, for every page, the titles of the pages before and after it and of its
    parents, each through a docutils document of its own (seven renders an entry page, 0.5 ms each).
    A page title renders the same wherever it is shown: each is rendered once per process."""
    render = getattr(builder, "render_partial", None)
    if render is None or getattr(render, "_mc", False):
        return
    from docutils import nodes as dn

    done: dict = {}

    def render_partial(node):
        if not isinstance(node, dn.title):
            return render(node)
        hit = done.get(id(node))
        if hit is None or hit[0] is not node:  # the node is kept: its id is not another's
            hit = done[id(node)] = (node, render(node))
        return dict(hit[1])

    render_partial._mc = True
    builder.render_partial = render_partial


class _ShownToc(str):
    """The page's table of contents as the theme's generate_toc_html() gives it, written to HTML once:
    the theme's templates show it three times a page (and look at its length), and each showing wrote
    the parsed tree to HTML again. Its length and truth are the tree's."""

    def __new__(cls, tree, text: str | None = None, children: int | None = None):
        shown = super().__new__(cls, str(tree) if text is None else text)
        shown.children = len(tree) if children is None else children
        return shown

    def __len__(self):
        return self.children

    def __bool__(self):
        return True


# Pages whose tables of contents differ only in the page's title and in the name in their anchors
# (every entry page: "#mc-gwj1-derivation") show the same table: the theme parses each page's
# with BeautifulSoup (2-3 ms a page), here once per pattern and process.
_TOCS_SHOWN: dict = {}
_TOC_MARK = "\x00"
_TOC_TITLE = re.compile(r'\A<ul>\n<li><a class="reference internal" href="#">[^<]*</a>')


def _toc_pattern(toc, pagename: str, level) -> tuple:
    """(key, name): the page's table of contents with its title and its name taken out, and the
    name; (None, None) where the table has not that form."""
    if not isinstance(toc, str):
        return None, None
    m = _TOC_TITLE.match(toc)
    name = pagename.rsplit("/", 1)[-1].lower()
    if m is None or not name or _TOC_MARK in toc:
        return None, None
    rest = toc[m.end():].replace(f'href="#mc-{name}-', f'href="#mc-{_TOC_MARK}-')
    if name in rest:
        return None, None
    return (level, rest), name


def _toc_written_once():
    try:
        from pydata_sphinx_theme import toctree
    except ImportError:
        return
    add = getattr(toctree, "add_toctree_functions", None)
    if add is None or getattr(add, "_mc", False):
        return

    def add_toctree_functions(app, pagename, templatename, context, doctree):
        add(app, pagename, templatename, context, doctree)
        make = context.get("generate_toc_html")
        if make is None or not getattr(app.config, "mc_site", False):
            return
        shown = {}

        def generate_toc_html(kind: str = "html"):
            if kind == "html" and "html" in shown:
                return shown["html"]
            key, name = (_toc_pattern(context.get("toc"), pagename, context.get("theme_show_toc_level"))
                         if kind == "html" else (None, None))
            if key is not None and key in _TOCS_SHOWN:
                text, children = _TOCS_SHOWN[key]
                shown["html"] = _ShownToc(None, text.replace(_TOC_MARK, name), children)
                return shown["html"]
            out = make(kind)
            if kind != "html" or isinstance(out, str):
                return out
            shown["html"] = _ShownToc(out)
            if key is not None:
                text = shown["html"].replace(f'href="#mc-{name}-', f'href="#mc-{_TOC_MARK}-')
                # the title is not shown (it is the page's heading) and the name is only in anchors
                if name not in text and 'href="#"' not in text:
                    _TOCS_SHOWN[key] = (text, shown["html"].children)
            return shown["html"]

        context["generate_toc_html"] = generate_toc_html

    add_toctree_functions._mc = True
    add_toctree_functions.original = add
    toctree.add_toctree_functions = add_toctree_functions


def before_reading(app, env, docnames):
    """In the main process, before Sphinx forks its readers: the tutorial runner starts (its kernel
    works while the rest is verified and read), and every entry is verified (each forked reader
    would otherwise verify the whole catalogue again for the first page it renders)."""
    if not app.config.mc_site or not docnames:
        return
    from . import tutorials

    if app.config.nbsphinx_custom_formats.get(".ipynb") == TUTORIAL_CONVERTER:
        # in the order the readers reach them (reading_chunks keeps it)
        paths = [Path(app.builder.env.doc2path(d)) for d in _notebooks(app.builder, docnames)]
        tutorials.Runner.start(paths, int(app.config.nbsphinx_timeout))
    Site.all_reports()


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
    """The executed notebooks copied into the site carry the time each cell ran, and their printed
    text in as many pieces as the kernel happened to flush; drop the times and join the pieces, so
    that two builds of the same commit are identical."""
    import json

    for nb in Path(outdir).rglob("*.ipynb"):
        data = json.loads(nb.read_text())
        for cell in data.get("cells", []):
            cell.get("metadata", {}).pop("execution", None)
            joined = []
            for out in cell.get("outputs", []):
                prev = joined[-1] if joined else None
                if (out.get("output_type") == "stream" and prev is not None and prev.get("output_type") == "stream"
                        and prev.get("name") == out.get("name")):
                    text = out.get("text", "")
                    prev["text"] = _lines(_text(prev.get("text", "")) + _text(text))
                else:
                    joined.append(out)
            if "outputs" in cell:
                cell["outputs"] = joined
        nb.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def _text(t) -> str:
    return "".join(t) if isinstance(t, list) else t


def _lines(text: str) -> list:
    return text.splitlines(keepends=True)


def collect_crosschecks(app, env):
    """Collect the cross-checks in the main process once reading is done, before any parallel
    writer is forked (a forked child cannot wait on another process's child). Every tutorial has
    been read: its runner is done."""
    from . import tutorials

    tutorials.Runner.stop()
    Site.crosscheck(None)
    return []


# The pages the search indexes: topic pages list every title of their topic, they are for browsing
SEARCHED = ("*.html", "id/*.html", "tutorials/*.html")
# Math and code are left out of the index (a formula's words are TeX tokens); pagefind still parsed
# them, a third of its time: the copies it indexes are the pages without them.
_UNSEARCHED = re.compile(r"<math\b.*?</math>|<pre\b.*?</pre>", re.S)


def searched(rel: str) -> bool:
    parts = rel.split("/")
    return rel.endswith(".html") and (len(parts) == 1 or (len(parts) == 2 and parts[0] in ("id", "tutorials")))


def search_copies(app) -> Path:
    return Path(app.doctreedir) / "mc-search-pages"


def write_search_copy(page: Path, copy: Path):
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(_UNSEARCHED.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")


def _search_copies_written_with_pages(builder):
    """Each searched page's copy for the index is written with the page, by the writer that wrote it."""
    handle = getattr(builder, "handle_page", None)
    if handle is None or getattr(handle, "_mc", False):
        return
    outdir, copies = Path(builder.outdir), search_copies(builder.app)

    def handle_page(pagename, *args, **kwargs):
        handle(pagename, *args, **kwargs)
        out = kwargs.get("outfilename")
        page = Path(out) if out else Path(builder.get_outfilename(pagename))
        try:
            rel = page.relative_to(outdir).as_posix()
        except ValueError:
            return
        if searched(rel) and page.exists():
            write_search_copy(page, copies / rel)

    handle_page._mc = True
    builder.handle_page = handle_page


def update_search_copies(outdir: Path, copies: Path):
    """The copies of the searched pages, each as new as its page: written again where the page is
    newer (written by something other than the builder), removed where the page is gone."""
    pages = {p.relative_to(outdir).as_posix(): p for pattern in SEARCHED for p in outdir.glob(pattern)}
    for rel, page in pages.items():
        copy = copies / rel
        try:
            fresh = copy.stat().st_mtime_ns >= page.stat().st_mtime_ns
        except OSError:
            fresh = False
        if not fresh:
            write_search_copy(page, copy)
    for pattern in SEARCHED:
        for copy in copies.glob(pattern):
            if copy.relative_to(copies).as_posix() not in pages:
                copy.unlink()


def pagefind_command(site: Path, output: Path) -> list[str]:
    # Only the article is indexed; math (its words are TeX tokens), code, tables listing other
    # entries and page boilerplate are left out, so that words people type decide the ranking.
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output),
            "--root-selector", "article.bd-article",
            "--exclude-selectors", "math", "--exclude-selectors", "pre", "--exclude-selectors", ".mc-noindex",
            "--exclude-selectors", "table.mc-dense", "--exclude-selectors", "table.mc-concordance",
            "--exclude-selectors", ".prev-next-area", "--exclude-selectors", ".headerlink",
            "--glob", "{" + ",".join(SEARCHED) + "}", "--quiet"]


def build_finished(app, exception):
    if exception is not None or app.builder.format != "html" or not app.config.mc_site:
        return
    strip_execution_times(app.outdir)
    outdir, copies = Path(app.outdir), search_copies(app)
    update_search_copies(outdir, copies)
    cmd = pagefind_command(copies, outdir / "pagefind")
    stamp, stamp_file = index_stamp(copies, cmd), copies.parent / INDEX_STAMP
    proc = None
    if not index_is_current(outdir / "pagefind", stamp_file, stamp):
        # pagefind leaves a file it would write as it is where one of that name (a digest of its
        # content) exists, so the last index's files are kept for it and the stale ones removed
        # after (prune_index). Without a stamp the last run did not finish: the folder is emptied.
        try:
            stamp_file.unlink()
        except FileNotFoundError:
            shutil.rmtree(outdir / "pagefind", ignore_errors=True)
        # pagefind reads only the pages, so it indexes them while the dataset and sitemap are written
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        from identities import dataset

        dataset.write(app.outdir, Site.cat, Site.all_reports(), Site.base_url)
        pages.write_search_spec(app.outdir)
        pages.write_sitemap(app)
    finally:
        if proc is not None:
            out, err = proc.communicate()
    if proc is None:
        return
    if proc.returncode == 0 and not prune_index(outdir / "pagefind"):
        # an index this code cannot read: made again from an empty folder, where nothing is stale
        shutil.rmtree(outdir / "pagefind", ignore_errors=True)
        proc = subprocess.run(cmd, capture_output=True, text=True)
        out, err = proc.stdout, proc.stderr
    if proc.returncode != 0:
        logger.warning(f"pagefind failed: {err.strip() or out.strip()}", type="mc", subtype="search")
    else:
        stamp_file.write_text(stamp)


# the files of a pagefind index named by a digest of their content, each listed in its language's meta
_HASHED = ("fragment", "index", "filter")


def prune_index(index: Path) -> bool:
    """Removes the files of earlier indexes from ``index``: a hashed file that no meta of the index
    names, and the metas of languages it no longer has. False (nothing removed) when the index is
    not one this understands. Writing into the last index instead of an empty folder leaves pagefind
    ~800 files fewer to create: rebuilding the index after an edit took 0.8-0.9 s, now 0.5 s."""
    import gzip
    import json

    try:
        entry = json.loads((index / "pagefind-entry.json").read_text())
        metas = {f"pagefind.{lang['hash']}.pf_meta" for lang in entry["languages"].values()}
        names = [gzip.decompress((index / m).read_bytes()) for m in sorted(metas)]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, EOFError):
        return False
    if not names or not all(n.startswith(b"pagefind_dcd") for n in names):
        return False
    for p in index.glob("pagefind.*.pf_meta"):
        if p.name not in metas:
            p.unlink()
    for folder in _HASHED:
        for p in (index / folder).glob("*"):
            if p.is_file() and not any(_cbor_text(p.name.split(".", 1)[0]) in n for n in names):
                p.unlink()
    return True


def _cbor_text(s: str) -> bytes:
    """``s`` as the meta (CBOR) holds a string: its length, then its bytes, so that a name is not
    found inside a longer one."""
    b = s.encode()
    return (bytes([0x60 + len(b)]) if len(b) < 24 else bytes([0x78, len(b)])) + b


# beside the copies, not in the site: what the index in the site was made from
INDEX_STAMP = "mc-search-index.txt"


def index_stamp(copies: Path, cmd: list[str]) -> str:
    """What the index is made of: the command and a digest of each copy (not its time: the index,
    search and 404 pages are written again by every build). A rebuild that changed no searched page
    leaves it as it is, and pagefind (a second or more) is not run again."""
    rows = [" ".join(cmd[1:])]
    for pattern in SEARCHED:
        for c in sorted(copies.glob(pattern)):
            rows.append(f"{c.relative_to(copies).as_posix()} {hashlib.blake2b(c.read_bytes(), digest_size=16).hexdigest()}")
    return "\n".join(rows) + "\n"


def index_is_current(index: Path, stamp_file: Path, stamp: str) -> bool:
    try:
        return stamp_file.read_text() == stamp and (index / "pagefind-entry.json").is_file()
    except OSError:
        return False


def _command_line_build() -> bool:
    """Whether Sphinx runs as the command (sphinx-build, python -m sphinx): a process that builds once
    and exits. A process that builds again (a test, an editor's preview) would keep what is frozen."""
    main = getattr(sys.modules.get("__main__"), "__spec__", None)
    return Path(sys.argv[0]).name == "sphinx-build" or (main is not None and main.name in ("sphinx", "sphinx.__main__"))


def collect_no_cycles_while_building():
    """A command-line build runs without the cyclic garbage collector. Its collections walked every
    object the build keeps (the catalogue, the environment, each page's doctree) again and again:
    1.0-1.8 s in each reader and 1.5 s in the main process of a clean build; without them the build
    took 14.0 s against 16.0 s (medians of 3 alternating). What it leaves as cyclic garbage (pages'
    doctrees, once written) raised its largest process from 249 to 281 MB, and the process exits when
    the build ends. Records are verified in forked workers that collect as usual (runner._worker)."""
    if _command_line_build():
        gc.disable()


def freeze_for_exit(app, exception):
    """At the end of a command-line build, nothing the build made is used again, but the interpreter's
    final collection would walk all of it (0.9 s after an edit of one record, more after a clean
    build). Frozen objects are left to the exit."""
    if _command_line_build():
        gc.freeze()


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
    _toc_written_once()  # before the theme is set up: it connects the function it finds then
    app.add_config_value("mc_site", False, "env")  # True: this is the catalogue's own site
    app.add_config_value("mc_catalogue_dir", "", "env")
    app.add_config_value("mc_builtin_search", False, "html")
    app.add_domain(IdentityDomain)
    app.add_lexer(highlight.ALIAS, highlight.RecordLexer)
    app.add_node(R.weighted, html=(R.visit_weighted, R.depart_weighted),
                 latex=(lambda s, n: None, lambda s, n: None), text=(lambda s, n: None, lambda s, n: None))
    app.connect("config-inited", config_inited)
    app.connect("builder-inited", builder_inited)
    app.connect("env-get-outdated", env_get_outdated)
    app.connect("env-before-read-docs", before_reading)
    app.connect("build-finished", build_finished)
    app.connect("build-finished", freeze_for_exit, priority=1000)
    app.connect("doctree-resolved", fill_placeholders)
    app.connect("env-updated", collect_crosschecks)
    app.add_node(prerendered, html=(visit_prerendered, None), latex=(_skip, None), text=(_skip, None))
    for placeholder in (L.crosscheck_placeholder, L.sympy_errata_placeholder):
        app.add_node(placeholder, html=(_skip, None), latex=(_skip, None), text=(_skip, None))
    app.connect("html-page-context", escape_theme_text, priority=900)
    app.connect("html-collect-pages", pages.not_found_page)
    app.connect("html-page-context", pages.topics_nav, priority=400)
    return {"version": EXT_VERSION, "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 1}


