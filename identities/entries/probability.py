"""Statistics, probability and multivariate distributions.

The Matrix Cookbook's chapters 6 and 7, eqs. (303)–(345): moments (mean, covariance, third and fourth
moments), expectations of linear, quadratic and cubic forms, and the densities and moments of the
multivariate distributions (Cauchy, Dirichlet, multinomial, Student t, Wishart and inverse Wishart).

An identity that holds for every distribution is checked on a distribution on finitely many random
points, where an expectation is an exact finite sum: either the law with the stated mean and covariance
that the Expectation kind builds, or, where the claim needs the points themselves (third and fourth
moments, independent coordinates), points written out as the columns of a matrix X with probabilities p.
A density is checked by integrating it: over the plane in polar coordinates around its centre, or over
the positive definite matrices, by quadrature rules accurate far below the tolerance.
"""
import itertools
import math

import numpy as np

from identities import (Discrete, Equality, Erratum, Expectation, Formula, Inequality, Matrix, Scalar, Vector,
                        cookbook, ref)


def _section(where):
    """The Cookbook by section, for formulas it prints without an equation number."""
    return ref("matrix-cookbook-2012", where)


# --------------------------------------------------------------------------------------------
# A distribution on K points: x equals column k of X with probability p_k

LAW = r"\Pr(x = x_{k}) = p_{k},\; X = [x_{1}, \ldots, x_{K}]"
LAW_SYMBOLS = {"x": "the random vector", "x_1": "the first point (column 1 of X)",
               "k": "the index of the points", "m": "the mean of x"}


def _centred(X, p):
    """The points minus the mean, Xp, of the law."""
    return X - (X @ p)[:, None]


def _m3_tensor(X, p):
    """m⁽³⁾ᵢⱼₖ of (306): the third central moments of the coordinates, index by index."""
    Z = _centred(X, p)
    return np.einsum("iq,jq,kq,q->ijk", Z, Z, Z, p)


def _m4_tensor(X, p):
    """m⁽⁴⁾ᵢⱼₖₗ of (309)."""
    Z = _centred(X, p)
    return np.einsum("iq,jq,kq,lq,q->ijkl", Z, Z, Z, Z, p)


def _M3_slices(X, p):
    """M₃ of (307): the slices m⁽³⁾::ₖ side by side, k = 1 … n (an n × n² matrix)."""
    m3 = _m3_tensor(X, p)
    return np.concatenate([m3[:, :, k] for k in range(m3.shape[2])], axis=1)


def _M4_slices(X, p):
    """M₄ of (310): [m⁽⁴⁾::₁₁ … m⁽⁴⁾::ₙ₁ | m⁽⁴⁾::₁₂ … m⁽⁴⁾::ₙ₂ | … | m⁽⁴⁾::₁ₙ … m⁽⁴⁾::ₙₙ] (n × n³)."""
    m4 = _m4_tensor(X, p)
    n = m4.shape[0]
    return np.concatenate([m4[:, :, k, l] for l in range(n) for k in range(n)], axis=1)


def _expect_points(X, p, g):
    """Σₖ pₖ g(xₖ), point by point: the expectation of g(x) written out."""
    total = None
    for x, pk in zip(X.T, p):
        v = pk * np.asarray(g(x), dtype=float)
        total = v if total is None else total + v
    return total


def _cov_of_points(U, V, p):
    """Cov[u, v] for (u, v) equal to (column k of U, column k of V) with probability p_k, point by point."""
    mu, mv = U @ p, V @ p
    return _expect_points(np.vstack([U, V]), p, lambda w: np.outer(w[:len(mu)] - mu, w[len(mu):] - mv))


# --------------------------------------------------------------------------------------------
# Independent coordinates: a product law, every outcome enumerated

def _product_law(Z, P):
    """Coordinate i equals Z[i, k] with probability P[i, k], independently of the others: every joint
    outcome (rows of the returned points) with its probability."""
    n, K = Z.shape
    idx = np.array(list(itertools.product(range(K), repeat=n)))          # (K**n, n)
    rows = np.arange(n)
    return Z[rows, idx], np.prod(P[rows, idx], axis=1)


def _rows_probability(rng, v):
    P = np.abs(v["P"]) + 0.2
    return {**v, "P": P / P.sum(axis=1, keepdims=True)}


def _coordinate_moments(Z, P):
    """Per coordinate: the mean, the variance and the third central moment."""
    m = np.sum(P * Z, axis=1)
    C = Z - m[:, None]
    return m, np.sum(P * C ** 2, axis=1), np.sum(P * C ** 3, axis=1)


# --------------------------------------------------------------------------------------------
# Quadrature over the plane and over positive definite matrices

def _exp_sinh(h=0.1, T=4.5):
    """The double-exponential rule on (0, ∞): x = exp(π/2 sinh t), the trapezoid rule in t."""
    t = np.arange(-T, T + h / 2, h)
    x = np.exp(0.5 * np.pi * np.sinh(t))
    return x, h * x * 0.5 * np.pi * np.cosh(t)


def _tanh_sinh(h=0.1, T=3.2):
    """The double-exponential rule on (−1, 1): x = tanh(π/2 sinh t)."""
    t = np.arange(-T, T + h / 2, h)
    s = 0.5 * np.pi * np.sinh(t)
    return np.tanh(s), h * 0.5 * np.pi * np.cosh(t) / np.cosh(s) ** 2


def _space(centre, reach=4.5):
    """Nodes and weights for an integral over R^d, d = 1 or 2, in polar coordinates around ``centre``: the
    radius by the double-exponential rule on (0, ∞) (algebraic tails included), the angle by the
    trapezoid rule (spectrally accurate for a smooth periodic integrand). ∫ f ≈ Σ w f(points)."""
    centre = np.asarray(centre, dtype=float).reshape(-1)
    r, wr = _exp_sinh(0.1, reach)
    if centre.size == 1:
        return np.concatenate([centre + r, centre - r])[:, None], np.concatenate([wr, wr])
    if centre.size != 2:
        raise ValueError("the plane quadrature is for one or two dimensions")
    n_angle = 96
    th = 2 * np.pi * np.arange(n_angle) / n_angle
    om = np.stack([np.cos(th), np.sin(th)], axis=1)
    pts = centre + (r[:, None, None] * om[None]).reshape(-1, 2)
    w = np.repeat(wr * r, n_angle) * (2 * np.pi / n_angle)
    return pts, w


def _spd(P, scale, centre, width):
    """Nodes and weights for an integral over the P × P positive definite matrices, P = 1 or 2, with
    dM the product of the differentials of the independent entries. For P = 2 the coordinates are
    a = M₁₁ > 0, b = M₁₂ and s = M₂₂ − b²/a > 0 (the Schur complement; c = b²/a + s is a shear, so
    dM = da db ds); a and s by the double-exponential rule on (0, ∞) scaled by ``scale``, b by the
    Gauss–Hermite rule around centre(a, s) with width(a, s), exact where the integrand is a Gaussian
    in b times a polynomial. Returns the matrices, their determinants and inverses (from the coordinates,
    not by cancellation) and the weights."""
    x, w = _exp_sinh(0.08, 3.5)
    x, w = scale * x, scale * w
    if P == 1:
        M = x[:, None, None]
        return M, x, 1 / M, w
    v, wv = np.polynomial.hermite_e.hermegauss(6)
    wv = wv * np.exp(v ** 2 / 2)
    a, s = x[:, None, None], x[None, :, None]
    zero = np.zeros((len(x), len(x), len(v)))
    b = centre(a, s) + width(a, s) * v[None, None, :] + zero
    a, s = a + zero, s + zero
    c = b * b / a + s
    M = np.stack([np.stack([a, b], -1), np.stack([b, c], -1)], -2).reshape(-1, 2, 2)
    det = (a * s).reshape(-1)
    inv = np.stack([np.stack([c, -b], -1), np.stack([-b, a], -1)], -2).reshape(-1, 2, 2) / det[:, None, None]
    W = (w[:, None, None] * w[None, :, None] * wv[None, None, :] * width(a, s)).reshape(-1)
    return M, det, inv, W


def _log_mgamma(a, P):
    """log Γ_P(a) = log(π^{P(P−1)/4} ∏ₚ Γ(a − (p − 1)/2))."""
    return P * (P - 1) / 4 * math.log(math.pi) + sum(math.lgamma(a - (p - 1) / 2) for p in range(1, P + 1))


# --------------------------------------------------------------------------------------------
# The densities of chapter 7, as printed (vectorised over a stack of points)

def _quad(d, S):
    """dᵀS⁻¹d for each row d."""
    return np.einsum("ki,ij,kj->k", d, np.linalg.inv(S), d)


def cauchy_pdf(t, mu, Sigma):
    """(335): π^{−P/2} Γ((1+P)/2)/Γ(1/2) det(Σ)^{−1/2} / [1 + (t−μ)ᵀΣ⁻¹(t−μ)]^{(1+P)/2}."""
    t = np.atleast_2d(t)
    P = len(mu)
    return (math.pi ** (-P / 2) * math.gamma((1 + P) / 2) / math.gamma(0.5) * np.linalg.det(Sigma) ** -0.5
            * np.exp(-(1 + P) / 2 * np.log1p(_quad(t - mu, Sigma))))


