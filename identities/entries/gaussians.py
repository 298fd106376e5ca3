"""Gaussians.

The Matrix Cookbook's chapter 8, eqs. (346)–(396): the Gaussian density and its normalisation, marginals
and conditionals of a partitioned Gaussian, linear combinations, rearranging means, completing the
square, products of densities, moments (means, covariances, the moments of linear, quadratic, cubic and
quartic forms), whitening, the chi-square connection, the entropy, and mixtures of Gaussians with the
derivatives of their log-density.

Integrals over the variable of a density are computed by the trapezoidal rule on a wide uniform grid (in
one or two dimensions, where it converges faster than any power of the spacing); expectations of
polynomials under a Gaussian by Gauss–Hermite quadrature, which is exact for them.
"""
import numpy as np

from identities import (Derivative, Differential, Discrete, Equality, Erratum, Expectation, Formula, Gaussian, Matrix, Scalar,
                        Step, Tensor, Vector, cookbook, ref)

# --------------------------------------------------------------------------------------------
# Shared numerics: the density (two codings), quadrature, sampling helpers


def _logpdf(X, m, S):
    """log N(x | m, S) at a point x, or at each row of X, through a linear solve and slogdet."""
    X = np.asarray(X, dtype=float)
    R = X - m
    sol = np.linalg.solve(S, R.T).T if R.ndim == 2 else np.linalg.solve(S, R)
    return -0.5 * (len(m) * np.log(2 * np.pi) + np.linalg.slogdet(S)[1] + np.sum(R * sol, axis=-1))


def _pdf(X, m, S):
    return np.exp(_logpdf(X, m, S))


def _density(x, m, S):
    """The density as the Cookbook prints it: det(2πΣ)^(−1/2) exp(−½ (x − m)ᵀ Σ⁻¹ (x − m))."""
    r = x - m
    return np.exp(-0.5 * r @ np.linalg.inv(S) @ r) / np.sqrt(np.linalg.det(2 * np.pi * S))


def _density_rows(X, m, S):
    """The printed density at each row of X (vectorised)."""
    R = X - m
    return np.exp(-0.5 * np.einsum("ij,jk,ik->i", R, np.linalg.inv(S), R)) / np.sqrt(np.linalg.det(2 * np.pi * S))


def _grid(center, half=12.0, h=0.35):
    """A uniform grid (rows) of spacing h on the cube of half-width `half` about `center`, and the cell
    volume: the trapezoidal rule for a smooth integrand that vanishes at the faces."""
    d = len(center)
    t = np.arange(-half, half + h / 2, h)
    pts = np.stack(np.meshgrid(*([t] * d), indexing="ij"), axis=-1).reshape(-1, d)
    return pts + center, h ** d


def _hermite(m, S, nodes):
    """The tensor Gauss–Hermite rule for N(m, S): points (rows) and weights, exact for polynomials of
    degree 2·nodes − 1."""
    z, w = np.polynomial.hermite_e.hermegauss(nodes)
    w = w / w.sum()
    d = len(m)
    Z = np.stack(np.meshgrid(*([z] * d), indexing="ij"), axis=-1).reshape(-1, d)
    W = np.prod(np.stack(np.meshgrid(*([w] * d), indexing="ij"), axis=-1).reshape(-1, d), axis=1)
    return m + Z @ np.linalg.cholesky(S).T, W


def _atoms(mean, cov, seed=0):
    """A skewed distribution on d + 3 points (rows) with exactly this mean and covariance: a law that is
    not Gaussian, for identities that hold for any distribution."""
    d = len(mean)
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((d + 3, d))
    w = rng.uniform(0.5, 1.5, size=d + 3)
    w = w / w.sum()
    z = z - w @ z
    ev, V = np.linalg.eigh(z.T @ (w[:, None] * z))
    z = z @ (V / np.sqrt(ev)) @ V.T @ np.linalg.cholesky(cov).T
    return mean + z, w


def _sqrtm(S):
    """The symmetric positive definite square root Σ^(1/2), by eigh."""
    ev, V = np.linalg.eigh(S)
    return (V * np.sqrt(ev)) @ V.T


def _invsqrtm(S):
    ev, V = np.linalg.eigh(S)
    return (V / np.sqrt(ev)) @ V.T


def _spd_stack(rng, values, name):
    """A sampler (`prepare`): the tensor `name` becomes a stack of symmetric positive definite matrices."""
    from identities.assumptions import VOCABULARY
    K, d, _ = values[name].shape
    values[name] = np.stack([VOCABULARY["spd"].generate(rng, (d, d)) for _ in range(K)])
    return values


def _b(s):
    """A bold symbol that carries its subscript (one token for the symbol check): x_a, m_1, ..."""
    return r"\mathbf{" + s + "}"


def _g(s):
    """A bold Greek symbol with its subscript: Σ_a, μ_a, Σ_1, ..."""
    return r"\mathbf{" + s + "}"


PI = {r"\pi": "the circle constant"}
N = {r"\mathcal{N}": "the Gaussian density, N(x | m, Σ) or N_x(m, Σ): det(2πΣ)^(−1/2) exp(−½ (x − m)ᵀ Σ⁻¹ (x − m))",
     **PI}
DENSITY_REF = "§8.1.1, density and normalization"

# --------------------------------------------------------------------------------------------
# 8.1.1 Density and normalization (346); the derivatives (347)–(348) are ZEDN and E5E0


Equality(
    id="S4FC",
    title="The Gaussian density integrates to one",
    latex=r"\int \frac{1}{\sqrt{\det(2\pi\Sigma)}}\exp\left[-\tfrac{1}{2}(x - m)^{\top}\Sigma^{-1}(x - m)\right]"
          r"\mathrm{d}x = 1",
    variables={"m": Vector("d"), "S": Matrix("d", "d", "spd", tex=r"\Sigma")},
    symbols={**PI, "x": "the variable of integration, a d-vector"},
    lhs=lambda m, S: np.sum(_density_rows(_grid(m)[0], m, S)) * _grid(m)[1],
    rhs=lambda m, S: np.float64(1.0),
    also=[Formula(r"\det(2\pi\Sigma) = (2\pi)^{d}\det(\Sigma)",
                  lambda S: np.linalg.det(2 * np.pi * S), lambda S: (2 * np.pi) ** len(S) * np.linalg.det(S))],
    sizes=(1, 2),
    notes="The density of x ∼ N(m, Σ) is the integrand: the check integrates it, as printed, by the trapezoidal "
          "rule over a wide grid in one and two dimensions. The determinant of 2πΣ carries the factor 2π once "
          "for every dimension.",
    references=[cookbook(346)],
    related=["ZEDN", "E5E0", "VQQP"],
    aliases=["multivariate normal density", "Gaussian pdf", "normalisation of the Gaussian",
             "normal distribution density formula"],
)


def _quadratic_integral(A, c):
    """∫ exp(−½ xᵀAx + cᵀx) dx on a grid about the peak (the peak only places the grid)."""
    As = (A + A.T) / 2
    pts, vol = _grid(np.linalg.solve(As, c))
    return np.sum(np.exp(-0.5 * np.einsum("ij,jk,ik->i", pts, A, pts) + pts @ c)) * vol


def _form_sampler(rng, v):
    # A: a symmetric positive definite part plus an antisymmetric part, so that A is not symmetric
    from identities.assumptions import VOCABULARY
    K = rng.standard_normal(v["A"].shape)
    v["A"] = VOCABULARY["spd"].generate(rng, v["A"].shape) + (K - K.T) / 2
    return v


Equality(
    id="VQQP",
    title="Gaussian integral of the exponential of a quadratic with a linear term",
    latex=r"\int \exp\left[-\tfrac{1}{2}x^{\top}Ax + c^{\top}x\right]\mathrm{d}x = "
          r"\sqrt{\det\left(4\pi(A + A^{\top})^{-1}\right)}\exp\left[c^{\top}(A + A^{\top})^{-1}c\right]",
    variables={"A": Matrix("d", "d", "square"), "c": Vector("d"), "m": Vector("d"),
               "S": Matrix("d", "d", "spd", tex=r"\Sigma")},
    symbols={**PI, "x": "the variable of integration, a d-vector"},
    conditions="The symmetric part of A, ½(A + Aᵀ), is positive definite; A itself need not be symmetric (it "
               "is drawn with an antisymmetric part).",
    prepare=_form_sampler,
    lhs=lambda A, c, **_: _quadratic_integral(A, c),
    rhs=lambda A, c, **_: np.sqrt(np.linalg.det(4 * np.pi * np.linalg.inv(A + A.T)))
    * np.exp(c @ np.linalg.solve(A + A.T, c)),
    also=[Formula(r"\int \exp\left[-\tfrac{1}{2}(x - m)^{\top}\Sigma^{-1}(x - m)\right]\mathrm{d}x = "
                  r"\sqrt{\det(2\pi\Sigma)}",
                  lambda m, S: np.sum(np.exp(_logpdf(_grid(m)[0], m, S))) * _grid(m)[1]
                  * np.sqrt(np.linalg.det(2 * np.pi * S)),
                  lambda S: np.sqrt(np.linalg.det(2 * np.pi * S))),
          Formula(r"\int \exp\left[-\tfrac{1}{2}x^{\top}\Sigma^{-1}x + m^{\top}\Sigma^{-1}x\right]\mathrm{d}x = "
                  r"\sqrt{\det(2\pi\Sigma)}\exp\left[\tfrac{1}{2}m^{\top}\Sigma^{-1}m\right]",
                  lambda m, S: _quadratic_integral(np.linalg.inv(S), np.linalg.solve(S, m)),
                  lambda m, S: np.sqrt(np.linalg.det(2 * np.pi * S)) * np.exp(0.5 * m @ np.linalg.solve(S, m)))],
    sizes=(1, 2),
    notes="Only the symmetric part of A enters xᵀAx, so the integral depends on ½(A + Aᵀ): its inverse doubled is "
          "the (A + Aᵀ)⁻¹ above. For a symmetric positive definite A the right side is the familiar "
          "√det(2πA⁻¹) exp(½ cᵀA⁻¹c). The two formulas below are its cases with A the precision Σ⁻¹: centred at "
          "m, and with the linear term Σ⁻¹m.",
    errata=[Erratum(
        ref("matrix-cookbook-2012", DENSITY_REF),
        "The Cookbook writes the right side with A⁻¹ (and A⁻ᵀ in the exponent), as if A could be any matrix. "
        "The integral only sees the symmetric part of A: with A not symmetric, det A differs from the determinant "
        "of its symmetric part, and the printed value is wrong. It holds for symmetric positive definite A.",
        printed=r"\int \exp\left[-\tfrac{1}{2}x^{\top}Ax + c^{\top}x\right]\mathrm{d}x = "
                r"\sqrt{\det(2\pi A^{-1})}\exp\left[\tfrac{1}{2}c^{\top}A^{-\top}c\right]",
        rhs=lambda A, c, **_: np.sqrt(np.linalg.det(2 * np.pi * np.linalg.inv(A)))
        * np.exp(0.5 * c @ np.linalg.inv(A).T @ c))],
    references=[ref("matrix-cookbook-2012", DENSITY_REF + ", integration and normalization (unnumbered)")],
    related=["S4FC", "A05F"],
    aliases=["Gaussian integral", "integral of exp of quadratic form", "completing the square integral",
             "normalising constant of a Gaussian"],
)


def _trace_integral(A, C):
    """∫ exp(−½ tr(XᵀAX) + tr(CᵀX)) dX over the entries of X, on a grid about the peak A⁻¹C."""
    d, n = C.shape
    peak = np.linalg.solve(A, C).reshape(-1, order="F")
    pts, vol = _grid(peak)
    Xs = pts.reshape(-1, n, d).transpose(0, 2, 1)          # columns stacked: X = [x_1 … x_n]
    return np.sum(np.exp(-0.5 * np.einsum("kij,il,klj->k", Xs, A, Xs) + np.einsum("ij,kij->k", C, Xs))) * vol


