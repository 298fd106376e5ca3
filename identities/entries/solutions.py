"""Solutions and decompositions.

The Matrix Cookbook's chapter 5, eqs. (260)–(302): solutions of linear systems (square, over- and
under-determined, Cramer's rule, the Lyapunov equation), eigenvalue facts, the singular value
decomposition and the triangular decompositions (LU, Cholesky, LDM, LDL).

Each solution formula is checked against a system whose solution is known (the right-hand side is
built from it), each minimising property as an inequality that must be attained at the claimed
minimiser, and each statement about spectra by comparing sorted eigenvalues or, where eigenvalues
may be complex, characteristic polynomials. The decompositions are computed twice where a second
route exists (the LU factors by elimination against ratios of leading principal minors, the
Cholesky factor against the triangular factor of a QR decomposition of the square root), so that a
check tests the formula and not only LAPACK.
"""
from itertools import combinations

import numpy as np

from identities import Equality, Erratum, Formula, Inequality, Matrix, Scalar, Tensor, Vector, cookbook
from identities.entries import vec, well_conditioned

_inv = np.linalg.inv
_pinv = np.linalg.pinv


def _ri(M):
    """A complex array as real numbers: its real parts, then its imaginary parts."""
    M = np.asarray(M, dtype=complex)
    return np.concatenate([M.real, M.imag])


def _minor_sums(A):
    """E_0(A), ..., E_n(A): the sums of the principal k × k minors (E_0 is 1), by determinants."""
    n = len(A)
    out = [1.0]
    for k in range(1, n + 1):
        out.append(sum(np.linalg.det(A[np.ix_(idx, idx)]) for idx in combinations(range(n), k)))
    return np.array(out)


def _charpoly_coefficients(A):
    """The coefficients of det(λI − A), highest power first, from the principal minors."""
    E = _minor_sums(A)
    return E * (-1.0) ** np.arange(len(E))


def _leading_minors(A):
    """det A_[k] for k = 0, ..., n, the leading k × k blocks (the empty one has determinant 1)."""
    return np.array([1.0] + [np.linalg.det(A[:k, :k]) for k in range(1, len(A) + 1)])


def _doolittle(A):
    """Gaussian elimination without pivoting: unit lower triangular L and upper triangular U."""
    n = len(A)
    U = np.array(A, dtype=float)
    L = np.eye(n)
    for k in range(n - 1):
        L[k + 1:, k] = U[k + 1:, k] / U[k, k]
        U[k + 1:, :] -= np.outer(L[k + 1:, k], U[k, :])
    return L, np.triu(U)


def _unit_lower(rng, n, scale=1.0):
    return np.eye(n) + scale * np.tril(rng.standard_normal((n, n)), -1) / np.sqrt(n)


def _signs(rng, n):
    return rng.choice([-1.0, 1.0], size=n)


# --------------------------------------------------------------------------------------------
# 5.1 Solutions to linear equations


def _regression_fit(x, y):
    # the least-squares line by a solver on the design matrix [x 1], not through the normal equations
    design = np.column_stack([x, np.ones_like(x)])
    return np.linalg.lstsq(design, y, rcond=None)[0]


def _regression_normal(x, y):
    one = np.ones_like(x)
    R = np.array([[x @ x, x @ one], [x @ one, one @ one]])
    return _inv(R) @ np.array([y @ x, y @ one])


Equality(
    id="3YBL",
    title="Simple linear regression: the least-squares line from inner products",
    latex=r"\begin{bmatrix} a \\ b \end{bmatrix} = \begin{bmatrix} R_{xx} & R_{x1} \\ R_{x1} & R_{11} \end{bmatrix}^{-1}"
          r"\begin{bmatrix} R_{yx} \\ R_{y1} \end{bmatrix}",
    symbols={"a": "the slope of the least-squares line", "b": "its intercept",
             "R": "inner products of the data: R with subscripts xx, x1, 11, yx and y1 is the inner product "
                  "of x with x, of x with the vector of ones, of the ones with themselves, of y with x and of "
                  "y with the ones",
             "R_11": "the inner product of the vector of ones with itself, the number of data points N"},
    variables={"x": Vector("N"), "y": Vector("N")},
    lhs=_regression_fit,
    rhs=_regression_normal,
    notes="The slope a and intercept b minimise the squared error of y against ax + b over the N data "
          "points. The left side is computed by a least-squares solver on the N × 2 design matrix with "
          "columns x and ones; the right side solves the 2 × 2 normal equations built from the five inner "
          "products. The data points must not all share one x value (then the 2 × 2 matrix is singular).",
    errata=[Erratum(cookbook(260), "The right-hand vector is printed with the name R subscript x,y, which the text "
                    "never defines; the text defines R subscript yx, the inner product of y with x, and that is "
                    "the entry meant.")],
    references=[cookbook(260, note="printed with R subscript x,y for the R subscript yx it defines")],
    aliases=["simple linear regression", "least squares line", "fit a line", "slope and intercept",
             "normal equations for a straight line", "ordinary least squares two parameters"],
)


def _system_by_solving(A, b):
    # 1: one solution, 2: many, 3: none — by solving: a least-squares residual, then whether some
    # z other than 0 has Az = 0 (AᵀA singular)
    x = np.linalg.lstsq(A, b, rcond=1e-10)[0]
    if np.linalg.norm(A @ x - b) > 1e-8 * max(1.0, np.linalg.norm(b)):
        return np.array(3.0)
    if np.linalg.eigvalsh(A.T @ A)[0] > 1e-10 * np.sum(A * A):
        return np.array(1.0)
    return np.array(2.0)


def _system_by_ranks(A, b):
    # the table: rank(A) against rank([A b]) and the number of unknowns m
    rA = np.linalg.matrix_rank(A, rtol=1e-8)
    rB = np.linalg.matrix_rank(np.column_stack([A, b]), rtol=1e-8)
    if rA == rB == A.shape[1]:
        return np.array(1.0)
    return np.array(2.0 if rA == rB else 3.0)


def _one_row_per_case(rng, values, seed):
    # instance k builds row k % 3 of the table: a full-rank A with b in its range (one solution), a
    # rank-deficient A with b in its range (many), a rank-deficient A with b outside it (none)
    A = values["A"]
    n, m = A.shape
    case = seed % 3
    r = m if case == 0 else int(rng.integers(1, m))
    F = rng.standard_normal((n, r))
    A = F @ rng.standard_normal((r, m))
    if case == 2:
        Q = np.linalg.qr(F)[0]
        z = rng.standard_normal(n)
        values["b"] = A @ rng.standard_normal(m) + (z - Q @ (Q.T @ z))
    else:
        values["b"] = A @ rng.standard_normal(m)
    values["A"] = A
    return values


Equality(
    id="5J9E",
    title="Existence and uniqueness of solutions of a linear system, by ranks",
    latex=r"Ax = b,\quad B = \begin{bmatrix} A & b \end{bmatrix}:\quad \begin{cases}"
          r"\operatorname{rank}(A) = \operatorname{rank}(B) = m & \text{one solution } x\\"
          r"\operatorname{rank}(A) = \operatorname{rank}(B) < m & \text{many solutions } x\\"
          r"\operatorname{rank}(A) < \operatorname{rank}(B) & \text{no solution}\end{cases}",
    symbols={"x": "the unknown vector, m entries", "B": "the augmented matrix, A with b appended as a column"},
    variables={"A": Matrix(5, "m"), "b": Vector(5)},
    conditions="A has 5 rows and m unknowns (m at most 5, so that every row of the table can occur). The "
               "instances are built one per row of the table: A of full column rank with b in its range, A of "
               "lower rank with b in its range, and A of lower rank with b outside it.",
    prepare=_one_row_per_case,
    lhs=_system_by_solving,
    rhs=_system_by_ranks,
    notes="Both sides name the case by a number: 1 for one solution, 2 for many, 3 for none. The left "
          "side decides by solving: a least-squares solution that leaves a residual means no solution, "
          "and otherwise the solution is unique exactly when AᵀA is invertible (no non-zero vector is "
          "mapped to zero). The right side reads the case off the ranks, as the table does.",
    references=[cookbook(261)],
    aliases=["Rouché–Capelli theorem", "Rouche-Capelli", "Kronecker-Capelli", "existence of solutions linear system",
             "augmented matrix rank", "consistent linear system", "when does Ax = b have a solution"],
)


def _rhs_from_solution(rng, values):
    values["b"] = values["A"] @ values["x"]
    return values


Equality(
    id="7QWP",
    title="Solution of a square invertible system, x = A⁻¹b",
    latex=r"Ax = b \;\Rightarrow\; x = A^{-1}b",
    variables={"A": Matrix("n", "n", "invertible"), "x": Vector("n"), "b": Vector("n")},
    conditions="b is built as A times x, so that x is the solution.",
    prepare=_rhs_from_solution,
    lhs=lambda A, x, b: x,
    rhs=lambda A, x, b: _inv(A) @ b,
    references=[cookbook(262)],
    aliases=["solve linear system", "inverse times right-hand side", "square system solution", "x = A^-1 b"],
)


def _cramer(A, b):
    det = np.linalg.det(A)
    out = []
    for i in range(len(A)):
        Bi = np.array(A)
        Bi[:, i] = b
        out.append(np.linalg.det(Bi) / det)
    return np.array(out)