def student_pdf(t, mu, Sigma, nu):
    """(337): (πν)^{−P/2} Γ((ν+P)/2)/Γ(ν/2) det(Σ)^{−1/2} / [1 + ν⁻¹(t−μ)ᵀΣ⁻¹(t−μ)]^{(ν+P)/2}."""
    t = np.atleast_2d(t)
    P = len(mu)
    nu = float(nu)
    log_c = -P / 2 * math.log(math.pi * nu) + math.lgamma((nu + P) / 2) - math.lgamma(nu / 2)
    return math.exp(log_c) * np.linalg.det(Sigma) ** -0.5 * np.exp(-(nu + P) / 2 * np.log1p(_quad(t - mu, Sigma) / nu))


def _matrix_t(T, M, Om, S, nu, printed=False):
    """The matrix t density of (341) at a stack of P × N matrices T; ``printed``: as the Cookbook prints it."""
    P, N = M.shape
    nu = float(nu)
    D = T - M
    inner = np.linalg.inv(Om) + np.einsum("kij,jl,kml->kim", D, np.linalg.inv(S), D)
    if printed:
        log_c = (-N * P / 2 * math.log(math.pi) + sum(math.lgamma((nu + P - p + 1) / 2) - math.lgamma((nu - p + 1) / 2)
                                                     for p in range(1, P + 1)) + math.log(nu))
        return (math.exp(log_c) * np.linalg.det(Om) ** (-nu / 2) * np.linalg.det(S) ** (-N / 2)
                * np.linalg.det(inner) ** (-(nu + P) / 2))
    log_c = -N * P / 2 * math.log(math.pi) + sum(math.lgamma((nu + N - p + 1) / 2) - math.lgamma((nu - p + 1) / 2)
                                                for p in range(1, P + 1))
    return (math.exp(log_c) * np.linalg.det(Om) ** (-nu / 2) * np.linalg.det(S) ** (-P / 2)
            * np.linalg.det(inner) ** (-(nu + N) / 2))


def _matrix_t_mass(M, Om, S, nu, printed=False):
    """∫ p(T) dT over R^{P×N} (PN ≤ 2), in polar coordinates around vec M."""
    pts, w = _space(M.reshape(-1), reach=3.0)    # radii to 7e6: beyond, the tail is below 1e-9
    T = pts.reshape(-1, *M.shape)
    return w @ _matrix_t(T, M, Om, S, nu, printed)


def wishart_pdf(M, det, S, m):
    """(342) at a stack of matrices (with their determinants)."""
    P = S.shape[0]
    log_c = -m * P / 2 * math.log(2) - _log_mgamma(m / 2, P) - m / 2 * math.log(np.linalg.det(S))
    return np.exp(log_c + (m - P - 1) / 2 * np.log(det) - 0.5 * np.einsum("ij,kji->k", np.linalg.inv(S), M))


def inverse_wishart_pdf(det, inv, S, m, exponent=None):
    """(344), corrected: det(M) to the power −(m + P + 1)/2 (``exponent`` overrides it)."""
    P = S.shape[0]
    e = -(m + P + 1) / 2 if exponent is None else exponent
    log_c = -m * P / 2 * math.log(2) - _log_mgamma(m / 2, P) + m / 2 * math.log(np.linalg.det(S))
    with np.errstate(under="ignore"):
        return np.exp(log_c + e * np.log(det) - 0.5 * np.einsum("ij,kji->k", S, inv))


def _wishart_nodes(S, m):
    """The rule of _spd fitted to the Wishart density: b Gaussian with centre −(Σ⁻¹)₁₂a/(Σ⁻¹)₂₂."""
    P = S.shape[0]
    Si = np.linalg.inv(S)
    return _spd(P, m * np.trace(S) / P, lambda a, s: -Si[0, 1] * a / Si[-1, -1], lambda a, s: np.sqrt(a / Si[-1, -1]))


def _inverse_wishart_nodes(S, m):
    """The rule of _spd fitted to the inverse Wishart density: b Gaussian with centre Σ₁₂a/Σ₁₁."""
    P = S.shape[0]
    return _spd(P, np.trace(S) / P / max(m - P - 1, 0.5), lambda a, s: S[0, -1] * a / S[0, 0],
                lambda a, s: a * np.sqrt(s / S[0, 0]))


def _degrees(low, high, name="nu", dim="S"):
    """prepare: the degrees of freedom drawn from (dimension + low, dimension + high)."""
    def prepare(rng, v):
        return {**v, name: np.float64(v[dim].shape[0] + rng.uniform(low, high))}
    return prepare


STUDENT = {"t": "the point of integration in R^P", r"\pi": "the circle constant", r"\Gamma": "the gamma function"}
WISHART = {"M": "the positive definite P × P matrix of integration (dM: its independent entries)",
           r"\pi": "the circle constant", r"\Gamma": "the gamma function", "p": "the index of the product"}


# ============================================================================================
# 6.1 Definition of moments

Equality(
    id="3P9G",
    title="The covariance matrix as an expected outer product",
    latex=r"M = \mathbb{E}\left[(x - m)(x - m)^{\top}\right], \quad (M)_{ij} = \mathbb{E}\left[(x_{i} - \mathbb{E}[x_{i}])"
          r"(x_{j} - \mathbb{E}[x_{j}])\right], \quad " + LAW,
    variables={"X": Matrix("n", "K"), "p": Vector("K", "probability")},
    symbols={**LAW_SYMBOLS, "M": "the covariance matrix of x", "i": "a row index", "j": "a column index"},
    conditions="x is any distribution on K points: the k-th column of X, with probability p_k.",
    lhs=lambda X, p: np.einsum("ik,jk,k->ij", X - (X @ p)[:, None], X - (X @ p)[:, None], p),
    rhs=lambda X, p: _expect_points(X, p, lambda x: np.outer(x - X @ p, x - X @ p)),
    also=[Formula(r"m = \mathbb{E}[x] = Xp", lambda X, p: _expect_points(X, p, lambda x: x), lambda X, p: X @ p)],
    notes="The left side is the covariance entry by entry, as (304) defines it, each coordinate centred at its "
          "own mean; the right side is the expectation of the outer product of x − m with itself, point by point.",
    references=[cookbook(305)],
    aliases=["covariance matrix definition", "expected outer product", "variance-covariance matrix",
             "second central moment"],
)


Equality(
    id="Z5CU",
    title="The matrix of third central moments (coskewness) in Kronecker form",
    latex=r"M_{3} = \left[m^{(3)}_{::1}\; m^{(3)}_{::2}\; \cdots\; m^{(3)}_{::n}\right] = "
          r"\mathbb{E}\left[(x - m)(x - m)^{\top} \otimes (x - m)^{\top}\right], \quad " + LAW,
    variables={"X": Matrix("n", "K"), "p": Vector("K", "probability")},
    symbols={**LAW_SYMBOLS, "M_3": "the n × n² matrix of third central moments",
             "m": "the mean of x, Xp; m⁽³⁾ᵢⱼₖ the third central moment of coordinates i, j, k"},
    conditions="x is any distribution on K points: the k-th column of X, with probability p_k.",
    lhs=_M3_slices,
    rhs=lambda X, p: _expect_points(X, p, lambda x: np.kron(np.outer(x - X @ p, x - X @ p), (x - X @ p)[None, :])),
    notes="The left side lays out the n × n × n array of the third central moments m⁽³⁾ᵢⱼₖ of (306), slice "
          "k after slice k, as an n × n² matrix; the right side is the expectation of a Kronecker product, "
          "point by point. With it the third central moment of any linear combination wᵀx is wᵀM₃(w ⊗ w) "
          "(eq. 333).",
    references=[cookbook(307), cookbook(308)],
    aliases=["coskewness matrix", "third moment matrix", "third central moments", "skewness tensor"],
)


Equality(
    id="Z8MM",
    title="The matrix of fourth central moments (cokurtosis) in Kronecker form",
    latex=r"M_{4} = \left[m^{(4)}_{::11} \cdots m^{(4)}_{::n1} \,\middle|\, m^{(4)}_{::12} \cdots m^{(4)}_{::n2}"
          r" \,\middle|\, \cdots \,\middle|\, m^{(4)}_{::1n} \cdots m^{(4)}_{::nn}\right] = "
          r"\mathbb{E}\left[(x - m)(x - m)^{\top} \otimes (x - m)^{\top} \otimes (x - m)^{\top}\right], \quad " + LAW,
    variables={"X": Matrix("n", "K"), "p": Vector("K", "probability")},
    symbols={**LAW_SYMBOLS, "M_4": "the n × n³ matrix of fourth central moments",
             "m": "the mean of x, Xp; m⁽⁴⁾ᵢⱼₖₗ the fourth central moment of coordinates i, j, k, l"},
    conditions="x is any distribution on K points: the k-th column of X, with probability p_k.",
    lhs=_M4_slices,
    rhs=lambda X, p: _expect_points(X, p, lambda x: np.kron(np.kron(np.outer(x - X @ p, x - X @ p), (x - X @ p)[None, :]),
                                                            (x - X @ p)[None, :])),
    notes="The left side lays out the n × n × n × n array of the fourth central moments m⁽⁴⁾ᵢⱼₖₗ of (309) "
          "as the Cookbook orders it, n blocks of n slices each; the right side is the expectation of a "
          "double Kronecker product, point by point. With it the fourth central moment of wᵀx is "
          "wᵀM₄(w ⊗ w ⊗ w) (eq. 334).",
    references=[cookbook(310), cookbook(311)],
    aliases=["cokurtosis matrix", "fourth moment matrix", "fourth central moments", "kurtosis tensor"],
)


# ============================================================================================
# 6.2.1 Linear forms

