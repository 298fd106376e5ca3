"""Ranking entries by the words people type: titles, aliases, topics, references, assumptions.

LaTeX is not indexed (it is tokens like ``frac``, not words). Typos are tolerated by fuzzy
matching against the vocabulary of the catalogue; a bare number matches a Matrix Cookbook
equation number ("cookbook 57").
"""
from __future__ import annotations

import difflib
import math
import re
import unicodedata

STOP = {"of", "the", "a", "an", "with", "respect", "to", "by", "wrt", "for", "in", "on", "and", "is", "what",
        "how", "eq", "equation", "formula", "identity", "rule", "d", "its"}

# Words people use interchangeably; a synonym match scores a little below an exact one.
SYNONYMS = [
    {"derivative", "gradient", "jacobian", "differential", "partial", "grad", "deriv", "diff", "derivatives"},
    {"det", "determinant", "determinants"},
    {"logdet", "log-determinant"},
    {"inv", "inverse", "inverses"},
    {"tr", "trace", "traces"},
    {"kron", "kronecker"},
    {"hadamard", "elementwise", "element-wise", "entrywise", "pointwise"},
    {"sym", "symmetric"},
    {"spd", "positive", "definite"},
    {"eig", "eigenvalue", "eigenvalues", "eigen", "eigenvector", "eigenvectors"},
    {"quadratic", "xtax", "xtbx"},
    {"norm", "norms", "frobenius", "euclidean"},
    {"exp", "exponential", "expm"},
    {"log", "logarithm", "ln"},
    {"product", "products", "multiplication"},
    {"cookbook", "petersen", "pedersen"},
    {"parr", "howard"},
    {"chain", "composition"},
    {"softmax", "soft-max"},
    {"sigmoid", "logistic"},
    {"relu", "rectifier", "max"},
    {"crossentropy", "cross-entropy", "xent"},
]
_SYN = {w: group for group in SYNONYMS for w in group}

FIELD_WEIGHT = {"id": 10.0, "title": 3.5, "alias": 3.0, "ref": 2.0, "eq": 2.5, "topic": 1.0, "text": 0.6}


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    out = []
    for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text):
        out.append(w)
        if "-" in w:
            out += w.split("-")
            out.append(w.replace("-", ""))
    return out


def _stem(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


class Index:
    def __init__(self, records, topics=None):
        self.records = list(records)
        self.fields = []          # per record: {word: best field weight}
        vocab = set()
        for r in self.records:
            bag: dict[str, float] = {}

            def add(text, kind):
                for w in words(text):
                    w = _stem(w)
                    bag[w] = max(bag.get(w, 0.0), FIELD_WEIGHT[kind])

            bag[r.id.lower()] = FIELD_WEIGHT["id"]
            add(r.title, "title")
            for a in r.aliases:
                add(a, "alias")
            topic = topics.get(r.topic) if topics else None
            add(topic.title if topic else r.topic, "topic")
            add(r.kind, "text")
            add(" ".join(r.notes.split()[:60]), "text")
            for _, word in r.assumption_words():
                add(word.replace("_", " "), "text")
            for ref in r.references:
                add(ref.text(), "ref")
                if ref.eq is not None:
                    bag[str(ref.eq)] = max(bag.get(str(ref.eq), 0.0), FIELD_WEIGHT["eq"])
            self.fields.append(bag)
            vocab |= set(bag)
        self.vocab = sorted(vocab)
        # rarer words tell entries apart; "gradient" is in half the catalogue
        n = max(len(self.fields), 1)
        df: dict[str, int] = {}
        for bag in self.fields:
            for w in bag:
                df[w] = df.get(w, 0) + 1
        self.idf = {w: math.log(1 + n / c) for w, c in df.items()}
        self.title_len = [len(words(r.title)) for r in self.records]
        self.phrases = [{" ".join(words(t)) for t in [r.title, *r.aliases]} for r in self.records]

    def _expand(self, q: str) -> dict[str, float]:
        """Words of the index a query word stands for, with how much each counts."""
        q = _stem(q)
        out = {q: 1.0}
        for s in _SYN.get(q, ()):
            out.setdefault(_stem(s), 0.7)
        if not q.isdigit():
            if len(q) >= 3:
                for w in self.vocab:
                    if w.startswith(q) and w != q:
                        out.setdefault(w, 0.8)
            if len(q) >= 4:
                for w in difflib.get_close_matches(q, self.vocab, n=3, cutoff=0.8):
                    out.setdefault(w, 0.6)
                    for s in _SYN.get(w, ()):
                        out.setdefault(_stem(s), 0.5)
        return out

    def search(self, query: str, limit: int = 10) -> list[tuple[float, object]]:
        qwords = [w for w in words(query) if w not in STOP] or words(query)
        expansions = [self._expand(w) for w in qwords]
        ranked = []
        for i, (r, bag) in enumerate(zip(self.records, self.fields)):
            total, matched = 0.0, 0
            for exp in expansions:
                best = max((bag.get(w, 0.0) * s * self.idf.get(w, 1.0) for w, s in exp.items()), default=0.0)
                total += best
                matched += best > 0
            if matched:
                # entries matching every word of the query come first; among equals, the shorter title
                # (the entry about exactly this) wins
                score = total * (matched / len(expansions)) ** 2 / (1 + 0.05 * self.title_len[i])
                if " ".join(words(query)) in self.phrases[i]:
                    score *= 1.5  # the query is, word for word, a name of this entry
                ranked.append((score, -i, r))
        ranked.sort(key=lambda t: (t[0], t[1]), reverse=True)
        return [(s, r) for s, _, r in ranked[:limit]]
