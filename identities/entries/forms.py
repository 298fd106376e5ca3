"""Linear and quadratic forms.

Derivatives of linear, bilinear and quadratic forms in vectors and matrices (Matrix Cookbook §2.4),
with the forms practitioners meet most: least squares, the Mahalanobis distance, Rayleigh
quotients. Gradients of scalars have the shape of the variable (denominator layout); Jacobians of
vector maps are given in numerator layout, with the other layout alongside.
"""
import numpy as np

from identities import (Change, Derivative, Differential, Erratum, Formula, Hessian, Matrix, Scalar, Step, Vector,
                        cookbook, parr_howard, ref)
from identities.symbolic import sp

mpow = np.linalg.matrix_power
inv = np.linalg.inv


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


def _power(X, n):
    """Xⁿ for the integer n of the record (a function of X alone for D)."""
    return mpow(X, int(n))


def _power_lower(X, n):
    """X^{n−1}."""
    return mpow(X, int(n) - 1)


def _power_sum(X, n, dX):
    """Σ_{r=0}^{n−1} X^r dX X^{n−1−r}: the differential of Xⁿ."""
    return sum(mpow(X, r) @ dX @ mpow(X, int(n) - 1 - r) for r in range(int(n)))


ENTRYWISE_NOTE = ("Checked as a differential: the change of F along a random dX is compared with the sum over "
                  "(i, j) of dX_ij times the partial derivative computed from the printed formula, so one check "
                  "covers every (i, j).")
SINGLE_ENTRY = "the single-entry matrix: 1 in position (i, j), 0 elsewhere"
IDENTIFY = r"\;\Rightarrow\;"


# Functions whose differential a derivation step takes, D(g). They live at module level so that each
# is one object for the whole run (D caches differentials by function).
def _x_dot_a(x, a):
    return x @ a


def _aXta(a, X):
    return a @ X.T @ a

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
    other_layout=(r"\frac{\partial a^{\top}x}{\partial x} = a^{\top}", lambda x, a: a[None, :].copy()),
    differential=(r"\mathrm{d}(a^{\top}x) = a^{\top}\mathrm{d}x", lambda a, dx: a @ dx),
    also=[Formula(r"\frac{\partial x^{\top}a}{\partial x} = a", lambda D: D(_x_dot_a),
                  lambda a, dx: a @ dx)],
    derivation=[
        Step(r"\mathrm{d}(a^{\top}x) = (\mathrm{d}a)^{\top}x + a^{\top}\mathrm{d}x = a^{\top}\mathrm{d}x",
             lambda D: D(), lambda a, dx: a @ dx, uses=["8CQG", "6Q8H"]),
        Step(r"= a^{\top}\mathrm{d}x" + IDENTIFY + r"\frac{\partial a^{\top}x}{\partial x} = a",
             lambda a, dx: a @ dx, lambda a, dx: np.sum(a * dx)),
    ],
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
    differential=(r"\mathrm{d}(a^{\top}Xb) = a^{\top}\mathrm{d}X\,b", lambda a, b, dX: a @ dX @ b),
    derivation=[
        Step(r"\mathrm{d}(a^{\top}Xb) = a^{\top}\mathrm{d}X\,b", lambda D: D(), lambda a, b, dX: a @ dX @ b,
             uses=["2ZM7"]),
        Step(r"= \operatorname{tr}(ba^{\top}\mathrm{d}X) = \operatorname{tr}\bigl((ab^{\top})^{\top}\mathrm{d}X\bigr)"
             + IDENTIFY + r"\frac{\partial a^{\top}Xb}{\partial X} = ab^{\top}",
             lambda a, b, dX: a @ dX @ b, lambda a, b, dX: np.trace(np.outer(b, a) @ dX),
             lambda a, b, dX: np.sum(np.outer(a, b) * dX)),
    ],
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
    derivation=[
        Step(r"\mathrm{d}(a^{\top}X^{\top}b) = a^{\top}(\mathrm{d}X)^{\top}b", lambda D: D(),
             lambda a, b, dX: a @ dX.T @ b, uses=["2ZM7", "TBSX"]),
        Step(r"= b^{\top}\mathrm{d}X\,a = \operatorname{tr}\bigl((ba^{\top})^{\top}\mathrm{d}X\bigr)"
             + IDENTIFY + r"\frac{\partial a^{\top}X^{\top}b}{\partial X} = ba^{\top}",
             lambda a, b, dX: a @ dX.T @ b, lambda a, b, dX: b @ dX @ a, lambda a, b, dX: np.sum(np.outer(b, a) * dX)),
    ],
    symbolic=lambda a, X, b: (a.T * X.T * b)[0, 0],
    notes="A scalar is its own transpose, which turns aᵀ(dX)ᵀb into bᵀ dX a.",
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
    also=[Formula(r"\frac{\partial a^{\top}X^{\top}a}{\partial X} = aa^{\top}", lambda D: D(_aXta),
                  lambda a, dX: np.sum(np.outer(a, a) * dX)),
          Formula(r"a^{\top}X^{\top}a = a^{\top}Xa", lambda a, X: a @ X.T @ a, lambda a, X: a @ X @ a)],
    derivation=[
        Step(r"\mathrm{d}(a^{\top}Xa) = a^{\top}\mathrm{d}X\,a", lambda D: D(), lambda a, dX: a @ dX @ a,
             uses=["2ZM7"]),
        Step(r"= \operatorname{tr}\bigl((aa^{\top})^{\top}\mathrm{d}X\bigr)" + IDENTIFY
             + r"\frac{\partial a^{\top}Xa}{\partial X} = aa^{\top}",
             lambda a, dX: a @ dX @ a, lambda a, dX: np.sum(np.outer(a, a) * dX)),
    ],
    symbolic=lambda a, X: (a.T * X * a)[0, 0],
    notes="aᵀXᵀa is the same scalar as aᵀXa (a scalar is its own transpose), so both have the gradient aaᵀ.",
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
    derivation=[
        Step(r"\mathrm{d}(X) = \mathrm{d}X", lambda D: D(), lambda dX: 1.0 * dX),
        Step(r"= \sum_{ij}\mathrm{d}X_{ij}\,J^{ij}" + IDENTIFY + r"\frac{\partial X}{\partial X_{ij}} = J^{ij}",
             lambda dX: 1.0 * dX, lambda X, dX: by_entries(dX, lambda i, j: single_entry(X.shape, i, j))),
    ],
    symbols={"i": "a row index", "j": "a column index", "J": SINGLE_ENTRY},
    notes=ENTRYWISE_NOTE,
    references=[cookbook(73), cookbook(457)],
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
    differential=(r"\mathrm{d}(XA) = \mathrm{d}X\,A", lambda A, dX: dX @ A),
    derivation=[
        Step(r"\mathrm{d}(XA) = \mathrm{d}X\,A + X\,\mathrm{d}A = \mathrm{d}X\,A", lambda D: D(),
             lambda A, dX: dX @ A, uses=["8CQG", "6Q8H"]),
        Step(r"= \sum_{mn}\mathrm{d}X_{mn}\,J^{mn}A" + IDENTIFY
             + r"\frac{\partial (XA)_{ij}}{\partial X_{mn}} = (J^{mn}A)_{ij}",
             lambda A, dX: dX @ A, lambda X, A, dX: by_entries(dX, lambda m, n: single_entry(X.shape, m, n) @ A),
             uses=["VYAT"]),
    ],
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
    differential=(r"\mathrm{d}(X^{\top}A) = (\mathrm{d}X)^{\top}A", lambda A, dX: dX.T @ A),
    derivation=[
        Step(r"\mathrm{d}(X^{\top}A) = (\mathrm{d}X)^{\top}A + X^{\top}\mathrm{d}A = (\mathrm{d}X)^{\top}A",
             lambda D: D(), lambda A, dX: dX.T @ A, uses=["8CQG", "TBSX", "6Q8H"]),
        Step(r"= \sum_{mn}\mathrm{d}X_{mn}\,(J^{mn})^{\top}A = \sum_{mn}\mathrm{d}X_{mn}\,J^{nm}A" + IDENTIFY
             + r"\frac{\partial (X^{\top}A)_{ij}}{\partial X_{mn}} = (J^{nm}A)_{ij}",
             lambda A, dX: dX.T @ A,
             lambda X, A, dX: by_entries(dX, lambda m, n: single_entry(X.shape[::-1], n, m) @ A), uses=["VYAT"]),
    ],
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
    also=[Formula(r"\sum_{klmn} X_{kl}X_{mn} = \Bigl(\sum_{kl} X_{kl}\Bigr)^{2}",
                  lambda X: np.einsum("kl,mn->", X, X), lambda X: np.sum(X) ** 2)],
    derivation=[
        Step(r"\mathrm{d}\sum_{klmn} X_{kl}X_{mn} = \sum_{klmn}\bigl(\mathrm{d}X_{kl}\,X_{mn} + X_{kl}\,\mathrm{d}X_{mn}\bigr)",
             lambda D: D(), lambda X, dX: np.einsum("kl,mn->", dX, X) + np.einsum("kl,mn->", X, dX),
             uses=["8CQG"]),
        Step(r"= 2\Bigl(\sum_{kl} X_{kl}\Bigr)\sum_{ij}\mathrm{d}X_{ij}" + IDENTIFY
             + r"\frac{\partial}{\partial X_{ij}}\sum_{klmn} X_{kl}X_{mn} = 2\sum_{kl} X_{kl}",
             lambda X, dX: np.einsum("kl,mn->", dX, X) + np.einsum("kl,mn->", X, dX),
             lambda X, dX: 2 * np.sum(X) * np.sum(dX)),
    ],
    symbolic=lambda X: (sp.OneMatrix(1, X.rows) * X * sp.OneMatrix(X.cols, 1))[0, 0] ** 2,
    symbols={"i": "an index", "j": "an index", "k": "an index", "l": "an index", "m": "an index",
             "n": "an index"},
    notes="The double sum is the square of the sum of all entries, so every entry of the gradient is twice that sum.",
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
    differential=(r"\mathrm{d}(b^{\top}X^{\top}Xc) = b^{\top}(\mathrm{d}X)^{\top}Xc + b^{\top}X^{\top}\mathrm{d}X\,c",
                  lambda b, X, c, dX: b @ dX.T @ X @ c + b @ X.T @ dX @ c),
    derivation=[
        Step(r"\mathrm{d}(b^{\top}X^{\top}Xc) = b^{\top}(\mathrm{d}X)^{\top}Xc + b^{\top}X^{\top}\mathrm{d}X\,c",
             lambda D: D(), lambda b, X, c, dX: b @ dX.T @ X @ c + b @ X.T @ dX @ c, uses=["N72P", "2ZM7"]),
        Step(r"= c^{\top}X^{\top}\mathrm{d}X\,b + b^{\top}X^{\top}\mathrm{d}X\,c = "
             r"\operatorname{tr}\bigl((cb^{\top} + bc^{\top})X^{\top}\mathrm{d}X\bigr)" + IDENTIFY
             + r"\frac{\partial b^{\top}X^{\top}Xc}{\partial X} = X(bc^{\top} + cb^{\top})",
             lambda b, X, c, dX: b @ dX.T @ X @ c + b @ X.T @ dX @ c,
             lambda b, X, c, dX: c @ X.T @ dX @ b + b @ X.T @ dX @ c,
             lambda b, X, c, dX: np.sum(X @ (np.outer(b, c) + np.outer(c, b)) * dX), uses=["TBSX"]),
    ],
    symbolic=lambda b, X, c: (b.T * X.T * X * c)[0, 0],
    references=[cookbook(77)],
    aliases=["derivative of b^T X^T X c", "Gram quadratic form gradient"],
)