Expectation(
    id="64YU",
    title="Expectation of a linear function of a random matrix",
    latex=r"\mathbb{E}[AXB + C] = A\,\mathbb{E}[X]\,B + C, \quad \mathbb{E}[X] = \bar{X}",
    variables={"A": Matrix("k", "n"), "Xbar": Matrix("n", "q", tex=r"\bar{X}"), "B": Matrix("q", "r"),
               "C": Matrix("k", "r")},
    random={"X": Discrete(mean="Xbar")},
    integrand=lambda X, A, Xbar, B, C: A @ X @ B + C,
    expected=lambda A, Xbar, B, C: A @ Xbar @ B + C,
    sizes=(2, 5),
    notes="Expectation is linear, so constant matrices come out on either side; no independence is needed.",
    references=[cookbook(312)],
    aliases=["linearity of expectation", "expected value of AXB", "mean of a random matrix"],
)


Expectation(
    id="GHB2",
    title="Covariance of a linear map of a random vector",
    latex=r"\operatorname{Var}[Ax] = A\operatorname{Var}[x]A^{\top} = A\Sigma A^{\top}, \quad \mathbb{E}[x] = m,\; "
          r"\operatorname{Var}[x] = \Sigma",
    variables={"A": Matrix("k", "n"), "m": Vector("n"), "S": Matrix("n", "n", "spd", tex=r"\Sigma")},
    random={"x": Discrete(mean="m", cov="S")},
    integrand=lambda x, A, m, S: np.outer(A @ x - A @ m, A @ x - A @ m),
    expected=lambda A, m, S: A @ S @ A.T,
    sizes=(2, 5),
    notes="Var[y] is the expectation of the outer product of y − E[y] with itself; for y the image Ax its mean is "
          "Am, and the constant A comes out of the expectation on the left and, transposed, on the right.",
    references=[cookbook(313)],
    aliases=["covariance propagation", "variance of a linear transformation", "A Sigma A transpose",
             "propagation of uncertainty"],
)


Equality(
    id="H1HW",
    title="Cross-covariance of two linear maps",
    latex=r"\operatorname{Cov}[Ax, By] = A\operatorname{Cov}[x, y]B^{\top}, \quad "
          r"\Pr\left((x, y) = (x_{k}, y_{k})\right) = p_{k},\; X = [x_{1}, \ldots, x_{K}],\; Y = [y_{1}, \ldots, y_{K}]",
    variables={"A": Matrix("k", "n"), "B": Matrix("r", "q"), "X": Matrix("n", "K"), "Y": Matrix("q", "K"),
               "p": Vector("K", "probability")},
    symbols={"x": "a random vector", "y": "a random vector, jointly distributed with x", "x_1": "column 1 of X",
             "y_1": "column 1 of Y", "k": "the index of the points"},
    conditions="(x, y) is any joint distribution on K points: the k-th columns of X and Y together, with "
               "probability p_k.",
    lhs=lambda A, B, X, Y, p: _cov_of_points(A @ X, B @ Y, p),
    rhs=lambda A, B, X, Y, p: A @ _cov_of_points(X, Y, p) @ B.T,
    also=[Formula(r"\operatorname{Cov}[x, y] = X\operatorname{diag}(p)Y^{\top} - Xp\,(Yp)^{\top}",
                  lambda X, Y, p: _cov_of_points(X, Y, p), lambda X, Y, p: (X * p) @ Y.T - np.outer(X @ p, Y @ p))],
    notes="The left side is the cross-covariance of the transformed pairs (Axₖ, Byₖ) about their own means; "
          "the right side transforms the cross-covariance of x and y. Cov[x, x] is Var[x], and the case "
          "of B equal to A is (313).",
    references=[cookbook(314)],
    aliases=["cross-covariance", "covariance of linear transformations", "Cov(Ax, By)"],
)


Expectation(
    id="WN78",
    title="Expectation of an affine function of a random vector",
    latex=r"\mathbb{E}[Ax + b] = Am + b, \quad \mathbb{E}[x] = m",
    variables={"A": Matrix("k", "n"), "b": Vector("k"), "m": Vector("n")},
    random={"x": Discrete(mean="m")},
    integrand=lambda x, A, b, m: A @ x + b,
    expected=lambda A, b, m: A @ m + b,
    sizes=(2, 5),
    references=[cookbook(315)],
    aliases=["linearity of expectation", "mean of an affine transformation", "expected value Ax + b"],
)


Expectation(
    id="QUUM",
    title="Expectation of a linear map of a random vector",
    latex=r"\mathbb{E}[Ax] = Am, \quad \mathbb{E}[x] = m",
    variables={"A": Matrix("k", "n"), "m": Vector("n")},
    random={"x": Discrete(mean="m")},
    integrand=lambda x, A, m: A @ x,
    expected=lambda A, m: A @ m,
    sizes=(2, 5),
    references=[cookbook(316)],
    aliases=["linearity of expectation", "mean of a linear transformation", "expected value Ax"],
)


Expectation(
    id="T7SX",
    title="Expectation of a shifted random vector",
    latex=r"\mathbb{E}[x + b] = m + b, \quad \mathbb{E}[x] = m",
    variables={"b": Vector("n"), "m": Vector("n")},
    random={"x": Discrete(mean="m")},
    integrand=lambda x, b, m: x + b,
    expected=lambda b, m: m + b,
    sizes=(2, 5),
    references=[cookbook(317)],
    aliases=["mean of a shifted vector", "expectation of x plus constant"],
)


# ============================================================================================
# 6.2.2 Quadratic forms

def _quadratic_form_moments(A, c, z, p):
    """The mean and variance of xᵀAx, every outcome of the independent coordinates enumerated."""
    pts, prob = _product_law(np.tile(z - p @ z, (len(c), 1)) + c[:, None], np.tile(p, (len(c), 1)))
    q = np.einsum("ki,ij,kj->k", pts, A, pts)
    mean = prob @ q
    return mean, prob @ (q - mean) ** 2


def _central(z, p, j):
    return p @ (z - p @ z) ** j


Equality(
    id="3U3U",
    title="Variance of a quadratic form in independent coordinates",
    latex=r"\operatorname{Var}[x^{\top}Ax] = 2\mu_{2}^{2}\operatorname{tr}(A^{2}) + 4\mu_{2}c^{\top}A^{2}c + "
          r"4\mu_{3}c^{\top}Aa + (\mu_{4} - 3\mu_{2}^{2})a^{\top}a, \quad a = \operatorname{diag}(A),\; "
          r"\Pr(x_{i} - c_{i} = z_{k} - p^{\top}z) = p_{k},\; \mu_{j} = \sum_{k} p_{k}(z_{k} - p^{\top}z)^{j}",
    variables={"A": Matrix("n", "n", "symmetric"), "c": Vector("n"), "z": Vector(3), "p": Vector(3, "probability")},
    symbols={"x": "the random vector, with independent coordinates", "a": "the diagonal of A, as a vector",
             r"\mu": "μⱼ, the j-th central moment of every coordinate", "i": "the index of a coordinate",
             "j": "the order of a moment", "k": "the index of the three values", r"\Sigma": "the covariance of x"},
    conditions="The coordinates of x are independent, x_i is c_i plus a copy of one centred law on three points "
               "(zₖ − pᵀz with probability pₖ): all coordinates have the same central moments, and c is the mean.",
    lhs=lambda A, c, z, p: _quadratic_form_moments(A, c, z, p)[1],
    rhs=lambda A, c, z, p: (2 * _central(z, p, 2) ** 2 * np.trace(A @ A) + 4 * _central(z, p, 2) * c @ A @ A @ c
                            + 4 * _central(z, p, 3) * c @ A @ np.diag(A)
                            + (_central(z, p, 4) - 3 * _central(z, p, 2) ** 2) * np.diag(A) @ np.diag(A)),
    also=[Formula(r"\mathbb{E}[x^{\top}Ax] = \operatorname{tr}(A\Sigma) + c^{\top}Ac, \quad \Sigma = \operatorname{Var}[x] = \mu_{2}I",
                  lambda A, c, z, p: _quadratic_form_moments(A, c, z, p)[0],
                  lambda A, c, z, p: np.trace(A * _central(z, p, 2)) + c @ A @ c)],
    sizes=(2, 4),
    notes="The variance involves the third and fourth moments of the coordinates, which is why the Cookbook "
          "assumes them independent and alike; for Gaussian coordinates μ₃ vanishes and μ₄ is 3μ₂², and only "
          "the first two terms remain. The mean, in the formula below, needs neither assumption (entry G9UT).",
    references=[cookbook(319), cookbook(318, note="under the assumptions of (319): independent coordinates with "
                                                  "equal central moments; it holds for any distribution")],
    aliases=["variance of quadratic form", "variance of x'Ax", "quadratic form kurtosis", "Seber variance formula"],
)


MOMENTS = "any distribution with mean m and covariance M"

Expectation(
    id="QEZS",
    title="Expectation of the outer product of two affine functions",
    latex=r"\mathbb{E}\left[(Ax + a)(Bx + b)^{\top}\right] = AMB^{\top} + (Am + a)(Bm + b)^{\top}",
    variables={"A": Matrix("k", "n"), "a": Vector("k"), "B": Matrix("r", "n"), "b": Vector("r"), "m": Vector("n"),
               "M": Matrix("n", "n", "spd")},
    random={"x": Discrete(mean="m", cov="M")},
    integrand=lambda x, A, a, B, b, m, M: np.outer(A @ x + a, B @ x + b),
    expected=lambda A, a, B, b, m, M: A @ M @ B.T + np.outer(A @ m + a, B @ m + b),
    sizes=(2, 5),
    notes="The covariance of the two affine functions plus the outer product of their means. The entries "
          "that follow, (321)–(325), are its special cases.",
    references=[cookbook(320)],
    aliases=["second moment of affine transformations", "expected outer product", "E[(Ax+a)(Bx+b)^T]"],
)


