"""Derivatives of determinants.

The Matrix Cookbook's §2.1, eqs. (46)–(58): Jacobi's formula in its general, linear, square and
nonlinear forms, with the shapes and assumptions under which each printed formula holds. Also the
log-determinant of a symmetric positive definite matrix with its Hessian, and the small-ε expansion of
det(I + εA), whose Cookbook version (28) carries a spurious term.
"""
import numpy as np

from identities import Change, Derivative, Equality, Erratum, Formula, Hessian, Matrix, Scalar, Step, cookbook, ref
from identities.entries import curve, curve_at_sample, curve_inverse, vec
from identities.symbolic import sp


# The cofactor matrix: entry (i, j) is ∂det X/∂X_ij by Laplace expansion along row i.
def _cofactors(X):
    n = len(X)
    out = np.empty_like(X)
    for i in range(n):
        for j in range(n):
            out[i, j] = (-1) ** (i + j) * np.linalg.det(np.delete(np.delete(X, i, axis=0), j, axis=1))
    return out


# The same matrix with its singular values raised to at least 0.5 (singular vectors kept), so that
# a product the claim inverts stays well conditioned.
def _lift(M):
    U, s, Vt = np.linalg.svd(M)
    return U @ np.diag(np.maximum(s, 0.5)) @ Vt


# XᵀAX well conditioned (tall X): A += X⁺ᵀ (M' − M) X⁺ changes XᵀAX from M to M', since X⁺X = I.
def _gram_lifted(symmetric):
    def prepare(rng, values):
        X, A = values["X"], values["A"]
        M = X.T @ A @ X
        if symmetric:
            w, Q = np.linalg.eigh(M)
            target = Q @ np.diag(np.sign(w) * np.maximum(np.abs(w), 0.5)) @ Q.T
        else:
            target = _lift(M)
        P = np.linalg.pinv(X)
        values["A"] = A + P.T @ (target - M) @ P
        if symmetric:
            values["A"] = (values["A"] + values["A"].T) / 2
        return values
    return prepare


# AXB well conditioned: X += A⁺ (N' − N) B⁺ moves AXB from N to N' (A A⁺ = I, B⁺B = I).
def _axb_lifted(rng, values):
    A, X, B = values["A"], values["X"], values["B"]
    N = A @ X @ B
    values["X"] = X + np.linalg.pinv(A) @ (_lift(N) - N) @ np.linalg.pinv(B)
    return values


def _integer_power(rng, values):
    values["k"] = np.float64(rng.choice([-2, -1, 2, 3]))
    return values


# Σ⁻¹ made exactly symmetric in floating point, as it is in exact arithmetic.
def _spd_inverse(S):
    inv = np.linalg.inv(S)
    return (inv + inv.T) / 2


# det of X with row i replaced by row j, for every (i, j): the Laplace expansion of (cofactors · Xᵀ)_ij
def _row_replaced_dets(X):
    n = len(X)
    out = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            M = X.copy()
            M[i] = X[j]
            out[i, j] = np.linalg.det(M)
    return out


# the second derivative of det Y(x) as Cookbook (48) writes it
def _second_det(x, A, B, C):
    Y = curve(x, A, B, C)
    M = np.linalg.solve(Y, B + 2 * x * C)
    return np.linalg.det(Y) * (np.trace(np.linalg.solve(Y, 2 * C)) + np.trace(M) ** 2 - np.trace(M @ M))


# Functions whose differentials the derivations take with D(...): defined once, so that each is one
# function object for the verifier's cache.
def _det(X):
    return np.linalg.det(X)


def _inv(X):
    return np.linalg.inv(X)


_Y, _Y_inv = curve, curve_inverse


def _Y_det(x, A, B, C):
    return np.linalg.det(curve(x, A, B, C))


def _Y_prime(x, B, C):
    return B + 2 * x * C


# the first derivative of det Y(x), from Jacobi's formula (entry LFP1)
def _Y_det_prime(x, A, B, C):
    Y = curve(x, A, B, C)
    return np.linalg.det(Y) * np.trace(np.linalg.solve(Y, B + 2 * x * C))


def _AXB(A, X, B):
    return A @ X @ B


def _XtAX(X, A):
    return X.T @ A @ X


def _detA_detX2(X, A):
    return np.linalg.det(A) * np.linalg.det(X) ** 2


def _gram(X):
    return X.T @ X


def _det_power(X, k):
    return np.linalg.det(X) ** k


def _logdet(X):
    return np.linalg.slogdet(X)[1]


def _YYt(Y):
    return Y @ Y.T


def _logdet_YYt(Y):
    return np.linalg.slogdet(Y @ Y.T)[1]


def _vec_spd_inverse(Sigma):
    return vec(_spd_inverse(Sigma))


def _taylor_det(A):
    # det(I + εA) = Σ_k e_k(λ) ε^k, with e_k the elementary symmetric functions of the eigenvalues;
    # np.poly gives the coefficients of det(tI − A) = Σ_k (−1)^k e_k t^(n−k)
    c = np.real(np.poly(A))
    return np.array([(-1) ** k * c[k] for k in range(3)])


Derivative(
    id="LFP1",
    title="Derivative of det Y(x) by a scalar (Jacobi's formula, general form)",
    latex=r"\frac{\partial \det Y}{\partial x} = \det(Y)\operatorname{tr}\left(Y^{-1}\frac{\partial Y}{\partial x}\right),"
          r"\quad Y = A + xB + x^{2}C",
    symbols={"Y": "a square matrix function of x; here the quadratic A + xB + x²C"},
    variables={"x": Scalar(), "A": Matrix("n", "n", "square"), "B": Matrix("n", "n", "square"),
               "C": Matrix("n", "n", "square")},
    conditions="Y(x) is invertible at the point of evaluation (the sampler shifts A so that Y(x) is a "
               "well-conditioned invertible matrix).",
    prepare=curve_at_sample,
    wrt="x",
    layout="numerator",
    f=lambda x, A, B, C: np.linalg.det(curve(x, A, B, C)),
    claimed=lambda x, A, B, C: np.linalg.det(curve(x, A, B, C))
    * np.trace(np.linalg.solve(curve(x, A, B, C), B + 2 * x * C)),
    also=[Formula(r"\mathrm{d}Y = (B + 2xC)\,\mathrm{d}x", lambda D: D(_Y), lambda x, B, C, dx: (B + 2 * x * C) * dx,
                  uses=["9K5K", "8S7R"])],
    derivation=[
        Step(r"\mathrm{d}\det Y = \det(Y)\operatorname{tr}(Y^{-1}\mathrm{d}Y)",
             lambda D: D(), lambda x, A, B, C, D: np.linalg.det(curve(x, A, B, C))
             * np.trace(np.linalg.solve(curve(x, A, B, C), D(_Y))), uses=["S66Y"]),
        Step(r"= \det(Y)\operatorname{tr}\bigl(Y^{-1}(B + 2xC)\bigr)\,\mathrm{d}x \;\Rightarrow\; "
             r"\frac{\partial \det Y}{\partial x} = \det(Y)\operatorname{tr}\bigl(Y^{-1}(B + 2xC)\bigr)",
             lambda x, A, B, C, D: np.linalg.det(curve(x, A, B, C)) * np.trace(np.linalg.solve(curve(x, A, B, C), D(_Y))),
             lambda x, A, B, C, dx: np.linalg.det(curve(x, A, B, C))
             * np.trace(np.linalg.solve(curve(x, A, B, C), B + 2 * x * C)) * dx, uses=["9K5K", "8S7R"]),
    ],
    notes="Any differentiable matrix function Y(x) works; a quadratic in x is the test case, so that the "
          "derivative of Y, B + 2xC, varies with x.",
    references=[cookbook(46)],
    aliases=["Jacobi's formula", "derivative of determinant of matrix function", "d det Y / dx"],
    history=[Change("2026-12-02", "0.2.0", "A is declared square, not invertible",
                    "the sampler builds A so that Y(x) is invertible; the page said 'A is invertible', which is "
                    "not the assumption the check depends on")],
)