Equality(
    id="P8HU",
    title="Cramer's rule",
    latex=r"Ax = b \;\Rightarrow\; x_i = \frac{\det B_i}{\det A}",
    symbols={"x": "the solution (computed for the check by a linear solver)",
             "B": "B subscript i: A with its i-th column replaced by b", "i": "the index of an entry of x"},
    variables={"A": Matrix("n", "n", "invertible"), "b": Vector("n")},
    lhs=lambda A, b: np.linalg.solve(A, b),
    rhs=_cramer,
    also=[Formula(r"A\left[\frac{\det B_i}{\det A}\right]_{i} = b", lambda A, b: A @ _cramer(A, b), lambda b: b)],
    notes="A square system with det A non-zero has exactly one solution, and Cramer's rule gives each of "
          "its entries as a ratio of two determinants. The second formula puts the entries so computed "
          "back into the system. The rule costs n + 1 determinants: it is a formula for analysis, not a "
          "method of solution.",
    references=[cookbook(263), cookbook(264)],
    aliases=["Cramer's rule", "Cramer rule", "solution by determinants", "ratio of determinants"],
)


Equality(
    id="HJF7",
    title="Over-determined system: the solution through the normal equations",
    latex=r"Ax = b \;\Rightarrow\; x = (A^{\top}A)^{-1}A^{\top}b = A^{+}b",
    variables={"A": Matrix("n", "m", "full_column_rank"), "x": Vector("m"), "b": Vector("n")},
    conditions="A is tall (n > m) of rank m, and b is built as A times x, so that the system has a solution.",
    prepare=_rhs_from_solution,
    lhs=lambda A, x, b: x,
    rhs=lambda A, x, b: _inv(A.T @ A) @ A.T @ b,
    also=[Formula(r"(A^{\top}A)^{-1}A^{\top}b = A^{+}b", lambda A, b: _inv(A.T @ A) @ A.T @ b,
                  lambda A, b: _pinv(A) @ b)],
    notes="With more equations than unknowns a solution exists only for special b (b in the range of A); "
          "when it exists it is unique, and the left inverse (AᵀA)⁻¹Aᵀ, which is the pseudo-inverse A⁺ "
          "here (computed by the singular value decomposition in the second formula), recovers it.",
    references=[cookbook(265)],
    related=["55N8"],
    aliases=["overdetermined system", "tall system", "left inverse", "normal equations", "pseudo-inverse solution"],
)


Inequality(
    id="55N8",
    title="The pseudo-inverse gives the least-squares solution",
    latex=r"x_{\min} = A^{+}b:\quad \|Ax_{\min} - b\|^{2} \le \|Ax - b\|^{2}",
    variables={"A": Matrix("n", "m", "full_column_rank"), "b": Vector("n"), "x": Vector("m")},
    lhs=lambda A, b, x: np.sum((A @ (_pinv(A) @ b) - b) ** 2),
    rhs=lambda A, b, x: np.sum((A @ x - b) ** 2),
    attained=lambda rng, A, b, x: {"x": np.linalg.lstsq(A, b, rcond=None)[0]},
    attained_words="x is the least-squares solution (computed by a least-squares solver)",
    notes="When the system has no exact solution (b generic, A tall), A⁺b is the vector that is least wrong: no x "
          "leaves a smaller residual. The bound is checked at random x and, where it is attained, at the "
          "least-squares solution computed by a solver independent of the pseudo-inverse. The same holds "
          "for any A, of any shape and rank.",
    references=[cookbook(266)],
    related=["HJF7"],
    aliases=["least squares", "pseudo-inverse least squares", "minimum residual", "least wrong solution",
             "Moore-Penrose least squares", "linear regression solution"],
)


def _solution_of_b(rng, values):
    values["b"] = values["A"] @ values["x"]
    return values


def _min_norm(A, b):
    return A.T @ _inv(A @ A.T) @ b


Inequality(
    id="U76A",
    title="Under-determined system: the minimum-norm solution",
    latex=r"Ax = b \;\Rightarrow\; x_{\min} = A^{\top}(AA^{\top})^{-1}b,\quad \|x_{\min}\|^{2} \le \|x\|^{2}",
    variables={"A": Matrix("n", "m", "full_row_rank"), "x": Vector("m"), "b": Vector("n")},
    conditions="A is broad (n < m) of rank n, and b is built as A times x: x is any solution.",
    prepare=_solution_of_b,
    lhs=lambda A, x, b: np.sum(_min_norm(A, b) ** 2),
    rhs=lambda A, x, b: np.sum(x ** 2),
    attained=lambda rng, A, b, x: {"x": np.linalg.lstsq(A, b, rcond=None)[0]},
    attained_words="x is the minimum-norm solution returned by a least-squares solver",
    also=[Formula(r"Ax_{\min} = b", lambda A, b: A @ _min_norm(A, b), lambda b: b),
          Formula(r"A^{\top}(AA^{\top})^{-1}b = A^{+}b", lambda A, b: _min_norm(A, b), lambda A, b: _pinv(A) @ b)],
    notes="With fewer equations than unknowns there are many solutions. The right inverse Aᵀ(AAᵀ)⁻¹ picks "
          "the one of smallest Euclidean norm: it solves the system (first formula), so it minimises the "
          "residual too, and every other solution adds a component in the null space of A, orthogonal to "
          "it, which only lengthens it. It is the pseudo-inverse solution (second formula).",
    references=[cookbook(267)],
    related=["K7WU"],
    aliases=["minimum norm solution", "underdetermined system", "right inverse", "least norm solution",
             "broad system", "wide system"],
)


def _matrix_solution(rng, values):
    values["B"] = values["A"] @ values["X"]
    return values


Inequality(
    id="K7WU",
    title="Matrix equation AX = B: the minimum-norm solution A⁺B",
    latex=r"AX = B \;\Rightarrow\; X_{\min} = A^{+}B,\quad \|X_{\min}\|_{\mathrm{F}}^{2} \le \|X\|_{\mathrm{F}}^{2}",
    variables={"A": Matrix("n", "m", "full_row_rank"), "X": Matrix("m", "n"), "B": Matrix("n", "n")},
    conditions="A is n × m with n < m and rank n, and B is built as A times X: X is any solution.",
    prepare=_matrix_solution,
    lhs=lambda A, X, B: np.sum((_pinv(A) @ B) ** 2),
    rhs=lambda A, X, B: np.sum(X ** 2),
    attained=lambda rng, A, X, B: {"X": np.linalg.lstsq(A, B, rcond=None)[0]},
    attained_words="X is the minimum-norm solution returned by a least-squares solver, column by column",
    also=[Formula(r"AX_{\min} = B", lambda A, B: A @ _pinv(A) @ B, lambda B: B)],
    notes="The matrix version of the minimum-norm solution: each column of X solves its own system with "
          "the matching column of B, so the minimum-norm solutions of the columns make up the solution of "
          "smallest Frobenius norm. It solves the equation exactly (the formula below), so it minimises "
          "the residual norm as well.",
    references=[cookbook(268)],
    related=["U76A"],
    aliases=["minimum norm matrix solution", "pseudo-inverse matrix equation", "AX = B underdetermined",
             "least norm solution of AX = B"],
)


def _a_min(B0, B1):
    return B1 @ B0.T @ _inv(B0 @ B0.T)


Inequality(
    id="2SDH",
    title="The least-squares linear map between two sets of column vectors",
    latex=r"AB_0 = B_1 \;\Rightarrow\; A_{\min} = B_1B_0^{\top}(B_0B_0^{\top})^{-1},\quad"
          r"\|A_{\min}B_0 - B_1\|_{\mathrm{F}}^{2} \le \|AB_0 - B_1\|_{\mathrm{F}}^{2}",
    variables={"A": Matrix("n", "n"), "B0": Matrix("n", "N", "full_row_rank", tex="B_0"), "B1": Matrix("n", "N", tex="B_1")},
    conditions="B₀ and B₁ are n × N with N > n, and B₀ has rank n.",
    lhs=lambda A, B0, B1: np.sum((_a_min(B0, B1) @ B0 - B1) ** 2),
    rhs=lambda A, B0, B1: np.sum((A @ B0 - B1) ** 2),
    attained=lambda rng, A, B0, B1: {"A": np.linalg.lstsq(B0.T, B1.T, rcond=None)[0].T},
    attained_words="A is the least-squares solution computed by a solver on the transposed system B₀ᵀAᵀ ≈ B₁ᵀ",
    notes="A maps the N columns of B₀ as nearly as possible onto the matching columns of B₁: the best n × n "
          "linear approximation in the least-squares sense. Its formula is the normal equations of the "
          "transposed problem, solved for Aᵀ.",
    references=[cookbook(269)],
    aliases=["least squares linear map", "linear approximation between point sets", "regression of B1 on B0",
             "multivariate regression coefficients"],
)


Equality(
    id="VPA3",
    title="A linear form that vanishes everywhere comes from the zero matrix",
    latex=r"\|A\|_{\mathrm{F}}^{2} = \sum_{j}\|Ae_j\|^{2} \quad\Rightarrow\quad \bigl(Ax = 0\ \ \forall x\bigr) \Rightarrow A = 0",
    symbols={"x": "any vector of m entries", "e": "e subscript j: the j-th unit vector", "j": "a column index"},
    variables={"A": Matrix("n", "m")},
    lhs=lambda A: np.linalg.norm(A, "fro") ** 2,
    rhs=lambda A: sum(np.linalg.norm(A @ e) ** 2 for e in np.eye(A.shape[1])),
    notes="The products of A with the unit vectors are its columns, and their squared lengths add up to "
          "the squared Frobenius norm of A. So if Ax vanishes for every x, it vanishes for the unit "
          "vectors, the norm is zero and A is the zero matrix; and if A is not zero, one of the unit "
          "vectors already gives a non-zero product.",
    references=[cookbook(270)],
    related=["5LMS"],
    aliases=["linear form zero", "Ax = 0 for all x", "matrix determined by its action", "zero matrix test"],
)