Expectation(
    id="VN7S",
    title="Second moment matrix of a random vector",
    latex=r"\mathbb{E}\left[xx^{\top}\right] = M + mm^{\top}",
    variables={"m": Vector("n"), "M": Matrix("n", "n", "spd")},
    random={"x": Discrete(mean="m", cov="M")},
    integrand=lambda x, m, M: np.outer(x, x),
    expected=lambda m, M: M + np.outer(m, m),
    sizes=(2, 5),
    notes="The correlation (raw second moment) matrix is the covariance plus the outer product of the mean.",
    references=[cookbook(321)],
    aliases=["second moment matrix", "autocorrelation matrix", "E[xx^T]", "raw second moment"],
)


Expectation(
    id="UPMM",
    title="Expectations of x aᵀx and of xᵀa xᵀ",
    latex=r"\mathbb{E}\left[x\,a^{\top}x\right] = (M + mm^{\top})a, \quad \mathbb{E}\left[x^{\top}a\,x^{\top}\right] = "
          r"a^{\top}(M + mm^{\top})",
    variables={"a": Vector("n"), "m": Vector("n"), "M": Matrix("n", "n", "spd")},
    random={"x": Discrete(mean="m", cov="M")},
    integrand=lambda x, a, m, M: np.stack([x * (a @ x), (x @ a) * x]),
    expected=lambda a, m, M: np.stack([(M + np.outer(m, m)) @ a, a @ (M + np.outer(m, m))]),
    sizes=(2, 5),
    notes="The column x aᵀx and the row xᵀa xᵀ, checked together as the two rows of one array: each is the "
          "second moment matrix (321) applied to a, from the right or from the left.",
    references=[cookbook(322), cookbook(323)],
    aliases=["E[x a^T x]", "E[x^T a x^T]", "second moment times a vector", "row vector second moment"],
)


Expectation(
    id="LB3Q",
    title="Second moment matrix of a linear map of a random vector",
    latex=r"\mathbb{E}\left[(Ax)(Ax)^{\top}\right] = A(M + mm^{\top})A^{\top}",
    variables={"A": Matrix("k", "n"), "m": Vector("n"), "M": Matrix("n", "n", "spd")},
    random={"x": Discrete(mean="m", cov="M")},
    integrand=lambda x, A, m, M: np.outer(A @ x, A @ x),
    expected=lambda A, m, M: A @ (M + np.outer(m, m)) @ A.T,
    sizes=(2, 5),
    references=[cookbook(324)],
    aliases=["E[(Ax)(Ax)^T]", "second moment of a linear transformation"],
)


Expectation(
    id="LUWD",
    title="Second moment matrix of a shifted random vector",
    latex=r"\mathbb{E}\left[(x + a)(x + a)^{\top}\right] = M + (m + a)(m + a)^{\top}",
    variables={"a": Vector("n"), "m": Vector("n"), "M": Matrix("n", "n", "spd")},
    random={"x": Discrete(mean="m", cov="M")},
    integrand=lambda x, a, m, M: np.outer(x + a, x + a),
    expected=lambda a, m, M: M + np.outer(m + a, m + a),
    sizes=(2, 5),
    references=[cookbook(325)],
    aliases=["E[(x+a)(x+a)^T]", "second moment about a point"],
)


Expectation(
    id="VWDT",
    title="Expectation of the inner product of two affine functions",
    latex=r"\mathbb{E}\left[(Ax + a)^{\top}(Bx + b)\right] = \operatorname{tr}(AMB^{\top}) + (Am + a)^{\top}(Bm + b)",
    variables={"A": Matrix("k", "n"), "a": Vector("k"), "B": Matrix("k", "n"), "b": Vector("k"), "m": Vector("n"),
               "M": Matrix("n", "n", "spd")},
    random={"x": Discrete(mean="m", cov="M")},
    integrand=lambda x, A, a, B, b, m, M: (A @ x + a) @ (B @ x + b),
    expected=lambda A, a, B, b, m, M: np.trace(A @ M @ B.T) + (A @ m + a) @ (B @ m + b),
    sizes=(2, 5),
    notes="The trace of (320): an inner product is the trace of the outer product. (327)–(330) are its special cases.",
    references=[cookbook(326)],
    aliases=["E[(Ax+a)^T(Bx+b)]", "expected inner product", "expected bilinear form"],
)


Expectation(
    id="VS3J",
    title="Expected squared norm of a random vector",
    latex=r"\mathbb{E}\left[x^{\top}x\right] = \operatorname{tr}(M) + m^{\top}m",
    variables={"m": Vector("n"), "M": Matrix("n", "n", "spd")},
    random={"x": Discrete(mean="m", cov="M")},
    integrand=lambda x, m, M: x @ x,
    expected=lambda m, M: np.trace(M) + m @ m,
    sizes=(2, 5),
    notes="The total variance plus the squared norm of the mean.",
    references=[cookbook(327)],
    aliases=["expected squared norm", "E[x^T x]", "mean squared length", "total variance"],
)


Expectation(
    id="G9UT",
    title="Expectation of a quadratic form",
    latex=r"\mathbb{E}\left[x^{\top}Ax\right] = \operatorname{tr}(AM) + m^{\top}Am",
    variables={"A": Matrix("n", "n"), "m": Vector("n"), "M": Matrix("n", "n", "spd")},
    random={"x": Discrete(mean="m", cov="M")},
    integrand=lambda x, A, m, M: x @ A @ x,
    expected=lambda A, m, M: np.trace(A @ M) + m @ A @ m,
    sizes=(2, 5),
    notes="It holds for any distribution with these two moments, and for any square A (only its symmetric part "
          "counts on either side). (318) is the same formula with c and Σ for m and M.",
    references=[cookbook(328), cookbook(318, note="the same formula, with c = E[x] and Σ = Var[x]; the Cookbook "
                                                  "assumes A symmetric and the coordinates independent, which it "
                                                  "does not need")],
    aliases=["expectation of quadratic form", "E[x^T A x]", "trace trick expectation", "mean of quadratic form"],
)


Expectation(
    id="KHTY",
    title="Expected squared norm of a linear map of a random vector",
    latex=r"\mathbb{E}\left[(Ax)^{\top}(Ax)\right] = \operatorname{tr}(AMA^{\top}) + (Am)^{\top}(Am)",
    variables={"A": Matrix("k", "n"), "m": Vector("n"), "M": Matrix("n", "n", "spd")},
    random={"x": Discrete(mean="m", cov="M")},
    integrand=lambda x, A, m, M: (A @ x) @ (A @ x),
    expected=lambda A, m, M: np.trace(A @ M @ A.T) + (A @ m) @ (A @ m),
    sizes=(2, 5),
    references=[cookbook(329)],
    aliases=["E[||Ax||^2]", "expected squared norm of Ax"],
)


Expectation(
    id="HKEU",
    title="Expected squared distance of a random vector from a point",
    latex=r"\mathbb{E}\left[(x + a)^{\top}(x + a)\right] = \operatorname{tr}(M) + (m + a)^{\top}(m + a)",
    variables={"a": Vector("n"), "m": Vector("n"), "M": Matrix("n", "n", "spd")},
    random={"x": Discrete(mean="m", cov="M")},
    integrand=lambda x, a, m, M: (x + a) @ (x + a),
    expected=lambda a, m, M: np.trace(M) + (m + a) @ (m + a),
    sizes=(2, 5),
    notes="With a the negative of a point c it is the mean squared distance of x from c: the total variance "
          "plus the squared bias.",
    references=[cookbook(330)],
    aliases=["E[||x+a||^2]", "mean squared error decomposition", "bias variance decomposition"],
)


# ============================================================================================
# 6.2.3 Cubic forms (printed without equation numbers)

CUBIC_LAW = r"\Pr(x_{i} = Z_{ik}) = P_{ik}"
CUBIC_SYMBOLS = {"x": "the random vector, with independent coordinates", "m": "the mean of x",
                 "M": "the covariance of x (diagonal: the coordinates are independent)",
                 "v_3": "the third central moments of the coordinates, as a vector", "i": "the index of a coordinate",
                 "k": "the index of a coordinate's two values"}
CUBIC_CONDITIONS = ("The coordinates of x are independent; coordinate i takes the value Z_ik with probability P_ik "
                    "(each row of P sums to one), so each has its own mean, variance and third central moment.")


def _cubic_expect(Z, P, g):
    """E[g(x)] under the product law, g applied to the stacked outcomes (rows)."""
    pts, prob = _product_law(Z, P)
    return np.tensordot(prob, g(pts), axes=1)


def _cubic_general(A, a, B, b, C, c, Z, P):
    m, var, v3 = _coordinate_moments(Z, P)
    M = np.diag(var)
    u, v, w = A @ m + a, B @ m + b, C @ m + c
    return (A @ (np.diag(B.T @ C) * v3) + np.trace(B @ M @ C.T) * u + A @ M @ C.T @ v
            + (A @ M @ B.T + np.outer(u, v)) @ w)


