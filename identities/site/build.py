"""The build's state and caches: the catalogue loaded once per process, the verifier's reports,
the sympy cross-checks and their cache next to the build, and the stub page of each entry with a
digest of everything its page shows (so that an incremental build re-reads only what changed).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sphinx.util import logging

from identities import registry
from identities.catalogue import load, load_dir
from identities.crosscheck import crosscheck_all
from identities.runner import verify_all
from identities.verify import verify

from . import render as R

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
# Pages depend on the site's own code: a change to it changes every digest, so every page is re-read.
RENDERER = R.digest(*(p.read_text() for p in sorted(HERE.glob("*.py"))))
# ... and on the modules whose words and constants every page shows (sources, assumption sentences,
# the verifier's tolerances and sentences): Sphinx re-reads every page when one of them changes.
SHARED_INPUTS = [str(HERE.parent / f) for f in ("bibliography.py", "assumptions.py", "verify.py", "model.py",
                                                 "formulas.py", "runner.py", "search.py")]


class Site:
    cat = None
    builder = None  # the builder writing the site (its translator writes generated pages while they are read)
    reports: dict = {}
    published: dict = {}
    base_url = ""
    version = ""

    @classmethod
    def load(cls, app):
        extra_dir = cls.catalogue_dir = app.config.mc_catalogue_dir
        if extra_dir:
            cls.cat = load_dir(extra_dir)
        else:
            cls.cat = load()
        for p in cls.cat.problems:
            logger.warning(f"catalogue: {p}", type="mc", subtype="record")
        cls.published = registry.published()
        cls.base_url = app.config.html_baseurl.rstrip("/") + "/"
        cls.version = app.config.release

    _by_eq = None

    @classmethod
    def by_equation(cls) -> dict:
        """Cookbook equation number -> ids citing it, in catalogue order."""
        if cls._by_eq is None or cls._by_eq[0] is not cls.cat:
            index: dict = {}
            for e in cls.cat.entries.values():
                for ref in e.references:
                    if ref.eq is not None and e.id not in index.setdefault(ref.eq, []):
                        index[ref.eq].append(e.id)
            cls._by_eq = (cls.cat, index)
        return cls._by_eq[1]

    @classmethod
    def report(cls, r):
        if r.id not in cls.reports:
            if r.live:
                cls.all_reports()
            else:
                cls.reports[r.id] = verify(r)
        return cls.reports[r.id]

    reports_path: Path | None = None

    @classmethod
    def all_reports(cls) -> dict:
        """Every live entry's report: verified all at once, in the main process before Sphinx forks
        its writers, each record within its time limit (a record that loops is reported on its
        page, not a hung build). Reports of records whose inputs are unchanged come from the cache
        next to the build."""
        todo = [e for e in cls.cat.entries.values() if e.live and e.id not in cls.reports]
        if todo:
            cls.reports.update(cached_reports(todo, cls.reports_path))
        return cls.reports

    _used_by = None

    @classmethod
    def used_by(cls) -> dict:
        """id -> the ids whose derivations (or other formulas) use it, in catalogue order."""
        if cls._used_by is None or cls._used_by[0] is not cls.cat:
            cls._used_by = (cls.cat, cls.cat.used_by())
        return cls._used_by[1]

    _relations = None

    @classmethod
    def relations(cls):
        """The related entries of every entry (identities/site/related.py)."""
        from .related import Relations

        if cls._relations is None or cls._relations.cat is not cls.cat:
            cls._relations = Relations(cls.cat, cls.used_by())
        return cls._relations

    # sympy cross-checks: seconds each, so they run in a second process while Sphinx reads, and
    # their outcomes are kept next to the build, keyed by what the record claims and sympy's version
    crosschecks: dict = {}
    cache_path: Path | None = None
    pending = None
    todo: dict = {}
    catalogue_dir = ""

    @classmethod
    def start_crosschecks(cls, outdir):
        import json
        from importlib.metadata import version

        sympy_version = version("sympy")  # importing sympy itself takes half a second
        cls.cache_path = Path(outdir).parent / ".mc-crosscheck.json"
        cls.reports_path = Path(outdir).parent / ".mc-reports.pickle"
        try:
            cached = json.loads(cls.cache_path.read_text())
        except (OSError, ValueError):
            cached = {}
        cls.crosschecks = {}
        cls.todo = {}
        for r in cls.cat.entries.values():
            if getattr(r, "symbolic", None) is None:
                continue
            key = R.digest(R.checked_source(r), sympy_version)
            if key in cached:
                cls.crosschecks[r.id] = cached[key]
            else:
                cls.todo[r.id] = key
        if len(cls.todo) > 4:
            # A separate interpreter, not a fork: it runs while Sphinx reads (its forked workers
            # included), and only the main process waits for it. One: the whole catalogue's take
            # 6-8 s, well inside the reading, and a second interpreter would import sympy again.
            cls.pending = [subprocess.Popen(
                [sys.executable, "-m", "identities.crosscheck", cls.catalogue_dir or "", *cls.todo],
                cwd=HERE.parents[1], stdout=subprocess.PIPE, text=True)]
        elif cls.todo:  # an edited record or two: cheaper here than in a new interpreter
            cls.store_crosschecks(crosscheck_all(cls.cat, cls.todo))

    @classmethod
    def crosscheck(cls, r):
        import json

        if cls.pending is not None:
            results = {}
            for proc in cls.pending:
                out, _ = proc.communicate()
                if proc.returncode != 0:
                    logger.warning("the sympy cross-checks failed (exit status %s); entry pages say so",
                                   proc.returncode, type="mc", subtype="crosscheck")
                results.update(json.loads(out or "{}"))
            cls.pending = None
            cls.store_crosschecks(results)
        return cls.crosschecks.get(r.id) if r is not None else None

    @classmethod
    def store_crosschecks(cls, results: dict):
        for entry_id, result in results.items():
            cls.crosschecks[entry_id] = {**result, "key": cls.todo[entry_id]}
        cls.save_crosschecks()

    @classmethod
    def save_crosschecks(cls):
        import json

        if cls.cache_path is not None:
            data = {v["key"]: v for v in cls.crosschecks.values() if "key" in v}
            cls.cache_path.parent.mkdir(parents=True, exist_ok=True)
            cls.cache_path.write_text(json.dumps(data, sort_keys=True, indent=0))


# A report depends on the record's module (its helpers too), the helpers shared by the records, the
# library's own modules (the verifier, the sampler, the vocabulary) and the numerical libraries.
LIBRARY = R.digest(*(p.read_text() for p in sorted(HERE.parent.glob("*.py"))),
                   (HERE.parent / "entries" / "__init__.py").read_text(), sys.version)


def report_key(r, files: dict) -> str:
    import numpy

    if r.file not in files:
        try:
            files[r.file] = R.digest(Path(r.file).read_text())
        except OSError:
            files[r.file] = None
    if files[r.file] is None:
        return ""
    return R.digest(LIBRARY, numpy.__version__, files[r.file], r.id)


def cached_reports(records, path: Path | None, verify_fn=verify_all) -> dict:
    """Reports of ``records``: from the cache at ``path`` where a record's inputs have not changed
    since it was verified (an edit re-verifies the records of its file), the others verified now;
    the cache then keeps this catalogue's reports only."""
    import pickle

    cached: dict = {}
    if path is not None:
        try:
            cached = pickle.loads(path.read_bytes())  # written by this function, next to the build
        except Exception:  # noqa: BLE001 - a missing, old or damaged cache is an empty one
            cached = {}
        if not isinstance(cached, dict):
            cached = {}
    files: dict = {}
    keys = {r.id: report_key(r, files) for r in records}
    out = {r.id: cached[keys[r.id]] for r in records if keys[r.id] and keys[r.id] in cached}
    missing = [r for r in records if r.id not in out]
    if missing:
        out.update(verify_fn(missing))
    if path is not None and missing:
        # only passing reports are kept: a failure may be a time limit on a busy machine
        current = set(keys.values())
        keep = {**{k: v for k, v in cached.items() if k in current},
                **{keys[r.id]: out[r.id] for r in missing if keys[r.id] and getattr(out[r.id], "passed", False)}}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pickle.dumps(keep))
        except OSError:
            pass  # a read-only place: the next build verifies again
    return out