Equality(
    id="KWJD",
    title="Cofactor identity: Σₖ ∂det X/∂X_ik X_jk = δ_ij det X",
    latex=r"\sum_{k}\frac{\partial \det X}{\partial X_{ik}}X_{jk} = \delta_{ij}\det X",
    symbols={"i": "a row index", "j": "a row index", "k": "a summation index", r"\delta": "the Kronecker delta"},
    variables={"X": Matrix("n", "n", "square")},
    lhs=lambda X: _cofactors(X) @ X.T,
    rhs=lambda X: np.linalg.det(X) * np.eye(len(X)),
    also=[Formula(r"\frac{\partial \det X}{\partial X}X^{\top} = \det(X)\,I",
                  lambda X: _cofactors(X) @ X.T, lambda X: np.linalg.det(X) * np.eye(len(X)), uses=["MNXU"]),
          Formula(r"\operatorname{adj}(X)\,X = \det(X)\,I",
                  lambda X: _cofactors(X).T @ X, lambda X: np.linalg.det(X) * np.eye(len(X)))],
    derivation=[
        Step(r"\sum_{k}\frac{\partial \det X}{\partial X_{ik}}X_{jk} = \det(X \text{ with row } i \text{ replaced by row } j)",
             lambda X: _cofactors(X) @ X.T, lambda X: _row_replaced_dets(X), uses=["MNXU"]),
        Step(r"= \delta_{ij}\det X \quad (\text{for } i \neq j \text{ two rows are equal})",
             lambda X: _row_replaced_dets(X), lambda X: np.linalg.det(X) * np.eye(len(X))),
    ],
    notes="∂det X/∂X_ik is the (i, k) cofactor (Laplace expansion along row i), so in matrix form this "
          "reads as the two identities below: the gradient of det X times Xᵀ, and adj(X) X, are both det(X) I. "
          "It holds for singular X too. The Cookbook prints the same identity twice, as (47) and (50).",
    references=[cookbook(47), cookbook(50)],
    aliases=["cofactor expansion", "adjugate identity", "Laplace expansion", "adj(X) X = det(X) I"],
)

Hessian(
    id="5M23",
    title="Second derivative of det Y(x) by a scalar",
    latex=r"\frac{\partial^{2} \det Y}{\partial x^{2}} = \det(Y)\left[\operatorname{tr}\left(Y^{-1}"
          r"\frac{\partial^{2} Y}{\partial x^{2}}\right) + \operatorname{tr}\left(Y^{-1}\frac{\partial Y}{\partial x}"
          r"\right)^{2} - \operatorname{tr}\left(\left(Y^{-1}\frac{\partial Y}{\partial x}\right)^{2}\right)\right],"
          r"\quad Y = A + xB + x^{2}C",
    symbols={"Y": "a square matrix function of x; here the quadratic A + xB + x²C"},
    variables={"x": Scalar(), "A": Matrix("n", "n", "square"), "B": Matrix("n", "n", "square"),
               "C": Matrix("n", "n", "square")},
    conditions="Y(x) is invertible at the point of evaluation (the sampler shifts A so that Y(x) is a "
               "well-conditioned invertible matrix).",
    prepare=curve_at_sample,
    wrt="x",
    f=lambda x, A, B, C: np.linalg.det(curve(x, A, B, C)),
    claimed=lambda x, A, B, C: np.array([[
        np.linalg.det(curve(x, A, B, C)) * (
            np.trace(np.linalg.solve(curve(x, A, B, C), 2 * C))
            + np.trace(np.linalg.solve(curve(x, A, B, C), B + 2 * x * C)) ** 2
            - np.trace(np.linalg.matrix_power(np.linalg.solve(curve(x, A, B, C), B + 2 * x * C), 2)))]]),
    also=[Formula(r"\mathrm{d}Y = (B + 2xC)\,\mathrm{d}x", lambda D: D(_Y), lambda x, B, C, dx: (B + 2 * x * C) * dx,
                  uses=["9K5K", "8S7R"]),
          Formula(r"\mathrm{d}\frac{\partial Y}{\partial x} = \mathrm{d}(B + 2xC) = 2C\,\mathrm{d}x",
                  lambda D: D(_Y_prime), lambda C, dx: 2 * C * dx, uses=["XLL8"])],
    derivation=[
        Step(r"\mathrm{d}\frac{\partial \det Y}{\partial x} = \mathrm{d}(\det Y)\operatorname{tr}\left(Y^{-1}\frac{\partial Y}{\partial x}\right)"
             r" + \det(Y)\operatorname{tr}\left(\mathrm{d}(Y^{-1})\frac{\partial Y}{\partial x}\right)"
             r" + \det(Y)\operatorname{tr}\left(Y^{-1}\mathrm{d}\frac{\partial Y}{\partial x}\right)",
             lambda D: D(_Y_det_prime),
             lambda x, A, B, C, D: (D(_Y_det) * np.trace(np.linalg.solve(curve(x, A, B, C), B + 2 * x * C))
                                    + np.linalg.det(curve(x, A, B, C)) * np.trace(D(_Y_inv) @ (B + 2 * x * C))
                                    + np.linalg.det(curve(x, A, B, C)) * np.trace(np.linalg.solve(curve(x, A, B, C), D(_Y_prime)))),
             uses=["LFP1", "8S7R", "8CQG", "U00N"]),
        Step(r"= \det(Y)\left[\operatorname{tr}\left(Y^{-1}\frac{\partial Y}{\partial x}\right)^{2}"
             r" - \operatorname{tr}\left(\left(Y^{-1}\frac{\partial Y}{\partial x}\right)^{2}\right)"
             r" + \operatorname{tr}\left(Y^{-1}\frac{\partial^{2} Y}{\partial x^{2}}\right)\right]\mathrm{d}x",
             lambda x, A, B, C, D: (D(_Y_det) * np.trace(np.linalg.solve(curve(x, A, B, C), B + 2 * x * C))
                                    + np.linalg.det(curve(x, A, B, C)) * np.trace(D(_Y_inv) @ (B + 2 * x * C))
                                    + np.linalg.det(curve(x, A, B, C)) * np.trace(np.linalg.solve(curve(x, A, B, C), D(_Y_prime)))),
             lambda x, A, B, C, dx: _second_det(x, A, B, C) * dx, uses=["LFP1", "NBTK"]),
        Step(r"\Rightarrow\; \frac{\partial^{2} \det Y}{\partial x^{2}} = \det(Y)\left[\dots\right]"
             r"\quad (\text{the } 1 \times 1 \text{ Hessian times } \mathrm{d}x)",
             lambda x, A, B, C, dx: np.atleast_1d(_second_det(x, A, B, C) * dx),
             lambda x, A, B, C, dx: np.array([[_second_det(x, A, B, C)]]) @ np.atleast_1d(dx)),
    ],
    notes="Here the first derivative of Y is B + 2xC and the second 2C (shown below). The Hessian of a "
          "function of one scalar is 1 × 1.",
    references=[cookbook(48)],
    aliases=["second derivative of determinant", "Hessian of det", "d2 det Y / dx2"],
    history=[Change("2026-12-02", "0.2.0", "A is declared square, not invertible",
                    "the sampler builds A so that Y(x) is invertible; the page said 'A is invertible', which is "
                    "not the assumption the check depends on")],
)

