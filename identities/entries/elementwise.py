"""Element-wise operations.

The scalar derivative rules, gradients and Jacobians, and the Jacobians of element-wise binary
operators, scalar expansion, sum reductions and element-wise functions, as Parr & Howard (2018)
present them: in numerator layout, where the rows of a Jacobian are the outputs and the gradient
of a scalar by a vector is a row vector (a 1 × n matrix here).
"""
import numpy as np

from identities import Derivative, Erratum, Formula, Matrix, Scalar, Step, Vector, cookbook, parr_howard, ref
from identities.entries import sigmoid
from identities.symbolic import sp


# Functions whose differentials the derivations take with D(...): defined once, so that each is one
# function object for the verifier's cache (a lambda made afresh inside a side could reuse the id of
# one already collected).
def _c(c):
    return c


def _cube(x):
    return x**3


def _square(x):
    return x**2


def _three_x(x):
    return 3 * x


def _sin(x):
    return np.sin(x)


def _sinh(x):
    return np.sinh(x)


def _cosh(x):
    return np.cosh(x)


def _square_times_x(x):
    return x**2 * x


def _Ax(A, x):
    return A @ x


def _Bx(B, x):
    return B @ x


def _w_times_x(w, x):
    return w * x


def _sin_w(w):
    return np.sin(w)


def _x_const(x):
    return x


def _w_const(w):
    return w


def _c_z(z):
    return z


def _reciprocal_x(x):
    return 1.0 / x


def _reciprocal_z(z):
    return 1.0 / z


def _one_plus_exp(x):
    return 1.0 + np.exp(x)


def _printed_82(w, x):
    """Parr & Howard's §8.2 summary as printed, with f the sine and g the exponential: its second row
    reads f_n(w) ○ g_2(x)."""
    y = np.sin(w) * np.exp(x)
    y[1] = np.sin(w[-1]) * np.exp(x[1])
    return y


def _ones_row(n):
    return np.ones((1, n))


# --------------------------------------------------------------------------------------------
# Scalar derivative rules (Parr & Howard §2)

Derivative(
    id="D6PW",
    title="Constant rule: a constant term has zero derivative",
    latex=r"\frac{\mathrm{d}}{\mathrm{d}x}\left(x^{3} + c\right) = 3x^{2} + \frac{\mathrm{d}c}{\mathrm{d}x} = 3x^{2}",
    variables={"x": Scalar(), "c": Scalar()},
    wrt="x",
    layout="numerator",
    f=lambda x, c: x**3 + c,
    claimed=lambda x, c: 3 * x**2,
    also=[
        Formula(r"\frac{\mathrm{d}}{\mathrm{d}x}\left(x^{3} + c\right) = 3x^{2} + \frac{\mathrm{d}c}{\mathrm{d}x}",
                lambda D: D(), lambda x, dx, D: 3 * x**2 * dx + D(_c)),
    ],
    derivation=[
        Step(r"\mathrm{d}\left(x^{3} + c\right) = \mathrm{d}\left(x^{3}\right) + \mathrm{d}c = \mathrm{d}\left(x^{3}\right)",
             lambda D: D(), lambda D: D(_cube) + D(_c), lambda D: D(_cube), uses=["9K5K", "6Q8H"]),
        Step(r"= 3x^{2}\,\mathrm{d}x \;\Rightarrow\; \frac{\mathrm{d}}{\mathrm{d}x}\left(x^{3} + c\right) = 3x^{2}",
             lambda D: D(_cube), lambda x, dx: 3 * x**2 * dx, uses=["48ZE"]),
    ],
    notes="The rule that a constant has zero derivative has, on its own, a zero claim, which no wrong answer "
          "could fail to match; it is checked where it matters, as a constant c added to a function (x³ here): "
          "whatever c is, the derivative does not change. Parr & Howard's example is the constant 99, whose "
          "derivative is zero.",
    references=[parr_howard("2 Review: Scalar derivative rules")],
    aliases=["constant rule", "derivative of a constant", "constant term vanishes"],
)

Derivative(
    id="48ZE",
    title="Power rule",
    latex=r"\frac{\mathrm{d}}{\mathrm{d}x}x^{n} = n\,x^{n-1}",
    variables={"x": Scalar("positive"), "n": Scalar(description="a real exponent, fixed")},
    wrt="x",
    layout="numerator",
    f=lambda x, n: x**n,
    claimed=lambda x, n: n * x ** (n - 1),
    also=[
        Formula(r"\frac{\mathrm{d}}{\mathrm{d}x}x^{3} = 3x^{2}", lambda D: D(_cube), lambda x, dx: 3 * x**2 * dx),
    ],
    notes="Checked for real exponents n and x > 0, where x^n is defined; for an integer n it holds for every "
          "x ≠ 0 (every x when n ≥ 1). Parr & Howard's example is x³, shown beside the rule.",
    references=[parr_howard("2 Review: Scalar derivative rules")],
    aliases=["power rule", "derivative of x^n", "d/dx x to the n"],
    symbolic=lambda x, n: x**n,
)

Derivative(
    id="DNPD",
    title="Multiplication by a constant",
    latex=r"\frac{\mathrm{d}}{\mathrm{d}x}\left(c\sin x\right) = c\,\frac{\mathrm{d}\sin x}{\mathrm{d}x} = c\cos x",
    variables={"x": Scalar(), "c": Scalar()},
    wrt="x",
    layout="numerator",
    f=lambda x, c: c * np.sin(x),
    claimed=lambda x, c: c * np.cos(x),
    also=[
        Formula(r"\frac{\mathrm{d}}{\mathrm{d}x}\left(c\sin x\right) = c\,\frac{\mathrm{d}\sin x}{\mathrm{d}x}",
                lambda D: D(), lambda c, D: c * D(_sin)),
        Formula(r"\frac{\mathrm{d}}{\mathrm{d}x}(3x) = 3", lambda D: D(_three_x), lambda dx: 3 * dx),
    ],
    derivation=[
        Step(r"\mathrm{d}\left(c\sin x\right) = c\,\mathrm{d}\sin x", lambda D: D(), lambda c, D: c * D(_sin),
             uses=["XLL8"]),
        Step(r"= c\cos x\,\mathrm{d}x \;\Rightarrow\; \frac{\mathrm{d}}{\mathrm{d}x}\left(c\sin x\right) = c\cos x",
             lambda c, D: D(_sin) * c, lambda x, c, dx: c * np.cos(x) * dx, uses=["UDCE"]),
    ],
    notes="A constant factor moves outside the derivative, shown with the sine. Parr & Howard's example is 3x, "
          "shown beside the rule.",
    references=[parr_howard("2 Review: Scalar derivative rules")],
    aliases=["constant multiple rule", "constant factor rule", "pull out constant derivative"],
    symbolic=lambda x, c: c * sp.sin(x),
)

Derivative(
    id="MRLS",
    title="Sum rule",
    latex=r"\frac{\mathrm{d}}{\mathrm{d}x}\left(x^{2} + 3x\right) = \frac{\mathrm{d}x^{2}}{\mathrm{d}x} + \frac{\mathrm{d}(3x)}{\mathrm{d}x} = 2x + 3",
    variables={"x": Scalar()},
    wrt="x",
    layout="numerator",
    f=lambda x: x**2 + 3 * x,
    claimed=lambda x: 2 * x + 3,
    also=[
        Formula(r"\frac{\mathrm{d}}{\mathrm{d}x}\left(x^{2} + 3x\right) = \frac{\mathrm{d}x^{2}}{\mathrm{d}x} + \frac{\mathrm{d}(3x)}{\mathrm{d}x}",
                lambda D: D(), lambda D: D(_square) + D(_three_x)),
    ],
    derivation=[
        Step(r"\mathrm{d}\left(x^{2} + 3x\right) = \mathrm{d}\left(x^{2}\right) + 3\,\mathrm{d}x",
             lambda D: D(), lambda D, dx: D(_square) + 3 * dx, uses=["9K5K", "XLL8"]),
        Step(r"= (2x + 3)\,\mathrm{d}x \;\Rightarrow\; \frac{\mathrm{d}}{\mathrm{d}x}\left(x^{2} + 3x\right) = 2x + 3",
             lambda D, dx: 3 * dx + D(_square), lambda x, dx: (2 * x + 3) * dx, uses=["48ZE"]),
    ],
    notes="The derivative of a sum is the sum of the derivatives, on Parr & Howard's example.",
    references=[parr_howard("2 Review: Scalar derivative rules")],
    aliases=["sum rule", "derivative of a sum", "linearity of the derivative"],
    symbolic=lambda x: x**2 + 3 * x,
)

Derivative(
    id="NQY5",
    title="Difference rule",
    latex=r"\frac{\mathrm{d}}{\mathrm{d}x}\left(x^{2} - 3x\right) = \frac{\mathrm{d}x^{2}}{\mathrm{d}x} - \frac{\mathrm{d}(3x)}{\mathrm{d}x} = 2x - 3",
    variables={"x": Scalar()},
    wrt="x",
    layout="numerator",
    f=lambda x: x**2 - 3 * x,
    claimed=lambda x: 2 * x - 3,
    also=[
        Formula(r"\frac{\mathrm{d}}{\mathrm{d}x}\left(x^{2} - 3x\right) = \frac{\mathrm{d}x^{2}}{\mathrm{d}x} - \frac{\mathrm{d}(3x)}{\mathrm{d}x}",
                lambda D: D(), lambda D: D(_square) - D(_three_x)),
    ],
    derivation=[
        Step(r"\mathrm{d}\left(x^{2} - 3x\right) = \mathrm{d}\left(x^{2}\right) - 3\,\mathrm{d}x",
             lambda D: D(), lambda D, dx: D(_square) - 3 * dx, uses=["9K5K", "XLL8"]),
        Step(r"= (2x - 3)\,\mathrm{d}x \;\Rightarrow\; \frac{\mathrm{d}}{\mathrm{d}x}\left(x^{2} - 3x\right) = 2x - 3",
             lambda D, dx: -3 * dx + D(_square), lambda x, dx: (2 * x - 3) * dx, uses=["48ZE"]),
    ],
    notes="The derivative of a difference is the difference of the derivatives, on Parr & Howard's example.",
    references=[parr_howard("2 Review: Scalar derivative rules")],
    aliases=["difference rule", "derivative of a difference", "subtraction rule"],
    symbolic=lambda x: x**2 - 3 * x,
)

