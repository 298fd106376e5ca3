"""Complex matrices.

The Matrix Cookbook's chapter 4, eqs. (225)–(259): derivatives of functions of complex variables under
the Cookbook's conventions (by the real and imaginary parts, the generalised derivatives ∂/∂z and ∂/∂z̄,
the complex gradient), derivatives of traces and determinants of complex matrices, and the inverse of
a complex sum.

The conventions, in words. A function of a complex variable z is a function of two real variables, the
real part and the imaginary part of z, and every convention below is built from its two partial
derivatives by them. The partial derivative by the real part and the partial derivative by the imaginary
part are what (226)–(228) and the trace tables of §4.1.2 list. The generalised complex derivative ∂f/∂z is
half of the derivative by the real part minus i times the derivative by the imaginary part; the conjugate
complex derivative ∂f/∂z̄ is half of the derivative by the real part plus i times the derivative by the
imaginary part (these two are the Wirtinger derivatives: differentiate treating z and its conjugate as
independent). For an analytic (holomorphic) f the conjugate derivative is zero and ∂f/∂z is the ordinary
complex derivative. The complex gradient of a real-valued f is the derivative by the real part plus i
times the derivative by the imaginary part, twice the conjugate derivative: it points uphill, so gradient
descent steps against it.

Automatic differentiation frameworks differ here. For a real-valued loss of a complex tensor, PyTorch's
backward() leaves the complex gradient in .grad (for the squared modulus of a complex number, twice the
number), whereas jax.grad returns its complex conjugate, twice the generalised derivative ∂f/∂z (for the
squared modulus, twice the conjugate of the number). Both are checked below on the least-squares loss,
the squared Frobenius norm of the residual AX − B.

Every entry here is checked by differencing f along random real directions of the real part and of the
imaginary part separately and combining the two as the entry's convention says, so a claim that holds
only for analytic f, or one conjugated, fails.
"""
import numpy as np

from identities import ComplexDerivative, Equality, Erratum, Formula, Matrix, Scalar, Vector, cookbook
from identities.entries import well_conditioned

inv = np.linalg.inv


def _h(A):
    """The conjugate transpose."""
    return np.conj(A).T


def _reim(Z):
    """A complex matrix as its real and imaginary parts, stacked: compared part by part."""
    Z = np.asarray(Z)
    return np.stack([Z.real, Z.imag])


I_UNIT = {"i": "the imaginary unit"}

# --------------------------------------------------------------------------------------------
# (225) The complex product as a real 2 × 2 matrix

Equality(
    id="BU8Q",
    title="Complex multiplication as a real 2 × 2 matrix acting on the real and imaginary parts",
    latex=r"r = pq:\quad \begin{bmatrix}\Re r \\ \Im r\end{bmatrix} = \begin{bmatrix}\Re p & -\Im p \\ "
          r"\Im p & \Re p\end{bmatrix}\begin{bmatrix}\Re q \\ \Im q\end{bmatrix}",
    variables={"p": Scalar("complex"), "q": Scalar("complex")},
    symbols={"r": "the complex product pq"},
    lhs=lambda p, q: np.array([(p * q).real, (p * q).imag]),
    rhs=lambda p, q: np.array([[p.real, -p.imag], [p.imag, p.real]]) @ np.array([q.real, q.imag]),
    notes="Multiplying by p is a real-linear map of the plane: a rotation by the argument of p scaled by its "
          "modulus. Its matrix has the real part of p on the diagonal and the imaginary part of p off it, with "
          "the minus sign above the diagonal; with the sign below, the matrix multiplies by the conjugate of p "
          "instead, which the check rejects.",
    references=[cookbook(225)],
    aliases=["complex multiplication as a matrix", "real representation of a complex number",
             "complex number as 2x2 real matrix", "rotation scaling matrix"],
)

# --------------------------------------------------------------------------------------------
# §4.1 Complex derivatives: the Cauchy–Riemann equations (226)–(228)

ComplexDerivative(
    id="NJ89",
    title="Cauchy–Riemann: the derivative of an analytic function is its derivative by the real part",
    latex=r"\frac{\mathrm{d}f(z)}{\mathrm{d}z} = \frac{\partial \Re f(z)}{\partial \Re z} + i\,"
          r"\frac{\partial \Im f(z)}{\partial \Re z} = a\cos(az),\quad f(z) = \sin(az)",
    variables={"a": Scalar("complex"), "z": Scalar("complex")},
    symbols={"f": "an analytic function of z; here sin(az)", **I_UNIT},
    wrt="z",
    convention="real",
    f=lambda a, z: np.sin(a * z),
    claimed=lambda a, z: a * np.cos(a * z),
    notes="For an analytic f the limit defining the derivative is the same from every direction; along the real "
          "axis it is the derivative by the real part of z, whose real and imaginary parts are the two terms "
          "shown. The check differences sin(az) along real steps of z and compares with a cos(az), the "
          "derivative of the sine.",
    references=[cookbook(226)],
    related=["RAMY", "VJ81"],
    aliases=["Cauchy-Riemann equations", "complex derivative of analytic function", "holomorphic derivative",
             "derivative along the real axis"],
)

ComplexDerivative(
    id="RAMY",
    title="Cauchy–Riemann: the derivative of an analytic function from its derivative by the imaginary part",
    latex=r"\frac{\mathrm{d}f(z)}{\mathrm{d}z} = -i\,\frac{\partial \Re f(z)}{\partial \Im z} + "
          r"\frac{\partial \Im f(z)}{\partial \Im z} = a e^{az} \quad\Longleftrightarrow\quad "
          r"\frac{\partial f(z)}{\partial \Im z} = i\,\frac{\mathrm{d}f(z)}{\mathrm{d}z} = i a e^{az},\quad f(z) = e^{az}",
    variables={"a": Scalar("complex"), "z": Scalar("complex")},
    symbols={"f": "an analytic function of z; here the exponential of az", "e": "the base of the natural logarithm",
             **I_UNIT},
    wrt="z",
    convention="imag",
    f=lambda a, z: np.exp(a * z),
    claimed=lambda a, z: 1j * a * np.exp(a * z),
    notes="Along the imaginary axis a step of size h in the imaginary part is a step of ih in z, so the "
          "derivative by the imaginary part is i times the complex derivative; the Cookbook's form divides that "
          "factor i back out. The check differences the exponential along imaginary steps and compares with "
          "i a times the exponential.",
    references=[cookbook(227)],
    related=["NJ89", "VJ81"],
    aliases=["Cauchy-Riemann equations", "derivative along the imaginary axis", "holomorphic derivative"],
)

