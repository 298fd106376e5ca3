"""Traces.

Gradients of traces of matrix products, in the Matrix Cookbook's convention: the derivative of a
scalar by a matrix X has the shape of X (denominator layout). Rectangular factors are tested
with unequal sizes, so a misplaced transpose cannot hide behind a square matrix.
"""
import numpy as np

from identities import Derivative, Matrix, Scalar, cookbook, ref
from identities.symbolic import sp

inv = np.linalg.inv
mpow = np.linalg.matrix_power


# Matrix functions by their power series (scipy is not available). The samples are at most 5 × 5
# with standard normal entries, so 60 terms leave a truncation error far below rounding.
def _series(X, terms=60):
    """Yield X^k / k! for k = 0, 1, 2, ..."""
    term = np.eye(len(X))
    for k in range(terms):
        yield k, term
        term = term @ X / (k + 1)


def _sinm(X):
    return sum((-1) ** (k // 2) * t for k, t in _series(X) if k % 2 == 1)


def _cosm(X):
    return sum((-1) ** (k // 2) * t for k, t in _series(X) if k % 2 == 0)


# A square matrix C whose symmetric part is positive definite and whose skew part is not zero:
# a non-symmetric C for which XᵀCX (X of full column rank) is safely invertible.
def _positive_real(G):
    n = len(G)
    return G @ G.T / n + np.eye(n) + (G - G.T) / 2


def _integer_k(rng, values):
    values["k"] = np.float64(rng.integers(1, 6))
    return values


Derivative(
    id="LL5K",
    title="Gradient of the trace",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(X) = I",
    variables={"X": Matrix("n", "n", "square")},
    wrt="X",
    layout="denominator",
    f=lambda X: np.trace(X),
    claimed=lambda X: np.eye(len(X)),
    differential=r"\mathrm{d}\operatorname{tr}(X) = \operatorname{tr}(\mathrm{d}X)",
    references=[cookbook(99), cookbook(65, note="the sum of the eigenvalues is the trace")],
    aliases=["gradient of the sum of eigenvalues", "derivative of trace", "trace gradient", "d tr X", "gradient of trace of a matrix"],
    symbolic=lambda X: sp.Trace(X),
)

Derivative(
    id="GWJ1",
    title="Gradient of the trace of a product, tr(XA)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(XA) = A^{\top}",
    variables={"X": Matrix("n", "m"), "A": Matrix("m", "n")},
    wrt="X",
    layout="denominator",
    f=lambda X, A: np.trace(X @ A),
    claimed=lambda X, A: A.T,
    other_layout=(r"\frac{\partial}{\partial X}\operatorname{tr}(XA) = A", lambda X, A: A),
    differential=r"\mathrm{d}\operatorname{tr}(XA) = \operatorname{tr}(\mathrm{d}X\,A)",
    references=[cookbook(100)],
    aliases=["trace of product", "linear trace form", "derivative of trace of XA", "gradient of tr(AX)"],
    notes="tr(XA) = tr(AX), so this is also the gradient of tr(AX). In numerator layout the same derivative "
          "is written A.",
    symbolic=lambda X, A: sp.Trace(X * A),
)

Derivative(
    id="E354",
    title="Gradient of tr(AXB)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(AXB) = A^{\top}B^{\top}",
    variables={"A": Matrix("p", "n"), "X": Matrix("n", "m"), "B": Matrix("m", "p")},
    wrt="X",
    layout="denominator",
    f=lambda A, X, B: np.trace(A @ X @ B),
    claimed=lambda A, X, B: A.T @ B.T,
    references=[cookbook(101)],
    aliases=["trace of product of three matrices", "trace AXB", "derivative of tr(AXB)"],
    symbolic=lambda A, X, B: sp.Trace(A * X * B),
)

Derivative(
    id="RSP8",
    title="Gradient of tr(AXᵀB)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(AX^{\top}B) = BA",
    variables={"A": Matrix("p", "m"), "X": Matrix("n", "m"), "B": Matrix("n", "p")},
    wrt="X",
    layout="denominator",
    f=lambda A, X, B: np.trace(A @ X.T @ B),
    claimed=lambda A, X, B: B @ A,
    other_layout=(r"\frac{\partial}{\partial X}\operatorname{tr}(AX^{\top}B) = A^{\top}B^{\top}",
                  lambda A, X, B: A.T @ B.T),
    differential=r"\mathrm{d}\operatorname{tr}(AX^{\top}B) = \operatorname{tr}(A\,\mathrm{d}X^{\top}B)",
    references=[cookbook(102)],
    aliases=["trace with transpose", "trace AX^TB", "derivative of tr(A X transpose B)"],
    symbolic=lambda A, X, B: sp.Trace(A * X.T * B),
)

Derivative(
    id="LAFE",
    title="Gradient of tr(XᵀA) and tr(AXᵀ)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(X^{\top}A) = \frac{\partial}{\partial X}"
          r"\operatorname{tr}(AX^{\top}) = A",
    variables={"X": Matrix("n", "m"), "A": Matrix("n", "m")},
    wrt="X",
    layout="denominator",
    f=lambda X, A: np.trace(X.T @ A),
    claimed=lambda X, A: A,
    differential=r"\mathrm{d}\operatorname{tr}(X^{\top}A) = \operatorname{tr}(\mathrm{d}X^{\top}A)",
    references=[cookbook(103), cookbook(104)],
    notes="tr(XᵀA) = tr(AXᵀ) = ⟨X, A⟩, the Frobenius inner product, so both are the same function "
          "and the gradient of a linear function ⟨X, A⟩ is A.",
    aliases=["Frobenius inner product gradient", "trace X transpose A", "derivative of <X, A>",
             "trace A X transpose"],
    symbolic=lambda X, A: sp.Trace(X.T * A),
)

Derivative(
    id="CLLR",
    title="Gradient of tr(A ⊗ X)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(A\otimes X) = \operatorname{tr}(A)\,I",
    variables={"A": Matrix("p", "p", "square"), "X": Matrix("n", "n", "square")},
    wrt="X",
    layout="denominator",
    f=lambda A, X: np.trace(np.kron(A, X)),
    claimed=lambda A, X: np.trace(A) * np.eye(len(X)),
    references=[cookbook(105)],
    notes="tr(A ⊗ X) = tr(A) tr(X), so the derivative is tr(A) times that of tr(X). The identity has the "
          "size of X, not of the Kronecker product.",
    aliases=["trace of Kronecker product", "Kronecker product derivative", "tr(A kron X)"],
    symbolic=lambda A, X: sp.Trace(sp.KroneckerProduct(A, X)),
)

Derivative(
    id="GMYW",
    title="Gradient of tr(X²)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}\left(X^{2}\right) = 2X^{\top}",
    variables={"X": Matrix("n", "n", "square")},
    wrt="X",
    layout="denominator",
    f=lambda X: np.trace(X @ X),
    claimed=lambda X: 2 * X.T,
    other_layout=(r"\frac{\partial}{\partial X}\operatorname{tr}\left(X^{2}\right) = 2X", lambda X: 2 * X),
    differential=r"\mathrm{d}\operatorname{tr}\left(X^{2}\right) = 2\operatorname{tr}(X\,\mathrm{d}X)",
    references=[cookbook(106)],
    aliases=["trace of square", "derivative of tr(X^2)", "trace of matrix squared"],
    symbolic=lambda X: sp.Trace(X * X),
)

Derivative(
    id="YHB9",
    title="Gradient of tr(X²B)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}\left(X^{2}B\right) = (XB + BX)^{\top}",
    variables={"X": Matrix("n", "n", "square"), "B": Matrix("n", "n", "square")},
    wrt="X",
    layout="denominator",
    f=lambda X, B: np.trace(X @ X @ B),
    claimed=lambda X, B: (X @ B + B @ X).T,
    differential=r"\mathrm{d}\operatorname{tr}\left(X^{2}B\right) = \operatorname{tr}\left((XB + BX)\,"
                 r"\mathrm{d}X\right)",
    references=[cookbook(107)],
    aliases=["trace of X squared times B", "derivative of tr(XXB)", "second order trace"],
    symbolic=lambda X, B: sp.Trace(X * X * B),
)

Derivative(
    id="KBF1",
    title="Gradient of tr(XᵀBX), tr(BXXᵀ) and tr(XXᵀB)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(X^{\top}BX) = \frac{\partial}{\partial X}"
          r"\operatorname{tr}(BXX^{\top}) = \frac{\partial}{\partial X}\operatorname{tr}(XX^{\top}B)"
          r" = BX + B^{\top}X",
    variables={"X": Matrix("n", "m"), "B": Matrix("n", "n", "square")},
    wrt="X",
    layout="denominator",
    f=lambda X, B: np.trace(X.T @ B @ X),
    claimed=lambda X, B: B @ X + B.T @ X,
    differential=r"\mathrm{d}\operatorname{tr}(X^{\top}BX) = \operatorname{tr}\left(X^{\top}(B + B^{\top})"
                 r"\,\mathrm{d}X\right)",
    references=[cookbook(108), cookbook(109), cookbook(110)],
    notes="The three traces are equal by the cyclic property, so one function is checked. For symmetric B "
          "the gradient is 2BX.",
    aliases=["trace quadratic form", "trace X transpose B X", "derivative of tr(X'BX)", "trace BXX^T"],
    symbolic=lambda X, B: sp.Trace(X.T * B * X),
)

Derivative(
    id="PU00",
    title="Gradient of tr(XBXᵀ), tr(BXᵀX) and tr(XᵀXB)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(XBX^{\top}) = \frac{\partial}{\partial X}"
          r"\operatorname{tr}(BX^{\top}X) = \frac{\partial}{\partial X}\operatorname{tr}(X^{\top}XB)"
          r" = XB^{\top} + XB",
    variables={"X": Matrix("n", "m"), "B": Matrix("m", "m", "square")},
    wrt="X",
    layout="denominator",
    f=lambda X, B: np.trace(X @ B @ X.T),
    claimed=lambda X, B: X @ B.T + X @ B,
    differential=r"\mathrm{d}\operatorname{tr}(XBX^{\top}) = \operatorname{tr}\left((B + B^{\top})X^{\top}"
                 r"\,\mathrm{d}X\right)",
    references=[cookbook(111), cookbook(112), cookbook(113)],
    notes="The three traces are equal by the cyclic property, so one function is checked. Here B acts on "
          "the columns of X (it is m × m), unlike tr(XᵀBX) where it acts on the rows.",
    aliases=["trace X B X transpose", "derivative of tr(XBX')", "trace of Gram matrix times B"],
    symbolic=lambda X, B: sp.Trace(X * B * X.T),
)

Derivative(
    id="W5YY",
    title="Gradient of tr(AXBX)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(AXBX) = A^{\top}X^{\top}B^{\top} + B^{\top}X^{\top}A^{\top}",
    variables={"A": Matrix("m", "n"), "X": Matrix("n", "m"), "B": Matrix("m", "n")},
    wrt="X",
    layout="denominator",
    f=lambda A, X, B: np.trace(A @ X @ B @ X),
    claimed=lambda A, X, B: A.T @ X.T @ B.T + B.T @ X.T @ A.T,
    differential=r"\mathrm{d}\operatorname{tr}(AXBX) = \operatorname{tr}\left((BXA + AXB)\,\mathrm{d}X\right)",
    references=[cookbook(114)],
    aliases=["trace AXBX", "derivative of tr(AXBX)", "trace with X twice"],
    symbolic=lambda A, X, B: sp.Trace(A * X * B * X),
)

Derivative(
    id="Z88W",
    title="Gradient of tr(XᵀX)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(X^{\top}X) = 2X",
    variables={"X": Matrix("n", "m")},
    wrt="X",
    layout="denominator",
    f=lambda X: np.trace(X.T @ X),
    claimed=lambda X: 2 * X,
    references=[cookbook(115), cookbook(132)],
    notes="tr(XᵀX) = tr(XXᵀ) = ‖X‖²_F, the squared Frobenius norm, so this entry is also Cookbook eq. (132) "
          "∂‖X‖²_F/∂X = 2X (real X). For the Frobenius norm itself see the Norms topic.",
    aliases=["squared Frobenius norm as trace", "trace X transpose X", "gradient of squared Frobenius norm",
             "derivative of ||X||_F^2", "weight decay gradient"],
    symbolic=lambda X: sp.Trace(X.T * X),
)

Derivative(
    id="M7Y8",
    title="Gradient of tr(BᵀXᵀCXB)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(B^{\top}X^{\top}CXB) = C^{\top}XBB^{\top} + CXBB^{\top}",
    variables={"B": Matrix("m", "p"), "X": Matrix("n", "m"), "C": Matrix("n", "n", "square")},
    wrt="X",
    layout="denominator",
    f=lambda B, X, C: np.trace(B.T @ X.T @ C @ X @ B),
    claimed=lambda B, X, C: C.T @ X @ B @ B.T + C @ X @ B @ B.T,
    references=[cookbook(116)],
    notes="With C symmetric this is 2CXBBᵀ; with B = I it reduces to eq. (108).",
    aliases=["weighted trace quadratic form", "trace B'X'CXB", "derivative of tr(B^T X^T C X B)"],
    symbolic=lambda B, X, C: sp.Trace(B.T * X.T * C * X * B),
)

Derivative(
    id="4T22",
    title="Gradient of tr(XᵀBXC)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(X^{\top}BXC) = BXC + B^{\top}XC^{\top}",
    variables={"X": Matrix("n", "m"), "B": Matrix("n", "n", "square"), "C": Matrix("m", "m", "square")},
    wrt="X",
    layout="denominator",
    f=lambda X, B, C: np.trace(X.T @ B @ X @ C),
    claimed=lambda X, B, C: B @ X @ C + B.T @ X @ C.T,
    differential=r"\mathrm{d}\operatorname{tr}(X^{\top}BXC) = \operatorname{tr}\left((CX^{\top}B + "
                 r"C^{\top}X^{\top}B^{\top})\,\mathrm{d}X\right)",
    references=[cookbook(117)],
    aliases=["trace X'BXC", "two-sided trace quadratic form", "derivative of tr(X^T B X C)"],
    symbolic=lambda X, B, C: sp.Trace(X.T * B * X * C),
)

Derivative(
    id="037V",
    title="Gradient of tr(AXBXᵀC)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(AXBX^{\top}C) = A^{\top}C^{\top}XB^{\top} + CAXB",
    variables={"A": Matrix("p", "n"), "X": Matrix("n", "m"), "B": Matrix("m", "m", "square"),
               "C": Matrix("n", "p")},
    wrt="X",
    layout="denominator",
    f=lambda A, X, B, C: np.trace(A @ X @ B @ X.T @ C),
    claimed=lambda A, X, B, C: A.T @ C.T @ X @ B.T + C @ A @ X @ B,
    references=[cookbook(118)],
    aliases=["trace AXBX'C", "derivative of tr(A X B X^T C)"],
    symbolic=lambda A, X, B, C: sp.Trace(A * X * B * X.T * C),
)

Derivative(
    id="HRT1",
    title="Gradient of tr[(AXB + C)(AXB + C)ᵀ]",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}\left[(AXB + C)(AXB + C)^{\top}\right] = "
          r"2A^{\top}(AXB + C)B^{\top}",
    variables={"A": Matrix("p", "n"), "X": Matrix("n", "m"), "B": Matrix("m", "q"), "C": Matrix("p", "q")},
    wrt="X",
    layout="denominator",
    f=lambda A, X, B, C: np.trace((A @ X @ B + C) @ (A @ X @ B + C).T),
    claimed=lambda A, X, B, C: 2 * A.T @ (A @ X @ B + C) @ B.T,
    references=[cookbook(119)],
    notes="The trace is the squared Frobenius norm ‖AXB + C‖²_F, the least-squares objective of the "
          "matrix equation AXB = −C.",
    aliases=["squared Frobenius norm of AXB + C", "matrix least squares gradient", "trace of (AXB+C)(AXB+C)^T"],
    symbolic=lambda A, X, B, C: sp.Trace((A * X * B + C) * (A * X * B + C).T),
)

Derivative(
    id="61DD",
    title="Gradient of tr(X ⊗ X)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(X\otimes X) = \frac{\partial}{\partial X}"
          r"\operatorname{tr}(X)\operatorname{tr}(X) = 2\operatorname{tr}(X)\,I",
    variables={"X": Matrix("n", "n", "square")},
    wrt="X",
    layout="denominator",
    f=lambda X: np.trace(np.kron(X, X)),
    claimed=lambda X: 2 * np.trace(X) * np.eye(len(X)),
    references=[cookbook(120)],
    aliases=["trace of Kronecker square", "square of the trace", "derivative of tr(X)^2"],
    symbolic=lambda X: sp.Trace(sp.KroneckerProduct(X, X)),
)

Derivative(
    id="X44R",
    title="Gradient of tr(Xᵏ)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}\left(X^{k}\right) = k\left(X^{k-1}\right)^{\top}",
    variables={"X": Matrix("n", "n", "square"), "k": Scalar(description="a positive integer")},
    conditions="k is a positive integer; each instance draws k from 1 to 5.",
    prepare=_integer_k,
    instances=6,
    wrt="X",
    layout="denominator",
    f=lambda X, k: np.trace(mpow(X, int(k))),
    claimed=lambda X, k: k * mpow(X, int(k) - 1).T,
    differential=r"\mathrm{d}\operatorname{tr}\left(X^{k}\right) = k\operatorname{tr}\left(X^{k-1}"
                 r"\mathrm{d}X\right)",
    references=[cookbook(121)],
    notes="The k terms of d(Xᵏ) = Σ Xʳ dX Xᵏ⁻ʳ⁻¹ all have the same trace by the cyclic property. "
          "For k = 1 this is eq. (99), for k = 2 eq. (106).",
    aliases=["trace of matrix power", "derivative of tr(X^k)", "power sum gradient"],
)

Derivative(
    id="UG3J",
    title="Gradient of tr(AXᵏ)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}\left(AX^{k}\right) = \sum_{r=0}^{k-1}"
          r"\left(X^{r}AX^{k-r-1}\right)^{\top}",
    variables={"A": Matrix("n", "n", "square"), "X": Matrix("n", "n", "square"),
               "k": Scalar(description="a positive integer")},
    symbols={"r": "a summation index"},
    conditions="k is a positive integer; each instance draws k from 1 to 5.",
    prepare=_integer_k,
    instances=6,
    wrt="X",
    layout="denominator",
    f=lambda A, X, k: np.trace(A @ mpow(X, int(k))),
    claimed=lambda A, X, k: sum((mpow(X, r) @ A @ mpow(X, int(k) - r - 1)).T for r in range(int(k))),
    differential=r"\mathrm{d}\operatorname{tr}\left(AX^{k}\right) = \sum_{r=0}^{k-1}\operatorname{tr}"
                 r"\left(X^{k-r-1}AX^{r}\,\mathrm{d}X\right)",
    references=[cookbook(122)],
    aliases=["trace of A times matrix power", "derivative of tr(A X^k)", "higher order trace derivative"],
)

Derivative(
    id="WEAP",
    title="Gradient of tr(BᵀXᵀCXXᵀCXB)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}\left[B^{\top}X^{\top}CXX^{\top}CXB\right] = "
          r"CXX^{\top}CXBB^{\top} + C^{\top}XBB^{\top}X^{\top}C^{\top}X + CXBB^{\top}X^{\top}CX + "
          r"C^{\top}XX^{\top}C^{\top}XBB^{\top}",
    variables={"B": Matrix("m", "p"), "X": Matrix("n", "m"), "C": Matrix("n", "n", "square")},
    wrt="X",
    layout="denominator",
    f=lambda B, X, C: np.trace(B.T @ X.T @ C @ X @ X.T @ C @ X @ B),
    claimed=lambda B, X, C: (C @ X @ X.T @ C @ X @ B @ B.T + C.T @ X @ B @ B.T @ X.T @ C.T @ X
                             + C @ X @ B @ B.T @ X.T @ C @ X + C.T @ X @ X.T @ C.T @ X @ B @ B.T),
    references=[cookbook(123)],
    notes="With M = XᵀCX the trace is tr(M² BBᵀ); each of the four terms comes from one of the four "
          "places X occurs. The formula holds for general, non-symmetric C.",
    aliases=["fourth order trace", "trace of quartic form", "derivative of tr(B'X'CXX'CXB)"],
    symbolic=lambda B, X, C: sp.Trace(B.T * X.T * C * X * X.T * C * X * B),
)

Derivative(
    id="653C",
    title="Gradient of tr(AX⁻¹B)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(AX^{-1}B) = -X^{-\top}A^{\top}B^{\top}X^{-\top}",
    variables={"A": Matrix("m", "n"), "X": Matrix("n", "n", "invertible"), "B": Matrix("n", "m")},
    wrt="X",
    layout="denominator",
    f=lambda A, X, B: np.trace(A @ np.linalg.inv(X) @ B),
    claimed=lambda A, X, B: -np.linalg.inv(X).T @ A.T @ B.T @ np.linalg.inv(X).T,
    references=[cookbook(124), cookbook(63, note="the same result, in the Cookbook's section on inverses")],
    notes="The Cookbook also writes it as −(X⁻¹BAX⁻¹)ᵀ.",
    aliases=["trace of inverse", "derivative of trace with inverse", "trace A X^-1 B"],
    symbolic=lambda A, X, B: sp.Trace(A * sp.Inverse(X) * B),
)

Derivative(
    id="V8CH",
    title="Gradient of tr[(XᵀCX)⁻¹A] for symmetric C",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}\left[\left(X^{\top}CX\right)^{-1}A\right] = "
          r"-CX\left(X^{\top}CX\right)^{-1}\left(A + A^{\top}\right)\left(X^{\top}CX\right)^{-1}",
    variables={"X": Matrix("n", "m", "full_column_rank"), "C": Matrix("n", "n", "spd"),
               "A": Matrix("m", "m", "square")},
    wrt="X",
    layout="denominator",
    f=lambda X, C, A: np.trace(inv(X.T @ C @ X) @ A),
    claimed=lambda X, C, A: -C @ X @ inv(X.T @ C @ X) @ (A + A.T) @ inv(X.T @ C @ X),
    references=[cookbook(125, note="stated under 'Assume B and C to be symmetric'; only C occurs")],
    related=["T3PN"],
    notes="Holds for any symmetric C with XᵀCX invertible (checked with C positive definite and X of "
          "full column rank); A need not be symmetric. For non-symmetric C see the general formula.",
    errata="The Cookbook prints this under the heading 'Assume B and C to be symmetric'; the symmetry of "
           "C is essential: for a non-symmetric C the printed formula is wrong (relative error 0.13–0.26 "
           "on three random instances, against a tolerance of 1e-6). For general C the gradient is "
           "−CXM⁻¹AM⁻¹ − CᵀXM⁻ᵀAᵀM⁻ᵀ with M = XᵀCX: see the entry for general C.",
    aliases=["trace of inverse quadratic form", "derivative of tr((X'CX)^-1 A)", "generalized Rayleigh trace"],
    symbolic=lambda X, C, A: sp.Trace(sp.Inverse(X.T * C * X) * A),
)

Derivative(
    id="T3PN",
    title="Gradient of tr[(XᵀCX)⁻¹A] for general C",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}\left[M^{-1}A\right] = -CXM^{-1}AM^{-1} - "
          r"C^{\top}XM^{-\top}A^{\top}M^{-\top},\quad M = X^{\top}CX",
    variables={"X": Matrix("n", "m", "full_column_rank"), "C": Matrix("n", "n", "square"),
               "A": Matrix("m", "m", "square")},
    symbols={"M": "the m × m matrix XᵀCX, assumed invertible"},
    conditions="XᵀCX is invertible; the check draws C with a positive definite symmetric part and a "
               "non-zero skew-symmetric part, so C is not symmetric.",
    prepare=lambda rng, v: {**v, "C": _positive_real(v["C"])},
    wrt="X",
    layout="denominator",
    f=lambda X, C, A: np.trace(inv(X.T @ C @ X) @ A),
    claimed=lambda X, C, A: (-C @ X @ inv(X.T @ C @ X) @ A @ inv(X.T @ C @ X)
                             - C.T @ X @ inv(X.T @ C @ X).T @ A.T @ inv(X.T @ C @ X).T),
    differential=r"\mathrm{d}\operatorname{tr}\left(M^{-1}A\right) = -\operatorname{tr}\left(M^{-1}"
                 r"\,\mathrm{d}M\,M^{-1}A\right),\quad \mathrm{d}M = \mathrm{d}X^{\top}CX + X^{\top}C\,\mathrm{d}X",
    references=[cookbook(125, note="the printed result needs C symmetric; this is the general form")],
    sketch="d tr(M⁻¹A) = −tr(M⁻¹ dM M⁻¹A) with dM = dXᵀCX + XᵀC dX; collect the dX terms.",
    related=["V8CH"],
    notes="For symmetric C, M is symmetric and the two terms combine to the Cookbook's "
          "−CXM⁻¹(A + Aᵀ)M⁻¹.",
    aliases=["trace of inverse quadratic form, non-symmetric", "derivative of tr((X'CX)^-1 A) general C"],
    symbolic=lambda X, C, A: sp.Trace(sp.Inverse(X.T * C * X) * A),
)

Derivative(
    id="SSC0",
    title="Gradient of tr[(XᵀCX)⁻¹(XᵀBX)] for symmetric B and C",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}\left[\left(X^{\top}CX\right)^{-1}\left(X^{\top}BX"
          r"\right)\right] = -2CX\left(X^{\top}CX\right)^{-1}X^{\top}BX\left(X^{\top}CX\right)^{-1} + "
          r"2BX\left(X^{\top}CX\right)^{-1}",
    variables={"X": Matrix("n", "m", "full_column_rank"), "C": Matrix("n", "n", "spd"),
               "B": Matrix("n", "n", "symmetric")},
    wrt="X",
    layout="denominator",
    f=lambda X, C, B: np.trace(inv(X.T @ C @ X) @ (X.T @ B @ X)),
    claimed=lambda X, C, B: (-2 * C @ X @ inv(X.T @ C @ X) @ X.T @ B @ X @ inv(X.T @ C @ X)
                             + 2 * B @ X @ inv(X.T @ C @ X)),
    references=[cookbook(126, note="stated under 'Assume B and C to be symmetric'")],
    related=["YBYY"],
    notes="Holds for symmetric B and C with XᵀCX invertible (checked with C positive definite). The "
          "trace is the generalized Rayleigh quotient of trace-ratio criteria (e.g. linear discriminant "
          "analysis). It is constant for square invertible X, hence the rectangular X here.",
    errata="Correct under the Cookbook's stated assumption that B and C are symmetric, and only then: for "
           "non-symmetric B and C the printed formula is wrong (relative error 0.29–0.61 on three random "
           "instances, against a tolerance of 1e-6); see the entry for general B and C.",
    aliases=["trace ratio gradient", "generalized Rayleigh quotient trace", "derivative of tr((X'CX)^-1 X'BX)"],
    symbolic=lambda X, C, B: sp.Trace(sp.Inverse(X.T * C * X) * (X.T * B * X)),
)

Derivative(
    id="YBYY",
    title="Gradient of tr[(XᵀCX)⁻¹(XᵀBX)] for general B and C",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}\left[M^{-1}N\right] = BXM^{-1} + B^{\top}XM^{-\top} - "
          r"CXM^{-1}NM^{-1} - C^{\top}XM^{-\top}N^{\top}M^{-\top},\quad M = X^{\top}CX,\ N = X^{\top}BX",
    variables={"X": Matrix("n", "m", "full_column_rank"), "C": Matrix("n", "n", "square"),
               "B": Matrix("n", "n", "square")},
    symbols={"M": "the m × m matrix XᵀCX, assumed invertible", "N": "the m × m matrix XᵀBX"},
    conditions="XᵀCX is invertible; the check draws C with a positive definite symmetric part and a "
               "non-zero skew-symmetric part, so neither B nor C is symmetric.",
    prepare=lambda rng, v: {**v, "C": _positive_real(v["C"])},
    wrt="X",
    layout="denominator",
    f=lambda X, C, B: np.trace(inv(X.T @ C @ X) @ (X.T @ B @ X)),
    claimed=lambda X, C, B: (B @ X @ inv(X.T @ C @ X) + B.T @ X @ inv(X.T @ C @ X).T
                             - C @ X @ inv(X.T @ C @ X) @ X.T @ B @ X @ inv(X.T @ C @ X)
                             - C.T @ X @ inv(X.T @ C @ X).T @ X.T @ B.T @ X @ inv(X.T @ C @ X).T),
    references=[cookbook(126, note="the printed result needs B and C symmetric; this is the general form")],
    sketch="d tr(M⁻¹N) = −tr(M⁻¹ dM M⁻¹N) + tr(M⁻¹ dN) with dM = dXᵀCX + XᵀC dX and "
               "dN = dXᵀBX + XᵀB dX; collect the dX terms.",
    related=["SSC0"],
    notes="For symmetric B and C, M and N are symmetric and the four terms pair up into the Cookbook's "
          "2BXM⁻¹ − 2CXM⁻¹NM⁻¹.",
    aliases=["trace ratio gradient, non-symmetric", "derivative of tr((X'CX)^-1 X'BX) general"],
    symbolic=lambda X, C, B: sp.Trace(sp.Inverse(X.T * C * X) * (X.T * B * X)),
)

Derivative(
    id="3G2L",
    title="Gradient of tr[(A + XᵀCX)⁻¹(XᵀBX)] for symmetric A, B and C",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}\left[\left(A + X^{\top}CX\right)^{-1}\left(X^{\top}BX"
          r"\right)\right] = -2CX\left(A + X^{\top}CX\right)^{-1}X^{\top}BX\left(A + X^{\top}CX\right)^{-1}"
          r" + 2BX\left(A + X^{\top}CX\right)^{-1}",
    variables={"X": Matrix("n", "m", "full_column_rank"), "A": Matrix("m", "m", "spd"),
               "C": Matrix("n", "n", "spd"), "B": Matrix("n", "n", "symmetric")},
    wrt="X",
    layout="denominator",
    f=lambda X, A, C, B: np.trace(inv(A + X.T @ C @ X) @ (X.T @ B @ X)),
    claimed=lambda X, A, C, B: (-2 * C @ X @ inv(A + X.T @ C @ X) @ X.T @ B @ X @ inv(A + X.T @ C @ X)
                                + 2 * B @ X @ inv(A + X.T @ C @ X)),
    references=[cookbook(127, note="needs A symmetric as well as B and C; the Cookbook assumes only B and C")],
    related=["5URA"],
    notes="Holds when A, B and C are all symmetric and A + XᵀCX is invertible (checked with A and C "
          "positive definite).",
    errata="The Cookbook prints this under 'Assume B and C to be symmetric', but that is not enough: A "
           "must be symmetric too, or A + XᵀCX is not symmetric and the two halves of the gradient do not "
           "combine. With symmetric B and C and a non-symmetric A the printed formula is wrong (relative "
           "error 0.05–0.10 on three random instances, against a tolerance of 1e-6). See the entry for "
           "general A, B and C.",
    aliases=["regularized trace ratio gradient", "derivative of tr((A + X'CX)^-1 X'BX)"],
    symbolic=lambda X, A, C, B: sp.Trace(sp.Inverse(A + X.T * C * X) * (X.T * B * X)),
)

Derivative(
    id="5URA",
    title="Gradient of tr[(A + XᵀCX)⁻¹(XᵀBX)] for general A, B and C",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}\left[K^{-1}N\right] = BXK^{-1} + B^{\top}XK^{-\top} - "
          r"CXK^{-1}NK^{-1} - C^{\top}XK^{-\top}N^{\top}K^{-\top},\quad K = A + X^{\top}CX,\ N = X^{\top}BX",
    variables={"X": Matrix("n", "m", "full_column_rank"), "A": Matrix("m", "m", "square"),
               "C": Matrix("n", "n", "square"), "B": Matrix("n", "n", "square")},
    symbols={"K": "the m × m matrix A + XᵀCX, assumed invertible", "N": "the m × m matrix XᵀBX"},
    conditions="A + XᵀCX is invertible; the check draws A and C with positive definite symmetric parts "
               "and non-zero skew-symmetric parts, so none of A, B, C is symmetric.",
    prepare=lambda rng, v: {**v, "A": _positive_real(v["A"]), "C": _positive_real(v["C"])},
    wrt="X",
    layout="denominator",
    f=lambda X, A, C, B: np.trace(inv(A + X.T @ C @ X) @ (X.T @ B @ X)),
    claimed=lambda X, A, C, B: (B @ X @ inv(A + X.T @ C @ X) + B.T @ X @ inv(A + X.T @ C @ X).T
                                - C @ X @ inv(A + X.T @ C @ X) @ X.T @ B @ X @ inv(A + X.T @ C @ X)
                                - C.T @ X @ inv(A + X.T @ C @ X).T @ X.T @ B.T @ X @ inv(A + X.T @ C @ X).T),
    references=[cookbook(127, note="the printed result needs A, B and C symmetric; this is the general form")],
    sketch="d tr(K⁻¹N) = −tr(K⁻¹ dK K⁻¹N) + tr(K⁻¹ dN) with dK = dXᵀCX + XᵀC dX and "
               "dN = dXᵀBX + XᵀB dX; collect the dX terms.",
    related=["3G2L"],
    aliases=["regularized trace ratio gradient, non-symmetric", "derivative of tr((A + X'CX)^-1 X'BX) general"],
    symbolic=lambda X, A, C, B: sp.Trace(sp.Inverse(A + X.T * C * X) * (X.T * B * X)),
)

Derivative(
    id="BQQQ",
    title="Gradient of tr(sin X)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(\sin X) = \cos(X)^{\top}",
    variables={"X": Matrix("n", "n", "square")},
    wrt="X",
    layout="denominator",
    f=lambda X: np.trace(_sinm(X)),
    claimed=lambda X: _cosm(X).T,
    differential=r"\mathrm{d}\operatorname{tr}(\sin X) = \operatorname{tr}\left(\cos(X)\,\mathrm{d}X\right)",
    references=[cookbook(128), ref("matrix-cookbook-2012", "§2.5, the rule ∂Tr(F(X))/∂X = f(X)ᵀ (unnumbered)")],
    notes="sin and cos are the matrix functions defined by their power series, not entrywise sine and "
          "cosine. An instance of the Cookbook's rule ∂tr F(X)/∂X = f(X)ᵀ, f the scalar derivative of F: "
          "each term Xᵏ of the series contributes k(Xᵏ⁻¹)ᵀ (eq. 121).",
    aliases=["trace of matrix sine", "derivative of tr(sin X)", "matrix trigonometric function gradient"],
)
