"""Backpropagation rules: factorisations.

Forward (JVP) and reverse (VJP) rules of the matrix factorisations (Cholesky, QR, LU, symmetric and general
eigendecompositions, SVD), each pair checked both ways. Factors defined up to a sign are made unique first;
where a rule is undefined (repeated eigenvalues or singular values) its entry says so.
"""
import numpy as np

from identities import ADRule, Formula, Matrix, Step, ref
from identities.entries import clear_signs, fix_signs, spaced_singular_values, symmetric_part, tril_halved

inv = np.linalg.inv


# (L Lᵀ)⁻¹ B by two triangular solves with the factor, as LAPACK's potrs does
def _chol_solve(L, B):
    return np.linalg.solve(L.T, np.linalg.solve(L, B))


ADRule(
    id="E72H",
    title="Forward and reverse rules of the Cholesky factorisation",
    primitive="cholesky",
    latex=r"L = \operatorname{chol}(A), \quad A = LL^{\top}",
    symbols={r"\Phi": "takes the lower triangle and halves the diagonal",
             "P": "the lower-triangular matrix tril(LᵀL̄)", "S": "an auxiliary n × n matrix, not symmetric"},
    variables={"A": Matrix("n", "n", "spd")},
    wrt=("A",),
    outputs=("L",),
    f=lambda A: np.linalg.cholesky(A),
    jvp=(r"\dot{L} = L\,\Phi\bigl(L^{-1}\dot{A}L^{-\top}\bigr)",
         lambda L, dA: L @ tril_halved(inv(L) @ dA @ inv(L).T)),
    vjp=(r"\bar{A} = \tfrac{1}{2}\bigl(S + S^{\top}\bigr), \quad S = L^{-\top}\Phi\bigl(L^{\top}\bar{L}\bigr)L^{-1}",
         lambda L, L_bar: symmetric_part(inv(L).T @ tril_halved(L.T @ L_bar) @ inv(L))),
    crosswalk={"pytorch": "torch.linalg.cholesky",
               "pytorch_derivative": "linalg_cholesky_ex: self: cholesky_backward(grad, upper, L); "
                                     "L: cholesky_jvp(self_t, L, upper)",
               "jax": "jax.numpy.linalg.cholesky (jax.lax.linalg.cholesky; _cholesky_jvp_rule, the forward rule "
                      "here, reverse by transposition)"},
    also=[
        Formula(r"\bar{A} = \tfrac{1}{2}L^{-\top}\bigl(P + P^{\top} - I \circ P\bigr)L^{-1}, \quad "
                r"P = \operatorname{tril}\bigl(L^{\top}\bar{L}\bigr) \quad (\text{PyTorch})",
                lambda L, L_bar: symmetric_part(inv(L).T @ tril_halved(L.T @ L_bar) @ inv(L)),
                lambda L, L_bar: (lambda P: 0.5 * np.linalg.solve(L.T, np.linalg.solve(L.T, (P + P.T - np.diag(np.diag(P)))).T).T)(
                    np.tril(L.T @ L_bar))),
    ],
    notes="The input is symmetric positive definite: its tangents are symmetric, and the cotangent is the symmetric "
          "part of the matrix S, the gradient on the symmetric matrices. Only the lower triangle of L̄ matters. "
          "PyTorch writes the same matrix with two triangular solves instead of the inverses (the other formula on this page); JAX "
          "symmetrises its input first and transposes the forward rule.",
    references=[ref("murray-2016", "forward and reverse mode"), ref("giles-2008", "Cholesky factorisation")],
    related=["300S", "ZLJX", "YMUA", "2A12"],
    aliases=["cholesky backward", "vjp of cholesky", "jvp of cholesky", "gradient through cholesky",
             "cholesky reverse mode rule"],
)


ADRule(
    id="YMUA",
    title="Forward and reverse rules of the Cholesky solve",
    primitive="cholesky_solve",
    latex=r"X = (LL^{\top})^{-1}B",
    symbols={"G": "the n × n matrix PyTorch returns as L̄"},
    variables={"L": Matrix("n", "n", "lower_triangular"), "B": Matrix("n", "k")},
    wrt=("L", "B"),
    outputs=("X",),
    f=_chol_solve,
    jvp=(r"\dot{X} = (LL^{\top})^{-1}\bigl(\dot{B} - (\dot{L}L^{\top} + L\dot{L}^{\top})X\bigr)",
         lambda L, X, dL, dB: _chol_solve(L, dB - (dL @ L.T + L @ dL.T) @ X)),
    vjp=(r"\bar{B} = (LL^{\top})^{-1}\bar{X}, \quad "
         r"\bar{L} = -\operatorname{tril}\bigl((\bar{B}X^{\top} + X\bar{B}^{\top})L\bigr)",
         lambda L, X, X_bar: (lambda Bb: (-np.tril((Bb @ X.T + X @ Bb.T) @ L), Bb))(_chol_solve(L, X_bar))),
    crosswalk={"pytorch": "torch.cholesky_solve(B, L)",
               "pytorch_derivative": "cholesky_solve: self, input2: cholesky_solve_backward(grad, self, input2, result, "
                                     "upper, grad_input_mask); result: cholesky_solve_jvp(result, input2_p, input2_t, "
                                     "self_t, upper)",
               "jax": "jax.scipy.linalg.cho_solve((L, True), B) (two jax.lax.linalg.triangular_solve calls, differentiated "
                      "through their rules)"},
    also=[
        Formula(r"\langle \bar{X}, \dot{X}\rangle = \langle G, \dot{L}\rangle + \langle \bar{B}, \dot{B}\rangle, \quad "
                r"G = -(\bar{B}X^{\top} + X\bar{B}^{\top})L \quad (\text{PyTorch; for any } \dot{L})",
                lambda X_bar, D: np.sum(X_bar * D()),
                lambda L, X, X_bar, dL, dB: (lambda Bb: np.sum(-(Bb @ X.T + X @ Bb.T) @ L * dL) + np.sum(Bb * dB))(
                    _chol_solve(L, X_bar))),
    ],
    notes="L is a Cholesky factor: lower triangular and invertible (a positive diagonal is not needed for the rule). "
          "Its tangents are lower triangular and so is its cotangent. PyTorch returns the full matrix G, the gradient "
          "of the formula in a dense L (the other formula on this page, checked along perturbations of every entry); its lower "
          "triangle is the rule's L̄, and its strictly upper part, which the factorisation never reads, is what a "
          "caller must discard. The rule is the solve rule with the matrix LLᵀ and the chain rule through the product.",
    references=[ref("giles-2008", "matrix inverse product")],
    related=["YF7A", "E72H", "2A12"],
    aliases=["cholesky_solve backward", "vjp of cholesky solve", "gradient of cho_solve",
             "solve with a cholesky factor, reverse mode", "jvp of cholesky_solve"],
)