ComplexDerivative(
    id="VJ81",
    title="Cauchy–Riemann in compact form: the derivative by the imaginary part is i times that by the real part",
    latex=r"\frac{\partial f}{\partial \Im Z} = i\,\frac{\partial f}{\partial \Re Z} = i\,(AZ + ZA)^{\top},"
          r"\quad f(Z) = \operatorname{tr}(AZ^{2})",
    variables={"A": Matrix("n", "n", "complex"), "Z": Matrix("n", "n", "complex")},
    symbols={"f": "an analytic function of the entries of Z; here tr(AZ²)", **I_UNIT},
    wrt="Z",
    convention="imag",
    f=lambda A, Z: np.trace(A @ Z @ Z),
    claimed=lambda A, Z: 1j * (A @ Z + Z @ A).T,
    notes="The Cookbook states it for one complex variable z; an analytic function of a matrix's entries obeys it "
          "entry by entry, as checked here on tr(AZ²), a polynomial in the entries of Z. Its derivative by the "
          "real part of Z is (AZ + ZA)ᵀ. The equation fails for any function of the conjugate: for the "
          "conjugate itself the two sides differ in sign.",
    references=[cookbook(228)],
    related=["NJ89", "RAMY"],
    aliases=["Cauchy-Riemann equations compact form", "analytic function test", "holomorphic condition",
             "d f / d Im z = i d f / d Re z"],
)

# --------------------------------------------------------------------------------------------
# The generalised and conjugate complex derivatives (229)–(231)

ComplexDerivative(
    id="8D4S",
    title="Generalised complex derivative (Wirtinger derivative by z)",
    latex=r"\frac{\mathrm{d}f(z)}{\mathrm{d}z} = \frac{1}{2}\left(\frac{\partial f(z)}{\partial \Re z} - "
          r"i\,\frac{\partial f(z)}{\partial \Im z}\right) = 2a\,zz^{*},\quad f(z) = a z^{2} z^{*}",
    variables={"a": Scalar("complex"), "z": Scalar("complex")},
    symbols={"f": "a function of z and its conjugate; here a z² z̄", **I_UNIT},
    wrt="z",
    convention="z",
    f=lambda a, z: a * z**2 * np.conj(z),
    claimed=lambda a, z: 2 * a * z * np.conj(z),
    notes="The definition makes the derivative of a function of z and its conjugate the derivative by z with the "
          "conjugate held constant, as if the two were independent: here the z² factor differentiates and the "
          "conjugate factor stays. For an analytic f it is the ordinary derivative; for the conjugate itself it "
          "is zero. The check builds the combination of the two real partial derivatives and compares it with "
          "that rule.",
    references=[cookbook(229)],
    related=["B23W", "U98K"],
    aliases=["Wirtinger derivative", "generalized complex derivative", "d/dz of a non-analytic function",
             "CR calculus"],
)

ComplexDerivative(
    id="B23W",
    title="Conjugate complex derivative (Wirtinger derivative by the conjugate)",
    latex=r"\frac{\mathrm{d}f(z)}{\mathrm{d}z^{*}} = \frac{1}{2}\left(\frac{\partial f(z)}{\partial \Re z} + "
          r"i\,\frac{\partial f(z)}{\partial \Im z}\right) = a z^{2},\quad f(z) = a z^{2} z^{*}",
    variables={"a": Scalar("complex"), "z": Scalar("complex")},
    symbols={"f": "a function of z and its conjugate; here a z² z̄", **I_UNIT},
    wrt="z",
    convention="conj",
    f=lambda a, z: a * z**2 * np.conj(z),
    claimed=lambda a, z: a * z**2,
    notes="The derivative by the conjugate with z held constant: here only the conjugate factor differentiates. "
          "It is zero exactly when f is analytic (the Cauchy–Riemann equations), so it measures how far f is "
          "from analytic; for a real f it is half the complex gradient.",
    references=[cookbook(230)],
    related=["8D4S", "U98K", "D9UE"],
    aliases=["conjugate Wirtinger derivative", "conjugate complex derivative", "d/dz*", "d/dzbar"],
)

ComplexDerivative(
    id="U98K",
    title="Derivative by the real part plus i times that by the imaginary part is twice the conjugate derivative",
    latex=r"\frac{\mathrm{d}f(z)}{\mathrm{d}z} \neq \frac{\partial f(z)}{\partial \Re z} + i\,"
          r"\frac{\partial f(z)}{\partial \Im z} = 2\,\frac{\mathrm{d}f(z)}{\mathrm{d}z^{*}} = 2a z^{2},"
          r"\quad f(z) = a z^{2} z^{*}",
    variables={"a": Scalar("complex"), "z": Scalar("complex")},
    symbols={"f": "a function of z and its conjugate; here a z² z̄", **I_UNIT},
    wrt="z",
    convention="gradient",
    f=lambda a, z: a * z**2 * np.conj(z),
    claimed=lambda a, z: 2 * a * z**2,
    notes="The Cookbook's warning: adding the two partial derivatives with a plus sign does not give the "
          "complex derivative. It gives twice the conjugate derivative, checked here: for this f it is 2a z², "
          "while the generalised derivative of the same f is 2a z z̄ (entry 8D4S), and the two differ unless z "
          "is real. For an analytic f the plus combination is zero.",
    references=[cookbook(231)],
    related=["8D4S", "B23W"],
    aliases=["complex derivative pitfall", "d/dRe + i d/dIm", "not the complex derivative"],
)

