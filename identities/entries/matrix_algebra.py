"""Basics: inverses, transposes, traces and determinants.

The Matrix Cookbook's chapter 1, eqs. (1)–(31), in its order: the inverse and transpose of products and
sums, the trace and its cyclic property, the determinant and its products and powers, the determinant
of I plus a small or rank-one matrix, and the closed forms for 2 × 2 matrices.
"""
import numpy as np

from identities import Equality, Formula, Matrix, Scalar, Vector, cookbook, ref  # noqa: F401

inv = np.linalg.inv
det = np.linalg.det


# ---------------------------------------------------------------------------------------------
# Chapter 1 opens with the inverse and the transpose of products and sums, eqs. (1)–(6).


Equality(
    id="3QJU",
    title="Inverse of a product",
    latex=r"(AB)^{-1} = B^{-1}A^{-1}",
    variables={"A": Matrix("n", "n", "invertible"), "B": Matrix("n", "n", "invertible")},
    lhs=lambda A, B: inv(A @ B),
    rhs=lambda A, B: inv(B) @ inv(A),
    notes="The order of the factors reverses: B⁻¹A⁻¹ undoes B after A has been undone. Both factors must be "
          "square and invertible; for rectangular factors the pseudo-inverse obeys no such rule in general.",
    references=[cookbook(1), cookbook(155)],
    related=["NGWJ", "CDQC"],
    aliases=["inverse of AB", "inverse of a matrix product", "reverse order law for inverses",
             "socks and shoes rule"],
)


Equality(
    id="NGWJ",
    title="Inverse of a product of several matrices",
    latex=r"(ABC)^{-1} = C^{-1}B^{-1}A^{-1}",
    variables={"A": Matrix("n", "n", "invertible"), "B": Matrix("n", "n", "invertible"),
               "C": Matrix("n", "n", "invertible")},
    lhs=lambda A, B, C: inv(A @ B @ C),
    rhs=lambda A, B, C: inv(C) @ inv(B) @ inv(A),
    notes="The Cookbook writes the product with an open end, ABC…, and its inverse as …C⁻¹B⁻¹A⁻¹: the inverses "
          "of the factors in reverse order, for any number of invertible factors. Three factors are checked "
          "here; more follow by applying the two-factor rule repeatedly.",
    references=[cookbook(2)],
    related=["3QJU"],
    aliases=["inverse of ABC", "inverse of a product of matrices", "reverse order law"],
)


Equality(
    id="DE66",
    title="The inverse of the transpose is the transpose of the inverse",
    latex=r"(A^{\top})^{-1} = (A^{-1})^{\top}",
    variables={"A": Matrix("n", "n", "invertible")},
    lhs=lambda A: inv(A.T),
    rhs=lambda A: inv(A).T,
    notes="Transposing and inverting commute, so either side may be written A⁻ᵀ.",
    references=[cookbook(3)],
    aliases=["inverse transpose", "A to the minus T", "transpose of the inverse", "inverse and transpose commute"],
)


Equality(
    id="SECS",
    title="Transpose of a sum",
    latex=r"(A + B)^{\top} = A^{\top} + B^{\top}",
    variables={"A": Matrix("m", "n"), "B": Matrix("m", "n")},
    lhs=lambda A, B: (A + B).T,
    rhs=lambda A, B: A.T + B.T,
    references=[cookbook(4)],
    aliases=["transpose of A plus B", "transpose is linear", "transpose distributes over addition"],
)


Equality(
    id="CDQC",
    title="Transpose of a product",
    latex=r"(AB)^{\top} = B^{\top}A^{\top}",
    variables={"A": Matrix("m", "n"), "B": Matrix("n", "p")},
    lhs=lambda A, B: (A @ B).T,
    rhs=lambda A, B: B.T @ A.T,
    notes="As for the inverse, the order of the factors reverses; here the factors may be rectangular.",
    references=[cookbook(5)],
    related=["QCKF", "3QJU"],
    aliases=["transpose of AB", "transpose of a matrix product", "reverse order law for transposes"],
)