Derivative(
    id="2GCY",
    title="Gradient of the determinant, det X",
    latex=r"\frac{\partial \det X}{\partial X} = \det(X)\,X^{-\top}",
    variables={"X": Matrix("n", "n", "invertible")},
    wrt="X",
    layout="denominator",
    f=lambda X: np.linalg.det(X),
    claimed=lambda X: np.linalg.det(X) * np.linalg.inv(X).T,
    other_layout=(r"\frac{\partial \det X}{\partial X} = \det(X)\,X^{-1}", lambda X: np.linalg.det(X) * np.linalg.inv(X)),
    differential=(r"\mathrm{d}\det X = \det(X)\operatorname{tr}(X^{-1}\mathrm{d}X)",
                  lambda X, dX: np.linalg.det(X) * np.trace(np.linalg.solve(X, dX))),
    also=[Formula(r"\det(X)\,X^{-\top} = \operatorname{adj}(X)^{\top}",
                  lambda X: np.linalg.det(X) * np.linalg.inv(X).T, lambda X: _cofactors(X), uses=["S66Y"])],
    derivation=[
        Step(r"\mathrm{d}\det X = \det(X)\operatorname{tr}(X^{-1}\mathrm{d}X)",
             lambda D: D(), lambda X, dX: np.linalg.det(X) * np.trace(np.linalg.solve(X, dX)), uses=["S66Y"]),
        Step(r"= \operatorname{tr}\bigl((\det(X)\,X^{-\top})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial \det X}{\partial X} = \det(X)\,X^{-\top}",
             lambda X, dX: np.linalg.det(X) * np.trace(np.linalg.solve(X, dX)),
             lambda X, dX: np.sum(np.linalg.det(X) * np.linalg.inv(X).T * dX), uses=["GWJ1"]),
    ],
    symbolic=lambda X: sp.Determinant(X),
    notes="det(X) X⁻ᵀ is the cofactor matrix, adj(X)ᵀ, which also gives the gradient at singular X. Since "
          "det X is the product of the eigenvalues, this is also the gradient of Π eig(X) (Cookbook (66)).",
    references=[cookbook(49), cookbook(66, note="the product of the eigenvalues is det X")],
    aliases=["derivative of determinant", "Jacobi's formula", "determinant gradient", "d det X / dX", "∂ det(X)/∂X",
             "derivative of product of eigenvalues"],
)

Derivative(
    id="87WG",
    title="Gradient of det(AXB), square invertible factors (as printed)",
    latex=r"\frac{\partial \det(AXB)}{\partial X} = \det(AXB)\,X^{-\top}",
    variables={"A": Matrix("n", "n", "invertible"), "X": Matrix("n", "n", "invertible"),
               "B": Matrix("n", "n", "invertible")},
    wrt="X",
    layout="denominator",
    f=lambda A, X, B: np.linalg.det(A @ X @ B),
    claimed=lambda A, X, B: np.linalg.det(A @ X @ B) * np.linalg.inv(X).T,
    symbolic=lambda A, X, B: sp.Determinant(A * X * B),
    symbols={"M": "the n × n matrix AXB"},
    also=[Formula(r"\det(AXB) = \det(A)\det(X)\det(B)", lambda A, X, B: np.linalg.det(A @ X @ B),
                  lambda A, X, B: np.linalg.det(A) * np.linalg.det(X) * np.linalg.det(B))],
    derivation=[
        Step(r"\mathrm{d}\det M = \det(M)\operatorname{tr}(M^{-1}\mathrm{d}M), \quad M = AXB",
             lambda D: D(), lambda A, X, B, D: np.linalg.det(A @ X @ B) * np.trace(np.linalg.solve(A @ X @ B, D(_AXB))),
             uses=["S66Y"]),
        Step(r"= \det(M)\operatorname{tr}\bigl(M^{-1}A\,\mathrm{d}X\,B\bigr)",
             lambda A, X, B, D: np.linalg.det(A @ X @ B) * np.trace(np.linalg.solve(A @ X @ B, D(_AXB))),
             lambda A, X, B, dX: np.linalg.det(A @ X @ B) * np.trace(np.linalg.solve(A @ X @ B, A @ dX @ B)),
             uses=["2ZM7"]),
        Step(r"= \det(M)\operatorname{tr}\bigl(B^{-1}X^{-1}A^{-1}A\,\mathrm{d}X\,B\bigr) = \det(M)\operatorname{tr}(X^{-1}\mathrm{d}X)"
             r"\quad (A, B \text{ square and invertible; the trace is cyclic})",
             lambda A, X, B, dX: np.linalg.det(A @ X @ B) * np.trace(np.linalg.solve(A @ X @ B, A @ dX @ B)),
             lambda A, X, B, dX: np.linalg.det(A @ X @ B) * np.trace(
                 np.linalg.inv(B) @ np.linalg.inv(X) @ np.linalg.inv(A) @ A @ dX @ B),
             lambda A, X, B, dX: np.linalg.det(A @ X @ B) * np.trace(np.linalg.solve(X, dX))),
        Step(r"= \operatorname{tr}\bigl((\det(M)\,X^{-\top})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial \det(AXB)}{\partial X} = \det(AXB)\,X^{-\top}",
             lambda A, X, B, dX: np.linalg.det(A @ X @ B) * np.trace(np.linalg.solve(X, dX)),
             lambda A, X, B, dX: np.sum(np.linalg.det(A @ X @ B) * np.linalg.inv(X).T * dX), uses=["GWJ1"]),
    ],
    notes="With square factors the determinant of AXB factors into det A, det X and det B (shown below), so "
          "only the det X factor varies. For rectangular A and B, use the general form det(AXB) Aᵀ(AXB)⁻ᵀBᵀ "
          "(entry RMT1).",
    errata=[Erratum(
        cookbook(51),
        "Cookbook (51) states no shapes. The printed form holds when A, X and B are all square and invertible. "
        "X⁻ᵀ needs only a square invertible X, so the formula as printed also admits a square X between a wide "
        "A (k × n) and a tall B (n × k) with AXB invertible; there it is wrong (the counterexample below), and "
        "the gradient is det(AXB) Aᵀ(AXB)⁻ᵀBᵀ, entry RMT1.",
        printed=r"\frac{\partial \det(AXB)}{\partial X} = \det(AXB)\,X^{-\top}",
        variables={"A": Matrix("k", "n", "full_row_rank"), "X": Matrix("n", "n", "invertible"),
                   "B": Matrix("n", "k", "full_column_rank")},
        claimed=lambda A, X, B: np.linalg.det(A @ X @ B) * np.linalg.inv(X).T,
    )],
    references=[cookbook(51, note="holds as printed when A, X and B are square and invertible; wrong for a "
                                  "square X between a wide A and a tall B")],
    aliases=["determinant of product", "derivative of det AXB", "linear form determinant"],
)