Derivative(
    id="K7LH",
    title="Product rule",
    latex=r"\frac{\mathrm{d}}{\mathrm{d}x}\left(x^{2}\sin x\right) = x^{2}\,\frac{\mathrm{d}\sin x}{\mathrm{d}x} + \frac{\mathrm{d}x^{2}}{\mathrm{d}x}\,\sin x = x^{2}\cos x + 2x\sin x",
    variables={"x": Scalar()},
    wrt="x",
    layout="numerator",
    f=lambda x: x**2 * np.sin(x),
    claimed=lambda x: x**2 * np.cos(x) + 2 * x * np.sin(x),
    also=[
        Formula(r"\frac{\mathrm{d}}{\mathrm{d}x}\left(x^{2}\sin x\right) = x^{2}\,\frac{\mathrm{d}\sin x}{\mathrm{d}x} + \frac{\mathrm{d}x^{2}}{\mathrm{d}x}\,\sin x",
                lambda D: D(), lambda x, D: x**2 * D(_sin) + D(_square) * np.sin(x)),
        Formula(r"\frac{\mathrm{d}}{\mathrm{d}x}\left(x^{2}x\right) = x^{2} + x \cdot 2x = 3x^{2}",
                lambda D: D(_square_times_x), lambda x, dx: (x**2 + x * 2 * x) * dx, lambda x, dx: 3 * x**2 * dx),
    ],
    derivation=[
        Step(r"\mathrm{d}\left(x^{2}\sin x\right) = x^{2}\,\mathrm{d}\sin x + \left(\mathrm{d}x^{2}\right)\sin x",
             lambda D: D(), lambda x, D: x**2 * D(_sin) + D(_square) * np.sin(x), uses=["8S7R"]),
        Step(r"= \left(x^{2}\cos x + 2x\sin x\right)\mathrm{d}x \;\Rightarrow\; \frac{\mathrm{d}}{\mathrm{d}x}\left(x^{2}\sin x\right) = x^{2}\cos x + 2x\sin x",
             lambda x, D: np.sin(x) * D(_square) + D(_sin) * x**2,
             lambda x, dx: (x**2 * np.cos(x) + 2 * x * np.sin(x)) * dx, uses=["UDCE", "48ZE"]),
    ],
    notes="The derivative of a product: each factor times the derivative of the other. Parr & Howard's example, "
          "x²x, collapses to the power rule (shown beside the rule), so two different factors are used here.",
    references=[parr_howard("2 Review: Scalar derivative rules")],
    aliases=["product rule", "Leibniz rule", "derivative of a product"],
    symbolic=lambda x: x**2 * sp.sin(x),
)

# --------------------------------------------------------------------------------------------
# Gradients and Jacobians (§3, §4, §4.1)

Derivative(
    id="NY7C",
    title="Gradient of 3x²y (a worked example)",
    latex=r"\nabla f(x, y) = \begin{bmatrix} \frac{\partial f}{\partial x} & \frac{\partial f}{\partial y} \end{bmatrix} = \begin{bmatrix} 6xy & 3x^{2} \end{bmatrix},\quad f(x, y) = 3x^{2}y,\ v = (x, y)",
    variables={"v": Vector(2, description="the two arguments (x, y) as one vector")},
    symbols={"f": "the function f(x, y) = 3x²y", "x": "the first entry of v", "y": "the second entry of v"},
    wrt="v",
    layout="numerator",
    f=lambda v: 3 * v[0] ** 2 * v[1],
    claimed=lambda v: np.array([[6 * v[0] * v[1], 3 * v[0] ** 2]]),
    derivation=[
        Step(r"\mathrm{d}\left(3x^{2}y\right) = 3\left(\mathrm{d}x^{2}\right)y + 3x^{2}\,\mathrm{d}y = 6xy\,\mathrm{d}x + 3x^{2}\,\mathrm{d}y",
             lambda D: D(), lambda v, dv: 6 * v[0] * v[1] * dv[0] + 3 * v[0] ** 2 * dv[1], uses=["8S7R", "48ZE"]),
        Step(r"= \begin{bmatrix} 6xy & 3x^{2} \end{bmatrix}\begin{bmatrix} \mathrm{d}x \\ \mathrm{d}y \end{bmatrix} \;\Rightarrow\; \nabla f(x, y) = \begin{bmatrix} 6xy & 3x^{2} \end{bmatrix}",
             lambda v, dv: 3 * v[0] ** 2 * dv[1] + 6 * v[0] * v[1] * dv[0],
             lambda v, dv: np.array([6 * v[0] * v[1], 3 * v[0] ** 2]) @ dv),
    ],
    notes="The gradient collects the partial derivatives; Parr & Howard write it as a horizontal vector "
          "(numerator layout), a 1 × 2 row. Each partial treats the other argument as a constant.",
    references=[parr_howard("3 Introduction to vector calculus and partial derivatives"),
                parr_howard("8.1 Gradients and Jacobians")],
    aliases=["gradient example", "partial derivatives of 3x^2 y", "gradient is a row vector"],
)

Derivative(
    id="8D54",
    title="Jacobian of (3x²y, 2x + y⁸) (a worked example)",
    latex=r"J = \begin{bmatrix} \nabla f(x, y) \\ \nabla g(x, y) \end{bmatrix} = \begin{bmatrix} 6xy & 3x^{2} \\ 2 & 8y^{7} \end{bmatrix},\quad f = 3x^{2}y,\ g = 2x + y^{8},\ v = (x, y)",
    variables={"v": Vector(2, description="the two arguments (x, y) as one vector")},
    symbols={"J": "the Jacobian of (f, g) by v", "f": "the function 3x²y", "g": "the function 2x + y⁸",
             "x": "the first entry of v", "y": "the second entry of v"},
    wrt="v",
    layout="numerator",
    f=lambda v: np.array([3 * v[0] ** 2 * v[1], 2 * v[0] + v[1] ** 8]),
    claimed=lambda v: np.array([[6 * v[0] * v[1], 3 * v[0] ** 2], [2.0, 8 * v[1] ** 7]]),
    other_layout=(r"J^{\top} = \begin{bmatrix} 6xy & 2 \\ 3x^{2} & 8y^{7} \end{bmatrix}",
                  lambda v: np.array([[6 * v[0] * v[1], 2.0], [3 * v[0] ** 2, 8 * v[1] ** 7]])),
    derivation=[
        Step(r"\begin{bmatrix} \mathrm{d}f \\ \mathrm{d}g \end{bmatrix} = \begin{bmatrix} 6xy\,\mathrm{d}x + 3x^{2}\,\mathrm{d}y \\ 2\,\mathrm{d}x + 8y^{7}\,\mathrm{d}y \end{bmatrix}",
             lambda D: D(),
             lambda v, dv: np.array([6 * v[0] * v[1] * dv[0] + 3 * v[0] ** 2 * dv[1], 2 * dv[0] + 8 * v[1] ** 7 * dv[1]]),
             uses=["NY7C", "9K5K", "48ZE"]),
        Step(r"= \begin{bmatrix} 6xy & 3x^{2} \\ 2 & 8y^{7} \end{bmatrix}\begin{bmatrix} \mathrm{d}x \\ \mathrm{d}y \end{bmatrix} \;\Rightarrow\; J = \begin{bmatrix} 6xy & 3x^{2} \\ 2 & 8y^{7} \end{bmatrix}",
             lambda v, dv: np.array([3 * v[0] ** 2 * dv[1] + 6 * v[0] * v[1] * dv[0], 8 * v[1] ** 7 * dv[1] + 2 * dv[0]]),
             lambda v, dv: np.array([[6 * v[0] * v[1], 3 * v[0] ** 2], [2.0, 8 * v[1] ** 7]]) @ dv),
    ],
    notes="The Jacobian stacks the gradients (rows) of the component functions: row i holds the partials of "
          "output i (numerator layout). The denominator-layout Jacobian, which Parr & Howard also print, is "
          "its transpose.",
    references=[parr_howard("4 Matrix calculus"),
                parr_howard("4.1 Generalization of the Jacobian", note="the same example as y = f(x) with x₁ = x, x₂ = y"),
                parr_howard("8.1 Gradients and Jacobians")],
    aliases=["Jacobian example", "Jacobian matrix of a vector function", "stacked gradients"],
)

Derivative(
    id="KH51",
    title="Jacobian of the identity function",
    latex=r"\frac{\partial x}{\partial x} = I",
    variables={"x": Vector("n")},
    wrt="x",
    layout="numerator",
    f=lambda x: x,
    claimed=lambda x: np.eye(x.shape[0]),
    notes="The same in both layouts, since I is symmetric.",
    references=[parr_howard("4.1 Generalization of the Jacobian"), parr_howard("8.1 Gradients and Jacobians"),
                ref("wikipedia-matrix-calculus", "Vector-by-vector identities")],
    aliases=["Jacobian of identity", "derivative of x with respect to x", "dx/dx identity matrix"],
    symbolic=lambda x: x,
)

Derivative(
    id="FQMW",
    title="Jacobian of an element-wise product of two vector functions",
    latex=r"\frac{\partial}{\partial x}\left((Ax) \circ (Bx)\right) = \operatorname{diag}(Bx)\,A + \operatorname{diag}(Ax)\,B",
    variables={"A": Matrix("m", "n"), "B": Matrix("m", "n"), "x": Vector("n")},
    wrt="x",
    layout="numerator",
    f=lambda A, B, x: (A @ x) * (B @ x),
    claimed=lambda A, B, x: np.diag(B @ x) @ A + np.diag(A @ x) @ B,
    derivation=[
        Step(r"\mathrm{d}\left((Ax) \circ (Bx)\right) = \mathrm{d}(Ax) \circ (Bx) + (Ax) \circ \mathrm{d}(Bx)",
             lambda D: D(), lambda A, B, x, D: D(_Ax) * (B @ x) + (A @ x) * D(_Bx), uses=["E341"]),
        Step(r"= (A\,\mathrm{d}x) \circ (Bx) + (Ax) \circ (B\,\mathrm{d}x)",
             lambda A, B, x, D: (A @ x) * D(_Bx) + D(_Ax) * (B @ x),
             lambda A, B, x, dx: (A @ dx) * (B @ x) + (A @ x) * (B @ dx), uses=["8CQG", "6Q8H"]),
        Step(r"= \left(\operatorname{diag}(Bx)\,A + \operatorname{diag}(Ax)\,B\right)\mathrm{d}x \;\Rightarrow\; \frac{\partial}{\partial x}\left((Ax) \circ (Bx)\right) = \operatorname{diag}(Bx)\,A + \operatorname{diag}(Ax)\,B",
             lambda A, B, x, dx: (B @ x) * (A @ dx) + (A @ x) * (B @ dx),
             lambda A, B, x, dx: (np.diag(B @ x) @ A + np.diag(A @ x) @ B) @ dx),
    ],
    notes="A product rule for Jacobians: the Jacobian of f(x) ∘ g(x) is diag(g) times the Jacobian of f plus "
          "diag(f) times the Jacobian of g, here with f(x) the vector Ax and g(x) the vector Bx. Each output "
          "depends on every entry of x here, so the Jacobian is full, not diagonal: the element-wise diagonal "
          "condition of Parr & Howard §4.2 does not hold.",
    references=[parr_howard("4.2 Derivatives of vector element-wise binary operators",
                            note="the general Jacobian of f(w) ○ g(x) before the diagonal condition")],
    aliases=["product rule for Jacobians", "Jacobian of Hadamard product of functions",
             "derivative of elementwise product of vectors"],
    symbolic=lambda A, B, x: sp.HadamardProduct(A * x, B * x),
)

