"""Statistics, probability and multivariate distributions.

The Matrix Cookbook's chapters 6 and 7, eqs. (303)–(345): moments (mean, covariance, third and fourth
moments), expectations of linear, quadratic and cubic forms, and the densities and moments of the
multivariate distributions (Cauchy, Dirichlet, normal-inverse gamma, Student t, Wishart and inverse
Wishart).
"""
import numpy as np

from identities import Equality, Matrix, Scalar, Vector, cookbook  # noqa: F401
