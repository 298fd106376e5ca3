"""Inverses and their derivatives.

The Matrix Cookbook's chapter 3 first, eqs. (145)–(224), in its order: the definition of the inverse, cofactors,
the adjugate, the determinant by cofactor expansion and the condition number (§3.1); the inverse of a sum
(Woodbury, Kailath, Sherman–Morrison, the Searle set, the push-through identity) and Meyer's rank-one update of
the Moore–Penrose inverse in its six cases (§3.2); the implication (184) and the positive definite identity (§3.3);
the Neumann series and first-order approximations of inverses (§3.4); the generalized inverse (§3.5); and the
properties and constructions of the pseudo-inverse (§3.6). Then its §2.2, eqs. (59)–(64): the derivative of a
matrix inverse, entrywise and in gradient forms, with the rule for a function parametrised by the inverse. Also the
Jacobian of the inverse in vec form, the derivative of a linear solve, and the differentials of the Moore–Penrose
pseudo-inverse of a full-rank rectangular matrix.
"""
import numpy as np

from identities import (Change, Equality, Derivative, Differential, Expansion, Formula, Matrix, Scalar, Step, Vector,
                        cookbook, ref)
from identities.entries import curve, curve_at_sample, curve_inverse, symmetric_part, vec, well_conditioned
from identities.symbolic import sp

# Chapter 3 of the Matrix Cookbook opens with §3.1: the definition of the inverse, cofactors and the adjugate, the
# determinant by cofactor expansion, the inverse built from the adjugate, and the condition number, eqs.
# (145)–(154). The cofactors are computed from their minors, entry by entry, and compared with det(A) and A⁻¹ from
# NumPy's LU-based routines.


def _minor(A, i, j):
    """[A]ᵢⱼ: A without row i and column j (indices from zero)."""
    return np.delete(np.delete(A, i, axis=0), j, axis=1)


def _cofactors(A):
    """The matrix of cofactors, each one a signed determinant of a minor: n² determinants, n at most 5."""
    n = len(A)
    return np.array([[(-1) ** (i + j) * np.linalg.det(_minor(A, i, j)) for j in range(n)] for i in range(n)])


Equality(
    id="49EW",
    title="Definition of the inverse: AA⁻¹ = A⁻¹A = I",
    latex=r"AA^{-1} = A^{-1}A = I",
    variables={"A": Matrix("n", "n", "invertible")},
    lhs=lambda A: A @ np.linalg.inv(A),
    rhs=lambda A: np.eye(len(A)),
    also=[Formula(r"A^{-1}A = I", lambda A: np.linalg.inv(A) @ A, lambda A: np.eye(len(A)))],
    notes="The inverse is two-sided: the matrix that undoes A from the right also undoes it from the left, "
          "which is why a square matrix needs only one of the two products checked. A matrix with an inverse is "
          "nonsingular; one without, singular, and its determinant is zero.",
    references=[cookbook(145)],
    related=["LS92", "3QJU"],
    aliases=["matrix inverse", "definition of the inverse matrix", "nonsingular matrix", "A times A inverse is I",
             "two-sided inverse"],
)


Equality(
    id="RJP5",
    title="The matrix of cofactors: signed minors, equal to det(A) A⁻ᵀ",
    latex=r"\operatorname{cof}(A) = \bigl[\operatorname{cof}(A, i, j)\bigr]_{i,j=1}^{n}"
          r" = \bigl[(-1)^{i+j}\det([A]_{ij})\bigr]_{i,j=1}^{n} = \det(A)\,A^{-\top}",
    symbols={"i": "a row index of A", "j": "a column index of A"},
    variables={"A": Matrix("n", "n", "invertible")},
    lhs=_cofactors,
    rhs=lambda A: np.linalg.det(A) * np.linalg.inv(A).T,
    notes="[A]ᵢⱼ is the (n − 1) × (n − 1) submatrix left when row i and column j of A are deleted, and "
          "cof(A, i, j) is its determinant with the checkerboard sign. The cofactor matrix is defined for every "
          "square A; when A is invertible it is det(A) times the transposed inverse, which is what the check "
          "compares the signed minors with.",
    references=[cookbook(146), cookbook(147)],
    related=["LS92", "LBEP", "KWJD"],
    aliases=["cofactor matrix", "matrix of cofactors", "signed minors", "comatrix", "cofactor of a matrix"],
)


Equality(
    id="LS92",
    title="Inverse from the adjugate: A⁻¹ = adj(A) / det(A)",
    latex=r"A^{-1} = \frac{1}{\det(A)}\operatorname{adj}(A), \quad \operatorname{adj}(A) = \operatorname{cof}(A)^{\top}",
    variables={"A": Matrix("n", "n", "invertible")},
    lhs=lambda A: np.linalg.inv(A),
    rhs=lambda A: _cofactors(A).T / np.linalg.det(A),
    also=[Formula(r"A\operatorname{adj}(A) = \operatorname{adj}(A)\,A = \det(A)\,I",
                  lambda A: A @ _cofactors(A).T, lambda A: _cofactors(A).T @ A,
                  lambda A: np.linalg.det(A) * np.eye(len(A)))],
    notes="The Cookbook's adjoint is the classical adjoint, now usually called the adjugate: the transpose of the "
          "cofactor matrix, built from signed minors, not the conjugate transpose. Multiplying A by it on either "
          "side gives det(A) times the identity (shown below), so dividing by the determinant gives the inverse. "
          "It is Cramer's rule in matrix form; for a 2 × 2 matrix it is the familiar swap-and-negate formula.",
    references=[cookbook(148), cookbook(151)],
    related=["RJP5", "PQWC", "MNXU", "49EW"],
    aliases=["adjugate", "adjoint matrix", "classical adjoint", "inverse by cofactors", "Cramer's rule inverse",
             "adj(A)"],
)


Equality(
    id="LBEP",
    title="Cofactor (Laplace) expansion of the determinant along the first row",
    latex=r"\det(A) = \sum_{j=1}^{k}(-1)^{j+1}A_{1j}\det([A]_{1j}) = \sum_{j=1}^{k}A_{1j}\operatorname{cof}(A, 1, j)",
    symbols={"j": "the column index of the expansion"},
    variables={"A": Matrix("k", "k", "square")},
    lhs=lambda A: np.linalg.det(A),
    rhs=lambda A: sum((-1) ** j * A[0, j] * np.linalg.det(_minor(A, 0, j)) for j in range(len(A))),
    also=[Formula(r"\det(A) = \sum_{j=1}^{k}A_{1j}\operatorname{cof}(A, 1, j)",
                  lambda A: np.linalg.det(A), lambda A: A[0] @ _cofactors(A)[0])],
    notes="The Cookbook defines the determinant by this recursion: each entry of the first row times the "
          "determinant of the minor left when its row and column are deleted, with alternating signs. The check "
          "compares it with the determinant from an LU factorisation. Any row or column may be used instead of "
          "the first.",
    references=[cookbook(149), cookbook(150)],
    related=["RJP5"],
    aliases=["Laplace expansion", "cofactor expansion", "expansion by minors", "determinant by cofactors",
             "recursive determinant"],
)