Derivative(
    id="RMT1",
    title="Gradient of det(AXB), rectangular factors",
    latex=r"\frac{\partial \det(AXB)}{\partial X} = \det(AXB)\,A^{\top}(AXB)^{-\top}B^{\top}",
    variables={"A": Matrix("k", "m", "full_row_rank"), "X": Matrix("m", "n"),
               "B": Matrix("n", "k", "full_column_rank")},
    conditions="AXB (k × k) is invertible; the sampler adjusts X so that its singular values are at least 0.5.",
    prepare=_axb_lifted,
    wrt="X",
    layout="denominator",
    f=lambda A, X, B: np.linalg.det(A @ X @ B),
    claimed=lambda A, X, B: np.linalg.det(A @ X @ B) * A.T @ np.linalg.inv(A @ X @ B).T @ B.T,
    differential=(r"\mathrm{d}\det(AXB) = \det(AXB)\operatorname{tr}((AXB)^{-1}A\,\mathrm{d}X\,B)",
                  lambda A, X, B, dX: np.linalg.det(A @ X @ B) * np.trace(np.linalg.solve(A @ X @ B, A @ dX @ B))),
    symbols={"M": "the k × k matrix AXB"},
    derivation=[
        Step(r"\mathrm{d}\det M = \det(M)\operatorname{tr}(M^{-1}\mathrm{d}M), \quad M = AXB",
             lambda D: D(), lambda A, X, B, D: np.linalg.det(A @ X @ B) * np.trace(np.linalg.solve(A @ X @ B, D(_AXB))),
             uses=["S66Y"]),
        Step(r"= \det(M)\operatorname{tr}\bigl(M^{-1}A\,\mathrm{d}X\,B\bigr)",
             lambda A, X, B, D: np.linalg.det(A @ X @ B) * np.trace(np.linalg.solve(A @ X @ B, D(_AXB))),
             lambda A, X, B, dX: np.linalg.det(A @ X @ B) * np.trace(np.linalg.solve(A @ X @ B, A @ dX @ B)),
             uses=["2ZM7"]),
        Step(r"= \det(M)\operatorname{tr}\bigl(BM^{-1}A\,\mathrm{d}X\bigr)"
             r" = \operatorname{tr}\bigl((\det(M)\,A^{\top}M^{-\top}B^{\top})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial \det(AXB)}{\partial X} = \det(AXB)\,A^{\top}(AXB)^{-\top}B^{\top}",
             lambda A, X, B, dX: np.linalg.det(A @ X @ B) * np.trace(np.linalg.solve(A @ X @ B, A @ dX @ B)),
             lambda A, X, B, dX: np.linalg.det(A @ X @ B) * np.trace(B @ np.linalg.solve(A @ X @ B, A) @ dX),
             lambda A, X, B, dX: np.sum(np.linalg.det(A @ X @ B) * (A.T @ np.linalg.inv(A @ X @ B).T @ B.T) * dX),
             uses=["GWJ1"]),
    ],
    symbolic=lambda A, X, B: sp.Determinant(A * X * B),
    notes="Reduces to det(AXB) X⁻ᵀ (Cookbook (51)) when all three factors are square and invertible.",
    references=[cookbook(51, note="printed only for square X; this is the general form")],
    aliases=["determinant of product rectangular", "derivative of det AXB", "det of A X B gradient"],
)

Derivative(
    id="KLU2",
    title="Gradient of det(XᵀAX), X square",
    latex=r"\frac{\partial \det(X^{\top}AX)}{\partial X} = 2\det(X^{\top}AX)\,X^{-\top}",
    variables={"X": Matrix("n", "n", "invertible"), "A": Matrix("n", "n", "square")},
    wrt="X",
    layout="denominator",
    f=lambda X, A: np.linalg.det(X.T @ A @ X),
    claimed=lambda X, A: 2 * np.linalg.det(X.T @ A @ X) * np.linalg.inv(X).T,
    symbolic=lambda X, A: sp.Determinant(X.T * A * X),
    also=[Formula(r"\det(X^{\top}AX) = \det(A)\det(X)^{2}", lambda X, A: np.linalg.det(X.T @ A @ X),
                  lambda X, A: np.linalg.det(A) * np.linalg.det(X) ** 2)],
    derivation=[
        Step(r"\mathrm{d}\det(X^{\top}AX) = \mathrm{d}\bigl(\det(A)\det(X)^{2}\bigr) = 2\det(A)\det(X)\,\mathrm{d}\det X",
             lambda D: D(), lambda D: D(_detA_detX2), lambda X, A, D: 2 * np.linalg.det(A) * np.linalg.det(X) * D(_det),
             uses=["XLL8", "8S7R"]),
        Step(r"= 2\det(A)\det(X)^{2}\operatorname{tr}(X^{-1}\mathrm{d}X) = 2\det(X^{\top}AX)\operatorname{tr}(X^{-1}\mathrm{d}X)",
             lambda X, A, D: 2 * np.linalg.det(A) * np.linalg.det(X) * D(_det),
             lambda X, A, dX: 2 * np.linalg.det(A) * np.linalg.det(X) ** 2 * np.trace(np.linalg.solve(X, dX)),
             lambda X, A, dX: 2 * np.linalg.det(X.T @ A @ X) * np.trace(np.linalg.solve(X, dX)), uses=["S66Y"]),
        Step(r"= \operatorname{tr}\bigl((2\det(X^{\top}AX)\,X^{-\top})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial \det(X^{\top}AX)}{\partial X} = 2\det(X^{\top}AX)\,X^{-\top}",
             lambda X, A, dX: 2 * np.linalg.det(X.T @ A @ X) * np.trace(np.linalg.solve(X, dX)),
             lambda X, A, dX: np.sum(2 * np.linalg.det(X.T @ A @ X) * np.linalg.inv(X).T * dX), uses=["GWJ1"]),
    ],
    notes="For square X the determinant of XᵀAX is det(A) det(X)² (shown below), so A need not be symmetric "
          "or invertible.",
    references=[cookbook(52)],
    aliases=["square form determinant", "det X^T A X", "derivative of determinant of quadratic form"],
)

