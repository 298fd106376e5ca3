"""Every entry verified on random instances, and every check shown able to fail.

`pytest -k <ID>` runs one entry's tests. A failure prints the seed and a one-line reproducer.
"""
import pytest

from identities import verify
from identities.catalogue import registry_problems
from identities.verify import MUTATIONS

from .conftest import live_entries

ENTRIES = live_entries()


def test_catalogue_is_not_silently_empty(cat):
    # a guard: a parametrization over nothing would pass vacuously
    assert len(ENTRIES) >= 80
    assert len(cat.topics) >= 8


def test_every_record_loads_without_problems(cat):
    assert not cat.problems, "\n".join(map(str, cat.problems))


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda r: r.id)
def test_entry_holds(entry):
    report = verify(entry, mutations=False)
    assert report.ok, report.describe_failure(entry)
    # several instances, and sizes that differ between instances where dimensions are symbolic
    assert len(report.instances) >= 3


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda r: r.id)
def test_wrong_answers_are_rejected(entry):
    report = verify(entry)
    verdicts = report.mutations
    assert set(verdicts) == set(MUTATIONS)
    accepted = [m for m, v in verdicts.items() if v == "accepted"]
    assert not accepted, f"{entry.id}: wrong answers {accepted} passed the check ({entry.file}:{entry.line})"
    # doubling, negating and perturbing a non-zero claim always changes it: they must apply
    for m in ("double", "negate", "perturb"):
        assert verdicts[m] == "rejected", f"{entry.id}: mutation {m} is {verdicts[m]}"


def test_registry_covers_the_catalogue(cat):
    probs = registry_problems(cat)
    assert not probs, "\n".join(map(str, probs))


def test_rectangular_shapes_are_used():
    # a catalogue tested only on square matrices would hide wrong transposes
    rect = [r for r in ENTRIES if any(v.kind == "matrix" and v.shape[0] != v.shape[1] for v in r.variables.values())]
    assert len(rect) >= len(ENTRIES) // 5
