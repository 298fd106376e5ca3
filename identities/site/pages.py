"""The site's files besides its pages: the search normaliser's tables for the search box, sitemap.xml,
and the page a server shows for an address that does not exist (404.html)."""
from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urlparse
from xml.sax.saxutils import escape

from identities import search

# Pages that are not content: searching, and the page for a missing address
NOT_CONTENT = {"search", "404", "genindex"}


def write_search_spec(outdir) -> None:
    """The tables of identities.search's normaliser, read by docs/_static/mc-search.js, so that the
    search box reads a query exactly as ``python -m identities search`` does."""
    path = Path(outdir) / "_static" / "mc-search-spec.js"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"window.MC_SEARCH_SPEC = {search.spec_json()};\n", encoding="utf-8")


def write_sitemap(app) -> None:
    """Every page's permanent address, in a fixed order (two builds of one commit are identical)."""
    base = app.config.html_baseurl.rstrip("/") + "/"
    docs = sorted(d for d in app.env.found_docs if d not in NOT_CONTENT)
    urls = "".join(f"  <url><loc>{escape(base + app.builder.get_target_uri(d))}</loc></url>\n" for d in docs)
    (Path(app.outdir) / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n", encoding="utf-8")


def topics_nav(app, pagename, templatename, context, doctree):
    """The sidebar's topics and guide (mc-topics-nav.html), rendered once for all the entry pages:
    its links are relative, the same from every page of a folder, and no entry page is one of them
    (the theme renders each sidebar template twice a page, once to see whether it is empty). Other
    pages have their own, where a link to the page itself is "#". Before the theme's handlers,
    which render the sidebar (priority 400 < 500)."""
    if not app.config.mc_site:
        return
    made = app.builder.__dict__.setdefault("_mc_topics_nav", {})
    shared = pagename.startswith("id/")
    key = (posixpath.dirname(pagename), context["pathto"]("index"), None if shared else pagename)
    if key not in made:
        made[key] = app.builder.templates.render("mc-topics-nav.html", context)
    context["mc_topics_nav"] = made[key]


def not_found_page(app):
    """404.html: served for any address, so its links start from the site's root (a <base> element)."""
    if not app.config.mc_site:
        return
    root = urlparse(app.config.html_baseurl).path or "/"
    yield "404", {"title": "Page not found", "mc_site_root": root.rstrip("/") + "/"}, "404.html"
