"""The page layout: what an entry page, a topic page, the topics table, the concordance and the
errata page show, and in which order, as docutils nodes. Every figure about a check comes from the
verifier's report; nothing here computes mathematics. Record text goes into text nodes and LaTeX
into math nodes, so nothing a record holds can inject markup into the site.
"""
from __future__ import annotations

import re

from docutils import nodes

from . import render as R
from .build import Site
from .highlight import ALIAS as RECORD_LEXER
from .related import reason_text


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
    for role, label, tex in r.statement_formulas():
        sec += R.para(f"{label}:", classes=[f"mc-{role}"])
        sec += R.math_block(tex, docname, classes=["mc-statement"], copy=tex)
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
    if r.aliases:
        sec += R.weight(R.para(R.strong("Also known as: "), "; ".join(r.aliases), classes=["mc-aliases"]), 7)
    # for the search alone: the words people type for what the title spells in symbols, the entry's
    # formulas as case-keeping tokens, and the summary a search result shows
    sec += R.search_only(R.search_words(r, topic.title if topic else r.topic), weight=7)
    for value, terms in R.formula_terms(r):
        sec += R.search_only(terms, weight=value)
    for value, token in R.equation_terms(r):
        sec += R.search_only(token, weight=value)
    description = R.description(r)
    sec += R.search_only(description, meta="summary")
    # the names it goes by, for the search box's bonus to a query that is one of them
    sec += R.search_only(" | ".join([r.title, *r.aliases]), meta="names")
    sec += nodes.meta(name="description", content=description)

    rows = []
    for name, v in r.variables.items():
        words = ", ".join(w.replace("_", " ") for w in v.assume)
        meaning = "; ".join(x for x in (v.description, words) if x) or "—"
        rows.append([R.math_inline(v.tex_for(name)), v.shape_text(), meaning])
    for sym, meaning in r.symbols.items():
        rows.append([R.math_inline(sym), "—", meaning])
    body = [R.table(["Symbol", "Shape", "Meaning and assumptions"], rows, classes=["mc-variables"], widths=[1, 2, 4])]
    sentences = R.assumption_sentences(r)
    if sentences:
        body.append(R.bullet(sentences))
    layout = R.layout_sentence(r)
    if layout:
        other_words = R.other_layout_sentence(r, rep) or ""
        body.append(R.para(R.strong("Layout. "), layout, f" {other_words} See ",
                           R.doc_link("/conventions", "conventions"), "."))
    sec += R.section("Variables and assumptions", f"{anchor}-variables", *body)
    if r.kind == "ad_rule":
        sec += frameworks_section(r, anchor)

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
                                   R.code_block(R.record_source(r) or "# source not available", RECORD_LEXER)))
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
    rel = Site.relations().related(r)
    if rel:
        items = [R.para(R.xref(i), " ", Site.cat.entries[i].title, nodes.inline(
            "", f" — {reason_text(r, why, Site.relations())}", classes=["mc-why"])) for i, why in rel]
        sec += R.noindex(R.section("Related entries", f"{anchor}-related", R.bullet(items)))
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


FRAMEWORKS = (("pytorch", "PyTorch"), ("pytorch_derivative", "PyTorch derivatives.yaml"), ("jax", "JAX"))


def frameworks_section(r, anchor):
    """Where the frameworks keep this rule: the crosswalk, as the record states it."""
    rows = [[label, nodes.literal(r.crosswalk[key], r.crosswalk[key])]
            for key, label in FRAMEWORKS if r.crosswalk.get(key)]
    body = [R.table(["Framework", "Function or rule"], rows, classes=["mc-crosswalk"], widths=[2, 5])]
    if r.gauge:
        body.append(R.para(R.strong("Gauge. "), r.gauge))
    return R.section("In the frameworks", f"{anchor}-frameworks", *body)


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


def topic_page(topic):
    sec = nodes.section(ids=[f"topic-{topic.slug}"], classes=["mc-topic"])
    sec += nodes.title(topic.title, topic.title)
    sec += nodes.meta(name="description", content=f"{topic.title}: {len(topic.ids)} entries, each verified "
                      f"numerically. {topic.blurb}".strip()[:300])
    if topic.blurb:
        sec += R.para(topic.blurb)
    rows = []
    for i in topic.ids:
        r = Site.cat.entries[i]
        refs = ", ".join(f"({x.eq})" for x in r.references if x.eq) or ""
        title = R.para(R.xref(r.id, r.title))
        if not r.live:
            title += nodes.Text(" (withdrawn)")
        rows.append([R.para(R.xref(r.id)), title, R.para(R.math_inline(r"\displaystyle " + R.display_latex(r.latex))),
                     refs])
    sec += R.table(["Id", "Entry", "Statement", "Cookbook"], rows, classes=["mc-dense"], widths=[1, 3, 8, 1])
    return [sec]


def topics_table():
    rows = []
    for slug, t in Site.cat.topics.items():
        if t.ids:
            rows.append([R.para(R.doc_link(f"/topics/{slug}", t.title)), str(len(t.ids)), t.blurb])
    return [R.table(["Topic", "Entries", "About"], rows, classes=["mc-topics-table"], widths=[2, 1, 6])]