def _write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_text() == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return True


def entry_digest(r) -> str:
    rel = [(i, Site.cat.entries[i].title) for i in related_ids(r) + Site.used_by().get(r.id, [])]
    rel += [(u, Site.cat.entries[u].title if u in Site.cat.entries else "") for _, _, f in r.formulas()
            for u in f.uses]
    return R.digest(RENDERER, R.record_source(r), r.file, Site.published.get(r.id), rel, Site.version,
                    Site.cat.topics.get(r.topic).title if r.topic in Site.cat.topics else r.topic)


def related_ids(r) -> list[str]:
    return [i for i, _ in Site.relations().related(r)]


def entry_target(entry_id: str) -> tuple[str, str]:
    """The document of an entry's page and the anchor of its statement."""
    return f"id/{entry_id}", f"mc-{entry_id.lower()}"


def _digest_line(d: str) -> str:
    # a comment, not a directive option: an option list costs docutils a nested state machine
    return f".. page digest {d}\n"


def write_stubs(app):
    src = Path(app.srcdir)
    cat = Site.cat
    wanted = set()
    for r in cat.entries.values():
        p = src / f"{entry_target(r.id)[0]}.rst"
        wanted.add(p)
        # the digest is the directive's second argument: anything after the directive would cost
        # docutils a nested state machine (~1 ms a page)
        _write_if_changed(p, f".. mc:entry:: {r.id} {entry_digest(r)}\n")
    for slug, topic in cat.topics.items():
        if not topic.ids:
            continue
        p = src / "topics" / f"{slug}.rst"
        wanted.add(p)
        d = R.digest(RENDERER, topic.title, topic.blurb, [(i, R.record_source(cat.entries[i])) for i in topic.ids])
        toc = "\n".join(f"   ../id/{i}" for i in topic.ids)
        _write_if_changed(p, f".. mc:topic:: {slug}\n\n{_digest_line(d)}\n.. toctree::\n   :hidden:\n\n{toc}\n")
    topics = [s for s, t in cat.topics.items() if t.ids]
    p = src / "topics" / "index.rst"
    wanted.add(p)
    _write_if_changed(p, "Topics\n======\n\n.. mc:topics::\n\n"
                      + _digest_line(R.digest([(s, cat.topics[s].title, len(cat.topics[s].ids)) for s in topics]))
                      + "\n.. toctree::\n   :hidden:\n\n" + "\n".join(f"   {s}" for s in topics) + "\n")
    # a record that is gone (a synthetic catalogue swapped out) must not leave a page behind
    for folder in ("id", "topics"):
        for old in (src / folder).glob("*.rst"):
            if old not in wanted:
                old.unlink()




def catalogue_digest() -> str:
    return R.digest(RENDERER, [(r.id, r.title, r.latex, [(e.what, e.printed) for e in r.errata], r.topic, r.live,
                               [(x.source, x.locator, x.eq, x.note) for x in r.references])
                              for r in Site.cat.entries.values()],
                    [(s, t.title, t.blurb) for s, t in Site.cat.topics.items()])