# --------------------------------------------------------------------------------------------
# The complex gradient (232)–(233), and what PyTorch and JAX return

ComplexDerivative(
    id="D9UE",
    title="Complex gradient vector of a real function: the Hermitian quadratic form",
    latex=r"\nabla f(z) = 2\,\frac{\mathrm{d}f(z)}{\mathrm{d}z^{*}} = \frac{\partial f(z)}{\partial \Re z} + "
          r"i\,\frac{\partial f(z)}{\partial \Im z} = 2Cz,\quad f(z) = z^{H}Cz",
    variables={"C": Matrix("n", "n", "hermitian"), "z": Vector("n", "complex")},
    symbols={"f": "a real function of the complex vector z; here the Hermitian form", **I_UNIT},
    wrt="z",
    convention="gradient",
    f=lambda C, z: np.vdot(z, C @ z).real,
    claimed=lambda C, z: 2 * C @ z,
    notes="For a real f of a complex vector the complex gradient collects the gradients by the real and by the "
          "imaginary parts into one complex vector; it points in the direction of steepest ascent, so descent "
          "steps against it. The Hermitian form is real because C equals its conjugate transpose; its gradient "
          "is 2Cz, as for a real symmetric form.",
    references=[cookbook(232)],
    related=["B23W", "ABJ6"],
    aliases=["complex gradient vector", "gradient of Hermitian form", "gradient of z^H C z",
             "steepest ascent complex"],
)

ComplexDerivative(
    id="ABJ6",
    title="Complex gradient matrix of a real loss, as PyTorch's .grad returns it: least squares",
    latex=r"\nabla L(X) = 2\,\frac{\partial L}{\partial X^{*}} = \frac{\partial L}{\partial \Re X} + "
          r"i\,\frac{\partial L}{\partial \Im X} = 2A^{H}(AX - B),\quad L(X) = \lVert AX - B\rVert_{\mathrm{F}}^{2}",
    variables={"A": Matrix("m", "n", "complex"), "X": Matrix("n", "p", "complex"), "B": Matrix("m", "p", "complex")},
    symbols={"L": "a real loss of the complex matrix X; here the squared Frobenius residual", **I_UNIT},
    wrt="X",
    convention="gradient",
    f=lambda A, X, B: np.sum(np.abs(A @ X - B) ** 2),
    claimed=lambda A, X, B: 2 * _h(A) @ (A @ X - B),
    notes="The Cookbook's complex gradient matrix is what PyTorch computes: for a real-valued loss of a complex "
          "tensor, backward() leaves in .grad the derivative by the real part plus i times the derivative by the "
          "imaginary part, twice the conjugate Wirtinger derivative (for the squared modulus of a complex scalar, "
          "twice the scalar itself). A step against .grad is a steepest-descent step, so optimisers written for "
          "real parameters work unchanged on complex ones. JAX returns the conjugate of this (entry 1PSU).",
    references=[cookbook(233)],
    related=["1PSU", "D9UE", "SYWY"],
    aliases=["PyTorch complex gradient", "torch grad complex tensor", "complex gradient matrix",
             "conjugate Wirtinger derivative", "complex least squares gradient", "gradient descent complex"],
)

ComplexDerivative(
    id="1PSU",
    title="JAX's complex grad convention: twice the derivative by X, the conjugate of the complex gradient",
    latex=r"\frac{\partial L}{\partial \Re X} - i\,\frac{\partial L}{\partial \Im X} = 2\,\frac{\partial L}{\partial X},"
          r"\quad \frac{\partial L}{\partial X} = A^{\top}(AX - B)^{*},\quad L(X) = \lVert AX - B\rVert_{\mathrm{F}}^{2}",
    variables={"A": Matrix("m", "n", "complex"), "X": Matrix("n", "p", "complex"), "B": Matrix("m", "p", "complex")},
    symbols={"L": "a real loss of the complex matrix X; here the squared Frobenius residual", **I_UNIT},
    wrt="X",
    convention="z",
    f=lambda A, X, B: np.sum(np.abs(A @ X - B) ** 2),
    claimed=lambda A, X, B: A.T @ np.conj(A @ X - B),
    notes="jax.grad of a real-valued loss of a complex array returns the derivative by the real part minus i "
          "times the derivative by the imaginary part: twice the generalised (Wirtinger) derivative by X, and the "
          "complex conjugate of what PyTorch returns (entry ABJ6). For the squared modulus of a complex scalar it "
          "is twice the conjugate of the scalar. To step downhill with JAX, conjugate the gradient first. The "
          "check verifies the generalised derivative, A transposed times the conjugate residual.",
    references=[cookbook(229, note="the generalised complex derivative, applied entry by entry to a matrix")],
    related=["ABJ6", "8D4S", "WSAD"],
    aliases=["JAX complex grad convention", "jax.grad complex", "Wirtinger derivative",
             "conjugate of the complex gradient", "complex least squares derivative"],
)

# --------------------------------------------------------------------------------------------
# §4.1.1 The chain rule for complex numbers (234)–(235)


def _u(a, x):
    return a * x**2 * np.conj(x)


