"""`python -m identities`: list, show, search, check, export."""
import json
import subprocess
import sys

import pytest

import identities
from identities.cli import main
from identities.search import Index

from .search_queries import QUERIES
from .site_helpers import ROOT


def run(*args):
    return subprocess.run([sys.executable, "-m", "identities", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_list_prints_every_live_entry(capsys, cat):
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(cat)
    assert lines[0].split()[0] in cat


def test_list_filters_by_topic_and_assumption(capsys, cat):
    assert main(["list", "--assumption", "spd"]) == 0
    ids = [l.split()[0] for l in capsys.readouterr().out.splitlines()]
    assert ids and all("spd" in cat[i].all_assumptions() for i in ids)


def test_show_gives_statement_variables_and_references(capsys):
    assert main(["show", "GWJ1"]) == 0
    out = capsys.readouterr().out
    assert r"\operatorname{tr}(XA)" in out and "X: n x m" in out and "Matrix Cookbook, eq. (100)" in out
    assert "layout: denominator" in out


def test_show_unknown_id_is_a_clear_error():
    out = run("show", "ZZZZ")
    assert out.returncode != 0 and "no entry with id 'ZZZZ'" in out.stderr


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_search_ranks_the_expected_entry_in_the_top_3(cat, query, expected):
    top = [r.id for _, r in Index(cat, cat.topics).search(query, limit=3)]
    assert expected in top, (query, top)


def test_a_typo_stands_for_the_nearest_word(cat):
    # "determinent" is one letter from "determinant" and two from "determined" (HJF7's over-determined
    # system), which is rarer and would outrank it if both counted
    top = [r for _, r in Index(cat, cat.topics).search("determinent", limit=3)]
    assert len(top) == 3 and all("determinant" in r.title.lower() for r in top), [r.title for r in top]


def test_search_json(capsys):
    assert main(["search", "log", "determinant", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and set(hits[0]) == {"id", "title", "score", "url"}


def test_check_ids_passes_and_reports(capsys):
    assert main(["check", "GWJ1", "BJCG"]) == 0
    assert "ok  GWJ1" in capsys.readouterr().out


def test_check_everything_exits_zero():
    out = run("check")
    assert out.returncode == 0, out.stderr[-3000:]
    assert f"{len(identities.catalogue())} of {len(identities.catalogue())} entries verified" in out.stderr


def test_check_with_seed_reproduces_one_instance(capsys):
    assert main(["check", "GWJ1", "--seed", "42", "--instances", "1"]) == 0
    assert "1 instances" in capsys.readouterr().out


def test_export_json_has_the_promised_fields(capsys, cat):
    assert main(["export", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"schema", "version", "generated", "entries"} and doc["version"] == identities.__version__
    data = doc["entries"]
    assert len(data) == len(cat.entries)
    need = {"id", "title", "latex", "kind", "variables", "assumptions", "layout", "references", "aliases", "url"}
    for row in data:
        assert need <= set(row), need - set(row)
        assert row["url"] == f"https://tested-matrix-calculus-cookbook.org/id/{row['id']}.html"
        assert isinstance(row["wrt"], list)
        assert all({"source", "locator"} <= set(ref) for ref in row["references"])


def test_list_and_show_speak_json(capsys):
    assert main(["list", "--topic", "traces", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["topic"] == "traces" and r["url"].endswith(".html") for r in rows)
    assert main(["show", "LAFE", "--json"]) == 0
    entry = json.loads(capsys.readouterr().out)
    assert entry["id"] == "LAFE" and entry["verified"] and len(entry["formulas"]) >= 3 and entry["derivation"]


def test_an_unknown_topic_is_an_error_for_list_and_new(capsys):
    assert main(["list", "--topic", "nosuch"]) == 2
    assert "no topic 'nosuch'" in capsys.readouterr().err
    before = (ROOT / "identities" / "registry.jsonl").read_text()
    assert main(["new", "--topic", "trace"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'traces'" in err and "--create-topic" in err
    assert (ROOT / "identities" / "registry.jsonl").read_text() == before   # no id used up


def test_a_closed_pipe_ends_quietly():
    proc = subprocess.run(f"{sys.executable} -m identities list | head -1", shell=True, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.stdout.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr


def test_commands_that_write_the_repository_refuse_outside_a_checkout(monkeypatch, capsys):
    from identities import cli

    monkeypatch.setattr(cli, "checkout", lambda: None)
    for argv in (["new", "--topic", "traces"], ["register"], ["check", "GWJ1", "--preview"]):
        assert main(argv) == 2, argv
        assert "not a checkout" in capsys.readouterr().err


def test_every_kind_is_offered_by_list_and_new():
    from identities.model import KINDS

    for command in ("list", "new"):
        out = run(command, "--help").stdout
        assert all(k in out for k in KINDS), (command, out)


def test_long_runs_say_how_far_they_are(capsys):
    from identities.runner import stderr_progress
    quiet = stderr_progress("check", every=60.0)
    for k in range(1, 4):
        quiet(k, 3, None, None)
    assert capsys.readouterr().err == ""  # a short run prints nothing
    talk = stderr_progress("check", every=0.0)
    talk(1, 3, None, None)
    assert "check: 1/3 entries verified" in capsys.readouterr().err
