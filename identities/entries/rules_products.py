"""Backpropagation rules: products, solves and norms.

Forward (JVP) and reverse (VJP) rules of the linear-algebra primitives built from products, inverses and
solves, and of the norms, each pair checked both ways: the forward rule against central differences, the
reverse rule against the forward one by the adjoint identity. Dots are tangents, bars cotangents (Giles 2008).
"""
import numpy as np

from identities import ADRule, Formula, Matrix, Step, Vector, ref


ADRule(
    id="0B7G",
    title="Forward and reverse rules of the inverse",
    primitive="inv",
    latex=r"Y = X^{-1}",
    variables={"X": Matrix("n", "n", "invertible")},
    wrt=("X",),
    outputs=("Y",),
    f=lambda X: np.linalg.inv(X),
    jvp=(r"\dot{Y} = -Y\dot{X}Y", lambda Y, dX: -Y @ dX @ Y),
    vjp=(r"\bar{X} = -Y^{\top}\bar{Y}Y^{\top}", lambda Y, Y_bar: -Y.T @ Y_bar @ Y.T),
    crosswalk={"pytorch": "torch.linalg.inv", "pytorch_derivative": "linalg_inv_ex: -at::matmul(inverse.mH(), at::matmul(grad, inverse.mH()))",
               "jax": "jax.numpy.linalg.inv"},
    derivation=[
        Step(r"X\dot{Y} = -\dot{X}Y \quad (\text{differentiate } XY = I)", lambda X, D: X @ D(),
             lambda Y, dX: -dX @ Y, uses=["8CQG"]),
        Step(r"\Rightarrow\; \dot{Y} = -Y\dot{X}Y", lambda D: D(), lambda Y, dX: -Y @ dX @ Y),
    ],
    also=[
        Formula(r"\langle \bar{Y}, \dot{Y}\rangle = -\operatorname{tr}(\bar{Y}^{\top}Y\dot{X}Y) "
                r"= \langle -Y^{\top}\bar{Y}Y^{\top}, \dot{X}\rangle",
                lambda Y, dX, Y_bar: np.sum(Y_bar * (-Y @ dX @ Y)),
                lambda Y, dX, Y_bar: np.sum((-Y.T @ Y_bar @ Y.T) * dX), uses=["GWJ1"]),
    ],
    notes="The reverse rule is the forward one transposed, by the cyclic property of the trace. Frameworks apply it with the conjugate transpose for complex inputs.",
    references=[ref("giles-2008", "matrix inverse")],
    related=["R26T", "9EGC", "7LTV"],
    aliases=["inverse backward", "backward of the matrix inverse", "vjp of inv", "jvp of inv",
             "derivative of the inverse, reverse mode"],
)


def _kron_blocks(K, A, B):
    """The cotangent of A ⊗ B cut into its m × n grid of p × q blocks: R[i, a, j, b] is entry (a, b)
    of block (i, j)."""
    (m, n), (p, q) = A.shape, B.shape
    return K.reshape(m, p, n, q)


ADRule(
    id="UDVY",
    title="Forward and reverse rules of the matrix product",
    primitive="matmul",
    latex=r"C = AB",
    variables={"A": Matrix("m", "k"), "B": Matrix("k", "n")},
    wrt=("A", "B"),
    outputs=("C",),
    f=lambda A, B: A @ B,
    jvp=(r"\dot{C} = \dot{A}B + A\dot{B}", lambda A, B, dA, dB: dA @ B + A @ dB),
    vjp=(r"\bar{A} = \bar{C}B^{\top}, \quad \bar{B} = A^{\top}\bar{C}",
         lambda A, B, C_bar: (C_bar @ B.T, A.T @ C_bar)),
    crosswalk={"pytorch": "torch.matmul (torch.mm for two matrices)",
               "pytorch_derivative": "mm: self: mm_mat1_backward(grad, mat2, ...), mat2: mm_mat2_backward(grad, self, ...), "
                                     "result: at::mm(self_t, mat2_p) + at::mm(self_p, mat2_t); matmul itself: "
                                     "self, other: matmul_backward(grad, self, other, grad_input_mask)",
               "jax": "jax.numpy.matmul (lowered to jax.lax.dot_general, whose transpose rule is the reverse rule)"},
    also=[
        Formula(r"\langle \bar{C}, \dot{C}\rangle = \operatorname{tr}(\bar{C}^{\top}\dot{A}B) + \operatorname{tr}(\bar{C}^{\top}A\dot{B}) "
                r"= \langle \bar{C}B^{\top}, \dot{A}\rangle + \langle A^{\top}\bar{C}, \dot{B}\rangle",
                lambda A, B, dA, dB, C_bar: np.trace(C_bar.T @ dA @ B) + np.trace(C_bar.T @ A @ dB),
                lambda A, B, dA, dB, C_bar: np.sum((C_bar @ B.T) * dA) + np.sum((A.T @ C_bar) * dB), uses=["GWJ1"]),
    ],
    notes="The rule every other one in this topic is built from: each cotangent is the output cotangent multiplied "
          "by the other factor, transposed, on the side where that factor stood. Frameworks use the conjugate "
          "transpose for complex inputs.",
    references=[ref("giles-2008", "multiplication")],
    related=["8CQG", "649T", "W8BD"],
    aliases=["matmul backward", "vjp of matmul", "jvp of matmul", "gradient of a matrix product",
             "backward of mm"],
)


