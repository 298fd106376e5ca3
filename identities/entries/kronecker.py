"""Vec and Kronecker products.

The vec operator stacks the columns of a matrix (numpy order="F"), and the Kronecker product turns
matrix products into matrix-vector products: vec(AXB) = (Bᵀ⊗A) vec X. With them, the Jacobian of a
matrix function and the Hessian of a scalar function of a matrix are ordinary matrices, read off
from differentials (Magnus and Neudecker's identification rules).
"""
import numpy as np

from identities import Differential, Equality, Erratum, Formula, Hessian, Matrix, Scalar, Step, Vector, cookbook, ref
from identities.entries import vec


def commutation(m, n):
    """K_{mn}, the mn × mn permutation with K_{mn} vec(A) = vec(Aᵀ) for every m × n matrix A."""
    K = np.zeros((m * n, m * n))
    for i in range(m):
        for j in range(n):
            K[j + i * n, i + j * m] = 1.0
    return K


K_SYMBOL = {"K": "the commutation matrix: K_{mn} vec(A) = vec(Aᵀ) for A of size m × n"}

inv = np.linalg.inv


# Gradients whose differentials the Hessian derivations take (D(g)); module level, so each keeps its identity.
def _grad_trace_XtAXB(X, A, B):
    return A @ X @ B + A.T @ X @ B.T


def _grad_least_squares(A, X, B, C):
    return A.T @ (A @ X @ B - C) @ B.T


def _grad_bilinear_gram(X, b, c):
    return X @ (np.outer(b, c) + np.outer(c, b))


def _inverse_transpose(X):
    return inv(X).T

# --------------------------------------------------------------------------------------------
# The Kronecker product (Cookbook §10.2.1)

Equality(
    id="JT78",
    title="Transpose of a Kronecker product",
    latex=r"(A \otimes B)^{\top} = A^{\top} \otimes B^{\top}",
    variables={"A": Matrix("m", "n"), "B": Matrix("p", "q")},
    lhs=lambda A, B: np.kron(A, B).T,
    rhs=lambda A, B: np.kron(A.T, B.T),
    notes="The order of the factors is kept: unlike the transpose of a product, nothing is reversed.",
    references=[cookbook(510), ref("magnus-neudecker-2019", "ch. 2, the Kronecker product")],
    aliases=["kronecker transpose", "transpose of tensor product", "(A kron B) transpose"],
)

Equality(
    id="ZR8W",
    title="Mixed-product rule (A⊗B)(C⊗D) = AC⊗BD",
    latex=r"(A \otimes B)(C \otimes D) = (AC) \otimes (BD)",
    variables={"A": Matrix("m", "n"), "B": Matrix("p", "q"), "C": Matrix("n", "m"), "D": Matrix("q", "p")},
    lhs=lambda A, B, C, D: np.kron(A, B) @ np.kron(C, D),
    rhs=lambda A, B, C, D: np.kron(A @ C, B @ D),
    conditions="The products AC and BD exist: C has as many rows as A has columns, D as many rows as B has columns.",
    notes="The rule behind most Kronecker identities: the inverse, the eigenvalues and vec(AXB) all follow from it.",
    references=[cookbook(511), ref("magnus-neudecker-2019", "ch. 2, the Kronecker product")],
    aliases=["mixed product property", "kronecker product of products", "kron(A,B) kron(C,D)"],
)

Equality(
    id="DHJ7",
    title="Inverse of a Kronecker product",
    latex=r"(A \otimes B)^{-1} = A^{-1} \otimes B^{-1}",
    variables={"A": Matrix("n", "n", "invertible"), "B": Matrix("m", "m", "invertible")},
    lhs=lambda A, B: np.linalg.inv(np.kron(A, B)),
    rhs=lambda A, B: np.kron(np.linalg.inv(A), np.linalg.inv(B)),
    notes="A⊗B is invertible exactly when A and B both are. The order of the factors is kept.",
    references=[cookbook(512), ref("magnus-neudecker-2019", "ch. 2, the Kronecker product")],
    aliases=["kronecker inverse", "inverse of tensor product", "inv(kron(A, B))"],
)

Equality(
    id="BUSK",
    title="Pseudo-inverse of a Kronecker product",
    latex=r"(A \otimes B)^{+} = A^{+} \otimes B^{+}",
    variables={"A": Matrix("m", "n", "full_column_rank"), "B": Matrix("p", "q", "full_row_rank")},
    lhs=lambda A, B: np.linalg.pinv(np.kron(A, B)),
    rhs=lambda A, B: np.kron(np.linalg.pinv(A), np.linalg.pinv(B)),
    notes="Holds for the Moore–Penrose inverse of any A and B; checked here with a tall and a wide factor, "
          "so that A⊗B is neither.",
    references=[cookbook(513), cookbook(222)],
    aliases=["Moore-Penrose inverse of kronecker product", "pinv of kron", "kronecker pseudoinverse"],
)

