"""Derivatives of inverses.

The Matrix Cookbook's §2.2, eqs. (59)–(64): the derivative of a matrix inverse, entrywise and in
gradient forms, with the rule for a function parametrised by the inverse. Also the Jacobian of the
inverse in vec form, the derivative of a linear solve, and the differentials of the Moore–Penrose
pseudo-inverse of a full-rank rectangular matrix.
"""
import numpy as np

from identities import Derivative, Differential, Matrix, Scalar, Vector, cookbook, ref
from identities.entries import curve, curve_at_sample, symmetric_part, vec
from identities.symbolic import sp


# Shift A so that X + A equals the well-conditioned sample of A.
def _sum_invertible(rng, values):
    values["A"] = values["A"] - values["X"]
    return values


# The inverse of an SPD matrix through its Cholesky factor: Σ⁻¹ = L⁻ᵀL⁻¹.
def _spd_inverse(S):
    Li = np.linalg.inv(np.linalg.cholesky(S))
    return Li.T @ Li


Derivative(
    id="NBTK",
    title="Derivative of Y(x)⁻¹ by a scalar",
    latex=r"\frac{\partial Y^{-1}}{\partial x} = -Y^{-1}\frac{\partial Y}{\partial x}Y^{-1}, \quad Y = A + xB + x^{2}C",
    symbols={"Y": "a square matrix function of x; here the quadratic A + xB + x²C"},
    variables={"x": Scalar(), "A": Matrix("n", "n", "invertible"), "B": Matrix("n", "n", "square"),
               "C": Matrix("n", "n", "square")},
    conditions="Y(x) is invertible at the point of evaluation (the sampler shifts A so that Y(x) is a "
               "well-conditioned invertible matrix).",
    prepare=curve_at_sample,
    wrt="x",
    layout="numerator",
    f=lambda x, A, B, C: np.linalg.inv(curve(x, A, B, C)),
    claimed=lambda x, A, B, C: -np.linalg.solve(curve(x, A, B, C), B + 2 * x * C) @ np.linalg.inv(curve(x, A, B, C)),
    notes="Differentiate Y Y⁻¹ = I: (∂Y/∂x) Y⁻¹ + Y ∂(Y⁻¹)/∂x = 0. Here ∂Y/∂x = B + 2xC.",
    references=[cookbook(59)],
    aliases=["derivative of inverse", "d/dt inverse matrix", "derivative of matrix inverse by a parameter"],
)

Differential(
    id="R26T",
    title="Entrywise derivative of the inverse: ∂(X⁻¹)_kl/∂X_ij",
    latex=r"\frac{\partial (X^{-1})_{kl}}{\partial X_{ij}} = -(X^{-1})_{ki}(X^{-1})_{jl}",
    symbols={"i": "a row index of X", "j": "a column index of X", "k": "a row index of X⁻¹",
             "l": "a column index of X⁻¹"},
    variables={"X": Matrix("n", "n", "invertible")},
    wrt=("X",),
    f=lambda X: np.linalg.inv(X),
    df=lambda X, dX: np.einsum("klij,ij->kl", -np.einsum("ki,jl->klij", np.linalg.inv(X), np.linalg.inv(X)), dX),
    notes="The check builds the four-index array of partial derivatives as printed and contracts it with "
          "a perturbation dX: d(X⁻¹)_kl = Σ_ij ∂(X⁻¹)_kl/∂X_ij dX_ij.",
    references=[cookbook(60)],
    aliases=["derivative of inverse entries", "partial derivative of inverse element", "index form inverse derivative"],
)

Differential(
    id="9EGC",
    title="Jacobian of the matrix inverse in vec form",
    latex=r"\mathrm{d}\operatorname{vec}(X^{-1}) = -(X^{-\top}\otimes X^{-1})\operatorname{vec}(\mathrm{d}X)",
    variables={"X": Matrix("n", "n", "invertible")},
    wrt=("X",),
    f=lambda X: vec(np.linalg.inv(X)),
    df=lambda X, dX: -np.kron(np.linalg.inv(X).T, np.linalg.inv(X)) @ vec(dX),
    notes="vec stacks columns; the n² × n² Jacobian ∂vec(X⁻¹)/∂vec(X)ᵀ is −X⁻ᵀ⊗X⁻¹.",
    sketch="vec(−X⁻¹ dX X⁻¹) = −(X⁻ᵀ⊗X⁻¹) vec(dX) by vec(ABC) = (Cᵀ⊗A) vec(B).",
    references=[ref("magnus-neudecker-2019", "Ch. 9, Jacobian of the inverse")],
    aliases=["Jacobian of inverse", "vec inverse derivative", "Kronecker form of inverse derivative"],
)