ADRule(
    id="4CMJ",
    title="Forward and reverse rules of the determinant",
    primitive="det",
    latex=r"y = \det X",
    variables={"X": Matrix("n", "n", "invertible")},
    wrt=("X",),
    outputs=("y",),
    f=lambda X: np.linalg.det(X),
    jvp=(r"\dot{y} = y\operatorname{tr}(X^{-1}\dot{X})", lambda X, y, dX: y * np.trace(np.linalg.solve(X, dX))),
    vjp=(r"\bar{X} = \bar{y}\,y\,X^{-\top}", lambda X, y, y_bar: y_bar * y * np.linalg.inv(X).T),
    crosswalk={"pytorch": "torch.linalg.det",
               "pytorch_derivative": "_linalg_det: A: linalg_det_backward(grad, result, A, LU, pivots); "
                                     "result: linalg_det_jvp(A_t, result, LU, pivots, ...)",
               "jax": "jax.numpy.linalg.det (a custom JVP: the trace of a cofactor solve with the tangent, defined at singular matrices too)"},
    also=[
        Formula(r"\bar{y}\dot{y} = \bar{y}\,y\operatorname{tr}(X^{-1}\dot{X}) = \langle \bar{y}\,y\,X^{-\top}, \dot{X}\rangle",
                lambda X, y, dX, y_bar: y_bar * y * np.trace(np.linalg.inv(X) @ dX),
                lambda X, y, dX, y_bar: np.sum(y_bar * y * np.linalg.inv(X).T * dX), uses=["GWJ1"]),
    ],
    notes="Stated for an invertible matrix. At a singular matrix the determinant is still differentiable, with the "
          "transposed adjugate as its gradient, which this rule, written with the inverse, does not reach. The "
          "frameworks differ there: JAX's cofactor solve stays defined, while PyTorch (2.13, checked on a rank-two "
          "3 × 3 matrix) returns a zero gradient from its LU path in a plain backward pass and the adjugate only when "
          "it builds a graph for higher derivatives, where it goes through an SVD.",
    references=[ref("giles-2008", "determinant")],
    related=["S66Y", "2GCY", "MNXU"],
    aliases=["det backward", "vjp of det", "jvp of det", "gradient of the determinant, reverse mode",
             "determinant autodiff rule"],
)


ADRule(
    id="V56H",
    title="Forward and reverse rules of slogdet (sign and log-absolute-determinant)",
    primitive="slogdet",
    latex=r"(s, \ell) = \operatorname{slogdet}(X)",
    variables={"X": Matrix("n", "n", "invertible")},
    wrt=("X",),
    outputs=("s", "l"),
    output_tex={"l": r"\ell"},
    nondifferentiable=("s",),
    f=lambda X: tuple(np.linalg.slogdet(X)),
    jvp=(r"\dot{\ell} = \operatorname{tr}(X^{-1}\dot{X})", lambda X, dX: np.trace(np.linalg.solve(X, dX))),
    vjp=(r"\bar{X} = \bar{\ell}\,X^{-\top}", lambda X, l_bar: l_bar * np.linalg.inv(X).T),
    crosswalk={"pytorch": "torch.linalg.slogdet",
               "pytorch_derivative": "_linalg_slogdet: A: slogdet_backward(grad_sign, grad_logabsdet, A, sign, LU, pivots); "
                                     "sign, logabsdet: slogdet_jvp(LU, pivots, A_t, sign, ...)",
               "jax": "jax.numpy.linalg.slogdet"},
    notes="The sign is locally constant on invertible real matrices, so it has neither tangent nor cotangent; "
          "the log-absolute-determinant changes with the tangent as the trace of a solve, and its cotangent is the "
          "inverse transpose scaled by the output cotangent. For complex inputs PyTorch also differentiates the "
          "sign (a phase), which real matrices do not have.",
    references=[ref("giles-2008", "determinant", "through the logarithm: the determinant's rule divided by the determinant")],
    related=["J7P3", "BJCG", "4CMJ"],
    aliases=["slogdet backward", "vjp of slogdet", "log abs det gradient", "logdet backward",
             "jvp of slogdet"],
)


