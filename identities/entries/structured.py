"""Structured matrices.

Derivatives when the matrix argument has structure — symmetric, diagonal, Toeplitz — and the chain
rule through a matrix-valued function (Matrix Cookbook §2.8). For a symmetric argument two different
quantities are in use, and both are given, each saying which it is: the Cookbook's matrix of partial
derivatives by the independent entries, G + Gᵀ − G∘I, and the gradient on the space of symmetric
matrices, (G + Gᵀ)/2, which is the one to use in gradient steps and in ⟨gradient, direction⟩.
"""
import numpy as np

from identities import Derivative, Erratum, Formula, Matrix, Step, Vector, cookbook, ref
from identities.symbolic import sp

inv = np.linalg.inv


# The inverse of a symmetric X, symmetric to the last bit: np.linalg.inv leaves rounding-level
# asymmetry, which would make the verifier's "transpose" mutation a different (yet equally right) claim.
def inv_sym(X):
    return (inv(X) + inv(X).T) / 2


SYM_GRADIENT = ref("srinivasan-panda-2023", "main result: the gradient on symmetric matrices is sym(G)")

ENTRIES_NOTE = ("Entry (i, j) is the partial derivative of f by X_ij when X is parametrised by its "
                "independent entries, so moving X_ij also moves X_ji: off the diagonal it is G_ij + G_ji, "
                "on it G_ii, where G is the gradient ignoring symmetry. It is not a gradient: paired by the "
                "trace with a symmetric direction dX it does not give df, because each off-diagonal change is "
                "counted twice.")

GRADIENT_NOTE = ("The gradient on the space of symmetric matrices with the trace inner product: paired by the "
                 "trace with any symmetric direction dX it gives df (the last step of the derivation), and it is "
                 "itself symmetric. It is the symmetric part of the gradient G that ignores symmetry. Use it for "
                 "gradient steps, for the chain rule and wherever a gradient is paired with a direction.")


def _errata(eq, g_text, entries_id, printed, claimed):
    """The erratum of a gradient entry: the Cookbook's G + Gᵀ − G∘I, read as the gradient on symmetric
    matrices (what this entry checks, along symmetric directions), is refuted."""
    return [Erratum(
        cookbook(eq),
        "The Cookbook (§2.8.2) presents G + Gᵀ − G∘I" + g_text + " as the derivative with respect to a "
        "symmetric X without saying it is the matrix of partial derivatives by the independent entries. As "
        "that it is correct (the companion entry " + entries_id + " checks it), but it is not the gradient on "
        "symmetric matrices: paired with a symmetric direction it over-counts the off-diagonal entries, so a "
        "gradient step or a chain rule built on it is wrong. Checked as a gradient along symmetric directions, "
        "the printed matrix fails; the gradient is (G + Gᵀ)/2, as Srinivasan & Panda (2023) show.",
        printed=printed, claimed=claimed)]


def _entries_errata(eq, g_text, gradient_id, printed, claimed):
    """The erratum of a partial-derivatives entry: the printed matrix is right as what the entry states,
    and wrong as the gradient it is often taken for (refuted along symmetric directions)."""
    return [Erratum(
        cookbook(eq),
        "The Cookbook (§2.8.2) gives G + Gᵀ − G∘I" + g_text + " as the derivative with respect to a "
        "symmetric X. It is correct only as what this entry states (the partial derivatives by the "
        "independent entries, X_ij and X_ji moving together, arranged in a symmetric matrix) and is often "
        "misread as the gradient: read so, paired with symmetric directions, it fails, because each "
        "off-diagonal change is counted twice. The gradient on symmetric matrices is (G + Gᵀ)/2 "
        "(Srinivasan & Panda 2023; entry " + gradient_id + ").",
        printed=printed, claimed=claimed, directions="symmetric")]


def _single_entry(shape, i, j):
    J = np.zeros(shape)
    J[i, j] = 1.0
    return J


def _by_structure_matrices(G):
    """[tr(Gᵀ S^ij)] with the symmetric structure matrices S^ij = J^ij + J^ji − J^ij J^ij."""
    n = len(G)
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            J, Jt = _single_entry((n, n), i, j), _single_entry((n, n), j, i)
            out[i, j] = np.trace(G.T @ (J + Jt - J @ J))
    return out


def _chain_rule_trace_cube(X, C):
    """∂g(U)/∂X_ij = tr[(∂g/∂U)ᵀ ∂U/∂X_ij] for g(U) = tr(U³), U = XᵀCX, one entry at a time."""
    U = X.T @ C @ X
    dg_dU = 3 * (U @ U).T
    out = np.zeros(X.shape)
    for i in range(X.shape[0]):
        for j in range(X.shape[1]):
            J = _single_entry(X.shape, i, j)
            dU = J.T @ C @ X + X.T @ C @ J
            out[i, j] = np.trace(dg_dU.T @ dU)
    return out


def _U_of(X, C):
    return X.T @ C @ X


