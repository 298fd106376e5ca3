"""Derivatives of eigenvalues.

The Matrix Cookbook's §2.3, eqs. (67)–(68), for a real symmetric matrix with distinct eigenvalues (at a
repeated eigenvalue the ordered eigenvalues are not differentiable and the eigenvectors are not
determined), with the extreme eigenvalues, the spectral radius, the Hessian of the largest eigenvalue
and a simple eigenvalue of a non-symmetric matrix. Eqs. (65) and (66) restate the gradients of
tr X = Σ eig(X) and det X = Π eig(X): see those entries.
"""
import numpy as np

from identities import Change, Derivative, Differential, Erratum, Formula, Hessian, Matrix, Step, cookbook, ref
from identities.entries import clear_signs, fix_signs, gap_pinv as _gap_pinv


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
    # eigenvectors with unambiguous signs first (the shift keeps them), then the eigenvalues moved up
    values = clear_signs("A")(rng, values)
    values["A"] = values["A"] + 3.0 * np.eye(len(values["A"]))
    return values


def _simple_eigen_gradient(X):
    w, V = np.linalg.eig(X)
    wl, U = np.linalg.eig(X.T)
    v = V[:, np.argmax(w.real)].real
    u = U[:, np.argmax(wl.real)].real
    return np.outer(u, v) / (u @ v)


# Eigenpairs as differentiable functions of the matrix, for the derivations' D(...): each defined
# once, so that it is the same object on every call.
def _eigenvalues(A):
    return _eigenpairs(A)[0]


def _eigenvectors(A):
    return _eigenpairs(A)[1]


def _top_value(A):
    return _eigenpairs(A)[0][-1]


def _top_vector(A):
    return _eigenpairs(A)[1][:, -1]


def _A_top(A):
    return A @ _top_vector(A)


def _lambda_top(A):
    return _top_value(A) * _top_vector(A)


# The eigenvalue of largest magnitude, with its sign, and its unit eigenvector.
def _dominant(A):
    w = np.linalg.eigvals(A).real
    return w[np.argmax(np.abs(w))]


def _dominant_vector(A):
    w, V = np.linalg.eigh(A)
    return V[:, np.argmax(np.abs(w))]


# For symmetric A (the Hessian's symmetric directions): the top eigenvector, sign fixed, and vvᵀ.
def _top_vector_sym(A):
    return fix_signs(np.linalg.eigh(A)[1])[:, -1]


def _top_outer(A):
    v = np.linalg.eigh(A)[1][:, -1]
    return np.outer(v, v)


def _top_perturbation(A, dA):
    """Σ_{j<n} vⱼ (vⱼᵀ dA vₙ)/(λₙ − λⱼ), for the sign-fixed vₙ."""
    w, V = np.linalg.eigh(A)
    V = fix_signs(V)
    c = V[:, :-1].T @ dA @ V[:, -1] / (w[-1] - w[:-1])
    return V[:, :-1] @ c


def _top_hessian(A):
    # on symmetric directions: each vₙ ⊗ vⱼ enters through its symmetric part ½(vₙ ⊗ vⱼ + vⱼ ⊗ vₙ)
    w, V = np.linalg.eigh(A)
    sym = [(np.kron(V[:, -1], V[:, j]) + np.kron(V[:, j], V[:, -1])) / 2 for j in range(len(w) - 1)]
    return 2 * sum(np.outer(s, s) / (w[-1] - w[j]) for j, s in enumerate(sym))


def _vec(M):
    return M.reshape(-1, order="F")


# The right and left eigenvectors of the largest (simple, real) eigenvalue of a non-symmetric X:
# the right one of unit length with its largest-magnitude entry positive, a differentiable function of X.
def _right_top(X):
    w, V = np.linalg.eig(X)
    v = V[:, np.argmax(w.real)].real
    v = v / np.linalg.norm(v)
    return v * np.sign(v[np.argmax(np.abs(v))])


def _left_top(X):
    w, U = np.linalg.eig(X.T)
    return U[:, np.argmax(w.real)].real