def _polarised(M):
    # entry (i, j) from the values q(u) = uᵀMu of the quadratic form at u = e_i ± e_j only
    E = np.eye(len(M))
    plus = E[:, None, :] + E[None, :, :]
    minus = E[:, None, :] - E[None, :, :]
    q = lambda U: np.einsum("ijk,kl,ijl->ij", U, M, U)  # noqa: E731
    return (q(plus) - q(minus)) / 4


Equality(
    id="5LMS",
    title="A symmetric matrix whose quadratic form vanishes is zero (polarisation)",
    latex=r"A = A^{\top}:\quad A_{ij} = \tfrac{1}{4}\bigl(q(e_i + e_j) - q(e_i - e_j)\bigr),\ \ q(x) = x^{\top}Ax"
          r"\quad\Rightarrow\quad \bigl(x^{\top}Ax = 0\ \ \forall x\bigr) \Rightarrow A = 0",
    symbols={"q": "the quadratic form of A", "x": "any vector", "e": "e subscript i: the i-th unit vector",
             "i": "a row index", "j": "a column index"},
    variables={"A": Matrix("n", "n", "symmetric"), "C": Matrix("n", "n")},
    lhs=lambda A, C: A,
    rhs=lambda A, C: _polarised(A),
    also=[Formula(r"\tfrac{1}{4}\bigl(x^{\top}Cx\big|_{x = e_i + e_j} - x^{\top}Cx\big|_{x = e_i - e_j}\bigr)"
                  r" = \tfrac{1}{2}\bigl(C + C^{\top}\bigr)_{ij}",
                  lambda C: _polarised(C), lambda C: (C + C.T) / 2)],
    notes="The values of the quadratic form determine a symmetric matrix entry by entry, so a form that "
          "is zero everywhere belongs to the zero matrix. Symmetry is needed: for any square C the form "
          "sees only the symmetric part of C (second formula), so a non-zero antisymmetric C has a "
          "quadratic form that vanishes everywhere.",
    references=[cookbook(271)],
    related=["VPA3"],
    aliases=["quadratic form zero", "xᵀAx = 0 for all x", "polarization identity", "polarisation identity",
             "symmetric matrix determined by its quadratic form"],
)


def _sylvester_sample(rng, values):
    # A shifted so that no eigenvalue of A is close to one of −B: the Kronecker sum is then invertible
    A, B, X = values["A"], values["B"], values["X"]
    shift = np.linalg.norm(A, 2) + np.linalg.norm(B, 2) + 1.0
    A = A + shift * np.eye(len(A))
    values["A"], values["C"] = A, A @ X + X @ B
    return values


def _kron_sum_solve(A, B, C):
    n, m = C.shape
    return _inv(np.kron(np.eye(m), A) + np.kron(B.T, np.eye(n))) @ vec(C)


Equality(
    id="7LVF",
    title="The Lyapunov (Sylvester) equation AX + XB = C solved in vec form",
    latex=r"AX + XB = C \;\Rightarrow\; \operatorname{vec}(X) = (I \otimes A + B^{\top} \otimes I)^{-1}\operatorname{vec}(C)",
    variables={"A": Matrix("n", "n", "square"), "B": Matrix("m", "m", "square"), "X": Matrix("n", "m"),
               "C": Matrix("n", "m")},
    conditions="No eigenvalue of A is the negative of an eigenvalue of B, so that the Kronecker sum is "
               "invertible and the solution unique (the sample shifts A to keep the spectra apart); C is "
               "built from X, so that X is the solution.",
    prepare=_sylvester_sample,
    lhs=lambda A, B, X, C: vec(X),
    rhs=lambda A, B, X, C: _kron_sum_solve(A, B, C),
    also=[Formula(r"AX + XB = C\quad\text{with X from the vec formula}",
                  lambda A, B, C: A @ _kron_sum_solve(A, B, C).reshape(C.shape, order="F")
                  + _kron_sum_solve(A, B, C).reshape(C.shape, order="F") @ B,
                  lambda C: C)],
    notes="vec(AX) is (I ⊗ A)vec X and vec(XB) is (Bᵀ ⊗ I)vec X, so the equation is a linear system in "
          "vec X with the Kronecker sum as its matrix. The identities have the sizes of the factors: "
          "here X and C are n × m, A is n × n and B is m × m. The second formula puts the solution back "
          "into the equation.",
    references=[cookbook(272), cookbook(273)],
    related=["ZE70", "DMEZ"],
    aliases=["Lyapunov equation", "Sylvester equation", "AX + XB = C", "Kronecker sum", "vec trick solve"],
)


def _encapsulated_sample(rng, values):
    # the first term of the sum shifted so that Σ B_kᵀ ⊗ A_k is far from singular; C built from X
    A, B, X = np.array(values["A"]), np.array(values["B"]), values["X"]
    rest = sum(np.linalg.norm(A[k], 2) * np.linalg.norm(B[k], 2) for k in range(1, len(A)))
    t = 2.0 + 2.0 * (np.linalg.norm(A[0], 2) + np.linalg.norm(B[0], 2)) + np.sqrt(rest)
    A[0] += t * np.eye(A.shape[1])
    B[0] += t * np.eye(B.shape[1])
    values["A"], values["B"] = A, B
    values["C"] = sum(A[k] @ X @ B[k] for k in range(len(A)))
    return values


def _encapsulated_solve(A, B, C):
    M = sum(np.kron(B[k].T, A[k]) for k in range(len(A)))
    return _inv(M) @ vec(C)


Equality(
    id="ZE70",
    title="Encapsulating sum: Σ AₖXBₖ = C solved in vec form",
    latex=r"\sum_{k} A_kXB_k = C \;\Rightarrow\; \operatorname{vec}(X) = \Bigl(\sum_{k} B_k^{\top} \otimes A_k\Bigr)^{-1}"
          r"\operatorname{vec}(C)",
    symbols={"k": "the index of a term of the sum, 1 to K"},
    variables={"A": Tensor(("K", "n", "n")), "B": Tensor(("K", "m", "m")), "X": Matrix("n", "m"),
               "C": Matrix("n", "m")},
    conditions="The sum has K terms, A subscript k n × n and B subscript k m × m, and the matrix of the vec "
               "system is invertible (the sample shifts the first term to make it so); C is built from X, so "
               "that X is the solution.",
    prepare=_encapsulated_sample,
    lhs=lambda A, B, X, C: vec(X),
    rhs=lambda A, B, X, C: _encapsulated_solve(A, B, C),
    also=[Formula(r"\sum_{k} A_kXB_k = C\quad\text{with X from the vec formula}",
                  lambda A, B, C: sum(A[k] @ _encapsulated_solve(A, B, C).reshape(C.shape, order="F") @ B[k]
                                      for k in range(len(A))),
                  lambda C: C)],
    notes="The vec of each term is (Bₖᵀ ⊗ Aₖ)vec X, so any linear matrix equation in X is one linear "
          "system in vec X. The Lyapunov equation is the case of two terms with B₁ and A₂ the identity. "
          "The second formula puts the solution back into the equation.",
    references=[cookbook(274), cookbook(275)],
    related=["7LVF", "DMEZ"],
    aliases=["encapsulating sum", "generalized Sylvester equation", "linear matrix equation", "sum of AXB",
             "vec Kronecker solve"],
)


# --------------------------------------------------------------------------------------------
# 5.2 Eigenvalues and eigenvectors


def _spread_spectrum(rng, values):
    """A = S Λ S⁻¹ with distinct eigenvalues (real ones and complex pairs, at least 0.5 apart) and a
    well-conditioned eigenbasis S: eigenvectors are then well determined."""
    A = values["A"]
    n = len(A)
    Lam = np.zeros((n, n))
    k, centre = 0, -0.5 * n
    while k < n:
        if k + 1 < n and rng.random() < 0.5:
            a, b = centre, rng.uniform(0.5, 1.5)
            Lam[k:k + 2, k:k + 2] = [[a, b], [-b, a]]
            k += 2
        else:
            Lam[k, k] = centre
            k += 1
        centre += rng.uniform(0.6, 1.2)
    S = well_conditioned(rng, (n, n))
    values["A"] = S @ Lam @ _inv(S)
    return values


def _eig(A):
    w, V = np.linalg.eig(A)
    order = np.lexsort((w.imag, w.real))
    return w[order], V[:, order]


