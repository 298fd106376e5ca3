"""Basic rules and differentials.

The rules of the Matrix Cookbook's §2 preamble, eqs. (33)–(44), stated as differentials: each says
how f changes to first order when its matrix arguments move. Rectangular shapes are used wherever
a rule allows them, and each rule is checked along random perturbations of its variable arguments.
"""
import numpy as np

from identities import Differential, Matrix, Scalar, cookbook, ref


# The adjugate from cofactors (Laplace expansion): defined for every square matrix, singular or not.
def _adjugate(X):
    n = len(X)
    cof = np.empty_like(X)
    for i in range(n):
        for j in range(n):
            minor = np.delete(np.delete(X, i, axis=0), j, axis=1)
            cof[i, j] = (-1) ** (i + j) * np.linalg.det(minor)
    return cof.T


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
    sketch="Product rule (37) twice, with dA = dB = 0 (33).",
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
    notes="The result is symmetric: the second term is the transpose of the first.",
    sketch="Product rule (37) with the transpose rule (44): d(Xᵀ) = (dX)ᵀ.",
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
    notes="From d(XX⁻¹) = dI = 0 and the product rule. The scalar rule d(1/x) = −dx/x² becomes "
          "two-sided because X⁻¹ and dX need not commute.",
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
    notes="The invertible case of the adjugate form, since adj(X) = det(X) X⁻¹.",
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
