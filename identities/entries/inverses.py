"""Inverses and their derivatives.

The Matrix Cookbook's §3.2 first: the inverse of a sum, eqs. (156)–(167) (Woodbury, Kailath,
Sherman–Morrison, the Searle set, the push-through identity). Then its §2.2, eqs. (59)–(64): the derivative of a matrix inverse, entrywise and in
gradient forms, with the rule for a function parametrised by the inverse. Also the Jacobian of the
inverse in vec form, the derivative of a linear solve, and the differentials of the Moore–Penrose
pseudo-inverse of a full-rank rectangular matrix.
"""
import numpy as np

from identities import Change, Equality, Derivative, Differential, Formula, Matrix, Scalar, Step, Vector, cookbook, ref
from identities.entries import curve, curve_at_sample, curve_inverse, symmetric_part, vec, well_conditioned
from identities.symbolic import sp

# Chapter 3 of the Matrix Cookbook opens here: the inverse of a sum (Woodbury, Kailath, Sherman–Morrison and the
# Searle set). Each side is computed on its own: the left inverts the sum, the right only A, B and the small matrix
# (_inv, below, is the inverse the derivations differentiate too).


Equality(
    id="F2EW",
    title="Woodbury identity (the matrix inversion lemma)",
    latex=r"(A + UBV)^{-1} = A^{-1} - A^{-1}U\left(B^{-1} + VA^{-1}U\right)^{-1}VA^{-1}",
    variables={"A": Matrix("n", "n", "invertible"), "U": Matrix("n", "k"), "B": Matrix("k", "k", "invertible"),
               "V": Matrix("k", "n")},
    conditions="A + UBV and B⁻¹ + VA⁻¹U are invertible too.",
    lhs=lambda A, U, B, V: _inv(A + U @ B @ V),
    rhs=lambda A, U, B, V: _inv(A) - _inv(A) @ U @ _inv(_inv(B) + V @ _inv(A) @ U) @ V @ _inv(A),
    notes="A rank-k update of A costs one k × k inverse instead of a new n × n one, which is why Kalman "
          "filters, Gaussian-process regression and recursive least squares use it. The Kailath variant "
          "and the Sherman–Morrison formula are its special cases.",
    references=[cookbook(157)],
    related=["69T9", "NN4D", "WHZP"],
    aliases=["matrix inversion lemma", "Woodbury matrix identity", "inverse of a low-rank update",
             "Sherman-Morrison-Woodbury", "binomial inverse theorem"],
)


Equality(
    id="69T9",
    title="Woodbury identity, symmetric form",
    latex=r"(A + CBC^{\top})^{-1} = A^{-1} - A^{-1}C\left(B^{-1} + C^{\top}A^{-1}C\right)^{-1}C^{\top}A^{-1}",
    variables={"A": Matrix("n", "n", "invertible"), "C": Matrix("n", "k"), "B": Matrix("k", "k", "invertible")},
    conditions="A + CBCᵀ and B⁻¹ + CᵀA⁻¹C are invertible too.",
    lhs=lambda A, C, B: _inv(A + C @ B @ C.T),
    rhs=lambda A, C, B: _inv(A) - _inv(A) @ C @ _inv(_inv(B) + C.T @ _inv(A) @ C) @ C.T @ _inv(A),
    notes="The form used for covariance updates, where A and B are covariances and C maps between the "
          "spaces. It is the Woodbury identity with U the matrix C and V its transpose.",
    references=[cookbook(156)],
    related=["F2EW", "MY3Y"],
    aliases=["Woodbury identity for covariances", "matrix inversion lemma symmetric", "inverse of A plus C B C transpose"],
)


Equality(
    id="MY3Y",
    title="Woodbury identity for a positive definite update",
    latex=r"\left(P^{-1} + B^{\top}R^{-1}B\right)^{-1}B^{\top}R^{-1} = PB^{\top}\left(BPB^{\top} + R\right)^{-1}",
    variables={"P": Matrix("n", "n", "spd"), "B": Matrix("m", "n"), "R": Matrix("m", "m", "spd")},
    lhs=lambda P, B, R: _inv(_inv(P) + B.T @ _inv(R) @ B) @ B.T @ _inv(R),
    rhs=lambda P, B, R: P @ B.T @ _inv(B @ P @ B.T + R),
    notes="Both sides are the Kalman gain (and the Gaussian posterior's regression matrix): the left "
          "works in the n-dimensional state space, the right in the m-dimensional measurement space, so "
          "one chooses the side with the smaller inverse.",
    references=[cookbook(158)],
    related=["69T9"],
    aliases=["Kalman gain identity", "push-through for Kalman gain", "information form and covariance form"],
)


Equality(
    id="NN4D",
    title="Kailath variant of the Woodbury identity",
    latex=r"(A + BC)^{-1} = A^{-1} - A^{-1}B\left(I + CA^{-1}B\right)^{-1}CA^{-1}",
    variables={"A": Matrix("n", "n", "invertible"), "B": Matrix("n", "k"), "C": Matrix("k", "n")},
    conditions="A + BC is invertible too.",
    lhs=lambda A, B, C: _inv(A + B @ C),
    rhs=lambda A, B, C: _inv(A) - _inv(A) @ B @ _inv(np.eye(C.shape[0]) + C @ _inv(A) @ B) @ C @ _inv(A),
    notes="The Woodbury identity with the middle matrix folded into B, so that no k × k inverse of it is needed.",
    references=[cookbook(159)],
    related=["F2EW", "WHZP"],
    aliases=["Kailath variant", "inverse of A plus BC", "low-rank update of an inverse"],
)


