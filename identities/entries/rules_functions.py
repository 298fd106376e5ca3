"""Backpropagation rules: matrix functions and spectral norms.

Forward (JVP) and reverse (VJP) rules of the matrix exponential, square root and logarithm and of the
nuclear and spectral norms, each pair checked both ways.
"""
import numpy as np

from identities import ADRule, Formula, Matrix, Step, ref
from identities.entries import (expm, frechet_block, frechet_eig, frechet_quadrature, gauss_legendre, log_divided,
                                symmetric_part, sylvester, sym_function)


# --------------------------------------------------------------------------------------------
# Helpers

# the quadratures' nodes: the integrands are entire in s, and with ‖X‖ ≲ 6 thirty nodes leave an error far
# below rounding
_NODES = 30


def _power_quadrature(X, E):
    """∫₀¹ Xˢ E X¹⁻ˢ ds for symmetric positive definite X (Xˢ by eigh), by Gauss–Legendre quadrature."""
    nodes, weights = gauss_legendre(_NODES)
    w, V = np.linalg.eigh(X)
    P = np.stack([(V * w ** s) @ V.T for s in nodes])
    return np.einsum("k,kij,jl,klm->im", weights, P, E, P[::-1])


def _sqrt_quotients(X):
    """V and H with H_ij = 1/(s_i + s_j), s_i the square roots of the eigenvalues of X = V diag(λ) Vᵀ."""
    w, V = np.linalg.eigh(X)
    s = np.sqrt(w)
    return V, 1.0 / (s[:, None] + s[None, :])


def _log_jvp(X, dX):
    return frechet_eig(X, dX, log_divided)


def _svd(X):
    return np.linalg.svd(X, full_matrices=False)


def _spaced_top(rng, values):
    """A sampler (`prepare`): the largest singular value of X at least 0.3 above the next, the singular
    vectors and the other singular values of the Gaussian sample kept."""
    U, s, Vt = _svd(values["X"])
    s = s.copy()
    s[0] = s[1] + rng.uniform(0.3, 1.0)
    values["X"] = (U * s) @ Vt
    return values


# --------------------------------------------------------------------------------------------
# The matrix exponential

