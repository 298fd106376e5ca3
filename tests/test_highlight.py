"""The record-source lexer (identities/site/highlight.py): Pygments' Python highlighting, made by
Python's tokenizer, with strings whole."""
import re

import pytest
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer
from pygments.token import String

from identities.catalogue import load
from identities.site import render as R
from identities.site.highlight import RecordLexer, WholeStringLexer

FORMATTER = HtmlFormatter()


@pytest.fixture(scope="module")
def sources():
    return {r.id: R.record_source(r) for r in load().entries.values() if R.record_source(r)}


def _complex_whole(html: str) -> str:
    # Pygments splits 2j into the number 2 and the name j; Python's tokenizer reads one number
    return re.sub(r'<span class="mi">(\d+)</span><span class="n">j</span>', r'<span class="mf">\1j</span>', html)


def test_every_record_source_is_highlighted_as_pygments_does(sources):
    assert len(sources) > 700
    for entry_id, src in sources.items():
        ours = highlight(src, RecordLexer(), FORMATTER)
        assert "".join(v for _, v in RecordLexer().get_tokens(src)).rstrip("\n") == src.rstrip("\n"), entry_id
        assert ours == _complex_whole(highlight(src, WholeStringLexer(), FORMATTER)), entry_id


def test_latex_in_a_raw_string_is_one_string_not_format_fields():
    src = 'Derivative(latex=r"\\frac{\\partial}{\\partial X} = {X}^{-1}", n=2)\n'
    ours = list(RecordLexer().get_tokens(src))
    assert (String.Double, '"\\frac{\\partial}{\\partial X} = {X}^{-1}"') in ours
    assert not any(t is String.Interpol for t, _ in ours)
    assert any(t is String.Interpol for t, _ in PythonLexer().get_tokens(src))  # what it mends


def test_what_is_not_mapped_is_lexed_as_pygments_does():
    for src in ('def f(x):\n    return "%s" % x\n', '@decorator\nclass A:\n    pass\n',
                'import numpy as np\n', 'match x:\n    case 1:\n        pass\n',
                'y = (1,\n     2)\n# c\nmatch y:\n    case _:\n        pass\n', 'x = "unterminated\n',
                'f"{a!r:>10}" + b"\\x00" + """doc\nstring"""\n'):
        assert list(RecordLexer().get_tokens(src)) == list(WholeStringLexer().get_tokens(src)), src


def test_escapes_and_format_fields_of_plain_strings_are_kept():
    src = 'x = "a\\tb {name} %d" + r"\\t"\n'
    ours = list(RecordLexer().get_tokens(src))
    assert (String.Escape, "\\t") in ours and (String.Interpol, "{name}") in ours and (String.Interpol, "%d") in ours
    assert (String.Double, '"\\t"') in ours  # raw: no escape


SNIPPETS = [
    'Derivative(\n    id="AB12",  # a comment\n    f=lambda X: np.trace(X.T @ X) + 1e-3 * 2j - 0x1F + 1_000,\n)\n',
    'x = [1,\n     2]\nif x:\n    y = x.shape\n  # a comment at an odd column\n    z = (y\n  )\nw = u"a" + rb\'\\\\b\' + "c\\"d" + \'%s {x}\'\n',
    'match = 1\nmatch (x)\n',  # a soft keyword at a statement's start: lexed as Pygments lexes it
    '@decorator\nf(x)\n', 'a @ b\n', 'x = 1 \\\n    + 2\n', 'if x:\n        y\n    z\n',  # inconsistent dedent
    'f"{x}"\n', "'''doc'''\n", 'x = "a" "b"\n', 'x = "a\\\nb"\n', '\tx = 1\n', 'x = 1\r\n', 'x = (1\n',
    'x = 1)\n', 'x = $\n', 'x = 1', 'ok = x.__class__ and self.__init__ or None is True\n', 'import numpy as np\n',
]


@pytest.mark.parametrize("src", SNIPPETS)
def test_the_one_regex_scanner_gives_the_tokenizer_s_tokens_or_hands_the_source_on(src):
    from identities.site.highlight import _Slow, _Unmapped

    def tokens(read):
        try:
            return list(read(src))
        except _Unmapped as exc:
            return f"unmapped {exc}"
        except (SyntaxError, __import__("tokenize").TokenError) as exc:
            return type(exc).__name__
    try:
        scanned = tokens(RecordLexer._scanned)
    except _Slow:
        scanned = None
    if scanned is not None:
        assert scanned == tokens(RecordLexer._tokens)
    assert highlight(src, RecordLexer(), FORMATTER) == _complex_whole(highlight(src, WholeStringLexer(), FORMATTER))


def test_every_record_source_is_read_by_the_one_regex_scanner_as_the_tokenizer_reads_it(sources):
    from identities.site.highlight import _Slow

    scanned = 0
    for entry_id, src in sources.items():
        try:
            ours = list(RecordLexer._scanned(src))
        except _Slow:
            continue
        scanned += 1
        assert ours == list(RecordLexer._tokens(src)), entry_id
    assert scanned > 0.9 * len(sources)
