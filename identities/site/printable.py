"""The print page (``docs/print.rst``, ``.. mc:print::``): the whole catalogue on one page in the
Matrix Cookbook's dense style, for the PDF that ``tools/make_pdf.py`` prints from it with headless
Chromium. Topic by topic, each entry gives its id, title, statement, assumptions and permanent URL;
then the derivations and the errata. Like ``layout.py``, record text goes into text nodes and LaTeX
into math nodes. Links point at the permanent URLs (a PDF outlives the server it was printed from).
"""
from __future__ import annotations

from docutils import nodes
from sphinx.directives import SphinxDirective

from . import render as R
from .build import SHARED_INPUTS, Site
from .prerender import prerender


def _url_ref(url: str, text: str | None = None):
    return nodes.reference(text or url, text or url, refuri=url)


def _local_ref(ident: str, text: str):
    return nodes.reference(text, text, refid=ident, internal=True)


def _entry_block(r, docname):
    url = Site.base_url + r.url()
    block = nodes.container(classes=["mc-print-entry"], ids=[f"print-{r.id.lower()}"])
    head = [nodes.literal(r.id, r.id, classes=["mc-id"]), " ", R.strong(r.title)]
    if not r.live:
        head.append(f" (withdrawn {r.withdrawn.date})")
    block += R.para(*head, classes=["mc-print-head"])
    block += R.math_block(R.display_latex(r.latex), docname, classes=["mc-statement"])
    sentences = R.assumption_sentences(r)
    if sentences:
        block += R.para(" ".join(s if s.rstrip().endswith(".") else s + "." for s in sentences),
                        classes=["mc-print-assume"])
    block += R.para(_url_ref(url), classes=["mc-print-url"])
    return block


def print_page(docname: str) -> list[nodes.Node]:
    cat = Site.cat
    topics = [t for t in cat.topics.values() if t.ids]
    derived = [r for r in cat.entries.values() if r.derivation]
    with_errata = [r for r in cat.entries.values() if r.errata]

    contents = nodes.bullet_list(classes=["mc-print-toc"])
    for t in topics:
        li = nodes.list_item()
        li += R.para(_local_ref(f"print-topic-{t.slug}", t.title), f" ({len(t.ids)})")
        contents += li
    for ident, title in (("print-derivations", f"Derivations ({len(derived)})"),
                         ("print-errata", f"Errata ({sum(len(r.errata) for r in with_errata)})")):
        li = nodes.list_item()
        li += R.para(_local_ref(ident, title))
        contents += li

    n_live = sum(r.live for r in cat.entries.values())
    intro = R.para(f"Version {Site.version}. {n_live} entries, every one verified numerically on random "
                   "instances that honour its assumptions. Each entry's permanent URL gives its page: the "
                   "verification, the checker's code, references and citation. Online: ",
                   _url_ref(Site.base_url), classes=["mc-print-intro"])
    out = nodes.container(classes=["mc-print", "mc-noindex"])
    out += intro
    out += R.section("Contents", "print-contents", contents)

    for t in topics:
        sec = R.section(t.title, f"print-topic-{t.slug}")
        sec["classes"].append("mc-print-topic")
        for i in t.ids:
            sec += _entry_block(cat.entries[i], docname)
        out += sec

    der = R.section("Derivations", "print-derivations",
                    R.para("In differential form, each step checked on the entry's random instances; the last "
                           "step against the claim."))
    der["classes"].append("mc-print-part")
    for r in derived:
        block = nodes.container(classes=["mc-print-entry"])
        block += R.para(nodes.literal(r.id, r.id, classes=["mc-id"]), " ", R.strong(r.title),
                        classes=["mc-print-head"])
        steps = nodes.enumerated_list(classes=["mc-derivation"])
        for step in r.derivation:
            li = nodes.list_item()
            li += R.math_block(step.latex, docname)
            if step.uses:
                li += R.para("Uses " + ", ".join(step.uses) + ".", classes=["mc-uses"])
            steps += li
        block += steps
        der += block
    out += der

    err = R.section("Errata", "print-errata",
                    R.para("Formulas of the sources that are wrong, ambiguous, or hold only under an assumption "
                           "the source does not state; the entry's statement is what holds."))
    err["classes"].append("mc-print-part")
    for r in with_errata:
        for e in r.errata:
            block = nodes.container(classes=["mc-print-entry"])
            where = e.source.text() if e.source is not None else ", ".join(x.text() for x in r.references)
            block += R.para(nodes.literal(r.id, r.id, classes=["mc-id"]), " ", R.strong(r.title),
                            f" — {where}" if where else "", classes=["mc-print-head"])
            block += R.para(R.strong("What is wrong. "), e.what)
            if e.printed:
                block += R.para(R.strong("As printed:"))
                block += R.math_block(e.printed, docname)
            err += block
    out += err
    return [out]


class PrintDirective(SphinxDirective):
    """``.. mc:print::`` — the print page; re-read whenever the catalogue changes, like the other
    catalogue-wide pages (it registers itself in the domain's ``catalogue_docs``)."""

    def run(self):
        self.env.get_domain("mc").data["catalogue_docs"][self.env.docname] = True
        for path in SHARED_INPUTS:
            self.env.note_dependency(path)
        return [prerender(n, self.env) for n in print_page(self.env.docname)]