Equality(
    id="W39Q",
    title="Gaussian integral over a matrix of a trace quadratic with a linear term",
    latex=r"\int \exp\left[-\tfrac{1}{2}\operatorname{tr}(X^{\top}AX) + \operatorname{tr}(C^{\top}X)\right]\mathrm{d}X"
          r" = \sqrt{\det(2\pi A^{-1})}^{\,n}\exp\left[\tfrac{1}{2}\operatorname{tr}(C^{\top}A^{-1}C)\right]",
    variables={"A": Matrix("d", "d", "spd"), "C": Matrix("d", "n")},
    symbols={**PI, "X": "the variable of integration, a d × n matrix with columns x_1, …, x_n"},
    lhs=_trace_integral,
    rhs=lambda A, C: np.sqrt(np.linalg.det(2 * np.pi * np.linalg.inv(A))) ** C.shape[1]
    * np.exp(0.5 * np.trace(C.T @ np.linalg.solve(A, C))),
    sizes=(1, 2),
    notes="The integrand factorises over the columns of X, each a Gaussian integral in d dimensions; so the "
          "constant is the d-dimensional one raised to the number of columns. The check integrates over all dn "
          "entries of X on a grid (dn at most two).",
    references=[ref("matrix-cookbook-2012", DENSITY_REF + ", integration and normalization (unnumbered)")],
    related=["VQQP", "9JQ6"],
    aliases=["matrix Gaussian integral", "trace form Gaussian integral", "integral of exp trace quadratic"],
)

# --------------------------------------------------------------------------------------------
# 8.1.2 Marginal and 8.1.3 conditional distributions of a partitioned Gaussian

XA, XB, MUA, MUB = _b("x_a"), _b("x_b"), _g(r"\mu_a"), _g(r"\mu_b")
SA, SB, SC = _g(r"\Sigma_a"), _g(r"\Sigma_b"), _g(r"\Sigma_c")
PARTITION = {"xa": Vector("a", tex=XA), "xb": Vector("b", tex=XB), "mua": Vector("a", tex=MUA),
             "mub": Vector("b", tex=MUB), "Sa": Matrix("a", "a", "spd", tex=SA),
             "Sb": Matrix("b", "b", "spd", tex=SB), "Sc": Matrix("a", "b", tex=SC)}
PARTITION_WORDS = ("x = (x_a, x_b) is Gaussian with mean (μ_a, μ_b) and covariance the block matrix with "
                   "diagonal blocks Σ_a, Σ_b and off-diagonal block Σ_c (Σ_cᵀ below). Σ_c is scaled so that the "
                   "block matrix is positive definite.")
JOINT_TEX = (r"\begin{bmatrix}" + XA + r"\\ " + XB + r"\end{bmatrix} \sim \mathcal{N}\left(\begin{bmatrix}" + MUA
             + r"\\ " + MUB + r"\end{bmatrix}, \begin{bmatrix}" + SA + " & " + SC + r"\\ " + SC + r"^{\top} & " + SB
             + r"\end{bmatrix}\right):\quad ")
JOINT = {_g(r"\Sigma"): "the joint covariance, the block matrix [Σ_a, Σ_c; Σ_cᵀ, Σ_b]",
         "p": "a density: the joint density of (x_a, x_b), or its marginal or conditional"}


def _joint_sampler(rng, v):
    # Σ_c = Σ_a^(1/2) K Σ_b^(1/2) with ‖K‖ ≤ 0.8: then the block matrix is positive definite
    K = _invsqrtm(v["Sa"]) @ v["Sc"] @ _invsqrtm(v["Sb"])
    norm = np.linalg.norm(K, 2)
    if norm > 0.8:
        v["Sc"] = v["Sc"] * (0.8 / norm)
    return v


def _joint(Sa, Sb, Sc):
    return np.block([[Sa, Sc], [Sc.T, Sb]])


def _joint_pdf(xa, xb, mua, mub, Sa, Sb, Sc):
    """The joint density at the rows of the stacked points [xa, xb] (arrays of rows)."""
    return _pdf(np.hstack([xa, xb]), np.concatenate([mua, mub]), _joint(Sa, Sb, Sc))


def _marginal_a(xa, mua, mub, Sa, Sb, Sc):
    """∫ p(x_a, x_b) dx_b on a grid about μ_b, wide enough for any conditional mean of the samples."""
    pts, vol = _grid(mub, half=16.0)
    return np.sum(_joint_pdf(np.tile(xa, (len(pts), 1)), pts, mua, mub, Sa, Sb, Sc)) * vol


def _marginal_b(xb, mua, mub, Sa, Sb, Sc):
    pts, vol = _grid(mua, half=16.0)
    return np.sum(_joint_pdf(pts, np.tile(xb, (len(pts), 1)), mua, mub, Sa, Sb, Sc)) * vol


Equality(
    id="00XA",
    title="Marginal of a partitioned Gaussian: the first block",
    latex=JOINT_TEX + r"p(" + XA + r") = \int p(" + XA + ", " + XB + r")\,\mathrm{d}" + XB + r" = \mathcal{N}_{" + XA + "}("
          + MUA + ", " + SA + ")",
    variables=PARTITION,
    symbols={**N, **JOINT},
    conditions=PARTITION_WORDS,
    prepare=_joint_sampler,
    lhs=lambda xa, mua, mub, Sa, Sb, Sc, **_: _marginal_a(xa, mua, mub, Sa, Sb, Sc),
    rhs=lambda xa, mua, Sa, **_: _density(xa, mua, Sa),
    sizes=(1, 2),
    notes="Marginalising a Gaussian keeps the block of the mean and the diagonal block of the covariance. The "
          "check integrates the joint density over x_b numerically (x_b of one or two entries) at a random x_a. "
          "The point x_b is not used: the integral removes it.",
    references=[cookbook(350)],
    related=["NTR4", "YRVB"],
    aliases=["marginal distribution of a Gaussian", "marginalising a multivariate normal",
             "marginal of multivariate normal"],
)

Equality(
    id="NTR4",
    title="Marginal of a partitioned Gaussian: the second block",
    latex=JOINT_TEX + r"p(" + XB + r") = \int p(" + XA + ", " + XB + r")\,\mathrm{d}" + XA + r" = \mathcal{N}_{" + XB + "}("
          + MUB + ", " + SB + ")",
    variables=PARTITION,
    symbols={**N, **JOINT},
    conditions=PARTITION_WORDS,
    prepare=_joint_sampler,
    lhs=lambda xb, mua, mub, Sa, Sb, Sc, **_: _marginal_b(xb, mua, mub, Sa, Sb, Sc),
    rhs=lambda xb, mub, Sb, **_: _density(xb, mub, Sb),
    sizes=(1, 2),
    notes="The check integrates the joint density over x_a numerically (x_a of one or two entries) at a random "
          "x_b; the point x_a is not used.",
    references=[cookbook(351)],
    related=["00XA", "PXD5"],
    aliases=["marginal distribution of a Gaussian", "marginal of multivariate normal second block"],
)

MUA_HAT, SA_HAT = _g(r"\hat\mu_a"), _g(r"\hat\Sigma_a")
MUB_HAT, SB_HAT = _g(r"\hat\mu_b"), _g(r"\hat\Sigma_b")


def _cond_a(xa, xb, mua, mub, Sa, Sb, Sc):
    """p(x_a | x_b) by its definition, the joint density over the marginal of x_b."""
    return _joint_pdf(xa[None, :], xb[None, :], mua, mub, Sa, Sb, Sc)[0] / _pdf(xb, mub, Sb)


def _cond_b(xa, xb, mua, mub, Sa, Sb, Sc):
    return _joint_pdf(xa[None, :], xb[None, :], mua, mub, Sa, Sb, Sc)[0] / _pdf(xa, mua, Sa)


Equality(
    id="YRVB",
    title="Conditional of a partitioned Gaussian: the first block given the second",
    latex=JOINT_TEX + r"p(" + XA + r" \mid " + XB + r") = \frac{p(" + XA + ", " + XB + ")}{p(" + XB + r")} = \mathcal{N}_{"
          + XA + "}(" + MUA_HAT + ", " + SA_HAT + r"), \quad " + MUA_HAT + " = " + MUA + " + " + SC + SB
          + r"^{-1}(" + XB + " - " + MUB + r"), \quad " + SA_HAT + " = " + SA + " - " + SC + SB + "^{-1}" + SC
          + r"^{\top}",
    variables=PARTITION,
    symbols={**N, **JOINT, MUA_HAT: "the conditional mean of x_a", SA_HAT: "the conditional covariance of x_a"},
    conditions=PARTITION_WORDS,
    prepare=_joint_sampler,
    lhs=_cond_a,
    rhs=lambda xa, xb, mua, mub, Sa, Sb, Sc: _density(
        xa, mua + Sc @ np.linalg.inv(Sb) @ (xb - mub), Sa - Sc @ np.linalg.inv(Sb) @ Sc.T),
    also=[Formula(SA_HAT + r" = \left((" + _g(r"\Sigma") + r"^{-1})_{aa}\right)^{-1}",
                  lambda Sa, Sb, Sc: Sa - Sc @ np.linalg.solve(Sb, Sc.T),
                  lambda Sa, Sb, Sc: np.linalg.inv(np.linalg.inv(_joint(Sa, Sb, Sc))[:len(Sa), :len(Sa)]))],
    notes="The conditional covariance is the Schur complement of Σ_b in the joint covariance, which is also the "
          "inverse of the a-block of the joint precision (the formula below; see the Cookbook's §9.1.5). The "
          "check divides the joint density by the marginal of x_b at random points.",
    references=[cookbook(353)],
    related=["00XA", "PXD5"],
    aliases=["conditional distribution of a Gaussian", "Gaussian conditioning", "conditional mean and covariance",
             "Schur complement conditional covariance", "Gaussian process posterior formula"],
)

Equality(
    id="PXD5",
    title="Conditional of a partitioned Gaussian: the second block given the first",
    latex=JOINT_TEX + r"p(" + XB + r" \mid " + XA + r") = \frac{p(" + XA + ", " + XB + ")}{p(" + XA + r")} = \mathcal{N}_{"
          + XB + "}(" + MUB_HAT + ", " + SB_HAT + r"), \quad " + MUB_HAT + " = " + MUB + " + " + SC
          + r"^{\top}" + SA + r"^{-1}(" + XA + " - " + MUA + r"), \quad " + SB_HAT + " = " + SB + " - " + SC
          + r"^{\top}" + SA + "^{-1}" + SC,
    variables=PARTITION,
    symbols={**N, **JOINT, MUB_HAT: "the conditional mean of x_b", SB_HAT: "the conditional covariance of x_b"},
    conditions=PARTITION_WORDS,
    prepare=_joint_sampler,
    lhs=_cond_b,
    rhs=lambda xa, xb, mua, mub, Sa, Sb, Sc: _density(
        xb, mub + Sc.T @ np.linalg.inv(Sa) @ (xa - mua), Sb - Sc.T @ np.linalg.inv(Sa) @ Sc),
    also=[Formula(SB_HAT + r" = \left((" + _g(r"\Sigma") + r"^{-1})_{bb}\right)^{-1}",
                  lambda Sa, Sb, Sc: Sb - Sc.T @ np.linalg.solve(Sa, Sc),
                  lambda Sa, Sb, Sc: np.linalg.inv(np.linalg.inv(_joint(Sa, Sb, Sc))[len(Sa):, len(Sa):]))],
    notes="The conditional covariance is the Schur complement of Σ_a in the joint covariance, the inverse of the "
          "b-block of the joint precision. The check divides the joint density by the marginal of x_a.",
    references=[cookbook(354)],
    related=["NTR4", "YRVB"],
    aliases=["conditional distribution of a Gaussian", "Gaussian conditioning second block"],
)

# --------------------------------------------------------------------------------------------
# 8.1.4 Linear combination (355)

