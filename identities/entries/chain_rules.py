"""Chain rules.

The single-variable, total-derivative and vector chain rules of Parr & Howard (2018), in their
numerator layout (Jacobians multiply from the output inwards), the same rule in denominator layout
with the factors reversed, and the matrix chain rules for a scalar function of AX or XA that
back-propagation through a linear layer uses.
"""
import numpy as np

from identities import Derivative, Differential, Erratum, Formula, Matrix, Scalar, Step, Vector, parr_howard, ref
from identities.symbolic import sp

# --------------------------------------------------------------------------------------------
# Scalar chain rules (§2, §4.5.1, §4.5.2)

Derivative(
    id="VJ2V",
    title="Chain rule: derivative of ln(x²)",
    latex=r"\frac{\mathrm{d}}{\mathrm{d}x}\ln(x^{2}) = \frac{\mathrm{d}\ln u}{\mathrm{d}u}\,\frac{\mathrm{d}u}{\mathrm{d}x} = \frac{1}{x^{2}}\,2x = \frac{2}{x},\quad u = x^{2}",
    variables={"x": Scalar("nonzero_entries")},
    symbols={"u": "the intermediate variable x²"},
    wrt="x",
    layout="numerator",
    f=lambda x: np.log(x**2),
    claimed=lambda x: 2.0 / x,
    notes="The derivative of a composition is the outer derivative, taken at the inner value, times the inner "
          "derivative. Valid for every x ≠ 0, negative x included.",
    derivation=[
        Step(r"\mathrm{d}\ln(x^{2}) = \frac{1}{x^{2}}\,\mathrm{d}(x^{2})",
             lambda D: D(), lambda x, D: D(lambda x: x**2) / x**2, uses=["X064"]),
        Step(r"= \frac{1}{x^{2}}\,2x\,\mathrm{d}x",
             lambda x, D: D(lambda x: x**2) / x**2, lambda x, dx: 2 * x * dx / x**2, uses=["48ZE"]),
        Step(r"= \frac{2}{x}\,\mathrm{d}x \;\Rightarrow\; \frac{\mathrm{d}}{\mathrm{d}x}\ln(x^{2}) = \frac{2}{x}",
             lambda x, dx: 2 * x * dx / x**2, lambda x, dx: 2.0 / x * dx),
    ],
    references=[parr_howard("2 Review: Scalar derivative rules")],
    aliases=["chain rule", "derivative of a composition", "derivative of ln x squared"],
    symbolic=lambda x: sp.log(x**2),
)

Derivative(
    id="AHJU",
    title="Single-variable chain rule: derivative of sin(x²)",
    latex=r"\frac{\mathrm{d}}{\mathrm{d}x}\sin(x^{2}) = \frac{\mathrm{d}y}{\mathrm{d}u}\,\frac{\mathrm{d}u}{\mathrm{d}x} = \cos(x^{2})\,2x,\quad u = x^{2},\ y = \sin u",
    variables={"x": Scalar()},
    symbols={"u": "the intermediate variable x²", "y": "the output sin u"},
    wrt="x",
    layout="numerator",
    f=lambda x: np.sin(x**2),
    claimed=lambda x: 2 * x * np.cos(x**2),
    notes="The single-variable chain rule (the product of dy/du and du/dx) applies when there is a single "
          "data-flow path from x to y.",
    derivation=[
        Step(r"\mathrm{d}y = \cos(u)\,\mathrm{d}u", lambda D: D(),
             lambda x, D: np.cos(x**2) * D(lambda x: x**2), uses=["UDCE"]),
        Step(r"= \cos(x^{2})\,2x\,\mathrm{d}x \;\Rightarrow\; \frac{\mathrm{d}}{\mathrm{d}x}\sin(x^{2}) = \cos(x^{2})\,2x",
             lambda x, D: np.cos(x**2) * D(lambda x: x**2), lambda x, dx: np.cos(x**2) * 2 * x * dx, uses=["48ZE"]),
    ],
    references=[parr_howard("4.5.1 Single-variable chain rule"), parr_howard("8.5 Chain rules")],
    aliases=["single-variable chain rule", "derivative of sin x squared", "nested function derivative"],
    symbolic=lambda x: sp.sin(x**2),
)