Equality(
    id="V59G",
    title="Trace of a Kronecker product",
    latex=r"\operatorname{tr}(A \otimes B) = \operatorname{tr}(A)\,\operatorname{tr}(B)",
    variables={"A": Matrix("n", "n", "square"), "B": Matrix("m", "m", "square")},
    lhs=lambda A, B: np.trace(np.kron(A, B)),
    rhs=lambda A, B: np.trace(A) * np.trace(B),
    references=[cookbook(515)],
    aliases=["kronecker trace", "trace of tensor product", "tr(kron(A, B))"],
)

Equality(
    id="46KY",
    title="Determinant of a Kronecker product",
    latex=r"\det(A \otimes B) = \det(A)^{m}\,\det(B)^{n}",
    variables={"A": Matrix("n", "n", "square"), "B": Matrix("m", "m", "square")},
    lhs=lambda A, B: np.linalg.det(np.kron(A, B)),
    rhs=lambda A, B: np.linalg.det(A) ** B.shape[0] * np.linalg.det(B) ** A.shape[0],
    notes="Each determinant is raised to the size of the OTHER factor (A is n × n, B is m × m). The Cookbook "
          "writes the exponents as rank(B) and rank(A): the sizes when both factors are invertible; when one is "
          "singular both forms give zero (except when both are zero matrices, where the rank form reads 0⁰·0⁰).",
    references=[cookbook(516, note="printed with exponents rank(B) and rank(A)"),
                ref("magnus-neudecker-2019", "ch. 2, the Kronecker product")],
    aliases=["kronecker determinant", "det of tensor product", "det(kron(A, B))"],
)

Equality(
    id="A2CD",
    title="Eigenvalues of a Kronecker product are the products of eigenvalues",
    latex=r"\operatorname{eig}(A \otimes B) = \{\lambda_i(A)\,\lambda_j(B)\}_{i,j} "
          r"= \operatorname{eig}(A) \otimes \operatorname{eig}(B)",
    variables={"A": Matrix("n", "n", "symmetric"), "B": Matrix("m", "m", "symmetric")},
    symbols={r"\lambda": "an eigenvalue", "i": "an index over the eigenvalues of A",
             "j": "an index over the eigenvalues of B"},
    lhs=lambda A, B: np.sort(np.linalg.eigvalsh(np.kron(A, B))),
    rhs=lambda A, B: np.sort(np.kron(np.linalg.eigvalsh(A), np.linalg.eigvalsh(B))),
    notes="Compared as sorted lists (the eigenvalues of A⊗B are the nm products, with multiplicity). The "
          "Cookbook states the set form for symmetric A and B; it holds for all square A and B (with complex "
          "eigenvalues): for diagonalisable factors, the eigenvector matrices U of A and V of B give U⊗V, which "
          "diagonalises A⊗B by the mixed-product rule.",
    references=[cookbook(518), cookbook(519)],
    aliases=["kronecker eigenvalues", "spectrum of tensor product", "eigenvalues of kron(A, B)"],
)

# --------------------------------------------------------------------------------------------
# The vec operator (Cookbook §10.2.2)

Equality(
    id="DMEZ",
    title="vec of a product as a Kronecker product: vec(AXB) = (Bᵀ⊗A) vec X",
    latex=r"\operatorname{vec}(AXB) = (B^{\top} \otimes A)\operatorname{vec}(X)",
    variables={"A": Matrix("p", "m"), "X": Matrix("m", "n"), "B": Matrix("n", "q")},
    lhs=lambda A, X, B: vec(A @ X @ B),
    rhs=lambda A, X, B: np.kron(B.T, A) @ vec(X),
    also=[Formula(r"\operatorname{vec}_{r}(AXB) = (A \otimes B^{\top})\operatorname{vec}_{r}(X)",
                  lambda A, X, B: (A @ X @ B).reshape(-1), lambda A, X, B: np.kron(A, B.T) @ X.reshape(-1))],
    symbols={"r": "vec_r stacks the rows instead of the columns"},
    notes="vec stacks columns (column-major, numpy's order \"F\"). With rows stacked instead (numpy's default "
          "reshape), the rule reads as shown above.",
    references=[cookbook(520), ref("magnus-neudecker-2019", "ch. 2, the vec operator")],
    aliases=["vec trick", "vectorization of a matrix product", "Roth's column lemma", "vec(AXB) kronecker"],
)

Equality(
    id="N08X",
    title="Trace of AᵀB as an inner product of vecs",
    latex=r"\operatorname{tr}(A^{\top}B) = \operatorname{vec}(A)^{\top}\operatorname{vec}(B)",
    variables={"A": Matrix("m", "n"), "B": Matrix("m", "n")},
    lhs=lambda A, B: np.trace(A.T @ B),
    rhs=lambda A, B: vec(A) @ vec(B),
    also=[Formula(r"\operatorname{tr}(A^{\top}B) = \sum_{i,j} A_{ij}B_{ij}",
                  lambda A, B: np.trace(A.T @ B), lambda A, B: np.sum(A * B))],
    symbols={"i": "a row index", "j": "a column index"},
    notes="The Frobenius inner product of A and B, the sum of the products of matching entries, in three "
          "notations; it is why a differential of the form tr(Gᵀ dX) identifies G as the gradient.",
    references=[cookbook(521), ref("magnus-neudecker-2019", "ch. 2, the vec operator")],
    aliases=["Frobenius inner product", "trace inner product", "tr(A^T B) vec"],
)