Equality(
    id="Q5SA",
    title="Condition number: the ratio of the extreme singular values, ‖A‖₂‖A⁻¹‖₂",
    latex=r"c(A) = \frac{d_{+}}{d_{-}} = \|A\|_{2}\,\|A^{-1}\|_{2}",
    symbols={"c": "the condition number of A", "d": "d₊ and d₋, the largest and the smallest singular value of A"},
    variables={"A": Matrix("n", "n", "invertible")},
    lhs=lambda A: (lambda s: s[0] / s[-1])(np.linalg.svd(A, compute_uv=False)),
    rhs=lambda A: np.linalg.norm(A, 2) * np.linalg.norm(np.linalg.inv(A), 2),
    also=[Formula(r"\|A\|_{2} = \sqrt{\max(\operatorname{eig}(A^{\top}A))}",
                  lambda A: np.linalg.norm(A, 2), lambda A: np.sqrt(np.linalg.eigvalsh(A.T @ A)[-1]))],
    notes="A large condition number means A is close to singular: solving a system with it can lose about the "
          "logarithm of c(A) in correct digits. The product of the norms of A and of its inverse defines a "
          "condition number for any matrix norm; the singular-value ratio is the one of the spectral norm, whose "
          "value for A is the square root of the largest eigenvalue of AᵀA (shown below).",
    references=[cookbook(152),
                cookbook(153, note="printed for any norm (1, 2, ∞, Frobenius); the product equals the ratio of "
                                   "singular values for the 2-norm only, the others give the condition number in "
                                   "their own norm")],
    related=["CWR3"],
    aliases=["condition number", "kappa of a matrix", "cond(A)", "spectral condition number",
             "ratio of largest to smallest singular value"],
)


Equality(
    id="CWR3",
    title="Condition number of a positive definite matrix: the ratio of its extreme eigenvalues",
    latex=r"\|A\|_{2}\,\|A^{-1}\|_{2} = \max(\operatorname{eig}(A))\,\max(\operatorname{eig}(A^{-1}))"
          r" = \frac{\max(\operatorname{eig}(A))}{\min(\operatorname{eig}(A))}",
    variables={"A": Matrix("n", "n", "spd")},
    lhs=lambda A: np.linalg.norm(A, 2) * np.linalg.norm(np.linalg.inv(A), 2),
    rhs=lambda A: np.linalg.eigvalsh(A)[-1] / np.linalg.eigvalsh(A)[0],
    also=[Formula(r"\|A\|_{2}\,\|A^{-1}\|_{2} = \max(\operatorname{eig}(A))\,\max(\operatorname{eig}(A^{-1}))",
                  lambda A: np.linalg.norm(A, 2) * np.linalg.norm(np.linalg.inv(A), 2),
                  lambda A: np.linalg.eigvalsh(A)[-1] * np.linalg.eigvalsh(np.linalg.inv(A))[-1]),
          Formula(r"\|A\|_{2} = \max(\operatorname{eig}(A))",
                  lambda A: np.linalg.norm(A, 2), lambda A: np.linalg.eigvalsh(A)[-1])],
    notes="For a symmetric positive definite matrix the singular values are the eigenvalues, so the spectral "
          "norm is the largest eigenvalue (shown below) and the norm of the inverse is one over the smallest.",
    references=[cookbook(154), cookbook(545)],
    related=["Q5SA"],
    aliases=["condition number of SPD matrix", "eigenvalue ratio", "condition number of covariance matrix",
             "lambda max over lambda min"],
)


# §3.2 of the Cookbook, the exact relations: (155), the inverse of a product, is checked by 3QJU with chapter 1;
# then the inverse of a sum (Woodbury, Kailath, Sherman–Morrison and the Searle set). Each side is computed on its
# own: the left inverts the sum, the right only A, B and the small matrix (_inv, below, is the inverse the
# derivations differentiate too).


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
    references=[cookbook(158), cookbook(185, note="printed again in §3.3.1, for P and R positive definite")],
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


# §3.2.7 to §3.6 of the Cookbook, eqs. (168)–(224): Meyer's rank-one update of the Moore–Penrose inverse in its six
# cases, the implication (184), the Neumann series and the approximations of §3.4, the generalized inverse, and the
# properties and constructions of the pseudo-inverse. The pseudo-inverse is NumPy's, with a relative cut-off: the
# samples are rank deficient by construction, and their zero singular values come out as rounding (about 1e-16).


def _pinv(M):
    """A⁺ with singular values below 1e-10 of the largest treated as zero (NumPy's default cut-off, 1e-15
    relative, does not always remove a rounding-sized singular value of an exactly rank-deficient sample)."""
    return np.linalg.pinv(M, rtol=1e-10)


def _H(M):
    """The conjugate transpose."""
    return M.conj().T


def _rank_deficient(rng, shape, complex_=False):
    """A p × q sample of rank r, one less than min(p, q): the product of a p × r and an r × q factor with
    orthonormal columns and rows, the singular values between 1/2 and 2 (so the nonzero ones stay far from the
    cut-off)."""
    p, q = shape
    r = min(p, q) - 1

    def frame(k):
        Z = rng.standard_normal((k, r)) + (1j * rng.standard_normal((k, r)) if complex_ else 0)
        return np.linalg.qr(Z)[0]
    return (frame(p) * rng.uniform(0.5, 2.0, r)) @ _H(frame(q))


def _low_rank(*names):
    """A sampler (`prepare`): each named matrix redrawn rank deficient (complex if it was drawn complex)."""
    def prepare(rng, values):
        for name in names:
            values[name] = _rank_deficient(rng, values[name].shape, np.iscomplexobj(values[name]))
        return values
    return prepare


_LOW_RANK = ("A is rank deficient: the sampler draws it as the product of a thin and a flat factor, of rank one "
             "less than its smaller dimension.")


# ---------------------------------------------------------------------------------------------------------
# §3.2.7, Meyer (1973): (A + cdᵀ)⁺ = A⁺ + G in six cases, by whether c lies in the column space of A (w zero),
# d in its row space (m zero), and β is zero. Each record's sampler builds A rank deficient and c, d to its case.

def _meyer(A, c, d):
    """β, v, n, w, m of (169)–(173), and A⁺."""
    Ap = _pinv(A)
    v, n = Ap @ c, Ap.T @ d
    return Ap, 1 + d @ Ap @ c, v, n, c - A @ v, d - A.T @ n


def _row_pinv(x):
    """x⁺ of a column x, as the 1 × k row it is: the pseudo-inverse of the k × 1 matrix."""
    return _pinv(x[:, None])[0]


def _meyer_case(c_in_columns, d_in_rows, beta):
    """A sampler (`prepare`) for one case: A rank deficient; c drawn in the column space of A if c_in_columns,
    d in its row space if d_in_rows; then the row-space part of d rescaled so that β is zero (beta == 0), or a
    value of size 1/2 to 2 (beta == 1); beta None leaves β as drawn."""
    def prepare(rng, values):
        A = _rank_deficient(rng, values["A"].shape)
        c, d = values["c"], values["d"]
        if c_in_columns:
            c = A @ rng.standard_normal(A.shape[1])
        if d_in_rows:
            d = A.T @ rng.standard_normal(A.shape[0])
        if beta is not None:
            target = 0.0 if beta == 0 else rng.choice([-1.0, 1.0]) * rng.uniform(0.5, 2.0)
            Ap = _pinv(A)
            row = Ap @ (A @ d)        # the part of d in the row space of A: only it meets v in β
            d = d - row + row * (target - 1) / (row @ Ap @ c)
        values.update(A=A, c=c, d=d)
        return values
    return prepare


_MEYER_SYMBOLS = {
    "G": "the correction (A + cdᵀ)⁺ − A⁺",
    r"\beta": "1 + dᵀA⁺c",
    "v": "A⁺c",
    "n": "(A⁺)ᵀd",
    "w": "(I − AA⁺)c, the part of c outside the column space of A",
    "m": "(I − A⁺A)ᵀd, the part of d outside the row space of A",
}


def _meyer_symbols(*names):
    return {k: _MEYER_SYMBOLS[k] for k in ("G",) + names}


