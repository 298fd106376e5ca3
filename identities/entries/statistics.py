"""Statistics and Gaussians.

Gradients of Gaussian densities, log-densities and likelihoods, ridge regression, the Mahalanobis
distance, the Kullback–Leibler divergence between Gaussians and Gaussian mixtures. A covariance is
symmetric: each entry says whether its gradient treats Σ as an unconstrained matrix (the same matrix is
then also the gradient on symmetric matrices) or counts the independent entries.
"""
import numpy as np

from identities import Derivative, Equality, Erratum, Formula, Hessian, Matrix, Scalar, Step, Vector, cookbook, ref
from identities.symbolic import sp


def gauss_logpdf(x, mu, Sigma):
    """log N(x | μ, Σ), written for any invertible Σ so that unsymmetric perturbations stay defined."""
    r = x - mu
    return -0.5 * (len(x) * np.log(2 * np.pi) + np.linalg.slogdet(Sigma)[1] + r @ np.linalg.solve(Sigma, r))


def gauss_pdf(x, mu, Sigma):
    return np.exp(gauss_logpdf(x, mu, Sigma))


def sigma_gradient(x, mu, Sigma):
    """½(Σ⁻¹rrᵀΣ⁻¹ − Σ⁻¹), r = x − μ: the gradient of log N(x | μ, Σ) in Σ."""
    Si = np.linalg.inv(Sigma)
    u = Si @ (x - mu)
    return 0.5 * (np.outer(u, u) - Si)


def _logdet(M):
    return np.linalg.slogdet(M)[1]


def _inv(M):
    return np.linalg.inv(M)


def _loglik(X, mu, Sigma):
    """Σ_i log N(x_i | μ, Σ) over the columns x_i of X, without a loop over the samples."""
    R = X - mu[:, None]
    n, N = X.shape
    return -0.5 * (N * n * np.log(2 * np.pi) + N * _logdet(Sigma) + np.sum(R * np.linalg.solve(Sigma, R)))


def _comparable_rest(rng, v):
    # the other components' density q is drawn comparable to ρN(s | μ, Σ), so the responsibility is not ≈ 0 or 1
    return {**v, "q": v["rho"] * gauss_pdf(v["s"], v["mu"], v["Sigma"]) * rng.uniform(0.5, 2.0)}


GAUSS = {r"\mathcal{N}": "the Gaussian density N(x | μ, Σ) = det(2πΣ)^(−1/2) exp(−½(x−μ)ᵀΣ⁻¹(x−μ))"}
MIXTURE = {**GAUSS, "p": "the mixture density", "j": "the index of one mixture component",
           r"\gamma": "the responsibility γ_j = ρ_j N(s | μ_j, Σ_j) / p(s)"}

# --------------------------------------------------------------------------------------------
# The Gaussian density (Cookbook §8.1.1)

Derivative(
    id="ZEDN",
    title="Gradient of the Gaussian density with respect to x",
    latex=r"\frac{\partial p(x)}{\partial x} = -p(x)\,\Sigma^{-1}(x - m), \quad p(x) = \mathcal{N}(x \mid m, \Sigma)",
    variables={"x": Vector("n"), "m": Vector("n"), "Sigma": Matrix("n", "n", "spd")},
    symbols={**GAUSS, "p": "the Gaussian density of x"},
    wrt="x",
    layout="denominator",
    f=lambda x, m, Sigma: gauss_pdf(x, m, Sigma),
    claimed=lambda x, m, Sigma: -gauss_pdf(x, m, Sigma) * np.linalg.solve(Sigma, x - m),
    notes="Σ is a covariance, hence symmetric; for a general matrix in the exponent the factor would be "
          "½(Σ⁻¹ + Σ⁻ᵀ).",
    derivation=[
        Step(r"\mathrm{d}p = p\,\mathrm{d}\log p", lambda D: D(),
             lambda x, m, Sigma, D: gauss_pdf(x, m, Sigma) * D(lambda x, m, Sigma: gauss_logpdf(x, m, Sigma)),
             uses=["X064"]),
        Step(r"= -\tfrac{1}{2}\,p\,\mathrm{d}\left((x - m)^{\top}\Sigma^{-1}(x - m)\right)",
             lambda x, m, Sigma, D: gauss_pdf(x, m, Sigma) * D(lambda x, m, Sigma: gauss_logpdf(x, m, Sigma)),
             lambda x, m, Sigma, D: -0.5 * gauss_pdf(x, m, Sigma)
             * D(lambda x, m, Sigma: (x - m) @ np.linalg.solve(Sigma, x - m)), uses=["6Q8H"]),
        Step(r"= -p\,\left(\Sigma^{-1}(x - m)\right)^{\top}\mathrm{d}x \;\Rightarrow\; "
             r"\frac{\partial p(x)}{\partial x} = -p(x)\,\Sigma^{-1}(x - m)",
             lambda x, m, Sigma, D: -0.5 * gauss_pdf(x, m, Sigma)
             * D(lambda x, m, Sigma: (x - m) @ np.linalg.solve(Sigma, x - m)),
             lambda x, m, Sigma, dx: -gauss_pdf(x, m, Sigma) * np.linalg.solve(Sigma, x - m) @ dx, uses=["4A2S"]),
    ],
    references=[cookbook(347)],
    aliases=["derivative of multivariate normal density", "gradient of Gaussian pdf", "score of Gaussian in x"],
)

Hessian(
    id="E5E0",
    title="Hessian of the Gaussian density with respect to x",
    latex=r"\frac{\partial^{2} p(x)}{\partial x\,\partial x^{\top}} = "
          r"p(x)\left(\Sigma^{-1}(x - m)(x - m)^{\top}\Sigma^{-1} - \Sigma^{-1}\right), \quad "
          r"p(x) = \mathcal{N}(x \mid m, \Sigma)",
    variables={"x": Vector("n"), "m": Vector("n"), "Sigma": Matrix("n", "n", "spd")},
    symbols={**GAUSS, "p": "the Gaussian density of x"},
    wrt="x",
    f=lambda x, m, Sigma: gauss_pdf(x, m, Sigma),
    claimed=lambda x, m, Sigma: gauss_pdf(x, m, Sigma) * (
        np.outer(np.linalg.solve(Sigma, x - m), np.linalg.solve(Sigma, x - m)) - np.linalg.inv(Sigma)),
    notes="Negative definite within one Mahalanobis unit of the mean, where (x−m)ᵀΣ⁻¹(x−m) < 1; beyond it one "
          "eigenvalue turns positive. The Hessian of the log-density is simply −Σ⁻¹.",
    derivation=[
        Step(r"\mathrm{d}\left(-p\,\Sigma^{-1}(x - m)\right) = -\Sigma^{-1}(x - m)\,\mathrm{d}p - p\,\Sigma^{-1}\mathrm{d}x",
             lambda D: D(lambda x, m, Sigma: -gauss_pdf(x, m, Sigma) * np.linalg.solve(Sigma, x - m)),
             lambda x, m, Sigma, dx, D: -np.linalg.solve(Sigma, x - m) * D(lambda x, m, Sigma: gauss_pdf(x, m, Sigma))
             - gauss_pdf(x, m, Sigma) * np.linalg.solve(Sigma, dx), uses=["8S7R", "2ZM7"]),
        Step(r"= p\,\Sigma^{-1}(x - m)(x - m)^{\top}\Sigma^{-1}\mathrm{d}x - p\,\Sigma^{-1}\mathrm{d}x",
             lambda x, m, Sigma, dx, D: -np.linalg.solve(Sigma, x - m) * D(lambda x, m, Sigma: gauss_pdf(x, m, Sigma))
             - gauss_pdf(x, m, Sigma) * np.linalg.solve(Sigma, dx),
             lambda x, m, Sigma, dx: gauss_pdf(x, m, Sigma) * (np.linalg.solve(Sigma, x - m)
                                                              * (np.linalg.solve(Sigma, x - m) @ dx)
                                                              - np.linalg.solve(Sigma, dx)), uses=["ZEDN"]),
        Step(r"= p\left(\Sigma^{-1}(x - m)(x - m)^{\top}\Sigma^{-1} - \Sigma^{-1}\right)\mathrm{d}x",
             lambda x, m, Sigma, dx: gauss_pdf(x, m, Sigma) * (np.linalg.solve(Sigma, x - m)
                                                              * (np.linalg.solve(Sigma, x - m) @ dx)
                                                              - np.linalg.solve(Sigma, dx)),
             lambda x, m, Sigma, dx: gauss_pdf(x, m, Sigma) * (
                 np.outer(np.linalg.solve(Sigma, x - m), np.linalg.solve(Sigma, x - m)) - np.linalg.inv(Sigma)) @ dx),
    ],
    references=[cookbook(348)],
    aliases=["second derivative of Gaussian density", "Hessian of multivariate normal pdf"],
)