Equality(
    id="QCKF",
    title="Transpose of a product of several matrices",
    latex=r"(ABC)^{\top} = C^{\top}B^{\top}A^{\top}",
    variables={"A": Matrix("m", "n"), "B": Matrix("n", "p"), "C": Matrix("p", "q")},
    lhs=lambda A, B, C: (A @ B @ C).T,
    rhs=lambda A, B, C: C.T @ B.T @ A.T,
    notes="The Cookbook writes the product with an open end, ABC…, and its transpose as …CᵀBᵀAᵀ: the "
          "transposes in reverse order, for any number of conformable factors. Three rectangular factors are "
          "checked here.",
    references=[cookbook(6)],
    related=["CDQC"],
    aliases=["transpose of ABC", "transpose of a product of matrices", "reverse order law"],
)


# The same rules for the conjugate transpose Aᴴ of complex matrices, eqs. (7)–(10).


def _h(A):
    """The conjugate transpose, entry by entry: (Aᴴ)ᵢⱼ is the complex conjugate of Aⱼᵢ."""
    return np.conj(A).T


Equality(
    id="8D9F",
    title="The inverse of the conjugate transpose is the conjugate transpose of the inverse",
    latex=r"(A^{H})^{-1} = (A^{-1})^{H}",
    variables={"A": Matrix("n", "n", "complex_invertible")},
    lhs=lambda A: inv(A.conj().T),
    rhs=lambda A: _h(inv(A)),
    notes="Inverting and taking the conjugate transpose commute, so either side may be written A⁻ᴴ. For a real "
          "matrix this is the rule for the transpose.",
    references=[cookbook(7)],
    related=["DE66"],
    aliases=["inverse of the Hermitian transpose", "inverse conjugate transpose", "A to the minus H",
             "inverse and adjoint commute"],
)


Equality(
    id="PJKY",
    title="Conjugate transpose of a sum",
    latex=r"(A + B)^{H} = A^{H} + B^{H}",
    variables={"A": Matrix("m", "n", "complex"), "B": Matrix("m", "n", "complex")},
    lhs=lambda A, B: (A + B).conj().T,
    rhs=lambda A, B: _h(A) + _h(B),
    notes="The conjugate transpose is additive; it is conjugate-linear for scalar factors, which come out "
          "conjugated.",
    references=[cookbook(8)],
    related=["SECS"],
    aliases=["Hermitian transpose of a sum", "conjugate transpose of A plus B", "adjoint of a sum"],
)


Equality(
    id="LHZ3",
    title="Conjugate transpose of a product",
    latex=r"(AB)^{H} = B^{H}A^{H}",
    variables={"A": Matrix("m", "n", "complex"), "B": Matrix("n", "p", "complex")},
    lhs=lambda A, B: (A @ B).conj().T,
    rhs=lambda A, B: _h(B) @ _h(A),
    notes="As for the transpose, the order of the factors reverses.",
    references=[cookbook(9)],
    related=["CDQC", "TCSA"],
    aliases=["Hermitian transpose of a product", "conjugate transpose of AB", "adjoint of a product"],
)


Equality(
    id="TCSA",
    title="Conjugate transpose of a product of several matrices",
    latex=r"(ABC)^{H} = C^{H}B^{H}A^{H}",
    variables={"A": Matrix("m", "n", "complex"), "B": Matrix("n", "p", "complex"), "C": Matrix("p", "q", "complex")},
    lhs=lambda A, B, C: (A @ B @ C).conj().T,
    rhs=lambda A, B, C: _h(C) @ _h(B) @ _h(A),
    notes="The Cookbook writes the product with an open end, ABC…, and its conjugate transpose as …CᴴBᴴAᴴ: the "
          "conjugate transposes in reverse order, for any number of conformable factors. Three rectangular "
          "complex factors are checked here.",
    references=[cookbook(10)],
    related=["QCKF", "LHZ3"],
    aliases=["Hermitian transpose of ABC", "conjugate transpose of a product of matrices", "adjoint of a product"],
)


# ---------------------------------------------------------------------------------------------
# §1.1 Trace, eqs. (11)–(17).