Derivative(
    id="7GL3",
    title="Gradient of aᵀX⁻¹b",
    latex=r"\frac{\partial a^{\top}X^{-1}b}{\partial X} = -X^{-\top}ab^{\top}X^{-\top}",
    variables={"a": Vector("n"), "X": Matrix("n", "n", "invertible"), "b": Vector("n")},
    wrt="X",
    layout="denominator",
    f=lambda a, X, b: a @ np.linalg.solve(X, b),
    claimed=lambda a, X, b: -np.outer(np.linalg.solve(X.T, a), np.linalg.solve(X, b)),
    other_layout=(r"\frac{\partial a^{\top}X^{-1}b}{\partial X} = -X^{-1}ba^{\top}X^{-1}",
                  lambda a, X, b: -np.linalg.inv(X) @ np.outer(b, a) @ np.linalg.inv(X)),
    differential=r"\mathrm{d}(a^{\top}X^{-1}b) = -a^{\top}X^{-1}\mathrm{d}X\,X^{-1}b",
    symbolic=lambda a, X, b: sp.Trace(a.T * X.I * b),
    notes="In outer-product form the gradient is −(X⁻ᵀa)(X⁻¹b)ᵀ: two solves, no explicit inverse.",
    references=[cookbook(61)],
    aliases=["bilinear form with inverse", "derivative of a^T X^-1 b", "inverse quadratic form gradient"],
)

Derivative(
    id="0SHF",
    title="Gradient of det(X⁻¹)",
    latex=r"\frac{\partial \det(X^{-1})}{\partial X} = -\det(X^{-1})\,X^{-\top}",
    variables={"X": Matrix("n", "n", "invertible")},
    wrt="X",
    layout="denominator",
    f=lambda X: np.linalg.det(np.linalg.inv(X)),
    claimed=lambda X: -np.linalg.inv(X).T / np.linalg.det(X),
    symbolic=lambda X: sp.Determinant(X.I),
    notes="det(X⁻¹) = 1/det X, so its gradient is −det(X)⁻² · det(X) X⁻ᵀ.",
    references=[cookbook(62)],
    aliases=["determinant of inverse", "derivative of det X^-1"],
)

Derivative(
    id="23MZ",
    title="Gradient of tr((X + A)⁻¹)",
    latex=r"\frac{\partial \operatorname{tr}((X + A)^{-1})}{\partial X} = -\left((X + A)^{-1}(X + A)^{-1}\right)^{\top}",
    variables={"X": Matrix("n", "n", "square"), "A": Matrix("n", "n", "invertible")},
    conditions="X + A is invertible (the sampler shifts A so that X + A is well conditioned).",
    prepare=_sum_invertible,
    wrt="X",
    layout="denominator",
    f=lambda X, A: np.trace(np.linalg.inv(X + A)),
    claimed=lambda X, A: -np.linalg.matrix_power(np.linalg.inv(X + A), 2).T,
    symbolic=lambda X, A: sp.Trace((X + A).I),
    notes="With A = 0 this is the gradient of tr(X⁻¹), −X⁻²ᵀ.",
    references=[cookbook(64)],
    aliases=["trace of inverse", "derivative of trace of (X+A)^-1", "resolvent trace gradient"],
)

Differential(
    id="KSDV",
    title="Differential of the inverse of a symmetric positive definite matrix",
    latex=r"\mathrm{d}(\Sigma^{-1}) = -\Sigma^{-1}(\mathrm{d}\Sigma)\Sigma^{-1}",
    variables={"Sigma": Matrix("n", "n", "spd")},
    wrt=("Sigma",),
    directions="symmetric",
    f=lambda Sigma: _spd_inverse(Sigma),
    df=lambda Sigma, dSigma: -symmetric_part(np.linalg.solve(Sigma, dSigma) @ np.linalg.inv(Sigma)),
    notes="Checked along symmetric perturbations dΣ, the ones that keep Σ a covariance matrix; the inverse "
          "is computed from the Cholesky factor, Σ⁻¹ = L⁻ᵀL⁻¹. The result is symmetric, as it must be.",
    references=[cookbook(40, note="the general rule, restricted here to symmetric perturbations"),
                ref("giles-2008", "matrix inverse")],
    aliases=["derivative of precision matrix", "inverse covariance differential", "d Sigma^-1"],
)