MX, MY, SX, SY = _b("m_x"), _b("m_y"), _g(r"\Sigma_x"), _g(r"\Sigma_y")


def _combination_moments(A, B, c, mx, my, Sx, Sy, Sxy):
    """Mean and covariance of Ax + By + c for (x, y) Gaussian with cross-covariance Sxy, by Gauss–Hermite
    quadrature over the stacked (x, y) (two nodes a dimension: exact to degree three)."""
    n = len(mx)
    Z, W = _hermite(np.concatenate([mx, my]), np.block([[Sx, Sxy], [Sxy.T, Sy]]), 2)
    U = Z[:, :n] @ A.T + Z[:, n:] @ B.T + c
    mean = W @ U
    R = U - mean
    return np.concatenate([mean, ((W[:, None] * R).T @ R).ravel()])


def _cross_sampler(rng, v):
    # a cross-covariance scaled so that the joint covariance of (x, y) is positive definite
    K = _invsqrtm(v["Sx"]) @ v["Sxy"] @ _invsqrtm(v["Sy"])
    v["Sxy"] = v["Sxy"] * (0.8 / max(np.linalg.norm(K, 2), 1e-12))
    return v


LINEAR = {"A": Matrix("q", "n"), "B": Matrix("q", "k"), "c": Vector("q"), "mx": Vector("n", tex=MX),
          "my": Vector("k", tex=MY), "Sx": Matrix("n", "n", "spd", tex=SX), "Sy": Matrix("k", "k", "spd", tex=SY)}

Equality(
    id="GSG2",
    title="A linear combination of independent Gaussian vectors is Gaussian",
    latex=r"A\mathbf{x} + B\mathbf{y} + c \sim \mathcal{N}\left(A" + MX + " + B" + MY + r" + c,\ A" + SX
          + r"A^{\top} + B" + SY + r"B^{\top}\right)",
    variables=LINEAR,
    symbols={**N, _b("x"): "a random vector, Gaussian with mean m_x and covariance Σ_x",
             _b("y"): "a random vector independent of x, Gaussian with mean m_y and covariance Σ_y"},
    conditions="x and y are independent.",
    lhs=lambda A, B, c, mx, my, Sx, Sy: _combination_moments(A, B, c, mx, my, Sx, Sy, np.zeros((len(mx), len(my)))),
    rhs=lambda A, B, c, mx, my, Sx, Sy, **_: np.concatenate([A @ mx + B @ my + c,
                                                        (A @ Sx @ A.T + B @ Sy @ B.T).ravel()]),
    notes="A linear image of a Gaussian vector is Gaussian, so its mean and covariance determine it: the check "
          "computes both exactly by Gauss–Hermite quadrature over the stacked vector (x, y) with independent "
          "blocks, and compares them with the stated parameters (the mean, then the covariance entries).",
    errata=[Erratum(
        cookbook(355),
        "The Cookbook assumes only that x and y are each Gaussian. The covariance it gives needs them independent "
        "(uncorrelated, jointly Gaussian): with a cross-covariance between x and y the covariance of the "
        "combination gains the cross terms A Cov[x, y] Bᵀ and its transpose, and the printed formula is wrong.",
        printed=_b("x") + r" \sim \mathcal{N}(" + MX + ", " + SX + r"),\ " + _b("y") + r" \sim \mathcal{N}(" + MY
                + ", " + SY + r") \;\Rightarrow\; A\mathbf{x} + B\mathbf{y} + c \sim \mathcal{N}\left(A" + MX + " + B"
                + MY + r" + c,\ A" + SX + r"A^{\top} + B" + SY + r"B^{\top}\right)",
        variables={**LINEAR, "Sxy": Matrix("n", "k")},
        prepare=_cross_sampler,
        lhs=lambda A, B, c, mx, my, Sx, Sy, Sxy: _combination_moments(A, B, c, mx, my, Sx, Sy, Sxy))],
    references=[cookbook(355, note="x and y must be independent, which the Cookbook leaves unsaid")],
    related=["EC5D", "HKMT"],
    aliases=["linear combination of Gaussians", "sum of independent Gaussian vectors", "affine transform of Gaussian",
             "distribution of Ax + By + c"],
)

# --------------------------------------------------------------------------------------------
# 8.1.5 Rearranging means (356)–(357)


def _rearranged(x, A, m, S, with_factor=True):
    """The right side of the rearrangement for a tall A of full column rank: P = AᵀΣ⁻¹A, u = P⁻¹AᵀΣ⁻¹m
    (A⁻¹m when m is in the range of A), r = m − Au."""
    Si = np.linalg.inv(S)
    P = A.T @ Si @ A
    Pinv = np.linalg.inv(P)
    u = Pinv @ A.T @ Si @ m
    r = m - A @ u
    ratio = np.sqrt(np.linalg.det(2 * np.pi * Pinv)) / np.sqrt(np.linalg.det(2 * np.pi * S))
    factor = np.exp(-0.5 * r @ Si @ r) if with_factor else 1.0
    return ratio * factor * _density(x, u, Pinv)


Equality(
    id="8W3B",
    title="Rearranging the mean of a Gaussian density in Ax, for a tall A",
    latex=r"\mathcal{N}_{Ax}[m, \Sigma] = \frac{\sqrt{\det\left(2\pi P^{-1}\right)}}{\sqrt{\det(2\pi\Sigma)}}"
          r"\exp\left[-\tfrac{1}{2}r^{\top}\Sigma^{-1}r\right]\mathcal{N}_{x}\left[u, P^{-1}\right], \quad "
          r"P = A^{\top}\Sigma^{-1}A, \quad u = P^{-1}A^{\top}\Sigma^{-1}m, \quad r = m - Au",
    variables={"x": Vector("k"), "A": Matrix("n", "k", "full_column_rank"), "m": Vector("n"),
               "S": Matrix("n", "n", "spd", tex=r"\Sigma")},
    symbols={**N, "P": "the precision AᵀΣ⁻¹A of the rearranged density (invertible: A has full column rank)",
             "u": "the weighted least-squares solution of Au ≈ m", "r": "the residual m − Au"},
    lhs=lambda x, A, m, S: _pdf(A @ x, m, S),
    rhs=lambda x, A, m, S: _rearranged(x, A, m, S),
    notes="N_{Ax}[m, Σ] is the Gaussian density of mean m and covariance Σ evaluated at Ax, read as a function of "
          "x: up to a constant it is a Gaussian density in x, with precision AᵀΣ⁻¹A. When m lies in the range of "
          "A the residual r vanishes, the exponential factor is one, u is the solution of Au equal to m, and the "
          "Cookbook's form holds with u for A⁻¹m; for a square invertible A that is the next entry.",
    errata=[Erratum(
        cookbook(356),
        "Printed with A⁻¹m, which does not exist for a rectangular A, and without the factor exp(−½ rᵀΣ⁻¹r). Read "
        "with the weighted least-squares solution u for A⁻¹m, the printed formula holds only when m lies in the "
        "range of A (r is zero); for other m it is too large by that factor.",
        printed=r"\mathcal{N}_{Ax}[m, \Sigma] = \frac{\sqrt{\det\left(2\pi(A^{\top}\Sigma^{-1}A)^{-1}\right)}}"
                r"{\sqrt{\det(2\pi\Sigma)}}\mathcal{N}_{x}\left[A^{-1}m, (A^{\top}\Sigma^{-1}A)^{-1}\right]",
        rhs=lambda x, A, m, S: _rearranged(x, A, m, S, with_factor=False))],
    references=[cookbook(356, note="A⁻¹m read as the weighted least-squares solution; the printed form needs m "
                                   "in the range of A")],
    related=["DZF8"],
    aliases=["rearranging means", "Gaussian in Ax as a Gaussian in x", "change of variables in a Gaussian density",
             "linear Gaussian likelihood as a density in x"],
)

Equality(
    id="DZF8",
    title="Rearranging the mean of a Gaussian density in Ax, for an invertible A",
    latex=r"\mathcal{N}_{Ax}[m, \Sigma] = \frac{1}{|\det(A)|}\mathcal{N}_{x}\left[A^{-1}m, "
          r"(A^{\top}\Sigma^{-1}A)^{-1}\right]",
    variables={"x": Vector("n"), "A": Matrix("n", "n", "invertible"), "m": Vector("n"),
               "S": Matrix("n", "n", "spd", tex=r"\Sigma")},
    symbols=N,
    lhs=lambda x, A, m, S: _pdf(A @ x, m, S),
    rhs=lambda x, A, m, S: _density(x, np.linalg.solve(A, m), np.linalg.inv(A.T @ np.linalg.inv(S) @ A))
    / abs(np.linalg.det(A)),
    notes="The density of the image under A, evaluated at Ax, against a density in x: the factor 1/|det A| is the "
          "Jacobian of the change of variables.",
    references=[cookbook(357)],
    related=["8W3B"],
    aliases=["rearranging means", "Gaussian density under an invertible linear map", "change of variables Gaussian"],
)

# --------------------------------------------------------------------------------------------
# 8.1.6 Rearranging into squared form (358)–(359): completing the square

Equality(
    id="A05F",
    title="Completing the square of a quadratic with a linear term",
    latex=r"-\tfrac{1}{2}x^{\top}Ax + b^{\top}x = -\tfrac{1}{2}(x - A^{-1}b)^{\top}A(x - A^{-1}b) "
          r"+ \tfrac{1}{2}b^{\top}A^{-1}b",
    variables={"x": Vector("n"), "A": Matrix("n", "n", "symmetric_invertible"), "b": Vector("n")},
    lhs=lambda x, A, b: -0.5 * x @ A @ x + b @ x,
    rhs=lambda x, A, b: -0.5 * (x - np.linalg.solve(A, b)) @ A @ (x - np.linalg.solve(A, b))
    + 0.5 * b @ np.linalg.solve(A, b),
    notes="A must be symmetric (and invertible): for a non-symmetric A the cross terms of the square are bᵀx and "
          "bᵀA⁻ᵀAx, which differ. Definiteness is not needed.",
    references=[cookbook(358)],
    related=["9JQ6", "VQQP"],
    aliases=["completing the square", "rearranging into squared form", "quadratic form square completion"],
)

Equality(
    id="9JQ6",
    title="Completing the square of a trace quadratic with a linear term",
    latex=r"-\tfrac{1}{2}\operatorname{tr}(X^{\top}AX) + \operatorname{tr}(B^{\top}X) = "
          r"-\tfrac{1}{2}\operatorname{tr}\left[(X - A^{-1}B)^{\top}A(X - A^{-1}B)\right] "
          r"+ \tfrac{1}{2}\operatorname{tr}(B^{\top}A^{-1}B)",
    variables={"X": Matrix("n", "k"), "A": Matrix("n", "n", "symmetric_invertible"), "B": Matrix("n", "k")},
    lhs=lambda X, A, B: -0.5 * np.trace(X.T @ A @ X) + np.trace(B.T @ X),
    rhs=lambda X, A, B: -0.5 * np.trace((X - np.linalg.solve(A, B)).T @ A @ (X - np.linalg.solve(A, B)))
    + 0.5 * np.trace(B.T @ np.linalg.solve(A, B)),
    notes="The matrix form of completing the square: column by column it is the vector form, summed.",
    references=[cookbook(359)],
    related=["A05F", "W39Q"],
    aliases=["completing the square matrix", "trace quadratic square completion"],
)

# --------------------------------------------------------------------------------------------
# 8.1.7 Sum of two squared forms (360)–(367)

X1, M1, M2, MC = _b("x"), _b("m_1"), _b("m_2"), _b("m_c")
S1, S2, SCc = _g(r"\Sigma_1"), _g(r"\Sigma_2"), _g(r"\Sigma_c")
TWO = {"x": Vector("n", tex=X1), "m1": Vector("n", tex=M1), "m2": Vector("n", tex=M2),
       "S1": Matrix("n", "n", "spd", tex=S1), "S2": Matrix("n", "n", "spd", tex=S2)}
