"""Linear and quadratic forms.

Derivatives of linear, bilinear and quadratic forms in vectors and matrices (Matrix Cookbook §2.4),
with the forms practitioners meet most: least squares, the Mahalanobis distance, Rayleigh
quotients. Gradients of scalars have the shape of the variable (denominator layout); Jacobians of
vector maps are given in numerator layout, with the other layout alongside.
"""
import numpy as np

from identities import Derivative, Differential, Hessian, Matrix, Scalar, Vector, cookbook, parr_howard, ref
from identities.symbolic import sp

mpow = np.linalg.matrix_power


def single_entry(shape, i, j):
    """The single-entry matrix J^{ij} of the given shape."""
    J = np.zeros(shape)
    J[i, j] = 1.0
    return J


def by_entries(dX, partial):
    """Σ_ij dX_ij · partial(i, j): the change predicted by entrywise partial derivatives ∂F/∂X_ij."""
    return sum(dX[i, j] * partial(i, j) for i in range(dX.shape[0]) for j in range(dX.shape[1]))


def integer_power(rng, values):
    values["n"] = np.array(float(rng.integers(1, 5)))
    return values


ENTRYWISE_NOTE = ("Checked as the differential dF = Σ_ij (∂F/∂X_ij) dX_ij along random dX, with each "
                  "partial computed from the printed formula: one check covers every (i, j).")
SINGLE_ENTRY = "the single-entry matrix: 1 in position (i, j), 0 elsewhere"

# ---------------------------------------------------------------------------------------------
# First order (Cookbook 69–75)

Derivative(
    id="4HDD",
    title="Gradient of a linear form aᵀx",
    latex=r"\frac{\partial x^{\top}a}{\partial x} = \frac{\partial a^{\top}x}{\partial x} = a",
    variables={"x": Vector("n"), "a": Vector("n")},
    wrt="x",
    layout="denominator",
    f=lambda x, a: a @ x,
    claimed=lambda x, a: a.copy(),
    other_layout=(r"\frac{\partial a^{\top}x}{\partial x} = a^{\top}", lambda x, a: a.copy()),
    differential=r"\mathrm{d}(a^{\top}x) = a^{\top}\mathrm{d}x",
    symbolic=lambda x, a: (a.T * x)[0, 0],
    notes="In numerator layout (Parr & Howard, Jacobian convention) the gradient is the row vector aᵀ.",
    references=[cookbook(69), parr_howard("5 The gradient of neuron activation"),
                ref("wikipedia-matrix-calculus", "Scalar-by-vector identities")],
    aliases=["derivative of dot product", "gradient of linear function", "d(a^T x)/dx", "inner product gradient"],
)

Derivative(
    id="UKQB",
    title="Gradient of aᵀXb",
    latex=r"\frac{\partial a^{\top}Xb}{\partial X} = ab^{\top}",
    variables={"a": Vector("m"), "X": Matrix("m", "n"), "b": Vector("n")},
    wrt="X",
    layout="denominator",
    f=lambda a, X, b: a @ X @ b,
    claimed=lambda a, X, b: np.outer(a, b),
    other_layout=(r"\frac{\partial a^{\top}Xb}{\partial X} = ba^{\top}", lambda a, X, b: np.outer(b, a)),
    differential=r"\mathrm{d}(a^{\top}Xb) = a^{\top}\mathrm{d}X\,b",
    symbolic=lambda a, X, b: (a.T * X * b)[0, 0],
    references=[cookbook(70), ref("wikipedia-matrix-calculus", "Scalar-by-matrix identities")],
    aliases=["bilinear form matrix derivative", "derivative of a^T X b", "outer product gradient"],
)

Derivative(
    id="KLEV",
    title="Gradient of aᵀXᵀb",
    latex=r"\frac{\partial a^{\top}X^{\top}b}{\partial X} = ba^{\top}",
    variables={"a": Vector("n"), "X": Matrix("m", "n"), "b": Vector("m")},
    wrt="X",
    layout="denominator",
    f=lambda a, X, b: a @ X.T @ b,
    claimed=lambda a, X, b: np.outer(b, a),
    symbolic=lambda a, X, b: (a.T * X.T * b)[0, 0],
    references=[cookbook(71)],
    aliases=["derivative of a^T X^T b", "bilinear form with transpose"],
)

Derivative(
    id="WWSL",
    title="Gradient of aᵀXa",
    latex=r"\frac{\partial a^{\top}Xa}{\partial X} = \frac{\partial a^{\top}X^{\top}a}{\partial X} = aa^{\top}",
    variables={"a": Vector("n"), "X": Matrix("n", "n", "square")},
    wrt="X",
    layout="denominator",
    f=lambda a, X: a @ X @ a,
    claimed=lambda a, X: np.outer(a, a),
    symbolic=lambda a, X: (a.T * X * a)[0, 0],
    notes="aᵀXᵀa is the same scalar as aᵀXa, so both have the gradient aaᵀ.",
    references=[cookbook(72)],
    aliases=["quadratic form derivative with respect to the matrix", "derivative of a^T X a"],
)

Differential(
    id="VYAT",
    title="Partial derivative of X by one entry: the single-entry matrix",
    latex=r"\frac{\partial X}{\partial X_{ij}} = J^{ij}",
    variables={"X": Matrix("m", "n")},
    wrt=("X",),
    f=lambda X: X.copy(),
    df=lambda X, dX: by_entries(dX, lambda i, j: single_entry(X.shape, i, j)),
    symbols={"i": "a row index", "j": "a column index", "J": SINGLE_ENTRY},
    notes=ENTRYWISE_NOTE,
    references=[cookbook(73)],
    aliases=["single-entry matrix", "derivative of matrix by its element", "J^ij", "elementary matrix"],
)

Differential(
    id="649T",
    title="Entrywise derivative of XA",
    latex=r"\frac{\partial (XA)_{ij}}{\partial X_{mn}} = \delta_{im}A_{nj} = (J^{mn}A)_{ij}",
    variables={"X": Matrix("p", "q"), "A": Matrix("q", "r")},
    wrt=("X",),
    f=lambda X, A: X @ A,
    df=lambda X, A, dX: by_entries(dX, lambda m, n: single_entry(X.shape, m, n) @ A),
    differential=r"\mathrm{d}(XA) = \mathrm{d}X\,A",
    symbols={"i": "an index", "j": "an index", "m": "an index", "n": "an index",
             "\\delta": "the Kronecker delta", "J": "the single-entry matrix J^{mn} (1 at (m, n)), shaped like X"},
    notes=ENTRYWISE_NOTE,
    references=[cookbook(74)],
    aliases=["derivative of matrix product by an entry", "partial of XA", "Kronecker delta matrix derivative"],
)

