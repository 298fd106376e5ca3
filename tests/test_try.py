"""`python -m identities try`: a reader's own gradient, checked by the catalogue's verifier."""
import json
import subprocess
import sys

import pytest

from identities import try_claim

from .site_helpers import ROOT

TR_AXB = dict(f="np.trace(A @ X @ B)", wrt="X", shapes="A=3x4,X=4x5,B=5x3")


def run(*args):
    return subprocess.run([sys.executable, "-m", "identities", "try", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_a_right_gradient_is_verified_and_names_the_entry_making_the_same_claim():
    r = try_claim(claim="A.T @ B.T", **TR_AXB)
    assert r.ok and r.exit_code == 0, r.text()
    assert [m["id"] for m in r.matches] == ["E354"]
    assert r.report.passed and not r.report.weak_mutations()


@pytest.mark.parametrize("claim,layout,mistake", [
    ("B @ A", "denominator", "transpose"),          # the numerator-layout answer in denominator layout
    ("A.T @ B.T", "numerator", "transpose"),
    ("2 * A.T @ B.T", "denominator", "factor of 2"),
    ("-A.T @ B.T", "denominator", "sign"),
])
def test_a_wrong_gradient_fails_with_its_likely_mistake(claim, layout, mistake):
    r = try_claim(claim=claim, layout=layout, **TR_AXB)
    assert r.verdict == "wrong" and r.exit_code == 1, r.text()
    assert mistake in (r.likely_mistake or ""), r.text()
    assert r.seed is not None and "--seed" in r.reproducer


def test_numerator_layout_is_the_transpose():
    assert try_claim(claim="B @ A", layout="numerator", **TR_AXB).ok


def test_the_factor_of_two_of_least_squares():
    args = dict(f="np.sum((A @ x - b) ** 2)", wrt="x", shapes="A=5x3,x=3,b=5")
    assert try_claim(claim="2 * A.T @ (A @ x - b)", **args).ok
    wrong = try_claim(claim="A.T @ (A @ x - b)", **args)
    assert wrong.exit_code == 1 and "factor of 2" in wrong.likely_mistake
    assert "MJ0W" in [m["id"] for m in wrong.related]


def test_assumptions_are_honoured():
    args = dict(f="np.log(np.linalg.det(X))", claim="np.linalg.inv(X).T", wrt="X", shapes="X=4x4")
    assert try_claim(assume="X=spd", **args).ok
    # a quadratic form's gradient is 2Ax only for a symmetric A
    q = dict(f="x @ A @ x", claim="2 * A @ x", wrt="x", shapes="A=4x4,x=4")
    assert try_claim(assume="A=symmetric", **q).ok
    assert try_claim(**q).exit_code == 1


@pytest.mark.parametrize("args,words", [
    (dict(f="np.trace(A @ Z)", claim="A", wrt="X", shapes="A=3x4,X=4x3"), "unknown symbol 'Z'"),
    (dict(f="np.trace(A @ X)", claim="A", wrt="X", shapes="A=3x4,X=3x3"), "do not multiply"),
    (dict(f="A @ X", claim="A", wrt="X", shapes="A=3x4,X=4x3"), "not scalar-valued"),
    (dict(f="np.trace(X)", claim="np.eye(3)", wrt="Y", shapes="X=3x3"), "not a declared variable"),
    (dict(f="np.trace(X)", claim="np.eye(3)", wrt="X", shapes="X=3by3"), "X"),
    (dict(f="np.trace(X)", claim="np.eye(3)", wrt="X", shapes="X=3x3", assume="X=sdp"), "sdp"),
    # an abbreviation is offered the word it begins; a word like none is told so, in a sentence
    (dict(f="np.trace(X)", claim="np.eye(3)", wrt="X", shapes="X=3x3", assume="X=sym"),
     "unknown assumption 'sym' for X; did you mean 'symmetric'? The known ones are: "),
    (dict(f="np.trace(X)", claim="np.eye(3)", wrt="X", shapes="X=3x3", assume="X=qqq"),
     "unknown assumption 'qqq' for X. The known ones are: "),
    (dict(f="np.trace(X", claim="np.eye(3)", wrt="X", shapes="X=3x3"), "F"),
])
def test_bad_input_is_named(args, words):
    r = try_claim(**args)
    assert r.verdict == "bad input" and r.exit_code == 2
    assert words in r.error, r.error


@pytest.mark.parametrize("f", [
    "__import__('os').system('true')",
    "().__class__.__bases__[0]",
    "np.load('x.npy')",
    "np.__dict__",
    "(lambda: 1)()",
    "[x for x in X]",
    "open('/etc/passwd')",
])
def test_the_expressions_reach_only_np_and_the_variables(f):
    r = try_claim(f, "X", wrt="X", shapes="X=3x3")
    assert r.exit_code == 2, r.text()


def test_the_command_line_exit_codes():
    ok = run("np.trace(A @ X @ B)", "--claim", "A.T @ B.T", "--wrt", "X", "--shapes", "A=3x4,X=4x5,B=5x3")
    assert ok.returncode == 0 and "E354" in ok.stdout, ok.stdout + ok.stderr
    wrong = run("np.trace(X.T @ X)", "--claim", "-2*X", "--wrt", "X", "--shapes", "X=3x4")
    assert wrong.returncode == 1 and "sign" in wrong.stdout and "reproduce:" in wrong.stdout, wrong.stdout + wrong.stderr
    # the printed reproducer reproduces: same verdict, same seed
    line = next(ln for ln in wrong.stdout.splitlines() if ln.startswith("reproduce:"))
    again = subprocess.run(line.split(":", 1)[1].replace("python", sys.executable, 1), shell=True, cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 1 and line in again.stdout
    bad = run("np.trace(A @ Z)", "--claim", "A", "--wrt", "X", "--shapes", "A=3x4,X=4x3")
    assert bad.returncode == 2 and "unknown symbol 'Z'" in bad.stderr
    data = json.loads(run("np.trace(X.T @ X)", "--claim", "2*X", "--wrt", "X", "--shapes", "X=3x4", "--json").stdout)
    assert data["verdict"] == "verified" and data["matches"][0]["id"] == "Z88W"