Derivative(
    id="Z4H5",
    title="Gradient of the Gaussian log-density with respect to the mean",
    latex=r"\frac{\partial}{\partial \mu}\log\mathcal{N}(x \mid \mu, \Sigma) = \Sigma^{-1}(x - \mu)",
    variables={"x": Vector("n"), "mu": Vector("n"), "Sigma": Matrix("n", "n", "spd")},
    symbols=GAUSS,
    wrt="mu",
    layout="denominator",
    f=lambda x, mu, Sigma: gauss_logpdf(x, mu, Sigma),
    claimed=lambda x, mu, Sigma: np.linalg.solve(Sigma, x - mu),
    notes="The gradient with respect to x is the negative of this. Setting the sum over samples to zero gives "
          "the sample mean as the maximum-likelihood estimate.",
    derivation=[
        Step(r"\mathrm{d}\log\mathcal{N} = -\tfrac{1}{2}\,\mathrm{d}\left((x - \mu)^{\top}\Sigma^{-1}(x - \mu)\right)",
             lambda D: D(), lambda x, mu, Sigma, D: -0.5 * D(lambda x, mu, Sigma: (x - mu) @ np.linalg.solve(Sigma, x - mu)),
             uses=["6Q8H"]),
        Step(r"= \left(\Sigma^{-1}(x - \mu)\right)^{\top}\mathrm{d}\mu \;\Rightarrow\; "
             r"\frac{\partial}{\partial \mu}\log\mathcal{N}(x \mid \mu, \Sigma) = \Sigma^{-1}(x - \mu)",
             lambda x, mu, Sigma, D: -0.5 * D(lambda x, mu, Sigma: (x - mu) @ np.linalg.solve(Sigma, x - mu)),
             lambda x, mu, Sigma, dmu: np.linalg.solve(Sigma, x - mu) @ dmu, uses=["C0YZ"]),
    ],
    references=[cookbook(86, note="∂/∂s (x−s)ᵀW(x−s) = −2W(x−s) with W = Σ⁻¹, times −½")],
    aliases=["score function of Gaussian mean", "gradient of normal log-likelihood mean",
             "derivative of log density with respect to mu"],
)

Derivative(
    id="D5HC",
    title="Gradient of the Gaussian log-density with respect to the covariance",
    latex=r"\frac{\partial}{\partial \Sigma}\log\mathcal{N}(x \mid \mu, \Sigma) = "
          r"\tfrac{1}{2}\left(\Sigma^{-1}(x - \mu)(x - \mu)^{\top}\Sigma^{-1} - \Sigma^{-1}\right)",
    variables={"x": Vector("n"), "mu": Vector("n"), "Sigma": Matrix("n", "n", "spd")},
    symbols=GAUSS,
    wrt="Sigma",
    layout="denominator",
    f=lambda x, mu, Sigma: gauss_logpdf(x, mu, Sigma),
    claimed=sigma_gradient,
    related=["KTYR", "2KHA", "S4DD"],
    differential=(r"\mathrm{d}\log\mathcal{N} = \tfrac{1}{2}\operatorname{tr}\left((\Sigma^{-1}(x-\mu)(x-\mu)^{\top}"
                  r"\Sigma^{-1} - \Sigma^{-1})\,\mathrm{d}\Sigma\right)",
                  lambda x, mu, Sigma, dSigma: np.trace(sigma_gradient(x, mu, Sigma) @ dSigma)),
    derivation=[
        Step(r"\mathrm{d}\log\mathcal{N} = -\tfrac{1}{2}\,\mathrm{d}\log\det\Sigma "
             r"- \tfrac{1}{2}(x - \mu)^{\top}\mathrm{d}(\Sigma^{-1})(x - \mu)",
             lambda D: D(), lambda x, mu, Sigma, D: -0.5 * D(lambda Sigma: _logdet(Sigma))
             - 0.5 * (x - mu) @ D(lambda Sigma: _inv(Sigma)) @ (x - mu), uses=["9K5K", "2ZM7"]),
        Step(r"= -\tfrac{1}{2}\operatorname{tr}(\Sigma^{-1}\mathrm{d}\Sigma) "
             r"- \tfrac{1}{2}(x - \mu)^{\top}\mathrm{d}(\Sigma^{-1})(x - \mu)",
             lambda x, mu, Sigma, D: -0.5 * D(lambda Sigma: _logdet(Sigma))
             - 0.5 * (x - mu) @ D(lambda Sigma: _inv(Sigma)) @ (x - mu),
             lambda x, mu, Sigma, dSigma, D: -0.5 * np.trace(np.linalg.solve(Sigma, dSigma))
             - 0.5 * (x - mu) @ D(lambda Sigma: _inv(Sigma)) @ (x - mu), uses=["J7P3"]),
        Step(r"= -\tfrac{1}{2}\operatorname{tr}(\Sigma^{-1}\mathrm{d}\Sigma) "
             r"+ \tfrac{1}{2}(x - \mu)^{\top}\Sigma^{-1}\mathrm{d}\Sigma\,\Sigma^{-1}(x - \mu)",
             lambda x, mu, Sigma, dSigma, D: -0.5 * np.trace(np.linalg.solve(Sigma, dSigma))
             - 0.5 * (x - mu) @ D(lambda Sigma: _inv(Sigma)) @ (x - mu),
             lambda x, mu, Sigma, dSigma: -0.5 * np.trace(np.linalg.solve(Sigma, dSigma))
             + 0.5 * np.linalg.solve(Sigma, x - mu) @ dSigma @ np.linalg.solve(Sigma, x - mu), uses=["0DTW"]),
        Step(r"= \tfrac{1}{2}\operatorname{tr}\left((\Sigma^{-1}(x-\mu)(x-\mu)^{\top}\Sigma^{-1} - \Sigma^{-1})^{\top}"
             r"\mathrm{d}\Sigma\right) \;\Rightarrow\; \frac{\partial}{\partial \Sigma}\log\mathcal{N} = "
             r"\tfrac{1}{2}\left(\Sigma^{-1}(x - \mu)(x - \mu)^{\top}\Sigma^{-1} - \Sigma^{-1}\right)",
             lambda x, mu, Sigma, dSigma: -0.5 * np.trace(np.linalg.solve(Sigma, dSigma))
             + 0.5 * np.linalg.solve(Sigma, x - mu) @ dSigma @ np.linalg.solve(Sigma, x - mu),
             lambda x, mu, Sigma, dSigma: np.sum(sigma_gradient(x, mu, Sigma) * dSigma), uses=["GWJ1"]),
    ],
    notes="The gradient with Σ treated as an unconstrained matrix in −½ log det Σ − ½ (x−μ)ᵀΣ⁻¹(x−μ) "
          "(the general form is ½(Σ⁻ᵀrrᵀΣ⁻ᵀ − Σ⁻ᵀ)); at a symmetric Σ it is symmetric, so it is also the gradient "
          "on the space of symmetric matrices, and the directional derivative along any symmetric dΣ. It is NOT "
          "the matrix of partial derivatives by the independent entries Σ_ij, i ≤ j: those count each "
          "off-diagonal entry twice (entry KTYR).",
    references=[cookbook(396, note="the bracket of (396), for a single component"), cookbook(57), cookbook(61),
                ref("srinivasan-panda-2023", "the gradient on symmetric matrices")],
    aliases=["derivative of Gaussian log-likelihood with respect to covariance", "covariance gradient",
             "d log N / d Sigma"],
)