Differential(
    id="0UF8",
    title="Entrywise derivative of XᵀA",
    latex=r"\frac{\partial (X^{\top}A)_{ij}}{\partial X_{mn}} = \delta_{in}A_{mj} = (J^{nm}A)_{ij}",
    variables={"X": Matrix("p", "q"), "A": Matrix("p", "r")},
    wrt=("X",),
    f=lambda X, A: X.T @ A,
    df=lambda X, A, dX: by_entries(dX, lambda m, n: single_entry(X.shape[::-1], n, m) @ A),
    differential=r"\mathrm{d}(X^{\top}A) = \mathrm{d}X^{\top}A",
    symbols={"i": "an index", "j": "an index", "m": "an index", "n": "an index",
             "\\delta": "the Kronecker delta", "J": "the single-entry matrix J^{nm} (1 at (n, m)), shaped like Xᵀ"},
    notes=ENTRYWISE_NOTE,
    references=[cookbook(75)],
    aliases=["derivative of transposed product by an entry", "partial of X^T A"],
)

# ---------------------------------------------------------------------------------------------
# Second order (Cookbook 76–89)

Derivative(
    id="EV8L",
    title="Partial derivative of the squared sum of entries",
    latex=r"\frac{\partial}{\partial X_{ij}}\sum_{klmn} X_{kl}X_{mn} = 2\sum_{kl} X_{kl}",
    variables={"X": Matrix("p", "q")},
    wrt="X",
    layout="denominator",
    f=lambda X: np.einsum("kl,mn->", X, X),
    claimed=lambda X: 2 * np.sum(X) * np.ones_like(X),
    symbolic=lambda X: (sp.OneMatrix(1, X.rows) * X * sp.OneMatrix(X.cols, 1))[0, 0] ** 2,
    symbols={"i": "an index", "j": "an index", "k": "an index", "l": "an index", "m": "an index",
             "n": "an index"},
    notes="The double sum is (Σ_kl X_kl)², so every entry of the gradient is twice the sum of all entries.",
    references=[cookbook(76)],
    aliases=["derivative of squared sum", "sum of products of entries", "(sum X)^2 gradient"],
)

Derivative(
    id="M7VZ",
    title="Gradient of bᵀXᵀXc",
    latex=r"\frac{\partial b^{\top}X^{\top}Xc}{\partial X} = X(bc^{\top} + cb^{\top})",
    variables={"b": Vector("n"), "X": Matrix("m", "n"), "c": Vector("n")},
    wrt="X",
    layout="denominator",
    f=lambda b, X, c: b @ X.T @ X @ c,
    claimed=lambda b, X, c: X @ (np.outer(b, c) + np.outer(c, b)),
    differential=r"\mathrm{d}(b^{\top}X^{\top}Xc) = b^{\top}\mathrm{d}X^{\top}Xc + b^{\top}X^{\top}\mathrm{d}X\,c",
    symbolic=lambda b, X, c: (b.T * X.T * X * c)[0, 0],
    references=[cookbook(77)],
    aliases=["derivative of b^T X^T X c", "Gram quadratic form gradient"],
)

Derivative(
    id="07TA",
    title="Gradient of (Bx + b)ᵀC(Dx + d)",
    latex=r"\frac{\partial (Bx + b)^{\top}C(Dx + d)}{\partial x} = B^{\top}C(Dx + d) + D^{\top}C^{\top}(Bx + b)",
    variables={"x": Vector("n"), "B": Matrix("p", "n"), "b": Vector("p"), "C": Matrix("p", "q"),
               "D": Matrix("q", "n"), "d": Vector("q")},
    wrt="x",
    layout="denominator",
    f=lambda x, B, b, C, D, d: (B @ x + b) @ C @ (D @ x + d),
    claimed=lambda x, B, b, C, D, d: B.T @ C @ (D @ x + d) + D.T @ C.T @ (B @ x + b),
    symbolic=lambda x, B, b, C, D, d: ((B * x + b).T * C * (D * x + d))[0, 0],
    references=[cookbook(78), ref("wikipedia-matrix-calculus", "Scalar-by-vector identities")],
    aliases=["product of affine forms", "derivative of (Bx+b)^T C (Dx+d)", "affine bilinear form gradient"],
)

Differential(
    id="J1PS",
    title="Entrywise derivative of XᵀBX (index form)",
    latex=r"\frac{\partial (X^{\top}BX)_{kl}}{\partial X_{ij}} = \delta_{lj}(X^{\top}B)_{ki} + \delta_{kj}(BX)_{il}",
    variables={"X": Matrix("m", "n"), "B": Matrix("m", "m", "square")},
    wrt=("X",),
    f=lambda X, B: X.T @ B @ X,
    df=lambda X, B, dX: by_entries(dX, lambda i, j: np.outer((X.T @ B)[:, i], np.eye(X.shape[1])[j])
                                   + np.outer(np.eye(X.shape[1])[j], (B @ X)[i, :])),
    differential=r"\mathrm{d}(X^{\top}BX) = \mathrm{d}X^{\top}BX + X^{\top}B\,\mathrm{d}X",
    symbols={"i": "an index", "j": "an index", "k": "an index", "l": "an index", "\\delta": "the Kronecker delta"},
    notes=ENTRYWISE_NOTE,
    references=[cookbook(79)],
    aliases=["derivative of X^T B X by an entry", "quadratic matrix form index notation"],
)

Differential(
    id="092S",
    title="Derivative of XᵀBX by one entry of X",
    latex=r"\frac{\partial (X^{\top}BX)}{\partial X_{ij}} = X^{\top}BJ^{ij} + J^{ji}BX",
    variables={"X": Matrix("m", "n"), "B": Matrix("m", "m", "square")},
    wrt=("X",),
    f=lambda X, B: X.T @ B @ X,
    df=lambda X, B, dX: by_entries(dX, lambda i, j: X.T @ B @ single_entry(X.shape, i, j)
                                   + single_entry(X.shape[::-1], j, i) @ B @ X),
    differential=r"\mathrm{d}(X^{\top}BX) = \mathrm{d}X^{\top}BX + X^{\top}B\,\mathrm{d}X",
    symbols={"i": "an index", "j": "an index",
             "J": "the single-entry matrix: J^{ij} is 1 at (i, j) and shaped like X; J^{ji} = (J^{ij})ᵀ"},
    notes=ENTRYWISE_NOTE,
    references=[cookbook(80)],
    aliases=["derivative of X^T B X", "single-entry matrix quadratic form", "sandwich product derivative"],
)