ADRule(
    id="ULRE",
    title="Forward and reverse rules of the linear solve",
    primitive="solve",
    latex=r"X = A^{-1}B",
    variables={"A": Matrix("n", "n", "invertible"), "B": Matrix("n", "k")},
    wrt=("A", "B"),
    outputs=("X",),
    f=lambda A, B: np.linalg.solve(A, B),
    jvp=(r"\dot{X} = A^{-1}(\dot{B} - \dot{A}X)", lambda A, X, dA, dB: np.linalg.solve(A, dB - dA @ X)),
    vjp=(r"\bar{B} = A^{-\top}\bar{X}, \quad \bar{A} = -\bar{B}X^{\top}",
         lambda A, X, X_bar: (lambda Bb: (-Bb @ X.T, Bb))(np.linalg.solve(A.T, X_bar))),
    crosswalk={"pytorch": "torch.linalg.solve",
               "pytorch_derivative": "_linalg_solve_ex: A, B: linalg_solve_backward(grad, result, A, LU, pivots, left, "
                                     "grad_input_mask[1]); result: linalg_solve_jvp(A_t, B_t, result, LU, pivots, left, ...)",
               "jax": "jax.numpy.linalg.solve (through jax.lax.custom_linear_solve, whose transpose solves with the transpose of A)"},
    derivation=[
        Step(r"A\dot{X} = \dot{B} - \dot{A}X \quad (\text{differentiate } AX = B)", lambda A, D: A @ D(),
             lambda X, dA, dB: dB - dA @ X, uses=["8CQG"]),
        Step(r"\Rightarrow\; \dot{X} = A^{-1}(\dot{B} - \dot{A}X)", lambda D: D(),
             lambda A, X, dA, dB: np.linalg.inv(A) @ (dB - dA @ X)),
    ],
    also=[
        Formula(r"\bar{A} = -A^{-\top}\bar{X}X^{\top}",
                lambda A, X, X_bar: -np.linalg.inv(A).T @ X_bar @ X.T,
                lambda A, X, X_bar: -np.linalg.solve(A.T, X_bar) @ X.T),
    ],
    notes="The reverse rule needs one solve with the transpose of A, reusing its factorisation; the cotangent of A "
          "is then minus the outer product of that solution with the solution X. This is how PyTorch and JAX compute "
          "it, never forming the inverse. A vector right-hand side is the case of one column.",
    references=[ref("giles-2008", "matrix inverse product")],
    related=["YF7A", "0B7G", "7GL3"],
    aliases=["solve backward", "vjp of solve", "jvp of linalg.solve", "gradient of a linear solve",
             "backward of A\\B"],
)


