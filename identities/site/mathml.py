"""Math rendered to MathML at build time, by Temml (mathml-server.js beside this file, run by node).

Browsers draw MathML themselves, so formulas show without JavaScript, without a CDN, and are read
by screen readers; the page carries no second, visual copy of each formula (KaTeX's HTML, which
doubled the size of an entry page). The font, STIX Two Math, is served by the site itself.

Every page of a parallel build is written by a forked worker. The main process starts one node
server before any fork; each worker opens its own connection to it after the fork (two processes
writing to one inherited connection would read each other's answers).
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from docutils import nodes
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

from identities.latex import node_modules

SERVER = Path(__file__).with_name("mathml-server.js")


TEMML = node_modules() / "temml"
STATIC = "mathml"  # the subdirectory of _static holding the stylesheet and font
logger = logging.getLogger(__name__)


class MathMLError(Exception):
    pass


class Server:
    """The node process and this process's connection to it."""

    current: Server | None = None

    def __init__(self):
        node = shutil.which("node")
        if node is None:
            raise MathMLError("node is not installed: the site's math is rendered by Temml under node")
        if not (TEMML / "dist" / "temml.cjs").exists():
            raise MathMLError("node_modules/temml is missing: run `npm ci` (make html does it)")
        self.rundir = Path(tempfile.mkdtemp(prefix="mc-mathml-"))
        self.path = self.rundir / "mathml.sock"
        self.owner = os.getpid()
        self.rendered: dict = {}
        self.process = subprocess.Popen([node, str(SERVER), str(self.path)], stdin=subprocess.PIPE,
                                        env={**os.environ, "MC_NODE_MODULES": str(node_modules())})
        self.connect()

    def connect(self):
        # the socket file appears when node binds it, a moment before it listens
        deadline = time.monotonic() + 10
        while True:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.connect(str(self.path))
                break
            except (FileNotFoundError, ConnectionRefusedError):
                sock.close()
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.close()
                    raise MathMLError("the MathML server (node identities/site/mathml-server.js) did not start") from None
                time.sleep(0.005)
        self.sock, self.stream = sock, sock.makefile("rwb")

    def render(self, tex: str, display: bool) -> str:
        # a formula shows on its entry page, its topic page, the print page...: 7,620 renders of
        # 3,010 formulas in a build. Temml's output depends on the TeX and the mode alone.
        key = (tex, display)
        if key not in self.rendered:
            self.rendered[key] = self._render(tex, display)
        return self.rendered[key]

    def _render(self, tex: str, display: bool) -> str:
        self.stream.write(json.dumps({"tex": tex, "display": display}).encode() + b"\n")
        self.stream.flush()
        line = self.stream.readline()
        if not line:
            raise MathMLError("the MathML server (node) stopped")
        answer = json.loads(line)
        if "error" in answer:
            raise MathMLError(answer["error"])
        return answer["mathml"]

    def close(self):
        if os.getpid() != self.owner:
            return
        if self.process.stdin:
            self.process.stdin.close()  # the server exits when its stdin closes
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.rundir, ignore_errors=True)

    @classmethod
    def start(cls) -> Server:
        if cls.current is None:
            import atexit

            cls.current = cls()
            atexit.register(cls.current.close)
        return cls.current

    @classmethod
    def after_fork(cls):
        if cls.current is not None:
            # a worker's own connection; the inherited one stays unused
            try:
                cls.current.connect()
            except MathMLError:
                # then the worker starts a server of its own on its first formula (it exits with
                # the worker, whose exit closes its stdin) rather than share the parent's connection
                cls.current = None


os.register_at_fork(after_in_child=Server.after_fork)


def _render(self, node, display: bool) -> str:
    tex = node.astext()
    try:
        return Server.start().render(tex, display)
    except MathMLError as e:
        # a warning, which the tests' -W build turns into a failure, naming the page and line
        logger.warning("LaTeX that Temml cannot render: %s (%s)", tex, e, location=node, type="mathml")
        return f'<span class="mc-math-error">{self.encode(tex)}</span>'


def html_visit_math(self, node):
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(_render(self, node, display=False))
    self.body.append("</span>")
    raise nodes.SkipNode


def html_visit_displaymath(self, node):
    # data-latex (escaped by starttag) is what the "Copy LaTeX" button copies (docs/_static/mc.js)
    extra = {"data-latex": node["copy_latex"]} if node.get("copy_latex") is not None else {}
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight", **extra))
    if node["number"]:
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    self.body.append(_render(self, node, display=True))
    self.body.append("</div>\n")
    raise nodes.SkipNode


ASSETS = [("temml/dist/Temml-STIX2.css", "Temml-STIX2.css"), ("temml/LICENSE", "LICENSE-Temml.txt"),
          ("@fontsource/stix-two-math/files/stix-two-math-latin-400-normal.woff2", "STIXTwoMath.woff2"),
          ("@fontsource/stix-two-math/LICENSE", "LICENSE-STIX-Two-Math.txt")]


def config_inited(app, config):
    """Temml's stylesheet and the STIX Two Math font (with both licences) are staged beside the
    output and served from _static/mathml. Staged here, before Sphinx compares the configuration
    with the last build's, the static path is the same in every build."""
    staging = Path(app.outdir).parent / "_mathml_static"
    target = staging / STATIC
    target.mkdir(parents=True, exist_ok=True)
    for source, name in ASSETS:
        path = node_modules() / source
        if not path.exists():
            raise MathMLError(f"node_modules/{source} is missing: run `npm ci` (make html does it)")
        if not (target / name).exists() or (target / name).read_bytes() != path.read_bytes():
            shutil.copyfile(path, target / name)
    config.html_static_path = [*config.html_static_path, str(staging)]


def builder_inited(app):
    if app.builder.format == "html":
        app.add_css_file(f"{STATIC}/Temml-STIX2.css")
        Server.start()  # before the parallel writers fork


def setup(app):
    app.add_html_math_renderer("mathml", (html_visit_math, None), (html_visit_displaymath, None))
    app.connect("config-inited", config_inited)
    app.connect("builder-inited", builder_inited)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
