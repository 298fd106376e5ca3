"""Derivatives of matrix decompositions.

Forward-mode differentials of the Cholesky factor, the eigenvectors of a symmetric matrix, the
symmetric square root, the thin QR factors and the singular values, with the reverse-mode gradient
of the Cholesky factorisation. Each factor is first made unique (positive diagonals, fixed
eigenvector signs, distinct eigenvalues or singular values), which is what makes it differentiable.
"""
import numpy as np

from identities import Derivative, Differential, Matrix, cookbook, ref
from identities.entries import fix_signs, symmetric_part, vec


# Φ: the lower triangle with the diagonal halved (Murray 2016).
def _phi(S):
    return np.tril(S) - np.diag(np.diag(S)) / 2


def _eigenvectors(A):
    return fix_signs(np.linalg.eigh(A)[1])


def _eigenvector_differential(A, dA):
    w, V = np.linalg.eigh(A)
    V = fix_signs(V)
    gaps = w[None, :] - w[:, None]
    F = np.divide(1.0, gaps, out=np.zeros_like(gaps), where=~np.eye(len(w), dtype=bool))
    return V @ (F * (V.T @ dA @ V))


def _sqrtm(A):
    w, V = np.linalg.eigh(A)
    return (V * np.sqrt(w)) @ V.T


def _sqrtm_differential(A, dA):
    # solve the Sylvester equation X dX + dX X = dA through (I ⊗ X + Xᵀ ⊗ I) vec(dX) = vec(dA)
    X = _sqrtm(A)
    n = len(A)
    K = np.kron(np.eye(n), X) + np.kron(X.T, np.eye(n))
    return symmetric_part(np.linalg.solve(K, vec(dA)).reshape((n, n), order="F"))


# Thin QR with the diagonal of R made positive, so that Q and R are unique.
def _qr(A):
    Q, R = np.linalg.qr(A)
    s = np.sign(np.diag(R))
    return Q * s, s[:, None] * R


def _qr_differential(A, dA):
    Q, R = _qr(A)
    C = Q.T @ dA @ np.linalg.inv(R)
    lower = np.tril(C, -1)
    U = C - (lower - lower.T)
    return Q, R, U


# Singular values at least 0.3 apart (and at least 0.5), singular vectors of the Gaussian sample kept.
def _spaced_singular_values(rng, values):
    A = values["A"]
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    spaced = 0.5 + np.cumsum(rng.uniform(0.3, 0.8, size=len(s)))[::-1]
    values["A"] = (U * spaced) @ Vt
    return values


def _top_singular_pair(A):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return np.outer(U[:, 0], Vt[0])


Differential(
    id="300S",
    title="Differential of the Cholesky factor",
    latex=r"\mathrm{d}L = L\,\Phi\left(L^{-1}(\mathrm{d}A)L^{-\top}\right), \quad A = LL^{\top}",
    symbols={"L": "the lower-triangular Cholesky factor of A, positive diagonal",
             r"\Phi": "takes the lower triangle and halves the diagonal"},
    variables={"A": Matrix("n", "n", "spd")},
    wrt=("A",),
    directions="symmetric",
    f=lambda A: np.linalg.cholesky(A),
    df=lambda A, dA: np.linalg.cholesky(A) @ _phi(np.linalg.solve(np.linalg.cholesky(A),
                                                                  np.linalg.solve(np.linalg.cholesky(A), dA).T)),
    notes="Checked along symmetric perturbations dA, which keep A positive definite for small steps. "
          "Why Φ: L⁻¹dA L⁻ᵀ = L⁻¹dL + (L⁻¹dL)ᵀ, and L⁻¹dL is lower triangular, so it is the lower "
          "triangle of the left side with the diagonal halved.",
    references=[ref("murray-2016", "forward mode, the derivative of L"), ref("giles-2008", "Cholesky factorisation")],
    aliases=["Cholesky derivative", "differentiating the Cholesky decomposition", "dL Cholesky", "forward mode Cholesky"],
)

Derivative(
    id="ZLJX",
    title="Reverse mode of the Cholesky factorisation",
    latex=r"\frac{\partial \operatorname{tr}(C^{\top}L)}{\partial A} = \tfrac{1}{2}L^{-\top}(P + P^{\top})L^{-1},"
          r"\quad P = \Phi(L^{\top}C),\ A = LL^{\top}",
    symbols={"L": "the lower-triangular Cholesky factor of A", "P": "an auxiliary n × n matrix",
             r"\Phi": "takes the lower triangle and halves the diagonal"},
    variables={"A": Matrix("n", "n", "spd"), "C": Matrix("n", "n", "square")},
    wrt="A",
    layout="denominator",
    directions="symmetric",
    f=lambda A, C: np.sum(C * np.linalg.cholesky(A)),
    claimed=lambda A, C: (lambda Li, P: symmetric_part(Li.T @ P @ Li))(
        np.linalg.inv(np.linalg.cholesky(A)), _phi(np.linalg.cholesky(A).T @ C)),
    notes="C plays the part of the incoming gradient L̄ = ∂J/∂L of any loss J; only its lower triangle "
          "matters. The result is the gradient on symmetric matrices (checked along symmetric "
          "perturbations). Implementations that read only the lower triangle of A return Φ-style "
          "lower-triangular variants of the same quantity.",
    sketch="dJ = tr(Cᵀ dL) = ⟨LᵀC, Φ(S)⟩ with S = L⁻¹dA L⁻ᵀ symmetric; ⟨M, Φ(S)⟩ = ⟨Φ(M), S⟩, and "
               "⟨P, L⁻¹dA L⁻ᵀ⟩ = ⟨L⁻ᵀPL⁻¹, dA⟩; on symmetric dA only the symmetric part counts.",
    references=[ref("murray-2016", "reverse mode, the adjoint of A")],
    aliases=["Cholesky backward", "Cholesky gradient", "adjoint of Cholesky", "backpropagation through Cholesky"],
)