Equality(
    id="79FZ",
    title="vec is linear",
    latex=r"\operatorname{vec}(\alpha A + \beta B) = \alpha\operatorname{vec}(A) + \beta\operatorname{vec}(B)",
    variables={"alpha": Scalar(), "beta": Scalar(), "A": Matrix("m", "n"), "B": Matrix("m", "n")},
    lhs=lambda alpha, beta, A, B: vec(alpha * A + beta * B),
    rhs=lambda alpha, beta, A, B: alpha * vec(A) + beta * vec(B),
    references=[cookbook(522), cookbook(523)],
    aliases=["vec of a sum", "vec(A+B)", "linearity of vec"],
)

Equality(
    id="S4DN",
    title="Quadratic form aᵀXBXᵀc in vec X",
    latex=r"a^{\top}XBX^{\top}c = \operatorname{vec}(X)^{\top}(B^{\top} \otimes ca^{\top})\operatorname{vec}(X)",
    variables={"a": Vector("m"), "X": Matrix("m", "n"), "B": Matrix("n", "n", "square"), "c": Vector("m")},
    lhs=lambda a, X, B, c: a @ X @ B @ X.T @ c,
    rhs=lambda a, X, B, c: vec(X) @ np.kron(B.T, np.outer(c, a)) @ vec(X),
    also=[Formula(r"a^{\top}XBX^{\top}c = \operatorname{vec}(X)^{\top}(B \otimes ac^{\top})\operatorname{vec}(X)",
                  lambda a, X, B, c: a @ X @ B @ X.T @ c,
                  lambda a, X, B, c: vec(X) @ np.kron(B, np.outer(a, c)) @ vec(X))],
    derivation=[
        Step(r"a^{\top}XBX^{\top}c = \operatorname{tr}\left(X^{\top}ca^{\top}XB\right)",
             lambda a, X, B, c: a @ X @ B @ X.T @ c, lambda a, X, B, c: np.trace(X.T @ np.outer(c, a) @ X @ B)),
        Step(r"= \operatorname{vec}(X)^{\top}\operatorname{vec}\left(ca^{\top}XB\right)",
             lambda a, X, B, c: np.trace(X.T @ np.outer(c, a) @ X @ B),
             lambda a, X, B, c: vec(X) @ vec(np.outer(c, a) @ X @ B), uses=["N08X"]),
        Step(r"= \operatorname{vec}(X)^{\top}(B^{\top} \otimes ca^{\top})\operatorname{vec}(X)",
             lambda a, X, B, c: vec(X) @ vec(np.outer(c, a) @ X @ B),
             lambda a, X, B, c: vec(X) @ np.kron(B.T, np.outer(c, a)) @ vec(X), uses=["DMEZ"]),
    ],
    notes="The form shown above with B and acᵀ is the same quadratic form transposed.",
    errata=[Erratum(cookbook(524),
                    "The Cookbook's (524) prints vec(X)ᵀ(B ⊗ caᵀ)vec(X). That agrees with aᵀXBXᵀc only when B is "
                    "symmetric or c is parallel to a; in general B must be transposed (or caᵀ replaced by acᵀ). "
                    "A random X and B already tell the two apart.",
                    printed=r"a^{\top}XBX^{\top}c = \operatorname{vec}(X)^{\top}(B \otimes ca^{\top})"
                            r"\operatorname{vec}(X)",
                    rhs=lambda a, X, B, c: vec(X) @ np.kron(B, np.outer(c, a)) @ vec(X))],
    references=[cookbook(524, note="printed with B where Bᵀ is needed; correct as printed only for symmetric B")],
    aliases=["vec quadratic form", "a^T X B X^T c kronecker", "quadratic form in vec X"],
)

Equality(
    id="ACUB",
    title="tr(ABCD) as a bilinear form in vec B and vec Dᵀ",
    latex=r"\operatorname{tr}(ABCD) = \operatorname{vec}(D^{\top})^{\top}(C^{\top} \otimes A)\operatorname{vec}(B)",
    variables={"A": Matrix("m", "n"), "B": Matrix("n", "p"), "C": Matrix("p", "q"), "D": Matrix("q", "m")},
    lhs=lambda A, B, C, D: np.trace(A @ B @ C @ D),
    rhs=lambda A, B, C, D: vec(D.T) @ np.kron(C.T, A) @ vec(B),
    notes="It follows from the trace as an inner product of vecs (N08X), applied to Dᵀ and ABC, and the vec "
          "trick (DMEZ) for vec(ABC). Useful to read off second derivatives of traces in which X appears twice.",
    references=[ref("magnus-neudecker-2019", "ch. 2, the vec operator (tr ABCD = (vec D')'(C'⊗A) vec B)")],
    aliases=["trace of four matrices vec", "tr(ABCD) kronecker", "trace of product as vec"],
)