Derivative(
    id="AUP0",
    title="Gradient of a quadratic form xᵀBx",
    latex=r"\frac{\partial x^{\top}Bx}{\partial x} = (B + B^{\top})x",
    variables={"x": Vector("n"), "B": Matrix("n", "n", "square")},
    wrt="x",
    layout="denominator",
    f=lambda x, B: x @ B @ x,
    claimed=lambda x, B: (B + B.T) @ x,
    other_layout=(r"\frac{\partial x^{\top}Bx}{\partial x} = x^{\top}(B + B^{\top})", lambda x, B: x @ (B + B.T)),
    differential=r"\mathrm{d}(x^{\top}Bx) = x^{\top}(B + B^{\top})\,\mathrm{d}x",
    symbolic=lambda x, B: (x.T * B * x)[0, 0],
    notes="For symmetric B this is 2Bx; for a non-symmetric B only the symmetric part (B + Bᵀ)/2 matters.",
    references=[cookbook(81), ref("wikipedia-matrix-calculus", "Scalar-by-vector identities")],
    aliases=["quadratic form gradient", "derivative of x^T A x", "gradient of xTAx", "quadratic form derivative"],
)

Derivative(
    id="STSH",
    title="Gradient of bᵀXᵀDXc",
    latex=r"\frac{\partial b^{\top}X^{\top}DXc}{\partial X} = D^{\top}Xbc^{\top} + DXcb^{\top}",
    variables={"b": Vector("n"), "X": Matrix("m", "n"), "D": Matrix("m", "m", "square"), "c": Vector("n")},
    wrt="X",
    layout="denominator",
    f=lambda b, X, D, c: b @ X.T @ D @ X @ c,
    claimed=lambda b, X, D, c: D.T @ X @ np.outer(b, c) + D @ X @ np.outer(c, b),
    symbolic=lambda b, X, D, c: (b.T * X.T * D * X * c)[0, 0],
    references=[cookbook(82)],
    aliases=["derivative of b^T X^T D X c", "weighted Gram form gradient"],
)

Derivative(
    id="X941",
    title="Gradient of (Xb + c)ᵀD(Xb + c)",
    latex=r"\frac{\partial}{\partial X}(Xb + c)^{\top}D(Xb + c) = (D + D^{\top})(Xb + c)b^{\top}",
    variables={"X": Matrix("m", "n"), "b": Vector("n"), "c": Vector("m"), "D": Matrix("m", "m", "square")},
    wrt="X",
    layout="denominator",
    f=lambda X, b, c, D: (X @ b + c) @ D @ (X @ b + c),
    claimed=lambda X, b, c, D: np.outer((D + D.T) @ (X @ b + c), b),
    symbolic=lambda X, b, c, D: ((X * b + c).T * D * (X * b + c))[0, 0],
    references=[cookbook(83)],
    aliases=["affine quadratic form matrix gradient", "derivative of (Xb+c)^T D (Xb+c)"],
)

W_SYMMETRIC = ("The Cookbook states (84)–(88) under 'Assume W is symmetric'; for a general W replace 2W by "
               "W + Wᵀ.")

Derivative(
    id="6N9W",
    title="Gradient of a weighted least-squares residual in s (symmetric W)",
    latex=r"\frac{\partial}{\partial s}(x - As)^{\top}W(x - As) = -2A^{\top}W(x - As)",
    variables={"x": Vector("m"), "A": Matrix("m", "n"), "s": Vector("n"), "W": Matrix("m", "m", "symmetric")},
    wrt="s",
    layout="denominator",
    f=lambda x, A, s, W: (x - A @ s) @ W @ (x - A @ s),
    claimed=lambda x, A, s, W: -2 * A.T @ W @ (x - A @ s),
    symbolic=lambda x, A, s, W: ((x - A * s).T * W * (x - A * s))[0, 0],
    notes=W_SYMMETRIC + " Setting the gradient to zero gives the weighted normal equations AᵀWAs = AᵀWx.",
    references=[cookbook(84, note="stated for symmetric W")],
    aliases=["weighted least squares gradient", "generalized least squares", "normal equations", "WLS"],
)

Derivative(
    id="HUZ6",
    title="Gradient of (x − s)ᵀW(x − s) in x (symmetric W)",
    latex=r"\frac{\partial}{\partial x}(x - s)^{\top}W(x - s) = 2W(x - s)",
    variables={"x": Vector("n"), "s": Vector("n"), "W": Matrix("n", "n", "symmetric")},
    wrt="x",
    layout="denominator",
    f=lambda x, s, W: (x - s) @ W @ (x - s),
    claimed=lambda x, s, W: 2 * W @ (x - s),
    symbolic=lambda x, s, W: ((x - s).T * W * (x - s))[0, 0],
    notes=W_SYMMETRIC + " With W = Σ⁻¹ this is the gradient of the squared Mahalanobis distance.",
    references=[cookbook(85, note="stated for symmetric W")],
    aliases=["weighted squared distance gradient", "derivative of (x-s)^T W (x-s)", "weighted norm gradient"],
)

Derivative(
    id="1VUK",
    title="Gradient of (x − s)ᵀW(x − s) in s (symmetric W)",
    latex=r"\frac{\partial}{\partial s}(x - s)^{\top}W(x - s) = -2W(x - s)",
    variables={"x": Vector("n"), "s": Vector("n"), "W": Matrix("n", "n", "symmetric")},
    wrt="s",
    layout="denominator",
    f=lambda x, s, W: (x - s) @ W @ (x - s),
    claimed=lambda x, s, W: -2 * W @ (x - s),
    symbolic=lambda x, s, W: ((x - s).T * W * (x - s))[0, 0],
    notes=W_SYMMETRIC,
    references=[cookbook(86, note="stated for symmetric W")],
    aliases=["weighted squared distance gradient in the centre", "derivative of (x-s)^T W (x-s) by s"],
)

Derivative(
    id="3DLM",
    title="Gradient of (x − As)ᵀW(x − As) in x (symmetric W)",
    latex=r"\frac{\partial}{\partial x}(x - As)^{\top}W(x - As) = 2W(x - As)",
    variables={"x": Vector("m"), "A": Matrix("m", "n"), "s": Vector("n"), "W": Matrix("m", "m", "symmetric")},
    wrt="x",
    layout="denominator",
    f=lambda x, A, s, W: (x - A @ s) @ W @ (x - A @ s),
    claimed=lambda x, A, s, W: 2 * W @ (x - A @ s),
    symbolic=lambda x, A, s, W: ((x - A * s).T * W * (x - A * s))[0, 0],
    notes=W_SYMMETRIC,
    references=[cookbook(87, note="stated for symmetric W")],
    aliases=["weighted residual gradient in the data", "derivative of (x-As)^T W (x-As) by x"],
)