Equality(
    id="R645",
    title="Eigendecomposition of a matrix with distinct eigenvalues, AV = VD",
    latex=r"AV = VD,\quad D_{ij} = \delta_{ij}\lambda_i",
    symbols={"V": "the matrix whose columns are the eigenvectors of A", "D": "the diagonal matrix of eigenvalues",
             r"\delta": "the Kronecker delta", r"\lambda": "lambda subscript i: the i-th eigenvalue",
             "i": "an index", "j": "an index"},
    variables={"A": Matrix("n", "n", "square")},
    conditions="A has n distinct eigenvalues (real or in complex-conjugate pairs); the sample keeps them apart "
               "and its eigenvectors well conditioned.",
    prepare=_spread_spectrum,
    lhs=lambda A: _ri(A @ _eig(A)[1]),
    rhs=lambda A: _ri(_eig(A)[1] * _eig(A)[0]),
    also=[Formula(r"A = VDV^{-1}", lambda A: A, lambda A: (_eig(A)[1] @ np.diag(_eig(A)[0]) @ _inv(_eig(A)[1])).real)],
    notes="Column i of the statement says that vᵢ is an eigenvector with eigenvalue λᵢ, the definition of an "
          "eigenpair. With n distinct eigenvalues "
          "the eigenvectors are independent, V is invertible and A is diagonalised (second formula). A real "
          "matrix may have complex eigenvalues: both sides are compared as complex matrices (real parts, "
          "then imaginary parts).",
    references=[cookbook(277)],
    related=["W8BA", "EBSQ"],
    aliases=["eigendecomposition", "diagonalization", "diagonalisation", "AV = VD", "spectral decomposition",
             "eigenvalue decomposition"],
)


def _jordan_sample(rng, values):
    # A = S (λI + N) S⁻¹: one Jordan block, a single eigenvalue λ with a single eigenvector
    A, lam = values["A"], float(values["lam"])
    n = len(A)
    S = well_conditioned(rng, (n, n))
    values["A"] = S @ (lam * np.eye(n) + np.eye(n, k=1)) @ _inv(S)
    return values


def _jordan_chain(A, lam):
    # from A and λ only: v with (A − λI)ⁿ⁻¹v ≠ 0 (the top right singular vector of (A − λI)ⁿ⁻¹), and the
    # chain (A − λI)ⁿ⁻¹v, ..., (A − λI)v, v as the columns of V
    n = len(A)
    M = A - lam * np.eye(n)
    v = np.linalg.svd(np.linalg.matrix_power(M, n - 1))[2][0]
    cols = [v]
    for _ in range(n - 1):
        cols.append(M @ cols[-1])
    return np.column_stack(cols[::-1])


Equality(
    id="W8BA",
    title="Jordan canonical form of a defective matrix, AV = VJ",
    latex=r"AV = VJ,\quad J = \lambda I + N",
    symbols={"V": "the Jordan chain of A: (A − λI)ⁿ⁻¹v, ..., (A − λI)v, v as columns",
             "J": "the Jordan block", "N": "the n × n matrix with ones on the superdiagonal and zeros elsewhere"},
    variables={"A": Matrix("n", "n", "square"), "lam": Scalar(tex=r"\lambda")},
    conditions="A has the single eigenvalue λ with a single eigenvector: it is similar to one n × n Jordan "
               "block, the most defective case (the sample builds it so from a well-conditioned similarity).",
    prepare=_jordan_sample,
    lhs=lambda A, lam: A @ _jordan_chain(A, lam),
    rhs=lambda A, lam: _jordan_chain(A, lam) @ (lam * np.eye(len(A)) + np.eye(len(A), k=1)),
    also=[Formula(r"\operatorname{rank}(A - \lambda I) = n - 1",
                  lambda A, lam: np.array(float(np.linalg.matrix_rank(A - lam * np.eye(len(A)), tol=1e-8))),
                  lambda A: np.array(len(A) - 1.0))],
    notes="A defective matrix has fewer independent eigenvectors than dimensions (the second formula: A − λI "
          "loses only one rank, so λ, of multiplicity n, has one eigenvector) and cannot be diagonalised; "
          "the Jordan form is the nearest to diagonal it can be made. The columns of V are a Jordan chain, "
          "computed from A and λ alone: the first is the eigenvector, and A − λI maps each column to the one "
          "before it. In general J is block diagonal with one such block per chain.",
    references=[cookbook(278)],
    related=["R645"],
    aliases=["Jordan normal form", "Jordan canonical form", "defective matrix", "generalized eigenvectors",
             "Jordan chain", "Jordan block"],
)


def _schur(A):
    # V's QR: A V = V D gives Qᴴ A Q = R_V D R_V⁻¹, a product of upper triangular matrices
    w, V = _eig(A)
    Q, RV = np.linalg.qr(V)
    return Q, RV @ np.diag(w) @ _inv(RV)


Equality(
    id="EBSQ",
    title="Schur decomposition: AV = VR with R upper triangular",
    latex=r"AV = VR,\quad R\ \text{upper triangular},\ R_{ii} = \lambda_i",
    symbols={"V": "a unitary matrix (the Schur vectors)", "R": "an upper triangular matrix",
             r"\lambda": "lambda subscript i: the eigenvalues of A; lambda alone: the variable of the "
                          "characteristic polynomial", "i": "an index"},
    variables={"A": Matrix("n", "n", "square")},
    conditions="The sample has distinct eigenvalues, so that V can be built from the eigenvectors (the "
               "decomposition itself exists for every square matrix).",
    prepare=_spread_spectrum,
    lhs=lambda A: _ri(A @ _schur(A)[0]),
    rhs=lambda A: _ri(_schur(A)[0] @ _schur(A)[1]),
    also=[Formula(r"\prod_{i}(\lambda - R_{ii}) = \det(\lambda I - A)",
                  lambda A: np.real(np.poly(np.diag(_schur(A)[1]))), _charpoly_coefficients)],
    notes="Every square matrix is unitarily similar to an upper triangular one, whose diagonal carries the "
          "eigenvalues. Here V is the unitary factor of the QR decomposition of the eigenvector matrix, and "
          "R is the triangular factor times the eigenvalues times its inverse; the check multiplies out "
          "both sides (as complex matrices: real parts, then imaginary parts), and checks that the diagonal "
          "of R carries the eigenvalues by comparing the polynomial with those roots against the "
          "characteristic polynomial, whose coefficients come from the principal minors of A.",
    references=[cookbook(279)],
    related=["R645"],
    aliases=["Schur decomposition", "Schur form", "triangularization", "unitary triangularisation",
             "Schur triangular form"],
)


Equality(
    id="7WR8",
    title="AB and BA have the same non-zero eigenvalues",
    latex=r"\lambda^{m}\det(\lambda I_n - AB) = \lambda^{n}\det(\lambda I_m - BA)",
    variables={"A": Matrix("n", "m"), "B": Matrix("m", "n"), "lam": Scalar(tex=r"\lambda")},
    lhs=lambda A, B, lam: lam ** B.shape[0] * np.linalg.det(lam * np.eye(A.shape[0]) - A @ B),
    rhs=lambda A, B, lam: lam ** A.shape[0] * np.linalg.det(lam * np.eye(B.shape[0]) - B @ A),
    also=[Formula(r"\operatorname{tr}\bigl((AB)^{k}\bigr) = \operatorname{tr}\bigl((BA)^{k}\bigr),\quad k = 1, 2, 3",
                  lambda A, B: np.array([np.trace(np.linalg.matrix_power(A @ B, k)) for k in (1, 2, 3)]),
                  lambda A, B: np.array([np.trace(np.linalg.matrix_power(B @ A, k)) for k in (1, 2, 3)]))],
    symbols={"k": "a power"},
    notes="The characteristic polynomials of the n × n matrix AB and the m × m matrix BA agree after "
          "multiplying by powers of λ (Sylvester's determinant identity): the non-zero eigenvalues coincide, "
          "with their multiplicities, and the larger product has |n − m| extra zero eigenvalues. So do the "
          "power sums of the eigenvalues, the traces of the powers (second formula).",
    errata=[Erratum(
        cookbook(280),
        "Cookbook (280) states that AB and BA have the same eigenvalues for A of size n × m and B of size m × n. "
        "When n and m differ the two products do not even have the same number of eigenvalues: only the "
        "non-zero ones coincide, and the larger product has |n − m| additional zero eigenvalues. Read as "
        "equal spectra, that is equal characteristic polynomials, the statement fails.",
        printed=r"\operatorname{eig}(AB) = \operatorname{eig}(BA)",
        rhs=lambda A, B, lam: lam ** B.shape[0] * np.linalg.det(lam * np.eye(B.shape[0]) - B @ A),
    )],
    references=[cookbook(280, note="only the non-zero eigenvalues agree when the products differ in size")],
    aliases=["eig(AB) = eig(BA)", "eigenvalues of AB and BA", "Sylvester determinant identity", "non-zero eigenvalues",
             "cyclic eigenvalues", "spectrum of product"],
)


def _rank_sample(rng, values, seed):
    # rank n, n − 1 or n − 2 (at least 1) in turn: both branches, full and deficient rank
    A = values["A"]
    n = len(A)
    r = max(1, n - seed % 3)
    values["A"] = rng.standard_normal((n, r)) @ rng.standard_normal((r, n))
    return values


def _charpoly_truncated(A, lam):
    # λ^(n−r) Σ_{k ≤ r} (−1)^k E_k(A) λ^(r−k): the terms of order k > r dropped, r the numerical rank
    n = len(A)
    r = np.linalg.matrix_rank(A, rtol=1e-8)
    E = _minor_sums(A)
    return lam ** (n - r) * sum((-1) ** k * E[k] * lam ** (r - k) for k in range(r + 1))