Derivative(
    id="6YQS",
    title="Gradient of det(XᵀAX), X tall, A symmetric",
    latex=r"\frac{\partial \det(X^{\top}AX)}{\partial X} = 2\det(X^{\top}AX)\,AX(X^{\top}AX)^{-1}",
    variables={"X": Matrix("m", "n", "full_column_rank"), "A": Matrix("m", "m", "symmetric")},
    conditions="XᵀAX is invertible; the sampler adjusts the symmetric A so that the eigenvalues of XᵀAX "
               "are at least 0.5 away from zero.",
    prepare=_gram_lifted(symmetric=True),
    wrt="X",
    layout="denominator",
    f=lambda X, A: np.linalg.det(X.T @ A @ X),
    claimed=lambda X, A: 2 * np.linalg.det(X.T @ A @ X) * A @ X @ np.linalg.inv(X.T @ A @ X),
    symbolic=lambda X, A: sp.Determinant(X.T * A * X),
    symbols={"M": "the n × n matrix XᵀAX"},
    derivation=[
        Step(r"\mathrm{d}\det M = \det(M)\operatorname{tr}(M^{-1}\mathrm{d}M), \quad M = X^{\top}AX",
             lambda D: D(), lambda X, A, D: np.linalg.det(X.T @ A @ X) * np.trace(np.linalg.solve(X.T @ A @ X, D(_XtAX))),
             uses=["S66Y"]),
        Step(r"= \det(M)\operatorname{tr}\bigl(M^{-1}((\mathrm{d}X)^{\top}AX + X^{\top}A\,\mathrm{d}X)\bigr)",
             lambda X, A, D: np.linalg.det(X.T @ A @ X) * np.trace(np.linalg.solve(X.T @ A @ X, D(_XtAX))),
             lambda X, A, dX: np.linalg.det(X.T @ A @ X) * np.trace(np.linalg.solve(X.T @ A @ X, dX.T @ A @ X + X.T @ A @ dX)),
             uses=["8CQG", "TBSX", "2ZM7"]),
        Step(r"= 2\det(M)\operatorname{tr}(M^{-1}X^{\top}A\,\mathrm{d}X) \quad (A, M \text{ symmetric: the first trace is the "
             r"second transposed})",
             lambda X, A, dX: np.linalg.det(X.T @ A @ X) * np.trace(np.linalg.solve(X.T @ A @ X, dX.T @ A @ X + X.T @ A @ dX)),
             lambda X, A, dX: 2 * np.linalg.det(X.T @ A @ X) * np.trace(np.linalg.solve(X.T @ A @ X, X.T @ A @ dX))),
        Step(r"= \operatorname{tr}\bigl((2\det(M)\,AXM^{-1})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial \det(X^{\top}AX)}{\partial X} = 2\det(X^{\top}AX)\,AX(X^{\top}AX)^{-1}",
             lambda X, A, dX: 2 * np.linalg.det(X.T @ A @ X) * np.trace(np.linalg.solve(X.T @ A @ X, X.T @ A @ dX)),
             lambda X, A, dX: np.sum(2 * np.linalg.det(X.T @ A @ X) * (A @ X @ np.linalg.inv(X.T @ A @ X)) * dX),
             uses=["GWJ1"]),
    ],
    notes="Needs A symmetric; for general A use the two-term form. Also holds for square X, where it "
          "reduces to 2 det(XᵀAX) X⁻ᵀ.",
    references=[cookbook(53)],
    aliases=["det X^T A X rectangular", "determinant of Gram-type matrix", "square form determinant symmetric"],
)

Derivative(
    id="VB0H",
    title="Gradient of det(XᵀAX), X tall, A general",
    latex=r"\frac{\partial \det(X^{\top}AX)}{\partial X} = \det(X^{\top}AX)\left(AX(X^{\top}AX)^{-1}"
          r" + A^{\top}X(X^{\top}A^{\top}X)^{-1}\right)",
    variables={"X": Matrix("m", "n", "full_column_rank"), "A": Matrix("m", "m", "square")},
    conditions="XᵀAX is invertible; the sampler adjusts A so that the singular values of XᵀAX are at least 0.5.",
    prepare=_gram_lifted(symmetric=False),
    wrt="X",
    layout="denominator",
    f=lambda X, A: np.linalg.det(X.T @ A @ X),
    claimed=lambda X, A: np.linalg.det(X.T @ A @ X) * (
        A @ X @ np.linalg.inv(X.T @ A @ X) + A.T @ X @ np.linalg.inv(X.T @ A.T @ X)),
    differential=(r"\mathrm{d}\det M = \det(M)\operatorname{tr}(M^{-1}(\mathrm{d}X^{\top}AX + X^{\top}A\,\mathrm{d}X)),"
                  r"\quad M = X^{\top}AX",
                  lambda X, A, dX: np.linalg.det(X.T @ A @ X)
                  * np.trace(np.linalg.solve(X.T @ A @ X, dX.T @ A @ X + X.T @ A @ dX))),
    derivation=[
        Step(r"\mathrm{d}\det M = \det(M)\operatorname{tr}(M^{-1}\mathrm{d}M), \quad M = X^{\top}AX",
             lambda D: D(), lambda X, A, D: np.linalg.det(X.T @ A @ X) * np.trace(np.linalg.solve(X.T @ A @ X, D(_XtAX))),
             uses=["S66Y"]),
        Step(r"= \det(M)\operatorname{tr}\bigl(M^{-1}((\mathrm{d}X)^{\top}AX + X^{\top}A\,\mathrm{d}X)\bigr)",
             lambda X, A, D: np.linalg.det(X.T @ A @ X) * np.trace(np.linalg.solve(X.T @ A @ X, D(_XtAX))),
             lambda X, A, dX: np.linalg.det(X.T @ A @ X) * np.trace(np.linalg.solve(X.T @ A @ X, dX.T @ A @ X + X.T @ A @ dX)),
             uses=["8CQG", "TBSX", "2ZM7"]),
        Step(r"= \det(M)\bigl[\operatorname{tr}(M^{-\top}X^{\top}A^{\top}\mathrm{d}X) + \operatorname{tr}(M^{-1}X^{\top}A\,\mathrm{d}X)\bigr]"
             r"\quad (\text{a trace equals the trace of the transpose}; M^{\top} = X^{\top}A^{\top}X)",
             lambda X, A, dX: np.linalg.det(X.T @ A @ X) * np.trace(np.linalg.solve(X.T @ A @ X, dX.T @ A @ X + X.T @ A @ dX)),
             lambda X, A, dX: np.linalg.det(X.T @ A @ X) * (np.trace(np.linalg.solve(X.T @ A.T @ X, X.T @ A.T @ dX))
                                                           + np.trace(np.linalg.solve(X.T @ A @ X, X.T @ A @ dX)))),
        Step(r"= \operatorname{tr}\bigl(G^{\top}\mathrm{d}X\bigr), \quad G = \det(M)\bigl(AXM^{-1} + A^{\top}X(X^{\top}A^{\top}X)^{-1}\bigr)"
             r" \;\Rightarrow\; \frac{\partial \det(X^{\top}AX)}{\partial X} = G",
             lambda X, A, dX: np.linalg.det(X.T @ A @ X) * (np.trace(np.linalg.solve(X.T @ A.T @ X, X.T @ A.T @ dX))
                                                           + np.trace(np.linalg.solve(X.T @ A @ X, X.T @ A @ dX))),
             lambda X, A, dX: np.sum(np.linalg.det(X.T @ A @ X) * (A @ X @ np.linalg.inv(X.T @ A @ X)
                                                                   + A.T @ X @ np.linalg.inv(X.T @ A.T @ X)) * dX),
             uses=["GWJ1"]),
    ],
    symbols={"M": "the n × n matrix XᵀAX", "G": "the gradient of det(XᵀAX)"},
    symbolic=lambda X, A: sp.Determinant(X.T * A * X),
    references=[cookbook(54)],
    aliases=["det X^T A X nonsymmetric", "determinant square form general A"],
)

