"""Traces.

Gradients of traces of matrix products, in the Matrix Cookbook's convention: the derivative of a
scalar by a matrix X has the shape of X (denominator layout). Rectangular factors are tested
with unequal sizes, so a misplaced transpose cannot hide behind a square matrix.

Each derivation applies the differential rules of the Basic rules topic and ends with the
identification step: a differential written as tr(Gᵀ dX) shows that the gradient is G.
"""
import numpy as np

from identities import Derivative, Erratum, Formula, Matrix, Scalar, Step, cookbook, ref
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


# tr(cos(X) dX) summed term by term: the series of d tr(sin X), each odd power differentiated by
# the power rule (tr of X^(2j+1)/(2j+1)! has differential tr(X^(2j)/(2j)! dX))
def _dtr_sin_termwise(X, dX):
    return sum((-1) ** (k // 2) * np.trace(t @ dX) for k, t in _series(X) if k % 2 == 0)


# A square matrix C whose symmetric part is positive definite and whose skew part is not zero:
# a non-symmetric C for which XᵀCX (X of full column rank) is safely invertible.
def _positive_real(G):
    n = len(G)
    return G @ G.T / n + np.eye(n) + (G - G.T) / 2


def _integer_k(rng, values):
    values["k"] = np.float64(rng.integers(1, 6))
    return values


# Functions whose differential a derivation step takes with D(...): defined once, here, so that
# each is the same object on every call.
def _XA(X, A):
    return X @ A


def _AXB(A, X, B):
    return A @ X @ B


def _AXtB(A, X, B):
    return A @ X.T @ B


def _Xt(X):
    return X.T


def _tr_AXt(X, A):
    return np.trace(A @ X.T)


def _tr_BXXt(X, B):
    return np.trace(B @ X @ X.T)


def _tr_XXtB(X, B):
    return np.trace(X @ X.T @ B)


def _tr_BXtX(X, B):
    return np.trace(B @ X.T @ X)


def _tr_XtXB(X, B):
    return np.trace(X.T @ X @ B)


def _sq_frobenius(X):
    return np.sum(X * X)


def _kron_A(A, X):
    return np.kron(A, X)


def _kron_X(X):
    return np.kron(X, X)


def _tr_squared(X):
    return np.trace(X) ** 2


def _XX(X):
    return X @ X


def _XXB(X, B):
    return X @ X @ B


def _XtX(X):
    return X.T @ X


def _XtBX(X, B):
    return X.T @ B @ X


def _XBXt(X, B):
    return X @ B @ X.T


def _AXBX(A, X, B):
    return A @ X @ B @ X


def _BtXtCXB(B, X, C):
    return B.T @ X.T @ C @ X @ B


def _XtBXC(X, B, C):
    return X.T @ B @ X @ C


def _AXBXtC(A, X, B, C):
    return A @ X @ B @ X.T @ C


def _R(A, X, B, C):
    return A @ X @ B + C


def _XtCX(X, C):
    return X.T @ C @ X


def _inv(X):
    return inv(X)


def _inv_XtCX(X, C):
    return inv(X.T @ C @ X)


def _K(X, A, C):
    return A + X.T @ C @ X


def _inv_K(X, A, C):
    return inv(A + X.T @ C @ X)


def _power(X, k):
    return mpow(X, int(k))


def _power_terms(X, k, dX):
    """The product rule for X^k: the sum over r of X^r dX X^(k-r-1)."""
    k = int(k)
    return sum(mpow(X, r) @ dX @ mpow(X, k - r - 1) for r in range(k))


def _A_power_terms(A, X, k, dX):
    return A @ _power_terms(X, k, dX)


def _dtr_inv_times(Mi, dM, A):
    """−tr(M⁻¹ dM M⁻¹ A): the differential of tr(M⁻¹A), given M⁻¹ and dM."""
    return -np.trace(Mi @ dM @ Mi @ A)


# The gradients of tr(M⁻¹A) with M the quadratic form XᵀCX: for symmetric C, and in general
def _inv_quadratic_sym(X, C, A):
    Mi = inv(X.T @ C @ X)
    return -C @ X @ Mi @ (A + A.T) @ Mi


def _inv_quadratic(X, C, A):
    Mi = inv(X.T @ C @ X)
    return -C @ X @ Mi @ A @ Mi - C.T @ X @ Mi.T @ A.T @ Mi.T


# The trace ratio tr(K⁻¹N), K = A + XᵀCX (A zero for the plain ratio), N = XᵀBX: its differential
# from dK and dN, and its gradient for symmetric A, B, C and in general
def _dtr_ratio_of(K, N, dK, dN):
    Ki = inv(K)
    return -np.trace(Ki @ dK @ Ki @ N) + np.trace(Ki @ dN)


def _dtr_ratio(X, C, B, dM, dN):
    return _dtr_ratio_of(X.T @ C @ X, X.T @ B @ X, dM, dN)


def _ratio_grad_sym(K, X, C, B):
    Ki = inv(K)
    return -2 * C @ X @ Ki @ X.T @ B @ X @ Ki + 2 * B @ X @ Ki


def _ratio_grad(K, X, C, B):
    Ki, N = inv(K), X.T @ B @ X
    return B @ X @ Ki + B.T @ X @ Ki.T - C @ X @ Ki @ N @ Ki - C.T @ X @ Ki.T @ N.T @ Ki.T


def _ratio_sym(X, C, B):
    return _ratio_grad_sym(X.T @ C @ X, X, C, B)


def _ratio_general(X, C, B):
    return _ratio_grad(X.T @ C @ X, X, C, B)


def _ratio_K_sym(X, A, C, B):
    return _ratio_grad_sym(A + X.T @ C @ X, X, C, B)


def _ratio_K_general(X, A, C, B):
    return _ratio_grad(A + X.T @ C @ X, X, C, B)


Derivative(
    id="LL5K",
    title="Gradient of the trace",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(X) = I",
    variables={"X": Matrix("n", "n", "square")},
    wrt="X",
    layout="denominator",
    f=lambda X: np.trace(X),
    claimed=lambda X: np.eye(len(X)),
    differential=(r"\mathrm{d}\operatorname{tr}(X) = \operatorname{tr}(\mathrm{d}X)", lambda X, dX: np.trace(dX)),
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(X) = \operatorname{tr}(\mathrm{d}X)",
             lambda D: D(), lambda dX: np.trace(dX), uses=["U00N"]),
        Step(r"= \operatorname{tr}\bigl(I^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; \frac{\partial}{\partial X}"
             r"\operatorname{tr}(X) = I",
             lambda dX: np.trace(dX), lambda X, dX: np.sum(np.eye(len(X)) * dX)),
    ],
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
    differential=(r"\mathrm{d}\operatorname{tr}(XA) = \operatorname{tr}(\mathrm{d}X\,A)",
                  lambda X, A, dX: np.trace(dX @ A)),
    also=[Formula(r"\operatorname{tr}(XA) = \operatorname{tr}(AX)",
                  lambda X, A: np.trace(X @ A), lambda X, A: np.trace(A @ X))],
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(XA) = \operatorname{tr}\bigl(\mathrm{d}(XA)\bigr) = "
             r"\operatorname{tr}(\mathrm{d}X\,A)",
             lambda D: D(), lambda D: np.trace(D(_XA)), lambda A, dX: np.trace(dX @ A),
             uses=["U00N", "8CQG", "6Q8H"]),
        Step(r"= \operatorname{tr}(A\,\mathrm{d}X) = \operatorname{tr}\bigl((A^{\top})^{\top}\mathrm{d}X\bigr)"
             r" \;\Rightarrow\; \frac{\partial}{\partial X}\operatorname{tr}(XA) = A^{\top}",
             lambda A, dX: np.trace(dX @ A), lambda A, dX: np.trace(A @ dX), lambda A, dX: np.sum(A.T * dX)),
    ],
    references=[cookbook(100)],
    aliases=["trace of product", "linear trace form", "derivative of trace of XA", "gradient of tr(AX)"],
    notes="The trace is cyclic (shown below), so this is also the gradient of tr(AX). In numerator layout "
          "the same derivative is written A.",
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
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(AXB) = \operatorname{tr}\bigl(\mathrm{d}(AXB)\bigr) = "
             r"\operatorname{tr}(A\,\mathrm{d}X\,B)",
             lambda D: D(), lambda D: np.trace(D(_AXB)), lambda A, B, dX: np.trace(A @ dX @ B),
             uses=["U00N", "2ZM7"]),
        Step(r"= \operatorname{tr}(BA\,\mathrm{d}X) = \operatorname{tr}\bigl((A^{\top}B^{\top})^{\top}\mathrm{d}X\bigr)"
             r" \;\Rightarrow\; \frac{\partial}{\partial X}\operatorname{tr}(AXB) = A^{\top}B^{\top}",
             lambda A, B, dX: np.trace(A @ dX @ B), lambda A, B, dX: np.trace(B @ A @ dX),
             lambda A, B, dX: np.sum((A.T @ B.T) * dX)),
    ],
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
    differential=(r"\mathrm{d}\operatorname{tr}(AX^{\top}B) = \operatorname{tr}(A\,\mathrm{d}X^{\top}B)",
                  lambda A, X, B, dX: np.trace(A @ dX.T @ B)),
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(AX^{\top}B) = \operatorname{tr}\bigl(A\,\mathrm{d}(X^{\top})\,B\bigr) = "
             r"\operatorname{tr}\bigl(A\,(\mathrm{d}X)^{\top}B\bigr)",
             lambda D: D(), lambda A, B, D: np.trace(A @ D(_Xt) @ B), lambda A, B, dX: np.trace(A @ dX.T @ B),
             uses=["U00N", "2ZM7", "TBSX"]),
        Step(r"= \operatorname{tr}\bigl(B^{\top}\mathrm{d}X\,A^{\top}\bigr) = \operatorname{tr}\bigl((BA)^{\top}"
             r"\mathrm{d}X\bigr) \;\Rightarrow\; \frac{\partial}{\partial X}\operatorname{tr}(AX^{\top}B) = BA",
             lambda A, B, dX: np.trace(A @ dX.T @ B), lambda A, B, dX: np.trace(B.T @ dX @ A.T),
             lambda A, B, dX: np.sum((B @ A) * dX)),
    ],
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
    differential=(r"\mathrm{d}\operatorname{tr}(X^{\top}A) = \operatorname{tr}(\mathrm{d}X^{\top}A)",
                  lambda X, A, dX: np.trace(dX.T @ A)),
    also=[
        Formula(r"\frac{\partial}{\partial X}\operatorname{tr}(AX^{\top}) = A",
                lambda D, X, A: D(_tr_AXt), lambda A, dX: np.sum(A * dX)),
        Formula(r"\operatorname{tr}(X^{\top}A) = \operatorname{tr}(AX^{\top}) = \langle X, A\rangle",
                lambda X, A: np.trace(X.T @ A), lambda X, A: np.trace(A @ X.T), lambda X, A: np.sum(X * A)),
    ],
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(X^{\top}A) = \operatorname{tr}\bigl(\mathrm{d}(X^{\top})\,A\bigr) = "
             r"\operatorname{tr}\bigl((\mathrm{d}X)^{\top}A\bigr)",
             lambda D: D(), lambda A, D: np.trace(D(_Xt) @ A), lambda A, dX: np.trace(dX.T @ A),
             uses=["U00N", "8CQG", "6Q8H", "TBSX"]),
        Step(r"= \operatorname{tr}\bigl(A^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; \frac{\partial}{\partial X}"
             r"\operatorname{tr}(X^{\top}A) = A",
             lambda A, dX: np.trace(dX.T @ A), lambda A, dX: np.trace(A.T @ dX), lambda A, dX: np.sum(A * dX)),
    ],
    references=[cookbook(103), cookbook(104)],
    notes="Both traces are the Frobenius inner product ⟨X, A⟩ (shown below), so they are the same function, "
          "and the gradient of the linear function ⟨X, A⟩ is A.",
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
    also=[Formula(r"\operatorname{tr}(A\otimes X) = \operatorname{tr}(A)\operatorname{tr}(X)",
                  lambda A, X: np.trace(np.kron(A, X)), lambda A, X: np.trace(A) * np.trace(X), uses=["V59G"])],
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(A\otimes X) = \operatorname{tr}\bigl(\mathrm{d}(A\otimes X)\bigr) = "
             r"\operatorname{tr}(A\otimes\mathrm{d}X)",
             lambda D: D(), lambda D: np.trace(D(_kron_A)), lambda A, dX: np.trace(np.kron(A, dX)),
             uses=["U00N", "C9MB", "6Q8H"]),
        Step(r"= \operatorname{tr}(A)\operatorname{tr}(\mathrm{d}X)",
             lambda A, dX: np.trace(np.kron(A, dX)), lambda A, dX: np.trace(A) * np.trace(dX), uses=["V59G"]),
        Step(r"= \operatorname{tr}\bigl((\operatorname{tr}(A)\,I)^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial}{\partial X}\operatorname{tr}(A\otimes X) = \operatorname{tr}(A)\,I",
             lambda A, dX: np.trace(A) * np.trace(dX), lambda A, X, dX: np.sum(np.trace(A) * np.eye(len(X)) * dX)),
    ],
    references=[cookbook(105)],
    notes="The trace of a Kronecker product is the product of the traces (shown below), so the derivative "
          "is tr(A) times that of tr(X). The identity has the size of X, not of the Kronecker product.",
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
    differential=(r"\mathrm{d}\operatorname{tr}\left(X^{2}\right) = 2\operatorname{tr}(X\,\mathrm{d}X)",
                  lambda X, dX: 2 * np.trace(X @ dX)),
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}\left(X^{2}\right) = \operatorname{tr}\bigl(\mathrm{d}(XX)\bigr) = "
             r"\operatorname{tr}(\mathrm{d}X\,X + X\,\mathrm{d}X)",
             lambda D: D(), lambda D: np.trace(D(_XX)), lambda X, dX: np.trace(dX @ X + X @ dX),
             uses=["U00N", "8CQG"]),
        Step(r"= 2\operatorname{tr}(X\,\mathrm{d}X) = \operatorname{tr}\bigl((2X^{\top})^{\top}\mathrm{d}X\bigr)"
             r" \;\Rightarrow\; \frac{\partial}{\partial X}\operatorname{tr}\left(X^{2}\right) = 2X^{\top}",
             lambda X, dX: np.trace(dX @ X + X @ dX), lambda X, dX: 2 * np.trace(X @ dX),
             lambda X, dX: np.sum(2 * X.T * dX)),
    ],
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
    differential=(r"\mathrm{d}\operatorname{tr}\left(X^{2}B\right) = \operatorname{tr}\left((XB + BX)\,"
                  r"\mathrm{d}X\right)", lambda X, B, dX: np.trace((X @ B + B @ X) @ dX)),
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}\left(X^{2}B\right) = \operatorname{tr}\bigl(\mathrm{d}(XXB)\bigr) = "
             r"\operatorname{tr}(\mathrm{d}X\,XB + X\,\mathrm{d}X\,B)",
             lambda D: D(), lambda D: np.trace(D(_XXB)), lambda X, B, dX: np.trace(dX @ X @ B + X @ dX @ B),
             uses=["U00N", "8CQG", "6Q8H"]),
        Step(r"= \operatorname{tr}\bigl((XB + BX)\,\mathrm{d}X\bigr) = \operatorname{tr}\bigl(((XB + BX)^{\top})^{\top}"
             r"\mathrm{d}X\bigr) \;\Rightarrow\; \frac{\partial}{\partial X}\operatorname{tr}\left(X^{2}B\right) = "
             r"(XB + BX)^{\top}",
             lambda X, B, dX: np.trace(dX @ X @ B + X @ dX @ B), lambda X, B, dX: np.trace((X @ B + B @ X) @ dX),
             lambda X, B, dX: np.sum((X @ B + B @ X).T * dX)),
    ],
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
    differential=(r"\mathrm{d}\operatorname{tr}(X^{\top}BX) = \operatorname{tr}\left(X^{\top}(B + B^{\top})"
                  r"\,\mathrm{d}X\right)", lambda X, B, dX: np.trace(X.T @ (B + B.T) @ dX)),
    also=[
        Formula(r"\frac{\partial}{\partial X}\operatorname{tr}(BXX^{\top}) = BX + B^{\top}X",
                lambda D, X, B: D(_tr_BXXt), lambda X, B, dX: np.sum((B @ X + B.T @ X) * dX)),
        Formula(r"\frac{\partial}{\partial X}\operatorname{tr}(XX^{\top}B) = BX + B^{\top}X",
                lambda D, X, B: D(_tr_XXtB), lambda X, B, dX: np.sum((B @ X + B.T @ X) * dX)),
    ],
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(X^{\top}BX) = \operatorname{tr}\bigl(\mathrm{d}(X^{\top}BX)\bigr) = "
             r"\operatorname{tr}\bigl((\mathrm{d}X)^{\top}BX + X^{\top}B\,\mathrm{d}X\bigr)",
             lambda D: D(), lambda D: np.trace(D(_XtBX)), lambda X, B, dX: np.trace(dX.T @ B @ X + X.T @ B @ dX),
             uses=["U00N", "8CQG", "TBSX", "6Q8H"]),
        Step(r"= \operatorname{tr}\bigl(X^{\top}(B + B^{\top})\,\mathrm{d}X\bigr) = \operatorname{tr}\bigl("
             r"((B + B^{\top})X)^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; \frac{\partial}{\partial X}"
             r"\operatorname{tr}(X^{\top}BX) = BX + B^{\top}X",
             lambda X, B, dX: np.trace(dX.T @ B @ X + X.T @ B @ dX), lambda X, B, dX: np.trace(X.T @ (B + B.T) @ dX),
             lambda X, B, dX: np.sum((B @ X + B.T @ X) * dX)),
    ],
    references=[cookbook(108), cookbook(109), cookbook(110)],
    notes="The three traces are equal by the cyclic property; each gradient is checked. For symmetric B "
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
    differential=(r"\mathrm{d}\operatorname{tr}(XBX^{\top}) = \operatorname{tr}\left((B + B^{\top})X^{\top}"
                  r"\,\mathrm{d}X\right)", lambda X, B, dX: np.trace((B + B.T) @ X.T @ dX)),
    also=[
        Formula(r"\frac{\partial}{\partial X}\operatorname{tr}(BX^{\top}X) = XB^{\top} + XB",
                lambda D, X, B: D(_tr_BXtX), lambda X, B, dX: np.sum((X @ B.T + X @ B) * dX)),
        Formula(r"\frac{\partial}{\partial X}\operatorname{tr}(X^{\top}XB) = XB^{\top} + XB",
                lambda D, X, B: D(_tr_XtXB), lambda X, B, dX: np.sum((X @ B.T + X @ B) * dX)),
    ],
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(XBX^{\top}) = \operatorname{tr}\bigl(\mathrm{d}(XBX^{\top})\bigr) = "
             r"\operatorname{tr}\bigl(\mathrm{d}X\,BX^{\top} + XB\,(\mathrm{d}X)^{\top}\bigr)",
             lambda D: D(), lambda D: np.trace(D(_XBXt)), lambda X, B, dX: np.trace(dX @ B @ X.T + X @ B @ dX.T),
             uses=["U00N", "8CQG", "TBSX", "6Q8H"]),
        Step(r"= \operatorname{tr}\bigl((B + B^{\top})X^{\top}\mathrm{d}X\bigr) = \operatorname{tr}\bigl("
             r"(XB^{\top} + XB)^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; \frac{\partial}{\partial X}"
             r"\operatorname{tr}(XBX^{\top}) = XB^{\top} + XB",
             lambda X, B, dX: np.trace(dX @ B @ X.T + X @ B @ dX.T), lambda X, B, dX: np.trace((B + B.T) @ X.T @ dX),
             lambda X, B, dX: np.sum((X @ B.T + X @ B) * dX)),
    ],
    references=[cookbook(111), cookbook(112), cookbook(113)],
    notes="The three traces are equal by the cyclic property; each gradient is checked. Here B acts on "
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
    differential=(r"\mathrm{d}\operatorname{tr}(AXBX) = \operatorname{tr}\left((BXA + AXB)\,\mathrm{d}X\right)",
                  lambda A, X, B, dX: np.trace((B @ X @ A + A @ X @ B) @ dX)),
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(AXBX) = \operatorname{tr}\bigl(\mathrm{d}(AXBX)\bigr) = "
             r"\operatorname{tr}(A\,\mathrm{d}X\,BX + AXB\,\mathrm{d}X)",
             lambda D: D(), lambda D: np.trace(D(_AXBX)),
             lambda A, X, B, dX: np.trace(A @ dX @ B @ X + A @ X @ B @ dX), uses=["U00N", "8CQG", "2ZM7"]),
        Step(r"= \operatorname{tr}\bigl((BXA + AXB)\,\mathrm{d}X\bigr) = \operatorname{tr}\bigl((A^{\top}X^{\top}"
             r"B^{\top} + B^{\top}X^{\top}A^{\top})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; \frac{\partial}{\partial X}"
             r"\operatorname{tr}(AXBX) = A^{\top}X^{\top}B^{\top} + B^{\top}X^{\top}A^{\top}",
             lambda A, X, B, dX: np.trace(A @ dX @ B @ X + A @ X @ B @ dX),
             lambda A, X, B, dX: np.trace((B @ X @ A + A @ X @ B) @ dX),
             lambda A, X, B, dX: np.sum((A.T @ X.T @ B.T + B.T @ X.T @ A.T) * dX)),
    ],
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
    also=[
        Formula(r"\operatorname{tr}(X^{\top}X) = \operatorname{tr}(XX^{\top}) = \lVert X\rVert_{\mathrm{F}}^{2}",
                lambda X: np.trace(X.T @ X), lambda X: np.trace(X @ X.T), lambda X: np.linalg.norm(X, "fro") ** 2),
        Formula(r"\frac{\partial}{\partial X}\lVert X\rVert_{\mathrm{F}}^{2} = 2X",
                lambda D: D(_sq_frobenius), lambda X, dX: np.sum(2 * X * dX)),
    ],
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(X^{\top}X) = \operatorname{tr}\bigl(\mathrm{d}(X^{\top}X)\bigr) = "
             r"\operatorname{tr}\bigl((\mathrm{d}X)^{\top}X + X^{\top}\mathrm{d}X\bigr)",
             lambda D: D(), lambda D: np.trace(D(_XtX)), lambda X, dX: np.trace(dX.T @ X + X.T @ dX),
             uses=["U00N", "N72P"]),
        Step(r"= 2\operatorname{tr}\bigl(X^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; \frac{\partial}{\partial X}"
             r"\operatorname{tr}(X^{\top}X) = 2X",
             lambda X, dX: np.trace(dX.T @ X + X.T @ dX), lambda X, dX: 2 * np.trace(X.T @ dX),
             lambda X, dX: np.sum(2 * X * dX)),
    ],
    references=[cookbook(115), cookbook(132)],
    notes="The trace is the squared Frobenius norm (shown below), so this entry is also Cookbook eq. (132), "
          "the gradient of the squared Frobenius norm of a real X. For the Frobenius norm itself see the "
          "Norms topic.",
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
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(B^{\top}X^{\top}CXB) = \operatorname{tr}\bigl(\mathrm{d}(B^{\top}X^{\top}"
             r"CXB)\bigr) = \operatorname{tr}\bigl(B^{\top}(\mathrm{d}X)^{\top}CXB + B^{\top}X^{\top}C\,\mathrm{d}X\,B\bigr)",
             lambda D: D(), lambda D: np.trace(D(_BtXtCXB)),
             lambda B, X, C, dX: np.trace(B.T @ dX.T @ C @ X @ B + B.T @ X.T @ C @ dX @ B),
             uses=["U00N", "8CQG", "2ZM7", "TBSX"]),
        Step(r"= \operatorname{tr}\bigl(BB^{\top}X^{\top}(C + C^{\top})\,\mathrm{d}X\bigr) = \operatorname{tr}\bigl("
             r"(C^{\top}XBB^{\top} + CXBB^{\top})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; \frac{\partial}{\partial X}"
             r"\operatorname{tr}(B^{\top}X^{\top}CXB) = C^{\top}XBB^{\top} + CXBB^{\top}",
             lambda B, X, C, dX: np.trace(B.T @ dX.T @ C @ X @ B + B.T @ X.T @ C @ dX @ B),
             lambda B, X, C, dX: np.trace(B @ B.T @ X.T @ (C + C.T) @ dX),
             lambda B, X, C, dX: np.sum((C.T @ X @ B @ B.T + C @ X @ B @ B.T) * dX)),
    ],
    references=[cookbook(116)],
    notes="With C symmetric this is 2CXBBᵀ; with B the identity it reduces to eq. (108).",
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
    differential=(r"\mathrm{d}\operatorname{tr}(X^{\top}BXC) = \operatorname{tr}\left((CX^{\top}B + "
                  r"C^{\top}X^{\top}B^{\top})\,\mathrm{d}X\right)",
                  lambda X, B, C, dX: np.trace((C @ X.T @ B + C.T @ X.T @ B.T) @ dX)),
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(X^{\top}BXC) = \operatorname{tr}\bigl(\mathrm{d}(X^{\top}BXC)\bigr) = "
             r"\operatorname{tr}\bigl((\mathrm{d}X)^{\top}BXC + X^{\top}B\,\mathrm{d}X\,C\bigr)",
             lambda D: D(), lambda D: np.trace(D(_XtBXC)),
             lambda X, B, C, dX: np.trace(dX.T @ B @ X @ C + X.T @ B @ dX @ C),
             uses=["U00N", "8CQG", "2ZM7", "TBSX"]),
        Step(r"= \operatorname{tr}\bigl((CX^{\top}B + C^{\top}X^{\top}B^{\top})\,\mathrm{d}X\bigr) = "
             r"\operatorname{tr}\bigl((BXC + B^{\top}XC^{\top})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial}{\partial X}\operatorname{tr}(X^{\top}BXC) = BXC + B^{\top}XC^{\top}",
             lambda X, B, C, dX: np.trace(dX.T @ B @ X @ C + X.T @ B @ dX @ C),
             lambda X, B, C, dX: np.trace((C @ X.T @ B + C.T @ X.T @ B.T) @ dX),
             lambda X, B, C, dX: np.sum((B @ X @ C + B.T @ X @ C.T) * dX)),
    ],
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
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(AXBX^{\top}C) = \operatorname{tr}\bigl(\mathrm{d}(AXBX^{\top}C)\bigr) = "
             r"\operatorname{tr}\bigl(A\,\mathrm{d}X\,BX^{\top}C + AXB\,(\mathrm{d}X)^{\top}C\bigr)",
             lambda D: D(), lambda D: np.trace(D(_AXBXtC)),
             lambda A, X, B, C, dX: np.trace(A @ dX @ B @ X.T @ C + A @ X @ B @ dX.T @ C),
             uses=["U00N", "8CQG", "2ZM7", "TBSX"]),
        Step(r"= \operatorname{tr}\bigl((BX^{\top}CA + B^{\top}X^{\top}A^{\top}C^{\top})\,\mathrm{d}X\bigr) = "
             r"\operatorname{tr}\bigl((A^{\top}C^{\top}XB^{\top} + CAXB)^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial}{\partial X}\operatorname{tr}(AXBX^{\top}C) = A^{\top}C^{\top}XB^{\top} + CAXB",
             lambda A, X, B, C, dX: np.trace(A @ dX @ B @ X.T @ C + A @ X @ B @ dX.T @ C),
             lambda A, X, B, C, dX: np.trace((B @ X.T @ C @ A + B.T @ X.T @ A.T @ C.T) @ dX),
             lambda A, X, B, C, dX: np.sum((A.T @ C.T @ X @ B.T + C @ A @ X @ B) * dX)),
    ],
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
    symbols={"R": "the residual AXB + C, a p × q matrix"},
    wrt="X",
    layout="denominator",
    f=lambda A, X, B, C: np.trace((A @ X @ B + C) @ (A @ X @ B + C).T),
    claimed=lambda A, X, B, C: 2 * A.T @ (A @ X @ B + C) @ B.T,
    also=[Formula(r"\operatorname{tr}\left[(AXB + C)(AXB + C)^{\top}\right] = \lVert AXB + C\rVert_{\mathrm{F}}^{2}",
                  lambda A, X, B, C: np.trace((A @ X @ B + C) @ (A @ X @ B + C).T),
                  lambda A, X, B, C: np.linalg.norm(A @ X @ B + C, "fro") ** 2)],
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(RR^{\top}) = \operatorname{tr}\bigl(\mathrm{d}R\,R^{\top} + "
             r"R\,(\mathrm{d}R)^{\top}\bigr) = 2\operatorname{tr}\bigl(R^{\top}\mathrm{d}R\bigr)",
             lambda D: D(),
             lambda A, X, B, C, D: np.trace(D(_R) @ _R(A, X, B, C).T + _R(A, X, B, C) @ D(_R).T),
             lambda A, X, B, C, D: 2 * np.trace(_R(A, X, B, C).T @ D(_R)),
             uses=["U00N", "8CQG", "TBSX"]),
        Step(r"= 2\operatorname{tr}\bigl(R^{\top}A\,\mathrm{d}X\,B\bigr)",
             lambda A, X, B, C, D: 2 * np.trace(_R(A, X, B, C).T @ D(_R)),
             lambda A, X, B, C, dX: 2 * np.trace(_R(A, X, B, C).T @ A @ dX @ B), uses=["9K5K", "6Q8H", "2ZM7"]),
        Step(r"= \operatorname{tr}\bigl((2A^{\top}RB^{\top})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial}{\partial X}\operatorname{tr}(RR^{\top}) = 2A^{\top}(AXB + C)B^{\top}",
             lambda A, X, B, C, dX: 2 * np.trace(_R(A, X, B, C).T @ A @ dX @ B),
             lambda A, X, B, C, dX: np.sum(2 * A.T @ _R(A, X, B, C) @ B.T * dX)),
    ],
    references=[cookbook(119)],
    notes="The trace is the squared Frobenius norm of AXB + C (shown below), the least-squares objective "
          "of fitting AXB to −C.",
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
    also=[
        Formula(r"\frac{\partial}{\partial X}\operatorname{tr}(X)\operatorname{tr}(X) = 2\operatorname{tr}(X)\,I",
                lambda D: D(_tr_squared), lambda X, dX: np.sum(2 * np.trace(X) * np.eye(len(X)) * dX)),
        Formula(r"\operatorname{tr}(X\otimes X) = \operatorname{tr}(X)\operatorname{tr}(X)",
                lambda X: np.trace(np.kron(X, X)), lambda X: np.trace(X) * np.trace(X), uses=["V59G"]),
    ],
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(X\otimes X) = \operatorname{tr}\bigl(\mathrm{d}(X\otimes X)\bigr) = "
             r"\operatorname{tr}(\mathrm{d}X\otimes X + X\otimes\mathrm{d}X)",
             lambda D: D(), lambda D: np.trace(D(_kron_X)),
             lambda X, dX: np.trace(np.kron(dX, X) + np.kron(X, dX)), uses=["U00N", "C9MB"]),
        Step(r"= 2\operatorname{tr}(X)\operatorname{tr}(\mathrm{d}X)",
             lambda X, dX: np.trace(np.kron(dX, X) + np.kron(X, dX)),
             lambda X, dX: 2 * np.trace(X) * np.trace(dX), uses=["V59G"]),
        Step(r"= \operatorname{tr}\bigl((2\operatorname{tr}(X)\,I)^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial}{\partial X}\operatorname{tr}(X\otimes X) = 2\operatorname{tr}(X)\,I",
             lambda X, dX: 2 * np.trace(X) * np.trace(dX),
             lambda X, dX: np.sum(2 * np.trace(X) * np.eye(len(X)) * dX)),
    ],
    references=[cookbook(120)],
    aliases=["trace of Kronecker square", "square of the trace", "derivative of tr(X)^2"],
    symbolic=lambda X: sp.Trace(sp.KroneckerProduct(X, X)),
)