Equality(
    id="QPFX",
    title="A matrix of rank r has at most r non-zero eigenvalues",
    latex=r"\operatorname{rank}(A) = r \;\Rightarrow\; \det(\lambda I - A) = \lambda^{n-r}\sum_{k=0}^{r}(-1)^{k}E_k(A)\,\lambda^{r-k}",
    symbols={"r": "the rank of A", "k": "an index", "E": "E subscript k of A: the sum of the principal k × k minors of A"},
    variables={"A": Matrix("n", "n", "square"), "lam": Scalar(tex=r"\lambda")},
    conditions="The instances have rank n, n − 1 and n − 2 in turn (at least 1): both the full-rank and the "
               "rank-deficient case.",
    prepare=_rank_sample,
    lhs=lambda A, lam: np.linalg.det(lam * np.eye(len(A)) - A),
    rhs=_charpoly_truncated,
    notes="Every minor larger than the rank vanishes, so the characteristic polynomial, whose coefficients "
          "are the sums of principal minors, has the factor λ to the power n − r: at least n − r eigenvalues "
          "are zero, at most r are not. The right side keeps only the terms up to order r, with r the "
          "numerical rank; the left side is the determinant itself.",
    references=[cookbook(281)],
    aliases=["rank and eigenvalues", "number of non-zero eigenvalues", "zero eigenvalues of a singular matrix",
             "rank r at most r nonzero eigenvalues"],
)


def _eigvecs_general(A):
    # the general (non-symmetric) eigensolver: unit eigenvectors, orthogonality not imposed
    w, V = np.linalg.eig(A)
    return np.real(V[:, np.argsort(np.real(w))])


Equality(
    id="9L9V",
    title="The eigenvectors of a symmetric matrix are orthonormal, VVᵀ = I",
    latex=r"A = A^{\top} \;\Rightarrow\; VV^{\top} = I",
    symbols={"V": "the matrix of unit eigenvectors of A"},
    variables={"A": Matrix("n", "n", "distinct_eigenvalues")},
    lhs=lambda A: _eigvecs_general(A) @ _eigvecs_general(A).T,
    rhs=lambda A: np.eye(len(A)),
    also=[Formula(r"V^{\top}V = I", lambda A: _eigvecs_general(A).T @ _eigvecs_general(A), lambda A: np.eye(len(A)))],
    notes="Eigenvectors of a symmetric matrix for different eigenvalues are orthogonal; normalised, they "
          "make V orthogonal. The check takes them from the general eigensolver, which does not impose "
          "orthogonality, so that it is the symmetry of A that makes them orthogonal. For a repeated "
          "eigenvalue the eigenvectors can be chosen orthonormal.",
    references=[cookbook(282)],
    related=["MZ97"],
    aliases=["orthogonal eigenvectors", "spectral theorem", "eigenvectors of symmetric matrix orthonormal", "V V^T = I"],
)


def _eigvals_general(A):
    w = np.asarray(np.linalg.eigvals(A), dtype=complex)
    return _ri(w[np.argsort(w.real)])


Equality(
    id="C3FT",
    title="The eigenvalues of a real symmetric matrix are real",
    latex=r"A = A^{\top} \;\Rightarrow\; \lambda_i \in \mathbb{R}",
    symbols={r"\lambda": "lambda subscript i: the eigenvalues of A", "i": "an index"},
    variables={"A": Matrix("n", "n", "symmetric")},
    lhs=_eigvals_general,
    rhs=lambda A: np.concatenate([np.linalg.eigvalsh(A), np.zeros(len(A))]),
    notes="The left side is the spectrum from the general eigensolver, which may return complex eigenvalues, "
          "as real parts followed by imaginary parts; the right side is the symmetric solver's real "
          "eigenvalues followed by zeros. They agree: the imaginary parts vanish.",
    references=[cookbook(283)],
    aliases=["real eigenvalues", "symmetric matrix eigenvalues real", "Hermitian eigenvalues real"],
)


def _integer_power(rng, values, seed):
    values["p"] = np.array(float(1 + seed % 4))
    return values


Equality(
    id="GA0Y",
    title="The trace of a power is the sum of the powers of the eigenvalues",
    latex=r"\operatorname{tr}(A^{p}) = \sum_{i}\lambda_i^{p}",
    symbols={r"\lambda": "lambda subscript i: the eigenvalues of A", "i": "an index"},
    variables={"A": Matrix("n", "n", "symmetric"), "p": Scalar()},
    conditions="p is a positive integer (1 to 4 in the checks).",
    prepare=_integer_power,
    lhs=lambda A, p: np.trace(np.linalg.matrix_power(A, int(p))),
    rhs=lambda A, p: np.sum(np.linalg.eigvalsh(A) ** int(p)),
    notes="The eigenvalues of Aᵖ are the p-th powers of those of A, and the trace is the sum of the "
          "eigenvalues. Symmetry is the Cookbook's setting; the identity holds for every square matrix, "
          "with complex eigenvalues counted with their multiplicities.",
    references=[cookbook(284)],
    aliases=["trace of matrix power", "power sums of eigenvalues", "tr(A^p)", "trace eigenvalues"],
)


Equality(
    id="7L20",
    title="Eigenvalues of I + cA",
    latex=r"\operatorname{eig}(I + cA) = 1 + c\lambda_i",
    symbols={r"\lambda": "lambda subscript i: the eigenvalues of A", "i": "an index"},
    variables={"A": Matrix("n", "n", "symmetric"), "c": Scalar()},
    lhs=lambda A, c: np.linalg.eigvalsh(np.eye(len(A)) + c * A),
    rhs=lambda A, c: np.sort(1 + c * np.linalg.eigvalsh(A)),
    notes="Both sides are compared as sorted lists (for negative c the order reverses). I + cA has the "
          "eigenvectors of A.",
    references=[cookbook(285)],
    related=["PF14"],
    aliases=["eigenvalues of shifted matrix", "eig(I + cA)", "spectral shift and scale"],
)


Equality(
    id="PF14",
    title="Eigenvalues of A − cI",
    latex=r"\operatorname{eig}(A - cI) = \lambda_i - c",
    symbols={r"\lambda": "lambda subscript i: the eigenvalues of A", "i": "an index"},
    variables={"A": Matrix("n", "n", "symmetric"), "c": Scalar()},
    lhs=lambda A, c: np.linalg.eigvalsh(A - c * np.eye(len(A))),
    rhs=lambda A, c: np.linalg.eigvalsh(A) - c,
    notes="A shift by a multiple of the identity moves every eigenvalue by the same amount and keeps the "
          "eigenvectors; the sorted lists are compared.",
    references=[cookbook(286)],
    related=["7L20"],
    aliases=["shifted eigenvalues", "eig(A - cI)", "spectral shift"],
)


Equality(
    id="0RP3",
    title="Eigenvalues of the inverse are the reciprocals",
    latex=r"\operatorname{eig}(A^{-1}) = \lambda_i^{-1}",
    symbols={r"\lambda": "lambda subscript i: the eigenvalues of A", "i": "an index"},
    variables={"A": Matrix("n", "n", "symmetric_invertible")},
    lhs=lambda A: np.linalg.eigvalsh(_inv(A)),
    rhs=lambda A: np.sort(1 / np.linalg.eigvalsh(A)),
    notes="Multiplying the eigenvalue equation of A by A⁻¹ and dividing by λ shows it: the inverse has the same eigenvectors and reciprocal eigenvalues. The "
          "sorted lists are compared (reciprocals reverse the order within each sign).",
    references=[cookbook(287)],
    aliases=["eigenvalues of inverse", "eig(A^-1)", "reciprocal eigenvalues"],
)


Equality(
    id="MAB9",
    title="Eigenvalues of AᵀA and AAᵀ for symmetric A are the squared eigenvalues",
    latex=r"\operatorname{eig}(A^{\top}A) = \operatorname{eig}(AA^{\top}) = \operatorname{eig}(A) \circ \operatorname{eig}(A)",
    variables={"A": Matrix("n", "n", "symmetric")},
    lhs=lambda A: np.linalg.eigvalsh(A.T @ A),
    rhs=lambda A: np.sort(np.linalg.eigvalsh(A) ** 2),
    also=[Formula(r"\operatorname{eig}(A^{\top}A) = \operatorname{eig}(AA^{\top})",
                  lambda A: np.linalg.eigvalsh(A.T @ A), lambda A: np.linalg.eigvalsh(A @ A.T))],
    notes="The Cookbook states it for a symmetric positive matrix; symmetry alone suffices, since AᵀA and "
          "AAᵀ are then both A², whose eigenvalues are the squares of those of A. Sorted lists are compared. "
          "For a non-symmetric matrix the eigenvalues of AᵀA are the squared singular values instead.",
    references=[cookbook(288)],
    aliases=["eigenvalues of A transpose A", "squared eigenvalues", "eig(A^T A)", "singular values of symmetric matrix"],
)


Equality(
    id="Y3Z5",
    title="The characteristic equation: det(A − λI) vanishes exactly at the eigenvalues",
    latex=r"\det(A - \lambda I) = \prod_{i}(\lambda_i - \lambda)",
    symbols={"i": "an index; lambda subscript i are the eigenvalues of A"},
    variables={"A": Matrix("n", "n", "square"), "lam": Scalar(tex=r"\lambda")},
    lhs=lambda A, lam: np.linalg.det(A - lam * np.eye(len(A))),
    rhs=lambda A, lam: np.real(np.prod(np.linalg.eigvals(A) - lam)),
    notes="The characteristic polynomial det(A − λI) of degree n factors over the eigenvalues (complex ones "
          "in conjugate pairs), so the characteristic equation holds exactly when λ is an eigenvalue. The "
          "check evaluates both sides at a random λ, the left by a determinant, the right from the "
          "eigensolver's eigenvalues.",
    references=[cookbook(289)],
    related=["EVME"],
    aliases=["characteristic equation", "characteristic polynomial roots", "det(A - lambda I) = 0", "eigenvalue equation"],
)