Equality(
    id="XA34",
    title="vec of an outer product: vec(abᵀ) = b⊗a",
    latex=r"\operatorname{vec}(ab^{\top}) = b \otimes a",
    variables={"a": Vector("m"), "b": Vector("n")},
    lhs=lambda a, b: vec(np.outer(a, b)),
    rhs=lambda a, b: np.kron(b, a),
    notes="The order flips: the second vector comes first. Hence the bilinear form aᵀXb is the inner product "
          "of b⊗a with vec X.",
    references=[ref("magnus-neudecker-2019", "ch. 2, the vec operator (vec ab' = b⊗a)")],
    aliases=["vec of outer product", "vec(a b^T)", "kronecker of vectors"],
)

Equality(
    id="CG6V",
    title="The commutation matrix turns vec A into vec Aᵀ",
    latex=r"K_{mn}\operatorname{vec}(A) = \operatorname{vec}(A^{\top})",
    variables={"A": Matrix("m", "n")},
    symbols=K_SYMBOL,
    lhs=lambda A: commutation(*A.shape) @ vec(A),
    rhs=lambda A: vec(A.T),
    also=[Formula(r"K_{mn}^{\top} = K_{mn}^{-1} = K_{nm}",
                  lambda A: commutation(*A.shape).T, lambda A: inv(commutation(*A.shape)),
                  lambda A: commutation(A.shape[1], A.shape[0]))],
    notes="K_{mn} is the mn × mn permutation matrix with a 1 where entry (i, j) of A sits in vec(Aᵀ); its "
          "transpose is its inverse and is K_{nm} (shown above). It is needed whenever Xᵀ and X appear "
          "together, as in d(XᵀX).",
    references=[ref("magnus-neudecker-2019", "ch. 3, the commutation matrix")],
    aliases=["commutation matrix", "vec permutation matrix", "vec of transpose", "K_mn"],
)

Equality(
    id="TTCZ",
    title="Commutation matrices swap the factors of a Kronecker product",
    latex=r"K_{pm}(A \otimes B)K_{nq} = B \otimes A",
    variables={"A": Matrix("m", "n"), "B": Matrix("p", "q")},
    symbols=K_SYMBOL,
    lhs=lambda A, B: commutation(B.shape[0], A.shape[0]) @ np.kron(A, B) @ commutation(A.shape[1], B.shape[1]),
    rhs=lambda A, B: np.kron(B, A),
    notes="A⊗B and B⊗A are permutation-similar when both are square (the inverse of K_{mn} is K_{nm}, CG6V), "
          "so they have the same eigenvalues, determinant and trace. For vectors the commutation matrix swaps "
          "the factors of a⊗b.",
    references=[ref("magnus-neudecker-2019", "ch. 3, the commutation matrix")],
    aliases=["commutation matrix kronecker", "swap kronecker factors", "K (A kron B) K"],
)

# --------------------------------------------------------------------------------------------
# Jacobians of matrix functions, by d vec F = J d vec X

Differential(
    id="PJWA",
    title="Jacobian of vec(AXB) with respect to vec X",
    latex=r"\frac{\partial \operatorname{vec}(AXB)}{\partial \operatorname{vec}(X)^{\top}} = B^{\top} \otimes A",
    variables={"A": Matrix("p", "m"), "X": Matrix("m", "n"), "B": Matrix("n", "q")},
    wrt=("X",),
    f=lambda A, X, B: vec(A @ X @ B),
    df=lambda A, X, B, dX: np.kron(B.T, A) @ vec(dX),
    derivation=[
        Step(r"\mathrm{d}\operatorname{vec}(AXB) = \operatorname{vec}(A\,\mathrm{d}X\,B)",
             lambda D: D(), lambda A, B, dX: vec(A @ dX @ B), uses=["2ZM7"]),
        Step(r"= (B^{\top} \otimes A)\,\mathrm{d}\operatorname{vec}(X) \;\Rightarrow\; "
             r"\frac{\partial \operatorname{vec}(AXB)}{\partial \operatorname{vec}(X)^{\top}} = B^{\top} \otimes A",
             lambda A, B, dX: vec(A @ dX @ B), lambda A, B, dX: np.kron(B.T, A) @ vec(dX), uses=["DMEZ"]),
    ],
    related=["DMEZ"],
    notes="First identification rule: when the differential of vec F is J times d vec X, J (pq × mn) is the "
          "Jacobian of F. Here the map is linear, so the Jacobian is constant.",
    references=[cookbook(520), ref("magnus-neudecker-2019", "ch. 9, first identification theorem")],
    aliases=["Jacobian of linear matrix map", "derivative of AXB with respect to X", "d vec(AXB)/d vec(X)"],
)