ADRule(
    id="WR9N",
    title="Forward and reverse rules of the triangular solve",
    primitive="solve_triangular",
    latex=r"X = L^{-1}B",
    variables={"L": Matrix("n", "n", "lower_triangular"), "B": Matrix("n", "k")},
    wrt=("L", "B"),
    outputs=("X",),
    f=lambda L, B: np.linalg.solve(L, B),
    jvp=(r"\dot{X} = L^{-1}(\dot{B} - \dot{L}X)", lambda L, X, dL, dB: np.linalg.solve(L, dB - dL @ X)),
    vjp=(r"\bar{B} = L^{-\top}\bar{X}, \quad \bar{L} = -\operatorname{tril}(\bar{B}X^{\top})",
         lambda L, X, X_bar: (lambda Bb: (np.tril(-Bb @ X.T), Bb))(np.linalg.solve(L.T, X_bar))),
    crosswalk={"pytorch": "torch.linalg.solve_triangular (upper=False)",
               "pytorch_derivative": "linalg_solve_triangular: self, B: linalg_solve_triangular_backward(grad, self, result, "
                                     "upper, left, unitriangular, grad_input_mask); result: "
                                     "linalg_solve_triangular_forward_AD(self_t, B_t, self_p, result, upper, left, unitriangular)",
               "jax": "jax.scipy.linalg.solve_triangular (lower=True), built on jax.lax.linalg.triangular_solve"},
    derivation=[
        Step(r"L\dot{X} = \dot{B} - \dot{L}X \quad (\text{differentiate } LX = B)", lambda L, D: L @ D(),
             lambda X, dL, dB: dB - dL @ X, uses=["8CQG"]),
        Step(r"\Rightarrow\; \dot{X} = L^{-1}(\dot{B} - \dot{L}X)", lambda D: D(),
             lambda L, X, dL, dB: np.linalg.inv(L) @ (dB - dL @ X)),
    ],
    symbols={r"\operatorname{tril}": "the lower triangle of a matrix, diagonal included"},
    notes="L is lower triangular, so its tangents are lower triangular and its cotangent is kept to the lower "
          "triangle: the full-matrix cotangent of the general solve, projected. A solver that reads only one "
          "triangle of its input sees nothing of the other, and PyTorch returns the cotangent projected the same way "
          "(the upper triangle when the input is upper triangular). The unit-triangular variant would also drop the diagonal.",
    references=[ref("giles-2008", "matrix inverse product", "restricted to a lower-triangular matrix, the cotangent projected on its lower triangle")],
    related=["ULRE", "YF7A", "ZLJX"],
    aliases=["solve_triangular backward", "vjp of triangular solve", "trsm backward",
             "gradient of forward substitution", "triangular_solve jvp"],
)


ADRule(
    id="FZDA",
    title="Forward and reverse rules of least squares (full column rank)",
    primitive="lstsq",
    latex=r"x = \arg\min_{x} \lVert Ax - b\rVert_2 = (A^{\top}A)^{-1}A^{\top}b",
    variables={"A": Matrix("m", "n", "full_column_rank"), "b": Vector("m")},
    wrt=("A", "b"),
    outputs=("x",),
    f=lambda A, b: np.linalg.lstsq(A, b, rcond=None)[0],
    jvp=(r"\dot{x} = (A^{\top}A)^{-1}\bigl(\dot{A}^{\top}r + A^{\top}(\dot{b} - \dot{A}x)\bigr)",
         lambda A, b, x, dA, db: np.linalg.solve(A.T @ A, dA.T @ (b - A @ x) + A.T @ (db - dA @ x))),
    vjp=(r"z = (A^{\top}A)^{-1}\bar{x}, \quad \bar{b} = Az, \quad \bar{A} = rz^{\top} - Azx^{\top}",
         lambda A, b, x, x_bar: (lambda z: (np.outer(b - A @ x, z) - np.outer(A @ z, x), A @ z))(
             np.linalg.solve(A.T @ A, x_bar))),
    symbols={"r": "the residual: b minus A times x",
             "z": "an auxiliary vector: the solve of the normal-equations matrix with the cotangent of x"},
    crosswalk={"pytorch": "torch.linalg.lstsq (the solution; b as a column, shape m × 1)",
               "pytorch_derivative": "linalg_lstsq: self, b: linalg_lstsq_backward(grads[0], grads[1], self, b, solution, "
                                     "grad_input_mask); solution: linalg_lstsq_solution_jvp(self_p, b_p, self_t, b_t)",
               "jax": "jax.numpy.linalg.lstsq (computed through an SVD and differentiated through it: no rule of its own)"},
    derivation=[
        Step(r"A^{\top}A\dot{x} = \dot{A}^{\top}r + A^{\top}(\dot{b} - \dot{A}x) \quad (\text{differentiate } A^{\top}Ax = A^{\top}b)",
             lambda A, D: A.T @ A @ D(), lambda A, b, x, dA, db: dA.T @ (b - A @ x) + A.T @ (db - dA @ x)),
        Step(r"\Rightarrow\; \dot{x} = (A^{\top}A)^{-1}\bigl(\dot{A}^{\top}r + A^{\top}(\dot{b} - \dot{A}x)\bigr)",
             lambda D: D(), lambda A, b, x, dA, db: np.linalg.inv(A.T @ A) @ (dA.T @ (b - A @ x) + A.T @ (db - dA @ x))),
    ],
    also=[
        Formula(r"\dot{x} = A^{+}(\dot{b} - \dot{A}x) + (A^{\top}A)^{-1}\dot{A}^{\top}r",
                lambda A, b, x, dA, db: np.linalg.pinv(A) @ (db - dA @ x) + np.linalg.solve(A.T @ A, dA.T @ (b - A @ x)),
                lambda D: D(), uses=["PN4V"]),
    ],
    notes="The term in the residual is what a rule for a square solve misses: it vanishes only when b lies in the "
          "range of A (here b is drawn independently of the tall A, so the residual is nonzero and the check sees that "
          "term). The reverse rule needs one solve with the normal-equations matrix (in practice through a QR "
          "factorisation of A rather than by forming that matrix). For a rank-deficient A the minimiser is not unique "
          "and the minimum-norm solution is differentiable only where the rank does not change.",
    sketch="Differentiate the normal equations and solve for the tangent; the reverse rule is its transpose, by the "
           "inner product of the output cotangent with the forward rule.",
    related=["PN4V", "MJ0W", "RRM8", "P36T"],
    references=[ref("golub-pereyra-1973", "the derivative of the pseudo-inverse, applied to the least-squares solution")],
    aliases=["lstsq backward", "vjp of least squares", "gradient of the least-squares solution",
             "jvp of lstsq", "backward of the normal equations"],
)