def _trace_cube_gradient(X, C):
    """3(CXU² + CᵀX(U²)ᵀ), U = XᵀCX: the gradient of tr(U³) collected from the differential."""
    U2 = np.linalg.matrix_power(X.T @ C @ X, 2)
    return 3 * (C @ X @ U2 + C.T @ X @ U2.T)


def _chain_rule_sum(X, C):
    """The same partial derivatives as the sum over k, l of ∂g/∂U_kl · ∂U_kl/∂X_ij."""
    U = X.T @ C @ X
    dg_dU = 3 * (U @ U).T
    out = np.zeros(X.shape)
    for i in range(X.shape[0]):
        for j in range(X.shape[1]):
            J = _single_entry(X.shape, i, j)
            out[i, j] = np.sum(dg_dU * (J.T @ C @ X + X.T @ C @ J))
    return out


def _structure_matrices(X):
    """S^ij from the formula J^ij + J^ji − J^ij J^ij, for every (i, j), stacked."""
    n = len(X)
    return np.array([_single_entry((n, n), i, j) + _single_entry((n, n), j, i)
                     - _single_entry((n, n), i, j) @ _single_entry((n, n), i, j)
                     for i in range(n) for j in range(n)])


def _moved_by_entry(X):
    """∂X/∂X_ij for a symmetric X parametrised by its independent entries: the change of X when X_ij
    (and with it X_ji) grows by one, X being linear in its entries; for every (i, j), stacked."""
    n = len(X)
    out = []
    for i in range(n):
        for j in range(n):
            Y = np.array(X)
            Y[i, j] += 1.0
            Y[j, i] = Y[i, j]
            out.append(Y - X)
    return np.array(out)


def _toeplitz(t, n):
    """T_ij = t_{i−j}, with t holding t_{−(n−1)}, …, t_{n−1} in that order."""
    return np.array([[t[i - j + n - 1] for j in range(n)] for i in range(n)])


def _diagonal_sums(A):
    """[Σ_{p−q=k} A_qp] for k = −(n−1), …, n−1: the derivatives of tr(AT) by t_k."""
    return np.array([np.trace(A, offset=k) for k in range(1 - len(A), len(A))])


def _trace_TA(A, t):
    return np.trace(_toeplitz(t, len(A)) @ A)


def _delete(M, i, j):
    """The Cookbook's [M]_ij (§3.1.2): M without row i and column j (1-based)."""
    return np.delete(np.delete(M, i - 1, axis=0), j - 1, axis=1)


def _alpha_as_printed(A, t):
    """α(A) as eq. (143) prints it: the second diagonals read Tr([[Aᵀ]_1n]_(n−1),2) at (1, 3) and
    Tr([[Aᵀ]_1n]_2,(n−1)) at (3, 1); every other diagonal as in the correct claim."""
    n = len(A)
    out = _diagonal_sums(A).copy()
    M = _delete(A.T, 1, n)
    out[n - 1 - 2] = np.trace(_delete(M, n - 1, 2))   # t_{−2}: entry (1, 3), i − j = −2
    out[n - 1 + 2] = np.trace(_delete(M, 2, n - 1))   # t_{2}: entry (3, 1)
    return out


def _alpha(A):
    """α(A): the n × n Toeplitz matrix with entry (i, j) the derivative by t_{i−j}."""
    n = len(A)
    return _toeplitz(_diagonal_sums(A), n)


def _by_offset(values, n):
    """The n × n matrix whose entry (i, j) is values[|i − j|]."""
    return np.asarray(values)[np.abs(np.subtract.outer(np.arange(n), np.arange(n)))]


def _symmetric_toeplitz_sums(A):
    return np.array([np.trace(A)] + [np.trace(A, offset=k) + np.trace(A, offset=-k) for k in range(1, len(A))])


def _toeplitz_parameters(rng, values):
    values["t"] = rng.standard_normal(2 * len(values["A"]) - 1)
    return values


# ---------------------------------------------------------------------------------------------
# The structure matrix and the chain rule (Cookbook 133–137)

Derivative(
    id="VF5V",
    title="Derivative by a structured matrix through its structure matrices (symmetric example)",
    latex=r"\frac{\mathrm{d}f}{\mathrm{d}X_{ij}} = \operatorname{tr}\left[\left(\frac{\partial f}{\partial X}"
          r"\right)^{\top}S^{ij}\right],\quad S^{ij} = \frac{\partial X}{\partial X_{ij}} = J^{ij} + J^{ji} - "
          r"J^{ij}J^{ij},\quad f = a^{\top}X^{-1}b",
    variables={"X": Matrix("n", "n", "symmetric_invertible"), "a": Vector("n"), "b": Vector("n")},
    symbols={"f": "the scalar function aᵀX⁻¹b", "S": "S^ij, the structure matrix ∂X/∂X_ij",
             "J": "J^ij, the single-entry matrix: 1 in position (i, j), 0 elsewhere", "i": "a row index",
             "j": "a column index"},
    wrt="X",
    layout="denominator",
    directions="symmetric_entries",
    f=lambda X, a, b: a @ inv(X) @ b,
    claimed=lambda X, a, b: _by_structure_matrices(-inv(X).T @ np.outer(a, b) @ inv(X).T),
    also=[Formula(r"S^{ij} = \frac{\partial X}{\partial X_{ij}} = J^{ij} + J^{ji} - J^{ij}J^{ij}",
                  lambda X: _moved_by_entry(X), lambda X: _structure_matrices(X))],
    references=[cookbook(133), cookbook(134), cookbook(456), cookbook(458)],
    notes="The general rule for a structured argument: the derivative by a free parameter is the "
          "unconstrained gradient ∂f/∂X paired with how X moves with that parameter. It is checked here "
          "with the symmetric structure (the product J^ij J^ij is J^ii on the diagonal and zero off it) and the "
          "unconstrained gradient of aᵀX⁻¹b, which is −X⁻ᵀabᵀX⁻ᵀ; the Toeplitz entries apply it to another "
          "structure. " + ENTRIES_NOTE,
    aliases=["structure matrix", "derivative with respect to a structured matrix", "chain rule for "
             "constrained matrix entries", "single-entry matrix"],
    symbolic=lambda X, a, b: sp.Trace(a.T * sp.Inverse(X) * b),
)

