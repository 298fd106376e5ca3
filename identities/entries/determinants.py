"""Derivatives of determinants.

The Matrix Cookbook's §2.1, eqs. (46)–(58): Jacobi's formula in its general, linear, square and
nonlinear forms, with the shapes and assumptions under which each printed formula holds. Also the
log-determinant of a symmetric positive definite matrix with its Hessian, and the small-ε expansion of
det(I + εA), whose Cookbook version (28) carries a spurious term.
"""
import numpy as np

from identities import Derivative, Equality, Hessian, Matrix, Scalar, cookbook, ref
from identities.entries import curve, curve_at_sample
from identities.symbolic import sp


# The cofactor matrix: entry (i, j) is ∂det X/∂X_ij by Laplace expansion along row i.
def _cofactors(X):
    n = len(X)
    out = np.empty_like(X)
    for i in range(n):
        for j in range(n):
            out[i, j] = (-1) ** (i + j) * np.linalg.det(np.delete(np.delete(X, i, axis=0), j, axis=1))
    return out


# The same matrix with its singular values raised to at least 0.5 (singular vectors kept), so that
# a product the claim inverts stays well conditioned.
def _lift(M):
    U, s, Vt = np.linalg.svd(M)
    return U @ np.diag(np.maximum(s, 0.5)) @ Vt


# XᵀAX well conditioned (tall X): A += X⁺ᵀ (M' − M) X⁺ changes XᵀAX from M to M', since X⁺X = I.
def _gram_lifted(symmetric):
    def prepare(rng, values):
        X, A = values["X"], values["A"]
        M = X.T @ A @ X
        if symmetric:
            w, Q = np.linalg.eigh(M)
            target = Q @ np.diag(np.sign(w) * np.maximum(np.abs(w), 0.5)) @ Q.T
        else:
            target = _lift(M)
        P = np.linalg.pinv(X)
        values["A"] = A + P.T @ (target - M) @ P
        if symmetric:
            values["A"] = (values["A"] + values["A"].T) / 2
        return values
    return prepare


# AXB well conditioned: X += A⁺ (N' − N) B⁺ moves AXB from N to N' (A A⁺ = I, B⁺B = I).
def _axb_lifted(rng, values):
    A, X, B = values["A"], values["X"], values["B"]
    N = A @ X @ B
    values["X"] = X + np.linalg.pinv(A) @ (_lift(N) - N) @ np.linalg.pinv(B)
    return values


def _integer_power(rng, values):
    values["k"] = np.float64(rng.choice([-2, -1, 2, 3]))
    return values


# Σ⁻¹ made exactly symmetric in floating point, as it is in exact arithmetic.
def _spd_inverse(S):
    inv = np.linalg.inv(S)
    return (inv + inv.T) / 2


def _taylor_det(A):
    # det(I + εA) = Σ_k e_k(λ) ε^k, with e_k the elementary symmetric functions of the eigenvalues;
    # np.poly gives the coefficients of det(tI − A) = Σ_k (−1)^k e_k t^(n−k)
    c = np.real(np.poly(A))
    return np.array([(-1) ** k * c[k] for k in range(3)])


Derivative(
    id="LFP1",
    title="Derivative of det Y(x) by a scalar (Jacobi's formula, general form)",
    latex=r"\frac{\partial \det Y}{\partial x} = \det(Y)\operatorname{tr}\left(Y^{-1}\frac{\partial Y}{\partial x}\right),"
          r"\quad Y = A + xB + x^{2}C",
    symbols={"Y": "a square matrix function of x; here the quadratic A + xB + x²C"},
    variables={"x": Scalar(), "A": Matrix("n", "n", "invertible"), "B": Matrix("n", "n", "square"),
               "C": Matrix("n", "n", "square")},
    conditions="Y(x) is invertible at the point of evaluation (the sampler shifts A so that Y(x) is a "
               "well-conditioned invertible matrix).",
    prepare=curve_at_sample,
    wrt="x",
    layout="numerator",
    f=lambda x, A, B, C: np.linalg.det(curve(x, A, B, C)),
    claimed=lambda x, A, B, C: np.linalg.det(curve(x, A, B, C))
    * np.trace(np.linalg.solve(curve(x, A, B, C), B + 2 * x * C)),
    notes="Any differentiable matrix function Y(x) works; a quadratic in x is the test case, so that "
          "∂Y/∂x = B + 2xC varies with x.",
    references=[cookbook(46)],
    aliases=["Jacobi's formula", "derivative of determinant of matrix function", "d det Y / dx"],
)

