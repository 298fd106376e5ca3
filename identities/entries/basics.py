"""Basic rules and differentials.

The rules of the Matrix Cookbook's §2 preamble, eqs. (33)–(44), stated as differentials: each says
how f changes to first order when its matrix arguments move. Rectangular shapes are used wherever
a rule allows them, and each rule is checked along random perturbations of its variable arguments.
"""
import numpy as np

from identities import Differential, Equality, Formula, Matrix, Scalar, Step, cookbook, ref


# The adjugate from cofactors (Laplace expansion): defined for every square matrix, singular or not.
def _adjugate(X):
    n = len(X)
    cof = np.empty_like(X)
    for i in range(n):
        for j in range(n):
            minor = np.delete(np.delete(X, i, axis=0), j, axis=1)
            cof[i, j] = (-1) ** (i + j) * np.linalg.det(minor)
    return cof.T


# Functions whose differentials the derivations take with D(...): defined once, so that each is one
# function object for the verifier's cache.
def _alpha(alpha):
    return alpha


def _const_A(A):
    return A


def _const_B(B):
    return B


def _XB(X, B):
    return X @ B


def _transpose(X):
    return X.T


def _inv(X):
    return np.linalg.inv(X)


def _det(X):
    return np.linalg.det(X)


# Flip one row when needed, so that det X > 0 and log det X is defined.
def _positive_det(rng, values):
    X = values["X"].copy()
    if np.linalg.det(X) < 0:
        X[0] = -X[0]
    values["X"] = X
    return values


Differential(
    id="6Q8H",
    title="Differential of a constant plus a variable: dA = 0",
    latex=r"\mathrm{d}(A + X) = \mathrm{d}X, \quad \mathrm{d}A = 0",
    variables={"A": Matrix("m", "n"), "X": Matrix("m", "n")},
    wrt=("X",),
    f=lambda A, X: A + X,
    df=lambda A, X, dX: dX,
    notes="A constant matrix contributes nothing to a differential; only the variable X moves.",
    references=[cookbook(33), cookbook(35)],
    aliases=["differential of a constant", "dA = 0", "derivative of constant matrix"],
)

Differential(
    id="XLL8",
    title="Differential of a scalar multiple: d(αX) = α dX",
    latex=r"\mathrm{d}(\alpha X) = \alpha\,\mathrm{d}X",
    variables={"alpha": Scalar(), "X": Matrix("m", "n")},
    wrt=("X",),
    f=lambda alpha, X: alpha * X,
    df=lambda alpha, X, dX: alpha * dX,
    derivation=[
        Step(r"\mathrm{d}(\alpha X) = (\mathrm{d}\alpha)\,X + \alpha\,\mathrm{d}X",
             lambda D: D(), lambda alpha, X, dX, D: D(_alpha) * X + alpha * dX, uses=["8S7R"]),
        Step(r"= \alpha\,\mathrm{d}X \quad (\mathrm{d}\alpha = 0\text{ for a constant }\alpha)",
             lambda alpha, X, dX, D: D(_alpha) * X + alpha * dX, lambda alpha, dX: alpha * dX, uses=["6Q8H"]),
    ],
    notes="α is a constant here; when α varies too, see the product rule for a scalar times a matrix.",
    references=[cookbook(34)],
    aliases=["scalar multiple rule", "differential of alpha X", "linearity of the differential"],
)

Differential(
    id="8S7R",
    title="Product rule for a scalar times a matrix",
    latex=r"\mathrm{d}(\alpha X) = (\mathrm{d}\alpha)\,X + \alpha\,\mathrm{d}X",
    variables={"alpha": Scalar(), "X": Matrix("m", "n")},
    wrt=("alpha", "X"),
    f=lambda alpha, X: alpha * X,
    df=lambda alpha, X, dalpha, dX: dalpha * X + alpha * dX,
    notes="The general form of Cookbook (34) when the scalar α is itself a variable.",
    references=[ref("magnus-neudecker-2019", "Ch. 8, basic rules of differentiation")],
    aliases=["scalar times matrix product rule", "differential of alpha X with varying alpha"],
)

Differential(
    id="9K5K",
    title="Differential of a sum: d(X + Y) = dX + dY",
    latex=r"\mathrm{d}(X + Y) = \mathrm{d}X + \mathrm{d}Y",
    variables={"X": Matrix("m", "n"), "Y": Matrix("m", "n")},
    wrt=("X", "Y"),
    f=lambda X, Y: X + Y,
    df=lambda X, Y, dX, dY: dX + dY,
    references=[cookbook(35)],
    aliases=["sum rule", "differential of a sum", "additivity of the differential"],
)

