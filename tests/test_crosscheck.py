"""The sympy cross-check: it agrees with a right claim, disagrees with a wrong one, and the memo of
sympy's questions (``_asked_once``) changes no outcome."""
import copy
from dataclasses import asdict

import pytest

from identities import crosscheck as C
from identities.catalogue import load

# agreeing entries whose derivatives go through sympy's question "is this factor diagonal?"
SAMPLE = ["GWJ1", "037V", "07TA", "0LNJ", "0QHY", "1FUV", "1VUK", "1ZL6"]


@pytest.fixture(scope="module")
def cat():
    return load()


def test_a_right_claim_agrees_and_a_wrong_one_does_not(cat):
    r = cat.entries["GWJ1"]  # d tr(XA)/dX = A^T
    assert C.crosscheck(r).status == C.AGREES
    wrong = copy.copy(r)
    wrong.claimed = lambda X, A: A  # the transpose dropped
    out = C.crosscheck(wrong)
    assert out.status == C.DISAGREES and out.error > 1e-3


def test_sympy_errors_are_reported_as_disagreements(cat):
    # sympy 1.14 differentiates these to 0 (the errata page lists them)
    assert {C.crosscheck(cat.entries[i]).status for i in ("BJCG", "GVP9")} == {C.DISAGREES}


def test_asking_once_changes_no_outcome(cat):
    import sympy.tensor.array.expressions.from_array_to_matrix as module
    from sympy.assumptions.ask import ask

    plain = {i: C.crosscheck(cat.entries[i]) for i in SAMPLE}
    assert module.ask is ask
    assert C.crosscheck_all(cat, SAMPLE) == {i: asdict(c) for i, c in plain.items()}
    assert module.ask is ask  # put back


def test_asking_once_asks_each_question_once():
    import sympy as sp
    import sympy.tensor.array.expressions.from_array_to_matrix as module

    seen = []
    saved = module.ask
    module.ask = lambda prop, *a, **k: seen.append(prop) or None
    try:
        with C._asked_once():
            X = sp.MatrixSymbol("X", 3, 3)
            assert module.ask(sp.Q.diagonal(X)) is None
            assert module.ask(sp.Q.diagonal(X)) is None
            assert module.ask(sp.Q.diagonal(X.T)) is None
            with sp.assuming(sp.Q.diagonal(X)):  # assumptions in force: no memo
                module.ask(sp.Q.diagonal(X))
    finally:
        module.ask = saved
    assert seen == [sp.Q.diagonal(X), sp.Q.diagonal(X.T), sp.Q.diagonal(X)]