Equality(
    id="WHZP",
    title="Sherman–Morrison formula",
    latex=r"(A + bc^{\top})^{-1} = A^{-1} - \frac{A^{-1}bc^{\top}A^{-1}}{1 + c^{\top}A^{-1}b}",
    variables={"A": Matrix("n", "n", "invertible"), "b": Vector("n"), "c": Vector("n")},
    conditions="1 + cᵀA⁻¹b is not zero (then A + bcᵀ is invertible).",
    lhs=lambda A, b, c: _inv(A + np.outer(b, c)),
    rhs=lambda A, b, c: _inv(A) - np.outer(_inv(A) @ b, c @ _inv(A)) / (1 + c @ _inv(A) @ b),
    notes="The rank-one case of the Woodbury identity: updating an inverse after a rank-one change costs "
          "two matrix-vector products instead of a new inversion.",
    references=[cookbook(160)],
    related=["F2EW", "NN4D"],
    aliases=["Sherman-Morrison", "rank-one update of the inverse", "rank 1 update inverse"],
)


Equality(
    id="6JV0",
    title="Searle set: inverse of I plus an inverse",
    latex=r"(I + A^{-1})^{-1} = A(A + I)^{-1}",
    variables={"A": Matrix("n", "n", "invertible")},
    conditions="A + I is invertible too (−1 is not an eigenvalue of A).",
    lhs=lambda A: _inv(np.eye(len(A)) + _inv(A)),
    rhs=lambda A: A @ _inv(A + np.eye(len(A))),
    references=[cookbook(161)],
    related=["0YP3"],
    aliases=["Searle identities", "inverse of identity plus inverse"],
)


Equality(
    id="CZSL",
    title="Searle set: (A + BBᵀ)⁻¹B",
    latex=r"(A + BB^{\top})^{-1}B = A^{-1}B\left(I + B^{\top}A^{-1}B\right)^{-1}",
    variables={"A": Matrix("n", "n", "invertible"), "B": Matrix("n", "k")},
    conditions="A + BBᵀ is invertible too.",
    lhs=lambda A, B: _inv(A + B @ B.T) @ B,
    rhs=lambda A, B: _inv(A) @ B @ _inv(np.eye(B.shape[1]) + B.T @ _inv(A) @ B),
    notes="With B a tall n × k matrix the right side inverts a k × k matrix only.",
    references=[cookbook(162)],
    related=["F2EW", "MU56"],
    aliases=["Searle identities", "inverse of A plus B B transpose times B"],
)


Equality(
    id="0YP3",
    title="Searle set: inverse of a sum of inverses",
    latex=r"(A^{-1} + B^{-1})^{-1} = A(A + B)^{-1}B",
    variables={"A": Matrix("n", "n", "invertible"), "B": Matrix("n", "n", "invertible")},
    conditions="A + B is invertible too.",
    lhs=lambda A, B: _inv(_inv(A) + _inv(B)),
    rhs=lambda A, B: A @ _inv(A + B) @ B,
    also=[Formula(r"(A^{-1} + B^{-1})^{-1} = B(A + B)^{-1}A",
                  lambda A, B: _inv(_inv(A) + _inv(B)), lambda A, B: B @ _inv(A + B) @ A)],
    notes="For positive definite A and B this is half their harmonic mean, the parallel sum of electrical networks.",
    references=[cookbook(163)],
    related=["C42J", "WCUE"],
    aliases=["Searle identities", "parallel sum", "harmonic mean of matrices", "inverse of sum of inverses"],
)


Equality(
    id="C42J",
    title="Searle set: A − A(A + B)⁻¹A is symmetric in A and B",
    latex=r"A - A(A + B)^{-1}A = B - B(A + B)^{-1}B",
    variables={"A": Matrix("n", "n", "square"), "B": Matrix("n", "n", "square")},
    conditions="A + B is invertible.",
    lhs=lambda A, B: A - A @ _inv(A + B) @ A,
    rhs=lambda A, B: B - B @ _inv(A + B) @ B,
    also=[Formula(r"A - A(A + B)^{-1}A = A(A + B)^{-1}B",
                  lambda A, B: A - A @ _inv(A + B) @ A, lambda A, B: A @ _inv(A + B) @ B)],
    notes="Neither A nor B needs to be invertible, only their sum.",
    references=[cookbook(164)],
    related=["0YP3"],
    aliases=["Searle identities"],
)


Equality(
    id="WCUE",
    title="Searle set: a sum of inverses",
    latex=r"A^{-1} + B^{-1} = A^{-1}(A + B)B^{-1}",
    variables={"A": Matrix("n", "n", "invertible"), "B": Matrix("n", "n", "invertible")},
    lhs=lambda A, B: _inv(A) + _inv(B),
    rhs=lambda A, B: _inv(A) @ (A + B) @ _inv(B),
    references=[cookbook(165)],
    related=["0YP3"],
    aliases=["Searle identities", "sum of inverses"],
)