ADRule(
    id="2A12",
    title="Forward and reverse rules of the inverse from a Cholesky factor",
    primitive="cholesky_inverse",
    latex=r"Y = (LL^{\top})^{-1}",
    symbols={"G": "the n × n matrix PyTorch returns as L̄"},
    variables={"L": Matrix("n", "n", "lower_triangular")},
    wrt=("L",),
    outputs=("Y",),
    f=lambda L: _chol_solve(L, np.eye(len(L))),
    jvp=(r"\dot{Y} = -Y\bigl(\dot{L}L^{\top} + L\dot{L}^{\top}\bigr)Y",
         lambda L, Y, dL: -Y @ (dL @ L.T + L @ dL.T) @ Y),
    vjp=(r"\bar{L} = -\operatorname{tril}\bigl(Y(\bar{Y} + \bar{Y}^{\top})YL\bigr)",
         lambda L, Y, Y_bar: -np.tril(Y @ (Y_bar + Y_bar.T) @ Y @ L)),
    crosswalk={"pytorch": "torch.cholesky_inverse",
               "pytorch_derivative": "cholesky_inverse: self: cholesky_inverse_backward(grad, self, upper, result); "
                                     "result: cholesky_inverse_jvp(self_p, self_t, result, upper)",
               "jax": "none: jax has no cholesky_inverse; jax.scipy.linalg.cho_solve((L, True), I) computes it"},
    also=[
        Formula(r"\langle \bar{Y}, \dot{Y}\rangle = \langle G, \dot{L}\rangle, \quad G = -Y(\bar{Y} + \bar{Y}^{\top})YL "
                r"\quad (\text{PyTorch; for any } \dot{L})",
                lambda Y_bar, D: np.sum(Y_bar * D()),
                lambda Y, L, Y_bar, dL: np.sum(-Y @ (Y_bar + Y_bar.T) @ Y @ L * dL)),
    ],
    derivation=[
        Step(r"\dot{Y} = -Y\,\mathrm{d}(LL^{\top})\,Y", lambda D: D(),
             lambda L, Y, D: -Y @ D(lambda L: L @ L.T) @ Y, uses=["0B7G"]),
        Step(r"= -Y\bigl(\dot{L}L^{\top} + L\dot{L}^{\top}\bigr)Y", lambda L, Y, D: -Y @ D(lambda L: L @ L.T) @ Y,
             lambda L, Y, dL: -Y @ (dL @ L.T + L @ dL.T) @ Y, uses=["8CQG"]),
    ],
    notes="The inverse rule applied to the product LLᵀ. The tangents of L are lower triangular and so is its "
          "cotangent; PyTorch returns the full matrix G (the other formula on this page, checked along perturbations of every entry), whose "
          "lower triangle is the rule's L̄.",
    references=[ref("giles-2008", "matrix inverse")],
    related=["0B7G", "E72H", "YMUA", "9EGC", "R26T"],
    aliases=["cholesky_inverse backward", "vjp of cholesky inverse", "gradient of inverse from cholesky factor",
             "jvp of cholesky_inverse"],
)


# Thin QR with the diagonal of R made positive, so that Q and R are unique (and smooth in A).
def _qr(A):
    Q, R = np.linalg.qr(A)
    s = np.sign(np.diag(R))
    return Q * s, s[:, None] * R


def _qr_jvp(Q, R, dA):
    C = Q.T @ dA @ inv(R)
    low = np.tril(C, -1)
    U = C - (low - low.T)   # C − Ω
    return dA @ inv(R) - Q @ U, U @ R


def _qr_vjp(Q, R, Q_bar, R_bar):
    M = R_bar @ R.T - Q.T @ Q_bar
    N = np.triu(M) + np.triu(M, 1).T
    return (Q_bar + Q @ N) @ inv(R).T