Derivative(
    id="CNHZ",
    title="Chain rule through a matrix function: ∂g(U)/∂X_ij = tr[(∂g/∂U)ᵀ ∂U/∂X_ij]",
    latex=r"\frac{\partial g(U)}{\partial X_{ij}} = \sum_{k,l}\frac{\partial g(U)}{\partial U_{kl}}"
          r"\frac{\partial U_{kl}}{\partial X_{ij}} = \operatorname{tr}\left[\left(\frac{\partial g(U)}{\partial U}"
          r"\right)^{\top}\frac{\partial U}{\partial X_{ij}}\right],\quad U = X^{\top}CX,\ g(U) = "
          r"\operatorname{tr}\left(U^{3}\right)",
    variables={"X": Matrix("n", "m"), "C": Matrix("n", "n", "square")},
    symbols={"g": "a scalar function of a matrix (checked with g(U) = tr U³)",
             "U": "a matrix function of X (checked with U = XᵀCX)", "i": "a row index of X",
             "j": "a column index of X", "k": "a row index of U", "l": "a column index of U"},
    wrt="X",
    layout="denominator",
    f=lambda X, C: np.trace(np.linalg.matrix_power(X.T @ C @ X, 3)),
    claimed=_chain_rule_trace_cube,
    also=[Formula(r"\sum_{k,l}\frac{\partial g(U)}{\partial U_{kl}}\frac{\partial U_{kl}}{\partial X_{ij}} = "
                  r"\operatorname{tr}\left[\left(\frac{\partial g(U)}{\partial U}\right)^{\top}"
                  r"\frac{\partial U}{\partial X_{ij}}\right]",
                  _chain_rule_sum, _chain_rule_trace_cube)],
    differential=(r"\mathrm{d}g = \operatorname{tr}\left[\left(\frac{\partial g}{\partial U}\right)^{\top}"
                  r"\mathrm{d}U\right] = 3\operatorname{tr}\left[U^{2}\left(\mathrm{d}X^{\top}CX + "
                  r"X^{\top}C\,\mathrm{d}X\right)\right]",
                  lambda X, C, dX: 3 * np.trace(np.linalg.matrix_power(X.T @ C @ X, 2)
                                                @ (dX.T @ C @ X + X.T @ C @ dX))),
    derivation=[
        Step(r"\mathrm{d}g = \mathrm{d}\operatorname{tr}\left(U^{3}\right) = 3\operatorname{tr}"
             r"\left(U^{2}\,\mathrm{d}U\right)",
             lambda D: D(), lambda X, C, D: 3 * np.trace(np.linalg.matrix_power(_U_of(X, C), 2) @ D(_U_of)),
             uses=["U00N", "8CQG"]),
        Step(r"= 3\operatorname{tr}\left[U^{2}\left(\mathrm{d}X^{\top}CX + X^{\top}C\,\mathrm{d}X\right)\right]",
             lambda X, C, D: 3 * np.trace(np.linalg.matrix_power(_U_of(X, C), 2) @ D(_U_of)),
             lambda X, C, dX: 3 * np.trace(np.linalg.matrix_power(_U_of(X, C), 2) @ (dX.T @ C @ X + X.T @ C @ dX)),
             uses=["8CQG", "TBSX", "6Q8H"]),
        Step(r"= \operatorname{tr}\left[\left(3CXU^{2} + 3C^{\top}X\left(U^{2}\right)^{\top}\right)^{\top}"
             r"\mathrm{d}X\right] \;\Rightarrow\; \frac{\partial g(U)}{\partial X_{ij}} = \left[3CXU^{2} + "
             r"3C^{\top}X\left(U^{2}\right)^{\top}\right]_{ij}",
             lambda X, C, dX: 3 * np.trace(np.linalg.matrix_power(_U_of(X, C), 2) @ (dX.T @ C @ X + X.T @ C @ dX)),
             lambda X, C, dX: np.sum(_trace_cube_gradient(X, C) * dX)),
    ],
    references=[cookbook(135), cookbook(136), cookbook(137)],
    notes="The claim is computed exactly as printed, one entry (i, j) at a time: the gradient of g by U is "
          "3(U²)ᵀ, and the derivative of U by X_ij is J^jiCX + XᵀCJ^ij with J the single-entry matrix. In "
          "practice the differential form is shorter: take dg in terms of dU, then collect the dX terms, as "
          "the derivation does.",
    aliases=["matrix chain rule", "chain rule for matrix functions", "derivative of composition g(f(X))",
             "chain rule with trace"],
    symbolic=lambda X, C: sp.Trace((X.T * C * X) ** 3),
)