def concordance():
    from identities import concordance as C

    rows_all = C.rows(Site.cat)
    summary = C.summary(rows_all)
    total = len(rows_all)
    done = sum(r.status in ("verified", "erratum") for r in rows_all)
    out = []
    counts = [[f"{c['chapter']}", c["title"], str(c["equations"]), str(c["verified"]), str(c["erratum"]),
               str(c["definition"]), str(c["not-a-claim"]), str(c["unknown"])] for c in summary]
    body = [R.para(f"Every numbered equation from (1) to ({C.LAST}), {total} in all: {done} "
                   f"({done / total:.0%}) are verified by an entry or are errata whose correction is verified; "
                   "the others are definitions or say nothing that could be checked, each with its reason. "
                   "The same list is printed by python -m identities concordance (--json for data)."),
            R.table(["Chapter", "Title", "Equations", "Verified", "Errata", "Definitions", "Not claims", "Unknown"],
                    counts, classes=["mc-concordance"], widths=[1, 4, 1, 1, 1, 1, 1, 1])]
    out.append(R.section("Matrix Cookbook (version of 15 November 2012)", "concordance-cookbook", *body))
    for c in summary:
        mine = [r for r in rows_all if r.chapter == c["chapter"]]
        rows = []
        for r in mine:
            what = (R.para(*_links([Site.cat.entries[i] for i in r.entries if i in Site.cat.entries]))
                    if r.entries else R.para(r.reason))
            rows.append([f"({r.eq})", r.section, r.status, what])
        share = (c["verified"] + c["erratum"]) / max(c["equations"], 1)
        out.append(R.section(f"Chapter {c['chapter']}: {c['title']}", f"concordance-chapter-{c['chapter']}",
                             R.para(f"Equations ({mine[0].eq})–({mine[-1].eq}): {c['verified']} verified, "
                                    f"{c['erratum']} errata, {c['definition']} definitions, {c['not-a-claim']} "
                                    f"not claims ({share:.0%} verified or erratum)."),
                             R.table(["Equation", "Section", "Status", "Entries, or the reason"], rows,
                                     classes=["mc-concordance"], widths=[1, 3, 1, 6])))
    ph = {}
    for r in Site.cat.entries.values():
        for x in r.references:
            if x.source == "parr-howard-2018":
                ph.setdefault(x.locator, []).append(r)
    rows = [[loc, R.para(*_links(rs))] for loc, rs in sorted(ph.items(), key=lambda kv: _section_key(kv[0]))]
    out.append(R.section("Parr & Howard, The Matrix Calculus You Need For Deep Learning", "concordance-parr-howard",
                         R.table(["Section", "Entries"], rows, classes=["mc-concordance"], widths=[3, 5])))
    return out


def backprop_rules():
    """Every AD rule with the frameworks' names for it, side by side: the linear-algebra primitives, then
    the deep-learning layers and losses, each in the order of its list in the model."""
    from identities.model import DL_PRIMITIVES, LINALG_PRIMITIVES, PRIMITIVES

    rules = sorted((r for r in Site.cat if r.kind == "ad_rule"),
                   key=lambda r: (PRIMITIVES.index(r.primitive) if r.primitive in PRIMITIVES else len(PRIMITIVES), r.id))
    out = []
    for title, anchor, group in (("Linear algebra", "backprop-linalg", LINALG_PRIMITIVES),
                                 ("Deep-learning layers and losses", "backprop-dl", DL_PRIMITIVES)):
        mine = [r for r in rules if r.primitive in group]
        rows = [[nodes.literal(r.primitive, r.primitive), R.para(R.xref(r.id), f" {r.title}")]
                + [nodes.literal(r.crosswalk.get(k, ""), r.crosswalk.get(k, "")) for k in ("pytorch", "jax")]
                for r in mine]
        missing = [p for p in group if p not in {r.primitive for r in mine}]
        body = [R.para(f"{len(mine)} rules for {len(group) - len(missing)} of the {len(group)} primitives.")]
        if rows:
            body.append(R.table(["Primitive", "Entry", "PyTorch", "JAX"], rows, classes=["mc-concordance", "mc-crosswalk"],
                                widths=[2, 5, 4, 4]))
        if missing:
            body.append(R.para("Not yet in the catalogue: " + ", ".join(missing) + "."))
        out.append(R.section(title, anchor, *body))
    return out


def _section_key(loc):
    return [int(n) for n in re.findall(r"\d+", loc.split()[0])] or [999]


def _links(records):
    out = []
    for k, r in enumerate(records):
        if k:
            out.append(nodes.Text("; "))
        out.append(R.xref(r.id))
        out.append(nodes.Text(f" {r.title}"))
    return out


def errata_page(docname):
    blocks = []
    refuted = 0
    for r in Site.cat.entries.values():
        if not r.errata:
            continue
        rep = Site.report(r) if r.live else None
        refuted += sum(e.refuted for e in (rep.errata if rep else []))
        blocks += erratum_blocks(r, rep, docname)
    intro = R.para(f"{len(blocks)} errata; {refuted} of them quote a printed formula that the verifier "
                   "shows wrong, with the instance that refutes it, while the corrected statement passes.")
    out = [R.section(f"Errata in the sources ({len(blocks)})", "errata-sources", intro, *blocks)] if blocks else \
        [R.para("No entry records an erratum yet.")]
    out.append(R.section("Where sympy disagrees", "errata-sympy", sympy_errata_placeholder()))
    return out


def vocabulary_table():
    from identities import assumptions as vocab

    rows = []
    for name in sorted(vocab.VOCABULARY):
        a = vocab.VOCABULARY[name]
        implied = ", ".join(sorted(vocab.closure({name}) - {name})) or "—"
        rows.append([nodes.literal(name, name), a.sentence.format(v="X"), ", ".join(a.kinds), implied])
    return [R.table(["Word", "Meaning", "Applies to", "Implies"], rows, classes=["mc-vocabulary"],
                    widths=[2, 6, 2, 3])]


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