ADRule(
    id="TA4Y",
    title="Forward and reverse rules of the matrix exponential",
    primitive="matrix_exp",
    latex=r"Y = \exp(X)",
    variables={"X": Matrix("n", "n", "square")},
    wrt=("X",),
    outputs=("Y",),
    f=lambda X: expm(X),
    jvp=(r"\exp\begin{bmatrix} X & \dot{X} \\ 0 & X \end{bmatrix} = \begin{bmatrix} Y & \dot{Y} \\ 0 & Y \end{bmatrix}",
         lambda X, dX: frechet_block(X, dX)),
    vjp=(r"\exp\begin{bmatrix} X^{\top} & \bar{Y} \\ 0 & X^{\top} \end{bmatrix} = "
         r"\begin{bmatrix} Y^{\top} & \bar{X} \\ 0 & Y^{\top} \end{bmatrix}",
         lambda X, Y_bar: frechet_block(X.T, Y_bar)),
    symbols={"s": "the integration variable"},
    crosswalk={"pytorch": "torch.linalg.matrix_exp",
               "pytorch_derivative": "linalg_matrix_exp: self: linalg_matrix_exp_differential(self, grad, /*adjoint*/ true); "
                                     "result: linalg_matrix_exp_differential(self_p, self_t, /*adjoint*/ false), the "
                                     "upper-right block of matrix_exp([[A, G], [0, A]]) with A = self.mH() for the adjoint",
               "jax": "jax.scipy.linalg.expm (no rule of its own: JAX differentiates its Padé scaling-and-squaring "
                      "algorithm; jax.scipy.linalg.expm_frechet is that forward rule)"},
    also=[
        Formula(r"\dot{Y} = \int_{0}^{1}\exp(sX)\,\dot{X}\,\exp((1-s)X)\,\mathrm{d}s",
                lambda D: D(), lambda X, dX: frechet_quadrature(X, dX, _NODES), lambda X, dX: frechet_block(X, dX), uses=["ZCT0"]),
        Formula(r"\bar{X} = \int_{0}^{1}\exp(sX^{\top})\,\bar{Y}\,\exp((1-s)X^{\top})\,\mathrm{d}s",
                lambda X, Y_bar: frechet_block(X.T, Y_bar), lambda X, Y_bar: frechet_quadrature(X.T, Y_bar, _NODES)),
    ],
    notes="The forward rule is the Fréchet derivative of the exponential, read off the upper-right block of the "
          "exponential of a block upper-triangular matrix of twice the size; the reverse rule is the same map at the "
          "transpose of X, applied to the cotangent, because the adjoint of the Fréchet derivative of exp at X is its "
          "Fréchet derivative at the transpose. Both hold for every square X, with no condition on its spectrum. "
          "The derivative is exp(X) times the tangent only when the tangent commutes with X. The check computes the "
          "exponential by scaling and squaring with the [6/6] Padé approximant, and the integrals (the other formulas of this entry) by "
          "Gauss–Legendre quadrature. For complex inputs the frameworks use the conjugate transpose.",
    references=[ref("higham-2008", "ch. 3, the Fréchet derivative as a block of f([[X, E], [0, X]])"),
                ref("higham-2008", "ch. 10, Fréchet derivative of the exponential (integral representation)")],
    related=["ZCT0", "3HNP", "05QR", "FGG0"],
    aliases=["matrix exponential backward", "vjp of expm", "jvp of matrix_exp", "gradient of expm",
             "backpropagation through the matrix exponential"],
)


# --------------------------------------------------------------------------------------------
# The square root and the logarithm of a symmetric positive definite matrix

ADRule(
    id="HEZT",
    title="Forward and reverse rules of the matrix square root (symmetric positive definite X)",
    primitive="sqrtm",
    latex=r"Y = X^{1/2}",
    variables={"X": Matrix("n", "n", "spd")},
    wrt=("X",),
    outputs=("Y",),
    f=lambda X: sym_function(X, np.sqrt),
    jvp=(r"Y\dot{Y} + \dot{Y}Y = \dot{X}", lambda Y, dX: sylvester(Y, dX)),
    vjp=(r"Y\bar{X} + \bar{X}Y = \tfrac{1}{2}(\bar{Y} + \bar{Y}^{\top})",
         lambda Y, Y_bar: sylvester(Y, symmetric_part(Y_bar))),
    symbols={"V": "the orthogonal eigenvectors of X = V diag(λ) Vᵀ",
             "s": "s_i, the square root of the i-th eigenvalue of X (the eigenvalues of Y)",
             "H": "the matrix of the reciprocals 1/(s_i + s_j)", "i": "a row index", "j": "a column index"},
    crosswalk={"pytorch": "none: torch has no sqrtm (torch.linalg has no matrix square root; compose it from "
                          "torch.linalg.eigh, whose rule is the _linalg_eigh entry)",
               "pytorch_derivative": "none: no sqrtm entry in derivatives.yaml",
               "jax": "jax.scipy.linalg.sqrtm (general X, by the complex Schur form, CPU only; it is not "
                      "differentiable: the schur primitive has no JVP rule)"},
    also=[
        Formula(r"V^{\top}\dot{Y}V = H \circ (V^{\top}\dot{X}V), \quad H_{ij} = \frac{1}{s_i + s_j}",
                lambda X, Y, dX: (lambda V, H: V.T @ sylvester(Y, dX) @ V)(*_sqrt_quotients(X)),
                lambda X, dX: (lambda V, H: H * (V.T @ dX @ V))(*_sqrt_quotients(X)), uses=["57MY"]),
        Formula(r"V^{\top}\bar{X}V = H \circ \left(V^{\top}\tfrac{1}{2}(\bar{Y} + \bar{Y}^{\top})V\right)",
                lambda X, Y, Y_bar: (lambda V, H: V.T @ sylvester(Y, symmetric_part(Y_bar)) @ V)(*_sqrt_quotients(X)),
                lambda X, Y_bar: (lambda V, H: H * (V.T @ symmetric_part(Y_bar) @ V))(*_sqrt_quotients(X))),
    ],
    notes="Y is the symmetric positive definite square root, computed by eigh. The forward rule is a Sylvester "
          "equation, from differentiating the product of Y with itself; it has a unique solution because Y is "
          "positive definite, and in the eigenbasis of X it is a Hadamard quotient (the other formulas of this entry). The "
          "reverse rule is the transposed equation, which is the same equation since Y is symmetric, with the "
          "symmetric part of the cotangent on the right, so that the cotangent of the symmetric input is symmetric. "
          "The check solves both equations through Kronecker products. For a general X (no symmetry) the principal "
          "square root and its Sylvester equations are the same, with the transpose of Y in the reverse one, but "
          "this entry checks only the symmetric positive definite case.",
    references=[ref("higham-2008", "ch. 6, Fréchet derivative of the matrix square root")],
    related=["57MY"],
    aliases=["sqrtm backward", "vjp of sqrtm", "gradient of the matrix square root",
             "jvp of the matrix square root", "backpropagation through sqrtm"],
)

