"""``python -m identities new``: a record skeleton with a fresh permanent id, reserved at once.

The skeleton fails every check until it is filled in (its LaTeX names an undeclared f, it has no
reference and no aliases, its title says TODO, and its checker raises), so it cannot land by mistake.
"""
from __future__ import annotations

import re
import sys

from . import __version__, registry
from .catalogue import ENTRIES, catalogue, topic_modules
from .model import KINDS

HEADER = '''"""{title}.

TODO: one to three sentences introducing the topic.
"""
import numpy as np

from identities import (ADRule, Derivative, Differential, Equality, Hessian, Matrix, Scalar, Step, Vector, cookbook,
                        ref, todo)
'''


def new(args) -> int:
    cat = catalogue()
    tag = registry.fresh_id(cat.entries)
    if args.id_only:
        print(tag)
        return 0
    if not args.topic:
        print("which topic? python -m identities new --topic NAME, one of: " + ", ".join(topic_modules()),
              file=sys.stderr)
        return 2
    path = ENTRIES / f"{args.topic}.py"
    created = not path.exists()
    if created and not getattr(args, "create_topic", False):
        import difflib
        close = difflib.get_close_matches(args.topic, topic_modules(), 1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        print(f"error: no topic {args.topic!r}{hint} (topics: {', '.join(topic_modules())}); "
              "to start a new one, add --create-topic", file=sys.stderr)
        return 2
    if created:
        path.write_text(HEADER.format(title=args.topic.replace("_", " ").capitalize()))
    text = path.read_text()
    rest = text.split("from identities import", 1)[-1]
    imported = rest.split(")", 1)[0] if rest.lstrip().startswith("(") else rest.split("\n", 1)[0]
    for name in ("todo", KINDS[args.kind].__name__):
        if not re.search(rf"\b{name}\b", imported):
            text = text.replace("from identities import ", f"from identities import {name}, ", 1)
    skeleton = KINDS[args.kind].skeleton.format(id=tag)
    if args.title:
        skeleton = skeleton.replace(skeleton.split('title="', 1)[1].split('",', 1)[0], args.title.replace('"', "'"), 1)
    path.write_text(text.rstrip("\n") + "\n\n" + skeleton)
    # reserved at once, so that the id cannot be handed out twice; `register` publishes it with its
    # claim once the record is filled in, and until then `audit --new` checks it
    registry.reserve(tag, __version__)
    line = len((text.rstrip("\n") + "\n\n").splitlines()) + 2
    print(f"new {args.kind} {tag} at {path.relative_to(ENTRIES.parents[1])}:{line} (reserved in "
          f"identities/registry.jsonl)")
    if created:
        print(f"new topic file {path.name}: add '{args.topic}' to ORDER in identities/entries/__init__.py")
    print(f"fill in every TODO, then: python -m identities check {path.relative_to(ENTRIES.parents[1])} --preview")
    return 0