Equality(
    id="KWJD",
    title="Cofactor identity: Σₖ ∂det X/∂X_ik X_jk = δ_ij det X",
    latex=r"\sum_{k}\frac{\partial \det X}{\partial X_{ik}}X_{jk} = \delta_{ij}\det X",
    symbols={"i": "a row index", "j": "a row index", "k": "a summation index", r"\delta": "the Kronecker delta"},
    variables={"X": Matrix("n", "n", "square")},
    lhs=lambda X: _cofactors(X) @ X.T,
    rhs=lambda X: np.linalg.det(X) * np.eye(len(X)),
    notes="∂det X/∂X_ik is the (i, k) cofactor (Laplace expansion along row i), so in matrix form this "
          "reads (∂det X/∂X) Xᵀ = det(X) I, i.e. adj(X) X = det(X) I. It holds for singular X too. The "
          "Cookbook prints the same identity twice, as (47) and (50).",
    references=[cookbook(47), cookbook(50)],
    aliases=["cofactor expansion", "adjugate identity", "Laplace expansion", "adj(X) X = det(X) I"],
)

Hessian(
    id="5M23",
    title="Second derivative of det Y(x) by a scalar",
    latex=r"\frac{\partial^{2} \det Y}{\partial x^{2}} = \det(Y)\left[\operatorname{tr}\left(Y^{-1}"
          r"\frac{\partial^{2} Y}{\partial x^{2}}\right) + \operatorname{tr}\left(Y^{-1}\frac{\partial Y}{\partial x}"
          r"\right)^{2} - \operatorname{tr}\left(\left(Y^{-1}\frac{\partial Y}{\partial x}\right)^{2}\right)\right],"
          r"\quad Y = A + xB + x^{2}C",
    symbols={"Y": "a square matrix function of x; here the quadratic A + xB + x²C"},
    variables={"x": Scalar(), "A": Matrix("n", "n", "invertible"), "B": Matrix("n", "n", "square"),
               "C": Matrix("n", "n", "square")},
    conditions="Y(x) is invertible at the point of evaluation (the sampler shifts A so that Y(x) is a "
               "well-conditioned invertible matrix).",
    prepare=curve_at_sample,
    wrt="x",
    f=lambda x, A, B, C: np.linalg.det(curve(x, A, B, C)),
    claimed=lambda x, A, B, C: np.array([[
        np.linalg.det(curve(x, A, B, C)) * (
            np.trace(np.linalg.solve(curve(x, A, B, C), 2 * C))
            + np.trace(np.linalg.solve(curve(x, A, B, C), B + 2 * x * C)) ** 2
            - np.trace(np.linalg.matrix_power(np.linalg.solve(curve(x, A, B, C), B + 2 * x * C), 2)))]]),
    notes="Here ∂Y/∂x = B + 2xC and ∂²Y/∂x² = 2C. The Hessian of a function of one scalar is 1 × 1.",
    references=[cookbook(48)],
    aliases=["second derivative of determinant", "Hessian of det", "d2 det Y / dx2"],
)

Derivative(
    id="2GCY",
    title="Gradient of the determinant, det X",
    latex=r"\frac{\partial \det X}{\partial X} = \det(X)\,X^{-\top}",
    variables={"X": Matrix("n", "n", "invertible")},
    wrt="X",
    layout="denominator",
    f=lambda X: np.linalg.det(X),
    claimed=lambda X: np.linalg.det(X) * np.linalg.inv(X).T,
    other_layout=(r"\frac{\partial \det X}{\partial X} = \det(X)\,X^{-1}", lambda X: np.linalg.det(X) * np.linalg.inv(X)),
    differential=r"\mathrm{d}\det X = \det(X)\operatorname{tr}(X^{-1}\mathrm{d}X)",
    symbolic=lambda X: sp.Determinant(X),
    notes="det(X) X⁻ᵀ is the cofactor matrix, adj(X)ᵀ, which also gives the gradient at singular X. Since "
          "det X is the product of the eigenvalues, this is also the gradient of Π eig(X) (Cookbook (66)).",
    references=[cookbook(49), cookbook(66, note="the product of the eigenvalues is det X")],
    aliases=["derivative of determinant", "Jacobi's formula", "determinant gradient", "d det X / dX",
             "derivative of product of eigenvalues"],
)

