"""The id registry is append-only, and every published id stays resolvable."""
import json
import subprocess
from pathlib import Path

import pytest

from identities import registry
from identities.catalogue import Catalogue, registry_problems
from identities.model import ID_PATTERN

ROOT = Path(__file__).resolve().parents[1]
REL = "identities/registry.jsonl"


def _git(*args):
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


def test_registry_rows_are_well_formed():
    rows = registry.read()
    assert rows, "the registry is empty"
    for row in rows:
        assert ID_PATTERN.match(row["id"]) and not row["id"].isdigit(), row
        assert set(row) >= {"id", "added", "version", "title"}, row
    ids = [r["id"] for r in rows if not r.get("reserved")]
    assert len(ids) == len(set(ids)), "an id is registered twice"
    # every published row says what claim its id stands for, so that a reuse is caught (MC028)
    assert all(r.get("claim") for r in rows if not r.get("reserved"))


def test_registry_is_append_only_over_history():
    if _git("rev-parse", "--git-dir").returncode != 0:
        pytest.skip("not a git checkout: the registry's history cannot be read")
    current = (ROOT / REL).read_text().splitlines()
    commits = _git("log", "--format=%H", "--", REL).stdout.split()
    for commit in commits:
        old = _git("show", f"{commit}:{REL}")
        assert old.returncode == 0, f"the registry was deleted in {commit}"
        lines = old.stdout.splitlines()
        assert len(current) >= len(lines), f"rows of the registry as of {commit[:10]} were removed"
        for was, now in zip(lines, current):
            was, now = json.loads(was), json.loads(now)
            # a row never changes, except that a claim key may be added to a row written before
            # claim keys were recorded (version 0.1.0); once there it never changes either
            assert {k: v for k, v in now.items() if k != "claim" or "claim" in was} == was, \
                f"a row of the registry as of {commit[:10]} was changed: {was} -> {now}"


class _R:
    def __init__(self, id, title="t"):
        self.id, self.title, self.file, self.line = id, title, "x.py", 1
        self.kind, self.variables, self.history = "equality", {}, []

    def problem(self, code, field, message):
        from identities.model import Problem
        return Problem(code, field, message, self.file, self.line, self.id)


def test_a_vanished_id_and_a_reused_id_are_reported(tmp_path):
    path = tmp_path / "registry.jsonl"
    rows = [{"id": "AB12", "added": "2026-01-01", "version": "0.1.0", "title": "kept"},
            {"id": "CD34", "added": "2026-01-01", "version": "0.1.0", "title": "gone"},
            {"id": "AB12", "added": "2026-02-01", "version": "0.2.0", "title": "reused"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    cat = Catalogue(entries={"AB12": _R("AB12"), "EF56": _R("EF56")})
    codes = {(p.code, p.id) for p in registry_problems(cat, path)}
    assert ("MC018", "CD34") in codes   # published, then deleted without a tombstone
    assert ("MC019", "AB12") in codes   # registered twice
    assert ("MC017", "EF56") in codes   # in the catalogue, never registered


def test_a_reserved_id_is_not_published_until_registered(tmp_path):
    path = tmp_path / "registry.jsonl"
    registry.reserve("GH78", "0.1.0", path, today="2026-01-01")
    assert "GH78" not in registry.published(path) and "GH78" in registry.reserved(path)
    assert registry.append([_R("GH78")], "0.1.0", path, today="2026-01-02") == ["GH78"]
    assert registry.published(path)["GH78"]["claim"]


def test_a_row_without_a_claim_key_is_reported(tmp_path):
    path = tmp_path / "registry.jsonl"
    path.write_text(json.dumps({"id": "AB12", "added": "2026-01-01", "version": "0.1.0", "title": "t"}) + "\n")
    codes = {(p.code, p.id) for p in registry_problems(Catalogue(entries={"AB12": _R("AB12")}), path)}
    assert ("MC019", "AB12") in codes


def test_append_registers_only_new_ids(tmp_path):
    path = tmp_path / "registry.jsonl"
    added = registry.append([_R("AB12"), _R("CD34")], "0.1.0", path, today="2026-01-01")
    again = registry.append([_R("AB12"), _R("EF56")], "0.1.1", path, today="2026-01-02")
    assert added == ["AB12", "CD34"] and again == ["EF56"]
    assert [r["id"] for r in registry.read(path)] == ["AB12", "CD34", "EF56"]


def test_an_id_registered_for_one_claim_cannot_be_reused_for_another(tmp_path):
    from identities import Derivative, Matrix, Vector, cookbook
    from identities.model import Change

    old = Derivative(id="RU01", title="old", latex=r"a", variables={"a": Vector("n")}, wrt="a",
                     layout="denominator", f=lambda a: a @ a, claimed=lambda a: 2 * a, references=[cookbook(1)],
                     aliases=["x"])
    new = Derivative(id="RU01", title="new", latex=r"X", variables={"X": Matrix("m", "n")}, wrt="X",
                     layout="denominator", f=lambda X: (X * X).sum(), claimed=lambda X: 2 * X,
                     references=[cookbook(1)], aliases=["x"])
    path = tmp_path / "registry.jsonl"
    registry.append([old], "0.1.0", path, today="2026-01-01")
    assert json.loads(path.read_text())["claim"] == "derivative|a|a:n"
    codes = [p.code for p in registry_problems(Catalogue(entries={"RU01": new}), path)]
    assert "MC028" in codes
    # a correction that says so in its history keeps its id
    new.history = [Change("2026-02-01", "0.2.0", "restated for matrices", "the vector case was too narrow")]
    assert "MC028" not in [p.code for p in registry_problems(Catalogue(entries={"RU01": new}), path)]