Derivative(
    id="LC0F",
    title="Chain rule through four intermediate variables: ln(sin(x³)²)",
    latex=r"\frac{\mathrm{d}}{\mathrm{d}x}\ln\left(\sin(x^{3})^{2}\right) = \frac{1}{u_3}\,2u_2\,\cos(u_1)\,3x^{2} = \frac{6x^{2}\cos(x^{3})}{\sin(x^{3})},\quad u_1 = x^{3},\ u_2 = \sin u_1,\ u_3 = u_2^{2}",
    variables={"x": Scalar("unit_interval")},
    symbols={"u_1": "the intermediate x³", "u_2": "the intermediate sin u₁", "u_3": "the intermediate u₂²"},
    wrt="x",
    layout="numerator",
    f=lambda x: np.log(np.sin(x**3) ** 2),
    claimed=lambda x: 6 * x**2 * np.cos(x**3) / np.sin(x**3),
    notes="A chain of four single-argument steps: the derivative is the product of the four step derivatives "
          "(du₄/du₃)(du₃/du₂)(du₂/du₁)(du₁/dx). It holds wherever sin(x³) ≠ 0; the check samples x in (0, 1).",
    derivation=[
        Step(r"\mathrm{d}\ln u_3 = \frac{\mathrm{d}u_3}{u_3}", lambda D: D(),
             lambda x, D: D(lambda x: np.sin(x**3) ** 2) / np.sin(x**3) ** 2, uses=["X064"]),
        Step(r"= \frac{2u_2\,\mathrm{d}u_2}{u_3}",
             lambda x, D: D(lambda x: np.sin(x**3) ** 2) / np.sin(x**3) ** 2,
             lambda x, D: 2 * np.sin(x**3) * D(lambda x: np.sin(x**3)) / np.sin(x**3) ** 2, uses=["48ZE"]),
        Step(r"= \frac{2u_2\cos(u_1)\,\mathrm{d}u_1}{u_3}",
             lambda x, D: 2 * np.sin(x**3) * D(lambda x: np.sin(x**3)) / np.sin(x**3) ** 2,
             lambda x, D: 2 * np.sin(x**3) * np.cos(x**3) * D(lambda x: x**3) / np.sin(x**3) ** 2, uses=["UDCE"]),
        Step(r"= \frac{2u_2\cos(u_1)\,3x^{2}\,\mathrm{d}x}{u_3}",
             lambda x, D: 2 * np.sin(x**3) * np.cos(x**3) * D(lambda x: x**3) / np.sin(x**3) ** 2,
             lambda x, dx: 2 * np.sin(x**3) * np.cos(x**3) * 3 * x**2 * dx / np.sin(x**3) ** 2, uses=["48ZE"]),
        Step(r"= \frac{6x^{2}\cos(x^{3})}{\sin(x^{3})}\,\mathrm{d}x",
             lambda x, dx: 2 * np.sin(x**3) * np.cos(x**3) * 3 * x**2 * dx / np.sin(x**3) ** 2,
             lambda x, dx: 6 * x**2 * np.cos(x**3) / np.sin(x**3) * dx),
    ],
    errata=[Erratum(parr_howard("4.5.1 Single-variable chain rule"),
                    "Parr & Howard's worked steps print the intermediate derivatives as d/x u₁, d/u₁ u₂, d/u₂ u₃, "
                    "d/u₃ u₄ (the d of each denominator is missing: du₁/dx, du₂/du₁, …); a slip of notation "
                    "only, the combined result 6x² cos(x³)/sin(x³) is right.")],
    references=[parr_howard("4.5.1 Single-variable chain rule", note="intermediate derivatives printed as d/x u₁ "
                            "for du₁/dx")],
    aliases=["chain rule with several intermediate variables", "nested chain rule", "derivative of log sin squared"],
    symbolic=lambda x: sp.log(sp.sin(x**3) ** 2),
)

