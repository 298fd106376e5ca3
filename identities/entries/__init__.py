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
