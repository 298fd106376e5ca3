"""Loading records: every topic module of ``identities/entries``, or any file of records.

A file that cannot be imported, or a record with a fault, becomes a ``Problem`` naming the
file, the entry id and the field; every other record still loads.
"""
from __future__ import annotations

import importlib
import runpy
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from . import registry
from .model import Identity, Problem, collecting

ENTRIES = Path(__file__).with_name("entries")


@dataclass
class Topic:
    slug: str
    title: str
    blurb: str
    ids: list = field(default_factory=list)


@dataclass
class Catalogue:
    entries: dict = field(default_factory=dict)     # id -> record (live and withdrawn)
    topics: dict = field(default_factory=dict)      # slug -> Topic, in reading order
    problems: list = field(default_factory=list)

    def __iter__(self):
        return (r for r in self.entries.values() if r.live)

    def __len__(self):
        return sum(1 for _ in self)

    def __getitem__(self, entry_id: str) -> Identity:
        try:
            return self.entries[entry_id.upper()]
        except KeyError:
            raise KeyError(f"no entry with id {entry_id!r}") from None

    def __contains__(self, entry_id) -> bool:
        return isinstance(entry_id, str) and entry_id.upper() in self.entries

    def used_by(self) -> dict:
        """id -> the ids whose formulas (derivation steps above all) use it, in catalogue order."""
        index: dict = {}
        for e in self.entries.values():
            for _, _, f in e.formulas():
                for u in f.uses:
                    if e.id not in index.setdefault(u, []):
                        index[u].append(e.id)
        return index

    def get(self, entry_id: str, default=None):
        return self.entries.get(entry_id.upper(), default)

    def filter(self, topic: str | None = None, assumption: str | None = None, kind: str | None = None,
               source: str | None = None, cookbook_eq: int | None = None) -> list[Identity]:
        """Live entries matching every criterion given."""
        out = []
        for r in self:
            if topic and r.topic != topic:
                continue
            if assumption and assumption not in r.all_assumptions():
                continue
            if kind and r.kind != kind:
                continue
            if source and not any(ref.source == source for ref in r.references):
                continue
            if cookbook_eq is not None and not any(ref.eq == cookbook_eq for ref in r.references):
                continue
            out.append(r)
        return out


def _location(exc: BaseException, path: str) -> int:
    if isinstance(exc, SyntaxError) and exc.lineno:
        return exc.lineno
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if Path(frame.filename).resolve() == Path(path).resolve():
            return frame.lineno or 0
    return 0


def load_file(path: str | Path, module: str | None = None, topic: str = "") -> tuple[list, list]:
    """Records defined in one file, and the problems met loading it."""
    path = str(path)
    problems: list[Problem] = []
    with collecting() as records:
        try:
            if module:
                if module in sys.modules:
                    importlib.reload(sys.modules[module])
                else:
                    importlib.import_module(module)
            else:
                runpy.run_path(path, run_name="__records__")
        except Exception as exc:
            problems.append(Problem("MC000", "<file>", f"the file could not be loaded ({type(exc).__name__}: "
                                    f"{exc}); records after this line were not read", path, _location(exc, path)))
    good = []
    for r in records:
        r.topic = topic or r.topic or Path(path).stem
        found = r.problems()
        problems += found
        if not found:
            good.append(r)
    return good, problems


def topic_modules() -> list[str]:
    from . import entries

    present = sorted(p.stem for p in ENTRIES.glob("*.py") if p.stem != "__init__")
    ordered = [m for m in entries.ORDER if m in present]
    return ordered + [m for m in present if m not in ordered]


def load(extra: list | None = None) -> Catalogue:
    """The whole catalogue, plus records from ``extra`` files, validated."""
    cat = Catalogue()
    sources = [(str(ENTRIES / f"{m}.py"), f"identities.entries.{m}", m) for m in topic_modules()]
    sources += [(str(p), None, "") for p in (extra or [])]
    for path, module, slug in sources:
        records, problems = load_file(path, module, slug)
        cat.problems += problems
        if module:
            mod = sys.modules.get(module)
            doc = (getattr(mod, "__doc__", None) or slug).strip().splitlines()
            cat.topics[slug] = Topic(slug, getattr(mod, "TITLE", doc[0].rstrip(".")),
                                     " ".join(line.strip() for line in doc[1:]).strip())
        for r in records:
            if r.id in cat.entries:
                first = cat.entries[r.id]
                cat.problems.append(r.problem("MC016", "id", f"id {r.id} is already used by "
                                              f"'{first.title}' at {first.file}:{first.line}; "
                                              "get a fresh one with `python -m identities new`"))
                continue
            cat.entries[r.id] = r
            if r.topic in cat.topics:
                cat.topics[r.topic].ids.append(r.id)
    return cat


def registry_problems(cat: Catalogue, path=registry.PATH) -> list[Problem]:
    """Ids in the catalogue but not registered, and registered ids that have disappeared."""
    rows = [row for row in registry.read(path) if not row.get("reserved")]
    out = []
    seen = set()
    for row in rows:
        if row["id"] in seen:
            out.append(Problem("MC019", "id", f"id {row['id']} is registered twice: an id is never reused",
                               str(path), 0, row["id"]))
        seen.add(row["id"])
        if not row.get("claim"):
            out.append(Problem("MC019", "id", f"the registry row of {row['id']} carries no claim key, so a reuse "
                               "of the id for another claim could not be seen", str(path), 0, row["id"]))
    for r in cat.entries.values():
        if r.id not in seen:
            out.append(r.problem("MC017", "id", f"id {r.id} is not in the registry; run "
                                 "`python -m identities register` and commit identities/registry.jsonl"))
    for row in rows:
        r = cat.entries.get(row["id"])
        if r is not None and row.get("claim") and row["claim"] != registry.claim_key(r) and not r.history:
            out.append(r.problem("MC028", "id", f"id {r.id} was published for another claim "
                                 f"({row.get('title', '')!r}); an id is never reused: get a fresh one with "
                                 "`python -m identities new`, or, if this corrects that claim, say how in "
                                 "history=[Change(...)]"))
    broken_files = {p.file for p in cat.problems}
    for row in rows:
        if row["id"] not in cat.entries:
            out.append(Problem("MC018", "id", f"id {row['id']} ('{row.get('title', '')}') was published and "
                               "is no longer in the catalogue; never delete an entry: keep it with "
                               "withdrawn=Withdrawal(date, reason, replaced_by)"
                               + (" (or mend the file that failed to load)" if broken_files else ""),
                               str(path), 0, row["id"]))
    return out


def load_dir(path) -> Catalogue:
    """A catalogue from every *.py file of a directory, one topic a file (the scale benchmark's
    synthetic catalogues, and the preview of a contributor's file)."""
    cat = Catalogue()
    for f in sorted(Path(path).glob("*.py")):
        records, problems = load_file(f, topic=f.stem)
        cat.problems += problems
        cat.topics[f.stem] = Topic(f.stem, f.stem.replace("_", " ").capitalize(), "")
        for r in records:
            cat.entries[r.id] = r
            cat.topics[f.stem].ids.append(r.id)
    return cat


_CACHE: Catalogue | None = None


def catalogue() -> Catalogue:
    """The catalogue, loaded once per process."""
    global _CACHE
    if _CACHE is None:
        _CACHE = load()
    return _CACHE
