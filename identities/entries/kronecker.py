"""Vec and Kronecker products.

The vec operator stacks the columns of a matrix (numpy order="F"), and the Kronecker product turns
matrix products into matrix-vector products: vec(AXB) = (Bᵀ⊗A) vec X. With them, the Jacobian of a
matrix function and the Hessian of a scalar function of a matrix are ordinary matrices, read off
from differentials (Magnus and Neudecker's identification rules).
"""
import numpy as np

from identities import Differential, Equality, Hessian, Matrix, Scalar, Vector, cookbook, ref
from identities.entries import vec


def commutation(m, n):
    """K_{mn}, the mn × mn permutation with K_{mn} vec(A) = vec(Aᵀ) for every m × n matrix A."""
    K = np.zeros((m * n, m * n))
    for i in range(m):
        for j in range(n):
            K[j + i * n, i + j * m] = 1.0
    return K


K_SYMBOL = {"K": "the commutation matrix: K_{mn} vec(A) = vec(Aᵀ) for A of size m × n"}

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
    references=[cookbook(513)],
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
          "singular both forms give zero (except the degenerate A = 0, B = 0, where the rank form reads 0⁰·0⁰).",
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
          "eigenvalues), since A = UΛU⁻¹ and B = VMV⁻¹ give A⊗B = (U⊗V)(Λ⊗M)(U⊗V)⁻¹ for diagonalisable factors.",
    references=[cookbook(518), cookbook(519)],
    aliases=["kronecker eigenvalues", "spectrum of tensor product", "eigenvalues of kron(A, B)"],
)

# --------------------------------------------------------------------------------------------
# The vec operator (Cookbook §10.2.2)

Equality(
    id="DMEZ",
    title="The vec trick: vec of a product as a Kronecker product, vec(AXB) = (Bᵀ⊗A) vec X",
    latex=r"\operatorname{vec}(AXB) = (B^{\top} \otimes A)\operatorname{vec}(X)",
    variables={"A": Matrix("p", "m"), "X": Matrix("m", "n"), "B": Matrix("n", "q")},
    lhs=lambda A, X, B: vec(A @ X @ B),
    rhs=lambda A, X, B: np.kron(B.T, A) @ vec(X),
    notes="vec stacks columns (column-major, numpy order=\"F\"). With rows stacked instead (numpy's default "
          "reshape), the rule reads vec_r(AXB) = (A ⊗ Bᵀ) vec_r(X).",
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
    notes="The Frobenius inner product ⟨A, B⟩ = Σ A_ij B_ij in three notations; it is why a differential "
          "df = tr(Gᵀ dX) identifies G as the gradient.",
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
    notes="Equivalently vec(X)ᵀ(B ⊗ acᵀ)vec(X), the transposed quadratic form. Derivation: aᵀXBXᵀc = "
          "tr(Xᵀ caᵀ X B) = vec(X)ᵀ vec(caᵀXB) = vec(X)ᵀ(Bᵀ⊗caᵀ)vec(X) by vec(AXB) = (Bᵀ⊗A)vec X.",
    errata="The Cookbook's (524) prints vec(X)ᵀ(B ⊗ caᵀ)vec(X). That equals aᵀXBXᵀc only when B is symmetric "
           "or c is parallel to a; in general B must be transposed (or caᵀ replaced by acᵀ). Example: a "
           "random 2 × 3 X and 3 × 3 B give aᵀXBXᵀc = −0.305 while the printed form gives −0.134.",
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
    notes="From tr(ABCD) = tr((Dᵀ)ᵀ ABC) = vec(Dᵀ)ᵀ vec(ABC) and vec(ABC) = (Cᵀ⊗A)vec B. Useful to read off "
          "second derivatives of traces in which X appears twice.",
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
    notes="The order flips: the second vector comes first. Hence aᵀXb = (b⊗a)ᵀ vec X.",
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
    notes="K_{mn} is the mn × mn permutation matrix with a 1 where entry (i, j) of A sits in vec(Aᵀ); "
          "K_{mn}ᵀ = K_{mn}⁻¹ = K_{nm}. It is needed whenever Xᵀ and X appear together, as in d(XᵀX).",
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
    notes="A⊗B and B⊗A are permutation-similar when both are square (K_{mn}⁻¹ = K_{nm}), so they have the same "
          "eigenvalues, determinant and trace. For vectors: K(a⊗b) = b⊗a.",
    references=[ref("magnus-neudecker-2019", "ch. 3, the commutation matrix")],
    aliases=["commutation matrix kronecker", "swap kronecker factors", "K (A kron B) K"],
)

