"""The Matrix Cookbook (version of 15 November 2012), equation by equation.

Each chapter is a module, ``chNN.py``, holding the chapter's sections with their equation ranges, in the
Cookbook's order, and the status of every equation that no entry verifies: a ``definition`` (nothing to
check, with the reason) or ``not_a_claim`` (a sentence, a pointer or a notation, with the reason). An
equation an entry verifies is not listed there: the entry cites it with ``cookbook(N)``, and the
concordance finds it. An entry whose erratum has ``source=cookbook(N)`` and a refuted printed formula
makes N an erratum. ``rows()`` gives one row per equation; ``problems()`` what is missing or said
twice.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field

EDITION = "2012-11-15"
FIRST, LAST = 1, 550
STATUSES = ("verified", "erratum", "definition", "not-a-claim")


@dataclass(frozen=True)
class Section:
    number: str      # "3.2.1"
    title: str       # "The Woodbury identity"
    first: int       # the first equation number in it
    last: int        # the last (inclusive)


@dataclass(frozen=True)
class Declared:
    status: str      # definition | not-a-claim
    reason: str


def definition(reason: str) -> Declared:
    """An equation that defines something and has nothing to check (say why)."""
    return Declared("definition", reason)


def not_a_claim(reason: str) -> Declared:
    """An equation that states no checkable claim: a notation, a pointer, a restatement (say why)."""
    return Declared("not-a-claim", reason)


@dataclass
class Chapter:
    number: int
    title: str
    first: int
    last: int
    sections: list = field(default_factory=list)
    declared: dict = field(default_factory=dict)   # eq -> Declared
    file: str = ""


@dataclass
class Row:
    eq: int
    chapter: int
    section: str     # "3.2.1 The Woodbury identity"
    status: str      # one of STATUSES, or "unknown"
    entries: list    # ids that verify it (or carry its erratum)
    reason: str = ""

    def as_dict(self) -> dict:
        return {"eq": self.eq, "chapter": self.chapter, "section": self.section, "status": self.status,
                "entries": list(self.entries), "reason": self.reason}


def chapters() -> list[Chapter]:
    out = []
    for n in range(1, 11):
        mod = importlib.import_module(f"{__name__}.ch{n:02d}")
        ch = mod.CHAPTER
        ch.file = mod.__file__
        out.append(ch)
    return out


def _section_of(ch: Chapter, eq: int) -> Section | None:
    found = [s for s in ch.sections if s.first <= eq <= s.last]
    return found[-1] if found else None


def _citations(cat) -> tuple[dict, dict]:
    """eq -> ids citing it, and eq -> ids whose refuted erratum is that equation's."""
    cited, errata = {}, {}
    for r in cat.entries.values():
        if not r.live:
            continue
        for x in r.references:
            if x.source == "matrix-cookbook-2012" and x.eq is not None:
                cited.setdefault(x.eq, []).append(r.id)
        for e in r.errata:
            src = getattr(e, "source", None)
            if src is not None and src.source == "matrix-cookbook-2012" and src.eq is not None and e.checkable:
                errata.setdefault(src.eq, []).append(r.id)
    return cited, errata


def rows(cat=None) -> list[Row]:
    """One row per equation from (1) to the end of chapter 10."""
    if cat is None:
        from identities.catalogue import catalogue
        cat = catalogue()
    cited, errata = _citations(cat)
    out = []
    for ch in chapters():
        for eq in range(ch.first, ch.last + 1):
            sec = _section_of(ch, eq)
            where = f"{sec.number} {sec.title}" if sec else ""
            dec = ch.declared.get(eq)
            if eq in errata:
                out.append(Row(eq, ch.number, where, "erratum", sorted(set(errata[eq]) | set(cited.get(eq, []))),
                               "the printed formula is refuted; the entries verify the correction"))
            elif eq in cited:
                out.append(Row(eq, ch.number, where, "verified", sorted(set(cited[eq]))))
            elif dec is not None:
                out.append(Row(eq, ch.number, where, dec.status, [], dec.reason))
            else:
                out.append(Row(eq, ch.number, where, "unknown", []))
    return out


def problems(cat=None) -> list[str]:
    """What keeps the concordance from accounting for every equation exactly once."""
    if cat is None:
        from identities.catalogue import catalogue
        cat = catalogue()
    out = []
    chs = chapters()
    expect = FIRST
    for ch in chs:
        where = f"{ch.file}: chapter {ch.number}"
        if ch.first != expect:
            out.append(f"{where}: starts at ({ch.first}), but the previous chapter ends at ({expect - 1})")
        expect = ch.last + 1
        at = ch.first
        for s in ch.sections:
            if s.first < ch.first or s.last > ch.last or s.first > s.last:
                out.append(f"{where}: section {s.number} ({s.first})–({s.last}) lies outside the chapter")
            if s.first < at:
                out.append(f"{where}: section {s.number} starts at ({s.first}), inside the previous section")
            at = max(at, s.last + 1)
        for eq in range(ch.first, ch.last + 1):
            if _section_of(ch, eq) is None:
                out.append(f"{where}: equation ({eq}) is in no section")
        for eq, dec in ch.declared.items():
            if not ch.first <= eq <= ch.last:
                out.append(f"{where}: declares ({eq}), which is not in this chapter")
            if dec.status not in ("definition", "not-a-claim"):
                out.append(f"{where}: ({eq}) has status {dec.status!r}; declare only definition or not-a-claim")
            if not dec.reason.strip():
                out.append(f"{where}: ({eq}) is declared {dec.status} without a reason")
    if expect != LAST + 1:
        out.append(f"the chapters end at ({expect - 1}), not at ({LAST})")
    cited, errata = _citations(cat)
    for ch in chs:
        for eq, dec in ch.declared.items():
            if eq in cited or eq in errata:
                ids = ", ".join(sorted(set(cited.get(eq, []) + errata.get(eq, []))))
                out.append(f"{ch.file}: ({eq}) is declared {dec.status}, but {ids} cite it: an equation has one status")
    for r in rows(cat):
        if r.status == "unknown":
            out.append(f"chapter {r.chapter}: equation ({r.eq}) [{r.section}] has no status: cite it from the entry "
                       f"that verifies it, or declare it a definition or not a claim, with the reason")
    for eq in sorted(set(cited) | set(errata)):
        if not FIRST <= eq <= LAST:
            ids = ", ".join(sorted(set(cited.get(eq, []) + errata.get(eq, []))))
            out.append(f"{ids}: cite equation ({eq}), which is outside chapters 1–10")
    return out


def summary(rs) -> list[dict]:
    """Counts per chapter: {chapter, title, equations, verified, erratum, definition, not-a-claim, unknown}."""
    titles = {c.number: c.title for c in chapters()}
    out = []
    for n in sorted(titles):
        mine = [r for r in rs if r.chapter == n]
        d = {"chapter": n, "title": titles[n], "equations": len(mine)}
        for s in STATUSES + ("unknown",):
            d[s] = sum(r.status == s for r in mine)
        out.append(d)
    return out
