"""The catalogue as a dataset: catalogue.json (an envelope {schema, version, generated, entries}),
catalogue.jsonl (one entry a line) and catalogue.schema.json (JSON Schema 2020-12). The site
publishes them at its root; ``python -m identities export --format json|jsonl`` writes the same.

Every entry carries what its page shows: formulas (each marked checked), derivation, variables,
assumptions, references with their full bibliography records, errata with the counterexample that
refutes each printed formula, history, related entries and the verification figures. Nothing in
it depends on the machine or the moment of the build except ``generated``, the date of the commit.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from . import __version__
from .bibliography import SOURCES
from .model import KINDS, PRIMITIVES

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
BASE_URL = "https://tested-matrix-calculus-cookbook.org/"
FILES = ("catalogue.json", "catalogue.jsonl", "catalogue.schema.json")


def generated() -> str:
    """The date the catalogue is from: $SOURCE_DATE_EPOCH, else the last commit's, else unknown
    (never the build's own clock: two builds of one commit must be identical)."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        import datetime
        return datetime.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]),
                                               datetime.timezone.utc).date().isoformat()
    root = Path(__file__).resolve().parents[1]
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=root, capture_output=True, text=True,
                             timeout=10)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return "unknown"


def _source(key: str) -> dict:
    s = SOURCES.get(key)
    if s is None:
        return {"key": key}
    return {"key": s.key, "authors": s.authors, "title": s.title, "year": s.year, "detail": s.detail,
            "url": s.url, "type": s.bibtex_type}


def entry(r, cat, report, base_url: str = BASE_URL, used_by=()) -> dict:
    """One entry as published."""
    from .cli import entry_json

    out = entry_json(r, cat, report)
    out["url"] = base_url.rstrip("/") + "/" + r.url()
    out["wrt"] = list(r.wrt_names)
    out["references"] = [{**ref_, "bibliography": _source(ref_["source"])} for ref_ in out["references"]]
    out["history"] = [{"date": c.date, "version": c.version, "what": c.what, "why": c.why} for c in r.history]
    uses = sorted({u for _, _, f in r.formulas() for u in f.uses})
    out["related"] = {"related": list(r.related), "uses": uses, "used_by": list(used_by)}
    for e, src in zip(out.get("errata", []), r.errata):
        e["bibliography"] = _source(src.source.source) if src.source else None
    if report is not None:
        killed, tried = report.mutation_kill_rate()
        out["verification"] = {"verified": report.passed, "instances": len(report.instances),
                               "largest_error": report.max_raw, "tolerance": report.tolerance,
                               "wrong_answers_rejected": killed, "wrong_answers_tried": tried,
                               "formulas_checked": len(report.formulas)}
    else:
        out.setdefault("formulas", [{"role": "statement", "latex": r.latex, "checked": False}])
        out.setdefault("derivation", [])
        out.setdefault("errata", [])
        out["verification"] = None
    return out


def entries(cat, reports, base_url: str = BASE_URL) -> list[dict]:
    used_by = cat.used_by()
    return [entry(r, cat, reports.get(r.id), base_url, used_by.get(r.id, ())) for r in cat.entries.values()]


def document(cat, reports, base_url: str = BASE_URL) -> dict:
    return {"schema": base_url.rstrip("/") + "/catalogue.schema.json", "version": __version__,
            "generated": generated(), "entries": entries(cat, reports, base_url)}