def _interpolated(p, n):
    """The coefficients (highest power first) of a polynomial p of degree n, from its values at n + 1
    Chebyshev points: no eigenvalues and no minors involved."""
    t = 2 * np.cos(np.pi * (np.arange(n + 1) + 0.5) / (n + 1))
    return np.linalg.solve(np.vander(t, n + 1), np.array([p(s) for s in t]))


Equality(
    id="EVME",
    title="Coefficients of the characteristic polynomial: the sums of principal minors",
    latex=r"\det(\lambda I - A) = \lambda^{n} - g_1\lambda^{n-1} + g_2\lambda^{n-2} - \dots + (-1)^{n}g_n",
    symbols={"g": "g subscript j: the sum of the principal j × j minors of A (g₁ is the trace, gₙ the "
                  "determinant)", "g_1": "the trace of A", "g_2": "the sum of the principal 2 × 2 minors of A",
             "j": "an index", "i": "an index", "i_1": "the first of j indices",
             r"\lambda": "the variable of the polynomial; with a subscript, the eigenvalues of A"},
    variables={"A": Matrix("n", "n", "square")},
    lhs=lambda A: _interpolated(lambda t: np.linalg.det(t * np.eye(len(A)) - A), len(A)),
    rhs=_charpoly_coefficients,
    also=[Formula(r"\det(A - \lambda I) = (-1)^{n}\bigl(\lambda^{n} - g_1\lambda^{n-1} + g_2\lambda^{n-2} - \dots"
                  r" + (-1)^{n}g_n\bigr)",
                  lambda A: _interpolated(lambda t: np.linalg.det(A - t * np.eye(len(A))), len(A)),
                  lambda A: (-1) ** len(A) * _charpoly_coefficients(A)),
          Formula(r"g_j = \sum_{i_1 < \dots < i_j}\lambda_{i_1}\cdots\lambda_{i_j}",
                  lambda A: _minor_sums(A)[1:],
                  lambda A: np.real(np.poly(np.linalg.eigvals(A))[1:] * (-1.0) ** np.arange(1, len(A) + 1))),
          Formula(r"g_1 = \operatorname{tr}(A),\quad g_n = \det(A)",
                  lambda A: _minor_sums(A)[[1, -1]], lambda A: np.array([np.trace(A), np.linalg.det(A)]))],
    notes="The coefficients gⱼ are invariant under a change of basis: gⱼ is the sum of the determinants of "
          "all submatrices formed from j rows and the same j columns of A, and it is also the j-th "
          "elementary symmetric function of the eigenvalues (third formula). The right side is built from "
          "the minors alone; the left side's coefficients come from determinants of λI − A at n + 1 values "
          "of λ, by interpolation. The polynomial is monic as "
          "det(λI − A); written with det(A − λI), as the Cookbook's characteristic equation has it, it takes "
          "the sign (−1)ⁿ (second formula).",
    errata=[Erratum(
        cookbook(290),
        "Cookbook (290) continues the characteristic equation with a bracket that is monic in λ. The bracket "
        "is det(λI − A); det(A − λI) is (−1)ⁿ times it, so for odd n the printed right side has the wrong "
        "sign. As an equation set to zero it has the right roots, but as a polynomial it is not det(A − λI).",
        printed=r"0 = \det(A - \lambda I) = \lambda^{n} - g_1\lambda^{n-1} + g_2\lambda^{n-2} - \dots + (-1)^{n}g_n",
        lhs=lambda A: _interpolated(lambda t: np.linalg.det(A - t * np.eye(len(A))), len(A)),
    )],
    references=[cookbook(290, note="the printed polynomial is det(λI − A), which differs by (−1)ⁿ")],
    related=["Y3Z5"],
    aliases=["characteristic polynomial coefficients", "principal minors", "invariants of a matrix",
             "elementary symmetric polynomials of eigenvalues", "Faddeev LeVerrier", "trace and determinant coefficients"],
)


# --------------------------------------------------------------------------------------------
# 5.3 Singular value decomposition


def _svd_full(A):
    U, s, Vt = np.linalg.svd(A)
    D = np.zeros(A.shape)
    D[:len(s), :len(s)] = np.diag(s)
    return U, D, Vt.T


def _eigh_descending(S):
    w, V = np.linalg.eigh(S)
    return w[::-1], V[:, ::-1]


def _svd_printed(A):
    # (292) read as a recipe: U and V as the eigenvectors of AAᵀ and AᵀA, each computed on its own
    w, U = _eigh_descending(A @ A.T)
    V = _eigh_descending(A.T @ A)[1]
    k = min(A.shape)
    D = np.zeros(A.shape)
    D[:k, :k] = np.diag(np.sqrt(np.maximum(w[:k], 0)))
    return U @ D @ V.T


Equality(
    id="D02H",
    title="Singular value decomposition, A = UDVᵀ",
    latex=r"A = UDV^{\top},\quad U = \operatorname{eigenvectors}(AA^{\top}),\ "
          r"D = \sqrt{\operatorname{diag}(\operatorname{eig}(AA^{\top}))},\ V = \operatorname{eigenvectors}(A^{\top}A)",
    symbols={"U": "an n × n orthogonal matrix", "D": "the n × m diagonal matrix of singular values",
             "V": "an m × m orthogonal matrix", r"\lambda": "lambda subscript i: the i-th largest eigenvalue",
             "i": "an index"},
    variables={"A": Matrix("n", "m")},
    lhs=lambda A: A,
    rhs=lambda A: (lambda U, D, V: U @ D @ V.T)(*_svd_full(A)),
    also=[Formula(r"AA^{\top}U = U\,DD^{\top}", lambda A: A @ A.T @ _svd_full(A)[0],
                  lambda A: (lambda U, D, V: U @ D @ D.T)(*_svd_full(A))),
          Formula(r"A^{\top}AV = V\,D^{\top}D", lambda A: A.T @ A @ _svd_full(A)[2],
                  lambda A: (lambda U, D, V: V @ D.T @ D)(*_svd_full(A))),
          Formula(r"D_{ii} = \sqrt{\lambda_i(AA^{\top})}", lambda A: np.linalg.svd(A, compute_uv=False),
                  lambda A: np.sqrt(np.maximum(_eigh_descending(A @ A.T)[0][:min(A.shape)], 0)))],
    notes="Any n × m matrix factors so. The columns of U are eigenvectors of AAᵀ and those of V eigenvectors "
          "of AᵀA (first two formulas), and the singular values on the diagonal of D are the square roots "
          "of the eigenvalues of AAᵀ, largest first (third formula; the index i runs to the "
          "smaller of n and m). The converse is false: eigenvectors of AAᵀ and AᵀA computed separately "
          "need not make an SVD; see the erratum.",
    errata=[Erratum(
        cookbook(292),
        "Cookbook (292) describes U and V as the eigenvectors of AAᵀ and of AᵀA. Every SVD has that property, "
        "but read as a recipe it fails: eigenvectors computed separately have independent signs (and, for a "
        "repeated singular value, independent rotations), and the product then need not be A. The pairs "
        "must match: each column of U is A times the matching column of V divided by its singular value.",
        printed=r"A = UDV^{\top}\ \text{with}\ U, V\ \text{the eigenvectors of}\ AA^{\top}, A^{\top}A",
        rhs=_svd_printed,
    )],
    references=[cookbook(291), cookbook(292, note="true of every SVD, but separately computed eigenvectors need not pair up")],
    related=["0ZQY", "NBWU"],
    aliases=["SVD", "singular value decomposition", "A = U D V^T", "singular values", "left and right singular vectors"],
)


Equality(
    id="MZ97",
    title="Symmetric matrix decomposed into squares, A = VDVᵀ",
    latex=r"A = VDV^{\top}",
    symbols={"V": "the orthogonal matrix of eigenvectors of A", "D": "the diagonal matrix of its eigenvalues",
             r"\lambda": "the variable of the characteristic polynomial", "i": "an index"},
    variables={"A": Matrix("n", "n", "symmetric")},
    lhs=lambda A: A,
    rhs=lambda A: (lambda w, V: V @ np.diag(w) @ V.T)(*np.linalg.eigh(A)),
    also=[Formula(r"\prod_{i}(\lambda - D_{ii}) = \det(\lambda I - A)",
                  lambda A: np.poly(np.linalg.eigh(A)[0]), _charpoly_coefficients)],
    notes="The spectral theorem: a real symmetric matrix is diagonalised by an orthogonal matrix of its "
          "eigenvectors. That the diagonal of D carries the eigenvalues is checked through the polynomial "
          "with those roots, against the characteristic polynomial from the principal minors of A.",
    references=[cookbook(293)],
    related=["9L9V"],
    aliases=["spectral theorem", "symmetric eigendecomposition", "A = V D V^T", "orthogonal diagonalisation"],
)


def _svd_square(A):
    V, s, Ut = np.linalg.svd(A)
    return V, np.diag(s), Ut.T


