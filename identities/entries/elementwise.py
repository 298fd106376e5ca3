"""Element-wise operations.

The scalar derivative rules, gradients and Jacobians, and the Jacobians of element-wise binary
operators, scalar expansion, sum reductions and element-wise functions, as Parr & Howard (2018)
present them: in numerator layout, where the rows of a Jacobian are the outputs and the gradient
of a scalar is a row vector (a 1-D array here).
"""
import numpy as np

from identities import Derivative, Matrix, Scalar, Vector, cookbook, parr_howard, ref
from identities.entries import sigmoid
from identities.symbolic import sp


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
    notes="The rule d c/dx = 0 on its own has a zero claim, which no wrong answer could fail to match; it is "
          "checked where it matters, as a constant c added to a function (x³ here): whatever c is, the "
          "derivative does not change. Parr & Howard's example is d/dx 99 = 0.",
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
    notes="Checked for real exponents n and x > 0, where x^n is defined; for an integer n it holds for every "
          "x ≠ 0 (every x when n ≥ 1). Parr & Howard's example: d/dx x³ = 3x².",
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
    notes="A constant factor moves outside the derivative: d(cf)/dx = c df/dx, shown with f = sin. "
          "Parr & Howard's example: d/dx 3x = 3.",
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
    notes="d(f + g)/dx = df/dx + dg/dx, on Parr & Howard's example.",
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
    notes="d(f − g)/dx = df/dx − dg/dx, on Parr & Howard's example.",
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
    notes="d(fg)/dx = f dg/dx + df/dx g. Parr & Howard's example, d/dx x²x = x² + x·2x = 3x², collapses to the "
          "power rule, so two different factors are used here.",
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
    claimed=lambda v: np.array([6 * v[0] * v[1], 3 * v[0] ** 2]),
    notes="The gradient collects the partial derivatives; Parr & Howard write it as a horizontal vector "
          "(numerator layout). Each partial treats the other argument as a constant.",
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
    notes="A product rule for Jacobians: ∂(f(x) ∘ g(x))/∂x = diag(g) ∂f/∂x + diag(f) ∂g/∂x. Each output "
          "depends on every entry of x here, so the Jacobian is full, not diagonal: the element-wise diagonal "
          "condition of Parr & Howard §4.2 does not hold.",
    sketch="Output i is (a_iᵀx)(b_iᵀx) with a_iᵀ, b_iᵀ the rows of A and B; by the scalar product rule its "
               "gradient is (b_iᵀx) a_iᵀ + (a_iᵀx) b_iᵀ, which is row i of diag(Bx)A + diag(Ax)B.",
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
    wrt="w",
    layout="numerator",
    f=lambda w, x: np.sin(w) * np.exp(x),
    claimed=lambda w, x: np.diag(np.cos(w) * np.exp(x)),
    notes="When output i of y = f(w) ○ g(x) depends only on w_i and x_i (Parr & Howard's element-wise diagonal "
          "condition), the Jacobian is diagonal: ∂y/∂w = diag(∂(f_i(w_i) ○ g_i(x_i))/∂w_i). Shown with f = sin, "
          "g = exp and ○ the element-wise product.",
    errata="The summary in §8.2 prints the generic element-wise operation with second row f_n(w) ○ g_2(x); "
           "f_2(w) ○ g_2(x) is meant (the body of §4.2 has it right).",
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
    notes="Adding a scalar to a vector broadcasts it: x + z means x + 1z.",
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
    wrt="x",
    layout="numerator",
    f=lambda x, z: x - z,
    claimed=lambda x, z: np.eye(x.shape[0]),
    notes="Parr & Howard state scalar expansion for + and × only; − and ÷ follow from the same element-wise rule.",
    sketch="Entry i of x − 1z is x_i − z, so the Jacobian by x is diag(∂(x_i − z)/∂x_i) = diag(1) = I.",
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
    notes="Parr & Howard state scalar expansion for + and × only; − and ÷ follow from the same element-wise rule.",
    sketch="Entry i of x − 1z is x_i − z, whose derivative by z is −1.",
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
    notes="Parr & Howard state scalar expansion for + and × only; − and ÷ follow from the same element-wise rule.",
    sketch="Entry i of x ⊘ 1z is x_i / z, so the Jacobian by x is diag(1/z) = I/z.",
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
    notes="Parr & Howard state scalar expansion for + and × only; − and ÷ follow from the same element-wise rule.",
    sketch="Entry i of x ⊘ 1z is x_i / z, whose derivative by z is −x_i/z².",
    references=[parr_howard("4.3 Derivatives involving scalar expansion", note="the paper treats + and ×; "
                            "this case follows by the same rule")],
    aliases=["derivative by the divisor", "scalar expansion division", "normalisation by a scalar derivative"],
)