ComplexDerivative(
    id="5EB3",
    title="Chain rule for non-analytic complex functions",
    latex=r"\frac{\partial g(u)}{\partial x} = \frac{\partial g}{\partial u}\frac{\partial u}{\partial x} + "
          r"\frac{\partial g}{\partial u^{*}}\frac{\partial u^{*}}{\partial x} = \frac{\partial g}{\partial u}"
          r"\frac{\partial u}{\partial x} + \left(\frac{\partial g^{*}}{\partial u}\right)^{*}\frac{\partial u^{*}}"
          r"{\partial x} = 2uu^{*}\cdot 2a\,xx^{*} + u^{2}\,a^{*}(x^{*})^{2},\quad u = a x^{2}x^{*},\ g(u) = u^{2}u^{*}",
    variables={"a": Scalar("complex"), "x": Scalar("complex")},
    symbols={"u": "the inner function of x, here a x² x̄", "g": "the outer function of u, here u² ū"},
    wrt="x",
    convention="z",
    # f is of degree nine in x: near zero it is flat to rounding and the differences measure noise
    prepare=lambda rng, v: {**v, "x": v["x"] / abs(v["x"]) * rng.uniform(0.5, 1.5)},
    conditions="x is drawn with modulus between 0.5 and 1.5: near zero f, of degree nine in x, is flat to "
               "rounding.",
    f=lambda a, x: _u(a, x) ** 2 * np.conj(_u(a, x)),
    claimed=lambda a, x: (2 * _u(a, x) * np.conj(_u(a, x))) * (2 * a * x * np.conj(x))
    + _u(a, x) ** 2 * (np.conj(a) * np.conj(x) ** 2),
    also=[Formula(r"\left(\frac{\partial g^{*}}{\partial u}\right)^{*}\frac{\partial u^{*}}{\partial x} = "
                  r"\left((u^{*})^{2}\right)^{*}a^{*}(x^{*})^{2} = u^{2}\,a^{*}(x^{*})^{2}",
                  lambda a, x: np.conj(np.conj(_u(a, x)) ** 2) * np.conj(a) * np.conj(x) ** 2,
                  lambda a, x: _u(a, x) ** 2 * np.conj(a * x**2))],
    notes="The derivatives are the generalised (Wirtinger) ones. When the inner function is not analytic its "
          "conjugate depends on x too, and the second path, through the conjugate, adds a term; it vanishes when "
          "u is analytic (its conjugate then has zero derivative by x) or when g is. The second form uses that "
          "the derivative of g by the conjugate is the conjugate of the derivative of the conjugate of g by u. "
          "Here both functions are non-analytic, so both terms are non-zero.",
    references=[cookbook(234)],
    related=["XDLN", "8D4S"],
    aliases=["complex chain rule", "Wirtinger chain rule", "chain rule non-analytic", "chain rule conjugate"],
)

ComplexDerivative(
    id="XDLN",
    title="Matrix chain rule for a scalar function of a complex matrix function",
    latex=r"\frac{\partial g(U)}{\partial X} = \frac{\operatorname{tr}\left(\left(\frac{\partial g(U)}{\partial U}"
          r"\right)^{\top}\partial U\right)}{\partial X} + \frac{\operatorname{tr}\left(\left(\frac{\partial g(U)}"
          r"{\partial U^{*}}\right)^{\top}\partial U^{*}\right)}{\partial X} = A^{\top}U^{*} + B^{H}U,"
          r"\quad U = AX + BX^{*},\ g(U) = \operatorname{tr}(UU^{H})",
    variables={"A": Matrix("m", "p", "complex"), "B": Matrix("m", "p", "complex"), "X": Matrix("p", "n", "complex")},
    symbols={"U": "the inner matrix function AX + BX̄", "g": "the outer scalar function, here tr(UUᴴ)"},
    wrt="X",
    convention="z",
    f=lambda A, B, X: np.sum(np.abs(A @ X + B @ np.conj(X)) ** 2),
    claimed=lambda A, B, X: A.T @ np.conj(A @ X + B @ np.conj(X)) + _h(B) @ (A @ X + B @ np.conj(X)),
    notes="Entry (i, j) of the derivative is the sum over both paths, through U and through its conjugate, of the "
          "trace pairing of the outer derivative with the inner derivative by X_ij. Here the derivative of g by U "
          "is the conjugate of U and by the conjugate of U is U itself (entries WSAD and 6J7G); U depends on X "
          "through A and on the conjugate of X through B, so the first path contributes Aᵀ times the conjugate "
          "of U and the second, through the conjugate of U, contributes Bᴴ U.",
    references=[cookbook(235)],
    related=["5EB3", "WSAD", "6J7G"],
    aliases=["complex matrix chain rule", "chain rule trace complex", "Wirtinger matrix chain rule"],
)

# --------------------------------------------------------------------------------------------
# §4.1.2 Complex derivatives of traces (236)–(248)

ComplexDerivative(
    id="TGXK",
    title="Derivative of the trace of the conjugate by the real part",
    latex=r"\frac{\partial \operatorname{tr}(X^{*})}{\partial \Re X} = \frac{\partial \operatorname{tr}(X^{H})}"
          r"{\partial \Re X} = I",
    variables={"X": Matrix("n", "n", "complex")},
    wrt="X",
    convention="real",
    f=lambda X: np.trace(_h(X)),
    claimed=lambda X: np.eye(len(X)),
    also=[Formula(r"\operatorname{tr}(X^{*}) = \operatorname{tr}(X^{H})",
                  lambda X: np.trace(np.conj(X)), lambda X: np.conj(np.sum(np.diag(X))))],
    notes="The trace of the conjugate is the sum of the real parts of the diagonal minus i times the sum of "
          "their imaginary parts, so its derivative by the real part is the identity. Together with the "
          "derivative by the imaginary part (entry GC5Q), whose i-multiple has the same sign, this says the "
          "conjugate derivative is the one to use for it.",
    references=[cookbook(236)],
    related=["GC5Q", "1A1M"],
    aliases=["derivative of trace of conjugate", "trace of X^H derivative", "complex trace derivative real part"],
)

