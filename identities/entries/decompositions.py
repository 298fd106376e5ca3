"""Derivatives of matrix decompositions.

Forward-mode differentials of the Cholesky factor, the eigenvectors of a symmetric matrix, the
symmetric square root, the thin QR factors and the singular values, with the reverse-mode gradient
of the Cholesky factorisation. Each factor is first made unique (positive diagonals, fixed
eigenvector signs, distinct eigenvalues or singular values), which is what makes it differentiable.
"""
import numpy as np

from identities import Derivative, Differential, Formula, Matrix, Step, cookbook, ref
from identities.entries import (clear_signs, fix_signs, gap_pinv as _gap_pinv, spaced_singular_values, sylvester,
                                sym_function, symmetric_part, tril_halved, vec)


def _eigenvectors(A):
    return fix_signs(np.linalg.eigh(A)[1])


def _eigenvector_differential(A, dA):
    w, V = np.linalg.eigh(A)
    V = fix_signs(V)
    gaps = w[None, :] - w[:, None]
    F = np.divide(1.0, gaps, out=np.zeros_like(gaps), where=~np.eye(len(w), dtype=bool))
    return V @ (F * (V.T @ dA @ V))


def _sqrtm(A):
    return sym_function(A, np.sqrt)


def _sqrtm_differential(A, dA):
    # the Sylvester equation X dX + dX X = dA, solved through (I ⊗ X + Xᵀ ⊗ I) vec(dX) = vec(dA)
    return symmetric_part(sylvester(_sqrtm(A), dA))


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
_spaced_singular_values = spaced_singular_values("A")


def _chol(A):
    return np.linalg.cholesky(A)


def _chol_inv(A):
    return np.linalg.inv(np.linalg.cholesky(A))


def _eigenvalues(A):
    return np.linalg.eigh(A)[0]


def _inverse_gaps(A):
    w = np.linalg.eigh(A)[0]
    gaps = w[None, :] - w[:, None]
    return np.divide(1.0, gaps, out=np.zeros_like(gaps), where=~np.eye(len(w), dtype=bool))


def _q(A):
    return _qr(A)[0]


def _r(A):
    return _qr(A)[1]


def _omega(A, dA):
    Q, R = _qr(A)
    lower = np.tril(Q.T @ dA @ np.linalg.inv(R), -1)
    return lower - lower.T


def _svd(A):
    """Thin SVD with each pair's sign fixed (largest-magnitude entry of vᵢ positive), so that U and V are
    differentiable functions of A where the singular values are distinct."""
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    sign = np.sign(Vt[np.arange(len(s)), np.argmax(np.abs(Vt), axis=1)])
    return U * sign, s, Vt.T * sign


def _u(A):
    return _svd(A)[0]


def _v(A):
    return _svd(A)[2]


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
    df=lambda A, dA: np.linalg.cholesky(A) @ tril_halved(np.linalg.solve(np.linalg.cholesky(A),
                                                                  np.linalg.solve(np.linalg.cholesky(A), dA).T)),
    notes="Checked along symmetric perturbations dA, which keep A positive definite for small steps. The "
          "derivation shows why Φ: L⁻¹dA L⁻ᵀ is the sum of L⁻¹dL and its transpose, and L⁻¹dL is lower "
          "triangular, so it is the lower triangle of L⁻¹dA L⁻ᵀ with the diagonal halved.",
    derivation=[
        Step(r"\mathrm{d}A = \mathrm{d}L\,L^{\top} + L\,\mathrm{d}L^{\top}", lambda dA: dA,
             lambda A, D: D(_chol) @ _chol(A).T + _chol(A) @ D(_chol).T, uses=["8CQG", "TBSX"]),
        Step(r"L^{-1}(\mathrm{d}A)L^{-\top} = L^{-1}\mathrm{d}L + (L^{-1}\mathrm{d}L)^{\top}",
             lambda A, dA: _chol_inv(A) @ dA @ _chol_inv(A).T,
             lambda A, D: _chol_inv(A) @ D(_chol) + (_chol_inv(A) @ D(_chol)).T, uses=["2ZM7"]),
        Step(r"L^{-1}\mathrm{d}L = \Phi\left(L^{-1}(\mathrm{d}A)L^{-\top}\right)",
             lambda A, D: _chol_inv(A) @ D(_chol), lambda A, dA: tril_halved(_chol_inv(A) @ dA @ _chol_inv(A).T)),
        Step(r"\Rightarrow\; \mathrm{d}L = L\,\Phi\left(L^{-1}(\mathrm{d}A)L^{-\top}\right)",
             lambda D: D(_chol), lambda A, dA: _chol(A) @ tril_halved(_chol_inv(A) @ dA @ _chol_inv(A).T)),
    ],
    references=[ref("murray-2016", "forward mode, the derivative of L"), ref("giles-2008", "Cholesky factorisation")],
    aliases=["Cholesky derivative", "differentiating the Cholesky decomposition", "dL Cholesky", "forward mode Cholesky"],
)

