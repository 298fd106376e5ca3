"""Norms.

Gradients of vector and matrix norms (Matrix Cookbook §2.6–2.7) and of the norms met in least
squares, regularisation and low-rank methods: Euclidean, Frobenius, spectral, nuclear, ℓ1, ℓp and
ℓ∞. A norm is not differentiable where it has a kink (at zero, or where the maximising entry or
singular value is not unique); each entry states where its formula holds.
"""
import numpy as np

from identities import Derivative, Formula, Matrix, Scalar, Step, Vector, cookbook
from identities.entries import spaced_singular_values, vec
from identities.symbolic import sp

# The symbolic forms write a Euclidean norm as the 1 × 1 matrix (vᵀv)^(1/2): sympy 1.14 differentiates that
# power of a matrix expression, but not sqrt of a scalar built from one.


def _norm2(v):
    return np.sqrt(v @ v)


def _schatten_gradient(X, p):
    """U Σ^(p−1) Vᵀ / ‖X‖_{S_p}^(p−1) from the thin SVD."""
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    return (U * s ** (p - 1)) @ Vt / np.sum(s ** p) ** ((p - 1) / p)


# Functions whose differentials derivation steps take (D(g)); module level, so each keeps its identity.
def _sq_dist(x, a):
    return (x - a) @ (x - a)


def _inv_dist(x, a):
    return 1.0 / np.sqrt((x - a) @ (x - a))


def _sq_norm(x):
    return x @ x


def _frob_sq(X):
    return np.sum(X * X)


def _residual(A, x, b):
    return A @ x - b


def _residual_matrix(A, X, B):
    return A @ X - B


def _gram_minus_identity(X):
    return X.T @ X - np.eye(X.shape[1])


def _row_penalty(X):
    return np.sum((X @ X.T - np.eye(X.shape[0])) ** 2)


def _top_pair(X):
    """u₁, v₁ with the sign fixed (largest-magnitude entry of u₁ positive) and Xv₁ = σ₁u₁."""
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    u, v = U[:, 0], Vt[0]
    sign = np.sign(u[np.argmax(np.abs(u))])
    return sign * u, sign * v


def _u1(X):
    return _top_pair(X)[0]


def _v1(X):
    return _top_pair(X)[1]


def _thin_svd(X):
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    return U, s, Vt.T


def _sum_sigma_p(X, p):
    return np.sum(np.linalg.svd(X, compute_uv=False) ** p)


def _sum_abs_p(x, p):
    return np.sum(np.abs(x) ** p)


def _abs(x):
    return np.abs(x)


