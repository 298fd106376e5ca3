"""Highlighting of the record sources shown on entry pages (``.. code-block:: mc-record``).

Pygments' Python lexer tries its rules one after another at every position, and inside a string
reads a few characters at a time so as to mark ``%s`` and ``{name}`` as format fields: the record
sources came to 366,000 tokens and 2.2 s of a build, and a record's LaTeX (``r"\\frac{\\partial}{X}"``)
had its ``{X}`` marked as a format field it is not. Here Python's own tokenizer splits the source
and each token gets the type Pygments' lexer gives it, except that a raw string, or a plain one
without escapes or format signs, is a single string. Sources using what is not mapped here
(definitions, imports, decorators, soft keywords) are lexed as Pygments lexes them, with the same
rule for strings.
"""
from __future__ import annotations

import io
import keyword
import re
import tokenize

from pygments.lexer import Lexer, bygroups, inherit
from pygments.lexers import PythonLexer
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text

ALIAS = "mc-record"

_BODY = {'"': r'[^"\\\n]*(?:\\.[^"\\\n]*)*', "'": r"[^'\\\n]*(?:\\.[^'\\\n]*)*"}  # a backslash takes the next character
_PLAIN = {'"': r'[^"\\\n%{]*', "'": r"[^'\\\n%{]*"}


def _whole(prefix: str, body: dict) -> list:
    return [(f"({prefix})({q})({body[q]})({q})", bygroups(String.Affix, kind, kind, kind))
            for q, kind in (('"', String.Double), ("'", String.Single))]


class WholeStringLexer(PythonLexer):
    """Pygments' Python lexer, with raw strings and plain strings without escapes or format signs
    taken whole."""
    name = "Python, strings whole"
    aliases = []
    filenames = []
    tokens = {"root": [*_whole("[rR]", _BODY), *_whole("[uU]?", _PLAIN), inherit]}

    def __init__(self, **options):
        options.setdefault("stripnl", False)  # as Sphinx's own Python lexer
        super().__init__(**options)


def _words(state: str, ttype) -> frozenset:
    return frozenset(w for rule in PythonLexer.tokens[state] if rule[1] is ttype for w in getattr(rule[0], "words", ()))


BUILTINS = _words("builtins", Name.Builtin)
EXCEPTIONS = _words("builtins", Name.Exception)
PSEUDO = frozenset({"self", "Ellipsis", "NotImplemented", "cls"})
MAGIC_FUNCTIONS = _words("magicfuncs", Name.Function.Magic)
MAGIC_VARIABLES = _words("magicvars", Name.Variable.Magic)
CONSTANTS = frozenset({"True", "False", "None"})
WORD_OPERATORS = frozenset({"in", "is", "and", "or", "not"})
KEYWORDS = frozenset(keyword.kwlist) - CONSTANTS - WORD_OPERATORS
# names Pygments lexes by context not mapped here: the whole source goes to WholeStringLexer
UNMAPPED = frozenset({"def", "class", "import", "from"})
SOFT_KEYWORDS = frozenset({"match", "case", "type"})  # keywords at the start of a line
PUNCTUATION = frozenset("()[]{},:;")
_PLAIN_STRING = re.compile(r'(?s)([uU]?)(["\'])([^"\'\\%{\n]*)\2\Z')
_RAW_STRING = re.compile(r'(?s)([rR])(["\'])(.*)\2\Z')
_GAP = re.compile(r"\n|\\\n|[^\S\n]+|.", re.S)


class _Unmapped(Exception):
    pass