ComplexDerivative(
    id="GC5Q",
    title="Derivative of the trace of the conjugate by the imaginary part",
    latex=r"i\,\frac{\partial \operatorname{tr}(X^{*})}{\partial \Im X} = i\,\frac{\partial \operatorname{tr}(X^{H})}"
          r"{\partial \Im X} = I",
    variables={"X": Matrix("n", "n", "complex")},
    symbols=I_UNIT,
    wrt="X",
    convention="imag",
    f=lambda X: 1j * np.trace(np.conj(X)),
    claimed=lambda X: np.eye(len(X)),
    also=[Formula(r"\operatorname{tr}(X^{*}) = \operatorname{tr}(X^{H})",
                  lambda X: np.trace(np.conj(X)), lambda X: np.trace(_h(X)))],
    notes="The derivative of the trace of the conjugate by the imaginary part is minus i times the identity, so "
          "i times it is the identity: the same sign as the derivative by the real part (entry TGXK), which is "
          "why the Cookbook says the conjugate complex derivative suits it. The constant factor i is folded into "
          "the function that is differenced.",
    references=[cookbook(237)],
    related=["TGXK", "VJMG"],
    aliases=["derivative of trace of conjugate imaginary part", "trace of X^H derivative"],
)

ComplexDerivative(
    id="1A1M",
    title="Derivative of the trace by the real part",
    latex=r"\frac{\partial \operatorname{tr}(X)}{\partial \Re X} = \frac{\partial \operatorname{tr}(X^{\top})}"
          r"{\partial \Re X} = I",
    variables={"X": Matrix("m", "m", "complex")},
    wrt="X",
    convention="real",
    f=lambda X: np.trace(X.T),
    claimed=lambda X: np.eye(len(X)),
    also=[Formula(r"\operatorname{tr}(X) = \operatorname{tr}(X^{\top})",
                  lambda X: np.trace(X), lambda X: np.sum(np.diag(X.T)))],
    notes="The trace is analytic in the entries of X; by the real part its derivative is the identity, as for a "
          "real matrix.",
    references=[cookbook(238)],
    related=["VJMG", "TGXK"],
    aliases=["derivative of trace complex matrix", "trace derivative real part"],
)

ComplexDerivative(
    id="VJMG",
    title="Derivative of the trace by the imaginary part",
    latex=r"i\,\frac{\partial \operatorname{tr}(X)}{\partial \Im X} = i\,\frac{\partial \operatorname{tr}(X^{\top})}"
          r"{\partial \Im X} = -I",
    variables={"X": Matrix("n", "n", "complex")},
    symbols=I_UNIT,
    wrt="X",
    convention="imag",
    f=lambda X: 1j * np.trace(X),
    claimed=lambda X: -np.eye(len(X)),
    also=[Formula(r"\operatorname{tr}(X) = \operatorname{tr}(X^{\top})",
                  lambda X: np.sum(np.diag(X)), lambda X: np.trace(X.T))],
    notes="By the imaginary part the derivative of the trace is i times the identity, so i times it is minus the "
          "identity: the opposite sign to the derivative by the real part (entry 1A1M), which is why the "
          "generalised complex derivative suits it, and with it the trace derivative of the real case, the "
          "identity, holds for complex X too. The constant factor i is folded into the function that is "
          "differenced.",
    references=[cookbook(239)],
    related=["1A1M", "GC5Q"],
    aliases=["derivative of trace imaginary part", "trace derivative complex matrix"],
)

ComplexDerivative(
    id="K96M",
    title="Derivative of tr(AXᴴ) by the real part",
    latex=r"\frac{\partial \operatorname{tr}(AX^{H})}{\partial \Re X} = A",
    variables={"A": Matrix("m", "n", "complex"), "X": Matrix("m", "n", "complex")},
    wrt="X",
    convention="real",
    f=lambda A, X: np.trace(A @ _h(X)),
    claimed=lambda A, X: A,
    notes="tr(AXᴴ) is the sum over entries of A times the conjugate of X, so by the real part of each entry of X "
          "the derivative is the matching entry of A.",
    references=[cookbook(240)],
    related=["6VYM", "AUT6"],
    aliases=["derivative of trace A X^H", "complex trace derivative", "tr(A X^H) real part"],
)

ComplexDerivative(
    id="6VYM",
    title="Derivative of tr(AXᴴ) by the imaginary part",
    latex=r"i\,\frac{\partial \operatorname{tr}(AX^{H})}{\partial \Im X} = A",
    variables={"A": Matrix("m", "n", "complex"), "X": Matrix("m", "n", "complex")},
    symbols=I_UNIT,
    wrt="X",
    convention="imag",
    f=lambda A, X: 1j * np.trace(A @ _h(X)),
    claimed=lambda A, X: A,
    notes="By the imaginary part the derivative of tr(AXᴴ) is minus i times A; i times it is A, the same sign as "
          "by the real part (entry K96M), so the function depends on X only through its conjugate. The constant "
          "factor i is folded into the function that is differenced.",
    references=[cookbook(241)],
    related=["K96M", "8TXJ"],
    aliases=["derivative of trace A X^H imaginary part", "complex trace derivative"],
)

ComplexDerivative(
    id="AUT6",
    title="Derivative of tr(AX̄) by the real part",
    latex=r"\frac{\partial \operatorname{tr}(AX^{*})}{\partial \Re X} = A^{\top}",
    variables={"A": Matrix("n", "m", "complex"), "X": Matrix("m", "n", "complex")},
    wrt="X",
    convention="real",
    f=lambda A, X: np.trace(A @ np.conj(X)),
    claimed=lambda A, X: A.T,
    notes="Entry (j, i) of the conjugate of X meets entry (i, j) of A in the trace, so the derivative is laid out "
          "as the transpose of A; rectangular shapes catch a missing transpose.",
    references=[cookbook(242)],
    related=["8TXJ", "K96M"],
    aliases=["derivative of trace A X conjugate", "tr(A X*) derivative", "complex trace derivative"],
)

