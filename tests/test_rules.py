"""Every audit rule has a failing example (tldr-lint's way: one numbered rule, one page that breaks it).

`EXAMPLES` maps each code of identities/rules.py to a function that builds something breaking that
rule and returns the problems the project reports for it; a rule without an example fails
`test_every_rule_has_a_failing_example`.
"""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from identities import Change, Derivative, Equality, Erratum, Formula, Matrix, Vector, Withdrawal, cookbook, ref
from identities import load_file, registry
from identities.audit import advisories, concordance_problems, duplicate_problems, reference_problems, render_problems, \
    tautology_problems, verification_problems
from identities.catalogue import Catalogue, registry_problems
from identities.model import collecting
from identities.rules import RULES
from identities.runner import verify_all

ROOT = Path(__file__).resolve().parents[1]


def good(**changes):
    fields = dict(id="RL01", title="Gradient of tr(XA)",
                  latex=r"\frac{\partial}{\partial X}\operatorname{tr}(XA) = A^{\top}",
                  variables={"X": Matrix("n", "m"), "A": Matrix("m", "n")}, wrt="X", layout="denominator",
                  f=lambda X, A: np.trace(X @ A), claimed=lambda X, A: A.T, references=[cookbook(100)],
                  aliases=["trace"])
    fields.update(changes)
    with collecting():
        return Derivative(**fields)


def static(**changes):
    return good(**changes).problems()


def verified(**changes):
    r = good(**changes)
    probs = r.problems()
    return probs or verification_problems(r, verify_all([r])[r.id])


def catalogue_of(*records):
    return Catalogue(entries={r.id: r for r in records})


def registry_with(tmp_path, rows, *records):
    path = tmp_path / "registry.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return registry_problems(catalogue_of(*records), path)


def row(id, **extra):
    return {"id": id, "added": "2026-01-01", "version": "0.1.0", "title": "t", "claim": "derivative|X|A:mxn;X:nxm",
            **extra}


def load_broken(tmp_path):
    path = tmp_path / "broken.py"
    path.write_text("raise RuntimeError('boom')\n")
    return load_file(path)[1]