_MEYER_VARIABLES = {"A": Matrix("p", "q"), "c": Vector("p"), "d": Vector("q")}
_MEYER_NOTES = ("For any column vector x, x⁺ is xᵀ divided by ‖x‖², the pseudo-inverse of x as a p × 1 matrix; "
                "the check takes it so for w⁺, m⁺, n⁺ and v⁺ in the first form, and writes the norms out in the "
                "second. The Cookbook gives the update for real matrices, after C. D. Meyer (1973), whose paper has the complex case too.")
_MEYER_ALIASES = ["rank-one update of the pseudo-inverse", "Meyer's formula", "pseudo-inverse of A plus c d transpose",
                  "Sherman-Morrison for the Moore-Penrose inverse", "pinv rank 1 update"]


def _meyer_G(A, c, d):
    return _pinv(A + np.outer(c, d)) - _pinv(A)


Equality(
    id="Z8Y9",
    title="Rank-one update of the pseudo-inverse, case 1 of 6: c outside the column space, d outside the row space",
    latex=r"(A + cd^{\top})^{+} = A^{+} + G, \quad G = -vw^{+} - (m^{+})^{\top}n^{\top} + \beta(m^{+})^{\top}w^{+}",
    symbols=_meyer_symbols(r"\beta", "v", "n", "w", "m"),
    variables=_MEYER_VARIABLES,
    conditions="w and m are not zero: " + _LOW_RANK + " c and d are drawn freely, so they leave its column "
               "and row spaces.",
    prepare=_meyer_case(False, False, None),
    lhs=lambda A, c, d: _pinv(A + np.outer(c, d)),
    rhs=lambda A, c, d: (lambda Ap, b, v, n, w, m: Ap - np.outer(v, _row_pinv(w)) - np.outer(_row_pinv(m), n)
                         + b * np.outer(_row_pinv(m), _row_pinv(w)))(*_meyer(A, c, d)),
    also=[Formula(r"G = -\frac{1}{\|w\|^{2}}vw^{\top} - \frac{1}{\|m\|^{2}}mn^{\top} + \frac{\beta}{\|m\|^{2}\|w\|^{2}}mw^{\top}",
                  _meyer_G,
                  lambda A, c, d: (lambda Ap, b, v, n, w, m: -np.outer(v, w) / (w @ w) - np.outer(m, n) / (m @ m)
                                   + b / ((m @ m) * (w @ w)) * np.outer(m, w))(*_meyer(A, c, d)))],
    notes="The generic case: the update adds a direction to both the column and the row space, and the rank goes "
          "up by one. β, v, n, w and m are the Cookbook's notation (169)–(173). " + _MEYER_NOTES,
    references=[cookbook(168), cookbook(174), cookbook(175)],
    related=["RBGV", "EX4Z", "4ENR", "DMS9", "YLPN", "WHZP"],
    aliases=_MEYER_ALIASES,
)


Equality(
    id="RBGV",
    title="Rank-one update of the pseudo-inverse, case 2 of 6: c in the column space, d outside the row space, β zero",
    latex=r"(A + cd^{\top})^{+} = A^{+} + G, \quad G = -vv^{+}A^{+} - (m^{+})^{\top}n^{\top}",
    symbols=_meyer_symbols(r"\beta", "v", "n", "m"),
    variables=_MEYER_VARIABLES,
    conditions="w is zero, m is not, and β is zero: " + _LOW_RANK + " c is drawn in the column space of A, and "
               "the part of d in the row space of A is scaled so that β vanishes.",
    prepare=_meyer_case(True, False, 0),
    lhs=lambda A, c, d: _pinv(A + np.outer(c, d)),
    rhs=lambda A, c, d: (lambda Ap, b, v, n, w, m: Ap - np.outer(v, _row_pinv(v)) @ Ap
                         - np.outer(_row_pinv(m), n))(*_meyer(A, c, d)),
    also=[Formula(r"G = -\frac{1}{\|v\|^{2}}vv^{\top}A^{+} - \frac{1}{\|m\|^{2}}mn^{\top}",
                  _meyer_G,
                  lambda A, c, d: (lambda Ap, b, v, n, w, m: -np.outer(v, v) @ Ap / (v @ v)
                                   - np.outer(m, n) / (m @ m))(*_meyer(A, c, d)))],
    notes="The rank of A + cdᵀ stays that of A. " + _MEYER_NOTES,
    references=[cookbook(168), cookbook(176), cookbook(177)],
    related=["Z8Y9", "YLPN"],
    aliases=_MEYER_ALIASES,
)


Equality(
    id="EX4Z",
    title="Rank-one update of the pseudo-inverse, case 3 of 6: c in the column space, β not zero",
    latex=r"(A + cd^{\top})^{+} = A^{+} + G, \quad G = \frac{1}{\beta}mv^{\top}A^{+}"
          r" - \frac{\beta}{\|v\|^{2}\|m\|^{2} + |\beta|^{2}}\left(\frac{\|v\|^{2}}{\beta}m + v\right)"
          r"\left(\frac{\|m\|^{2}}{\beta}(A^{+})^{\top}v + n\right)^{\top}",
    symbols=_meyer_symbols(r"\beta", "v", "n", "m"),
    variables=_MEYER_VARIABLES,
    conditions="w is zero and β is not: " + _LOW_RANK + " c is drawn in the column space of A, and the part of d "
               "in the row space of A is scaled so that β has size between one half and two.",
    prepare=_meyer_case(True, False, 1),
    lhs=lambda A, c, d: _pinv(A + np.outer(c, d)),
    rhs=lambda A, c, d: (lambda Ap, b, v, n, w, m: Ap + np.outer(m, v) @ Ap / b
                         - b / ((v @ v) * (m @ m) + abs(b) ** 2)
                         * np.outer((v @ v) / b * m + v, (m @ m) / b * (Ap.T @ v) + n))(*_meyer(A, c, d)),
    notes="The rank of A + cdᵀ stays that of A. The case holds whether or not m is zero; the samples have m "
          "nonzero. " + _MEYER_NOTES,
    references=[cookbook(168), cookbook(178)],
    related=["Z8Y9", "DMS9"],
    aliases=_MEYER_ALIASES,
)


Equality(
    id="4ENR",
    title="Rank-one update of the pseudo-inverse, case 4 of 6: c outside the column space, d in the row space, β zero",
    latex=r"(A + cd^{\top})^{+} = A^{+} + G, \quad G = -A^{+}nn^{+} - vw^{+}",
    symbols=_meyer_symbols(r"\beta", "v", "n", "w", "m"),
    variables=_MEYER_VARIABLES,
    conditions="w is not zero, m is zero, and β is zero: " + _LOW_RANK + " d is drawn in the row space of A and "
               "scaled so that β vanishes.",
    prepare=_meyer_case(False, True, 0),
    lhs=lambda A, c, d: _pinv(A + np.outer(c, d)),
    rhs=lambda A, c, d: (lambda Ap, b, v, n, w, m: Ap - np.outer(Ap @ n, _row_pinv(n))
                         - np.outer(v, _row_pinv(w)))(*_meyer(A, c, d)),
    also=[Formula(r"G = -\frac{1}{\|n\|^{2}}A^{+}nn^{\top} - \frac{1}{\|w\|^{2}}vw^{\top}",
                  _meyer_G,
                  lambda A, c, d: (lambda Ap, b, v, n, w, m: -np.outer(Ap @ n, n) / (n @ n)
                                   - np.outer(v, w) / (w @ w))(*_meyer(A, c, d)))],
    notes="The transpose of case 2: the roles of c and d, and of the column and row spaces, are exchanged; m and β "
          "are the conditions, not terms of G. " + _MEYER_NOTES,
    references=[cookbook(168), cookbook(179), cookbook(180)],
    related=["RBGV", "Z8Y9"],
    aliases=_MEYER_ALIASES,
)