Derivative(
    id="3PTL",
    title="Total-derivative chain rule: derivative of sin(x + x²)",
    latex=r"\frac{\mathrm{d}}{\mathrm{d}x}\sin(x + x^{2}) = \frac{\partial u_3}{\partial u_2}\left(\frac{\partial u_2}{\partial x} + \frac{\partial u_2}{\partial u_1}\frac{\mathrm{d}u_1}{\mathrm{d}x}\right) = \cos(x + x^{2})\,(1 + 2x),\quad u_1 = x^{2},\ u_2 = x + u_1,\ u_3 = \sin u_2",
    variables={"x": Scalar()},
    symbols={"u_1": "the intermediate x²", "u_2": "the intermediate x + u₁", "u_3": "the output sin u₂"},
    wrt="x",
    layout="numerator",
    f=lambda x: np.sin(x + x**2),
    claimed=lambda x: np.cos(x + x**2) * (1 + 2 * x),
    notes="u₂ depends on x twice, directly and through u₁, so its total derivative sums both paths: the "
          "partial derivative by x plus, for each intermediate, the partial by it times its derivative. Multiplying "
          "along one path only (the single-variable rule) would give cos(x + x²)·2x.",
    derivation=[
        Step(r"\mathrm{d}u_3 = \cos(u_2)\,\mathrm{d}u_2", lambda D: D(),
             lambda x, D: np.cos(x + x**2) * D(lambda x: x + x**2), uses=["UDCE"]),
        Step(r"= \cos(u_2)\,(\mathrm{d}x + \mathrm{d}u_1)",
             lambda x, D: np.cos(x + x**2) * D(lambda x: x + x**2),
             lambda x, dx, D: np.cos(x + x**2) * (dx + D(lambda x: x**2)), uses=["9K5K"]),
        Step(r"= \cos(x + x^{2})\,(1 + 2x)\,\mathrm{d}x",
             lambda x, dx, D: np.cos(x + x**2) * (dx + D(lambda x: x**2)),
             lambda x, dx: np.cos(x + x**2) * (1 + 2 * x) * dx, uses=["48ZE"]),
    ],
    references=[parr_howard("4.5.2 Single-variable total-derivative chain rule")],
    aliases=["total derivative chain rule", "multivariable chain rule", "derivative with several paths"],
    symbolic=lambda x: sp.sin(x + x**2),
)

Derivative(
    id="0LNJ",
    title="Total-derivative chain rule: derivative of x·x² without simplifying",
    latex=r"\frac{\mathrm{d}}{\mathrm{d}x}\left(x \cdot x^{2}\right) = \frac{\partial u_2}{\partial x} + \frac{\partial u_2}{\partial u_1}\frac{\mathrm{d}u_1}{\mathrm{d}x} = u_1 + x \cdot 2x = 3x^{2},\quad u_1 = x^{2},\ u_2 = x\,u_1",
    variables={"x": Scalar()},
    symbols={"u_1": "the intermediate x²", "u_2": "the output x u₁", "u_3": "x itself, renamed",
             "u": "the vector of intermediates (u₁, u₃)", "f": "a function of the intermediate variables",
             "n": "the number of intermediate variables"},
    wrt="x",
    layout="numerator",
    f=lambda x: x * x**2,
    claimed=lambda x: 3 * x**2,
    notes="The total-derivative rule still adds the contributions of the paths when the operator is a product: "
          "only the partials change. In vector form (Parr & Howard's final form, with x itself renamed u₃) it is "
          "a row times a column, shown below.",
    also=[Formula(r"\frac{\partial u_2}{\partial x} = \frac{\partial u_2}{\partial u}\frac{\partial u}{\partial x} "
                  r"= \begin{bmatrix} x & u_1 \end{bmatrix}\begin{bmatrix} 2x \\ 1 \end{bmatrix} = 3x^{2},\quad "
                  r"u = (u_1, u_3),\ u_3 = x",
                  lambda D, dx: D() / dx, lambda x: np.array([x, x**2]) @ np.array([2 * x, 1.0]),
                  lambda x: 3 * x**2)],
    derivation=[
        Step(r"\mathrm{d}(x\,u_1) = u_1\,\mathrm{d}x + x\,\mathrm{d}u_1", lambda D: D(),
             lambda x, dx, D: x**2 * dx + x * D(lambda x: x**2), uses=["8S7R"]),
        Step(r"= x^{2}\,\mathrm{d}x + x\,2x\,\mathrm{d}x = 3x^{2}\,\mathrm{d}x",
             lambda x, dx, D: x**2 * dx + x * D(lambda x: x**2), lambda x, dx: x**2 * dx + x * 2 * x * dx,
             lambda x, dx: 3 * x**2 * dx, uses=["48ZE"]),
    ],
    errata=[Erratum(parr_howard("8.5 Chain rules"),
                    "The summary table prints the single-variable total-derivative rule as the product of ∂f/∂u and "
                    "∂u/∂x. That is the §4.5.2 final form only when x itself is one of the u's (u_{n+1} is x); the "
                    "table does not say so. Read literally for u₂(x, u₁), the product x u₁, with u holding u₁ alone, "
                    "it gives (∂u₂/∂u₁)(du₁/dx), that is 2x² instead of 3x²: the direct term ∂u₂/∂x, which is u₁, "
                    "is lost.",
                    printed=r"\frac{\partial f(u_1, \ldots, u_n)}{\partial x} = \frac{\partial f}{\partial u}\,"
                            r"\frac{\partial u}{\partial x}",
                    claimed=lambda x: x * 2 * x)],
    references=[parr_howard("4.5.2 Single-variable total-derivative chain rule"),
                parr_howard("8.5 Chain rules", note="the table's form needs x among the intermediate variables "
                            "(u_{n+1} = x)")],
    aliases=["total derivative example", "x times x squared chain rule", "sum over paths derivative"],
    symbolic=lambda x: x * x**2,
)