# --------------------------------------------------------------------------------------------
# Element-wise binary operators (§4.2, summary §8.2). Parr & Howard write ⊗ for the element-wise
# product; ∘ is used here, since ⊗ means the Kronecker product elsewhere in this catalogue.

Derivative(
    id="VRRX",
    title="Jacobian of an element-wise operator under the diagonal condition",
    latex=r"\frac{\partial}{\partial w}\left(\sin(w) \circ \exp(x)\right) = \operatorname{diag}\left(\cos(w) \circ \exp(x)\right)",
    variables={"w": Vector("n"), "x": Vector("n")},
    symbols={"y": "the output vector of the generic element-wise operation",
             "f": "the vector function applied to w (sin here)", "g": "the vector function applied to x (exp here)",
             "f_1": "the first entry of f", "g_1": "the first entry of g", "g_2": "the second entry of g"},
    wrt="w",
    layout="numerator",
    f=lambda w, x: np.sin(w) * np.exp(x),
    claimed=lambda w, x: np.diag(np.cos(w) * np.exp(x)),
    derivation=[
        Step(r"\mathrm{d}\left(\sin(w) \circ \exp(x)\right) = \mathrm{d}\sin(w) \circ \exp(x) + \sin(w) \circ \mathrm{d}\exp(x) = \mathrm{d}\sin(w) \circ \exp(x)",
             lambda D: D(), lambda x, D: D(_sin_w) * np.exp(x), uses=["E341", "6Q8H"]),
        Step(r"= \left(\cos(w) \circ \mathrm{d}w\right) \circ \exp(x)",
             lambda x, D: np.exp(x) * D(_sin_w), lambda w, x, dw: np.cos(w) * dw * np.exp(x), uses=["UDCE"]),
        Step(r"= \operatorname{diag}\left(\cos(w) \circ \exp(x)\right)\mathrm{d}w \;\Rightarrow\; \frac{\partial}{\partial w}\left(\sin(w) \circ \exp(x)\right) = \operatorname{diag}\left(\cos(w) \circ \exp(x)\right)",
             lambda w, x, dw: (np.cos(w) * np.exp(x)) * dw, lambda w, x, dw: np.diag(np.cos(w) * np.exp(x)) @ dw),
    ],
    notes="When output i of the element-wise operation f(w) ○ g(x) depends only on w_i and x_i (Parr & "
          "Howard's element-wise diagonal condition), the Jacobian is diagonal, holding the scalar derivatives "
          "of f_i(w_i) ○ g_i(x_i) by w_i. Shown with f the sine, g the exponential and ○ the element-wise product.",
    errata=[Erratum(parr_howard("8.2 Element-wise operations on vectors"),
                    "The summary in §8.2 prints the second row of the generic element-wise operation with f_n(w) "
                    "where f_2(w) is meant (the body of §4.2 has it right). As printed, output 2 depends on w_n, "
                    "so for n of 3 or more the Jacobian is not diagonal; with n of 2 the two coincide, so the "
                    "printed version is checked for n from 3.",
                    printed=r"y = \begin{bmatrix} f_{1}(w) \circ g_{1}(x) \\ f_{n}(w) \circ g_{2}(x) \\ \vdots \\ f_{n}(w) \circ g_{n}(x) \end{bmatrix}",
                    f=_printed_82, sizes=(3, 5))],
    references=[parr_howard("4.2 Derivatives of vector element-wise binary operators"),
                parr_howard("8.2 Element-wise operations on vectors", note="row 2 of the generic operation has a "
                            "typo, f_n for f_2")],
    aliases=["element-wise diagonal condition", "diagonal Jacobian", "Jacobian of elementwise binary operation"],
)

Derivative(
    id="WTPU",
    title="Jacobian of w + x with respect to w",
    latex=r"\frac{\partial (w + x)}{\partial w} = I",
    variables={"w": Vector("n"), "x": Vector("n")},
    wrt="w",
    layout="numerator",
    f=lambda w, x: w + x,
    claimed=lambda w, x: np.eye(w.shape[0]),
    derivation=[
        Step(r"\mathrm{d}(w + x) = \mathrm{d}w + \mathrm{d}x = \mathrm{d}w", lambda D: D(),
             lambda D, dw: dw + D(_x_const), lambda dw: dw, uses=["9K5K", "6Q8H"]),
        Step(r"= I\,\mathrm{d}w \;\Rightarrow\; \frac{\partial (w + x)}{\partial w} = I",
             lambda dw: 1.0 * dw, lambda w, dw: np.eye(w.shape[0]) @ dw),
    ],
    references=[parr_howard("4.2 Derivatives of vector element-wise binary operators"),
                parr_howard("8.2 Element-wise operations on vectors")],
    aliases=["derivative of vector addition", "Jacobian of a sum of vectors", "d(w+x)/dw"],
    symbolic=lambda w, x: w + x,
)

Derivative(
    id="BNAN",
    title="Jacobian of w + x with respect to x",
    latex=r"\frac{\partial (w + x)}{\partial x} = I",
    variables={"w": Vector("n"), "x": Vector("n")},
    wrt="x",
    layout="numerator",
    f=lambda w, x: w + x,
    claimed=lambda w, x: np.eye(x.shape[0]),
    derivation=[
        Step(r"\mathrm{d}(w + x) = \mathrm{d}w + \mathrm{d}x = \mathrm{d}x", lambda D: D(),
             lambda D, dx: D(_w_const) + dx, lambda dx: dx, uses=["9K5K", "6Q8H"]),
        Step(r"= I\,\mathrm{d}x \;\Rightarrow\; \frac{\partial (w + x)}{\partial x} = I",
             lambda dx: 1.0 * dx, lambda x, dx: np.eye(x.shape[0]) @ dx),
    ],
    references=[parr_howard("4.2 Derivatives of vector element-wise binary operators"),
                parr_howard("8.2 Element-wise operations on vectors")],
    aliases=["derivative of vector addition", "Jacobian of a sum of vectors", "d(w+x)/dx"],
    symbolic=lambda w, x: w + x,
)

Derivative(
    id="BQLM",
    title="Jacobian of w − x with respect to w",
    latex=r"\frac{\partial (w - x)}{\partial w} = I",
    variables={"w": Vector("n"), "x": Vector("n")},
    wrt="w",
    layout="numerator",
    f=lambda w, x: w - x,
    claimed=lambda w, x: np.eye(w.shape[0]),
    derivation=[
        Step(r"\mathrm{d}(w - x) = \mathrm{d}w - \mathrm{d}x = \mathrm{d}w", lambda D: D(),
             lambda D, dw: dw - D(_x_const), lambda dw: dw, uses=["9K5K", "6Q8H"]),
        Step(r"= I\,\mathrm{d}w \;\Rightarrow\; \frac{\partial (w - x)}{\partial w} = I",
             lambda dw: 1.0 * dw, lambda w, dw: np.eye(w.shape[0]) @ dw),
    ],
    references=[parr_howard("4.2 Derivatives of vector element-wise binary operators"),
                parr_howard("8.2 Element-wise operations on vectors")],
    aliases=["derivative of vector subtraction", "Jacobian of a difference of vectors", "d(w-x)/dw"],
    symbolic=lambda w, x: w - x,
)

Derivative(
    id="2VEM",
    title="Jacobian of w − x with respect to x",
    latex=r"\frac{\partial (w - x)}{\partial x} = -I",
    variables={"w": Vector("n"), "x": Vector("n")},
    wrt="x",
    layout="numerator",
    f=lambda w, x: w - x,
    claimed=lambda w, x: -np.eye(x.shape[0]),
    derivation=[
        Step(r"\mathrm{d}(w - x) = \mathrm{d}w - \mathrm{d}x = -\mathrm{d}x", lambda D: D(),
             lambda D, dx: D(_w_const) - dx, lambda dx: -dx, uses=["9K5K", "6Q8H"]),
        Step(r"= -I\,\mathrm{d}x \;\Rightarrow\; \frac{\partial (w - x)}{\partial x} = -I",
             lambda dx: -1.0 * dx, lambda x, dx: -np.eye(x.shape[0]) @ dx),
    ],
    references=[parr_howard("4.2 Derivatives of vector element-wise binary operators"),
                parr_howard("8.2 Element-wise operations on vectors")],
    aliases=["derivative of vector subtraction", "Jacobian of a difference of vectors", "d(w-x)/dx"],
    symbolic=lambda w, x: w - x,
)

Derivative(
    id="W6G1",
    title="Jacobian of the element-wise product w ∘ x with respect to w",
    latex=r"\frac{\partial (w \circ x)}{\partial w} = \operatorname{diag}(x)",
    variables={"w": Vector("n"), "x": Vector("n")},
    wrt="w",
    layout="numerator",
    f=lambda w, x: w * x,
    claimed=lambda w, x: np.diag(x),
    derivation=[
        Step(r"\mathrm{d}(w \circ x) = (\mathrm{d}w) \circ x + w \circ \mathrm{d}x = (\mathrm{d}w) \circ x",
             lambda D: D(), lambda w, x, dw, D: dw * x + w * D(_x_const), lambda x, dw: dw * x, uses=["E341", "6Q8H"]),
        Step(r"= \operatorname{diag}(x)\,\mathrm{d}w \;\Rightarrow\; \frac{\partial (w \circ x)}{\partial w} = \operatorname{diag}(x)",
             lambda x, dw: x * dw, lambda x, dw: np.diag(x) @ dw),
    ],
    notes="Parr & Howard write the element-wise (Hadamard) product as w ⊗ x, a symbol most other sources, "
          "including the Matrix Cookbook, reserve for the Kronecker product.",
    references=[parr_howard("4.2 Derivatives of vector element-wise binary operators"),
                parr_howard("8.2 Element-wise operations on vectors")],
    aliases=["Hadamard product Jacobian", "derivative of elementwise multiplication", "d(w*x)/dw diag"],
    symbolic=lambda w, x: sp.HadamardProduct(w, x),
)

