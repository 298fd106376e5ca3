"""Functions and operators.

The Matrix Cookbook's chapter 10, eqs. (487)–(550): finite and power series of matrices, the matrix
exponential, the Kronecker product and the vec operator, vector and matrix norms and their
inequalities, rank, and the miscellaneous identities that close the book.
"""
import itertools
import math

import numpy as np

from identities import (Equality, Erratum, Expansion, Formula, Inequality, Matrix, Scalar, Vector,  # noqa: F401
                        cookbook, ref)
from identities.entries import expm, softmax

inv = np.linalg.inv


# --------------------------------------------------------------------------------------------
# Helpers: series summed term by term, and the same functions computed another way


def _exp_series(A, terms=60):
    """Σ_{n ≤ terms} Aⁿ/n!, the terms formed one from the other (Aⁿ/n! from Aⁿ⁻¹/(n−1)!)."""
    T = np.eye(len(A))
    S = T.copy()
    for n in range(1, terms + 1):
        T = T @ A / n
        S = S + T
    return S


def _powers(X, count):
    """I, X, X², …, X^(count−1), stacked."""
    out = [np.eye(len(X))]
    for _ in range(count - 1):
        out.append(out[-1] @ X)
    return np.stack(out)


def _log_series(A, terms=90):
    """Σ_{1 ≤ n < terms} (−1)ⁿ⁻¹ Aⁿ / n."""
    P = _powers(A, terms)[1:]
    n = np.arange(1, terms)
    return np.einsum("k,kij->ij", (-1.0) ** (n - 1) / n, P)


def _eig_function(A, f):
    """f(A) as V f(Λ) V⁻¹ from the eigendecomposition (complex for a real A), its real part."""
    w, V = np.linalg.eig(A)
    return ((V * f(w.astype(complex))) @ np.linalg.inv(V)).real


def _cos_sin(A):
    """cos A and sin A from one real exponential: exp of [[0, −A], [A, 0]] is [[cos A, −sin A], [sin A, cos A]]."""
    n = len(A)
    Z = np.zeros_like(A)
    E = expm(np.block([[Z, -A], [A, Z]]))
    return E[:n, :n], E[n:, :n]


def _cos(A):
    return _cos_sin(A)[0]


def _sin(A):
    return _cos_sin(A)[1]


def _lse(x):
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m)))


def _rank(M):
    """The number of singular values above 1e-8 of the largest (or of one, if that is larger: a product that
    vanishes exactly leaves rounding, not rank). The samples below have well separated singular values of order one."""
    s = np.linalg.svd(M, compute_uv=False)
    return int(np.sum(s > 1e-8 * max(s[0], 1.0))) if s.size else 0


def _orthonormal(rng, n, k):
    return np.linalg.qr(rng.standard_normal((n, k)))[0]


def _rank_k(rng, m, n, k):
    """A random m × n matrix of rank k, its nonzero singular values between 0.5 and 2."""
    return _orthonormal(rng, m, k) @ np.diag(rng.uniform(0.5, 2.0, k)) @ _orthonormal(rng, n, k).T


def _random_rank(rng, M):
    """A random matrix of M's shape and of a random rank from 1 to the smaller dimension."""
    m, n = M.shape
    return _rank_k(rng, m, n, int(rng.integers(1, min(m, n) + 1)))


def _gauss_pdf(x, m, S):
    """The normal density with mean m and covariance S at x."""
    d = x - m
    _, logdet = np.linalg.slogdet(S)
    return math.exp(-0.5 * d @ np.linalg.solve(S, d) - 0.5 * logdet - 0.5 * len(x) * math.log(2 * math.pi))


# The matrix norms of §10.4.3, each from its own formula
def _norm_max(A):
    return np.max(np.abs(A))


def _norm_1(A):
    return np.max(np.sum(np.abs(A), axis=0))


def _norm_inf(A):
    return np.max(np.sum(np.abs(A), axis=1))


def _norm_2(A):
    return np.linalg.svd(A, compute_uv=False)[0]


def _norm_F(A):
    return math.sqrt(np.sum(np.abs(A) ** 2))


def _norm_KF(A):
    return np.sum(np.linalg.svd(A, compute_uv=False))


def _six(A):
    """The max, 1, ∞, spectral, Frobenius and Ky Fan norms of A."""
    return np.array([_norm_max(A), _norm_1(A), _norm_inf(A), _norm_2(A), _norm_F(A), _norm_KF(A)])


SIX = r"\nu \in \{\max, 1, \infty, 2, \mathrm{F}, \mathrm{KF}\}"
SIX_SYMBOL = {r"\nu": "any of the six matrix norms of the Cookbook's §10.4.3: the max norm, the 1-, ∞- and "
                      "2-norms (induced), the Frobenius norm and the Ky Fan (nuclear) norm"}


# --------------------------------------------------------------------------------------------
# Finite series (Cookbook §10.1.1)

Equality(
    id="QMC4",
    title="Finite geometric series of a matrix",
    latex=r"(X^{n} - I)(X - I)^{-1} = I + X + X^{2} + \cdots + X^{n-1}",
    variables={"X": Matrix("m", "m", "square")},
    symbols={"n": "the number of terms, a positive integer (checked for every n from 1 to 6)"},
    conditions="X − I is invertible (1 is not an eigenvalue of X).",
    lhs=lambda X: (_powers(X, 7)[1:] - np.eye(len(X))) @ inv(X - np.eye(len(X))),
    rhs=lambda X: np.cumsum(_powers(X, 6), axis=0),
    also=[Formula(r"(X^{n} - I)(X - I)^{-1} = (X - I)^{-1}(X^{n} - I)",
                  lambda X: (_powers(X, 7)[1:] - np.eye(len(X))) @ inv(X - np.eye(len(X))),
                  lambda X: inv(X - np.eye(len(X))) @ (_powers(X, 7)[1:] - np.eye(len(X))))],
    notes="Multiplying the sum by X − I telescopes it to Xⁿ − I. The Cookbook does not say that X − I must be "
          "invertible; every factor is a polynomial in X, so the order of the two factors on the left does not "
          "matter (the formula below). The check stacks the cases n from 1 to 6.",
    references=[cookbook(487, note="X − I must be invertible, which the Cookbook does not say")],
    aliases=["geometric series of a matrix", "sum of matrix powers", "finite matrix power series",
             "I + X + X^2 + ... + X^(n-1)"],
)


# --------------------------------------------------------------------------------------------
# Taylor expansion of a scalar function (Cookbook §10.1.2)

def _third_order_direction(rng, v):
    # where the third cumulant of h under the softmax vanishes, the remainder starts at fourth order and
    # crosses to third only at small ε, which a fitted slope reads as an order short of three (1 of 1000
    # seeds came close enough to fail); such instances are redrawn
    x0, h = v["x0"], v["h"]
    for _ in range(200):
        p = softmax(x0)
        k3 = p @ (h - p @ h) ** 3
        if abs(k3) >= 0.05 * np.linalg.norm(h) ** 3:
            break
        # with two nearly equal entries of x₀ it vanishes for every h, so both are redrawn
        x0, h = rng.standard_normal(x0.shape), rng.standard_normal(h.shape)
    return {**v, "x0": x0, "h": h}


Expansion(
    id="YXQ8",
    title="Second-order Taylor expansion of a scalar function of a vector",
    latex=r"f(x_0 + \varepsilon h) = f(x_0) + \varepsilon\, g(x_0)^{\top}h + \frac{\varepsilon^{2}}{2}\, h^{\top}H(x_0)\,h "
          r"+ O(\varepsilon^{3})",
    variables={"x0": Vector("n", tex="x_0", description="the point of expansion"),
               "h": Vector("n", description="the direction of the step, so that x − x₀ is εh")},
    symbols={"f": "a smooth scalar function of a vector; the check takes log-sum-exp, the log of the sum of "
                  "the exponentials of the entries",
             "g": "the gradient of f (for log-sum-exp, the softmax p of the point)",
             "H": "the Hessian of f, the matrix of second derivatives (for log-sum-exp, diag(p) − ppᵀ)"},
    f=lambda eps, x0, h: _lse(x0 + eps * h),
    series=lambda eps, x0, h: _lse(x0) + eps * softmax(x0) @ h
    + eps ** 2 / 2 * h @ (np.diag(softmax(x0)) - np.outer(softmax(x0), softmax(x0))) @ h,
    order=3,
    prepare=_third_order_direction,
    conditions="x₀ and h are drawn where the third-order term is not negligible (the third cumulant of h under "
               "the softmax of x₀ at least 0.05‖h‖³), so that the fitted order is that of the ε³ term.",
    notes="The Cookbook writes the expansion in x − x₀ with the gradient g and the Hessian H evaluated at x₀; "
          "here x − x₀ is εh, and the remainder, of third order in ε, is what the check measures: a wrong "
          "gradient or Hessian would leave an error of first or second order. The function checked is "
          "log-sum-exp, whose gradient is the softmax and whose Hessian is diag(p) − ppᵀ, not diagonal, so "
          "that a Hessian missing its off-diagonal part is caught.",
    references=[cookbook(488)],
    aliases=["Taylor expansion", "second order Taylor series", "quadratic approximation", "gradient and Hessian",
             "Newton step model"],
)