Equality(
    id="WCUS",
    title="Expectation of a cubic form in independent coordinates",
    latex=r"\mathbb{E}\left[(Ax + a)(Bx + b)^{\top}(Cx + c)\right] = A\operatorname{diag}(B^{\top}C)v_{3} + "
          r"\operatorname{tr}(BMC^{\top})(Am + a) + AMC^{\top}(Bm + b) + \left(AMB^{\top} + (Am + a)(Bm + b)^{\top}\right)"
          r"(Cm + c), \quad " + CUBIC_LAW,
    variables={"A": Matrix("k", "n"), "a": Vector("k"), "B": Matrix("r", "n"), "b": Vector("r"), "C": Matrix("r", "n"),
               "c": Vector("r"), "Z": Matrix("n", 2), "P": Matrix("n", 2, "positive")},
    symbols=CUBIC_SYMBOLS,
    conditions=CUBIC_CONDITIONS,
    prepare=_rows_probability,
    lhs=lambda A, a, B, b, C, c, Z, P: _cubic_expect(
        Z, P, lambda X: (X @ A.T + a) * np.sum((X @ B.T + b) * (X @ C.T + c), axis=1)[:, None]),
    rhs=_cubic_general,
    sizes=(2, 4),
    notes="Of the third central moments only those of single coordinates survive independence: "
          "diag(BᵀC) is the diagonal matrix of BᵀC's diagonal, multiplying v₃. The other terms are those of any "
          "distribution with mean m and covariance M.",
    references=[_section("§6.2.3 Cubic Forms, the first formula (unnumbered)")],
    aliases=["expectation of cubic form", "third moment of a quadratic times linear form", "E[(Ax+a)(Bx+b)^T(Cx+c)]"],
)


def _xxtx(Z, P):
    m, var, v3 = _coordinate_moments(Z, P)
    return v3 + 2 * var * m + (np.sum(var) + m @ m) * m


Equality(
    id="VFXX",
    title="Expectation of x xᵀx in independent coordinates",
    latex=r"\mathbb{E}\left[xx^{\top}x\right] = v_{3} + 2Mm + \left(\operatorname{tr}(M) + m^{\top}m\right)m, \quad "
          + CUBIC_LAW,
    variables={"Z": Matrix("n", 2), "P": Matrix("n", 2, "positive")},
    symbols=CUBIC_SYMBOLS,
    conditions=CUBIC_CONDITIONS,
    prepare=_rows_probability,
    lhs=lambda Z, P: _cubic_expect(Z, P, lambda X: X * np.sum(X * X, axis=1)[:, None]),
    rhs=lambda Z, P: _xxtx(Z, P),
    sizes=(2, 5),
    notes="The case A, B and C the identity, a, b and c zero, of the cubic form above (entry WCUS).",
    references=[_section("§6.2.3 Cubic Forms, the second formula (unnumbered)")],
    related=["WCUS"],
    aliases=["E[x x^T x]", "third moment of a random vector", "expected squared norm times x"],
)


Equality(
    id="88FM",
    title="Expectation of the cubic form (Ax + a)(Ax + a)ᵀ(Ax + a)",
    latex=r"\mathbb{E}\left[(Ax + a)(Ax + a)^{\top}(Ax + a)\right] = A\operatorname{diag}(A^{\top}A)v_{3} + "
          r"\left[2AMA^{\top} + (Am + a)(Am + a)^{\top}\right](Am + a) + \operatorname{tr}(AMA^{\top})(Am + a), \quad "
          + CUBIC_LAW,
    variables={"A": Matrix("k", "n"), "a": Vector("k"), "Z": Matrix("n", 2), "P": Matrix("n", 2, "positive")},
    symbols=CUBIC_SYMBOLS,
    conditions=CUBIC_CONDITIONS,
    prepare=_rows_probability,
    lhs=lambda A, a, Z, P: _cubic_expect(Z, P, lambda X: (X @ A.T + a) * np.sum((X @ A.T + a) ** 2, axis=1)[:, None]),
    rhs=lambda A, a, Z, P: _cubic_general(A, a, A, a, A, a, Z, P),
    sizes=(2, 4),
    errata=[Erratum(_section("§6.2.3 Cubic Forms, the third formula (unnumbered)"),
                    "The Cookbook prints (Ax + a)(Ax + a)ᵀ inside the bracket, a random quantity on the right of an "
                    "expectation; it is (Am + a)(Am + a)ᵀ, as the first formula of the section gives with B and C "
                    "equal to A.")],
    notes="The first formula of the section with B and C equal to A and b and c equal to a (entry WCUS).",
    references=[_section("§6.2.3 Cubic Forms, the third formula (unnumbered)", )],
    related=["WCUS"],
    aliases=["E[(Ax+a)(Ax+a)^T(Ax+a)]", "third moment of an affine transformation"],
)


def _cubic_four(A, a, b, C, c, D, d, Z, P, third=True):
    m, var, v3 = _coordinate_moments(Z, P)
    M = np.diag(var)
    u, w, y = A @ m + a, C @ m + c, D @ m + d
    out = (np.outer(u, b) @ (C @ M @ D.T + np.outer(w, y)) + np.outer((A @ M @ C.T + np.outer(u, w)) @ b, y)
           + (b @ w) * (A @ M @ D.T - np.outer(u, y)))
    return out + (A @ np.diag(v3 * (C.T @ b)) @ D.T if third else 0)


Equality(
    id="EAA8",
    title="Expectation of (Ax + a)bᵀ(Cx + c)(Dx + d)ᵀ in independent coordinates",
    latex=r"\mathbb{E}\left[(Ax + a)b^{\top}(Cx + c)(Dx + d)^{\top}\right] = A\operatorname{diag}(v_{3} \circ C^{\top}b)D^{\top}"
          r" + (Am + a)b^{\top}\left(CMD^{\top} + (Cm + c)(Dm + d)^{\top}\right) + \left(AMC^{\top} + (Am + a)(Cm + c)^{\top}"
          r"\right)b(Dm + d)^{\top} + b^{\top}(Cm + c)\left(AMD^{\top} - (Am + a)(Dm + d)^{\top}\right), \quad " + CUBIC_LAW,
    variables={"A": Matrix("k", "n"), "a": Vector("k"), "b": Vector("r"), "C": Matrix("r", "n"), "c": Vector("r"),
               "D": Matrix("q", "n"), "d": Vector("q"), "Z": Matrix("n", 2), "P": Matrix("n", 2, "positive")},
    symbols=CUBIC_SYMBOLS,
    conditions=CUBIC_CONDITIONS,
    prepare=_rows_probability,
    lhs=lambda A, a, b, C, c, D, d, Z, P: _cubic_expect(
        Z, P, lambda X: np.einsum("ki,k,kj->kij", X @ A.T + a, (X @ C.T + c) @ b, X @ D.T + d)),
    rhs=_cubic_four,
    sizes=(2, 5),
    errata=[Erratum(_section("§6.2.3 Cubic Forms, the fourth formula (unnumbered)"),
                    "The Cookbook omits the term of the third central moments, A times the diagonal matrix of "
                    "v₃ ∘ Cᵀb times Dᵀ, which vanishes only when the coordinates have no skewness; and it prints "
                    "(Ax + a) for (Am + a) at the start of the right side. The check reads the printed right side "
                    "with (Am + a) there.",
                    printed=r"(Ax + a)b^{\top}\left(CMD^{\top} + (Cm + c)(Dm + d)^{\top}\right) + \left(AMC^{\top} + "
                            r"(Am + a)(Cm + c)^{\top}\right)b(Dm + d)^{\top} + b^{\top}(Cm + c)\left(AMD^{\top} - "
                            r"(Am + a)(Dm + d)^{\top}\right)",
                    rhs=lambda A, a, b, C, c, D, d, Z, P: _cubic_four(A, a, b, C, c, D, d, Z, P, third=False))],
    notes="The last bracket's minus sign cancels the outer product of the means counted twice by the first two "
          "terms. The third-moment term is what independence leaves of the skewness of the coordinates.",
    references=[_section("§6.2.3 Cubic Forms, the fourth formula (unnumbered)")],
    related=["WCUS"],
    aliases=["expectation of a rank-one cubic form", "E[(Ax+a) b^T (Cx+c)(Dx+d)^T]"],
)


# ============================================================================================
# 6.3 Weighted scalar variable

Expectation(
    id="LW88",
    title="Mean of a weighted sum of random variables",
    latex=r"\langle y\rangle = w^{\top}m, \quad y = w^{\top}x,\; \langle x\rangle = m",
    variables={"w": Vector("n"), "m": Vector("n")},
    symbols={"y": "the weighted sum of the coordinates of x"},
    random={"x": Discrete(mean="m")},
    integrand=lambda x, w, m: w @ x,
    expected=lambda w, m: w @ m,
    sizes=(2, 5),
    notes="⟨·⟩ is the expectation, as in §6.1.",
    references=[cookbook(331)],
    aliases=["mean of a linear combination", "expected value of weighted sum", "portfolio mean"],
)


Expectation(
    id="R2FQ",
    title="Variance of a weighted sum of random variables",
    latex=r"\left\langle (y - \langle y\rangle)^{2}\right\rangle = w^{\top}M_{2}w, \quad y = w^{\top}x,\; "
          r"\langle y\rangle = w^{\top}m",
    variables={"w": Vector("n"), "m": Vector("n"), "M2": Matrix("n", "n", "spd", tex="M_2")},
    symbols={"y": "the weighted sum of the coordinates of x"},
    random={"x": Discrete(mean="m", cov="M2")},
    integrand=lambda x, w, m, M2: (w @ x - w @ m) ** 2,
    expected=lambda w, m, M2: w @ M2 @ w,
    sizes=(2, 5),
    notes="M₂ is the covariance of x: the variance of a portfolio of assets with weights w.",
    references=[cookbook(332)],
    aliases=["variance of a linear combination", "portfolio variance", "w^T Sigma w"],
)