Differential(
    id="J4UC",
    title="Jacobian of the matrix square X²",
    latex=r"\frac{\partial \operatorname{vec}(X^{2})}{\partial \operatorname{vec}(X)^{\top}} = X^{\top} \otimes I + I \otimes X",
    variables={"X": Matrix("n", "n", "square")},
    wrt=("X",),
    f=lambda X: vec(X @ X),
    df=lambda X, dX: (np.kron(X.T, np.eye(len(X))) + np.kron(np.eye(len(X)), X)) @ vec(dX),
    derivation=[
        Step(r"\mathrm{d}\operatorname{vec}(X^{2}) = \operatorname{vec}(\mathrm{d}X\,X + X\,\mathrm{d}X)",
             lambda D: D(), lambda X, dX: vec(dX @ X + X @ dX), uses=["8CQG"]),
        Step(r"= (X^{\top} \otimes I + I \otimes X)\,\mathrm{d}\operatorname{vec}(X) \;\Rightarrow\; "
             r"\frac{\partial \operatorname{vec}(X^{2})}{\partial \operatorname{vec}(X)^{\top}} = "
             r"X^{\top} \otimes I + I \otimes X",
             lambda X, dX: vec(dX @ X + X @ dX),
             lambda X, dX: np.kron(X.T, np.eye(len(X))) @ vec(dX) + np.kron(np.eye(len(X)), X) @ vec(dX),
             uses=["DMEZ"]),
    ],
    notes="Not 2X⊗I or 2(I⊗X): X and dX do not commute.",
    references=[cookbook(37), cookbook(520), ref("magnus-neudecker-2019", "ch. 9, Jacobians of matrix functions")],
    aliases=["Jacobian of X squared", "derivative of X^2", "d vec(XX)"],
)

Differential(
    id="TABG",
    title="Jacobian of XᵀX, with the commutation matrix",
    latex=r"\frac{\partial \operatorname{vec}(X^{\top}X)}{\partial \operatorname{vec}(X)^{\top}} "
          r"= (I_{n^{2}} + K_{nn})(I_{n} \otimes X^{\top})",
    differential=(r"\mathrm{d}\operatorname{vec}(X^{\top}X) = \operatorname{vec}\left(\mathrm{d}X^{\top}X + "
                  r"X^{\top}\mathrm{d}X\right)", lambda X, dX: vec(dX.T @ X + X.T @ dX)),
    variables={"X": Matrix("m", "n")},
    symbols=K_SYMBOL,
    wrt=("X",),
    f=lambda X: vec(X.T @ X),
    df=lambda X, dX: (np.eye(X.shape[1] ** 2) + commutation(X.shape[1], X.shape[1]))
    @ np.kron(np.eye(X.shape[1]), X.T) @ vec(dX),
    derivation=[
        Step(r"\mathrm{d}\operatorname{vec}(X^{\top}X) = \operatorname{vec}\left(\mathrm{d}X^{\top}X\right) + "
             r"\operatorname{vec}\left(X^{\top}\mathrm{d}X\right)",
             lambda D: D(), lambda X, dX: vec(dX.T @ X) + vec(X.T @ dX), uses=["N72P"]),
        Step(r"= K_{nn}\operatorname{vec}\left(X^{\top}\mathrm{d}X\right) + \operatorname{vec}\left(X^{\top}"
             r"\mathrm{d}X\right)\quad\left(\mathrm{d}X^{\top}X = \left(X^{\top}\mathrm{d}X\right)^{\top}\right)",
             lambda X, dX: vec(dX.T @ X) + vec(X.T @ dX),
             lambda X, dX: commutation(X.shape[1], X.shape[1]) @ vec(X.T @ dX) + vec(X.T @ dX),
             uses=["TBSX", "CG6V"]),
        Step(r"= (I_{n^{2}} + K_{nn})(I_{n} \otimes X^{\top})\,\mathrm{d}\operatorname{vec}(X)",
             lambda X, dX: commutation(X.shape[1], X.shape[1]) @ vec(X.T @ dX) + vec(X.T @ dX),
             lambda X, dX: (np.eye(X.shape[1] ** 2) + commutation(X.shape[1], X.shape[1]))
             @ np.kron(np.eye(X.shape[1]), X.T) @ vec(dX), uses=["DMEZ"]),
    ],
    notes="The n² × mn Jacobian has repeated rows because XᵀX is symmetric.",
    references=[ref("magnus-neudecker-2019", "ch. 9, Jacobians of matrix functions (d vec X'X)")],
    aliases=["Jacobian of Gram matrix", "derivative of X transpose X", "d vec(X^T X)"],
)

# --------------------------------------------------------------------------------------------
# Hessians with respect to vec X, by d²f = (d vec X)ᵀ M (d vec X)  =>  H = (M + Mᵀ)/2

