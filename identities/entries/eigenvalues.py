"""Derivatives of eigenvalues.

The Matrix Cookbook's §2.3, eqs. (67)–(68), for a real symmetric matrix with distinct eigenvalues (at a
repeated eigenvalue the ordered eigenvalues are not differentiable and the eigenvectors are not
determined), with the extreme eigenvalues, the spectral radius, the Hessian of the largest eigenvalue
and a simple eigenvalue of a non-symmetric matrix. Eqs. (65) and (66) restate the gradients of
tr X = Σ eig(X) and det X = Π eig(X): see those entries.
"""
import numpy as np

from identities import Derivative, Differential, Hessian, Matrix, cookbook, ref
from identities.entries import fix_signs


# Real eigenpairs in ascending order. The matrix may be a slightly non-symmetric perturbation of a
# symmetric one: its eigenvalues stay real and simple, and eig's eigenvectors have unit norm.
def _eigenpairs(A):
    w, V = np.linalg.eig(A)
    order = np.argsort(w.real)
    return w.real[order], fix_signs(V.real[:, order])


def _top(A):
    w, V = np.linalg.eigh(A)
    return w[-1], V[:, -1]


# X = S D S⁻¹ with distinct, well-separated real eigenvalues and a well-conditioned eigenbasis S.
def _real_spectrum(rng, values):
    n = len(values["X"])
    Q1, _ = np.linalg.qr(rng.standard_normal((n, n)))
    Q2, _ = np.linalg.qr(rng.standard_normal((n, n)))
    S = Q1 @ np.diag(rng.uniform(0.5, 3.0, size=n)) @ Q2.T
    d = np.cumsum(rng.uniform(0.4, 1.0, size=n))
    values["X"] = S @ np.diag(d - d.mean()) @ np.linalg.inv(S)
    return values


# Negate A when needed, so that its eigenvalue of largest magnitude is negative.
def _dominant_negative(rng, values):
    w = np.linalg.eigvalsh(values["A"])
    if abs(w[-1]) > abs(w[0]):
        values["A"] = -values["A"]
    return values


def _shift_positive(rng, values):
    values["A"] = values["A"] + 3.0 * np.eye(len(values["A"]))
    return values


def _simple_eigen_gradient(X):
    w, V = np.linalg.eig(X)
    wl, U = np.linalg.eig(X.T)
    v = V[:, np.argmax(w.real)].real
    u = U[:, np.argmax(wl.real)].real
    return np.outer(u, v) / (u @ v)


Differential(
    id="G96V",
    title="Differential of the eigenvalues of a symmetric matrix",
    latex=r"\mathrm{d}\lambda_{i} = v_{i}^{\top}(\mathrm{d}A)\,v_{i}",
    symbols={r"\lambda": "the eigenvalues of A in ascending order", "v": "the unit eigenvectors, A vᵢ = λᵢ vᵢ",
             "i": "an index, 1 to n", "V": "the orthogonal matrix of the eigenvectors vᵢ"},
    variables={"A": Matrix("n", "n", "distinct_eigenvalues")},
    wrt=("A",),
    f=lambda A: _eigenpairs(A)[0],
    df=lambda A, dA: np.einsum("ji,jk,ki->i", np.linalg.eigh(A)[1], dA, np.linalg.eigh(A)[1]),
    differential=r"\mathrm{d}\lambda = \operatorname{diag}(V^{\top}\mathrm{d}A\,V)",
    notes="The check moves A along general, not only symmetric, directions: at a symmetric A the left and "
          "right eigenvectors coincide, so the formula holds for any real perturbation. With V the "
          "orthogonal matrix of eigenvectors, all n differentials are the diagonal of VᵀdA V.",
    errata="Cookbook (67) words its condition loosely ('λᵢ and vᵢ are distinct eigenvalues and "
           "eigenvectors of A'). What is needed: A real symmetric, λᵢ a simple eigenvalue (distinct from the "
           "others) and vᵢᵀvᵢ = 1. At a repeated eigenvalue the ordered eigenvalues are not differentiable "
           "and vᵢ is not determined, so vᵢᵀdA vᵢ depends on an arbitrary choice of basis; for a "
           "non-symmetric A the formula needs the left eigenvector, dλ = uᵀdA v / uᵀv.",
    references=[cookbook(67, note="A real symmetric with distinct eigenvalues, vᵢᵀvᵢ = 1"),
                ref("giles-2008", "eigenvalues and eigenvectors")],
    aliases=["eigenvalue derivative", "eigenvalue perturbation", "Hellmann-Feynman", "first-order perturbation theory"],
)