ADRule(
    id="PWUV",
    title="Forward and reverse rules of the thin QR decomposition",
    primitive="qr",
    latex=r"(Q, R) = \operatorname{qr}(A), \quad A = QR",
    symbols={"C": "the n × n matrix QᵀȦR⁻¹", r"\Omega": "the skew-symmetric n × n matrix QᵀQ̇",
             "M": "an auxiliary n × n matrix", "N": "the symmetric matrix with the upper triangle of M"},
    variables={"A": Matrix("m", "n", "full_column_rank")},
    wrt=("A",),
    outputs=("Q", "R"),
    f=_qr,
    jvp=(r"\dot{R} = (C - \Omega)R, \quad \dot{Q} = \dot{A}R^{-1} - Q(C - \Omega), \quad "
         r"C = Q^{\top}\dot{A}R^{-1},\ \Omega = \operatorname{tril}_{-1}(C) - \operatorname{tril}_{-1}(C)^{\top}",
         lambda Q, R, dA: _qr_jvp(Q, R, dA)),
    vjp=(r"\bar{A} = \bigl(\bar{Q} + QN\bigr)R^{-\top}, \quad "
         r"N = \operatorname{triu}(M) + \operatorname{triu}(M)^{\top} - I \circ M,\ M = \bar{R}R^{\top} - Q^{\top}\bar{Q}",
         _qr_vjp),
    gauge="The thin QR factors are unique once the diagonal of R is positive: f multiplies each column of Q and row of "
          "R by the sign of that diagonal entry, which is then a smooth function of A. NumPy, PyTorch and JAX return "
          "LAPACK's Householder factors with whatever signs come out; the rule is the same for any fixed signs, so "
          "it applies to their factors unchanged. It needs full column rank (R invertible); for a wide A (more "
          "columns than rows) PyTorch and JAX use a different rule, and the complete QR (mode 'complete' with more "
          "rows than columns) is not differentiable in PyTorch.",
    crosswalk={"pytorch": "torch.linalg.qr (mode='reduced')",
               "pytorch_derivative": "linalg_qr: A: linalg_qr_backward(grad_Q, grad_R, Q, R, mode); "
                                     "Q, R: linalg_qr_jvp(A_t, Q, R, mode)",
               "jax": "jax.numpy.linalg.qr (mode='reduced'; jax.lax.linalg.qr, qr_jvp_rule through _thin_qr_jvp)"},
    notes="A is tall (more rows than columns) with full column rank. Ω is the strictly lower triangle of C minus its "
          "transpose: QᵀQ̇ is skew-symmetric and ṘR⁻¹ upper triangular, so the strictly lower part of C belongs to "
          "QᵀQ̇. In the reverse rule only the upper triangle of M is read; N copies it below the diagonal. PyTorch's "
          "linalg_qr_backward writes the same N as the upper triangle of M plus its conjugate transpose minus the "
          "diagonal, with a triangular solve for the factor R⁻ᵀ.",
    sketch="Differentiate the factorisation: QᵀȦR⁻¹ is QᵀQ̇ (skew-symmetric) plus ṘR⁻¹ (upper triangular), which splits C into "
           "Ω and C − Ω (592A, RGTQ). The reverse rule is the adjoint of that map: the inner product of the cotangents "
           "with the tangents, moved onto Ȧ by the cyclic property of the trace, with the skew part folded onto the "
           "upper triangle.",
    related=["592A", "RGTQ"],
    aliases=["qr backward", "vjp of qr", "gradient of qr decomposition", "jvp of qr", "backprop through qr"],
)


def _off_zero(prepare=None):
    """A sampler (`prepare`) for a symmetric ``A`` with eigenvalues at least 0.4 apart: shifted by a multiple of the
    identity (which keeps its eigenvectors and gaps) so that no eigenvalue lies within 0.2 of zero, because the
    verifier's difference step follows the smallest singular value; after ``prepare`` if one is given."""
    def shifted(rng, values):
        if prepare is not None:
            values = prepare(rng, values)
        A = values["A"]
        w = np.linalg.eigvalsh(A)
        k = int(np.argmin(np.abs(w)))
        if abs(w[k]) < 0.2:
            values["A"] = A + (0.2 * (1.0 if w[k] >= 0 else -1.0) - w[k]) * np.eye(len(A))
        return values
    return shifted


def _eigh(A):
    w, V = np.linalg.eigh(A)
    return w, fix_signs(V)


def _inverse_gaps(w):
    """F with F_ij = 1/(w_j − w_i) off the diagonal and 0 on it."""
    gaps = w[None, :] - w[:, None]
    return np.divide(1.0, gaps, out=np.zeros_like(gaps), where=~np.eye(len(w), dtype=bool))


def _eigh_jvp(w, V, dA):
    K = V.T @ dA @ V
    return np.diag(K).copy(), V @ (_inverse_gaps(w) * K)


def _eigh_vjp(w, V, w_bar, V_bar):
    K = V.T @ V_bar
    return V @ (np.diag(w_bar) + _inverse_gaps(w) * (K - K.T) / 2) @ V.T


ADRule(
    id="GWZV",
    title="Forward and reverse rules of the symmetric eigendecomposition",
    primitive="eigh",
    latex=r"(w, V) = \operatorname{eigh}(A), \quad A = V\operatorname{diag}(w)V^{\top}",
    symbols={"F": "the matrix of inverse eigenvalue gaps", "i": "a row index", "j": "a column index",
             "K": "an auxiliary n × n matrix, not symmetric"},
    variables={"A": Matrix("n", "n", "distinct_eigenvalues")},
    conditions="Each eigenvector's largest-magnitude entry leads the next by at least 0.05 (the sampler redraws A "
               "otherwise), so that the sign fixed by that entry is a smooth function of A within a difference step; "
               "A is then shifted by a multiple of the identity so that no eigenvalue lies within 0.2 of zero (the "
               "difference step follows the smallest singular value).",
    prepare=_off_zero(clear_signs("A")),
    wrt=("A",),
    outputs=("w", "V"),
    f=_eigh,
    jvp=(r"\dot{w} = \operatorname{diag}(V^{\top}\dot{A}V), \quad \dot{V} = V\bigl(F \circ (V^{\top}\dot{A}V)\bigr), "
         r"\quad F_{ij} = \frac{1}{w_{j} - w_{i}}\ (i \neq j),\ F_{ii} = 0",
         _eigh_jvp),
    vjp=(r"\bar{A} = V\Bigl(\operatorname{diag}(\bar{w}) + \tfrac{1}{2}F \circ \bigl(V^{\top}\bar{V} - \bar{V}^{\top}V\bigr)"
         r"\Bigr)V^{\top}",
         _eigh_vjp),
    gauge="Each eigenvector is defined up to its sign: f makes its largest-magnitude entry positive (the sampler keeps "
          "that entry clear of the next, so the choice is smooth). Flipping signs flips the matching columns of V̇ "
          "and V̄ and leaves Ā unchanged, so the rule holds for any fixed signs; LAPACK's (NumPy, PyTorch, JAX) are "
          "not fixed this way. The rule is undefined where two eigenvalues meet (F is infinite): PyTorch and JAX "
          "return infinities or NaNs there unless the cotangent of V is zero, or the loss depends on the invariant "
          "subspace only.",
    crosswalk={"pytorch": "torch.linalg.eigh",
               "pytorch_derivative": "_linalg_eigh: A: linalg_eig_backward(grads[0], grads[1], eigenvalues, "
                                     "eigenvectors, /*is_hermitian=*/true); eigenvalues, eigenvectors: "
                                     "linalg_eig_jvp(A_t, eigenvalues, eigenvectors, /*is_hermitian=*/true)",
               "jax": "jax.numpy.linalg.eigh (jax.lax.linalg.eigh; _eigh_jvp_rule, symmetrize_input=True)"},
    also=[
        Formula(r"\bar{A} = \tfrac{1}{2}\bigl(K + K^{\top}\bigr), \quad "
                r"K = V\bigl(\operatorname{diag}(\bar{w}) + F \circ (V^{\top}\bar{V})\bigr)V^{\top} \quad (\text{Giles})",
                _eigh_vjp,
                lambda w, V, w_bar, V_bar: symmetric_part(V @ (np.diag(w_bar) + _inverse_gaps(w) * (V.T @ V_bar)) @ V.T),
                uses=["P7FJ"]),
    ],
    notes="The eigenvalues come in ascending order, as LAPACK returns them. The tangents of A are symmetric and so is "
          "its cotangent: Giles' matrix K, the gradient for a general A, has the rule as its symmetric part (the other formula on this page), "
          "and the antisymmetric part of VᵀV̄ is what survives. PyTorch's linalg_eig_backward with is_hermitian takes "
          "that part explicitly, as the rule does.",
    references=[ref("giles-2008", "eigenvalues and eigenvectors")],
    related=["P7FJ", "M89F", "KCUJ"],
    aliases=["eigh backward", "vjp of eigh", "gradient of symmetric eigendecomposition", "jvp of eigh",
             "backprop through eigenvectors"],
)


