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
    # the sources of the backpropagation rules: decompositions, layers, losses and optimisers
    Source("golub-pereyra-1973", "Golub & Pereyra", "G. H. Golub and V. Pereyra",
           "The Differentiation of Pseudo-Inverses and Nonlinear Least Squares Problems Whose Variables Separate",
           1973, "SIAM J. Numer. Anal. 10(2)", "https://doi.org/10.1137/0710036", "article"),
    Source("de-hoog-2011", "de Hoog et al.", "F. R. de Hoog, R. S. Anderssen and M. A. Lukas",
           "Differentiation of matrix functionals using triangular factorization", 2011,
           "Mathematics of Computation 80", "https://doi.org/10.1090/S0025-5718-2011-02451-8", "article"),
    Source("townsend-2016", "Townsend", "J. Townsend", "Differentiating the Singular Value Decomposition", 2016,
           "technical note", "https://j-towns.github.io/papers/svd-derivative.pdf"),
    Source("seeger-2017", "Seeger et al.", "M. Seeger, A. Hetzel, Z. Dai, E. Meissner and N. D. Lawrence",
           "Auto-Differentiating Linear Algebra", 2017, "arXiv:1710.08717", "https://arxiv.org/abs/1710.08717"),
    Source("dumoulin-visin-2016", "Dumoulin & Visin", "V. Dumoulin and F. Visin",
           "A guide to convolution arithmetic for deep learning", 2016, "arXiv:1603.07285",
           "https://arxiv.org/abs/1603.07285"),
    Source("srivastava-2014", "Srivastava et al.", "N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever and R. Salakhutdinov",
           "Dropout: A Simple Way to Prevent Neural Networks from Overfitting", 2014, "JMLR 15",
           "https://jmlr.org/papers/v15/srivastava14a.html", "article"),
    Source("ioffe-szegedy-2015", "Ioffe & Szegedy", "S. Ioffe and C. Szegedy",
           "Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift", 2015,
           "ICML; arXiv:1502.03167", "https://arxiv.org/abs/1502.03167"),
    Source("wu-he-2018", "Wu & He", "Y. Wu and K. He", "Group Normalization", 2018, "ECCV; arXiv:1803.08494",
           "https://arxiv.org/abs/1803.08494"),
    Source("zhang-sennrich-2019", "Zhang & Sennrich", "B. Zhang and R. Sennrich", "Root Mean Square Layer Normalization",
           2019, "NeurIPS; arXiv:1910.07467", "https://arxiv.org/abs/1910.07467"),
    Source("hendrycks-gimpel-2016", "Hendrycks & Gimpel", "D. Hendrycks and K. Gimpel",
           "Gaussian Error Linear Units (GELUs)", 2016, "arXiv:1606.08415", "https://arxiv.org/abs/1606.08415"),
    Source("elfwing-2018", "Elfwing et al.", "S. Elfwing, E. Uchibe and K. Doya",
           "Sigmoid-Weighted Linear Units for Neural Network Function Approximation in Reinforcement Learning", 2018,
           "Neural Networks 107; arXiv:1702.03118", "https://arxiv.org/abs/1702.03118"),
    Source("misra-2019", "Misra", "D. Misra", "Mish: A Self Regularized Non-Monotonic Activation Function", 2019,
           "arXiv:1908.08681", "https://arxiv.org/abs/1908.08681"),
    Source("dauphin-2017", "Dauphin et al.", "Y. N. Dauphin, A. Fan, M. Auli and D. Grangier",
           "Language Modeling with Gated Convolutional Networks", 2017, "ICML; arXiv:1612.08083",
           "https://arxiv.org/abs/1612.08083"),
    Source("hochreiter-schmidhuber-1997", "Hochreiter & Schmidhuber", "S. Hochreiter and J. Schmidhuber",
           "Long Short-Term Memory", 1997, "Neural Computation 9(8)", "https://doi.org/10.1162/neco.1997.9.8.1735",
           "article"),
    Source("cho-2014", "Cho et al.", "K. Cho et al.",
           "Learning Phrase Representations using RNN Encoder-Decoder for Statistical Machine Translation", 2014,
           "EMNLP; arXiv:1406.1078", "https://arxiv.org/abs/1406.1078"),
    Source("su-2021", "Su et al.", "J. Su, Y. Lu, S. Pan, A. Murtadha, B. Wen and Y. Liu",
           "RoFormer: Enhanced Transformer with Rotary Position Embedding", 2021, "arXiv:2104.09864",
           "https://arxiv.org/abs/2104.09864"),
    Source("szegedy-2016", "Szegedy et al.", "C. Szegedy, V. Vanhoucke, S. Ioffe, J. Shlens and Z. Wojna",
           "Rethinking the Inception Architecture for Computer Vision", 2016, "CVPR; arXiv:1512.00567",
           "https://arxiv.org/abs/1512.00567"),
    Source("huber-1964", "Huber", "P. J. Huber", "Robust Estimation of a Location Parameter", 1964,
           "Annals of Mathematical Statistics 35(1)", "https://doi.org/10.1214/aoms/1177703732", "article"),
    Source("kingma-welling-2014", "Kingma & Welling", "D. P. Kingma and M. Welling", "Auto-Encoding Variational Bayes",
           2014, "ICLR; arXiv:1312.6114", "https://arxiv.org/abs/1312.6114"),
    Source("kingma-ba-2015", "Kingma & Ba", "D. P. Kingma and J. Ba", "Adam: A Method for Stochastic Optimization",
           2015, "ICLR; arXiv:1412.6980", "https://arxiv.org/abs/1412.6980"),
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