# In 07TA, STSH and X941 the Cookbook's matrix D is held as the variable D_ (shown as D): a formula
# side's parameter D is the differential operator, so a derivation step could not reach the matrix.
RENAMED_D = Change("2026-12-02", "0.2.0", "the matrix D is held as the variable D_, still shown as D",
                   "a derivation step's parameter D is the differential operator, so the matrix needed "
                   "another name in the code; the claim is unchanged")

Derivative(
    id="07TA",
    title="Gradient of (Bx + b)ᵀC(Dx + d)",
    latex=r"\frac{\partial (Bx + b)^{\top}C(Dx + d)}{\partial x} = B^{\top}C(Dx + d) + D^{\top}C^{\top}(Bx + b)",
    variables={"x": Vector("n"), "B": Matrix("p", "n"), "b": Vector("p"), "C": Matrix("p", "q"),
               "D_": Matrix("q", "n", tex="D"), "d": Vector("q")},
    wrt="x",
    layout="denominator",
    f=lambda x, B, b, C, D_, d: (B @ x + b) @ C @ (D_ @ x + d),
    claimed=lambda x, B, b, C, D_, d: B.T @ C @ (D_ @ x + d) + D_.T @ C.T @ (B @ x + b),
    derivation=[
        Step(r"\mathrm{d}\bigl[(Bx + b)^{\top}C(Dx + d)\bigr] = (B\,\mathrm{d}x)^{\top}C(Dx + d) "
             r"+ (Bx + b)^{\top}CD\,\mathrm{d}x",
             lambda D: D(),
             lambda x, B, b, C, D_, d, dx: (B @ dx) @ C @ (D_ @ x + d) + (B @ x + b) @ C @ D_ @ dx,
             uses=["8CQG", "2ZM7", "9K5K", "6Q8H"]),
        Step(r"= \bigl(B^{\top}C(Dx + d) + D^{\top}C^{\top}(Bx + b)\bigr)^{\top}\mathrm{d}x" + IDENTIFY
             + r"\frac{\partial (Bx + b)^{\top}C(Dx + d)}{\partial x} = B^{\top}C(Dx + d) + D^{\top}C^{\top}(Bx + b)",
             lambda x, B, b, C, D_, d, dx: (B @ dx) @ C @ (D_ @ x + d) + (B @ x + b) @ C @ D_ @ dx,
             lambda x, B, b, C, D_, d, dx: (B.T @ C @ (D_ @ x + d) + D_.T @ C.T @ (B @ x + b)) @ dx,
             uses=["TBSX"]),
    ],
    symbolic=lambda x, B, b, C, D_, d: ((B * x + b).T * C * (D_ * x + d))[0, 0],
    history=[RENAMED_D],
    references=[cookbook(78), ref("wikipedia-matrix-calculus", "Scalar-by-vector identities")],
    aliases=["product of affine forms", "derivative of (Bx+b)^T C (Dx+d)", "affine bilinear form gradient"],
)


def _J1PS_partials(X, B, dX):
    """Σ_ij dX_ij times the index form δ_lj (XᵀB)_ki + δ_kj (BX)_il."""
    return by_entries(dX, lambda i, j: np.outer((X.T @ B)[:, i], np.eye(X.shape[1])[j])
                      + np.outer(np.eye(X.shape[1])[j], (B @ X)[i, :]))


def _092S_partials(X, B, dX):
    """Σ_ij dX_ij (XᵀBJ^{ij} + J^{ji}BX)."""
    return by_entries(dX, lambda i, j: X.T @ B @ single_entry(X.shape, i, j)
                      + single_entry(X.shape[::-1], j, i) @ B @ X)


def _XtBX_differential(X, B, dX):
    return dX.T @ B @ X + X.T @ B @ dX


XTBX_DIFFERENTIAL = r"\mathrm{d}(X^{\top}BX) = (\mathrm{d}X)^{\top}BX + X^{\top}B\,\mathrm{d}X"

Differential(
    id="J1PS",
    title="Entrywise derivative of XᵀBX (index form)",
    latex=r"\frac{\partial (X^{\top}BX)_{kl}}{\partial X_{ij}} = \delta_{lj}(X^{\top}B)_{ki} + \delta_{kj}(BX)_{il}",
    variables={"X": Matrix("m", "n"), "B": Matrix("m", "m", "square")},
    wrt=("X",),
    f=lambda X, B: X.T @ B @ X,
    df=_J1PS_partials,
    differential=(XTBX_DIFFERENTIAL, _XtBX_differential),
    derivation=[
        Step(XTBX_DIFFERENTIAL, lambda D: D(), _XtBX_differential, uses=["8CQG", "TBSX", "2ZM7"]),
        Step(r"= \sum_{ij}\mathrm{d}X_{ij}\bigl((J^{ij})^{\top}BX + X^{\top}BJ^{ij}\bigr)" + IDENTIFY
             + r"\frac{\partial (X^{\top}BX)_{kl}}{\partial X_{ij}} = \delta_{lj}(X^{\top}B)_{ki} + \delta_{kj}(BX)_{il}",
             _XtBX_differential, _J1PS_partials, uses=["VYAT"]),
    ],
    symbols={"i": "an index", "j": "an index", "k": "an index", "l": "an index", "\\delta": "the Kronecker delta",
             "J": "the single-entry matrix J^{ij}: 1 at (i, j), shaped like X"},
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
    df=_092S_partials,
    differential=(XTBX_DIFFERENTIAL, _XtBX_differential),
    derivation=[
        Step(XTBX_DIFFERENTIAL, lambda D: D(), _XtBX_differential, uses=["8CQG", "TBSX", "2ZM7"]),
        Step(r"= \sum_{ij}\mathrm{d}X_{ij}\bigl(X^{\top}BJ^{ij} + J^{ji}BX\bigr)" + IDENTIFY
             + r"\frac{\partial (X^{\top}BX)}{\partial X_{ij}} = X^{\top}BJ^{ij} + J^{ji}BX",
             _XtBX_differential, _092S_partials, uses=["VYAT"]),
    ],
    symbols={"i": "an index", "j": "an index",
             "J": "the single-entry matrix: J^{ij} is 1 at (i, j) and shaped like X; J^{ji} is its transpose"},
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
    other_layout=(r"\frac{\partial x^{\top}Bx}{\partial x} = x^{\top}(B + B^{\top})",
                  lambda x, B: (x @ (B + B.T))[None, :]),
    differential=(r"\mathrm{d}(x^{\top}Bx) = x^{\top}(B + B^{\top})\,\mathrm{d}x", lambda x, B, dx: x @ (B + B.T) @ dx),
    derivation=[
        Step(r"\mathrm{d}(x^{\top}Bx) = (\mathrm{d}x)^{\top}Bx + x^{\top}B\,\mathrm{d}x", lambda D: D(),
             lambda x, B, dx: dx @ B @ x + x @ B @ dx, uses=["8CQG", "TBSX"]),
        Step(r"= x^{\top}(B + B^{\top})\,\mathrm{d}x = \bigl((B + B^{\top})x\bigr)^{\top}\mathrm{d}x" + IDENTIFY
             + r"\frac{\partial x^{\top}Bx}{\partial x} = (B + B^{\top})x",
             lambda x, B, dx: dx @ B @ x + x @ B @ dx, lambda x, B, dx: x @ (B + B.T) @ dx,
             lambda x, B, dx: ((B + B.T) @ x) @ dx),
    ],
    symbolic=lambda x, B: (x.T * B * x)[0, 0],
    notes="For symmetric B this is 2Bx; for a non-symmetric B only the symmetric part (B + Bᵀ)/2 matters.",
    references=[cookbook(81), ref("wikipedia-matrix-calculus", "Scalar-by-vector identities")],
    aliases=["quadratic form gradient", "derivative of x^T A x", "gradient of xTAx", "quadratic form derivative"],
)

Derivative(
    id="STSH",
    title="Gradient of bᵀXᵀDXc",
    latex=r"\frac{\partial b^{\top}X^{\top}DXc}{\partial X} = D^{\top}Xbc^{\top} + DXcb^{\top}",
    variables={"b": Vector("n"), "X": Matrix("m", "n"), "D_": Matrix("m", "m", "square", tex="D"), "c": Vector("n")},
    wrt="X",
    layout="denominator",
    f=lambda b, X, D_, c: b @ X.T @ D_ @ X @ c,
    claimed=lambda b, X, D_, c: D_.T @ X @ np.outer(b, c) + D_ @ X @ np.outer(c, b),
    derivation=[
        Step(r"\mathrm{d}(b^{\top}X^{\top}DXc) = b^{\top}(\mathrm{d}X)^{\top}DXc + b^{\top}X^{\top}D\,\mathrm{d}X\,c",
             lambda D: D(), lambda b, X, D_, c, dX: b @ dX.T @ D_ @ X @ c + b @ X.T @ D_ @ dX @ c,
             uses=["8CQG", "TBSX", "2ZM7"]),
        Step(r"= \operatorname{tr}\bigl(b\,(DXc)^{\top}\mathrm{d}X\bigr) + \operatorname{tr}(cb^{\top}X^{\top}D\,\mathrm{d}X) "
             r"= \operatorname{tr}\bigl((D^{\top}Xbc^{\top} + DXcb^{\top})^{\top}\mathrm{d}X\bigr)" + IDENTIFY
             + r"\frac{\partial b^{\top}X^{\top}DXc}{\partial X} = D^{\top}Xbc^{\top} + DXcb^{\top}",
             lambda b, X, D_, c, dX: b @ dX.T @ D_ @ X @ c + b @ X.T @ D_ @ dX @ c,
             lambda b, X, D_, c, dX: np.trace(np.outer(b, D_ @ X @ c) @ dX) + np.trace(np.outer(c, b) @ X.T @ D_ @ dX),
             lambda b, X, D_, c, dX: np.sum((D_.T @ X @ np.outer(b, c) + D_ @ X @ np.outer(c, b)) * dX)),
    ],
    symbolic=lambda b, X, D_, c: (b.T * X.T * D_ * X * c)[0, 0],
    history=[RENAMED_D],
    references=[cookbook(82)],
    aliases=["derivative of b^T X^T D X c", "weighted Gram form gradient"],
)

