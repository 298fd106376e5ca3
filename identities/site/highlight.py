"""Highlighting of the record sources shown on entry pages (``.. code-block:: mc-record``).

Pygments' Python lexer tries its rules one after another at every position, and inside a string
reads a few characters at a time so as to mark ``%s`` and ``{name}`` as format fields: the record
sources came to 366,000 tokens and 2.2 s of a build, and a record's LaTeX (``r"\\frac{\\partial}{X}"``)
had its ``{X}`` marked as a format field it is not. Here the source is split as Python's own tokenizer
splits it (by one regex where the source allows, else by the tokenizer itself) and each token gets
the type Pygments' lexer gives it, except that a raw string, or a plain one
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


class _Slow(Exception):
    """The source holds what the one-regex scanner leaves to Python's tokenizer."""


# One pass of one regex over the whole source, for the Python records are written in: names,
# numbers, single-line strings without f, operators, comments and layout. Python's tokenizer reads
# the same source a token at a time, 4 us a token. Anything else (triple quotes, f-strings, a
# backslash before a string's line break, tabs in indentation, odd characters) goes to the tokenizer.
_SCAN = re.compile("|".join([
    r"(?P<nl>\n)", r"(?P<ws>[^\S\n]+)", r"(?P<cont>\\\n)", r"(?P<comment>#[^\r\n]*)",
    rf"(?P<number>{tokenize.Number})",
    r"""(?P<string>(?:[rR][bB]?|[bB][rR]?|[uU])?(?:'[^'\\\n]*(?:\\[^\n][^'\\\n]*)*'|"[^"\\\n]*(?:\\[^\n][^"\\\n]*)*"))""",
    rf"(?P<op>{tokenize.Special})", r"(?P<name>\w+)", r"(?P<other>.)"]), re.S)
_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")
_HANDED_ON = ("\t", "\r", "\f", "'''", '"""')


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
            try:
                tokens = list(self._scanned(text))
            except _Slow:
                tokens = list(self._tokens(text))
        except (_Unmapped, tokenize.TokenError, SyntaxError):
            yield from WholeStringLexer(**self.options).get_tokens_unprocessed(text)
            return
        yield from tokens

    @staticmethod
    def _scanned(text):
        """The tokens ``_tokens`` gives, read by one regex (raises _Slow where it cannot)."""
        if any(s in text for s in _HANDED_ON):
            raise _Slow
        depth = 0
        indents = [0]
        new_line = True  # at a line that begins a statement (not inside brackets, not continued)
        line_start = True
        after_dot = False
        for m in _SCAN.finditer(text):
            kind, value, begin = m.lastgroup, m.group(), m.start()
            if new_line and kind not in ("nl", "ws", "comment"):
                # the line's indentation, checked as the tokenizer checks it
                column = begin - (text.rfind("\n", 0, begin) + 1)
                if column > indents[-1]:
                    indents.append(column)
                while column < indents[-1]:
                    indents.pop()
                if column != indents[-1]:
                    raise _Slow
                new_line = False
            if kind == "nl":
                yield begin, Text.Whitespace, value
                if depth == 0:
                    line_start = new_line = True
                continue
            if kind == "ws":
                yield begin, Text, value
                continue
            if kind == "comment":
                yield begin, Comment.Single, value
                continue
            if kind == "cont":
                yield begin, Text, value
                continue
            if kind == "name":
                if text.startswith(("'", '"'), m.end()):
                    raise _Slow  # a prefix the scanner does not read (f-strings)
                if value in UNMAPPED or (line_start and value in SOFT_KEYWORDS):
                    raise _Unmapped(value)
                yield begin, _name(value, after_dot), value
            elif kind == "number":
                yield begin, _number(value), value
            elif kind == "string":
                if text.startswith(("'", '"'), m.end()):
                    raise _Slow  # strings side by side, as the tokenizer splits them
                yield from _string(begin, value)
            elif kind == "op":
                if value == "@" and line_start:
                    raise _Unmapped(value)  # a decorator
                if value in _OPEN:
                    depth += 1
                elif value in _CLOSE:
                    depth -= 1
                    if depth < 0:
                        raise _Slow
                yield begin, (Punctuation if value in PUNCTUATION else Operator), value
            else:
                raise _Slow
            after_dot = kind == "op" and value == "."
            line_start = False
        if depth:
            raise _Slow

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
                yield begin, _name(value, after_dot), value
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


def _name(value: str, after_dot: bool):
    if value in CONSTANTS:
        return Keyword.Constant
    if value in WORD_OPERATORS:
        return Operator.Word
    if value in KEYWORDS:
        return Keyword
    if after_dot:
        return Name.Variable.Magic if value in MAGIC_VARIABLES else (
            Name.Function.Magic if value in MAGIC_FUNCTIONS else Name)
    if value in BUILTINS:
        return Name.Builtin
    if value in PSEUDO:
        return Name.Builtin.Pseudo
    if value in EXCEPTIONS:
        return Name.Exception
    if value in MAGIC_FUNCTIONS:
        return Name.Function.Magic
    if value in MAGIC_VARIABLES:
        return Name.Variable.Magic
    return Name


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