def _inverse_sqrt_spd(S):
    w, Q = np.linalg.eigh(S)
    return (Q / np.sqrt(w)) @ Q.T


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
    differential=(r"\mathrm{d}\lVert x - a\rVert_2 = \frac{(x - a)^{\top}\mathrm{d}x}{\lVert x - a\rVert_2}",
                  lambda x, a, dx: (x - a) @ dx / _norm2(x - a)),
    derivation=[
        Step(r"\mathrm{d}\lVert x - a\rVert_2 = \mathrm{d}\bigl((x - a)^{\top}(x - a)\bigr)^{1/2} = "
             r"\frac{\mathrm{d}\bigl((x - a)^{\top}(x - a)\bigr)}{2\lVert x - a\rVert_2}",
             lambda D: D(), lambda x, a, D: D(_sq_dist) / (2 * _norm2(x - a)), uses=["48ZE"]),
        Step(r"= \frac{\mathrm{d}x^{\top}(x - a) + (x - a)^{\top}\mathrm{d}x}{2\lVert x - a\rVert_2} = "
             r"\frac{(x - a)^{\top}\mathrm{d}x}{\lVert x - a\rVert_2}",
             lambda x, a, D: D(_sq_dist) / (2 * _norm2(x - a)),
             lambda x, a, dx: (dx @ (x - a) + (x - a) @ dx) / (2 * _norm2(x - a)),
             lambda x, a, dx: (x - a) @ dx / _norm2(x - a), uses=["8CQG", "TBSX"]),
        Step(r"= \Bigl(\frac{x - a}{\lVert x - a\rVert_2}\Bigr)^{\top}\mathrm{d}x \;\Rightarrow\; "
             r"\frac{\partial}{\partial x}\lVert x - a\rVert_2 = \frac{x - a}{\lVert x - a\rVert_2}",
             lambda x, a, dx: (x - a) @ dx / _norm2(x - a), lambda x, a, dx: ((x - a) / _norm2(x - a)) @ dx),
    ],
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
    derivation=[
        Step(r"\mathrm{d}\frac{x - a}{\lVert x - a\rVert_2} = \frac{\mathrm{d}x}{\lVert x - a\rVert_2} + "
             r"(x - a)\,\mathrm{d}\bigl(\lVert x - a\rVert_2^{-1}\bigr)",
             lambda D: D(), lambda x, a, dx, D: dx / _norm2(x - a) + (x - a) * D(_inv_dist), uses=["8S7R"]),
        Step(r"= \frac{\mathrm{d}x}{\lVert x - a\rVert_2} - (x - a)\frac{(x - a)^{\top}\mathrm{d}x}"
             r"{\lVert x - a\rVert_2^{3}}",
             lambda x, a, dx, D: dx / _norm2(x - a) + (x - a) * D(_inv_dist),
             lambda x, a, dx: dx / _norm2(x - a) - (x - a) * ((x - a) @ dx) / _norm2(x - a) ** 3,
             uses=["48ZE", "X58D"]),
        Step(r"= \Bigl(\frac{I}{\lVert x - a\rVert_2} - \frac{(x - a)(x - a)^{\top}}{\lVert x - a\rVert_2^{3}}"
             r"\Bigr)\mathrm{d}x",
             lambda x, a, dx: dx / _norm2(x - a) - (x - a) * ((x - a) @ dx) / _norm2(x - a) ** 3,
             lambda x, a, dx: (np.eye(len(x)) / _norm2(x - a) - np.outer(x - a, x - a) / _norm2(x - a) ** 3) @ dx),
    ],
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
    differential=(r"\mathrm{d}\lVert x\rVert_2 = \frac{x^{\top}\mathrm{d}x}{\lVert x\rVert_2}",
                  lambda x, dx: x @ dx / _norm2(x)),
    derivation=[
        Step(r"\mathrm{d}\lVert x\rVert_2 = \mathrm{d}\bigl(x^{\top}x\bigr)^{1/2} = "
             r"\frac{\mathrm{d}\bigl(x^{\top}x\bigr)}{2\lVert x\rVert_2}",
             lambda D: D(), lambda x, D: D(_sq_norm) / (2 * _norm2(x)), uses=["48ZE"]),
        Step(r"= \frac{2x^{\top}\mathrm{d}x}{2\lVert x\rVert_2}",
             lambda x, D: D(_sq_norm) / (2 * _norm2(x)), lambda x, dx: 2 * (x @ dx) / (2 * _norm2(x)),
             uses=["FCZG"]),
        Step(r"= \Bigl(\frac{x}{\lVert x\rVert_2}\Bigr)^{\top}\mathrm{d}x \;\Rightarrow\; "
             r"\frac{\partial}{\partial x}\lVert x\rVert_2 = \frac{x}{\lVert x\rVert_2}",
             lambda x, dx: 2 * (x @ dx) / (2 * _norm2(x)), lambda x, dx: (x / _norm2(x)) @ dx),
    ],
    also=[Formula(r"\frac{\partial}{\partial x}\lVert x\rVert_2^{2} = 2x",
                  lambda D: D(_sq_norm), lambda x, dx: 2 * x @ dx, uses=["FCZG"])],
    references=[cookbook(129, note="with a = 0"), cookbook(131, note="the squared norm")],
    notes="Not differentiable at the origin, where the subdifferential is the unit ball. The squared norm "
          "(Cookbook eq. 131, shown above) is the entry for xᵀx among the linear and quadratic forms.",
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
    differential=(r"\mathrm{d}\lVert X\rVert_F = \frac{\operatorname{tr}(X^{\top}\mathrm{d}X)}{\lVert X\rVert_F}",
                  lambda X, dX: np.trace(X.T @ dX) / np.linalg.norm(X)),
    derivation=[
        Step(r"\mathrm{d}\lVert X\rVert_F = \mathrm{d}\bigl(\operatorname{tr}(X^{\top}X)\bigr)^{1/2} = "
             r"\frac{\mathrm{d}\operatorname{tr}(X^{\top}X)}{2\lVert X\rVert_F}",
             lambda D: D(), lambda X, D: D(_frob_sq) / (2 * np.linalg.norm(X)), uses=["48ZE"]),
        Step(r"= \frac{\operatorname{tr}(\mathrm{d}X^{\top}X + X^{\top}\mathrm{d}X)}{2\lVert X\rVert_F} = "
             r"\frac{\operatorname{tr}(X^{\top}\mathrm{d}X)}{\lVert X\rVert_F}",
             lambda X, D: D(_frob_sq) / (2 * np.linalg.norm(X)),
             lambda X, dX: np.trace(dX.T @ X + X.T @ dX) / (2 * np.linalg.norm(X)),
             lambda X, dX: np.trace(X.T @ dX) / np.linalg.norm(X), uses=["U00N", "N72P"]),
        Step(r"= \operatorname{tr}\Bigl(\Bigl(\frac{X}{\lVert X\rVert_F}\Bigr)^{\top}\mathrm{d}X\Bigr) \;\Rightarrow\; "
             r"\frac{\partial}{\partial X}\lVert X\rVert_F = \frac{X}{\lVert X\rVert_F}",
             lambda X, dX: np.trace(X.T @ dX) / np.linalg.norm(X),
             lambda X, dX: np.sum(X / np.sqrt(np.sum(X * X)) * dX)),
    ],
    also=[Formula(r"\frac{\partial}{\partial X}\lVert X\rVert_F^{2} = 2X",
                  lambda D: D(_frob_sq), lambda X, dX: np.sum(2 * X * dX), uses=["Z88W"])],
    references=[cookbook(132, note="the squared norm; the chain rule gives the norm itself")],
    related=["Z88W"],
    notes="Not differentiable at the zero matrix. The squared "
          "norm (Cookbook eq. 132, shown above) is the entry for tr(XᵀX) in the Traces topic.",
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
    derivation=[
        Step(r"\mathrm{d}\lVert Ax - b\rVert_2 = \frac{(Ax - b)^{\top}\mathrm{d}(Ax - b)}{\lVert Ax - b\rVert_2}",
             lambda D: D(), lambda A, x, b, D: (A @ x - b) @ D(_residual) / _norm2(A @ x - b), uses=["PDTH"]),
        Step(r"= \frac{(Ax - b)^{\top}A\,\mathrm{d}x}{\lVert Ax - b\rVert_2}",
             lambda A, x, b, D: (A @ x - b) @ D(_residual) / _norm2(A @ x - b),
             lambda A, x, b, dx: (A @ x - b) @ (A @ dx) / _norm2(A @ x - b), uses=["2ZM7", "6Q8H"]),
        Step(r"= \Bigl(\frac{A^{\top}(Ax - b)}{\lVert Ax - b\rVert_2}\Bigr)^{\top}\mathrm{d}x \;\Rightarrow\; "
             r"\frac{\partial}{\partial x}\lVert Ax - b\rVert_2 = \frac{A^{\top}(Ax - b)}{\lVert Ax - b\rVert_2}",
             lambda A, x, b, dx: (A @ x - b) @ (A @ dx) / _norm2(A @ x - b),
             lambda A, x, b, dx: (A.T @ (A @ x - b) / _norm2(A @ x - b)) @ dx),
    ],
    references=[cookbook(129, note="composed with the map x ↦ Ax")],
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
    differential=(r"\mathrm{d}\lVert AX - B\rVert_F^{2} = 2\operatorname{tr}\left((AX - B)^{\top}A\,"
                  r"\mathrm{d}X\right)",
                  lambda A, X, B, dX: 2 * np.trace((A @ X - B).T @ A @ dX)),
    derivation=[
        Step(r"\mathrm{d}\lVert AX - B\rVert_F^{2} = \mathrm{d}\operatorname{tr}\bigl((AX - B)^{\top}(AX - B)\bigr) "
             r"= 2\operatorname{tr}\bigl((AX - B)^{\top}\mathrm{d}(AX - B)\bigr)",
             lambda D: D(), lambda A, X, B, D: 2 * np.sum((A @ X - B) * D(_residual_matrix)),
             uses=["U00N", "N72P"]),
        Step(r"= 2\operatorname{tr}\bigl((AX - B)^{\top}A\,\mathrm{d}X\bigr)",
             lambda A, X, B, D: 2 * np.sum((A @ X - B) * D(_residual_matrix)),
             lambda A, X, B, dX: 2 * np.trace((A @ X - B).T @ A @ dX), uses=["2ZM7", "6Q8H"]),
        Step(r"= \operatorname{tr}\bigl((2A^{\top}(AX - B))^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial}{\partial X}\lVert AX - B\rVert_F^{2} = 2A^{\top}(AX - B)",
             lambda A, X, B, dX: 2 * np.trace((A @ X - B).T @ A @ dX),
             lambda A, X, B, dX: np.sum(2 * A.T @ (A @ X - B) * dX)),
    ],
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
    differential=(r"\mathrm{d}\lVert X^{\top}X - I\rVert_F^{2} = 4\operatorname{tr}\left(\left(X^{\top}X - I\right)"
                  r"X^{\top}\mathrm{d}X\right)",
                  lambda X, dX: 4 * np.trace(_gram_minus_identity(X) @ X.T @ dX)),
    derivation=[
        Step(r"\mathrm{d}\lVert X^{\top}X - I\rVert_F^{2} = 2\operatorname{tr}\bigl((X^{\top}X - I)\,"
             r"\mathrm{d}(X^{\top}X - I)\bigr)",
             lambda D: D(), lambda X, D: 2 * np.trace(_gram_minus_identity(X) @ D(_gram_minus_identity)),
             uses=["U00N", "N72P"]),
        Step(r"= 2\operatorname{tr}\bigl((X^{\top}X - I)(\mathrm{d}X^{\top}X + X^{\top}\mathrm{d}X)\bigr)",
             lambda X, D: 2 * np.trace(_gram_minus_identity(X) @ D(_gram_minus_identity)),
             lambda X, dX: 2 * np.trace(_gram_minus_identity(X) @ (dX.T @ X + X.T @ dX)), uses=["N72P", "6Q8H"]),
        Step(r"= 4\operatorname{tr}\bigl((X^{\top}X - I)X^{\top}\mathrm{d}X\bigr)",
             lambda X, dX: 2 * np.trace(_gram_minus_identity(X) @ (dX.T @ X + X.T @ dX)),
             lambda X, dX: 4 * np.trace(_gram_minus_identity(X) @ X.T @ dX), uses=["TBSX"]),
        Step(r"= \operatorname{tr}\Bigl(\bigl(4X(X^{\top}X - I)\bigr)^{\top}\mathrm{d}X\Bigr) \;\Rightarrow\; "
             r"\frac{\partial}{\partial X}\lVert X^{\top}X - I\rVert_F^{2} = 4X\left(X^{\top}X - I\right)",
             lambda X, dX: 4 * np.trace(_gram_minus_identity(X) @ X.T @ dX),
             lambda X, dX: np.sum(4 * X @ _gram_minus_identity(X) * dX)),
    ],
    also=[Formula(r"\frac{\partial}{\partial X}\lVert XX^{\top} - I\rVert_F^{2} = 4\left(XX^{\top} - I\right)X",
                  lambda D: D(_row_penalty),
                  lambda X, dX: np.sum(4 * (X @ X.T - np.eye(X.shape[0])) @ X * dX))],
    notes="The soft orthogonality regulariser of neural-network weights and of Stiefel-manifold relaxations; "
          "it vanishes exactly when the columns of X are orthonormal (I is n × n). The third step uses that "
          "XᵀX − I is symmetric and the trace is cyclic. The row version, shown above with I of size m × m, "
          "penalises non-orthonormal rows.",
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
    conditions="The largest singular value of X is simple; the sampler spaces the singular values at least "
               "0.3 apart, so that the differences stay where ‖X‖₂ is smooth.",
    prepare=spaced_singular_values("X"),
    wrt="X",
    layout="denominator",
    f=lambda X: np.sqrt(np.linalg.eigvalsh(X.T @ X)[-1]),
    claimed=lambda X: np.outer(np.linalg.svd(X)[0][:, 0], np.linalg.svd(X)[2][0]),
    differential=(r"\mathrm{d}\lVert X\rVert_2 = u_1^{\top}\mathrm{d}X\,v_1",
                  lambda X, dX: _u1(X) @ dX @ _v1(X)),
    derivation=[
        Step(r"\mathrm{d}\lVert X\rVert_2 = \mathrm{d}\bigl(u_1^{\top}Xv_1\bigr) = \mathrm{d}u_1^{\top}Xv_1 + "
             r"u_1^{\top}\mathrm{d}X\,v_1 + u_1^{\top}X\,\mathrm{d}v_1",
             lambda D: D(),
             lambda X, dX, D: D(_u1) @ X @ _v1(X) + _u1(X) @ dX @ _v1(X) + _u1(X) @ X @ D(_v1), uses=["8CQG"]),
        Step(r"= u_1^{\top}\mathrm{d}X\,v_1 \quad\text{(the unit vectors } u_1, v_1 \text{ move orthogonally to "
             r"themselves, and } Xv_1, X^{\top}u_1 \text{ are along them)}",
             lambda X, dX, D: D(_u1) @ X @ _v1(X) + _u1(X) @ dX @ _v1(X) + _u1(X) @ X @ D(_v1),
             lambda X, dX: _u1(X) @ dX @ _v1(X), uses=["UH0F"]),
        Step(r"= \operatorname{tr}\bigl((u_1v_1^{\top})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial}{\partial X}\lVert X\rVert_2 = u_1v_1^{\top}",
             lambda X, dX: _u1(X) @ dX @ _v1(X), lambda X, dX: np.sum(np.outer(_u1(X), _v1(X)) * dX)),
    ],
    notes="The signs of u₁ and v₁ are fixed together (Xv₁ is a positive multiple of u₁), so u₁v₁ᵀ is well "
          "defined. Where the largest singular value is repeated, the norm is not differentiable; any convex "
          "combination of such u vᵀ is a subgradient.",
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
             r"\Sigma": "the n × n diagonal matrix of singular values",
             "u": "uᵢ, the i-th column of U", "v": "vᵢ, the i-th column of V", "i": "an index, 1 to n",
             r"\sigma": "σᵢ, the i-th singular value of X"},
    conditions="X has full rank, so that all its singular values are positive.",
    wrt="X",
    layout="denominator",
    f=lambda X: np.sum(np.sqrt(np.linalg.eigvalsh(X.T @ X))),
    claimed=lambda X: np.linalg.svd(X, full_matrices=False)[0] @ np.linalg.svd(X, full_matrices=False)[2],
    differential=(r"\mathrm{d}\lVert X\rVert_{*} = \operatorname{tr}\left(VU^{\top}\mathrm{d}X\right)",
                  lambda X, dX: (lambda U, s, V: np.trace(V @ U.T @ dX))(*_thin_svd(X))),
    derivation=[
        Step(r"\mathrm{d}\lVert X\rVert_{*} = \mathrm{d}\sum_i \sigma_i = \sum_i u_i^{\top}\mathrm{d}X\,v_i",
             lambda D: D(), lambda X, dX: (lambda U, s, V: np.einsum("ji,jk,ki->", U, dX, V))(*_thin_svd(X)),
             uses=["UH0F"]),
        Step(r"= \operatorname{tr}\bigl(VU^{\top}\mathrm{d}X\bigr)",
             lambda X, dX: (lambda U, s, V: np.einsum("ji,jk,ki->", U, dX, V))(*_thin_svd(X)),
             lambda X, dX: (lambda U, s, V: np.trace(V @ U.T @ dX))(*_thin_svd(X))),
        Step(r"= \operatorname{tr}\bigl((UV^{\top})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial}{\partial X}\lVert X\rVert_{*} = UV^{\top}",
             lambda X, dX: (lambda U, s, V: np.trace(V @ U.T @ dX))(*_thin_svd(X)),
             lambda X, dX: (lambda U, s, V: np.sum(U @ V.T * dX))(*_thin_svd(X))),
    ],
    also=[Formula(r"\operatorname{vec}\bigl(UV^{\top}\bigr) = \operatorname{vec}\Bigl(X\left(X^{\top}X\right)^{-1/2}\Bigr)",
                  lambda X: vec((lambda U, s, V: U @ V.T)(*_thin_svd(X))),
                  lambda X: vec(X @ _inverse_sqrt_spd(X.T @ X)))],
    sketch="The differential of each simple positive singular value is uᵢᵀ dX vᵢ. The result only needs all "
           "σᵢ positive, not distinct: UVᵀ is the polar factor of X (shown above), which does not depend on "
           "how the singular vectors of a repeated singular value are chosen.",
    notes="For a rank-deficient X the norm is not differentiable; the subdifferential is the set of UVᵀ + W "
          "with UᵀW and WV zero and ‖W‖₂ ≤ 1, U and V holding the singular vectors of the nonzero singular "
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
             "i": "an index", "u": "uᵢ, the i-th column of U", "v": "vᵢ, the i-th column of V",
             "F": "marks the Frobenius norm", "S_2": "marks the Schatten 2-norm (p = 2)"},
    conditions="p > 1 (each instance draws p between 1.5 and 4); X has full rank, so every singular value is "
               "positive.",
    prepare=lambda rng, v: {**v, "p": np.float64(rng.uniform(1.5, 4.0))},
    wrt="X",
    layout="denominator",
    f=lambda X, p: np.sum(np.sqrt(np.linalg.eigvalsh(X.T @ X)) ** p) ** (1 / p),
    claimed=_schatten_gradient,
    derivation=[
        Step(r"\mathrm{d}\lVert X\rVert_{S_p} = \mathrm{d}\Bigl(\sum_i \sigma_i^{p}\Bigr)^{1/p} = "
             r"\frac{1}{p}\Bigl(\sum_i \sigma_i^{p}\Bigr)^{1/p - 1}\mathrm{d}\sum_i \sigma_i^{p}",
             lambda D: D(), lambda X, p, D: _sum_sigma_p(X, p) ** (1 / p - 1) * D(_sum_sigma_p) / p,
             uses=["48ZE"]),
        Step(r"= \lVert X\rVert_{S_p}^{1-p}\sum_i \sigma_i^{p-1}u_i^{\top}\mathrm{d}X\,v_i",
             lambda X, p, D: _sum_sigma_p(X, p) ** (1 / p - 1) * D(_sum_sigma_p) / p,
             lambda X, p, dX: (lambda U, s, V: np.sum(s ** p) ** (1 / p - 1)
                               * np.einsum("i,ji,jk,ki->", s ** (p - 1), U, dX, V))(*_thin_svd(X)),
             uses=["48ZE", "UH0F"]),
        Step(r"= \operatorname{tr}\Bigl(\Bigl(\frac{U\Sigma^{p-1}V^{\top}}{\lVert X\rVert_{S_p}^{p-1}}\Bigr)^{\top}"
             r"\mathrm{d}X\Bigr) \;\Rightarrow\; \frac{\partial}{\partial X}\lVert X\rVert_{S_p} = "
             r"\frac{U\Sigma^{p-1}V^{\top}}{\lVert X\rVert_{S_p}^{p-1}}",
             lambda X, p, dX: (lambda U, s, V: np.sum(s ** p) ** (1 / p - 1)
                               * np.einsum("i,ji,jk,ki->", s ** (p - 1), U, dX, V))(*_thin_svd(X)),
             lambda X, p, dX: np.sum(_schatten_gradient(X, p) * dX)),
    ],
    also=[Formula(r"\operatorname{vec}\Bigl(\frac{U\Sigma^{2-1}V^{\top}}{\lVert X\rVert_{S_2}^{2-1}}\Bigr) = "
                  r"\operatorname{vec}\Bigl(\frac{X}{\lVert X\rVert_F}\Bigr)",
                  lambda X: vec(_schatten_gradient(X, 2)), lambda X: vec(X / np.linalg.norm(X)), uses=["L6MJ"])],
    notes="At p 2 the formula is the Frobenius-norm gradient X/‖X‖_F (shown above); as p → 1 it tends to the "
          "nuclear-norm gradient UVᵀ and as p → ∞ to the spectral-norm gradient u₁v₁ᵀ. Repeated singular "
          "values do no harm: the norm is a symmetric function of them.",
    aliases=["Schatten norm derivative", "derivative of Schatten p-norm", "spectral function gradient",
             "singular value p-norm gradient"],
)

