"""A generated page's body written to HTML while the page is read.

Sphinx walks every node of every page some sixty times after reading it (transforms, the pickled
doctree, post-transforms, the writer), and an entry page holds some 250 nodes against a hand-written
page's ten. The pages made here are the catalogue's own, with links to pages whose names are known
before reading, so each run of non-section nodes is written to HTML at once by the HTML builder's own
translator (the same markup, MathML, and highlighting the writer would have produced) and kept as one
``prerendered`` node. Sections and their titles stay nodes, for the page's table of contents; so do the
placeholders filled after reading, and anything holding a link that is not resolved here.
"""
from __future__ import annotations

import functools

from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.util.nodes import make_refnode

from .build import Site, entry_target

KEEP = (nodes.section, nodes.title, nodes.meta, addnodes.pending_xref)


class prerendered(nodes.General, nodes.Element):
    """HTML written while the page was read (``html``), holding the text of the nodes it replaced: what
    reads a page as text (the theme's page description) reads the same words as before."""


def visit_prerendered(self, node):
    self.body.append(node["html"])
    raise nodes.SkipNode


@functools.lru_cache(maxsize=4)
def _settings(builder):
    """What the builder's prepare_writing() gives the writer of every page; once per build."""
    from sphinx.util.docutils import _get_settings
    from sphinx.writers.html import HTMLWriter

    s = _get_settings(HTMLWriter, defaults=builder.env.settings, read_config_files=True)
    s.compact_lists = bool(builder.config.html_compact_lists)
    return s


def _resolve(tree, builder, env, docname):
    """Links to entry pages and to documents, as the mc and std domains would resolve them."""
    for ref in list(tree.findall(addnodes.pending_xref)):
        contnode = ref[0].deepcopy()
        target, new = ref["reftarget"], None
        if ref.get("refdomain") == "mc" and ref.get("reftype") == "id":
            r = Site.cat.entries.get(target.upper())
            page, anchor = entry_target(r.id) if r is not None else (None, None)
            if page in env.found_docs:
                new = make_refnode(builder, docname, page, anchor, contnode, f"{r.id}: {r.title}")
        elif ref.get("refdomain") == "std" and ref.get("reftype") == "doc" and ref["reftarget"].startswith("/"):
            target = target[1:]
            if target in env.found_docs and ref.get("refexplicit"):
                caption = ref.astext()
                new = make_refnode(builder, docname, target, None, nodes.inline(caption, caption, classes=["doc"]))
        if new is not None:
            ref.replace_self(new)


def _holding(node, keep, out: set) -> bool:
    """Whether ``node`` is or holds a node of the kinds ``keep``; the ids of those that do go in ``out``
    (one walk of the page: asked of each child in turn, the question walked each subtree again)."""
    held = isinstance(node, keep)
    for child in node.children:
        if isinstance(child, nodes.Element) and _holding(child, keep, out):
            held = True
    if held:
        out.add(id(node))
    return held


def _runs(node, keep, held: set | None = None):
    """(parent, [children]) for each run of consecutive children that can be written now."""
    if held is None:
        held = set()
        _holding(node, keep, held)
    run = []
    for child in node.children:
        if id(child) in held:
            if run:
                yield node, run
                run = []
            if isinstance(child, nodes.section):
                yield from _runs(child, keep, held)
        else:
            run.append(child)
    if run:
        yield node, run


def prerender(tree, env, keep=()):
    """``tree`` with each run of writable nodes replaced by the HTML the writer makes of it."""
    builder, docname = Site.builder, env.docname
    if builder is None or builder.format != "html":
        return tree
    _resolve(tree, builder, env, docname)
    for block in tree.findall(nodes.literal_block):
        block.setdefault("linenos", False)  # as Sphinx's HighlightLanguageTransform would
    visitor = builder.create_translator(new_document(docname, _settings(builder)), builder)
    runs = []
    for parent, run in _runs(tree, KEEP + tuple(keep)):
        # every run is written before any is replaced: the writer looks at a node's siblings
        visitor.body = []
        for child in run:
            child.walkabout(visitor)
        runs.append((parent, run, "".join(visitor.body)))
    for parent, run, html in runs:
        at = parent.index(run[0])
        text = parent.child_text_separator.join(child.astext() for child in run)
        for child in run:
            parent.remove(child)
        parent.insert(at, prerendered("", nodes.Text(text), html=html))
    # a title with no source is patched by Sphinx after reading, with a debug message that writes
    # the node out as XML: 0.1 ms a title, seven titles an entry page
    source = str(env.doc2path(docname))
    for title in tree.findall(nodes.title):
        if title.source is None:
            title.source = source
    return tree
