"""Norms.

Gradients of vector and matrix norms (Matrix Cookbook §2.6–2.7) and of the norms met in least
squares, regularisation and low-rank methods: Euclidean, Frobenius, spectral, nuclear, ℓ1, ℓp and
ℓ∞. A norm is not differentiable where it has a kink (at zero, or where the maximising entry or
singular value is not unique); each entry states where its formula holds.
"""
import numpy as np

from identities import Derivative, Matrix, Scalar, Vector, cookbook
from identities.symbolic import sp

# The symbolic forms write a Euclidean norm as the 1 × 1 matrix (vᵀv)^(1/2): sympy 1.14 differentiates that
# power of a matrix expression, but not sqrt of a scalar built from one.


def _norm2(v):
    return np.sqrt(v @ v)


def _schatten_gradient(X, p):
    """U Σ^(p−1) Vᵀ / ‖X‖_{S_p}^(p−1) from the thin SVD."""
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    return (U * s ** (p - 1)) @ Vt / np.sum(s ** p) ** ((p - 1) / p)


Derivative(
    id="X58D",
    title="Gradient of the Euclidean distance ‖x − a‖₂",
    latex=r"\frac{\partial}{\partial x}\lVert x - a\rVert_2 = \frac{x - a}{\lVert x - a\rVert_2}",
    variables={"x": Vector("n"), "a": Vector("n")},
    conditions="x ≠ a (the distance is not differentiable where it vanishes).",
    wrt="x",
    layout="denominator",
    f=lambda x, a: np.sqrt(np.sum((x - a) ** 2)),
    claimed=lambda x, a: (x - a) / _norm2(x - a),
    differential=r"\mathrm{d}\lVert x - a\rVert_2 = \frac{(x - a)^{\top}\mathrm{d}x}{\lVert x - a\rVert_2}",
    references=[cookbook(129)],
    notes="The gradient is the unit vector pointing from a to x: its length is 1 wherever it exists.",
    aliases=["derivative of Euclidean distance", "gradient of distance to a point", "two-norm gradient",
             "derivative of ||x - a||"],
    symbolic=lambda x, a: ((x - a).T * (x - a)) ** sp.S.Half,
)

Derivative(
    id="EVED",
    title="Jacobian of the unit vector (x − a)/‖x − a‖₂",
    latex=r"\frac{\partial}{\partial x}\frac{x - a}{\lVert x - a\rVert_2} = \frac{I}{\lVert x - a\rVert_2} - "
          r"\frac{(x - a)(x - a)^{\top}}{\lVert x - a\rVert_2^{3}}",
    variables={"x": Vector("n"), "a": Vector("n")},
    conditions="x ≠ a.",
    wrt="x",
    layout="numerator",
    f=lambda x, a: (x - a) / np.sqrt(np.sum((x - a) ** 2)),
    claimed=lambda x, a: np.eye(len(x)) / _norm2(x - a) - np.outer(x - a, x - a) / _norm2(x - a) ** 3,
    references=[cookbook(130)],
    notes="The Jacobian is symmetric, so numerator and denominator layout give the same matrix. It is "
          "(I − uuᵀ)/‖x − a‖₂ with u the unit vector: the projection onto the plane orthogonal to u, "
          "scaled, so moving x along u does not change the direction. This is also the Hessian of "
          "‖x − a‖₂.",
    aliases=["derivative of normalized vector", "Jacobian of normalization", "Hessian of the Euclidean norm",
             "derivative of x / ||x||"],
)