def _largest_real(X):
    return np.max(np.linalg.eigvals(X).real)


def _X_right(X):
    return X @ _right_top(X)


def _lambda_right(X):
    return _largest_real(X) * _right_top(X)


def _quad(V, M, W):
    """The numbers vᵢᵀ M wᵢ, column by column."""
    return np.einsum("ji,jk,ki->i", V, M, W)


Differential(
    id="G96V",
    title="Differential of the eigenvalues of a symmetric matrix",
    latex=r"\mathrm{d}\lambda_{i} = v_{i}^{\top}(\mathrm{d}A)\,v_{i}",
    symbols={r"\lambda": "the eigenvalues of A in ascending order", "v": "the unit eigenvectors, A vᵢ = λᵢ vᵢ",
             "i": "an index, 1 to n", "V": "the orthogonal matrix of the eigenvectors vᵢ"},
    variables={"A": Matrix("n", "n", "distinct_eigenvalues")},
    conditions="Each eigenvector's largest-magnitude entry leads the next by at least 0.05 (the sampler redraws A otherwise), so that the sign fixed by that entry is a smooth function of A within a difference step.",
    prepare=clear_signs("A"),
    wrt=("A",),
    f=lambda A: _eigenpairs(A)[0],
    df=lambda A, dA: np.einsum("ji,jk,ki->i", np.linalg.eigh(A)[1], dA, np.linalg.eigh(A)[1]),
    differential=(r"\mathrm{d}\lambda = \operatorname{diag}(V^{\top}\mathrm{d}A\,V)",
                  lambda A, dA: np.diag(np.linalg.eigh(A)[1].T @ dA @ np.linalg.eigh(A)[1])),
    derivation=[
        Step(r"\mathrm{d}\lambda_{i} = \mathrm{d}\bigl(v_{i}^{\top}Av_{i}\bigr) = (\mathrm{d}v_{i})^{\top}Av_{i} + "
             r"v_{i}^{\top}(\mathrm{d}A)\,v_{i} + v_{i}^{\top}A\,\mathrm{d}v_{i}",
             lambda D: D(),
             lambda A, dA, D: (_quad(D(_eigenvectors), A, _eigenvectors(A)) + _quad(_eigenvectors(A), dA, _eigenvectors(A))
                               + _quad(_eigenvectors(A), A, D(_eigenvectors))),
             uses=["8CQG", "TBSX"]),
        Step(r"= v_{i}^{\top}(\mathrm{d}A)\,v_{i} + 2\lambda_{i}\,v_{i}^{\top}\mathrm{d}v_{i}",
             lambda A, dA, D: (_quad(D(_eigenvectors), A, _eigenvectors(A)) + _quad(_eigenvectors(A), dA, _eigenvectors(A))
                               + _quad(_eigenvectors(A), A, D(_eigenvectors))),
             lambda A, dA, D: (_quad(_eigenvectors(A), dA, _eigenvectors(A))
                               + 2 * _eigenvalues(A) * np.sum(_eigenvectors(A) * D(_eigenvectors), axis=0))),
        Step(r"= v_{i}^{\top}(\mathrm{d}A)\,v_{i}\quad\text{(the unit vector } v_{i} \text{ is orthogonal to its "
             r"differential)}",
             lambda A, dA, D: (_quad(_eigenvectors(A), dA, _eigenvectors(A))
                               + 2 * _eigenvalues(A) * np.sum(_eigenvectors(A) * D(_eigenvectors), axis=0)),
             lambda A, dA: _quad(_eigenvectors(A), dA, _eigenvectors(A))),
    ],
    notes="The check moves A along general, not only symmetric, directions: at a symmetric A the left and "
          "right eigenvectors coincide, so the formula holds for any real perturbation. With V the "
          "orthogonal matrix of eigenvectors, all n differentials are the diagonal of VᵀdA V. The "
          "derivation writes λᵢ as the quadratic form of its unit eigenvector and uses Avᵢ and vᵢᵀA, both "
          "λᵢ times vᵢ (or vᵢᵀ), for symmetric A.",
    errata=[Erratum(
        cookbook(67),
        "Cookbook (67) words its condition loosely ('λᵢ and vᵢ are distinct eigenvalues and eigenvectors "
        "of A'). What is needed: A real symmetric, λᵢ a simple eigenvalue (distinct from the others) and "
        "vᵢ of unit length. At a repeated eigenvalue the ordered eigenvalues are not differentiable and "
        "vᵢ is not determined, so vᵢᵀdA vᵢ depends on an arbitrary choice of basis; for a non-symmetric A "
        "the formula needs the left eigenvector as well (see H861).")],
    references=[cookbook(67, note="A real symmetric with distinct eigenvalues, vᵢ of unit length"),
                ref("giles-2008", "eigenvalues and eigenvectors")],
    aliases=["eigenvalue derivative", "eigenvalue perturbation", "Hellmann-Feynman", "first-order perturbation theory"],
)