SUM_SYMBOLS = {SCc: "the combined covariance, (Σ₁⁻¹ + Σ₂⁻¹)⁻¹", MC: "the combined mean",
               "C": "the constant left over, independent of x"}


def _inv(M):
    return np.linalg.inv(M)


def _c_vector(m1, m2, S1, S2):
    """C as the Cookbook prints it."""
    v = _inv(S1) @ m1 + _inv(S2) @ m2
    return 0.5 * v @ _inv(_inv(S1) + _inv(S2)) @ v - 0.5 * (m1 @ _inv(S1) @ m1 + m2 @ _inv(S2) @ m2)


def _mc(m1, m2, S1, S2):
    return _inv(_inv(S1) + _inv(S2)) @ (_inv(S1) @ m1 + _inv(S2) @ m2)


Equality(
    id="18XP",
    title="Sum of two squared forms as one squared form plus a constant",
    latex=r"-\tfrac{1}{2}(" + X1 + " - " + M1 + r")^{\top}" + S1 + "^{-1}(" + X1 + " - " + M1 + r") "
          r"-\tfrac{1}{2}(" + X1 + " - " + M2 + r")^{\top}" + S2 + "^{-1}(" + X1 + " - " + M2 + r") = "
          r"-\tfrac{1}{2}(" + X1 + " - " + MC + r")^{\top}" + SCc + "^{-1}(" + X1 + " - " + MC + r") + C, \quad "
          + SCc + "^{-1} = " + S1 + "^{-1} + " + S2 + r"^{-1}, \quad " + MC + " = (" + S1 + "^{-1} + " + S2
          + "^{-1})^{-1}(" + S1 + "^{-1}" + M1 + " + " + S2 + "^{-1}" + M2 + r"), \quad C = \tfrac{1}{2}("
          + M1 + r"^{\top}" + S1 + "^{-1} + " + M2 + r"^{\top}" + S2 + "^{-1})(" + S1 + "^{-1} + " + S2
          + "^{-1})^{-1}(" + S1 + "^{-1}" + M1 + " + " + S2 + "^{-1}" + M2 + r") - \tfrac{1}{2}(" + M1
          + r"^{\top}" + S1 + "^{-1}" + M1 + " + " + M2 + r"^{\top}" + S2 + "^{-1}" + M2 + ")",
    variables=TWO,
    symbols=SUM_SYMBOLS,
    lhs=lambda x, m1, m2, S1, S2: -0.5 * (x - m1) @ np.linalg.solve(S1, x - m1)
    - 0.5 * (x - m2) @ np.linalg.solve(S2, x - m2),
    rhs=lambda x, m1, m2, S1, S2: -0.5 * (x - _mc(m1, m2, S1, S2)) @ (_inv(S1) + _inv(S2))
    @ (x - _mc(m1, m2, S1, S2)) + _c_vector(m1, m2, S1, S2),
    also=[Formula(SCc + " = " + S1 + "(" + S1 + " + " + S2 + ")^{-1}" + S2,
                  lambda S1, S2: _inv(_inv(S1) + _inv(S2)), lambda S1, S2: S1 @ np.linalg.solve(S1 + S2, S2)),
          Formula(MC + " = " + S2 + "(" + S1 + " + " + S2 + ")^{-1}" + M1 + " + " + S1 + "(" + S1 + " + " + S2
                  + ")^{-1}" + M2,
                  _mc, lambda m1, m2, S1, S2: S2 @ np.linalg.solve(S1 + S2, m1) + S1 @ np.linalg.solve(S1 + S2, m2)),
          Formula(r"C = -\tfrac{1}{2}(" + M1 + " - " + M2 + r")^{\top}(" + S1 + " + " + S2 + ")^{-1}(" + M1 + " - "
                  + M2 + ")",
                  _c_vector, lambda m1, m2, S1, S2: -0.5 * (m1 - m2) @ np.linalg.solve(S1 + S2, m1 - m2))],
    notes="Σ₁ and Σ₂ need only be symmetric with an invertible sum of inverses for the identity; they are drawn "
          "positive definite, as covariances. The three formulas below are equivalent forms of the combined "
          "covariance, the combined mean and the constant, each with a single inverse of Σ₁ + Σ₂: the constant is "
          "the exponent of a Gaussian density in m₁ − m₂ with covariance Σ₁ + Σ₂, as in the product of two "
          "densities.",
    references=[cookbook(360), cookbook(361), cookbook(362), cookbook(363)],
    related=["A05F", "W6HY", "7EZ5"],
    aliases=["sum of two quadratic forms", "combining two Gaussians exponents", "completing the square two Gaussians",
             "precision-weighted mean"],
)

XM, MM1, MM2, MMC = _b("X"), _b("M_1"), _b("M_2"), _b("M_c")
TWO_TRACE = {"X": Matrix("n", "k", tex=XM), "M1": Matrix("n", "k", tex=MM1), "M2": Matrix("n", "k", tex=MM2),
             "S1": Matrix("n", "n", "spd", tex=S1), "S2": Matrix("n", "n", "spd", tex=S2)}


def _c_trace(M1, M2, S1, S2):
    V = _inv(S1) @ M1 + _inv(S2) @ M2
    return 0.5 * np.trace(V.T @ _inv(_inv(S1) + _inv(S2)) @ V) - 0.5 * np.trace(M1.T @ _inv(S1) @ M1
                                                                                 + M2.T @ _inv(S2) @ M2)


def _tr_form(X, M, S):
    return np.trace((X - M).T @ np.linalg.solve(S, X - M))


Equality(
    id="W6HY",
    title="Sum of two trace squared forms as one squared form plus a constant",
    latex=r"-\tfrac{1}{2}\operatorname{tr}\left((" + XM + " - " + MM1 + r")^{\top}" + S1 + "^{-1}(" + XM + " - "
          + MM1 + r")\right) - \tfrac{1}{2}\operatorname{tr}\left((" + XM + " - " + MM2 + r")^{\top}" + S2 + "^{-1}("
          + XM + " - " + MM2 + r")\right) = -\tfrac{1}{2}\operatorname{tr}\left[(" + XM + " - " + MMC + r")^{\top}"
          + SCc + "^{-1}(" + XM + " - " + MMC + r")\right] + C, \quad " + SCc + "^{-1} = " + S1 + "^{-1} + " + S2
          + r"^{-1}, \quad " + MMC + " = (" + S1 + "^{-1} + " + S2 + "^{-1})^{-1}(" + S1 + "^{-1}" + MM1 + " + "
          + S2 + "^{-1}" + MM2 + r"), \quad C = \tfrac{1}{2}\operatorname{tr}\left[(" + S1 + "^{-1}" + MM1 + " + "
          + S2 + "^{-1}" + MM2 + r")^{\top}(" + S1 + "^{-1} + " + S2 + "^{-1})^{-1}(" + S1 + "^{-1}" + MM1 + " + "
          + S2 + "^{-1}" + MM2 + r")\right] - \tfrac{1}{2}\operatorname{tr}(" + MM1 + r"^{\top}" + S1 + "^{-1}"
          + MM1 + " + " + MM2 + r"^{\top}" + S2 + "^{-1}" + MM2 + ")",
    variables=TWO_TRACE,
    symbols={**SUM_SYMBOLS, MMC: "the combined mean, an n × k matrix"},
    lhs=lambda X, M1, M2, S1, S2: -0.5 * _tr_form(X, M1, S1) - 0.5 * _tr_form(X, M2, S2),
    rhs=lambda X, M1, M2, S1, S2: -0.5 * np.trace(
        (X - _mc(M1, M2, S1, S2)).T @ (_inv(S1) + _inv(S2)) @ (X - _mc(M1, M2, S1, S2))) + _c_trace(M1, M2, S1, S2),
    also=[Formula(r"C = -\tfrac{1}{2}\operatorname{tr}\left[(" + MM1 + " - " + MM2 + r")^{\top}(" + S1 + " + " + S2
                  + ")^{-1}(" + MM1 + " - " + MM2 + r")\right]",
                  _c_trace, lambda M1, M2, S1, S2: -0.5 * np.trace((M1 - M2).T @ np.linalg.solve(S1 + S2, M1 - M2)))],
    notes="The vector identity applied to each column of X, M₁ and M₂ and summed: the combined covariance is the "
          "same, the combined mean is a matrix, and the constant is again a Gaussian exponent in M₁ − M₂.",
    references=[cookbook(364), cookbook(365), cookbook(366), cookbook(367)],
    related=["18XP"],
    aliases=["sum of two trace quadratic forms", "matrix completing the square two Gaussians"],
)

# --------------------------------------------------------------------------------------------
# 8.1.8 Product of Gaussian densities (368)–(371)

CC = r"c_{c}"

Equality(
    id="7EZ5",
    title="Product of two Gaussian densities is a scaled Gaussian density",
    latex=r"\mathcal{N}_{" + X1 + "}(" + M1 + ", " + S1 + r")\cdot\mathcal{N}_{" + X1 + "}(" + M2 + ", " + S2
          + r") = c\,\mathcal{N}_{" + X1 + "}(" + MC + ", " + SCc + r"), \quad c = \mathcal{N}_{" + M1 + "}(" + M2
          + ", " + S1 + " + " + S2 + r"), \quad " + MC + " = (" + S1 + "^{-1} + " + S2 + "^{-1})^{-1}(" + S1
          + "^{-1}" + M1 + " + " + S2 + "^{-1}" + M2 + r"), \quad " + SCc + " = (" + S1 + "^{-1} + " + S2
          + "^{-1})^{-1}",
    variables=TWO,
    symbols={**N, "c": "the scale of the product (the Cookbook's c_c)", MC: "the mean of the product, normalised",
             SCc: "the covariance of the product, normalised"},
    lhs=lambda x, m1, m2, S1, S2: _pdf(x, m1, S1) * _pdf(x, m2, S2),
    rhs=lambda x, m1, m2, S1, S2: _pdf(m1, m2, S1 + S2) * _density(x, _mc(m1, m2, S1, S2), _inv(_inv(S1) + _inv(S2))),
    also=[Formula(r"c = \frac{1}{\sqrt{\det\left(2\pi(" + S1 + " + " + S2 + r")\right)}}\exp\left[-\tfrac{1}{2}("
                  + M1 + " - " + M2 + r")^{\top}(" + S1 + " + " + S2 + ")^{-1}(" + M1 + " - " + M2 + r")\right]",
                  lambda m1, m2, S1, S2: _pdf(m1, m2, S1 + S2),
                  lambda m1, m2, S1, S2: np.exp(-0.5 * (m1 - m2) @ np.linalg.solve(S1 + S2, m1 - m2))
                  / np.sqrt(np.linalg.det(2 * np.pi * (S1 + S2))))],
    notes="The product is not normalised as a density of x: its integral is c, the density of m₁ under a Gaussian "
          "about m₂ with the summed covariance (in Bayesian terms, the evidence of a Gaussian prior and "
          "likelihood). The exponents combine as in the sum of two squared forms.",
    references=[cookbook(368), cookbook(369), cookbook(370), cookbook(371)],
    related=["18XP"],
    aliases=["product of Gaussians", "product of two normal densities", "multiplying Gaussian pdfs",
             "Gaussian product rule", "fusion of two Gaussian estimates"],
)

# --------------------------------------------------------------------------------------------
# 8.2.1 Mean and covariance of linear forms (372)–(376)

GAUSS_XM = {"m": Vector("n"), "S": Matrix("n", "n", "spd", tex=r"\Sigma")}
GAUSSIAN_X = {"x": Gaussian(mean="m", cov="S")}


def _moment(m, S, f, nodes=2):
    """E f(x) for x ∼ N(m, S) by Gauss–Hermite quadrature; f takes the points as rows."""
    Z, W = _hermite(m, S, nodes)
    return np.tensordot(W, f(Z), axes=1)