Derivative(
    id="1ZL6",
    title="Gradient of (x − As)ᵀW(x − As) in A (symmetric W)",
    latex=r"\frac{\partial}{\partial A}(x - As)^{\top}W(x - As) = -2W(x - As)s^{\top}",
    variables={"x": Vector("m"), "A": Matrix("m", "n"), "s": Vector("n"), "W": Matrix("m", "m", "symmetric")},
    wrt="A",
    layout="denominator",
    f=lambda x, A, s, W: (x - A @ s) @ W @ (x - A @ s),
    claimed=lambda x, A, s, W: -2 * np.outer(W @ (x - A @ s), s),
    symbolic=lambda x, A, s, W: ((x - A * s).T * W * (x - A * s))[0, 0],
    notes=W_SYMMETRIC + " With W = I this is the LMS / delta-rule update direction for a linear model.",
    references=[cookbook(88, note="stated for symmetric W")],
    aliases=["gradient with respect to the mixing matrix", "weighted least squares in the matrix",
             "delta rule", "derivative of (x-As)^T W (x-As) by A"],
)

Derivative(
    id="R1QT",
    title="Gradient of a weighted least-squares residual in s (general W)",
    latex=r"\frac{\partial}{\partial s}(x - As)^{\top}W(x - As) = -A^{\top}(W + W^{\top})(x - As)",
    variables={"x": Vector("m"), "A": Matrix("m", "n"), "s": Vector("n"), "W": Matrix("m", "m", "square")},
    wrt="s",
    layout="denominator",
    f=lambda x, A, s, W: (x - A @ s) @ W @ (x - A @ s),
    claimed=lambda x, A, s, W: -A.T @ (W + W.T) @ (x - A @ s),
    symbolic=lambda x, A, s, W: ((x - A * s).T * W * (x - A * s))[0, 0],
    notes="The form of Cookbook (84) for any square W; it reduces to −2AᵀW(x − As) when W is symmetric.",
    references=[cookbook(84, note="printed for symmetric W; this is the general form")],
    sketch="d[(x − As)ᵀW(x − As)] = −(A ds)ᵀW(x − As) − (x − As)ᵀWA ds = −(x − As)ᵀ(W + Wᵀ)A ds.",
    aliases=["least squares gradient nonsymmetric weight", "general W quadratic residual gradient"],
)

Derivative(
    id="HAUL",
    title="Gradient of (x − s)ᵀW(x − s) in x (general W)",
    latex=r"\frac{\partial}{\partial x}(x - s)^{\top}W(x - s) = (W + W^{\top})(x - s)",
    variables={"x": Vector("n"), "s": Vector("n"), "W": Matrix("n", "n", "square")},
    wrt="x",
    layout="denominator",
    f=lambda x, s, W: (x - s) @ W @ (x - s),
    claimed=lambda x, s, W: (W + W.T) @ (x - s),
    symbolic=lambda x, s, W: ((x - s).T * W * (x - s))[0, 0],
    notes="The form of Cookbook (85) for any square W; the s-gradient is its negative.",
    references=[cookbook(85, note="printed for symmetric W; this is the general form"), cookbook(81)],
    aliases=["shifted quadratic form gradient", "nonsymmetric weighted distance gradient"],
)

Derivative(
    id="4LP7",
    title="Gradient of (x − As)ᵀW(x − As) in A (general W)",
    latex=r"\frac{\partial}{\partial A}(x - As)^{\top}W(x - As) = -(W + W^{\top})(x - As)s^{\top}",
    variables={"x": Vector("m"), "A": Matrix("m", "n"), "s": Vector("n"), "W": Matrix("m", "m", "square")},
    wrt="A",
    layout="denominator",
    f=lambda x, A, s, W: (x - A @ s) @ W @ (x - A @ s),
    claimed=lambda x, A, s, W: -np.outer((W + W.T) @ (x - A @ s), s),
    symbolic=lambda x, A, s, W: ((x - A * s).T * W * (x - A * s))[0, 0],
    notes="The form of Cookbook (88) for any square W.",
    references=[cookbook(88, note="printed for symmetric W; this is the general form")],
    sketch="d[(x − As)ᵀW(x − As)] = −(x − As)ᵀ(W + Wᵀ) dA s = −tr(s (x − As)ᵀ(W + Wᵀ) dA).",
    aliases=["matrix gradient of weighted residual", "general weight least squares in A"],
)

Derivative(
    id="YRMQ",
    title="Gradient of the squared error (a − xᵀb)² (LMS)",
    latex=r"\frac{\partial (a - x^{\top}b)^{2}}{\partial x} = -2b(a - x^{\top}b)",
    variables={"a": Scalar(), "x": Vector("n"), "b": Vector("n")},
    wrt="x",
    layout="denominator",
    f=lambda a, x, b: (a - x @ b) ** 2,
    claimed=lambda a, x, b: -2 * b * (a - x @ b),
    symbolic=lambda a, x, b: (a - (x.T * b)[0, 0]) ** 2,
    notes="The gradient behind the LMS (Widrow–Hoff) adaptive filter update. This entry checks the real case.",
    errata=("The Cookbook prints (89) for complex x as ∂(a − xᴴb)²/∂x = −2b(a − xᴴb)*. Read literally "
            "(the square, not the squared modulus) this matches no standard complex derivative: "
            "∂/∂x of (a − xᴴb)² is 0 and ∂/∂x̄ is −2b(a − xᴴb), without the conjugate. The printed right-hand "
            "side is the gradient 2∂f/∂x̄ of the LMS cost f = |a − xᴴb|². For real x all readings agree with "
            "this entry."),
    references=[cookbook(89, note="printed for complex x; holds as 2∂/∂x̄ of |a − xᴴb|²; real case checked")],
    aliases=["LMS gradient", "least mean squares", "Widrow-Hoff rule", "squared error of a linear predictor"],
)

# ---------------------------------------------------------------------------------------------
# Higher order and non-linear (Cookbook 90–95)