Equality(
    id="UXDH",
    title="The trace is the sum of the diagonal entries",
    latex=r"\operatorname{tr}(A) = \sum_{i} A_{ii}",
    symbols={"i": "the index of a diagonal entry, from 1 to n"},
    variables={"A": Matrix("n", "n", "square")},
    lhs=lambda A: np.trace(A),
    rhs=lambda A: sum(A[i, i] for i in range(len(A))),
    notes="The definition of the trace of a square matrix. The check confirms that the library trace is the "
          "sum of the diagonal entries taken one by one.",
    references=[cookbook(11)],
    aliases=["trace definition", "sum of diagonal elements", "trace of a matrix"],
)


Equality(
    id="KWCL",
    title="The trace is the sum of the eigenvalues",
    latex=r"\operatorname{tr}(A) = \sum_{i} \lambda_{i}",
    symbols={r"\lambda": "λᵢ, the eigenvalues of A, counted with multiplicity", "i": "the index of an eigenvalue"},
    variables={"A": Matrix("m", "m", "square")},
    lhs=lambda A: np.trace(A),
    rhs=lambda A: np.sum(np.linalg.eigvals(A)).real,
    notes="For a general real matrix the eigenvalues are complex, in conjugate pairs, so their sum is real: "
          "the check sums the eigenvalues the library returns and keeps the real part (the imaginary part is "
          "rounding only). The identity holds because the trace is the coefficient of λⁿ⁻¹ in the "
          "characteristic polynomial, up to sign.",
    references=[cookbook(12)],
    related=["UXDH", "UCTR"],
    aliases=["trace equals sum of eigenvalues", "sum of eigenvalues", "trace and eigenvalues"],
)


Equality(
    id="R6YT",
    title="The trace of the transpose",
    latex=r"\operatorname{tr}(A) = \operatorname{tr}(A^{\top})",
    variables={"A": Matrix("p", "p", "square")},
    lhs=lambda A: np.trace(A),
    rhs=lambda A: np.trace(A.T),
    notes="A and its transpose share their diagonal.",
    references=[cookbook(13)],
    aliases=["trace of transpose", "trace invariant under transposition"],
)


Equality(
    id="H4PQ",
    title="The trace of a product does not depend on the order of two factors",
    latex=r"\operatorname{tr}(AB) = \operatorname{tr}(BA)",
    variables={"A": Matrix("m", "n"), "B": Matrix("n", "m")},
    lhs=lambda A, B: np.trace(A @ B),
    rhs=lambda A, B: np.trace(B @ A),
    notes="With A of size m × n and B of size n × m, AB is m × m and BA is n × n: the two products differ even "
          "in size, yet their traces agree.",
    references=[cookbook(14)],
    related=["R18F"],
    aliases=["trace of AB equals trace of BA", "commutativity of trace", "trace of a product"],
)


Equality(
    id="QWL4",
    title="The trace of a sum",
    latex=r"\operatorname{tr}(A + B) = \operatorname{tr}(A) + \operatorname{tr}(B)",
    variables={"A": Matrix("n", "n", "square"), "B": Matrix("n", "n", "square")},
    lhs=lambda A, B: np.trace(A + B),
    rhs=lambda A, B: np.trace(A) + np.trace(B),
    notes="The trace is linear.",
    references=[cookbook(15)],
    aliases=["trace is linear", "trace of A plus B", "additivity of trace"],
)


Equality(
    id="R18F",
    title="Cyclic property of the trace",
    latex=r"\operatorname{tr}(ABC) = \operatorname{tr}(BCA)",
    variables={"A": Matrix("m", "n"), "B": Matrix("n", "p"), "C": Matrix("p", "m")},
    lhs=lambda A, B, C: np.trace(A @ B @ C),
    rhs=lambda A, B, C: np.trace(B @ C @ A),
    also=[Formula(r"\operatorname{tr}(ABC) = \operatorname{tr}(CAB)",
                  lambda A, B, C: np.trace(A @ (B @ C)), lambda A, B, C: np.trace(C @ A @ B))],
    notes="The factors may move cyclically, the last to the front, but not be permuted at will: tr(ACB) "
          "differs in general, and with these rectangular shapes it is not even defined.",
    references=[cookbook(16)],
    related=["H4PQ"],
    aliases=["cyclic trace", "trace cyclic permutation", "trace of ABC", "invariance of trace under cyclic permutations"],
)