Derivative(
    id="8SZG",
    title="Jacobian of the element-wise product w ∘ x with respect to x",
    latex=r"\frac{\partial (w \circ x)}{\partial x} = \operatorname{diag}(w)",
    variables={"w": Vector("n"), "x": Vector("n")},
    wrt="x",
    layout="numerator",
    f=lambda w, x: w * x,
    claimed=lambda w, x: np.diag(w),
    derivation=[
        Step(r"\mathrm{d}(w \circ x) = (\mathrm{d}w) \circ x + w \circ \mathrm{d}x = w \circ \mathrm{d}x",
             lambda D: D(), lambda w, x, dx, D: D(_w_const) * x + w * dx, lambda w, dx: w * dx, uses=["E341", "6Q8H"]),
        Step(r"= \operatorname{diag}(w)\,\mathrm{d}x \;\Rightarrow\; \frac{\partial (w \circ x)}{\partial x} = \operatorname{diag}(w)",
             lambda w, dx: dx * w, lambda w, dx: np.diag(w) @ dx),
    ],
    notes="Parr & Howard write the element-wise (Hadamard) product as w ⊗ x.",
    references=[parr_howard("4.2 Derivatives of vector element-wise binary operators"),
                parr_howard("8.2 Element-wise operations on vectors")],
    aliases=["Hadamard product Jacobian", "derivative of elementwise multiplication", "d(w*x)/dx diag"],
    symbolic=lambda w, x: sp.HadamardProduct(w, x),
)

Derivative(
    id="03AH",
    title="Jacobian of the element-wise quotient w ⊘ x with respect to w",
    latex=r"\frac{\partial (w \oslash x)}{\partial w} = \operatorname{diag}\left(\frac{1}{x_i}\right)_{i=1}^{n} = \operatorname{diag}(x)^{-1}",
    variables={"w": Vector("n"), "x": Vector("n", "nonzero_entries")},
    symbols={"i": "an index, 1 ≤ i ≤ n"},
    wrt="w",
    layout="numerator",
    f=lambda w, x: w / x,
    claimed=lambda w, x: np.diag(1.0 / x),
    also=[
        Formula(r"\operatorname{diag}\left(\frac{1}{x_i}\right)_{i=1}^{n} = \operatorname{diag}(x)^{-1}",
                lambda x: np.diag(1.0 / x), lambda x: np.linalg.inv(np.diag(x))),
    ],
    derivation=[
        Step(r"\mathrm{d}(w \oslash x) = \mathrm{d}w \oslash x + w \circ \mathrm{d}\left(\frac{1}{x_i}\right)_{i=1}^{n} = \mathrm{d}w \oslash x",
             lambda D: D(), lambda w, x, dw, D: dw / x + w * D(_reciprocal_x), lambda x, dw: dw / x,
             uses=["E341", "6Q8H"]),
        Step(r"= \operatorname{diag}(x)^{-1}\mathrm{d}w \;\Rightarrow\; \frac{\partial (w \oslash x)}{\partial w} = \operatorname{diag}(x)^{-1}",
             lambda x, dw: dw * (1.0 / x), lambda x, dw: np.linalg.solve(np.diag(x), dw)),
    ],
    references=[parr_howard("4.2 Derivatives of vector element-wise binary operators"),
                parr_howard("8.2 Element-wise operations on vectors")],
    aliases=["derivative of elementwise division", "Jacobian of w/x", "Hadamard division derivative"],
)

Derivative(
    id="GM1Z",
    title="Jacobian of the element-wise quotient w ⊘ x with respect to x",
    latex=r"\frac{\partial (w \oslash x)}{\partial x} = \operatorname{diag}\left(-\frac{w_i}{x_i^{2}}\right)_{i=1}^{n} = -\operatorname{diag}(w)\operatorname{diag}(x)^{-2}",
    variables={"w": Vector("n"), "x": Vector("n", "nonzero_entries")},
    symbols={"i": "an index, 1 ≤ i ≤ n"},
    wrt="x",
    layout="numerator",
    f=lambda w, x: w / x,
    claimed=lambda w, x: np.diag(-w / x**2),
    also=[
        Formula(r"\operatorname{diag}\left(-\frac{w_i}{x_i^{2}}\right)_{i=1}^{n} = -\operatorname{diag}(w)\operatorname{diag}(x)^{-2}",
                lambda w, x: np.diag(-w / x**2), lambda w, x: -np.diag(w) @ np.linalg.matrix_power(np.linalg.inv(np.diag(x)), 2)),
    ],
    derivation=[
        Step(r"\mathrm{d}(w \oslash x) = w \circ \mathrm{d}\left(\frac{1}{x_i}\right)_{i=1}^{n}",
             lambda D: D(), lambda w, D: w * D(_reciprocal_x), uses=["E341", "6Q8H"]),
        Step(r"= w \circ \left(-\frac{\mathrm{d}x_i}{x_i^{2}}\right)_{i=1}^{n}",
             lambda w, D: D(_reciprocal_x) * w, lambda w, x, dx: w * (-dx / x**2), uses=["BXAA"]),
        Step(r"= -\operatorname{diag}(w)\operatorname{diag}(x)^{-2}\mathrm{d}x \;\Rightarrow\; \frac{\partial (w \oslash x)}{\partial x} = -\operatorname{diag}(w)\operatorname{diag}(x)^{-2}",
             lambda w, x, dx: -(w / x**2) * dx, lambda w, x, dx: -np.diag(w) @ np.diag(x**-2.0) @ dx),
    ],
    references=[parr_howard("4.2 Derivatives of vector element-wise binary operators"),
                parr_howard("8.2 Element-wise operations on vectors")],
    aliases=["derivative of elementwise division", "Jacobian of w/x by denominator", "quotient rule vector"],
)

# --------------------------------------------------------------------------------------------
# Scalar expansion (§4.3, summary §8.3): a scalar z meets a vector x entry by entry, as 1z.

Derivative(
    id="X70Y",
    title="Jacobian of x + z (scalar z) with respect to x",
    latex=r"\frac{\partial (x + z)}{\partial x} = \operatorname{diag}(\mathbf{1}) = I",
    variables={"x": Vector("n"), "z": Scalar()},
    symbols={r"\mathbf{1}": "the vector of n ones"},
    wrt="x",
    layout="numerator",
    f=lambda x, z: x + z,
    claimed=lambda x, z: np.eye(x.shape[0]),
    also=[
        Formula(r"\operatorname{diag}(\mathbf{1}) = I", lambda x: np.diag(np.ones(x.shape[0])),
                lambda x: np.eye(x.shape[0])),
    ],
    derivation=[
        Step(r"\mathrm{d}(x + \mathbf{1}z) = \mathrm{d}x + \mathbf{1}\,\mathrm{d}z = \mathrm{d}x",
             lambda D: D(), lambda x, dx, D: dx + np.ones(x.shape[0]) * D(_c_z), lambda dx: dx, uses=["9K5K", "6Q8H"]),
        Step(r"= \operatorname{diag}(\mathbf{1})\,\mathrm{d}x = I\,\mathrm{d}x \;\Rightarrow\; \frac{\partial (x + z)}{\partial x} = I",
             lambda x, dx: np.diag(np.ones(x.shape[0])) @ dx, lambda x, dx: np.eye(x.shape[0]) @ dx),
    ],
    notes="Adding a scalar to a vector broadcasts it: x + z stands for x + 1z.",
    references=[parr_howard("4.3 Derivatives involving scalar expansion"), parr_howard("8.3 Scalar expansion")],
    aliases=["scalar expansion", "broadcasting derivative", "add scalar to vector derivative"],
    symbolic=lambda x, z: x + z * sp.OneMatrix(x.shape[0], 1),
)

Derivative(
    id="PJY3",
    title="Derivative of x + z with respect to the scalar z",
    latex=r"\frac{\partial (x + z)}{\partial z} = \mathbf{1}",
    variables={"x": Vector("n"), "z": Scalar()},
    symbols={r"\mathbf{1}": "the vector of n ones"},
    wrt="z",
    layout="numerator",
    f=lambda x, z: x + z,
    claimed=lambda x, z: np.ones(x.shape[0]),
    derivation=[
        Step(r"\mathrm{d}(x + \mathbf{1}z) = \mathrm{d}x + \mathbf{1}\,\mathrm{d}z = \mathbf{1}\,\mathrm{d}z",
             lambda D: D(), lambda x, dz, D: D(_x_const) + np.ones(x.shape[0]) * dz,
             lambda x, dz: np.ones(x.shape[0]) * dz, uses=["9K5K", "6Q8H", "XLL8"]),
        Step(r"\Rightarrow\; \frac{\partial (x + z)}{\partial z} = \mathbf{1}",
             lambda x, dz: np.full(x.shape, 1.0) * dz, lambda x, dz: dz * np.ones(x.shape[0])),
    ],
    notes="A vector by a scalar: a (vertical) vector of ones, one entry per output, not a matrix.",
    references=[parr_howard("4.3 Derivatives involving scalar expansion"), parr_howard("8.3 Scalar expansion")],
    aliases=["scalar expansion", "broadcasting derivative", "derivative of bias broadcast"],
    symbolic=lambda x, z: x + z * sp.OneMatrix(x.shape[0], 1),
)

Derivative(
    id="E743",
    title="Jacobian of x − z (scalar z) with respect to x",
    latex=r"\frac{\partial (x - z)}{\partial x} = I",
    variables={"x": Vector("n"), "z": Scalar()},
    symbols={r"\mathbf{1}": "the vector of n ones"},
    wrt="x",
    layout="numerator",
    f=lambda x, z: x - z,
    claimed=lambda x, z: np.eye(x.shape[0]),
    derivation=[
        Step(r"\mathrm{d}(x - \mathbf{1}z) = \mathrm{d}x - \mathbf{1}\,\mathrm{d}z = \mathrm{d}x",
             lambda D: D(), lambda x, dx, D: dx - np.ones(x.shape[0]) * D(_c_z), lambda dx: dx, uses=["9K5K", "6Q8H"]),
        Step(r"= \operatorname{diag}(\mathbf{1})\,\mathrm{d}x = I\,\mathrm{d}x \;\Rightarrow\; \frac{\partial (x - z)}{\partial x} = I",
             lambda x, dx: np.diag(np.ones(x.shape[0])) @ dx, lambda x, dx: np.eye(x.shape[0]) @ dx),
    ],
    notes="Parr & Howard state scalar expansion for + and × only; − and ÷ follow from the same element-wise rule: "
          "entry i of x − 1z is x_i − z.",
    references=[parr_howard("4.3 Derivatives involving scalar expansion", note="the paper treats + and ×; "
                            "this case follows by the same rule")],
    aliases=["scalar expansion subtraction", "subtract scalar from vector derivative", "broadcasting derivative"],
)