Differential(
    id="Y8MB",
    title="Entrywise derivative of a matrix power Xⁿ",
    latex=r"\frac{\partial (X^{n})_{kl}}{\partial X_{ij}} = \sum_{r=0}^{n-1}(X^{r}J^{ij}X^{n-1-r})_{kl}",
    variables={"X": Matrix("p", "p", "square"), "n": Scalar(description="a positive integer power")},
    wrt=("X",),
    f=lambda X, n: mpow(X, int(n)),
    df=lambda X, n, dX: by_entries(dX, lambda i, j: sum(
        mpow(X, r) @ single_entry(X.shape, i, j) @ mpow(X, int(n) - 1 - r) for r in range(int(n)))),
    differential=r"\mathrm{d}(X^{n}) = \sum_{r=0}^{n-1}X^{r}\,\mathrm{d}X\,X^{n-1-r}",
    prepare=integer_power,
    conditions="n is a positive integer (the checks draw n from 1 to 4).",
    symbols={"i": "an index", "j": "an index", "k": "an index", "l": "an index", "r": "a summation index",
             "J": SINGLE_ENTRY},
    notes=ENTRYWISE_NOTE,
    references=[cookbook(90)],
    aliases=["derivative of matrix power", "d(X^n)", "power of a matrix derivative"],
)

Derivative(
    id="4LGP",
    title="Gradient of aᵀXⁿb",
    latex=r"\frac{\partial}{\partial X}a^{\top}X^{n}b = \sum_{r=0}^{n-1}(X^{r})^{\top}ab^{\top}(X^{n-1-r})^{\top}",
    variables={"a": Vector("p"), "X": Matrix("p", "p", "square"), "b": Vector("p"),
               "n": Scalar(description="a positive integer power")},
    wrt="X",
    layout="denominator",
    f=lambda a, X, b, n: a @ mpow(X, int(n)) @ b,
    claimed=lambda a, X, b, n: sum(mpow(X, r).T @ np.outer(a, b) @ mpow(X, int(n) - 1 - r).T
                                   for r in range(int(n))),
    prepare=integer_power,
    conditions="n is a positive integer (the checks draw n from 1 to 4).",
    symbols={"r": "a summation index"},
    references=[cookbook(91)],
    aliases=["bilinear form of a matrix power", "derivative of a^T X^n b", "matrix power gradient"],
)

Derivative(
    id="LYH0",
    title="Gradient of aᵀ(Xⁿ)ᵀXⁿb",
    latex=(r"\frac{\partial}{\partial X}a^{\top}(X^{n})^{\top}X^{n}b = \sum_{r=0}^{n-1}\left[(X^{r})^{\top}X^{n}"
           r"ba^{\top}(X^{n-1-r})^{\top} + (X^{r})^{\top}X^{n}ab^{\top}(X^{n-1-r})^{\top}\right]"),
    variables={"a": Vector("p"), "X": Matrix("p", "p", "square"), "b": Vector("p"),
               "n": Scalar(description="a positive integer power")},
    wrt="X",
    layout="denominator",
    f=lambda a, X, b, n: a @ mpow(X, int(n)).T @ mpow(X, int(n)) @ b,
    claimed=lambda a, X, b, n: sum(
        mpow(X, r).T @ mpow(X, int(n)) @ np.outer(b, a) @ mpow(X, int(n) - 1 - r).T
        + mpow(X, r).T @ mpow(X, int(n)) @ np.outer(a, b) @ mpow(X, int(n) - 1 - r).T for r in range(int(n))),
    prepare=integer_power,
    conditions="n is a positive integer (the checks draw n from 1 to 4).",
    symbols={"r": "a summation index"},
    notes="For n = 1 this is X(abᵀ + baᵀ), Cookbook (77) with b, c renamed a, b.",
    errata=("Cookbook (92) prints the first term of the sum as X^{n−1−r}abᵀ(Xⁿ)ᵀX^r, the transpose of the "
            "correct (X^r)ᵀXⁿbaᵀ(X^{n−1−r})ᵀ. The printed formula is wrong already for n = 1, where it gives "
            "abᵀXᵀ + Xabᵀ instead of X(baᵀ + abᵀ); on random 4 × 4 instances its relative error against finite "
            "differences is 0.4–0.7 for n = 1, 2, 3, while the corrected form agrees to 1e-10."),
    references=[cookbook(92, note="first term printed transposed; corrected here")],
    aliases=["derivative of a^T (X^n)^T X^n b", "squared matrix power form gradient", "Gram of matrix power"],
)

Derivative(
    id="YTTP",
    title="Chain rule for a bilinear form sᵀAr of vector functions",
    latex=(r"\frac{\partial}{\partial x}s^{\top}Ar = \left[\frac{\partial s}{\partial x}\right]^{\top}Ar + "
           r"\left[\frac{\partial r}{\partial x}\right]^{\top}A^{\top}s, \quad s = \tanh(Bx),\; r = \exp(Cx)"),
    variables={"x": Vector("n"), "A": Matrix("p", "q"), "B": Matrix("p", "n"), "C": Matrix("q", "n")},
    wrt="x",
    layout="denominator",
    f=lambda x, A, B, C: np.tanh(B @ x) @ A @ np.exp(C @ x),
    claimed=lambda x, A, B, C: ((1 - np.tanh(B @ x) ** 2)[:, None] * B).T @ A @ np.exp(C @ x)
    + (np.exp(C @ x)[:, None] * C).T @ A.T @ np.tanh(B @ x),
    symbolic=lambda x, A, B, C: ((B * x).applyfunc(sp.tanh).T * A * (C * x).applyfunc(sp.exp))[0, 0],
    symbols={"s": "a differentiable vector function of x; checked with s = tanh(Bx) element-wise",
             "r": "a differentiable vector function of x; checked with r = exp(Cx) element-wise"},
    notes=("The rule holds for any differentiable s(x), r(x) and constant A; the check uses the non-linear "
           "s = tanh(Bx), r = exp(Cx). Here ∂s/∂x is the Jacobian (rows indexed by the entries of s), so its "
           "transpose maps back to the space of x."),
    references=[cookbook(93)],
    aliases=["product rule for bilinear form", "chain rule quadratic form", "derivative of s(x)^T A r(x)"],
)