Derivative(
    id="X941",
    title="Gradient of (Xb + c)ᵀD(Xb + c)",
    latex=r"\frac{\partial}{\partial X}(Xb + c)^{\top}D(Xb + c) = (D + D^{\top})(Xb + c)b^{\top}",
    variables={"X": Matrix("m", "n"), "b": Vector("n"), "c": Vector("m"), "D_": Matrix("m", "m", "square", tex="D")},
    wrt="X",
    layout="denominator",
    f=lambda X, b, c, D_: (X @ b + c) @ D_ @ (X @ b + c),
    claimed=lambda X, b, c, D_: np.outer((D_ + D_.T) @ (X @ b + c), b),
    derivation=[
        Step(r"\mathrm{d}\bigl[(Xb + c)^{\top}D(Xb + c)\bigr] = (\mathrm{d}X\,b)^{\top}D(Xb + c) + (Xb + c)^{\top}D\,\mathrm{d}X\,b",
             lambda D: D(), lambda X, b, c, D_, dX: (dX @ b) @ D_ @ (X @ b + c) + (X @ b + c) @ D_ @ dX @ b,
             uses=["8CQG", "2ZM7", "9K5K", "6Q8H"]),
        Step(r"= (Xb + c)^{\top}(D + D^{\top})\,\mathrm{d}X\,b = "
             r"\operatorname{tr}\bigl(((D + D^{\top})(Xb + c)b^{\top})^{\top}\mathrm{d}X\bigr)" + IDENTIFY
             + r"\frac{\partial}{\partial X}(Xb + c)^{\top}D(Xb + c) = (D + D^{\top})(Xb + c)b^{\top}",
             lambda X, b, c, D_, dX: (dX @ b) @ D_ @ (X @ b + c) + (X @ b + c) @ D_ @ dX @ b,
             lambda X, b, c, D_, dX: (X @ b + c) @ (D_ + D_.T) @ dX @ b,
             lambda X, b, c, D_, dX: np.sum(np.outer((D_ + D_.T) @ (X @ b + c), b) * dX), uses=["TBSX"]),
    ],
    symbolic=lambda X, b, c, D_: ((X * b + c).T * D_ * (X * b + c))[0, 0],
    history=[RENAMED_D],
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
    derivation=[
        Step(r"\mathrm{d}\bigl[(x - As)^{\top}W(x - As)\bigr] = -(A\,\mathrm{d}s)^{\top}W(x - As) - (x - As)^{\top}WA\,\mathrm{d}s",
             lambda D: D(), lambda x, A, s, W, ds: -(A @ ds) @ W @ (x - A @ s) - (x - A @ s) @ W @ A @ ds,
             uses=["8CQG", "2ZM7", "9K5K", "6Q8H"]),
        Step(r"= -2(x - As)^{\top}WA\,\mathrm{d}s" + IDENTIFY
             + r"\frac{\partial}{\partial s}(x - As)^{\top}W(x - As) = -2A^{\top}W(x - As)",
             lambda x, A, s, W, ds: -(A @ ds) @ W @ (x - A @ s) - (x - A @ s) @ W @ A @ ds,
             lambda x, A, s, W, ds: -2 * (x - A @ s) @ W @ A @ ds,
             lambda x, A, s, W, ds: (-2 * A.T @ W @ (x - A @ s)) @ ds, uses=["TBSX"]),
    ],
    symbolic=lambda x, A, s, W: ((x - A * s).T * W * (x - A * s))[0, 0],
    notes=W_SYMMETRIC + " Setting the gradient to zero gives the weighted normal equations for s, with matrix "
                        "AᵀWA and right-hand side AᵀWx.",
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
    derivation=[
        Step(r"\mathrm{d}\bigl[(x - s)^{\top}W(x - s)\bigr] = (\mathrm{d}x)^{\top}W(x - s) + (x - s)^{\top}W\,\mathrm{d}x",
             lambda D: D(), lambda x, s, W, dx: dx @ W @ (x - s) + (x - s) @ W @ dx, uses=["8CQG", "9K5K", "6Q8H"]),
        Step(r"= 2(x - s)^{\top}W\,\mathrm{d}x" + IDENTIFY + r"\frac{\partial}{\partial x}(x - s)^{\top}W(x - s) = 2W(x - s)",
             lambda x, s, W, dx: dx @ W @ (x - s) + (x - s) @ W @ dx, lambda x, s, W, dx: 2 * (x - s) @ W @ dx,
             lambda x, s, W, dx: (2 * W @ (x - s)) @ dx, uses=["TBSX"]),
    ],
    symbolic=lambda x, s, W: ((x - s).T * W * (x - s))[0, 0],
    notes=W_SYMMETRIC + " With Σ⁻¹ as W this is the gradient of the squared Mahalanobis distance.",
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
    derivation=[
        Step(r"\mathrm{d}\bigl[(x - s)^{\top}W(x - s)\bigr] = -(\mathrm{d}s)^{\top}W(x - s) - (x - s)^{\top}W\,\mathrm{d}s",
             lambda D: D(), lambda x, s, W, ds: -ds @ W @ (x - s) - (x - s) @ W @ ds, uses=["8CQG", "9K5K", "6Q8H"]),
        Step(r"= -2(x - s)^{\top}W\,\mathrm{d}s" + IDENTIFY
             + r"\frac{\partial}{\partial s}(x - s)^{\top}W(x - s) = -2W(x - s)",
             lambda x, s, W, ds: -ds @ W @ (x - s) - (x - s) @ W @ ds, lambda x, s, W, ds: -2 * (x - s) @ W @ ds,
             lambda x, s, W, ds: (-2 * W @ (x - s)) @ ds, uses=["TBSX"]),
    ],
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
    derivation=[
        Step(r"\mathrm{d}\bigl[(x - As)^{\top}W(x - As)\bigr] = (\mathrm{d}x)^{\top}W(x - As) + (x - As)^{\top}W\,\mathrm{d}x",
             lambda D: D(), lambda x, A, s, W, dx: dx @ W @ (x - A @ s) + (x - A @ s) @ W @ dx,
             uses=["8CQG", "9K5K", "6Q8H"]),
        Step(r"= 2(x - As)^{\top}W\,\mathrm{d}x" + IDENTIFY
             + r"\frac{\partial}{\partial x}(x - As)^{\top}W(x - As) = 2W(x - As)",
             lambda x, A, s, W, dx: dx @ W @ (x - A @ s) + (x - A @ s) @ W @ dx,
             lambda x, A, s, W, dx: 2 * (x - A @ s) @ W @ dx, lambda x, A, s, W, dx: (2 * W @ (x - A @ s)) @ dx,
             uses=["TBSX"]),
    ],
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
    derivation=[
        Step(r"\mathrm{d}\bigl[(x - As)^{\top}W(x - As)\bigr] = -(\mathrm{d}A\,s)^{\top}W(x - As) - (x - As)^{\top}W\,\mathrm{d}A\,s",
             lambda D: D(), lambda x, A, s, W, dA: -(dA @ s) @ W @ (x - A @ s) - (x - A @ s) @ W @ dA @ s,
             uses=["8CQG", "2ZM7", "9K5K", "6Q8H"]),
        Step(r"= -2(x - As)^{\top}W\,\mathrm{d}A\,s = \operatorname{tr}\bigl((-2W(x - As)s^{\top})^{\top}\mathrm{d}A\bigr)"
             + IDENTIFY + r"\frac{\partial}{\partial A}(x - As)^{\top}W(x - As) = -2W(x - As)s^{\top}",
             lambda x, A, s, W, dA: -(dA @ s) @ W @ (x - A @ s) - (x - A @ s) @ W @ dA @ s,
             lambda x, A, s, W, dA: -2 * (x - A @ s) @ W @ dA @ s,
             lambda x, A, s, W, dA: np.sum(-2 * np.outer(W @ (x - A @ s), s) * dA), uses=["TBSX"]),
    ],
    symbolic=lambda x, A, s, W: ((x - A * s).T * W * (x - A * s))[0, 0],
    notes=W_SYMMETRIC + " With the identity as W this is the LMS / delta-rule update direction for a linear model.",
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
    derivation=[
        Step(r"\mathrm{d}\bigl[(x - As)^{\top}W(x - As)\bigr] = -(A\,\mathrm{d}s)^{\top}W(x - As) - (x - As)^{\top}WA\,\mathrm{d}s",
             lambda D: D(), lambda x, A, s, W, ds: -(A @ ds) @ W @ (x - A @ s) - (x - A @ s) @ W @ A @ ds,
             uses=["8CQG", "2ZM7", "9K5K", "6Q8H"]),
        Step(r"= -(x - As)^{\top}(W + W^{\top})A\,\mathrm{d}s" + IDENTIFY
             + r"\frac{\partial}{\partial s}(x - As)^{\top}W(x - As) = -A^{\top}(W + W^{\top})(x - As)",
             lambda x, A, s, W, ds: -(A @ ds) @ W @ (x - A @ s) - (x - A @ s) @ W @ A @ ds,
             lambda x, A, s, W, ds: -(x - A @ s) @ (W + W.T) @ A @ ds,
             lambda x, A, s, W, ds: (-A.T @ (W + W.T) @ (x - A @ s)) @ ds, uses=["TBSX"]),
    ],
    symbolic=lambda x, A, s, W: ((x - A * s).T * W * (x - A * s))[0, 0],
    notes="The form of Cookbook (84) for any square W; it reduces to −2AᵀW(x − As) when W is symmetric.",
    references=[cookbook(84, note="printed for symmetric W; this is the general form")],
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
    derivation=[
        Step(r"\mathrm{d}\bigl[(x - s)^{\top}W(x - s)\bigr] = (\mathrm{d}x)^{\top}W(x - s) + (x - s)^{\top}W\,\mathrm{d}x",
             lambda D: D(), lambda x, s, W, dx: dx @ W @ (x - s) + (x - s) @ W @ dx, uses=["8CQG", "9K5K", "6Q8H"]),
        Step(r"= (x - s)^{\top}(W + W^{\top})\,\mathrm{d}x" + IDENTIFY
             + r"\frac{\partial}{\partial x}(x - s)^{\top}W(x - s) = (W + W^{\top})(x - s)",
             lambda x, s, W, dx: dx @ W @ (x - s) + (x - s) @ W @ dx, lambda x, s, W, dx: (x - s) @ (W + W.T) @ dx,
             lambda x, s, W, dx: ((W + W.T) @ (x - s)) @ dx, uses=["TBSX"]),
    ],
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
    derivation=[
        Step(r"\mathrm{d}\bigl[(x - As)^{\top}W(x - As)\bigr] = -(\mathrm{d}A\,s)^{\top}W(x - As) - (x - As)^{\top}W\,\mathrm{d}A\,s",
             lambda D: D(), lambda x, A, s, W, dA: -(dA @ s) @ W @ (x - A @ s) - (x - A @ s) @ W @ dA @ s,
             uses=["8CQG", "2ZM7", "9K5K", "6Q8H"]),
        Step(r"= -(x - As)^{\top}(W + W^{\top})\,\mathrm{d}A\,s = "
             r"\operatorname{tr}\bigl((-(W + W^{\top})(x - As)s^{\top})^{\top}\mathrm{d}A\bigr)" + IDENTIFY
             + r"\frac{\partial}{\partial A}(x - As)^{\top}W(x - As) = -(W + W^{\top})(x - As)s^{\top}",
             lambda x, A, s, W, dA: -(dA @ s) @ W @ (x - A @ s) - (x - A @ s) @ W @ dA @ s,
             lambda x, A, s, W, dA: -(x - A @ s) @ (W + W.T) @ dA @ s,
             lambda x, A, s, W, dA: np.sum(-np.outer((W + W.T) @ (x - A @ s), s) * dA), uses=["TBSX"]),
    ],
    symbolic=lambda x, A, s, W: ((x - A * s).T * W * (x - A * s))[0, 0],
    notes="The form of Cookbook (88) for any square W.",
    references=[cookbook(88, note="printed for symmetric W; this is the general form")],
    aliases=["matrix gradient of weighted residual", "general weight least squares in A"],
)