Equality(
    id="SGCL",
    title="Inverse of I + AB through I + BA",
    latex=r"(I + AB)^{-1} = I - A(I + BA)^{-1}B",
    variables={"A": Matrix("n", "k"), "B": Matrix("k", "n")},
    conditions="I + AB is invertible (then so is I + BA).",
    lhs=lambda A, B: _inv(np.eye(A.shape[0]) + A @ B),
    rhs=lambda A, B: np.eye(A.shape[0]) - A @ _inv(np.eye(B.shape[0]) + B @ A) @ B,
    notes="The n × n inverse on the left comes from a k × k one on the right; with a single column in A "
          "it is the Sherman–Morrison formula about the identity.",
    references=[cookbook(166)],
    related=["MU56", "WHZP"],
    aliases=["Searle identities", "inverse of identity plus AB"],
)


Equality(
    id="MU56",
    title="Push-through identity",
    latex=r"(I + AB)^{-1}A = A(I + BA)^{-1}",
    variables={"A": Matrix("n", "k"), "B": Matrix("k", "n")},
    conditions="I + AB is invertible (then so is I + BA).",
    lhs=lambda A, B: _inv(np.eye(A.shape[0]) + A @ B) @ A,
    rhs=lambda A, B: A @ _inv(np.eye(B.shape[0]) + B @ A),
    notes="A can be pushed through the inverse from one side to the other, the sizes of the identity "
          "matrices changing from n to k.",
    references=[cookbook(167)],
    related=["SGCL", "CZSL"],
    aliases=["push-through identity", "push through", "Searle identities"],
)


# Shift A so that X + A equals the well-conditioned sample of A.
# draw a well-conditioned invertible S and set A = S − X, so that X + A = S; A itself is only square
def _sum_invertible(rng, values):
    values["A"] = well_conditioned(rng, values["A"].shape) - values["X"]
    return values


# The inverse of an SPD matrix through its Cholesky factor: Σ⁻¹ = L⁻ᵀL⁻¹.
def _spd_inverse(S):
    Li = np.linalg.inv(np.linalg.cholesky(S))
    return Li.T @ Li


# Functions whose differentials the derivations take with D(...): defined once, so that each is one
# function object for the verifier's cache.
def _inv(X):
    return np.linalg.inv(X)


_Y, _Y_inv = curve, curve_inverse


def _inv_sum(X, A):
    return np.linalg.inv(X + A)


def _inv_gram(X):
    return np.linalg.inv(X.T @ X)


def _inv_gram_rows(X):
    return np.linalg.inv(X @ X.T)


def _transpose(X):
    return X.T


Derivative(
    id="NBTK",
    title="Derivative of Y(x)⁻¹ by a scalar",
    latex=r"\frac{\partial Y^{-1}}{\partial x} = -Y^{-1}\frac{\partial Y}{\partial x}Y^{-1}, \quad Y = A + xB + x^{2}C",
    symbols={"Y": "a square matrix function of x; here the quadratic A + xB + x²C"},
    variables={"x": Scalar(), "A": Matrix("n", "n", "square"), "B": Matrix("n", "n", "square"),
               "C": Matrix("n", "n", "square")},
    conditions="Y(x) is invertible at the point of evaluation (the sampler shifts A so that Y(x) is a "
               "well-conditioned invertible matrix).",
    prepare=curve_at_sample,
    wrt="x",
    layout="numerator",
    f=lambda x, A, B, C: np.linalg.inv(curve(x, A, B, C)),
    claimed=lambda x, A, B, C: -np.linalg.solve(curve(x, A, B, C), B + 2 * x * C) @ np.linalg.inv(curve(x, A, B, C)),
    also=[Formula(r"\mathrm{d}Y = (B + 2xC)\,\mathrm{d}x", lambda D: D(_Y), lambda x, B, C, dx: (B + 2 * x * C) * dx,
                  uses=["9K5K", "8S7R"])],
    derivation=[
        Step(r"\mathrm{d}(YY^{-1}) = \mathrm{d}I = 0 \;\Rightarrow\; Y\,\mathrm{d}(Y^{-1}) = -(\mathrm{d}Y)\,Y^{-1}",
             lambda x, A, B, C, D: curve(x, A, B, C) @ D(), lambda x, A, B, C, D: -D(_Y) @ np.linalg.inv(curve(x, A, B, C)),
             uses=["8CQG", "6Q8H"]),
        Step(r"\mathrm{d}(Y^{-1}) = -Y^{-1}(\mathrm{d}Y)\,Y^{-1} = -Y^{-1}(B + 2xC)\,Y^{-1}\,\mathrm{d}x \;\Rightarrow\; "
             r"\frac{\partial Y^{-1}}{\partial x} = -Y^{-1}(B + 2xC)\,Y^{-1}",
             lambda D: D(),
             lambda x, A, B, C, D: -np.linalg.inv(curve(x, A, B, C)) @ D(_Y) @ np.linalg.inv(curve(x, A, B, C)),
             lambda x, A, B, C, dx: -np.linalg.inv(curve(x, A, B, C)) @ (B + 2 * x * C) @ np.linalg.inv(curve(x, A, B, C)) * dx,
             uses=["0DTW", "9K5K", "8S7R"]),
    ],
    notes="Differentiate the product of Y and its inverse, the constant identity (see the derivation). Here the "
          "derivative of Y is B + 2xC.",
    references=[cookbook(59)],
    aliases=["derivative of inverse", "d/dt inverse matrix", "derivative of matrix inverse by a parameter"],
    history=[Change("2026-12-02", "0.2.0", "A is declared square, not invertible",
                    "the sampler builds A so that Y(x) is invertible; the page said 'A is invertible', which is "
                    "not the assumption the check depends on")],
)