ADRule(
    id="7CAB",
    title="Forward and reverse rules of the matrix logarithm (symmetric positive definite X)",
    primitive="logm",
    latex=r"Y = \log X",
    variables={"X": Matrix("n", "n", "spd")},
    wrt=("X",),
    outputs=("Y",),
    f=lambda X: sym_function(X, np.log),
    jvp=(r"\dot{Y} = V\left(G \circ (V^{\top}\dot{X}V)\right)V^{\top}, \quad "
         r"G_{ij} = \frac{\log\lambda_i - \log\lambda_j}{\lambda_i - \lambda_j}, \; G_{ii} = \frac{1}{\lambda_i}",
         lambda X, dX: _log_jvp(X, dX)),
    vjp=(r"\bar{X} = V\left(G \circ \left(V^{\top}\tfrac{1}{2}(\bar{Y} + \bar{Y}^{\top})V\right)\right)V^{\top}",
         lambda X, Y_bar: _log_jvp(X, symmetric_part(Y_bar))),
    symbols={"V": "the orthogonal eigenvectors of X = V diag(λ) Vᵀ", r"\lambda": "the eigenvalues of X",
             "G": "the matrix of divided differences of log", "i": "a row index", "j": "a column index",
             "s": "the integration variable"},
    crosswalk={"pytorch": "none: torch has no logm (torch.linalg has no matrix logarithm; compose it from "
                          "torch.linalg.eigh, whose rule is the _linalg_eigh entry)",
               "pytorch_derivative": "none: no logm entry in derivatives.yaml",
               "jax": "none: jax.scipy.linalg has no logm (jax.scipy.linalg.funm, by the Schur form, is not "
                      "differentiable: the schur primitive has no JVP rule)"},
    also=[
        Formula(r"\dot{X} = \int_{0}^{1}X^{s}\,\dot{Y}\,X^{1-s}\,\mathrm{d}s",
                lambda dX: dX, lambda X, dX: _power_quadrature(X, _log_jvp(X, dX)), uses=["ZCT0"]),
    ],
    notes="Y is the principal logarithm, computed by eigh; this entry covers only symmetric positive definite X, "
          "where the logarithm is symmetric. The forward rule is the Daleckiĭ–Kreĭn formula with the divided "
          "differences of the logarithm (computed without cancellation when eigenvalues are close). G is symmetric, "
          "so the map is self-adjoint, and the reverse rule is the same map applied to the symmetric part of the "
          "cotangent, which makes the cotangent of the symmetric input symmetric. The other formula of this entry inverts it: "
          "the tangent of X is the derivative of the exponential at Y along the tangent of Y, with the powers of X "
          "for the exponentials of multiples of Y. For a general X the principal logarithm needs its spectrum off "
          "the closed negative real axis, and its derivative is the upper-right block of the logarithm of the "
          "block matrix with X on the diagonal; this entry does not check that case.",
    references=[ref("higham-2008", "ch. 3, Daleckiĭ–Kreĭn theorem (Fréchet derivative by divided differences)"),
                ref("higham-2008", "ch. 11, the matrix logarithm")],
    related=["LE5C", "2A4K", "QP9A", "3HNP"],
    aliases=["logm backward", "vjp of logm", "gradient of the matrix logarithm", "jvp of the matrix logarithm",
             "log-Euclidean backpropagation"],
)