Hessian(
    id="S4SQ",
    title="Hessian of tr(XᵀAXB)",
    latex=r"\frac{\partial^{2}\operatorname{tr}(X^{\top}AXB)}{\partial \operatorname{vec}(X)\,\partial "
          r"\operatorname{vec}(X)^{\top}} = B^{\top} \otimes A + B \otimes A^{\top}",
    variables={"X": Matrix("m", "n"), "A": Matrix("m", "m", "square"), "B": Matrix("n", "n", "square")},
    also=[Formula(r"\mathrm{d}^{2}\operatorname{tr}(X^{\top}AXB) = \operatorname{tr}\left(\mathrm{d}X^{\top}\,"
                  r"\mathrm{d}\left(AXB + A^{\top}XB^{\top}\right)\right) = 2\operatorname{tr}(\mathrm{d}X^{\top}A\,"
                  r"\mathrm{d}X\,B) = 2\operatorname{vec}(\mathrm{d}X)^{\top}(B^{\top} \otimes A)\operatorname{vec}"
                  r"(\mathrm{d}X)",
                  lambda dX, D: np.sum(dX * D(_grad_trace_XtAXB)),
                  lambda A, B, dX: 2 * np.trace(dX.T @ A @ dX @ B),
                  lambda A, B, dX: 2 * vec(dX) @ np.kron(B.T, A) @ vec(dX), uses=["4T22", "DMEZ"])],
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(X^{\top}AXB) = \operatorname{tr}(\mathrm{d}X^{\top}AXB) + "
             r"\operatorname{tr}(X^{\top}A\,\mathrm{d}X\,B) = \operatorname{tr}\left(\left(AXB + A^{\top}XB^{\top}"
             r"\right)^{\top}\mathrm{d}X\right)",
             lambda D: D(), lambda X, A, B, dX: np.trace(dX.T @ A @ X @ B) + np.trace(X.T @ A @ dX @ B),
             lambda X, A, B, dX: np.sum((A @ X @ B + A.T @ X @ B.T) * dX), uses=["8CQG", "TBSX"]),
        Step(r"\mathrm{d}\operatorname{vec}\left(AXB + A^{\top}XB^{\top}\right) = \operatorname{vec}\left("
             r"A\,\mathrm{d}X\,B + A^{\top}\mathrm{d}X\,B^{\top}\right)",
             lambda D: vec(D(_grad_trace_XtAXB)), lambda A, B, dX: vec(A @ dX @ B + A.T @ dX @ B.T),
             uses=["2ZM7"]),
        Step(r"= \left(B^{\top} \otimes A + B \otimes A^{\top}\right)\operatorname{vec}(\mathrm{d}X) \;\Rightarrow\; "
             r"H = B^{\top} \otimes A + B \otimes A^{\top}",
             lambda A, B, dX: vec(A @ dX @ B + A.T @ dX @ B.T),
             lambda A, B, dX: (np.kron(B.T, A) + np.kron(B, A.T)) @ vec(dX), uses=["DMEZ"]),
    ],
    wrt="X",
    f=lambda X, A, B: np.trace(X.T @ A @ X @ B),
    claimed=lambda X, A, B: np.kron(B.T, A) + np.kron(B, A.T),
    symbols={"H": "the Hessian, as in the statement"},
    notes="Second identification rule: the second differential (shown above) is a quadratic form in vec dX "
          "with a non-symmetric matrix, 2(Bᵀ⊗A), and the Hessian is its symmetric part, (Bᵀ⊗A) + (B⊗Aᵀ); the "
          "derivation reaches it as the Jacobian of the gradient AXB + AᵀXBᵀ (Cookbook (117)). The variant "
          "B⊗A + Bᵀ⊗Aᵀ is wrong unless A or B is symmetric.",
    references=[ref("magnus-neudecker-2019", "ch. 10, second identification theorem")],
    aliases=["Hessian of trace quadratic", "second derivative of tr(X^T A X B)", "Kronecker Hessian"],
)