Derivative(
    id="PDTH",
    title="Gradient of the Euclidean norm ‖x‖₂",
    latex=r"\frac{\partial}{\partial x}\lVert x\rVert_2 = \frac{x}{\lVert x\rVert_2}",
    variables={"x": Vector("n", "nonzero")},
    wrt="x",
    layout="denominator",
    f=lambda x: np.sqrt(np.sum(x ** 2)),
    claimed=lambda x: x / _norm2(x),
    differential=r"\mathrm{d}\lVert x\rVert_2 = \frac{x^{\top}\mathrm{d}x}{\lVert x\rVert_2}",
    references=[cookbook(129, note="with a = 0")],
    notes="Not differentiable at x = 0, where the subdifferential is the unit ball. The squared norm "
          "(Cookbook eq. 131, ∂‖x‖²₂/∂x = 2x) is the entry for xᵀx among the linear and quadratic forms.",
    aliases=["derivative of vector norm", "gradient of L2 norm", "derivative of ||x||", "norm gradient"],
    symbolic=lambda x: (x.T * x) ** sp.S.Half,
)

Derivative(
    id="L6MJ",
    title="Gradient of the Frobenius norm ‖X‖_F",
    latex=r"\frac{\partial}{\partial X}\lVert X\rVert_F = \frac{X}{\lVert X\rVert_F}",
    variables={"X": Matrix("m", "n", "nonzero")},
    symbols={"F": "marks the Frobenius norm"},
    wrt="X",
    layout="denominator",
    f=lambda X: np.sqrt(np.trace(X.T @ X)),
    claimed=lambda X: X / np.sqrt(np.sum(X * X)),
    differential=r"\mathrm{d}\lVert X\rVert_F = \frac{\operatorname{tr}(X^{\top}\mathrm{d}X)}{\lVert X\rVert_F}",
    references=[cookbook(132, note="the squared norm; the chain rule gives the norm itself")],
    sketch="‖X‖_F = (‖X‖²_F)^{1/2}; by the chain rule and eq. (132) the gradient is "
               "(2X) / (2‖X‖_F).",
    related=["Z88W"],
    notes="Not differentiable at X = 0. The squared norm, ∂‖X‖²_F/∂X = 2X (Cookbook eq. 132), is the entry "
          "for tr(XᵀX) in the Traces topic.",
    aliases=["derivative of Frobenius norm", "gradient of matrix norm", "Frobenius norm gradient",
             "derivative of ||X||_F"],
    symbolic=lambda X: sp.sqrt(sp.Trace(X.T * X)),
)

Derivative(
    id="RRM8",
    title="Gradient of the residual norm ‖Ax − b‖₂",
    latex=r"\frac{\partial}{\partial x}\lVert Ax - b\rVert_2 = \frac{A^{\top}(Ax - b)}{\lVert Ax - b\rVert_2}",
    variables={"A": Matrix("m", "n"), "x": Vector("n"), "b": Vector("m")},
    conditions="Ax ≠ b (the norm has a kink where the residual vanishes).",
    wrt="x",
    layout="denominator",
    f=lambda A, x, b: np.sqrt(np.sum((A @ x - b) ** 2)),
    claimed=lambda A, x, b: A.T @ (A @ x - b) / _norm2(A @ x - b),
    references=[cookbook(129, note="composed with the map x ↦ Ax")],
    sketch="Chain rule: the gradient of ‖r‖₂ is r/‖r‖₂ (eq. 129) and r = Ax − b has Jacobian A.",
    aliases=["derivative of residual norm", "gradient of ||Ax - b||", "unsquared least squares gradient"],
    symbolic=lambda A, x, b: ((A * x - b).T * (A * x - b)) ** sp.S.Half,
)

Derivative(
    id="1FUV",
    title="Gradient of the matrix least-squares objective ‖AX − B‖²_F",
    latex=r"\frac{\partial}{\partial X}\lVert AX - B\rVert_F^{2} = 2A^{\top}(AX - B)",
    variables={"A": Matrix("p", "n"), "X": Matrix("n", "m"), "B": Matrix("p", "m")},
    symbols={"F": "marks the Frobenius norm"},
    wrt="X",
    layout="denominator",
    f=lambda A, X, B: np.sum((A @ X - B) ** 2),
    claimed=lambda A, X, B: 2 * A.T @ (A @ X - B),
    differential=r"\mathrm{d}\lVert AX - B\rVert_F^{2} = 2\operatorname{tr}\left((AX - B)^{\top}A\,"
                 r"\mathrm{d}X\right)",
    references=[cookbook(119, note="with B = I and C = −B there"), cookbook(132)],
    notes="Each column of X is a separate least-squares problem with the same A; the gradient of a linear "
          "layer's squared error with respect to its input has this form.",
    aliases=["Frobenius least squares gradient", "multi-output regression gradient",
             "derivative of ||AX - B||_F^2", "squared Frobenius norm of a product"],
    symbolic=lambda A, X, B: sp.Trace((A * X - B).T * (A * X - B)),
)