Differential(
    id="P7FJ",
    title="Differential of the eigenvectors of a symmetric matrix",
    latex=r"\mathrm{d}V = V\left(F \circ (V^{\top}\mathrm{d}A\,V)\right),"
          r"\quad F_{ij} = \frac{1}{\lambda_{j} - \lambda_{i}}\ (i \neq j),\ F_{ii} = 0",
    symbols={"V": "the orthogonal matrix of unit eigenvectors of A (columns by ascending eigenvalue, signs fixed)",
             "F": "the matrix of inverse eigenvalue gaps", r"\lambda": "the eigenvalues of A",
             "i": "a row index", "j": "a column index"},
    variables={"A": Matrix("n", "n", "distinct_eigenvalues")},
    wrt=("A",),
    directions="symmetric",
    f=_eigenvectors,
    df=_eigenvector_differential,
    notes="Needs distinct eigenvalues: F blows up as two eigenvalues meet. Each eigenvector's sign is fixed "
          "(largest-magnitude entry positive) so that V is a differentiable function of A. The "
          "eigenvalues move by dλ = diag(VᵀdA V), Cookbook (67); column j of dV is "
          "(λⱼI − A)⁺dA vⱼ, Cookbook (68).",
    references=[ref("giles-2008", "eigenvalues and eigenvectors"),
                cookbook(68, note="all eigenvectors at once, in matrix form")],
    aliases=["eigenvector derivative matrix form", "eigendecomposition differential", "derivative of eigh",
             "backprop through eigendecomposition"],
)

Differential(
    id="57MY",
    title="Differential of the symmetric matrix square root",
    latex=r"X\,\mathrm{d}X + \mathrm{d}X\,X = \mathrm{d}A, \quad X = A^{1/2}",
    symbols={"X": "the symmetric positive definite square root of A"},
    variables={"A": Matrix("n", "n", "spd")},
    wrt=("A",),
    directions="symmetric",
    f=_sqrtm,
    df=_sqrtm_differential,
    notes="dX is the solution of a Sylvester equation, unique because X is positive definite; in the "
          "eigenbasis of A, with square roots sᵢ of its eigenvalues, (VᵀdX V)ᵢⱼ = (VᵀdA V)ᵢⱼ/(sᵢ + sⱼ). "
          "The check solves the equation through Kronecker products instead.",
    sketch="Differentiate X² = A: dX X + X dX = dA.",
    references=[ref("higham-2008", "Ch. 6, Fréchet derivative of the matrix square root")],
    aliases=["derivative of matrix square root", "sqrtm derivative", "Sylvester equation", "Frechet derivative square root"],
)

Differential(
    id="592A",
    title="Differential of the R factor of a thin QR decomposition",
    latex=r"\mathrm{d}R = (C - \Omega)R, \quad C = Q^{\top}\mathrm{d}A\,R^{-1},\ \Omega = C_{\mathrm{low}} - C_{\mathrm{low}}^{\top}",
    symbols={"Q": "the m × n factor with orthonormal columns", "R": "the n × n upper-triangular factor, positive diagonal",
             "C": "an auxiliary n × n matrix", r"\Omega": "the skew-symmetric matrix QᵀdQ"},
    variables={"A": Matrix("m", "n", "full_column_rank")},
    wrt=("A",),
    f=lambda A: _qr(A)[1],
    df=lambda A, dA: (lambda Q, R, U: U @ R)(*_qr_differential(A, dA)),
    notes="C_low is the strictly lower triangle of C. With R's diagonal positive the thin QR is unique and "
          "differentiable.",
    sketch="QᵀdA R⁻¹ = QᵀdQ + dR R⁻¹, where QᵀdQ is skew-symmetric (from QᵀQ = I) and dR R⁻¹ is upper "
               "triangular. The strictly lower part of C therefore belongs to QᵀdQ, which fixes Ω, and "
               "dR R⁻¹ = C − Ω.",
    aliases=["QR derivative", "derivative of R in QR", "differentiating QR decomposition"],
)