ADRule(
    id="P36T",
    title="Forward and reverse rules of the pseudo-inverse (full column rank)",
    primitive="pinv",
    latex=r"Y = A^{+} = (A^{\top}A)^{-1}A^{\top}",
    variables={"A": Matrix("m", "n", "full_column_rank")},
    wrt=("A",),
    outputs=("Y",),
    f=lambda A: np.linalg.pinv(A),
    jvp=(r"\dot{Y} = -Y\dot{A}Y + YY^{\top}\dot{A}^{\top}(I - AY)",
         lambda A, Y, dA: -Y @ dA @ Y + Y @ Y.T @ dA.T @ (np.eye(A.shape[0]) - A @ Y)),
    vjp=(r"\bar{A} = -Y^{\top}\bar{Y}Y^{\top} + (I - AY)\bar{Y}^{\top}YY^{\top}",
         lambda A, Y, Y_bar: -Y.T @ Y_bar @ Y.T + (np.eye(A.shape[0]) - A @ Y) @ Y_bar.T @ Y @ Y.T),
    crosswalk={"pytorch": "torch.linalg.pinv",
               "pytorch_derivative": "linalg_pinv.atol_rtol_tensor: self: pinv_backward(grad, result, self); "
                                     "result: pinv_jvp(self_p, result, self_t)",
               "jax": "jax.numpy.linalg.pinv (a custom JVP with the general three-term formula)"},
    also=[
        Formula(r"\dot{Y} = -Y\dot{A}Y + YY^{\top}\dot{A}^{\top}(I - AY) + (I - YA)\dot{A}^{\top}Y^{\top}Y "
                r"\quad (\text{the general form; its last term vanishes here})",
                lambda A, Y, dA: (-Y @ dA @ Y + Y @ Y.T @ dA.T @ (np.eye(A.shape[0]) - A @ Y)
                                  + (np.eye(A.shape[1]) - Y @ A) @ dA.T @ Y.T @ Y),
                lambda D: D()),
    ],
    notes="Written for full column rank (A tall): the pseudo-inverse is then a left inverse, so the general "
          "three-term rule loses its last term, the one that acts on the null space of A. The full-row-rank case is "
          "the transpose of this one. Where the rank changes the pseudo-inverse is not even continuous, so no rule "
          "holds there; frameworks apply the general formula with the rank their cut-off decides.",
    sketch="A left inverse of A: differentiate that property and the fact that the pseudo-inverse is the inverse of "
           "the normal-equations matrix times the transpose of A, then transpose each term for the reverse rule. The "
           "general rule, for any rank that does not change, is due to Golub and Pereyra (1973), whose three-term form "
           "JAX implements.",
    related=["PN4V", "4WP4", "0B7G", "FZDA"],
    references=[ref("golub-pereyra-1973", "the derivative of the pseudo-inverse")],
    aliases=["pinv backward", "vjp of pinv", "gradient of the pseudo-inverse", "jvp of pinv",
             "moore-penrose inverse backward"],
)


