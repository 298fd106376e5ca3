"""``python -m identities``: a thin face over the library the tests and the site use."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__, assumptions, registry
from .catalogue import Catalogue, catalogue, load, registry_problems
from .model import KINDS


def entry_json(r, cat: Catalogue | None = None, report=None) -> dict:
    """One entry as plain data: the export format, and what the site's search indexes."""
    topic = cat.topics.get(r.topic) if cat is not None else None  # len(cat) counts the catalogue
    out = {
        "id": r.id,
        "title": r.title,
        "latex": r.latex,
        "kind": r.kind,
        "topic": r.topic,
        "topic_title": topic.title if topic else r.topic,
        "variables": [{"name": n, "tex": v.tex_for(n), "shape": [str(d) for d in v.shape], "kind": v.kind,
                       "assumptions": list(v.assume), "description": v.description}
                      for n, v in r.variables.items()],
        "assumptions": [{"variable": n, "name": w,
                         "sentence": assumptions.VOCABULARY[w].sentence.format(v=r.variables[n].tex_for(n).lstrip("\\"))}
                        for n, w in r.assumption_words()],
        "conditions": r.conditions,
        "layout": getattr(r, "layout", None),
        "wrt": list(r.wrt) if isinstance(getattr(r, "wrt", None), tuple) else getattr(r, "wrt", None),
        "differential": r.differential.latex if r.differential is not None else None,
        "references": [{"source": ref.source, "locator": ref.locator, "eq": ref.eq, "note": ref.note}
                       for ref in r.references],
        "aliases": list(r.aliases),
        "notes": r.notes,
        "url": r.url(),
        "withdrawn": None if r.live else {"date": r.withdrawn.date, "reason": r.withdrawn.reason,
                                          "replaced_by": r.withdrawn.replaced_by},
    }
    if r.kind == "ad_rule":
        out.update(primitive=r.primitive, outputs=list(r.outputs), crosswalk=dict(r.crosswalk), gauge=r.gauge)
    if report is not None:
        out.update(formula_json(r, report))
    return out


def formula_json(r, report) -> dict:
    """Every formula the entry's page displays, each with whether its check passed; the derivation;
    the errata with the verifier's evidence against each printed formula."""
    ok = report.ok and not report.weak_mutations()
    statement_ok = report.ok and not any(i.field == "other_layout" for i in report.failing)
    formulas = [{"role": "statement", "latex": r.latex, "checked": bool(report.instances) and statement_ok
                 and all(not i.error and i.score <= report.tolerance for i in report.instances)}]
    # the kind's own formulas (a rule's JVP and VJP) are checked by its verifier with the statement
    formulas += [{"role": role, "latex": tex, "checked": formulas[0]["checked"]}
                 for role, _, tex in r.statement_formulas()]
    if getattr(r, "other_layout", ()):
        formulas.append({"role": "other_layout", "latex": r.other_layout[0],
                         "checked": bool(report.instances) and not report.failing})
    steps = []
    for role, name, f in r.formulas():
        res = report.formula(name)
        checked = bool(res is not None and res.ok and "accepted" not in res.mutations.values())
        if role == "step":
            steps.append({"latex": f.latex, "uses": list(f.uses), "checked": checked})
        else:
            formulas.append({"role": role, "latex": f.latex, "checked": checked, "uses": list(f.uses)})
    reach = report.formula("derivation")
    errata = []
    results = {e.field: e for e in report.errata}
    for i, e in enumerate(r.errata):
        res = results.get(f"errata[{i}]")
        errata.append({"source": e.source.source if e.source else None,
                       "locator": e.source.locator if e.source else None,
                       "printed_latex": e.printed or None, "what": e.what,
                       "refuted": bool(res and res.refuted),
                       "counterexample": ({"seed": res.seed, "sizes": res.sizes, "error": res.error}
                                          if res and res.refuted else None),
                       "what_holds": r.latex})
    return {"formulas": formulas, "derivation": steps,
            "derivation_reaches_claim": bool(reach and reach.ok) if steps else None,
            "errata": errata, "verified": ok}