Derivative(
    id="ZLJX",
    title="Reverse mode of the Cholesky factorisation",
    latex=r"\frac{\partial \operatorname{tr}(C^{\top}L)}{\partial A} = \tfrac{1}{2}L^{-\top}(P + P^{\top})L^{-1},"
          r"\quad P = \Phi(L^{\top}C),\ A = LL^{\top}",
    symbols={"L": "the lower-triangular Cholesky factor of A", "P": "an auxiliary n × n matrix",
             r"\Phi": "takes the lower triangle and halves the diagonal",
             "S": "the symmetric matrix L⁻¹ dA L⁻ᵀ"},
    variables={"A": Matrix("n", "n", "spd"), "C": Matrix("n", "n", "square")},
    wrt="A",
    layout="denominator",
    directions="symmetric",
    f=lambda A, C: np.sum(C * np.linalg.cholesky(A)),
    claimed=lambda A, C: (lambda Li, P: symmetric_part(Li.T @ P @ Li))(
        np.linalg.inv(np.linalg.cholesky(A)), tril_halved(np.linalg.cholesky(A).T @ C)),
    notes="C plays the part of the incoming gradient (by L) of any loss; only its lower triangle "
          "matters. The result is the gradient on symmetric matrices (checked along symmetric "
          "perturbations). Implementations that read only the lower triangle of A return Φ-style "
          "lower-triangular variants of the same quantity.",
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(C^{\top}L) = \operatorname{tr}(C^{\top}\mathrm{d}L)", lambda D: D(),
             lambda A, C, D: np.sum(C * D(_chol)), uses=["U00N"]),
        Step(r"= \operatorname{tr}\left(C^{\top}L\,\Phi(S)\right) = \left\langle L^{\top}C, \Phi(S)\right\rangle,"
             r"\quad S = L^{-1}(\mathrm{d}A)L^{-\top}",
             lambda A, C, D: np.sum(C * D(_chol)),
             lambda A, C, dA: np.sum((_chol(A).T @ C) * tril_halved(_chol_inv(A) @ dA @ _chol_inv(A).T)), uses=["300S"]),
        Step(r"= \left\langle \Phi(L^{\top}C), S\right\rangle = \left\langle P, L^{-1}(\mathrm{d}A)L^{-\top}\right\rangle",
             lambda A, C, dA: np.sum((_chol(A).T @ C) * tril_halved(_chol_inv(A) @ dA @ _chol_inv(A).T)),
             lambda A, C, dA: np.sum(tril_halved(_chol(A).T @ C) * (_chol_inv(A) @ dA @ _chol_inv(A).T))),
        Step(r"= \left\langle L^{-\top}PL^{-1}, \mathrm{d}A\right\rangle",
             lambda A, C, dA: np.sum(tril_halved(_chol(A).T @ C) * (_chol_inv(A) @ dA @ _chol_inv(A).T)),
             lambda A, C, dA: np.sum((_chol_inv(A).T @ tril_halved(_chol(A).T @ C) @ _chol_inv(A)) * dA), uses=["GWJ1"]),
        Step(r"= \left\langle \tfrac{1}{2}L^{-\top}(P + P^{\top})L^{-1}, \mathrm{d}A\right\rangle \quad "
             r"(\mathrm{d}A \text{ symmetric})",
             lambda A, C, dA: np.sum((_chol_inv(A).T @ tril_halved(_chol(A).T @ C) @ _chol_inv(A)) * dA),
             lambda A, C, dA: np.sum(symmetric_part(_chol_inv(A).T @ tril_halved(_chol(A).T @ C) @ _chol_inv(A)) * dA)),
    ],
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
             "i": "a row index", "j": "a column index", r"\Lambda": "the diagonal matrix of the eigenvalues",
             "W": "the skew-symmetric matrix VᵀdV", "v": "v_j, column j of V (an eigenvector)"},
    variables={"A": Matrix("n", "n", "distinct_eigenvalues")},
    conditions="Each eigenvector's largest-magnitude entry leads the next by at least 0.05 (the sampler redraws A otherwise), so that the sign fixed by that entry is a smooth function of A within a difference step.",
    prepare=clear_signs("A"),
    wrt=("A",),
    directions="symmetric",
    f=_eigenvectors,
    df=_eigenvector_differential,
    notes="Needs distinct eigenvalues: F blows up as two eigenvalues meet. Each eigenvector's sign is fixed "
          "(largest-magnitude entry positive) so that V is a differentiable function of A. The "
          "eigenvalues move by the diagonal of VᵀdA V, Cookbook (67); column by column, dV is Cookbook (68) "
          "(both below).",
    also=[Formula(r"\mathrm{d}\lambda = \operatorname{diag}(V^{\top}\mathrm{d}A\,V)", lambda D: D(_eigenvalues),
                  lambda A, dA: np.diag(_eigenvectors(A).T @ dA @ _eigenvectors(A))),
          Formula(r"\mathrm{d}v_{j} = (\lambda_{j}I - A)^{+}\mathrm{d}A\,v_{j}", lambda D: D(_eigenvectors),
                  lambda A, dA: (lambda w, V: np.column_stack([_gap_pinv(w[j] * np.eye(len(w)) - A) @ dA @ V[:, j]
                                                               for j in range(len(w))]))(
                      _eigenvalues(A), _eigenvectors(A)))],
    derivation=[
        Step(r"\mathrm{d}A\,V + A\,\mathrm{d}V = \mathrm{d}V\,\Lambda + V\,\mathrm{d}\Lambda",
             lambda A, dA, D: dA @ _eigenvectors(A) + A @ D(_eigenvectors),
             lambda A, D: D(_eigenvectors) @ np.diag(_eigenvalues(A)) + _eigenvectors(A) @ np.diag(D(_eigenvalues)),
             uses=["8CQG"]),
        Step(r"V^{\top}\mathrm{d}A\,V = W\Lambda - \Lambda W + \mathrm{d}\Lambda,\quad W = V^{\top}\mathrm{d}V",
             lambda A, dA: _eigenvectors(A).T @ dA @ _eigenvectors(A),
             lambda A, D: (lambda W, L: W @ L - L @ W + np.diag(D(_eigenvalues)))(
                 _eigenvectors(A).T @ D(_eigenvectors), np.diag(_eigenvalues(A)))),
        Step(r"W = F \circ (V^{\top}\mathrm{d}A\,V)", lambda A, D: _eigenvectors(A).T @ D(_eigenvectors),
             lambda A, dA: _inverse_gaps(A) * (_eigenvectors(A).T @ dA @ _eigenvectors(A))),
        Step(r"\Rightarrow\; \mathrm{d}V = VW = V\left(F \circ (V^{\top}\mathrm{d}A\,V)\right)", lambda D: D(_eigenvectors),
             lambda A, dA: _eigenvectors(A) @ (_inverse_gaps(A) * (_eigenvectors(A).T @ dA @ _eigenvectors(A)))),
    ],
    references=[ref("giles-2008", "eigenvalues and eigenvectors"),
                cookbook(68, note="all eigenvectors at once, in matrix form")],
    aliases=["eigenvector derivative matrix form", "eigendecomposition differential", "derivative of eigh",
             "backprop through eigendecomposition"],
)