# ---------------------------------------------------------------------------------------------
# Symmetric (Cookbook 138–141): each claim twice, as partial derivatives and as the gradient

Derivative(
    id="MKC4",
    title="Partial derivatives by the independent entries of a symmetric X: G + Gᵀ − G∘I (example aᵀXb)",
    latex=r"\frac{\mathrm{d}f}{\mathrm{d}X} = \frac{\partial f}{\partial X} + \left(\frac{\partial f}{\partial X}"
          r"\right)^{\top} - \frac{\partial f}{\partial X}\circ I,\quad f = a^{\top}Xb:\ \frac{\mathrm{d}f}"
          r"{\mathrm{d}X} = ab^{\top} + ba^{\top} - \left(ab^{\top}\right)\circ I",
    variables={"X": Matrix("n", "n", "symmetric"), "a": Vector("n"), "b": Vector("n")},
    symbols={"f": "a scalar function of the symmetric matrix X (checked with aᵀXb)"},
    wrt="X",
    layout="denominator",
    directions="symmetric_entries",
    f=lambda X, a, b: a @ X @ b,
    claimed=lambda X, a, b: np.outer(a, b) + np.outer(b, a) - np.diag(a * b),
    references=[cookbook(138, note="correct as partial derivatives by the independent entries, not as a "
                                   "gradient"), SYM_GRADIENT],
    related=["WVHN"],
    notes=ENTRIES_NOTE + " The Cookbook writes diag[∂f/∂X] for the diagonal part G∘I.",
    errata=_entries_errata(138, ", with G the unconstrained gradient ∂f/∂X,", "WVHN",
                           r"\frac{\partial f}{\partial X} = ab^{\top} + ba^{\top} - \left(ab^{\top}\right)\circ I",
                           lambda X, a, b: np.outer(a, b) + np.outer(b, a) - np.diag(a * b)),
    aliases=["derivative with respect to a symmetric matrix", "symmetric matrix derivative G + G^T - diag(G)",
             "partial derivatives of symmetric matrix entries", "Cookbook symmetric rule"],
    symbolic=lambda X, a, b: sp.Trace(a.T * X * b),
)

Derivative(
    id="WVHN",
    title="Gradient on symmetric matrices: sym(G) = (G + Gᵀ)/2 (example aᵀXb)",
    latex=r"\nabla_{X} f = \frac{1}{2}\left(\frac{\partial f}{\partial X} + \left(\frac{\partial f}{\partial X}"
          r"\right)^{\top}\right),\quad f = a^{\top}Xb:\ \nabla_{X} f = \frac{1}{2}\left(ab^{\top} + "
          r"ba^{\top}\right)\quad\text{on symmetric } X",
    variables={"X": Matrix("n", "n", "symmetric"), "a": Vector("n"), "b": Vector("n")},
    symbols={"f": "a scalar function of the symmetric matrix X (checked with aᵀXb)"},
    wrt="X",
    layout="denominator",
    directions="symmetric",
    f=lambda X, a, b: a @ X @ b,
    claimed=lambda X, a, b: (np.outer(a, b) + np.outer(b, a)) / 2,
    references=[SYM_GRADIENT, cookbook(138, note="the Cookbook gives G + Gᵀ − G∘I instead")],
    related=["MKC4"],
    notes=GRADIENT_NOTE,
    derivation=[
        Step(r"\mathrm{d}\left(a^{\top}Xb\right) = a^{\top}\mathrm{d}X\,b = \operatorname{tr}\left("
             r"\left(ab^{\top}\right)^{\top}\mathrm{d}X\right)",
             lambda D: D(), lambda a, b, dX: a @ dX @ b, lambda a, b, dX: np.sum(np.outer(a, b) * dX),
             uses=["2ZM7"]),
        Step(r"= \operatorname{tr}\left(\tfrac{1}{2}\left(ab^{\top} + ba^{\top}\right)\mathrm{d}X\right)"
             r"\ \text{for symmetric }\mathrm{d}X \;\Rightarrow\; \nabla_{X} f = \tfrac{1}{2}\left(ab^{\top} + "
             r"ba^{\top}\right)\ \text{(symmetric, as a gradient on symmetric matrices must be)}",
             lambda a, b, dX: np.sum(np.outer(a, b) * dX),
             lambda a, b, dX: np.trace((np.outer(a, b) + np.outer(b, a)) / 2 @ dX)),
    ],
    errata=_errata(138, ", with G the unconstrained gradient ∂f/∂X,", "MKC4",
                   r"\frac{\partial f}{\partial X} = ab^{\top} + ba^{\top} - \left(ab^{\top}\right)\circ I",
                   lambda X, a, b: np.outer(a, b) + np.outer(b, a) - np.diag(a * b)),
    aliases=["gradient with respect to a symmetric matrix", "symmetric gradient", "sym(G)",
             "gradient on the space of symmetric matrices"],
    symbolic=lambda X, a, b: sp.Trace(a.T * X * b),
)