Differential(
    id="R26T",
    title="Entrywise derivative of the inverse: ∂(X⁻¹)_kl/∂X_ij",
    latex=r"\frac{\partial (X^{-1})_{kl}}{\partial X_{ij}} = -(X^{-1})_{ki}(X^{-1})_{jl}",
    symbols={"i": "a row index of X", "j": "a column index of X", "k": "a row index of X⁻¹",
             "l": "a column index of X⁻¹"},
    variables={"X": Matrix("n", "n", "invertible")},
    wrt=("X",),
    f=lambda X: np.linalg.inv(X),
    df=lambda X, dX: np.einsum("klij,ij->kl", -np.einsum("ki,jl->klij", np.linalg.inv(X), np.linalg.inv(X)), dX),
    derivation=[
        Step(r"\mathrm{d}(X^{-1}) = -X^{-1}(\mathrm{d}X)X^{-1}",
             lambda D: D(), lambda X, dX: -np.linalg.inv(X) @ dX @ np.linalg.inv(X), uses=["0DTW"]),
        Step(r"\mathrm{d}(X^{-1})_{kl} = -\sum_{i,j}(X^{-1})_{ki}\,\mathrm{d}X_{ij}\,(X^{-1})_{jl} "
             r"\;\Rightarrow\; \frac{\partial (X^{-1})_{kl}}{\partial X_{ij}} = -(X^{-1})_{ki}(X^{-1})_{jl}",
             lambda X, dX: -np.linalg.inv(X) @ dX @ np.linalg.inv(X),
             lambda X, dX: -np.einsum("ki,ij,jl->kl", np.linalg.inv(X), dX, np.linalg.inv(X))),
    ],
    notes="The check builds the four-index array of partial derivatives as printed and contracts it with "
          "a perturbation dX over i and j, which gives the differential of each entry of X⁻¹.",
    references=[cookbook(60)],
    aliases=["derivative of inverse entries", "partial derivative of inverse element", "index form inverse derivative"],
)

Differential(
    id="9EGC",
    title="Jacobian of the matrix inverse in vec form",
    latex=r"\mathrm{d}\operatorname{vec}(X^{-1}) = -(X^{-\top}\otimes X^{-1})\operatorname{vec}(\mathrm{d}X)",
    variables={"X": Matrix("n", "n", "invertible")},
    wrt=("X",),
    f=lambda X: vec(np.linalg.inv(X)),
    df=lambda X, dX: -np.kron(np.linalg.inv(X).T, np.linalg.inv(X)) @ vec(dX),
    derivation=[
        Step(r"\mathrm{d}\operatorname{vec}(X^{-1}) = \operatorname{vec}\,\mathrm{d}(X^{-1}) = -\operatorname{vec}\bigl(X^{-1}(\mathrm{d}X)X^{-1}\bigr)",
             lambda D: D(), lambda X, D: vec(D(_inv)), lambda X, dX: -vec(np.linalg.inv(X) @ dX @ np.linalg.inv(X)),
             uses=["79FZ", "0DTW"]),
        Step(r"= -(X^{-\top}\otimes X^{-1})\operatorname{vec}(\mathrm{d}X)",
             lambda X, dX: -vec(np.linalg.inv(X) @ dX @ np.linalg.inv(X)),
             lambda X, dX: -np.kron(np.linalg.inv(X).T, np.linalg.inv(X)) @ vec(dX), uses=["DMEZ"]),
    ],
    notes="vec stacks columns; the n² × n² Jacobian ∂vec(X⁻¹)/∂vec(X)ᵀ is −X⁻ᵀ⊗X⁻¹.",
    references=[ref("magnus-neudecker-2019", "Ch. 9, Jacobian of the inverse")],
    aliases=["Jacobian of inverse", "vec inverse derivative", "Kronecker form of inverse derivative"],
)

