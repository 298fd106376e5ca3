"""The append-only registry of every id ever published (``identities/registry.jsonl``).

Rules (also in CONTRIBUTING.md):
- An id is 4 characters of 0-9 and A-Z without I and O, with at least one letter (like the
  Stacks project's tags). It is opaque on purpose: titles and topics may change, the id never.
- Once registered, an id is never removed, never changed and never given to another claim.
- A record that is wrong is corrected in place (its history says what changed); a record
  that must go is withdrawn (``withdrawn=Withdrawal(...)``): its page stays and points on.
"""
from __future__ import annotations

import datetime
import json
import secrets
from pathlib import Path

from .model import ID_ALPHABET, ID_PATTERN

PATH = Path(__file__).with_name("registry.jsonl")


def read(path: Path = PATH) -> list[dict]:
    if not path.exists():
        return []
    rows = []
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not a JSON line: {exc}") from exc
    return rows


def published(path: Path = PATH) -> dict[str, dict]:
    """id -> its first registry row (when and in which version it was added). An id that ``new``
    only reserved for a scaffold is not published until ``register`` records its claim."""
    out: dict[str, dict] = {}
    for row in read(path):
        if not row.get("reserved"):
            out.setdefault(row["id"], row)
    return out


def reserved(path: Path = PATH) -> set[str]:
    """Every id the registry holds, published or only reserved: none may be handed out again."""
    return {row["id"] for row in read(path)}


def reserve(entry_id: str, version: str, path: Path = PATH, today: str | None = None):
    """Hold an id for a scaffold, so that it cannot be handed out twice before it is registered."""
    today = today or datetime.date.today().isoformat()
    with path.open("a") as fh:
        fh.write(json.dumps({"id": entry_id, "added": today, "version": version, "title": "(scaffolded)",
                             "reserved": True}, ensure_ascii=False) + "\n")


def fresh_id(taken) -> str:
    """A new id, unused by the registry and by ``taken``."""
    taken = set(taken) | reserved()
    while True:
        tag = "".join(secrets.choice(ID_ALPHABET) for _ in range(4))
        if ID_PATTERN.match(tag) and not tag.isdigit() and tag not in taken:
            return tag


def claim_key(record) -> str:
    """What a registered id stands for, in a form that survives rewording: the kind of claim, the
    variable it is about and the variables with their shapes. A record whose key differs from the
    one its id was registered with is another claim under a recycled id, unless its history says
    how it was corrected."""
    wrt = getattr(record, "wrt", None)
    wrt = ",".join(wrt) if isinstance(wrt, tuple) else (wrt or "")
    shapes = ";".join(f"{n}:{'x'.join(map(str, v.shape))}" for n, v in sorted(record.variables.items()))
    return f"{record.kind}|{wrt}|{shapes}"


def append(records, version: str, path: Path = PATH, today: str | None = None) -> list[str]:
    """Register the ids of ``records`` not yet published; returns the ids added."""
    known = published(path)
    today = today or datetime.date.today().isoformat()
    added = []
    with path.open("a") as fh:
        for r in records:
            if r.id not in known:
                fh.write(json.dumps({"id": r.id, "added": today, "version": version, "title": r.title,
                                     "claim": claim_key(r)}, ensure_ascii=False) + "\n")
                known[r.id] = {}
                added.append(r.id)
    return added