Derivative(
    id="KTYR",
    title="Partial derivatives of the Gaussian log-density by the independent entries of Σ",
    latex=r"\left[\frac{\partial \log\mathcal{N}(x \mid \mu, \Sigma)}{\partial \Sigma_{ij}}\right]_{i,j} = 2G - G \circ I, "
          r"\quad G = \tfrac{1}{2}\left(\Sigma^{-1}(x - \mu)(x - \mu)^{\top}\Sigma^{-1} - \Sigma^{-1}\right)",
    variables={"x": Vector("n"), "mu": Vector("n"), "Sigma": Matrix("n", "n", "spd")},
    symbols={**GAUSS, "G": "the unconstrained gradient (entry D5HC)", "i": "a row index",
             "j": "a column index"},
    wrt="Sigma",
    layout="denominator",
    directions="symmetric_entries",
    related=["D5HC"],
    f=lambda x, mu, Sigma: gauss_logpdf(x, mu, Sigma),
    claimed=lambda x, mu, Sigma: 2 * sigma_gradient(x, mu, Sigma) - np.diag(np.diag(sigma_gradient(x, mu, Sigma))),
    notes="Entry (i, j) is the rate of change when Σ_ij and Σ_ji move together (the parametrisation by the "
          "n(n+1)/2 independent entries), the Cookbook's G + Gᵀ − G∘I for symmetric matrices. Use it to update "
          "stored independent entries; do NOT use it as a gradient in the trace inner product (it doubles the "
          "off-diagonal step), where G itself is the right matrix.",
    errata=[Erratum(cookbook(138),
                    "Which of the two matrices a source means by ∂/∂Σ is often unstated. The Cookbook's mixture "
                    "derivative (396) gives G, the unconstrained gradient; its §2.8.2 rule (138) turns it into "
                    "G + Gᵀ − G∘I, here 2G − G∘I, and calls that the derivative for symmetric matrices. As the "
                    "partial derivatives by the independent entries (this entry) it is right; read as the gradient "
                    "on symmetric matrices, the matrix whose trace inner product with a symmetric dΣ gives the "
                    "change of the log-density, it doubles the off-diagonal part and is wrong, as Srinivasan & Panda "
                    "show: G is that gradient (entry D5HC). The counterexample takes (138) in that second reading.",
                    printed=r"\frac{\partial \log\mathcal{N}}{\partial \Sigma} = G + G^{\top} - G \circ I",
                    directions="symmetric")],
    references=[cookbook(138, note="the symmetric-matrix rule G + Gᵀ − G∘I"),
                ref("srinivasan-panda-2023", "the two conventions compared")],
    aliases=["symmetric covariance derivative", "derivative by independent entries of a symmetric matrix",
             "half-vectorisation gradient"],
)

Derivative(
    id="JZR9",
    title="Gradient of the Gaussian log-density with respect to the precision matrix",
    latex=r"\frac{\partial}{\partial \Lambda}\log\mathcal{N}(x \mid \mu, \Lambda^{-1}) = "
          r"\tfrac{1}{2}\left(\Lambda^{-1} - (x - \mu)(x - \mu)^{\top}\right)",
    variables={"x": Vector("n"), "mu": Vector("n"), "Lambda": Matrix("n", "n", "spd")},
    symbols={**GAUSS, r"\pi": "the circle constant"},
    wrt="Lambda",
    layout="denominator",
    f=lambda x, mu, Lambda: 0.5 * (np.linalg.slogdet(Lambda)[1] - len(x) * np.log(2 * np.pi)
                                   - (x - mu) @ Lambda @ (x - mu)),
    claimed=lambda x, mu, Lambda: 0.5 * (np.linalg.inv(Lambda) - np.outer(x - mu, x - mu)),
    notes="In the precision Λ, the inverse covariance, the log-density is a log-determinant minus a linear "
          "function of Λ (the formula below), so it is concave in Λ. As for Σ, this is the unconstrained gradient, "
          "valid along symmetric directions too.",
    also=[Formula(r"\log\mathcal{N}(x \mid \mu, \Lambda^{-1}) = \tfrac{1}{2}\log\det\Lambda "
                  r"- \tfrac{1}{2}(x - \mu)^{\top}\Lambda(x - \mu) - \tfrac{n}{2}\log(2\pi)",
                  lambda x, mu, Lambda: gauss_logpdf(x, mu, _inv(Lambda)),
                  lambda x, mu, Lambda: 0.5 * _logdet(Lambda) - 0.5 * (x - mu) @ Lambda @ (x - mu)
                  - 0.5 * len(x) * np.log(2 * np.pi))],
    derivation=[
        Step(r"\mathrm{d}\log\mathcal{N} = \tfrac{1}{2}\,\mathrm{d}\log\det\Lambda - \tfrac{1}{2}(x - \mu)^{\top}"
             r"\mathrm{d}\Lambda\,(x - \mu)", lambda D: D(),
             lambda x, mu, Lambda, dLambda, D: 0.5 * D(lambda Lambda: _logdet(Lambda))
             - 0.5 * (x - mu) @ dLambda @ (x - mu), uses=["2ZM7"]),
        Step(r"= \tfrac{1}{2}\operatorname{tr}(\Lambda^{-1}\mathrm{d}\Lambda) - \tfrac{1}{2}\operatorname{tr}"
             r"\left((x - \mu)(x - \mu)^{\top}\mathrm{d}\Lambda\right)",
             lambda x, mu, Lambda, dLambda, D: 0.5 * D(lambda Lambda: _logdet(Lambda))
             - 0.5 * (x - mu) @ dLambda @ (x - mu),
             lambda x, mu, Lambda, dLambda: 0.5 * np.trace(np.linalg.solve(Lambda, dLambda))
             - 0.5 * np.trace(np.outer(x - mu, x - mu) @ dLambda), uses=["J7P3"]),
        Step(r"= \operatorname{tr}\left(\left(\tfrac{1}{2}(\Lambda^{-1} - (x - \mu)(x - \mu)^{\top})\right)^{\top}"
             r"\mathrm{d}\Lambda\right) \;\Rightarrow\; \frac{\partial}{\partial \Lambda}\log\mathcal{N} = "
             r"\tfrac{1}{2}\left(\Lambda^{-1} - (x - \mu)(x - \mu)^{\top}\right)",
             lambda x, mu, Lambda, dLambda: 0.5 * np.trace(np.linalg.solve(Lambda, dLambda))
             - 0.5 * np.trace(np.outer(x - mu, x - mu) @ dLambda),
             lambda x, mu, Lambda, dLambda: np.sum(0.5 * (_inv(Lambda) - np.outer(x - mu, x - mu)) * dLambda),
             uses=["GWJ1"]),
    ],
    references=[cookbook(57), cookbook(72, note="∂aᵀXa/∂X = aaᵀ")],
    aliases=["precision matrix gradient", "inverse covariance derivative", "gradient with respect to Lambda"],
)