Derivative(
    id="YK87",
    title="Partial derivatives of tr(AX) by the independent entries of a symmetric X",
    latex=r"\frac{\partial \operatorname{tr}(AX)}{\partial X} = A + A^{\top} - (A\circ I)"
          r"\quad\text{(partials by the independent entries of a symmetric } X\text{)}",
    variables={"A": Matrix("n", "n", "square"), "X": Matrix("n", "n", "symmetric")},
    wrt="X",
    layout="denominator",
    directions="symmetric_entries",
    f=lambda A, X: np.trace(A @ X),
    claimed=lambda A, X: A + A.T - np.diag(np.diag(A)),
    references=[cookbook(139, note="correct as partial derivatives by the independent entries, not as a "
                                   "gradient"), SYM_GRADIENT],
    related=["7JCG"],
    notes=ENTRIES_NOTE,
    errata=_entries_errata(139, " (here G is Aᵀ)", "7JCG",
                           r"\frac{\partial \operatorname{tr}(AX)}{\partial X} = A + A^{\top} - (A\circ I)", lambda A, X: A + A.T - np.diag(np.diag(A))),
    aliases=["derivative of tr(AX) symmetric X", "trace derivative symmetric matrix", "A + A^T - diag(A)"],
    symbolic=lambda A, X: sp.Trace(A * X),
)

Derivative(
    id="7JCG",
    title="Gradient of tr(AX) on symmetric matrices",
    latex=r"\nabla_{X}\operatorname{tr}(AX) = \frac{1}{2}\left(A + A^{\top}\right)\quad\text{on symmetric } X",
    variables={"A": Matrix("n", "n", "square"), "X": Matrix("n", "n", "symmetric")},
    wrt="X",
    layout="denominator",
    directions="symmetric",
    f=lambda A, X: np.trace(A @ X),
    claimed=lambda A, X: (A + A.T) / 2,
    references=[SYM_GRADIENT, cookbook(139, note="the Cookbook gives A + Aᵀ − A∘I instead")],
    related=["YK87"],
    notes=GRADIENT_NOTE + " For symmetric A it is A itself.",
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(AX) = \operatorname{tr}(A\,\mathrm{d}X)",
             lambda D: D(), lambda A, dX: np.trace(A @ dX), uses=["U00N", "2ZM7"]),
        Step(r"= \operatorname{tr}\left(\tfrac{1}{2}\left(A + A^{\top}\right)\mathrm{d}X\right)\ "
             r"\text{for symmetric }\mathrm{d}X \;\Rightarrow\; \nabla_{X}\operatorname{tr}(AX) = "
             r"\tfrac{1}{2}\left(A + A^{\top}\right)",
             lambda A, dX: np.trace(A @ dX), lambda A, dX: np.trace((A + A.T) / 2 @ dX)),
    ],
    errata=_errata(139, " (here A + Aᵀ − A∘I)", "YK87",
                   r"\frac{\partial \operatorname{tr}(AX)}{\partial X} = A + A^{\top} - (A\circ I)", lambda A, X: A + A.T - np.diag(np.diag(A))),
    aliases=["gradient of tr(AX) symmetric X", "symmetric gradient of a linear function", "sym(A)"],
    symbolic=lambda A, X: sp.Trace(A * X),
)

Derivative(
    id="CMEL",
    title="Partial derivatives of det X by the independent entries of a symmetric X",
    latex=r"\frac{\partial \det(X)}{\partial X} = \det(X)\left(2X^{-1} - \left(X^{-1}\circ I\right)\right)"
          r"\quad\text{(partials by the independent entries of a symmetric } X\text{)}",
    variables={"X": Matrix("n", "n", "symmetric_invertible")},
    wrt="X",
    layout="denominator",
    directions="symmetric_entries",
    f=lambda X: np.linalg.det(X),
    claimed=lambda X: np.linalg.det(X) * (2 * inv_sym(X) - np.diag(np.diag(inv_sym(X)))),
    references=[cookbook(140, note="correct as partial derivatives by the independent entries, not as a "
                                   "gradient"), SYM_GRADIENT],
    related=["57DG"],
    notes=ENTRIES_NOTE,
    errata=_entries_errata(140, " (here G is det(X) X⁻¹)", "57DG", r"\frac{\partial \det(X)}{\partial X} = \det(X)\left(2X^{-1} - \left(X^{-1}\circ I\right)\right)", lambda X: np.linalg.det(X) * (2 * inv_sym(X) - np.diag(np.diag(inv_sym(X))))),
    aliases=["derivative of determinant of symmetric matrix", "Jacobi formula symmetric", "det symmetric X"],
    symbolic=lambda X: sp.Determinant(X),
)

