"""Complex matrices.

The Matrix Cookbook's chapter 4, eqs. (225)–(259): derivatives of functions of complex variables under
the Cookbook's conventions (by the real and imaginary parts, the generalised derivatives ∂/∂z and ∂/∂z̄,
the complex gradient), derivatives of traces and determinants of complex matrices, and the inverse of
a complex sum.
"""
import numpy as np

from identities import Equality, Matrix, Scalar, Vector, cookbook  # noqa: F401
