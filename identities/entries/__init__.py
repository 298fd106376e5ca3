"""The records, one module per topic. A module's docstring gives the topic's title (first line)
and its introduction (the rest); ORDER is the reading order of the site and of `list`. The helpers
below serve the records of several topics."""
import numpy as np

ORDER = [
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