Derivative(
    id="57DG",
    title="Gradient of det X on symmetric matrices",
    latex=r"\nabla_{X}\det(X) = \det(X)\,X^{-1}\quad\text{on symmetric } X",
    variables={"X": Matrix("n", "n", "symmetric_invertible")},
    wrt="X",
    layout="denominator",
    directions="symmetric",
    f=lambda X: np.linalg.det(X),
    claimed=lambda X: np.linalg.det(X) * inv_sym(X),
    differential=(r"\mathrm{d}\det(X) = \det(X)\operatorname{tr}\left(X^{-1}\mathrm{d}X\right)",
                  lambda X, dX: np.linalg.det(X) * np.trace(inv(X) @ dX)),
    derivation=[
        Step(r"\mathrm{d}\det(X) = \det(X)\operatorname{tr}\left(X^{-1}\mathrm{d}X\right)",
             lambda D: D(), lambda X, dX: np.linalg.det(X) * np.trace(inv(X) @ dX), uses=["S66Y"]),
        Step(r"= \operatorname{tr}\left(\left(\det(X)\,X^{-1}\right)^{\top}\mathrm{d}X\right) \;\Rightarrow\; "
             r"\nabla_{X}\det(X) = \det(X)\,X^{-1}\ \text{(symmetric, since } X \text{ is)}",
             lambda X, dX: np.linalg.det(X) * np.trace(inv(X) @ dX),
             lambda X, dX: np.sum(np.linalg.det(X) * inv_sym(X) * dX)),
    ],
    references=[SYM_GRADIENT, cookbook(140, note="the Cookbook gives det(X)(2X⁻¹ − X⁻¹∘I) instead")],
    related=["CMEL"],
    notes=GRADIENT_NOTE + " The unconstrained gradient det(X)X⁻ᵀ is already symmetric here, so it is the "
          "answer unchanged.",
    errata=_errata(140, " (here det(X)(2X⁻¹ − X⁻¹∘I))", "CMEL", r"\frac{\partial \det(X)}{\partial X} = \det(X)\left(2X^{-1} - \left(X^{-1}\circ I\right)\right)", lambda X: np.linalg.det(X) * (2 * inv_sym(X) - np.diag(np.diag(inv_sym(X))))),
    aliases=["gradient of determinant symmetric matrix", "Jacobi formula on symmetric matrices"],
    symbolic=lambda X: sp.Determinant(X),
)

Derivative(
    id="3F8S",
    title="Partial derivatives of ln det X by the independent entries of a symmetric X",
    latex=r"\frac{\partial \ln\det(X)}{\partial X} = 2X^{-1} - \left(X^{-1}\circ I\right)"
          r"\quad\text{(partials by the independent entries of a symmetric } X\text{)}",
    variables={"X": Matrix("n", "n", "spd")},
    wrt="X",
    layout="denominator",
    directions="symmetric_entries",
    f=lambda X: np.log(np.linalg.det(X)),
    claimed=lambda X: 2 * inv_sym(X) - np.diag(np.diag(inv_sym(X))),
    references=[cookbook(141, note="correct as partial derivatives by the independent entries, not as a "
                                   "gradient"), SYM_GRADIENT],
    related=["Z0NS"],
    notes=ENTRIES_NOTE + " Maximum-likelihood derivations that set this to zero reach the same "
          "stationary points as with the gradient, since both vanish together; they differ as soon as "
          "the derivative is used as a direction or in a chain rule.",
    errata=_entries_errata(141, " (here G is X⁻¹)", "Z0NS", r"\frac{\partial \ln\det(X)}{\partial X} = 2X^{-1} - \left(X^{-1}\circ I\right)", lambda X: 2 * inv_sym(X) - np.diag(np.diag(inv_sym(X)))),
    aliases=["derivative of log determinant of symmetric matrix", "logdet symmetric",
             "2 X^-1 - diag(X^-1)", "covariance log determinant derivative"],
    symbolic=lambda X: sp.log(sp.Determinant(X)),
)

Derivative(
    id="Z0NS",
    title="Gradient of ln det X on symmetric positive definite matrices",
    latex=r"\nabla_{X}\ln\det(X) = X^{-1}\quad\text{on symmetric } X",
    variables={"X": Matrix("n", "n", "spd")},
    wrt="X",
    layout="denominator",
    directions="symmetric",
    f=lambda X: np.log(np.linalg.det(X)),
    claimed=lambda X: inv_sym(X),
    differential=(r"\mathrm{d}\ln\det(X) = \operatorname{tr}\left(X^{-1}\mathrm{d}X\right)",
                  lambda X, dX: np.trace(inv(X) @ dX)),
    derivation=[
        Step(r"\mathrm{d}\ln\det(X) = \operatorname{tr}\left(X^{-1}\mathrm{d}X\right)",
             lambda D: D(), lambda X, dX: np.trace(inv(X) @ dX), uses=["J7P3"]),
        Step(r"= \operatorname{tr}\left(\left(X^{-1}\right)^{\top}\mathrm{d}X\right) \;\Rightarrow\; "
             r"\nabla_{X}\ln\det(X) = X^{-1}\ \text{(symmetric, since } X \text{ is)}",
             lambda X, dX: np.trace(inv(X) @ dX), lambda X, dX: np.sum(inv_sym(X) * dX)),
    ],
    references=[SYM_GRADIENT, cookbook(141, note="the Cookbook gives 2X⁻¹ − X⁻¹∘I instead")],
    related=["3F8S"],
    notes=GRADIENT_NOTE + " This is the gradient used for covariance and precision matrices (Gaussian "
          "log-likelihood, log-barrier of semidefinite programming).",
    errata=_errata(141, " (here 2X⁻¹ − X⁻¹∘I)", "3F8S", r"\frac{\partial \ln\det(X)}{\partial X} = 2X^{-1} - \left(X^{-1}\circ I\right)", lambda X: 2 * inv_sym(X) - np.diag(np.diag(inv_sym(X)))),
    aliases=["gradient of log determinant symmetric matrix", "logdet gradient covariance",
             "derivative of ln det Sigma", "log barrier gradient"],
    symbolic=lambda X: sp.log(sp.Determinant(X)),
)