Derivative(
    id="V6N6",
    title="Derivative of x − z with respect to the scalar z",
    latex=r"\frac{\partial (x - z)}{\partial z} = -\mathbf{1}",
    variables={"x": Vector("n"), "z": Scalar()},
    symbols={r"\mathbf{1}": "the vector of n ones"},
    wrt="z",
    layout="numerator",
    f=lambda x, z: x - z,
    claimed=lambda x, z: -np.ones(x.shape[0]),
    derivation=[
        Step(r"\mathrm{d}(x - \mathbf{1}z) = \mathrm{d}x - \mathbf{1}\,\mathrm{d}z = -\mathbf{1}\,\mathrm{d}z",
             lambda D: D(), lambda x, dz, D: D(_x_const) - np.ones(x.shape[0]) * dz,
             lambda x, dz: -np.ones(x.shape[0]) * dz, uses=["9K5K", "6Q8H", "XLL8"]),
        Step(r"\Rightarrow\; \frac{\partial (x - z)}{\partial z} = -\mathbf{1}",
             lambda x, dz: np.full(x.shape, -1.0) * dz, lambda x, dz: -dz * np.ones(x.shape[0])),
    ],
    notes="Parr & Howard state scalar expansion for + and × only; − and ÷ follow from the same element-wise rule: "
          "entry i of x − 1z is x_i − z.",
    references=[parr_howard("4.3 Derivatives involving scalar expansion", note="the paper treats + and ×; "
                            "this case follows by the same rule")],
    aliases=["scalar expansion subtraction", "derivative by the subtracted scalar", "broadcasting derivative"],
)

Derivative(
    id="SBLA",
    title="Jacobian of xz (vector times scalar) with respect to x",
    latex=r"\frac{\partial (xz)}{\partial x} = \operatorname{diag}(\mathbf{1}z) = Iz",
    variables={"x": Vector("n"), "z": Scalar()},
    symbols={r"\mathbf{1}": "the vector of n ones"},
    wrt="x",
    layout="numerator",
    f=lambda x, z: x * z,
    claimed=lambda x, z: z * np.eye(x.shape[0]),
    also=[
        Formula(r"\operatorname{diag}(\mathbf{1}z) = Iz", lambda x, z: np.diag(np.ones(x.shape[0]) * z),
                lambda x, z: np.eye(x.shape[0]) * z),
    ],
    derivation=[
        Step(r"\mathrm{d}(xz) = (\mathrm{d}x)\,z + x\,\mathrm{d}z = (\mathrm{d}x)\,z",
             lambda D: D(), lambda x, z, dx, D: dx * z + x * D(_c_z), lambda z, dx: z * dx, uses=["8S7R", "6Q8H"]),
        Step(r"= Iz\,\mathrm{d}x \;\Rightarrow\; \frac{\partial (xz)}{\partial x} = Iz",
             lambda z, dx: dx * z, lambda x, z, dx: (np.eye(x.shape[0]) * z) @ dx),
    ],
    references=[parr_howard("4.3 Derivatives involving scalar expansion"), parr_howard("8.3 Scalar expansion")],
    aliases=["scalar multiplication Jacobian", "derivative of scaled vector", "scalar expansion product"],
    symbolic=lambda x, z: x * z,
)

Derivative(
    id="ZK3R",
    title="Derivative of xz (vector times scalar) with respect to z",
    latex=r"\frac{\partial (xz)}{\partial z} = x",
    variables={"x": Vector("n"), "z": Scalar()},
    wrt="z",
    layout="numerator",
    f=lambda x, z: x * z,
    claimed=lambda x, z: x.copy(),
    derivation=[
        Step(r"\mathrm{d}(xz) = (\mathrm{d}x)\,z + x\,\mathrm{d}z = x\,\mathrm{d}z",
             lambda D: D(), lambda x, z, dz, D: D(_x_const) * z + x * dz, lambda x, dz: x * dz, uses=["8S7R", "6Q8H"]),
        Step(r"\Rightarrow\; \frac{\partial (xz)}{\partial z} = x", lambda x, dz: dz * x, lambda x, dz: np.multiply(x, dz)),
    ],
    notes="A vector by a scalar: a vertical vector with the shape of x.",
    references=[parr_howard("4.3 Derivatives involving scalar expansion"), parr_howard("8.3 Scalar expansion")],
    aliases=["derivative by a scale factor", "scalar expansion product", "d(xz)/dz"],
    symbolic=lambda x, z: x * z,
)

Derivative(
    id="G9KB",
    title="Jacobian of x/z (vector over scalar) with respect to x",
    latex=r"\frac{\partial (x / z)}{\partial x} = \frac{I}{z}",
    variables={"x": Vector("n"), "z": Scalar("nonzero_entries")},
    wrt="x",
    layout="numerator",
    f=lambda x, z: x / z,
    claimed=lambda x, z: np.eye(x.shape[0]) / z,
    derivation=[
        Step(r"\mathrm{d}(x / z) = \frac{1}{z}\,\mathrm{d}x", lambda D: D(), lambda z, dx: dx / z, uses=["XLL8"]),
        Step(r"= \frac{I}{z}\,\mathrm{d}x \;\Rightarrow\; \frac{\partial (x / z)}{\partial x} = \frac{I}{z}",
             lambda z, dx: (1.0 / z) * dx, lambda x, z, dx: (np.eye(x.shape[0]) / z) @ dx),
    ],
    notes="Parr & Howard state scalar expansion for + and × only; − and ÷ follow from the same element-wise rule: "
          "entry i of x ⊘ 1z is x_i / z.",
    references=[parr_howard("4.3 Derivatives involving scalar expansion", note="the paper treats + and ×; "
                            "this case follows by the same rule")],
    aliases=["divide vector by scalar derivative", "scalar expansion division", "Jacobian of x/z"],
)

Derivative(
    id="CASZ",
    title="Derivative of x/z (vector over scalar) with respect to z",
    latex=r"\frac{\partial (x / z)}{\partial z} = -\frac{x}{z^{2}}",
    variables={"x": Vector("n"), "z": Scalar("nonzero_entries")},
    wrt="z",
    layout="numerator",
    f=lambda x, z: x / z,
    claimed=lambda x, z: -x / z**2,
    derivation=[
        Step(r"\mathrm{d}(x / z) = x\,\mathrm{d}\left(z^{-1}\right)", lambda D: D(), lambda x, D: x * D(_reciprocal_z),
             uses=["XLL8"]),
        Step(r"= -x\,z^{-2}\,\mathrm{d}z \;\Rightarrow\; \frac{\partial (x / z)}{\partial z} = -\frac{x}{z^{2}}",
             lambda x, D: D(_reciprocal_z) * x, lambda x, z, dz: -x * z**-2.0 * dz, uses=["48ZE"]),
    ],
    notes="Parr & Howard state scalar expansion for + and × only; − and ÷ follow from the same element-wise rule: "
          "entry i of x ⊘ 1z is x_i / z.",
    references=[parr_howard("4.3 Derivatives involving scalar expansion", note="the paper treats + and ×; "
                            "this case follows by the same rule")],
    aliases=["derivative by the divisor", "scalar expansion division", "normalisation by a scalar derivative"],
)

# --------------------------------------------------------------------------------------------
# Sum reductions (§4.4, summary §8.4): the gradient of a scalar by a vector is a row, a 1 × n matrix.

Derivative(
    id="XUDY",
    title="Gradient of sum(x)",
    latex=r"\frac{\partial \operatorname{sum}(x)}{\partial x} = \mathbf{1}^{\top}",
    variables={"x": Vector("n")},
    symbols={r"\mathbf{1}": "the vector of n ones"},
    wrt="x",
    layout="numerator",
    f=lambda x: np.sum(x),
    claimed=lambda x: _ones_row(x.shape[0]),
    other_layout=(r"\frac{\partial \operatorname{sum}(x)}{\partial x} = \mathbf{1}", lambda x: np.ones(x.shape[0])),
    derivation=[
        Step(r"\mathrm{d}\operatorname{sum}(x) = \operatorname{sum}(\mathrm{d}x)", lambda D: D(), lambda dx: np.sum(dx),
             uses=["9K5K"]),
        Step(r"= \mathbf{1}^{\top}\mathrm{d}x \;\Rightarrow\; \frac{\partial \operatorname{sum}(x)}{\partial x} = \mathbf{1}^{\top}",
             lambda dx: dx.sum(), lambda x, dx: np.ones(x.shape[0]) @ dx),
    ],
    notes="Parr & Howard stress that the gradient is the horizontal 1ᵀ (numerator layout); denominator-layout "
          "sources write the column 1, its transpose.",
    references=[parr_howard("4.4 Vector sum reduction"), parr_howard("8.4 Vector reductions")],
    aliases=["derivative of sum of elements", "gradient of vector sum", "sum reduction gradient"],
    symbolic=lambda x: (sp.OneMatrix(x.shape[0], 1).T * x)[0, 0],
)