Derivative(
    id="EPB9",
    title="Gradient of the largest eigenvalue of a symmetric matrix",
    latex=r"\frac{\partial \lambda_{\max}(A)}{\partial A} = vv^{\top}",
    symbols={r"\lambda": "the eigenvalue", "v": "the unit eigenvector of the largest eigenvalue"},
    variables={"A": Matrix("n", "n", "distinct_eigenvalues")},
    wrt="A",
    layout="denominator",
    f=lambda A: np.max(np.linalg.eigvals(A).real),
    claimed=lambda A: np.outer(_top(A)[1], _top(A)[1]),
    differential=r"\mathrm{d}\lambda_{\max} = v^{\top}\mathrm{d}A\,v",
    notes="Needs the largest eigenvalue to be simple; at a multiple eigenvalue λ_max is convex but not "
          "differentiable, and vvᵀ is only one subgradient. The check perturbs A in general directions.",
    references=[cookbook(67, note="the case of the largest eigenvalue")],
    aliases=["largest eigenvalue gradient", "lambda max derivative", "top eigenvalue", "maximum eigenvalue"],
)

Derivative(
    id="A0A4",
    title="Gradient of the smallest eigenvalue of a symmetric matrix",
    latex=r"\frac{\partial \lambda_{\min}(A)}{\partial A} = vv^{\top}",
    symbols={r"\lambda": "the eigenvalue", "v": "the unit eigenvector of the smallest eigenvalue"},
    variables={"A": Matrix("n", "n", "distinct_eigenvalues")},
    wrt="A",
    layout="denominator",
    f=lambda A: np.min(np.linalg.eigvals(A).real),
    claimed=lambda A: np.outer(np.linalg.eigh(A)[1][:, 0], np.linalg.eigh(A)[1][:, 0]),
    differential=r"\mathrm{d}\lambda_{\min} = v^{\top}\mathrm{d}A\,v",
    notes="Needs the smallest eigenvalue to be simple. The check perturbs A in general directions.",
    references=[cookbook(67, note="the case of the smallest eigenvalue")],
    aliases=["smallest eigenvalue gradient", "lambda min derivative", "minimum eigenvalue"],
)

Derivative(
    id="SAYR",
    title="Gradient of the spectral radius of a symmetric matrix",
    latex=r"\frac{\partial \rho(A)}{\partial A} = \operatorname{sign}(\lambda)\,vv^{\top},"
          r"\quad \rho(A) = \max_{i}\lvert\lambda_{i}\rvert = \lVert A\rVert_{2}",
    symbols={r"\rho": "the spectral radius", r"\lambda": "the eigenvalue of largest magnitude (and the eigenvalues λᵢ)",
             "v": "its unit eigenvector", "i": "an index"},
    variables={"A": Matrix("n", "n", "distinct_eigenvalues")},
    conditions="The eigenvalue of largest magnitude is unique; the sampler negates A when needed so that it "
               "is negative (the positive case is the gradient of λ_max).",
    prepare=_dominant_negative,
    wrt="A",
    layout="denominator",
    f=lambda A: np.max(np.abs(np.linalg.eigvals(A))),
    claimed=lambda A: (lambda w, V: np.sign(w[np.argmax(np.abs(w))])
                       * np.outer(V[:, np.argmax(np.abs(w))], V[:, np.argmax(np.abs(w))]))(*np.linalg.eigh(A)),
    notes="For symmetric A the spectral radius equals the spectral norm. Needs a unique eigenvalue of "
          "largest magnitude (λ and −λ both eigenvalues makes ρ non-differentiable).",
    sketch="ρ(A) = |λ| for the eigenvalue λ of largest magnitude; d|λ| = sign(λ) dλ and dλ = vᵀdA v (67).",
    references=[cookbook(67, note="applied to the eigenvalue of largest magnitude")],
    aliases=["spectral radius derivative", "spectral norm of symmetric matrix", "largest absolute eigenvalue"],
)

Differential(
    id="0WWA",
    title="Differential of the leading eigenvector of a symmetric matrix",
    latex=r"\mathrm{d}v = (\lambda I - A)^{+}(\mathrm{d}A)\,v",
    symbols={r"\lambda": "the largest eigenvalue of A (simple)", "v": "its unit eigenvector, sign fixed"},
    variables={"A": Matrix("n", "n", "distinct_eigenvalues")},
    wrt=("A",),
    f=lambda A: _eigenpairs(A)[1][:, -1],
    df=lambda A, dA: (lambda w, V: np.linalg.pinv(w[-1] * np.eye(len(A)) - A) @ dA @ fix_signs(V)[:, -1])(
        *np.linalg.eigh(A)),
    notes="v is normalised to unit length, with its sign fixed (largest-magnitude entry positive) so that it "
          "is a differentiable function of A; dv is then orthogonal to v. The check perturbs A in general "
          "directions: at symmetric A the formula holds for any real dA. The same formula holds for every "
          "simple eigenvalue λᵢ and its eigenvector vᵢ.",
    errata="Cookbook (68) words its condition loosely; it needs A real symmetric, λᵢ simple (distinct from "
           "the other eigenvalues) and vᵢ of unit length, with a sign convention that makes vᵢ a function "
           "of A. For a repeated eigenvalue the eigenvector is not determined and has no derivative; for a "
           "non-symmetric A, (λᵢI − A)⁺ does not annihilate vᵢ and the formula fails.",
    references=[cookbook(68, note="A real symmetric with distinct eigenvalues, vᵢᵀvᵢ = 1")],
    aliases=["eigenvector derivative", "principal eigenvector perturbation", "derivative of top eigenvector", "PCA direction sensitivity"],
)