def write(outdir, cat, reports, base_url: str = BASE_URL) -> list[Path]:
    """The three files, written into ``outdir``; returns their paths."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    doc = document(cat, reports, base_url)
    paths = [outdir / f for f in FILES]
    # an entry a line in both files: indented JSON is written by json's pure-Python encoder, which
    # took 0.2 s of the rebuild after an edit; these lines are the C encoder's
    lines = [json.dumps(e, ensure_ascii=False, default=float) for e in doc["entries"]]
    head = json.dumps({k: v for k, v in doc.items() if k != "entries"}, ensure_ascii=False)[:-1]
    paths[0].write_text(head + ', "entries": [\n' + ",\n".join(lines) + "\n]}\n")
    paths[1].write_text("".join(line + "\n" for line in lines))
    paths[2].write_text(json.dumps(schema(base_url), indent=1, ensure_ascii=False) + "\n")
    return paths


def schema(base_url: str = BASE_URL) -> dict:
    string, strings = {"type": "string"}, {"type": "array", "items": {"type": "string"}}
    nullable = lambda t: {"type": [t, "null"]}  # noqa: E731
    bibliography = {"type": "object", "required": ["key"], "properties": {
        "key": string, "authors": string, "title": string, "year": {"type": "integer"}, "detail": string,
        "url": string, "type": string}}
    formula = {"type": "object", "required": ["role", "latex", "checked"], "properties": {
        "role": {"enum": ["statement", "jvp", "vjp", "other_layout", "differential", "also"]}, "latex": string,
        "checked": {"type": "boolean"}, "uses": strings}}
    step = {"type": "object", "required": ["latex", "uses", "checked"], "properties": {
        "latex": string, "uses": strings, "checked": {"type": "boolean"}}}
    erratum = {"type": "object", "required": ["source", "locator", "printed_latex", "refuted", "what_holds"],
               "properties": {"source": nullable("string"), "locator": nullable("string"),
                              "printed_latex": nullable("string"), "what": string, "refuted": {"type": "boolean"},
                              "counterexample": {"type": ["object", "null"]}, "what_holds": string,
                              "bibliography": {"type": ["object", "null"]}}}
    entry_ = {"type": "object", "required": [
        "id", "title", "latex", "kind", "topic", "variables", "assumptions", "wrt", "references", "aliases", "url",
        "formulas", "derivation", "errata", "history", "related", "verification"],
        "properties": {
            "id": {"type": "string", "pattern": "^[0-9A-HJ-NP-Z]{4}$"}, "title": string, "latex": string,
            "kind": {"enum": sorted(KINDS)}, "topic": string,
            "topic_title": string,
            "variables": {"type": "array", "items": {"type": "object", "required": ["name", "shape", "kind"]}},
            "assumptions": {"type": "array", "items": {"type": "object", "required": ["variable", "name", "sentence"]}},
            "conditions": string, "layout": nullable("string"), "wrt": strings,
            "differential": nullable("string"),
            "references": {"type": "array", "items": {"type": "object", "required": ["source", "locator", "bibliography"],
                                                      "properties": {"bibliography": bibliography}}},
            "aliases": strings, "notes": string,
            "url": {"type": "string", "pattern": "^https?://.+/id/[0-9A-Z]{4}\\.html$"},
            "withdrawn": {"type": ["object", "null"]},
            "formulas": {"type": "array", "minItems": 1, "items": formula},
            "derivation": {"type": "array", "items": step},
            "derivation_reaches_claim": {"type": ["boolean", "null"]},
            "errata": {"type": "array", "items": erratum},
            "history": {"type": "array", "items": {"type": "object", "required": ["date", "version", "what", "why"]}},
            "related": {"type": "object", "required": ["related", "uses", "used_by"],
                        "properties": {"related": strings, "uses": strings, "used_by": strings}},
            "verification": {"type": ["object", "null"], "required": ["verified", "instances", "largest_error",
                                                                      "tolerance", "wrong_answers_rejected"]},
            "verified": {"type": "boolean"},
            # AD rules only
            "primitive": {"enum": list(PRIMITIVES)},
            "outputs": strings,
            "crosswalk": {"type": "object", "required": ["pytorch", "jax"],
                          "properties": {"pytorch": string, "jax": string, "pytorch_derivative": string}},
            "gauge": string,
        },
        "if": {"properties": {"kind": {"const": "ad_rule"}}},
        "then": {"required": ["primitive", "crosswalk", "outputs"]}}
    return {"$schema": SCHEMA_URI, "$id": base_url.rstrip("/") + "/catalogue.schema.json",
            "title": "The Tested Matrix Calculus Cookbook", "type": "object",
            "required": ["schema", "version", "generated", "entries"],
            "properties": {"schema": string, "version": string, "generated": string,
                           "entries": {"type": "array", "items": {"$ref": "#/$defs/entry"}}},
            "$defs": {"entry": entry_}}
