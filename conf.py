"""Sphinx configuration of the site. Build: `make html` (sphinx-build -c . docs _build/html)."""
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

import identities  # noqa: E402
from identities.site import collect_no_cycles_while_building  # noqa: E402

# before the extensions load: a command-line build runs without the cycle collector from here on
collect_no_cycles_while_building()

# the tutorials' kernels import the catalogue from this checkout
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

# nbsphinx needs pandoc; pypandoc-binary ships one, so nothing is installed system-wide
try:
    import pypandoc

    os.environ["PATH"] = os.path.dirname(pypandoc.get_pandoc_path()) + os.pathsep + os.environ["PATH"]
except (ImportError, OSError):
    pass

project = "The Tested Matrix Calculus Cookbook"
author = "The Tested Matrix Calculus Cookbook contributors"
copyright = "2026, " + author
version = release = identities.__version__

extensions = [
    "identities.site.mathml",
    "nbsphinx",
    "identities.site",
]

mc_site = True  # this is the catalogue's own site: generate its pages (identities/site/)
# Where the site is published: the permanent URLs in every cite box start here.
html_baseurl = os.environ.get("MC_BASEURL", "https://tested-matrix-calculus-cookbook.org/")
mc_catalogue_dir = os.environ.get("MC_CATALOGUE_DIR", "")   # a synthetic catalogue, for the scale benchmark

exclude_patterns = ["_build", "**.ipynb_checkpoints"]
smartquotes = False  # record text is shown exactly as written (titles are copied into citations)
templates_path = ["docs/_templates"]
html_static_path = ["docs/_static"]
html_css_files = ["mc.css"]
html_js_files = ["mc.js"]

# the search page runs pagefind (Sphinx's own index is switched off by identities.site)
html_additional_pages = {"search": "search.html"}
html_theme = "sphinx_book_theme"
html_title = "Tested Matrix Calculus Cookbook"
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None  # pages must not carry build times: builds are reproducible
html_theme_options = {
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "home_page_in_toc": True,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "navigation_with_keys": False,
    "search_bar_text": "Search identities…",
}
# The default sidebar embeds the whole navigation tree in every page, so the build grows with
# the square of the page count. A fixed list of topics keeps each page's sidebar constant.
html_sidebars = {"**": ["navbar-logo.html", "search-button-field.html", "mc-topics.html"]}

# Math becomes MathML at build time (Temml, under node: identities/site/mathml.py), so formulas show without
# JavaScript and without any CDN; the stylesheet and the font are copied from node_modules.
html_math_renderer = "mathml"

# The tutorials run in one kernel beside the readers (identities/site/tutorials.py) and reach
# nbsphinx executed; nbsphinx executes a tutorial only where that runner has no result for it.
nbsphinx_custom_formats = {".ipynb": "identities.site.tutorials.executed"}
nbsphinx_execute = "never"
nbsphinx_requirejs_path = ""  # no widgets here, and nothing may load from a CDN
nbsphinx_timeout = 120
nbsphinx_allow_errors = False

suppress_warnings = []