Equality(
    id="A7SL",
    title="Third central moment of a weighted sum",
    latex=r"\left\langle (y - \langle y\rangle)^{3}\right\rangle = w^{\top}M_{3}(w \otimes w), \quad y = w^{\top}x,\; " + LAW,
    variables={"w": Vector("n"), "X": Matrix("n", "K"), "p": Vector("K", "probability")},
    symbols={**LAW_SYMBOLS, "y": "the weighted sum of the coordinates of x",
             "M_3": "the matrix of third central moments of x (eq. 307)"},
    conditions="x is any distribution on K points: the k-th column of X, with probability p_k.",
    lhs=lambda w, X, p: _expect_points(X, p, lambda x: (w @ x - w @ (X @ p)) ** 3),
    rhs=lambda w, X, p: w @ _M3_slices(X, p) @ np.kron(w, w),
    sizes=(4, 6),   # four points or more: a law on two or three points can be nearly without skewness
    notes="M₃ is laid out as in (307), from the third central moments of the coordinates; the printed "
          "wᵀM₃w ⊗ w is wᵀM₃(w ⊗ w). With the variance (332) it gives the skewness of y.",
    references=[cookbook(333)],
    related=["Z5CU"],
    aliases=["skewness of a linear combination", "third moment of weighted sum", "portfolio skewness"],
)


Equality(
    id="932A",
    title="Fourth central moment of a weighted sum",
    latex=r"\left\langle (y - \langle y\rangle)^{4}\right\rangle = w^{\top}M_{4}(w \otimes w \otimes w), \quad "
          r"y = w^{\top}x,\; " + LAW,
    variables={"w": Vector("n"), "X": Matrix("n", "K"), "p": Vector("K", "probability")},
    symbols={**LAW_SYMBOLS, "y": "the weighted sum of the coordinates of x",
             "M_4": "the matrix of fourth central moments of x (eq. 310)"},
    conditions="x is any distribution on K points: the k-th column of X, with probability p_k.",
    lhs=lambda w, X, p: _expect_points(X, p, lambda x: (w @ x - w @ (X @ p)) ** 4),
    rhs=lambda w, X, p: w @ _M4_slices(X, p) @ np.kron(np.kron(w, w), w),
    notes="M₄ is laid out as in (310), from the fourth central moments of the coordinates. With the variance "
          "(332) it gives the kurtosis of y.",
    references=[cookbook(334)],
    related=["Z8MM"],
    aliases=["kurtosis of a linear combination", "fourth moment of weighted sum", "portfolio kurtosis"],
)


# ============================================================================================
# 7 Multivariate distributions

CAUCHY_TEX = (r"\pi^{-P/2}\frac{\Gamma\left(\frac{1 + P}{2}\right)}{\Gamma(1/2)}\frac{\det(\Sigma)^{-1/2}}"
              r"{\left[1 + (t - \mu)^{\top}\Sigma^{-1}(t - \mu)\right]^{(1 + P)/2}}")
STUDENT_TEX = (r"(\pi\nu)^{-P/2}\frac{\Gamma\left(\frac{\nu + P}{2}\right)}{\Gamma(\nu/2)}\frac{\det(\Sigma)^{-1/2}}"
               r"{\left[1 + \nu^{-1}(t - \mu)^{\top}\Sigma^{-1}(t - \mu)\right]^{(\nu + P)/2}}")
LOCATION = {"mu": Vector("P"), "S": Matrix("P", "P", "spd", tex=r"\Sigma")}


def _mass(density):
    """∫ density(t) dt over R^P (P = 1 or 2), in polar coordinates around the location μ."""
    def lhs(mu, S, **rest):
        pts, w = _space(mu)
        return w @ density(pts, mu, S, **rest)
    return lhs


Equality(
    id="ZMG3",
    title="The multivariate Cauchy density integrates to one",
    latex=r"\int_{\mathbb{R}^{P}} p(t \mid \mu, \Sigma)\,\mathrm{d}t = 1, \quad p(t \mid \mu, \Sigma) = " + CAUCHY_TEX,
    variables=dict(LOCATION),
    symbols={**STUDENT, "p": "the Cauchy density"},
    lhs=lambda mu, S: _mass(lambda t, mu, S: cauchy_pdf(t, mu, S))(mu, S),
    rhs=lambda mu, S: np.float64(1.0),
    sizes=(1, 2),
    notes="The integral is computed in one and two dimensions, in polar coordinates around μ, the radius by a "
          "double-exponential rule that follows the heavy tail out to where it no longer counts. The Cauchy "
          "density has no mean: its tail falls off only as the (1 + P)-th power of the distance.",
    references=[cookbook(335)],
    related=["2ZZ2", "Q6G8"],
    aliases=["multivariate Cauchy distribution", "Cauchy density normalisation", "Cauchy pdf"],
)


Equality(
    id="2ZZ2",
    title="The Cauchy density is the Student t density with one degree of freedom",
    latex=CAUCHY_TEX + r" = \left." + STUDENT_TEX + r"\right|_{\nu = 1}",
    variables={"t": Vector("P"), **LOCATION},
    symbols={r"\pi": "the circle constant", r"\Gamma": "the gamma function", r"\nu": "the degrees of freedom"},
    lhs=lambda t, mu, S: cauchy_pdf(t, mu, S)[0],
    rhs=lambda t, mu, S: student_pdf(t, mu, S, 1.0)[0],
    notes="The Cookbook's remark under (335) and (337): the Student t family at ν equal to one is the Cauchy "
          "distribution.",
    references=[cookbook(335, note="“a special case of the Student-t distribution”"),
                cookbook(337, note="at ν equal to one")],
    related=["ZMG3", "Q6G8"],
    aliases=["Cauchy as Student t", "t distribution one degree of freedom"],
)


def _simplex(P):
    """Nodes (rows: points of the simplex, all P coordinates, each computed without cancellation) and
    weights for ∫ f(x) dx₁ ⋯ dx_{P−1} over the probability simplex, P = 2 or 3, by tanh-sinh rules."""
    h, T = 0.08, 3.2
    t = np.arange(-T, T + h / 2, h)
    s = 0.5 * np.pi * np.sinh(t)
    lo, hi = 1 / (1 + np.exp(2 * s)), 1 / (1 + np.exp(-2 * s))     # 1 − u and u, u in (0, 1)
    w = h * 0.25 * np.pi * np.cosh(t) / np.cosh(s) ** 2
    if P == 2:
        return np.stack([hi, lo], axis=1), w
    u, v = hi[:, None], hi[None, :]
    x1 = u + 0 * v
    x2 = lo[:, None] * v
    x3 = lo[:, None] * lo[None, :]
    W = w[:, None] * w[None, :] * lo[:, None]
    return np.stack([x1.ravel(), x2.ravel(), x3.ravel()], axis=1), W.ravel()


def dirichlet_pdf(x, alpha):
    log_c = math.lgamma(float(np.sum(alpha))) - sum(math.lgamma(float(a)) for a in alpha)
    return np.exp(log_c + np.log(x) @ (alpha - 1))


Equality(
    id="ZH46",
    title="The Dirichlet density integrates to one over the simplex",
    latex=r"\int_{\Delta} p(x \mid \alpha)\,\mathrm{d}x = 1, \quad p(x \mid \alpha) = \frac{\Gamma\left(\sum_{p} "
          r"\alpha_{p}\right)}{\prod_{p}\Gamma(\alpha_{p})}\prod_{p=1}^{P} x_{p}^{\alpha_{p} - 1}",
    variables={"alpha": Vector("P", "positive")},
    symbols={"x": "a point of the probability simplex (positive coordinates summing to one)",
             r"\Delta": "the probability simplex, with the measure of its first P − 1 coordinates",
             "p": "the Dirichlet density; also the index of a coordinate", r"\Gamma": "the gamma function"},
    lhs=lambda alpha: _simplex(len(alpha))[1] @ dirichlet_pdf(_simplex(len(alpha))[0], alpha),
    rhs=lambda alpha: np.float64(1.0),
    also=[Formula(r"\int_{\Delta} x\,p(x \mid \alpha)\,\mathrm{d}x = \frac{\alpha}{\sum_{p}\alpha_{p}}",
                  lambda alpha: (_simplex(len(alpha))[1] * dirichlet_pdf(_simplex(len(alpha))[0], alpha))
                  @ _simplex(len(alpha))[0],
                  lambda alpha: alpha / np.sum(alpha))],
    sizes=(2, 3),
    notes="The Cookbook prints the density without an equation number. The check integrates it over the simplex "
          "in two and three dimensions (tanh-sinh rules, which follow the singularities at the faces when some "
          "αₚ is below one), and the formula below gives its mean, the normalised α.",
    references=[_section("§7.2 Dirichlet (unnumbered)")],
    aliases=["Dirichlet distribution", "Dirichlet density", "Dirichlet mean", "multivariate beta"],
)