Derivative(
    id="UR4V",
    title="Gradient of a ratio of quadratic forms ‖Ax‖² / ‖Bx‖²",
    latex=(r"\frac{\partial}{\partial x}\frac{(Ax)^{\top}(Ax)}{(Bx)^{\top}(Bx)} = "
           r"2\frac{A^{\top}Ax}{x^{\top}B^{\top}Bx} - 2\frac{x^{\top}A^{\top}Ax\,B^{\top}Bx}{(x^{\top}B^{\top}Bx)^{2}}"),
    variables={"x": Vector("n", "nonzero"), "A": Matrix("p", "n"), "B": Matrix("q", "n", "full_column_rank")},
    wrt="x",
    layout="denominator",
    f=lambda x, A, B: ((A @ x) @ (A @ x)) / ((B @ x) @ (B @ x)),
    claimed=lambda x, A, B: 2 * A.T @ A @ x / (x @ B.T @ B @ x)
    - 2 * (x @ A.T @ A @ x) * (B.T @ B @ x) / (x @ B.T @ B @ x) ** 2,
    symbolic=lambda x, A, B: ((A * x).T * (A * x))[0, 0] / ((B * x).T * (B * x))[0, 0],
    conditions="Bx ≠ 0 (ensured here by B of full column rank and x ≠ 0).",
    notes="A generalized Rayleigh quotient of AᵀA and BᵀB; its stationary points solve AᵀAx = λBᵀBx.",
    errata=("Cookbook (95) prints the first denominator as xᵀBBx; it must be xᵀBᵀBx, the denominator of (94). "
            "With B rectangular (as here) xᵀBBx is not even defined; with B square and non-symmetric the "
            "printed form has relative error ≈ 0.8 against finite differences on a random 4 × 4 instance, "
            "and it is correct only when B is symmetric."),
    references=[cookbook(94), cookbook(95, note="first denominator printed xᵀBBx; read xᵀBᵀBx")],
    aliases=["Rayleigh quotient gradient", "ratio of quadratic forms", "generalized Rayleigh quotient",
             "quotient rule quadratic forms"],
)

# ---------------------------------------------------------------------------------------------
# Gradient and Hessian (Cookbook 96–98)

Derivative(
    id="50AP",
    title="Gradient of xᵀAx + bᵀx",
    latex=r"\nabla_{x}(x^{\top}Ax + b^{\top}x) = (A + A^{\top})x + b",
    variables={"x": Vector("n"), "A": Matrix("n", "n", "square"), "b": Vector("n")},
    wrt="x",
    layout="denominator",
    f=lambda x, A, b: x @ A @ x + b @ x,
    claimed=lambda x, A, b: (A + A.T) @ x + b,
    other_layout=(r"\frac{\partial (x^{\top}Ax + b^{\top}x)}{\partial x} = x^{\top}(A + A^{\top}) + b^{\top}",
                  lambda x, A, b: x @ (A + A.T) + b),
    symbolic=lambda x, A, b: (x.T * A * x)[0, 0] + (b.T * x)[0, 0],
    notes="Setting it to zero gives the minimiser of a convex quadratic: x = −(A + Aᵀ)⁻¹b.",
    references=[cookbook(96), cookbook(97), ref("wikipedia-matrix-calculus", "Scalar-by-vector identities")],
    aliases=["gradient of quadratic function", "quadratic plus linear gradient", "nabla of quadratic form"],
)

Hessian(
    id="JYZQ",
    title="Hessian of xᵀAx + bᵀx",
    latex=r"\frac{\partial^{2}(x^{\top}Ax + b^{\top}x)}{\partial x\,\partial x^{\top}} = A + A^{\top}",
    variables={"x": Vector("n"), "A": Matrix("n", "n", "square"), "b": Vector("n")},
    wrt="x",
    f=lambda x, A, b: x @ A @ x + b @ x,
    claimed=lambda x, A, b: A + A.T,
    symbolic=lambda x, A, b: (x.T * A * x)[0, 0] + (b.T * x)[0, 0],
    notes="Constant in x; for symmetric A it is 2A. The quadratic is convex exactly when A + Aᵀ is positive semidefinite.",
    references=[cookbook(96), cookbook(98), ref("wikipedia-matrix-calculus", "Scalar-by-vector identities")],
    aliases=["Hessian of quadratic form", "second derivative of x^T A x", "quadratic function Hessian"],
)

# ---------------------------------------------------------------------------------------------
# Forms in everyday use

Derivative(
    id="W8BD",
    title="Jacobian of a linear map Ax",
    latex=r"\frac{\partial (Ax)}{\partial x} = A",
    variables={"A": Matrix("m", "n"), "x": Vector("n")},
    wrt="x",
    layout="numerator",
    f=lambda A, x: A @ x,
    claimed=lambda A, x: A.copy(),
    other_layout=(r"\frac{\partial (Ax)}{\partial x} = A^{\top}", lambda A, x: A.T.copy()),
    symbolic=lambda A, x: A * x,
    notes="Numerator layout (the Jacobian, m × n) gives A; denominator layout gives Aᵀ. The layouts differ only "
          "by this transpose, which is the usual source of confusion between tables.",
    references=[ref("wikipedia-matrix-calculus", "Vector-by-vector identities"),
                parr_howard("4.1 Generalization of the Jacobian")],
    aliases=["Jacobian of matrix-vector product", "derivative of Ax", "linear layer Jacobian", "d(Wx)/dx"],
)

Derivative(
    id="Q2WT",
    title="Jacobian of xᵀA",
    latex=r"\frac{\partial (x^{\top}A)}{\partial x} = A^{\top}",
    variables={"x": Vector("n"), "A": Matrix("n", "m")},
    wrt="x",
    layout="numerator",
    f=lambda x, A: x @ A,
    claimed=lambda x, A: A.T.copy(),
    other_layout=(r"\frac{\partial (x^{\top}A)}{\partial x} = A", lambda x, A: A.copy()),
    symbolic=lambda x, A: (x.T * A).T,
    notes="xᵀA is treated as the vector Aᵀx: its Jacobian (numerator layout) is Aᵀ, in denominator layout A.",
    references=[ref("wikipedia-matrix-calculus", "Vector-by-vector identities")],
    aliases=["derivative of x^T A", "row vector times matrix derivative", "Jacobian of x transpose A"],
)

Derivative(
    id="0WET",
    title="Gradient of a squared linear form (aᵀx)²",
    latex=r"\frac{\partial (a^{\top}x)^{2}}{\partial x} = 2(a^{\top}x)\,a",
    variables={"a": Vector("n"), "x": Vector("n")},
    wrt="x",
    layout="denominator",
    f=lambda a, x: (a @ x) ** 2,
    claimed=lambda a, x: 2 * (a @ x) * a,
    symbolic=lambda a, x: (a.T * x)[0, 0] ** 2,
    notes="Equivalently the gradient of the rank-one quadratic form xᵀ(aaᵀ)x, i.e. 2aaᵀx.",
    sketch="d(aᵀx)² = 2(aᵀx) d(aᵀx) = 2(aᵀx) aᵀdx.",
    references=[cookbook(89, note="the real case with the scalar set to 0")],
    aliases=["derivative of squared dot product", "gradient of (a^T x)^2", "rank one quadratic form"],
)

