"""Every entry verified on random instances, and every check shown able to fail.

`pytest -k <ID>` runs one entry's tests. A failure prints the seed and a one-line reproducer.
The whole catalogue is verified once per session, through the runner (a worker process with a
time limit per record), so a record that loops fails its own test instead of hanging the run.
"""
import pytest

from identities.catalogue import registry_problems
from identities.runner import verify_all
from identities.verify import MUTATIONS

from .conftest import live_entries

ENTRIES = live_entries()


# wrong answers a kind adds to the standard ones: a wrong coefficient, a tightened bound, a conjugate
KIND_MUTATIONS = {"coefficient", "tighten", "conjugate"}

@pytest.fixture(scope="session")
def reports():
    return verify_all(ENTRIES)


def test_catalogue_is_not_silently_empty(cat):
    # a guard: a parametrization over nothing would pass vacuously
    assert len(ENTRIES) >= 300
    assert len(cat.topics) >= 8


def test_every_record_loads_without_problems(cat):
    assert not cat.problems, "\n".join(map(str, cat.problems))


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda r: r.id)
def test_entry_holds(entry, reports):
    report = reports[entry.id]
    assert report.ok, report.describe_failure(entry)
    # several instances, and sizes that differ between instances where dimensions are symbolic
    assert len(report.instances) >= 3


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda r: r.id)
def test_wrong_answers_are_rejected(entry, reports):
    report = reports[entry.id]
    verdicts = report.mutations
    # the standard wrong answers, and the kind's own (a wrong coefficient, a tightened bound, a conjugate)
    assert set(verdicts) >= set(MUTATIONS)
    assert set(verdicts) - set(MUTATIONS) <= KIND_MUTATIONS, sorted(set(verdicts) - set(MUTATIONS))
    accepted = [m for m, v in verdicts.items() if v == "accepted"]
    assert not accepted, f"{entry.id}: wrong answers {accepted} passed the check ({entry.file}:{entry.line})"
    # doubling, negating and perturbing a non-zero claim always changes it: they must apply
    for m in ("double", "negate", "perturb"):
        assert verdicts[m] == "rejected", f"{entry.id}: mutation {m} is {verdicts[m]}"
    # and every other displayed formula's check fails when any of its sides is wrong
    for f in report.formulas:
        for m in ("double", "negate", "perturb"):
            assert f.mutations.get(m) == "rejected", f"{entry.id} {f.field}: mutation {m} is {f.mutations.get(m)}"


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.errata], ids=lambda r: r.id)
def test_every_printed_formula_of_an_erratum_is_refuted(entry, reports):
    report = reports[entry.id]
    assert not report.unrefuted_errata, report.describe_failure(entry)
    for e, res in zip(entry.errata, report.errata):
        assert res.refuted == e.checkable
        if res.refuted:
            assert res.error and res.seed, res


def test_every_displayed_formula_carries_a_checker(cat, reports):
    for r in cat:
        names = {name for _, name, _ in r.formulas()}
        checked = {f.field for f in reports[r.id].formulas}
        assert names <= checked, (r.id, names - checked)


def test_registry_covers_the_catalogue(cat):
    probs = registry_problems(cat)
    assert not probs, "\n".join(map(str, probs))


def test_rectangular_shapes_are_used():
    # a catalogue tested only on square matrices would hide wrong transposes
    rect = [r for r in ENTRIES if any(v.kind == "matrix" and v.shape[0] != v.shape[1] for v in r.variables.values())]
    assert len(rect) >= len(ENTRIES) // 5


def test_derivations_cover_the_catalogue(cat):
    # the promise of the derivations: at least 150 entries derived step by step, most steps citing
    # the entry whose rule they apply
    derived = [r for r in cat if len(r.derivation) >= 2]
    citing = sum(1 for r in cat for s in r.derivation if s.uses)
    assert len(derived) >= 150, len(derived)
    assert citing >= 100, citing