ADRule(
    id="6BFZ",
    title="Forward and reverse rules of the matrix cube (matrix power, k = 3)",
    primitive="matrix_power",
    latex=r"Y = X^{3}",
    variables={"X": Matrix("n", "n", "square")},
    wrt=("X",),
    outputs=("Y",),
    f=lambda X: np.linalg.matrix_power(X, 3),
    jvp=(r"\dot{Y} = \dot{X}X^{2} + X\dot{X}X + X^{2}\dot{X}",
         lambda X, dX: dX @ X @ X + X @ dX @ X + X @ X @ dX),
    vjp=(r"\bar{X} = \bar{Y}(X^{2})^{\top} + X^{\top}\bar{Y}X^{\top} + (X^{2})^{\top}\bar{Y}",
         lambda X, Y_bar: Y_bar @ (X @ X).T + X.T @ Y_bar @ X.T + (X @ X).T @ Y_bar),
    crosswalk={"pytorch": "torch.linalg.matrix_power (n=3)",
               "pytorch_derivative": "none: linalg_matrix_power has no derivatives.yaml entry; it is composite, "
                                     "computed by matrix products that autograd differentiates (mm)",
               "jax": "jax.numpy.linalg.matrix_power (n=3), by repeated squaring, differentiated through its products"},
    derivation=[
        Step(r"\dot{Y} = \dot{X}X^{2} + X\,\mathrm{d}(X^{2}) \quad (\text{product rule on } X \cdot X^{2})", lambda D: D(),
             lambda X, dX: dX @ X @ X + X @ (dX @ X + X @ dX), uses=["8CQG"]),
        Step(r"= \dot{X}X^{2} + X\dot{X}X + X^{2}\dot{X}", lambda D: D(),
             lambda X, dX: dX @ X @ X + X @ dX @ X + X @ X @ dX),
    ],
    notes="The exponent is fixed at three: the forward rule has one term for each place the tangent can take among "
          "the three factors, and the reverse rule transposes each term. Any fixed positive power works the same "
          "way, with as many terms as the exponent; a negative power goes through the inverse. Frameworks that "
          "compute powers by repeated squaring differentiate those products, which gives the same numbers.",
    sketch="The product rule applied to the three factors of the cube, then each term transposed for the reverse rule.",
    related=["Y8MB", "X44R", "UG3J", "DG8C", "UDVY"],
    aliases=["matrix_power backward", "vjp of matrix power", "gradient of X cubed", "jvp of matrix_power",
             "derivative of a matrix power, reverse mode"],
)


ADRule(
    id="D50Q",
    title="Forward and reverse rules of the trace",
    primitive="trace",
    latex=r"y = \operatorname{tr}X",
    variables={"X": Matrix("n", "n", "square")},
    wrt=("X",),
    outputs=("y",),
    f=lambda X: np.trace(X),
    jvp=(r"\dot{y} = \operatorname{tr}\dot{X}", lambda dX: np.einsum("ii->", dX)),
    vjp=(r"\bar{X} = \bar{y}I", lambda X, y_bar: y_bar * np.eye(X.shape[0])),
    crosswalk={"pytorch": "torch.trace",
               "pytorch_derivative": "trace: self: trace_backward_symint(grad, self.sym_sizes()); result: auto_linear",
               "jax": "jax.numpy.trace"},
    notes="The trace is linear, so its forward rule is the trace of the tangent; its reverse rule spreads the "
          "output cotangent over the diagonal and leaves the other entries zero.",
    sketch="Linear in X: the tangent of the trace is the trace of the tangent, and the cotangent is the identity "
           "scaled by the output cotangent, the matrix whose inner product with any tangent is its trace.",
    related=["U00N", "LL5K"],
    aliases=["trace backward", "vjp of trace", "gradient of the trace, reverse mode", "jvp of trace"],
)