Derivative(
    id="EPB9",
    title="Gradient of the largest eigenvalue of a symmetric matrix",
    latex=r"\frac{\partial \lambda_{\max}(A)}{\partial A} = vv^{\top}",
    symbols={r"\lambda": "the eigenvalue", "v": "the unit eigenvector of the largest eigenvalue"},
    variables={"A": Matrix("n", "n", "distinct_eigenvalues")},
    conditions="Each eigenvector's largest-magnitude entry leads the next by at least 0.05 (the sampler redraws A otherwise), so that the sign fixed by that entry is a smooth function of A within a difference step.",
    prepare=clear_signs("A"),
    wrt="A",
    layout="denominator",
    f=lambda A: np.max(np.linalg.eigvals(A).real),
    claimed=lambda A: np.outer(_top(A)[1], _top(A)[1]),
    differential=(r"\mathrm{d}\lambda_{\max} = v^{\top}\mathrm{d}A\,v", lambda A, dA: _top(A)[1] @ dA @ _top(A)[1]),
    derivation=[
        Step(r"\mathrm{d}\lambda_{\max} = v^{\top}(\mathrm{d}A)\,v",
             lambda D: D(), lambda A, dA: _top(A)[1] @ dA @ _top(A)[1], uses=["G96V"]),
        Step(r"= \operatorname{tr}\bigl((vv^{\top})^{\top}\mathrm{d}A\bigr) \;\Rightarrow\; "
             r"\frac{\partial \lambda_{\max}(A)}{\partial A} = vv^{\top}",
             lambda A, dA: _top(A)[1] @ dA @ _top(A)[1], lambda A, dA: np.sum(np.outer(_top(A)[1], _top(A)[1]) * dA)),
    ],
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
    conditions="Each eigenvector's largest-magnitude entry leads the next by at least 0.05 (the sampler redraws A otherwise), so that the sign fixed by that entry is a smooth function of A within a difference step.",
    prepare=clear_signs("A"),
    wrt="A",
    layout="denominator",
    f=lambda A: np.min(np.linalg.eigvals(A).real),
    claimed=lambda A: np.outer(np.linalg.eigh(A)[1][:, 0], np.linalg.eigh(A)[1][:, 0]),
    differential=(r"\mathrm{d}\lambda_{\min} = v^{\top}\mathrm{d}A\,v",
                  lambda A, dA: np.linalg.eigh(A)[1][:, 0] @ dA @ np.linalg.eigh(A)[1][:, 0]),
    derivation=[
        Step(r"\mathrm{d}\lambda_{\min} = v^{\top}(\mathrm{d}A)\,v",
             lambda D: D(), lambda A, dA: np.linalg.eigh(A)[1][:, 0] @ dA @ np.linalg.eigh(A)[1][:, 0], uses=["G96V"]),
        Step(r"= \operatorname{tr}\bigl((vv^{\top})^{\top}\mathrm{d}A\bigr) \;\Rightarrow\; "
             r"\frac{\partial \lambda_{\min}(A)}{\partial A} = vv^{\top}",
             lambda A, dA: np.linalg.eigh(A)[1][:, 0] @ dA @ np.linalg.eigh(A)[1][:, 0],
             lambda A, dA: np.sum(np.outer(np.linalg.eigh(A)[1][:, 0], np.linalg.eigh(A)[1][:, 0]) * dA)),
    ],
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
    also=[Formula(r"\rho(A) = \max_{i}\lvert\lambda_{i}\rvert = \lVert A\rVert_{2}",
                  lambda A: np.max(np.abs(np.linalg.eigvals(A))), lambda A: np.max(np.abs(np.linalg.eigvalsh(A))),
                  lambda A: np.linalg.norm(A, 2))],
    derivation=[
        Step(r"\mathrm{d}\rho = \mathrm{d}\lvert\lambda\rvert = \operatorname{sign}(\lambda)\,\mathrm{d}\lambda",
             lambda D: D(), lambda A, D: np.sign(_dominant(A)) * D(_dominant)),
        Step(r"= \operatorname{sign}(\lambda)\,v^{\top}(\mathrm{d}A)\,v",
             lambda A, D: np.sign(_dominant(A)) * D(_dominant),
             lambda A, dA: np.sign(_dominant(A)) * (_dominant_vector(A) @ dA @ _dominant_vector(A)), uses=["G96V"]),
        Step(r"= \operatorname{tr}\bigl((\operatorname{sign}(\lambda)\,vv^{\top})^{\top}\mathrm{d}A\bigr) \;\Rightarrow\; "
             r"\frac{\partial \rho(A)}{\partial A} = \operatorname{sign}(\lambda)\,vv^{\top}",
             lambda A, dA: np.sign(_dominant(A)) * (_dominant_vector(A) @ dA @ _dominant_vector(A)),
             lambda A, dA: np.sum(np.sign(_dominant(A)) * np.outer(_dominant_vector(A), _dominant_vector(A)) * dA)),
    ],
    notes="For symmetric A the spectral radius equals the spectral norm (shown below). Needs a unique "
          "eigenvalue of largest magnitude (λ and −λ both eigenvalues makes ρ non-differentiable).",
    references=[cookbook(67, note="applied to the eigenvalue of largest magnitude")],
    aliases=["spectral radius derivative", "spectral norm of symmetric matrix", "largest absolute eigenvalue"],
)