Equality(
    id="DMS9",
    title="Rank-one update of the pseudo-inverse, case 5 of 6: d in the row space, β not zero",
    latex=r"(A + cd^{\top})^{+} = A^{+} + G, \quad G = \frac{1}{\beta}A^{+}nw^{\top}"
          r" - \frac{\beta}{\|n\|^{2}\|w\|^{2} + |\beta|^{2}}\left(\frac{\|w\|^{2}}{\beta}A^{+}n + v\right)"
          r"\left(\frac{\|n\|^{2}}{\beta}w + n\right)^{\top}",
    symbols=_meyer_symbols(r"\beta", "v", "n", "w", "m"),
    variables=_MEYER_VARIABLES,
    conditions="m is zero and β is not: " + _LOW_RANK + " d is drawn in the row space of A and scaled so that β "
               "has size between one half and two.",
    prepare=_meyer_case(False, True, 1),
    lhs=lambda A, c, d: _pinv(A + np.outer(c, d)),
    rhs=lambda A, c, d: (lambda Ap, b, v, n, w, m: Ap + np.outer(Ap @ n, w) / b
                         - b / ((n @ n) * (w @ w) + abs(b) ** 2)
                         * np.outer((w @ w) / b * (Ap @ n) + v, (n @ n) / b * w + n))(*_meyer(A, c, d)),
    notes="The transpose of case 3. The case holds whether or not w is zero; the samples have w nonzero. "
          + _MEYER_NOTES,
    references=[cookbook(168), cookbook(181)],
    related=["EX4Z", "Z8Y9"],
    aliases=_MEYER_ALIASES,
)


Equality(
    id="YLPN",
    title="Rank-one update of the pseudo-inverse, case 6 of 6: c in the column space, d in the row space, β zero",
    latex=r"(A + cd^{\top})^{+} = A^{+} + G, \quad G = -vv^{+}A^{+} - A^{+}nn^{+} + v^{+}A^{+}n\,vn^{+}",
    symbols=_meyer_symbols(r"\beta", "v", "n", "w", "m"),
    variables=_MEYER_VARIABLES,
    conditions="w, m and β are all zero: " + _LOW_RANK + " c is drawn in its column space, d in its row space "
               "and scaled so that β vanishes. The sizes start at 3, so that A has rank two at least and A + cdᵀ "
               "is not zero.",
    sizes=(3, 5),
    prepare=_meyer_case(True, True, 0),
    lhs=lambda A, c, d: _pinv(A + np.outer(c, d)),
    rhs=lambda A, c, d: (lambda Ap, b, v, n, w, m: Ap - np.outer(v, _row_pinv(v)) @ Ap - np.outer(Ap @ n, _row_pinv(n))
                         + (_row_pinv(v) @ Ap @ n) * np.outer(v, _row_pinv(n)))(*_meyer(A, c, d)),
    also=[Formula(r"G = -\frac{1}{\|v\|^{2}}vv^{\top}A^{+} - \frac{1}{\|n\|^{2}}A^{+}nn^{\top}"
                  r" + \frac{v^{\top}A^{+}n}{\|v\|^{2}\|n\|^{2}}vn^{\top}",
                  _meyer_G,
                  lambda A, c, d: (lambda Ap, b, v, n, w, m: -np.outer(v, v) @ Ap / (v @ v) - np.outer(Ap @ n, n) / (n @ n)
                                   + (v @ Ap @ n) / ((v @ v) * (n @ n)) * np.outer(v, n))(*_meyer(A, c, d)))],
    notes="The only case where the update lowers the rank: A + cdᵀ has rank one less than A. " + _MEYER_NOTES,
    references=[cookbook(168), cookbook(182), cookbook(183)],
    related=["RBGV", "4ENR", "Z8Y9"],
    aliases=_MEYER_ALIASES,
)


# ---------------------------------------------------------------------------------------------------------
# §3.3, the implication on inverses (184); its §3.3.1, the positive definite identity (185), is MY3Y above.