Derivative(
    id="7GL3",
    title="Gradient of aᵀX⁻¹b",
    latex=r"\frac{\partial a^{\top}X^{-1}b}{\partial X} = -X^{-\top}ab^{\top}X^{-\top}",
    variables={"a": Vector("n"), "X": Matrix("n", "n", "invertible"), "b": Vector("n")},
    wrt="X",
    layout="denominator",
    f=lambda a, X, b: a @ np.linalg.solve(X, b),
    claimed=lambda a, X, b: -np.outer(np.linalg.solve(X.T, a), np.linalg.solve(X, b)),
    other_layout=(r"\frac{\partial a^{\top}X^{-1}b}{\partial X} = -X^{-1}ba^{\top}X^{-1}",
                  lambda a, X, b: -np.linalg.inv(X) @ np.outer(b, a) @ np.linalg.inv(X)),
    differential=(r"\mathrm{d}(a^{\top}X^{-1}b) = -a^{\top}X^{-1}\mathrm{d}X\,X^{-1}b",
                  lambda a, X, b, dX: -np.linalg.solve(X.T, a) @ dX @ np.linalg.solve(X, b)),
    derivation=[
        Step(r"\mathrm{d}(a^{\top}X^{-1}b) = a^{\top}\mathrm{d}(X^{-1})\,b",
             lambda D: D(), lambda a, b, D: a @ D(_inv) @ b, uses=["2ZM7"]),
        Step(r"= -a^{\top}X^{-1}(\mathrm{d}X)X^{-1}b",
             lambda a, b, D: a @ D(_inv) @ b, lambda a, X, b, dX: -a @ np.linalg.inv(X) @ dX @ np.linalg.inv(X) @ b,
             uses=["0DTW"]),
        Step(r"= -\operatorname{tr}\bigl(X^{-1}ba^{\top}X^{-1}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial a^{\top}X^{-1}b}{\partial X} = -(X^{-1}ba^{\top}X^{-1})^{\top} = -X^{-\top}ab^{\top}X^{-\top}",
             lambda a, X, b, dX: -a @ np.linalg.inv(X) @ dX @ np.linalg.inv(X) @ b,
             lambda a, X, b, dX: -np.trace(np.linalg.inv(X) @ np.outer(b, a) @ np.linalg.inv(X) @ dX),
             lambda a, X, b, dX: np.sum(-np.linalg.inv(X).T @ np.outer(a, b) @ np.linalg.inv(X).T * dX), uses=["GWJ1"]),
    ],
    symbolic=lambda a, X, b: sp.Trace(a.T * X.I * b),
    notes="In outer-product form the gradient is −(X⁻ᵀa)(X⁻¹b)ᵀ: two solves, no explicit inverse.",
    references=[cookbook(61)],
    aliases=["bilinear form with inverse", "derivative of a^T X^-1 b", "inverse quadratic form gradient"],
)

Derivative(
    id="0SHF",
    title="Gradient of det(X⁻¹)",
    latex=r"\frac{\partial \det(X^{-1})}{\partial X} = -\det(X^{-1})\,X^{-\top}",
    variables={"X": Matrix("n", "n", "invertible")},
    wrt="X",
    layout="denominator",
    f=lambda X: np.linalg.det(np.linalg.inv(X)),
    claimed=lambda X: -np.linalg.inv(X).T / np.linalg.det(X),
    symbolic=lambda X: sp.Determinant(X.I),
    also=[Formula(r"\det(X^{-1}) = \frac{1}{\det X}", lambda X: np.linalg.det(np.linalg.inv(X)),
                  lambda X: 1 / np.linalg.det(X))],
    derivation=[
        Step(r"\mathrm{d}\det(X^{-1}) = \det(X^{-1})\operatorname{tr}\bigl(X\,\mathrm{d}(X^{-1})\bigr)",
             lambda D: D(), lambda X, D: np.linalg.det(np.linalg.inv(X)) * np.trace(X @ D(_inv)), uses=["S66Y"]),
        Step(r"= -\det(X^{-1})\operatorname{tr}\bigl(XX^{-1}(\mathrm{d}X)X^{-1}\bigr) = -\det(X^{-1})\operatorname{tr}(X^{-1}\mathrm{d}X)",
             lambda X, D: np.linalg.det(np.linalg.inv(X)) * np.trace(X @ D(_inv)),
             lambda X, dX: -np.linalg.det(np.linalg.inv(X)) * np.trace(X @ np.linalg.inv(X) @ dX @ np.linalg.inv(X)),
             lambda X, dX: -np.linalg.det(np.linalg.inv(X)) * np.trace(np.linalg.solve(X, dX)), uses=["0DTW"]),
        Step(r"= \operatorname{tr}\bigl((-\det(X^{-1})\,X^{-\top})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial \det(X^{-1})}{\partial X} = -\det(X^{-1})\,X^{-\top}",
             lambda X, dX: -np.linalg.det(np.linalg.inv(X)) * np.trace(np.linalg.solve(X, dX)),
             lambda X, dX: np.sum(-np.linalg.inv(X).T / np.linalg.det(X) * dX), uses=["GWJ1"]),
    ],
    notes="The determinant of X⁻¹ is 1/det X (shown below), so the gradient is also −det(X)⁻² times the "
          "gradient det(X) X⁻ᵀ of det X.",
    references=[cookbook(62)],
    aliases=["determinant of inverse", "derivative of det X^-1"],
)