def _eigenvectors(A):
    return np.linalg.eigh(A)[1]


ADRule(
    id="M89F",
    title="Forward and reverse rules of the eigenvalues of a symmetric matrix",
    primitive="eigvalsh",
    latex=r"w = \operatorname{eigvalsh}(A), \quad A = V\operatorname{diag}(w)V^{\top}",
    symbols={"V": "the orthogonal matrix of eigenvectors of A (any signs)"},
    variables={"A": Matrix("n", "n", "distinct_eigenvalues")},
    conditions="A is shifted by a multiple of the identity so that no eigenvalue lies within 0.2 of zero (the "
               "difference step follows the smallest singular value); the shift keeps the eigenvectors and the gaps.",
    prepare=_off_zero(),
    wrt=("A",),
    outputs=("w",),
    f=lambda A: np.linalg.eigvalsh(A),
    jvp=(r"\dot{w} = \operatorname{diag}(V^{\top}\dot{A}V)",
         lambda A, dA: (lambda V: np.einsum("ji,jk,ki->i", V, dA, V))(_eigenvectors(A))),
    vjp=(r"\bar{A} = V\operatorname{diag}(\bar{w})V^{\top}",
         lambda A, w_bar: (lambda V: (V * w_bar) @ V.T)(_eigenvectors(A))),
    gauge="The eigenvector signs cancel in both rules, so no sign is fixed. Needs distinct eigenvalues: where two "
          "meet, the sorted eigenvalues are not differentiable (their sum is); PyTorch and JAX then return one of the "
          "one-sided derivatives, whichever eigenvectors LAPACK gives.",
    crosswalk={"pytorch": "torch.linalg.eigvalsh",
               "pytorch_derivative": "none of its own: linalg_eigvalsh calls _linalg_eigh with compute_v when a "
                                     "gradient is needed, whose entry is linalg_eig_backward(grads[0], {}, ...) with "
                                     "is_hermitian=true",
               "jax": "jax.numpy.linalg.eigvalsh (through jax.lax.linalg.eigh and _eigh_jvp_rule)"},
    notes="The eigenvalues come in ascending order. The tangents of A are symmetric, and the cotangent is symmetric "
          "by construction. Each eigenvalue moves by the Rayleigh quotient of the tangent at its eigenvector.",
    references=[ref("giles-2008", "eigenvalues and eigenvectors")],
    related=["P7FJ", "GWZV"],
    aliases=["eigvalsh backward", "gradient of eigenvalues symmetric", "vjp of eigvalsh", "jvp of eigvalsh",
             "eigenvalue derivative reverse mode"],
)


def _svd(A):
    """Thin SVD with each pair's sign fixed (largest-magnitude entry of each row of Vᵀ positive)."""
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    sign = np.sign(Vt[np.arange(len(s)), np.argmax(np.abs(Vt), axis=1)])
    return U * sign, s, sign[:, None] * Vt


def _svd_gaps(s):
    """F with F_ij = 1/(s_j² − s_i²) off the diagonal and 0 on it."""
    return _inverse_gaps(s ** 2)


def _svd_jvp(A, U, S, Vh, dA):
    V = Vh.T
    P = U.T @ dA @ V
    F = _svd_gaps(S)
    dU = U @ (F * (P * S[None, :] + S[:, None] * P.T)) + (dA @ V - U @ P) / S[None, :]
    dV = V @ (F * (S[:, None] * P + P.T * S[None, :])) + (dA.T @ U - V @ P.T) / S[None, :]
    return dU, np.diag(P).copy(), dV.T


def _svd_vjp(A, U, S, Vh, U_bar, S_bar, Vh_bar):
    V, V_bar = Vh.T, Vh_bar.T
    F = _svd_gaps(S)
    J = F * (U.T @ U_bar - U_bar.T @ U)
    K = F * (V.T @ V_bar - V_bar.T @ V)
    core = U @ (J * S[None, :] + np.diag(S_bar) + S[:, None] * K) @ Vh
    left = (U_bar - U @ (U.T @ U_bar)) / S[None, :] @ Vh
    right = (U / S[None, :]) @ (V_bar.T - (V_bar.T @ V) @ Vh)
    return core + left + right