Derivative(
    id="X44R",
    title="Gradient of tr(Xᵏ)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}\left(X^{k}\right) = k\left(X^{k-1}\right)^{\top}",
    variables={"X": Matrix("n", "n", "square"), "k": Scalar(description="a positive integer")},
    symbols={"r": "a summation index"},
    conditions="k is a positive integer; each instance draws k from 1 to 5.",
    prepare=_integer_k,
    instances=6,
    wrt="X",
    layout="denominator",
    f=lambda X, k: np.trace(mpow(X, int(k))),
    claimed=lambda X, k: k * mpow(X, int(k) - 1).T,
    differential=(r"\mathrm{d}\operatorname{tr}\left(X^{k}\right) = k\operatorname{tr}\left(X^{k-1}"
                  r"\mathrm{d}X\right)", lambda X, k, dX: k * np.trace(mpow(X, int(k) - 1) @ dX)),
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}\left(X^{k}\right) = \operatorname{tr}\bigl(\mathrm{d}(X^{k})\bigr) = "
             r"\sum_{r=0}^{k-1}\operatorname{tr}\left(X^{r}\,\mathrm{d}X\,X^{k-r-1}\right)",
             lambda D: D(), lambda D: np.trace(D(_power)), lambda X, k, dX: np.trace(_power_terms(X, k, dX)),
             uses=["U00N", "8CQG"]),
        Step(r"= k\operatorname{tr}\left(X^{k-1}\mathrm{d}X\right) = \operatorname{tr}\Bigl(\bigl(k(X^{k-1})^{\top}"
             r"\bigr)^{\top}\mathrm{d}X\Bigr) \;\Rightarrow\; \frac{\partial}{\partial X}\operatorname{tr}"
             r"\left(X^{k}\right) = k\left(X^{k-1}\right)^{\top}",
             lambda X, k, dX: np.trace(_power_terms(X, k, dX)),
             lambda X, k, dX: k * np.trace(mpow(X, int(k) - 1) @ dX),
             lambda X, k, dX: np.sum(k * mpow(X, int(k) - 1).T * dX)),
    ],
    references=[cookbook(121)],
    notes="The k terms of the product rule all have the same trace by the cyclic property. With k one "
          "this is eq. (99), with k two eq. (106).",
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
    differential=(r"\mathrm{d}\operatorname{tr}\left(AX^{k}\right) = \sum_{r=0}^{k-1}\operatorname{tr}"
                  r"\left(X^{k-r-1}AX^{r}\,\mathrm{d}X\right)",
                  lambda A, X, k, dX: sum(np.trace(mpow(X, int(k) - r - 1) @ A @ mpow(X, r) @ dX)
                                          for r in range(int(k)))),
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}\left(AX^{k}\right) = \operatorname{tr}\bigl(A\,\mathrm{d}(X^{k})\bigr) = "
             r"\sum_{r=0}^{k-1}\operatorname{tr}\left(AX^{r}\,\mathrm{d}X\,X^{k-r-1}\right)",
             lambda D: D(), lambda A, D: np.trace(A @ D(_power)),
             lambda A, X, k, dX: np.trace(_A_power_terms(A, X, k, dX)), uses=["U00N", "2ZM7", "8CQG"]),
        Step(r"= \sum_{r=0}^{k-1}\operatorname{tr}\left(X^{k-r-1}AX^{r}\,\mathrm{d}X\right) = \operatorname{tr}"
             r"\Bigl(\bigl(\textstyle\sum_{r=0}^{k-1}(X^{r}AX^{k-r-1})^{\top}\bigr)^{\top}\mathrm{d}X\Bigr) \;\Rightarrow"
             r"\; \frac{\partial}{\partial X}\operatorname{tr}\left(AX^{k}\right) = \sum_{r=0}^{k-1}"
             r"\left(X^{r}AX^{k-r-1}\right)^{\top}",
             lambda A, X, k, dX: np.trace(_A_power_terms(A, X, k, dX)),
             lambda A, X, k, dX: sum(np.trace(mpow(X, int(k) - r - 1) @ A @ mpow(X, r) @ dX) for r in range(int(k))),
             lambda A, X, k, dX: np.sum(sum((mpow(X, r) @ A @ mpow(X, int(k) - r - 1)).T
                                            for r in range(int(k))) * dX)),
    ],
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
    symbols={"M": "the m × m matrix XᵀCX", "P": "the m × m matrix MBBᵀ + BBᵀM"},
    wrt="X",
    layout="denominator",
    f=lambda B, X, C: np.trace(B.T @ X.T @ C @ X @ X.T @ C @ X @ B),
    claimed=lambda B, X, C: (C @ X @ X.T @ C @ X @ B @ B.T + C.T @ X @ B @ B.T @ X.T @ C.T @ X
                             + C @ X @ B @ B.T @ X.T @ C @ X + C.T @ X @ X.T @ C.T @ X @ B @ B.T),
    also=[Formula(r"\operatorname{tr}\left[B^{\top}X^{\top}CXX^{\top}CXB\right] = \operatorname{tr}\left(M^{2}"
                  r"BB^{\top}\right),\quad M = X^{\top}CX",
                  lambda B, X, C: np.trace(B.T @ X.T @ C @ X @ X.T @ C @ X @ B),
                  lambda B, X, C: np.trace(_XtCX(X, C) @ _XtCX(X, C) @ B @ B.T))],
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}\left(M^{2}BB^{\top}\right) = \operatorname{tr}\left(\mathrm{d}M\,MBB^{\top}"
             r" + M\,\mathrm{d}M\,BB^{\top}\right) = \operatorname{tr}\left(P\,\mathrm{d}M\right),\quad "
             r"P = MBB^{\top} + BB^{\top}M",
             lambda D: D(),
             lambda B, X, C, D: np.trace(D(_XtCX) @ _XtCX(X, C) @ B @ B.T + _XtCX(X, C) @ D(_XtCX) @ B @ B.T),
             lambda B, X, C, D: np.trace((_XtCX(X, C) @ B @ B.T + B @ B.T @ _XtCX(X, C)) @ D(_XtCX)),
             uses=["U00N", "8CQG", "6Q8H"]),
        Step(r"= \operatorname{tr}\bigl(P\,((\mathrm{d}X)^{\top}CX + X^{\top}C\,\mathrm{d}X)\bigr)",
             lambda B, X, C, D: np.trace((_XtCX(X, C) @ B @ B.T + B @ B.T @ _XtCX(X, C)) @ D(_XtCX)),
             lambda B, X, C, dX: np.trace((_XtCX(X, C) @ B @ B.T + B @ B.T @ _XtCX(X, C))
                                          @ (dX.T @ C @ X + X.T @ C @ dX)),
             uses=["8CQG", "2ZM7", "TBSX"]),
        Step(r"= \operatorname{tr}\bigl((CXP + C^{\top}XP^{\top})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial}{\partial X}\operatorname{tr}\left(M^{2}BB^{\top}\right) = CXX^{\top}CXBB^{\top} + "
             r"C^{\top}XBB^{\top}X^{\top}C^{\top}X + CXBB^{\top}X^{\top}CX + C^{\top}XX^{\top}C^{\top}XBB^{\top}",
             lambda B, X, C, dX: np.trace((_XtCX(X, C) @ B @ B.T + B @ B.T @ _XtCX(X, C))
                                          @ (dX.T @ C @ X + X.T @ C @ dX)),
             lambda B, X, C, dX: np.sum((C @ X @ (_XtCX(X, C) @ B @ B.T + B @ B.T @ _XtCX(X, C))
                                         + C.T @ X @ (_XtCX(X, C) @ B @ B.T + B @ B.T @ _XtCX(X, C)).T) * dX),
             lambda B, X, C, dX: np.sum((C @ X @ X.T @ C @ X @ B @ B.T + C.T @ X @ B @ B.T @ X.T @ C.T @ X
                                         + C @ X @ B @ B.T @ X.T @ C @ X + C.T @ X @ X.T @ C.T @ X @ B @ B.T) * dX)),
    ],
    references=[cookbook(123)],
    notes="Written with M for XᵀCX (shown below), each of the four terms comes from one of the four places X "
          "occurs. The formula holds for general, non-symmetric C.",
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
    also=[Formula(r"-X^{-\top}A^{\top}B^{\top}X^{-\top} = -\left(X^{-1}BAX^{-1}\right)^{\top}",
                  lambda A, X, B: -inv(X).T @ A.T @ B.T @ inv(X).T, lambda A, X, B: -(inv(X) @ B @ A @ inv(X)).T)],
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(AX^{-1}B) = \operatorname{tr}\bigl(A\,\mathrm{d}(X^{-1})\,B\bigr)",
             lambda D: D(), lambda A, B, D: np.trace(A @ D(_inv) @ B), uses=["U00N", "2ZM7"]),
        Step(r"= -\operatorname{tr}\bigl(AX^{-1}\,\mathrm{d}X\,X^{-1}B\bigr)",
             lambda A, B, D: np.trace(A @ D(_inv) @ B),
             lambda A, X, B, dX: -np.trace(A @ inv(X) @ dX @ inv(X) @ B), uses=["0DTW"]),
        Step(r"= -\operatorname{tr}\bigl(X^{-1}BAX^{-1}\,\mathrm{d}X\bigr) = \operatorname{tr}\bigl((-X^{-\top}"
             r"A^{\top}B^{\top}X^{-\top})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; \frac{\partial}{\partial X}"
             r"\operatorname{tr}(AX^{-1}B) = -X^{-\top}A^{\top}B^{\top}X^{-\top}",
             lambda A, X, B, dX: -np.trace(A @ inv(X) @ dX @ inv(X) @ B),
             lambda A, X, B, dX: -np.trace(inv(X) @ B @ A @ inv(X) @ dX),
             lambda A, X, B, dX: np.sum(-inv(X).T @ A.T @ B.T @ inv(X).T * dX)),
    ],
    references=[cookbook(124), cookbook(63, note="the same result, in the Cookbook's section on inverses")],
    notes="The Cookbook also writes it as −(X⁻¹BAX⁻¹)ᵀ (shown below).",
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
    symbols={"M": "the m × m matrix XᵀCX, symmetric and invertible"},
    wrt="X",
    layout="denominator",
    f=lambda X, C, A: np.trace(inv(X.T @ C @ X) @ A),
    claimed=_inv_quadratic_sym,
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}\left(M^{-1}A\right) = \operatorname{tr}\bigl(\mathrm{d}(M^{-1})\,A\bigr) = "
             r"-\operatorname{tr}\left(M^{-1}\,\mathrm{d}M\,M^{-1}A\right),\quad M = X^{\top}CX",
             lambda D: D(), lambda A, D: np.trace(D(_inv_XtCX) @ A),
             lambda X, C, A, D: -np.trace(inv(_XtCX(X, C)) @ D(_XtCX) @ inv(_XtCX(X, C)) @ A),
             uses=["U00N", "8CQG", "6Q8H", "0DTW"]),
        Step(r"= -\operatorname{tr}\Bigl(M^{-1}\bigl((\mathrm{d}X)^{\top}CX + X^{\top}C\,\mathrm{d}X\bigr)M^{-1}A\Bigr)",
             lambda X, C, A, D: -np.trace(inv(_XtCX(X, C)) @ D(_XtCX) @ inv(_XtCX(X, C)) @ A),
             lambda X, C, A, dX: _dtr_inv_times(inv(_XtCX(X, C)), dX.T @ C @ X + X.T @ C @ dX, A),
             uses=["8CQG", "2ZM7", "TBSX"]),
        Step(r"= -\operatorname{tr}\left(M^{-1}\left(A + A^{\top}\right)M^{-1}X^{\top}C\,\mathrm{d}X\right) = "
             r"\operatorname{tr}\Bigl(\bigl(-CXM^{-1}(A + A^{\top})M^{-1}\bigr)^{\top}\mathrm{d}X\Bigr) \;\Rightarrow\; "
             r"\frac{\partial}{\partial X}\operatorname{tr}\left(M^{-1}A\right) = -CXM^{-1}\left(A + A^{\top}\right)M^{-1}",
             lambda X, C, A, dX: _dtr_inv_times(inv(_XtCX(X, C)), dX.T @ C @ X + X.T @ C @ dX, A),
             lambda X, C, A, dX: -np.trace(inv(_XtCX(X, C)) @ (A + A.T) @ inv(_XtCX(X, C)) @ X.T @ C @ dX),
             lambda X, C, A, dX: np.sum(_inv_quadratic_sym(X, C, A) * dX)),
    ],
    references=[cookbook(125, note="stated under 'Assume B and C to be symmetric'; only C occurs")],
    related=["T3PN"],
    notes="Holds for any symmetric C with XᵀCX invertible (checked with C positive definite and X of "
          "full column rank); A need not be symmetric. The last step uses the symmetry of C and of XᵀCX. "
          "For non-symmetric C see the general formula.",
    errata=[Erratum(
        cookbook(125),
        "The Cookbook prints this under the section heading 'Assume B and C to be symmetric', and only under "
        "that heading is it right: the symmetry of C is essential, and a reader who takes the formula "
        "without the heading gets a wrong gradient for a non-symmetric C (checked with C of positive "
        "definite symmetric part and non-zero skew part). For general C see the entry T3PN.",
        printed=r"\frac{\partial}{\partial X}\operatorname{tr}\left[\left(X^{\top}CX\right)^{-1}A\right] = "
                r"-CX\left(X^{\top}CX\right)^{-1}\left(A + A^{\top}\right)\left(X^{\top}CX\right)^{-1}",
        variables={"X": Matrix("n", "m", "full_column_rank"), "C": Matrix("n", "n", "square"),
                   "A": Matrix("m", "m", "square")},
        prepare=lambda rng, v: {**v, "C": _positive_real(v["C"])},
    )],
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
    claimed=_inv_quadratic,
    differential=(r"\mathrm{d}\operatorname{tr}\left(M^{-1}A\right) = -\operatorname{tr}\left(M^{-1}"
                  r"\,\mathrm{d}M\,M^{-1}A\right),\quad \mathrm{d}M = \mathrm{d}X^{\top}CX + X^{\top}C\,\mathrm{d}X",
                  lambda X, C, A, dX: _dtr_inv_times(inv(_XtCX(X, C)), dX.T @ C @ X + X.T @ C @ dX, A)),
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}\left(M^{-1}A\right) = \operatorname{tr}\bigl(\mathrm{d}(M^{-1})\,A\bigr) = "
             r"-\operatorname{tr}\left(M^{-1}\,\mathrm{d}M\,M^{-1}A\right)",
             lambda D: D(), lambda A, D: np.trace(D(_inv_XtCX) @ A),
             lambda X, C, A, D: -np.trace(inv(_XtCX(X, C)) @ D(_XtCX) @ inv(_XtCX(X, C)) @ A),
             uses=["U00N", "8CQG", "6Q8H", "0DTW"]),
        Step(r"= -\operatorname{tr}\Bigl(M^{-1}\bigl((\mathrm{d}X)^{\top}CX + X^{\top}C\,\mathrm{d}X\bigr)M^{-1}A\Bigr)",
             lambda X, C, A, D: -np.trace(inv(_XtCX(X, C)) @ D(_XtCX) @ inv(_XtCX(X, C)) @ A),
             lambda X, C, A, dX: _dtr_inv_times(inv(_XtCX(X, C)), dX.T @ C @ X + X.T @ C @ dX, A),
             uses=["8CQG", "2ZM7", "TBSX"]),
        Step(r"= -\operatorname{tr}\bigl((\mathrm{d}X)^{\top}CXM^{-1}AM^{-1}\bigr) - \operatorname{tr}\left(M^{-1}AM^{-1}"
             r"X^{\top}C\,\mathrm{d}X\right) = \operatorname{tr}\Bigl(\bigl(-CXM^{-1}AM^{-1} - C^{\top}XM^{-\top}A^{\top}"
             r"M^{-\top}\bigr)^{\top}\mathrm{d}X\Bigr) \;\Rightarrow\; \frac{\partial}{\partial X}\operatorname{tr}"
             r"\left(M^{-1}A\right) = -CXM^{-1}AM^{-1} - C^{\top}XM^{-\top}A^{\top}M^{-\top}",
             lambda X, C, A, dX: _dtr_inv_times(inv(_XtCX(X, C)), dX.T @ C @ X + X.T @ C @ dX, A),
             lambda X, C, A, dX: (-np.trace(dX.T @ C @ X @ inv(_XtCX(X, C)) @ A @ inv(_XtCX(X, C)))
                                  - np.trace(inv(_XtCX(X, C)) @ A @ inv(_XtCX(X, C)) @ X.T @ C @ dX)),
             lambda X, C, A, dX: np.sum(_inv_quadratic(X, C, A) * dX)),
    ],
    references=[cookbook(125, note="the printed result needs C symmetric; this is the general form")],
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
    symbols={"M": "the m × m matrix XᵀCX, symmetric and invertible", "N": "the m × m matrix XᵀBX, symmetric"},
    wrt="X",
    layout="denominator",
    f=lambda X, C, B: np.trace(inv(X.T @ C @ X) @ (X.T @ B @ X)),
    claimed=_ratio_sym,
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}\left(M^{-1}N\right) = \operatorname{tr}\bigl(\mathrm{d}(M^{-1})\,N + "
             r"M^{-1}\mathrm{d}N\bigr) = -\operatorname{tr}\left(M^{-1}\,\mathrm{d}M\,M^{-1}N\right) + "
             r"\operatorname{tr}\left(M^{-1}\mathrm{d}N\right),\quad M = X^{\top}CX,\ N = X^{\top}BX",
             lambda D: D(), lambda X, C, B, D: np.trace(D(_inv_XtCX) @ _XtBX(X, B) + inv(_XtCX(X, C)) @ D(_XtBX)),
             lambda X, C, B, D: _dtr_ratio(X, C, B, D(_XtCX), D(_XtBX)), uses=["U00N", "8CQG", "0DTW"]),
        Step(r"= -\operatorname{tr}\Bigl(M^{-1}\bigl((\mathrm{d}X)^{\top}CX + X^{\top}C\,\mathrm{d}X\bigr)M^{-1}N\Bigr)"
             r" + \operatorname{tr}\Bigl(M^{-1}\bigl((\mathrm{d}X)^{\top}BX + X^{\top}B\,\mathrm{d}X\bigr)\Bigr)",
             lambda X, C, B, D: _dtr_ratio(X, C, B, D(_XtCX), D(_XtBX)),
             lambda X, C, B, dX: _dtr_ratio(X, C, B, dX.T @ C @ X + X.T @ C @ dX, dX.T @ B @ X + X.T @ B @ dX),
             uses=["8CQG", "2ZM7", "TBSX"]),
        Step(r"= \operatorname{tr}\bigl((2M^{-1}X^{\top}B - 2M^{-1}NM^{-1}X^{\top}C)\,\mathrm{d}X\bigr) = "
             r"\operatorname{tr}\bigl((2BXM^{-1} - 2CXM^{-1}NM^{-1})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial}{\partial X}\operatorname{tr}\left(M^{-1}N\right) = 2BXM^{-1} - 2CXM^{-1}NM^{-1}",
             lambda X, C, B, dX: _dtr_ratio(X, C, B, dX.T @ C @ X + X.T @ C @ dX, dX.T @ B @ X + X.T @ B @ dX),
             lambda X, C, B, dX: np.trace((2 * inv(_XtCX(X, C)) @ X.T @ B
                                           - 2 * inv(_XtCX(X, C)) @ _XtBX(X, B) @ inv(_XtCX(X, C)) @ X.T @ C) @ dX),
             lambda X, C, B, dX: np.sum(_ratio_sym(X, C, B) * dX)),
    ],
    references=[cookbook(126, note="stated under 'Assume B and C to be symmetric'")],
    related=["YBYY"],
    notes="Holds for symmetric B and C with XᵀCX invertible (checked with C positive definite); the last "
          "step of the derivation uses the symmetry of B, C, M and N. The trace is the generalized Rayleigh "
          "quotient of trace-ratio criteria (e.g. linear discriminant analysis). It is constant for square "
          "invertible X, hence the rectangular X here.",
    errata=[Erratum(
        cookbook(126),
        "Correct under the Cookbook's section heading 'Assume B and C to be symmetric', and only there: "
        "read without the heading, for non-symmetric B and C, the printed formula is wrong (checked with "
        "C of positive definite symmetric part and non-zero skew part, and a general B). For general B "
        "and C see the entry YBYY.",
        printed=r"\frac{\partial}{\partial X}\operatorname{tr}\left[\left(X^{\top}CX\right)^{-1}\left(X^{\top}BX"
                r"\right)\right] = -2CX\left(X^{\top}CX\right)^{-1}X^{\top}BX\left(X^{\top}CX\right)^{-1} + "
                r"2BX\left(X^{\top}CX\right)^{-1}",
        variables={"X": Matrix("n", "m", "full_column_rank"), "C": Matrix("n", "n", "square"),
                   "B": Matrix("n", "n", "square")},
        prepare=lambda rng, v: {**v, "C": _positive_real(v["C"])},
    )],
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
    claimed=_ratio_general,
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}\left(M^{-1}N\right) = \operatorname{tr}\bigl(\mathrm{d}(M^{-1})\,N + "
             r"M^{-1}\mathrm{d}N\bigr) = -\operatorname{tr}\left(M^{-1}\,\mathrm{d}M\,M^{-1}N\right) + "
             r"\operatorname{tr}\left(M^{-1}\mathrm{d}N\right)",
             lambda D: D(), lambda X, C, B, D: np.trace(D(_inv_XtCX) @ _XtBX(X, B) + inv(_XtCX(X, C)) @ D(_XtBX)),
             lambda X, C, B, D: _dtr_ratio(X, C, B, D(_XtCX), D(_XtBX)), uses=["U00N", "8CQG", "0DTW"]),
        Step(r"= -\operatorname{tr}\Bigl(M^{-1}\bigl((\mathrm{d}X)^{\top}CX + X^{\top}C\,\mathrm{d}X\bigr)M^{-1}N\Bigr)"
             r" + \operatorname{tr}\Bigl(M^{-1}\bigl((\mathrm{d}X)^{\top}BX + X^{\top}B\,\mathrm{d}X\bigr)\Bigr)",
             lambda X, C, B, D: _dtr_ratio(X, C, B, D(_XtCX), D(_XtBX)),
             lambda X, C, B, dX: _dtr_ratio(X, C, B, dX.T @ C @ X + X.T @ C @ dX, dX.T @ B @ X + X.T @ B @ dX),
             uses=["8CQG", "2ZM7", "TBSX"]),
        Step(r"= \operatorname{tr}\Bigl(\bigl(BXM^{-1} + B^{\top}XM^{-\top} - CXM^{-1}NM^{-1} - C^{\top}XM^{-\top}"
             r"N^{\top}M^{-\top}\bigr)^{\top}\mathrm{d}X\Bigr) \;\Rightarrow\; \frac{\partial}{\partial X}"
             r"\operatorname{tr}\left(M^{-1}N\right) = BXM^{-1} + B^{\top}XM^{-\top} - CXM^{-1}NM^{-1} - "
             r"C^{\top}XM^{-\top}N^{\top}M^{-\top}",
             lambda X, C, B, dX: _dtr_ratio(X, C, B, dX.T @ C @ X + X.T @ C @ dX, dX.T @ B @ X + X.T @ B @ dX),
             lambda X, C, B, dX: np.sum(_ratio_general(X, C, B) * dX)),
    ],
    references=[cookbook(126, note="the printed result needs B and C symmetric; this is the general form")],
    related=["SSC0"],
    notes="For symmetric B and C, M and N are symmetric and the four terms pair up into the Cookbook's "
          "2BXM⁻¹ − 2CXM⁻¹NM⁻¹.",
    aliases=["trace ratio gradient, non-symmetric", "derivative of tr((X'CX)^-1 X'BX) general"],
    symbolic=lambda X, C, B: sp.Trace(sp.Inverse(X.T * C * X) * (X.T * B * X)),
)