Equality(
    id="UFFF",
    title="The squared norm of a vector as the trace of its outer product",
    latex=r"a^{\top}a = \operatorname{tr}(aa^{\top})",
    variables={"a": Vector("n")},
    lhs=lambda a: a @ a,
    rhs=lambda a: np.trace(np.outer(a, a)),
    notes="The trace of the n × n matrix aaᵀ is the 1 × 1 product aᵀa: the cyclic property with a rectangular "
          "factor.",
    references=[cookbook(17)],
    related=["H4PQ"],
    aliases=["inner product as trace", "trace of outer product", "squared norm trace"],
)


# ---------------------------------------------------------------------------------------------
# §1.2 Determinant, eqs. (18)–(28); (28) is an erratum, entry W13K in the Determinants topic.


Equality(
    id="UCTR",
    title="The determinant is the product of the eigenvalues",
    latex=r"\det(A) = \prod_{i} \lambda_{i}",
    symbols={r"\lambda": "λᵢ, the eigenvalues of A, counted with multiplicity", "i": "the index of an eigenvalue"},
    variables={"A": Matrix("m", "m", "square")},
    lhs=lambda A: det(A),
    rhs=lambda A: np.prod(np.linalg.eigvals(A)).real,
    notes="For a general real matrix the eigenvalues are complex, in conjugate pairs, so their product is real: "
          "the check multiplies the eigenvalues the library returns and keeps the real part (the imaginary part "
          "is rounding only). The determinant is the constant term of the characteristic polynomial, up to sign.",
    references=[cookbook(18)],
    related=["KWCL"],
    aliases=["determinant equals product of eigenvalues", "product of eigenvalues", "determinant and eigenvalues"],
)


Equality(
    id="D5S2",
    title="Determinant of a scalar multiple",
    latex=r"\det(cA) = c^{n}\det(A)",
    variables={"c": Scalar(), "A": Matrix("n", "n", "square")},
    lhs=lambda c, A: det(c * A),
    rhs=lambda c, A: c ** len(A) * det(A),
    notes="Each of the n rows of A is scaled by c, and the determinant is linear in every row.",
    references=[cookbook(19)],
    aliases=["determinant of c times A", "scaling a matrix determinant", "det of scalar multiple"],
)


Equality(
    id="ACTU",
    title="Determinant of the transpose",
    latex=r"\det(A^{\top}) = \det(A)",
    variables={"A": Matrix("n", "n", "square")},
    lhs=lambda A: det(A.T),
    rhs=lambda A: det(A),
    references=[cookbook(20)],
    aliases=["determinant of transpose", "det A transpose"],
)


Equality(
    id="N0UC",
    title="Determinant of a product",
    latex=r"\det(AB) = \det(A)\det(B)",
    variables={"A": Matrix("n", "n", "square"), "B": Matrix("n", "n", "square")},
    lhs=lambda A, B: det(A @ B),
    rhs=lambda A, B: det(A) * det(B),
    notes="The determinant is multiplicative. For square factors it needs no invertibility; for rectangular A "
          "and B the Cauchy–Binet formula takes its place.",
    references=[cookbook(21)],
    aliases=["determinant is multiplicative", "det of AB", "product rule for determinants"],
)


Equality(
    id="4BV5",
    title="Determinant of the inverse",
    latex=r"\det(A^{-1}) = \frac{1}{\det(A)}",
    variables={"A": Matrix("n", "n", "invertible")},
    lhs=lambda A: det(inv(A)),
    rhs=lambda A: 1.0 / det(A),
    notes="It follows from the determinant of a product applied to A times its inverse, whose determinant is 1.",
    references=[cookbook(22)],
    related=["N0UC"],
    aliases=["determinant of inverse", "det A inverse", "reciprocal determinant"],
)