# --------------------------------------------------------------------------------------------
# The nuclear and spectral norms

ADRule(
    id="L3YX",
    title="Forward and reverse rules of the nuclear norm",
    primitive="norm_nuc",
    latex=r"s = \lVert X\rVert_{*}",
    variables={"X": Matrix("m", "n", "full_column_rank")},
    wrt=("X",),
    outputs=("s",),
    f=lambda X: np.sum(np.linalg.svd(X, compute_uv=False)),
    jvp=(r"\dot{s} = \operatorname{tr}(U^{\top}\dot{X}V)",
         lambda X, dX: (lambda U, sv, Vt: np.trace(U.T @ dX @ Vt.T))(*_svd(X))),
    vjp=(r"\bar{X} = \bar{s}\,UV^{\top}", lambda X, s_bar: (lambda U, sv, Vt: s_bar * U @ Vt)(*_svd(X))),
    symbols={"U": "the m × n matrix of left singular vectors (thin SVD X = U diag(σ) Vᵀ)",
             "V": "the n × n matrix of right singular vectors", r"\sigma": "the singular values of X",
             "u": "u_i, the i-th left singular vector", "v": "v_i, the i-th right singular vector",
             "i": "an index, 1 to n", r"\dot{\sigma}": "σ̇_i, the tangent of the i-th singular value"},
    crosswalk={"pytorch": "torch.linalg.matrix_norm(X, ord='nuc')",
               "pytorch_derivative": "no entry of its own: the sum of linalg_svdvals, which differentiates through "
                                     "_linalg_svd: svd_backward(grad_U, grad_S, grad_Vh, U, S, Vh), which with only "
                                     "grad_S defined is U diag(grad_S) Vh",
               "jax": "jax.numpy.linalg.norm(X, ord='nuc') (the sum of svd(compute_uv=False); the svd JVP rule gives "
                      "ds = diag(Uᵀ dA V))"},
    derivation=[
        Step(r"\dot{s} = \sum_{i}\dot{\sigma}_{i} = \sum_{i}u_{i}^{\top}\dot{X}v_{i}", lambda D: D(),
             lambda X, dX: (lambda U, sv, Vt: np.einsum("ji,jk,ik->", U, dX, Vt))(*_svd(X)), uses=["UH0F"]),
        Step(r"= \operatorname{tr}(U^{\top}\dot{X}V)",
             lambda X, dX: (lambda U, sv, Vt: np.einsum("ji,jk,ik->", U, dX, Vt))(*_svd(X)),
             lambda X, dX: (lambda U, sv, Vt: np.sum((U @ Vt) * dX))(*_svd(X))),
    ],
    also=[
        Formula(r"\bar{X} = \bar{s}\,X(X^{\top}X)^{-1/2}",
                lambda X, s_bar: (lambda U, sv, Vt: s_bar * U @ Vt)(*_svd(X)),
                lambda X, s_bar: s_bar * X @ sym_function(X.T @ X, lambda w: 1 / np.sqrt(w))),
    ],
    notes="The nuclear norm is the sum of the singular values; the reverse rule is the forward one transposed by "
          "the cyclic property of the trace. UVᵀ is the orthogonal polar factor of X (the other formula of this entry), unique "
          "when X has full rank even if singular values repeat, and unchanged when a singular pair changes sign, so "
          "the rule needs no gauge. At a rank-deficient X the norm is not differentiable; UVᵀ with any orthonormal "
          "completion there is one subgradient.",
    references=[ref("giles-2008", "singular value decomposition", note="the nuclear norm as the sum of the singular values")],
    related=["F7CX", "XPEW", "UH0F"],
    aliases=["nuclear norm backward", "trace norm vjp", "vjp of the nuclear norm", "gradient of norm nuc",
             "jvp of the nuclear norm"],
)