def _entries(cat, ids):
    out = []
    for i in ids:
        if i not in cat:
            sys.exit(f"error: no entry with id {i!r} (python -m identities search WORDS finds ids)")
        out.append(cat[i])
    return out


def checkout() -> Path | None:
    """The repository this package runs from, or None when it is installed (a wheel in
    site-packages): commands that write records or the registry need the repository."""
    root = Path(__file__).resolve().parents[1]
    if "site-packages" in root.parts or "dist-packages" in root.parts:
        return None
    if not ((root / "pyproject.toml").is_file() and (root / "identities" / "entries").is_dir()):
        return None
    return root


def _needs_checkout(command: str) -> int | None:
    if checkout() is None:
        print(f"error: `{command}` writes into the repository (identities/entries, identities/registry.jsonl), "
              "and this package is installed, not a checkout: run it in a clone of the repository",
              file=sys.stderr)
        return 2
    return None


def cmd_list(args):
    cat = catalogue()
    if args.topic and args.topic not in cat.topics:
        print(f"error: no topic {args.topic!r}; the topics are: {', '.join(cat.topics)}", file=sys.stderr)
        return 2
    rows = cat.filter(topic=args.topic, assumption=args.assumption, kind=args.kind)
    if args.json:
        print(json.dumps([{"id": r.id, "title": r.title, "kind": r.kind, "topic": r.topic, "url": r.url()}
                          for r in rows], indent=2, ensure_ascii=False))
        return 0
    for r in rows:
        print(f"{r.id}  {r.title}")
    return 0


def cmd_show(args):
    cat = catalogue()
    (r,) = _entries(cat, [args.id])
    if args.json:
        from .runner import verify_all

        print(json.dumps(entry_json(r, cat, verify_all([r])[r.id] if r.live else None), indent=2,
                         ensure_ascii=False, default=float))
        return 0
    d = entry_json(r, cat)
    print(f"{r.id}  {r.title}  [{d['topic_title']}; {r.kind}]")
    if not r.live:
        print(f"WITHDRAWN {r.withdrawn.date}: {r.withdrawn.reason}"
              + (f" See {r.withdrawn.replaced_by}." if r.withdrawn.replaced_by else ""))
    print(f"\n  {r.latex}\n")
    if r.differential:
        print(f"  differential: {r.differential}")
    if d["layout"]:
        print(f"  layout: {d['layout']} (derivative with respect to {d['wrt']})")
    print("  variables:")
    for v in d["variables"]:
        extra = f", {', '.join(v['assumptions'])}" if v["assumptions"] else ""
        print(f"    {v['name']}: {' x '.join(v['shape']) or 'scalar'}{extra}")
    for a in d["assumptions"]:
        print(f"  assume: {a['sentence']}")
    if r.conditions:
        print(f"  assume: {r.conditions}")
    for ref in r.references:
        print(f"  reference: {ref.text()}" + (f" ({ref.note})" if ref.note else ""))
    if r.aliases:
        print(f"  also: {'; '.join(r.aliases)}")
    if r.notes:
        print(f"  note: {r.notes}")
    print(f"  page: {r.url()}\n  defined at: {r.file}:{r.line}")
    return 0


def cmd_search(args):
    from .search import Index

    cat = catalogue()
    hits = Index(cat, cat.topics).search(" ".join(args.words), limit=args.limit)
    if args.json:
        print(json.dumps([{"id": r.id, "title": r.title, "score": round(s, 3), "url": r.url()} for s, r in hits],
                         indent=2, ensure_ascii=False))
    else:
        for s, r in hits:
            print(f"{r.id}  {r.title}")
        if not hits:
            print("no entry matches", file=sys.stderr)
    return 0 if hits else 1