Derivative(
    id="6DF3",
    title="Gradient of log det(XᵀX)",
    latex=r"\frac{\partial \log\det(X^{\top}X)}{\partial X} = 2(X^{+})^{\top}",
    variables={"X": Matrix("m", "n", "full_column_rank")},
    wrt="X",
    layout="denominator",
    f=lambda X: np.linalg.slogdet(X.T @ X)[1],
    claimed=lambda X: 2 * np.linalg.pinv(X).T,
    other_layout=(r"\frac{\partial \log\det(X^{\top}X)}{\partial X} = 2X^{+}", lambda X: 2 * np.linalg.pinv(X)),
    also=[Formula(r"X^{+} = (X^{\top}X)^{-1}X^{\top}", lambda X: np.linalg.pinv(X), lambda X: np.linalg.solve(X.T @ X, X.T)),
          Formula(r"2(X^{+})^{\top} = 2X(X^{\top}X)^{-1}", lambda X: 2 * np.linalg.pinv(X).T,
                  lambda X: 2 * X @ np.linalg.inv(X.T @ X))],
    derivation=[
        Step(r"\mathrm{d}\log\det(X^{\top}X) = \operatorname{tr}\bigl((X^{\top}X)^{-1}\mathrm{d}(X^{\top}X)\bigr)",
             lambda D: D(), lambda X, D: np.trace(np.linalg.solve(X.T @ X, D(_gram))), uses=["J7P3"]),
        Step(r"= \operatorname{tr}\bigl((X^{\top}X)^{-1}((\mathrm{d}X)^{\top}X + X^{\top}\mathrm{d}X)\bigr)",
             lambda X, D: np.trace(np.linalg.solve(X.T @ X, D(_gram))),
             lambda X, dX: np.trace(np.linalg.solve(X.T @ X, dX.T @ X + X.T @ dX)), uses=["N72P"]),
        Step(r"= 2\operatorname{tr}\bigl((X^{\top}X)^{-1}X^{\top}\mathrm{d}X\bigr) = 2\operatorname{tr}(X^{+}\mathrm{d}X)"
             r" \;\Rightarrow\; \frac{\partial \log\det(X^{\top}X)}{\partial X} = 2(X^{+})^{\top}",
             lambda X, dX: np.trace(np.linalg.solve(X.T @ X, dX.T @ X + X.T @ dX)),
             lambda X, dX: 2 * np.trace(np.linalg.solve(X.T @ X, X.T @ dX)),
             lambda X, dX: np.sum(2 * np.linalg.pinv(X).T * dX), uses=["GWJ1"]),
    ],
    notes="For full column rank the pseudo-inverse is (XᵀX)⁻¹Xᵀ (shown below), so the gradient is also "
          "2X(XᵀX)⁻¹.",
    errata=[Erratum(
        cookbook(55),
        "Cookbook (55) does not say that X must have full column rank. For a wide X (more columns than rows), "
        "XᵀX is singular and log det(XᵀX) is undefined, so the printed gradient fails there (the counterexample "
        "below takes a wide X).",
        printed=r"\frac{\partial \log\det(X^{\top}X)}{\partial X} = 2(X^{+})^{\top}",
        variables={"X": Matrix("m", "n", "full_row_rank")},
    )],
    references=[cookbook(55, note="needs X of full column rank")],
    aliases=["log det X^T X", "pseudo-inverse gradient", "log determinant Gram matrix", "Moore-Penrose"],
)

Derivative(
    id="YKA3",
    title="Gradient of log det(XᵀX) with respect to X⁺",
    latex=r"\frac{\partial \log\det(X^{\top}X)}{\partial Y} = -2X^{\top}, \quad Y = X^{+}",
    symbols={"X": "Y⁺, the pseudo-inverse of Y, so that Y = X⁺ with X of full column rank"},
    variables={"Y": Matrix("n", "m", "full_row_rank")},
    wrt="Y",
    layout="denominator",
    f=lambda Y: np.linalg.slogdet(np.linalg.pinv(Y).T @ np.linalg.pinv(Y))[1],
    claimed=lambda Y: -2 * np.linalg.solve(Y @ Y.T, Y),
    also=[Formula(r"X^{\top}X = (YY^{\top})^{-1}", lambda Y: np.linalg.pinv(Y).T @ np.linalg.pinv(Y),
                  lambda Y: np.linalg.inv(Y @ Y.T)),
          Formula(r"(YY^{\top})^{-1}Y = (Y^{+})^{\top} = X^{\top}", lambda Y: np.linalg.solve(Y @ Y.T, Y),
                  lambda Y: np.linalg.pinv(Y).T)],
    derivation=[
        Step(r"\mathrm{d}\log\det(X^{\top}X) = \mathrm{d}\log\det\bigl((YY^{\top})^{-1}\bigr) = -\mathrm{d}\log\det(YY^{\top})",
             lambda D: D(), lambda Y, D: -D(_logdet_YYt)),
        Step(r"= -\operatorname{tr}\bigl((YY^{\top})^{-1}\mathrm{d}(YY^{\top})\bigr)",
             lambda Y, D: -D(_logdet_YYt), lambda Y, D: -np.trace(np.linalg.solve(Y @ Y.T, D(_YYt))), uses=["J7P3"]),
        Step(r"= -\operatorname{tr}\bigl((YY^{\top})^{-1}((\mathrm{d}Y)Y^{\top} + Y(\mathrm{d}Y)^{\top})\bigr)"
             r" = -2\operatorname{tr}\bigl(Y^{\top}(YY^{\top})^{-1}\mathrm{d}Y\bigr)",
             lambda Y, D: -np.trace(np.linalg.solve(Y @ Y.T, D(_YYt))),
             lambda Y, dY: -np.trace(np.linalg.solve(Y @ Y.T, dY @ Y.T + Y @ dY.T)),
             lambda Y, dY: -2 * np.trace(Y.T @ np.linalg.solve(Y @ Y.T, dY)), uses=["8CQG", "TBSX"]),
        Step(r"\Rightarrow\; \frac{\partial \log\det(X^{\top}X)}{\partial Y} = -2(YY^{\top})^{-1}Y = -2X^{\top}",
             lambda Y, dY: -2 * np.trace(Y.T @ np.linalg.solve(Y @ Y.T, dY)),
             lambda Y, dY: np.sum(-2 * np.linalg.solve(Y @ Y.T, Y) * dY),
             lambda Y, dY: np.sum(-2 * np.linalg.pinv(Y).T * dY), uses=["GWJ1"]),
    ],
    notes="Reading: take Y, the pseudo-inverse of X, as the free variable, and X as the pseudo-inverse of Y. "
          "Then XᵀX is the inverse of YYᵀ (shown below), so log det(XᵀX) is −log det(YYᵀ), and its gradient "
          "−2(YYᵀ)⁻¹Y is −2Xᵀ.",
    references=[cookbook(56, note="read as the derivative with respect to Y = X⁺ as a free variable")],
    aliases=["derivative with respect to pseudo-inverse", "log det X^T X by X+"],
)

