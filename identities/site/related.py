"""Which entries an entry page lists as related, and why: the ones it names (``related=``), the rules its
derivation applies, the same Matrix Cookbook section, and the same operators applied in the same way.
A shared word, or a Cookbook equation another entry cites in passing, is not enough.
"""
from __future__ import annotations

import bisect
import heapq
import math

from identities.search import features, formula_tokens

# The Matrix Cookbook (2012) by section: (first equation, section). Chapter 2 as the sources table
# gives it, subsections where it names them.
COOKBOOK_SECTIONS = [
    (1, "§1 Basics"), (32, "§2 Derivatives, the rules for differentials"), (46, "§2.1 Derivatives of a determinant"),
    (59, "§2.2 Derivatives of an inverse"), (65, "§2.3 Derivatives of eigenvalues"),
    (69, "§2.4.1 First-order derivatives of matrices, vectors and scalar forms"),
    (76, "§2.4.2 Second-order derivatives of scalar forms"), (90, "§2.4.3 Higher-order and non-linear forms"),
    (96, "§2.4.4 Gradient and Hessian"), (99, "§2.5.1 First-order derivatives of traces"),
    (106, "§2.5.2 Second-order derivatives of traces"), (121, "§2.5.3 Higher-order derivatives of traces"),
    (124, "§2.5.4 Other derivatives of traces"), (129, "§2.6 Derivatives of vector norms"),
    (132, "§2.7 Derivatives of matrix norms"), (133, "§2.8.1 Structured matrices: the chain rule"),
    (138, "§2.8.2 Symmetric matrices"), (142, "§2.8.3 Diagonal matrices"), (143, "§2.8.4 Toeplitz matrices"),
    (145, "§3.1 Inverses: basic"), (155, "§3.2 Inverses: exact relations"),
    (184, "§3.3 Implication on inverses"), (186, "§3.4 Approximations"),
    (198, "§3.5 Generalized inverse"), (199, "§3.6 Pseudo-inverse"),
    # chapters 4–10 by chapter (the equation ranges of the Cookbook's 2012 edition)
    (225, "§4 Complex matrices"), (260, "§5 Solutions and decompositions"), (303, "§6 Statistics and probability"),
    (335, "§7 Multivariate distributions"), (346, "§8 Gaussians"), (397, "§9 Special matrices"),
    (487, "§10 Functions and operators"),
]

# the operators that make a family: what is applied, not the letters it is applied to
OPERATORS = {"tr", "det", "log", "exp", "vec", "diag", "sum", "softmax", "sin", "cos", "tanh", "sign", "adj", "eig",
             "max", "min", "KL", "√", "⊗", "∘", "⊘", "‖", "|", "∫", "prod"}

WEIGHTS = {"named": 10.0, "names this": 10.0, "uses": 3.0, "section": 2.0, "operators": 2.0, "similar operators": 1.0, "topic": 0.5,
           "formula": 1.5}
THRESHOLD = 2.0
# a rule that a great many derivations apply (the product rule) says little about any one of them
COMMON_RULE = 10


def cookbook_section(eq: int) -> str:
    return [name for first, name in COOKBOOK_SECTIONS if first <= eq][-1] if eq >= 1 else ""


def _first_section(r) -> str:
    eqs = [x.eq for x in r.references if x.eq is not None]
    return cookbook_section(eqs[0]) if eqs else ""


def _claim(r) -> tuple[list, list]:
    """(definitions, claim): the statement's opening definitions ("A = SV, S = …:\\quad"), and its
    claim up to the first break (the function differentiated, or an equality's left side)."""
    head, sep, claim = r.latex.partition(":\\quad")
    out = []
    for t in formula_tokens(claim if sep else head):
        if t is None:
            if out:
                break
            continue
        out.append(t)
    return ([t for t in formula_tokens(head) if t is not None] if sep else []), out


def _operators(tokens) -> frozenset:
    ops = set()
    for t in tokens:
        if t in OPERATORS or t.startswith("‖"):
            ops.add("‖" if t.startswith("‖") else t)
        if "⁻¹" in t or "⁻ᵀ" in t:
            ops.add("inverse")
        if "⁺" in t:
            ops.add("pseudo-inverse")
    return frozenset(ops)