Derivative(
    id="BGZA",
    title="Gradient of the ℓ1 norm ‖x‖₁",
    latex=r"\frac{\partial}{\partial x}\lVert x\rVert_1 = \operatorname{sign}(x)",
    variables={"x": Vector("n", "nonzero_entries")},
    symbols={"i": "an index"},
    wrt="x",
    layout="denominator",
    f=lambda x: np.sum(np.abs(x)),
    claimed=lambda x: np.sign(x),
    derivation=[
        Step(r"\mathrm{d}\lVert x\rVert_1 = \sum_i \mathrm{d}\lvert x_i\rvert",
             lambda D: D(), lambda D: np.sum(D(_abs))),
        Step(r"= \sum_i \operatorname{sign}(x_i)\,\mathrm{d}x_i",
             lambda D: np.sum(D(_abs)), lambda x, dx: np.sum(np.sign(x) * dx), uses=["EPZJ"]),
        Step(r"= \operatorname{sign}(x)^{\top}\mathrm{d}x \;\Rightarrow\; "
             r"\frac{\partial}{\partial x}\lVert x\rVert_1 = \operatorname{sign}(x)",
             lambda x, dx: np.sum(np.sign(x) * dx), lambda x, dx: np.sign(x) @ dx),
    ],
    notes="Holds only where no entry is zero; at a zero entry the matching component of the subdifferential "
          "is the interval [−1, 1] (the lasso's soft-thresholding comes from there).",
    aliases=["derivative of L1 norm", "L1 regularization gradient", "lasso gradient", "sign function",
             "derivative of sum of absolute values"],
)