Derivative(
    id="GVP9",
    title="Gradient of the orthogonality penalty ‖XᵀX − I‖²_F",
    latex=r"\frac{\partial}{\partial X}\lVert X^{\top}X - I\rVert_F^{2} = 4X\left(X^{\top}X - I\right)",
    variables={"X": Matrix("m", "n")},
    symbols={"F": "marks the Frobenius norm"},
    wrt="X",
    layout="denominator",
    f=lambda X: np.sum((X.T @ X - np.eye(X.shape[1])) ** 2),
    claimed=lambda X: 4 * X @ (X.T @ X - np.eye(X.shape[1])),
    differential=r"\mathrm{d}\lVert X^{\top}X - I\rVert_F^{2} = 4\operatorname{tr}\left(\left(X^{\top}X - I\right)"
                 r"X^{\top}\mathrm{d}X\right)",
    sketch="With E = XᵀX − I (symmetric), d‖E‖²_F = 2tr(E dE) and dE = dXᵀX + XᵀdX; both halves give "
               "2tr(EXᵀdX).",
    notes="The soft orthogonality regulariser of neural-network weights and of Stiefel-manifold relaxations; "
          "it vanishes exactly when the columns of X are orthonormal (I is n × n). The row version "
          "‖XXᵀ − I‖²_F has gradient 4(XXᵀ − I)X.",
    aliases=["orthogonality regularization gradient", "orthonormality penalty", "derivative of ||X^T X - I||^2",
             "soft orthogonality constraint"],
    symbolic=lambda X: sp.Trace(X.T * X * X.T * X) - 2 * sp.Trace(X.T * X) + X.shape[1],
)

Derivative(
    id="R8C0",
    title="Gradient of the spectral norm ‖X‖₂",
    latex=r"\frac{\partial}{\partial X}\lVert X\rVert_2 = u_1v_1^{\top}",
    variables={"X": Matrix("m", "n", "full_column_rank")},
    symbols={"u_1": "the left singular vector of the largest singular value of X",
             "v_1": "the right singular vector of the largest singular value, with Xv₁ = σ₁u₁"},
    conditions="The largest singular value of X is simple (true of a generic matrix; the samples have "
               "distinct singular values).",
    wrt="X",
    layout="denominator",
    f=lambda X: np.sqrt(np.linalg.eigvalsh(X.T @ X)[-1]),
    claimed=lambda X: np.outer(np.linalg.svd(X)[0][:, 0], np.linalg.svd(X)[2][0]),
    differential=r"\mathrm{d}\lVert X\rVert_2 = u_1^{\top}\mathrm{d}X\,v_1",
    sketch="σ₁ = u₁ᵀXv₁ with unit u₁, v₁. Then dσ₁ = u₁ᵀ dX v₁ + du₁ᵀXv₁ + u₁ᵀX dv₁, and the last two "
               "terms vanish: Xv₁ = σ₁u₁ and u₁ᵀdu₁ = 0, likewise for v₁.",
    notes="The signs of u₁ and v₁ are fixed together (Xv₁ = σ₁u₁), so u₁v₁ᵀ is well defined. Where the "
          "largest singular value is repeated, the norm is not differentiable; any convex combination "
          "of such u vᵀ is a subgradient.",
    aliases=["derivative of spectral norm", "gradient of largest singular value", "operator norm gradient",
             "matrix 2-norm derivative", "derivative of sigma_max"],
)