ADRule(
    id="YEMR",
    title="Forward and reverse rules of the thin singular value decomposition",
    primitive="svd",
    latex=r"(U, \sigma, V^{\top}) = \operatorname{svd}(A), \quad A = U\Sigma V^{\top},\ \Sigma = \operatorname{diag}(\sigma)",
    symbols={"V": "the n × k matrix of right singular vectors (Vᵀ is the output Vh)",
             r"\dot{V}": "the tangent of V (its transpose is the tangent of Vh)",
             r"\bar{V}": "the cotangent of V (its transpose is the cotangent of Vh)",
             r"\Sigma": "the diagonal matrix of the singular values", "P": "the k × k matrix UᵀȦV",
             "F": "the matrix of inverse gaps of the squared singular values", "i": "a row index",
             "j": "a column index", "J": "an auxiliary k × k matrix", "K": "an auxiliary k × k matrix"},
    variables={"A": Matrix("m", "n", "full_column_rank")},
    conditions="The singular values are distinct and nonzero: the sampler spaces them at least 0.3 apart (and at "
               "least 0.5), and keeps each right singular vector's largest-magnitude entry 0.05 clear of the next, "
               "so that the sign fixed by that entry is smooth within a difference step.",
    prepare=spaced_singular_values("A"),
    wrt=("A",),
    outputs=("U", "S", "Vh"),
    output_tex={"S": r"\sigma", "Vh": r"V^{\top}"},
    f=_svd,
    jvp=(r"\dot{\sigma} = \operatorname{diag}(P),\ "
         r"\dot{U} = U\bigl(F \circ (P\Sigma + \Sigma P^{\top})\bigr) + (I - UU^{\top})\dot{A}V\Sigma^{-1},\ "
         r"\dot{V} = V\bigl(F \circ (\Sigma P + P^{\top}\Sigma)\bigr) + (I - VV^{\top})\dot{A}^{\top}U\Sigma^{-1},"
         r"\quad P = U^{\top}\dot{A}V,\ F_{ij} = \frac{1}{\sigma_{j}^{2} - \sigma_{i}^{2}}\ (i \neq j),\ F_{ii} = 0",
         _svd_jvp),
    vjp=(r"\bar{A} = U\bigl(J\Sigma + \operatorname{diag}(\bar{\sigma}) + \Sigma K\bigr)V^{\top} "
         r"+ (I - UU^{\top})\bar{U}\Sigma^{-1}V^{\top} + U\Sigma^{-1}\bar{V}^{\top}(I - VV^{\top}),"
         r"\quad J = F \circ (U^{\top}\bar{U} - \bar{U}^{\top}U),\ K = F \circ (V^{\top}\bar{V} - \bar{V}^{\top}V)",
         _svd_vjp),
    gauge="Each pair of singular vectors is defined up to a joint sign: f makes the largest-magnitude entry of each "
          "right singular vector positive and flips the left one with it (the sampler keeps that entry clear of the "
          "next, so the choice is smooth). Flipping a pair flips the matching columns of U̇, V̇, Ū and V̄ and leaves "
          "Ā unchanged, so the rule holds for LAPACK's signs too. The rule is undefined where two singular values "
          "meet (F is infinite) or one is zero (Σ⁻¹): PyTorch's svd_backward returns infinities or NaNs there unless "
          "the loss is invariant to the choice of singular vectors, and for complex inputs it checks that the loss "
          "does not depend on their phases.",
    crosswalk={"pytorch": "torch.linalg.svd (full_matrices=False)",
               "pytorch_derivative": "_linalg_svd: A: svd_backward(grad_U, grad_S, grad_Vh, U, S, Vh) (narrowed when "
                                     "full_matrices); U, S, Vh: linalg_svd_jvp(A_t, U, S, Vh, full_matrices)",
               "jax": "jax.numpy.linalg.svd (full_matrices=False; jax.lax.linalg.svd, _svd_jvp_rule)"},
    notes="A is m × n with k singular values in descending order, k the smaller of m and n; the checked samples are tall (m > n), "
          "where V is square and the last term of each rule in V vanishes, but the rule as written holds for a wide "
          "A too. The terms with I − UUᵀ and I − VVᵀ are the parts of the tangents outside the spans of the singular "
          "vectors; PyTorch writes the reverse rule with the same terms, JAX transposes the forward rule.",
    references=[ref("townsend-2016", "the thin singular value decomposition"), ref("giles-2008", "singular value decomposition")],
    related=["UH0F", "8R0X", "F7CX", "MMJN", "GWZV"],
    aliases=["svd backward", "vjp of svd", "gradient of svd", "jvp of svd", "backprop through singular vectors"],
)


