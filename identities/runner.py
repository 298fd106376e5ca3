"""Verifying many records, each within a time limit, in a worker process that can be stopped.

Records are code and may misbehave: a checker can loop forever, call ``os._exit`` or crash the
interpreter. So the command line, the audit, the tests and the site verify through this runner:
one worker process per core for the whole run (forked, so each shares the loaded records and costs
no re-import), each fed one record at a time. When a record overruns its limit the worker is killed, that
record is reported as timed out, and a fresh worker carries on with the next one.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
import time
import traceback

from .verify import Report, verify

# Seconds for one record's whole verification (instances, mutations, formulas, errata). The
# slowest entry takes well under a second; a record may ask for more with time_limit (and a reason).
DEFAULT_TIME_LIMIT = 10.0
# workers verifying at once: one per core, up to this many
MAX_WORKERS = 4


def time_limit(record) -> float:
    return float(record.time_limit) if isinstance(getattr(record, "time_limit", None), (int, float)) \
        else DEFAULT_TIME_LIMIT


def _worker(records, conn, options):
    # a record's garbage is collected as usual, whatever its parent does (a site build runs without)
    gc.enable()
    # the parent prints; a record's own output goes nowhere
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    while True:
        try:
            index = conn.recv()
        except EOFError:
            break
        if index is None:
            break
        try:
            result = verify(records[index], **options)
        except BaseException as exc:  # noqa: BLE001 - verify() catches the record's faults; this is ours
            result = f"the verifier itself failed: {type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"
        try:
            conn.send(result)
        except Exception as exc:  # noqa: BLE001 - an unpicklable report
            conn.send(f"the report could not be sent back: {type(exc).__name__}: {exc}")


def _failed(record, message: str, timed_out: float = 0.0) -> Report:
    from .verify import InstanceResult, TOLERANCE

    rep = Report(record.id, record.kind, record.tolerance or TOLERANCE.get(record.kind, 0.0))
    rep.timed_out = timed_out
    if not timed_out:
        rep.instances.append(InstanceResult(0, "?", float("inf"), message, "<verifier>"))
    return rep


class _Worker:
    def __init__(self, records, options):
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(records, child, options), daemon=True)
        self.proc.start()
        child.close()

    def run(self, index, limit):
        """The worker's result for record ``index``, or None when it did not answer in time."""
        try:
            self.conn.send(index)
            if self.conn.poll(limit):
                return self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self.proc.join(1)
            return f"the worker process died while verifying it (exit code {self.proc.exitcode})"
        return None

    def stop(self, kill=False):
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


def stderr_progress(label: str, every: float = 2.0):
    """A ``progress`` callback for long runs: after ``every`` seconds, and every ``every`` seconds
    from then on, a line on stderr saying how far the run is (a short run prints nothing)."""
    start = time.perf_counter()
    state = {"next": start + every}

    def progress(done, total, record, report):
        now = time.perf_counter()
        if now >= state["next"] or (done == total and state["next"] > start + every):
            print(f"  ... {label}: {done}/{total} entries verified, {now - start:.0f} s", file=sys.stderr, flush=True)
            state["next"] = now + every
    return progress


def verify_all(records, *, seed=None, instances=None, mutations=True, formulas=True, progress=None,
               isolate=True) -> dict:
    """id -> Report for every record, each verified within its time limit.

    ``progress(done, total, record, report)`` is called after each record. Without ``fork``
    (or with ``isolate=False``) records are verified in this process, with no time limit."""
    records = list(records)
    options = {"seed": seed, "instances": instances, "mutations": mutations, "formulas": formulas}
    out = {}
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if not isolate or not can_fork:
        for k, r in enumerate(records):
            out[r.id] = verify(r, **options)
            if progress:
                progress(k + 1, len(records), r, out[r.id])
        return out
    sys.stdout.flush()
    sys.stderr.flush()
    # one worker per core (records are independent), each driven by a thread that waits on its pipe
    lanes = max(1, min(len(records), os.cpu_count() or 1, MAX_WORKERS))
    queue = iter(range(len(records)))
    lock = threading.Lock()
    done = [0]
    errors = []

    def lane():
        worker = _Worker(records, options)
        try:
            while True:
                with lock:
                    k = next(queue, None)
                if k is None:
                    return
                r = records[k]
                limit = time_limit(r)
                start = time.perf_counter()
                result = worker.run(k, limit)
                if result is None:
                    worker.stop(kill=True)
                    rep = _failed(r, "", timed_out=limit)
                    rep.seconds = time.perf_counter() - start
                    worker = _Worker(records, options)
                elif isinstance(result, str):
                    rep = _failed(r, result)
                    if not worker.proc.is_alive():
                        worker.stop(kill=True)
                        worker = _Worker(records, options)
                else:
                    rep = result
                with lock:
                    out[r.id] = rep
                    done[0] += 1
                    if progress:
                        progress(done[0], len(records), r, rep)
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            errors.append(exc)
        finally:
            worker.stop()

    threads = [threading.Thread(target=lane, daemon=True) for _ in range(lanes)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    # in the records' order, as a single worker would give them
    out = {r.id: out[r.id] for r in records}
    return out