class Relations:
    """The related entries of every entry of a catalogue, worked out once."""

    def __init__(self, cat, used_by: dict):
        self.cat = cat
        self.used_by = used_by
        live = list(cat.entries.values())
        self.order = {r.id: i for i, r in enumerate(live)}
        self.section = {r.id: _first_section(r) for r in live}
        claims = {r.id: _claim(r) for r in live}
        # the operators a definition applies count too: g(t) = max(αt, t):\quad ∂g(x)/∂x = …
        self.ops = {i: _operators(head + claim) for i, (head, claim) in claims.items()}
        self.vec = {i: {x for x in features(claim) if " " in x and "∂" not in x} for i, (_, claim) in claims.items()}
        self.uses = {r.id: frozenset(u for _, _, f in r.formulas() for u in f.uses) for r in live}
        # Apart from links, the reasons look at an entry's section, operators, formula and topic:
        # entries alike in all four are related to any other for the same reasons, so they are
        # weighed once per kind and the nearest in catalogue order taken (a catalogue of many alike
        # entries, the scale benchmark's, would otherwise cost the square of its size).
        self.kind = {r.id: (self.section[r.id], self.ops[r.id], frozenset(self.vec[r.id]), r.topic) for r in live}
        self.of_kind: dict = {}
        for r in live:  # in catalogue order
            self.of_kind.setdefault(self.kind[r.id], []).append(r.id)
        self.kind_order = {k: [self.order[i] for i in ids] for k, ids in self.of_kind.items()}
        # which entries share a section, an operator or a pair of symbols: only those can be related
        # (with the ones named and used), so each page looks at a few dozen entries, not at all of them
        self.sharing: dict = {}
        for r in live:
            keys = [("section", self.section[r.id])] if self.section[r.id] else []
            keys += [("op", o) for o in self.ops[r.id]] + [("pair", f) for f in self.vec[r.id]]
            for k in keys:
                self.sharing.setdefault(k, set()).add(self.kind[r.id])
        # the entries that name each entry: a link is listed on both pages
        self.named_by: dict = {}
        for r in live:
            for i in r.related:
                self.named_by.setdefault(i, set()).add(r.id)
        self.cache: dict = {}

    def reasons(self, r, other) -> list[str]:
        """Why ``other`` is related to ``r`` (the keys of WEIGHTS)."""
        why = []
        if other.id in r.related:
            why.append("named")
        elif r.id in other.related:
            why.append("names this")
        if other.id in self.uses[r.id]:
            why.append("uses")
        return why + self._alike(self.kind[r.id], self.kind[other.id])

    @staticmethod
    def _alike(mine, theirs) -> list[str]:
        """The reasons that are not links, between two kinds of entry."""
        (section, a, va, topic), (section2, b, vb, topic2) = mine, theirs
        why = []
        if section and section == section2:
            why.append("section")
        if a and a == b:
            why.append("operators")
        elif a and b and len(a & b) / len(a | b) >= 0.5:
            why.append("similar operators")
        if topic == topic2:
            why.append("topic")
        if va and vb and len(va & vb) / math.sqrt(len(va) * len(vb)) >= 0.5:
            why.append("formula")
        return why

    def related(self, r, limit: int = 8) -> list[tuple[str, list]]:
        """(id, reasons) of the entries most related to ``r``, best first; the entries whose derivations
        use ``r`` are listed on its page already (Used by) and are left out here."""
        if r.id not in self.cache:
            self.cache[r.id] = self._related(r, limit)
        return self.cache[r.id]

    def _related(self, r, limit):
        users = set(self.used_by.get(r.id, ()))
        linked = set(r.related) | self.named_by.get(r.id, set()) | self.uses[r.id]
        scored = []
        for other in (self.cat.entries[i] for i in linked if i in self.cat.entries):
            if other.id == r.id or other.id in users or not other.live:
                continue
            why = self.reasons(r, other)
            score = sum(WEIGHTS[w] for w in why)
            if "uses" in why and len(self.used_by.get(other.id, ())) > COMMON_RULE:
                score -= WEIGHTS["uses"] / 2
            if score >= THRESHOLD:
                scored.append((-score, abs(self.order[other.id] - self.order[r.id]), other.id, why))
        kinds = set()
        keys = [("section", self.section[r.id])] + [("op", o) for o in self.ops[r.id]]
        for k in keys + [("pair", f) for f in self.vec[r.id]]:
            kinds |= self.sharing.get(k, set())
        here = self.order[r.id]
        for kind in kinds:
            why = self._alike(self.kind[r.id], kind)
            score = sum(WEIGHTS[w] for w in why)
            if score < THRESHOLD:
                continue
            ids, orders = self.of_kind[kind], self.kind_order[kind]
            # the nearest in catalogue order on either side, then the nearest of those
            at = bisect.bisect_left(orders, here)
            near = []
            for side in (range(at - 1, -1, -1), range(at, len(ids))):
                found = 0
                for j in side:
                    i = ids[j]
                    if i == r.id or i in users or i in linked or not self.cat.entries[i].live:
                        continue
                    near.append((abs(orders[j] - here), i))
                    found += 1
                    if found == limit:
                        break
            scored += [(-score, d, i, list(why)) for d, i in heapq.nsmallest(limit, near)]
        scored.sort()
        out = [(i, why) for _, _, i, why in scored[:limit]]
        if r.withdrawn is not None and r.withdrawn.replaced_by in self.cat.entries:
            out = [(r.withdrawn.replaced_by, ["replacement"])] + [x for x in out if x[0] != r.withdrawn.replaced_by]
        return out[:limit]


# the words a page gives for each reason
REASON_WORDS = {"named": "named by this entry", "names this": "names this entry", "uses": "its rule is applied in the derivation",
                "section": "the same Cookbook section", "operators": "the same operators",
                "similar operators": "similar operators", "topic": "the same topic", "formula": "a similar formula",
                "replacement": "replaces this entry"}


def reason_text(r, why: list, relations: Relations) -> str:
    words = []
    for w in why:
        if w == "topic" and len(why) > 1:
            continue  # said by the others
        text = REASON_WORDS[w]
        if w == "section":
            text += f" ({relations.section[r.id]})"
        elif w == "operators":
            text += f" ({', '.join(sorted(relations.ops[r.id]))})"
        words.append(text)
    return "; ".join(words)
