"""The records, one module per topic. A module's docstring gives the topic's title (first line)
and its introduction (the rest); ORDER is the reading order of the site and of `list`. The helpers
below serve the records of several topics."""
import functools
import math

import numpy as np

ORDER = [
    "matrix_algebra",
    "basics",
    "determinants",
    "inverses",
    "eigenvalues",
    "forms",
    "traces",
    "norms",
    "structured",
    "kronecker",
    "elementwise",
    "chain_rules",
    "complex_matrices",
    "solutions",
    "probability",
    "gaussians",
    "special_matrices",
    "functions_operators",
    "neural",
    "statistics",
    "matrix_functions",
    "decompositions",
    "rules_products",
    "rules_factorisations",
    "rules_functions",
    "layers",
    "normalisation",
    "attention",
    "losses",
]


def vec(A):
    """Columns stacked: the vec of the Matrix Cookbook and of Magnus & Neudecker."""
    return A.reshape(-1, order="F")


def symmetric_part(M):
    return (M + M.T) / 2


# the logistic sigmoid through tanh: no overflow, and computed differently from 1/(1 + e^-x)
def sigmoid(t):
    return 0.5 * (1.0 + np.tanh(0.5 * t))


# Eigenvectors are determined up to sign: make each column's largest-magnitude entry positive, so
# that the eigenvector is a differentiable function of the matrix.
def fix_signs(V):
    idx = np.argmax(np.abs(V), axis=0)
    return V * np.sign(V[idx, np.arange(V.shape[1])])


# Y(x) = A + xB + x²C, a matrix function of a scalar whose derivative B + 2xC varies with x.
def curve(x, A, B, C):
    return A + x * B + x * x * C


def curve_inverse(x, A, B, C):
    """Y(x)⁻¹, a function of the variables whose differential derivations take with D(...)."""
    return np.linalg.inv(curve(x, A, B, C))


# a sampler (`prepare`): draw a well-conditioned invertible Y and choose A so that Y(x) = Y at the
# drawn x. A itself is then only square: the assumption that matters is on Y(x), said in `conditions`.
def curve_at_sample(rng, values):
    x, B, C = values["x"], values["B"], values["C"]
    values["A"] = well_conditioned(rng, values["A"].shape) - x * B - x * x * C
    return values


def well_conditioned(rng, shape):
    """An invertible sample with singular values in the vocabulary's band (condition number <= 6)."""
    from identities.assumptions import VOCABULARY
    return VOCABULARY["invertible"].generate(rng, shape)


def spaced_singular_values(name):
    """A sampler (`prepare`): the singular values of variable ``name`` at least 0.3 apart (and at
    least 0.5), its left singular vectors kept, so that singular values and vectors are smooth
    functions with differences well inside their domain of smoothness."""
    def prepare(rng, values):
        U, s, Vt = np.linalg.svd(values[name], full_matrices=False)
        spaced = 0.5 + np.cumsum(rng.uniform(0.3, 0.8, size=len(s)))[::-1]
        # right singular vectors whose largest-magnitude entry leads the next by 0.05, so that a sign
        # fixed by that entry cannot flip within a difference step
        for _ in range(100):
            mags = np.sort(np.abs(Vt), axis=1)
            if np.all(mags[:, -1] - mags[:, -2] >= 0.05):
                break
            q, r = np.linalg.qr(rng.standard_normal((len(s), len(s))))
            Vt = (q * np.sign(np.diag(r))).T
        values[name] = (U * spaced) @ Vt
        return values
    return prepare


def clear_signs(name, margin=0.05):
    """A sampler (`prepare`) for a symmetric matrix ``name``: redrawn (from the same generator) until
    each eigenvector's largest-magnitude entry leads the next by ``margin``, so that the sign fixed
    by `fix_signs` cannot flip within a difference step."""
    def prepare(rng, values):
        from identities.assumptions import VOCABULARY
        A = values[name]
        for _ in range(100):
            mags = np.sort(np.abs(np.linalg.eigh(A)[1]), axis=0)
            if np.all(mags[-1] - mags[-2] >= margin):
                break
            A = VOCABULARY["distinct_eigenvalues"].generate(rng, A.shape)
        values[name] = A
        return values
    return prepare

def gap_pinv(M):
    """The pseudo-inverse of λI − A for an eigenvalue λ of A: exactly singular by construction, so
    its computed zero singular value (rounding, ~1e-16) must be cut off, which NumPy's default
    cut-off (1e-15 relative) does not always do; the other singular values are eigenvalue gaps,
    at least 0.4 in the samples."""
    return np.linalg.pinv(M, rtol=1e-8)