Derivative(
    id="87WG",
    title="Gradient of det(AXB), square invertible factors (as printed)",
    latex=r"\frac{\partial \det(AXB)}{\partial X} = \det(AXB)\,X^{-\top}",
    variables={"A": Matrix("n", "n", "invertible"), "X": Matrix("n", "n", "invertible"),
               "B": Matrix("n", "n", "invertible")},
    wrt="X",
    layout="denominator",
    f=lambda A, X, B: np.linalg.det(A @ X @ B),
    claimed=lambda A, X, B: np.linalg.det(A @ X @ B) * np.linalg.inv(X).T,
    symbolic=lambda A, X, B: sp.Determinant(A * X * B),
    notes="With square factors det(AXB) = det(A) det(X) det(B), so only the det X factor varies. For "
          "rectangular A and B, use the general form det(AXB) Aᵀ(AXB)⁻ᵀBᵀ.",
    errata="Cookbook (51) states no shapes. X⁻ᵀ exists only for square invertible X, which forces A and "
           "B square as well; when A is k × m and B is n × k with X m × n rectangular (AXB still "
           "invertible) the gradient is det(AXB) Aᵀ(AXB)⁻ᵀBᵀ, a separate entry.",
    references=[cookbook(51, note="holds as printed only for square invertible X (and so square A, B)")],
    aliases=["determinant of product", "derivative of det AXB", "linear form determinant"],
)

Derivative(
    id="RMT1",
    title="Gradient of det(AXB), rectangular factors",
    latex=r"\frac{\partial \det(AXB)}{\partial X} = \det(AXB)\,A^{\top}(AXB)^{-\top}B^{\top}",
    variables={"A": Matrix("k", "m", "full_row_rank"), "X": Matrix("m", "n"),
               "B": Matrix("n", "k", "full_column_rank")},
    conditions="AXB (k × k) is invertible; the sampler adjusts X so that its singular values are at least 0.5.",
    prepare=_axb_lifted,
    wrt="X",
    layout="denominator",
    f=lambda A, X, B: np.linalg.det(A @ X @ B),
    claimed=lambda A, X, B: np.linalg.det(A @ X @ B) * A.T @ np.linalg.inv(A @ X @ B).T @ B.T,
    differential=r"\mathrm{d}\det(AXB) = \det(AXB)\operatorname{tr}((AXB)^{-1}A\,\mathrm{d}X\,B)",
    symbolic=lambda A, X, B: sp.Determinant(A * X * B),
    notes="Reduces to det(AXB) X⁻ᵀ (Cookbook (51)) when all three factors are square and invertible.",
    sketch="d det(M) = det(M) tr(M⁻¹ dM) with M = AXB and dM = A dX B; tr(M⁻¹A dX B) = "
               "tr(B M⁻¹ A dX), so the gradient is (B M⁻¹ A)ᵀ = Aᵀ M⁻ᵀ Bᵀ.",
    references=[cookbook(51, note="printed only for square X; this is the general form")],
    aliases=["determinant of product rectangular", "derivative of det AXB", "det of A X B gradient"],
)

Derivative(
    id="KLU2",
    title="Gradient of det(XᵀAX), X square",
    latex=r"\frac{\partial \det(X^{\top}AX)}{\partial X} = 2\det(X^{\top}AX)\,X^{-\top}",
    variables={"X": Matrix("n", "n", "invertible"), "A": Matrix("n", "n", "square")},
    wrt="X",
    layout="denominator",
    f=lambda X, A: np.linalg.det(X.T @ A @ X),
    claimed=lambda X, A: 2 * np.linalg.det(X.T @ A @ X) * np.linalg.inv(X).T,
    symbolic=lambda X, A: sp.Determinant(X.T * A * X),
    notes="For square X, det(XᵀAX) = det(A) det(X)², so A need not be symmetric or invertible.",
    references=[cookbook(52)],
    aliases=["square form determinant", "det X^T A X", "derivative of determinant of quadratic form"],
)