# --------------------------------------------------------------------------------------------
# Sum reductions (§4.4, summary §8.4): the gradient of a scalar is a row, here a 1-D array.

Derivative(
    id="XUDY",
    title="Gradient of sum(x)",
    latex=r"\frac{\partial \operatorname{sum}(x)}{\partial x} = \mathbf{1}^{\top}",
    variables={"x": Vector("n")},
    symbols={r"\mathbf{1}": "the vector of n ones"},
    wrt="x",
    layout="numerator",
    f=lambda x: np.sum(x),
    claimed=lambda x: np.ones(x.shape[0]),
    other_layout=(r"\frac{\partial \operatorname{sum}(x)}{\partial x} = \mathbf{1}", lambda x: np.ones(x.shape[0])),
    notes="Parr & Howard stress that the gradient is the horizontal 1ᵀ (numerator layout); denominator-layout "
          "sources write the column 1. Both are the same array of ones.",
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
    claimed=lambda A, x: A.sum(axis=0),
    notes="For y = sum(f(x)) the gradient entry j is Σ_i ∂f_i/∂x_j, the sum of column j of the Jacobian of f, "
          "i.e. 1ᵀ ∂f/∂x. Each f_i may use every entry of x. Shown with f(x) = Ax.",
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
    claimed=lambda x, z: z * np.ones(x.shape[0]),
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
    claimed=lambda w, x: w.copy(),
    notes="w · x = sum(w ∘ x): the sum reduction composed with the element-wise product. By symmetry "
          "∂(w · x)/∂w = xᵀ, the gradient of a neuron's affine function by its weights (Parr & Howard §5).",
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
    symbols={r"\sigma": "the logistic sigmoid σ(t) = 1/(1 + e^{−t}), applied entry-wise"},
    wrt="x",
    layout="numerator",
    f=lambda x: 1.0 / (1.0 + np.exp(-x)),
    claimed=lambda x: np.diag(sigmoid(x) * (1.0 - sigmoid(x))),
    notes="σ′(t) = σ(t)(1 − σ(t)): the derivative comes from the forward value alone.",
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
    notes="tanh′(t) = 1 − tanh²(t) = sech²(t), entry by entry.",
    sketch="tanh = sinh/cosh; the quotient rule gives (cosh² − sinh²)/cosh² = 1/cosh² = 1 − tanh².",
    references=[parr_howard("4.5.3 Vector chain rule", note="∂f/∂g = diag(∂f_i/∂g_i) for element-wise f")],
    aliases=["tanh derivative", "hyperbolic tangent gradient", "sech squared"],
)