Derivative(
    id="AJB3",
    title="Gradient of xᵀAx for symmetric A",
    latex=r"\frac{\partial x^{\top}Ax}{\partial x} = 2Ax",
    variables={"x": Vector("n"), "A": Matrix("n", "n", "symmetric")},
    wrt="x",
    layout="denominator",
    f=lambda x, A: x @ A @ x,
    claimed=lambda x, A: 2 * A @ x,
    other_layout=(r"\frac{\partial x^{\top}Ax}{\partial x} = 2x^{\top}A", lambda x, A: 2 * x @ A),
    symbolic=lambda x, A: (x.T * A * x)[0, 0],
    notes="Needs A = Aᵀ; for a general square A the gradient is (A + Aᵀ)x.",
    references=[cookbook(81, note="with B symmetric"), ref("wikipedia-matrix-calculus", "Scalar-by-vector identities")],
    aliases=["symmetric quadratic form gradient", "2Ax", "derivative of x^T A x symmetric"],
)

Derivative(
    id="FCZG",
    title="Gradient of xᵀx",
    latex=r"\frac{\partial x^{\top}x}{\partial x} = 2x",
    variables={"x": Vector("n")},
    wrt="x",
    layout="denominator",
    f=lambda x: x @ x,
    claimed=lambda x: 2 * x,
    other_layout=(r"\frac{\partial x^{\top}x}{\partial x} = 2x^{\top}", lambda x: 2 * x),
    symbolic=lambda x: (x.T * x)[0, 0],
    notes="The gradient of the squared Euclidean norm ‖x‖₂².",
    references=[ref("wikipedia-matrix-calculus", "Scalar-by-vector identities"),
                cookbook(81, note="with B = I"), cookbook(131, note="the same claim, written with the 2-norm")],
    aliases=["squared norm gradient", "derivative of x^T x", "sum of squares gradient", "gradient of ||x||^2"],
)

Derivative(
    id="ATF0",
    title="Gradient of a bilinear form xᵀAy in x",
    latex=r"\frac{\partial x^{\top}Ay}{\partial x} = Ay",
    variables={"x": Vector("m"), "A": Matrix("m", "n"), "y": Vector("n")},
    wrt="x",
    layout="denominator",
    f=lambda x, A, y: x @ A @ y,
    claimed=lambda x, A, y: A @ y,
    symbolic=lambda x, A, y: (x.T * A * y)[0, 0],
    references=[ref("wikipedia-matrix-calculus", "Scalar-by-vector identities"), cookbook(69, note="with a = Ay")],
    aliases=["bilinear form gradient", "derivative of x^T A y", "gradient of bilinear form"],
)

Derivative(
    id="ELZ5",
    title="Gradient of a bilinear form xᵀAy in y",
    latex=r"\frac{\partial x^{\top}Ay}{\partial y} = A^{\top}x",
    variables={"x": Vector("m"), "A": Matrix("m", "n"), "y": Vector("n")},
    wrt="y",
    layout="denominator",
    f=lambda x, A, y: x @ A @ y,
    claimed=lambda x, A, y: A.T @ x,
    symbolic=lambda x, A, y: (x.T * A * y)[0, 0],
    references=[ref("wikipedia-matrix-calculus", "Scalar-by-vector identities"), cookbook(69, note="with a = Aᵀx")],
    aliases=["bilinear form gradient second argument", "derivative of x^T A y by y"],
)

Derivative(
    id="MJ0W",
    title="Gradient of the least-squares objective ‖Ax − b‖²",
    latex=r"\frac{\partial}{\partial x}\lVert Ax - b \rVert_2^{2} = 2A^{\top}(Ax - b)",
    variables={"A": Matrix("m", "n"), "x": Vector("n"), "b": Vector("m")},
    wrt="x",
    layout="denominator",
    f=lambda A, x, b: np.sum((A @ x - b) ** 2),
    claimed=lambda A, x, b: 2 * A.T @ (A @ x - b),
    symbolic=lambda A, x, b: ((A * x - b).T * (A * x - b))[0, 0],
    notes="Setting it to zero gives the normal equations AᵀAx = Aᵀb. With the factor ½ in front of the norm the "
          "gradient is Aᵀ(Ax − b).",
    references=[ref("goodfellow-2016", "§4.5 Example: Linear Least Squares"),
                cookbook(84, note="with W = I and s in the role of x")],
    aliases=["least squares gradient", "linear regression gradient", "normal equations", "OLS gradient",
             "mean squared error gradient"],
)

Hessian(
    id="G6G1",
    title="Hessian of the least-squares objective ‖Ax − b‖²",
    latex=r"\frac{\partial^{2}}{\partial x\,\partial x^{\top}}\lVert Ax - b \rVert_2^{2} = 2A^{\top}A",
    variables={"A": Matrix("m", "n"), "x": Vector("n"), "b": Vector("m")},
    wrt="x",
    f=lambda A, x, b: np.sum((A @ x - b) ** 2),
    claimed=lambda A, x, b: 2 * A.T @ A,
    symbolic=lambda A, x, b: ((A * x - b).T * (A * x - b))[0, 0],
    notes="Positive semidefinite, and definite when A has full column rank: least squares is then strictly convex.",
    references=[ref("goodfellow-2016", "§4.5 Example: Linear Least Squares"),
                cookbook(98, note="with A replaced by AᵀA")],
    aliases=["least squares Hessian", "Gauss-Newton matrix", "linear regression Hessian", "2 A^T A"],
)

Derivative(
    id="4A2S",
    title="Gradient of the squared Mahalanobis distance in x",
    latex=r"\frac{\partial}{\partial x}(x - \mu)^{\top}\Sigma^{-1}(x - \mu) = 2\Sigma^{-1}(x - \mu)",
    variables={"x": Vector("n"), "mu": Vector("n"), "Sigma": Matrix("n", "n", "spd")},
    wrt="x",
    layout="denominator",
    f=lambda x, mu, Sigma: (x - mu) @ np.linalg.inv(Sigma) @ (x - mu),
    claimed=lambda x, mu, Sigma: 2 * np.linalg.solve(Sigma, x - mu),
    symbolic=lambda x, mu, Sigma: ((x - mu).T * Sigma.I * (x - mu))[0, 0],
    notes="The gradient of the Gaussian log-density in x is −Σ⁻¹(x − μ), half of this with a minus sign.",
    references=[cookbook(85, note="with W = Σ⁻¹")],
    aliases=["Mahalanobis distance gradient", "Gaussian log-likelihood gradient", "score of Gaussian",
             "derivative of (x-mu)^T Sigma^-1 (x-mu)"],
)