# --------------------------------------------------------------------------------------------
# Jacobians of matrix functions, by d vec F = J d vec X

Differential(
    id="PJWA",
    title="Jacobian of vec(AXB) with respect to vec X",
    latex=r"\frac{\partial \operatorname{vec}(AXB)}{\partial \operatorname{vec}(X)^{\top}} = B^{\top} \otimes A",
    differential=r"\mathrm{d}\operatorname{vec}(AXB) = (B^{\top} \otimes A)\,\mathrm{d}\operatorname{vec}(X)",
    variables={"A": Matrix("p", "m"), "X": Matrix("m", "n"), "B": Matrix("n", "q")},
    wrt=("X",),
    f=lambda A, X, B: vec(A @ X @ B),
    df=lambda A, X, B, dX: np.kron(B.T, A) @ vec(dX),
    related=["DMEZ"],
    notes="First identification rule: if d vec F = J d vec X, then J (pq × mn) is the Jacobian of F. Here the "
          "map is linear, so the Jacobian is constant.",
    references=[cookbook(520), ref("magnus-neudecker-2019", "ch. 9, first identification theorem")],
    aliases=["Jacobian of linear matrix map", "derivative of AXB with respect to X", "d vec(AXB)/d vec(X)"],
)


Differential(
    id="J4UC",
    title="Jacobian of the matrix square X²",
    latex=r"\frac{\partial \operatorname{vec}(X^{2})}{\partial \operatorname{vec}(X)^{\top}} = X^{\top} \otimes I + I \otimes X",
    differential=r"\mathrm{d}\operatorname{vec}(X^{2}) = (X^{\top} \otimes I + I \otimes X)\,\mathrm{d}\operatorname{vec}(X)",
    variables={"X": Matrix("n", "n", "square")},
    wrt=("X",),
    f=lambda X: vec(X @ X),
    df=lambda X, dX: (np.kron(X.T, np.eye(len(X))) + np.kron(np.eye(len(X)), X)) @ vec(dX),
    notes="From d(X²) = dX X + X dX. Not 2X⊗I or 2(I⊗X): X and dX do not commute.",
    references=[cookbook(37), cookbook(520), ref("magnus-neudecker-2019", "ch. 9, Jacobians of matrix functions")],
    aliases=["Jacobian of X squared", "derivative of X^2", "d vec(XX)"],
)

Differential(
    id="TABG",
    title="Jacobian of XᵀX, with the commutation matrix",
    latex=r"\frac{\partial \operatorname{vec}(X^{\top}X)}{\partial \operatorname{vec}(X)^{\top}} "
          r"= (I_{n^{2}} + K_{nn})(I_{n} \otimes X^{\top})",
    differential=r"\mathrm{d}(X^{\top}X) = \mathrm{d}X^{\top}X + X^{\top}\mathrm{d}X",
    variables={"X": Matrix("m", "n")},
    symbols=K_SYMBOL,
    wrt=("X",),
    f=lambda X: vec(X.T @ X),
    df=lambda X, dX: (np.eye(X.shape[1] ** 2) + commutation(X.shape[1], X.shape[1]))
    @ np.kron(np.eye(X.shape[1]), X.T) @ vec(dX),
    notes="vec(XᵀdX) = (I⊗Xᵀ)vec dX and vec(dXᵀX) = (Xᵀ⊗I)K_{mn} vec dX = K_{nn}(I⊗Xᵀ)vec dX. The n² × mn "
          "Jacobian has repeated rows because XᵀX is symmetric.",
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
    differential=r"\mathrm{d}^{2}\operatorname{tr}(X^{\top}AXB) = 2\operatorname{tr}(\mathrm{d}X^{\top}A\,\mathrm{d}X\,B)"
                 r" = 2\operatorname{vec}(\mathrm{d}X)^{\top}(B^{\top} \otimes A)\operatorname{vec}(\mathrm{d}X)",
    variables={"X": Matrix("m", "n"), "A": Matrix("m", "m", "square"), "B": Matrix("n", "n", "square")},
    wrt="X",
    f=lambda X, A, B: np.trace(X.T @ A @ X @ B),
    claimed=lambda X, A, B: np.kron(B.T, A) + np.kron(B, A.T),
    notes="Second identification rule: d²f = 2 vec(dX)ᵀ(Bᵀ⊗A)vec(dX) is a quadratic form with a non-symmetric "
          "matrix, and the Hessian is its symmetric part, (Bᵀ⊗A) + (B⊗Aᵀ). The variant B⊗A + Bᵀ⊗Aᵀ is wrong "
          "unless A or B is symmetric. The gradient is AXB + AᵀXBᵀ (Cookbook (117)).",
    references=[ref("magnus-neudecker-2019", "ch. 10, second identification theorem")],
    aliases=["Hessian of trace quadratic", "second derivative of tr(X^T A X B)", "Kronecker Hessian"],
)