def _a_minus_xb(a, x, b):
    return a - x @ b


# Cookbook (89) as printed, for complex x: x ∈ Cⁿ is held as the real n × 2 matrix [Re x, Im x], likewise b,
# and a as the real pair (Re a, Im a).
def _e89(a, x, b):
    """a − xᴴb, complex."""
    return (a[0] + 1j * a[1]) - np.conj(x[:, 0] + 1j * x[:, 1]) @ (b[:, 0] + 1j * b[:, 1])


def _printed89(a, x, b):
    """The change of Re (a − xᴴb)² predicted by the printed ∂/∂x, −2b(a − xᴴb)*, together with the true
    derivative by x̄, −2b(a − xᴴb): the gradient by [Re x, Im x] of the real part."""
    e, bc = _e89(a, x, b), b[:, 0] + 1j * b[:, 1]
    by_x, by_xbar = -2 * bc * np.conj(e), -2 * bc * e
    return np.column_stack([np.real(by_x + by_xbar), -np.imag(by_x - by_xbar)])


Derivative(
    id="YRMQ",
    title="Gradient of the squared error (a − xᵀb)² (LMS)",
    latex=r"\frac{\partial (a - x^{\top}b)^{2}}{\partial x} = -2b(a - x^{\top}b)",
    variables={"a": Scalar(), "x": Vector("n"), "b": Vector("n")},
    wrt="x",
    layout="denominator",
    f=lambda a, x, b: (a - x @ b) ** 2,
    claimed=lambda a, x, b: -2 * b * (a - x @ b),
    derivation=[
        Step(r"\mathrm{d}(a - x^{\top}b)^{2} = 2(a - x^{\top}b)\,\mathrm{d}(a - x^{\top}b)", lambda D: D(),
             lambda a, x, b, D: 2 * (a - x @ b) * D(_a_minus_xb), uses=["8S7R"]),
        Step(r"= -2(a - x^{\top}b)\,b^{\top}\mathrm{d}x" + IDENTIFY
             + r"\frac{\partial (a - x^{\top}b)^{2}}{\partial x} = -2b(a - x^{\top}b)",
             lambda a, x, b, D: 2 * (a - x @ b) * D(_a_minus_xb), lambda a, x, b, dx: -2 * (a - x @ b) * (b @ dx),
             lambda a, x, b, dx: (-2 * b * (a - x @ b)) @ dx, uses=["9K5K", "6Q8H", "4HDD"]),
    ],
    symbolic=lambda a, x, b: (a - (x.T * b)[0, 0]) ** 2,
    notes="The gradient behind the LMS (Widrow–Hoff) adaptive filter update. This entry checks the real case.",
    errata=[Erratum(
        cookbook(89),
        "The Cookbook prints (89) for complex x with a square where the squared modulus is meant. Read literally, "
        "the square of a − xᴴb depends on x only through its conjugate, so its derivative by x is zero and its "
        "derivative by x̄ is −2b(a − xᴴb), without the conjugate; the printed right-hand side is instead the "
        "complex gradient (twice the derivative by x̄) of the LMS cost |a − xᴴb|². The check holds x and b as "
        "n × 2 real matrices of real and imaginary parts and a as a real pair, and compares the change of the "
        "real part of the square with what the printed derivative by x (with the true derivative by x̄ beside "
        "it) predicts: they disagree. For real x all readings agree with this entry.",
        printed=r"\frac{\partial (a - x^{\mathrm{H}}b)^{2}}{\partial x} = -2b(a - x^{\mathrm{H}}b)^{*}",
        variables={"a": Vector(2), "x": Matrix("n", 2), "b": Matrix("n", 2)},
        f=lambda a, x, b: np.real(_e89(a, x, b) ** 2),
        claimed=_printed89,
        symbolic=None,
    )],
    references=[cookbook(89, note="printed for complex x; holds as 2∂/∂x̄ of |a − xᴴb|²; real case checked")],
    aliases=["LMS gradient", "least mean squares", "Widrow-Hoff rule", "squared error of a linear predictor"],
)

# ---------------------------------------------------------------------------------------------
# Higher order and non-linear (Cookbook 90–95)


def _Y8MB_partials(X, n, dX):
    return by_entries(dX, lambda i, j: sum(
        mpow(X, r) @ single_entry(X.shape, i, j) @ mpow(X, int(n) - 1 - r) for r in range(int(n))))


POWER_DIFFERENTIAL = r"\mathrm{d}(X^{n}) = \sum_{r=0}^{n-1}X^{r}\,\mathrm{d}X\,X^{n-1-r}"

Differential(
    id="Y8MB",
    title="Entrywise derivative of a matrix power Xⁿ",
    latex=r"\frac{\partial (X^{n})_{kl}}{\partial X_{ij}} = \sum_{r=0}^{n-1}(X^{r}J^{ij}X^{n-1-r})_{kl}",
    variables={"X": Matrix("p", "p", "square"), "n": Scalar(description="a positive integer power")},
    wrt=("X",),
    f=lambda X, n: mpow(X, int(n)),
    df=_Y8MB_partials,
    differential=(POWER_DIFFERENTIAL, _power_sum),
    derivation=[
        Step(r"\mathrm{d}(X^{n}) = \mathrm{d}(X^{n-1}X) = \mathrm{d}(X^{n-1})\,X + X^{n-1}\mathrm{d}X", lambda D: D(),
             lambda X, n, dX, D: D(_power_lower) @ X + _power_lower(X, n) @ dX, uses=["8CQG"]),
        Step(r"= \sum_{r=0}^{n-1}X^{r}\,\mathrm{d}X\,X^{n-1-r}",
             lambda X, n, dX, D: D(_power_lower) @ X + _power_lower(X, n) @ dX, _power_sum, uses=["8CQG"]),
        Step(r"= \sum_{ij}\mathrm{d}X_{ij}\sum_{r=0}^{n-1}X^{r}J^{ij}X^{n-1-r}" + IDENTIFY
             + r"\frac{\partial (X^{n})_{kl}}{\partial X_{ij}} = \sum_{r=0}^{n-1}(X^{r}J^{ij}X^{n-1-r})_{kl}",
             _power_sum, _Y8MB_partials, uses=["VYAT"]),
    ],
    prepare=integer_power,
    conditions="n is a positive integer (the checks draw n from 1 to 4).",
    symbols={"i": "an index", "j": "an index", "k": "an index", "l": "an index", "r": "a summation index",
             "J": SINGLE_ENTRY},
    notes=ENTRYWISE_NOTE + " The second step applies the first to X^{n−1}, and so on down to X⁰, the identity.",
    references=[cookbook(90)],
    aliases=["derivative of matrix power", "d(X^n)", "power of a matrix derivative"],
)


def _4LGP(a, X, b, n):
    return sum(mpow(X, r).T @ np.outer(a, b) @ mpow(X, int(n) - 1 - r).T for r in range(int(n)))