# --------------------------------------------------------------------------------------------
# The vector chain rule (§4.5.3, summary §8.5)

Derivative(
    id="1R4L",
    title="Vector chain rule with a scalar input: (ln x², sin 3x)",
    latex=r"\frac{\partial}{\partial x}\begin{bmatrix} \ln(x^{2}) \\ \sin(3x) \end{bmatrix} = \frac{\partial f}{\partial g}\,\frac{\partial g}{\partial x} = \begin{bmatrix} \frac{1}{g_1} & 0 \\ 0 & \cos(g_2) \end{bmatrix}\begin{bmatrix} 2x \\ 3 \end{bmatrix} = \begin{bmatrix} \frac{2}{x} \\ 3\cos(3x) \end{bmatrix},\quad g = (x^{2}, 3x)",
    variables={"x": Scalar("nonzero_entries")},
    symbols={"f": "the outer function f(g) = (ln g₁, sin g₂)", "g": "the inner function g(x) = (x², 3x)",
             "g_1": "the first entry of g, x²", "g_2": "the second entry of g, 3x"},
    wrt="x",
    layout="numerator",
    f=lambda x: np.array([np.log(x**2), np.sin(3 * x)]),
    claimed=lambda x: np.array([2.0 / x, 3 * np.cos(3 * x)]),
    notes="The derivative of a vector by a scalar is a vertical vector: the 2 × 2 Jacobian ∂f/∂g times the "
          "2 × 1 ∂g/∂x.",
    derivation=[
        Step(r"\mathrm{d}f = \begin{bmatrix} \frac{1}{g_1} & 0 \\ 0 & \cos(g_2) \end{bmatrix}\mathrm{d}g",
             lambda D: D(),
             lambda x, D: np.array([1 / x**2, np.cos(3 * x)]) * D(lambda x: np.array([x**2, 3 * x])),
             uses=["X064", "UDCE"]),
        Step(r"= \begin{bmatrix} \frac{1}{g_1} & 0 \\ 0 & \cos(g_2) \end{bmatrix}\begin{bmatrix} 2x \\ 3 \end{bmatrix}\mathrm{d}x",
             lambda x, D: np.array([1 / x**2, np.cos(3 * x)]) * D(lambda x: np.array([x**2, 3 * x])),
             lambda x, dx: np.diag([1 / x**2, np.cos(3 * x)]) @ np.array([2 * x, 3.0]) * dx, uses=["48ZE"]),
        Step(r"= \begin{bmatrix} \frac{2}{x} \\ 3\cos(3x) \end{bmatrix}\mathrm{d}x",
             lambda x, dx: np.diag([1 / x**2, np.cos(3 * x)]) @ np.array([2 * x, 3.0]) * dx,
             lambda x, dx: np.array([2.0 / x, 3 * np.cos(3 * x)]) * dx),
    ],
    references=[parr_howard("4.5.3 Vector chain rule"), parr_howard("8.5 Chain rules")],
    aliases=["vector chain rule example", "derivative of vector function of scalar", "Jacobian times derivative"],
)

