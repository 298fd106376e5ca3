"""Queries people type, each with the entry that must be in the search's top 3.

Used by the site search test (pagefind in a real browser) and by the command-line search test.
"""
QUERIES = [
    ("log determinant", "BJCG"),
    ("derivative of inverse", "0DTW"),
    ("trace of product", "GWJ1"),
    ("quadratic form gradient", "AUP0"),
    ("softmax jacobian", "AH09"),
    ("cookbook 57", "BJCG"),
    ("determinent", "2GCY"),
    ("jacobi's formula", "S66Y"),
    ("cross entropy softmax", "1JBY"),
    ("frobenius norm gradient", "L6MJ"),
    ("log sum exp", "1UJ9"),
    ("layer norm jacobian", "MTM8"),
    ("sigmoid derivative", "7Z06"),
    ("cholesky derivative", "300S"),
    ("vec kronecker", "DMEZ"),
    ("attention values", "RAE7"),
    ("GWJ1", "GWJ1"),
    ("relu", "R8DW"),
    ("hessian of quadratic form", "JYZQ"),
    ("vector chain rule", "VBL7"),
    ("matrix exponential derivative", "ZCT0"),
    ("gaussian log likelihood covariance", "D5HC"),
]