ADRule(
    id="MMJN",
    title="Forward and reverse rules of the singular values",
    primitive="svdvals",
    latex=r"\sigma = \operatorname{svdvals}(A), \quad A = U\operatorname{diag}(\sigma)V^{\top}",
    symbols={"U": "the m × k matrix of left singular vectors", "V": "the n × k matrix of right singular vectors"},
    variables={"A": Matrix("m", "n", "full_column_rank")},
    conditions="The singular values are distinct and nonzero; the sampler spaces them at least 0.3 apart.",
    prepare=spaced_singular_values("A"),
    wrt=("A",),
    outputs=("s",),
    output_tex={"s": r"\sigma"},
    f=lambda A: np.linalg.svd(A, compute_uv=False),
    jvp=(r"\dot{\sigma} = \operatorname{diag}(U^{\top}\dot{A}V)",
         lambda A, dA: (lambda U, s, Vt: np.einsum("ji,jk,ik->i", U, dA, Vt))(*np.linalg.svd(A, full_matrices=False))),
    vjp=(r"\bar{A} = U\operatorname{diag}(\bar{\sigma})V^{\top}",
         lambda A, s_bar: (lambda U, s, Vt: (U * s_bar) @ Vt)(*np.linalg.svd(A, full_matrices=False))),
    gauge="The signs of a pair of singular vectors cancel in both rules, so no sign is fixed. Needs distinct nonzero "
          "singular values: a zero one is not differentiable (like the absolute value at zero), and where two meet "
          "the sorted values are not; PyTorch and JAX return the formula at whatever singular vectors LAPACK gives.",
    crosswalk={"pytorch": "torch.linalg.svdvals",
               "pytorch_derivative": "none of its own: linalg_svdvals calls _linalg_svd with compute_uv when a "
                                     "gradient is needed, whose entry is svd_backward(grad_U, grad_S, grad_Vh, ...) with "
                                     "only grad_S defined",
               "jax": "jax.numpy.linalg.svdvals (jax.lax.linalg.svd with compute_uv=False; _svd_jvp_rule)"},
    notes="The singular values come in descending order, as many as the smaller of m and n; the checked samples are tall.",
    references=[ref("townsend-2016", "the singular values"), ref("giles-2008", "singular value decomposition")],
    related=["UH0F", "YEMR", "8R0X", "F7CX"],
    aliases=["svdvals backward", "gradient of singular values", "vjp of svdvals", "jvp of singular values",
             "singular value derivative reverse mode"],
)


def _lu_factor(A):
    """LU with partial pivoting, as LAPACK's getrf (and scipy.linalg.lu_factor): the unit lower factor below the
    diagonal and the upper factor on and above it, packed in one matrix; piv[k] is the row swapped with row k at
    step k (0-based, as SciPy; PyTorch's pivots are these plus one)."""
    a = np.array(A, dtype=float)
    n = len(a)
    piv = np.zeros(n, dtype=int)
    for k in range(n):
        p = k + int(np.argmax(np.abs(a[k:, k])))
        piv[k] = p
        if p != k:
            a[[k, p]] = a[[p, k]]
        a[k + 1:, k] /= a[k, k]
        a[k + 1:, k + 1:] -= np.outer(a[k + 1:, k], a[k, k + 1:])
    return a, piv


def _permutation(piv):
    """The row order of PA: the swaps of piv applied in turn."""
    perm = np.arange(len(piv))
    for k, p in enumerate(piv.astype(int)):
        perm[[k, p]] = perm[[p, k]]
    return perm


def _lu_parts(LU, piv):
    n = len(LU)
    L = np.tril(LU, -1) + np.eye(n)
    U = np.triu(LU)
    P = np.eye(n)[_permutation(piv)]
    return L, U, P


def _lu_jvp(LU, piv, dA):
    L, U, P = _lu_parts(LU, piv)
    F = np.linalg.solve(L, P @ dA) @ inv(U)
    return L @ np.tril(F, -1) + np.triu(F) @ U


def _lu_vjp(LU, piv, LU_bar):
    L, U, P = _lu_parts(LU, piv)
    inner = np.tril(L.T @ LU_bar, -1) + np.triu(LU_bar @ U.T)
    return P.T @ np.linalg.solve(L.T, inner) @ inv(U).T


def _pivot_margin(A):
    """The smallest lead, over the elimination steps, of the chosen pivot's magnitude over the next candidate's."""
    a = np.array(A, dtype=float)
    n = len(a)
    lead = np.inf
    for k in range(n - 1):
        mags = np.sort(np.abs(a[k:, k]))
        lead = min(lead, mags[-1] - mags[-2])
        p = k + int(np.argmax(np.abs(a[k:, k])))
        a[[k, p]] = a[[p, k]]
        a[k + 1:, k] /= a[k, k]
        a[k + 1:, k + 1:] -= np.outer(a[k + 1:, k], a[k, k + 1:])
    return lead


def _clear_pivots(rng, values):
    """A sampler (`prepare`): A redrawn (invertible, condition number at most 6) until each pivot leads the next
    candidate in its column by 0.05, so that the pivots cannot change within a difference step."""
    from identities.assumptions import VOCABULARY
    A = values["A"]
    for _ in range(100):
        if _pivot_margin(A) >= 0.05:
            break
        A = VOCABULARY["invertible"].generate(rng, A.shape)
    values["A"] = A
    return values