Differential(
    id="U00N",
    title="Differential of the trace: d tr(X) = tr(dX)",
    latex=r"\mathrm{d}\operatorname{tr}(X) = \operatorname{tr}(\mathrm{d}X)",
    variables={"X": Matrix("n", "n", "square")},
    wrt=("X",),
    f=lambda X: np.trace(X),
    df=lambda X, dX: np.sum(np.diag(dX)),
    notes="Trace and differential commute because the trace is linear.",
    references=[cookbook(36)],
    aliases=["trace differential", "d tr X", "trace and differential commute"],
)

Differential(
    id="8CQG",
    title="Product rule: d(XY) = dX Y + X dY",
    latex=r"\mathrm{d}(XY) = (\mathrm{d}X)\,Y + X\,\mathrm{d}Y",
    variables={"X": Matrix("m", "n"), "Y": Matrix("n", "p")},
    wrt=("X", "Y"),
    f=lambda X, Y: X @ Y,
    df=lambda X, Y, dX, dY: dX @ Y + X @ dY,
    notes="The order of the factors is kept: matrices do not commute, so d(XY) is not Y dX + X dY.",
    references=[cookbook(37)],
    aliases=["product rule", "differential of a matrix product", "Leibniz rule for matrices", "d(XY)"],
)

Differential(
    id="2ZM7",
    title="Differential of AXB with constant A and B",
    latex=r"\mathrm{d}(AXB) = A\,(\mathrm{d}X)\,B",
    variables={"A": Matrix("p", "m"), "X": Matrix("m", "n"), "B": Matrix("n", "q")},
    wrt=("X",),
    f=lambda A, X, B: A @ X @ B,
    df=lambda A, X, B, dX: A @ dX @ B,
    derivation=[
        Step(r"\mathrm{d}(AXB) = (\mathrm{d}A)\,XB + A\,\mathrm{d}(XB)",
             lambda D: D(), lambda A, X, B, D: D(_const_A) @ X @ B + A @ D(_XB), uses=["8CQG"]),
        Step(r"= (\mathrm{d}A)\,XB + A\bigl((\mathrm{d}X)\,B + X\,\mathrm{d}B\bigr)",
             lambda A, X, B, D: D(_const_A) @ X @ B + A @ D(_XB),
             lambda A, X, B, dX, D: D(_const_A) @ X @ B + A @ (dX @ B + X @ D(_const_B)), uses=["8CQG"]),
        Step(r"= A\,(\mathrm{d}X)\,B \quad (\mathrm{d}A = \mathrm{d}B = 0)",
             lambda A, X, B, dX, D: D(_const_A) @ X @ B + A @ (dX @ B + X @ D(_const_B)),
             lambda A, B, dX: A @ dX @ B, uses=["6Q8H"]),
    ],
    aliases=["differential of a linear matrix map", "d(AXB)", "sandwich product differential"],
)

Differential(
    id="N72P",
    title="Differential of the Gram matrix XᵀX",
    latex=r"\mathrm{d}(X^{\top}X) = (\mathrm{d}X)^{\top}X + X^{\top}\mathrm{d}X",
    variables={"X": Matrix("m", "n")},
    wrt=("X",),
    f=lambda X: X.T @ X,
    df=lambda X, dX: dX.T @ X + X.T @ dX,
    derivation=[
        Step(r"\mathrm{d}(X^{\top}X) - X^{\top}\mathrm{d}X = \mathrm{d}(X^{\top})\,X",
             lambda X, dX, D: D() - X.T @ dX, lambda X, D: D(_transpose) @ X, uses=["8CQG"]),
        Step(r"\mathrm{d}(X^{\top})\,X = (\mathrm{d}X)^{\top}X",
             lambda X, D: D(_transpose) @ X, lambda X, dX: dX.T @ X, uses=["TBSX"]),
        Step(r"\mathrm{d}(X^{\top}X) = (\mathrm{d}X)^{\top}X + X^{\top}\mathrm{d}X"
             r" = (\mathrm{d}X)^{\top}X + \bigl((\mathrm{d}X)^{\top}X\bigr)^{\top}",
             lambda X, dX: dX.T @ X + X.T @ dX, lambda X, dX: (lambda P: P + P.T)(dX.T @ X)),
    ],
    notes="The result is symmetric: the second term is the transpose of the first.",
    aliases=["Gram matrix differential", "d(X^T X)", "differential of X transpose X"],
)