def _ratio_first_steps(definitions=""):
    """The two steps that open the derivations of tr(K⁻¹N), K = A + XᵀCX, N = XᵀBX, in both cases."""
    return [
        Step(r"\mathrm{d}\operatorname{tr}\left(K^{-1}N\right) = \operatorname{tr}\bigl(\mathrm{d}(K^{-1})\,N + "
             r"K^{-1}\mathrm{d}N\bigr) = -\operatorname{tr}\left(K^{-1}\,\mathrm{d}K\,K^{-1}N\right) + "
             r"\operatorname{tr}\left(K^{-1}\mathrm{d}N\right)" + definitions,
             lambda D: D(),
             lambda X, A, C, B, D: np.trace(D(_inv_K) @ _XtBX(X, B) + inv(_K(X, A, C)) @ D(_XtBX)),
             lambda X, A, C, B, D: _dtr_ratio_of(_K(X, A, C), _XtBX(X, B), D(_K), D(_XtBX)),
             uses=["U00N", "8CQG", "0DTW"]),
        Step(r"= -\operatorname{tr}\Bigl(K^{-1}\bigl((\mathrm{d}X)^{\top}CX + X^{\top}C\,\mathrm{d}X\bigr)K^{-1}N\Bigr)"
             r" + \operatorname{tr}\Bigl(K^{-1}\bigl((\mathrm{d}X)^{\top}BX + X^{\top}B\,\mathrm{d}X\bigr)\Bigr)",
             lambda X, A, C, B, D: _dtr_ratio_of(_K(X, A, C), _XtBX(X, B), D(_K), D(_XtBX)),
             lambda X, A, C, B, dX: _dtr_ratio_of(_K(X, A, C), _XtBX(X, B), dX.T @ C @ X + X.T @ C @ dX,
                                                  dX.T @ B @ X + X.T @ B @ dX),
             uses=["9K5K", "6Q8H", "8CQG", "2ZM7", "TBSX"]),
    ]