Derivative(
    id="VBL7",
    title="Vector chain rule: Jacobian of tanh(Ax)",
    latex=r"\frac{\partial}{\partial x}\tanh(Ax) = \frac{\partial \tanh(u)}{\partial u}\,\frac{\partial u}{\partial x} = \operatorname{diag}\left(1 - \tanh^{2}(Ax)\right)A,\quad u = Ax",
    variables={"A": Matrix("m", "n"), "x": Vector("n")},
    symbols={"u": "the intermediate vector Ax"},
    wrt="x",
    layout="numerator",
    f=lambda A, x: np.tanh(A @ x),
    claimed=lambda A, x: np.diag(1.0 / np.cosh(A @ x) ** 2) @ A,
    notes="The Jacobian of a composition is the outer Jacobian times the inner one: in numerator layout the "
          "Jacobians multiply from the output inwards, m × m times m × n. tanh acts entry-wise, so ∂f/∂g is diagonal; this is the Jacobian of a dense "
          "layer with tanh activation by its input.",
    references=[parr_howard("4.5.3 Vector chain rule"), parr_howard("8.5 Chain rules"),
                ref("wikipedia-matrix-calculus", "Vector-by-vector identities (chain rule)")],
    derivation=[
        Step(r"\mathrm{d}\tanh(u) = \left(1 - \tanh^{2}(u)\right) \circ \mathrm{d}u", lambda D: D(),
             lambda A, x, D: (1 - np.tanh(A @ x) ** 2) * D(lambda A, x: A @ x), uses=["0MJ8"]),
        Step(r"= \left(1 - \tanh^{2}(Ax)\right) \circ (A\,\mathrm{d}x)",
             lambda A, x, D: (1 - np.tanh(A @ x) ** 2) * D(lambda A, x: A @ x),
             lambda A, x, dx: (1 - np.tanh(A @ x) ** 2) * (A @ dx), uses=["2ZM7"]),
        Step(r"= \operatorname{diag}\left(1 - \tanh^{2}(Ax)\right)A\,\mathrm{d}x \;\Rightarrow\; "
             r"\frac{\partial}{\partial x}\tanh(Ax) = \operatorname{diag}\left(1 - \tanh^{2}(Ax)\right)A",
             lambda A, x, dx: (1 - np.tanh(A @ x) ** 2) * (A @ dx),
             lambda A, x, dx: np.diag(1 - np.tanh(A @ x) ** 2) @ A @ dx),
    ],
    aliases=["vector chain rule", "Jacobian of composition", "dense layer Jacobian", "chain rule for Jacobians"],
)

Derivative(
    id="P41P",
    title="Vector chain rule for element-wise functions: diagonal times diagonal",
    latex=r"\frac{\partial}{\partial x}\sin(x \circ x) = \operatorname{diag}\left(\cos(x \circ x)\right)\operatorname{diag}(2x) = \operatorname{diag}\left(2x \circ \cos(x \circ x)\right)",
    variables={"x": Vector("n")},
    wrt="x",
    layout="numerator",
    f=lambda x: np.sin(x * x),
    claimed=lambda x: np.diag(2 * x * np.cos(x * x)),
    notes="When f_i depends only on g_i and g_i only on x_i, both Jacobians are diagonal and the vector chain "
          "rule reduces to the single-variable chain rule on each entry: diag((∂f_i/∂g_i)(∂g_i/∂x_i)).",
    references=[parr_howard("4.5.3 Vector chain rule")],
    derivation=[
        Step(r"\mathrm{d}\sin(x \circ x) = \cos(x \circ x) \circ \mathrm{d}(x \circ x)", lambda D: D(),
             lambda x, D: np.cos(x * x) * D(lambda x: x * x), uses=["UDCE"]),
        Step(r"= \cos(x \circ x) \circ (\mathrm{d}x \circ x + x \circ \mathrm{d}x)",
             lambda x, D: np.cos(x * x) * D(lambda x: x * x), lambda x, dx: np.cos(x * x) * (dx * x + x * dx),
             uses=["E341"]),
        Step(r"= \operatorname{diag}\left(2x \circ \cos(x \circ x)\right)\mathrm{d}x",
             lambda x, dx: np.cos(x * x) * (dx * x + x * dx), lambda x, dx: np.diag(2 * x * np.cos(x * x)) @ dx),
    ],
    aliases=["elementwise chain rule", "composition of elementwise functions", "diagonal Jacobian chain rule"],
)