# Φ: the lower triangle with the diagonal halved (Murray 2016), in the Cholesky rules.
def tril_halved(S):
    return np.tril(S) - np.diag(np.diag(S)) / 2


# Softmax and log-sum-exp along the last axis, shifted by the maximum; softplus without overflow.
def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def logsumexp(z):
    m = z.max(axis=-1, keepdims=True)
    return m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))


def softplus(t):
    return np.logaddexp(0.0, t)


# The standard normal distribution function (through erf) and density, for GELU.
_erf = np.vectorize(math.erf, otypes=[float])


def normal_cdf(t):
    return 0.5 * (1.0 + _erf(t / math.sqrt(2.0)))


def normal_pdf(t):
    return np.exp(-0.5 * t * t) / math.sqrt(2.0 * math.pi)


# --------------------------------------------------------------------------------------------
# Matrix functions: the exponential, f(X) for symmetric X, and their Fréchet derivatives

def expm(A):
    """exp(A) for any square A by scaling and squaring with a Taylor polynomial: A is scaled by 2⁻ˢ
    to ‖A‖₁ ≤ 1/2, where the degree-18 Taylor polynomial (Horner's scheme) has truncation error below
    2⁻¹⁹/19!, about 2e-23 relative, far under rounding; the result is then squared s times. (A Padé
    approximant needs a linear solve, whose rounding made central differences of exp noisier.)"""
    A = np.asarray(A, dtype=float)
    norm = np.linalg.norm(A, 1)
    s = int(np.ceil(np.log2(norm / 0.5))) if norm > 0.5 else 0
    B = A / 2.0 ** s
    eye = np.eye(len(A))
    E = eye.copy()
    for k in range(18, 0, -1):
        E = eye + B @ E / k
    for _ in range(s):
        E = E @ E
    return E


@functools.lru_cache(maxsize=None)
def gauss_legendre(m):
    """Gauss–Legendre nodes and weights on [0, 1]; the nodes are symmetric, so 1 − s_k is node m − 1 − k."""
    s, w = np.polynomial.legendre.leggauss(m)
    return (s + 1) / 2, w / 2


def frechet_quadrature(X, E, nodes=24):
    """∫₀¹ exp(sX) E exp((1−s)X) ds by Gauss–Legendre quadrature: the integral itself, as displayed. The
    integrand is entire in s: with ‖X‖ ≲ 5, twenty-four nodes leave an error far below rounding."""
    s, w = gauss_legendre(nodes)
    Es = np.stack([expm(t * X) for t in s])
    return np.einsum("k,kij,jl,klm->im", w, Es, E, Es[::-1])


def frechet_block(X, E):
    """The upper-right block of exp([[X, E], [0, X]]) (Higham 2008, ch. 3): the derivative of exp along E."""
    n = len(X)
    return expm(np.block([[X, E], [np.zeros_like(X), X]]))[:n, n:]


def sym_function(X, f):
    """f(X) = V f(Λ) Vᵀ for symmetric X, by eigh."""
    w, V = np.linalg.eigh(X)
    return (V * f(w)) @ V.T


def sylvester(Y, C):
    """The solution Z of Y Z + Z Y = C (Y symmetric positive definite), through the Kronecker form
    (I ⊗ Y + Yᵀ ⊗ I) vec Z = vec C."""
    n = len(Y)
    K = np.kron(np.eye(n), Y) + np.kron(Y.T, np.eye(n))
    return np.linalg.solve(K, vec(C)).reshape((n, n), order="F")


def frechet_eig(X, E, divided):
    """The Daleckiĭ–Kreĭn formula V (G ∘ (Vᵀ E V)) Vᵀ, G_ij = f[λ_i, λ_j], for symmetric X."""
    w, V = np.linalg.eigh(X)
    G = divided(w[:, None], w[None, :])
    return V @ (G * (V.T @ E @ V)) @ V.T


# divided differences f[a, b] = (f(a) − f(b))/(a − b), f′(a) on ties, without cancellation when a ≈ b
def exp_divided(a, b):
    d = a - b
    safe = np.where(d == 0, 1.0, d)
    return np.where(d == 0, np.exp(a), np.exp(b) * np.expm1(d) / safe)


def log_divided(a, b):
    d = a - b
    safe = np.where(d == 0, 1.0, d)
    return np.where(d == 0, 1 / a, np.log1p(d / b) / safe)
