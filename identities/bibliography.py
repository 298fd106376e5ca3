"""The one bibliography every reference points into, and short constructors for references."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    key: str
    short: str       # how a locator is prefixed in text: "Matrix Cookbook (2012)"
    authors: str
    title: str
    year: int
    detail: str      # edition, publisher or archive id
    url: str
    bibtex_type: str = "misc"


SOURCES: dict[str, Source] = {s.key: s for s in [
    Source("matrix-cookbook-2012", "Matrix Cookbook", "K. B. Petersen and M. S. Pedersen",
           "The Matrix Cookbook", 2012, "version of November 15, 2012",
           "https://www.math.uwaterloo.ca/~hwolkowi/matrixcookbook.pdf"),
    Source("parr-howard-2018", "Parr & Howard", "T. Parr and J. Howard",
           "The Matrix Calculus You Need For Deep Learning", 2018, "arXiv:1802.01528",
           "https://arxiv.org/abs/1802.01528"),
    Source("magnus-neudecker-2019", "Magnus & Neudecker", "J. R. Magnus and H. Neudecker",
           "Matrix Differential Calculus with Applications in Statistics and Econometrics", 2019,
           "3rd edition, Wiley", "https://doi.org/10.1002/9781119541219", "book"),
    Source("minka-2000", "Minka", "T. P. Minka", "Old and New Matrix Algebra Useful for Statistics", 2000,
           "MIT Media Lab note (revised)", "https://tminka.github.io/papers/matrix/"),
    Source("giles-2008", "Giles", "M. B. Giles",
           "An extended collection of matrix derivative results for forward and reverse mode "
           "algorithmic differentiation", 2008, "Oxford University Computing Laboratory report NA-08/01",
           "https://people.maths.ox.ac.uk/gilesm/files/NA-08-01.pdf"),
    Source("srinivasan-panda-2023", "Srinivasan & Panda", "S. Srinivasan and N. Panda",
           "What is the gradient of a scalar function of a symmetric matrix?", 2023,
           "Indian J. Pure Appl. Math. 54; arXiv:1911.06491", "https://arxiv.org/abs/1911.06491", "article"),
    Source("goodfellow-2016", "Goodfellow et al.", "I. Goodfellow, Y. Bengio and A. Courville",
           "Deep Learning", 2016, "MIT Press", "https://www.deeplearningbook.org/", "book"),
    Source("wikipedia-matrix-calculus", "Wikipedia", "Wikipedia contributors", "Matrix calculus", 2024,
           "encyclopedia article", "https://en.wikipedia.org/wiki/Matrix_calculus"),
    Source("higham-2008", "Higham", "N. J. Higham", "Functions of Matrices: Theory and Computation", 2008,
           "SIAM", "https://doi.org/10.1137/1.9780898717778", "book"),
    Source("murray-2016", "Murray", "I. Murray",
           "Differentiation of the Cholesky decomposition", 2016, "arXiv:1602.07527",
           "https://arxiv.org/abs/1602.07527"),
    Source("ba-2016", "Ba et al.", "J. L. Ba, J. R. Kiros and G. E. Hinton", "Layer Normalization", 2016,
           "arXiv:1607.06450", "https://arxiv.org/abs/1607.06450"),
    Source("vaswani-2017", "Vaswani et al.", "A. Vaswani et al.", "Attention Is All You Need", 2017,
           "NeurIPS; arXiv:1706.03762", "https://arxiv.org/abs/1706.03762"),
]}


@dataclass(frozen=True)
class Reference:
    source: str          # a key of SOURCES
    locator: str         # "eq. (57)", "§4.2 Scalar expansion"
    eq: int | None = None  # Matrix Cookbook equation number, for the concordance and search
    note: str = ""       # "stated without the symmetry assumption", ...

    def text(self) -> str:
        src = SOURCES.get(self.source)
        return f"{src.short if src else self.source}, {self.locator}"


def cookbook(eq: int, note: str = "") -> Reference:
    """Matrix Cookbook, 2012 edition, equation ``eq``."""
    return Reference("matrix-cookbook-2012", f"eq. ({eq})", eq, note)


def parr_howard(section: str, note: str = "") -> Reference:
    """Parr & Howard (2018), by section title, e.g. ``parr_howard("4.2 Scalar expansion")``."""
    return Reference("parr-howard-2018", f"§{section}", None, note)


def ref(source: str, locator: str, note: str = "") -> Reference:
    return Reference(source, locator, None, note)