Derivative(
    id="23MZ",
    title="Gradient of tr((X + A)⁻¹)",
    latex=r"\frac{\partial \operatorname{tr}((X + A)^{-1})}{\partial X} = -\left((X + A)^{-1}(X + A)^{-1}\right)^{\top}",
    variables={"X": Matrix("n", "n", "square"), "A": Matrix("n", "n", "square")},
    conditions="X + A is invertible (the sampler shifts A so that X + A is well conditioned).",
    prepare=_sum_invertible,
    wrt="X",
    layout="denominator",
    f=lambda X, A: np.trace(np.linalg.inv(X + A)),
    claimed=lambda X, A: -np.linalg.matrix_power(np.linalg.inv(X + A), 2).T,
    symbolic=lambda X, A: sp.Trace((X + A).I),
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}\bigl((X + A)^{-1}\bigr) = \operatorname{tr}\bigl(\mathrm{d}(X + A)^{-1}\bigr)",
             lambda D: D(), lambda D: np.trace(D(_inv_sum)), uses=["U00N"]),
        Step(r"= -\operatorname{tr}\bigl((X + A)^{-1}\,\mathrm{d}(X + A)\,(X + A)^{-1}\bigr)"
             r" = -\operatorname{tr}\bigl((X + A)^{-1}\,\mathrm{d}X\,(X + A)^{-1}\bigr)",
             lambda D: np.trace(D(_inv_sum)),
             lambda X, A, dX: -np.trace(np.linalg.inv(X + A) @ dX @ np.linalg.inv(X + A)), uses=["0DTW", "6Q8H"]),
        Step(r"= -\operatorname{tr}\bigl((X + A)^{-1}(X + A)^{-1}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial \operatorname{tr}((X + A)^{-1})}{\partial X} = -\left((X + A)^{-1}(X + A)^{-1}\right)^{\top}",
             lambda X, A, dX: -np.trace(np.linalg.inv(X + A) @ dX @ np.linalg.inv(X + A)),
             lambda X, A, dX: -np.trace(np.linalg.matrix_power(np.linalg.inv(X + A), 2) @ dX),
             lambda X, A, dX: np.sum(-np.linalg.matrix_power(np.linalg.inv(X + A), 2).T * dX), uses=["GWJ1"]),
    ],
    notes="With A zero this is the gradient of tr(X⁻¹), namely −(X⁻²)ᵀ.",
    references=[cookbook(64)],
    aliases=["trace of inverse", "derivative of trace of (X+A)^-1", "resolvent trace gradient"],
    history=[Change("2026-12-02", "0.2.0", "A is declared square, not invertible",
                    "the sampler builds A so that X + A is invertible; the page said 'A is invertible', which is "
                    "not the assumption the check depends on")],
)

Differential(
    id="KSDV",
    title="Differential of the inverse of a symmetric positive definite matrix",
    latex=r"\mathrm{d}(\Sigma^{-1}) = -\Sigma^{-1}(\mathrm{d}\Sigma)\Sigma^{-1}",
    variables={"Sigma": Matrix("n", "n", "spd")},
    wrt=("Sigma",),
    directions="symmetric",
    f=lambda Sigma: _spd_inverse(Sigma),
    df=lambda Sigma, dSigma: -symmetric_part(np.linalg.solve(Sigma, dSigma) @ np.linalg.inv(Sigma)),
    symbols={"L": "the lower-triangular Cholesky factor of Σ"},
    also=[Formula(r"\Sigma^{-1} = L^{-\top}L^{-1}", lambda Sigma: _spd_inverse(Sigma), lambda Sigma: np.linalg.inv(Sigma))],
    derivation=[
        Step(r"\mathrm{d}(\Sigma\Sigma^{-1}) = \mathrm{d}I = 0 \;\Rightarrow\; \Sigma\,\mathrm{d}(\Sigma^{-1}) = -(\mathrm{d}\Sigma)\Sigma^{-1}",
             lambda Sigma, D: Sigma @ D(), lambda Sigma, dSigma: -dSigma @ _spd_inverse(Sigma), uses=["8CQG", "6Q8H"]),
        Step(r"\mathrm{d}(\Sigma^{-1}) = \Sigma^{-1}\bigl(-(\mathrm{d}\Sigma)\Sigma^{-1}\bigr) = -\Sigma^{-1}(\mathrm{d}\Sigma)\Sigma^{-1}",
             lambda Sigma, dSigma: np.linalg.solve(Sigma, -dSigma @ _spd_inverse(Sigma)),
             lambda Sigma, dSigma: -_spd_inverse(Sigma) @ dSigma @ _spd_inverse(Sigma), uses=["0DTW"]),
    ],
    notes="Checked along symmetric perturbations dΣ, the ones that keep Σ a covariance matrix; the inverse "
          "is computed from the Cholesky factor (shown below). The result is symmetric, as it must be.",
    references=[cookbook(40, note="the general rule, restricted here to symmetric perturbations"),
                ref("giles-2008", "matrix inverse")],
    aliases=["derivative of precision matrix", "inverse covariance differential", "d Sigma^-1"],
)

Differential(
    id="YF7A",
    title="Differential of a linear solve x = A⁻¹b",
    latex=r"\mathrm{d}(A^{-1}b) = A^{-1}(\mathrm{d}b - \mathrm{d}A\,A^{-1}b)",
    variables={"A": Matrix("n", "n", "invertible"), "b": Vector("n")},
    wrt=("A", "b"),
    f=lambda A, b: np.linalg.solve(A, b),
    df=lambda A, b, dA, db: np.linalg.inv(A) @ (db - dA @ (np.linalg.inv(A) @ b)),
    symbols={"x": "the solution A⁻¹b"},
    derivation=[
        Step(r"Ax = b \;\Rightarrow\; (\mathrm{d}A)\,x + A\,\mathrm{d}x = \mathrm{d}b \;\Rightarrow\; "
             r"A\,\mathrm{d}x = \mathrm{d}b - (\mathrm{d}A)\,x",
             lambda A, D: A @ D(), lambda A, b, dA, db: db - dA @ np.linalg.solve(A, b), uses=["8CQG"]),
        Step(r"\mathrm{d}x = A^{-1}\bigl(\mathrm{d}b - (\mathrm{d}A)\,A^{-1}b\bigr)",
             lambda D: D(), lambda A, b, dA, db: np.linalg.solve(A, db - dA @ np.linalg.solve(A, b))),
    ],
    notes="Forward mode of a linear solve: one more solve with the same matrix, right-hand side "
          "db − dA x. Reverse mode: the adjoint of b is A⁻ᵀ times the adjoint of x, and the adjoint of A is "
          "minus the outer product of the adjoint of b with x.",
    references=[ref("giles-2008", "matrix inverse product")],
    aliases=["derivative of linear system solution", "sensitivity of Ax = b", "derivative of solve"],
)