ComplexDerivative(
    id="8TXJ",
    title="Derivative of tr(AX̄) by the imaginary part",
    latex=r"i\,\frac{\partial \operatorname{tr}(AX^{*})}{\partial \Im X} = A^{\top}",
    variables={"A": Matrix("n", "m", "complex"), "X": Matrix("m", "n", "complex")},
    symbols=I_UNIT,
    wrt="X",
    convention="imag",
    f=lambda A, X: 1j * np.trace(A @ np.conj(X)),
    claimed=lambda A, X: A.T,
    notes="By the imaginary part the derivative is minus i times Aᵀ, so i times it is Aᵀ, the same as by the real "
          "part (entry AUT6). The constant factor i is folded into the function that is differenced.",
    references=[cookbook(243)],
    related=["AUT6", "6VYM"],
    aliases=["derivative of trace A X conjugate imaginary part", "tr(A X*) derivative"],
)

ComplexDerivative(
    id="7QS5",
    title="Derivative of tr(XXᴴ) by the real part",
    latex=r"\frac{\partial \operatorname{tr}(XX^{H})}{\partial \Re X} = \frac{\partial \operatorname{tr}(X^{H}X)}"
          r"{\partial \Re X} = 2\Re X",
    variables={"X": Matrix("m", "n", "complex")},
    wrt="X",
    convention="real",
    f=lambda X: np.trace(X @ _h(X)),
    claimed=lambda X: 2 * X.real,
    also=[Formula(r"\operatorname{tr}(XX^{H}) = \operatorname{tr}(X^{H}X)",
                  lambda X: np.trace(X @ _h(X)), lambda X: np.trace(_h(X) @ X))],
    notes="tr(XXᴴ) is the squared Frobenius norm, the sum of the squares of the real and imaginary parts of the "
          "entries, so its derivative by the real part is twice the real part.",
    references=[cookbook(244)],
    related=["YKFF", "WSAD"],
    aliases=["derivative of Frobenius norm complex", "tr(X X^H) derivative real part", "squared norm complex matrix"],
)

ComplexDerivative(
    id="YKFF",
    title="Derivative of tr(XXᴴ) by the imaginary part",
    latex=r"i\,\frac{\partial \operatorname{tr}(XX^{H})}{\partial \Im X} = i\,\frac{\partial \operatorname{tr}(X^{H}X)}"
          r"{\partial \Im X} = i\,2\Im X",
    variables={"X": Matrix("m", "n", "complex")},
    symbols=I_UNIT,
    wrt="X",
    convention="imag",
    f=lambda X: 1j * np.trace(_h(X) @ X),
    claimed=lambda X: 2j * X.imag,
    also=[Formula(r"\operatorname{tr}(XX^{H}) = \operatorname{tr}(X^{H}X)",
                  lambda X: np.sum(np.abs(X) ** 2), lambda X: np.trace(_h(X) @ X))],
    notes="By the imaginary part the derivative of the squared Frobenius norm is twice the imaginary part; the "
          "Cookbook shows i times it. The constant factor i is folded into the function that is differenced.",
    references=[cookbook(245)],
    related=["7QS5", "WSAD"],
    aliases=["derivative of Frobenius norm complex imaginary part", "tr(X X^H) derivative"],
)

ComplexDerivative(
    id="WSAD",
    title="Generalised complex derivative of tr(XXᴴ)",
    latex=r"\frac{\partial \operatorname{tr}(XX^{H})}{\partial X} = X^{*}",
    variables={"X": Matrix("m", "n", "complex")},
    wrt="X",
    convention="z",
    f=lambda X: np.trace(X @ _h(X)),
    claimed=lambda X: np.conj(X),
    also=[Formula(r"\frac{1}{2}\left(2\Re X - i\,2\Im X\right) = X^{*}",
                  lambda X: (2 * X.real - 2j * X.imag) / 2, lambda X: np.conj(X))],
    symbols=I_UNIT,
    notes="Inserting the derivatives by the real and imaginary parts (entries 7QS5 and YKFF) in the definition of "
          "the generalised derivative gives the conjugate of X: in tr(XXᴴ) the factor Xᴴ is held constant.",
    references=[cookbook(246)],
    related=["6J7G", "SYWY", "8D4S"],
    aliases=["Wirtinger derivative of Frobenius norm", "d tr(X X^H)/dX", "generalized derivative trace"],
)

ComplexDerivative(
    id="6J7G",
    title="Conjugate complex derivative of tr(XXᴴ)",
    latex=r"\frac{\partial \operatorname{tr}(XX^{H})}{\partial X^{*}} = X",
    variables={"X": Matrix("n", "m", "complex")},
    wrt="X",
    convention="conj",
    f=lambda X: np.trace(X @ _h(X)),
    claimed=lambda X: X,
    also=[Formula(r"\frac{1}{2}\left(2\Re X + i\,2\Im X\right) = X",
                  lambda X: (2 * X.real + 2j * X.imag) / 2, lambda X: np.array(X))],
    symbols=I_UNIT,
    notes="Inserting the derivatives by the real and imaginary parts (entries 7QS5 and YKFF) in the definition of "
          "the conjugate derivative gives X itself.",
    references=[cookbook(247)],
    related=["WSAD", "SYWY", "B23W"],
    aliases=["conjugate Wirtinger derivative of Frobenius norm", "d tr(X X^H)/dX*"],
)

ComplexDerivative(
    id="SYWY",
    title="Complex gradient of tr(XXᴴ)",
    latex=r"\nabla \operatorname{tr}(XX^{H}) = 2\,\frac{\partial \operatorname{tr}(XX^{H})}{\partial X^{*}} = 2X",
    variables={"X": Matrix("n", "m", "complex")},
    wrt="X",
    convention="gradient",
    f=lambda X: np.linalg.norm(X) ** 2,
    claimed=lambda X: 2 * X,
    notes="tr(XXᴴ) is real, so its complex gradient matrix is twice its conjugate derivative (entry 6J7G): 2X, as "
          "for the squared Frobenius norm of a real matrix. This is what PyTorch leaves in .grad.",
    references=[cookbook(248)],
    related=["6J7G", "ABJ6"],
    aliases=["complex gradient of Frobenius norm", "gradient of squared norm complex matrix", "nabla tr(X X^H)"],
)