Derivative(
    id="R8DW",
    title="Jacobian of the ReLU activation, max(0, x)",
    latex=r"\frac{\partial \max(0, x)}{\partial x} = \operatorname{diag}\left(\operatorname{step}(x)\right)",
    variables={"x": Vector("n", "nonzero_entries")},
    wrt="x",
    layout="numerator",
    f=lambda x: np.maximum(0.0, x),
    claimed=lambda x: np.diag(np.where(x > 0, 1.0, 0.0)),
    notes="step(t) = 1 for t > 0 and 0 for t < 0. At t = 0 ReLU has no derivative (a kink); deep-learning "
          "libraries use 0 there by convention, a subgradient. The check keeps every entry at least 0.3 away "
          "from the kink.",
    errata="Parr & Howard (§5) print ∂max(0, x)/∂x as a vertical vector of zeros and ones. That vector is the "
           "diagonal of the Jacobian; the Jacobian itself (numerator or denominator layout alike) is the n × n "
           "matrix diag(step(x)). They also give the derivative 0 for x_i ≤ 0, which at x_i = 0 is a "
           "convention, not a derivative.",
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
    notes="softplus(t) = log(1 + e^t) is a smooth ReLU; its derivative is the sigmoid.",
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
    sketch="|t| = t for t > 0 and −t for t < 0, so its derivative is sign(t) away from 0.",
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
    wrt="X",
    layout="denominator",
    f=lambda A, X: np.sum(A * X),
    claimed=lambda A, X: A.copy(),
    other_layout=(r"\frac{\partial}{\partial X}\operatorname{sum}(A \circ X) = A^{\top}", lambda A, X: A.T),
    differential=r"\mathrm{d}\operatorname{sum}(A \circ X) = \operatorname{sum}(A \circ \mathrm{d}X) = \operatorname{tr}(A^{\top}\mathrm{d}X)",
    notes="sum(A ∘ X) = Σ_ij A_ij X_ij = tr(AᵀX), the Frobenius inner product of A and X.",
    references=[cookbook(100, note="with A replaced by Aᵀ, since sum(A ∘ X) = tr(XAᵀ)")],
    aliases=["Frobenius inner product gradient", "sum of Hadamard product derivative", "derivative of tr(A^T X)"],
    symbolic=lambda A, X: sp.Trace(A.T * X),
)

Derivative(
    id="X2VK",
    title="Gradient of tr(diag(x) A)",
    latex=r"\frac{\partial}{\partial x}\operatorname{tr}\left(\operatorname{diag}(x)\,A\right) = \operatorname{diag}(A)^{\top}",
    variables={"x": Vector("n"), "A": Matrix("n", "n", "square")},
    wrt="x",
    layout="numerator",
    f=lambda x, A: np.trace(np.diag(x) @ A),
    claimed=lambda x, A: np.diagonal(A).copy(),
    notes="Here diag(A) is the vector of diagonal entries of A (while diag(x) builds a matrix): "
          "tr(diag(x)A) = Σ_i x_i A_ii. Off-diagonal entries of A do not matter.",
    sketch="tr(diag(x)A) = Σ_i x_i A_ii, so the partial by x_i is A_ii.",
    aliases=["trace of diagonal matrix times A", "gradient of weighted trace", "diag and trace derivative"],
)

Derivative(
    id="33AR",
    title="Gradient of the weighted sum of squares xᵀdiag(w)x with respect to x",
    latex=r"\frac{\partial}{\partial x}\left(x^{\top}\operatorname{diag}(w)\,x\right) = 2\,(w \circ x)^{\top}",
    variables={"x": Vector("n"), "w": Vector("n")},
    wrt="x",
    layout="numerator",
    f=lambda x, w: x @ (w * x),
    claimed=lambda x, w: 2 * w * x,
    differential=r"\mathrm{d}\left(x^{\top}\operatorname{diag}(w)\,x\right) = 2\,(w \circ x)^{\top}\mathrm{d}x",
    notes="xᵀdiag(w)x = Σ_i w_i x_i²: a weighted squared norm. The numerator-layout gradient is a row; the "
          "Cookbook's (denominator) column is 2 w ∘ x.",
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
    claimed=lambda x, w: x * x,
    notes="The form is linear in w: Σ_i w_i x_i², so the partial by w_i is x_i².",
    sketch="xᵀdiag(w)x = Σ_i w_i x_i² = (x ∘ x)ᵀw, a linear function of w.",
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
    claimed=lambda a, b, x: 2 * a * b * x,
    notes="(a ∘ x)ᵀ(b ∘ x) = xᵀdiag(a ∘ b)x: the Hadamard factors combine into one diagonal weight.",
    sketch="(a ∘ x)ᵀ(b ∘ x) = Σ_i a_i b_i x_i², whose partial by x_i is 2 a_i b_i x_i.",
    references=[cookbook(81, note="∂xᵀBx/∂x = (B + Bᵀ)x with B = diag(a ∘ b)")],
    aliases=["inner product of Hadamard products", "derivative of elementwise product inner product",
             "diagonal quadratic form gradient"],
)