Derivative(
    id="M79X",
    title="Gradient of the Gaussian log-likelihood of N samples with respect to the mean",
    latex=r"\frac{\partial}{\partial \mu}\sum_{i=1}^{N}\log\mathcal{N}(x_i \mid \mu, \Sigma) = "
          r"\Sigma^{-1}\sum_{i=1}^{N}(x_i - \mu), \quad X = [x_1, \ldots, x_N]",
    variables={"X": Matrix("n", "N"), "mu": Vector("n"), "Sigma": Matrix("n", "n", "spd")},
    symbols={**GAUSS, "x": "x_i, the i-th sample (column i of X)", "x_1": "the first sample (column 1 of X)",
             "i": "the sample index"},
    wrt="mu",
    layout="denominator",
    f=_loglik,
    claimed=lambda X, mu, Sigma: np.linalg.solve(Sigma, X.sum(axis=1) - X.shape[1] * mu),
    notes="Zero at the sample mean, whatever Σ is.",
    derivation=[
        Step(r"\mathrm{d}\sum_{i=1}^{N}\log\mathcal{N}(x_i \mid \mu, \Sigma) = \sum_{i=1}^{N}"
             r"\left(\Sigma^{-1}(x_i - \mu)\right)^{\top}\mathrm{d}\mu", lambda D: D(),
             lambda X, mu, Sigma, dmu: np.sum(np.linalg.solve(Sigma, X - mu[:, None]) * dmu[:, None]),
             uses=["Z4H5", "9K5K"]),
        Step(r"= \left(\Sigma^{-1}\sum_{i=1}^{N}(x_i - \mu)\right)^{\top}\mathrm{d}\mu",
             lambda X, mu, Sigma, dmu: np.sum(np.linalg.solve(Sigma, X - mu[:, None]) * dmu[:, None]),
             lambda X, mu, Sigma, dmu: np.linalg.solve(Sigma, np.sum(X - mu[:, None], axis=1)) @ dmu),
    ],
    references=[cookbook(86, note="summed over the samples, W = Σ⁻¹")],
    aliases=["maximum likelihood mean", "log-likelihood gradient mean", "sample mean MLE"],
)

Derivative(
    id="2KHA",
    title="Gradient of the Gaussian log-likelihood of N samples with respect to the covariance",
    latex=r"\frac{\partial}{\partial \Sigma}\sum_{i=1}^{N}\log\mathcal{N}(x_i \mid \mu, \Sigma) = "
          r"\tfrac{1}{2}\left(\Sigma^{-1}\Big(\sum_{i=1}^{N}(x_i - \mu)(x_i - \mu)^{\top}\Big)\Sigma^{-1} - "
          r"N\Sigma^{-1}\right), \quad X = [x_1, \ldots, x_N]",
    variables={"X": Matrix("n", "N"), "mu": Vector("n"), "Sigma": Matrix("n", "n", "spd")},
    symbols={**GAUSS, "x": "x_i, the i-th sample (column i of X)", "x_1": "the first sample (column 1 of X)",
             "i": "the sample index", "S": "the scatter matrix, the sum over i of (x_i − μ)(x_i − μ)ᵀ"},
    wrt="Sigma",
    layout="denominator",
    f=_loglik,
    claimed=lambda X, mu, Sigma: 0.5 * (np.linalg.inv(Sigma) @ (X - mu[:, None]) @ (X - mu[:, None]).T
                                        @ np.linalg.inv(Sigma) - X.shape[1] * np.linalg.inv(Sigma)),
    notes="The unconstrained gradient (also the gradient on symmetric matrices). Zero at the scatter matrix "
          "divided by N: the maximum-likelihood covariance divides by N, not N − 1.",
    derivation=[
        Step(r"\mathrm{d}\sum_{i=1}^{N}\log\mathcal{N}(x_i \mid \mu, \Sigma) = -\tfrac{N}{2}\,\mathrm{d}\log\det\Sigma "
             r"- \tfrac{1}{2}\operatorname{tr}\left(\mathrm{d}(\Sigma^{-1})\,S\right)", lambda D: D(),
             lambda X, mu, Sigma, D: -0.5 * X.shape[1] * D(lambda Sigma: _logdet(Sigma))
             - 0.5 * np.trace(D(lambda Sigma: _inv(Sigma)) @ (X - mu[:, None]) @ (X - mu[:, None]).T),
             uses=["9K5K", "U00N"]),
        Step(r"= -\tfrac{N}{2}\operatorname{tr}(\Sigma^{-1}\mathrm{d}\Sigma) "
             r"+ \tfrac{1}{2}\operatorname{tr}\left(\Sigma^{-1}\mathrm{d}\Sigma\,\Sigma^{-1}S\right)",
             lambda X, mu, Sigma, D: -0.5 * X.shape[1] * D(lambda Sigma: _logdet(Sigma))
             - 0.5 * np.trace(D(lambda Sigma: _inv(Sigma)) @ (X - mu[:, None]) @ (X - mu[:, None]).T),
             lambda X, mu, Sigma, dSigma: -0.5 * X.shape[1] * np.trace(np.linalg.solve(Sigma, dSigma))
             + 0.5 * np.trace(np.linalg.solve(Sigma, dSigma) @ np.linalg.solve(Sigma, (X - mu[:, None]) @ (X - mu[:, None]).T)),
             uses=["J7P3", "0DTW"]),
        Step(r"= \operatorname{tr}\left(\left(\tfrac{1}{2}(\Sigma^{-1}S\Sigma^{-1} - N\Sigma^{-1})\right)^{\top}"
             r"\mathrm{d}\Sigma\right)",
             lambda X, mu, Sigma, dSigma: -0.5 * X.shape[1] * np.trace(np.linalg.solve(Sigma, dSigma))
             + 0.5 * np.trace(np.linalg.solve(Sigma, dSigma) @ np.linalg.solve(Sigma, (X - mu[:, None]) @ (X - mu[:, None]).T)),
             lambda X, mu, Sigma, dSigma: np.sum(0.5 * (_inv(Sigma) @ (X - mu[:, None]) @ (X - mu[:, None]).T @ _inv(Sigma)
                                                      - X.shape[1] * _inv(Sigma)) * dSigma), uses=["GWJ1"]),
    ],
    references=[cookbook(396, note="summed over samples, one component"), cookbook(57), cookbook(61)],
    aliases=["maximum likelihood covariance", "log-likelihood gradient covariance", "sample covariance MLE"],
)