Differential(
    id="E341",
    title="Product rule for the Hadamard product",
    latex=r"\mathrm{d}(X \circ Y) = (\mathrm{d}X) \circ Y + X \circ \mathrm{d}Y",
    variables={"X": Matrix("m", "n"), "Y": Matrix("m", "n")},
    wrt=("X", "Y"),
    f=lambda X, Y: X * Y,
    df=lambda X, Y, dX, dY: dX * Y + X * dY,
    references=[cookbook(38)],
    aliases=["Hadamard product rule", "elementwise product differential", "Schur product derivative"],
)

Differential(
    id="C9MB",
    title="Product rule for the Kronecker product",
    latex=r"\mathrm{d}(X \otimes Y) = (\mathrm{d}X) \otimes Y + X \otimes \mathrm{d}Y",
    variables={"X": Matrix("m", "n"), "Y": Matrix("p", "q")},
    wrt=("X", "Y"),
    f=lambda X, Y: np.kron(X, Y),
    df=lambda X, Y, dX, dY: np.kron(dX, Y) + np.kron(X, dY),
    references=[cookbook(39)],
    aliases=["Kronecker product rule", "differential of kron", "tensor product derivative"],
)

Differential(
    id="0DTW",
    title="Differential of the inverse: d(X⁻¹) = −X⁻¹ dX X⁻¹",
    latex=r"\mathrm{d}(X^{-1}) = -X^{-1}(\mathrm{d}X)X^{-1}",
    variables={"X": Matrix("n", "n", "invertible")},
    wrt=("X",),
    f=lambda X: np.linalg.inv(X),
    df=lambda X, dX: -np.linalg.solve(X, dX) @ np.linalg.inv(X),
    derivation=[
        Step(r"\mathrm{d}(XX^{-1}) = \mathrm{d}I = 0 \;\Rightarrow\; (\mathrm{d}X)X^{-1} + X\,\mathrm{d}(X^{-1}) = 0"
             r"\;\Rightarrow\; X\,\mathrm{d}(X^{-1}) = -(\mathrm{d}X)X^{-1}",
             lambda X, D: X @ D(), lambda X, dX: -dX @ np.linalg.inv(X), uses=["8CQG", "6Q8H"]),
        Step(r"\mathrm{d}(X^{-1}) = -X^{-1}(\mathrm{d}X)X^{-1}",
             lambda D: D(), lambda X, dX: -np.linalg.inv(X) @ dX @ np.linalg.inv(X)),
    ],
    notes="Differentiating the product of X and its inverse, the constant identity, with the product rule "
          "gives the rule (see the derivation). The scalar rule for 1/x becomes two-sided because X⁻¹ and dX "
          "need not commute.",
    references=[cookbook(40), ref("giles-2008", "matrix inverse")],
    aliases=["derivative of inverse", "differential of matrix inverse", "d(X^-1)", "inverse derivative"],
)

Differential(
    id="MNXU",
    title="Jacobi's formula with the adjugate: d det X = tr(adj(X) dX)",
    latex=r"\mathrm{d}\det X = \operatorname{tr}(\operatorname{adj}(X)\,\mathrm{d}X)",
    variables={"X": Matrix("n", "n", "square")},
    wrt=("X",),
    f=lambda X: np.linalg.det(X),
    df=lambda X, dX: np.sum(_adjugate(X).T * dX),
    notes="Valid for every square X, singular or not: adj(X) is the transpose of the cofactor matrix, "
          "so the gradient of det X is the cofactor matrix.",
    references=[cookbook(41)],
    aliases=["Jacobi's formula", "derivative of determinant", "adjugate", "cofactor matrix gradient"],
)