Differential(
    id="RGTQ",
    title="Differential of the Q factor of a thin QR decomposition",
    latex=r"\mathrm{d}Q = \mathrm{d}A\,R^{-1} - Q(C - \Omega),"
          r"\quad C = Q^{\top}\mathrm{d}A\,R^{-1},\ \Omega = C_{\mathrm{low}} - C_{\mathrm{low}}^{\top}",
    symbols={"Q": "the m × n factor with orthonormal columns", "R": "the n × n upper-triangular factor, positive diagonal",
             "C": "an auxiliary n × n matrix", r"\Omega": "the skew-symmetric matrix QᵀdQ"},
    variables={"A": Matrix("m", "n", "full_column_rank")},
    wrt=("A",),
    f=lambda A: _qr(A)[0],
    df=lambda A, dA: (lambda Q, R, U: dA @ np.linalg.inv(R) - Q @ U)(*_qr_differential(A, dA)),
    notes="C_low is the strictly lower triangle of C. With R's diagonal positive the thin QR is unique and "
          "differentiable.",
    sketch="From dA = dQ R + Q dR: dQ = dA R⁻¹ − Q dR R⁻¹, with dR R⁻¹ = C − Ω from the R-factor entry.",
    aliases=["QR derivative", "derivative of Q in QR", "orthonormal factor differential"],
)

Differential(
    id="UH0F",
    title="Differential of the singular values",
    latex=r"\mathrm{d}\sigma_{i} = u_{i}^{\top}(\mathrm{d}A)\,v_{i}",
    symbols={r"\sigma": "the singular values of A, descending", "u": "the left singular vectors",
             "v": "the right singular vectors", "i": "an index, 1 to n",
             "U": "the m × n matrix of left singular vectors uᵢ", "V": "the n × n matrix of right singular vectors vᵢ"},
    variables={"A": Matrix("m", "n", "full_column_rank")},
    conditions="The singular values are distinct and nonzero; the sampler spaces them at least 0.3 apart.",
    prepare=_spaced_singular_values,
    wrt=("A",),
    f=lambda A: np.linalg.svd(A, compute_uv=False),
    df=lambda A, dA: (lambda U, s, Vt: np.einsum("ji,jk,ik->i", U, dA, Vt))(*np.linalg.svd(A, full_matrices=False)),
    differential=r"\mathrm{d}\sigma = \operatorname{diag}(U^{\top}\mathrm{d}A\,V)",
    notes="The signs of uᵢ and vᵢ cancel in the product. A zero or repeated singular value is not "
          "differentiable (as with |x| at 0).",
    sketch="Differentiate σᵢ = uᵢᵀA vᵢ; the terms with duᵢ and dvᵢ vanish because uᵢᵀduᵢ = vᵢᵀdvᵢ = 0 "
               "and Avᵢ = σᵢuᵢ, Aᵀuᵢ = σᵢvᵢ.",
    references=[ref("giles-2008", "singular value decomposition")],
    aliases=["singular value derivative", "SVD derivative", "derivative of sigma", "singular value perturbation"],
)

Derivative(
    id="8R0X",
    title="Gradient of the spectral norm",
    latex=r"\frac{\partial \lVert A\rVert_{2}}{\partial A} = u_{1}v_{1}^{\top}",
    symbols={"u_1": "the left singular vector of the largest singular value",
             "v_1": "the right singular vector of the largest singular value"},
    variables={"A": Matrix("m", "n", "full_column_rank")},
    conditions="The largest singular value is simple; the sampler spaces the singular values at least 0.3 apart.",
    prepare=_spaced_singular_values,
    wrt="A",
    layout="denominator",
    f=lambda A: np.linalg.norm(A, 2),
    claimed=_top_singular_pair,
    notes="‖A‖₂ = σ₁. Not differentiable where σ₁ is repeated; there u₁v₁ᵀ is one subgradient.",
    sketch="‖A‖₂ = σ₁ and dσ₁ = u₁ᵀdA v₁ = tr(v₁u₁ᵀ dA).",
    references=[ref("giles-2008", "matrix norms")],
    aliases=["spectral norm derivative", "operator 2-norm gradient", "largest singular value gradient"],
)

Derivative(
    id="F7CX",
    title="Gradient of the nuclear norm",
    latex=r"\frac{\partial \lVert A\rVert_{*}}{\partial A} = UV^{\top}",
    symbols={"U": "the m × n matrix of left singular vectors (thin SVD)", "V": "the n × n matrix of right singular vectors"},
    variables={"A": Matrix("m", "n", "full_column_rank")},
    wrt="A",
    layout="denominator",
    f=lambda A: np.sum(np.linalg.svd(A, compute_uv=False)),
    claimed=lambda A: (lambda U, s, Vt: U @ Vt)(*np.linalg.svd(A, full_matrices=False)),
    notes="‖A‖_* = Σᵢσᵢ. Needs full rank (no zero singular value); repeated nonzero singular values are "
          "fine here, since UVᵀ is then still unique. UVᵀ is the orthogonal polar factor of A.",
    sketch="Sum dσᵢ = uᵢᵀdA vᵢ over i: tr(UᵀdA V) = tr(VUᵀ dA).",
    references=[ref("giles-2008", "singular value decomposition")],
    aliases=["nuclear norm derivative", "trace norm gradient", "sum of singular values gradient"],
)