# --------------------------------------------------------------------------------------------
# Matrix functions by infinite series (Cookbook §10.1.3)

Equality(
    id="323P",
    title="Matrix function by a power series: the Neumann series",
    latex=r"\sum_{n=0}^{\infty} X^{n} = (I - X)^{-1} \quad \text{if } \|X\|_{2} < 1",
    variables={"X": Matrix("m", "m", "contraction")},
    symbols={"n": "the summation index"},
    lhs=lambda X: np.sum(_powers(X, 120), axis=0),
    rhs=lambda X: inv(np.eye(len(X)) - X),
    notes="The Cookbook defines f(X) as the sum of cₙXⁿ for the coefficients cₙ of an analytic f, where the series "
          "converges. With every coefficient one, f is 1/(1 − x) and the matrix series is the Neumann series. It "
          "converges when the powers of X tend to zero, for instance when a norm of X is below one; the check "
          "sums the first 120 terms of a contraction whose singular values are at most 1/2.",
    references=[cookbook(489, note="with every coefficient cₙ equal to one: the function 1/(1 − x)")],
    aliases=["Neumann series", "matrix power series", "geometric series of a matrix infinite",
             "inverse of I minus X as a series", "matrix function by Taylor series"],
)

Equality(
    id="R7MV",
    title="Cayley–Hamilton theorem: a matrix is a zero of its characteristic polynomial",
    latex=r"p(\lambda) = \det(\lambda I - A) = \sum_{k=0}^{n} c_{k}\lambda^{k} \;\Rightarrow\; "
          r"p(A) = \sum_{k=0}^{n} c_{k}A^{k} = 0, \text{ that is } A^{n} = -\sum_{k=0}^{n-1} c_{k}A^{k}",
    variables={"A": Matrix("n", "n", "square"), "lam": Scalar(tex=r"\lambda")},
    symbols={"p": "the characteristic polynomial of A", "c": "its coefficients; the leading one is 1",
             "k": "the power"},
    lhs=lambda A, lam: np.linalg.matrix_power(A, len(A)),
    rhs=lambda A, lam: -sum(c * np.linalg.matrix_power(A, k) for k, c in enumerate(np.poly(A)[::-1][:-1])),
    also=[Formula(r"\det(\lambda I - A) = \sum_{k=0}^{n} c_{k}\lambda^{k}",
                  lambda A, lam: np.linalg.det(lam * np.eye(len(A)) - A),
                  lambda A, lam: np.polyval(np.poly(A), lam))],
    notes="The check computes the coefficients from the eigenvalues (the characteristic polynomial is the product "
          "of λ minus each eigenvalue), confirms them against the determinant at a random λ (the formula below), "
          "and compares the n-th power of A with the combination of lower powers that p(A) vanishing asks for. "
          "Hence Aⁿ, and every higher power, is a polynomial in A of degree below n.",
    references=[cookbook(490)],
    aliases=["Cayley-Hamilton", "characteristic polynomial of a matrix", "p(A) = 0",
             "matrix satisfies its characteristic equation"],
)

Equality(
    id="N3MM",
    title="A matrix function commutes with a change of basis",
    latex=r"A = UBU^{-1} \;\Rightarrow\; f(A) = U f(B)\, U^{-1}",
    variables={"U": Matrix("n", "n", "invertible"), "B": Matrix("n", "n", "square")},
    symbols={"A": "the matrix UBU⁻¹", "f": "an analytic function (checked with exp and cos)"},
    lhs=lambda U, B: np.stack([expm(U @ B @ inv(U)), _cos(U @ B @ inv(U))]),
    rhs=lambda U, B: np.stack([U @ expm(B) @ inv(U), U @ _cos(B) @ inv(U)]),
    notes="Every power of UBU⁻¹ is U Bⁿ U⁻¹, and so is every power series. With B diagonal this is how f(A) is "
          "computed from an eigendecomposition. The check applies the exponential and the cosine (the latter from "
          "the exponential of a real block matrix) to both sides.",
    references=[cookbook(491)],
    aliases=["similarity transform of a matrix function", "f(U B U^-1)", "matrix function of similar matrices",
             "diagonalisation and matrix functions"],
)

Inequality(
    id="JCNP",
    title="Powers of a contraction tend to zero",
    latex=r"\|A^{n}\|_{2} \le \|A\|_{2}^{n} \to 0 \quad (n \to \infty) \quad \text{if } \|A\|_{2} < 1",
    variables={"A": Matrix("m", "m", "contraction")},
    symbols={"n": "the power (checked from 1 to 12)"},
    lhs=lambda A: np.linalg.svd(_powers(A, 13)[1:], compute_uv=False)[:, 0],
    rhs=lambda A: np.linalg.svd(A, compute_uv=False)[0] ** np.arange(1, 13),
    attained=lambda rng, A: {"A": (lambda Q: Q @ np.diag(rng.uniform(-0.5, 0.5, len(A))) @ Q.T)(
        _orthonormal(rng, len(A), len(A)))},
    attained_words="A symmetric (any normal matrix): its powers have norm exactly ‖A‖ⁿ",
    notes="The spectral norm is sub-multiplicative, so ‖Aⁿ‖ is at most ‖A‖ⁿ, which tends to zero when ‖A‖ is "
          "below one. The Cookbook writes the condition with |A|, read here as a matrix norm (any induced norm "
          "will do; a spectral radius below one is the exact condition). It is what makes the power series of "
          "the Neumann series and of the logarithm converge.",
    references=[cookbook(492, note="|A| read as a matrix norm")],
    aliases=["powers of a matrix tend to zero", "convergent matrix", "A^n -> 0", "contraction powers",
             "spectral radius less than one"],
)


# --------------------------------------------------------------------------------------------
# Identity and commutations (Cookbook §10.1.4)

Equality(
    id="PJ5K",
    title="f(AB)A = Af(BA) for an analytic function",
    latex=r"f(AB)\,A = A\,f(BA)",
    variables={"A": Matrix("m", "n"), "B": Matrix("n", "m")},
    symbols={"f": "an analytic function (checked with exp and cos)"},
    lhs=lambda A, B: np.stack([expm(A @ B) @ A, _cos(A @ B) @ A]),
    rhs=lambda A, B: np.stack([A @ expm(B @ A), A @ _cos(B @ A)]),
    notes="Each power of AB times A is A times the same power of BA, so every power series moves across A the same way. A and B may be rectangular: AB and "
          "BA are square of different sizes. The push-through identity of the inverse is the case of the "
          "function 1/(1 + x).",
    references=[cookbook(493)],
    related=["MU56"],
    aliases=["push-through identity for matrix functions", "f(AB)A = Af(BA)", "exp(AB)A = A exp(BA)"],
)


# --------------------------------------------------------------------------------------------
# The exponential (Cookbook §10.1.5); (498)–(502) are in matrix_functions

Equality(
    id="LDQC",
    title="The matrix exponential as a power series",
    latex=r"e^{A} \equiv \sum_{n=0}^{\infty} \frac{1}{n!}A^{n} = I + A + \frac{1}{2}A^{2} + \cdots",
    variables={"A": Matrix("m", "m", "square")},
    symbols={"n": "the summation index", "e": "the exponential"},
    lhs=lambda A: _exp_series(A),
    rhs=lambda A: _eig_function(A, np.exp),
    notes="The series converges for every square A. The check sums 60 terms and compares them with V exp(Λ) V⁻¹ "
          "from the eigendecomposition of A, which a random A has.",
    references=[cookbook(494), ref("higham-2008", "ch. 10, the matrix exponential")],
    aliases=["matrix exponential", "expm", "exponential series", "e^A Taylor series"],
)

Equality(
    id="TXPV",
    title="The exponential of −A as a power series",
    latex=r"e^{-A} \equiv \sum_{n=0}^{\infty} \frac{1}{n!}(-1)^{n}A^{n} = I - A + \frac{1}{2}A^{2} - \cdots",
    variables={"A": Matrix("m", "m", "square")},
    symbols={"n": "the summation index", "e": "the exponential"},
    lhs=lambda A: inv(expm(A)),
    rhs=lambda A: _exp_series(-A),
    notes="The alternating series sums to the exponential of −A, which is the inverse of the exponential of A: the "
          "check compares the series with that inverse.",
    references=[cookbook(495)],
    related=["0A9M"],
    aliases=["exponential of minus A", "inverse of matrix exponential", "expm(-A) series"],
)

Equality(
    id="X6V1",
    title="The exponential of tA as a power series in t",
    latex=r"e^{tA} \equiv \sum_{n=0}^{\infty} \frac{1}{n!}(tA)^{n} = I + tA + \frac{1}{2}t^{2}A^{2} + \cdots",
    variables={"t": Scalar(), "A": Matrix("m", "m", "square")},
    symbols={"n": "the summation index", "e": "the exponential"},
    lhs=lambda t, A: expm(t * A),
    rhs=lambda t, A: _exp_series(t * A),
    notes="As a function of the scalar t this is the solution of the linear differential equation with matrix A "
          "that starts at the identity.",
    references=[cookbook(496)],
    related=["YJCU"],
    aliases=["exponential of tA", "expm(tA) series", "matrix exponential power series in t"],
)