Expectation(
    id="TQ4P",
    title="Mean of a Gaussian vector",
    latex=r"x \sim \mathcal{N}(m, \Sigma):\quad \mathbb{E}(x) = m",
    variables=GAUSS_XM,
    symbols=N,
    random=GAUSSIAN_X,
    integrand=lambda x, m, S: x,
    expected=lambda m, S: m,
    degree=1,
    references=[cookbook(372)],
    related=["KE9C", "WTB2"],
    aliases=["expected value of a Gaussian", "mean of multivariate normal"],
)

Expectation(
    id="KE9C",
    title="Covariance of a Gaussian vector",
    latex=r"x \sim \mathcal{N}(m, \Sigma):\quad \operatorname{Cov}(x, x) = \operatorname{Var}(x) = "
          r"\mathbb{E}\left[(x - m)(x - m)^{\top}\right] = \Sigma",
    variables=GAUSS_XM,
    symbols=N,
    random=GAUSSIAN_X,
    integrand=lambda x, m, S: np.outer(x - m, x - m),
    expected=lambda m, S: S,
    degree=2,
    also=[Formula(r"\mathbb{E}(xx^{\top}) - \mathbb{E}(x)\mathbb{E}(x^{\top}) = \mathbb{E}(xx^{\top}) - mm^{\top}"
                  r" = \Sigma",
                  lambda m, S: _moment(m, S, lambda Z: Z[:, :, None] * Z[:, None, :])
                  - np.outer(_moment(m, S, lambda Z: Z), _moment(m, S, lambda Z: Z)),
                  lambda m, S: _moment(m, S, lambda Z: Z[:, :, None] * Z[:, None, :]) - np.outer(m, m),
                  lambda S: S)],
    notes="The formula below computes the moments E(xxᵀ) and E(x) by Gauss–Hermite quadrature too.",
    references=[cookbook(373)],
    related=["TQ4P", "WTB2"],
    aliases=["covariance matrix of a Gaussian", "variance of multivariate normal"],
)

Expectation(
    id="EC5D",
    title="Mean of a linear transform of a random vector",
    latex=r"\mathbb{E}[Ax] = A\,\mathbb{E}[x] = Am",
    variables={"A": Matrix("k", "n"), "m": Vector("n")},
    random={"x": Discrete(mean="m")},
    integrand=lambda x, A, m: A @ x,
    expected=lambda A, m: A @ m,
    notes="As for any other distribution, the expectation is linear: the check uses a skewed distribution on a "
          "few points with mean m, not a Gaussian.",
    references=[cookbook(374)],
    related=["TQ4P", "HKMT"],
    aliases=["linearity of expectation", "expected value of Ax"],
)

Expectation(
    id="HKMT",
    title="Covariance of a linear transform of a random vector",
    latex=r"\operatorname{Var}[Ax] = \mathbb{E}\left[(Ax - Am)(Ax - Am)^{\top}\right] = A\operatorname{Var}[x]A^{\top}"
          r" = A\Sigma A^{\top}",
    variables={"A": Matrix("k", "n"), "m": Vector("n"), "S": Matrix("n", "n", "spd", tex=r"\Sigma")},
    random={"x": Discrete(mean="m", cov="S")},
    integrand=lambda x, A, m, S: np.outer(A @ (x - m), A @ (x - m)),
    expected=lambda A, m, S: A @ S @ A.T,
    notes="Holds for any distribution with mean m and covariance Σ: the check uses a skewed distribution on a few "
          "points with exactly those moments.",
    references=[cookbook(375)],
    related=["EC5D", "1U0M", "GSG2"],
    aliases=["covariance of a linear transformation", "variance of Ax", "propagation of covariance"],
)


def _cross_cov(A, B, G):
    """Cov[Ax, By] for (x, y) with cross-covariance Γ on a skewed discrete law (marginal covariances large
    enough for the joint one to be positive definite)."""
    n, k = G.shape
    s = 1.0 + np.linalg.norm(G, 2)
    Z, w = _atoms(np.linspace(-1.0, 1.0, n + k), np.block([[s * np.eye(n), G], [G.T, s * np.eye(k)]]))
    Z = Z - w @ Z
    return (A @ (w * Z[:, :n].T)) @ (Z[:, n:] @ B.T)


Equality(
    id="1U0M",
    title="Cross-covariance of two linear transforms",
    latex=r"\operatorname{Cov}[Ax, By] = A\operatorname{Cov}[x, y]B^{\top} = A\Gamma B^{\top}, \quad "
          r"\Gamma = \operatorname{Cov}[x, y]",
    variables={"A": Matrix("p", "n"), "B": Matrix("q", "k"), "G": Matrix("n", "k", tex=r"\Gamma")},
    symbols={"x": "a random n-vector", "y": "a random k-vector, jointly distributed with x"},
    lhs=_cross_cov,
    rhs=lambda A, B, G: A @ G @ B.T,
    notes="Holds for any joint distribution of x and y: the check computes the cross-covariance on a skewed "
          "distribution on a few points whose cross-covariance is exactly Γ.",
    references=[cookbook(376)],
    related=["HKMT"],
    aliases=["cross covariance of linear transforms", "Cov(Ax, By)", "covariance of two linear maps"],
)

# --------------------------------------------------------------------------------------------
# 8.2.2 Mean and variance of square forms (377)–(382)

Expectation(
    id="WTB2",
    title="Second moment of a Gaussian vector",
    latex=r"x \sim \mathcal{N}(m, \Sigma):\quad \mathbb{E}(xx^{\top}) = \Sigma + mm^{\top}",
    variables=GAUSS_XM,
    symbols=N,
    random=GAUSSIAN_X,
    integrand=lambda x, m, S: np.outer(x, x),
    expected=lambda m, S: S + np.outer(m, m),
    degree=2,
    references=[cookbook(377)],
    related=["KE9C", "K739"],
    aliases=["second moment matrix", "E[x x transpose]", "correlation matrix of a Gaussian"],
)

Expectation(
    id="K739",
    title="Mean of a quadratic form in a Gaussian vector",
    latex=r"x \sim \mathcal{N}(m, \Sigma):\quad \mathbb{E}\left[x^{\top}Ax\right] = \operatorname{tr}(A\Sigma) "
          r"+ m^{\top}Am",
    variables={"A": Matrix("n", "n", "square"), **GAUSS_XM},
    symbols=N,
    random=GAUSSIAN_X,
    integrand=lambda x, A, m, S: x @ A @ x,
    expected=lambda A, m, S: np.trace(A @ S) + m @ A @ m,
    degree=2,
    notes="A need not be symmetric. The formula uses only the mean and covariance, so it holds for any "
          "distribution with them.",
    references=[cookbook(378)],
    related=["WTB2", "D24P", "GKRC"],
    aliases=["expected value of a quadratic form", "mean of x transpose A x", "trace trick expectation"],
)


def _qmean(A, m, S):
    return np.trace(A @ S) + m @ A @ m


Expectation(
    id="D24P",
    title="Variance of a quadratic form in a Gaussian vector",
    latex=r"x \sim \mathcal{N}(m, \Sigma):\quad \operatorname{Var}(x^{\top}Ax) = "
          r"\operatorname{tr}\left[A\Sigma(A + A^{\top})\Sigma\right] + m^{\top}(A + A^{\top})\Sigma(A + A^{\top})m",
    variables={"A": Matrix("n", "n", "square"), **GAUSS_XM},
    symbols=N,
    random=GAUSSIAN_X,
    integrand=lambda x, A, m, S: (x @ A @ x - _qmean(A, m, S)) ** 2,
    expected=lambda A, m, S: np.trace(A @ S @ (A + A.T) @ S) + m @ (A + A.T) @ S @ (A + A.T) @ m,
    degree=4,
    notes="The integrand is the squared deviation of xᵀAx from its mean tr(AΣ) + mᵀAm (entry K739). A need not be "
          "symmetric; only its symmetric part matters, and for symmetric A the variance is 2 tr(AΣAΣ) + 4 mᵀAΣAm. "
          "Unlike the mean, this uses the Gaussian fourth moments.",
    references=[cookbook(379)],
    related=["K739", "1FX9", "3H0U"],
    aliases=["variance of a quadratic form", "Var of x transpose A x", "variance of Gaussian quadratic form"],
)

Expectation(
    id="GKRC",
    title="Mean of a quadratic form about another point",
    latex=r"x \sim \mathcal{N}(m, \Sigma):\quad \mathbb{E}\left[(x - m_0)^{\top}A(x - m_0)\right] = "
          r"(m - m_0)^{\top}A(m - m_0) + \operatorname{tr}(A\Sigma)",
    variables={"A": Matrix("n", "n", "square"), "mp": Vector("n", tex="m_0"), **GAUSS_XM},
    symbols=N,
    random=GAUSSIAN_X,
    integrand=lambda x, A, mp, m, S: (x - mp) @ A @ (x - mp),
    expected=lambda A, mp, m, S: (m - mp) @ A @ (m - mp) + np.trace(A @ S),
    degree=2,
    notes="The point m₀ is the Cookbook's m′. The bias–variance split of an expected squared distance: the "
          "distance of the means plus the spread.",
    references=[cookbook(380)],
    related=["K739"],
    aliases=["expected squared distance", "expected quadratic form about a point", "bias variance decomposition"],
)


def _isotropic(rng, v):
    # Σ = σ²I
    v["S"] = v["s"] ** 2 * np.eye(len(v["m"]))
    return v


def _isotropic_centred(rng, v):
    v["m"] = np.zeros_like(v["m"])
    return _isotropic(rng, v)


Expectation(
    id="1FX9",
    title="Variance of a symmetric quadratic form in an isotropic Gaussian vector",
    latex=r"x \sim \mathcal{N}(m, \Sigma),\ \Sigma = \sigma^{2}I:\quad \operatorname{Var}(x^{\top}Ax) = "
          r"2\sigma^{4}\operatorname{tr}(A^{2}) + 4\sigma^{2}m^{\top}A^{2}m",
    variables={"A": Matrix("n", "n", "symmetric"), "s": Scalar("positive", tex=r"\sigma"), **GAUSS_XM},
    symbols=N,
    conditions="Σ is σ² times the identity.",
    prepare=_isotropic,
    random=GAUSSIAN_X,
    integrand=lambda x, A, s, m, S: (x @ A @ x - s ** 2 * np.trace(A) - m @ A @ m) ** 2,
    expected=lambda A, s, m, S: 2 * s ** 4 * np.trace(A @ A) + 4 * s ** 2 * m @ A @ A @ m,
    degree=4,
    notes="The general variance (entry D24P) for an isotropic covariance and a symmetric A. The integrand is the "
          "squared deviation of the form from its mean.",
    references=[cookbook(381)],
    related=["D24P"],
    aliases=["variance of quadratic form isotropic", "Var x transpose A x white noise"],
)

Expectation(
    id="FF3G",
    title="Covariance of two quadratic forms in a centred isotropic Gaussian vector",
    latex=r"x \sim \mathcal{N}(m, \Sigma),\ m = 0,\ \Sigma = \sigma^{2}I:\quad "
          r"\operatorname{Cov}(x^{\top}Ax, x^{\top}Bx) = 2\sigma^{4}\operatorname{tr}(AB)",
    variables={"A": Matrix("n", "n", "symmetric"), "B": Matrix("n", "n", "symmetric"),
               "s": Scalar("positive", tex=r"\sigma"), **GAUSS_XM},
    symbols=N,
    conditions="m is zero and Σ is σ² times the identity.",
    prepare=_isotropic_centred,
    random=GAUSSIAN_X,
    integrand=lambda x, A, B, s, m, S: (x @ A @ x - s ** 2 * np.trace(A)) * (x @ B @ x - s ** 2 * np.trace(B)),
    expected=lambda A, B, s, m, S: 2 * s ** 4 * np.trace(A @ B),
    degree=4,
    notes="The integrand is the product of the deviations of the two forms from their means σ² tr(A) and σ² tr(B). "
          "With A equal to B it is the variance 2σ⁴ tr(A²).",
    references=[cookbook(382)],
    related=["1FX9"],
    aliases=["covariance of quadratic forms", "Cov(x^T A x, x^T B x)"],
)

