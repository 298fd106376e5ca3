"""Bad records, tried on purpose: each gets a clear error naming file, id and field, exits
non-zero, and never stops the other records from being verified."""
import subprocess
import sys
from pathlib import Path

import pytest

from identities import load_file, verify
from identities.audit import tautology_problems

ROOT = Path(__file__).resolve().parents[1]

HEADER = """\
import numpy as np
from identities import Derivative, Equality, Matrix, Vector, Scalar, cookbook, ref
"""

# A correct record placed in every file: it must still be verified.
GOOD = """
Derivative(
    id="GD01", title="Gradient of tr(XA)", latex=r"\\frac{\\partial}{\\partial X}\\operatorname{tr}(XA) = A^{\\top}",
    variables={"X": Matrix("n", "m"), "A": Matrix("m", "n")}, wrt="X", layout="denominator",
    f=lambda X, A: np.trace(X @ A), claimed=lambda X, A: A.T, references=[cookbook(100)], aliases=["trace"],
)
"""


def record(**changes):
    fields = {
        "id": '"BD01"', "title": '"Gradient of aᵀx"', "latex": r'r"\frac{\partial a^{\top}x}{\partial x} = a"',
        "variables": '{"a": Vector("n"), "x": Vector("n")}', "wrt": '"x"', "layout": '"denominator"',
        "f": "lambda a, x: a @ x", "claimed": "lambda a, x: a", "references": "[cookbook(69)]",
        "aliases": '["linear form"]',
    }
    fields.update(changes)
    body = ",\n    ".join(f"{k}={v}" for k, v in fields.items() if v is not None)
    return f"\nDerivative(\n    {body},\n)\n"


CASES = {
    # name: (record source, expected field, expected code)
    "missing field": (record(latex=None), "latex", "MC001"),
    "misspelt field": (record(aliases=None, alias='["x"]'), "alias", "MC001"),
    "unknown assumption": (record(variables='{"a": Vector("n"), "x": Vector("n", "postive")}'),
                           "variables['x']", "MC011"),
    "misspelt reference source": (record(references='[ref("matrix-cookbok-2012", "eq. (69)")]'),
                                  "references[0]", "MC006"),
    "duplicated id": (record(id='"GD01"'), "id", "MC016"),
    "published id reused": (record(id='"GWJ1"'), "id", "MC016"),
    "tautological checker": (record(claimed="lambda a, x: a @ x", f="lambda a, x: a @ x",
                                    latex=r'r"\frac{\partial a^{\top}x}{\partial x} = a^{\top}x"'),
                             "claimed", "MC022"),
    "LaTeX Temml cannot render": (record(latex=r'r"\frac{\partial a^{\top}x}{\partial x} = \vecc{a}"'),
                                  "latex", "MC027"),
    "malformed id": (record(id='"bad-id"'), "id", "MC002"),
    "unbalanced braces": (record(latex=r'r"\frac{\partial a^{\top}x}{\partial x = a"'), "latex", "MC015"),
    "undeclared symbol": (record(latex=r'r"\frac{\partial a^{\top}x}{\partial x} = b"'), "latex", "MC012"),
    "inconsistent shapes": (record(variables='{"a": Vector("n"), "x": Vector("n"), "S": Matrix("m", "n", "symmetric")}',
                                   latex=r'r"\frac{\partial a^{\top}x}{\partial x} = a + 0S"',
                                   f="lambda a, x, S: a @ x", claimed="lambda a, x, S: a"),
                            "variables['S']", "MC005"),
    "shape mismatch": (record(claimed="lambda a, x: np.outer(a, a)"), "claimed", "MC020"),
    "checker raises": (record(claimed="lambda a, x: a @ undefined_name"), "claimed", "MC020"),
    "checker returns NaN": (record(claimed="lambda a, x: a * np.nan"), "claimed", "MC020"),
    "wrong formula": (record(claimed="lambda a, x: 2 * a"), "claimed", "MC020"),
    "unknown layout": (record(layout='"column"'), "layout", "MC013"),
    "wrt not a variable": (record(wrt='"y"'), "wrt", "MC014"),
}


def write(tmp_path, name, source):
    path = tmp_path / (name.replace(" ", "_") + ".py")
    path.write_text(HEADER + GOOD + source)
    return path


def run_check(path):
    return subprocess.run([sys.executable, "-m", "identities", "check", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_record_is_reported_and_others_still_verified(tmp_path, name):
    source, field, code = CASES[name]
    path = write(tmp_path, name, source)
    out = run_check(path)
    text = out.stdout + out.stderr
    assert out.returncode == 1, text
    # the message names the file, the entry id and the field
    assert str(path) in text and f"field '{field}'" in text and code in text, text
    if name not in ("malformed id",):
        assert "BD01" in text or "GD01" in text, text
    # the good record in the same file is still verified
    assert "ok  GD01" in text, text


def test_each_problem_carries_file_id_and_field(tmp_path):
    path = write(tmp_path, "combined", record(latex=None) + record(id='"BD02"', references='[ref("nope", "x")]'))
    records, problems = load_file(path)
    assert [r.id for r in records] == ["GD01"]
    found = {(p.id, p.field, p.code) for p in problems}
    assert ("BD01", "latex", "MC001") in found and ("BD02", "references[0]", "MC006") in found
    assert all(p.file == str(path) and p.line > 0 for p in problems)


def test_a_file_that_does_not_import_keeps_records_before_the_fault(tmp_path):
    path = write(tmp_path, "broken", "\nraise RuntimeError('boom')\n" + record())
    records, problems = load_file(path)
    assert [r.id for r in records] == ["GD01"]
    assert problems[0].code == "MC000" and problems[0].line > 0 and "boom" in problems[0].message


def test_a_syntax_error_names_the_file_and_line(tmp_path):
    path = write(tmp_path, "syntax", "\nDerivative(id=\n")
    records, problems = load_file(path)
    assert records == [] and problems[0].code == "MC000" and problems[0].file == str(path)


def test_tautological_checker_is_caught(tmp_path):
    from identities import Equality, Matrix, cookbook
    f = lambda A: A.T @ A  # noqa: E731
    rec = Equality(id="TT01", title="t", latex=r"A^{\top}A = A^{\top}A", variables={"A": Matrix("m", "n")},
                   lhs=f, rhs=f, references=[cookbook(1)], aliases=["x"])
    twin = Equality(id="TT02", title="t", latex=r"A^{\top}A = A^{\top}A", variables={"A": Matrix("m", "n")},
                    lhs=lambda A: A.T @ A, rhs=lambda A: A.T @ A, references=[cookbook(1)], aliases=["x"])
    # both pass verification and even reject mutations, so a separate rule must catch them
    assert verify(rec).passed
    assert tautology_problems(rec)[0].code == "MC022"
    assert tautology_problems(twin)[0].field == "rhs"


def test_problem_message_suggests_the_fix(tmp_path):
    source, _, _ = CASES["unknown assumption"]
    _, problems = load_file(write(tmp_path, "hint", source))
    assert "did you mean 'positive'" in str(problems[0])