Hessian(
    id="EWT6",
    title="Hessian of ½‖AXB − C‖²_F",
    latex=r"\frac{\partial^{2}}{\partial \operatorname{vec}(X)\,\partial \operatorname{vec}(X)^{\top}}"
          r"\tfrac{1}{2}\lVert AXB - C \rVert_{\mathrm{F}}^{2} = (BB^{\top}) \otimes (A^{\top}A)",
    variables={"A": Matrix("p", "m"), "X": Matrix("m", "n"), "B": Matrix("n", "q"), "C": Matrix("p", "q")},
    also=[Formula(r"\mathrm{d}^{2}f = \operatorname{tr}\left(\mathrm{d}X^{\top}\,\mathrm{d}\left(A^{\top}(AXB - C)"
                  r"B^{\top}\right)\right) = \lVert A\,\mathrm{d}X\,B \rVert_{\mathrm{F}}^{2}",
                  lambda dX, D: np.sum(dX * D(_grad_least_squares)),
                  lambda A, B, dX: np.sum((A @ dX @ B) ** 2)),
          Formula(r"(B^{\top} \otimes A)^{\top}(B^{\top} \otimes A) = (BB^{\top}) \otimes (A^{\top}A)",
                  lambda A, B: np.kron(B.T, A).T @ np.kron(B.T, A), lambda A, B: np.kron(B @ B.T, A.T @ A),
                  uses=["JT78", "ZR8W"])],
    derivation=[
        Step(r"\mathrm{d}f = \operatorname{tr}\left((AXB - C)^{\top}A\,\mathrm{d}X\,B\right) = \operatorname{tr}"
             r"\left(\left(A^{\top}(AXB - C)B^{\top}\right)^{\top}\mathrm{d}X\right)",
             lambda D: D(), lambda A, X, B, C, dX: np.trace((A @ X @ B - C).T @ A @ dX @ B),
             lambda A, X, B, C, dX: np.sum(A.T @ (A @ X @ B - C) @ B.T * dX), uses=["N72P", "2ZM7"]),
        Step(r"\mathrm{d}\operatorname{vec}\left(A^{\top}(AXB - C)B^{\top}\right) = \operatorname{vec}\left("
             r"A^{\top}A\,\mathrm{d}X\,BB^{\top}\right)",
             lambda D: vec(D(_grad_least_squares)), lambda A, B, dX: vec(A.T @ A @ dX @ B @ B.T),
             uses=["2ZM7", "6Q8H"]),
        Step(r"= \left((BB^{\top}) \otimes (A^{\top}A)\right)\operatorname{vec}(\mathrm{d}X) \;\Rightarrow\; "
             r"H = (BB^{\top}) \otimes (A^{\top}A)",
             lambda A, B, dX: vec(A.T @ A @ dX @ B @ B.T),
             lambda A, B, dX: np.kron(B @ B.T, A.T @ A) @ vec(dX), uses=["DMEZ"]),
    ],
    wrt="X",
    f=lambda A, X, B, C: 0.5 * np.sum((A @ X @ B - C) ** 2),
    claimed=lambda A, X, B, C: np.kron(B @ B.T, A.T @ A),
    symbols={"f": "½‖AXB − C‖²_F", "H": "the Hessian, as in the statement"},
    notes="The least-squares objective in vec X is ½‖(Bᵀ⊗A)vec X − vec C‖², so its Hessian is the Gauss–Newton "
          "matrix (Bᵀ⊗A)ᵀ(Bᵀ⊗A), which is BBᵀ ⊗ AᵀA (shown above), constant in X. The gradient is "
          "Aᵀ(AXB − C)Bᵀ.",
    references=[cookbook(520), ref("magnus-neudecker-2019", "ch. 10, second identification theorem")],
    aliases=["Hessian of least squares matrix", "Frobenius norm Hessian", "Gauss-Newton matrix kronecker"],
)

Hessian(
    id="NTVC",
    title="Hessian of bᵀXᵀXc",
    latex=r"\frac{\partial^{2}\, b^{\top}X^{\top}Xc}{\partial \operatorname{vec}(X)\,\partial \operatorname{vec}(X)^{\top}}"
          r" = (bc^{\top} + cb^{\top}) \otimes I_{m}",
    variables={"X": Matrix("m", "n"), "b": Vector("n"), "c": Vector("n")},
    wrt="X",
    f=lambda X, b, c: b @ X.T @ X @ c,
    claimed=lambda X, b, c: np.kron(np.outer(b, c) + np.outer(c, b), np.eye(X.shape[0])),
    symbols={"H": "the Hessian, as in the statement"},
    also=[Formula(r"b^{\top}X^{\top}Xc = (Xb)^{\top}(Xc) = \operatorname{vec}(X)^{\top}(bc^{\top} \otimes I_{m})"
                  r"\operatorname{vec}(X)",
                  lambda X, b, c: b @ X.T @ X @ c, lambda X, b, c: (X @ b) @ (X @ c),
                  lambda X, b, c: vec(X) @ np.kron(np.outer(b, c), np.eye(X.shape[0])) @ vec(X), uses=["DMEZ"])],
    derivation=[
        Step(r"\mathrm{d}\left(b^{\top}X^{\top}Xc\right) = b^{\top}\mathrm{d}X^{\top}Xc + b^{\top}X^{\top}"
             r"\mathrm{d}X\,c = \operatorname{tr}\left(\left(X(bc^{\top} + cb^{\top})\right)^{\top}\mathrm{d}X\right)",
             lambda D: D(), lambda X, b, c, dX: b @ dX.T @ X @ c + b @ X.T @ dX @ c,
             lambda X, b, c, dX: np.sum(X @ (np.outer(b, c) + np.outer(c, b)) * dX), uses=["8CQG", "M7VZ"]),
        Step(r"\mathrm{d}\operatorname{vec}\left(X(bc^{\top} + cb^{\top})\right) = \operatorname{vec}\left("
             r"\mathrm{d}X\,(bc^{\top} + cb^{\top})\right)",
             lambda D: vec(D(_grad_bilinear_gram)), lambda b, c, dX: vec(dX @ (np.outer(b, c) + np.outer(c, b))),
             uses=["2ZM7"]),
        Step(r"= \left((bc^{\top} + cb^{\top}) \otimes I_{m}\right)\operatorname{vec}(\mathrm{d}X) \;\Rightarrow\; "
             r"H = (bc^{\top} + cb^{\top}) \otimes I_{m}",
             lambda b, c, dX: vec(dX @ (np.outer(b, c) + np.outer(c, b))),
             lambda X, b, c, dX: np.kron(np.outer(b, c) + np.outer(c, b), np.eye(X.shape[0])) @ vec(dX),
             uses=["DMEZ"]),
    ],
    notes="Since Xb is (bᵀ⊗I)vec X, the form is a quadratic form in vec X (shown above); the Hessian is the "
          "symmetric part of its matrix times two. The gradient is X(bcᵀ + cbᵀ) (Cookbook (77)).",
    references=[cookbook(77, note="the gradient; the Hessian follows by differentiating once more"),
                ref("magnus-neudecker-2019", "ch. 10, second identification theorem")],
    aliases=["Hessian of bilinear form in X", "second derivative of b^T X^T X c", "Hessian of Gram form"],
)