Derivative(
    id="3G2L",
    title="Gradient of tr[(A + XᵀCX)⁻¹(XᵀBX)] for symmetric A, B and C",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}\left[\left(A + X^{\top}CX\right)^{-1}\left(X^{\top}BX"
          r"\right)\right] = -2CX\left(A + X^{\top}CX\right)^{-1}X^{\top}BX\left(A + X^{\top}CX\right)^{-1}"
          r" + 2BX\left(A + X^{\top}CX\right)^{-1}",
    variables={"X": Matrix("n", "m", "full_column_rank"), "A": Matrix("m", "m", "spd"),
               "C": Matrix("n", "n", "spd"), "B": Matrix("n", "n", "symmetric")},
    symbols={"K": "the m × m matrix A + XᵀCX, symmetric and invertible", "N": "the m × m matrix XᵀBX, symmetric"},
    wrt="X",
    layout="denominator",
    f=lambda X, A, C, B: np.trace(inv(A + X.T @ C @ X) @ (X.T @ B @ X)),
    claimed=_ratio_K_sym,
    derivation=[
        *_ratio_first_steps(r",\quad K = A + X^{\top}CX,\ N = X^{\top}BX"),
        Step(r"= \operatorname{tr}\bigl((2K^{-1}X^{\top}B - 2K^{-1}NK^{-1}X^{\top}C)\,\mathrm{d}X\bigr) = "
             r"\operatorname{tr}\bigl((2BXK^{-1} - 2CXK^{-1}NK^{-1})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial}{\partial X}\operatorname{tr}\left(K^{-1}N\right) = 2BXK^{-1} - 2CXK^{-1}NK^{-1}",
             lambda X, A, C, B, dX: _dtr_ratio_of(_K(X, A, C), _XtBX(X, B), dX.T @ C @ X + X.T @ C @ dX,
                                                  dX.T @ B @ X + X.T @ B @ dX),
             lambda X, A, C, B, dX: np.trace((2 * inv(_K(X, A, C)) @ X.T @ B - 2 * inv(_K(X, A, C)) @ _XtBX(X, B)
                                              @ inv(_K(X, A, C)) @ X.T @ C) @ dX),
             lambda X, A, C, B, dX: np.sum(_ratio_K_sym(X, A, C, B) * dX)),
    ],
    references=[cookbook(127, note="needs A symmetric as well as B and C; the Cookbook assumes only B and C")],
    related=["5URA"],
    notes="Holds when A, B and C are all symmetric and A + XᵀCX is invertible (checked with A and C "
          "positive definite); the last step of the derivation uses the symmetry of K and N.",
    errata=[Erratum(
        cookbook(127),
        "The Cookbook prints this under 'Assume B and C to be symmetric', but that is not enough: A must be "
        "symmetric too, or A + XᵀCX is not symmetric and the two halves of the gradient do not combine. "
        "With symmetric B and C and a non-symmetric A (positive definite symmetric part, non-zero skew "
        "part) the printed formula is wrong. See the entry 5URA for general A, B and C.",
        printed=r"\frac{\partial}{\partial X}\operatorname{tr}\left[\left(A + X^{\top}CX\right)^{-1}\left(X^{\top}BX"
                r"\right)\right] = -2CX\left(A + X^{\top}CX\right)^{-1}X^{\top}BX\left(A + X^{\top}CX\right)^{-1}"
                r" + 2BX\left(A + X^{\top}CX\right)^{-1}",
        variables={"X": Matrix("n", "m", "full_column_rank"), "A": Matrix("m", "m", "square"),
                   "C": Matrix("n", "n", "spd"), "B": Matrix("n", "n", "symmetric")},
        prepare=lambda rng, v: {**v, "A": _positive_real(v["A"])},
    )],
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
    claimed=_ratio_K_general,
    derivation=[
        *_ratio_first_steps(),
        Step(r"= \operatorname{tr}\Bigl(\bigl(BXK^{-1} + B^{\top}XK^{-\top} - CXK^{-1}NK^{-1} - C^{\top}XK^{-\top}"
             r"N^{\top}K^{-\top}\bigr)^{\top}\mathrm{d}X\Bigr) \;\Rightarrow\; \frac{\partial}{\partial X}"
             r"\operatorname{tr}\left(K^{-1}N\right) = BXK^{-1} + B^{\top}XK^{-\top} - CXK^{-1}NK^{-1} - "
             r"C^{\top}XK^{-\top}N^{\top}K^{-\top}",
             lambda X, A, C, B, dX: _dtr_ratio_of(_K(X, A, C), _XtBX(X, B), dX.T @ C @ X + X.T @ C @ dX,
                                                  dX.T @ B @ X + X.T @ B @ dX),
             lambda X, A, C, B, dX: np.sum(_ratio_K_general(X, A, C, B) * dX)),
    ],
    references=[cookbook(127, note="the printed result needs A, B and C symmetric; this is the general form")],
    related=["3G2L"],
    aliases=["regularized trace ratio gradient, non-symmetric", "derivative of tr((A + X'CX)^-1 X'BX) general"],
    symbolic=lambda X, A, C, B: sp.Trace(sp.Inverse(A + X.T * C * X) * (X.T * B * X)),
)

Derivative(
    id="BQQQ",
    title="Gradient of tr(sin X)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(\sin X) = \cos(X)^{\top}",
    variables={"X": Matrix("n", "n", "square")},
    symbols={"j": "a summation index"},
    wrt="X",
    layout="denominator",
    f=lambda X: np.trace(_sinm(X)),
    claimed=lambda X: _cosm(X).T,
    differential=(r"\mathrm{d}\operatorname{tr}(\sin X) = \operatorname{tr}\left(\cos(X)\,\mathrm{d}X\right)",
                  lambda X, dX: np.trace(_cosm(X) @ dX)),
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(\sin X) = \sum_{j\ge 0}\frac{(-1)^{j}}{(2j+1)!}\,\mathrm{d}\operatorname{tr}"
             r"\left(X^{2j+1}\right) = \sum_{j\ge 0}\frac{(-1)^{j}}{(2j)!}\operatorname{tr}\left(X^{2j}\,\mathrm{d}X\right)",
             lambda D: D(), lambda X, dX: _dtr_sin_termwise(X, dX), uses=["U00N", "9K5K", "XLL8", "X44R"]),
        Step(r"= \operatorname{tr}\left(\cos(X)\,\mathrm{d}X\right) = \operatorname{tr}\bigl((\cos(X)^{\top})^{\top}"
             r"\mathrm{d}X\bigr) \;\Rightarrow\; \frac{\partial}{\partial X}\operatorname{tr}(\sin X) = \cos(X)^{\top}",
             lambda X, dX: _dtr_sin_termwise(X, dX), lambda X, dX: np.trace(_cosm(X) @ dX),
             lambda X, dX: np.sum(_cosm(X).T * dX)),
    ],
    references=[cookbook(128), ref("matrix-cookbook-2012", "§2.5, the rule ∂Tr(F(X))/∂X = f(X)ᵀ (unnumbered)")],
    notes="sin and cos are the matrix functions defined by their power series, not entrywise sine and "
          "cosine. An instance of the Cookbook's rule that the gradient of tr F(X) is f(X)ᵀ, f the scalar "
          "derivative of F: each term Xᵏ of the series contributes k(Xᵏ⁻¹)ᵀ (eq. 121).",
    aliases=["trace of matrix sine", "derivative of tr(sin X)", "matrix trigonometric function gradient"],
)