ADRule(
    id="C09U",
    title="Forward and reverse rules of the LU factorisation with partial pivoting",
    primitive="lu_factor",
    latex=r"(M, p) = \operatorname{lu\_factor}(A), \quad PA = LU,\ M = L + U - I",
    symbols={"L": "the unit lower-triangular factor (below the diagonal of M)",
             "U": "the upper-triangular factor (on and above the diagonal of M)",
             "P": "the permutation matrix of the row swaps p", "F": "the n × n matrix L⁻¹PȦU⁻¹",
             r"\bar{L}": "the cotangent of L (PyTorch's grad_L)", r"\bar{U}": "the cotangent of U (PyTorch's grad_U)"},
    variables={"A": Matrix("n", "n", "invertible")},
    conditions="Each pivot's magnitude leads the next candidate in its column by at least 0.05 (the sampler redraws "
               "A otherwise), so that the pivots are locally constant within a difference step.",
    prepare=_clear_pivots,
    wrt=("A",),
    outputs=("LU", "piv"),
    output_tex={"LU": "M", "piv": "p"},
    nondifferentiable=("piv",),
    f=_lu_factor,
    jvp=(r"\dot{M} = L\operatorname{tril}_{-1}(F) + \operatorname{triu}(F)U, \quad F = L^{-1}P\dot{A}U^{-1}",
         _lu_jvp),
    vjp=(r"\bar{A} = P^{\top}L^{-\top}\bigl(\operatorname{tril}_{-1}(L^{\top}\bar{M}) + "
         r"\operatorname{triu}(\bar{M}U^{\top})\bigr)U^{-\top}",
         _lu_vjp),
    gauge="The pivots are integers, locally constant where no two candidates for a pivot tie in magnitude; there "
          "they jump and the factors are discontinuous, and no rule applies. Frameworks differentiate the factors "
          "with the pivots of the point, as here.",
    crosswalk={"pytorch": "torch.linalg.lu_factor",
               "pytorch_derivative": "linalg_lu_factor_ex: A: lu_factor_ex_backward(grad, LU, pivots, pivot); "
                                     "LU: lu_factor_ex_jvp(A_t, LU, pivots, pivot); output_differentiability: "
                                     "[True, False, False]",
               "jax": "jax.scipy.linalg.lu_factor (jax.lax.linalg.lu; _lu_jvp_rule, De Hoog, Anderssen and Lukas)"},
    also=[
        Formula(r"\bar{A} = P^{\top}L^{-\top}\bigl(\operatorname{tril}_{-1}(L^{\top}\bar{L}) + "
                r"\operatorname{triu}(\bar{U}U^{\top})\bigr)U^{-\top}, \quad \bar{L} = \operatorname{tril}_{-1}(\bar{M}),"
                r"\ \bar{U} = \operatorname{triu}(\bar{M}) \quad (\text{PyTorch's linalg\_lu\_backward})",
                _lu_vjp,
                lambda LU, piv, LU_bar: (lambda L, U, P: P.T @ np.linalg.solve(
                    L.T, np.tril(L.T @ np.tril(LU_bar, -1), -1) + np.triu(np.triu(LU_bar) @ U.T)) @ inv(U).T)(
                    *_lu_parts(LU, piv))),
    ],
    notes="f is LAPACK's getrf written out in NumPy (NumPy has no LU): at each step the row with the largest entry "
          "in magnitude in the current column is swapped up. The pivots follow SciPy (row k swapped with row p of "
          "step k, counted from zero); PyTorch counts from one and writes the permutation on the other side (A as "
          "P L U), and the rule is the same. L⁻¹L̇ is strictly lower triangular and U̇U⁻¹ upper triangular, which "
          "splits F between them. PyTorch's backward splits the cotangent of M the same way first (the other formula on this page): its "
          "strictly lower part is the cotangent of L, the rest that of U.",
    sketch="Differentiate the factorisation of the permuted matrix with the pivots held: L̇U + LU̇ is PȦ, so F is "
           "L⁻¹L̇ plus U̇U⁻¹, a strictly lower plus an upper triangular matrix (De Hoog, Anderssen and Lukas 2011, "
           "as JAX's rule cites). The reverse rule is its adjoint.",
    related=["0B7G", "YF7A"],
    references=[ref("de-hoog-2011", "the LU factorisation, forward mode")],
    aliases=["lu backward", "vjp of lu_factor", "gradient of lu decomposition", "jvp of lu",
             "lu factorisation reverse mode"],
)


def _eigen_sample(rng, values):
    """A sampler (`prepare`): A = S diag(λ) S⁻¹ with real eigenvalues at least 0.4 apart and at least 0.5 from
    zero (the verifier's difference step follows the smallest singular value of A), unit eigenvectors whose
    largest-magnitude entry leads the next by 0.05, and S = Q(I + N) with Q orthogonal and N of spectral norm
    0.5, so that S is far from orthogonal yet well conditioned."""
    A = values["A"]
    n = len(A)
    for _ in range(200):
        Q = np.linalg.qr(rng.standard_normal((n, n)))[0]
        N = rng.standard_normal((n, n))
        S = Q @ (np.eye(n) + 0.5 * N / np.linalg.norm(N, 2))
        S = S / np.linalg.norm(S, axis=0)
        mags = np.sort(np.abs(S), axis=0)
        if np.all(mags[-1] - mags[-2] >= 0.05):
            break
    lam = 0.5 + np.cumsum(rng.uniform(0.4, 1.0, size=n)) - 0.4
    lam = lam * rng.choice([-1.0, 1.0], size=n)   # magnitudes stay distinct: the gaps stay at least 0.4
    values["A"] = S @ np.diag(lam) @ inv(S)
    return values


def _eig(A):
    """Real eigenvalues in ascending order, unit eigenvectors with the largest-magnitude entry positive."""
    w, V = np.linalg.eig(A)
    if np.iscomplexobj(w):
        raise ValueError("complex eigenvalues: outside the real case this rule states")
    order = np.argsort(w)
    w, V = w[order], V[:, order]
    return w, fix_signs(V / np.linalg.norm(V, axis=0))


def _eig_jvp(w, V, dA):
    C = np.linalg.solve(V, dA @ V)
    K = _inverse_gaps(w) * C
    return np.diag(C).copy(), V @ (K - np.diag(np.diag(V.T @ V @ K)))


def _eig_vjp(w, V, w_bar, V_bar):
    G = V.T @ V_bar
    inner = np.diag(w_bar) + _inverse_gaps(w) * (G - V.T @ V @ np.diag(np.diag(G)))
    return np.linalg.solve(V.T, inner @ V.T)