Equality(
    id="3BL5",
    title="The logarithm of I + A as a power series",
    latex=r"\ln(I + A) \equiv \sum_{n=1}^{\infty} \frac{(-1)^{n-1}}{n}A^{n} = A - \frac{1}{2}A^{2} + \frac{1}{3}A^{3} - \cdots",
    variables={"A": Matrix("m", "m", "contraction")},
    symbols={"n": "the summation index"},
    lhs=lambda A: _eig_function(np.eye(len(A)) + A, np.log),
    rhs=lambda A: _log_series(A),
    also=[Formula(r"\exp\Bigl(\sum_{n=1}^{\infty} \frac{(-1)^{n-1}}{n}A^{n}\Bigr) = I + A",
                  lambda A: expm(_log_series(A)),
                  lambda A: np.eye(len(A)) + A)],
    notes="The series converges only when the eigenvalues of A lie inside the unit disc, which the Cookbook leaves "
          "to the remark that the series must converge; here A is a contraction (singular values at most 1/2) and "
          "89 terms are summed. The sum is the principal logarithm, computed for the comparison from the "
          "eigendecomposition of I + A, and its exponential gives back I + A (the formula below).",
    references=[cookbook(497, note="converges only for eigenvalues of A inside the unit disc")],
    aliases=["matrix logarithm series", "log(I + A)", "Mercator series for matrices", "logm power series"],
)


# --------------------------------------------------------------------------------------------
# Trigonometric functions (Cookbook §10.1.6)

def _sin_series(A, terms=30):
    T, S, A2 = A.copy(), A.copy(), A @ A
    for n in range(1, terms):
        T = -T @ A2 / ((2 * n) * (2 * n + 1))
        S = S + T
    return S


def _cos_series(A, terms=30):
    T, A2 = np.eye(len(A)), A @ A
    S = T.copy()
    for n in range(1, terms):
        T = -T @ A2 / ((2 * n - 1) * (2 * n))
        S = S + T
    return S


Equality(
    id="L1V6",
    title="The sine of a matrix as a power series",
    latex=r"\sin(A) \equiv \sum_{n=0}^{\infty} \frac{(-1)^{n}A^{2n+1}}{(2n+1)!} = A - \frac{1}{3!}A^{3} + \frac{1}{5!}A^{5} - \cdots",
    variables={"A": Matrix("m", "m", "square")},
    symbols={"n": "the summation index"},
    lhs=lambda A: _sin(A),
    rhs=lambda A: _sin_series(A),
    notes="The check sums 30 terms and compares them with the sine read off the real exponential of the block "
          "matrix with −A above and A below the diagonal (the imaginary part of exp(iA), computed in real "
          "arithmetic).",
    references=[cookbook(503)],
    related=["TPPG"],
    aliases=["matrix sine", "sinm", "sin of a matrix", "trigonometric matrix function"],
)

Equality(
    id="TPPG",
    title="The cosine of a matrix as a power series",
    latex=r"\cos(A) \equiv \sum_{n=0}^{\infty} \frac{(-1)^{n}A^{2n}}{(2n)!} = I - \frac{1}{2!}A^{2} + \frac{1}{4!}A^{4} - \cdots",
    variables={"A": Matrix("m", "m", "square")},
    symbols={"n": "the summation index"},
    lhs=lambda A: _cos(A),
    rhs=lambda A: _cos_series(A),
    also=[Formula(r"\cos(A)^{2} + \sin(A)^{2} = I",
                  lambda A: _cos_series(A) @ _cos_series(A) + _sin_series(A) @ _sin_series(A),
                  lambda A: np.eye(len(A)))],
    notes="As for the sine, the comparison is with the real exponential of the block matrix [[0, −A], [A, 0]], "
          "whose diagonal blocks are cos A. The two series commute, and the Pythagorean identity holds for them "
          "(the formula below).",
    references=[cookbook(504)],
    related=["L1V6"],
    aliases=["matrix cosine", "cosm", "cos of a matrix", "trigonometric matrix function"],
)


# --------------------------------------------------------------------------------------------
# The Kronecker product (Cookbook §10.2.1); (510)–(513), (515), (516), (518), (519) are in kronecker

def _kron_blocks(A, B):
    return np.block([[A[i, j] * B for j in range(A.shape[1])] for i in range(A.shape[0])])


Equality(
    id="8Y7F",
    title="The Kronecker product: the block matrix of the products A_ij B",
    latex=r"A \otimes B = \begin{bmatrix} A_{1,1}B & A_{1,2}B & \cdots & A_{1,n}B \\ A_{2,1}B & A_{2,2}B & \cdots & A_{2,n}B "
          r"\\ \vdots & \vdots & \ddots & \vdots \\ A_{m,1}B & A_{m,2}B & \cdots & A_{m,n}B \end{bmatrix}",
    variables={"A": Matrix("m", "n"), "B": Matrix("r", "q")},
    lhs=lambda A, B: np.kron(A, B),
    rhs=lambda A, B: _kron_blocks(A, B),
    also=[Formula(r"(A \otimes B)_{(i-1)r+k,\,(j-1)q+l} = A_{ij}B_{kl}",
                  lambda A, B: np.kron(A, B),
                  lambda A, B: np.einsum("ij,kl->ikjl", A, B).reshape(A.shape[0] * B.shape[0], A.shape[1] * B.shape[1]))],
    symbols={"i": "a row index of A", "j": "a column index of A", "k": "a row index of B", "l": "a column index of B"},
    notes="For an m × n matrix A and an r × q matrix B the product is mr × nq. The check compares numpy's kron, "
          "used by the other records, with the blocks assembled as displayed and with the entry formula below.",
    references=[cookbook(505), ref("magnus-neudecker-2019", "ch. 2, the Kronecker product")],
    aliases=["Kronecker product definition", "tensor product of matrices", "kron", "direct product"],
)

Equality(
    id="FHPX",
    title="The Kronecker product distributes over a sum",
    latex=r"A \otimes (B + C) = A \otimes B + A \otimes C",
    variables={"A": Matrix("m", "n"), "B": Matrix("p", "q"), "C": Matrix("p", "q")},
    lhs=lambda A, B, C: np.kron(A, B + C),
    rhs=lambda A, B, C: np.kron(A, B) + np.kron(A, C),
    notes="The product is linear in each factor; with a sum in the first factor it distributes the same way.",
    references=[cookbook(506)],
    aliases=["distributivity of kronecker product", "kron(A, B + C)", "kronecker product bilinear"],
)

Equality(
    id="JTQ1",
    title="Kronecker products do not commute: how far A⊗B is from B⊗A",
    latex=r"\|A \otimes B - B \otimes A\|_{\mathrm{F}}^{2} = 2\left(\|A\|_{\mathrm{F}}^{2}\,\|B\|_{\mathrm{F}}^{2} "
          r"- \operatorname{tr}(A^{\top}B)^{2}\right)",
    variables={"A": Matrix("m", "n"), "B": Matrix("m", "n")},
    lhs=lambda A, B: np.sum((np.kron(A, B) - np.kron(B, A)) ** 2),
    rhs=lambda A, B: 2 * (np.sum(A ** 2) * np.sum(B ** 2) - np.trace(A.T @ B) ** 2),
    notes="The Cookbook's (507) says that in general A⊗B and B⊗A differ. For A and B of the same size the distance "
          "is exact: the inner product of A⊗B with B⊗A is the square of the inner product of A with B, so by the "
          "Cauchy–Schwarz inequality the right side is positive unless A and B are proportional. The two products "
          "always hold the same entries, rearranged: they differ by permutations of rows and columns.",
    references=[cookbook(507, note="measured for A and B of the same size")],
    aliases=["kronecker product not commutative", "A kron B vs B kron A", "commutativity of Kronecker product"],
)

Equality(
    id="PWG8",
    title="The Kronecker product is associative",
    latex=r"A \otimes (B \otimes C) = (A \otimes B) \otimes C",
    variables={"A": Matrix("m", "n"), "B": Matrix("p", "q"), "C": Matrix("r", "s")},
    lhs=lambda A, B, C: np.kron(A, np.kron(B, C)),
    rhs=lambda A, B, C: np.kron(np.kron(A, B), C),
    references=[cookbook(508)],
    aliases=["associativity of kronecker product", "kron(A, kron(B, C))", "triple Kronecker product"],
)

Equality(
    id="U3F1",
    title="Scalars factor out of a Kronecker product",
    latex=r"(\alpha A) \otimes (\beta B) = \alpha\beta\,(A \otimes B)",
    variables={"alpha": Scalar(), "beta": Scalar(), "A": Matrix("m", "n"), "B": Matrix("p", "q")},
    lhs=lambda alpha, beta, A, B: np.kron(alpha * A, beta * B),
    rhs=lambda alpha, beta, A, B: alpha * beta * np.kron(A, B),
    references=[cookbook(509)],
    aliases=["kronecker product with scalars", "scalar multiple kronecker", "kron(aA, bB)"],
)