Derivative(
    id="DJD6",
    title="Vector chain rule in denominator layout: the factors reverse",
    latex=r"\frac{\partial y}{\partial x} = \frac{\partial u}{\partial x}\,\frac{\partial v}{\partial u}\,\frac{\partial y}{\partial v} = A^{\top}\operatorname{diag}\left(\cos(Ax)\right)B^{\top},\quad u = Ax,\ v = \sin(u),\ y = Bv",
    variables={"A": Matrix("k", "n"), "B": Matrix("m", "k"), "x": Vector("n")},
    symbols={"u": "the intermediate Ax", "v": "the intermediate sin(u), entry-wise", "y": "the output B sin(Ax)"},
    wrt="x",
    layout="denominator",
    f=lambda A, B, x: B @ np.sin(A @ x),
    claimed=lambda A, B, x: A.T @ np.diag(np.cos(A @ x)) @ B.T,
    other_layout=(r"\frac{\partial y}{\partial x} = \frac{\partial y}{\partial v}\,\frac{\partial v}{\partial u}\,\frac{\partial u}{\partial x} = B\operatorname{diag}\left(\cos(Ax)\right)A",
                  lambda A, B, x: B @ np.diag(np.cos(A @ x)) @ A),
    notes="In denominator layout each derivative is the transpose of the numerator-layout Jacobian, so the chain "
          "rule multiplies from the input outwards: n × k, k × k, k × m. Mixing the two conventions (numerator "
          "factors in denominator order) gives a product that is wrong or does not conform.",
    references=[ref("wikipedia-matrix-calculus", "Layout conventions; vector-by-vector identities (chain rule)"),
                parr_howard("4.5.3 Vector chain rule", note="numerator layout: ∂f/∂g ∂g/∂x")],
    derivation=[
        Step(r"\mathrm{d}y = B\,\mathrm{d}v", lambda D: D(),
             lambda A, B, x, D: B @ D(lambda A, x: np.sin(A @ x)), uses=["2ZM7"]),
        Step(r"= B\left(\cos(u) \circ \mathrm{d}u\right)",
             lambda A, B, x, D: B @ D(lambda A, x: np.sin(A @ x)),
             lambda A, B, x, D: B @ (np.cos(A @ x) * D(lambda A, x: A @ x)), uses=["UDCE"]),
        Step(r"= B\operatorname{diag}\left(\cos(Ax)\right)A\,\mathrm{d}x",
             lambda A, B, x, D: B @ (np.cos(A @ x) * D(lambda A, x: A @ x)),
             lambda A, B, x, dx: B @ np.diag(np.cos(A @ x)) @ A @ dx, uses=["2ZM7"]),
        Step(r"= \left(A^{\top}\operatorname{diag}\left(\cos(Ax)\right)B^{\top}\right)^{\top}\mathrm{d}x "
             r"\;\Rightarrow\; \frac{\partial y}{\partial x} = A^{\top}\operatorname{diag}\left(\cos(Ax)\right)B^{\top}",
             lambda A, B, x, dx: B @ np.diag(np.cos(A @ x)) @ A @ dx,
             lambda A, B, x, dx: (A.T @ np.diag(np.cos(A @ x)) @ B.T).T @ dx, uses=["TBSX"]),
    ],
    aliases=["chain rule denominator layout", "reversed chain rule order", "backpropagation order of Jacobians"],
)

# --------------------------------------------------------------------------------------------
# Matrix chain rules: a scalar function of a matrix product

