"""Traces.

Gradients of traces of matrix products, in the Matrix Cookbook's convention: the derivative of a
scalar by a matrix X has the shape of X (denominator layout). Rectangular factors are tested
with unequal sizes, so a misplaced transpose cannot hide behind a square matrix.
"""
import numpy as np

from identities import Derivative, Matrix, cookbook

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
    references=[cookbook(99)],
    aliases=["derivative of trace", "trace gradient", "d tr X"],
)

Derivative(
    id="GWJ1",
    title="Gradient of tr(XA)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(XA) = A^{\top}",
    variables={"X": Matrix("n", "m"), "A": Matrix("m", "n")},
    wrt="X",
    layout="denominator",
    f=lambda X, A: np.trace(X @ A),
    claimed=lambda X, A: A.T,
    other_layout=(r"\frac{\partial}{\partial X}\operatorname{tr}(XA) = A", lambda X, A: A),
    differential=r"\mathrm{d}\operatorname{tr}(XA) = \operatorname{tr}(\mathrm{d}X\,A)",
    references=[cookbook(100)],
    aliases=["trace of product", "linear trace form", "derivative of trace of XA"],
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
    aliases=["trace of product of three matrices", "trace AXB"],
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
    references=[cookbook(115)],
    aliases=["squared Frobenius norm as trace", "trace X transpose X"],
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
    references=[cookbook(124)],
    aliases=["trace of inverse", "derivative of trace with inverse"],
)