# --------------------------------------------------------------------------------------------
# §4.1.3 Complex derivative involving determinants (249)–(250)


def _m(A, X):
    return _h(X) @ A @ X


ComplexDerivative(
    id="CXYN",
    title="Generalised complex derivative of det(XᴴAX)",
    latex=r"\frac{\partial \det(X^{H}AX)}{\partial X} = \frac{1}{2}\left(\frac{\partial \det(X^{H}AX)}{\partial \Re X}"
          r" - i\,\frac{\partial \det(X^{H}AX)}{\partial \Im X}\right) = \det(X^{H}AX)\left((X^{H}AX)^{-1}X^{H}A"
          r"\right)^{\top}",
    variables={"A": Matrix("m", "m", "complex"), "X": Matrix("m", 2, "complex")},
    symbols=I_UNIT,
    sizes=(3, 5),
    wrt="X",
    convention="z",
    f=lambda A, X: np.linalg.det(_m(A, X)),
    claimed=lambda A, X: np.linalg.det(_m(A, X)) * (inv(_m(A, X)) @ _h(X) @ A).T,
    notes="X is m × n with more rows than columns, so that XᴴAX is invertible; the check takes two columns and "
          "three to five rows. The differential of the determinant is the determinant times the trace of the inverse times the "
          "differential of XᴴAX, and the generalised derivative keeps the part in dX, the conjugate dXᴴ held "
          "constant. A is any complex m × m matrix for which XᴴAX is invertible.",
    references=[cookbook(249)],
    related=["MQ2K"],
    aliases=["derivative of det(X^H A X)", "complex determinant derivative", "Wirtinger derivative determinant"],
)

ComplexDerivative(
    id="MQ2K",
    title="Conjugate complex derivative of det(XᴴAX)",
    latex=r"\frac{\partial \det(X^{H}AX)}{\partial X^{*}} = \frac{1}{2}\left(\frac{\partial \det(X^{H}AX)}{\partial \Re X}"
          r" + i\,\frac{\partial \det(X^{H}AX)}{\partial \Im X}\right) = \det(X^{H}AX)\,AX(X^{H}AX)^{-1}",
    variables={"A": Matrix("m", "m", "complex"), "X": Matrix("m", 2, "complex")},
    symbols=I_UNIT,
    sizes=(3, 5),
    wrt="X",
    convention="conj",
    f=lambda A, X: np.linalg.det(_m(A, X)),
    claimed=lambda A, X: np.linalg.det(_m(A, X)) * A @ X @ inv(_m(A, X)),
    notes="The part of the differential in the conjugate dXᴴ: the determinant times the trace of the inverse of "
          "XᴴAX times dXᴴ A X, which rearranges to the pairing of AX(XᴴAX)⁻¹ with the conjugate of dX. X is "
          "m × n with more rows than columns (two columns and three to five rows in the check); A is any complex m × m matrix "
          "for which XᴴAX is invertible.",
    references=[cookbook(250)],
    related=["CXYN"],
    aliases=["conjugate derivative of det(X^H A X)", "complex determinant derivative conjugate"],
)

# --------------------------------------------------------------------------------------------
# §4.2 Higher order and non-linear derivatives (251)–(252)


def _q(M, x):
    return np.vdot(M @ x, M @ x).real


ComplexDerivative(
    id="ZP2R",
    title="Gradient of a ratio of Hermitian quadratic forms (generalised Rayleigh quotient)",
    latex=r"\frac{\partial}{\partial x}\frac{(Ax)^{H}(Ax)}{(Bx)^{H}(Bx)} = \frac{\partial}{\partial x}"
          r"\frac{x^{H}A^{H}Ax}{x^{H}B^{H}Bx} = 2\frac{A^{H}Ax}{x^{H}B^{H}Bx} - 2\frac{x^{H}A^{H}Ax\,B^{H}Bx}"
          r"{(x^{H}B^{H}Bx)^{2}}",
    variables={"A": Matrix("m", "n", "complex"), "B": Matrix("p", "n", "complex"), "x": Vector("n", "complex")},
    wrt="x",
    convention="gradient",
    f=lambda A, B, x: _q(A, x) / _q(B, x),
    claimed=lambda A, B, x: 2 * _h(A) @ (A @ x) / _q(B, x) - 2 * _q(A, x) * (_h(B) @ (B @ x)) / _q(B, x) ** 2,
    also=[Formula(r"\frac{(Ax)^{H}(Ax)}{(Bx)^{H}(Bx)} = \frac{x^{H}A^{H}Ax}{x^{H}B^{H}Bx}",
                  lambda A, B, x: np.vdot(A @ x, A @ x) / np.vdot(B @ x, B @ x),
                  lambda A, B, x: (np.conj(x) @ _h(A) @ A @ x) / (np.conj(x) @ _h(B) @ B @ x))],
    notes="The quotient is real, and the derivative shown is its complex gradient, the derivative by the real part "
          "of x plus i times that by the imaginary part; for real x it is the ordinary gradient. It is zero "
          "exactly where x is a generalised eigenvector of the pair AᴴA, BᴴB, the quotient being the eigenvalue.",
    errata=[Erratum(
        cookbook(252),
        "The first denominator is printed without the conjugate transpose on the first B, as the quadratic form "
        "of B squared instead of BᴴB; the second term, and the quotient being differentiated, have BᴴB. The printed "
        "form needs a square B and gives a complex, wrong denominator.",
        printed=r"2\frac{A^{H}Ax}{x^{H}BBx} - 2\frac{x^{H}A^{H}AxB^{H}Bx}{(x^{H}B^{H}Bx)^{2}}",
        variables={"A": Matrix("m", "n", "complex"), "B": Matrix("n", "n", "complex"), "x": Vector("n", "complex")},
        claimed=lambda A, B, x: 2 * _h(A) @ (A @ x) / (np.conj(x) @ B @ B @ x)
        - 2 * _q(A, x) * (_h(B) @ (B @ x)) / _q(B, x) ** 2,
    )],
    references=[cookbook(251), cookbook(252, note="printed with B in place of Bᴴ in the first denominator")],
    aliases=["derivative of Rayleigh quotient complex", "generalized Rayleigh quotient gradient",
             "gradient of ratio of quadratic forms", "complex Rayleigh quotient"],
)