# --------------------------------------------------------------------------------------------
# Regression

Derivative(
    id="YAYA",
    title="Gradient of the ridge-regression loss",
    latex=r"\frac{\partial}{\partial \beta}\left(\lVert y - X\beta \rVert_2^{2} + \lambda\lVert \beta \rVert_2^{2}\right)"
          r" = 2X^{\top}(X\beta - y) + 2\lambda\beta",
    variables={"X": Matrix("n", "p"), "y": Vector("n"), "beta": Vector("p"), "lambda_": Scalar("positive")},
    wrt="beta",
    layout="denominator",
    f=lambda X, y, beta, lambda_: np.sum((y - X @ beta) ** 2) + lambda_ * beta @ beta,
    claimed=lambda X, y, beta, lambda_: 2 * X.T @ (X @ beta - y) + 2 * lambda_ * beta,
    symbolic=lambda X, y, beta, lambda_: sp.Trace((y - X * beta).T * (y - X * beta) + lambda_ * beta.T * beta),
    notes="Tikhonov regularisation; without the penalty (λ zero) it is the least-squares gradient. The Hessian "
          "is 2(XᵀX + λI) (the differential of the gradient, below), positive definite for λ > 0, so the "
          "minimiser is unique even when X has more columns than rows.",
    also=[Formula(r"\mathrm{d}\left(2X^{\top}(X\beta - y) + 2\lambda\beta\right) = 2(X^{\top}X + \lambda I)\,\mathrm{d}\beta",
                  lambda D: D(lambda X, y, beta, lambda_: 2 * X.T @ (X @ beta - y) + 2 * lambda_ * beta),
                  lambda X, lambda_, dbeta: 2 * (X.T @ X + lambda_ * np.eye(X.shape[1])) @ dbeta)],
    derivation=[
        Step(r"\mathrm{d}\left(\lVert y - X\beta \rVert_2^{2} + \lambda\lVert \beta \rVert_2^{2}\right) = "
             r"2(X\beta - y)^{\top}X\,\mathrm{d}\beta + 2\lambda\beta^{\top}\mathrm{d}\beta", lambda D: D(),
             lambda X, y, beta, lambda_, dbeta: 2 * (X @ beta - y) @ (X @ dbeta) + 2 * lambda_ * beta @ dbeta,
             uses=["MJ0W", "FCZG"]),
        Step(r"= \left(2X^{\top}(X\beta - y) + 2\lambda\beta\right)^{\top}\mathrm{d}\beta",
             lambda X, y, beta, lambda_, dbeta: 2 * (X @ beta - y) @ (X @ dbeta) + 2 * lambda_ * beta @ dbeta,
             lambda X, y, beta, lambda_, dbeta: (2 * X.T @ (X @ beta - y) + 2 * lambda_ * beta) @ dbeta),
    ],
    related=["MJ0W", "2GC6"],
    references=[cookbook(84, note="with W = I, plus ∂λβᵀβ/∂β = 2λβ")],
    aliases=["ridge regression gradient", "L2 regularised least squares gradient", "Tikhonov gradient",
             "weight decay gradient"],
)

def _ridge(X, y, lambda_):
    """The ridge estimate, as the least-squares solution of the stacked system [X; √λ I]β ≈ [y; 0]."""
    p = X.shape[1]
    return np.linalg.lstsq(np.vstack([X, np.sqrt(lambda_) * np.eye(p)]), np.concatenate([y, np.zeros(p)]),
                           rcond=None)[0]


Equality(
    id="2GC6",
    title="The ridge estimate solves the regularised normal equations",
    latex=r"(X^{\top}X + \lambda I)\hat{\beta} = X^{\top}y, \quad \hat{\beta} = "
          r"\operatorname*{arg\,min}_{\beta}\lVert y - X\beta \rVert_2^{2} + \lambda\lVert \beta \rVert_2^{2}",
    variables={"X": Matrix("n", "p"), "y": Vector("n"), "lambda_": Scalar("positive")},
    symbols={r"\hat{\beta}": "the ridge estimate", r"\beta": "the coefficient vector being optimised"},
    lhs=lambda X, y, lambda_: (X.T @ X + lambda_ * np.eye(X.shape[1])) @ _ridge(X, y, lambda_),
    rhs=lambda X, y, lambda_: X.T @ y,
    notes="The minimiser is computed in the check as an ordinary least-squares solution of the stacked system "
          "of X over √λ I against y over zeros, whose objective is exactly the ridge objective (the first formula "
          "below); the identity says the ridge gradient vanishes there (the second). Without the penalty and "
          "with X of full column rank these are the normal equations of least squares (Cookbook §5.1).",
    also=[Formula(r"\left\lVert \begin{bmatrix} X \\ \sqrt{\lambda}\,I \end{bmatrix}\hat{\beta} - "
                  r"\begin{bmatrix} y \\ 0 \end{bmatrix} \right\rVert_2^{2} = \lVert y - X\hat{\beta} \rVert_2^{2} "
                  r"+ \lambda\lVert \hat{\beta} \rVert_2^{2}",
                  lambda X, y, lambda_: np.sum((np.vstack([X, np.sqrt(lambda_) * np.eye(X.shape[1])]) @ _ridge(X, y, lambda_)
                                                - np.concatenate([y, np.zeros(X.shape[1])])) ** 2),
                  lambda X, y, lambda_: np.sum((y - X @ _ridge(X, y, lambda_)) ** 2)
                  + lambda_ * _ridge(X, y, lambda_) @ _ridge(X, y, lambda_)),
          Formula(r"X^{\top}(y - X\hat{\beta}) = \lambda\hat{\beta}",
                  lambda X, y, lambda_: X.T @ (y - X @ _ridge(X, y, lambda_)),
                  lambda X, y, lambda_: lambda_ * _ridge(X, y, lambda_), uses=["YAYA"])],
    references=[ref("matrix-cookbook-2012", "§5.1.6, over-determined rectangular systems (λ = 0)"),
                ref("goodfellow-2016", "§7.1.1, L2 parameter regularization")],
    aliases=["ridge regression closed form", "regularised normal equations", "Tikhonov solution",
             "(X^T X + lambda I)^-1 X^T y"],
)