Derivative(
    id="BJCG",
    title="Gradient of log |det X|",
    latex=r"\frac{\partial \log\lvert\det X\rvert}{\partial X} = X^{-\top}",
    variables={"X": Matrix("n", "n", "invertible")},
    wrt="X",
    layout="denominator",
    f=lambda X: np.linalg.slogdet(X)[1],
    claimed=lambda X: np.linalg.inv(X).T,
    other_layout=(r"\frac{\partial \log\lvert\det X\rvert}{\partial X} = X^{-1}", lambda X: np.linalg.inv(X)),
    differential=(r"\mathrm{d}\log\lvert\det X\rvert = \operatorname{tr}(X^{-1}\mathrm{d}X)",
                  lambda X, dX: np.trace(np.linalg.solve(X, dX))),
    derivation=[
        Step(r"\mathrm{d}\log\lvert\det X\rvert = \frac{\mathrm{d}\det X}{\det X} = \operatorname{tr}(X^{-1}\mathrm{d}X)",
             lambda D: D(), lambda X, D: D(_det) / np.linalg.det(X),
             lambda X, dX: np.trace(np.linalg.inv(X) @ dX), uses=["S66Y"]),
        Step(r"= \operatorname{tr}\bigl((X^{-\top})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial}{\partial X}\log\lvert\det X\rvert = X^{-\top}",
             lambda X, dX: np.trace(np.linalg.inv(X) @ dX), lambda X, dX: np.sum(np.linalg.inv(X).T * dX), uses=["GWJ1"]),
    ],
    notes="Valid for every invertible X, whatever the sign of det X; for det X > 0 it is the gradient of "
          "log det X.",
    references=[cookbook(57)],
    aliases=["log determinant gradient", "gradient of the log determinant", "logdet", "derivative of log abs det", "log |X|"],
    # sympy 1.14 differentiates log(Determinant(X)) to 0: the cross-check records the disagreement
    symbolic=lambda X: sp.log(sp.Determinant(X)),
)

Derivative(
    id="EY6S",
    title="Gradient of det(Xᵏ)",
    latex=r"\frac{\partial \det(X^{k})}{\partial X} = k\det(X^{k})\,X^{-\top}",
    variables={"X": Matrix("n", "n", "invertible"), "k": Scalar()},
    conditions="k is an integer (the sampler draws one of −2, −1, 2, 3).",
    prepare=_integer_power,
    wrt="X",
    layout="denominator",
    f=lambda X, k: np.linalg.det(np.linalg.matrix_power(X, int(round(float(k))))),
    claimed=lambda X, k: k * np.linalg.det(X) ** k * np.linalg.inv(X).T,
    also=[Formula(r"\det(X^{k}) = \det(X)^{k}", lambda X, k: np.linalg.det(np.linalg.matrix_power(X, int(round(float(k))))),
                  lambda X, k: np.linalg.det(X) ** k)],
    derivation=[
        Step(r"\mathrm{d}\det(X^{k}) = \mathrm{d}\bigl(\det(X)^{k}\bigr) = k\det(X)^{k-1}\,\mathrm{d}\det X",
             lambda D: D(), lambda D: D(_det_power), lambda X, k, D: k * np.linalg.det(X) ** (k - 1) * D(_det)),
        Step(r"= k\det(X)^{k}\operatorname{tr}(X^{-1}\mathrm{d}X)",
             lambda X, k, D: k * np.linalg.det(X) ** (k - 1) * D(_det),
             lambda X, k, dX: k * np.linalg.det(X) ** k * np.trace(np.linalg.solve(X, dX)), uses=["S66Y"]),
        Step(r"= \operatorname{tr}\bigl((k\det(X^{k})\,X^{-\top})^{\top}\mathrm{d}X\bigr) \;\Rightarrow\; "
             r"\frac{\partial \det(X^{k})}{\partial X} = k\det(X^{k})\,X^{-\top}",
             lambda X, k, dX: k * np.linalg.det(X) ** k * np.trace(np.linalg.solve(X, dX)),
             lambda X, k, dX: np.sum(k * np.linalg.det(X) ** k * np.linalg.inv(X).T * dX), uses=["GWJ1"]),
    ],
    notes="The determinant of Xᵏ is det(X)ᵏ (shown below); negative k needs X invertible, which the formula "
          "needs anyway.",
    references=[cookbook(58)],
    aliases=["determinant of matrix power", "det X^k gradient"],
)

Derivative(
    id="HA18",
    title="Gradient of log det Σ for symmetric positive definite Σ",
    latex=r"\frac{\partial \log\det\Sigma}{\partial \Sigma} = \Sigma^{-1}",
    variables={"Sigma": Matrix("n", "n", "spd")},
    wrt="Sigma",
    layout="denominator",
    directions="symmetric",
    f=lambda Sigma: 2 * np.sum(np.log(np.diag(np.linalg.cholesky(Sigma)))),
    claimed=lambda Sigma: _spd_inverse(Sigma),
    differential=(r"\mathrm{d}\log\det\Sigma = \operatorname{tr}(\Sigma^{-1}\mathrm{d}\Sigma)",
                  lambda Sigma, dSigma: np.trace(np.linalg.solve(Sigma, dSigma))),
    derivation=[
        Step(r"\mathrm{d}\log\det\Sigma = \operatorname{tr}(\Sigma^{-1}\mathrm{d}\Sigma)",
             lambda D: D(), lambda Sigma, dSigma: np.trace(np.linalg.solve(Sigma, dSigma)), uses=["J7P3"]),
        Step(r"= \operatorname{tr}\bigl((\Sigma^{-1})^{\top}\mathrm{d}\Sigma\bigr) \;\Rightarrow\; "
             r"\frac{\partial \log\det\Sigma}{\partial \Sigma} = \Sigma^{-1} \quad (\Sigma^{-1} \text{ is symmetric})",
             lambda Sigma, dSigma: np.trace(np.linalg.solve(Sigma, dSigma)),
             lambda Sigma, dSigma: np.sum(_spd_inverse(Sigma) * dSigma), uses=["GWJ1"]),
    ],
    notes="Checked along symmetric perturbations, the ones that keep Σ a covariance matrix; log det Σ is "
          "computed as 2 Σᵢ log Lᵢᵢ from the Cholesky factor. Σ⁻¹ is symmetric, so it is also the "
          "gradient consistent with the trace inner product on symmetric matrices (Srinivasan & Panda). "
          "The Cookbook's §2.8.2 form 2Σ⁻¹ − Σ⁻¹∘I is the derivative by the independent entries instead.",
    references=[cookbook(57, note="for Σ positive definite, log|det Σ| = log det Σ"),
                ref("srinivasan-panda-2023", "gradient on symmetric matrices")],
    aliases=["log det covariance", "logdet SPD", "Gaussian log-likelihood log determinant", "log det Sigma"],
)


