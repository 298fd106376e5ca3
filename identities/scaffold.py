"""``python -m identities new``: a record skeleton with a fresh permanent id, registered at once.

The skeleton fails every check until it is filled in (its LaTeX names an undeclared f, it has no
reference and no aliases, its title says TODO, and its checker raises), so it cannot land by mistake.
"""
from __future__ import annotations

import datetime
import json
import sys

from . import __version__, registry
from .catalogue import ENTRIES, catalogue, topic_modules

SKELETONS = {
    "derivative": '''
Derivative(
    id="{id}",
    title="TODO: a short title in words, e.g. Gradient of tr(AX)",
    latex=r"\\frac{{\\partial f(X)}}{{\\partial X}} = G",  # TODO: the statement; every letter a variable
    variables={{"X": Matrix("m", "n")}},  # TODO: unequal dimensions where the claim allows
    wrt="X",
    layout="denominator",  # denominator: the shape of X; numerator: its transpose
    f=lambda X: todo("f: the function, in NumPy"),
    claimed=lambda X: todo("claimed: the derivative, written from the formula (never from f)"),
    references=[],  # TODO: cookbook(eq), parr_howard("4.2 ..."), ref(source, locator); or derivation="..."
    aliases=[],  # TODO: words people would type to find it
)
''',
    "differential": '''
Differential(
    id="{id}",
    title="TODO: a short title in words, e.g. Differential of the inverse",
    latex=r"\\mathrm{{d}}F(X) = G",  # TODO: the statement; every letter a variable
    variables={{"X": Matrix("n", "n", "invertible")}},  # TODO
    wrt=("X",),
    f=lambda X: todo("f: the function, in NumPy"),
    df=lambda X, dX: todo("df: the claimed change of f along dX, linear in dX"),
    references=[],  # TODO: cookbook(eq), parr_howard("4.2 ..."), ref(source, locator); or derivation="..."
    aliases=[],  # TODO: words people would type to find it
)
''',
    "equality": '''
Equality(
    id="{id}",
    title="TODO: a short title in words, e.g. vec of a product",
    latex=r"L(A) = R(A)",  # TODO: the statement; every letter a variable
    variables={{"A": Matrix("m", "n")}},  # TODO
    lhs=lambda A: todo("lhs: the left side, in NumPy"),
    rhs=lambda A: todo("rhs: the right side, computed independently"),
    references=[],  # TODO
    aliases=[],  # TODO
)
''',
}

HEADER = '''"""{title}.

TODO: one to three sentences introducing the topic.
"""
import numpy as np

from identities import Derivative, Differential, Equality, Hessian, Matrix, Scalar, Vector, cookbook, ref, todo
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
    if created:
        path.write_text(HEADER.format(title=args.topic.replace("_", " ").capitalize()))
    text = path.read_text()
    if "todo" not in text.split("from identities import", 1)[-1].split("\n", 1)[0]:
        text = text.replace("from identities import ", "from identities import todo, ", 1)
    skeleton = SKELETONS[args.kind].format(id=tag)
    if args.title:
        skeleton = skeleton.replace(skeleton.split('title="', 1)[1].split('",', 1)[0], args.title.replace('"', "'"), 1)
    path.write_text(text.rstrip("\n") + "\n\n" + skeleton)
    # registered at once, so that the id cannot be handed out twice; the claim key is recorded by
    # `register` once the record is filled in, so the rows of scaffolds carry none
    with registry.PATH.open("a") as fh:
        fh.write(json.dumps({"id": tag, "added": datetime.date.today().isoformat(), "version": __version__,
                             "title": args.title or "(scaffolded)"}, ensure_ascii=False) + "\n")
    line = len((text.rstrip("\n") + "\n\n").splitlines()) + 2
    print(f"new {args.kind} {tag} at {path.relative_to(ENTRIES.parents[1])}:{line} (registered in "
          f"identities/registry.jsonl)")
    if created:
        print(f"new topic file {path.name}: add '{args.topic}' to ORDER in identities/entries/__init__.py")
    print(f"fill in every TODO, then: python -m identities check {path.relative_to(ENTRIES.parents[1])} --preview")
    return 0