Differential(
    id="57MY",
    title="Differential of the symmetric matrix square root",
    latex=r"X\,\mathrm{d}X + \mathrm{d}X\,X = \mathrm{d}A, \quad X = A^{1/2}",
    symbols={"X": "the symmetric positive definite square root of A", "V": "the orthogonal eigenvectors of A",
             "s": "s_i, the square root of the i-th eigenvalue of A", "i": "a row index", "j": "a column index"},
    variables={"A": Matrix("n", "n", "spd")},
    wrt=("A",),
    directions="symmetric",
    f=_sqrtm,
    df=_sqrtm_differential,
    notes="dX is the solution of a Sylvester equation, unique because X is positive definite; in the "
          "eigenbasis of A, with square roots sᵢ of its eigenvalues, it is a Hadamard quotient (the formula "
          "below). The check solves the equation through Kronecker products instead.",
    also=[Formula(r"(V^{\top}\mathrm{d}X\,V)_{ij} = \frac{(V^{\top}\mathrm{d}A\,V)_{ij}}{s_i + s_j}",
                  lambda A, D: np.linalg.eigh(A)[1].T @ D(_sqrtm) @ np.linalg.eigh(A)[1],
                  lambda A, dA: (lambda w, V: (V.T @ dA @ V) / (np.sqrt(w)[:, None] + np.sqrt(w)[None, :]))(
                      *np.linalg.eigh(A)))],
    derivation=[
        Step(r"\mathrm{d}A = \mathrm{d}(X X) = \mathrm{d}X\,X + X\,\mathrm{d}X", lambda dA: dA,
             lambda A, D: D(_sqrtm) @ _sqrtm(A) + _sqrtm(A) @ D(_sqrtm), uses=["8CQG"]),
        Step(r"\Leftrightarrow\; (I \otimes X + X^{\top} \otimes I)\operatorname{vec}(\mathrm{d}X) = \operatorname{vec}(\mathrm{d}A)",
             lambda A, D: (np.kron(np.eye(len(A)), _sqrtm(A)) + np.kron(_sqrtm(A).T, np.eye(len(A)))) @ vec(D(_sqrtm)),
             lambda dA: vec(dA), uses=["DMEZ"]),
        Step(r"\Rightarrow\; \mathrm{d}X = \operatorname{vec}^{-1}\left((I \otimes X + X^{\top} \otimes I)^{-1}"
             r"\operatorname{vec}(\mathrm{d}A)\right)", lambda D: D(_sqrtm), lambda A, dA: _sqrtm_differential(A, dA)),
    ],
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
    sketch="QᵀdQ is skew-symmetric (differentiate QᵀQ, which is I) and dR R⁻¹ is upper triangular, so the "
           "strictly lower part of C belongs to QᵀdQ, which fixes Ω (the derivation).",
    derivation=[
        Step(r"\mathrm{d}A = \mathrm{d}Q\,R + Q\,\mathrm{d}R", lambda dA: dA,
             lambda A, D: D(_q) @ _r(A) + _q(A) @ D(_r), uses=["8CQG"]),
        Step(r"C = Q^{\top}\mathrm{d}A\,R^{-1} = Q^{\top}\mathrm{d}Q + \mathrm{d}R\,R^{-1}",
             lambda A, dA: _q(A).T @ dA @ np.linalg.inv(_r(A)),
             lambda A, D: _q(A).T @ D(_q) + D(_r) @ np.linalg.inv(_r(A)), uses=["2ZM7"]),
        Step(r"Q^{\top}\mathrm{d}Q = \Omega", lambda A, D: _q(A).T @ D(_q), lambda A, dA: _omega(A, dA),
             uses=["N72P"]),
        Step(r"\Rightarrow\; \mathrm{d}R = (C - \Omega)R", lambda D: D(_r),
             lambda A, dA: (_q(A).T @ dA @ np.linalg.inv(_r(A)) - _omega(A, dA)) @ _r(A)),
    ],
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
    sketch="Solve the product rule for dQ and use the R-factor entry for dR R⁻¹ (the derivation).",
    derivation=[
        Step(r"\mathrm{d}A = \mathrm{d}Q\,R + Q\,\mathrm{d}R", lambda dA: dA,
             lambda A, D: D(_q) @ _r(A) + _q(A) @ D(_r), uses=["8CQG"]),
        Step(r"\Rightarrow\; \mathrm{d}Q = \mathrm{d}A\,R^{-1} - Q\,\mathrm{d}R\,R^{-1}", lambda D: D(_q),
             lambda A, dA, D: dA @ np.linalg.inv(_r(A)) - _q(A) @ D(_r) @ np.linalg.inv(_r(A)), uses=["2ZM7"]),
        Step(r"= \mathrm{d}A\,R^{-1} - Q(C - \Omega)",
             lambda A, dA, D: dA @ np.linalg.inv(_r(A)) - _q(A) @ D(_r) @ np.linalg.inv(_r(A)),
             lambda A, dA: dA @ np.linalg.inv(_r(A)) - _q(A) @ (_q(A).T @ dA @ np.linalg.inv(_r(A)) - _omega(A, dA)),
             uses=["592A"]),
    ],
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
    differential=(r"\mathrm{d}\sigma = \operatorname{diag}(U^{\top}\mathrm{d}A\,V)",
                  lambda A, dA: np.diag(_u(A).T @ dA @ _v(A))),
    notes="The signs of uᵢ and vᵢ cancel in the product. A zero or repeated singular value is not "
          "differentiable (as with |x| at 0).",
    derivation=[
        Step(r"\mathrm{d}\sigma_{i} = \mathrm{d}(u_{i}^{\top}A\,v_{i}) = \mathrm{d}u_{i}^{\top}A\,v_{i} + "
             r"u_{i}^{\top}\mathrm{d}A\,v_{i} + u_{i}^{\top}A\,\mathrm{d}v_{i}", lambda D: D(),
             lambda A, dA, D: np.diag(D(_u).T @ A @ _v(A)) + np.diag(_u(A).T @ dA @ _v(A))
             + np.diag(_u(A).T @ A @ D(_v)), uses=["8CQG"]),
        Step(r"= \sigma_{i}\,\mathrm{d}u_{i}^{\top}u_{i} + u_{i}^{\top}\mathrm{d}A\,v_{i} + \sigma_{i}\,v_{i}^{\top}\mathrm{d}v_{i}"
             r"\quad (A v_{i} = \sigma_{i}u_{i},\ A^{\top}u_{i} = \sigma_{i}v_{i})",
             lambda A, dA, D: np.diag(D(_u).T @ A @ _v(A)) + np.diag(_u(A).T @ dA @ _v(A))
             + np.diag(_u(A).T @ A @ D(_v)),
             lambda A, dA, D: _svd(A)[1] * np.sum(D(_u) * _u(A), axis=0) + np.diag(_u(A).T @ dA @ _v(A))
             + _svd(A)[1] * np.sum(_v(A) * D(_v), axis=0)),
        Step(r"= u_{i}^{\top}(\mathrm{d}A)\,v_{i} \quad (u_{i}^{\top}u_{i} \text{ and } v_{i}^{\top}v_{i} "
             r"\text{ are constant, so } u_{i}^{\top}\mathrm{d}u_{i} \text{ and } v_{i}^{\top}\mathrm{d}v_{i} \text{ vanish})",
             lambda A, dA, D: _svd(A)[1] * np.sum(D(_u) * _u(A), axis=0) + np.diag(_u(A).T @ dA @ _v(A))
             + _svd(A)[1] * np.sum(_v(A) * D(_v), axis=0),
             lambda A, dA: np.einsum("ji,jk,ki->i", _u(A), dA, _v(A))),
    ],
    references=[ref("giles-2008", "singular value decomposition")],
    aliases=["singular value derivative", "SVD derivative", "derivative of sigma", "singular value perturbation"],
)