def cmd_check(args):
    from .catalogue import ENTRIES
    from .runner import stderr_progress, verify_all

    # checking a file runs its Python; an argument that does not end in .py is an id, never a file
    paths = [a for a in args.targets if a.endswith(".py")]
    ids = [a for a in args.targets if a not in paths]
    missing = [p for p in paths if not Path(p).is_file()]
    if missing:
        print(f"error: no such file {missing[0]!r}", file=sys.stderr)
        return 2
    # files of the catalogue are loaded with it; only outside files are extra
    cat = load(extra=[p for p in paths if Path(p).resolve().parent != ENTRIES.resolve()])
    records, problems = [], []
    if paths:
        resolved = {str(Path(p).resolve()) for p in paths}
        records += [r for r in cat.entries.values() if str(Path(r.file).resolve()) in resolved]
        problems += [p for p in cat.problems if str(Path(p.file).resolve()) in resolved]
    if ids:
        wanted = {i.upper() for i in ids}
        problems += [p for p in cat.problems if p.id in wanted]
        records += _entries(cat, [i for i in ids if i in cat or not any(p.id == i.upper() for p in problems)])
    if not paths and not ids:
        records, problems = list(cat), list(cat.problems)
    records = list(dict.fromkeys(records))
    if paths or ids:
        # the audit's rules that concern these records alone
        from .audit import reference_problems, render_problems, tautology_problems

        chosen = {r.id for r in records}
        problems += [p for r in records for p in tautology_problems(r)]
        problems += [p for p in reference_problems(cat) if p.id in chosen]
        problems += [p for p in registry_problems(cat) if p.code == "MC028" and p.id in chosen]
        problems += render_problems(records) or []
    for p in problems:
        print(p, file=sys.stderr)
    live = [r for r in records if r.live]
    reports = verify_all(live, seed=args.seed, instances=args.instances, mutations=not args.no_mutations,
                         progress=stderr_progress("check"))
    failed = 0
    rows = []
    for r in records:
        if not r.live:
            print(f"withdrawn  {r.id}  {r.title}")
            continue
        rep = reports[r.id]
        killed, total = rep.mutation_kill_rate()
        rows.append({"id": r.id, "title": r.title, "verified": rep.passed, "instances": len(rep.instances),
                     "largest_error": rep.max_raw, "tolerance": rep.tolerance, "wrong_answers_rejected": killed,
                     "wrong_answers_tried": total, "seconds": round(rep.seconds, 4),
                     "failure": None if rep.passed else rep.describe_failure(r)})
        if rep.passed:
            if args.verbose or ids or paths:
                steps = f", {len(r.derivation)}-step derivation" if r.derivation else ""
                print(f"ok  {r.id}  {r.title}  ({len(rep.instances)} instances, largest error {rep.max_raw:.1e}, "
                      f"tolerance {rep.tolerance:.0e}, {killed}/{total} wrong answers rejected{steps})")
        else:
            failed += 1
            print(f"FAIL  {r.id}  {r.title}\n{rep.describe_failure(r)}", file=sys.stderr)
    print(f"{len(records) - failed} of {len(records)} entries verified; {len(problems)} problems", file=sys.stderr)
    if getattr(args, "json", False):
        print(json.dumps({"entries": rows, "problems": [str(p) for p in problems]}, indent=2, ensure_ascii=False,
                         default=float))
    if args.preview and _needs_checkout("check --preview"):
        return 2
    if args.preview:
        from .site.preview import preview  # the site's renderer: needs the docs dependencies

        files = sorted({r.file for r in records if r.file})
        for page in preview(files):
            print(f"preview: {page}")
    return 1 if failed or problems or not records else 0


def cmd_export(args):
    from . import dataset
    from .runner import stderr_progress, verify_all

    cat = catalogue()
    reports = verify_all([r for r in cat.entries.values() if r.live], progress=stderr_progress("export"))
    if args.format == "schema":
        text = json.dumps(dataset.schema(args.base_url), indent=1, ensure_ascii=False)
    elif args.format == "jsonl":
        text = "\n".join(json.dumps(e, ensure_ascii=False, default=float)
                         for e in dataset.entries(cat, reports, args.base_url))
    else:
        text = json.dumps(dataset.document(cat, reports, args.base_url), indent=1, ensure_ascii=False, default=float)
    if args.output:
        Path(args.output).write_text(text + "\n")
    else:
        print(text)
    return 0