Differential(
    id="0WWA",
    title="Differential of the leading eigenvector of a symmetric matrix",
    latex=r"\mathrm{d}v = (\lambda I - A)^{+}(\mathrm{d}A)\,v",
    symbols={r"\lambda": "the largest eigenvalue of A (simple)", "v": "its unit eigenvector, sign fixed"},
    variables={"A": Matrix("n", "n", "distinct_eigenvalues")},
    conditions="Each eigenvector's largest-magnitude entry leads the next by at least 0.05 (the sampler redraws A otherwise), so that the sign fixed by that entry is a smooth function of A within a difference step.",
    prepare=clear_signs("A"),
    wrt=("A",),
    f=lambda A: _eigenpairs(A)[1][:, -1],
    df=lambda A, dA: (lambda w, V: _gap_pinv(w[-1] * np.eye(len(A)) - A) @ dA @ fix_signs(V)[:, -1])(
        *np.linalg.eigh(A)),
    derivation=[
        Step(r"\mathrm{d}(Av) = (\mathrm{d}A)\,v + A\,\mathrm{d}v = \mathrm{d}(\lambda v) = (\mathrm{d}\lambda)\,v + "
             r"\lambda\,\mathrm{d}v",
             lambda D: D(_A_top), lambda A, dA, D: dA @ _top_vector(A) + A @ D(_top_vector),
             lambda D: D(_lambda_top), lambda A, D: D(_top_value) * _top_vector(A) + _top_value(A) * D(_top_vector),
             uses=["8CQG", "8S7R"]),
        Step(r"(\lambda I - A)\,\mathrm{d}v = (\mathrm{d}A)\,v - (\mathrm{d}\lambda)\,v",
             lambda A, D: (_top_value(A) * np.eye(len(A)) - A) @ D(_top_vector),
             lambda A, dA, D: dA @ _top_vector(A) - D(_top_value) * _top_vector(A)),
        Step(r"\mathrm{d}v = (\lambda I - A)^{+}(\lambda I - A)\,\mathrm{d}v = (\lambda I - A)^{+}\bigl((\mathrm{d}A)\,v"
             r" - (\mathrm{d}\lambda)\,v\bigr) = (\lambda I - A)^{+}(\mathrm{d}A)\,v",
             lambda D: D(),
             lambda A, D: _gap_pinv(_top_value(A) * np.eye(len(A)) - A)
             @ (_top_value(A) * np.eye(len(A)) - A) @ D(_top_vector),
             lambda A, dA, D: _gap_pinv(_top_value(A) * np.eye(len(A)) - A)
             @ (dA @ _top_vector(A) - D(_top_value) * _top_vector(A)),
             lambda A, dA: _gap_pinv(_top_value(A) * np.eye(len(A)) - A) @ dA @ _top_vector(A)),
    ],
    notes="v is normalised to unit length, with its sign fixed (largest-magnitude entry positive) so that it "
          "is a differentiable function of A; dv is then orthogonal to v. The check perturbs A in general "
          "directions: at symmetric A the formula holds for any real dA. The same formula holds for every "
          "simple eigenvalue λᵢ and its eigenvector vᵢ. In the last step, (λI − A)⁺(λI − A) is the "
          "projector onto the complement of v, which leaves dv alone, and (λI − A)⁺ annihilates v.",
    errata=[Erratum(
        cookbook(68),
        "Cookbook (68) words its condition loosely; it needs A real symmetric, λᵢ simple (distinct from the "
        "other eigenvalues) and vᵢ of unit length, with a sign convention that makes vᵢ a function of A. "
        "For a repeated eigenvalue the eigenvector is not determined and has no derivative; for a "
        "non-symmetric A, (λᵢI − A)⁺ does not annihilate vᵢ and the formula fails.")],
    references=[cookbook(68, note="A real symmetric with distinct eigenvalues, vᵢ of unit length")],
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
    differential=(r"\mathrm{d}\lambda = \frac{u^{\top}\mathrm{d}X\,v}{u^{\top}v}",
                  lambda X, dX: _left_top(X) @ dX @ _right_top(X) / (_left_top(X) @ _right_top(X))),
    derivation=[
        Step(r"\mathrm{d}(Xv) = (\mathrm{d}X)\,v + X\,\mathrm{d}v = \mathrm{d}(\lambda v) = (\mathrm{d}\lambda)\,v + "
             r"\lambda\,\mathrm{d}v",
             lambda D: D(_X_right), lambda X, dX, D: dX @ _right_top(X) + X @ D(_right_top),
             lambda D: D(_lambda_right), lambda X, D: D() * _right_top(X) + _largest_real(X) * D(_right_top),
             uses=["8CQG", "8S7R"]),
        Step(r"u^{\top}(\mathrm{d}X)\,v = (\mathrm{d}\lambda)\,u^{\top}v\quad\text{(multiplying by } u^{\top}"
             r"\text{, the terms in } \mathrm{d}v \text{ cancel)}",
             lambda X, dX: _left_top(X) @ dX @ _right_top(X), lambda X, D: D() * (_left_top(X) @ _right_top(X))),
        Step(r"\mathrm{d}\lambda = \frac{u^{\top}\mathrm{d}X\,v}{u^{\top}v} = \operatorname{tr}\Bigl(\Bigl("
             r"\frac{uv^{\top}}{u^{\top}v}\Bigr)^{\top}\mathrm{d}X\Bigr) \;\Rightarrow\; \frac{\partial \lambda}"
             r"{\partial X} = \frac{uv^{\top}}{u^{\top}v}",
             lambda D: D(), lambda X, dX: _left_top(X) @ dX @ _right_top(X) / (_left_top(X) @ _right_top(X)),
             lambda X, dX: np.sum(_simple_eigen_gradient(X) * dX)),
    ],
    notes="The scaling of u and v cancels. For symmetric X the left and right eigenvectors coincide and "
          "this is vvᵀ (Cookbook (67)).",
    references=[ref("magnus-neudecker-2019", "Ch. 8, eigenvalues and eigenvectors"),
                ref("giles-2008", "eigenvalues and eigenvectors")],
    aliases=["eigenvalue derivative nonsymmetric", "left and right eigenvectors", "eigenvalue condition number"],
)

