"""The site build's shortcuts around Sphinx (identities/site/__init__.py) keep what Sphinx would do:
every page read once, tutorials in the runner's order, and each page's own docutils settings."""
import sphinx.util.docutils as sd
from docutils.readers import standalone
from sphinx.parsers import RSTParser

from identities import site


def test_reading_chunks_deal_every_page_once_with_the_tutorials_last_in_order():
    pages = [f"id/{i:03d}" for i in range(10)] + ["index", "tutorials/b", "tutorials/a"]
    tutorials = ["tutorials/b", "tutorials/a"]
    chunks = site.reading_chunks(pages, tutorials, 3)
    assert len(chunks) == 3
    dealt = [d for c in chunks for d in c]
    assert sorted(dealt) == sorted(pages)
    # in turn: the i-th page goes to reader i mod 3, the tutorials after every other page
    order = [d for d in pages if d not in tutorials] + tutorials
    assert [chunks[i % 3][i // 3] for i in range(len(order))] == order
    assert site.reading_chunks(["a", "b"], [], 4) == [["a"], ["b"]]


def test_each_page_gets_settings_of_its_own():
    saved = sd._get_settings
    try:
        site._settings_made_once()
        assert sd._get_settings is not saved
        env = object()
        args = dict(defaults={"traceback": True, "env": env}, read_config_files=True)
        one = sd._get_settings(standalone.Reader, RSTParser(), **args)
        two = sd._get_settings(standalone.Reader, RSTParser(), **args)
        fresh = saved(standalone.Reader, RSTParser(), **args)
        assert one is not two
        assert {k: repr(v) for k, v in vars(one).items()} == {k: repr(v) for k, v in vars(fresh).items()}
        one.record_dependencies.add("a.rst")  # Sphinx reads these back as the page's dependencies
        one._config_files.append("x")
        assert two.record_dependencies.list == [] and two._config_files == []
        assert one.env is env
        other = sd._get_settings(standalone.Reader, RSTParser(), defaults={"traceback": False, "env": env},
                                 read_config_files=True)
        assert other.traceback is False  # other defaults, other settings
    finally:
        sd._get_settings = saved


def test_one_formatter_per_set_of_options_highlights_as_a_fresh_one():
    from types import SimpleNamespace

    from sphinx.highlighting import PygmentsBridge

    fresh = PygmentsBridge("html")
    builder = SimpleNamespace(highlighter=PygmentsBridge("html"))
    site._formatters_made_once(builder)
    shared = builder.highlighter
    assert shared.get_formatter(linenos=False) is shared.get_formatter(linenos=False)
    assert shared.get_formatter(linenos=False, hl_lines=[2]) is not shared.get_formatter(linenos=False)
    blocks = ['x = r"\\frac{a}{b}"\n', "def f(y):\n    return y @ y.T\n", "print(1)\n"]
    for _ in range(2):
        for code in blocks:
            for opts in ({"linenos": False}, {"linenos": False, "hl_lines": [1]}):
                assert shared.highlight_block(code, "python", **opts) == fresh.highlight_block(code, "python", **opts)


def test_the_page_toc_written_once_reads_as_the_theme_s_tree():
    from bs4 import BeautifulSoup

    tree = BeautifulSoup('<ul class="nav"><li><a href="#a">A</a></li><li><a href="#b">B</a></li></ul>',
                         "html.parser").find("ul")
    shown = site._ShownToc(tree)
    assert shown == str(tree) and f"{shown}" == str(tree)
    assert len(shown) == len(tree) == 2 and bool(shown)
    empty = BeautifulSoup("<ul></ul>", "html.parser").find("ul")
    assert len(site._ShownToc(empty)) == 0 and bool(site._ShownToc(empty)) is bool(empty)


def test_a_title_rendered_once_renders_as_sphinx_renders_it():
    from types import SimpleNamespace

    from docutils import nodes

    calls = []

    def render(node):
        calls.append(node)
        return {"title": node.astext().upper(), "fragment": ""}

    builder = SimpleNamespace(render_partial=render)
    site._titles_rendered_once(builder)
    a, b = nodes.title("", "First page"), nodes.title("", "Second page")
    first = builder.render_partial(a)
    first["title"] = "changed by a caller"
    assert builder.render_partial(a) == {"title": "FIRST PAGE", "fragment": ""}
    assert builder.render_partial(b)["title"] == "SECOND PAGE"
    toc = nodes.bullet_list()
    builder.render_partial(toc)
    builder.render_partial(toc)  # a table of contents is the page's own: rendered each time
    assert calls == [a, b, toc, toc]


def _toc(title: str, name: str, sections: list[str]) -> str:
    items = "".join(f'<li><a class="reference internal" href="#mc-{name}-{s.lower().replace(" ", "-")}">{s}</a></li>\n'
                    for s in sections)
    return (f'<ul>\n<li><a class="reference internal" href="#">{title}</a><ul>\n{items}</ul>\n</li>\n</ul>\n'
            if sections else f'<ul>\n<li><a class="reference internal" href="#">{title}</a></li>\n</ul>\n')


def test_a_page_toc_shown_from_another_page_s_pattern_reads_as_the_theme_s_own():
    from types import SimpleNamespace

    from pydata_sphinx_theme import toctree

    site._toc_written_once()
    shared, theirs = toctree.add_toctree_functions, toctree.add_toctree_functions.original
    app = SimpleNamespace(config=SimpleNamespace(mc_site=True))
    usual = ["Variables and assumptions", "Derivation", "How it is verified", "Cite this"]
    pages = [("id/GWJ1", _toc("Gradient of tr(XA)", "gwj1", usual)),
             ("id/K7Q2", _toc("Jacobi &amp; the determinant", "k7q2", usual)),  # same pattern
             ("id/A1B2", _toc("Another", "a1b2", usual[:2])),  # other sections
             ("id/C3D4", _toc("Mentions c3d4", "c3d4", ["On c3d4 itself", "Derivation"])),  # name outside anchors
             ("id/E5F6", _toc("No sections", "e5f6", [])),
             ("index", '<ul>\n<li><a class="reference internal" href="#">One</a></li>\n'
                       '<li><a class="reference internal" href="#two">Two</a></li>\n</ul>\n'),  # two headings
             ("about", '<ul>\n<li><a class="reference internal" href="#">Uno</a></li>\n'
                       '<li><a class="reference internal" href="#two">Two</a></li>\n</ul>\n'),  # ... shown both
             ("id/GWJ1", _toc("Gradient of tr(XA)", "gwj1", usual))]
    for _ in range(2):
        for pagename, toc in pages:
            mine, own = {"toc": toc, "theme_show_toc_level": 1}, {"toc": toc, "theme_show_toc_level": 1}
            shared(app, pagename, "page.html", mine, None)
            theirs(app, pagename, "page.html", own, None)
            got, want = mine["generate_toc_html"](), own["generate_toc_html"]()
            assert str(got) == str(want), pagename
            assert len(got) == len(want) and bool(got) == bool(want), pagename
            assert str(mine["generate_toc_html"]("raw")) == str(own["generate_toc_html"]("raw"))
    assert site._TOCS_SHOWN  # the shared pattern was kept
    assert all("c3d4" not in text and "Gradient" not in text for text, _ in site._TOCS_SHOWN.values())


def test_only_a_command_line_build_runs_without_the_cycle_collector(monkeypatch):
    import gc
    import sys

    assert gc.isenabled()
    try:
        site.collect_no_cycles_while_building()  # under pytest: a process that goes on after the build
        assert gc.isenabled()
        monkeypatch.setattr(sys, "argv", ["/usr/bin/sphinx-build", "docs", "out"])
        site.collect_no_cycles_while_building()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_records_are_verified_with_the_cycle_collector_on_whatever_the_build_does(monkeypatch):
    import gc

    from identities import runner

    # the worker's verify, replaced before the fork: it reports whether the worker collects
    monkeypatch.setattr(runner, "verify", lambda record, **options: gc.isenabled())
    gc.disable()
    try:
        worker = runner._Worker(["a record"], {})
        try:
            assert worker.run(0, 30) is True
        finally:
            worker.stop()
    finally:
        gc.enable()
