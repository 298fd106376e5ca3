"""Functions and operators.

The Matrix Cookbook's chapter 10, eqs. (487)–(550): finite and power series of matrices, the matrix
exponential, the Kronecker product and the vec operator, vector and matrix norms and their
inequalities, rank, and the miscellaneous identities that close the book.
"""
import numpy as np

from identities import Equality, Matrix, Scalar, Vector, cookbook  # noqa: F401