ADRule(
    id="9SR0",
    title="Forward and reverse rules of the spectral norm",
    primitive="norm_2",
    latex=r"s = \lVert X\rVert_{2}",
    variables={"X": Matrix("m", "n")},
    conditions="The largest singular value of X is simple; the sampler places it at least 0.3 above the next.",
    prepare=_spaced_top,
    wrt=("X",),
    outputs=("s",),
    f=lambda X: np.linalg.norm(X, 2),
    jvp=(r"\dot{s} = u_{1}^{\top}\dot{X}v_{1}", lambda X, dX: (lambda U, sv, Vt: U[:, 0] @ dX @ Vt[0])(*_svd(X))),
    vjp=(r"\bar{X} = \bar{s}\,u_{1}v_{1}^{\top}",
         lambda X, s_bar: (lambda U, sv, Vt: s_bar * np.outer(U[:, 0], Vt[0]))(*_svd(X))),
    symbols={"u_1": "the left singular vector of the largest singular value",
             "v_1": "the right singular vector of the largest singular value",
             r"\sigma": "σ₁, the largest singular value of X",
             r"\dot{\sigma}": "σ̇₁, the tangent of the largest singular value"},
    crosswalk={"pytorch": "torch.linalg.matrix_norm(X, ord=2)",
               "pytorch_derivative": "no entry of its own: amax of linalg_svdvals; amax: scale_grad_by_count(...) "
                                     "(ties share the gradient equally), then _linalg_svd: svd_backward(...), which "
                                     "with only grad_S defined is U diag(grad_S) Vh",
               "jax": "jax.numpy.linalg.norm(X, ord=2) (the max of svd(compute_uv=False); max's JVP shares the "
                      "tangent equally among ties)"},
    derivation=[
        Step(r"\dot{s} = \dot{\sigma}_{1}", lambda D: D(),
             lambda X, D: D(lambda X: np.linalg.svd(X, compute_uv=False))[0]),
        Step(r"= u_{1}^{\top}\dot{X}v_{1}", lambda X, D: D(lambda X: np.linalg.svd(X, compute_uv=False))[0],
             lambda X, dX: (lambda U, sv, Vt: U[:, 0] @ dX @ Vt[0])(*_svd(X)), uses=["UH0F"]),
    ],
    notes="The spectral norm is the largest singular value σ₁. The singular vectors u₁ and v₁ are defined up to a "
          "common sign, which cancels in both rules, so the rule needs no gauge. Where σ₁ is repeated the norm is "
          "not differentiable: u₁v₁ᵀ for any unit pair of the repeated singular value is a subgradient, and the "
          "frameworks, which reduce with a maximum over the singular values, average the rank-one terms of the tied "
          "values.",
    references=[ref("giles-2008", "matrix norms")],
    related=["8R0X", "R8C0", "UH0F"],
    aliases=["spectral norm backward", "vjp of the spectral norm", "operator norm gradient", "jvp of norm 2",
             "largest singular value backward"],
)