Equality(
    id="86FD",
    title="Rank of a Kronecker product",
    latex=r"\operatorname{rank}(A \otimes B) = \operatorname{rank}(A)\,\operatorname{rank}(B)",
    variables={"A": Matrix("m", "n"), "B": Matrix("p", "q")},
    conditions="A and B are random matrices of random ranks (from one to the smaller dimension).",
    prepare=lambda rng, v: {**v, "A": _random_rank(rng, v["A"]), "B": _random_rank(rng, v["B"])},
    lhs=lambda A, B: _rank(np.kron(A, B)),
    rhs=lambda A, B: _rank(A) * _rank(B),
    notes="The singular values of A⊗B are the products of those of A and B, so the nonzero ones number "
          "rank(A) times rank(B). The check uses rank-deficient factors, where the rule says something.",
    references=[cookbook(514), ref("magnus-neudecker-2019", "ch. 2, the Kronecker product")],
    aliases=["kronecker rank", "rank of tensor product", "rank(kron(A, B))"],
)


def _spectrum(M):
    """The eigenvalues of M as two sorted lists, of real and of imaginary parts (a multiset's fingerprint)."""
    w = np.linalg.eigvals(M)
    return np.concatenate([np.sort(w.real), np.sort(w.imag)])


Equality(
    id="DZLW",
    title="A⊗B and B⊗A have the same eigenvalues",
    latex=r"\{\operatorname{eig}(A \otimes B)\} = \{\operatorname{eig}(B \otimes A)\} = \{\lambda_{i}(A)\,\mu_{j}(B)\}_{i,j}",
    variables={"A": Matrix("n", "n", "square"), "B": Matrix("m", "m", "square")},
    symbols={r"\lambda": "an eigenvalue of A", r"\mu": "an eigenvalue of B", "i": "an index over the eigenvalues of A",
             "j": "an index over the eigenvalues of B"},
    lhs=lambda A, B: _spectrum(np.kron(A, B)),
    rhs=lambda A, B: _spectrum(np.kron(B, A)),
    also=[Formula(r"\{\operatorname{eig}(A \otimes B)\} = \{\lambda_{i}(A)\,\mu_{j}(B)\}_{i,j}",
                  lambda A, B: _spectrum(np.kron(A, B)),
                  lambda A, B: (lambda w: np.concatenate([np.sort(w.real), np.sort(w.imag)]))(
                      np.outer(np.linalg.eigvals(A), np.linalg.eigvals(B)).ravel()))],
    notes="A⊗B and B⊗A are similar through a permutation (the commutation matrices), so their eigenvalues agree as "
          "sets with multiplicity: the nm products of an eigenvalue of A and one of B, for any square A and B "
          "(the formula below). The sets are compared through their sorted real and sorted imaginary parts.",
    references=[cookbook(517)],
    related=["A2CD"],
    aliases=["eigenvalues of kron(B, A)", "spectrum of kronecker product", "kronecker eigenvalues general"],
)


# --------------------------------------------------------------------------------------------
# Vector norms (Cookbook §10.3)

Equality(
    id="Z457",
    title="The 1-norm of a vector",
    latex=r"\|x\|_{1} = \sum_{i}|x_{i}|",
    variables={"x": Vector("n")},
    symbols={"i": "the index of an entry", "s": "a vector of signs"},
    lhs=lambda x: np.linalg.norm(x, 1),
    rhs=lambda x: np.sum(np.abs(x)),
    also=[Formula(r"\sum_{i}|x_{i}| = \max_{s \in \{-1, 1\}^{n}} s^{\top}x",
                  lambda x: np.sum(np.abs(x)),
                  lambda x: np.max(np.array(list(itertools.product((-1.0, 1.0), repeat=len(x)))) @ x))],
    notes="The sum of the absolute values is also the largest value of sᵀx over the 2ⁿ sign vectors s (the "
          "formula below, checked by enumerating them): the 1-norm is the dual of the max norm.",
    references=[cookbook(525)],
    aliases=["l1 norm", "taxicab norm", "Manhattan norm", "sum of absolute values"],
)

Equality(
    id="3JF1",
    title="The squared 2-norm of a complex vector",
    latex=r"\|x\|_{2}^{2} = x^{H}x",
    variables={"x": Vector("n", "complex")},
    symbols={"i": "the index of an entry"},
    lhs=lambda x: np.linalg.norm(x) ** 2,
    rhs=lambda x: np.conj(x) @ x,
    also=[Formula(r"x^{H}x = \sum_{i}|x_{i}|^{2}", lambda x: np.conj(x) @ x, lambda x: np.sum(np.abs(x) ** 2))],
    notes="The conjugate transpose makes every term real and non-negative; the plain transpose would give a complex "
          "number for a complex x.",
    references=[cookbook(526)],
    aliases=["Euclidean norm", "l2 norm squared", "norm of complex vector", "x^H x"],
)

Inequality(
    id="LK2X",
    title="The p-norm of a vector and Hölder's inequality",
    latex=r"y^{\top}x \le \|x\|_{p}\,\|y\|_{q}, \quad \|x\|_{p} = \Bigl(\sum_{i}|x_{i}|^{p}\Bigr)^{1/p}, "
          r"\quad \frac{1}{p} + \frac{1}{q} = 1",
    variables={"x": Vector("n"), "y": Vector("n"), "p": Scalar("positive")},
    symbols={"i": "the index of an entry", "q": "the exponent conjugate to p"},
    conditions="p is above one (the sample is shifted by one).",
    prepare=lambda rng, v: {**v, "p": 1.0 + v["p"]},
    lhs=lambda x, y, p: y @ x,
    rhs=lambda x, y, p: np.sum(np.abs(x) ** p) ** (1 / p) * np.sum(np.abs(y) ** (p / (p - 1))) ** ((p - 1) / p),
    attained=lambda rng, x, y, p: {"y": np.sign(x) * np.abs(x) ** (p - 1) * rng.uniform(0.5, 2.0)},
    attained_words="y a positive multiple of the vector with entries sign(xᵢ)|xᵢ|^(p−1)",
    notes="The p-norm as the Cookbook defines it is the norm dual to the q-norm: sup of yᵀx over the unit q-ball. "
          "The bound and the vectors that attain it show that the formula is that supremum, for every p above one.",
    references=[cookbook(527)],
    aliases=["p-norm", "lp norm", "Hölder inequality", "Holder inequality", "dual norm"],
)

Inequality(
    id="F94H",
    title="The max norm of a vector: the dual of the 1-norm",
    latex=r"y^{\top}x \le \|x\|_{\infty}\,\|y\|_{1}, \quad \|x\|_{\infty} = \max_{i}|x_{i}|",
    variables={"x": Vector("n"), "y": Vector("n")},
    symbols={"i": "the index of an entry"},
    lhs=lambda x, y: y @ x,
    rhs=lambda x, y: np.max(np.abs(x)) * np.sum(np.abs(y)),
    attained=lambda rng, x, y: {"y": (lambda k: rng.uniform(0.5, 2.0) * np.sign(x[k]) * np.eye(len(x))[k])(
        int(np.argmax(np.abs(x))))},
    attained_words="y a positive multiple of sign(x_k) times the unit vector of an entry k of largest magnitude",
    notes="The largest absolute entry is the largest value of yᵀx over the unit 1-ball, whose vertices are the "
          "signed unit vectors. It is also the limit of the p-norms as p grows.",
    references=[cookbook(528)],
    aliases=["infinity norm", "max norm", "Chebyshev norm", "sup norm", "l-infinity norm"],
)


# --------------------------------------------------------------------------------------------
# Matrix norms: what a norm must fulfil (Cookbook §10.4.1), checked for the six norms of §10.4.3

Equality(
    id="Z6AZ",
    title="Matrix norms are absolutely homogeneous: ‖cA‖ = |c| ‖A‖",
    latex=r"\|cA\|_{\nu} = |c|\,\|A\|_{\nu}, \quad " + SIX,
    variables={"c": Scalar(), "A": Matrix("m", "n")},
    symbols=SIX_SYMBOL,
    lhs=lambda c, A: _six(c * A),
    rhs=lambda c, A: abs(c) * _six(A),
    notes="One of the defining properties of a norm, checked for each of the six matrix norms the Cookbook lists.",
    references=[cookbook(531)],
    aliases=["homogeneity of a norm", "norm of a scalar multiple", "norm axioms"],
)

Inequality(
    id="XFC5",
    title="Matrix norms satisfy the triangle inequality",
    latex=r"\|A + B\|_{\nu} \le \|A\|_{\nu} + \|B\|_{\nu}, \quad " + SIX,
    variables={"A": Matrix("m", "n"), "B": Matrix("m", "n")},
    symbols=SIX_SYMBOL,
    lhs=lambda A, B: _six(A + B),
    rhs=lambda A, B: _six(A) + _six(B),
    attained=lambda rng, A, B: {"B": rng.uniform(0.5, 2.0) * A},
    attained_words="B a positive multiple of A",
    notes="One of the defining properties of a norm, checked for each of the six matrix norms the Cookbook lists.",
    references=[cookbook(532)],
    aliases=["triangle inequality", "subadditivity of a norm", "norm axioms", "norm of a sum"],
)


