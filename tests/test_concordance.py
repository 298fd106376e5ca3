"""The concordance accounts for every Matrix Cookbook equation from (1) to (550) exactly once."""
import json
import subprocess
import sys
from pathlib import Path

from identities import concordance as C
from identities.concordance import Chapter, Section, definition

ROOT = Path(__file__).resolve().parents[1]


def test_every_equation_has_exactly_one_status(cat):
    rows = C.rows(cat)
    assert [r.eq for r in rows] == list(range(C.FIRST, C.LAST + 1))
    assert not C.problems(cat), "\n".join(C.problems(cat)[:20])
    assert all(r.status in C.STATUSES for r in rows)
    for r in rows:
        if r.status in ("definition", "not-a-claim"):
            assert r.reason and not r.entries, r
        else:
            assert r.entries and all(i in cat.entries for i in r.entries), r


def test_at_least_four_fifths_are_verified_and_chapter_4_too(cat):
    rows = C.rows(cat)
    done = sum(r.status in ("verified", "erratum") for r in rows)
    assert done >= 0.8 * len(rows), f"{done} of {len(rows)}"
    ch4 = [r for r in rows if r.chapter == 4]
    assert sum(r.status in ("verified", "erratum") for r in ch4) >= 0.8 * len(ch4)


def test_sections_follow_the_cookbook_order(cat):
    for ch in C.chapters():
        assert ch.sections, ch.number
        assert ch.sections[0].first == ch.first and ch.sections[-1].last == ch.last
        assert all(a.last < b.first for a, b in zip(ch.sections, ch.sections[1:])), ch.number


def test_a_gap_a_double_status_and_an_unknown_are_reported(cat, monkeypatch):
    real = C.chapters()
    bad = Chapter(1, "Basics", 1, 31, sections=[Section("1", "Basics", 1, 10), Section("1.1", "Trace", 12, 31)],
                  declared={1: definition("said twice")}, file="ch01.py")
    monkeypatch.setattr(C, "chapters", lambda: [bad] + real[1:])
    text = "\n".join(C.problems(cat))
    assert "equation (11) is in no section" in text
    assert "(1) is declared definition, but" in text          # 3QJU verifies (1)


def test_the_command_line_prints_json_rows():
    out = subprocess.run([sys.executable, "-m", "identities", "concordance", "--json", "--chapter", "2"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    rows = json.loads(out.stdout)
    assert [r["eq"] for r in rows] == list(range(32, 145))
    assert set(rows[0]) == {"eq", "chapter", "section", "status", "entries", "reason"}
    assert {r["status"] for r in rows} <= {"verified", "erratum"}
