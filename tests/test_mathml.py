"""identities.site.mathml on its own: a small project with math, built with and without -W."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not (ROOT / "node_modules" / "temml").exists(),
    reason="node or node_modules/temml missing (make test installs node_modules with npm ci)")


def _build(tmp_path, body, *flags):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nextensions = ['identities.site.mathml']\n"
                                 "html_math_renderer = 'mathml'\n")
    (src / "index.rst").write_text("Math\n====\n\n" + body + "\n")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", *flags, str(src), str(out)],
                          capture_output=True, text=True, timeout=300)
    page = (out / "index.html").read_text() if (out / "index.html").exists() else ""
    return proc, page


def test_formulas_become_mathml_and_text_in_them_is_escaped(tmp_path):
    proc, page = _build(tmp_path, "Inline :math:`\\frac{a}{b}`.\n\n.. math::\n\n   x = \\text{<script>alert(1)</script>}\n",
                        "-W")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert '<span class="math notranslate nohighlight"><math><mfrac>' in page
    assert '<math display="block"' in page
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    assert (tmp_path / "out" / "_static" / "mathml" / "STIXTwoMath.woff2").stat().st_size > 100_000


def test_latex_temml_cannot_render_fails_the_build_and_names_the_page(tmp_path):
    body = "Fine :math:`x^2`.\n\n.. math::\n\n   \\vecc{a}\n\nA link :math:`\\href{javascript:alert(1)}{x}`.\n"
    proc, _ = _build(tmp_path, body, "-W", "--keep-going")
    assert proc.returncode != 0
    assert "index.rst" in proc.stderr and "\\vecc{a}" in proc.stderr and "\\href" in proc.stderr, proc.stderr


def test_without_w_a_bad_formula_shows_as_escaped_text(tmp_path):
    proc, page = _build(tmp_path, "A link :math:`\\href{javascript:alert(1)}{<b>x</b>}`.\n")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert '<span class="mc-math-error">\\href{javascript:alert(1)}{&lt;b&gt;x&lt;/b&gt;}</span>' in page
    assert "<a " not in page.split('class="mc-math-error"')[1].split("</span>")[0]


def test_a_statement_that_opens_with_definitions_is_shown_on_two_lines():
    from identities.site.render import display_latex

    assert display_latex(r"h = \tanh(x):\quad \frac{\partial h}{\partial x} = 1 - h^2") == \
        r"\begin{gathered}h = \tanh(x): \\ \frac{\partial h}{\partial x} = 1 - h^2\end{gathered}"
    for unchanged in (r"\frac{\partial}{\partial X}\operatorname{tr}(X) = I",   # no definitions
                      r"\left(a:\quad b\right)",                                # the break would split a group
                      r"{a:\quad b}"):
        assert display_latex(unchanged) == unchanged


def test_a_formula_is_sent_to_temml_once_per_mode():
    from identities.site.mathml import MathMLError, Server

    server = Server()
    sent = []
    send = server._render
    server._render = lambda tex, display: sent.append((tex, display)) or send(tex, display)
    try:
        inline = server.render("x^{\\top}", False)
        assert server.render("x^{\\top}", False) == inline
        block = server.render("x^{\\top}", True)
        assert block != inline and 'display="block"' in block
        for _ in range(2):  # an error is not kept: each time, the build is told
            with pytest.raises(MathMLError):
                server.render("\\frac{", True)
    finally:
        server.close()
    assert sent == [("x^{\\top}", False), ("x^{\\top}", True), ("\\frac{", True), ("\\frac{", True)]


def test_the_server_answers_a_repeated_formula_as_it_first_did_on_every_connection():
    # each forked reader has its own connection; the server keeps what it rendered for all of them
    from identities.site.mathml import MathMLError, Server

    server = Server()
    try:
        first = {(tex, d): server._render(tex, d) for tex in ("x^{\\top}", "\\frac{a}{b}") for d in (False, True)}
        server.connect()  # a second connection, as another reader's
        for (tex, d), mathml in first.items():
            assert server._render(tex, d) == mathml
        assert first[("x^{\\top}", False)] != first[("x^{\\top}", True)]
        for _ in range(2):  # a formula Temml rejects is rejected again, not answered from the cache
            with pytest.raises(MathMLError, match="end of input"):
                server._render("\\frac{", True)
        assert server._render("y", False).startswith("<math")
    finally:
        server.close()