Differential(
    id="S66Y",
    title="Jacobi's formula: d det X = det X tr(X⁻¹ dX)",
    latex=r"\mathrm{d}\det X = \det(X)\operatorname{tr}(X^{-1}\mathrm{d}X)",
    variables={"X": Matrix("n", "n", "invertible")},
    wrt=("X",),
    f=lambda X: np.linalg.det(X),
    df=lambda X, dX: np.linalg.det(X) * np.trace(np.linalg.solve(X, dX)),
    also=[Formula(r"\operatorname{adj}(X) = \det(X)\,X^{-1}", lambda X: _adjugate(X),
                  lambda X: np.linalg.det(X) * np.linalg.inv(X))],
    derivation=[
        Step(r"\mathrm{d}\det X = \operatorname{tr}(\operatorname{adj}(X)\,\mathrm{d}X)",
             lambda D: D(), lambda X, dX: np.trace(_adjugate(X) @ dX), uses=["MNXU"]),
        Step(r"= \operatorname{tr}(\det(X)\,X^{-1}\mathrm{d}X) = \det(X)\operatorname{tr}(X^{-1}\mathrm{d}X)",
             lambda X, dX: np.trace(_adjugate(X) @ dX), lambda X, dX: np.trace(np.linalg.det(X) * np.linalg.inv(X) @ dX),
             lambda X, dX: np.linalg.det(X) * np.trace(np.linalg.solve(X, dX))),
    ],
    notes="The invertible case of the adjugate form: for invertible X the adjugate is det(X) X⁻¹ (shown below).",
    references=[cookbook(42)],
    aliases=["Jacobi's formula", "differential of determinant", "d det X"],
)

Differential(
    id="J7P3",
    title="Differential of log det X",
    latex=r"\mathrm{d}\log\det X = \operatorname{tr}(X^{-1}\mathrm{d}X)",
    variables={"X": Matrix("n", "n", "invertible")},
    conditions="det X > 0, so that log det X is defined (the sampler flips a row of X when needed).",
    prepare=_positive_det,
    wrt=("X",),
    f=lambda X: np.log(np.linalg.det(X)),
    df=lambda X, dX: np.trace(np.linalg.solve(X, dX)),
    derivation=[
        Step(r"\mathrm{d}\log\det X = \frac{\mathrm{d}\det X}{\det X}",
             lambda D: D(), lambda X, D: D(_det) / np.linalg.det(X)),
        Step(r"= \frac{\det(X)\operatorname{tr}(X^{-1}\mathrm{d}X)}{\det X} = \operatorname{tr}(X^{-1}\mathrm{d}X)",
             lambda X, D: D(_det) / np.linalg.det(X), lambda X, dX: np.trace(np.linalg.inv(X) @ dX), uses=["S66Y"]),
    ],
    notes="For any invertible X the same differential holds for log|det X|; X need not be symmetric.",
    references=[cookbook(43)],
    aliases=["log determinant differential", "logdet", "d log det X", "d ln det X"],
)

Differential(
    id="TBSX",
    title="Differential of the transpose: d(Xᵀ) = (dX)ᵀ",
    latex=r"\mathrm{d}(X^{\top}) = (\mathrm{d}X)^{\top}",
    variables={"X": Matrix("m", "n")},
    wrt=("X",),
    f=lambda X: X.T,
    df=lambda X, dX: dX.T,
    references=[cookbook(44)],
    aliases=["transpose differential", "derivative of transpose", "d(X^T)"],
)

Equality(
    id="CFQW",
    title="Differential of the conjugate transpose: d(Xᴴ) = (dX)ᴴ",
    latex=r"(X + E)^{H} - X^{H} = E^{H}",
    variables={"X": Matrix("m", "n", "complex"),
               "E": Matrix("m", "n", "complex", description="a complex perturbation of X, of any size")},
    lhs=lambda X, E: (X + E).conj().T - X.conj().T,
    rhs=lambda X, E: E.conj().T,
    notes="The conjugate transpose is linear over the reals, so its differential is the map itself, applied to "
          "the complex perturbation; it is not complex-linear (a factor i comes out conjugated), which is why "
          "the complex derivatives of chapter 4 treat X and its conjugate as separate arguments.",
    references=[cookbook(45)],
    aliases=["conjugate transpose differential", "derivative of Hermitian transpose", "d(X^H)"],
)

Differential(
    id="GYW3",
    title="The basic assumption: each entry of X moves only with itself",
    latex=r"\mathrm{d}X = \mathrm{d}X, \quad \frac{\partial X_{kl}}{\partial X_{ij}} = \delta_{ik}\delta_{lj}",
    variables={"X": Matrix("m", "n")},
    symbols={r"\delta": "the Kronecker delta", "i": "a row index", "j": "a column index", "k": "a row index",
             "l": "a column index"},
    wrt=("X",),
    f=lambda X: X.copy(),
    df=lambda X, dX: dX,
    notes="The Cookbook's chapter 2 rests on this: the entries of X are independent variables, so the "
          "derivative of one entry by another is one for the same entry and zero otherwise. Structured matrices "
          "(symmetric, Toeplitz) break it, which is why §2.8 treats them apart.",
    references=[cookbook(32)],
    aliases=["basic assumption matrix derivative", "independent entries", "Kronecker delta derivative"],
)