Derivative(
    id="DWUS",
    title="Chain rule for a scalar function of AX",
    latex=r"\frac{\partial f(AX)}{\partial X} = A^{\top}G = A^{\top}\left(1 - \tanh^{2}(AX)\right),\quad G = \frac{\partial f}{\partial Y}\Big|_{Y = AX},\ f(Y) = \operatorname{sum}(\tanh Y)",
    variables={"A": Matrix("p", "m"), "X": Matrix("m", "n")},
    symbols={"f": "a scalar function of a matrix; here the sum of tanh of the entries",
             "G": "the gradient of f at Y = AX, shaped like Y", "Y": "the argument of f"},
    wrt="X",
    layout="denominator",
    f=lambda A, X: np.sum(np.tanh(A @ X)),
    claimed=lambda A, X: A.T @ (1.0 / np.cosh(A @ X) ** 2),
    other_layout=(r"\frac{\partial f(AX)}{\partial X} = G^{\top}A", lambda A, X: (1.0 / np.cosh(A @ X) ** 2).T @ A),
    differential=(r"\mathrm{d}f = \operatorname{tr}\left(G^{\top}A\,\mathrm{d}X\right)",
                  lambda A, X, dX: np.trace((1.0 / np.cosh(A @ X) ** 2).T @ A @ dX)),
    derivation=[
        Step(r"\mathrm{d}f = \operatorname{tr}\left(G^{\top}\mathrm{d}Y\right)", lambda D: D(),
             lambda A, X, D: np.sum((1.0 / np.cosh(A @ X) ** 2) * D(lambda A, X: A @ X)), uses=["0MJ8"]),
        Step(r"= \operatorname{tr}\left(G^{\top}A\,\mathrm{d}X\right)",
             lambda A, X, D: np.sum((1.0 / np.cosh(A @ X) ** 2) * D(lambda A, X: A @ X)),
             lambda A, X, dX: np.trace((1.0 / np.cosh(A @ X) ** 2).T @ A @ dX), uses=["2ZM7"]),
        Step(r"= \operatorname{tr}\left((A^{\top}G)^{\top}\mathrm{d}X\right) \;\Rightarrow\; "
             r"\frac{\partial f(AX)}{\partial X} = A^{\top}G",
             lambda A, X, dX: np.trace((1.0 / np.cosh(A @ X) ** 2).T @ A @ dX),
             lambda A, X, dX: np.sum((A.T @ (1.0 / np.cosh(A @ X) ** 2)) * dX), uses=["TBSX"]),
    ],
    notes="The rule holds for any differentiable scalar f, with G the gradient of f at AX (shaped like AX). "
          "The factor A moves to the left, transposed, which is the backward pass of the product AX. tanh and the square "
          "act entry-wise here. Compare the right-hand product XA, where it is GAᵀ.",
    references=[ref("matrix-cookbook-2012", "§2.8.1 The chain rule"),
                ref("giles-2008", "matrix product, reverse mode: for C = AB, Ā = C̄Bᵀ and B̄ = AᵀC̄")],
    aliases=["matrix chain rule", "gradient through matrix product", "backprop through AX", "A transpose G"],
)

Derivative(
    id="SHPZ",
    title="Chain rule for a scalar function of XA: least squares",
    latex=r"\frac{\partial f(XA)}{\partial X} = G A^{\top} = (XA - B)A^{\top},\quad G = \frac{\partial f}{\partial Y}\Big|_{Y = XA},\ f(Y) = \tfrac{1}{2}\lVert Y - B\rVert_{\mathrm{F}}^{2}",
    variables={"X": Matrix("m", "n"), "A": Matrix("n", "p"), "B": Matrix("m", "p")},
    symbols={"f": "a scalar function of a matrix; here half the squared Frobenius distance to B",
             "G": "the gradient of f at Y = XA, shaped like Y", "Y": "the argument of f"},
    wrt="X",
    layout="denominator",
    f=lambda X, A, B: 0.5 * np.sum((X @ A - B) ** 2),
    claimed=lambda X, A, B: (X @ A - B) @ A.T,
    other_layout=(r"\frac{\partial f(XA)}{\partial X} = A\,G^{\top}", lambda X, A, B: A @ (X @ A - B).T),
    differential=(r"\mathrm{d}f = \operatorname{tr}\left(G^{\top}\mathrm{d}X\,A\right)",
                  lambda X, A, B, dX: np.trace((X @ A - B).T @ dX @ A)),
    derivation=[
        Step(r"\mathrm{d}f = \operatorname{tr}\left(G^{\top}\mathrm{d}Y\right),\quad G = Y - B", lambda D: D(),
             lambda X, A, B, D: np.sum((X @ A - B) * D(lambda X, A: X @ A)), uses=["Z88W"]),
        Step(r"= \operatorname{tr}\left(G^{\top}\mathrm{d}X\,A\right)",
             lambda X, A, B, D: np.sum((X @ A - B) * D(lambda X, A: X @ A)),
             lambda X, A, B, dX: np.trace((X @ A - B).T @ dX @ A), uses=["2ZM7"]),
        Step(r"= \operatorname{tr}\left(AG^{\top}\mathrm{d}X\right) = \operatorname{tr}\left((GA^{\top})^{\top}\mathrm{d}X\right) "
             r"\;\Rightarrow\; \frac{\partial f(XA)}{\partial X} = GA^{\top}",
             lambda X, A, B, dX: np.trace((X @ A - B).T @ dX @ A),
             lambda X, A, B, dX: np.trace(A @ (X @ A - B).T @ dX),
             lambda X, A, B, dX: np.sum(((X @ A - B) @ A.T) * dX), uses=["GWJ1"]),
    ],
    notes="The rule holds for any differentiable scalar f, with G the gradient of f at XA. The factor A moves to "
          "the right, transposed. Compare AX, where it is AᵀG; swapping the two is a common mistake that a "
          "square A can hide.",
    references=[ref("matrix-cookbook-2012", "§2.8.1 The chain rule"),
                ref("giles-2008", "matrix product, reverse mode: for C = AB, Ā = C̄Bᵀ and B̄ = AᵀC̄")],
    aliases=["matrix chain rule right multiplication", "least squares gradient XA - B", "backprop through XA",
             "G A transpose"],
    symbolic=lambda X, A, B: sp.Trace((X * A - B).T * (X * A - B)) / 2,
)