def cmd_concordance(args):
    from . import concordance as C

    cat = catalogue()
    rows = C.rows(cat)
    if args.chapter is not None:
        rows = [r for r in rows if r.chapter == args.chapter]
    if args.json:
        print(json.dumps([r.as_dict() for r in rows], indent=1, ensure_ascii=False))
        return 0
    for r in rows:
        what = " ".join(r.entries) if r.entries else r.reason
        print(f"({r.eq:>3})  {r.section[:42]:<42}  {r.status:<11}  {what}")
    print()
    for c in C.summary(rows):
        if c["equations"]:
            share = (c["verified"] + c["erratum"]) / c["equations"]
            print(f"chapter {c['chapter']:>2} {c['title']:<30} {c['equations']:>3} equations: {c['verified']} verified, "
                  f"{c['erratum']} errata, {c['definition']} definitions, {c['not-a-claim']} not claims, "
                  f"{c['unknown']} unknown ({share:.0%} verified or erratum)")
    problems = C.problems(cat) if args.chapter is None else []
    for p in problems:
        print(p, file=sys.stderr)
    unknown = sum(r.status == "unknown" for r in rows)
    return 1 if problems or unknown else 0


def cmd_register(args):
    refused = _needs_checkout("register")
    if refused:
        return refused
    cat = catalogue()
    for p in cat.problems:
        print(p, file=sys.stderr)
    added = registry.append(cat.entries.values(), __version__)
    print(f"registered {len(added)} new ids" + (f": {' '.join(added)}" if added else ""))
    return 0


def cmd_audit(args):
    from .audit import audit
    from .rules import RULES

    unknown = [c for c in args.ignore if c not in RULES]
    if unknown:
        print(f"error: unknown audit code {unknown[0]!r} (MC031); the codes are listed in CONTRIBUTING.md",
              file=sys.stderr)
        return 2
    return audit(new_only=args.new, strict=args.strict, ignore=tuple(args.ignore), as_json=args.json)


def cmd_new(args):
    from .scaffold import new

    if not args.id_only:
        refused = _needs_checkout("new")
        if refused:
            return refused
    return new(args)


def cmd_try(args):
    from .trial import try_claim

    res = try_claim(args.f, args.claim, wrt=args.wrt, shapes=args.shapes, assume=args.assume, layout=args.layout,
                    seed=args.seed, instances=args.instances)
    if args.json:
        print(res.to_json())
    else:
        print(res.text(), file=sys.stdout if res.exit_code != 2 else sys.stderr)
    return res.exit_code


def cmd_bench(args):
    from .bench import main as bench

    return bench(args)