ADRule(
    id="1UFY",
    title="Forward and reverse rules of the Kronecker product",
    primitive="kron",
    latex=r"K = A \otimes B",
    variables={"A": Matrix("m", "n"), "B": Matrix("p", "q")},
    wrt=("A", "B"),
    outputs=("K",),
    f=lambda A, B: np.kron(A, B),
    jvp=(r"\dot{K} = \dot{A} \otimes B + A \otimes \dot{B}", lambda A, B, dA, dB: np.kron(dA, B) + np.kron(A, dB)),
    vjp=(r"\bar{A}_{ij} = \langle \bar{K}_{[ij]}, B\rangle, \quad \bar{B} = \sum_{i,j} A_{ij}\bar{K}_{[ij]}",
         lambda A, B, K_bar: (np.einsum("iajb,ab->ij", _kron_blocks(K_bar, A, B), B),
                              np.einsum("iajb,ij->ab", _kron_blocks(K_bar, A, B), A))),
    symbols={"i": "the block-row index, 1 to m", "j": "the block-column index, 1 to n",
             r"\bar{K}_{[ij]}": "block (i, j) of the cotangent: its p × q submatrix in block row i and block column j"},
    crosswalk={"pytorch": "torch.kron",
               "pytorch_derivative": "none: kron has no derivatives.yaml entry; it is composite (a broadcast product "
                                     "of reshaped inputs) and autograd differentiates those operations",
               "jax": "jax.numpy.kron (a broadcast product of reshaped inputs, differentiated through it)"},
    notes="Block (i, j) of the product is entry (i, j) of A times B, so each entry of A collects the inner product "
          "of B with its block of the cotangent, and B collects the blocks weighted by the entries of A. The shapes "
          "of A and B are unrelated (here m × n and p × q), so a mix-up of the block grid shows.",
    sketch="The product is bilinear; in blocks it is the entries of A each times B, and the reverse rule pairs each "
           "block of the cotangent with what multiplied it.",
    related=["C9MB", "V59G", "JT78"],
    aliases=["kron backward", "vjp of kron", "gradient of the kronecker product", "jvp of kron",
             "tensor product backward"],
)


ADRule(
    id="GHGT",
    title="Forward and reverse rules of the cross product",
    primitive="cross",
    latex=r"c = a \times b",
    variables={"a": Vector(3), "b": Vector(3)},
    wrt=("a", "b"),
    outputs=("c",),
    f=lambda a, b: np.cross(a, b),
    jvp=(r"\dot{c} = \dot{a} \times b + a \times \dot{b}", lambda a, b, da, db: np.cross(da, b) + np.cross(a, db)),
    vjp=(r"\bar{a} = b \times \bar{c}, \quad \bar{b} = \bar{c} \times a",
         lambda a, b, c_bar: (np.cross(b, c_bar), np.cross(c_bar, a))),
    crosswalk={"pytorch": "torch.linalg.cross",
               "pytorch_derivative": "linalg_cross: self: at::linalg_cross(other.conj(), grad, dim); "
                                     "other: at::linalg_cross(grad, self.conj(), dim); result: "
                                     "at::linalg_cross(self_t, other_p, dim) + at::linalg_cross(self_p, other_t, dim)",
               "jax": "jax.numpy.cross (also jax.numpy.linalg.cross)"},
    also=[
        Formula(r"\langle \bar{c}, \dot{a} \times b\rangle + \langle \bar{c}, a \times \dot{b}\rangle "
                r"= \langle b \times \bar{c}, \dot{a}\rangle + \langle \bar{c} \times a, \dot{b}\rangle",
                lambda a, b, da, db, c_bar: c_bar @ np.cross(da, b) + c_bar @ np.cross(a, db),
                lambda a, b, da, db, c_bar: np.cross(b, c_bar) @ da + np.cross(c_bar, a) @ db),
    ],
    notes="The reverse rule is the forward one moved across the inner product by the cyclic symmetry of the scalar "
          "triple product; the order of the factors matters, since the cross product changes sign when they swap.",
    sketch="Bilinear, so the forward rule is the product rule; the scalar triple product is unchanged by a cyclic "
           "shift of its three vectors, which moves each tangent to the outside and gives the cotangents.",
    related=["UDVY"],
    aliases=["cross backward", "vjp of the cross product", "gradient of a cross b", "jvp of cross",
             "linalg.cross backward"],
)