def _compositions(n, d):
    """All count vectors of d non-negative integers summing to n (stars and bars), as rows."""
    out = []
    for bars in itertools.combinations(range(n + d - 1), d - 1):
        edges = (-1,) + bars + (n + d - 1,)
        out.append([edges[i + 1] - edges[i] - 1 for i in range(d)])
    return np.array(out, dtype=float)


def multinomial_pmf(counts, a, n):
    log_c = math.lgamma(n + 1) - np.sum([[math.lgamma(k + 1) for k in row] for row in counts], axis=1)
    return np.exp(log_c + counts @ np.log(a))


Equality(
    id="SQQ8",
    title="The multinomial probabilities sum to one",
    latex=r"\sum_{\mathbf{n}:\, \sum_{i} n_{i} = n} P(\mathbf{n} \mid a, n) = 1, \quad P(\mathbf{n} \mid a, n) = "
          r"\frac{n!}{n_{1}! \cdots n_{d}!}\prod_{i=1}^{d} a_{i}^{n_{i}}",
    variables={"a": Vector("d", "probability"), "n": Scalar()},
    symbols={r"\mathbf{n}": "the vector of counts (n₁, …, n_d)", "n_1": "the count of the first category",
             "i": "the index of a category", "P": "the multinomial probability"},
    conditions="n is a whole number of trials, from 1 to 6.",
    prepare=lambda rng, v: {**v, "n": np.float64(rng.integers(1, 7))},
    lhs=lambda a, n: np.sum(multinomial_pmf(_compositions(int(n), len(a)), a, int(n))),
    rhs=lambda a, n: np.float64(1.0),
    also=[Formula(r"\sum_{\mathbf{n}} \mathbf{n}\,P(\mathbf{n} \mid a, n) = na",
                  lambda a, n: multinomial_pmf(_compositions(int(n), len(a)), a, int(n)) @ _compositions(int(n), len(a)),
                  lambda a, n: n * a)],
    notes="Every count vector with the given total is enumerated: the probabilities are the terms of the "
          "multinomial expansion of the n-th power of the sum of the aᵢ, which is one; the formula below is the mean.",
    references=[cookbook(336)],
    aliases=["multinomial distribution", "multinomial coefficient", "multinomial pmf", "categorical counts"],
)


Equality(
    id="Q6G8",
    title="The multivariate Student t density integrates to one",
    latex=r"\int_{\mathbb{R}^{P}} p(t \mid \mu, \Sigma, \nu)\,\mathrm{d}t = 1, \quad p(t \mid \mu, \Sigma, \nu) = " + STUDENT_TEX,
    variables={**LOCATION, "nu": Scalar(tex=r"\nu")},
    symbols={**STUDENT, "p": "the Student t density"},
    conditions="ν, the degrees of freedom, is positive (here drawn from 0.5 to 8).",
    prepare=lambda rng, v: {**v, "nu": np.float64(rng.uniform(0.5, 8.0))},
    lhs=lambda mu, S, nu: _mass(lambda t, mu, S: student_pdf(t, mu, S, nu))(mu, S),
    rhs=lambda mu, S, nu: np.float64(1.0),
    sizes=(1, 2),
    notes="Integrated in one and two dimensions, in polar coordinates around μ (see entry ZMG3). As ν grows the "
          "density tends to the Gaussian of covariance Σ.",
    references=[cookbook(337)],
    related=["ZMG3", "LEPG", "ZK9Y", "VCD6"],
    aliases=["multivariate t distribution", "Student t density", "Student-t pdf normalisation"],
)


def _moment(order):
    def lhs(mu, S, nu):
        pts, w = _space(mu)
        wp = w * student_pdf(pts, mu, S, nu)
        if order == 1:
            return wp @ pts
        d = pts - mu
        return np.einsum("k,ki,kj->ij", wp, d, d)
    return lhs


Equality(
    id="LEPG",
    title="Mean of the multivariate Student t distribution",
    latex=r"\mathrm{E}(t) = \int_{\mathbb{R}^{P}} t\,p(t \mid \mu, \Sigma, \nu)\,\mathrm{d}t = \mu, \quad \nu > 1",
    variables={**LOCATION, "nu": Scalar(tex=r"\nu")},
    symbols={"t": "the Student t random vector, and the point of integration", "p": "the Student t density (337)"},
    conditions="ν > 1, so that the mean exists (here drawn from 1.5 to 8).",
    prepare=lambda rng, v: {**v, "nu": np.float64(rng.uniform(1.5, 8.0))},
    lhs=_moment(1),
    rhs=lambda mu, S, nu: np.array(mu),
    sizes=(1, 2),
    notes="For ν ≤ 1 the integral of the norm of t diverges, so there is no mean, though the density stays "
          "symmetric about μ.",
    references=[cookbook(338)],
    related=["Q6G8"],
    aliases=["Student t mean", "mean of multivariate t"],
)


Equality(
    id="ZK9Y",
    title="Covariance of the multivariate Student t distribution",
    latex=r"\operatorname{cov}(t) = \int_{\mathbb{R}^{P}} (t - \mu)(t - \mu)^{\top} p(t \mid \mu, \Sigma, \nu)\,\mathrm{d}t = "
          r"\frac{\nu}{\nu - 2}\Sigma, \quad \nu > 2",
    variables={**LOCATION, "nu": Scalar(tex=r"\nu")},
    symbols={"t": "the Student t random vector, and the point of integration", "p": "the Student t density (337)"},
    conditions="ν > 2, so that the covariance exists (here drawn from 2.5 to 10).",
    prepare=lambda rng, v: {**v, "nu": np.float64(rng.uniform(2.5, 10.0))},
    lhs=_moment(2),
    rhs=lambda mu, S, nu: nu / (nu - 2) * S,
    sizes=(1, 2),
    notes="Σ is the scale matrix, not the covariance: the covariance is larger by ν/(ν − 2), which tends to one "
          "as ν grows.",
    references=[cookbook(339)],
    related=["Q6G8"],
    aliases=["Student t covariance", "variance of multivariate t", "scale matrix versus covariance"],
)


Inequality(
    id="VCD6",
    title="The mode of the multivariate Student t distribution is its location",
    latex=r"\operatorname{mode}(t) = \mu: \quad p(t \mid \mu, \Sigma, \nu) \le p(\mu \mid \mu, \Sigma, \nu)",
    variables={"t": Vector("P"), **LOCATION, "nu": Scalar("positive", tex=r"\nu")},
    symbols={"p": "the Student t density (337)"},
    lhs=lambda t, mu, S, nu: student_pdf(t, mu, S, nu)[0],
    rhs=lambda t, mu, S, nu: student_pdf(mu, mu, S, nu)[0],
    attained=lambda rng, t, mu, S, nu: {"t": np.array(mu)},
    attained_words="t at the location μ",
    notes="The density decreases with the Mahalanobis distance of t from μ, so its largest value, the most "
          "probable point, is at μ, for every ν.",
    references=[cookbook(340)],
    related=["Q6G8"],
    aliases=["Student t mode", "most probable value of multivariate t"],
)


MATRIX_T = {"T": "the P × N matrix of integration", r"\pi": "the circle constant", r"\Gamma": "the gamma function",
            "p": "the matrix t density; also the index of the product"}

Equality(
    id="HAUC",
    title="The matrix-variate Student t density integrates to one",
    latex=r"\int_{\mathbb{R}^{P \times N}} p(T \mid M, \Omega, \Sigma, \nu)\,\mathrm{d}T = 1, \quad "
          r"p(T \mid M, \Omega, \Sigma, \nu) = \pi^{-NP/2}\prod_{p=1}^{P}\frac{\Gamma[(\nu + N - p + 1)/2]}"
          r"{\Gamma[(\nu - p + 1)/2]}\det(\Omega)^{-\nu/2}\det(\Sigma)^{-P/2}\det\left[\Omega^{-1} + "
          r"(T - M)\Sigma^{-1}(T - M)^{\top}\right]^{-(\nu + N)/2}",
    variables={"M": Matrix("P", "N"), "Om": Matrix("P", "P", "spd", tex=r"\Omega"),
               "S": Matrix("N", "N", "spd", tex=r"\Sigma"), "nu": Scalar(tex=r"\nu")},
    symbols=MATRIX_T,
    conditions="ν > P − 1 (here P + 1/2 to P + 6), so that every gamma function is defined and the density "
               "integrable.",
    prepare=_degrees(0.5, 6.0, dim="Om"),
    lhs=lambda M, Om, S, nu: _matrix_t_mass(M, Om, S, nu),
    rhs=lambda M, Om, S, nu: np.float64(1.0),
    sizes=(1, 2),
    errata=[Erratum(
        cookbook(341),
        "As printed the density does not integrate to one. N and P are exchanged in three places: the gamma "
        "functions' numerators, the power of det(Σ) and the outer power should have N where P is printed, and "
        "det(Σ) the power −P/2 where −N/2 is printed (Σ is N × N); and there is a stray factor ν. It is right "
        "only for square T, without the ν. With a single row (P one) the corrected density is the Student t "
        "density (337) in N dimensions, with Ω one over ν.",
        printed=r"\pi^{-NP/2}\prod_{p=1}^{P}\frac{\Gamma[(\nu + P - p + 1)/2]}{\Gamma[(\nu - p + 1)/2]}\times\nu"
                r"\det(\Omega)^{-\nu/2}\det(\Sigma)^{-N/2}\times\det\left[\Omega^{-1} + (T - M)\Sigma^{-1}"
                r"(T - M)^{\top}\right]^{-(\nu + P)/2}",
        lhs=lambda M, Om, S, nu: _matrix_t_mass(M, Om, S, nu, printed=True))],
    notes="T is P × N, Ω the P × P scale of its rows and Σ the N × N scale of its columns. The check integrates "
          "over the matrices with one row and two columns or two rows and one column, in polar coordinates around M; "
          "these are the shapes where the printed exponents, which swap N and P, go wrong.",
    references=[cookbook(341, note="printed with N and P exchanged and a stray factor ν")],
    related=["Q6G8"],
    aliases=["matrix t distribution", "matrix-variate t density", "matrix Student t"],
)