Derivative(
    id="4LGP",
    title="Gradient of aᵀXⁿb",
    latex=r"\frac{\partial}{\partial X}a^{\top}X^{n}b = \sum_{r=0}^{n-1}(X^{r})^{\top}ab^{\top}(X^{n-1-r})^{\top}",
    variables={"a": Vector("p"), "X": Matrix("p", "p", "square"), "b": Vector("p"),
               "n": Scalar(description="a positive integer power")},
    wrt="X",
    layout="denominator",
    f=lambda a, X, b, n: a @ mpow(X, int(n)) @ b,
    claimed=_4LGP,
    derivation=[
        Step(r"\mathrm{d}(a^{\top}X^{n}b) = a^{\top}\mathrm{d}(X^{n})\,b", lambda D: D(),
             lambda a, b, D: a @ D(_power) @ b, uses=["2ZM7"]),
        Step(r"= \sum_{r=0}^{n-1}a^{\top}X^{r}\,\mathrm{d}X\,X^{n-1-r}b", lambda a, b, D: a @ D(_power) @ b,
             lambda a, X, b, n, dX: a @ _power_sum(X, n, dX) @ b, uses=["Y8MB"]),
        Step(r"= \operatorname{tr}\Bigl(\Bigl[\sum_{r=0}^{n-1}(X^{r})^{\top}ab^{\top}(X^{n-1-r})^{\top}\Bigr]^{\top}"
             r"\mathrm{d}X\Bigr)" + IDENTIFY
             + r"\frac{\partial}{\partial X}a^{\top}X^{n}b = \sum_{r=0}^{n-1}(X^{r})^{\top}ab^{\top}(X^{n-1-r})^{\top}",
             lambda a, X, b, n, dX: a @ _power_sum(X, n, dX) @ b, lambda a, X, b, n, dX: np.sum(_4LGP(a, X, b, n) * dX)),
    ],
    prepare=integer_power,
    conditions="n is a positive integer (the checks draw n from 1 to 4).",
    symbols={"r": "a summation index"},
    references=[cookbook(91)],
    aliases=["bilinear form of a matrix power", "derivative of a^T X^n b", "matrix power gradient"],
)


def _LYH0(a, X, b, n):
    P = mpow(X, int(n))
    return sum(mpow(X, r).T @ P @ np.outer(b, a) @ mpow(X, int(n) - 1 - r).T
               + mpow(X, r).T @ P @ np.outer(a, b) @ mpow(X, int(n) - 1 - r).T for r in range(int(n)))


def _LYH0_printed(a, X, b, n):
    """Cookbook (92) as printed: the first term transposed."""
    P = mpow(X, int(n))
    return sum(mpow(X, int(n) - 1 - r) @ np.outer(a, b) @ P.T @ mpow(X, r)
               + mpow(X, r).T @ P @ np.outer(a, b) @ mpow(X, int(n) - 1 - r).T for r in range(int(n)))


def _LYH0_step1(a, X, b, n, D):
    dP, P = D(_power), _power(X, n)
    return a @ dP.T @ P @ b + a @ P.T @ dP @ b


def _LYH0_step2(a, X, b, n, dX):
    P, dP = _power(X, n), _power_sum(X, n, dX)
    return b @ P.T @ dP @ a + a @ P.T @ dP @ b


LYH0_LATEX = (r"\frac{\partial}{\partial X}a^{\top}(X^{n})^{\top}X^{n}b = \sum_{r=0}^{n-1}\left[(X^{r})^{\top}X^{n}"
              r"ba^{\top}(X^{n-1-r})^{\top} + (X^{r})^{\top}X^{n}ab^{\top}(X^{n-1-r})^{\top}\right]")

Derivative(
    id="LYH0",
    title="Gradient of aᵀ(Xⁿ)ᵀXⁿb",
    latex=LYH0_LATEX,
    variables={"a": Vector("p"), "X": Matrix("p", "p", "square"), "b": Vector("p"),
               "n": Scalar(description="a positive integer power")},
    wrt="X",
    layout="denominator",
    f=lambda a, X, b, n: a @ mpow(X, int(n)).T @ mpow(X, int(n)) @ b,
    claimed=_LYH0,
    derivation=[
        Step(r"\mathrm{d}\bigl(a^{\top}(X^{n})^{\top}X^{n}b\bigr) = a^{\top}\bigl(\mathrm{d}(X^{n})\bigr)^{\top}X^{n}b "
             r"+ a^{\top}(X^{n})^{\top}\mathrm{d}(X^{n})\,b", lambda D: D(), _LYH0_step1, uses=["8CQG", "TBSX"]),
        Step(r"= \sum_{r=0}^{n-1}\bigl[b^{\top}(X^{n})^{\top}X^{r}\,\mathrm{d}X\,X^{n-1-r}a + "
             r"a^{\top}(X^{n})^{\top}X^{r}\,\mathrm{d}X\,X^{n-1-r}b\bigr]", _LYH0_step1, _LYH0_step2, uses=["Y8MB"]),
        Step(r"= \operatorname{tr}\Bigl(\sum_{r=0}^{n-1}\bigl[X^{n-1-r}ab^{\top}(X^{n})^{\top}X^{r} + "
             r"X^{n-1-r}ba^{\top}(X^{n})^{\top}X^{r}\bigr]\mathrm{d}X\Bigr)" + IDENTIFY
             + LYH0_LATEX,
             _LYH0_step2, lambda a, X, b, n, dX: np.sum(_LYH0(a, X, b, n) * dX)),
    ],
    prepare=integer_power,
    conditions="n is a positive integer (the checks draw n from 1 to 4).",
    symbols={"r": "a summation index"},
    notes="For the first power it reduces to X(abᵀ + baᵀ), Cookbook (77) with b, c renamed a, b.",
    errata=[Erratum(
        cookbook(92),
        "Cookbook (92) prints the first term of the sum as X^{n−1−r}abᵀ(Xⁿ)ᵀX^r, the transpose of the correct "
        "(X^r)ᵀXⁿbaᵀ(X^{n−1−r})ᵀ. The printed formula is wrong already for the first power, where it gives "
        "abᵀXᵀ + Xabᵀ instead of X(baᵀ + abᵀ).",
        printed=(r"\frac{\partial}{\partial X}a^{\top}(X^{n})^{\top}X^{n}b = \sum_{r=0}^{n-1}\left[X^{n-1-r}ab^{\top}"
                 r"(X^{n})^{\top}X^{r} + (X^{r})^{\top}X^{n}ab^{\top}(X^{n-1-r})^{\top}\right]"),
        claimed=_LYH0_printed,
    )],
    references=[cookbook(92, note="first term printed transposed; corrected here")],
    aliases=["derivative of a^T (X^n)^T X^n b", "squared matrix power form gradient", "Gram of matrix power"],
)


def _s_YTTP(x, B):
    return np.tanh(B @ x)


def _r_YTTP(x, C):
    return np.exp(C @ x)


def _YTTP_jacobians(x, B, C):
    """∂s/∂x and ∂r/∂x (numerator layout) for s = tanh(Bx), r = exp(Cx)."""
    return (1 - np.tanh(B @ x) ** 2)[:, None] * B, np.exp(C @ x)[:, None] * C


def _YTTP_step1(x, A, B, C, D):
    return D(_s_YTTP) @ A @ _r_YTTP(x, C) + _s_YTTP(x, B) @ A @ D(_r_YTTP)


def _YTTP_step2(x, A, B, C, dx):
    Js, Jr = _YTTP_jacobians(x, B, C)
    return (Js @ dx) @ A @ _r_YTTP(x, C) + _s_YTTP(x, B) @ A @ (Jr @ dx)


def _YTTP(x, A, B, C):
    Js, Jr = _YTTP_jacobians(x, B, C)
    return Js.T @ A @ _r_YTTP(x, C) + Jr.T @ A.T @ _s_YTTP(x, B)


Derivative(
    id="YTTP",
    title="Chain rule for a bilinear form sᵀAr of vector functions",
    latex=(r"\frac{\partial}{\partial x}s^{\top}Ar = \left[\frac{\partial s}{\partial x}\right]^{\top}Ar + "
           r"\left[\frac{\partial r}{\partial x}\right]^{\top}A^{\top}s, \quad s = \tanh(Bx),\; r = \exp(Cx)"),
    variables={"x": Vector("n"), "A": Matrix("p", "q"), "B": Matrix("p", "n"), "C": Matrix("q", "n")},
    wrt="x",
    layout="denominator",
    f=lambda x, A, B, C: np.tanh(B @ x) @ A @ np.exp(C @ x),
    claimed=_YTTP,
    derivation=[
        Step(r"\mathrm{d}(s^{\top}Ar) = (\mathrm{d}s)^{\top}Ar + s^{\top}A\,\mathrm{d}r", lambda D: D(), _YTTP_step1,
             uses=["8CQG", "TBSX"]),
        Step(r"= \Bigl(\frac{\partial s}{\partial x}\mathrm{d}x\Bigr)^{\top}Ar + s^{\top}A\,\frac{\partial r}{\partial x}\mathrm{d}x",
             _YTTP_step1, _YTTP_step2, uses=["P41P", "MMPZ"]),
        Step(r"= \Bigl(\left[\frac{\partial s}{\partial x}\right]^{\top}Ar + "
             r"\left[\frac{\partial r}{\partial x}\right]^{\top}A^{\top}s\Bigr)^{\top}\mathrm{d}x" + IDENTIFY
             + r"\frac{\partial}{\partial x}s^{\top}Ar = \left[\frac{\partial s}{\partial x}\right]^{\top}Ar + "
             r"\left[\frac{\partial r}{\partial x}\right]^{\top}A^{\top}s",
             _YTTP_step2, lambda x, A, B, C, dx: _YTTP(x, A, B, C) @ dx),
    ],
    symbolic=lambda x, A, B, C: ((B * x).applyfunc(sp.tanh).T * A * (C * x).applyfunc(sp.exp))[0, 0],
    symbols={"s": "a differentiable vector function of x; checked with s = tanh(Bx) element-wise",
             "r": "a differentiable vector function of x; checked with r = exp(Cx) element-wise"},
    notes=("The rule holds for any differentiable s(x), r(x) and constant A; the check uses the non-linear s, the "
           "element-wise tanh of Bx, and r, the element-wise exponential of Cx, whose Jacobians are diag(1 − s∘s)B "
           "and diag(r)C. Here ∂s/∂x is the Jacobian (rows indexed by the entries of s), so its transpose maps back "
           "to the space of x."),
    references=[cookbook(93)],
    aliases=["product rule for bilinear form", "chain rule quadratic form", "derivative of s(x)^T A r(x)"],
)


def _xAtAx(x, A):
    return (A @ x) @ (A @ x)


def _xBtBx(x, B):
    return (B @ x) @ (B @ x)


def _UR4V(x, A, B):
    q = x @ B.T @ B @ x
    return 2 * A.T @ A @ x / q - 2 * (x @ A.T @ A @ x) * (B.T @ B @ x) / q ** 2


def _UR4V_printed(x, A, B):
    """Cookbook (95) as printed: the first denominator xᵀBBx."""
    return 2 * A.T @ A @ x / (x @ B @ B @ x) - 2 * (x @ A.T @ A @ x) * (B.T @ B @ x) / (x @ B.T @ B @ x) ** 2