Equality(
    id="NBWU",
    title="Square matrix decomposed into squares, A = VDUᵀ",
    latex=r"A = VDU^{\top}",
    symbols={"V": "the eigenvectors of AAᵀ", "D": "the diagonal matrix of the square roots of the eigenvalues of AAᵀ",
             "U": "the eigenvectors of AᵀA"},
    variables={"A": Matrix("n", "n", "square")},
    lhs=lambda A: A,
    rhs=lambda A: (lambda V, D, U: V @ D @ U.T)(*_svd_square(A)),
    also=[Formula(r"AA^{\top}V = VD^{2}", lambda A: A @ A.T @ _svd_square(A)[0],
                  lambda A: (lambda V, D, U: V @ D @ D)(*_svd_square(A))),
          Formula(r"A^{\top}AU = UD^{2}", lambda A: A.T @ A @ _svd_square(A)[2],
                  lambda A: (lambda V, D, U: U @ D @ D)(*_svd_square(A)))],
    notes="The SVD of a square matrix, in the Cookbook's letters for this section: V holds the left singular "
          "vectors and U the right ones. The two formulas check that they are the eigenvectors of AAᵀ and "
          "AᵀA, with the squared singular values as eigenvalues.",
    references=[cookbook(294)],
    related=["D02H"],
    aliases=["SVD of a square matrix", "A = V D U^T", "square singular value decomposition"],
)


def _rank_deficient(rng, values, seed):
    A = values["A"]
    n = len(A)
    r = 1 + seed % (n - 1)
    values["A"] = rng.standard_normal((n, r)) @ rng.standard_normal((r, n))
    return values


def _svd_split(A):
    # the SVD of A split at its numerical rank r: V, D, U (r columns) and the complements V*, D*, U*
    V, s, Ut = np.linalg.svd(A)
    r = np.linalg.matrix_rank(A, rtol=1e-8)
    return V[:, :r], np.diag(s[:r]), Ut[:r].T, V[:, r:], np.diag(s[r:]), Ut[r:].T


def _svd_expanded(A):
    V, D, U, Vs, Ds, Us = _svd_split(A)
    r = D.shape[0]
    middle = np.block([[D, np.zeros((r, len(Ds)))], [np.zeros((len(Ds), r)), Ds]])
    return np.hstack([V, Vs]) @ middle @ np.vstack([U.T, Us.T])


Equality(
    id="G337",
    title="Square matrix decomposed into rectangular factors: the SVD expanded",
    latex=r"A = \begin{bmatrix} V & V_{*} \end{bmatrix}\begin{bmatrix} D & 0 \\ 0 & D_{*} \end{bmatrix}"
          r"\begin{bmatrix} U^{\top} \\ U_{*}^{\top} \end{bmatrix},\quad V_{*}D_{*}U_{*}^{\top} = 0",
    symbols={"V": "the n × r left singular vectors of A (with a star: the left singular vectors completing them "
                  "to an orthogonal matrix)",
             "D": "the r × r diagonal matrix of its non-zero singular values (with a star: the remaining, zero, ones)",
             "U": "the n × r right singular vectors (with a star: those completing them)"},
    variables={"A": Matrix("n", "n", "square")},
    conditions="A has rank r below n (the instances take r from 1 to n − 1).",
    prepare=_rank_deficient,
    lhs=lambda A: A,
    rhs=_svd_expanded,
    also=[Formula(r"A = VDU^{\top}", lambda A: A, lambda A: (lambda V, D, U, *_: V @ D @ U.T)(*_svd_split(A))),
          Formula(r"\begin{bmatrix} V & V_{*} \end{bmatrix}^{\top}\begin{bmatrix} V & V_{*} \end{bmatrix} = I",
                  lambda A: (lambda V, D, U, Vs, *_: np.hstack([V, Vs]).T @ np.hstack([V, Vs]))(*_svd_split(A)),
                  lambda A: np.eye(len(A)))],
    notes="A square matrix of rank r has a thin SVD with rectangular factors, n × r, r × r and r × n (first "
          "formula). Completing V and U with orthonormal columns and adding the zero singular values gives "
          "back the square orthogonal factors of the full SVD (second formula), and the expansion adds "
          "nothing because the added block vanishes.",
    references=[cookbook(295)],
    related=["NBWU", "0KWL"],
    aliases=["thin SVD", "compact SVD", "expanded SVD", "reduced singular value decomposition", "rank-deficient SVD"],
)


def _svd_thin(A):
    V, s, Ut = np.linalg.svd(A, full_matrices=False)
    return V, np.diag(s), Ut.T


_THIN_ALSO = [
    Formula(r"AA^{\top}V = VD^{2}\ \text{on the non-zero singular values}",
            lambda A: A @ A.T @ _svd_thin(A)[0], lambda A: (lambda V, D, U: V @ D @ D)(*_svd_thin(A))),
    Formula(r"A^{\top}AU = UD^{2}", lambda A: A.T @ A @ _svd_thin(A)[2], lambda A: (lambda V, D, U: U @ D @ D)(*_svd_thin(A))),
    Formula(r"D^{2} = \operatorname{diag}\bigl(\operatorname{eig}(AA^{\top})\bigr)\ \text{(the non-zero ones)}",
            lambda A: np.diag(_svd_thin(A)[1]) ** 2, lambda A: _eigh_descending(A @ A.T)[0][:min(A.shape)]),
]


Equality(
    id="2VK8",
    title="Rectangular decomposition I: A = VDUᵀ with V and D square (n ≤ m)",
    latex=r"A = VDU^{\top},\quad V\colon n \times n,\ D\colon n \times n,\ U^{\top}\colon n \times m",
    symbols={"V": "the eigenvectors of AAᵀ", "D": "the diagonal matrix of the square roots of the eigenvalues of AAᵀ",
             "U": "U transpose: the first n eigenvectors of AᵀA, as rows"},
    variables={"A": Matrix("n", "m", "full_row_rank")},
    conditions="A is broad: n < m (its rank plays no part; the samples have full rank).",
    lhs=lambda A: A,
    rhs=lambda A: (lambda V, D, U: V @ D @ U.T)(*_svd_thin(A)),
    also=_THIN_ALSO,
    notes="The thin SVD of a broad matrix: the square factors have the size of the smaller dimension n, and Uᵀ "
          "keeps only the n rows that meet non-zero singular values. The formulas check the eigenvector "
          "properties the Cookbook states.",
    references=[cookbook(296)],
    related=["0KWL", "0ZQY"],
    aliases=["thin SVD broad matrix", "economy SVD", "reduced SVD wide matrix"],
)


Equality(
    id="0KWL",
    title="Rectangular decomposition II: A = VDUᵀ with D and Uᵀ square (n ≥ m)",
    latex=r"A = VDU^{\top},\quad V\colon n \times m,\ D\colon m \times m,\ U^{\top}\colon m \times m",
    symbols={"V": "the first m eigenvectors of AAᵀ", "D": "the diagonal matrix of the singular values of A",
             "U": "the eigenvectors of AᵀA"},
    variables={"A": Matrix("n", "m", "full_column_rank")},
    conditions="A is tall: n > m (its rank plays no part; the samples have full rank).",
    lhs=lambda A: A,
    rhs=lambda A: (lambda V, D, U: V @ D @ U.T)(*_svd_thin(A)),
    also=_THIN_ALSO,
    notes="The thin SVD of a tall matrix, the one least-squares solvers use: V has orthonormal columns, D and "
          "Uᵀ are m × m.",
    references=[cookbook(297)],
    related=["2VK8", "0ZQY"],
    aliases=["thin SVD tall matrix", "economy SVD", "reduced SVD"],
)


def _rectangular_diagonal(d, shape):
    D = np.zeros(shape)
    D[:len(d), :len(d)] = np.diag(d)
    return D


def _svd_paired(A):
    # V and D from the eigenvectors of AAᵀ; U paired with them, uᵢ = Aᵀvᵢ/σᵢ, and completed by the
    # eigenvectors of AᵀA for its zero eigenvalues
    n, m = A.shape
    k = min(n, m)
    w, V = _eigh_descending(A @ A.T)
    sigma = np.sqrt(np.maximum(w[:k], 0))
    Uk = A.T @ V[:, :k] / sigma
    U = np.hstack([Uk, np.linalg.eigh(A.T @ A)[1][:, :m - k]])
    D = np.zeros((n, m))
    D[:k, :k] = np.diag(sigma)
    return V, D, U