Derivative(
    id="6YQS",
    title="Gradient of det(XᵀAX), X tall, A symmetric",
    latex=r"\frac{\partial \det(X^{\top}AX)}{\partial X} = 2\det(X^{\top}AX)\,AX(X^{\top}AX)^{-1}",
    variables={"X": Matrix("m", "n", "full_column_rank"), "A": Matrix("m", "m", "symmetric")},
    conditions="XᵀAX is invertible; the sampler adjusts the symmetric A so that the eigenvalues of XᵀAX "
               "are at least 0.5 away from zero.",
    prepare=_gram_lifted(symmetric=True),
    wrt="X",
    layout="denominator",
    f=lambda X, A: np.linalg.det(X.T @ A @ X),
    claimed=lambda X, A: 2 * np.linalg.det(X.T @ A @ X) * A @ X @ np.linalg.inv(X.T @ A @ X),
    symbolic=lambda X, A: sp.Determinant(X.T * A * X),
    notes="Needs A symmetric; for general A use the two-term form. Also holds for square X, where it "
          "reduces to 2 det(XᵀAX) X⁻ᵀ.",
    references=[cookbook(53)],
    aliases=["det X^T A X rectangular", "determinant of Gram-type matrix", "square form determinant symmetric"],
)

Derivative(
    id="VB0H",
    title="Gradient of det(XᵀAX), X tall, A general",
    latex=r"\frac{\partial \det(X^{\top}AX)}{\partial X} = \det(X^{\top}AX)\left(AX(X^{\top}AX)^{-1}"
          r" + A^{\top}X(X^{\top}A^{\top}X)^{-1}\right)",
    variables={"X": Matrix("m", "n", "full_column_rank"), "A": Matrix("m", "m", "square")},
    conditions="XᵀAX is invertible; the sampler adjusts A so that the singular values of XᵀAX are at least 0.5.",
    prepare=_gram_lifted(symmetric=False),
    wrt="X",
    layout="denominator",
    f=lambda X, A: np.linalg.det(X.T @ A @ X),
    claimed=lambda X, A: np.linalg.det(X.T @ A @ X) * (
        A @ X @ np.linalg.inv(X.T @ A @ X) + A.T @ X @ np.linalg.inv(X.T @ A.T @ X)),
    differential=r"\mathrm{d}\det M = \det(M)\operatorname{tr}(M^{-1}(\mathrm{d}X^{\top}AX + X^{\top}A\,\mathrm{d}X)),"
                 r"\quad M = X^{\top}AX",
    symbols={"M": "the n × n matrix XᵀAX"},
    symbolic=lambda X, A: sp.Determinant(X.T * A * X),
    references=[cookbook(54)],
    aliases=["det X^T A X nonsymmetric", "determinant square form general A"],
)

Derivative(
    id="6DF3",
    title="Gradient of log det(XᵀX)",
    latex=r"\frac{\partial \log\det(X^{\top}X)}{\partial X} = 2(X^{+})^{\top}",
    variables={"X": Matrix("m", "n", "full_column_rank")},
    wrt="X",
    layout="denominator",
    f=lambda X: np.linalg.slogdet(X.T @ X)[1],
    claimed=lambda X: 2 * np.linalg.pinv(X).T,
    other_layout=(r"\frac{\partial \log\det(X^{\top}X)}{\partial X} = 2X^{+}", lambda X: 2 * np.linalg.pinv(X)),
    notes="X⁺ = (XᵀX)⁻¹Xᵀ for full column rank, so 2(X⁺)ᵀ = 2X(XᵀX)⁻¹.",
    errata="Cookbook (55) does not say that X must have full column rank; for a wide X, XᵀX is singular "
           "and log det(XᵀX) is undefined.",
    references=[cookbook(55, note="needs X of full column rank")],
    aliases=["log det X^T X", "pseudo-inverse gradient", "log determinant Gram matrix", "Moore-Penrose"],
)