def _positive_integer_k(rng, values):
    values["k"] = np.float64(rng.integers(1, 6))
    return values


Equality(
    id="DYF7",
    title="Determinant of a matrix power",
    latex=r"\det(A^{k}) = \det(A)^{k}",
    variables={"A": Matrix("n", "n", "square"), "k": Scalar()},
    conditions="k is a positive integer, drawn from 1 to 5 (the Cookbook names the exponent n, the letter it also "
               "uses for the size).",
    prepare=_positive_integer_k,
    lhs=lambda A, k: det(np.linalg.matrix_power(A, int(k))),
    rhs=lambda A, k: det(A) ** k,
    notes="Repeated use of the determinant of a product. For an invertible A it holds for negative integer "
          "powers too.",
    # A is any square matrix, so det(Aᵏ) is a determinant of condition up to κ(A)⁵: over 1000 seeds the
    # largest relative difference of the two sides was 7.7e-6
    tolerance=5e-5,
    references=[cookbook(23)],
    related=["N0UC"],
    aliases=["determinant of a power", "det of A to the n", "determinant of matrix power"],
)


Equality(
    id="G6QA",
    title="Determinant of the identity plus a rank-one matrix",
    latex=r"\det(I + uv^{\top}) = 1 + u^{\top}v",
    variables={"u": Vector("n"), "v": Vector("n")},
    lhs=lambda u, v: det(np.eye(len(u)) + np.outer(u, v)),
    rhs=lambda u, v: 1.0 + u @ v,
    notes="The rank-one matrix uvᵀ has the single nonzero eigenvalue vᵀu, so I + uvᵀ has the eigenvalue "
          "1 + vᵀu once and 1 otherwise. The general form with an invertible A in place of I is the matrix "
          "determinant lemma.",
    references=[cookbook(24)],
    aliases=["matrix determinant lemma", "determinant of rank one update", "det I plus u v transpose",
             "Sylvester determinant identity rank one"],
)


Equality(
    id="51KN",
    title="Determinant of I + A for a 2 × 2 matrix",
    latex=r"\det(I + A) = 1 + \det(A) + \operatorname{tr}(A)",
    variables={"A": Matrix(2, 2, "square")},
    lhs=lambda A: det(np.eye(2) + A),
    rhs=lambda A: 1.0 + det(A) + np.trace(A),
    notes="Exact for 2 × 2 matrices only: in general det(I + A) is the sum of the elementary symmetric "
          "functions of the eigenvalues of A, and for n equal to 2 these are 1, the trace and the determinant.",
    references=[cookbook(25)],
    related=["RHMX", "FAYJ", "W13K"],
    aliases=["det I plus A 2x2", "determinant of identity plus matrix 2 by 2"],
)


Equality(
    id="RHMX",
    title="Determinant of I + A for a 3 × 3 matrix",
    latex=r"\det(I + A) = 1 + \det(A) + \operatorname{tr}(A) + \frac{1}{2}\operatorname{tr}(A)^{2} - "
          r"\frac{1}{2}\operatorname{tr}(A^{2})",
    variables={"A": Matrix(3, 3, "square")},
    lhs=lambda A: det(np.eye(3) + A),
    rhs=lambda A: 1.0 + det(A) + np.trace(A) + np.trace(A) ** 2 / 2 - np.trace(A @ A) / 2,
    notes="Exact for 3 × 3 matrices only. The two halves together are the second elementary symmetric function "
          "of the eigenvalues, the sum of their products in pairs, written with traces of powers (Newton's "
          "identities).",
    references=[cookbook(26)],
    related=["51KN", "FAYJ", "W13K"],
    aliases=["det I plus A 3x3", "determinant of identity plus matrix 3 by 3", "Newton identities determinant"],
)


