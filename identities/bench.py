"""Benchmark of the verifier: speed, error margins, mutation kill rate, false failures.

Prints figures; asserts nothing (timings on shared machines are noisy, so they belong here
and not in tests).
"""
from __future__ import annotations

import statistics
import sys
import time
from collections import Counter, defaultdict

from .catalogue import catalogue
from .sample import base_seed
from .verify import MUTATIONS, verify

COOKBOOK_CHAPTER2 = range(32, 145)  # equations (32)-(144), "Derivatives"


def main(args) -> int:
    t0 = time.perf_counter()
    cat = catalogue()
    load_s = time.perf_counter() - t0
    entries = list(cat)
    print(f"entries: {len(entries)} live ({len(cat.entries) - len(entries)} withdrawn), "
          f"{len(cat.problems)} load problems, loaded in {load_s * 1e3:.0f} ms")
    by_topic = Counter(r.topic for r in entries)
    print("by topic: " + ", ".join(f"{cat.topics[t].title if t in cat.topics else t} {n}"
                                   for t, n in by_topic.items()))
    by_kind = Counter(r.kind for r in entries)
    print("by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items())))

    best: dict[str, float] = {}
    reports = {}
    for _ in range(max(1, args.repeat)):
        for r in entries:
            rep = verify(r)
            reports[r.id] = rep
            best[r.id] = min(best.get(r.id, float("inf")), rep.seconds)
    times = sorted(best.values())
    instances = sum(len(rep.instances) for rep in reports.values())
    slowest = max(best, key=best.get)
    print(f"instances: {instances} ({instances / len(entries):.1f} per entry)")
    print(f"verification incl. {len(MUTATIONS)} mutations, best of {args.repeat}: total {sum(times):.2f} s, "
          f"median per entry {statistics.median(times) * 1e3:.2f} ms, 90th percentile "
          f"{times[int(0.9 * (len(times) - 1))] * 1e3:.2f} ms, slowest {best[slowest] * 1e3:.1f} ms ({slowest})")

    for kind in sorted(by_kind):
        ts = sorted(best[r.id] for r in entries if r.kind == kind)
        print(f"  {kind}: median {statistics.median(ts) * 1e3:.2f} ms over {len(ts)} entries")
    print("  by topic: " + ", ".join(
        f"{t} {statistics.median(sorted(best[r.id] for r in entries if r.topic == t)) * 1e3:.2f} ms"
        for t in by_topic))
    derived = [r for r in entries if r.derivation]
    if derived:
        ts = sorted(best[r.id] for r in derived)
        print(f"  entries with a derivation: median {statistics.median(ts) * 1e3:.2f} ms over {len(ts)}")
    formulas = [f for rep in reports.values() for f in rep.formulas]
    steps = sum(len(r.derivation) for r in entries)
    print(f"formulas besides the statements: {len(formulas)} checked ({sum(f.ok for f in formulas)} pass); "
          f"differential forms {sum(f.role == 'differential' for f in formulas)}, further formulas "
          f"{sum(f.role == 'also' for f in formulas)}, derivation steps {steps} in {len(derived)} derivations "
          f"({sum(1 for r in entries for s_ in r.derivation if s_.uses)} steps cite an entry)")
    errata = [e for rep in reports.values() for e in rep.errata]
    print(f"errata: {len(errata)}, {sum(e.checkable for e in errata)} quote a printed formula, "
          f"{sum(e.refuted for e in errata)} refuted by a counterexample")

    failed = [i for i, rep in reports.items() if not rep.passed]
    print(f"verified: {len(entries) - len(failed)} of {len(entries)}" + (f"; FAILED: {' '.join(failed)}" if failed else ""))
    for label, verdicts in (("statements", [rep.mutations for rep in reports.values()]),
                            ("other formulas", [f.mutations for rep in reports.values() for f in rep.formulas])):
        killed = Counter()
        applicable = Counter()
        for mut in verdicts:
            for name, verdict in mut.items():
                if verdict != "not applicable":
                    applicable[name] += 1
                    killed[name] += verdict == "rejected"
        k, a = sum(killed.values()), sum(applicable.values())
        print(f"mutation kill rate ({label}): {k}/{a} = {100 * k / max(a, 1):.1f}% ("
              + ", ".join(f"{n} {killed[n]}/{applicable[n]}" for n in MUTATIONS) + ")")

    print("margins (correct claims must stay below the tolerance, wrong answers above it):")
    worst_ok = defaultdict(lambda: (0.0, ""))
    for i, rep in reports.items():
        s = rep.max_raw / rep.tolerance
        if s >= worst_ok[rep.kind][0]:
            worst_ok[rep.kind] = (s, i)
    for kind, (s, i) in sorted(worst_ok.items()):
        print(f"  {kind}: largest discrepancy of a correct claim {s:.1e} x tolerance ({i})")
    for name in MUTATIONS:
        vals = [(rep.mutation_scores[name] / rep.tolerance, i) for i, rep in reports.items()
                if name in rep.mutation_scores]
        if vals:
            s, i = min(vals)
            print(f"  {name}: wrong answers {s:.0f} x tolerance at the least ({i})")

    eqs = {ref.eq for r in entries for ref in r.references if ref.source == "matrix-cookbook-2012" and ref.eq}
    ch2 = eqs & set(COOKBOOK_CHAPTER2)
    print(f"Matrix Cookbook chapter 2 equations cited: {len(ch2)} of {len(COOKBOOK_CHAPTER2)} "
          f"(plus {len(eqs - ch2)} from other chapters)")

    if args.seeds:
        _false_failures(entries, args.seeds)
    return 0


def _false_failures(entries, n):
    t0 = time.perf_counter()
    false_fail = []
    escapes = Counter()
    worst = (0.0, "")
    for k, r in enumerate(entries):
        start = base_seed(r.id) + 10_000  # away from the seeds the tests use
        rep = verify(r, seed=start, instances=n, errata=False)
        for inst in rep.failing:
            false_fail.append(f"{r.id}@{inst.seed}")
        for f in rep.failing_formulas:
            false_fail.append(f"{r.id}:{f.field}@{f.seed}")
        if (k + 1) % 25 == 0 or k + 1 == len(entries):
            print(f"  ... {k + 1}/{len(entries)} entries, {time.perf_counter() - t0:.0f} s, "
                  f"{len(false_fail)} false failures so far", file=sys.stderr, flush=True)
        if rep.ok and rep.max_raw / rep.tolerance > worst[0]:
            worst = (rep.max_raw / rep.tolerance, r.id)
        for name, verdict in rep.mutations.items():
            escapes[name] += verdict == "accepted"
    print(f"false failures over {n} seeds per entry ({n * len(entries)} instances, "
          f"{time.perf_counter() - t0:.1f} s): {len(false_fail)}"
          + (f": {' '.join(false_fail[:20])}" if false_fail else ""))
    print(f"  largest discrepancy of a correct claim over those seeds (noise included): {worst[0]:.2e} x "
          f"tolerance ({worst[1]})")
    print(f"  wrong answers accepted on all {n} seeds: {dict(escapes) or 'none'}")