# ---------------------------------------------------------------------------------------------
# Diagonal (Cookbook 142)

Derivative(
    id="CAC3",
    title="Derivative of tr(AX) by a diagonal X",
    latex=r"\frac{\partial \operatorname{tr}(AX)}{\partial X} = A\circ I\quad\text{(}X\text{ diagonal)}",
    variables={"A": Matrix("n", "n", "square"), "X": Matrix("n", "n", "diagonal")},
    wrt="X",
    layout="denominator",
    directions="diagonal",
    f=lambda A, X: np.trace(A @ X),
    claimed=lambda A, X: np.diag(np.diag(A)),
    references=[cookbook(142)],
    symbols={"i": "an index"},
    also=[Formula(r"\operatorname{tr}(AX) = \sum_i A_{ii}X_{ii}\quad(X\text{ diagonal})",
                  lambda A, X: np.trace(A @ X), lambda A, X: np.sum(np.diag(A) * np.diag(X)))],
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(AX) = \operatorname{tr}(A\,\mathrm{d}X) = \sum_i A_{ii}\,"
             r"\mathrm{d}X_{ii}\ \text{for diagonal }\mathrm{d}X",
             lambda D: D(), lambda A, dX: np.trace(A @ dX), lambda A, dX: np.sum(np.diag(A) * np.diag(dX)),
             uses=["U00N", "2ZM7"]),
        Step(r"= \operatorname{tr}\left((A\circ I)^{\top}\mathrm{d}X\right) \;\Rightarrow\; "
             r"\frac{\partial \operatorname{tr}(AX)}{\partial X} = A\circ I\ \text{(diagonal, as it must be)}",
             lambda A, dX: np.sum(np.diag(A) * np.diag(dX)), lambda A, dX: np.sum(np.diag(np.diag(A)) * dX)),
    ],
    notes="Only the diagonal entries of X are free, and tr(AX) is the sum of A_ii X_ii (shown above), so the "
          "derivative keeps the diagonal of A. Here no entry is shared, so the partial derivatives by the "
          "free entries and the gradient on diagonal matrices coincide.",
    aliases=["derivative with respect to a diagonal matrix", "diagonal matrix gradient", "A Hadamard I"],
    symbolic=lambda A, X: sp.Trace(A * X),
)

# ---------------------------------------------------------------------------------------------
# Toeplitz (Cookbook 143–144)