Derivative(
    id="ECKU",
    title="Gradient of the Mahalanobis distance",
    latex=r"\frac{\partial}{\partial x}\sqrt{(x - \mu)^{\top}\Sigma^{-1}(x - \mu)} = "
          r"\frac{\Sigma^{-1}(x - \mu)}{\sqrt{(x - \mu)^{\top}\Sigma^{-1}(x - \mu)}}",
    variables={"x": Vector("n"), "mu": Vector("n"), "Sigma": Matrix("n", "n", "spd")},
    wrt="x",
    layout="denominator",
    f=lambda x, mu, Sigma: np.sqrt((x - mu) @ np.linalg.solve(Sigma, x - mu)),
    claimed=lambda x, mu, Sigma: np.linalg.solve(Sigma, x - mu) / np.sqrt((x - mu) @ np.linalg.solve(Sigma, x - mu)),
    notes="Undefined at the mean (the distance has a cone there). The squared distance has gradient 2Σ⁻¹(x − μ) "
          "(Cookbook (85) with W the inverse covariance); with the identity for Σ this is the gradient "
          "(x − μ)/‖x − μ‖ of the Euclidean distance.",
    derivation=[
        Step(r"\mathrm{d}\sqrt{(x - \mu)^{\top}\Sigma^{-1}(x - \mu)} = \frac{\mathrm{d}\left((x - \mu)^{\top}"
             r"\Sigma^{-1}(x - \mu)\right)}{2\sqrt{(x - \mu)^{\top}\Sigma^{-1}(x - \mu)}}", lambda D: D(),
             lambda x, mu, Sigma, D: D(lambda x, mu, Sigma: (x - mu) @ np.linalg.solve(Sigma, x - mu))
             / (2 * np.sqrt((x - mu) @ np.linalg.solve(Sigma, x - mu))), uses=["48ZE"]),
        Step(r"= \frac{2\left(\Sigma^{-1}(x - \mu)\right)^{\top}\mathrm{d}x}{2\sqrt{(x - \mu)^{\top}\Sigma^{-1}(x - \mu)}}",
             lambda x, mu, Sigma, D: D(lambda x, mu, Sigma: (x - mu) @ np.linalg.solve(Sigma, x - mu))
             / (2 * np.sqrt((x - mu) @ np.linalg.solve(Sigma, x - mu))),
             lambda x, mu, Sigma, dx: 2 * np.linalg.solve(Sigma, x - mu) @ dx
             / (2 * np.sqrt((x - mu) @ np.linalg.solve(Sigma, x - mu))), uses=["4A2S"]),
        Step(r"= \left(\frac{\Sigma^{-1}(x - \mu)}{\sqrt{(x - \mu)^{\top}\Sigma^{-1}(x - \mu)}}\right)^{\top}\mathrm{d}x",
             lambda x, mu, Sigma, dx: 2 * np.linalg.solve(Sigma, x - mu) @ dx
             / (2 * np.sqrt((x - mu) @ np.linalg.solve(Sigma, x - mu))),
             lambda x, mu, Sigma, dx: (np.linalg.solve(Sigma, x - mu)
                                       / np.sqrt((x - mu) @ np.linalg.solve(Sigma, x - mu))) @ dx),
    ],
    references=[cookbook(85, note="the squared distance, W = Σ⁻¹; the square root by the chain rule"),
                cookbook(129, note="the case Σ = I")],
    aliases=["Mahalanobis distance derivative", "gradient of whitened distance", "Mahalanobis gradient"],
)

# --------------------------------------------------------------------------------------------
# Kullback–Leibler divergence between Gaussians:
# KL = ½(tr(S₁⁻¹S₀) + (m₁−m₀)ᵀS₁⁻¹(m₁−m₀) − k + log det S₁ − log det S₀)


def kl_gauss(m0, S0, m1, S1):
    d = m1 - m0
    return 0.5 * (np.trace(np.linalg.solve(S1, S0)) + d @ np.linalg.solve(S1, d) - len(m0)
                  + np.linalg.slogdet(S1)[1] - np.linalg.slogdet(S0)[1])


KL_VARIABLES = {"m0": Vector("k", tex="m_0"), "S0": Matrix("k", "k", "spd", tex="S_0"),
                "m1": Vector("k", tex="m_1"), "S1": Matrix("k", "k", "spd", tex="S_1")}
KL_NOTE = ("The divergence has a closed form (the first formula below, k the dimension), which is the expected "
           "log-ratio of the two densities under the first.")
# the closed form, and the same as E_p[log p] − E_p[log q] computed from the log-densities at m₀
KL_FORMULA = Formula(
    r"\operatorname{KL} = \tfrac{1}{2}\left(\operatorname{tr}(S_1^{-1}S_0) + (m_1 - m_0)^{\top}S_1^{-1}(m_1 - m_0) - k "
    r"+ \log\det S_1 - \log\det S_0\right) = \log\mathcal{N}(m_0 \mid m_0, S_0) - \log\mathcal{N}(m_0 \mid m_1, S_1) "
    r"+ \tfrac{1}{2}\operatorname{tr}(S_1^{-1}S_0) - \tfrac{k}{2}",
    lambda m0, S0, m1, S1: kl_gauss(m0, S0, m1, S1),
    lambda m0, S0, m1, S1: gauss_logpdf(m0, m0, S0) - gauss_logpdf(m0, m1, S1)
    + 0.5 * np.trace(np.linalg.solve(S1, S0)) - 0.5 * len(m0))

Derivative(
    id="LFWA",
    title="Gradient of the KL divergence between Gaussians with respect to the first mean",
    latex=r"\frac{\partial}{\partial m_0}\operatorname{KL}\left(\mathcal{N}(m_0, S_0)\,\Vert\,\mathcal{N}(m_1, S_1)\right)"
          r" = S_1^{-1}(m_0 - m_1)",
    variables=KL_VARIABLES,
    symbols=GAUSS,
    wrt="m0",
    layout="denominator",
    f=kl_gauss,
    claimed=lambda m0, S0, m1, S1: np.linalg.solve(S1, m0 - m1),
    notes=KL_NOTE + " With a standard normal second Gaussian (zero mean, identity covariance: the prior of a "
                    "variational auto-encoder) the gradient is m₀.",
    also=[KL_FORMULA],
    derivation=[
        Step(r"\mathrm{d}\operatorname{KL} = \tfrac{1}{2}\,\mathrm{d}\left((m_1 - m_0)^{\top}S_1^{-1}(m_1 - m_0)\right)",
             lambda D: D(), lambda m0, S1, m1, D: 0.5 * D(lambda m0, m1, S1: (m1 - m0) @ np.linalg.solve(S1, m1 - m0)),
             uses=["6Q8H"]),
        Step(r"= \left(S_1^{-1}(m_0 - m_1)\right)^{\top}\mathrm{d}m_0 \;\Rightarrow\; "
             r"\frac{\partial \operatorname{KL}}{\partial m_0} = S_1^{-1}(m_0 - m_1)",
             lambda m0, S1, m1, D: 0.5 * D(lambda m0, m1, S1: (m1 - m0) @ np.linalg.solve(S1, m1 - m0)),
             lambda m0, S1, m1, dm0: np.linalg.solve(S1, m0 - m1) @ dm0, uses=["C0YZ"]),
    ],
    references=[cookbook(86, note="the quadratic term, W = S₁⁻¹")],
    aliases=["KL divergence gradient mean", "Gaussian KL derivative", "VAE KL gradient"],
)