Hessian(
    id="EWT6",
    title="Hessian of ½‖AXB − C‖²_F",
    latex=r"\frac{\partial^{2}}{\partial \operatorname{vec}(X)\,\partial \operatorname{vec}(X)^{\top}}"
          r"\tfrac{1}{2}\lVert AXB - C \rVert_{\mathrm{F}}^{2} = (BB^{\top}) \otimes (A^{\top}A)",
    differential=r"\mathrm{d}^{2}f = \lVert A\,\mathrm{d}X\,B \rVert_{\mathrm{F}}^{2}",
    variables={"A": Matrix("p", "m"), "X": Matrix("m", "n"), "B": Matrix("n", "q"), "C": Matrix("p", "q")},
    wrt="X",
    f=lambda A, X, B, C: 0.5 * np.sum((A @ X @ B - C) ** 2),
    claimed=lambda A, X, B, C: np.kron(B @ B.T, A.T @ A),
    symbols={"f": "½‖AXB − C‖²_F"},
    notes="The least-squares objective in vec X is ½‖(Bᵀ⊗A)vec X − vec C‖², so its Hessian is the Gauss–Newton "
          "matrix (Bᵀ⊗A)ᵀ(Bᵀ⊗A) = BBᵀ ⊗ AᵀA, constant in X. The gradient is Aᵀ(AXB − C)Bᵀ.",
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
    notes="bᵀXᵀXc = (Xb)ᵀ(Xc) = vec(X)ᵀ(bcᵀ ⊗ I)vec X, since Xb = (bᵀ⊗I)vec X; the Hessian is the symmetric part "
          "times two. The gradient is X(bcᵀ + cbᵀ) (Cookbook (77)).",
    references=[cookbook(77, note="the gradient; the Hessian follows by differentiating once more"),
                ref("magnus-neudecker-2019", "ch. 10, second identification theorem")],
    aliases=["Hessian of bilinear form in X", "second derivative of b^T X^T X c", "Hessian of Gram form"],
)

Hessian(
    id="B084",
    title="Hessian of log|det X|",
    latex=r"\frac{\partial^{2}\log\lvert\det X\rvert}{\partial \operatorname{vec}(X)\,\partial \operatorname{vec}(X)^{\top}}"
          r" = -K_{nn}(X^{-\top} \otimes X^{-1})",
    differential=r"\mathrm{d}^{2}\log\lvert\det X\rvert = -\operatorname{tr}(X^{-1}\mathrm{d}X\,X^{-1}\mathrm{d}X)",
    variables={"X": Matrix("n", "n", "invertible")},
    symbols=K_SYMBOL,
    wrt="X",
    f=lambda X: np.linalg.slogdet(X)[1],
    claimed=lambda X: -commutation(len(X), len(X)) @ np.kron(np.linalg.inv(X).T, np.linalg.inv(X)),
    notes="−tr(X⁻¹dX X⁻¹dX) = −vec(dXᵀ)ᵀ(X⁻ᵀ⊗X⁻¹)vec(dX), and vec(dXᵀ) = K_{nn} vec(dX). Equivalently, the "
          "Hessian is the Jacobian of the gradient X⁻ᵀ. Without the commutation matrix, −(X⁻ᵀ⊗X⁻¹) is the "
          "Jacobian of X⁻¹ instead, which is not the Hessian (not even for symmetric X).",
    related=["9EGC", "S464"],
    references=[cookbook(57, note="the gradient X⁻ᵀ"),
                ref("magnus-neudecker-2019", "ch. 10, Hessian of log|X|")],
    aliases=["Hessian of log determinant", "second derivative of logdet", "logdet Hessian commutation matrix"],
)