Derivative(
    id="8R0X",
    title="Gradient of the spectral norm",
    latex=r"\frac{\partial \lVert A\rVert_{2}}{\partial A} = u_{1}v_{1}^{\top}",
    symbols={"u_1": "the left singular vector of the largest singular value",
             "v_1": "the right singular vector of the largest singular value",
             r"\sigma": "σ₁, the largest singular value of A", r"\lambda": "λ_max, the largest eigenvalue"},
    variables={"A": Matrix("m", "n", "full_column_rank")},
    conditions="The largest singular value is simple; the sampler spaces the singular values at least 0.3 apart.",
    prepare=_spaced_singular_values,
    wrt="A",
    layout="denominator",
    f=lambda A: np.linalg.norm(A, 2),
    claimed=_top_singular_pair,
    notes="The spectral norm is σ₁, the largest singular value (the formula below). Not differentiable where σ₁ "
          "is repeated; there u₁v₁ᵀ is one subgradient.",
    also=[Formula(r"\lVert A\rVert_{2} = \sigma_1 = \sqrt{\lambda_{\max}(A^{\top}A)}", lambda A: np.linalg.norm(A, 2),
                  lambda A: np.linalg.svd(A, compute_uv=False)[0], lambda A: np.sqrt(np.linalg.eigvalsh(A.T @ A)[-1]))],
    derivation=[
        Step(r"\mathrm{d}\lVert A\rVert_{2} = \mathrm{d}\sigma_1 = u_1^{\top}\mathrm{d}A\,v_1", lambda D: D(),
             lambda A, dA: _u(A)[:, 0] @ dA @ _v(A)[:, 0], uses=["UH0F"]),
        Step(r"= \operatorname{tr}(v_1u_1^{\top}\mathrm{d}A) = \operatorname{tr}\left((u_1v_1^{\top})^{\top}\mathrm{d}A\right)"
             r" \;\Rightarrow\; \frac{\partial \lVert A\rVert_{2}}{\partial A} = u_1v_1^{\top}",
             lambda A, dA: _u(A)[:, 0] @ dA @ _v(A)[:, 0], lambda A, dA: np.trace(np.outer(_v(A)[:, 0], _u(A)[:, 0]) @ dA),
             lambda A, dA: np.sum(np.outer(_u(A)[:, 0], _v(A)[:, 0]) * dA), uses=["GWJ1"]),
    ],
    references=[ref("giles-2008", "matrix norms")],
    aliases=["spectral norm derivative", "operator 2-norm gradient", "largest singular value gradient"],
)