# --------------------------------------------------------------------------------------------
# 8.2.3 Cubic forms (383) and 8.2.4 mean of quartic forms (unnumbered)

CUBIC_XM = {"m": Vector("n"), "M": Matrix("n", "n", "spd")}

Expectation(
    id="7N2P",
    title="Mean of a cubic form in a Gaussian vector",
    latex=r"x \sim \mathcal{N}(m, M):\quad \mathbb{E}\left[xb^{\top}xx^{\top}\right] = mb^{\top}(M + mm^{\top}) "
          r"+ (M + mm^{\top})bm^{\top} + b^{\top}m(M - mm^{\top})",
    variables={"b": Vector("n"), **CUBIC_XM},
    symbols=N,
    random={"x": Gaussian(mean="m", cov="M")},
    integrand=lambda x, b, m, M: np.outer(x, x) * (b @ x),
    expected=lambda b, m, M: np.outer(m, b) @ (M + np.outer(m, m)) + (M + np.outer(m, m)) @ np.outer(b, m)
    + (b @ m) * (M - np.outer(m, m)),
    degree=3,
    notes="The Cookbook assumes a vector with independent coordinates, mean m and covariance M. What the formula "
          "needs is that the third central moments vanish, as they do for a Gaussian with any covariance M; for a "
          "skewed law, with independent coordinates or not, a term in the third central moments is missing (the "
          "Cookbook's §6.2.3 gives it).",
    errata=[Erratum(cookbook(383), "The stated assumption, independent coordinates, is neither needed (a Gaussian "
                                   "with a full covariance M satisfies the formula) nor enough (a skewed law adds a "
                                   "third-moment term); the formula holds for Gaussian x.")],
    references=[cookbook(383, note="for Gaussian x (zero third central moments)")],
    related=["WTB2", "Q8RH"],
    aliases=["third moment of a Gaussian", "cubic form expectation", "E[x b^T x x^T]"],
)

GAUSS_S = {"m": Vector("n"), "S": Matrix("n", "n", "spd", tex=r"\Sigma")}
QUARTIC_REF = "§8.2.4, mean of quartic forms (unnumbered)"


def _second(m, S):
    return S + np.outer(m, m)


Expectation(
    id="Q8RH",
    title="Fourth moment of a Gaussian vector, E[xxᵀxxᵀ]",
    latex=r"x \sim \mathcal{N}(m, \Sigma):\quad \mathbb{E}\left[xx^{\top}xx^{\top}\right] = 2(\Sigma + mm^{\top})^{2}"
          r" + m^{\top}m(\Sigma - mm^{\top}) + \operatorname{tr}(\Sigma)(\Sigma + mm^{\top})",
    variables=GAUSS_S,
    symbols=N,
    random=GAUSSIAN_X,
    integrand=lambda x, m, S: np.outer(x, x) * (x @ x),
    expected=lambda m, S: 2 * _second(m, S) @ _second(m, S) + (m @ m) * (S - np.outer(m, m))
    + np.trace(S) * _second(m, S),
    degree=4,
    references=[ref("matrix-cookbook-2012", QUARTIC_REF)],
    related=["W3D6", "2D00"],
    aliases=["fourth moment of Gaussian", "E[x x^T x x^T]", "quartic moment of multivariate normal"],
)

Expectation(
    id="W3D6",
    title="Fourth moment of a Gaussian vector with a weight matrix, E[xxᵀAxxᵀ]",
    latex=r"x \sim \mathcal{N}(m, \Sigma):\quad \mathbb{E}\left[xx^{\top}Axx^{\top}\right] = "
          r"(\Sigma + mm^{\top})(A + A^{\top})(\Sigma + mm^{\top}) + m^{\top}Am(\Sigma - mm^{\top}) "
          r"+ \operatorname{tr}(A\Sigma)(\Sigma + mm^{\top})",
    variables={"A": Matrix("n", "n", "square"), **GAUSS_S},
    symbols=N,
    random=GAUSSIAN_X,
    integrand=lambda x, A, m, S: np.outer(x, x) * (x @ A @ x),
    expected=lambda A, m, S: _second(m, S) @ (A + A.T) @ _second(m, S) + (m @ A @ m) * (S - np.outer(m, m))
    + np.trace(A @ S) * _second(m, S),
    degree=4,
    notes="With A the identity it is the previous entry.",
    references=[ref("matrix-cookbook-2012", QUARTIC_REF)],
    related=["Q8RH"],
    aliases=["E[x x^T A x x^T]", "weighted fourth moment Gaussian"],
)

Expectation(
    id="2D00",
    title="Mean of the squared norm squared of a Gaussian vector, E[(xᵀx)²]",
    latex=r"x \sim \mathcal{N}(m, \Sigma):\quad \mathbb{E}\left[x^{\top}xx^{\top}x\right] = "
          r"2\operatorname{tr}(\Sigma^{2}) + 4m^{\top}\Sigma m + \left(\operatorname{tr}(\Sigma) + m^{\top}m\right)^{2}",
    variables=GAUSS_S,
    symbols=N,
    random=GAUSSIAN_X,
    integrand=lambda x, m, S: (x @ x) ** 2,
    expected=lambda m, S: 2 * np.trace(S @ S) + 4 * m @ S @ m + (np.trace(S) + m @ m) ** 2,
    degree=4,
    references=[ref("matrix-cookbook-2012", QUARTIC_REF)],
    related=["Q8RH", "3H0U"],
    aliases=["E[||x||^4]", "fourth moment of the norm of a Gaussian", "mean of squared squared norm"],
)

Expectation(
    id="3H0U",
    title="Mean of the product of two quadratic forms in a Gaussian vector",
    latex=r"x \sim \mathcal{N}(m, \Sigma):\quad \mathbb{E}\left[x^{\top}Axx^{\top}Bx\right] = "
          r"\operatorname{tr}\left[A\Sigma(B + B^{\top})\Sigma\right] + m^{\top}(A + A^{\top})\Sigma(B + B^{\top})m "
          r"+ \left(\operatorname{tr}(A\Sigma) + m^{\top}Am\right)\left(\operatorname{tr}(B\Sigma) + m^{\top}Bm\right)",
    variables={"A": Matrix("n", "n", "square"), "B": Matrix("n", "n", "square"), **GAUSS_S},
    symbols=N,
    random=GAUSSIAN_X,
    integrand=lambda x, A, B, m, S: (x @ A @ x) * (x @ B @ x),
    expected=lambda A, B, m, S: np.trace(A @ S @ (B + B.T) @ S) + m @ (A + A.T) @ S @ (B + B.T) @ m
    + (np.trace(A @ S) + m @ A @ m) * (np.trace(B @ S) + m @ B @ m),
    degree=4,
    notes="A and B need not be symmetric. Subtracting the product of the means leaves the covariance of the two "
          "forms; with B equal to A, the variance of entry D24P.",
    references=[ref("matrix-cookbook-2012", QUARTIC_REF)],
    related=["D24P", "FF3G", "2D00"],
    aliases=["E[x^T A x x^T B x]", "product of quadratic forms expectation", "Isserlis quadratic forms"],
)


def _s(a, m, S, b):
    return a @ (S + np.outer(m, m)) @ b


Expectation(
    id="4F4F",
    title="Mean of the product of four linear forms in a Gaussian vector",
    latex=r"x \sim \mathcal{N}(m, \Sigma):\quad \mathbb{E}\left[a^{\top}xb^{\top}xc^{\top}xd^{\top}x\right] = "
          r"\left(a^{\top}(\Sigma + mm^{\top})b\right)\left(c^{\top}(\Sigma + mm^{\top})d\right) "
          r"+ \left(a^{\top}(\Sigma + mm^{\top})c\right)\left(b^{\top}(\Sigma + mm^{\top})d\right) "
          r"+ \left(a^{\top}(\Sigma + mm^{\top})d\right)\left(b^{\top}(\Sigma + mm^{\top})c\right) "
          r"- 2a^{\top}mb^{\top}mc^{\top}md^{\top}m",
    variables={"a": Vector("n"), "b": Vector("n"), "c": Vector("n"), "d": Vector("n"), **GAUSS_S},
    symbols=N,
    random=GAUSSIAN_X,
    integrand=lambda x, a, b, c, d, m, S: (a @ x) * (b @ x) * (c @ x) * (d @ x),
    expected=lambda a, b, c, d, m, S: _s(a, m, S, b) * _s(c, m, S, d) + _s(a, m, S, c) * _s(b, m, S, d)
    + _s(a, m, S, d) * _s(b, m, S, c) - 2 * (a @ m) * (b @ m) * (c @ m) * (d @ m),
    degree=4,
    notes="With m zero this is Isserlis' (Wick's) theorem for four Gaussian variables: the sum over the three "
          "pairings.",
    references=[ref("matrix-cookbook-2012", QUARTIC_REF)],
    related=["Q8RH"],
    aliases=["Isserlis theorem", "Wick theorem four linear forms", "fourth moment of linear forms"],
)


def _affine(M, m, v):
    return M @ m + v


Expectation(
    id="YWYR",
    title="Mean of a product of four affine forms in a Gaussian vector, outer–outer",
    latex=r"x \sim \mathcal{N}(m, \Sigma):\quad \mathbb{E}\left[(Ax + a)(Bx + b)^{\top}(Cx + c)(Dx + d)^{\top}\right]"
          r" = \left[A\Sigma B^{\top} + (Am + a)(Bm + b)^{\top}\right]\left[C\Sigma D^{\top} + (Cm + c)(Dm + d)^{\top}"
          r"\right] + \left[A\Sigma C^{\top} + (Am + a)(Cm + c)^{\top}\right]\left[B\Sigma D^{\top} + (Bm + b)"
          r"(Dm + d)^{\top}\right] + (Bm + b)^{\top}(Cm + c)\left[A\Sigma D^{\top} - (Am + a)(Dm + d)^{\top}\right] "
          r"+ \operatorname{tr}(B\Sigma C^{\top})\left[A\Sigma D^{\top} + (Am + a)(Dm + d)^{\top}\right]",
    variables={"A": Matrix("p", "n"), "a": Vector("p"), "B": Matrix("k", "n"), "b": Vector("k"),
               "C": Matrix("k", "n"), "c": Vector("k"), "D": Matrix("q", "n"), "d": Vector("q"), **GAUSS_S},
    symbols=N,
    random=GAUSSIAN_X,
    integrand=lambda x, A, a, B, b, C, c, D, d, m, S: np.outer(A @ x + a, B @ x + b) @ np.outer(C @ x + c, D @ x + d),
    expected=lambda A, a, B, b, C, c, D, d, m, S:
    (A @ S @ B.T + np.outer(_affine(A, m, a), _affine(B, m, b)))
    @ (C @ S @ D.T + np.outer(_affine(C, m, c), _affine(D, m, d)))
    + (A @ S @ C.T + np.outer(_affine(A, m, a), _affine(C, m, c)))
    @ (B @ S @ D.T + np.outer(_affine(B, m, b), _affine(D, m, d)))
    + (_affine(B, m, b) @ _affine(C, m, c)) * (A @ S @ D.T - np.outer(_affine(A, m, a), _affine(D, m, d)))
    + np.trace(B @ S @ C.T) * (A @ S @ D.T + np.outer(_affine(A, m, a), _affine(D, m, d))),
    degree=4,
    notes="The minus sign in the third bracket is right: it removes the mean-only term counted twice by the first "
          "two brackets. B and C map to the same space (their outputs are multiplied in (Bx + b)ᵀ(Cx + c)).",
    references=[ref("matrix-cookbook-2012", QUARTIC_REF)],
    related=["GZAC"],
    aliases=["fourth moment of affine forms", "E[(Ax+a)(Bx+b)^T(Cx+c)(Dx+d)^T]"],
)

