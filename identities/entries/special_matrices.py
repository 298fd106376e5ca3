"""Special matrices.

The Matrix Cookbook's chapter 9, eqs. (397)–(486): block matrices and Schur complements, the discrete
Fourier transform matrix, Hermitian, idempotent, orthogonal, positive definite, single-entry,
symmetric, Toeplitz, transition and Vandermonde matrices.
"""
import numpy as np

from identities import Equality, Matrix, Scalar, Vector, cookbook  # noqa: F401