Derivative(
    id="F7CX",
    title="Gradient of the nuclear norm",
    latex=r"\frac{\partial \lVert A\rVert_{*}}{\partial A} = UV^{\top}",
    symbols={"U": "the m × n matrix of left singular vectors (thin SVD)", "V": "the n × n matrix of right singular vectors",
             r"\sigma": "the singular values of A", "u": "u_i, the i-th left singular vector",
             "v": "v_i, the i-th right singular vector", "i": "an index, 1 to n"},
    variables={"A": Matrix("m", "n", "full_column_rank")},
    wrt="A",
    layout="denominator",
    f=lambda A: np.sum(np.linalg.svd(A, compute_uv=False)),
    claimed=lambda A: (lambda U, s, Vt: U @ Vt)(*np.linalg.svd(A, full_matrices=False)),
    notes="The nuclear norm is the sum of the singular values (the formula below). Needs full rank (no zero "
          "singular value); repeated nonzero singular values are fine here, since UVᵀ is then still unique. UVᵀ is "
          "the orthogonal polar factor of A.",
    also=[Formula(r"\lVert A\rVert_{*} = \sum_{i}\sigma_{i} = \operatorname{tr}\left((A^{\top}A)^{1/2}\right)",
                  lambda A: np.sum(np.linalg.svd(A, compute_uv=False)),
                  lambda A: np.sum(np.sqrt(np.linalg.eigvalsh(A.T @ A))))],
    derivation=[
        Step(r"\mathrm{d}\lVert A\rVert_{*} = \sum_{i}\mathrm{d}\sigma_{i} = \sum_{i}u_{i}^{\top}\mathrm{d}A\,v_{i}",
             lambda D: D(), lambda A, dA: np.sum(np.einsum("ji,jk,ki->i", _u(A), dA, _v(A))), uses=["UH0F", "9K5K"]),
        Step(r"= \operatorname{tr}(U^{\top}\mathrm{d}A\,V) = \operatorname{tr}(VU^{\top}\mathrm{d}A)",
             lambda A, dA: np.sum(np.einsum("ji,jk,ki->i", _u(A), dA, _v(A))),
             lambda A, dA: np.trace(_u(A).T @ dA @ _v(A)), lambda A, dA: np.trace(_v(A) @ _u(A).T @ dA),
             uses=["GWJ1"]),
        Step(r"= \operatorname{tr}\left((UV^{\top})^{\top}\mathrm{d}A\right) \;\Rightarrow\; "
             r"\frac{\partial \lVert A\rVert_{*}}{\partial A} = UV^{\top}",
             lambda A, dA: np.trace(_v(A) @ _u(A).T @ dA), lambda A, dA: np.sum((_u(A) @ _v(A).T) * dA)),
    ],
    references=[ref("giles-2008", "singular value decomposition")],
    aliases=["nuclear norm derivative", "trace norm gradient", "sum of singular values gradient"],
)