Expectation(
    id="GZAC",
    title="Mean of a product of two inner products of affine forms in a Gaussian vector",
    latex=r"x \sim \mathcal{N}(m, \Sigma):\quad \mathbb{E}\left[(Ax + a)^{\top}(Bx + b)(Cx + c)^{\top}(Dx + d)\right]"
          r" = \operatorname{tr}\left[A\Sigma(C^{\top}D + D^{\top}C)\Sigma B^{\top}\right] + \left[(Am + a)^{\top}B "
          r"+ (Bm + b)^{\top}A\right]\Sigma\left[C^{\top}(Dm + d) + D^{\top}(Cm + c)\right] "
          r"+ \left[\operatorname{tr}(A\Sigma B^{\top}) + (Am + a)^{\top}(Bm + b)\right]\left[\operatorname{tr}"
          r"(C\Sigma D^{\top}) + (Cm + c)^{\top}(Dm + d)\right]",
    variables={"A": Matrix("p", "n"), "a": Vector("p"), "B": Matrix("p", "n"), "b": Vector("p"),
               "C": Matrix("k", "n"), "c": Vector("k"), "D": Matrix("k", "n"), "d": Vector("k"), **GAUSS_S},
    symbols=N,
    random=GAUSSIAN_X,
    integrand=lambda x, A, a, B, b, C, c, D, d, m, S: ((A @ x + a) @ (B @ x + b)) * ((C @ x + c) @ (D @ x + d)),
    expected=lambda A, a, B, b, C, c, D, d, m, S:
    np.trace(A @ S @ (C.T @ D + D.T @ C) @ S @ B.T)
    + (_affine(A, m, a) @ B + _affine(B, m, b) @ A) @ S @ (C.T @ _affine(D, m, d) + D.T @ _affine(C, m, c))
    + (np.trace(A @ S @ B.T) + _affine(A, m, a) @ _affine(B, m, b))
    * (np.trace(C @ S @ D.T) + _affine(C, m, c) @ _affine(D, m, d)),
    degree=4,
    notes="The scalar counterpart of the previous entry: with all four maps the identity and no offsets it is the "
          "mean of (xᵀx)².",
    references=[ref("matrix-cookbook-2012", QUARTIC_REF)],
    related=["YWYR", "2D00"],
    aliases=["E[(Ax+a)^T(Bx+b)(Cx+c)^T(Dx+d)]", "fourth moment of inner products"],
)

# --------------------------------------------------------------------------------------------
# 8.2.5 Moments of a mixture (384)–(385)

MIX = {"rho": Vector(3, "probability", tex=r"\rho"), "M": Matrix("d", 3, tex="m"),
       "S": Tensor((3, "d", "d"), tex=r"\Sigma")}
MIX_TEX = r"x \sim \sum_{k}\rho_{k}\mathcal{N}(m_{k}, \Sigma_{k}):\quad "
MIX_SYMBOLS = {**N, "k": "the index of a mixture component (k′ a second one)"}
MIX_WORDS = ("x has the mixture density Σ_k ρ_k N(x | m_k, Σ_k): three components with weights ρ_k summing to "
             "one, means the columns m_k of a d × 3 matrix, covariances Σ_k symmetric positive definite.")


def _mixture_pdf(X, rho, M, S):
    return sum(rho[k] * _pdf(X, M[:, k], S[k]) for k in range(len(rho)))


_MOMENTS = {}


def _mixture_moments(rho, M, S):
    """The mean and the covariance of the mixture, by integrating its density on a grid (remembered for the
    instance: the statement, the formula and the wrong answers all need it)."""
    key = (rho.tobytes(), M.shape, M.tobytes(), S.tobytes())
    if key not in _MOMENTS:
        if len(_MOMENTS) > 64:
            _MOMENTS.clear()
        _MOMENTS[key] = _mixture_integrals(rho, M, S)
    return _MOMENTS[key]


def _mixture_integrals(rho, M, S):
    pts, vol = _grid(np.zeros(M.shape[0]), half=15.0)
    w = _mixture_pdf(pts, rho, M, S) * vol
    mean = w @ pts
    R = pts - mean
    return mean, (w[:, None] * R).T @ R


Equality(
    id="X8PM",
    title="Mean of a mixture of Gaussians",
    latex=MIX_TEX + r"\mathbb{E}[x] = \sum_{k}\rho_{k}m_{k}",
    variables=MIX,
    symbols={**MIX_SYMBOLS, "x": "a random d-vector with the mixture density"},
    conditions=MIX_WORDS,
    prepare=lambda rng, v: _spd_stack(rng, v, "S"),
    lhs=lambda rho, M, S: _mixture_moments(rho, M, S)[0],
    rhs=lambda rho, M, S: M @ rho,
    sizes=(1, 2),
    notes="The check integrates x against the mixture density on a grid (in one and two dimensions). The "
          "covariances do not enter the mean.",
    references=[cookbook(384)],
    related=["841G", "ZNW4"],
    aliases=["mean of a Gaussian mixture", "mixture model expected value", "GMM mean"],
)

Equality(
    id="841G",
    title="Covariance of a mixture of Gaussians",
    latex=MIX_TEX + r"\operatorname{Cov}(x) = \sum_{k}\sum_{k^{\prime}}\rho_{k}\rho_{k^{\prime}}\left(\Sigma_{k} + "
          r"m_{k}m_{k}^{\top} - m_{k}m_{k^{\prime}}^{\top}\right)",
    variables=MIX,
    symbols={**MIX_SYMBOLS, "x": "a random d-vector with the mixture density"},
    conditions=MIX_WORDS,
    prepare=lambda rng, v: _spd_stack(rng, v, "S"),
    lhs=lambda rho, M, S: _mixture_moments(rho, M, S)[1],
    rhs=lambda rho, M, S: sum(rho[k] * rho[j] * (S[k] + np.outer(M[:, k], M[:, k]) - np.outer(M[:, k], M[:, j]))
                              for k in range(len(rho)) for j in range(len(rho))),
    also=[Formula(r"\operatorname{Cov}(x) = \sum_{k}\rho_{k}\left(\Sigma_{k} + m_{k}m_{k}^{\top}\right) - "
                  r"\mathbb{E}[x]\,\mathbb{E}[x]^{\top}",
                  lambda rho, M, S: _mixture_moments(rho, M, S)[1],
                  lambda rho, M, S: sum(rho[k] * (S[k] + np.outer(M[:, k], M[:, k])) for k in range(len(rho)))
                  - np.outer(M @ rho, M @ rho))],
    sizes=(1, 2),
    notes="The double sum uses that the weights sum to one: it is the mixture's second moment minus the outer "
          "product of its mean (the formula below), that is the mean within-component covariance plus the spread "
          "of the component means. The check integrates against the mixture density on a grid.",
    references=[cookbook(385)],
    related=["X8PM"],
    aliases=["covariance of a Gaussian mixture", "law of total covariance mixture", "GMM covariance"],
)

# --------------------------------------------------------------------------------------------
# 8.3 Miscellaneous: whitening (386)–(387), the chi-square connection (388), entropy (389)

ROOT = Formula(r"\Sigma^{1/2}\Sigma^{1/2} = \Sigma", lambda S: _sqrtm(S) @ _sqrtm(S), lambda S: S)

Equality(
    id="570L",
    title="Whitening a Gaussian vector",
    latex=r"z = \Sigma^{-1/2}(x - m) \sim \mathcal{N}(0, I):\quad \det(\Sigma^{1/2})\,\mathcal{N}(\Sigma^{1/2}z + m "
          r"\mid m, \Sigma) = \mathcal{N}(z \mid 0, I)",
    variables={"z": Vector("n"), "m": Vector("n"), "S": Matrix("n", "n", "spd", tex=r"\Sigma")},
    symbols={**N, "x": "a random vector, Gaussian with mean m and covariance Σ"},
    lhs=lambda z, m, S: np.linalg.det(_sqrtm(S)) * _pdf(_sqrtm(S) @ z + m, m, S),
    rhs=lambda z, m, S: _density(z, np.zeros_like(z), np.eye(len(z))),
    also=[ROOT, Formula(r"\Sigma^{-1/2} = (\Sigma^{1/2})^{-1}", lambda S: _invsqrtm(S), lambda S: _inv(_sqrtm(S)))],
    notes="The density of z is the density of x at the point mapped back, Σ^(1/2)z + m, times the Jacobian "
          "det Σ^(1/2) of that map: it is the standard normal density. Σ^(1/2) is the symmetric positive definite "
          "square root (the formulas below), which exists and is unique because Σ is positive definite.",
    references=[cookbook(386)],
    related=["PF3R", "62AL"],
    aliases=["whitening transform", "standardising a Gaussian", "Mahalanobis whitening", "sphering"],
)

Equality(
    id="62AL",
    title="Generating a Gaussian vector from a standard one",
    latex=r"x = \Sigma^{1/2}z + m \sim \mathcal{N}(m, \Sigma):\quad \det(\Sigma^{-1/2})\,\mathcal{N}\left("
          r"\Sigma^{-1/2}(x - m) \mid 0, I\right) = \mathcal{N}(x \mid m, \Sigma)",
    variables={"x": Vector("n"), "m": Vector("n"), "S": Matrix("n", "n", "spd", tex=r"\Sigma")},
    symbols={**N, "z": "a random vector, standard normal"},
    lhs=lambda x, m, S: np.linalg.det(_invsqrtm(S)) * _pdf(_invsqrtm(S) @ (x - m), np.zeros_like(x), np.eye(len(x))),
    rhs=lambda x, m, S: _density(x, m, S),
    also=[ROOT],
    notes="The colouring transform, the converse of whitening: the density of x is the standard normal density of "
          "the whitened point times the Jacobian det Σ^(−1/2). Any factor L with LLᵀ equal to Σ (a Cholesky "
          "factor) generates the same distribution.",
    references=[cookbook(387)],
    related=["570L"],
    aliases=["colouring transform", "sampling a multivariate normal", "reparameterisation trick",
             "generate correlated Gaussian samples"],
)


def _mahalanobis_moments(x, m, S):
    q = (x - m) @ np.linalg.solve(S, x - m)
    return np.array([q, q ** 2, q ** 3])


Expectation(
    id="PF3R",
    title="The squared Mahalanobis distance of a Gaussian vector is chi-square",
    latex=r"z = (x - m)^{\top}\Sigma^{-1}(x - m) \sim \chi^{2}_{n}:\quad \left(\mathbb{E}[z], \mathbb{E}[z^{2}], "
          r"\mathbb{E}[z^{3}]\right) = \left(n,\ n(n + 2),\ n(n + 2)(n + 4)\right)",
    variables=GAUSS_XM,
    symbols={r"\chi": "the chi-square distribution (with n degrees of freedom)",
             "z": "the squared Mahalanobis distance of x from its mean"},
    random=GAUSSIAN_X,
    integrand=_mahalanobis_moments,
    expected=lambda m, S: np.array([len(m), len(m) * (len(m) + 2), len(m) * (len(m) + 2) * (len(m) + 4)],
                                   dtype=float),
    degree=6,
    notes="The moments of a chi-square variable with n degrees of freedom are n(n + 2)⋯(n + 2k − 2); the check "
          "compares the first three, computed exactly by Gauss–Hermite quadrature (the chi-square law is determined "
          "by its moments). z is a sum of n squared independent standard normal variables, the whitened "
          "coordinates.",
    references=[cookbook(388)],
    related=["570L"],
    aliases=["chi-square connection", "Mahalanobis distance distribution", "chi squared quadratic form Gaussian"],
)