UR4V_LATEX = (r"\frac{\partial}{\partial x}\frac{(Ax)^{\top}(Ax)}{(Bx)^{\top}(Bx)} = "
              r"2\frac{A^{\top}Ax}{x^{\top}B^{\top}Bx} - 2\frac{x^{\top}A^{\top}Ax\,B^{\top}Bx}{(x^{\top}B^{\top}Bx)^{2}}")
QUOTIENT_RULE = ["8S7R", "0DTW"]

Derivative(
    id="UR4V",
    title="Gradient of a ratio of quadratic forms ‖Ax‖² / ‖Bx‖²",
    latex=UR4V_LATEX,
    variables={"x": Vector("n", "nonzero"), "A": Matrix("p", "n"), "B": Matrix("q", "n", "full_column_rank")},
    wrt="x",
    layout="denominator",
    f=lambda x, A, B: ((A @ x) @ (A @ x)) / ((B @ x) @ (B @ x)),
    claimed=_UR4V,
    derivation=[
        Step(r"\mathrm{d}\frac{x^{\top}A^{\top}Ax}{x^{\top}B^{\top}Bx} = \frac{\mathrm{d}(x^{\top}A^{\top}Ax)}{x^{\top}B^{\top}Bx}"
             r" - \frac{x^{\top}A^{\top}Ax\;\mathrm{d}(x^{\top}B^{\top}Bx)}{(x^{\top}B^{\top}Bx)^{2}}", lambda D: D(),
             lambda x, A, B, D: D(_xAtAx) / _xBtBx(x, B) - _xAtAx(x, A) * D(_xBtBx) / _xBtBx(x, B) ** 2,
             uses=QUOTIENT_RULE),
        Step(r"= \frac{2x^{\top}A^{\top}A\,\mathrm{d}x}{x^{\top}B^{\top}Bx} - "
             r"\frac{2x^{\top}A^{\top}Ax\;x^{\top}B^{\top}B\,\mathrm{d}x}{(x^{\top}B^{\top}Bx)^{2}}",
             lambda x, A, B, D: D(_xAtAx) / _xBtBx(x, B) - _xAtAx(x, A) * D(_xBtBx) / _xBtBx(x, B) ** 2,
             lambda x, A, B, dx: 2 * (x @ A.T @ A @ dx) / _xBtBx(x, B)
             - 2 * _xAtAx(x, A) * (x @ B.T @ B @ dx) / _xBtBx(x, B) ** 2, uses=["AUP0"]),
        Step(r"= \Bigl(2\frac{A^{\top}Ax}{x^{\top}B^{\top}Bx} - 2\frac{x^{\top}A^{\top}Ax\,B^{\top}Bx}"
             r"{(x^{\top}B^{\top}Bx)^{2}}\Bigr)^{\top}\mathrm{d}x" + IDENTIFY + UR4V_LATEX,
             lambda x, A, B, dx: 2 * (x @ A.T @ A @ dx) / _xBtBx(x, B)
             - 2 * _xAtAx(x, A) * (x @ B.T @ B @ dx) / _xBtBx(x, B) ** 2,
             lambda x, A, B, dx: _UR4V(x, A, B) @ dx, uses=["TBSX"]),
    ],
    symbolic=lambda x, A, B: ((A * x).T * (A * x))[0, 0] / ((B * x).T * (B * x))[0, 0],
    conditions="Bx ≠ 0 (ensured here by B of full column rank and x ≠ 0).",
    notes="A generalized Rayleigh quotient of AᵀA and BᵀB; its stationary points are the generalized eigenvectors "
          "of that pair.",
    errata=[Erratum(
        cookbook(95),
        "Cookbook (95) prints the first denominator as xᵀBBx where xᵀBᵀBx, the denominator of (94), is meant. For a "
        "rectangular B (as in this entry) xᵀBBx is not even defined; the check takes B square and invertible, "
        "where the printed form fails unless B is symmetric.",
        printed=(r"\frac{\partial}{\partial x}\frac{(Ax)^{\top}(Ax)}{(Bx)^{\top}(Bx)} = "
                 r"2\frac{A^{\top}Ax}{x^{\top}BBx} - 2\frac{x^{\top}A^{\top}Ax\,B^{\top}Bx}{(x^{\top}B^{\top}Bx)^{2}}"),
        variables={"x": Vector("n", "nonzero"), "A": Matrix("p", "n"), "B": Matrix("n", "n", "invertible")},
        claimed=_UR4V_printed,
    )],
    references=[cookbook(94), cookbook(95, note="first denominator printed xᵀBBx; read xᵀBᵀBx")],
    aliases=["Rayleigh quotient gradient", "ratio of quadratic forms", "generalized Rayleigh quotient",
             "quotient rule quadratic forms"],
)

# ---------------------------------------------------------------------------------------------
# Gradient and Hessian (Cookbook 96–98)


def _xAx(x, A):
    return x @ A @ x


def _bx(x, b):
    return b @ x


def _grad_JYZQ(x, A, b):
    return (A + A.T) @ x + b


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
                  lambda x, A, b: (x @ (A + A.T) + b)[None, :]),
    derivation=[
        Step(r"\mathrm{d}(x^{\top}Ax + b^{\top}x) = \mathrm{d}(x^{\top}Ax) + \mathrm{d}(b^{\top}x)", lambda D: D(),
             lambda D: D(_xAx) + D(_bx), uses=["9K5K"]),
        Step(r"= x^{\top}(A + A^{\top})\,\mathrm{d}x + b^{\top}\mathrm{d}x = \bigl((A + A^{\top})x + b\bigr)^{\top}\mathrm{d}x"
             + IDENTIFY + r"\nabla_{x}(x^{\top}Ax + b^{\top}x) = (A + A^{\top})x + b",
             lambda D: D(_xAx) + D(_bx), lambda x, A, b, dx: x @ (A + A.T) @ dx + b @ dx,
             lambda x, A, b, dx: ((A + A.T) @ x + b) @ dx, uses=["AUP0", "4HDD"]),
    ],
    symbolic=lambda x, A, b: (x.T * A * x)[0, 0] + (b.T * x)[0, 0],
    notes="The gradient vanishes at −(A + Aᵀ)⁻¹b, the minimiser of the quadratic when A + Aᵀ is positive definite.",
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
    derivation=[
        Step(r"\mathrm{d}(x^{\top}Ax + b^{\top}x) = \bigl((A + A^{\top})x + b\bigr)^{\top}\mathrm{d}x"
             + IDENTIFY + r"\nabla_{x}(x^{\top}Ax + b^{\top}x) = (A + A^{\top})x + b",
             lambda D: D(), lambda x, A, b, dx: _grad_JYZQ(x, A, b) @ dx, uses=["50AP"]),
        Step(r"\mathrm{d}\bigl((A + A^{\top})x + b\bigr) = (A + A^{\top})\,\mathrm{d}x" + IDENTIFY
             + r"\frac{\partial^{2}(x^{\top}Ax + b^{\top}x)}{\partial x\,\partial x^{\top}} = A + A^{\top}",
             lambda D: D(_grad_JYZQ), lambda x, A, dx: (A + A.T) @ dx, uses=["2ZM7", "9K5K", "6Q8H"]),
    ],
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
    derivation=[
        Step(r"\mathrm{d}(Ax) = (\mathrm{d}A)x + A\,\mathrm{d}x = A\,\mathrm{d}x", lambda D: D(),
             lambda A, dx: A @ dx, uses=["8CQG", "6Q8H"]),
        Step(r"= A\,\mathrm{d}x" + IDENTIFY + r"\frac{\partial (Ax)}{\partial x} = A", lambda A, dx: A @ dx,
             lambda A, dx: np.einsum("ij,j->i", A, dx)),
    ],
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
    derivation=[
        Step(r"\mathrm{d}(x^{\top}A) = (\mathrm{d}x)^{\top}A", lambda D: D(), lambda A, dx: dx @ A,
             uses=["8CQG", "TBSX", "6Q8H"]),
        Step(r"= (A^{\top}\mathrm{d}x)^{\top}" + IDENTIFY + r"\frac{\partial (x^{\top}A)}{\partial x} = A^{\top}",
             lambda A, dx: dx @ A, lambda A, dx: A.T @ dx),
    ],
    symbolic=lambda x, A: (x.T * A).T,
    notes="xᵀA is treated as the vector Aᵀx: its Jacobian (numerator layout) is Aᵀ, in denominator layout A.",
    references=[ref("wikipedia-matrix-calculus", "Vector-by-vector identities")],
    aliases=["derivative of x^T A", "row vector times matrix derivative", "Jacobian of x transpose A"],
)


def _a_dot_x(a, x):
    return a @ x