ADRule(
    id="FKNU",
    title="Forward and reverse rules of the Frobenius norm",
    primitive="norm_fro",
    latex=r"y = \lVert X\rVert_F",
    variables={"X": Matrix("m", "n", "nonzero")},
    wrt=("X",),
    outputs=("y",),
    f=lambda X: np.linalg.norm(X, "fro"),
    jvp=(r"\dot{y} = \frac{\langle X, \dot{X}\rangle}{y}", lambda X, y, dX: np.sum(X * dX) / y),
    vjp=(r"\bar{X} = \frac{\bar{y}}{y}X", lambda X, y, y_bar: (y_bar / y) * X),
    symbols={"F": "marks the Frobenius norm (the square root of the sum of squared entries)"},
    crosswalk={"pytorch": "torch.linalg.matrix_norm (ord='fro'), or torch.linalg.norm",
               "pytorch_derivative": "none of its own: the Frobenius norm is computed by linalg_vector_norm over both "
                                     "dimensions, whose entry is linalg_vector_norm: self: linalg_vector_norm_backward(grad, "
                                     "self, ord, result, dim, keepdim); result: linalg_vector_norm_jvp(...)",
               "jax": "jax.numpy.linalg.norm (ord='fro'), or jax.numpy.linalg.matrix_norm"},
    derivation=[
        Step(r"2y\dot{y} = 2\langle X, \dot{X}\rangle \quad (\text{differentiate } y^{2} = \operatorname{tr}(X^{\top}X))",
             lambda y, D: 2 * y * D(), lambda X, dX: 2 * np.trace(X.T @ dX), uses=["Z88W"]),
        Step(r"\Rightarrow\; \dot{y} = \frac{\langle X, \dot{X}\rangle}{y}", lambda D: D(),
             lambda X, y, dX: np.trace(X.T @ dX) / y),
    ],
    notes="Defined for a nonzero matrix: at zero the norm has a kink and no derivative; frameworks return a zero "
          "cotangent there (a subgradient). The reverse rule is the matrix divided by its norm, scaled by the output "
          "cotangent.",
    references=[ref("giles-2008", "matrix norms")],
    related=["L6MJ", "Z443", "Z88W", "4KDS"],
    aliases=["frobenius norm backward", "vjp of norm fro", "gradient of the frobenius norm, reverse mode",
             "jvp of matrix norm", "matrix_norm fro backward"],
)


ADRule(
    id="4KDS",
    title="Forward and reverse rules of the Euclidean norm of a vector",
    primitive="vector_norm",
    latex=r"y = \lVert x\rVert_2",
    variables={"x": Vector("n", "nonzero")},
    wrt=("x",),
    outputs=("y",),
    f=lambda x: np.linalg.norm(x),
    jvp=(r"\dot{y} = \frac{x^{\top}\dot{x}}{y}", lambda x, y, dx: (x @ dx) / y),
    vjp=(r"\bar{x} = \frac{\bar{y}}{y}x", lambda x, y, y_bar: (y_bar / y) * x),
    crosswalk={"pytorch": "torch.linalg.vector_norm (ord=2)",
               "pytorch_derivative": "linalg_vector_norm: self: linalg_vector_norm_backward(grad, self, ord, result, dim, keepdim); "
                                     "result: linalg_vector_norm_jvp(self_p, self_t, ord, result, dim, keepdim)",
               "jax": "jax.numpy.linalg.vector_norm (ord=2), or jax.numpy.linalg.norm"},
    derivation=[
        Step(r"2y\dot{y} = 2x^{\top}\dot{x} \quad (\text{differentiate } y^{2} = x^{\top}x)", lambda y, D: 2 * y * D(),
             lambda x, dx: 2 * (x @ dx), uses=["FCZG"]),
        Step(r"\Rightarrow\; \dot{y} = \frac{x^{\top}\dot{x}}{y}", lambda D: D(), lambda x, y, dx: (x @ dx) / y),
    ],
    notes="Defined for a nonzero vector: at zero the norm has a kink, and PyTorch and JAX return a zero cotangent "
          "there. The cotangent is the unit vector along x scaled by the output cotangent.",
    sketch="Differentiate the square of the norm, the inner product of x with itself, and divide by twice the norm.",
    related=["PDTH", "8VK7", "FCZG", "EVED"],
    aliases=["norm backward", "vjp of vector norm", "gradient of the euclidean norm, reverse mode",
             "jvp of vector_norm", "l2 norm backward"],
)