def _glued(argv, options):
    """``--claim -2*X`` as ``--claim=-2*X``: argparse would take a value that begins with a minus
    sign for an option."""
    out, i = [], 0
    while i < len(argv):
        if argv[i] in options and i + 1 < len(argv):
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
        else:
            out.append(argv[i])
            i += 1
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m identities", description="The Tested Matrix Calculus Cookbook.")
    p.add_argument("--version", action="version", version=__version__)
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("list", help="ids and titles")
    s.add_argument("--topic")
    s.add_argument("--assumption", choices=sorted(assumptions.VOCABULARY))
    s.add_argument("--kind", choices=sorted(KINDS))
    s.add_argument("--json", action="store_true")
    s.set_defaults(fn=cmd_list)

    s = sub.add_parser("show", help="one entry: statement, variables, assumptions, references")
    s.add_argument("id")
    s.add_argument("--json", action="store_true", help="the entry as the export gives it, with its checks")
    s.set_defaults(fn=cmd_show)

    s = sub.add_parser("search", help="ranked ids for the words you type")
    s.add_argument("words", nargs="+")
    s.add_argument("--json", action="store_true")
    s.add_argument("--limit", type=int, default=10)
    s.set_defaults(fn=cmd_search)

    s = sub.add_parser("check", help="verify entries (all, some ids, or a file of records)")
    s.add_argument("targets", nargs="*", metavar="ID|PATH.py")
    s.add_argument("--seed", type=int, help="first instance seed (default: derived from the id)")
    s.add_argument("--instances", type=int, help="number of random instances (default: the entry's)")
    s.add_argument("--no-mutations", action="store_true", help="skip proving that wrong answers are rejected")
    s.add_argument("--preview", action="store_true", help="also render the page of each record checked")
    s.add_argument("-v", "--verbose", action="store_true")
    s.add_argument("--json", action="store_true", help="one object per entry checked, on stdout")
    s.set_defaults(fn=cmd_check)

    s = sub.add_parser("export", help="the catalogue as data")
    s.add_argument("--format", choices=["json", "jsonl", "schema"], default="json",
                   help="json: {schema, version, generated, entries}; jsonl: one entry a line; schema: the JSON Schema")
    s.add_argument("--base-url", default="https://tested-matrix-calculus-cookbook.org/",
                   help="where the entries' permanent pages are published")
    s.add_argument("-o", "--output")
    s.set_defaults(fn=cmd_export)

    s = sub.add_parser("concordance", help="every Matrix Cookbook equation, (1) to (550), and its status")
    s.add_argument("--json", action="store_true", help="a list of {eq, chapter, section, status, entries, reason}")
    s.add_argument("--chapter", type=int, help="one chapter only")
    s.set_defaults(fn=cmd_concordance)

    s = sub.add_parser("register", help="add new ids to the append-only registry")
    s.set_defaults(fn=cmd_register)

    s = sub.add_parser("audit", help="every rule, every record: exit 1 on any error")
    s.add_argument("--new", action="store_true", help="only records not yet in the registry")
    s.add_argument("--strict", action="store_true", help="advisories count as errors")
    s.add_argument("--ignore", action="append", default=[], metavar="CODE", help="leave out a rule (repeatable)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(fn=cmd_audit)

    s = sub.add_parser("new", help="scaffold a record with a fresh id")
    s.add_argument("--topic", help="module in identities/entries (default: ask)")
    s.add_argument("--create-topic", action="store_true", help="make a new topic module if --topic names none")
    s.add_argument("--kind", choices=sorted(KINDS), default="derivative")
    s.add_argument("--title", default="")
    s.add_argument("--id-only", action="store_true", help="print a fresh id and stop")
    s.set_defaults(fn=cmd_new)

    from .trial import ASSUME_HELP, SHAPES_HELP

    s = sub.add_parser("try", help="check your own gradient of a scalar function with the catalogue's verifier",
                       description="Checks that CLAIM is the gradient of the scalar F by WRT (NumPy expressions in the "
                                   "variables of --shapes, evaluated with only np and those variables). Exit 0: "
                                   "verified (and the catalogue's entries making the same claim); 1: wrong (the error, "
                                   "a reproducer and the likely mistake); 2: bad input.")
    s.add_argument("f", metavar="F", help="the scalar function, e.g. 'np.trace(A @ X @ B)'")
    s.add_argument("--claim", required=True, help="your gradient, e.g. 'A.T @ B.T'")
    s.add_argument("--wrt", required=True, help="the variable differentiated by")
    s.add_argument("--shapes", required=True, help=SHAPES_HELP)
    s.add_argument("--assume", help=ASSUME_HELP)
    s.add_argument("--layout", choices=["numerator", "denominator"], default="denominator",
                   help="denominator (default): the gradient has the shape of WRT; numerator: its transpose")
    s.add_argument("--seed", type=int, help="first instance seed (default: derived from the question)")
    s.add_argument("--instances", type=int, help="number of random instances (default 3)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(fn=cmd_try)

    s = sub.add_parser("bench", help="verification speed, margins and mutation kill rate")
    s.add_argument("--seeds", type=int, default=0, help="also run N seeds per entry for false failures")
    s.add_argument("--repeat", type=int, default=3)
    s.set_defaults(fn=cmd_bench)

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["try"]:
        argv = _glued(argv, ("--claim", "--wrt", "--shapes", "--assume"))
    args = p.parse_args(argv)
    try:
        return args.fn(args)
    except BrokenPipeError:
        # the reader went away (`... | head`): stop quietly, as other command-line tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