Equality(
    id="CKQT",
    title="The Wishart density integrates to one",
    latex=r"\int_{M \succ 0} p(M \mid \Sigma, m)\,\mathrm{d}M = 1, \quad p(M \mid \Sigma, m) = "
          r"\frac{\det(\Sigma)^{-m/2}\det(M)^{(m - P - 1)/2}}{2^{mP/2}\pi^{P(P - 1)/4}\prod_{p=1}^{P}"
          r"\Gamma\left[\frac{1}{2}(m + 1 - p)\right]}\exp\left[-\frac{1}{2}\operatorname{tr}(\Sigma^{-1}M)\right]",
    variables={"S": Matrix("P", "P", "spd", tex=r"\Sigma"), "m": Scalar()},
    symbols=WISHART,
    conditions="m, the degrees of freedom, exceeds P − 1 (here P + 1 to P + 6).",
    prepare=_degrees(1.0, 6.0, name="m"),
    lhs=lambda S, m: (lambda M, det, inv, w: w @ wishart_pdf(M, det, S, m))(*_wishart_nodes(S, m)),
    rhs=lambda S, m: np.float64(1.0),
    sizes=(1, 2),
    notes="The integral runs over the positive definite matrices, one and two dimensional, with dM the product "
          "of the differentials of the independent entries. For two dimensions the coordinates are the first "
          "diagonal entry, the off-diagonal entry and the Schur complement, each ranging freely; see the module's "
          "helper _spd. For integer m it is the law of the sum of m outer products of independent Gaussian vectors "
          "of covariance Σ.",
    references=[cookbook(342)],
    related=["D2KZ", "DMM7"],
    aliases=["Wishart distribution", "Wishart density", "Wishart pdf normalisation", "multivariate gamma function"],
)


Equality(
    id="D2KZ",
    title="Mean of the Wishart distribution",
    latex=r"\mathrm{E}(M) = \int_{M \succ 0} M\,p(M \mid \Sigma, m)\,\mathrm{d}M = m\Sigma",
    variables={"S": Matrix("P", "P", "spd", tex=r"\Sigma"), "m": Scalar()},
    symbols={"M": "the Wishart random matrix, and the matrix of integration", "p": "the Wishart density (342)",
             "g": "gᵢ, independent Gaussian vectors", "i": "the index of the vectors",
             r"\mathcal{N}": "the Gaussian distribution"},
    conditions="m, the degrees of freedom, exceeds P − 1 (here P + 1 to P + 6).",
    prepare=_degrees(1.0, 6.0, name="m"),
    lhs=lambda S, m: (lambda M, det, inv, w: np.einsum("k,kij->ij", w * wishart_pdf(M, det, S, m), M))(
        *_wishart_nodes(S, m)),
    rhs=lambda S, m: m * S,
    also=[Formula(r"\mathrm{E}\left(\sum_{i=1}^{3} g_{i}g_{i}^{\top}\right) = 3\Sigma, \quad g_{i} \sim \mathcal{N}(0, \Sigma)"
                  r"\text{ independent}",
                  lambda S, m: _outer_products_mean(S, 3), lambda S, m: 3 * S)],
    sizes=(1, 2),
    notes="The integral of M against the density (342), by the quadrature of entry CKQT. The formula below is "
          "the same mean for m equal to three, where the Wishart matrix is the sum of three outer products of "
          "independent Gaussian vectors, computed by Gauss–Hermite quadrature over the 3P coordinates.",
    references=[cookbook(343)],
    related=["CKQT"],
    aliases=["Wishart mean", "expected scatter matrix", "E[M] = m Sigma"],
)


def _outer_products_mean(S, k):
    """E[Σᵢ gᵢgᵢᵀ] over k independent N(0, Σ) vectors by the tensor Gauss–Hermite rule (exact for degree 2)."""
    P = S.shape[0]
    L = np.linalg.cholesky(S)
    z, w = np.polynomial.hermite_e.hermegauss(2)
    w = w / w.sum()
    grid = np.array(list(itertools.product(range(2), repeat=k * P)))
    pts, wts = z[grid].reshape(-1, k, P), np.prod(w[grid], axis=1)
    G = pts @ L.T                                              # rows: the k vectors gᵢ
    return np.einsum("q,qki,qkj->ij", wts, G, G)


def _inverse_wishart_moments(S, m, exponent=None):
    """∫ p(M) dM and the entries of ∫ M⁻¹ p(M) dM for the inverse Wishart density."""
    M, det, inv, w = _inverse_wishart_nodes(S, m)
    wp = w * inverse_wishart_pdf(det, inv, S, m, exponent)
    return np.concatenate([[np.sum(wp)], np.einsum("k,kij->ij", wp, inv).ravel()])


IW_PRINTED = (r"\frac{\det(\Sigma)^{m/2}\det(M)^{-(m - P - 1)/2}}{2^{mP/2}\pi^{P(P - 1)/4}\prod_{p=1}^{P}"
              r"\Gamma\left[\frac{1}{2}(m + 1 - p)\right]}\exp\left[-\frac{1}{2}\operatorname{tr}(\Sigma M^{-1})\right]")

Equality(
    id="DMM7",
    title="The inverse Wishart density integrates to one, and the mean of its inverse",
    latex=r"\int_{M \succ 0} p(M \mid \Sigma, m)\,\mathrm{d}M = 1, \quad \int_{M \succ 0} M^{-1}p(M \mid \Sigma, m)\,"
          r"\mathrm{d}M = m\Sigma^{-1}, \quad p(M \mid \Sigma, m) = "
          r"\frac{\det(\Sigma)^{m/2}\det(M)^{-(m + P + 1)/2}}{2^{mP/2}\pi^{P(P - 1)/4}\prod_{p=1}^{P}"
          r"\Gamma\left[\frac{1}{2}(m + 1 - p)\right]}\exp\left[-\frac{1}{2}\operatorname{tr}(\Sigma M^{-1})\right]",
    variables={"S": Matrix("P", "P", "spd", tex=r"\Sigma"), "m": Scalar()},
    symbols=WISHART,
    conditions="m, the degrees of freedom, exceeds P − 1 (here P + 1 to P + 6).",
    prepare=_degrees(1.0, 6.0, name="m"),
    lhs=lambda S, m: _inverse_wishart_moments(S, m),
    rhs=lambda S, m: np.concatenate([[1.0], (m * np.linalg.inv(S)).ravel()]),
    sizes=(1, 2),
    errata=[Erratum(
        cookbook(344),
        "The power of det(M) is printed as −(m − P − 1)/2; it is −(m + P + 1)/2. M is the inverse of a Wishart "
        "matrix W of scale Σ⁻¹, and the change of variables from W to its inverse contributes the power −(P + 1) "
        "of det(M) besides the Wishart's (m − P − 1)/2, taken at the inverse. As printed the density does not "
        "integrate to one (for P + 1 degrees of freedom it is not even integrable at large M).",
        printed=IW_PRINTED,
        lhs=lambda S, m: _inverse_wishart_moments(S, m, exponent=-(m - S.shape[0] - 1) / 2))],
    notes="Integrated over the positive definite matrices as in entry CKQT. If M has this density, M⁻¹ is "
          "Wishart with scale Σ⁻¹ and the same m, so its mean is mΣ⁻¹ (eq. 343): the second integral. The check "
          "compares the mass and the entries of that mean together.",
    references=[cookbook(344, note="printed with the power −(m − P − 1)/2 of det(M)")],
    related=["CKQT", "PF4Z"],
    aliases=["inverse Wishart distribution", "inverted Wishart density", "inverse Wishart pdf",
             "conjugate prior of a covariance"],
)


Equality(
    id="PF4Z",
    title="Mean of the inverse Wishart distribution",
    latex=r"\mathrm{E}(M) = \int_{M \succ 0} M\,p(M \mid \Sigma, m)\,\mathrm{d}M = \Sigma\frac{1}{m - P - 1}, \quad m > P + 1",
    variables={"S": Matrix("P", "P", "spd", tex=r"\Sigma"), "m": Scalar()},
    symbols={"M": "the inverse Wishart random matrix, and the matrix of integration",
             "p": "the inverse Wishart density (344, corrected)"},
    conditions="m > P + 1, so that the mean exists (here P + 4 to P + 9).",
    prepare=_degrees(4.0, 9.0, name="m"),
    lhs=lambda S, m: (lambda M, det, inv, w: np.einsum("k,kij->ij", w * inverse_wishart_pdf(det, inv, S, m), M))(
        *_inverse_wishart_nodes(S, m)),
    rhs=lambda S, m: S / (m - S.shape[0] - 1),
    sizes=(1, 2),
    notes="The integral of M against the corrected density of entry DMM7. The tail of the density falls off "
          "slowly: the mean exists only for m beyond P + 1, and the check keeps m well beyond it.",
    references=[cookbook(345)],
    related=["DMM7"],
    aliases=["inverse Wishart mean", "expected covariance under inverse Wishart prior"],
)