Hessian(
    id="B084",
    title="Hessian of log|det X|",
    latex=r"\frac{\partial^{2}\log\lvert\det X\rvert}{\partial \operatorname{vec}(X)\,\partial \operatorname{vec}(X)^{\top}}"
          r" = -K_{nn}(X^{-\top} \otimes X^{-1})",
    variables={"X": Matrix("n", "n", "invertible")},
    also=[Formula(r"\mathrm{d}^{2}\log\lvert\det X\rvert = \operatorname{tr}\left(\mathrm{d}X^{\top}\,\mathrm{d}"
                  r"\left(X^{-\top}\right)\right) = -\operatorname{tr}(X^{-1}\mathrm{d}X\,X^{-1}\mathrm{d}X) = "
                  r"-\operatorname{vec}(\mathrm{d}X^{\top})^{\top}(X^{-\top} \otimes X^{-1})\operatorname{vec}(\mathrm{d}X)",
                  lambda dX, D: np.sum(dX * D(_inverse_transpose)),
                  lambda X, dX: -np.trace(inv(X) @ dX @ inv(X) @ dX),
                  lambda X, dX: -vec(dX.T) @ np.kron(inv(X).T, inv(X)) @ vec(dX), uses=["0DTW", "ACUB"])],
    derivation=[
        Step(r"\mathrm{d}\log\lvert\det X\rvert = \operatorname{tr}(X^{-1}\mathrm{d}X) = \operatorname{tr}\left("
             r"\left(X^{-\top}\right)^{\top}\mathrm{d}X\right)",
             lambda D: D(), lambda X, dX: np.trace(inv(X) @ dX), lambda X, dX: np.sum(inv(X).T * dX),
             uses=["J7P3"]),
        Step(r"\mathrm{d}\operatorname{vec}\left(X^{-\top}\right) = -\operatorname{vec}\left(\left(X^{-1}\mathrm{d}X"
             r"\,X^{-1}\right)^{\top}\right) = -K_{nn}\operatorname{vec}\left(X^{-1}\mathrm{d}X\,X^{-1}\right)",
             lambda D: vec(D(_inverse_transpose)), lambda X, dX: -vec((inv(X) @ dX @ inv(X)).T),
             lambda X, dX: -commutation(len(X), len(X)) @ vec(inv(X) @ dX @ inv(X)), uses=["0DTW", "TBSX", "CG6V"]),
        Step(r"= -K_{nn}(X^{-\top} \otimes X^{-1})\operatorname{vec}(\mathrm{d}X) \;\Rightarrow\; "
             r"H = -K_{nn}(X^{-\top} \otimes X^{-1})",
             lambda X, dX: -commutation(len(X), len(X)) @ vec(inv(X) @ dX @ inv(X)),
             lambda X, dX: -commutation(len(X), len(X)) @ np.kron(inv(X).T, inv(X)) @ vec(dX), uses=["DMEZ"]),
    ],
    symbols={**K_SYMBOL, "H": "the Hessian, as in the statement"},
    wrt="X",
    f=lambda X: np.linalg.slogdet(X)[1],
    claimed=lambda X: -commutation(len(X), len(X)) @ np.kron(np.linalg.inv(X).T, np.linalg.inv(X)),
    notes="The Hessian is the Jacobian of the gradient X⁻ᵀ, as the derivation computes; the second differential "
          "(shown above) gives the same matrix once vec(dXᵀ) is written as K_{nn} vec(dX). Without the "
          "commutation matrix, −(X⁻ᵀ⊗X⁻¹) is the Jacobian of X⁻¹ instead, which is not the Hessian (not even "
          "for symmetric X).",
    related=["9EGC", "S464"],
    references=[cookbook(57, note="the gradient X⁻ᵀ"),
                ref("magnus-neudecker-2019", "ch. 10, Hessian of log|X|")],
    aliases=["Hessian of log determinant", "second derivative of logdet", "logdet Hessian commutation matrix"],
)