Derivative(
    id="04WD",
    title="Gradient of the KL divergence between Gaussians with respect to the first covariance",
    latex=r"\frac{\partial}{\partial S_0}\operatorname{KL}\left(\mathcal{N}(m_0, S_0)\,\Vert\,\mathcal{N}(m_1, S_1)\right)"
          r" = \tfrac{1}{2}\left(S_1^{-1} - S_0^{-1}\right)",
    variables=KL_VARIABLES,
    symbols=GAUSS,
    wrt="S0",
    layout="denominator",
    f=kl_gauss,
    claimed=lambda m0, S0, m1, S1: 0.5 * (np.linalg.inv(S1) - np.linalg.inv(S0)),
    notes=KL_NOTE + " The unconstrained gradient, also the gradient on symmetric matrices; zero exactly when the two "
                    "covariances agree.",
    also=[KL_FORMULA],
    derivation=[
        Step(r"\mathrm{d}\operatorname{KL} = \tfrac{1}{2}\operatorname{tr}(S_1^{-1}\mathrm{d}S_0) - \tfrac{1}{2}\,\mathrm{d}\log\det S_0",
             lambda D: D(), lambda S0, S1, dS0, D: 0.5 * np.trace(np.linalg.solve(S1, dS0))
             - 0.5 * D(lambda S0: _logdet(S0)), uses=["U00N", "2ZM7"]),
        Step(r"= \tfrac{1}{2}\operatorname{tr}(S_1^{-1}\mathrm{d}S_0) - \tfrac{1}{2}\operatorname{tr}(S_0^{-1}\mathrm{d}S_0)",
             lambda S0, S1, dS0, D: 0.5 * np.trace(np.linalg.solve(S1, dS0)) - 0.5 * D(lambda S0: _logdet(S0)),
             lambda S0, S1, dS0: 0.5 * np.trace(np.linalg.solve(S1, dS0)) - 0.5 * np.trace(np.linalg.solve(S0, dS0)),
             uses=["J7P3"]),
        Step(r"= \operatorname{tr}\left(\left(\tfrac{1}{2}(S_1^{-1} - S_0^{-1})\right)^{\top}\mathrm{d}S_0\right)",
             lambda S0, S1, dS0: 0.5 * np.trace(np.linalg.solve(S1, dS0)) - 0.5 * np.trace(np.linalg.solve(S0, dS0)),
             lambda S0, S1, dS0: np.sum(0.5 * (_inv(S1) - _inv(S0)) * dS0), uses=["GWJ1"]),
    ],
    references=[cookbook(57), cookbook(100, note="∂tr(XA)/∂X = Aᵀ")],
    aliases=["KL divergence gradient covariance", "Gaussian KL derivative covariance", "VAE KL variance gradient"],
)

Derivative(
    id="P241",
    title="Gradient of the KL divergence between Gaussians with respect to the second covariance",
    latex=r"\frac{\partial}{\partial S_1}\operatorname{KL}\left(\mathcal{N}(m_0, S_0)\,\Vert\,\mathcal{N}(m_1, S_1)\right)"
          r" = \tfrac{1}{2}\left(S_1^{-1} - S_1^{-1}\left(S_0 + (m_1 - m_0)(m_1 - m_0)^{\top}\right)S_1^{-1}\right)",
    variables=KL_VARIABLES,
    symbols=GAUSS,
    wrt="S1",
    layout="denominator",
    f=kl_gauss,
    claimed=lambda m0, S0, m1, S1: 0.5 * (np.linalg.inv(S1) - np.linalg.inv(S1) @ (
        S0 + np.outer(m1 - m0, m1 - m0)) @ np.linalg.inv(S1)),
    notes=KL_NOTE + " Zero when S₁ is S₀ plus the outer product of the mean difference: the moment-matching fit "
                    "of the second Gaussian.",
    also=[KL_FORMULA],
    derivation=[
        Step(r"\mathrm{d}\operatorname{KL} = \tfrac{1}{2}\operatorname{tr}\left(\mathrm{d}(S_1^{-1})\left(S_0 + "
             r"(m_1 - m_0)(m_1 - m_0)^{\top}\right)\right) + \tfrac{1}{2}\,\mathrm{d}\log\det S_1",
             lambda D: D(), lambda m0, S0, m1, S1, D: 0.5 * np.trace(D(lambda S1: _inv(S1)) @ (S0 + np.outer(m1 - m0, m1 - m0)))
             + 0.5 * D(lambda S1: _logdet(S1)), uses=["U00N", "9K5K"]),
        Step(r"= -\tfrac{1}{2}\operatorname{tr}\left(S_1^{-1}\mathrm{d}S_1\,S_1^{-1}\left(S_0 + (m_1 - m_0)(m_1 - m_0)^{\top}\right)\right) "
             r"+ \tfrac{1}{2}\operatorname{tr}(S_1^{-1}\mathrm{d}S_1)",
             lambda m0, S0, m1, S1, D: 0.5 * np.trace(D(lambda S1: _inv(S1)) @ (S0 + np.outer(m1 - m0, m1 - m0)))
             + 0.5 * D(lambda S1: _logdet(S1)),
             lambda m0, S0, m1, S1, dS1: -0.5 * np.trace(np.linalg.solve(S1, dS1) @ np.linalg.solve(S1, S0 + np.outer(m1 - m0, m1 - m0)))
             + 0.5 * np.trace(np.linalg.solve(S1, dS1)), uses=["0DTW", "J7P3"]),
        Step(r"= \operatorname{tr}\left(\left(\tfrac{1}{2}\left(S_1^{-1} - S_1^{-1}\left(S_0 + (m_1 - m_0)(m_1 - m_0)^{\top}\right)"
             r"S_1^{-1}\right)\right)^{\top}\mathrm{d}S_1\right)",
             lambda m0, S0, m1, S1, dS1: -0.5 * np.trace(np.linalg.solve(S1, dS1) @ np.linalg.solve(S1, S0 + np.outer(m1 - m0, m1 - m0)))
             + 0.5 * np.trace(np.linalg.solve(S1, dS1)),
             lambda m0, S0, m1, S1, dS1: np.sum(0.5 * (_inv(S1) - _inv(S1) @ (S0 + np.outer(m1 - m0, m1 - m0)) @ _inv(S1)) * dS1),
             uses=["GWJ1"]),
    ],
    references=[cookbook(57), cookbook(61), cookbook(124)],
    aliases=["KL divergence gradient second covariance", "moment matching Gaussian", "reverse KL covariance gradient"],
)

# --------------------------------------------------------------------------------------------
# Mixture of Gaussians (Cookbook §8.4.2): one component j, the rest of the mixture a constant q > 0

MIXTURE_VARIABLES = {"s": Vector("n"), "mu": Vector("n"), "Sigma": Matrix("n", "n", "spd"),
                     "rho": Scalar("unit_interval"), "q": Scalar("positive")}
MIXTURE_CONDITIONS = ("q > 0 is the density of the other components, Σ_{k≠j} ρ_k N(s | μ_k, Σ_k), which does not "
                      "depend on component j (drawn comparable to ρ_j N(s | μ_j, Σ_j)).")


def _mixture_log(s, mu, Sigma, rho, q):
    return np.log(rho * gauss_pdf(s, mu, Sigma) + q)


def _responsibility(s, mu, Sigma, rho, q):
    own = rho * gauss_pdf(s, mu, Sigma)
    return own / (own + q)