Derivative(
    id="YKA3",
    title="Gradient of log det(XᵀX) with respect to X⁺",
    latex=r"\frac{\partial \log\det(X^{\top}X)}{\partial Y} = -2X^{\top}, \quad Y = X^{+}",
    symbols={"X": "Y⁺, the pseudo-inverse of Y, so that Y = X⁺ with X of full column rank"},
    variables={"Y": Matrix("n", "m", "full_row_rank")},
    wrt="Y",
    layout="denominator",
    f=lambda Y: np.linalg.slogdet(np.linalg.pinv(Y).T @ np.linalg.pinv(Y))[1],
    claimed=lambda Y: -2 * np.linalg.solve(Y @ Y.T, Y),
    notes="Reading: take Y = X⁺ as the free variable and X = Y⁺. Then XᵀX = (YYᵀ)⁻¹, so log det(XᵀX) = "
          "−log det(YYᵀ), whose gradient is −2(YYᵀ)⁻¹Y = −2(Y⁺)ᵀ = −2Xᵀ.",
    references=[cookbook(56, note="read as the derivative with respect to Y = X⁺ as a free variable")],
    aliases=["derivative with respect to pseudo-inverse", "log det X^T X by X+"],
)

Derivative(
    id="BJCG",
    title="Gradient of log |det X|",
    latex=r"\frac{\partial \log\lvert\det X\rvert}{\partial X} = X^{-\top}",
    variables={"X": Matrix("n", "n", "invertible")},
    wrt="X",
    layout="denominator",
    f=lambda X: np.linalg.slogdet(X)[1],
    claimed=lambda X: np.linalg.inv(X).T,
    other_layout=(r"\frac{\partial \log\lvert\det X\rvert}{\partial X} = X^{-1}", lambda X: np.linalg.inv(X)),
    differential=r"\mathrm{d}\log\lvert\det X\rvert = \operatorname{tr}(X^{-1}\mathrm{d}X)",
    notes="Valid for every invertible X, whatever the sign of det X; for det X > 0 it is the gradient of "
          "log det X.",
    references=[cookbook(57)],
    aliases=["log determinant gradient", "logdet", "derivative of log abs det", "log |X|"],
    # sympy 1.14 differentiates log(Determinant(X)) to 0: the cross-check records the disagreement
    symbolic=lambda X: sp.log(sp.Determinant(X)),
)

Derivative(
    id="EY6S",
    title="Gradient of det(Xᵏ)",
    latex=r"\frac{\partial \det(X^{k})}{\partial X} = k\det(X^{k})\,X^{-\top}",
    variables={"X": Matrix("n", "n", "invertible"), "k": Scalar()},
    conditions="k is an integer (the sampler draws one of −2, −1, 2, 3).",
    prepare=_integer_power,
    wrt="X",
    layout="denominator",
    f=lambda X, k: np.linalg.det(np.linalg.matrix_power(X, int(round(float(k))))),
    claimed=lambda X, k: k * np.linalg.det(X) ** k * np.linalg.inv(X).T,
    notes="det(Xᵏ) = det(X)ᵏ; negative k needs X invertible, which the formula needs anyway.",
    references=[cookbook(58)],
    aliases=["determinant of matrix power", "det X^k gradient"],
)

Derivative(
    id="HA18",
    title="Gradient of log det Σ for symmetric positive definite Σ",
    latex=r"\frac{\partial \log\det\Sigma}{\partial \Sigma} = \Sigma^{-1}",
    variables={"Sigma": Matrix("n", "n", "spd")},
    wrt="Sigma",
    layout="denominator",
    directions="symmetric",
    f=lambda Sigma: 2 * np.sum(np.log(np.diag(np.linalg.cholesky(Sigma)))),
    claimed=lambda Sigma: _spd_inverse(Sigma),
    differential=r"\mathrm{d}\log\det\Sigma = \operatorname{tr}(\Sigma^{-1}\mathrm{d}\Sigma)",
    notes="Checked along symmetric perturbations, the ones that keep Σ a covariance matrix; log det Σ is "
          "computed as 2 Σᵢ log Lᵢᵢ from the Cholesky factor. Σ⁻¹ is symmetric, so it is also the "
          "gradient consistent with the trace inner product on symmetric matrices (Srinivasan & Panda). "
          "The Cookbook's §2.8.2 form 2Σ⁻¹ − Σ⁻¹∘I is the derivative by the independent entries instead.",
    references=[cookbook(57, note="for Σ positive definite, log|det Σ| = log det Σ"),
                ref("srinivasan-panda-2023", "gradient on symmetric matrices")],
    aliases=["log det covariance", "logdet SPD", "Gaussian log-likelihood log determinant", "log det Sigma"],
)