Equality(
    id="0ZQY",
    title="Rectangular decomposition III: A = VDUᵀ with V and Uᵀ square, D rectangular",
    latex=r"A = VDU^{\top} \;\Leftrightarrow\; V^{\top}AU = D,\quad V\colon n \times n,\ D\colon n \times m,\ "
          r"U^{\top}\colon m \times m",
    symbols={"V": "the eigenvectors of AAᵀ", "D": "the n × m diagonal matrix of the square roots of the eigenvalues of AAᵀ",
             "U": "the eigenvectors of AᵀA, paired with those of AAᵀ"},
    variables={"A": Matrix("n", "m")},
    lhs=lambda A: (lambda V, D, U: V.T @ A @ U)(*_svd_paired(A)),
    rhs=lambda A: _rectangular_diagonal(np.sqrt(np.maximum(_eigh_descending(A @ A.T)[0][:min(A.shape)], 0)), A.shape),
    also=[Formula(r"A = VDU^{\top}", lambda A: A, lambda A: (lambda V, D, U: V @ D @ U.T)(*_svd_paired(A))),
          Formula(r"U^{\top}U = I", lambda A: _svd_paired(A)[2].T @ _svd_paired(A)[2], lambda A: np.eye(A.shape[1])),
          Formula(r"A^{\top}AU = UD^{\top}D", lambda A: A.T @ A @ _svd_paired(A)[2],
                  lambda A: (lambda V, D, U: U @ D.T @ D)(*_svd_paired(A)))],
    notes="The full SVD built from the eigendecompositions, as the Cookbook describes it: V and D from AAᵀ, "
          "and the columns of U as eigenvectors of AᵀA (fourth formula) that are orthonormal (third "
          "formula). They must be paired with those of V, each uᵢ being Aᵀvᵢ divided by the singular value, "
          "with eigenvectors for the zero eigenvalues of AᵀA completing U when m exceeds n. The statement is "
          "checked in both directions: V and U turn A into the diagonal D, and the product gives back A "
          "(second formula).",
    references=[cookbook(298)],
    related=["D02H", "2VK8", "0KWL"],
    aliases=["full SVD", "singular value decomposition from eigenvectors", "rectangular SVD"],
)


# --------------------------------------------------------------------------------------------
# 5.4–5.7 Triangular decompositions


def _lu_sample(rng, values):
    # A = L₀U₀ with unit lower L₀ and upper U₀ whose pivots lie in the band: leading minors away from zero
    n = len(values["A"])
    U0 = np.triu(rng.standard_normal((n, n)), 1) / np.sqrt(n) + np.diag(rng.uniform(0.5, 3.0, n) * _signs(rng, n))
    values["A"] = _unit_lower(rng, n) @ U0
    return values


Equality(
    id="N9TT",
    title="LU decomposition by elimination, A = LU",
    latex=r"A = LU",
    symbols={"L": "a unit lower triangular matrix", "U": "an upper triangular matrix", "k": "an index"},
    variables={"A": Matrix("n", "n", "square")},
    conditions="The leading principal minors of A are non-zero (the sample is a product of triangular "
               "factors with pivots away from zero).",
    prepare=_lu_sample,
    lhs=lambda A: A,
    rhs=lambda A: (lambda L, U: L @ U)(*_doolittle(A)),
    also=[Formula(r"U_{kk} = \frac{\det A_{1:k,1:k}}{\det A_{1:k-1,1:k-1}}", lambda A: np.diag(_doolittle(A)[1]),
                  lambda A: _leading_minors(A)[1:] / _leading_minors(A)[:-1])],
    notes="Gaussian elimination without pivoting computes the factors; it runs to the end exactly when no "
          "leading principal minor vanishes, and the factors are then unique: the pivots, the diagonal of "
          "U, are ratios of consecutive leading principal minors (the formula, checked against "
          "determinants). A leading principal minor is the determinant of an upper-left k × k block.",
    references=[cookbook(299)],
    related=["ZYBB"],
    aliases=["LU decomposition", "LU factorization", "Doolittle", "Gaussian elimination", "leading principal minors"],
)


def _upper_from_qr(A):
    # the triangular factor R of a QR decomposition of the symmetric square root, with positive diagonal
    w, Q = np.linalg.eigh(A)
    R = np.linalg.qr((Q * np.sqrt(w)) @ Q.T)[1]
    return R * np.sign(np.diag(R))[:, None]


Equality(
    id="BTE0",
    title="Cholesky decomposition, A = UᵀU = LLᵀ",
    latex=r"A = U^{\top}U = LL^{\top}",
    symbols={"U": "an upper triangular matrix with positive diagonal", "L": "the lower triangular Cholesky factor"},
    variables={"A": Matrix("n", "n", "spd")},
    lhs=lambda A: A,
    rhs=lambda A: np.linalg.cholesky(A) @ np.linalg.cholesky(A).T,
    also=[Formula(r"A = U^{\top}U", lambda A: A, lambda A: _upper_from_qr(A).T @ _upper_from_qr(A)),
          Formula(r"U = L^{\top}", _upper_from_qr, lambda A: np.linalg.cholesky(A).T)],
    notes="U is computed a second way, as the triangular factor of a QR decomposition of the symmetric square "
          "root of A (signs fixed so that its diagonal is positive). It equals the transposed Cholesky factor: "
          "with a positive diagonal the factorisation is unique.",
    references=[cookbook(300)],
    related=["XGWF"],
    aliases=["Cholesky decomposition", "Cholesky factorization", "A = L L^T", "square root of a positive definite matrix",
             "triangular factor"],
)


def _ldm_sample(rng, values):
    n = len(values["A"])
    D0 = np.diag(rng.uniform(0.5, 3.0, n) * _signs(rng, n))
    values["A"] = _unit_lower(rng, n) @ D0 @ _unit_lower(rng, n).T
    return values


def _ldm(A):
    # L from elimination on A, M from elimination on Aᵀ, D the pivots
    L, U = _doolittle(A)
    return L, np.diag(np.diag(U)), _doolittle(A.T)[0]


Equality(
    id="ZYBB",
    title="LDM decomposition, A = LDMᵀ",
    latex=r"A = LDM^{\top}",
    symbols={"L": "a unit lower triangular matrix", "D": "a diagonal matrix", "M": "a unit lower triangular matrix",
             "k": "an index"},
    variables={"A": Matrix("n", "n", "square")},
    conditions="The leading principal minors of A are non-zero (the sample is a product of unit triangular "
               "factors and a diagonal one away from zero).",
    prepare=_ldm_sample,
    lhs=lambda A: A,
    rhs=lambda A: (lambda L, D, M: L @ D @ M.T)(*_ldm(A)),
    also=[Formula(r"D_{kk} = \frac{\det A_{1:k,1:k}}{\det A_{1:k-1,1:k-1}}", lambda A: np.diag(_ldm(A)[1]),
                  lambda A: _leading_minors(A)[1:] / _leading_minors(A)[:-1])],
    notes="The LU decomposition with the pivots taken out of U. The check computes L by elimination on A and "
          "M by elimination on Aᵀ (whose LU factors are M and DLᵀ), so that the product tests the uniqueness "
          "of the factors; the pivots are ratios of leading principal minors (the formula).",
    references=[cookbook(301)],
    related=["N9TT", "XGWF"],
    aliases=["LDM decomposition", "LDU decomposition", "A = L D M^T", "unit triangular factors"],
)


def _ldl_sample(rng, values):
    # A = L₀D₀L₀ᵀ with small off-diagonal entries and pivots of either sign: symmetric, invertible,
    # leading and trailing principal minors away from zero
    n = len(values["A"])
    L0 = _unit_lower(rng, n, scale=0.3)
    values["A"] = L0 @ np.diag(rng.uniform(0.5, 3.0, n) * _signs(rng, n)) @ L0.T
    return values


def _ldl(A):
    L, U = _doolittle(A)
    return L, np.diag(np.diag(U))


def _ldl_reversed(A):
    # A = L̃ᵀD̃L̃: the LDLᵀ decomposition of JAJ (J reverses the order of rows and columns), turned back
    J = np.eye(len(A))[::-1]
    L, D = _ldl(J @ A @ J)
    return J @ L.T @ J, J @ D @ J


Equality(
    id="XGWF",
    title="LDL decomposition of a symmetric matrix, A = LDLᵀ",
    latex=r"A = LDL^{\top} = \tilde{L}^{\top}\tilde{D}\tilde{L}",
    symbols={"L": "a unit lower triangular matrix", "D": "a diagonal matrix",
             r"\tilde{L}": "another unit lower triangular matrix", r"\tilde{D}": "another diagonal matrix"},
    variables={"A": Matrix("n", "n", "symmetric_invertible")},
    conditions="The leading and trailing principal minors of A are non-zero (the sample is built from a unit "
               "triangular factor close to the identity and pivots of either sign, away from zero).",
    prepare=_ldl_sample,
    lhs=lambda A: A,
    rhs=lambda A: (lambda L, D: L @ D @ L.T)(*_ldl(A)),
    also=[Formula(r"A = \tilde{L}^{\top}\tilde{D}\tilde{L}", lambda A: A,
                  lambda A: (lambda Lt, Dt: Lt.T @ Dt @ Lt)(*_ldl_reversed(A)))],
    notes="The LDM decomposition of a symmetric matrix has M equal to L. The reverse order, upper triangular "
          "times diagonal times lower triangular, exists too, but with other factors: those of the LDLᵀ "
          "decomposition of A with its rows and columns taken in reverse order (second formula). If A is "
          "positive definite the diagonal entries of D are positive, and L times the square root of D is the "
          "Cholesky factor.",
    errata=[Erratum(
        cookbook(302),
        "Cookbook (302) writes the decomposition as LDLᵀ and, with the same letters, as LᵀDL. The second form "
        "does not hold with the factors of the first: LᵀDL is in general a different matrix. A factorisation "
        "in that order exists, but with its own unit triangular and diagonal factors.",
        printed=r"A = LDL^{\top} = L^{\top}DL",
        rhs=lambda A: (lambda L, D: L.T @ D @ L)(*_ldl(A)),
    )],
    references=[cookbook(302, note="the second form, LᵀDL, holds only with different factors")],
    related=["ZYBB", "BTE0"],
    aliases=["LDL decomposition", "LDLT", "LDL^T factorization", "symmetric indefinite factorization", "square-root-free Cholesky"],
)