Derivative(
    id="VXXJ",
    title="Derivative of tr(AT) by the diagonals of a Toeplitz matrix T",
    latex=r"\left[\alpha(A)\right]_{ij} = \frac{\partial \operatorname{tr}(AT)}{\partial t_{k}} = "
          r"\frac{\partial \operatorname{tr}(TA)}{\partial t_{k}} = \sum_{p-q=k} A_{qp},\quad k = i - j,\ "
          r"T_{pq} = t_{p-q}",
    variables={"A": Matrix("n", "n", "square"), "t": Vector("m")},
    symbols={"T": "the n × n Toeplitz matrix with entries T_pq = t_{p−q}",
             r"\alpha": "α(A), the Cookbook's n × n Toeplitz matrix of these derivatives",
             "i": "a row index", "j": "a column index", "k": "a diagonal offset, −(n−1) ≤ k ≤ n−1",
             "p": "a row index", "q": "a column index"},
    conditions="t has m = 2n − 1 entries t_{−(n−1)}, …, t_{n−1}, in that order, one per diagonal of T; "
               "the check draws it with that length.",
    prepare=_toeplitz_parameters,
    wrt="t",
    layout="denominator",
    f=lambda A, t: np.trace(A @ _toeplitz(t, len(A))),
    claimed=lambda A, t: np.array([np.trace(A, offset=k) for k in range(1 - len(A), len(A))]),
    also=[Formula(r"\frac{\partial \operatorname{tr}(TA)}{\partial t_{k}} = \sum_{p-q=k} A_{qp}",
                  lambda D: D(_trace_TA), lambda A, dt: _diagonal_sums(A) @ dt)],
    references=[cookbook(143, note="valid read as derivatives by the 2n − 1 diagonal parameters")],
    notes="Each entry of α(A) is the sum of one diagonal of Aᵀ: the main diagonal gives tr(A), the one "
          "above it the sum of the subdiagonal of A, and so on. The derivative is by the parameter "
          "t_k, which moves all n − |k| entries of its diagonal at once.",
    errata=[
        Erratum(cookbook(143),
                "The Cookbook gives α(A) as ∂tr(AT)/∂T without saying what differentiating by a Toeplitz T "
                "means. α(A) is right when entry (i, j) is read as the derivative by the parameter t_{i−j} of "
                "the diagonal through (i, j), which is what this entry checks. It is neither the unconstrained "
                "gradient Aᵀ nor the gradient on the space of Toeplitz matrices with the trace inner product, "
                "which divides each diagonal sum by the diagonal's length n − |i − j|."),
        Erratum(cookbook(143),
                "In the printed matrix the entries given for the second diagonals, Tr([[Aᵀ]_1n]_(n−1),2) at "
                "(1, 3) and Tr([[Aᵀ]_1n]_2,(n−1)) at (3, 1), do not evaluate to diagonal sums under the "
                "Cookbook's own submatrix notation ([A]_ij deletes row i and column j, §3.1.2): each mixes "
                "entries of two diagonals. Tr([[Aᵀ]_n1]_(n−1),1) and Tr([[Aᵀ]_1n]_1,(n−1)) are the sums "
                "meant. The prose description (each value is the sum of a diagonal of Aᵀ) is right. The check "
                "of the printed entries needs n of at least 3, where second diagonals exist.",
                printed=r"\left[\alpha(A)\right]_{13} = \operatorname{Tr}\left(\left[\left[A^{\top}\right]_{1n}"
                        r"\right]_{(n-1),2}\right),\quad \left[\alpha(A)\right]_{31} = \operatorname{Tr}\left("
                        r"\left[\left[A^{\top}\right]_{1n}\right]_{2,(n-1)}\right)",
                claimed=_alpha_as_printed, sizes=(3, 5)),
    ],
    aliases=["Toeplitz matrix derivative", "derivative with respect to a Toeplitz matrix",
             "sum along diagonals", "structured derivative Toeplitz"],
)

Derivative(
    id="2E2Z",
    title="Derivative of tr(AT) by the diagonals of a symmetric Toeplitz matrix T",
    latex=r"\left[\alpha(A) + \alpha(A)^{\top} - \alpha(A)\circ I\right]_{ij} = \frac{\partial \operatorname{tr}"
          r"(AT)}{\partial t_{k}} = \sum_{\lvert p-q\rvert = k} A_{qp},\quad k = \lvert i - j\rvert,\ "
          r"T_{pq} = t_{\lvert p-q\rvert}",
    variables={"A": Matrix("n", "n", "square"), "t": Vector("n")},
    symbols={"T": "the n × n symmetric Toeplitz matrix with entries T_pq = t_{|p−q|}",
             r"\alpha": "α(A), the Cookbook's matrix of eq. (143)", "i": "a row index", "j": "a column index",
             "k": "a diagonal offset, 0 ≤ k ≤ n−1", "p": "a row index", "q": "a column index"},
    conditions="t holds t_0, …, t_{n−1}: the main diagonal of T and the n − 1 diagonal pairs.",
    wrt="t",
    layout="denominator",
    f=lambda A, t: np.trace(A @ t[np.abs(np.subtract.outer(np.arange(len(A)), np.arange(len(A))))]),
    claimed=lambda A, t: np.array([np.trace(A)] + [np.trace(A, offset=k) + np.trace(A, offset=-k)
                                                   for k in range(1, len(A))]),
    also=[Formula(r"\alpha(A) + \alpha(A)^{\top} - \alpha(A)\circ I = \left[\sum_{\lvert p-q\rvert = "
                  r"\lvert i-j\rvert} A_{qp}\right]_{ij}",
                  lambda A: _alpha(A) + _alpha(A).T - np.diag(np.diag(_alpha(A))),
                  lambda A: _by_offset(_symmetric_toeplitz_sums(A), len(A)))],
    references=[cookbook(144, note="valid read as derivatives by the n diagonal parameters")],
    notes="A symmetric Toeplitz matrix has n parameters; t_k for k > 0 moves the diagonals k and −k "
          "together, so its derivative adds the two sums of α(A). That is the G + Gᵀ − G∘I pattern of the "
          "symmetric case, with α(A) in the role of G.",
    errata=[Erratum(cookbook(144),
                    "Like eq. (143), the printed ∂tr(AT)/∂T is right only as the derivatives by the parameters "
                    "t_k (entry (i, j) for the parameter t_{|i−j|}); it is not a gradient on the space of "
                    "symmetric Toeplitz matrices, which would divide each entry by the number of matrix entries "
                    "t_k occupies.")],
    aliases=["symmetric Toeplitz derivative", "derivative with respect to a symmetric Toeplitz matrix",
             "autocovariance matrix derivative"],
)