Derivative(
    id="0WET",
    title="Gradient of a squared linear form (aᵀx)²",
    latex=r"\frac{\partial (a^{\top}x)^{2}}{\partial x} = 2(a^{\top}x)\,a",
    variables={"a": Vector("n"), "x": Vector("n")},
    wrt="x",
    layout="denominator",
    f=lambda a, x: (a @ x) ** 2,
    claimed=lambda a, x: 2 * (a @ x) * a,
    also=[Formula(r"(a^{\top}x)^{2} = x^{\top}(aa^{\top})x", lambda a, x: (a @ x) ** 2,
                  lambda a, x: x @ np.outer(a, a) @ x)],
    derivation=[
        Step(r"\mathrm{d}(a^{\top}x)^{2} = 2(a^{\top}x)\,\mathrm{d}(a^{\top}x)", lambda D: D(),
             lambda a, x, D: 2 * (a @ x) * D(_a_dot_x), uses=["8S7R"]),
        Step(r"= 2(a^{\top}x)\,a^{\top}\mathrm{d}x" + IDENTIFY + r"\frac{\partial (a^{\top}x)^{2}}{\partial x} = 2(a^{\top}x)\,a",
             lambda a, x, D: 2 * (a @ x) * D(_a_dot_x), lambda a, x, dx: 2 * (a @ x) * (a @ dx),
             lambda a, x, dx: (2 * (a @ x) * a) @ dx, uses=["4HDD"]),
    ],
    symbolic=lambda a, x: (a.T * x)[0, 0] ** 2,
    notes="Equivalently the gradient of the rank-one quadratic form xᵀ(aaᵀ)x, i.e. 2aaᵀx.",
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
    other_layout=(r"\frac{\partial x^{\top}Ax}{\partial x} = 2x^{\top}A", lambda x, A: (2 * x @ A)[None, :]),
    derivation=[
        Step(r"\mathrm{d}(x^{\top}Ax) = (\mathrm{d}x)^{\top}Ax + x^{\top}A\,\mathrm{d}x", lambda D: D(),
             lambda x, A, dx: dx @ A @ x + x @ A @ dx, uses=["8CQG", "TBSX"]),
        Step(r"= x^{\top}(A^{\top} + A)\,\mathrm{d}x = 2x^{\top}A\,\mathrm{d}x" + IDENTIFY
             + r"\frac{\partial x^{\top}Ax}{\partial x} = 2Ax",
             lambda x, A, dx: dx @ A @ x + x @ A @ dx, lambda x, A, dx: x @ (A.T + A) @ dx,
             lambda x, A, dx: 2 * x @ A @ dx, lambda x, A, dx: (2 * A @ x) @ dx, uses=["AUP0"]),
    ],
    symbolic=lambda x, A: (x.T * A * x)[0, 0],
    notes="Needs a symmetric A; for a general square A the gradient is (A + Aᵀ)x.",
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
    other_layout=(r"\frac{\partial x^{\top}x}{\partial x} = 2x^{\top}", lambda x: (2 * x)[None, :]),
    derivation=[
        Step(r"\mathrm{d}(x^{\top}x) = (\mathrm{d}x)^{\top}x + x^{\top}\mathrm{d}x", lambda D: D(),
             lambda x, dx: dx @ x + x @ dx, uses=["N72P"]),
        Step(r"= 2x^{\top}\mathrm{d}x" + IDENTIFY + r"\frac{\partial x^{\top}x}{\partial x} = 2x",
             lambda x, dx: dx @ x + x @ dx, lambda x, dx: np.sum(2 * x * dx), uses=["TBSX"]),
    ],
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
    derivation=[
        Step(r"\mathrm{d}(x^{\top}Ay) = (\mathrm{d}x)^{\top}Ay", lambda D: D(), lambda A, y, dx: dx @ A @ y,
             uses=["8CQG", "TBSX", "6Q8H"]),
        Step(r"= (Ay)^{\top}\mathrm{d}x" + IDENTIFY + r"\frac{\partial x^{\top}Ay}{\partial x} = Ay",
             lambda A, y, dx: dx @ A @ y, lambda A, y, dx: (A @ y) @ dx),
    ],
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
    derivation=[
        Step(r"\mathrm{d}(x^{\top}Ay) = x^{\top}A\,\mathrm{d}y", lambda D: D(), lambda x, A, dy: x @ A @ dy,
             uses=["2ZM7"]),
        Step(r"= (A^{\top}x)^{\top}\mathrm{d}y" + IDENTIFY + r"\frac{\partial x^{\top}Ay}{\partial y} = A^{\top}x",
             lambda x, A, dy: x @ A @ dy, lambda x, A, dy: (A.T @ x) @ dy),
    ],
    symbolic=lambda x, A, y: (x.T * A * y)[0, 0],
    references=[ref("wikipedia-matrix-calculus", "Scalar-by-vector identities"), cookbook(69, note="with a = Aᵀx")],
    aliases=["bilinear form gradient second argument", "derivative of x^T A y by y"],
)


def _residual(A, x, b):
    return A @ x - b


def _half_least_squares(A, x, b):
    return 0.5 * np.sum((A @ x - b) ** 2)


def _grad_G6G1(A, x, b):
    return 2 * A.T @ (A @ x - b)


Derivative(
    id="MJ0W",
    title="Gradient of the least-squares objective ‖Ax − b‖²",
    latex=r"\frac{\partial}{\partial x}\lVert Ax - b \rVert_2^{2} = 2A^{\top}(Ax - b)",
    variables={"A": Matrix("m", "n"), "x": Vector("n"), "b": Vector("m")},
    wrt="x",
    layout="denominator",
    f=lambda A, x, b: np.sum((A @ x - b) ** 2),
    claimed=lambda A, x, b: 2 * A.T @ (A @ x - b),
    also=[Formula(r"\frac{\partial}{\partial x}\tfrac{1}{2}\lVert Ax - b \rVert_2^{2} = A^{\top}(Ax - b)",
                  lambda D: D(_half_least_squares), lambda A, x, b, dx: (A.T @ (A @ x - b)) @ dx)],
    derivation=[
        Step(r"\mathrm{d}\lVert Ax - b \rVert_2^{2} = 2(Ax - b)^{\top}\mathrm{d}(Ax - b)", lambda D: D(),
             lambda A, x, b, D: 2 * (A @ x - b) @ D(_residual), uses=["FCZG"]),
        Step(r"= 2(Ax - b)^{\top}A\,\mathrm{d}x" + IDENTIFY
             + r"\frac{\partial}{\partial x}\lVert Ax - b \rVert_2^{2} = 2A^{\top}(Ax - b)",
             lambda A, x, b, D: 2 * (A @ x - b) @ D(_residual), lambda A, x, b, dx: 2 * (A @ x - b) @ A @ dx,
             lambda A, x, b, dx: (2 * A.T @ (A @ x - b)) @ dx, uses=["9K5K", "6Q8H", "W8BD"]),
    ],
    symbolic=lambda A, x, b: ((A * x - b).T * (A * x - b))[0, 0],
    notes="Setting it to zero gives the normal equations, with matrix AᵀA and right-hand side Aᵀb. With the factor ½ "
          "in front of the norm the gradient is Aᵀ(Ax − b).",
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
    derivation=[
        Step(r"\mathrm{d}\lVert Ax - b \rVert_2^{2} = \bigl(2A^{\top}(Ax - b)\bigr)^{\top}\mathrm{d}x" + IDENTIFY
             + r"\nabla_{x}\lVert Ax - b \rVert_2^{2} = 2A^{\top}(Ax - b)",
             lambda D: D(), lambda A, x, b, dx: _grad_G6G1(A, x, b) @ dx, uses=["MJ0W"]),
        Step(r"\mathrm{d}\bigl(2A^{\top}(Ax - b)\bigr) = 2A^{\top}A\,\mathrm{d}x" + IDENTIFY
             + r"\frac{\partial^{2}}{\partial x\,\partial x^{\top}}\lVert Ax - b \rVert_2^{2} = 2A^{\top}A",
             lambda D: D(_grad_G6G1), lambda A, dx: 2 * A.T @ (A @ dx), uses=["2ZM7", "9K5K", "6Q8H"]),
    ],
    symbolic=lambda A, x, b: ((A * x - b).T * (A * x - b))[0, 0],
    notes="Positive semidefinite, and definite when A has full column rank: least squares is then strictly convex.",
    references=[ref("goodfellow-2016", "§4.5 Example: Linear Least Squares"),
                cookbook(98, note="with A replaced by AᵀA")],
    aliases=["least squares Hessian", "Gauss-Newton matrix", "linear regression Hessian", "2 A^T A"],
)


def _inv_Sigma(Sigma):
    return inv(Sigma)


def _grad_ZNE9(x, mu, Sigma):
    return 2 * np.linalg.solve(Sigma, x - mu)


MAHALANOBIS = r"(x - \mu)^{\top}\Sigma^{-1}(x - \mu)"

Derivative(
    id="4A2S",
    title="Gradient of the squared Mahalanobis distance in x",
    latex=r"\frac{\partial}{\partial x}(x - \mu)^{\top}\Sigma^{-1}(x - \mu) = 2\Sigma^{-1}(x - \mu)",
    variables={"x": Vector("n"), "mu": Vector("n"), "Sigma": Matrix("n", "n", "spd")},
    wrt="x",
    layout="denominator",
    f=lambda x, mu, Sigma: (x - mu) @ np.linalg.inv(Sigma) @ (x - mu),
    claimed=lambda x, mu, Sigma: 2 * np.linalg.solve(Sigma, x - mu),
    derivation=[
        Step(r"\mathrm{d}\bigl[" + MAHALANOBIS + r"\bigr] = (\mathrm{d}x)^{\top}\Sigma^{-1}(x - \mu) + "
             r"(x - \mu)^{\top}\Sigma^{-1}\mathrm{d}x", lambda D: D(),
             lambda x, mu, Sigma, dx: dx @ inv(Sigma) @ (x - mu) + (x - mu) @ inv(Sigma) @ dx,
             uses=["8CQG", "9K5K", "6Q8H"]),
        Step(r"= 2(x - \mu)^{\top}\Sigma^{-1}\mathrm{d}x" + IDENTIFY
             + r"\frac{\partial}{\partial x}" + MAHALANOBIS + r" = 2\Sigma^{-1}(x - \mu)",
             lambda x, mu, Sigma, dx: dx @ inv(Sigma) @ (x - mu) + (x - mu) @ inv(Sigma) @ dx,
             lambda x, mu, Sigma, dx: 2 * (x - mu) @ inv(Sigma) @ dx,
             lambda x, mu, Sigma, dx: (2 * np.linalg.solve(Sigma, x - mu)) @ dx, uses=["TBSX", "HUZ6"]),
    ],
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
    derivation=[
        Step(r"\mathrm{d}\bigl[" + MAHALANOBIS + r"\bigr] = -(\mathrm{d}\mu)^{\top}\Sigma^{-1}(x - \mu) - "
             r"(x - \mu)^{\top}\Sigma^{-1}\mathrm{d}\mu", lambda D: D(),
             lambda x, mu, Sigma, dmu: -dmu @ inv(Sigma) @ (x - mu) - (x - mu) @ inv(Sigma) @ dmu,
             uses=["8CQG", "9K5K", "6Q8H"]),
        Step(r"= -2(x - \mu)^{\top}\Sigma^{-1}\mathrm{d}\mu" + IDENTIFY
             + r"\frac{\partial}{\partial \mu}" + MAHALANOBIS + r" = -2\Sigma^{-1}(x - \mu)",
             lambda x, mu, Sigma, dmu: -dmu @ inv(Sigma) @ (x - mu) - (x - mu) @ inv(Sigma) @ dmu,
             lambda x, mu, Sigma, dmu: -2 * (x - mu) @ inv(Sigma) @ dmu,
             lambda x, mu, Sigma, dmu: (-2 * np.linalg.solve(Sigma, x - mu)) @ dmu, uses=["TBSX", "1VUK"]),
    ],
    symbolic=lambda x, mu, Sigma: ((x - mu).T * Sigma.I * (x - mu))[0, 0],
    notes="Summed over samples and set to zero it gives the maximum-likelihood mean, the sample average.",
    references=[cookbook(86, note="with W = Σ⁻¹ and s = μ")],
    aliases=["Gaussian mean gradient", "Mahalanobis gradient in the mean", "MLE of the mean"],
)