class RecordLexer(Lexer):
    """Python, split by Python's tokenizer, with Pygments' token types (strings whole)."""
    name = "Catalogue record (Python)"
    aliases = [ALIAS]
    filenames = []

    def __init__(self, **options):
        options.setdefault("stripnl", False)
        super().__init__(**options)

    def get_tokens_unprocessed(self, text):
        try:
            tokens = list(self._tokens(text))
        except (_Unmapped, tokenize.TokenError, SyntaxError):
            yield from WholeStringLexer(**self.options).get_tokens_unprocessed(text)
            return
        yield from tokens

    @staticmethod
    def _tokens(text):
        lines = text.splitlines(keepends=True)
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line))
        pos = 0
        previous = None  # the previous token that is not layout
        line_start = True  # at the start of a statement
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            kind = tok.type
            if kind in (tokenize.ENDMARKER, tokenize.INDENT, tokenize.DEDENT):
                continue
            begin = starts[tok.start[0] - 1] + tok.start[1]
            end = starts[tok.end[0] - 1] + tok.end[1] if tok.end[0] <= len(lines) else len(text)
            if begin > pos:
                for m in _GAP.finditer(text, pos, begin):
                    gap = m.group()
                    yield m.start(), (Text.Whitespace if gap == "\n" else Text), gap
            value = text[begin:end]
            pos = max(pos, end)
            if not value:
                continue
            if kind in (tokenize.NEWLINE, tokenize.NL):
                yield begin, Text.Whitespace, value
                line_start = line_start or kind == tokenize.NEWLINE  # NL: inside brackets, or a blank line
                continue
            if kind == tokenize.COMMENT:
                yield begin, Comment.Single, value
                continue
            if kind == tokenize.NAME:
                if value in UNMAPPED or (line_start and value in SOFT_KEYWORDS):
                    raise _Unmapped(value)
                after_dot = previous is not None and previous.type == tokenize.OP and previous.string == "."
                if value in CONSTANTS:
                    ttype = Keyword.Constant
                elif value in WORD_OPERATORS:
                    ttype = Operator.Word
                elif value in KEYWORDS:
                    ttype = Keyword
                elif after_dot:
                    ttype = Name.Variable.Magic if value in MAGIC_VARIABLES else (
                        Name.Function.Magic if value in MAGIC_FUNCTIONS else Name)
                elif value in BUILTINS:
                    ttype = Name.Builtin
                elif value in PSEUDO:
                    ttype = Name.Builtin.Pseudo
                elif value in EXCEPTIONS:
                    ttype = Name.Exception
                elif value in MAGIC_FUNCTIONS:
                    ttype = Name.Function.Magic
                elif value in MAGIC_VARIABLES:
                    ttype = Name.Variable.Magic
                else:
                    ttype = Name
                yield begin, ttype, value
            elif kind == tokenize.NUMBER:
                yield begin, _number(value), value
            elif kind == tokenize.STRING:
                yield from _string(begin, value)
            elif kind == tokenize.OP:
                if value == "@" and line_start:
                    raise _Unmapped(value)  # a decorator
                yield begin, (Punctuation if value in PUNCTUATION else Operator), value
            else:
                raise _Unmapped(value)  # ERRORTOKEN and the like
            previous = tok
            line_start = False
        if pos < len(text):
            for m in _GAP.finditer(text, pos):
                gap = m.group()
                yield m.start(), (Text.Whitespace if gap == "\n" else Text), gap


def _number(value: str):
    v = value.lower()
    if v.startswith("0x"):
        return Number.Hex
    if v.startswith("0o"):
        return Number.Oct
    if v.startswith("0b"):
        return Number.Bin
    if "." in v or "e" in v or v.endswith("j"):
        return Number.Float
    return Number.Integer


def _string(begin: int, value: str):
    for pattern in (_RAW_STRING, _PLAIN_STRING):
        m = pattern.match(value)
        if m and "\n" not in value:
            prefix, quote, body = m.groups()
            kind = String.Double if quote == '"' else String.Single
            if prefix:
                yield begin, String.Affix, prefix
            yield begin + len(prefix), kind, quote + body + quote
            return
    # escapes, format signs, f-strings, triple quotes: as Pygments marks them
    for i, ttype, v in WholeStringLexer().get_tokens_unprocessed(value):
        yield begin + i, ttype, v


def setup(app):
    app.add_lexer(ALIAS, RecordLexer)