Derivative(
    id="H861",
    title="Gradient of a simple eigenvalue of a non-symmetric matrix",
    latex=r"\frac{\partial \lambda}{\partial X} = \frac{uv^{\top}}{u^{\top}v}",
    symbols={r"\lambda": "a simple real eigenvalue of X (here the largest)", "v": "a right eigenvector, Xv = λv",
             "u": "a left eigenvector, uᵀX = λuᵀ"},
    variables={"X": Matrix("n", "n", "square")},
    conditions="X has distinct real eigenvalues; the sampler builds X = S D S⁻¹ from a well-conditioned S "
               "and a diagonal D with entries at least 0.4 apart.",
    prepare=_real_spectrum,
    wrt="X",
    layout="denominator",
    f=lambda X: np.max(np.linalg.eigvals(X).real),
    claimed=_simple_eigen_gradient,
    differential=r"\mathrm{d}\lambda = \frac{u^{\top}\mathrm{d}X\,v}{u^{\top}v}",
    notes="The scaling of u and v cancels. For symmetric X, u = v and this is vvᵀ (Cookbook (67)).",
    sketch="Differentiate Xv = λv: dX v + X dv = dλ v + λ dv; multiply by uᵀ on the left, uᵀX = λuᵀ "
               "cancels the dv terms, leaving uᵀdX v = dλ uᵀv.",
    references=[ref("magnus-neudecker-2019", "Ch. 8, eigenvalues and eigenvectors"),
                ref("giles-2008", "eigenvalues and eigenvectors")],
    aliases=["eigenvalue derivative nonsymmetric", "left and right eigenvectors", "eigenvalue condition number"],
)

Hessian(
    id="WQ52",
    title="Hessian of the largest eigenvalue of a symmetric matrix",
    latex=r"\mathrm{d}^{2}\lambda_{n} = 2\sum_{j < n}\frac{(v_{j}^{\top}\mathrm{d}A\,v_{n})^{2}}{\lambda_{n} - \lambda_{j}},"
          r"\quad H = 2\sum_{j < n}\frac{(v_{n}\otimes v_{j})(v_{n}\otimes v_{j})^{\top}}{\lambda_{n} - \lambda_{j}}",
    symbols={r"\lambda": "the eigenvalues of A, ascending (λₙ the largest)", "v": "the unit eigenvectors",
             "j": "an index", "H": "the Hessian with respect to vec A, along symmetric directions"},
    variables={"A": Matrix("n", "n", "distinct_eigenvalues")},
    conditions="The sampler adds 3I to A (eigenvalues shift, eigenvectors stay) so that A is far from "
               "singular and the second differences use a normal step.",
    prepare=_shift_positive,
    wrt="A",
    directions="symmetric",
    f=lambda A: np.linalg.eigvalsh(A)[-1],
    claimed=lambda A: (lambda w, V: 2 * sum(np.outer(np.kron(V[:, -1], V[:, j]), np.kron(V[:, -1], V[:, j]))
                                             / (w[-1] - w[j]) for j in range(len(w) - 1)))(*np.linalg.eigh(A)),
    notes="Positive semidefinite on symmetric directions: λ_max is convex. The Hessian grows like 1/gap "
          "as the second eigenvalue approaches the first. Checked along symmetric perturbations only.",
    sketch="Second-order perturbation theory: dλₙ = vₙᵀdA vₙ and dvₙ = Σ_{j<n} vⱼ (vⱼᵀdA vₙ)/(λₙ − λⱼ); "
               "then d²λₙ = 2 vₙᵀdA dvₙ. With vⱼᵀdA vₙ = (vₙ⊗vⱼ)ᵀvec(dA) this is the quadratic form of H.",
    references=[ref("magnus-neudecker-2019", "Ch. 8, eigenvalues and eigenvectors")],
    aliases=["second derivative of eigenvalue", "eigenvalue Hessian", "convexity of largest eigenvalue"],
)