Expectation(
    id="82UN",
    title="Entropy of a Gaussian vector",
    latex=r"H(x) = -\int \mathcal{N}(m, \Sigma)\ln\mathcal{N}(m, \Sigma)\,\mathrm{d}x = "
          r"-\mathbb{E}\left[\ln\mathcal{N}(x \mid m, \Sigma)\right] = \ln\sqrt{\det(2\pi\Sigma)} + \frac{D}{2}",
    variables={"m": Vector("D"), "S": Matrix("D", "D", "spd", tex=r"\Sigma")},
    symbols={**N, "H": "the (differential) entropy"},
    random=GAUSSIAN_X,
    integrand=lambda x, m, S: -_logpdf(x, m, S),
    expected=lambda m, S: np.log(np.sqrt(np.linalg.det(2 * np.pi * S))) + len(m) / 2,
    degree=2,
    notes="The negative log-density is a quadratic in x, so Gauss–Hermite quadrature computes the entropy exactly. "
          "It does not depend on the mean.",
    references=[cookbook(389)],
    related=["570L"],
    aliases=["differential entropy of a Gaussian", "entropy of multivariate normal", "Gaussian entropy formula"],
)

# --------------------------------------------------------------------------------------------
# 8.4 Mixture of Gaussians: the density (390) and the derivatives of its log (391)–(396)

Equality(
    id="ZNW4",
    title="A mixture of Gaussian densities integrates to one",
    latex=r"\int p(x)\,\mathrm{d}x = 1, \quad p(x) = \sum_{k}\rho_{k}\frac{1}{\sqrt{\det(2\pi\Sigma_{k})}}"
          r"\exp\left[-\tfrac{1}{2}(x - m_{k})^{\top}\Sigma_{k}^{-1}(x - m_{k})\right]",
    variables=MIX,
    symbols={**MIX_SYMBOLS, "p": "the mixture density", "x": "the variable of integration, a d-vector"},
    conditions=MIX_WORDS,
    prepare=lambda rng, v: _spd_stack(rng, v, "S"),
    lhs=lambda rho, M, S: sum(rho[k] * np.sum(_density_rows(_grid(np.zeros(M.shape[0]), half=15.0)[0], M[:, k], S[k]))
                              for k in range(3)) * _grid(np.zeros(M.shape[0]), half=15.0)[1],
    rhs=lambda rho, M, S: np.float64(1.0),
    sizes=(1, 2),
    notes="Because the weights ρ_k sum to one and each component is a density, the mixture is a density. The check "
          "integrates the printed density on a grid.",
    references=[cookbook(390)],
    related=["X8PM", "K5NM"],
    aliases=["Gaussian mixture density", "mixture of Gaussians pdf", "GMM density"],
)

DERIV = {"s": Vector("d"), "rho": Vector("K", "probability", tex=r"\rho"), "M": Matrix("d", "K", tex=r"\mu"),
         "S": Tensor(("K", "d", "d"), tex=r"\Sigma")}
DERIV_SYMBOLS = {**N, "p": "the mixture density, Σ_k ρ_k N_s(μ_k, Σ_k)", "j": "the index of one component",
                 "k": "the summation index over components",
                 r"\gamma": "the responsibility γ_j = ρ_j N_s(μ_j, Σ_j) / Σ_k ρ_k N_s(μ_k, Σ_k)"}
DERIV_WORDS = ("p(s) = Σ_k ρ_k N_s(μ_k, Σ_k) with K components: weights ρ_k (drawn summing to one), means the "
               "columns μ_k of a d × K matrix, covariances Σ_k symmetric positive definite; each weight, mean and "
               "covariance is varied freely (the constraints on ρ and Σ are not imposed).")
GAMMA = r"\gamma_{j} = \frac{\rho_{j}\mathcal{N}_{s}(\mu_{j}, \Sigma_{j})}{\sum_{k}\rho_{k}\mathcal{N}_{s}(\mu_{k}, \Sigma_{k})}"


def _components(s, M, S):
    return np.array([_pdf(s, M[:, k], S[k]) for k in range(M.shape[1])])


def _mixture_log(s, rho, M, S):
    return np.log(rho @ _components(s, M, S))


def _gamma(s, rho, M, S):
    own = rho * _components(s, M, S)
    return own / own.sum()


def _near_means(rng, v):
    # covariances positive definite, and s near the means so that several components share it
    v = _spd_stack(rng, v, "S")
    v["s"] = v["M"] @ v["rho"] + 0.5 * rng.standard_normal(v["s"].shape)
    return v


def _log_components(s, rho, M, S):
    """ln[ρ_j N_s(μ_j, Σ_j)] for every j."""
    return np.log(rho) + np.array([_logpdf(s, M[:, k], S[k]) for k in range(M.shape[1])])


Derivative(
    id="K5NM",
    title="Derivative of a Gaussian-mixture log-density with respect to the weights",
    latex=r"\frac{\partial \ln p(s)}{\partial \rho_{j}} = \gamma_{j}\frac{\partial}{\partial \rho_{j}}\ln\left["
          r"\rho_{j}\mathcal{N}_{s}(\mu_{j}, \Sigma_{j})\right] = \gamma_{j}\frac{1}{\rho_{j}}, \quad " + GAMMA,
    variables=DERIV,
    symbols=DERIV_SYMBOLS,
    conditions=DERIV_WORDS,
    prepare=_near_means,
    wrt="rho",
    layout="denominator",
    f=_mixture_log,
    claimed=lambda s, rho, M, S: _gamma(s, rho, M, S) / rho,
    derivation=[
        Step(r"\mathrm{d}\ln p(s) = \sum_{j}\gamma_{j}\,\mathrm{d}\ln\left[\rho_{j}\mathcal{N}_{s}(\mu_{j}, "
             r"\Sigma_{j})\right]",
             lambda D: D(), lambda s, rho, M, S, D: _gamma(s, rho, M, S) @ D(_log_components)),
        Step(r"= \sum_{j}\gamma_{j}\frac{1}{\rho_{j}}\mathrm{d}\rho_{j} \;\Rightarrow\; "
             r"\frac{\partial \ln p(s)}{\partial \rho_{j}} = \gamma_{j}\frac{1}{\rho_{j}}",
             lambda s, rho, M, S, D: _gamma(s, rho, M, S) @ D(_log_components),
             lambda s, rho, M, S, drho: (_gamma(s, rho, M, S) / rho) @ drho),
    ],
    notes="The first step is the Cookbook's middle expression for all j at once: the log of a sum differentiates "
          "to the responsibility-weighted derivatives of the logs of its terms, and only the j-th term depends on "
          "ρ_j. The result is the component density over the mixture density.",
    references=[cookbook(391), cookbook(392)],
    related=["0KJF", "WGE1", "48C8"],
    aliases=["mixture weight gradient", "GMM derivative with respect to mixing proportions",
             "derivative of log mixture density"],
)

Derivative(
    id="WGE1",
    title="Derivative of a Gaussian-mixture log-density with respect to the component means",
    latex=r"\frac{\partial \ln p(s)}{\partial \mu_{j}} = \gamma_{j}\frac{\partial}{\partial \mu_{j}}\ln\left["
          r"\rho_{j}\mathcal{N}_{s}(\mu_{j}, \Sigma_{j})\right] = \gamma_{j}\left[\Sigma_{j}^{-1}(s - \mu_{j})\right],"
          r" \quad " + GAMMA,
    variables=DERIV,
    symbols=DERIV_SYMBOLS,
    conditions=DERIV_WORDS,
    prepare=_near_means,
    wrt="M",
    layout="denominator",
    f=_mixture_log,
    claimed=lambda s, rho, M, S: np.stack([g * np.linalg.solve(S[j], s - M[:, j])
                                           for j, g in enumerate(_gamma(s, rho, M, S))], axis=1),
    derivation=[
        Step(r"\mathrm{d}\ln p(s) = \sum_{j}\gamma_{j}\,\mathrm{d}\ln\left[\rho_{j}\mathcal{N}_{s}(\mu_{j}, "
             r"\Sigma_{j})\right]",
             lambda D: D(), lambda s, rho, M, S, D: _gamma(s, rho, M, S) @ D(_log_components)),
        Step(r"= \sum_{j}\gamma_{j}\left[\Sigma_{j}^{-1}(s - \mu_{j})\right]^{\top}\mathrm{d}\mu_{j}",
             lambda s, rho, M, S, D: _gamma(s, rho, M, S) @ D(_log_components),
             lambda s, rho, M, S, dM: sum(g * np.linalg.solve(S[j], s - M[:, j]) @ dM[:, j]
                                          for j, g in enumerate(_gamma(s, rho, M, S)))),
    ],
    notes="The gradient by the matrix of means has as column j the derivative by μ_j: the single-Gaussian score "
          "Σ_j⁻¹(s − μ_j) weighted by the responsibility γ_j, as in the E-step of EM.",
    references=[cookbook(393), cookbook(394)],
    related=["U9JS", "K5NM", "48C8"],
    aliases=["Gaussian mixture gradient mean", "GMM derivative with respect to means",
             "responsibility weighted score"],
)


def _sigma_gradients(s, rho, M, S):
    out = []
    for j, g in enumerate(_gamma(s, rho, M, S)):
        Si = np.linalg.inv(S[j])
        u = Si @ (s - M[:, j])
        out.append(g * 0.5 * (-Si + np.outer(u, u)))
    return np.stack(out)


Differential(
    id="48C8",
    title="Derivative of a Gaussian-mixture log-density with respect to the component covariances",
    latex=r"\mathrm{d}\ln p(s) = \sum_{j}\operatorname{tr}\left(\frac{\partial \ln p(s)}{\partial \Sigma_{j}}^{\top}"
          r"\mathrm{d}\Sigma_{j}\right), \quad \frac{\partial \ln p(s)}{\partial \Sigma_{j}} = \gamma_{j}"
          r"\frac{\partial}{\partial \Sigma_{j}}\ln\left[\rho_{j}\mathcal{N}_{s}(\mu_{j}, \Sigma_{j})\right] = "
          r"\gamma_{j}\frac{1}{2}\left[-\Sigma_{j}^{-1} + \Sigma_{j}^{-1}(s - \mu_{j})(s - \mu_{j})^{\top}"
          r"\Sigma_{j}^{-1}\right], \quad " + GAMMA,
    variables=DERIV,
    symbols=DERIV_SYMBOLS,
    conditions=DERIV_WORDS,
    prepare=_near_means,
    wrt=("S",),
    f=_mixture_log,
    df=lambda s, rho, M, S, dS: np.sum(_sigma_gradients(s, rho, M, S) * dS),
    derivation=[
        Step(r"\mathrm{d}\ln p(s) = \sum_{j}\gamma_{j}\,\mathrm{d}\ln\left[\rho_{j}\mathcal{N}_{s}(\mu_{j}, "
             r"\Sigma_{j})\right]",
             lambda D: D(), lambda s, rho, M, S, D: _gamma(s, rho, M, S) @ D(_log_components)),
        Step(r"= \sum_{j}\gamma_{j}\frac{1}{2}\operatorname{tr}\left(\left[-\Sigma_{j}^{-1} + \Sigma_{j}^{-1}(s - "
             r"\mu_{j})(s - \mu_{j})^{\top}\Sigma_{j}^{-1}\right]\mathrm{d}\Sigma_{j}\right)",
             lambda s, rho, M, S, D: _gamma(s, rho, M, S) @ D(_log_components),
             lambda s, rho, M, S, dS: np.sum(_sigma_gradients(s, rho, M, S) * np.transpose(dS, (0, 2, 1)))),
    ],
    notes="Stated through the differential along perturbations of all K covariances (the gradient by Σ_j is the "
          "matrix that multiplies dΣ_j). Σ_j is treated as an unconstrained matrix in −½ ln det Σ_j − ½ (s − μ_j)ᵀΣ_j⁻¹(s − μ_j); at a symmetric "
          "Σ_j the gradient is symmetric, so it is also the gradient on symmetric matrices. As the Cookbook "
          "remarks, the weights and the covariances need to be constrained (to sum to one, to stay positive "
          "definite) when these derivatives drive an optimisation.",
    references=[cookbook(395), cookbook(396)],
    related=["S4DD", "K5NM", "WGE1"],
    aliases=["Gaussian mixture gradient covariance", "GMM covariance derivative", "EM M-step covariance gradient"],
)