Differential(
    id="ZXY5",
    title="Differential of a scalar function of a matrix product XW",
    latex=r"\mathrm{d}f(XW) = \operatorname{tr}\left(G^{\top}(\mathrm{d}X\,W + X\,\mathrm{d}W)\right),\quad G = 1 - \tanh^{2}(XW),\ f(Y) = \operatorname{sum}(\tanh Y)",
    variables={"X": Matrix("m", "k"), "W": Matrix("k", "n")},
    symbols={"f": "a scalar function of a matrix; here the sum of tanh of the entries",
             "G": "the gradient ∂f/∂Y at Y = XW, shaped like Y", "Y": "the argument of f"},
    wrt=("X", "W"),
    f=lambda X, W: np.sum(np.tanh(X @ W)),
    df=lambda X, W, dX, dW: np.trace((1.0 / np.cosh(X @ W) ** 2).T @ (dX @ W + X @ dW)),
    notes="The chain rule through Y combined with the product rule for XW. Reading off the coefficients of dX "
          "and dW (the formula below) gives both gradients of a linear layer at once: GWᵀ, the gradient passed to "
          "the layer's input (entry DWWL), and XᵀG, the weight gradient (entry NLTF).",
    derivation=[
        Step(r"\mathrm{d}f = \operatorname{tr}\left(G^{\top}\mathrm{d}Y\right)", lambda D: D(),
             lambda X, W, D: np.sum((1.0 / np.cosh(X @ W) ** 2) * D(lambda X, W: X @ W)), uses=["0MJ8"]),
        Step(r"= \operatorname{tr}\left(G^{\top}(\mathrm{d}X\,W + X\,\mathrm{d}W)\right)",
             lambda X, W, D: np.sum((1.0 / np.cosh(X @ W) ** 2) * D(lambda X, W: X @ W)),
             lambda X, W, dX, dW: np.trace((1.0 / np.cosh(X @ W) ** 2).T @ (dX @ W + X @ dW)), uses=["8CQG"]),
    ],
    also=[Formula(r"\operatorname{tr}\left(G^{\top}(\mathrm{d}X\,W + X\,\mathrm{d}W)\right) = "
                  r"\operatorname{tr}\left((GW^{\top})^{\top}\mathrm{d}X\right) + "
                  r"\operatorname{tr}\left((X^{\top}G)^{\top}\mathrm{d}W\right)",
                  lambda X, W, dX, dW: np.trace((1.0 / np.cosh(X @ W) ** 2).T @ (dX @ W + X @ dW)),
                  lambda X, W, dX, dW: np.sum(((1.0 / np.cosh(X @ W) ** 2) @ W.T) * dX)
                  + np.sum((X.T @ (1.0 / np.cosh(X @ W) ** 2)) * dW), uses=["GWJ1"])],
    references=[ref("matrix-cookbook-2012", "§2.8.1 The chain rule"),
                ref("giles-2008", "matrix product, reverse mode: for C = AB, Ā = C̄Bᵀ and B̄ = AᵀC̄"),
                ref("magnus-neudecker-2019", "first identification theorem (differential to gradient)")],
    aliases=["linear layer backward pass", "differential of matrix product chain rule", "weight gradient X^T G",
             "input gradient G W^T"],
    related=["NLTF", "DWWL"],
)