# --------------------------------------------------------------------------------------------
# Induced norms (Cookbook §10.4.2) and the examples (§10.4.3)

def _unit_column(rng, m, n, k=0):
    """A random m × n matrix whose only nonzero column is column k."""
    A = np.zeros((m, n))
    A[:, k] = rng.standard_normal(m)
    return A


Inequality(
    id="Z5YZ",
    title="The spectral norm: the induced 2-norm is the square root of the largest eigenvalue of AᴴA",
    latex=r"\|A\|_{2} = \sup_{\|x\|_{2} = 1}\|Ax\|_{2} = \sqrt{\lambda_{\max}(A^{H}A)}, \text{ that is } "
          r"\frac{\|Ax\|_{2}}{\|x\|_{2}} \le \sqrt{\lambda_{\max}(A^{H}A)}",
    variables={"A": Matrix("m", "n", "complex"), "x": Vector("n", "complex")},
    symbols={r"\lambda": "an eigenvalue"},
    lhs=lambda A, x: np.linalg.norm(A @ x) / np.linalg.norm(x),
    rhs=lambda A, x: math.sqrt(np.linalg.eigvalsh(A.conj().T @ A)[-1]),
    attained=lambda rng, A, x: {"x": np.linalg.eigh(A.conj().T @ A)[1][:, -1] * rng.uniform(0.5, 2.0)},
    attained_words="x an eigenvector of AᴴA for its largest eigenvalue (a top right singular vector of A)",
    notes="The Cookbook's (533) defines the induced norm as the supremum of ‖Ax‖ over the unit sphere of a vector "
          "norm; with the Euclidean norm the supremum is attained at a top eigenvector of AᴴA and equals the "
          "square root of its eigenvalue, the largest singular value of A. The bound over random x and the value "
          "at that eigenvector together pin the supremum down.",
    references=[cookbook(533, note="with the Euclidean vector norm"), cookbook(538)],
    aliases=["spectral norm", "operator 2-norm", "induced norm", "largest singular value", "operator norm"],
)

Inequality(
    id="NRPB",
    title="An induced norm bounds the stretch of every vector: ‖Ax‖ ≤ ‖A‖ ‖x‖",
    latex=r"\|Ax\|_{p} \le \|A\|_{p}\,\|x\|_{p}, \quad p \in \{1, 2, \infty\}",
    variables={"A": Matrix("m", "n"), "x": Vector("n")},
    symbols={"p": "the vector norm and the matrix norm it induces"},
    lhs=lambda A, x: np.array([np.sum(np.abs(A @ x)), np.linalg.norm(A @ x), np.max(np.abs(A @ x))]),
    rhs=lambda A, x: np.array([_norm_1(A) * np.sum(np.abs(x)), _norm_2(A) * np.linalg.norm(x),
                               _norm_inf(A) * np.max(np.abs(x))]),
    attained=lambda rng, A, x: {"A": _unit_column(rng, *A.shape), "x": rng.uniform(0.5, 2.0) * np.eye(A.shape[1])[0]},
    attained_words="A with a single nonzero column and x along that column's unit vector: for all three norms at once",
    also=[Formula(r"\|I\|_{1} = \|I\|_{2} = \|I\|_{\infty} = 1 \quad (\text{but } \|I\|_{\mathrm{F}} = \sqrt{n})",
                  lambda A: np.array([_norm_1(np.eye(A.shape[1])), _norm_2(np.eye(A.shape[1])),
                                      _norm_inf(np.eye(A.shape[1])), _norm_F(np.eye(A.shape[1])) / math.sqrt(A.shape[1])]),
                  lambda A: np.ones(4))],
    notes="Both follow from the definition of an induced norm as the supremum of ‖Ax‖ over unit x: the identity "
          "stretches nothing, so its induced norm is one (the formula above; the Frobenius norm, which is not "
          "induced, gives the square root of n instead).",
    references=[cookbook(534), cookbook(535)],
    aliases=["compatibility of matrix and vector norm", "consistent norm", "norm of identity", "operator norm bound"],
)

Inequality(
    id="WJQQ",
    title="Induced norms are sub-multiplicative: ‖AB‖ ≤ ‖A‖ ‖B‖",
    latex=r"\|AB\|_{p} \le \|A\|_{p}\,\|B\|_{p}, \quad p \in \{1, 2, \infty\}",
    variables={"A": Matrix("m", "n"), "B": Matrix("n", "r")},
    symbols={"p": "the vector norm and the matrix norm it induces"},
    lhs=lambda A, B: np.array([_norm_1(A @ B), _norm_2(A @ B), _norm_inf(A @ B)]),
    rhs=lambda A, B: np.array([_norm_1(A) * _norm_1(B), _norm_2(A) * _norm_2(B), _norm_inf(A) * _norm_inf(B)]),
    attained=lambda rng, A, B: {"A": _unit_column(rng, *A.shape), "B": _unit_column(rng, *B.T.shape).T},
    attained_words="A with only its first column nonzero and B with only its first row nonzero (rank one, through "
                   "the same unit vector): for all three norms at once",
    notes="Apply ‖Ax‖ ≤ ‖A‖‖x‖ to each x of the form By. Not every matrix norm is sub-multiplicative: the max norm "
          "is not.",
    references=[cookbook(536)],
    aliases=["submultiplicativity", "norm of a product", "consistency of induced norms", "operator norm product"],
)

Inequality(
    id="DCVM",
    title="The induced 1-norm is the largest column sum",
    latex=r"\frac{\|Ax\|_{1}}{\|x\|_{1}} \le \|A\|_{1} = \max_{j}\sum_{i}|A_{ij}|",
    variables={"A": Matrix("m", "n"), "x": Vector("n")},
    symbols={"i": "a row index", "j": "a column index"},
    lhs=lambda A, x: np.sum(np.abs(A @ x)) / np.sum(np.abs(x)),
    rhs=lambda A, x: max(sum(abs(A[i, j]) for i in range(A.shape[0])) for j in range(A.shape[1])),
    attained=lambda rng, A, x: {"x": rng.uniform(0.5, 2.0) * np.eye(A.shape[1])[int(np.argmax(np.abs(A).sum(axis=0)))]},
    attained_words="x along the unit vector of a column of largest absolute sum",
    notes="Ax is a combination of the columns of A with weights x, so its 1-norm is at most the largest column "
          "1-norm times ‖x‖₁, and a unit vector picking that column reaches it: the supremum over the unit 1-ball "
          "is the largest column sum.",
    references=[cookbook(537)],
    aliases=["matrix 1-norm", "maximum column sum norm", "induced l1 norm", "norm(A, 1)"],
)

Inequality(
    id="HRMX",
    title="The induced p-norm is the largest stretch over the unit p-sphere (rank one: by Hölder)",
    latex=r"\|uv^{\top}\|_{p} = \max_{\|x\|_{p} = 1}\|uv^{\top}x\|_{p} = \|u\|_{p}\,\|v\|_{q}, \text{ that is } "
          r"\frac{\|uv^{\top}x\|_{p}}{\|x\|_{p}} \le \|u\|_{p}\,\|v\|_{q}, \quad \frac{1}{p} + \frac{1}{q} = 1",
    variables={"u": Vector("m"), "v": Vector("n"), "x": Vector("n"), "p": Scalar("positive")},
    symbols={"q": "the exponent conjugate to p", "A": "a matrix (here the rank-one uvᵀ)"},
    conditions="p is above one (the sample is shifted by one).",
    prepare=lambda rng, v: {**v, "p": 1.0 + v["p"]},
    lhs=lambda u, v, x, p: np.sum(np.abs(np.outer(u, v) @ x) ** p) ** (1 / p) / np.sum(np.abs(x) ** p) ** (1 / p),
    rhs=lambda u, v, x, p: np.sum(np.abs(u) ** p) ** (1 / p) * np.sum(np.abs(v) ** (p / (p - 1))) ** ((p - 1) / p),
    attained=lambda rng, u, v, x, p: {"x": np.sign(v) * np.abs(v) ** (1 / (p - 1)) * rng.uniform(0.5, 2.0)},
    attained_words="x a positive multiple of the vector with entries sign(vᵢ)|vᵢ|^(q−1), where Hölder's "
                   "inequality for vᵀx is attained",
    errata=[Erratum(
        cookbook(539),
        "The Cookbook raises the maximum to the power 1/p. The induced p-norm is the maximum itself: the root "
        "would not be a norm (doubling A would multiply it by the p-th root of two), and for p two it would give "
        "the square root of the spectral norm. The printed version fails both the bound and its attainment.",
        printed=r"\|A\|_{p} = \Bigl(\max_{\|x\|_{p} = 1}\|Ax\|_{p}\Bigr)^{1/p}",
        rhs=lambda u, v, x, p: (np.sum(np.abs(u) ** p) ** (1 / p)
                                * np.sum(np.abs(v) ** (p / (p - 1))) ** ((p - 1) / p)) ** (1 / p),
    )],
    notes="For a general A the induced p-norm has no closed form (except for p one, two and infinity); for a "
          "rank-one A the maximum is Hölder's inequality for vᵀx, which makes the definition checkable for every p.",
    references=[cookbook(539, note="printed with a spurious power 1/p")],
    aliases=["induced p-norm", "operator p-norm", "matrix p norm", "subordinate norm"],
)