Derivative(
    id="C0YZ",
    title="Gradient of the squared Mahalanobis distance in μ",
    latex=r"\frac{\partial}{\partial \mu}(x - \mu)^{\top}\Sigma^{-1}(x - \mu) = -2\Sigma^{-1}(x - \mu)",
    variables={"x": Vector("n"), "mu": Vector("n"), "Sigma": Matrix("n", "n", "spd")},
    wrt="mu",
    layout="denominator",
    f=lambda x, mu, Sigma: (x - mu) @ np.linalg.inv(Sigma) @ (x - mu),
    claimed=lambda x, mu, Sigma: -2 * np.linalg.solve(Sigma, x - mu),
    symbolic=lambda x, mu, Sigma: ((x - mu).T * Sigma.I * (x - mu))[0, 0],
    notes="Summed over samples and set to zero it gives the maximum-likelihood mean, the sample average.",
    references=[cookbook(86, note="with W = Σ⁻¹ and s = μ")],
    aliases=["Gaussian mean gradient", "Mahalanobis gradient in the mean", "MLE of the mean"],
)

Derivative(
    id="9E1V",
    title="Gradient of the squared Mahalanobis distance in Σ",
    latex=(r"\frac{\partial}{\partial \Sigma}(x - \mu)^{\top}\Sigma^{-1}(x - \mu) = "
           r"-\Sigma^{-1}(x - \mu)(x - \mu)^{\top}\Sigma^{-1}"),
    variables={"x": Vector("n"), "mu": Vector("n"), "Sigma": Matrix("n", "n", "spd")},
    wrt="Sigma",
    layout="denominator",
    f=lambda x, mu, Sigma: (x - mu) @ np.linalg.inv(Sigma) @ (x - mu),
    claimed=lambda x, mu, Sigma: -np.outer(np.linalg.solve(Sigma, x - mu), np.linalg.solve(Sigma, x - mu)),
    symbolic=lambda x, mu, Sigma: ((x - mu).T * Sigma.I * (x - mu))[0, 0],
    notes=("Checked along all perturbations of Σ. The result is symmetric, so it is also the gradient on the "
           "space of symmetric matrices under the trace inner product; the Cookbook's symmetric-entry convention "
           "(§2.8.2) would instead double the off-diagonal entries."),
    references=[cookbook(61, note="with a = b = x − μ and X = Σ")],
    aliases=["covariance gradient", "Mahalanobis gradient in the covariance", "Gaussian covariance MLE",
             "derivative of inverse covariance quadratic form"],
)

Hessian(
    id="ZNE9",
    title="Hessian of the squared Mahalanobis distance in x",
    latex=r"\frac{\partial^{2}}{\partial x\,\partial x^{\top}}(x - \mu)^{\top}\Sigma^{-1}(x - \mu) = 2\Sigma^{-1}",
    variables={"x": Vector("n"), "mu": Vector("n"), "Sigma": Matrix("n", "n", "spd")},
    wrt="x",
    f=lambda x, mu, Sigma: (x - mu) @ np.linalg.inv(Sigma) @ (x - mu),
    # Σ⁻¹ + Σ⁻ᵀ: exactly symmetric in floating point, as the true Hessian is
    claimed=lambda x, mu, Sigma: np.linalg.inv(Sigma) + np.linalg.inv(Sigma).T,
    symbolic=lambda x, mu, Sigma: ((x - mu).T * Sigma.I * (x - mu))[0, 0],
    notes="So the Hessian of the Gaussian log-density is −Σ⁻¹ (the precision matrix with a minus sign).",
    references=[cookbook(98, note="with A = Σ⁻¹ symmetric")],
    aliases=["Gaussian log-likelihood Hessian", "precision matrix Hessian", "Mahalanobis Hessian"],
)

Derivative(
    id="VGRG",
    title="Gradient of the Rayleigh quotient",
    latex=(r"\frac{\partial}{\partial x}\frac{x^{\top}Ax}{x^{\top}x} = "
           r"\frac{2}{x^{\top}x}\left(Ax - \frac{x^{\top}Ax}{x^{\top}x}\,x\right)"),
    variables={"x": Vector("n", "nonzero"), "A": Matrix("n", "n", "symmetric")},
    wrt="x",
    layout="denominator",
    f=lambda x, A: (x @ A @ x) / (x @ x),
    claimed=lambda x, A: 2 / (x @ x) * (A @ x - (x @ A @ x) / (x @ x) * x),
    symbolic=lambda x, A: (x.T * A * x)[0, 0] / (x.T * x)[0, 0],
    notes="It vanishes exactly at eigenvectors of A, where the quotient equals the eigenvalue.",
    sketch="Quotient rule with ∂xᵀAx/∂x = 2Ax (A symmetric) and ∂xᵀx/∂x = 2x.",
    references=[cookbook(95, note="the special case with A symmetric in place of AᵀA and B = I")],
    aliases=["Rayleigh quotient gradient", "eigenvector stationary point", "derivative of x^T A x / x^T x"],
)

Derivative(
    id="KWLJ",
    title="Gradient of the generalized Rayleigh quotient xᵀAx / xᵀBx",
    latex=(r"\frac{\partial}{\partial x}\frac{x^{\top}Ax}{x^{\top}Bx} = "
           r"\frac{2}{x^{\top}Bx}\left(Ax - \frac{x^{\top}Ax}{x^{\top}Bx}\,Bx\right)"),
    variables={"x": Vector("n", "nonzero"), "A": Matrix("n", "n", "symmetric"), "B": Matrix("n", "n", "spd")},
    wrt="x",
    layout="denominator",
    f=lambda x, A, B: (x @ A @ x) / (x @ B @ x),
    claimed=lambda x, A, B: 2 / (x @ B @ x) * (A @ x - (x @ A @ x) / (x @ B @ x) * B @ x),
    symbolic=lambda x, A, B: (x.T * A * x)[0, 0] / (x.T * B * x)[0, 0],
    notes="Stationary points solve the generalized eigenproblem Ax = λBx (Fisher's linear discriminant).",
    sketch="Quotient rule with ∂xᵀAx/∂x = 2Ax and ∂xᵀBx/∂x = 2Bx for symmetric A and B.",
    references=[cookbook(95, note="with AᵀA, BᵀB replaced by symmetric A and positive definite B")],
    aliases=["generalized Rayleigh quotient gradient", "Fisher discriminant criterion gradient",
             "generalized eigenvalue problem"],
)