ADRule(
    id="KCUJ",
    title="Forward and reverse rules of the eigendecomposition of a general matrix",
    primitive="eig",
    latex=r"(w, V) = \operatorname{eig}(A), \quad AV = V\operatorname{diag}(w),\ \lVert v_{j}\rVert = 1",
    symbols={"v": "v_j, column j of V (an eigenvector)", "j": "a column index", "i": "a row index",
             "F": "the matrix of inverse eigenvalue gaps", "K": "the n × n matrix F ∘ (V⁻¹ȦV)",
             "G": "the n × n matrix VᵀV̄"},
    variables={"A": Matrix("n", "n", "square")},
    conditions="A is real with real eigenvalues at least 0.4 apart (and 0.5 from zero, which keeps the difference "
               "step, scaled by the smallest singular value, from shrinking): the sampler builds it as S diag(λ) S⁻¹ "
               "from well-conditioned, non-orthogonal unit eigenvectors S, each one's largest-magnitude entry 0.05 "
               "clear of the next, so that the sign fixed by that entry is smooth. Small real perturbations keep "
               "distinct real eigenvalues real.",
    prepare=_eigen_sample,
    wrt=("A",),
    outputs=("w", "V"),
    f=_eig,
    jvp=(r"\dot{w} = \operatorname{diag}(V^{-1}\dot{A}V), \quad \dot{V} = V\bigl(K - I \circ (V^{\top}VK)\bigr), "
         r"\quad K = F \circ (V^{-1}\dot{A}V),\ F_{ij} = \frac{1}{w_{j} - w_{i}}\ (i \neq j),\ F_{ii} = 0",
         _eig_jvp),
    vjp=(r"\bar{A} = V^{-\top}\Bigl(\operatorname{diag}(\bar{w}) + F \circ \bigl(G - V^{\top}V(I \circ G)\bigr)\Bigr)V^{\top},"
         r"\quad G = V^{\top}\bar{V}",
         _eig_vjp),
    gauge="An eigenvector of a general matrix is defined up to a scale factor. f takes LAPACK's normalisation (unit "
          "2-norm, as NumPy, PyTorch and JAX return it) and fixes the remaining sign by making the largest-magnitude "
          "entry positive; the term I ∘ (VᵀVK) keeps the norm at one, and the rule holds for any fixed signs. For "
          "complex eigenvectors the frameworks fix the phase as well (PyTorch: the imaginary part of the diagonal of "
          "VᴴV̇ is zero; JAX: the largest-magnitude component stays real), a case this real record cannot check. The "
          "rule is undefined where two eigenvalues meet (F is infinite) and where V is singular (A not "
          "diagonalisable).",
    crosswalk={"pytorch": "torch.linalg.eig (complex outputs; for a real A with real eigenvalues their real parts)",
               "pytorch_derivative": "linalg_eig: self: handle_r_to_c(self.scalar_type(), linalg_eig_backward(grads[0], "
                                     "grads[1], eigenvalues, eigenvectors, /*is_hermitian=*/false)); eigenvalues, "
                                     "eigenvectors: linalg_eig_jvp(self_t, eigenvalues, eigenvectors, "
                                     "/*is_hermitian=*/false)",
               "jax": "jax.numpy.linalg.eig (complex outputs; differentiating its eigenvectors raises "
                      "NotImplementedError, jax.lax.linalg.eig(a, enable_eigvec_derivs=True) opts in: eig_jvp_rule "
                      "with _eig_vec_jvp, the forward rule here)"},
    notes="Restricted to real matrices with real, distinct eigenvalues, sorted ascending: the verifier compares real "
          "arrays only, so a matrix with complex eigenvalues (where every framework returns complex arrays) is not "
          "checked here. PyTorch's linalg_eig_backward is this reverse rule with conjugate transposes and the real "
          "part of the diagonal of G; its handle_r_to_c keeps the real part of the cotangent for a real input. The "
          "eigenvalues alone have their own rule, without the gauge (F5W0).",
    references=[ref("giles-2008", "eigenvalues and eigenvectors",
                    note="Giles fixes the scale by a zero diagonal of V⁻¹V̇ instead of unit norm: the term I ∘ (VᵀVK) "
                         "is the difference")],
    related=["F5W0", "GWZV", "P7FJ"],
    aliases=["eig backward", "vjp of eig", "gradient of eigenvectors nonsymmetric", "jvp of eig",
             "general eigendecomposition reverse mode"],
)


ADRule(
    id="F5W0",
    title="Forward and reverse rules of the eigenvalues of a general matrix",
    primitive="eigvals",
    latex=r"w = \operatorname{eigvals}(A), \quad AV = V\operatorname{diag}(w)",
    symbols={"V": "the matrix of eigenvectors of A (any scaling)"},
    variables={"A": Matrix("n", "n", "square")},
    conditions="A is real with real eigenvalues at least 0.4 apart and 0.5 from zero: the sampler builds it as "
               "S diag(λ) S⁻¹ from well-conditioned, non-orthogonal eigenvectors S and spaced eigenvalues λ.",
    prepare=_eigen_sample,
    wrt=("A",),
    outputs=("w",),
    f=lambda A: _eig(A)[0],
    jvp=(r"\dot{w} = \operatorname{diag}(V^{-1}\dot{A}V)",
         lambda A, dA: (lambda V: np.diag(np.linalg.solve(V, dA @ V)).copy())(_eig(A)[1])),
    vjp=(r"\bar{A} = V^{-\top}\operatorname{diag}(\bar{w})V^{\top}",
         lambda A, w_bar: (lambda V: np.linalg.solve(V.T, w_bar[:, None] * V.T))(_eig(A)[1])),
    gauge="The scale of each eigenvector cancels between V⁻¹ and V, so no normalisation is needed: the rows of V⁻¹ "
          "are the left eigenvectors scaled to match. Needs distinct eigenvalues: where two meet they are not "
          "differentiable (and may turn complex).",
    crosswalk={"pytorch": "torch.linalg.eigvals (complex outputs; for a real A with real eigenvalues their real parts)",
               "pytorch_derivative": "none of its own: linalg_eigvals calls linalg_eig when a gradient is needed, "
                                     "whose entry is linalg_eig_backward(grads[0], {}, eigenvalues, eigenvectors, "
                                     "/*is_hermitian=*/false)",
               "jax": "jax.numpy.linalg.eigvals (jax.lax.linalg.eig without eigenvectors; eig_jvp_rule)"},
    notes="Restricted to real matrices with real, distinct eigenvalues, sorted ascending; the verifier compares real "
          "arrays only, so complex eigenvalues are not checked here. Each eigenvalue moves by the tangent between its "
          "left and right eigenvectors, normalised so that their inner product is one.",
    references=[ref("giles-2008", "eigenvalues and eigenvectors")],
    related=["KCUJ", "M89F"],
    aliases=["eigvals backward", "gradient of eigenvalues nonsymmetric", "vjp of eigvals", "jvp of eigvals",
             "eigenvalue derivative general matrix"],
)