# --------------------------------------------------------------------------------------------
# §4.3 Inverse of a complex sum (253)–(259)


def _ef(A, B, t):
    return A + t * B, B - t * A


def _e_sample(rng, values):
    """Draw a well-conditioned E and set A = E − tB, so that E = A + tB is invertible."""
    values["A"] = well_conditioned(rng, values["A"].shape) - values["t"] * values["B"]
    return values


def _s(A, B, t):
    """The real matrix E + F E⁻¹ F."""
    E, F = _ef(A, B, t)
    return E + F @ inv(E) @ F


Equality(
    id="SM89",
    title="The auxiliary matrices of the complex inverse: E + iF is (1 − it)(A + iB)",
    latex=r"E = A + tB,\quad F = B - tA \quad\Longrightarrow\quad E + iF = (1 - it)(A + iB)",
    variables={"A": Matrix("m", "n"), "B": Matrix("m", "n"), "t": Scalar()},
    symbols={"E": "the auxiliary real matrix A + tB", "F": "the auxiliary real matrix B − tA", **I_UNIT},
    lhs=lambda A, B, t: np.stack([A + t * B, B - t * A]),
    rhs=lambda A, B, t: _reim((1 - 1j * t) * (A + 1j * B)),
    notes="The two real auxiliary matrices are the real and imaginary parts of (1 − it)(A + iB), so inverting "
          "E + iF inverts A + iB up to the scalar factor. The check compares the real and imaginary parts, "
          "stacked.",
    references=[cookbook(253), cookbook(254)],
    related=["XVM5"],
    aliases=["inverse of complex sum auxiliary matrices", "A + iB real form", "E and F matrices"],
)

Equality(
    id="XVM5",
    title="Inverse of a complex sum A + iB through real matrices",
    latex=r"(A + iB)^{-1} = (1 - it)(E + iF)^{-1},\quad E = A + tB,\ F = B - tA",
    variables={"A": Matrix("n", "n", "square"), "B": Matrix("n", "n", "square"), "t": Scalar()},
    symbols={"E": "the auxiliary real matrix A + tB", "F": "the auxiliary real matrix B − tA", **I_UNIT},
    conditions="t is such that E = A + tB is invertible: the sample draws a well-conditioned E and sets A = E − tB.",
    prepare=_e_sample,
    lhs=lambda A, B, t: _reim(inv(A + 1j * B)),
    rhs=lambda A, B, t: _reim((1 - 1j * t) * inv(_ef(A, B, t)[0] + 1j * _ef(A, B, t)[1])),
    also=[
        Formula(r"(A + iB)^{-1} = (1 - it)\left((E + FE^{-1}F)^{-1} - i\,(E + FE^{-1}F)^{-1}FE^{-1}\right)",
                lambda A, B, t: _reim(inv(A + 1j * B)),
                lambda A, B, t: _reim((1 - 1j * t) * (inv(_s(A, B, t)) - 1j * inv(_s(A, B, t)) @ _ef(A, B, t)[1]
                                                      @ inv(_ef(A, B, t)[0])))),
        Formula(r"(A + iB)^{-1} = (1 - it)(E + FE^{-1}F)^{-1}(I - iFE^{-1})",
                lambda A, B, t: _reim(inv(A + 1j * B)),
                lambda A, B, t: _reim((1 - 1j * t) * inv(_s(A, B, t))
                                      @ (np.eye(len(A)) - 1j * _ef(A, B, t)[1] @ inv(_ef(A, B, t)[0])))),
        Formula(r"(A + iB)^{-1} = (E + FE^{-1}F)^{-1}\left((I - tFE^{-1}) - i\,(tI + FE^{-1})\right)",
                lambda A, B, t: _reim(inv(A + 1j * B)),
                lambda A, B, t: _reim(inv(_s(A, B, t)) @ ((np.eye(len(A)) - t * _ef(A, B, t)[1] @ inv(_ef(A, B, t)[0]))
                                                          - 1j * (t * np.eye(len(A))
                                                                  + _ef(A, B, t)[1] @ inv(_ef(A, B, t)[0]))))),
        Formula(r"\Re\,(A + iB)^{-1} = (E + FE^{-1}F)^{-1}(I - tFE^{-1})",
                lambda A, B, t: inv(A + 1j * B).real,
                lambda A, B, t: inv(_s(A, B, t)) @ (np.eye(len(A)) - t * _ef(A, B, t)[1] @ inv(_ef(A, B, t)[0]))),
        Formula(r"\Im\,(A + iB)^{-1} = -(E + FE^{-1}F)^{-1}(tI + FE^{-1})",
                lambda A, B, t: inv(A + 1j * B).imag,
                lambda A, B, t: -np.linalg.solve(_s(A, B, t), t * np.eye(len(A)) + _ef(A, B, t)[1]
                                                 @ inv(_ef(A, B, t)[0]))),
    ],
    notes="A and B are real. Writing A + iB as (E + iF)/(1 − it) (entry SM89) and inverting E + iF by the block "
          "formula for a complex matrix with invertible real part E gives the real matrix E + FE⁻¹F to invert, "
          "and the last two lines split the inverse into its real part and its imaginary part, both computed "
          "with real arithmetic only. Any real t that makes E invertible will do (t zero when A itself is "
          "invertible). The check compares real and imaginary parts.",
    references=[cookbook(255), cookbook(256), cookbook(257), cookbook(258), cookbook(259)],
    related=["SM89"],
    aliases=["inverse of complex sum", "inverse of A + iB", "complex matrix inverse with real arithmetic",
             "real and imaginary parts of an inverse"],
)