Hessian(
    id="S464",
    title="Hessian of log det Σ for symmetric positive definite Σ",
    latex=r"\mathrm{d}^{2}\log\det\Sigma = -\operatorname{tr}(\Sigma^{-1}\mathrm{d}\Sigma\,\Sigma^{-1}\mathrm{d}\Sigma)"
          r" = -\operatorname{vec}(\mathrm{d}\Sigma)^{\top}(\Sigma^{-1}\otimes\Sigma^{-1})\operatorname{vec}(\mathrm{d}\Sigma)",
    variables={"Sigma": Matrix("n", "n", "spd")},
    wrt="Sigma",
    directions="symmetric",
    f=lambda Sigma: 2 * np.sum(np.log(np.diag(np.linalg.cholesky(Sigma)))),
    claimed=lambda Sigma: -np.kron(_spd_inverse(Sigma), _spd_inverse(Sigma)),
    notes="Along symmetric directions dΣ (vec stacks columns) the Hessian is −Σ⁻¹⊗Σ⁻¹, negative definite: "
          "log det is strictly concave on the positive definite cone. For a general invertible X and "
          "unrestricted dX the Hessian of log|det X| is −K(X⁻ᵀ⊗X⁻¹), with K the commutation matrix; "
          "for symmetric dΣ, K vec(dΣ) = vec(dΣ) and the two agree. This matrix (halved) is the Fisher "
          "information of a Gaussian covariance.",
    sketch="d log det Σ = tr(Σ⁻¹dΣ) and d(Σ⁻¹) = −Σ⁻¹dΣΣ⁻¹ give d² = −tr(Σ⁻¹dΣΣ⁻¹dΣ), and "
               "tr(AᵀB) = vec(A)ᵀvec(B) with vec(Σ⁻¹dΣΣ⁻¹) = (Σ⁻¹⊗Σ⁻¹)vec(dΣ).",
    references=[ref("magnus-neudecker-2019", "Ch. 10, second-order differentials and Hessian matrices")],
    aliases=["Hessian of log determinant", "concavity of log det", "second derivative logdet covariance",
             "Fisher information covariance"],
)

Equality(
    id="W13K",
    title="Second-order expansion of det(I + εA)",
    latex=r"\det(I + \varepsilon A) = 1 + \varepsilon\operatorname{tr}(A) + \frac{\varepsilon^{2}}{2}"
          r"\left(\operatorname{tr}(A)^{2} - \operatorname{tr}(A^{2})\right) + O(\varepsilon^{3})",
    symbols={r"\varepsilon": "a small scalar", "O": "order of the remainder"},
    variables={"A": Matrix("n", "n", "square")},
    lhs=_taylor_det,
    rhs=lambda A: np.array([1.0, np.trace(A), (np.trace(A) ** 2 - np.trace(A @ A)) / 2]),
    notes="The check compares the Taylor coefficients of orders 0, 1 and 2 of the polynomial "
          "ε ↦ det(I + εA), obtained from the characteristic polynomial of A, with 1, tr A and "
          "(tr(A)² − tr(A²))/2. The full polynomial is Σₖ eₖ(λ) εᵏ, ending in εⁿ det A.",
    errata="Cookbook (28) prints det(I + εA) ≅ 1 + det(A) + ε tr(A) + ½ε² tr(A)² − ½ε² tr(A²). The term "
           "det(A) does not belong there: det A enters the expansion only as the coefficient of εⁿ, so "
           "at ε = 0 the printed right side gives 1 + det(A) instead of det(I) = 1.",
    references=[cookbook(28, note="printed with a spurious det(A) term")],
    aliases=["determinant expansion", "det I plus epsilon A", "small perturbation of identity determinant"],
)