Derivative(
    id="AG1W",
    title="Gradient of sum(f(x)): the column sums of the Jacobian",
    latex=r"\frac{\partial \operatorname{sum}(Ax)}{\partial x} = \left[\sum_{i} \frac{\partial (Ax)_i}{\partial x_j}\right]_{j=1}^{n} = \mathbf{1}^{\top}A",
    variables={"A": Matrix("m", "n"), "x": Vector("n")},
    symbols={r"\mathbf{1}": "the vector of m ones", "i": "the output index, 1 ≤ i ≤ m",
             "j": "the input index, 1 ≤ j ≤ n"},
    wrt="x",
    layout="numerator",
    f=lambda A, x: np.sum(A @ x),
    claimed=lambda A, x: A.sum(axis=0)[None, :],
    also=[
        Formula(r"\left[\sum_{i} \frac{\partial (Ax)_i}{\partial x_j}\right]_{j=1}^{n}\mathrm{d}x = \mathbf{1}^{\top}A\,\mathrm{d}x",
                lambda D: np.sum(D(_Ax)), lambda A, dx: np.ones(A.shape[0]) @ A @ dx),
    ],
    derivation=[
        Step(r"\mathrm{d}\operatorname{sum}(Ax) = \operatorname{sum}\left(\mathrm{d}(Ax)\right) = \operatorname{sum}(A\,\mathrm{d}x)",
             lambda D: D(), lambda D: np.sum(D(_Ax)), lambda A, dx: np.sum(A @ dx), uses=["XUDY", "8CQG", "6Q8H"]),
        Step(r"= \mathbf{1}^{\top}A\,\mathrm{d}x \;\Rightarrow\; \frac{\partial \operatorname{sum}(Ax)}{\partial x} = \mathbf{1}^{\top}A",
             lambda A, dx: (A @ dx).sum(), lambda A, dx: (np.ones(A.shape[0]) @ A) @ dx),
    ],
    notes="For the sum of a vector function f(x), gradient entry j is the sum over i of the partials of f_i by "
          "x_j: the sum of column j of the Jacobian of f, that is 1ᵀ times the Jacobian. Each f_i may use every "
          "entry of x. Shown with f(x) the vector Ax.",
    references=[parr_howard("4.4 Vector sum reduction"), parr_howard("8.4 Vector reductions")],
    aliases=["gradient of a sum of functions", "sum reduction of a vector function", "column sums of Jacobian"],
    symbolic=lambda A, x: (sp.OneMatrix(A.shape[0], 1).T * A * x)[0, 0],
)

Derivative(
    id="0QHY",
    title="Gradient of sum(xz) with respect to x",
    latex=r"\frac{\partial \operatorname{sum}(xz)}{\partial x} = \begin{bmatrix} z & z & \cdots & z \end{bmatrix} = z\,\mathbf{1}^{\top}",
    variables={"x": Vector("n"), "z": Scalar()},
    symbols={r"\mathbf{1}": "the vector of n ones"},
    wrt="x",
    layout="numerator",
    f=lambda x, z: np.sum(x * z),
    claimed=lambda x, z: z * _ones_row(x.shape[0]),
    also=[
        Formula(r"\begin{bmatrix} z & z & \cdots & z \end{bmatrix} = z\,\mathbf{1}^{\top}",
                lambda x, z: np.full((1, x.shape[0]), z), lambda x, z: z * np.ones((1, x.shape[0]))),
    ],
    derivation=[
        Step(r"\mathrm{d}\operatorname{sum}(xz) = \operatorname{sum}\left((\mathrm{d}x)\,z\right)", lambda D: D(),
             lambda z, dx: np.sum(dx * z), uses=["XUDY", "XLL8"]),
        Step(r"= z\,\mathbf{1}^{\top}\mathrm{d}x \;\Rightarrow\; \frac{\partial \operatorname{sum}(xz)}{\partial x} = z\,\mathbf{1}^{\top}",
             lambda z, dx: z * dx.sum(), lambda x, z, dx: z * np.ones(x.shape[0]) @ dx),
    ],
    notes="Parr & Howard print [z, z, …, z], a horizontal n-vector: z times 1ᵀ, not a matrix.",
    references=[parr_howard("4.4 Vector sum reduction"), parr_howard("8.4 Vector reductions")],
    aliases=["gradient of scaled sum", "derivative of sum of x times z", "sum reduction scalar expansion"],
    symbolic=lambda x, z: (sp.OneMatrix(x.shape[0], 1).T * x)[0, 0] * z,
)

Derivative(
    id="WXEX",
    title="Derivative of sum(xz) with respect to the scalar z",
    latex=r"\frac{\partial \operatorname{sum}(xz)}{\partial z} = \operatorname{sum}(x)",
    variables={"x": Vector("n"), "z": Scalar()},
    wrt="z",
    layout="numerator",
    f=lambda x, z: np.sum(x * z),
    claimed=lambda x, z: np.sum(x),
    derivation=[
        Step(r"\mathrm{d}\operatorname{sum}(xz) = \operatorname{sum}(x\,\mathrm{d}z)", lambda D: D(),
             lambda x, dz: np.sum(x * dz), uses=["XUDY", "XLL8"]),
        Step(r"= \operatorname{sum}(x)\,\mathrm{d}z \;\Rightarrow\; \frac{\partial \operatorname{sum}(xz)}{\partial z} = \operatorname{sum}(x)",
             lambda x, dz: (dz * x).sum(), lambda x, dz: np.sum(x) * dz),
    ],
    notes="A scalar by a scalar: 1 × 1.",
    references=[parr_howard("4.4 Vector sum reduction"), parr_howard("8.4 Vector reductions")],
    aliases=["derivative of scaled sum by scale", "sum reduction", "d sum(xz)/dz"],
    symbolic=lambda x, z: (sp.OneMatrix(x.shape[0], 1).T * x)[0, 0] * z,
)

Derivative(
    id="3YDS",
    title="Gradient of the dot product w · x, by the vector chain rule",
    latex=r"\frac{\partial (w \cdot x)}{\partial x} = \frac{\partial \operatorname{sum}(u)}{\partial u}\,\frac{\partial u}{\partial x} = \mathbf{1}^{\top}\operatorname{diag}(w) = w^{\top},\quad u = w \circ x",
    variables={"w": Vector("n"), "x": Vector("n")},
    symbols={r"\mathbf{1}": "the vector of n ones", "u": "the intermediate vector w ∘ x"},
    wrt="x",
    layout="numerator",
    f=lambda w, x: np.dot(w, x),
    claimed=lambda w, x: w[None, :],
    also=[
        Formula(r"\frac{\partial (w \cdot x)}{\partial x}\,\mathrm{d}x = \frac{\partial \operatorname{sum}(u)}{\partial u}\,\frac{\partial u}{\partial x}\,\mathrm{d}x",
                lambda D: D(), lambda w, D: np.ones(w.shape[0]) @ D(_w_times_x)),
        Formula(r"\mathbf{1}^{\top}\operatorname{diag}(w) = w^{\top}", lambda w: _ones_row(w.shape[0]) @ np.diag(w),
                lambda w: w.reshape(1, -1)),
        Formula(r"w \cdot x = \operatorname{sum}(w \circ x)", lambda w, x: w @ x, lambda w, x: np.sum(w * x)),
    ],
    derivation=[
        Step(r"\mathrm{d}(w \cdot x) = \mathrm{d}\operatorname{sum}(u) = \mathbf{1}^{\top}\mathrm{d}u",
             lambda D: D(), lambda w, D: np.ones(w.shape[0]) @ D(_w_times_x), uses=["XUDY"]),
        Step(r"= \mathbf{1}^{\top}(w \circ \mathrm{d}x) = \mathbf{1}^{\top}\operatorname{diag}(w)\,\mathrm{d}x",
             lambda D: np.sum(D(_w_times_x)), lambda w, dx: np.sum(w * dx),
             lambda w, dx: np.ones(w.shape[0]) @ np.diag(w) @ dx, uses=["E341", "6Q8H", "8SZG"]),
        Step(r"= w^{\top}\mathrm{d}x \;\Rightarrow\; \frac{\partial (w \cdot x)}{\partial x} = w^{\top}",
             lambda w, dx: (np.diag(w) @ dx).sum(), lambda w, dx: w @ dx),
    ],
    notes="The dot product is the sum of w ∘ x: the sum reduction composed with the element-wise product. By "
          "symmetry the gradient by w is xᵀ, the gradient of a neuron's affine function by its weights "
          "(Parr & Howard §5).",
    references=[parr_howard("8.4 Vector reductions"), parr_howard("5 The gradient of neuron activation"),
                cookbook(69, note="denominator layout, ∂xᵀa/∂x = a")],
    aliases=["gradient of dot product", "derivative of inner product", "d(w.x)/dx", "w transpose x gradient"],
    symbolic=lambda w, x: (w.T * x)[0, 0],
)

# --------------------------------------------------------------------------------------------
# Element-wise functions: diagonal Jacobians, diag of the scalar derivative (§4.2, §4.5.3)

Derivative(
    id="MMPZ",
    title="Jacobian of the element-wise exponential",
    latex=r"\frac{\partial \exp(x)}{\partial x} = \operatorname{diag}\left(\exp(x)\right)",
    variables={"x": Vector("n")},
    wrt="x",
    layout="numerator",
    f=lambda x: np.exp(x),
    claimed=lambda x: np.diag(np.exp(x)),
    notes="exp acts entry by entry, so output i depends on x_i alone and the Jacobian is diagonal, holding the "
          "scalar derivatives. A backward pass multiplies by it as g ∘ exp(x), never forming the matrix.",
    references=[parr_howard("4.5.3 Vector chain rule", note="∂f/∂g = diag(∂f_i/∂g_i) for element-wise f"),
                parr_howard("4.2 Derivatives of vector element-wise binary operators", note="the element-wise diagonal condition")],
    aliases=["derivative of exp elementwise", "Jacobian of exponential", "elementwise exp gradient"],
)

Derivative(
    id="X064",
    title="Jacobian of the element-wise logarithm",
    latex=r"\frac{\partial \log(x)}{\partial x} = \operatorname{diag}(x)^{-1}",
    variables={"x": Vector("n", "positive")},
    wrt="x",
    layout="numerator",
    f=lambda x: np.log(x),
    claimed=lambda x: np.diag(1.0 / x),
    notes="log acts entry by entry on positive entries; the diagonal holds 1/x_i.",
    references=[parr_howard("4.5.3 Vector chain rule", note="∂f/∂g = diag(∂f_i/∂g_i) for element-wise f")],
    aliases=["derivative of log elementwise", "Jacobian of logarithm", "elementwise log gradient"],
)

Derivative(
    id="UDCE",
    title="Jacobian of the element-wise sine",
    latex=r"\frac{\partial \sin(x)}{\partial x} = \operatorname{diag}\left(\cos(x)\right)",
    variables={"x": Vector("n")},
    wrt="x",
    layout="numerator",
    f=lambda x: np.sin(x),
    claimed=lambda x: np.diag(np.cos(x)),
    references=[parr_howard("4.5.3 Vector chain rule", note="∂f/∂g = diag(∂f_i/∂g_i) for element-wise f")],
    aliases=["derivative of sin elementwise", "Jacobian of sine", "elementwise trig derivative"],
)