Derivative(
    id="8VK7",
    title="Gradient of the ℓp norm ‖x‖_p",
    latex=r"\frac{\partial}{\partial x}\lVert x\rVert_p = \frac{\operatorname{sign}(x)\circ\lvert x\rvert^{p-1}}"
          r"{\lVert x\rVert_p^{p-1}}",
    variables={"x": Vector("n", "nonzero_entries"), "p": Scalar(description="the order of the norm, p > 1")},
    symbols={"i": "an index"},
    conditions="p > 1 (each instance draws p between 1.5 and 4); no entry of x is zero. The absolute value "
               "and the power act entrywise.",
    prepare=lambda rng, v: {**v, "p": np.float64(rng.uniform(1.5, 4.0))},
    wrt="x",
    layout="denominator",
    f=lambda x, p: np.sum(np.abs(x) ** p) ** (1 / p),
    claimed=lambda x, p: np.sign(x) * np.abs(x) ** (p - 1) / np.sum(np.abs(x) ** p) ** ((p - 1) / p),
    derivation=[
        Step(r"\mathrm{d}\lVert x\rVert_p = \mathrm{d}\Bigl(\sum_i \lvert x_i\rvert^{p}\Bigr)^{1/p} = "
             r"\frac{1}{p}\Bigl(\sum_i \lvert x_i\rvert^{p}\Bigr)^{1/p - 1}\mathrm{d}\sum_i \lvert x_i\rvert^{p}",
             lambda D: D(), lambda x, p, D: _sum_abs_p(x, p) ** (1 / p - 1) * D(_sum_abs_p) / p, uses=["48ZE"]),
        Step(r"= \lVert x\rVert_p^{1-p}\sum_i \lvert x_i\rvert^{p-1}\operatorname{sign}(x_i)\,\mathrm{d}x_i",
             lambda x, p, D: _sum_abs_p(x, p) ** (1 / p - 1) * D(_sum_abs_p) / p,
             lambda x, p, dx: _sum_abs_p(x, p) ** (1 / p - 1) * np.sum(np.abs(x) ** (p - 1) * np.sign(x) * dx),
             uses=["BXAA", "EPZJ"]),
        Step(r"= \Bigl(\frac{\operatorname{sign}(x)\circ\lvert x\rvert^{p-1}}{\lVert x\rVert_p^{p-1}}\Bigr)^{\top}"
             r"\mathrm{d}x \;\Rightarrow\; \frac{\partial}{\partial x}\lVert x\rVert_p = "
             r"\frac{\operatorname{sign}(x)\circ\lvert x\rvert^{p-1}}{\lVert x\rVert_p^{p-1}}",
             lambda x, p, dx: _sum_abs_p(x, p) ** (1 / p - 1) * np.sum(np.abs(x) ** (p - 1) * np.sign(x) * dx),
             lambda x, p, dx: (np.sign(x) * np.abs(x) ** (p - 1) / np.sum(np.abs(x) ** p) ** ((p - 1) / p)) @ dx),
    ],
    also=[Formula(r"\frac{\operatorname{sign}(x)\circ\lvert x\rvert^{2-1}}{\lVert x\rVert_2^{2-1}} = "
                  r"\frac{x}{\lVert x\rVert_2}",
                  lambda x: np.sign(x) * np.abs(x) / np.sqrt(np.sum(np.abs(x) ** 2)), lambda x: x / _norm2(x),
                  uses=["PDTH"])],
    notes="For p 2 it is the Euclidean-norm gradient (shown above). For p ≥ 2 the formula also holds at zero "
          "entries; for 1 < p < 2 the gradient exists there too (the entry is 0) but |x|^{p−1} is not "
          "differentiable, so the Hessian is unbounded near zero entries.",
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
    derivation=[
        Step(r"\mathrm{d}\lVert x\rVert_\infty = \mathrm{d}\lvert x_k\rvert = \operatorname{sign}(x_k)\,"
             r"\mathrm{d}x_k \quad\text{(near } x \text{ the maximum stays at } k\text{)}",
             lambda D: D(), lambda x, dx: np.sign(x[np.argmax(np.abs(x))]) * dx[np.argmax(np.abs(x))],
             uses=["EPZJ"]),
        Step(r"= \bigl(\operatorname{sign}(x_k)\,e_k\bigr)^{\top}\mathrm{d}x \;\Rightarrow\; "
             r"\frac{\partial}{\partial x}\lVert x\rVert_\infty = \operatorname{sign}(x_k)\,e_k",
             lambda x, dx: np.sign(x[np.argmax(np.abs(x))]) * dx[np.argmax(np.abs(x))],
             lambda x, dx: (np.sign(x) * (np.arange(len(x)) == np.argmax(np.abs(x)))) @ dx),
    ],
    notes="Where several entries tie for the largest magnitude the norm has a kink; the subdifferential is "
          "the convex hull of their sign(x_k)e_k.",
    aliases=["derivative of max norm", "infinity norm gradient", "Chebyshev norm derivative",
             "derivative of max |x_i|"],
)