Differential(
    id="PN4V",
    title="Differential of the pseudo-inverse, full column rank",
    latex=r"\mathrm{d}X^{+} = -X^{+}(\mathrm{d}X)X^{+} + (X^{\top}X)^{-1}(\mathrm{d}X)^{\top}(I - XX^{+})",
    variables={"X": Matrix("m", "n", "full_column_rank")},
    wrt=("X",),
    f=lambda X: np.linalg.pinv(X),
    df=lambda X, dX: (-np.linalg.pinv(X) @ dX @ np.linalg.pinv(X)
                      + np.linalg.solve(X.T @ X, dX.T) @ (np.eye(len(X)) - X @ np.linalg.pinv(X))),
    also=[Formula(r"X^{+} = (X^{\top}X)^{-1}X^{\top}", lambda X: np.linalg.pinv(X), lambda X: np.linalg.solve(X.T @ X, X.T))],
    derivation=[
        Step(r"\mathrm{d}X^{+} = \mathrm{d}\bigl((X^{\top}X)^{-1}X^{\top}\bigr) = \mathrm{d}\bigl((X^{\top}X)^{-1}\bigr)X^{\top}"
             r" + (X^{\top}X)^{-1}(\mathrm{d}X)^{\top}",
             lambda D: D(), lambda X, dX, D: D(_inv_gram) @ X.T + np.linalg.inv(X.T @ X) @ dX.T, uses=["8CQG", "TBSX"]),
        Step(r"= -(X^{\top}X)^{-1}\bigl((\mathrm{d}X)^{\top}X + X^{\top}\mathrm{d}X\bigr)(X^{\top}X)^{-1}X^{\top}"
             r" + (X^{\top}X)^{-1}(\mathrm{d}X)^{\top}",
             lambda X, dX, D: D(_inv_gram) @ X.T + np.linalg.inv(X.T @ X) @ dX.T,
             lambda X, dX: (-np.linalg.inv(X.T @ X) @ (dX.T @ X + X.T @ dX) @ np.linalg.inv(X.T @ X) @ X.T
                            + np.linalg.inv(X.T @ X) @ dX.T), uses=["0DTW", "N72P"]),
        Step(r"= -X^{+}(\mathrm{d}X)X^{+} + (X^{\top}X)^{-1}(\mathrm{d}X)^{\top}(I - XX^{+})",
             lambda X, dX: (-np.linalg.inv(X.T @ X) @ (dX.T @ X + X.T @ dX) @ np.linalg.inv(X.T @ X) @ X.T
                            + np.linalg.inv(X.T @ X) @ dX.T),
             lambda X, dX: (-np.linalg.pinv(X) @ dX @ np.linalg.pinv(X)
                            + np.linalg.solve(X.T @ X, dX.T) @ (np.eye(len(X)) - X @ np.linalg.pinv(X)))),
    ],
    notes="Here X⁺ is (XᵀX)⁻¹Xᵀ (shown below). The first term alone, the analogue of d(X⁻¹), is not enough: "
          "the second accounts for the part of dX that leaves the column space of X. It is the "
          "full-column-rank case of the Golub–Pereyra formula.",
    references=[ref("magnus-neudecker-2019", "Ch. 8, the Moore–Penrose inverse")],
    aliases=["derivative of pseudo-inverse", "Moore-Penrose derivative", "pinv gradient", "least squares matrix derivative"],
)