def _inverse_of_sum_is_sum_of_inverses(rng, values):
    """A sampler (`prepare`): B as drawn, A set to S J S⁻¹ B with S well conditioned and J block diagonal, its
    blocks rotations by plus or minus a third of a turn. Then AB⁻¹ satisfies X² + X + I = 0, which is the
    hypothesis (A + B)⁻¹ = A⁻¹ + B⁻¹ (see the formulas the record shows)."""
    n = len(values["B"])
    t = 2 * np.pi / 3
    R = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
    J = np.zeros((n, n))
    for k in range(n // 2):
        J[2 * k:2 * k + 2, 2 * k:2 * k + 2] = R if rng.random() < 0.5 else R.T
    S = well_conditioned(rng, (n, n))
    values["A"] = S @ J @ np.linalg.solve(S, values["B"])
    return values


Equality(
    id="YXK4",
    title="If the inverse of a sum is the sum of the inverses, then AB⁻¹A = BA⁻¹B",
    latex=r"(A + B)^{-1} = A^{-1} + B^{-1} \;\Rightarrow\; AB^{-1}A = BA^{-1}B",
    variables={"A": Matrix(4, 4, "invertible"), "B": Matrix(4, 4, "invertible")},
    conditions="The hypothesis holds on every sample (checked, below): the sampler draws B and builds A from it "
               "and a well-conditioned S so that AB⁻¹ is similar to a block of rotations by a third of a turn. "
               "Real matrices satisfy the hypothesis only in even dimension, so the check uses 4 × 4 matrices.",
    prepare=_inverse_of_sum_is_sum_of_inverses,
    lhs=lambda A, B: A @ np.linalg.solve(B, A),
    rhs=lambda A, B: B @ np.linalg.solve(A, B),
    also=[Formula(r"(A + B)^{-1} = A^{-1} + B^{-1}",
                  lambda A, B: np.linalg.inv(A + B), lambda A, B: np.linalg.inv(A) + np.linalg.inv(B)),
          Formula(r"AB^{-1} + BA^{-1} = -I",
                  lambda A, B: A @ np.linalg.inv(B) + B @ np.linalg.inv(A), lambda A: -np.eye(len(A)))],
    notes="Multiplying the hypothesis out shows it is the same as AB⁻¹ + BA⁻¹ being minus the identity (shown "
          "below), so that X, the product AB⁻¹, has eigenvalues among the complex cube roots of unity other than "
          "one; then the cube of X is the identity, and the conclusion follows. Such pairs are rare: the "
          "hypothesis fails for almost all A and B, which is why the sampler has to build them.",
    references=[cookbook(184)],
    related=["0YP3", "WCUE"],
    aliases=["inverse of a sum equals sum of inverses", "when is (A+B)^-1 = A^-1 + B^-1", "Searle implication"],
)


# ---------------------------------------------------------------------------------------------------------
# §3.4, approximations: the Neumann series (exact, for a spectral radius below one), its truncations, and two
# first-order approximations with the Cookbook's proof of the second.

def _spectral_radius(name, rho):
    """A sampler (`prepare`): the named matrix scaled to spectral radius rho (its norm may exceed one)."""
    def prepare(rng, values):
        A = values[name]
        values[name] = A * (rho / np.max(np.abs(np.linalg.eigvals(A))))
        return values
    return prepare


def _geometric(X, doublings=10):
    """Σ Xᵏ over k < 2^doublings, as the product of I + X^(2^i) over i < doublings (binary digits of k)."""
    eye = np.eye(len(X))
    S, P = eye, X
    for _ in range(doublings):
        S = S @ (eye + P)
        P = P @ P
    return S


Equality(
    id="6PUA",
    title="Neumann series: (I − A)⁻¹ is the sum of the powers of A",
    latex=r"(I - A)^{-1} = \sum_{k=0}^{\infty}A^{k}",
    symbols={"k": "the summation index"},
    variables={"A": Matrix("n", "n", "square")},
    conditions="Every eigenvalue of A lies inside the unit circle: the sampler scales A to spectral radius 0.8, "
               "so A need not be a contraction, and its powers may grow before they decay.",
    prepare=_spectral_radius("A", 0.8),
    lhs=lambda A: np.linalg.inv(np.eye(len(A)) - A),
    rhs=lambda A: _geometric(A),
    also=[Formula(r"(I + A)^{-1} = \sum_{k=0}^{\infty}(-1)^{k}A^{k}",
                  lambda A: np.linalg.inv(np.eye(len(A)) + A), lambda A: _geometric(-A))],
    notes="The matrix geometric series: it converges exactly when the spectral radius of A is below one. The "
          "alternating series for the inverse of I + A is the same series for −A (shown below). The check sums "
          "the first 1024 terms as the product of I + A, I + A², I + A⁴ and so on; at spectral radius 0.8 the "
          "terms left out are below rounding.",
    references=[cookbook(186), cookbook(187)],
    related=["L3G8", "AUYP", "HKVX"],
    aliases=["Neumann series", "matrix geometric series", "inverse of I minus A as a power series",
             "von Neumann series", "(I - A)^-1 = I + A + A^2 + ..."],
)


Expansion(
    id="L3G8",
    title="Second-order approximation of (I − εA)⁻¹",
    latex=r"(I - \varepsilon A)^{-1} = I + \varepsilon A + \varepsilon^{2}A^{2} + O(\varepsilon^{3})",
    variables={"A": Matrix("n", "n", "square")},
    f=lambda eps, A: np.linalg.inv(np.eye(len(A)) - eps * A),
    series=lambda eps, A: np.eye(len(A)) + eps * A + eps ** 2 * A @ A,
    order=3,
    notes="The Neumann series cut after the square: the error is of third order in the size of the small matrix. "
          "The Cookbook writes it for a small A; here A is any square matrix and ε the small scale.",
    references=[cookbook(188, note="stated for A with eigenvalues inside the unit circle; an approximation for "
                                   "small A, checked here as an expansion in the scale of A")],
    related=["6PUA", "AUYP"],
    aliases=["approximate inverse of I minus A", "first terms of Neumann series", "small matrix inverse approximation"],
)


Expansion(
    id="AUYP",
    title="Second-order approximation of (I + εA)⁻¹",
    latex=r"(I + \varepsilon A)^{-1} = I - \varepsilon A + \varepsilon^{2}A^{2} + O(\varepsilon^{3})",
    variables={"A": Matrix("n", "n", "square")},
    f=lambda eps, A: np.linalg.inv(np.eye(len(A)) + eps * A),
    series=lambda eps, A: np.eye(len(A)) - eps * A + eps ** 2 * A @ A,
    order=3,
    notes="The alternating Neumann series cut after the square. The Cookbook writes it for a small A; here A is "
          "any square matrix and ε the small scale.",
    references=[cookbook(189, note="stated for A with eigenvalues inside the unit circle; an approximation for "
                                   "small A, checked here as an expansion in the scale of A")],
    related=["6PUA", "L3G8"],
    aliases=["approximate inverse of I plus A", "inverse of identity plus small matrix", "first-order inverse perturbation"],
)


Expansion(
    id="HNLR",
    title="Approximation of A − A(I + A)⁻¹A for a large symmetric A",
    latex=r"A - A(I + A)^{-1}A = I - A^{-1} + O(\varepsilon^{2}), \quad A = \varepsilon^{-1}B",
    symbols={"A": "the large matrix ε⁻¹B"},
    variables={"B": Matrix("n", "n", "symmetric_invertible")},
    f=lambda eps, B: (lambda A: A - A @ np.linalg.solve(np.eye(len(A)) + A, A))(B / eps),
    series=lambda eps, B: np.eye(len(B)) - eps * np.linalg.inv(B),
    order=2,
    notes="Large means that the eigenvalues of A are large, so that its inverse is small: A is a fixed symmetric "
          "invertible B divided by the small ε. Exactly, the left side is the inverse of I + A⁻¹ (Searle's first "
          "identity, (161)), and its Neumann series in A⁻¹ starts with I − A⁻¹; the next term is A⁻², of second "
          "order in ε.",
    references=[cookbook(190)],
    related=["6JV0", "6PUA"],
    aliases=["large matrix approximation", "A minus A (I+A)^-1 A", "inverse of I plus inverse approximation"],
)


Expansion(
    id="956D",
    title="First-order approximation of (Q + σ²M)⁻¹ for small σ",
    latex=r"(Q + \varepsilon M)^{-1} = Q^{-1} - \varepsilon Q^{-1}MQ^{-1} + O(\varepsilon^{2}), \quad \varepsilon = \sigma^{2}",
    symbols={r"\sigma": "the Cookbook's small parameter; its square is the ε of the expansion"},
    variables={"Q": Matrix("n", "n", "invertible"), "M": Matrix("n", "n", "square")},
    f=lambda eps, Q, M: np.linalg.inv(Q + eps * M),
    series=lambda eps, Q, M: np.linalg.inv(Q) - eps * np.linalg.inv(Q) @ M @ np.linalg.inv(Q),
    order=2,
    notes="σ² small compared with Q and M, as for a small noise variance added to a covariance; the expansion is "
          "in σ², so the remainder is of fourth order in σ. The Cookbook's proof, (192)–(197), factors Q out and "
          "expands the remaining inverse in its Neumann series; the first term left out is σ⁴Q⁻¹MQ⁻¹MQ⁻¹.",
    references=[cookbook(191),
                cookbook(197, note="the approximation that ends the proof; the exact series before it is HKVX")],
    related=["8BWB", "HKVX", "AUYP"],
    aliases=["inverse of Q plus sigma squared M", "first-order perturbation of the inverse", "small noise inverse approximation"],
)


Equality(
    id="8BWB",
    title="Factoring Q out of the inverse of Q + σ²M",
    latex=r"(Q + \sigma^{2}M)^{-1} = (QQ^{-1}Q + \sigma^{2}MQ^{-1}Q)^{-1} = ((I + \sigma^{2}MQ^{-1})Q)^{-1}"
          r" = Q^{-1}(I + \sigma^{2}MQ^{-1})^{-1}",
    variables={"Q": Matrix("n", "n", "invertible"), "M": Matrix("n", "n", "square"), "sigma": Scalar()},
    conditions="Q + σ²M is invertible (true of the samples).",
    lhs=lambda Q, M, sigma: np.linalg.inv(Q + sigma ** 2 * M),
    rhs=lambda Q, M, sigma: np.linalg.inv(Q) @ np.linalg.inv(np.eye(len(Q)) + sigma ** 2 * M @ np.linalg.inv(Q)),
    also=[Formula(r"(Q + \sigma^{2}M)^{-1} = (QQ^{-1}Q + \sigma^{2}MQ^{-1}Q)^{-1} = ((I + \sigma^{2}MQ^{-1})Q)^{-1}",
                  lambda Q, M, sigma: np.linalg.inv(Q + sigma ** 2 * M),
                  lambda Q, M, sigma: np.linalg.inv(Q @ np.linalg.inv(Q) @ Q + sigma ** 2 * M @ np.linalg.inv(Q) @ Q),
                  lambda Q, M, sigma: np.linalg.inv((np.eye(len(Q)) + sigma ** 2 * M @ np.linalg.inv(Q)) @ Q))],
    notes="The first steps of the Cookbook's proof of (191): exact for any σ, they write Q as QQ⁻¹Q, take Q out "
          "on the right, and invert the product in reverse order.",
    references=[cookbook(192), cookbook(193), cookbook(194), cookbook(195)],
    related=["956D", "HKVX"],
    aliases=["inverse of Q plus sigma squared M", "factor out Q from inverse"],
)


Equality(
    id="HKVX",
    title="Neumann series of Q⁻¹(I + σ²MQ⁻¹)⁻¹",
    latex=r"Q^{-1}(I + \sigma^{2}MQ^{-1})^{-1} = Q^{-1}\left(I - \sigma^{2}MQ^{-1} + (\sigma^{2}MQ^{-1})^{2} - \dots\right)"
          r" = Q^{-1}\sum_{k=0}^{\infty}(-\sigma^{2}MQ^{-1})^{k}",
    symbols={"k": "the summation index"},
    variables={"Q": Matrix("n", "n", "invertible"), "M": Matrix("n", "n", "square"), "sigma": Scalar()},
    conditions="σ²MQ⁻¹ has spectral radius below one: the sampler sets σ so that it is one half.",
    prepare=lambda rng, values: {**values, "sigma": np.sqrt(
        0.5 / np.max(np.abs(np.linalg.eigvals(values["M"] @ np.linalg.inv(values["Q"])))))},
    lhs=lambda Q, M, sigma: np.linalg.inv(Q) @ np.linalg.inv(np.eye(len(Q)) + sigma ** 2 * M @ np.linalg.inv(Q)),
    rhs=lambda Q, M, sigma: np.linalg.inv(Q) @ _geometric(-sigma ** 2 * M @ np.linalg.inv(Q)),
    notes="The Taylor expansion of the Cookbook's proof of (191) is the Neumann series of the inverse of I + σ²MQ⁻¹: "
          "exact where the series converges, and cut after its first-order term it is the approximation (191), "
          "checked as an expansion in 956D. The check sums the first 1024 terms.",
    references=[cookbook(196), cookbook(197, note="the series; its first-order truncation is checked in 956D")],
    related=["956D", "8BWB", "6PUA"],
    aliases=["Taylor expansion of the inverse", "Neumann series of a perturbed inverse"],
)


# ---------------------------------------------------------------------------------------------------------
# §3.5 and §3.6: the generalized inverse and the pseudo-inverse. The samples are rank deficient (see _low_rank),
# so that none of the identities reduces to one about an ordinary inverse.

Equality(
    id="8KC8",
    title="Generalized inverse: AA⁻A = A, for a whole family of A⁻",
    latex=r"AA^{-}A = A, \quad A^{-} = A^{+} + Z - A^{+}AZAA^{+}",
    variables={"A": Matrix("m", "n"), "Z": Matrix("n", "m")},
    conditions=_LOW_RANK + " Z is any matrix of the shape of Aᵀ.",
    prepare=_low_rank("A"),
    lhs=lambda A, Z: A @ (_pinv(A) + Z - _pinv(A) @ A @ Z @ A @ _pinv(A)) @ A,
    rhs=lambda A, Z: A,
    notes="A generalized inverse only has to reproduce A between two copies of it, so it is not unique: every Z "
          "gives one, and every generalized inverse arises so (Rao and Mitra). The Moore–Penrose inverse is the "
          "one with Z zero, the only one that also meets the three further conditions of the next section.",
    references=[cookbook(198)],
    related=["APMC"],
    aliases=["generalized inverse", "g-inverse", "A minus", "inner inverse", "1-inverse"],
)


Equality(
    id="APMC",
    title="The pseudo-inverse of the pseudo-inverse is the matrix",
    latex=r"(A^{+})^{+} = A",
    variables={"A": Matrix("m", "n")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: _pinv(_pinv(A)),
    rhs=lambda A: A,
    also=[Formula(r"AA^{+}A = A", lambda A: A @ _pinv(A) @ A, lambda A: A),
          Formula(r"A^{+}AA^{+} = A^{+}", lambda A: _pinv(A) @ A @ _pinv(A), lambda A: _pinv(A)),
          Formula(r"(AA^{+})^{\top} = AA^{+}", lambda A: (A @ _pinv(A)).T, lambda A: A @ _pinv(A)),
          Formula(r"(A^{+}A)^{\top} = A^{+}A", lambda A: (_pinv(A) @ A).T, lambda A: _pinv(A) @ A)],
    notes="The four Penrose conditions that define A⁺ in the Cookbook's §3.6.1 (shown below) are symmetric in A "
          "and A⁺, so A is the pseudo-inverse of A⁺. The check computes each pseudo-inverse from a singular value "
          "decomposition.",
    references=[cookbook(199)],
    related=["8KC8", "RUX0"],
    aliases=["pseudo-inverse of pseudo-inverse", "Moore-Penrose inverse is an involution", "Penrose conditions",
             "pinv(pinv(A))"],
)


Equality(
    id="RUX0",
    title="The pseudo-inverse of the transpose is the transpose of the pseudo-inverse",
    latex=r"(A^{\top})^{+} = (A^{+})^{\top}",
    variables={"A": Matrix("m", "n")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: _pinv(A.T),
    rhs=lambda A: _pinv(A).T,
    references=[cookbook(200)],
    related=["QAVJ", "APMC"],
    aliases=["pinv of transpose", "transpose and pseudo-inverse commute", "Moore-Penrose inverse of A transpose"],
)


Equality(
    id="QAVJ",
    title="The pseudo-inverse of the conjugate transpose is the conjugate transpose of the pseudo-inverse",
    latex=r"(A^{H})^{+} = (A^{+})^{H}",
    variables={"A": Matrix("m", "n", "complex")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: _pinv(_H(A)),
    rhs=lambda A: _H(_pinv(A)),
    references=[cookbook(201)],
    related=["RUX0", "DB15"],
    aliases=["pinv of conjugate transpose", "Hermitian transpose and pseudo-inverse commute"],
)


Equality(
    id="DB15",
    title="The pseudo-inverse of the complex conjugate is the conjugate of the pseudo-inverse",
    latex=r"(A^{*})^{+} = (A^{+})^{*}",
    variables={"A": Matrix("s", "t", "complex")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: _pinv(A.conj()),
    rhs=lambda A: _pinv(A).conj(),
    notes="Here A* is the entrywise complex conjugate of A, not its conjugate transpose.",
    references=[cookbook(202)],
    related=["QAVJ"],
    aliases=["pinv of complex conjugate", "conjugate and pseudo-inverse commute"],
)


Equality(
    id="1AKC",
    title="A⁺A fixes the conjugate transpose of A",
    latex=r"(A^{+}A)A^{H} = A^{H}",
    variables={"A": Matrix("m", "n", "complex")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: _pinv(A) @ A @ _H(A),
    rhs=lambda A: _H(A),
    notes="A⁺A is the orthogonal projector onto the row space of A, which the columns of Aᴴ span; with A rank "
          "deficient it is not the identity, so the check is not empty.",
    references=[cookbook(203)],
    related=["PR5L"],
    aliases=["projector onto row space", "A+ A A^H", "pseudo-inverse projector"],
)


Equality(
    id="PR5L",
    title="For a complex A, A⁺A does not fix the transpose of A",
    latex=r"(A^{+}A)A^{\top} - A^{\top} = 2i\operatorname{Im}(A^{+}A)\,A^{\top}",
    symbols={"i": "the imaginary unit"},
    variables={"A": Matrix("m", "n", "complex")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: _pinv(A) @ A @ A.T - A.T,
    rhs=lambda A: 2j * np.imag(_pinv(A) @ A) @ A.T,
    also=[Formula(r"\overline{A^{+}A}\,A^{\top} = A^{\top}", lambda A: (_pinv(A) @ A).conj() @ A.T, lambda A: A.T)],
    notes="The Cookbook states that the transpose, unlike the conjugate transpose, is not fixed. The record "
          "shows by how much: the projector that fixes Aᵀ is the conjugate of A⁺A (shown below), so the failure "
          "is twice i times the imaginary part of A⁺A applied to Aᵀ, which is not zero for the complex, rank "
          "deficient samples (the verifier rejects a side that vanishes on every instance). For a real A the two "
          "projectors agree and the transpose is fixed.",
    references=[cookbook(204, note="printed as an inequation; checked as the exact size of the difference, which "
                                   "is not zero")],
    related=["1AKC"],
    aliases=["A+ A A transpose", "transpose versus conjugate transpose pseudo-inverse"],
)


Equality(
    id="AN49",
    title="Pseudo-inverse of a scalar multiple",
    latex=r"(cA)^{+} = \frac{1}{c}A^{+}",
    variables={"c": Scalar("nonzero_entries"), "A": Matrix("m", "n")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda c, A: _pinv(c * A),
    rhs=lambda c, A: _pinv(A) / c,
    notes="For c not zero; the pseudo-inverse of the zero matrix is zero, so for c zero the left side is zero and "
          "the right undefined.",
    references=[cookbook(205)],
    aliases=["pinv of scaled matrix", "pseudo-inverse of c times A"],
)


Equality(
    id="JMUR",
    title="Pseudo-inverse through the Gram matrix: A⁺ = (AᵀA)⁺Aᵀ",
    latex=r"A^{+} = (A^{\top}A)^{+}A^{\top}",
    variables={"A": Matrix("m", "n")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: _pinv(A),
    rhs=lambda A: _pinv(A.T @ A) @ A.T,
    notes="With A of full column rank the Gram matrix is invertible and this is the least-squares formula "
          "(AᵀA)⁻¹Aᵀ; with pseudo-inverses it holds for every A.",
    references=[cookbook(206)],
    related=["KWXD", "GXG9", "DTCS"],
    aliases=["pseudo-inverse from normal equations", "A+ = (A^T A)^+ A^T", "least squares pseudo-inverse"],
)


Equality(
    id="KWXD",
    title="Pseudo-inverse through the outer Gram matrix: A⁺ = Aᵀ(AAᵀ)⁺",
    latex=r"A^{+} = A^{\top}(AA^{\top})^{+}",
    variables={"A": Matrix("p", "q")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: _pinv(A),
    rhs=lambda A: A.T @ _pinv(A @ A.T),
    notes="With A of full row rank this is the minimum-norm right inverse Aᵀ(AAᵀ)⁻¹; with pseudo-inverses it "
          "holds for every A.",
    references=[cookbook(207)],
    related=["JMUR", "CDPF", "YZR6"],
    aliases=["minimum norm pseudo-inverse", "A+ = A^T (A A^T)^+", "right inverse"],
)


Equality(
    id="GXG9",
    title="Pseudo-inverse of AᵀA: (AᵀA)⁺ = A⁺(Aᵀ)⁺",
    latex=r"(A^{\top}A)^{+} = A^{+}(A^{\top})^{+}",
    variables={"A": Matrix("m", "n")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: _pinv(A.T @ A),
    rhs=lambda A: _pinv(A) @ _pinv(A.T),
    notes="A reverse-order law that holds for every A, although the pseudo-inverse of a general product is not "
          "the product of the pseudo-inverses in reverse order.",
    references=[cookbook(208)],
    related=["CDPF", "JMUR", "FXLS"],
    aliases=["pseudo-inverse of Gram matrix", "pinv(A^T A)", "reverse order law pseudo-inverse"],
)


Equality(
    id="CDPF",
    title="Pseudo-inverse of AAᵀ: (AAᵀ)⁺ = (Aᵀ)⁺A⁺",
    latex=r"(AA^{\top})^{+} = (A^{\top})^{+}A^{+}",
    variables={"A": Matrix("m", "n")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: _pinv(A @ A.T),
    rhs=lambda A: _pinv(A.T) @ _pinv(A),
    references=[cookbook(209)],
    related=["GXG9", "KWXD", "3BVF"],
    aliases=["pseudo-inverse of outer Gram matrix", "pinv(A A^T)"],
)


Equality(
    id="DTCS",
    title="Pseudo-inverse through the Gram matrix, complex: A⁺ = (AᴴA)⁺Aᴴ",
    latex=r"A^{+} = (A^{H}A)^{+}A^{H}",
    variables={"A": Matrix("m", "n", "complex")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: _pinv(A),
    rhs=lambda A: _pinv(_H(A) @ A) @ _H(A),
    references=[cookbook(210)],
    related=["JMUR", "YZR6"],
    aliases=["complex pseudo-inverse from normal equations", "A+ = (A^H A)^+ A^H"],
)


Equality(
    id="YZR6",
    title="Pseudo-inverse through the outer Gram matrix, complex: A⁺ = Aᴴ(AAᴴ)⁺",
    latex=r"A^{+} = A^{H}(AA^{H})^{+}",
    variables={"A": Matrix("p", "q", "complex")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: _pinv(A),
    rhs=lambda A: _H(A) @ _pinv(A @ _H(A)),
    references=[cookbook(211)],
    related=["KWXD", "DTCS"],
    aliases=["complex minimum norm pseudo-inverse", "A+ = A^H (A A^H)^+"],
)


Equality(
    id="FXLS",
    title="Pseudo-inverse of AᴴA: (AᴴA)⁺ = A⁺(Aᴴ)⁺",
    latex=r"(A^{H}A)^{+} = A^{+}(A^{H})^{+}",
    variables={"A": Matrix("m", "n", "complex")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: _pinv(_H(A) @ A),
    rhs=lambda A: _pinv(A) @ _pinv(_H(A)),
    references=[cookbook(212)],
    related=["GXG9", "3BVF"],
    aliases=["complex pseudo-inverse of Gram matrix", "pinv(A^H A)"],
)


Equality(
    id="3BVF",
    title="Pseudo-inverse of AAᴴ: (AAᴴ)⁺ = (Aᴴ)⁺A⁺",
    latex=r"(AA^{H})^{+} = (A^{H})^{+}A^{+}",
    variables={"A": Matrix("m", "n", "complex")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: _pinv(A @ _H(A)),
    rhs=lambda A: _pinv(_H(A)) @ _pinv(A),
    references=[cookbook(213)],
    related=["CDPF", "FXLS"],
    aliases=["complex pseudo-inverse of outer Gram matrix", "pinv(A A^H)"],
)


Equality(
    id="949A",
    title="Pseudo-inverse of a product: (AB)⁺ = (A⁺AB)⁺(ABB⁺)⁺",
    latex=r"(AB)^{+} = (A^{+}AB)^{+}(ABB^{+})^{+}",
    variables={"A": Matrix("p", "q"), "B": Matrix("q", "s")},
    conditions="A and B are rank deficient: the sampler draws each as the product of a thin and a flat factor, of "
               "rank one less than its smaller dimension.",
    prepare=_low_rank("A", "B"),
    lhs=lambda A, B: _pinv(A @ B),
    rhs=lambda A, B: _pinv(_pinv(A) @ A @ B) @ _pinv(A @ B @ _pinv(B)),
    notes="The reverse-order law, B⁺A⁺ for the pseudo-inverse of AB, fails in general; this form of it holds for all A and B (Cline): "
          "project B onto the row space of A and A onto the column space of B first. The Cookbook prints it "
          "twice, as (214) and again as (221).",
    references=[cookbook(214), cookbook(221, note="the same identity as (214)")],
    aliases=["pseudo-inverse of a product", "reverse order law for the Moore-Penrose inverse", "Cline's formula",
             "pinv(AB)"],
)


def _exp_hermitian(S):
    """exp of a Hermitian matrix through its eigendecomposition."""
    w, V = np.linalg.eigh(S)
    return (V * np.exp(w)) @ _H(V)


Equality(
    id="N704",
    title="A function of AᴴA through the same function of AAᴴ",
    latex=r"f(A^{H}A) - f(0)I = A^{+}\left[f(AA^{H}) - f(0)I\right]A",
    symbols={"f": "a function applied to the eigenvalues of a Hermitian matrix; here the exponential"},
    variables={"A": Matrix("m", "n", "complex")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: _exp_hermitian(_H(A) @ A) - np.eye(A.shape[1]),
    rhs=lambda A: _pinv(A) @ (_exp_hermitian(A @ _H(A)) - np.eye(A.shape[0])) @ A,
    notes="AᴴA and AAᴴ share their nonzero eigenvalues, the squared singular values of A, and A⁺ and A carry the "
          "eigenvectors of one to those of the other; subtracting f(0) removes the zero eigenvalues, which the two "
          "need not share. The identity is n × n against m × m matrices of different sizes; the check takes the "
          "exponential for f.",
    references=[cookbook(215)],
    related=["ZCB9"],
    aliases=["function of A^H A", "matrix function and pseudo-inverse", "f(A^T A) and f(A A^T)"],
)


Equality(
    id="ZCB9",
    title="A function of AAᴴ through the same function of AᴴA",
    latex=r"f(AA^{H}) - f(0)I = A\left[f(A^{H}A) - f(0)I\right]A^{+}",
    symbols={"f": "a function applied to the eigenvalues of a Hermitian matrix; here the exponential"},
    variables={"A": Matrix("m", "n", "complex")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: _exp_hermitian(A @ _H(A)) - np.eye(A.shape[0]),
    rhs=lambda A: A @ (_exp_hermitian(_H(A) @ A) - np.eye(A.shape[1])) @ _pinv(A),
    notes="The companion of N704 with the two Gram matrices exchanged; the check takes the exponential for f.",
    references=[cookbook(216)],
    related=["N704"],
    aliases=["function of A A^H", "matrix function and pseudo-inverse"],
)


Equality(
    id="YJL6",
    title="AA⁺ and A⁺A are idempotent",
    latex=r"(AA^{+})(AA^{+}) = AA^{+}",
    variables={"A": Matrix("m", "n")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: (A @ _pinv(A)) @ (A @ _pinv(A)),
    rhs=lambda A: A @ _pinv(A),
    also=[Formula(r"(A^{+}A)(A^{+}A) = A^{+}A", lambda A: (_pinv(A) @ A) @ (_pinv(A) @ A), lambda A: _pinv(A) @ A)],
    notes="AA⁺ and A⁺A are the orthogonal projectors onto the column space and the row space of A. The Cookbook "
          "assumes A of full rank, but no assumption is needed: the check uses rank-deficient A, where neither "
          "projector is the identity.",
    references=[cookbook(217, note="printed under the assumption of full rank, which is not needed"),
                cookbook(218, note="printed under the assumption of full rank, which is not needed")],
    related=["7P1Q"],
    aliases=["projection matrix", "A A+ idempotent", "orthogonal projector onto column space"],
)


Equality(
    id="7P1Q",
    title="The traces of AA⁺ and A⁺A are their ranks",
    latex=r"\operatorname{Tr}(AA^{+}) = \operatorname{rank}(AA^{+})",
    variables={"A": Matrix("m", "n")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=lambda A: np.trace(A @ _pinv(A)),
    rhs=lambda A: float(np.linalg.matrix_rank(A @ _pinv(A), tol=1e-8)),
    also=[Formula(r"\operatorname{Tr}(A^{+}A) = \operatorname{rank}(A^{+}A)",
                  lambda A: np.trace(_pinv(A) @ A), lambda A: float(np.linalg.matrix_rank(_pinv(A) @ A, tol=1e-8)))],
    notes="An idempotent matrix has eigenvalues zero and one only, so its trace counts the ones, which is its rank; "
          "both projectors have the rank of A. The Cookbook assumes A of full rank, which is not needed.",
    references=[cookbook(219, note="printed under the assumption of full rank, which is not needed"),
                cookbook(220, note="printed under the assumption of full rank, which is not needed")],
    related=["YJL6"],
    aliases=["trace of projector equals rank", "trace of A A+", "rank of pseudo-inverse projector"],
)


def _pinv_gram(A):
    """A⁺ without an SVD of A: (AᵀA)⁺Aᵀ with (AᵀA)⁺ from the eigendecomposition of the Gram matrix."""
    w, V = np.linalg.eigh(A.T @ A)
    keep = w > 1e-10 * w[-1]
    return (V[:, keep] / w[keep]) @ V[:, keep].T @ A.T


Equality(
    id="2SFZ",
    title="Pseudo-inverse from the truncated singular value decomposition",
    latex=r"A^{+} = V_{r}D_{r}^{-1}U_{r}^{\top}, \quad A = UDV^{\top}",
    symbols={"U": "the left singular vectors of A", "D": "the singular values of A, on the diagonal",
             "V": "the right singular vectors of A", "r": "the rank of A"},
    variables={"A": Matrix("n", "m")},
    conditions=_LOW_RANK,
    prepare=_low_rank("A"),
    lhs=_pinv_gram,
    rhs=lambda A: (lambda U, s, Vt: (lambda r: Vt[:r].T @ np.diag(1 / s[:r]) @ U[:, :r].T)(
        int(np.sum(s > 1e-10 * s[0]))))(*np.linalg.svd(A)),
    notes="U_r, D_r and V_r keep the r singular vectors and values that belong to nonzero singular values, the "
          "rest deleted. The check compares with the pseudo-inverse built without an SVD, from the eigenvectors of "
          "AᵀA. For A of full rank the Cookbook's §3.6.3 lists the inverse (square), Aᵀ(AAᵀ)⁻¹ (broad) and "
          "(AᵀA)⁻¹Aᵀ (tall); see 4WP4 and PN4V.",
    references=[cookbook(223)],
    related=["JTB4", "PN4V", "4WP4"],
    aliases=["pseudo-inverse from SVD", "truncated SVD inverse", "Moore-Penrose inverse construction", "pinv via svd"],
)


Equality(
    id="JTB4",
    title="Pseudo-inverse from a full-rank factorisation A = CD",
    latex=r"(CD)^{+} = D^{\top}(DD^{\top})^{-1}(C^{\top}C)^{-1}C^{\top}",
    variables={"C": Matrix("n", "r", "full_column_rank"), "D": Matrix("r", "m", "full_row_rank")},
    lhs=lambda C, D: _pinv(C @ D),
    rhs=lambda C, D: D.T @ np.linalg.inv(D @ D.T) @ np.linalg.inv(C.T @ C) @ C.T,
    notes="Every n × m matrix of rank r is such a product of an n × r matrix of full column rank and an r × m "
          "matrix of full row rank, for instance from a pivoted elimination; A⁺ is then the product of the two "
          "one-sided inverses in reverse order. The product CD is rank deficient whenever r is smaller than n and m.",
    references=[cookbook(224)],
    related=["2SFZ"],
    aliases=["pseudo-inverse from rank factorization", "full rank decomposition pseudo-inverse", "CD factorization pinv"],
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