Derivative(
    id="XPEW",
    title="Gradient of the nuclear norm ‖X‖_*",
    latex=r"\frac{\partial}{\partial X}\lVert X\rVert_{*} = UV^{\top},\quad X = U\Sigma V^{\top}",
    variables={"X": Matrix("m", "n", "full_column_rank")},
    symbols={"U": "the m × n matrix of left singular vectors (thin SVD)",
             "V": "the n × n matrix of right singular vectors",
             r"\Sigma": "the n × n diagonal matrix of singular values"},
    conditions="X has full rank, so that all its singular values are positive.",
    wrt="X",
    layout="denominator",
    f=lambda X: np.sum(np.sqrt(np.linalg.eigvalsh(X.T @ X))),
    claimed=lambda X: np.linalg.svd(X, full_matrices=False)[0] @ np.linalg.svd(X, full_matrices=False)[2],
    differential=r"\mathrm{d}\lVert X\rVert_{*} = \operatorname{tr}\left(VU^{\top}\mathrm{d}X\right)",
    sketch="‖X‖_* = Σ σᵢ and dσᵢ = uᵢᵀ dX vᵢ for simple positive singular values, so "
               "d‖X‖_* = Σ uᵢᵀ dX vᵢ = tr(VUᵀ dX). The result only needs all σᵢ > 0, not distinct: UVᵀ is "
               "the polar factor X(XᵀX)^{−1/2}.",
    notes="For a rank-deficient X the norm is not differentiable; the subdifferential is "
          "{UVᵀ + W : UᵀW = 0, WV = 0, ‖W‖₂ ≤ 1} with U, V the singular vectors of the nonzero singular "
          "values. This is the step used by singular value thresholding.",
    aliases=["derivative of nuclear norm", "trace norm gradient", "sum of singular values gradient",
             "Schatten 1-norm derivative", "polar factor"],
)

Derivative(
    id="UFVM",
    title="Gradient of the Schatten p-norm (ℓp norm of the singular values)",
    latex=r"\frac{\partial}{\partial X}\lVert X\rVert_{S_p} = "
          r"\frac{U\Sigma^{p-1}V^{\top}}{\lVert X\rVert_{S_p}^{p-1}},\quad "
          r"\lVert X\rVert_{S_p} = \left(\sum_i \sigma_i^{p}\right)^{1/p},\ X = U\Sigma V^{\top}",
    variables={"X": Matrix("m", "n", "full_column_rank"), "p": Scalar(description="the order of the norm, p > 1")},
    symbols={"S": "marks the Schatten norm", "U": "the m × n matrix of left singular vectors (thin SVD)",
             "V": "the n × n matrix of right singular vectors",
             r"\Sigma": "the n × n diagonal matrix of the singular values σ_i", r"\sigma": "σ_i, a singular value",
             "i": "an index"},
    conditions="p > 1 (each instance draws p between 1.5 and 4); X has full rank, so every singular value is "
               "positive.",
    prepare=lambda rng, v: {**v, "p": np.float64(rng.uniform(1.5, 4.0))},
    wrt="X",
    layout="denominator",
    f=lambda X, p: np.sum(np.sqrt(np.linalg.eigvalsh(X.T @ X)) ** p) ** (1 / p),
    claimed=_schatten_gradient,
    sketch="dσᵢ = uᵢᵀ dX vᵢ for each positive singular value, so d(Σσᵢᵖ)^{1/p} = (Σσⱼᵖ)^{1/p−1} "
               "Σ σᵢ^{p−1} uᵢᵀ dX vᵢ.",
    notes="p = 2 gives the Frobenius norm X/‖X‖_F; p → 1 the nuclear norm UVᵀ and p → ∞ the spectral norm "
          "u₁v₁ᵀ. Repeated singular values do no harm: the norm is a symmetric function of them.",
    aliases=["Schatten norm derivative", "derivative of Schatten p-norm", "spectral function gradient",
             "singular value p-norm gradient"],
)