Equality(
    id="FAYJ",
    title="Determinant of I + A for a 4 × 4 matrix",
    latex=r"\det(I + A) = 1 + \det(A) + \operatorname{tr}(A) + \frac{1}{2}\operatorname{tr}(A)^{2} - "
          r"\frac{1}{2}\operatorname{tr}(A^{2}) + \frac{1}{6}\operatorname{tr}(A)^{3} - "
          r"\frac{1}{2}\operatorname{tr}(A)\operatorname{tr}(A^{2}) + \frac{1}{3}\operatorname{tr}(A^{3})",
    variables={"A": Matrix(4, 4, "square")},
    lhs=lambda A: det(np.eye(4) + A),
    rhs=lambda A: (1.0 + det(A) + np.trace(A) + np.trace(A) ** 2 / 2 - np.trace(A @ A) / 2
                   + np.trace(A) ** 3 / 6 - np.trace(A) * np.trace(A @ A) / 2 + np.trace(A @ A @ A) / 3),
    notes="Exact for 4 × 4 matrices only. The last three terms are the third elementary symmetric function of "
          "the eigenvalues, the sum of their products in threes, written with traces of powers.",
    references=[cookbook(27)],
    related=["51KN", "RHMX", "W13K"],
    aliases=["det I plus A 4x4", "determinant of identity plus matrix 4 by 4"],
)


# ---------------------------------------------------------------------------------------------
# §1.3 The special case 2 × 2, eqs. (29)–(31), with the unnumbered eigenvalue formulas between them.

_ENTRIES = {"A_11": "the entry of A in row 1, column 1", "A_12": "the entry of A in row 1, column 2",
            "A_21": "the entry of A in row 2, column 1", "A_22": "the entry of A in row 2, column 2"}


Equality(
    id="CY25",
    title="Determinant of a 2 × 2 matrix",
    latex=r"\det(A) = A_{11}A_{22} - A_{12}A_{21}",
    symbols=_ENTRIES,
    variables={"A": Matrix(2, 2, "square")},
    lhs=lambda A: det(A),
    rhs=lambda A: A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0],
    references=[cookbook(29)],
    aliases=["2x2 determinant", "ad minus bc", "determinant of a two by two matrix"],
)


Equality(
    id="CMGM",
    title="Trace of a 2 × 2 matrix",
    latex=r"\operatorname{tr}(A) = A_{11} + A_{22}",
    symbols={"A_11": _ENTRIES["A_11"], "A_22": _ENTRIES["A_22"]},
    variables={"A": Matrix(2, 2, "square")},
    lhs=lambda A: np.trace(A),
    rhs=lambda A: A[0, 0] + A[1, 1],
    references=[cookbook(30)],
    aliases=["2x2 trace", "a plus d", "trace of a two by two matrix"],
)


# The closed-form eigenvalues of a 2 × 2 matrix, λ₁ with the plus sign and λ₂ with the minus sign.
def _lambdas_2x2(A):
    t = A[0, 0] + A[1, 1]
    s = np.sqrt(t * t - 4 * (A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]))
    return np.array([(t + s) / 2, (t - s) / 2])


# A 2 × 2 matrix with A₁₂A₂₁ > 0 (both off-diagonal entries at least 1/2 in size, of one sign): the
# discriminant (A₁₁ − A₂₂)² + 4A₁₂A₂₁ is then at least 1, so the eigenvalues are real and distinct.
def _real_eigenvalues_2x2(rng, values):
    A = np.array(values["A"], dtype=float)
    sign = 1.0 if rng.random() < 0.5 else -1.0
    A[0, 1] = sign * (0.5 + abs(A[0, 1]))
    A[1, 0] = sign * (0.5 + abs(A[1, 0]))
    values["A"] = A
    return values


def _v(A, k):
    lam = _lambdas_2x2(A)[k]
    return np.array([A[0, 1], lam - A[0, 0]])