Inequality(
    id="BYS1",
    title="The induced ∞-norm is the largest row sum",
    latex=r"\frac{\|Ax\|_{\infty}}{\|x\|_{\infty}} \le \|A\|_{\infty} = \max_{i}\sum_{j}|A_{ij}|",
    variables={"A": Matrix("m", "n"), "x": Vector("n")},
    symbols={"i": "a row index", "j": "a column index"},
    lhs=lambda A, x: np.max(np.abs(A @ x)) / np.max(np.abs(x)),
    rhs=lambda A, x: max(sum(abs(A[i, j]) for j in range(A.shape[1])) for i in range(A.shape[0])),
    attained=lambda rng, A, x: {"x": rng.uniform(0.5, 2.0) * np.sign(A[int(np.argmax(np.abs(A).sum(axis=1)))])},
    attained_words="x a positive multiple of the signs of a row of largest absolute sum",
    notes="Each entry of Ax is a row of A times x, at most the row's absolute sum times ‖x‖∞, with equality for the "
          "vector of that row's signs.",
    references=[cookbook(540)],
    aliases=["matrix infinity norm", "maximum row sum norm", "induced l-infinity norm", "norm(A, inf)"],
)

Equality(
    id="ENQ5",
    title="The Frobenius norm",
    latex=r"\|A\|_{\mathrm{F}} = \sqrt{\sum_{i,j}|A_{ij}|^{2}} = \sqrt{\operatorname{tr}(AA^{H})}",
    variables={"A": Matrix("m", "n", "complex")},
    symbols={"i": "a row index", "j": "a column index", r"\sigma": "a singular value of A", "k": "its index"},
    lhs=lambda A: math.sqrt(np.sum(np.abs(A) ** 2)),
    rhs=lambda A: np.sqrt(np.trace(A @ A.conj().T).real),
    also=[Formula(r"\|A\|_{\mathrm{F}}^{2} = \sum_{k}\sigma_{k}^{2}", lambda A: np.sum(np.abs(A) ** 2),
                  lambda A: np.sum(np.linalg.svd(A, compute_uv=False) ** 2))],
    notes="The Euclidean norm of the matrix's entries, and the square root of the sum of its squared singular "
          "values (the formula below), so that unitary factors leave it unchanged.",
    references=[cookbook(541)],
    aliases=["Frobenius norm", "Hilbert-Schmidt norm", "Euclidean norm of a matrix", "norm(A, 'fro')"],
)

Inequality(
    id="6FYR",
    title="The max norm of a matrix: the norm induced from the 1-norm to the ∞-norm",
    latex=r"\frac{\|Ax\|_{\infty}}{\|x\|_{1}} \le \|A\|_{\max} = \max_{i,j}|A_{ij}|",
    variables={"A": Matrix("m", "n"), "x": Vector("n")},
    symbols={"i": "a row index", "j": "a column index"},
    lhs=lambda A, x: np.max(np.abs(A @ x)) / np.sum(np.abs(x)),
    rhs=lambda A, x: max(abs(A[i, j]) for i in range(A.shape[0]) for j in range(A.shape[1])),
    attained=lambda rng, A, x: {"x": rng.uniform(0.5, 2.0) * np.eye(A.shape[1])[
        int(np.unravel_index(np.argmax(np.abs(A)), A.shape)[1])]},
    attained_words="x along the unit vector of the column holding an entry of largest magnitude",
    notes="The largest absolute entry is a norm, though not a sub-multiplicative one. It is the largest stretch from "
          "the 1-norm to the ∞-norm: the supremum of ‖Ax‖∞ over the unit 1-ball is reached at a unit vector.",
    references=[cookbook(542)],
    aliases=["max norm", "maximum absolute entry", "elementwise infinity norm", "entrywise max norm"],
)


def _gram_sqrt_trace(A):
    G = A.T @ A if A.shape[0] >= A.shape[1] else A @ A.T
    return np.sum(np.sqrt(np.clip(np.linalg.eigvalsh(G), 0.0, None)))


Inequality(
    id="K8GY",
    title="The Ky Fan (nuclear) norm: the sum of the singular values, dual to the spectral norm",
    latex=r"\operatorname{tr}(B^{\top}A) \le \|B\|_{2}\,\|A\|_{\mathrm{KF}}, \quad "
          r"\|A\|_{\mathrm{KF}} = \|\operatorname{sing}(A)\|_{1} = \sum_{k}\sigma_{k}(A)",
    variables={"A": Matrix("m", "n"), "B": Matrix("m", "n")},
    symbols={r"\sigma": "a singular value", "k": "its index"},
    lhs=lambda A, B: np.trace(B.T @ A),
    rhs=lambda A, B: _norm_2(B) * np.sum(np.linalg.svd(A, compute_uv=False)),
    attained=lambda rng, A, B: {"B": (lambda U, s, Vt: rng.uniform(0.5, 2.0) * U @ Vt)(
        *np.linalg.svd(A, full_matrices=False))},
    attained_words="B a positive multiple of UVᵀ from the thin singular value decomposition A = UΣVᵀ",
    also=[Formula(r"\|A\|_{\mathrm{KF}} = \operatorname{tr}\bigl((A^{\top}A)^{1/2}\bigr)",
                  lambda A, B: np.sum(np.linalg.svd(A, compute_uv=False)), lambda A, B: _gram_sqrt_trace(A))],
    notes="The Cookbook defines the Ky Fan norm as the 1-norm of the vector of singular values (also called the "
          "nuclear or trace norm). The trace duality above shows it is the norm dual to the spectral norm; it "
          "is also the trace of the square root of AᵀA (the formula below).",
    references=[cookbook(543)],
    aliases=["nuclear norm", "trace norm", "Ky Fan norm", "sum of singular values", "Schatten 1-norm"],
)


# --------------------------------------------------------------------------------------------
# Inequalities between the norms (Cookbook §10.4.4): the table of (544), in five groups that
# share the matrices where they are attained

_LOW_RANK = "A is a random matrix of random rank d (from one to the smaller dimension)."


def _prepare_low_rank(rng, v):
    return {**v, "A": _random_rank(rng, v["A"])}


def _signs(rng, k):
    return rng.choice((-1.0, 1.0), size=k)


def _norms_and_d(A):
    return _six(A), _rank(A)


Inequality(
    id="RCKH",
    title="The max norm is below every other matrix norm",
    latex=r"\|A\|_{\max} \le \|A\|_{1},\ \|A\|_{\infty},\ \|A\|_{2},\ \|A\|_{\mathrm{F}},\ \|A\|_{\mathrm{KF}}",
    variables={"A": Matrix("m", "n")},
    conditions=_LOW_RANK,
    prepare=_prepare_low_rank,
    lhs=lambda A: np.full(5, _norm_max(A)),
    rhs=lambda A: np.array([_norm_1(A), _norm_inf(A), _norm_2(A), _norm_F(A), _norm_KF(A)]),
    attained=lambda rng, A: {"A": rng.uniform(0.5, 2.0) * np.eye(A.shape[0], A.shape[1], 0) * (np.arange(A.shape[0]) == 0)[:, None]},
    attained_words="A with a single nonzero entry: then all six norms agree",
    notes="The first row of the Cookbook's table (544): each norm is at least the largest absolute entry.",
    references=[cookbook(544, note="the row of the max norm")],
    related=["KJ77", "G2HH", "7FWU", "6KDB"],
    aliases=["norm equivalence", "matrix norm inequalities", "max norm lower bound"],
)

Inequality(
    id="KJ77",
    title="Matrix norms bounded by the max norm",
    latex=r"\|A\|_{1} \le m\|A\|_{\max},\ \|A\|_{\infty} \le n\|A\|_{\max},\ \|A\|_{2} \le \sqrt{mn}\,\|A\|_{\max},\ "
          r"\|A\|_{\mathrm{F}} \le \sqrt{mn}\,\|A\|_{\max},\ \|A\|_{\mathrm{KF}} \le \sqrt{mnd}\,\|A\|_{\max}",
    variables={"A": Matrix("m", "n")},
    symbols={"d": "the rank of A"},
    conditions=_LOW_RANK,
    prepare=_prepare_low_rank,
    lhs=lambda A: np.array([_norm_1(A), _norm_inf(A), _norm_2(A), _norm_F(A), _norm_KF(A)]),
    rhs=lambda A: _norm_max(A) * np.sqrt(np.array([A.shape[0] ** 2, A.shape[1] ** 2, A.size, A.size,
                                                   A.size * _rank(A)], dtype=float)),
    attained=lambda rng, A: {"A": rng.uniform(0.5, 2.0) * np.ones(A.shape)},
    attained_words="A a multiple of the matrix of ones (rank one): all five at once",
    notes="The column of the max norm in the Cookbook's table (544), for an m × n matrix A of rank d.",
    references=[cookbook(544, note="the column of the max norm")],
    related=["RCKH", "G2HH", "7FWU", "6KDB"],
    aliases=["norm equivalence", "matrix norm inequalities", "bound by largest entry"],
)