Differential(
    id="4WP4",
    title="Differential of the pseudo-inverse, full row rank",
    latex=r"\mathrm{d}X^{+} = -X^{+}(\mathrm{d}X)X^{+} + (I - X^{+}X)(\mathrm{d}X)^{\top}(XX^{\top})^{-1}",
    variables={"X": Matrix("m", "n", "full_row_rank")},
    wrt=("X",),
    f=lambda X: np.linalg.pinv(X),
    df=lambda X, dX: (-np.linalg.pinv(X) @ dX @ np.linalg.pinv(X)
                      + (np.eye(X.shape[1]) - np.linalg.pinv(X) @ X) @ np.linalg.solve(X @ X.T, dX).T),
    also=[Formula(r"X^{+} = X^{\top}(XX^{\top})^{-1}", lambda X: np.linalg.pinv(X), lambda X: np.linalg.solve(X @ X.T, X).T),
          Formula(r"(X^{\top})^{+} = (X^{+})^{\top}", lambda X: np.linalg.pinv(X.T), lambda X: np.linalg.pinv(X).T)],
    derivation=[
        Step(r"\mathrm{d}X^{+} = \mathrm{d}\bigl(X^{\top}(XX^{\top})^{-1}\bigr) = (\mathrm{d}X)^{\top}(XX^{\top})^{-1}"
             r" + X^{\top}\mathrm{d}\bigl((XX^{\top})^{-1}\bigr)",
             lambda D: D(), lambda X, dX, D: dX.T @ np.linalg.inv(X @ X.T) + X.T @ D(_inv_gram_rows), uses=["8CQG", "TBSX"]),
        Step(r"= (\mathrm{d}X)^{\top}(XX^{\top})^{-1} - X^{\top}(XX^{\top})^{-1}\bigl((\mathrm{d}X)X^{\top} + X(\mathrm{d}X)^{\top}\bigr)(XX^{\top})^{-1}",
             lambda X, dX, D: dX.T @ np.linalg.inv(X @ X.T) + X.T @ D(_inv_gram_rows),
             lambda X, dX: (dX.T @ np.linalg.inv(X @ X.T)
                            - X.T @ np.linalg.inv(X @ X.T) @ (dX @ X.T + X @ dX.T) @ np.linalg.inv(X @ X.T)),
             uses=["0DTW", "8CQG", "TBSX"]),
        Step(r"= -X^{+}(\mathrm{d}X)X^{+} + (I - X^{+}X)(\mathrm{d}X)^{\top}(XX^{\top})^{-1}",
             lambda X, dX: (dX.T @ np.linalg.inv(X @ X.T)
                            - X.T @ np.linalg.inv(X @ X.T) @ (dX @ X.T + X @ dX.T) @ np.linalg.inv(X @ X.T)),
             lambda X, dX: (-np.linalg.pinv(X) @ dX @ np.linalg.pinv(X)
                            + (np.eye(X.shape[1]) - np.linalg.pinv(X) @ X) @ np.linalg.solve(X @ X.T, dX).T)),
    ],
    notes="Here X⁺ is Xᵀ(XXᵀ)⁻¹, the minimum-norm right inverse (shown below). The result is also the "
          "transpose of the full-column-rank one applied to Xᵀ, since the pseudo-inverse commutes with "
          "transposition.",
    references=[ref("magnus-neudecker-2019", "Ch. 8, the Moore–Penrose inverse")],
    aliases=["derivative of pseudo-inverse wide matrix", "minimum norm inverse derivative", "pinv differential"],
)

Derivative(
    id="7LTV",
    title="Gradient through the inverse: W = A⁻¹",
    latex=r"\frac{\partial J}{\partial A} = -A^{-\top}\frac{\partial J}{\partial W}A^{-\top},"
          r"\quad W = A^{-1},\ J = \tfrac{1}{2}\lVert W - C\rVert_{\mathrm{F}}^{2}",
    symbols={"J": "a differentiable scalar function of W; here ½‖W − C‖²_F, with gradient W − C",
             "W": "the inverse of A"},
    variables={"A": Matrix("n", "n", "invertible"), "C": Matrix("n", "n", "square")},
    wrt="A",
    layout="denominator",
    f=lambda A, C: 0.5 * np.sum((np.linalg.inv(A) - C) ** 2),
    claimed=lambda A, C: -np.linalg.inv(A).T @ (np.linalg.inv(A) - C) @ np.linalg.inv(A).T,
    derivation=[
        Step(r"\mathrm{d}J = \operatorname{tr}\left(\frac{\partial J}{\partial W}^{\top}\mathrm{d}W\right)"
             r" = \operatorname{tr}\bigl((W - C)^{\top}\mathrm{d}(A^{-1})\bigr)",
             lambda D: D(), lambda A, C, D: np.sum((np.linalg.inv(A) - C) * D(_inv)), uses=["GWJ1"]),
        Step(r"= -\operatorname{tr}\left(\frac{\partial J}{\partial W}^{\top}A^{-1}(\mathrm{d}A)A^{-1}\right)",
             lambda A, C, D: np.sum((np.linalg.inv(A) - C) * D(_inv)),
             lambda A, C, dA: -np.trace((np.linalg.inv(A) - C).T @ np.linalg.inv(A) @ dA @ np.linalg.inv(A)), uses=["0DTW"]),
        Step(r"= -\operatorname{tr}\left(A^{-1}\frac{\partial J}{\partial W}^{\top}A^{-1}\mathrm{d}A\right) \;\Rightarrow\; "
             r"\frac{\partial J}{\partial A} = -A^{-\top}\frac{\partial J}{\partial W}A^{-\top}",
             lambda A, C, dA: -np.trace((np.linalg.inv(A) - C).T @ np.linalg.inv(A) @ dA @ np.linalg.inv(A)),
             lambda A, C, dA: -np.trace(np.linalg.inv(A) @ (np.linalg.inv(A) - C).T @ np.linalg.inv(A) @ dA),
             lambda A, C, dA: np.sum(-np.linalg.inv(A).T @ (np.linalg.inv(A) - C) @ np.linalg.inv(A).T * dA),
             uses=["GWJ1"]),
    ],
    notes="The rule holds for any J; the check uses half the squared Frobenius distance of W from C, whose "
          "gradient W − C is not symmetric, so a wrong transpose shows.",
    references=[ref("matrix-cookbook-2012", "§2.2, unnumbered rule after eq. (64)")],
    aliases=["chain rule through inverse", "reparametrise by inverse", "gradient with respect to precision matrix"],
)
