"""Gaussians.

The Matrix Cookbook's chapter 8, eqs. (346)–(396): the Gaussian density and its derivatives,
marginals and conditionals, linear combinations, rearranging means, products of densities, moments
(means, covariances, the moments of linear, quadratic and cubic forms, the cumulants), and mixtures of
Gaussians.
"""
import numpy as np

from identities import Equality, Matrix, Scalar, Vector, cookbook  # noqa: F401