Equality(
    id="REL9",
    title="Eigenvalues and eigenvectors of a 2 × 2 matrix",
    latex=r"\lambda_{1} = \frac{\operatorname{tr}(A) + \sqrt{\operatorname{tr}(A)^{2} - 4\det(A)}}{2},\quad "
          r"\lambda_{2} = \frac{\operatorname{tr}(A) - \sqrt{\operatorname{tr}(A)^{2} - 4\det(A)}}{2}",
    symbols={r"\lambda": "λ₁ and λ₂, the eigenvalues of A (λ₁ the larger); λ without an index, either of them",
             "i": "the index of an eigenvalue, 1 or 2",
             "v_1": "an eigenvector for λ₁", "v_2": "an eigenvector for λ₂",
             "A_11": _ENTRIES["A_11"], "A_12": _ENTRIES["A_12"]},
    variables={"A": Matrix(2, 2, "square")},
    conditions="The off-diagonal entries of A have the same sign, so that the eigenvalues are real and distinct "
               "(the formulas hold with complex square roots otherwise).",
    prepare=_real_eigenvalues_2x2,
    lhs=lambda A: np.sort(np.linalg.eigvals(A).real)[::-1],
    rhs=lambda A: np.array([np.trace(A) + np.sqrt(np.trace(A) ** 2 - 4 * det(A)),
                            np.trace(A) - np.sqrt(np.trace(A) ** 2 - 4 * det(A))]) / 2,
    also=[
        Formula(r"\lambda^{2} - \lambda\operatorname{tr}(A) + \det(A) = 0 \;\Longleftrightarrow\; "
                r"\lambda_{i}^{2} = \lambda_{i}\operatorname{tr}(A) - \det(A),\ i = 1, 2",
                lambda A: _lambdas_2x2(A) ** 2, lambda A: _lambdas_2x2(A) * np.trace(A) - det(A)),
        Formula(r"\lambda_{1} + \lambda_{2} = \operatorname{tr}(A)",
                lambda A: np.sum(_lambdas_2x2(A)), lambda A: np.trace(A)),
        Formula(r"\lambda_{1}\lambda_{2} = \det(A)",
                lambda A: np.prod(_lambdas_2x2(A)), lambda A: det(A)),
        Formula(r"Av_{1} = \lambda_{1}v_{1},\quad v_{1} = \begin{bmatrix} A_{12} \\ \lambda_{1} - A_{11} \end{bmatrix}",
                lambda A: A @ _v(A, 0), lambda A: _lambdas_2x2(A)[0] * _v(A, 0)),
        Formula(r"Av_{2} = \lambda_{2}v_{2},\quad v_{2} = \begin{bmatrix} A_{12} \\ \lambda_{2} - A_{11} \end{bmatrix}",
                lambda A: A @ _v(A, 1), lambda A: _lambdas_2x2(A)[1] * _v(A, 1)),
    ],
    notes="The Cookbook prints these between its eqs. (30) and (31) without numbers: the roots of the "
          "characteristic polynomial, their sum and product, and an eigenvector for each, in the direction given "
          "(any nonzero multiple is an eigenvector too). The check compares the closed forms with the "
          "eigenvalues the library computes, largest first.",
    references=[ref("matrix-cookbook-2012", "§1.3, the unnumbered eigenvalue and eigenvector formulas")],
    related=["CY25", "CMGM", "KWCL", "UCTR"],
    aliases=["2x2 eigenvalues", "eigenvalues of a two by two matrix", "quadratic formula eigenvalues",
             "characteristic polynomial 2x2", "2x2 eigenvectors"],
)


Equality(
    id="PQWC",
    title="Inverse of a 2 × 2 matrix",
    latex=r"A^{-1} = \frac{1}{\det(A)}\begin{bmatrix} A_{22} & -A_{12} \\ -A_{21} & A_{11} \end{bmatrix}",
    symbols=_ENTRIES,
    variables={"A": Matrix(2, 2, "invertible")},
    lhs=lambda A: inv(A),
    rhs=lambda A: np.array([[A[1, 1], -A[0, 1]], [-A[1, 0], A[0, 0]]]) / (A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]),
    notes="Swap the diagonal entries, negate the off-diagonal ones and divide by the determinant: the matrix in "
          "brackets is the adjugate of A.",
    references=[cookbook(31)],
    related=["CY25"],
    aliases=["2x2 inverse", "inverse of a two by two matrix", "inverse formula 2 by 2", "adjugate 2x2"],
)