Derivative(
    id="BGZA",
    title="Gradient of the ℓ1 norm ‖x‖₁",
    latex=r"\frac{\partial}{\partial x}\lVert x\rVert_1 = \operatorname{sign}(x)",
    variables={"x": Vector("n", "nonzero_entries")},
    wrt="x",
    layout="denominator",
    f=lambda x: np.sum(np.abs(x)),
    claimed=lambda x: np.sign(x),
    sketch="‖x‖₁ = Σ |xᵢ| and d|xᵢ|/dxᵢ = sign(xᵢ) for xᵢ ≠ 0.",
    notes="Holds only where no entry is zero; at xᵢ = 0 the i-th component of the subdifferential is the "
          "interval [−1, 1] (the lasso's soft-thresholding comes from there).",
    aliases=["derivative of L1 norm", "L1 regularization gradient", "lasso gradient", "sign function",
             "derivative of sum of absolute values"],
)

Derivative(
    id="8VK7",
    title="Gradient of the ℓp norm ‖x‖_p",
    latex=r"\frac{\partial}{\partial x}\lVert x\rVert_p = \frac{\operatorname{sign}(x)\circ\lvert x\rvert^{p-1}}"
          r"{\lVert x\rVert_p^{p-1}}",
    variables={"x": Vector("n", "nonzero_entries"), "p": Scalar(description="the order of the norm, p > 1")},
    conditions="p > 1 (each instance draws p between 1.5 and 4); no entry of x is zero. The absolute value "
               "and the power act entrywise.",
    prepare=lambda rng, v: {**v, "p": np.float64(rng.uniform(1.5, 4.0))},
    wrt="x",
    layout="denominator",
    f=lambda x, p: np.sum(np.abs(x) ** p) ** (1 / p),
    claimed=lambda x, p: np.sign(x) * np.abs(x) ** (p - 1) / np.sum(np.abs(x) ** p) ** ((p - 1) / p),
    sketch="‖x‖_p = (Σ|xᵢ|ᵖ)^{1/p}; the chain rule gives (1/p)(Σ|xⱼ|ᵖ)^{1/p − 1} · p|xᵢ|^{p−1}sign(xᵢ).",
    notes="For p = 2 it is x/‖x‖₂. For p ≥ 2 the formula also holds at zero entries; for 1 < p < 2 the "
          "gradient exists there too (the entry is 0) but |x|^{p−1} is not differentiable, so the Hessian "
          "is unbounded near zero entries.",
    aliases=["derivative of p-norm", "Lp norm gradient", "Holder norm derivative", "derivative of ||x||_p"],
)

Derivative(
    id="A6FK",
    title="Gradient of the ℓ∞ norm ‖x‖_∞",
    latex=r"\frac{\partial}{\partial x}\lVert x\rVert_\infty = \operatorname{sign}(x_k)\,e_k,\quad "
          r"k = \operatorname{arg\,max}_i \lvert x_i\rvert",
    variables={"x": Vector("n", "nonzero_entries")},
    symbols={"e": "e_k is the k-th standard basis vector", "k": "the index of the entry largest in magnitude",
             "i": "an index"},
    conditions="The entry of largest magnitude is unique (true of a generic vector) and not zero.",
    wrt="x",
    layout="denominator",
    f=lambda x: np.max(np.abs(x)),
    claimed=lambda x: np.sign(x) * (np.arange(len(x)) == np.argmax(np.abs(x))),
    sketch="Near x, ‖x‖_∞ = |x_k| for the unique maximising k, whose gradient is sign(x_k)e_k.",
    notes="Where several entries tie for the largest magnitude the norm has a kink; the subdifferential is "
          "the convex hull of their sign(x_k)e_k.",
    aliases=["derivative of max norm", "infinity norm gradient", "Chebyshev norm derivative",
             "derivative of max |x_i|"],
)