Differential(
    id="YF7A",
    title="Differential of a linear solve x = A⁻¹b",
    latex=r"\mathrm{d}(A^{-1}b) = A^{-1}(\mathrm{d}b - \mathrm{d}A\,A^{-1}b)",
    variables={"A": Matrix("n", "n", "invertible"), "b": Vector("n")},
    wrt=("A", "b"),
    f=lambda A, b: np.linalg.solve(A, b),
    df=lambda A, b, dA, db: np.linalg.inv(A) @ (db - dA @ (np.linalg.inv(A) @ b)),
    notes="Forward mode of a linear solve: one more solve with the same matrix, right-hand side "
          "db − dA x. Reverse mode: b̄ = A⁻ᵀx̄ and Ā = −b̄xᵀ.",
    references=[ref("giles-2008", "matrix inverse product")],
    aliases=["derivative of linear system solution", "sensitivity of Ax = b", "derivative of solve"],
)

Differential(
    id="PN4V",
    title="Differential of the pseudo-inverse, full column rank",
    latex=r"\mathrm{d}X^{+} = -X^{+}(\mathrm{d}X)X^{+} + (X^{\top}X)^{-1}(\mathrm{d}X)^{\top}(I - XX^{+})",
    variables={"X": Matrix("m", "n", "full_column_rank")},
    wrt=("X",),
    f=lambda X: np.linalg.pinv(X),
    df=lambda X, dX: (-np.linalg.pinv(X) @ dX @ np.linalg.pinv(X)
                      + np.linalg.solve(X.T @ X, dX.T) @ (np.eye(len(X)) - X @ np.linalg.pinv(X))),
    notes="Here X⁺ = (XᵀX)⁻¹Xᵀ. The first term alone, the analogue of d(X⁻¹), is not enough: the second "
          "accounts for the part of dX that leaves the column space of X.",
    sketch="Differentiate X⁺ = (XᵀX)⁻¹Xᵀ: d(XᵀX)⁻¹ = −(XᵀX)⁻¹(dXᵀX + XᵀdX)(XᵀX)⁻¹, and collect "
               "terms using X⁺ = (XᵀX)⁻¹Xᵀ. It is the full-column-rank case of the Golub–Pereyra formula.",
    references=[ref("magnus-neudecker-2019", "Ch. 8, the Moore–Penrose inverse")],
    aliases=["derivative of pseudo-inverse", "Moore-Penrose derivative", "pinv gradient", "least squares matrix derivative"],
)

Differential(
    id="4WP4",
    title="Differential of the pseudo-inverse, full row rank",
    latex=r"\mathrm{d}X^{+} = -X^{+}(\mathrm{d}X)X^{+} + (I - X^{+}X)(\mathrm{d}X)^{\top}(XX^{\top})^{-1}",
    variables={"X": Matrix("m", "n", "full_row_rank")},
    wrt=("X",),
    f=lambda X: np.linalg.pinv(X),
    df=lambda X, dX: (-np.linalg.pinv(X) @ dX @ np.linalg.pinv(X)
                      + (np.eye(X.shape[1]) - np.linalg.pinv(X) @ X) @ np.linalg.solve(X @ X.T, dX).T),
    notes="Here X⁺ = Xᵀ(XXᵀ)⁻¹, the minimum-norm right inverse.",
    sketch="Transpose the full-column-rank result applied to Xᵀ, using (Xᵀ)⁺ = (X⁺)ᵀ.",
    references=[ref("magnus-neudecker-2019", "Ch. 8, the Moore–Penrose inverse")],
    aliases=["derivative of pseudo-inverse wide matrix", "minimum norm inverse derivative", "pinv differential"],
)

Derivative(
    id="7LTV",
    title="Gradient through the inverse: W = A⁻¹",
    latex=r"\frac{\partial J}{\partial A} = -A^{-\top}\frac{\partial J}{\partial W}A^{-\top},"
          r"\quad W = A^{-1},\ J = \tfrac{1}{2}\lVert W - C\rVert_{\mathrm{F}}^{2}",
    symbols={"J": "a differentiable scalar function of W; here ½‖W − C‖²_F, with ∂J/∂W = W − C",
             "W": "the inverse of A"},
    variables={"A": Matrix("n", "n", "invertible"), "C": Matrix("n", "n", "square")},
    wrt="A",
    layout="denominator",
    f=lambda A, C: 0.5 * np.sum((np.linalg.inv(A) - C) ** 2),
    claimed=lambda A, C: -np.linalg.inv(A).T @ (np.linalg.inv(A) - C) @ np.linalg.inv(A).T,
    notes="The rule holds for any J; the check uses J(W) = ½‖W − C‖²_F, whose gradient W − C is not "
          "symmetric, so a wrong transpose shows.",
    references=[ref("matrix-cookbook-2012", "§2.2, unnumbered rule after eq. (64)")],
    aliases=["chain rule through inverse", "reparametrise by inverse", "gradient with respect to precision matrix"],
)