Derivative(
    id="U9JS",
    title="Gradient of a Gaussian-mixture log-density with respect to a component mean",
    latex=r"\frac{\partial \log p(s)}{\partial \mu_j} = \gamma_j\,\Sigma_j^{-1}(s - \mu_j), \quad "
          r"\gamma_j = \frac{\rho_j\,\mathcal{N}(s \mid \mu_j, \Sigma_j)}{p(s)}, \quad "
          r"p(s) = \rho_j\,\mathcal{N}(s \mid \mu_j, \Sigma_j) + q",
    variables=MIXTURE_VARIABLES,
    symbols=MIXTURE,
    conditions=MIXTURE_CONDITIONS,
    prepare=_comparable_rest,
    wrt="mu",
    layout="denominator",
    f=_mixture_log,
    claimed=lambda s, mu, Sigma, rho, q: _responsibility(s, mu, Sigma, rho, q) * np.linalg.solve(Sigma, s - mu),
    notes="The single-Gaussian gradient weighted by the responsibility γ_j (the posterior probability of "
          "component j); the E-step of EM computes exactly these weights.",
    derivation=[
        Step(r"\mathrm{d}\log p = \frac{\mathrm{d}p}{p} = \frac{\rho_j\,\mathcal{N}\,\mathrm{d}\log\mathcal{N}}{p}",
             lambda D: D(), lambda s, mu, Sigma, rho, q, D: D(lambda s, mu, Sigma, rho, q: rho * gauss_pdf(s, mu, Sigma) + q)
             / (rho * gauss_pdf(s, mu, Sigma) + q),
             lambda s, mu, Sigma, rho, q, D: _responsibility(s, mu, Sigma, rho, q)
             * D(lambda s, mu, Sigma: gauss_logpdf(s, mu, Sigma)), uses=["X064"]),
        Step(r"= \gamma_j\left(\Sigma_j^{-1}(s - \mu_j)\right)^{\top}\mathrm{d}\mu_j",
             lambda s, mu, Sigma, rho, q, D: _responsibility(s, mu, Sigma, rho, q)
             * D(lambda s, mu, Sigma: gauss_logpdf(s, mu, Sigma)),
             lambda s, mu, Sigma, rho, q, dmu: _responsibility(s, mu, Sigma, rho, q) * np.linalg.solve(Sigma, s - mu) @ dmu,
             uses=["Z4H5"]),
    ],
    references=[ref("matrix-cookbook-2012", "§8.4.2, derivatives of a mixture of Gaussians")],
    aliases=["Gaussian mixture gradient mean", "GMM derivative", "mixture model log-likelihood gradient",
             "responsibility weighted gradient"],
)

Derivative(
    id="S4DD",
    title="Gradient of a Gaussian-mixture log-density with respect to a component covariance",
    latex=r"\frac{\partial \log p(s)}{\partial \Sigma_j} = \tfrac{1}{2}\gamma_j\left(\Sigma_j^{-1}(s - \mu_j)"
          r"(s - \mu_j)^{\top}\Sigma_j^{-1} - \Sigma_j^{-1}\right), \quad "
          r"\gamma_j = \frac{\rho_j\,\mathcal{N}(s \mid \mu_j, \Sigma_j)}{p(s)}, \quad "
          r"p(s) = \rho_j\,\mathcal{N}(s \mid \mu_j, \Sigma_j) + q",
    variables=MIXTURE_VARIABLES,
    symbols=MIXTURE,
    conditions=MIXTURE_CONDITIONS,
    prepare=_comparable_rest,
    wrt="Sigma",
    layout="denominator",
    f=_mixture_log,
    claimed=lambda s, mu, Sigma, rho, q: _responsibility(s, mu, Sigma, rho, q) * sigma_gradient(s, mu, Sigma),
    notes="As printed in the Cookbook this is the unconstrained gradient (also the gradient on symmetric "
          "matrices); it keeps Σ_j symmetric but not positive definite, which is why the Cookbook adds that ρ_k "
          "and Σ_k need to be constrained. For the partial derivatives by the independent entries, use 2G − G∘I.",
    derivation=[
        Step(r"\mathrm{d}\log p = \frac{\mathrm{d}p}{p} = \frac{\rho_j\,\mathcal{N}\,\mathrm{d}\log\mathcal{N}}{p}",
             lambda D: D(), lambda s, mu, Sigma, rho, q, D: D(lambda s, mu, Sigma, rho, q: rho * gauss_pdf(s, mu, Sigma) + q)
             / (rho * gauss_pdf(s, mu, Sigma) + q),
             lambda s, mu, Sigma, rho, q, D: _responsibility(s, mu, Sigma, rho, q)
             * D(lambda s, mu, Sigma: gauss_logpdf(s, mu, Sigma)), uses=["X064"]),
        Step(r"= \tfrac{1}{2}\gamma_j\operatorname{tr}\left(\left(\Sigma_j^{-1}(s - \mu_j)(s - \mu_j)^{\top}\Sigma_j^{-1} "
             r"- \Sigma_j^{-1}\right)^{\top}\mathrm{d}\Sigma_j\right)",
             lambda s, mu, Sigma, rho, q, D: _responsibility(s, mu, Sigma, rho, q)
             * D(lambda s, mu, Sigma: gauss_logpdf(s, mu, Sigma)),
             lambda s, mu, Sigma, rho, q, dSigma: _responsibility(s, mu, Sigma, rho, q)
             * np.sum(sigma_gradient(s, mu, Sigma) * dSigma), uses=["D5HC"]),
    ],
    references=[cookbook(396), ref("matrix-cookbook-2012", "§8.4.2, derivatives of a mixture of Gaussians")],
    aliases=["Gaussian mixture gradient covariance", "GMM covariance derivative", "mixture model covariance gradient"],
)

Derivative(
    id="0KJF",
    title="Derivative of a Gaussian-mixture log-density with respect to a mixing weight",
    latex=r"\frac{\partial \log p(s)}{\partial \rho_j} = \frac{\mathcal{N}(s \mid \mu_j, \Sigma_j)}{p(s)} "
          r"= \frac{\gamma_j}{\rho_j}, \quad p(s) = \rho_j\,\mathcal{N}(s \mid \mu_j, \Sigma_j) + q",
    variables=MIXTURE_VARIABLES,
    symbols=MIXTURE,
    conditions=MIXTURE_CONDITIONS,
    prepare=_comparable_rest,
    wrt="rho",
    layout="denominator",
    f=_mixture_log,
    claimed=lambda s, mu, Sigma, rho, q: gauss_pdf(s, mu, Sigma) / (rho * gauss_pdf(s, mu, Sigma) + q),
    notes="The weight is treated as a free variable. With the constraint that the weights sum to one only "
          "differences of these derivatives matter (or parametrise the weights as a softmax of θ, which gives "
          "γ_j − ρ_j as the derivative by θ_j).",
    also=[Formula(r"\frac{\mathcal{N}(s \mid \mu_j, \Sigma_j)}{p(s)} = \frac{\gamma_j}{\rho_j}",
                  lambda s, mu, Sigma, rho, q: gauss_pdf(s, mu, Sigma) / (rho * gauss_pdf(s, mu, Sigma) + q),
                  lambda s, mu, Sigma, rho, q: _responsibility(s, mu, Sigma, rho, q) / rho)],
    derivation=[
        Step(r"\mathrm{d}\log p = \frac{\mathrm{d}p}{p}", lambda D: D(),
             lambda s, mu, Sigma, rho, q, D: D(lambda s, mu, Sigma, rho, q: rho * gauss_pdf(s, mu, Sigma) + q)
             / (rho * gauss_pdf(s, mu, Sigma) + q), uses=["X064"]),
        Step(r"= \frac{\mathcal{N}(s \mid \mu_j, \Sigma_j)\,\mathrm{d}\rho_j}{p(s)}",
             lambda s, mu, Sigma, rho, q, D: D(lambda s, mu, Sigma, rho, q: rho * gauss_pdf(s, mu, Sigma) + q)
             / (rho * gauss_pdf(s, mu, Sigma) + q),
             lambda s, mu, Sigma, rho, q, drho: gauss_pdf(s, mu, Sigma) * drho / (rho * gauss_pdf(s, mu, Sigma) + q),
             uses=["XLL8"]),
    ],
    references=[ref("matrix-cookbook-2012", "§8.4.2, derivatives of a mixture of Gaussians")],
    aliases=["mixture weight gradient", "GMM mixing proportion derivative"],
)