def _sym_projector(n):
    """½(I + K): vec(A) to vec of the symmetric part of A."""
    K = np.zeros((n * n, n * n))
    for i in range(n):
        for j in range(n):
            K[i * n + j, j * n + i] = 1.0
    return (np.eye(n * n) + K) / 2

Hessian(
    id="S464",
    title="Hessian of log det Σ for symmetric positive definite Σ",
    latex=r"\mathrm{d}^{2}\log\det\Sigma = -\operatorname{tr}(\Sigma^{-1}\mathrm{d}\Sigma\,\Sigma^{-1}\mathrm{d}\Sigma)"
          r" = -\operatorname{vec}(\mathrm{d}\Sigma)^{\top}(\Sigma^{-1}\otimes\Sigma^{-1})\operatorname{vec}(\mathrm{d}\Sigma)",
    variables={"Sigma": Matrix("n", "n", "spd")},
    wrt="Sigma",
    directions="symmetric",
    f=lambda Sigma: 2 * np.sum(np.log(np.diag(np.linalg.cholesky(Sigma)))),
    claimed=lambda Sigma: -np.kron(_spd_inverse(Sigma), _spd_inverse(Sigma)) @ _sym_projector(len(Sigma)),
    symbols={"H": "the Hessian of log det Σ on symmetric matrices",
             "P": "½(I + K): the projection of vec onto vec of symmetric matrices, K the commutation matrix",
             "K": "the commutation matrix, K vec(A) = vec(Aᵀ)"},
    also=[Formula(r"\mathrm{d}^{2}\log\det\Sigma = \operatorname{tr}\bigl(\mathrm{d}(\Sigma^{-1})\,\mathrm{d}\Sigma\bigr)"
                  r" = -\operatorname{tr}(\Sigma^{-1}\mathrm{d}\Sigma\,\Sigma^{-1}\mathrm{d}\Sigma)"
                  r" = -\operatorname{vec}(\mathrm{d}\Sigma)^{\top}(\Sigma^{-1}\otimes\Sigma^{-1})\operatorname{vec}(\mathrm{d}\Sigma)",
                  lambda dSigma, D: np.trace(D(_spd_inverse) @ dSigma),
                  lambda Sigma, dSigma: -np.trace(np.linalg.solve(Sigma, dSigma) @ np.linalg.solve(Sigma, dSigma)),
                  lambda Sigma, dSigma: -vec(dSigma) @ np.kron(_spd_inverse(Sigma), _spd_inverse(Sigma)) @ vec(dSigma),
                  uses=["HA18", "KSDV", "DMEZ"])],
    derivation=[
        Step(r"\mathrm{d}\operatorname{vec}\frac{\partial \log\det\Sigma}{\partial \Sigma} = \operatorname{vec}\,\mathrm{d}(\Sigma^{-1})"
             r" = -\operatorname{vec}\bigl(\Sigma^{-1}(\mathrm{d}\Sigma)\Sigma^{-1}\bigr)",
             lambda D: D(_vec_spd_inverse),
             lambda Sigma, dSigma: -vec(_spd_inverse(Sigma) @ dSigma @ _spd_inverse(Sigma)), uses=["HA18", "KSDV"]),
        Step(r"= -(\Sigma^{-1}\otimes\Sigma^{-1})\operatorname{vec}(\mathrm{d}\Sigma) \;\Rightarrow\; "
             r"H = -(\Sigma^{-1}\otimes\Sigma^{-1})P,\ P = \tfrac{1}{2}(I + K)",
             lambda Sigma, dSigma: -vec(_spd_inverse(Sigma) @ dSigma @ _spd_inverse(Sigma)),
             lambda Sigma, dSigma: -np.kron(_spd_inverse(Sigma), _spd_inverse(Sigma)) @ vec(dSigma), uses=["DMEZ", "CG6V"]),
    ],
    notes="Along symmetric directions dΣ (vec stacks columns) the Hessian is the restriction of the quadratic "
          "form to symmetric matrices, −(Σ⁻¹⊗Σ⁻¹)P, negative definite there: log det is strictly concave on the "
          "positive definite cone. The often-quoted −Σ⁻¹⊗Σ⁻¹ has the same quadratic form on symmetric dΣ but "
          "also acts on skew-symmetric matrices, which symmetric directions never see; the projection P "
          "removes that part. For a general invertible X and unrestricted dX the Hessian of log|det X| is "
          "−K(X⁻ᵀ⊗X⁻¹). This matrix (halved) is the Fisher information of a Gaussian covariance.",
    history=[Change("2026-12-02", "0.2.0", "H restated as −(Σ⁻¹⊗Σ⁻¹)P, its restriction to symmetric matrices",
                    "checked along symmetric directions, a Hessian must be its restriction to that subspace; "
                    "−Σ⁻¹⊗Σ⁻¹ agrees with it only on symmetric directions, which the verifier now rejects")],
    references=[ref("magnus-neudecker-2019", "Ch. 10, second-order differentials and Hessian matrices")],
    aliases=["Hessian of log determinant", "concavity of log det", "second derivative logdet covariance",
             "Fisher information covariance"],
)

Equality(
    id="W13K",
    title="Second-order expansion of det(I + εA)",
    latex=r"\det(I + \varepsilon A) = 1 + \varepsilon\operatorname{tr}(A) + \frac{\varepsilon^{2}}{2}"
          r"\left(\operatorname{tr}(A)^{2} - \operatorname{tr}(A^{2})\right) + O(\varepsilon^{3})",
    symbols={r"\varepsilon": "a small scalar", "O": "order of the remainder"},
    variables={"A": Matrix("n", "n", "square")},
    lhs=_taylor_det,
    rhs=lambda A: np.array([1.0, np.trace(A), (np.trace(A) ** 2 - np.trace(A @ A)) / 2]),
    notes="The check compares the Taylor coefficients of orders 0, 1 and 2 of the polynomial "
          "ε ↦ det(I + εA), obtained from the characteristic polynomial of A, with 1, tr A and "
          "(tr(A)² − tr(A²))/2. The full polynomial is Σₖ eₖ(λ) εᵏ, ending in εⁿ det A.",
    errata=[Erratum(
        cookbook(28),
        "Cookbook (28) prints a term det(A) beside the leading 1. It does not belong there: det A enters the "
        "expansion only as the coefficient of εⁿ, so at ε zero the printed right side gives 1 + det(A) instead "
        "of det(I), which is 1.",
        printed=r"\det(I + \varepsilon A) \cong 1 + \det(A) + \varepsilon\operatorname{tr}(A) + \frac{1}{2}\varepsilon^{2}"
                r"\operatorname{tr}(A)^{2} - \frac{1}{2}\varepsilon^{2}\operatorname{tr}(A^{2})",
        rhs=lambda A: np.array([1.0 + np.linalg.det(A), np.trace(A), (np.trace(A) ** 2 - np.trace(A @ A)) / 2]),
    )],
    references=[cookbook(28, note="printed with a spurious det(A) term")],
    aliases=["determinant expansion", "det I plus epsilon A", "small perturbation of identity determinant"],
)