def unknown_code_on_the_command_line(tmp_path):
    out = subprocess.run([sys.executable, "-m", "identities", "audit", "--ignore", "MC999"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    return [type("P", (), {"code": "MC031"})()] if "MC031" in out.stderr else []


def looping(X, A):
    while True:
        pass


EXAMPLES = {
    "MC000": load_broken,
    "MC001": lambda tmp: static(latex=__import__("identities").model.MISSING),
    "MC002": lambda tmp: static(id="bad-id"),
    "MC003": lambda tmp: static(title="   "),
    "MC004": lambda tmp: static(variables={}),
    "MC005": lambda tmp: static(variables={"X": Matrix("n", "m", "symmetric"), "A": Matrix("m", "n")}),
    "MC006": lambda tmp: static(references=[ref("matrix-cookbok-2012", "eq. (100)")]),
    "MC007": lambda tmp: static(references=[]),
    "MC008": lambda tmp: static(aliases=[]),
    "MC009": lambda tmp: static(prepare=lambda rng, values: values),
    "MC010": lambda tmp: static(history=["changed it"]),
    "MC011": lambda tmp: static(variables={"X": Matrix("n", "m", "postive"), "A": Matrix("m", "n")}),
    "MC012": lambda tmp: static(latex=r"\frac{\partial}{\partial X}\operatorname{tr}(XA) = B^{\top}"),
    "MC013": lambda tmp: static(layout="column"),
    "MC014": lambda tmp: static(wrt="Y"),
    "MC015": lambda tmp: static(latex=r"\frac{\partial}{\partial X\operatorname{tr}(XA) = A^{\top}"),
    "MC016": lambda tmp: __import__("identities").load(extra=[_write(tmp, "dup.py", ("RL05", "one"), ("RL05", "two"))]).problems,
    "MC017": lambda tmp: registry_with(tmp, [], good()),
    "MC018": lambda tmp: registry_with(tmp, [row("RL01"), row("RL02")], good()),
    "MC019": lambda tmp: registry_with(tmp, [row("RL01"), row("RL01")], good()),
    "MC020": lambda tmp: verified(claimed=lambda X, A: A),
    "MC021": lambda tmp: verification_problems(_weak(), verify_all([_weak()])["RL01"]),
    "MC022": lambda tmp: tautology_problems(good(claimed=None) if False else _tautology()),
    "MC023": lambda tmp: duplicate_problems(catalogue_of(good(), good(id="RL02"))),
    "MC024": lambda tmp: reference_problems(catalogue_of(good(related=["ZZZZ"]))),
    "MC025": lambda tmp: advisories(catalogue_of(good(variables={"X": Matrix("n", "n"), "A": Matrix("n", "n")}))),
    "MC026": lambda tmp: static(title="TODO: a title"),
    "MC027": lambda tmp: render_problems([good(latex=r"\frac{\partial}{\partial X}\operatorname{tr}(XA) = \vecc{A}")]),
    "MC028": lambda tmp: registry_with(tmp, [row("RL01", claim="equality||A:n")], good()),
    "MC029": lambda tmp: static(differential=r"\mathrm{d}\operatorname{tr}(XA) = \operatorname{tr}(\mathrm{d}X\,A)"),
    "MC030": lambda tmp: static(notes="tr(XA) = tr(AX), so this is also the gradient of tr(AX)."),
    "MC031": unknown_code_on_the_command_line,
    "MC032": lambda tmp: verified(errata=[Erratum(cookbook(100), "says it is wrong", printed=r"A^{\top}",
                                                  claimed=lambda X, A: A.T)]),
    "MC033": lambda tmp: verified(prepare=lambda rng, v: {**v, "X": np.zeros_like(v["X"])}, conditions="X is zero",
                                  variables={"X": Matrix("n", "m", "nonzero"), "A": Matrix("m", "n")}),
    "MC034": lambda tmp: verified(claimed=looping, time_limit=1, time_limit_reason="to show the limit"),
    "MC035": lambda tmp: static(time_limit=-1),
    "MC036": lambda tmp: concordance_problems(catalogue_of(good(references=[cookbook(600)]))),
}


RECORD = """
Derivative(id={id!r}, title={title!r}, latex=r"\\frac{{\\partial}}{{\\partial X}}\\operatorname{{tr}}(XA) = A^{{\\top}}",
           variables={{"X": Matrix("n", "m"), "A": Matrix("m", "n")}}, wrt="X", layout="denominator",
           f=lambda X, A: np.trace(X @ A), claimed=lambda X, A: A.T, references=[cookbook(100)], aliases=["x"])
"""


def _write(tmp, name, *records):
    path = tmp / name
    path.write_text("import numpy as np\nfrom identities import Derivative, Matrix, cookbook\n"
                    + "".join(RECORD.format(id=i, title=t) for i, t in records))
    return path


def _weak():
    # f does not depend on X and the claim is zero: no wrong answer changes it, so the check cannot fail
    with collecting():
        return Derivative(id="RL01", title="t", latex=r"\frac{\partial}{\partial X}\operatorname{tr}(A) = 0",
                          variables={"X": Matrix("n", "n"), "A": Matrix("m", "m", "square")}, wrt="X",
                          layout="denominator", f=lambda X, A: np.trace(A), claimed=lambda X, A: np.zeros_like(X),
                          references=[cookbook(100)], aliases=["x"])


def _tautology():
    f = lambda X, A: np.trace(X @ A)  # noqa: E731
    return good(f=f, claimed=f)


def test_every_rule_has_a_failing_example():
    assert set(EXAMPLES) == set(RULES), sorted(set(RULES) ^ set(EXAMPLES))


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_the_example_breaks_its_rule(code, tmp_path):
    if code == "MC027" and render_problems([good()]) is None:
        pytest.skip("node or node_modules/temml missing: `make test` installs them")
    problems = EXAMPLES[code](tmp_path)
    codes = [p.code for p in problems]
    assert code in codes, (code, [str(p) for p in problems])


def test_the_good_example_breaks_no_rule():
    r = good()
    assert not r.problems() and not tautology_problems(r)
    assert not verification_problems(r, verify_all([r])[r.id])


def test_an_unknown_code_cannot_be_raised():
    from identities.model import Problem
    with pytest.raises(ValueError, match="unknown audit code"):
        Problem("MC999", "id", "no such rule")


def test_contributing_lists_every_rule():
    text = (ROOT / "CONTRIBUTING.md").read_text()
    missing = [c for c in RULES if f"| {c} |" not in text]
    assert not missing, missing


def test_audit_new_checks_a_fresh_scaffold(tmp_path, monkeypatch):
    # the scaffold's id is only reserved: `audit --new` checks it (and finds its TODOs)
    from identities import audit as audit_mod
    from identities.catalogue import load

    path = tmp_path / "registry.jsonl"
    path.write_text((ROOT / "identities" / "registry.jsonl").read_text())
    registry.reserve("RL09", "0.1.0", path)
    monkeypatch.setattr(registry, "PATH", path)
    monkeypatch.setattr(audit_mod, "published", lambda: registry.published(path))
    scaffold = _write(tmp_path, "scaffold.py", ("RL09", "TODO: a title"))
    cat = load(extra=[scaffold])
    probs = audit_mod.run(cat, new_only=True)
    assert any(p.id == "RL09" and p.code == "MC026" for p in probs), [str(p) for p in probs]
    assert all(p.id in ("RL09", "") for p in probs)


def test_history_entries_and_withdrawals_are_well_formed():
    assert not static(history=[Change("2026-12-02", "0.2.0", "what", "why")])
    assert not static(withdrawn=Withdrawal("2026-12-02", "superseded", "GWJ1"))
    assert [p.code for p in static(withdrawn="gone")] == ["MC010"]


@pytest.mark.parametrize("kind", sorted(__import__("identities").model.KINDS))
def test_every_kind_describes_itself_and_has_a_verifier(kind, tmp_path):
    from identities.model import KINDS
    from identities.verify import VERIFIERS

    cls = KINDS[kind]
    assert cls.claim_field in cls.checker_fields and cls.reference_field in cls.checker_fields
    assert cls.words and cls.search_words and cls.tolerance_default > 0 and kind in VERIFIERS
    # the scaffold's skeleton loads as a record of this kind, and fails until it is filled in
    path = tmp_path / "skeleton.py"
    path.write_text("import numpy as np\nfrom identities import " + ", ".join(c.__name__ for c in KINDS.values())
                    + ", Gaussian, Matrix, Scalar, Vector, todo\n" + cls.skeleton.format(id="SK01"))
    records, problems = load_file(path)
    assert not records and any(p.id == "SK01" and p.code in ("MC026", "MC007", "MC008") for p in problems)
    # and the command line offers it
    out = subprocess.run([sys.executable, "-m", "identities", "new", "--help"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert kind in out.stdout