Inequality(
    id="G2HH",
    title="Norm inequalities that involve the 1-norm and the ∞-norm through the number of rows",
    latex=r"\|A\|_{1} \le m\|A\|_{\infty},\ \sqrt{m}\,\|A\|_{2},\ \sqrt{m}\,\|A\|_{\mathrm{F}},\ \sqrt{m}\,\|A\|_{\mathrm{KF}};\quad "
          r"\|A\|_{2},\ \|A\|_{\mathrm{F}} \le \sqrt{m}\,\|A\|_{\infty};\quad \|A\|_{\mathrm{KF}} \le \sqrt{md}\,\|A\|_{\infty}",
    variables={"A": Matrix("m", "n")},
    symbols={"d": "the rank of A"},
    conditions=_LOW_RANK,
    prepare=_prepare_low_rank,
    lhs=lambda A: np.array([_norm_1(A)] * 4 + [_norm_2(A), _norm_F(A), _norm_KF(A)]),
    rhs=lambda A: np.array([A.shape[0] * _norm_inf(A), math.sqrt(A.shape[0]) * _norm_2(A),
                            math.sqrt(A.shape[0]) * _norm_F(A), math.sqrt(A.shape[0]) * _norm_KF(A),
                            math.sqrt(A.shape[0]) * _norm_inf(A), math.sqrt(A.shape[0]) * _norm_inf(A),
                            math.sqrt(A.shape[0] * _rank(A)) * _norm_inf(A)]),
    attained=lambda rng, A: {"A": np.outer(_signs(rng, A.shape[0]), np.eye(A.shape[1])[0]) * rng.uniform(0.5, 2.0)},
    attained_words="A with a single nonzero column whose entries have equal magnitude: all seven at once",
    notes="The row of the 1-norm and the column of the ∞-norm in the Cookbook's table (544), including the "
          "example it spells out, ‖A‖₂ at most the square root of m times ‖A‖∞.",
    references=[cookbook(544, note="the row of the 1-norm and the column of the ∞-norm")],
    related=["RCKH", "KJ77", "7FWU", "6KDB"],
    aliases=["norm equivalence", "matrix norm inequalities", "1-norm and 2-norm", "2-norm and infinity norm"],
)

Inequality(
    id="7FWU",
    title="Norm inequalities that involve the ∞-norm and the 1-norm through the number of columns",
    latex=r"\|A\|_{\infty} \le n\|A\|_{1},\ \sqrt{n}\,\|A\|_{2},\ \sqrt{n}\,\|A\|_{\mathrm{F}},\ \sqrt{n}\,\|A\|_{\mathrm{KF}};\quad "
          r"\|A\|_{2},\ \|A\|_{\mathrm{F}} \le \sqrt{n}\,\|A\|_{1};\quad \|A\|_{\mathrm{KF}} \le \sqrt{nd}\,\|A\|_{1}",
    variables={"A": Matrix("m", "n")},
    symbols={"d": "the rank of A"},
    conditions=_LOW_RANK,
    prepare=_prepare_low_rank,
    lhs=lambda A: np.array([_norm_inf(A)] * 4 + [_norm_2(A), _norm_F(A), _norm_KF(A)]),
    rhs=lambda A: np.array([A.shape[1] * _norm_1(A), math.sqrt(A.shape[1]) * _norm_2(A),
                            math.sqrt(A.shape[1]) * _norm_F(A), math.sqrt(A.shape[1]) * _norm_KF(A),
                            math.sqrt(A.shape[1]) * _norm_1(A), math.sqrt(A.shape[1]) * _norm_1(A),
                            math.sqrt(A.shape[1] * _rank(A)) * _norm_1(A)]),
    attained=lambda rng, A: {"A": np.outer(np.eye(A.shape[0])[0], _signs(rng, A.shape[1])) * rng.uniform(0.5, 2.0)},
    attained_words="A with a single nonzero row whose entries have equal magnitude: all seven at once",
    notes="The row of the ∞-norm and the column of the 1-norm in the Cookbook's table (544): the transposes of the "
          "inequalities of G2HH, since transposing swaps the 1- and ∞-norms and keeps the others.",
    references=[cookbook(544, note="the row of the ∞-norm and the column of the 1-norm")],
    related=["RCKH", "KJ77", "G2HH", "6KDB"],
    aliases=["norm equivalence", "matrix norm inequalities", "infinity norm and 2-norm"],
)

Inequality(
    id="6KDB",
    title="The spectral, Frobenius and Ky Fan norms compared through the rank",
    latex=r"\|A\|_{2} \le \|A\|_{\mathrm{F}} \le \|A\|_{\mathrm{KF}},\quad \|A\|_{\mathrm{F}} \le \sqrt{d}\,\|A\|_{2},\quad "
          r"\|A\|_{\mathrm{KF}} \le d\,\|A\|_{2},\quad \|A\|_{\mathrm{KF}} \le \sqrt{d}\,\|A\|_{\mathrm{F}}",
    variables={"A": Matrix("m", "n")},
    symbols={"d": "the rank of A"},
    conditions=_LOW_RANK,
    prepare=_prepare_low_rank,
    lhs=lambda A: np.array([_norm_2(A), _norm_2(A), _norm_F(A), _norm_F(A), _norm_KF(A), _norm_KF(A)]),
    rhs=lambda A: np.array([_norm_F(A), _norm_KF(A), _norm_KF(A), math.sqrt(_rank(A)) * _norm_2(A),
                            _rank(A) * _norm_2(A), math.sqrt(_rank(A)) * _norm_F(A)]),
    attained=lambda rng, A: {"A": np.outer(rng.standard_normal(A.shape[0]), rng.standard_normal(A.shape[1]))},
    attained_words="A of rank one: all six at once (the upper bounds through d are attained whenever the nonzero "
                   "singular values are equal)",
    notes="The remaining entries of the Cookbook's table (544): these three norms are the ∞-, 2- and 1-norms of the "
          "vector of the d nonzero singular values, so the vector-norm inequalities apply with d in place of the "
          "dimension.",
    references=[cookbook(544, note="the rows and columns of the 2-, Frobenius and Ky Fan norms")],
    related=["RCKH", "KJ77", "G2HH", "7FWU"],
    aliases=["norm equivalence", "Frobenius norm and spectral norm", "nuclear norm bound", "rank and norms"],
)


# Condition number (Cookbook §10.4.5): (545) is the Cookbook's (154) again, entry CWR3 in inverses


# --------------------------------------------------------------------------------------------
# Rank (Cookbook §10.5)

def _sylvester_attained(rng, A, B):
    """A of full rank a, with null space Z, and B whose range holds Z and j more directions: the lower bound is met."""
    m, n = A.shape
    r = B.shape[1]
    a = min(m, n)
    Q = _orthonormal(rng, n, n)
    P, Z = Q[:, :a], Q[:, a:]
    j = max(0, min(r - (n - a), a))
    cols = np.hstack([Z, P[:, :j]])
    A_new = _orthonormal(rng, m, a) @ np.diag(rng.uniform(0.5, 2.0, a)) @ P.T
    B_new = cols @ np.diag(rng.uniform(0.5, 2.0, cols.shape[1])) @ _orthonormal(rng, r, cols.shape[1]).T
    return {"A": A_new, "B": B_new}


_RANKS = "A and B are random matrices of random ranks (from one to the smaller dimension)."


def _prepare_two_low_rank(rng, v):
    return {**v, "A": _random_rank(rng, v["A"]), "B": _random_rank(rng, v["B"])}


Inequality(
    id="MNLD",
    title="Sylvester's rank inequality",
    latex=r"\operatorname{rank}(A) + \operatorname{rank}(B) - n \le \operatorname{rank}(AB)",
    variables={"A": Matrix("m", "n"), "B": Matrix("n", "r")},
    conditions=_RANKS,
    prepare=_prepare_two_low_rank,
    lhs=lambda A, B: float(_rank(A) + _rank(B)),
    rhs=lambda A, B: float(_rank(A @ B) + A.shape[1]),
    attained=_sylvester_attained,
    attained_words="the null space of A inside the range of B (then rank(AB) is rank(B) minus the dimension of that "
                   "null space)",
    notes="The check compares rank(A) + rank(B) with rank(AB) + n, the same inequality with n moved across. It "
          "follows from rank(AB) being rank(B) minus the dimension of the intersection of the null space of A "
          "with the range of B, which is at most n − rank(A). The upper bound of the Cookbook's (546) is NRCP.",
    references=[cookbook(546, note="the lower bound")],
    related=["NRCP"],
    aliases=["Sylvester rank inequality", "rank of a product lower bound", "rank(AB) >= rank(A) + rank(B) - n"],
)