Derivative(
    id="7Z06",
    title="Jacobian of the logistic sigmoid",
    latex=r"\frac{\partial \sigma(x)}{\partial x} = \operatorname{diag}\left(\sigma(x) \circ (1 - \sigma(x))\right)",
    variables={"x": Vector("n")},
    symbols={r"\sigma": "the logistic sigmoid σ(t) = 1/(1 + e^{−t}), applied entry-wise",
             r"\mathbf{1}": "the vector of n ones"},
    wrt="x",
    layout="numerator",
    f=lambda x: 1.0 / (1.0 + np.exp(-x)),
    claimed=lambda x: np.diag(sigmoid(x) * (1.0 - sigmoid(x))),
    derivation=[
        Step(r"\mathrm{d}\sigma(x) = \mathrm{d}\left(\mathbf{1} \oslash (\mathbf{1} + \exp(-x))\right) = \frac{\exp(-x) \circ \mathrm{d}x}{(\mathbf{1} + \exp(-x))^{2}}",
             lambda D: D(), lambda x, dx: np.exp(-x) * dx / (1.0 + np.exp(-x)) ** 2, uses=["GM1Z", "MMPZ"]),
        Step(r"= \sigma(x) \circ (1 - \sigma(x)) \circ \mathrm{d}x = \operatorname{diag}\left(\sigma(x) \circ (1 - \sigma(x))\right)\mathrm{d}x \;\Rightarrow\; \frac{\partial \sigma(x)}{\partial x} = \operatorname{diag}\left(\sigma(x) \circ (1 - \sigma(x))\right)",
             lambda x, dx: sigmoid(x) * (1.0 - sigmoid(x)) * dx,
             lambda x, dx: np.diag(sigmoid(x) * (1.0 - sigmoid(x))) @ dx),
    ],
    notes="The derivative of σ is σ times (1 − σ): it comes from the forward value alone.",
    references=[ref("goodfellow-2016", "§3.10 Useful properties of common functions"),
                parr_howard("4.5.3 Vector chain rule", note="∂f/∂g = diag(∂f_i/∂g_i) for element-wise f")],
    aliases=["sigmoid derivative", "logistic function gradient", "sigma times one minus sigma"],
)

Derivative(
    id="0MJ8",
    title="Jacobian of the element-wise tanh",
    latex=r"\frac{\partial \tanh(x)}{\partial x} = \operatorname{diag}\left(1 - \tanh^{2}(x)\right)",
    variables={"x": Vector("n")},
    wrt="x",
    layout="numerator",
    f=lambda x: np.tanh(x),
    claimed=lambda x: np.diag(1.0 / np.cosh(x) ** 2),
    also=[
        Formula(r"1 - \tanh^{2}(x) = \operatorname{sech}^{2}(x)", lambda x: 1.0 - np.tanh(x) ** 2,
                lambda x: 1.0 / np.cosh(x) ** 2),
    ],
    derivation=[
        Step(r"\mathrm{d}\tanh(x) = \mathrm{d}\left(\sinh(x) \oslash \cosh(x)\right) = \frac{\cosh(x) \circ \mathrm{d}\sinh(x) - \sinh(x) \circ \mathrm{d}\cosh(x)}{\cosh^{2}(x)}",
             lambda D: D(), lambda x, D: (np.cosh(x) * D(_sinh) - np.sinh(x) * D(_cosh)) / np.cosh(x) ** 2,
             uses=["E341", "03AH", "GM1Z"]),
        Step(r"= \frac{\cosh^{2}(x) - \sinh^{2}(x)}{\cosh^{2}(x)} \circ \mathrm{d}x = \left(1 - \tanh^{2}(x)\right) \circ \mathrm{d}x",
             lambda x, dx: (np.cosh(x) ** 2 - np.sinh(x) ** 2) / np.cosh(x) ** 2 * dx,
             lambda x, dx: (1.0 - np.tanh(x) ** 2) * dx),
        Step(r"= \operatorname{diag}\left(1 - \tanh^{2}(x)\right)\mathrm{d}x \;\Rightarrow\; \frac{\partial \tanh(x)}{\partial x} = \operatorname{diag}\left(1 - \tanh^{2}(x)\right)",
             lambda x, dx: dx - np.tanh(x) ** 2 * dx, lambda x, dx: np.diag(1.0 - np.tanh(x) ** 2) @ dx),
    ],
    notes="The derivative of tanh is 1 − tanh², also written sech², entry by entry; it comes from the forward "
          "value alone.",
    references=[parr_howard("4.5.3 Vector chain rule", note="∂f/∂g = diag(∂f_i/∂g_i) for element-wise f")],
    aliases=["tanh derivative", "hyperbolic tangent gradient", "sech squared"],
)

Derivative(
    id="R8DW",
    title="Jacobian of the ReLU activation, max(0, x)",
    latex=r"\frac{\partial \max(0, x)}{\partial x} = \operatorname{diag}\left(\operatorname{step}(x)\right)",
    variables={"x": Vector("n", "nonzero_entries")},
    symbols={"i": "an index, 1 ≤ i ≤ n"},
    wrt="x",
    layout="numerator",
    f=lambda x: np.maximum(0.0, x),
    claimed=lambda x: np.diag(np.where(x > 0, 1.0, 0.0)),
    notes="step(t) is 1 for t > 0 and 0 for t < 0. At 0 ReLU has no derivative (a kink); deep-learning "
          "libraries use 0 there by convention, a subgradient. The check keeps every entry at least 0.3 away "
          "from the kink.",
    errata=[Erratum(parr_howard("5 The gradient of neuron activation"),
                    "Parr & Howard (§5) print the derivative of max(0, x) by the vector x as a vertical vector of "
                    "zeros and ones. That vector is the diagonal of the Jacobian; the Jacobian itself (numerator "
                    "or denominator layout alike) is the n × n matrix diag(step(x)). They also give the derivative "
                    "0 for entries x_i ≤ 0, which at 0 itself is a convention (a subgradient), not a derivative.",
                    printed=r"\frac{\partial}{\partial x}\max(0, x) = \begin{bmatrix} \vdots \\ \begin{cases} 0 & x_{i} \le 0 \\ 1 & x_{i} > 0 \end{cases} \\ \vdots \end{bmatrix}",
                    claimed=lambda x: np.where(x > 0, 1.0, 0.0))],
    references=[parr_howard("5 The gradient of neuron activation", note="printed as the vector of diagonal "
                            "entries, with 0 at the kink by convention")],
    aliases=["ReLU derivative", "ReLU Jacobian", "rectified linear unit gradient", "derivative of max(0, x)", "step function derivative of max"],
)

Derivative(
    id="XWT3",
    title="Jacobian of softplus: the sigmoid",
    latex=r"\frac{\partial \log\left(1 + \exp(x)\right)}{\partial x} = \operatorname{diag}\left(\sigma(x)\right)",
    variables={"x": Vector("n")},
    symbols={r"\sigma": "the logistic sigmoid σ(t) = 1/(1 + e^{−t}), applied entry-wise"},
    wrt="x",
    layout="numerator",
    f=lambda x: np.logaddexp(0.0, x),
    claimed=lambda x: np.diag(sigmoid(x)),
    derivation=[
        Step(r"\mathrm{d}\log\left(1 + \exp(x)\right) = \mathrm{d}\left(1 + \exp(x)\right) \oslash \left(1 + \exp(x)\right)",
             lambda D: D(), lambda x, D: D(_one_plus_exp) / (1.0 + np.exp(x)), uses=["X064"]),
        Step(r"= \left(\exp(x) \circ \mathrm{d}x\right) \oslash \left(1 + \exp(x)\right)",
             lambda x, D: D(_one_plus_exp) * (1.0 / (1.0 + np.exp(x))), lambda x, dx: np.exp(x) * dx / (1.0 + np.exp(x)),
             uses=["9K5K", "MMPZ"]),
        Step(r"= \sigma(x) \circ \mathrm{d}x = \operatorname{diag}\left(\sigma(x)\right)\mathrm{d}x \;\Rightarrow\; \frac{\partial \log\left(1 + \exp(x)\right)}{\partial x} = \operatorname{diag}\left(\sigma(x)\right)",
             lambda x, dx: sigmoid(x) * dx, lambda x, dx: np.diag(sigmoid(x)) @ dx),
    ],
    notes="softplus, the function log(1 + exp(t)), is a smooth ReLU; its derivative is the sigmoid.",
    references=[ref("goodfellow-2016", "§3.10 Useful properties of common functions"),
                parr_howard("4.5.3 Vector chain rule", note="∂f/∂g = diag(∂f_i/∂g_i) for element-wise f")],
    aliases=["softplus derivative", "derivative of log(1+exp(x))", "smooth relu gradient"],
)

Derivative(
    id="EPZJ",
    title="Jacobian of the element-wise absolute value",
    latex=r"\frac{\partial |x|}{\partial x} = \operatorname{diag}\left(\operatorname{sign}(x)\right)",
    variables={"x": Vector("n", "nonzero_entries")},
    wrt="x",
    layout="numerator",
    f=lambda x: np.abs(x),
    claimed=lambda x: np.diag(np.sign(x)),
    notes="Valid where no entry is zero; at 0, |t| has a kink and only subgradients in [−1, 1] exist.",
    sketch="|t| is t for t > 0 and −t for t < 0, so its derivative is sign(t) away from 0.",
    references=[parr_howard("4.5.3 Vector chain rule", note="∂f/∂g = diag(∂f_i/∂g_i) for element-wise f")],
    aliases=["derivative of absolute value", "sign function gradient", "abs elementwise Jacobian"],
)

Derivative(
    id="BXAA",
    title="Jacobian of the element-wise power x^p",
    latex=r"\frac{\partial x^{p}}{\partial x} = \operatorname{diag}\left(p\,x^{p-1}\right)",
    variables={"x": Vector("n", "positive"), "p": Scalar(description="a real exponent, fixed")},
    wrt="x",
    layout="numerator",
    f=lambda x, p: x**p,
    claimed=lambda x, p: np.diag(p * x ** (p - 1)),
    derivation=[
        Step(r"\mathrm{d}\left(x^{p}\right) = p\,x^{p-1} \circ \mathrm{d}x", lambda D: D(),
             lambda x, p, dx: p * x ** (p - 1) * dx, uses=["48ZE"]),
        Step(r"= \operatorname{diag}\left(p\,x^{p-1}\right)\mathrm{d}x \;\Rightarrow\; \frac{\partial x^{p}}{\partial x} = \operatorname{diag}\left(p\,x^{p-1}\right)",
             lambda x, p, dx: dx * (p * x ** (p - 1)), lambda x, p, dx: np.diag(p * x ** (p - 1)) @ dx),
    ],
    notes="The power acts entry by entry. Checked for real p and positive entries; for an integer p it holds "
          "for every nonzero entry.",
    references=[parr_howard("2 Review: Scalar derivative rules", note="the power rule, applied entry-wise"),
                parr_howard("4.5.3 Vector chain rule", note="∂f/∂g = diag(∂f_i/∂g_i) for element-wise f")],
    aliases=["elementwise power derivative", "Jacobian of x squared elementwise", "power rule vector"],
)