Hessian(
    id="WQ52",
    title="Hessian of the largest eigenvalue of a symmetric matrix",
    latex=r"\mathrm{d}^{2}\lambda_{n} = 2\sum_{j < n}\frac{(v_{j}^{\top}\mathrm{d}A\,v_{n})^{2}}{\lambda_{n} - \lambda_{j}},"
          r"\quad H = \frac{1}{2}\sum_{j < n}\frac{(v_{n}\otimes v_{j} + v_{j}\otimes v_{n})(v_{n}\otimes v_{j} + v_{j}\otimes v_{n})^{\top}}{\lambda_{n} - \lambda_{j}}",
    symbols={r"\lambda": "the eigenvalues of A, ascending (λₙ the largest)", "v": "the unit eigenvectors",
             "j": "an index", "H": "the Hessian with respect to vec A, along symmetric directions"},
    variables={"A": Matrix("n", "n", "distinct_eigenvalues")},
    conditions="The sampler adds 3I to A (eigenvalues shift, eigenvectors stay) so that A is far from "
               "singular and the second differences use a normal step.",
    prepare=_shift_positive,
    wrt="A",
    directions="symmetric",
    f=lambda A: np.linalg.eigvalsh(A)[-1],
    claimed=_top_hessian,
    also=[
        Formula(r"\mathrm{d}v_{n} = \sum_{j < n}v_{j}\,\frac{v_{j}^{\top}\mathrm{d}A\,v_{n}}{\lambda_{n} - \lambda_{j}}",
                lambda D: D(_top_vector_sym), lambda A, dA: _top_perturbation(A, dA), uses=["0WWA"]),
        Formula(r"\mathrm{d}^{2}\lambda_{n} = \operatorname{tr}\bigl(\mathrm{d}A\,\mathrm{d}(v_{n}v_{n}^{\top})\bigr) = "
                r"2\,v_{n}^{\top}\mathrm{d}A\,\mathrm{d}v_{n} = 2\sum_{j < n}\frac{(v_{j}^{\top}\mathrm{d}A\,v_{n})^{2}}"
                r"{\lambda_{n} - \lambda_{j}} = \operatorname{vec}(\mathrm{d}A)^{\top}H\operatorname{vec}(\mathrm{d}A)",
                lambda dA, D: np.sum(dA * D(_top_outer)),
                lambda A, dA, D: 2 * _top_vector_sym(A) @ dA @ D(_top_vector_sym),
                lambda A, dA: 2 * _top_vector_sym(A) @ dA @ _top_perturbation(A, dA),
                lambda A, dA: _vec(dA) @ _top_hessian(A) @ _vec(dA), uses=["EPB9", "8CQG"]),
    ],
    notes="Positive semidefinite on symmetric directions: λ_max is convex. The Hessian grows like 1/gap "
          "as the second eigenvalue approaches the first. Checked along symmetric perturbations only. "
          "The second differential (shown below) is the differential of the gradient vₙvₙᵀ along dA, with "
          "the differential of vₙ from second-order perturbation theory; each vⱼᵀdA vₙ is the inner "
          "product of vₙ ⊗ vⱼ with vec(dA), which gives the quadratic form of H.",
    references=[ref("magnus-neudecker-2019", "Ch. 8, eigenvalues and eigenvectors")],
    aliases=["second derivative of eigenvalue", "eigenvalue Hessian", "convexity of largest eigenvalue"],
    history=[Change("2026-12-02", "0.2.0", "H restated with the symmetric parts of vₙ ⊗ vⱼ",
                    "checked along symmetric directions, the Hessian is its restriction to symmetric matrices; "
                    "the former H had a part those directions never see, which the verifier now rejects")],
)
