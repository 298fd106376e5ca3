"""``python -m identities new``: a fresh permanent id, and a record skeleton that fails until filled in."""
from __future__ import annotations

from .catalogue import catalogue
from .registry import fresh_id


def new(args) -> int:
    cat = catalogue()
    tag = fresh_id(cat.entries)
    if args.id_only:
        print(tag)
        return 0
    raise SystemExit("scaffolding is not written yet; use --id-only")