def _9E1V(x, mu, Sigma):
    v = np.linalg.solve(Sigma, x - mu)
    return -np.outer(v, v)


Derivative(
    id="9E1V",
    title="Gradient of the squared Mahalanobis distance in Σ",
    latex=(r"\frac{\partial}{\partial \Sigma}(x - \mu)^{\top}\Sigma^{-1}(x - \mu) = "
           r"-\Sigma^{-1}(x - \mu)(x - \mu)^{\top}\Sigma^{-1}"),
    variables={"x": Vector("n"), "mu": Vector("n"), "Sigma": Matrix("n", "n", "spd")},
    wrt="Sigma",
    layout="denominator",
    f=lambda x, mu, Sigma: (x - mu) @ np.linalg.inv(Sigma) @ (x - mu),
    claimed=_9E1V,
    derivation=[
        Step(r"\mathrm{d}\bigl[" + MAHALANOBIS + r"\bigr] = (x - \mu)^{\top}\mathrm{d}(\Sigma^{-1})(x - \mu)",
             lambda D: D(), lambda x, mu, D: (x - mu) @ D(_inv_Sigma) @ (x - mu), uses=["2ZM7"]),
        Step(r"= -(x - \mu)^{\top}\Sigma^{-1}\mathrm{d}\Sigma\,\Sigma^{-1}(x - \mu)",
             lambda x, mu, D: (x - mu) @ D(_inv_Sigma) @ (x - mu),
             lambda x, mu, Sigma, dSigma: -(x - mu) @ inv(Sigma) @ dSigma @ inv(Sigma) @ (x - mu), uses=["0DTW"]),
        Step(r"= \operatorname{tr}\Bigl(\bigl(-\Sigma^{-1}(x - \mu)(x - \mu)^{\top}\Sigma^{-1}\bigr)^{\top}\mathrm{d}\Sigma\Bigr)"
             + IDENTIFY + r"\frac{\partial}{\partial \Sigma}" + MAHALANOBIS
             + r" = -\Sigma^{-1}(x - \mu)(x - \mu)^{\top}\Sigma^{-1}",
             lambda x, mu, Sigma, dSigma: -(x - mu) @ inv(Sigma) @ dSigma @ inv(Sigma) @ (x - mu),
             lambda x, mu, Sigma, dSigma: np.sum(_9E1V(x, mu, Sigma) * dSigma)),
    ],
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
    derivation=[
        Step(r"\mathrm{d}\bigl[" + MAHALANOBIS + r"\bigr] = \bigl(2\Sigma^{-1}(x - \mu)\bigr)^{\top}\mathrm{d}x"
             + IDENTIFY + r"\nabla_{x}" + MAHALANOBIS + r" = 2\Sigma^{-1}(x - \mu)",
             lambda D: D(), lambda x, mu, Sigma, dx: _grad_ZNE9(x, mu, Sigma) @ dx, uses=["4A2S"]),
        Step(r"\mathrm{d}\bigl(2\Sigma^{-1}(x - \mu)\bigr) = 2\Sigma^{-1}\mathrm{d}x" + IDENTIFY
             + r"\frac{\partial^{2}}{\partial x\,\partial x^{\top}}" + MAHALANOBIS + r" = 2\Sigma^{-1}",
             lambda D: D(_grad_ZNE9), lambda Sigma, dx: 2 * np.linalg.solve(Sigma, dx), uses=["2ZM7", "9K5K", "6Q8H"]),
    ],
    symbolic=lambda x, mu, Sigma: ((x - mu).T * Sigma.I * (x - mu))[0, 0],
    notes="So the Hessian of the Gaussian log-density is −Σ⁻¹ (the precision matrix with a minus sign).",
    references=[cookbook(98, note="with A = Σ⁻¹ symmetric")],
    aliases=["Gaussian log-likelihood Hessian", "precision matrix Hessian", "Mahalanobis Hessian"],
)


def _xx(x):
    return x @ x


def _xBx(x, B):
    return x @ B @ x


def _VGRG(x, A):
    return 2 / (x @ x) * (A @ x - (x @ A @ x) / (x @ x) * x)


Derivative(
    id="VGRG",
    title="Gradient of the Rayleigh quotient",
    latex=(r"\frac{\partial}{\partial x}\frac{x^{\top}Ax}{x^{\top}x} = "
           r"\frac{2}{x^{\top}x}\left(Ax - \frac{x^{\top}Ax}{x^{\top}x}\,x\right)"),
    variables={"x": Vector("n", "nonzero"), "A": Matrix("n", "n", "symmetric")},
    wrt="x",
    layout="denominator",
    f=lambda x, A: (x @ A @ x) / (x @ x),
    claimed=_VGRG,
    derivation=[
        Step(r"\mathrm{d}\frac{x^{\top}Ax}{x^{\top}x} = \frac{\mathrm{d}(x^{\top}Ax)}{x^{\top}x} - "
             r"\frac{x^{\top}Ax\;\mathrm{d}(x^{\top}x)}{(x^{\top}x)^{2}}", lambda D: D(),
             lambda x, A, D: D(_xAx) / (x @ x) - (x @ A @ x) * D(_xx) / (x @ x) ** 2, uses=QUOTIENT_RULE),
        Step(r"= \frac{2x^{\top}A\,\mathrm{d}x}{x^{\top}x} - \frac{2x^{\top}Ax\;x^{\top}\mathrm{d}x}{(x^{\top}x)^{2}}",
             lambda x, A, D: D(_xAx) / (x @ x) - (x @ A @ x) * D(_xx) / (x @ x) ** 2,
             lambda x, A, dx: 2 * (x @ A @ dx) / (x @ x) - 2 * (x @ A @ x) * (x @ dx) / (x @ x) ** 2,
             uses=["AJB3", "FCZG"]),
        Step(r"= \Bigl(\frac{2}{x^{\top}x}\Bigl(Ax - \frac{x^{\top}Ax}{x^{\top}x}\,x\Bigr)\Bigr)^{\top}\mathrm{d}x"
             + IDENTIFY + r"\frac{\partial}{\partial x}\frac{x^{\top}Ax}{x^{\top}x} = "
             r"\frac{2}{x^{\top}x}\left(Ax - \frac{x^{\top}Ax}{x^{\top}x}\,x\right)",
             lambda x, A, dx: 2 * (x @ A @ dx) / (x @ x) - 2 * (x @ A @ x) * (x @ dx) / (x @ x) ** 2,
             lambda x, A, dx: _VGRG(x, A) @ dx, uses=["TBSX"]),
    ],
    symbolic=lambda x, A: (x.T * A * x)[0, 0] / (x.T * x)[0, 0],
    notes="It vanishes exactly at eigenvectors of A, where the quotient equals the eigenvalue.",
    references=[cookbook(95, note="the special case with A symmetric in place of AᵀA and B = I")],
    aliases=["Rayleigh quotient gradient", "eigenvector stationary point", "derivative of x^T A x / x^T x"],
)


def _KWLJ(x, A, B):
    return 2 / (x @ B @ x) * (A @ x - (x @ A @ x) / (x @ B @ x) * B @ x)


Derivative(
    id="KWLJ",
    title="Gradient of the generalized Rayleigh quotient xᵀAx / xᵀBx",
    latex=(r"\frac{\partial}{\partial x}\frac{x^{\top}Ax}{x^{\top}Bx} = "
           r"\frac{2}{x^{\top}Bx}\left(Ax - \frac{x^{\top}Ax}{x^{\top}Bx}\,Bx\right)"),
    variables={"x": Vector("n", "nonzero"), "A": Matrix("n", "n", "symmetric"), "B": Matrix("n", "n", "spd")},
    wrt="x",
    layout="denominator",
    f=lambda x, A, B: (x @ A @ x) / (x @ B @ x),
    claimed=_KWLJ,
    derivation=[
        Step(r"\mathrm{d}\frac{x^{\top}Ax}{x^{\top}Bx} = \frac{\mathrm{d}(x^{\top}Ax)}{x^{\top}Bx} - "
             r"\frac{x^{\top}Ax\;\mathrm{d}(x^{\top}Bx)}{(x^{\top}Bx)^{2}}", lambda D: D(),
             lambda x, A, B, D: D(_xAx) / (x @ B @ x) - (x @ A @ x) * D(_xBx) / (x @ B @ x) ** 2, uses=QUOTIENT_RULE),
        Step(r"= \frac{2x^{\top}A\,\mathrm{d}x}{x^{\top}Bx} - \frac{2x^{\top}Ax\;x^{\top}B\,\mathrm{d}x}{(x^{\top}Bx)^{2}}",
             lambda x, A, B, D: D(_xAx) / (x @ B @ x) - (x @ A @ x) * D(_xBx) / (x @ B @ x) ** 2,
             lambda x, A, B, dx: 2 * (x @ A @ dx) / (x @ B @ x) - 2 * (x @ A @ x) * (x @ B @ dx) / (x @ B @ x) ** 2,
             uses=["AJB3"]),
        Step(r"= \Bigl(\frac{2}{x^{\top}Bx}\Bigl(Ax - \frac{x^{\top}Ax}{x^{\top}Bx}\,Bx\Bigr)\Bigr)^{\top}\mathrm{d}x"
             + IDENTIFY + r"\frac{\partial}{\partial x}\frac{x^{\top}Ax}{x^{\top}Bx} = "
             r"\frac{2}{x^{\top}Bx}\left(Ax - \frac{x^{\top}Ax}{x^{\top}Bx}\,Bx\right)",
             lambda x, A, B, dx: 2 * (x @ A @ dx) / (x @ B @ x) - 2 * (x @ A @ x) * (x @ B @ dx) / (x @ B @ x) ** 2,
             lambda x, A, B, dx: _KWLJ(x, A, B) @ dx, uses=["TBSX"]),
    ],
    symbolic=lambda x, A, B: (x.T * A * x)[0, 0] / (x.T * B * x)[0, 0],
    notes="Stationary points are the generalized eigenvectors of the pair (A, B), as in Fisher's linear discriminant.",
    references=[cookbook(95, note="with AᵀA, BᵀB replaced by symmetric A and positive definite B")],
    aliases=["generalized Rayleigh quotient gradient", "Fisher discriminant criterion gradient",
             "generalized eigenvalue problem"],
)