# --------------------------------------------------------------------------------------------
# Hadamard-product forms

Derivative(
    id="GVKN",
    title="Gradient of sum(A ∘ X)",
    latex=r"\frac{\partial}{\partial X}\operatorname{sum}(A \circ X) = A",
    variables={"A": Matrix("m", "n"), "X": Matrix("m", "n")},
    symbols={"i": "the row index", "j": "the column index"},
    wrt="X",
    layout="denominator",
    f=lambda A, X: np.sum(A * X),
    claimed=lambda A, X: A.copy(),
    other_layout=(r"\frac{\partial}{\partial X}\operatorname{sum}(A \circ X) = A^{\top}", lambda A, X: A.T),
    differential=(r"\mathrm{d}\operatorname{sum}(A \circ X) = \operatorname{sum}(A \circ \mathrm{d}X) = \operatorname{tr}(A^{\top}\mathrm{d}X)",
                  lambda A, dX: np.trace(A.T @ dX)),
    also=[
        Formula(r"\operatorname{sum}(A \circ X) = \sum_{ij} A_{ij} X_{ij} = \operatorname{tr}(A^{\top}X)",
                lambda A, X: np.sum(A * X), lambda A, X: np.einsum("ij,ij->", A, X), lambda A, X: np.trace(A.T @ X)),
    ],
    derivation=[
        Step(r"\mathrm{d}\operatorname{sum}(A \circ X) = \operatorname{sum}\left(\mathrm{d}A \circ X + A \circ \mathrm{d}X\right) = \operatorname{sum}(A \circ \mathrm{d}X)",
             lambda D: D(), lambda A, dX: np.sum(A * dX), uses=["E341", "6Q8H", "XUDY"]),
        Step(r"= \operatorname{tr}(A^{\top}\mathrm{d}X) \;\Rightarrow\; \frac{\partial}{\partial X}\operatorname{sum}(A \circ X) = A",
             lambda A, dX: (A * dX).sum(), lambda A, dX: np.trace(A.T @ dX)),
    ],
    notes="sum(A ∘ X), the sum over i and j of A_ij X_ij, is tr(AᵀX), the Frobenius inner product of A and X.",
    references=[cookbook(100, note="with A replaced by Aᵀ, since sum(A ∘ X) = tr(XAᵀ)")],
    aliases=["Frobenius inner product gradient", "sum of Hadamard product derivative", "derivative of tr(A^T X)"],
    symbolic=lambda A, X: sp.Trace(A.T * X),
)

Derivative(
    id="X2VK",
    title="Gradient of tr(diag(x) A)",
    latex=r"\frac{\partial}{\partial x}\operatorname{tr}\left(\operatorname{diag}(x)\,A\right) = \operatorname{diag}(A)^{\top}",
    variables={"x": Vector("n"), "A": Matrix("n", "n", "square")},
    symbols={"i": "an index, 1 ≤ i ≤ n"},
    wrt="x",
    layout="numerator",
    f=lambda x, A: np.trace(np.diag(x) @ A),
    claimed=lambda x, A: np.diagonal(A)[None, :],
    also=[
        Formula(r"\operatorname{tr}\left(\operatorname{diag}(x)\,A\right) = \sum_{i} x_{i} A_{ii}",
                lambda x, A: np.trace(np.diag(x) @ A), lambda x, A: np.sum(x * np.diagonal(A))),
    ],
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}\left(\operatorname{diag}(x)\,A\right) = \operatorname{tr}\left(\mathrm{d}\operatorname{diag}(x)\,A\right) = \operatorname{tr}\left(\operatorname{diag}(\mathrm{d}x)\,A\right)",
             lambda D: D(), lambda A, dx: np.trace(np.diag(dx) @ A), uses=["U00N", "8CQG", "6Q8H"]),
        Step(r"= \operatorname{diag}(A)^{\top}\mathrm{d}x \;\Rightarrow\; \frac{\partial}{\partial x}\operatorname{tr}\left(\operatorname{diag}(x)\,A\right) = \operatorname{diag}(A)^{\top}",
             lambda A, dx: np.trace(A @ np.diag(dx)), lambda A, dx: np.diagonal(A) @ dx),
    ],
    notes="Here diag(A) is the vector of diagonal entries of A (while diag(x) builds a matrix); the trace is the "
          "sum of x_i A_ii, so the off-diagonal entries of A do not matter.",
    aliases=["trace of diagonal matrix times A", "gradient of weighted trace", "diag and trace derivative"],
)

Derivative(
    id="33AR",
    title="Gradient of the weighted sum of squares xᵀdiag(w)x with respect to x",
    latex=r"\frac{\partial}{\partial x}\left(x^{\top}\operatorname{diag}(w)\,x\right) = 2\,(w \circ x)^{\top}",
    variables={"x": Vector("n"), "w": Vector("n")},
    symbols={"i": "an index, 1 ≤ i ≤ n"},
    wrt="x",
    layout="numerator",
    f=lambda x, w: x @ (w * x),
    claimed=lambda x, w: (2 * w * x)[None, :],
    differential=(r"\mathrm{d}\left(x^{\top}\operatorname{diag}(w)\,x\right) = 2\,(w \circ x)^{\top}\mathrm{d}x",
                  lambda x, w, dx: 2 * (w * x) @ dx),
    also=[
        Formula(r"x^{\top}\operatorname{diag}(w)\,x = \sum_{i} w_{i} x_{i}^{2}", lambda x, w: x @ np.diag(w) @ x,
                lambda x, w: np.sum(w * x**2)),
    ],
    derivation=[
        Step(r"\mathrm{d}\left(x^{\top}\operatorname{diag}(w)\,x\right) = (\mathrm{d}x)^{\top}\operatorname{diag}(w)\,x + x^{\top}\operatorname{diag}(w)\,\mathrm{d}x",
             lambda D: D(), lambda x, w, dx: dx @ np.diag(w) @ x + x @ np.diag(w) @ dx, uses=["8CQG", "TBSX", "6Q8H"]),
        Step(r"= 2\,x^{\top}\operatorname{diag}(w)\,\mathrm{d}x = 2\,(w \circ x)^{\top}\mathrm{d}x \;\Rightarrow\; \frac{\partial}{\partial x}\left(x^{\top}\operatorname{diag}(w)\,x\right) = 2\,(w \circ x)^{\top}",
             lambda x, w, dx: 2 * x @ np.diag(w) @ dx, lambda x, w, dx: 2 * np.sum(w * x * dx)),
    ],
    notes="A weighted squared norm: the sum of w_i x_i². The numerator-layout gradient is a row; the Cookbook's "
          "(denominator) column is 2 w ∘ x.",
    references=[cookbook(81, note="∂xᵀBx/∂x = (B + Bᵀ)x with B = diag(w)")],
    aliases=["weighted least squares gradient", "weighted squared norm derivative", "quadratic form with diagonal matrix"],
)

Derivative(
    id="XH5G",
    title="Gradient of xᵀdiag(w)x with respect to the weights w",
    latex=r"\frac{\partial}{\partial w}\left(x^{\top}\operatorname{diag}(w)\,x\right) = (x \circ x)^{\top}",
    variables={"x": Vector("n"), "w": Vector("n")},
    wrt="w",
    layout="numerator",
    f=lambda x, w: x @ (w * x),
    claimed=lambda x, w: (x * x)[None, :],
    derivation=[
        Step(r"\mathrm{d}\left(x^{\top}\operatorname{diag}(w)\,x\right) = x^{\top}\operatorname{diag}(\mathrm{d}w)\,x",
             lambda D: D(), lambda x, dw: x @ np.diag(dw) @ x, uses=["8CQG", "6Q8H"]),
        Step(r"= (x \circ x)^{\top}\mathrm{d}w \;\Rightarrow\; \frac{\partial}{\partial w}\left(x^{\top}\operatorname{diag}(w)\,x\right) = (x \circ x)^{\top}",
             lambda x, dw: np.sum(x * dw * x), lambda x, dw: (x * x) @ dw),
    ],
    notes="The form is linear in w, the sum of w_i x_i², so the partial by w_i is x_i².",
    references=[cookbook(69, note="∂aᵀw/∂w = a with a = x ∘ x")],
    aliases=["gradient with respect to diagonal weights", "derivative of weighted norm by weights",
             "diag weight gradient"],
)

Derivative(
    id="XYS2",
    title="Gradient of (a ∘ x)ᵀ(b ∘ x)",
    latex=r"\frac{\partial}{\partial x}\left((a \circ x)^{\top}(b \circ x)\right) = 2\,(a \circ b \circ x)^{\top}",
    variables={"a": Vector("n"), "b": Vector("n"), "x": Vector("n")},
    wrt="x",
    layout="numerator",
    f=lambda a, b, x: (a * x) @ (b * x),
    claimed=lambda a, b, x: (2 * a * b * x)[None, :],
    also=[
        Formula(r"(a \circ x)^{\top}(b \circ x) = x^{\top}\operatorname{diag}(a \circ b)\,x",
                lambda a, b, x: (a * x) @ (b * x), lambda a, b, x: x @ np.diag(a * b) @ x),
    ],
    derivation=[
        Step(r"\mathrm{d}\left((a \circ x)^{\top}(b \circ x)\right) = (a \circ \mathrm{d}x)^{\top}(b \circ x) + (a \circ x)^{\top}(b \circ \mathrm{d}x)",
             lambda D: D(), lambda a, b, x, dx: (a * dx) @ (b * x) + (a * x) @ (b * dx), uses=["8CQG", "E341", "TBSX"]),
        Step(r"= 2\,(a \circ b \circ x)^{\top}\mathrm{d}x \;\Rightarrow\; \frac{\partial}{\partial x}\left((a \circ x)^{\top}(b \circ x)\right) = 2\,(a \circ b \circ x)^{\top}",
             lambda a, b, x, dx: 2 * (a * x) @ (b * dx), lambda a, b, x, dx: 2 * (a * b * x) @ dx),
    ],
    notes="The Hadamard factors combine into one diagonal weight, diag(a ∘ b), so this is a weighted squared "
          "norm of x.",
    references=[cookbook(81, note="∂xᵀBx/∂x = (B + Bᵀ)x with B = diag(a ∘ b)")],
    aliases=["inner product of Hadamard products", "derivative of elementwise product inner product",
             "diagonal quadratic form gradient"],
)