Inequality(
    id="NRCP",
    title="The rank of a product is at most the rank of either factor",
    latex=r"\operatorname{rank}(AB) \le \min\{\operatorname{rank}(A), \operatorname{rank}(B)\}",
    variables={"A": Matrix("m", "n"), "B": Matrix("n", "r")},
    conditions=_RANKS,
    prepare=_prepare_two_low_rank,
    lhs=lambda A, B: float(_rank(A @ B)),
    rhs=lambda A, B: float(min(_rank(A), _rank(B))),
    attained=lambda rng, A, B: {"A": rng.standard_normal(A.shape), "B": rng.standard_normal(B.shape)},
    attained_words="A and B in general position, for instance both of full rank",
    notes="The columns of AB lie in the range of A, and its rows in the row space of B. With the lower bound (MNLD) "
          "this is the Cookbook's (546).",
    references=[cookbook(546, note="the upper bound")],
    related=["MNLD"],
    aliases=["rank of a product", "rank(AB) <= min(rank A, rank B)", "Sylvester inequality upper bound"],
)


# --------------------------------------------------------------------------------------------
# Integrals with Dirac deltas (Cookbook §10.6): δ as the limit of a narrow Gaussian, so that the integral
# of p(s) against it is a Gaussian convolution, exact for a Gaussian p

_DELTA_WIDTH = 1e-6

DIRAC_SYMBOLS = {"p": "a probability density on s (the check takes the Gaussian one with mean μ and covariance Σ)",
                 r"\delta": "the Dirac delta, the limit of ever narrower Gaussian densities",
                 "s": "the integration variable", r"\mathcal{N}": "the Gaussian density"}

Equality(
    id="XLU0",
    title="Integral of a density against a Dirac delta of a linear map",
    latex=r"\int p(s)\,\delta(x - As)\,\mathrm{d}s = \frac{1}{|\det(A)|}\,p(A^{-1}x), \quad p(s) = \mathcal{N}(s;\mu,\Sigma)",
    variables={"A": Matrix("n", "n", "invertible"), "x": Vector("n"), "mu": Vector("n"),
               "S": Matrix("n", "n", "spd", tex=r"\Sigma")},
    symbols=DIRAC_SYMBOLS,
    conditions="On every other instance the first row of A is negated, so that det(A) takes both signs.",
    prepare=lambda rng, v, seed: {**v, "A": v["A"] * np.where(np.arange(len(v["A"])) == 0, (-1.0) ** seed, 1.0)[:, None]},
    lhs=lambda A, x, mu, S: _gauss_pdf(x, A @ mu, A @ S @ A.T + _DELTA_WIDTH ** 2 * np.eye(len(x))),
    rhs=lambda A, x, mu, S: _gauss_pdf(np.linalg.solve(A, x), mu, S) / abs(np.linalg.det(A)),
    errata=[Erratum(
        cookbook(547),
        "The Cookbook divides by det(A). A density cannot be negative: the change of variables divides by the "
        "absolute value of the determinant, and the printed version gives a negative value whenever det(A) is "
        "negative.",
        printed=r"\int p(s)\,\delta(x - As)\,\mathrm{d}s = \frac{1}{\det(A)}\,p(A^{-1}x)",
        rhs=lambda A, x, mu, S: _gauss_pdf(np.linalg.solve(A, x), mu, S) / np.linalg.det(A),
    )],
    notes="The integral is the density of As at x for s drawn from p. The check replaces δ by a Gaussian of width "
          "10⁻⁶, so that the left side is exactly the density of As plus a tiny Gaussian noise at x (Gaussian with "
          "mean Aμ and covariance AΣAᵀ), and compares it with p at A⁻¹x divided by |det A|.",
    references=[cookbook(547, note="printed with det(A) where |det(A)| is needed")],
    related=["6E3J"],
    aliases=["Dirac delta integral", "change of variables for densities", "density of a linear transform",
             "delta function linear map"],
)


def _range_density(A, x, mu, S):
    """∫ p(s) δ(x − As) ds with δ the delta on the range of A: in the coordinates Qᵀ of an orthonormal basis of that
    range, the density of QᵀAs at Qᵀx (with the narrow Gaussian for δ)."""
    Q = np.linalg.qr(A)[0]
    R = Q.T @ A
    return _gauss_pdf(Q.T @ x, R @ mu, R @ S @ R.T + _DELTA_WIDTH ** 2 * np.eye(A.shape[1]))


Equality(
    id="6E3J",
    title="Integral against a Dirac delta of a tall linear map",
    latex=r"\int p(s)\,\delta(x - As)\,\mathrm{d}s = \frac{1}{\sqrt{\det(A^{\top}A)}}\,p(A^{+}x) \quad \text{if } x = AA^{+}x, "
          r"\quad p(s) = \mathcal{N}(s;\mu,\Sigma)",
    variables={"A": Matrix("m", "n", "full_column_rank"), "x": Vector("m"), "mu": Vector("n"),
               "S": Matrix("n", "n", "spd", tex=r"\Sigma")},
    symbols=DIRAC_SYMBOLS,
    conditions="x lies in the range of A (x is A times a random vector).",
    prepare=lambda rng, v: {**v, "x": v["A"] @ rng.standard_normal(v["A"].shape[1])},
    lhs=_range_density,
    rhs=lambda A, x, mu, S: _gauss_pdf(np.linalg.pinv(A) @ x, mu, S) / math.sqrt(np.linalg.det(A.T @ A)),
    also=[Formula(r"x = AA^{+}x", lambda A, x, mu, S: x, lambda A, x, mu, S: A @ np.linalg.pinv(A) @ x)],
    errata=[Erratum(cookbook(548), "The Cookbook calls A underdetermined and then tall. A tall A (more rows than "
                    "columns) makes the system As equal to x overdetermined: As fills only the range of A, which is why the integral "
                    "vanishes off that range.")],
    notes="Here s has n entries and x has m, more than n. As lies in the n-dimensional range of A, so the integral "
          "is a density there, with respect to the n-dimensional volume of the range: the delta is the one of that "
          "range (an m-dimensional delta would make the integral infinite on it). The check computes the density "
          "of As in the coordinates of an orthonormal basis of the range, where A acts as the square matrix R of "
          "its QR factorisation and the absolute value of det R is the square root of det(AᵀA). Off the range the "
          "integral is zero.",
    references=[cookbook(548, note="δ read as the delta on the range of A")],
    related=["XLU0"],
    aliases=["Dirac delta integral tall matrix", "density on a subspace", "pseudo-inverse change of variables"],
)


# --------------------------------------------------------------------------------------------
# Miscellaneous (Cookbook §10.7)

Equality(
    id="PXLZ",
    title="rank(A) = rank(Aᵀ) = rank(AAᵀ) = rank(AᵀA)",
    latex=r"\operatorname{rank}(A) = \operatorname{rank}(A^{\top}) = \operatorname{rank}(AA^{\top}) = \operatorname{rank}(A^{\top}A)",
    variables={"A": Matrix("m", "n")},
    conditions="A is a random matrix of random rank (from one to the smaller dimension).",
    prepare=lambda rng, v: {**v, "A": _random_rank(rng, v["A"])},
    lhs=lambda A: np.full(3, float(_rank(A))),
    rhs=lambda A: np.array([_rank(A.T), _rank(A @ A.T), _rank(A.T @ A)], dtype=float),
    notes="AᵀAx vanishes only when Ax does (then xᵀAᵀAx, the squared norm of Ax, is zero), so AᵀA has the null space "
          "of A; the ranks of the two Gram matrices are the number of nonzero singular values of A. The check uses "
          "rank-deficient A, where the statement says something.",
    references=[cookbook(549)],
    aliases=["rank of Gram matrix", "rank of A transpose A", "row rank equals column rank", "rank(A'A)"],
)

Equality(
    id="E43B",
    title="Positive definite matrices are exactly the products BBᵀ with B invertible",
    latex=r"A \succ 0 \;\Longleftrightarrow\; A = BB^{\top} \text{ for some invertible } B",
    variables={"A": Matrix("n", "n", "spd"), "B": Matrix("n", "n", "invertible")},
    symbols={"L": "the lower-triangular Cholesky factor of A", r"\sigma": "a singular value",
             r"\lambda": "an eigenvalue"},
    lhs=lambda A, B: A,
    rhs=lambda A, B: (lambda L: L @ L.T)(np.linalg.cholesky(A)),
    also=[Formula(r"A = LL^{\top}, \quad \det(A) = \det(L)^{2}", lambda A, B: np.linalg.det(A),
                  lambda A, B: np.prod(np.diag(np.linalg.cholesky(A))) ** 2),
          Formula(r"\lambda_{\min}(BB^{\top}) = \sigma_{\min}(B)^{2}", lambda A, B: np.linalg.eigvalsh(B @ B.T)[0],
                  lambda A, B: np.linalg.svd(B, compute_uv=False)[-1] ** 2)],
    notes="One way: a positive definite A has the Cholesky factorisation with a lower-triangular L whose diagonal is "
          "positive, so L is invertible (the check rebuilds A from it, and its determinant from the diagonal). The "
          "other way: for invertible B the smallest eigenvalue of BBᵀ is the square of the smallest singular value "
          "of B (the second formula), which is positive. The symmetric square root of A is another such B.",
    references=[cookbook(550)],
    aliases=["positive definite iff B B transpose", "Cholesky factorisation exists", "Gram matrix positive definite",
             "A = B B^T"],
)
