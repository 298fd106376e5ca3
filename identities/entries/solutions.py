"""Solutions and decompositions.

The Matrix Cookbook's chapter 5, eqs. (260)–(302): solutions of linear systems (square, over- and
under-determined, Cramer's rule, the Lyapunov equation), eigenvalue facts, the singular value
decomposition and the triangular decompositions (LU, Cholesky, LDM, LDL).
"""
import numpy as np

from identities import Equality, Matrix, Scalar, Vector, cookbook  # noqa: F401
