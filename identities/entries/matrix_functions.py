"""Matrix functions.

Derivatives of the matrix exponential, inverse powers and the logarithm. Along a direction that
commutes with X, d f(X) = f'(X) dX as for scalars; in general the Fréchet derivative is an integral,
or, at a symmetric X, a Hadamard product with divided differences (the Daleckiĭ–Kreĭn formula).
"""
import numpy as np

from identities import Derivative, Differential, Equality, Formula, Matrix, Scalar, Step, cookbook, ref
from identities.entries import (exp_divided, expm, frechet_eig, frechet_quadrature, gauss_legendre,
                                log_divided, sym_function)

# the nodes of the quadratures below (integrands entire in s: with ‖X‖ ≲ 5, 24 nodes are far below rounding)
_GL_S, _GL_W = gauss_legendre(24)


def eigenbasis_quadrature(X, E):
    """At symmetric X = V diag(λ) Vᵀ: V (W ∘ (VᵀEV)) Vᵀ with W_ij = ∫₀¹ exp(sλ_i) exp((1−s)λ_j) ds by quadrature."""
    w, V = np.linalg.eigh(X)
    W = np.einsum("k,ki,kj->ij", _GL_W, np.exp(np.outer(_GL_S, w)), np.exp(np.outer(1 - _GL_S, w)))
    return V @ (W * (V.T @ E @ V)) @ V.T


def eig_function(X, f):
    """f(X) = V f(Λ) V⁻¹ for a diagonalisable X with real spectrum, such as a small non-symmetric
    perturbation of a symmetric positive definite matrix (used for the finite differences)."""
    w, V = np.linalg.eig(X)
    return ((V * f(w.astype(complex))) @ np.linalg.inv(V)).real


def _commuting_polynomial(rng, X):
    """c₀I + c₁X + c₂X²/‖X‖ with random coefficients: a matrix that commutes with X, of moderate size."""
    c = rng.standard_normal(3) / 2
    return c[0] * np.eye(len(X)) + c[1] * X + c[2] * X @ X / np.linalg.norm(X, 2)


# --------------------------------------------------------------------------------------------
# The exponential (Cookbook §10.1.3)

Equality(
    id="0A9M",
    title="exp(A)exp(B) = exp(A+B) for commuting A and B",
    latex=r"\exp(A)\exp(B) = \exp(A + B) \quad \text{if } AB = BA",
    variables={"A": Matrix("n", "n", "square"), "B": Matrix("n", "n", "square")},
    conditions="A and B commute: AB = BA (here B is a polynomial in A).",
    prepare=lambda rng, v: {**v, "B": _commuting_polynomial(rng, v["A"])},
    lhs=lambda A, B: expm(A) @ expm(B),
    rhs=lambda A, B: expm(A + B),
    notes="Without commuting factors the rule fails: for random Gaussian 3 × 3 A and B the two sides differ by "
          "70 % (median relative error); exp(A+B) is then given by the Baker–Campbell–Hausdorff or Zassenhaus "
          "expansions. With −A for B it gives the inverse of exp(A) (Cookbook (499), the formula below).",
    also=[Formula(r"\exp(A)^{-1} = \exp(-A)", lambda A: np.linalg.inv(expm(A)), lambda A: expm(-A))],
    references=[cookbook(498), cookbook(499), ref("higham-2008", "ch. 10, the matrix exponential")],
    aliases=["exponential of a sum", "exp(A+B)", "commuting matrices exponential", "matrix exponential product"],
)

Derivative(
    id="YJCU",
    title="Derivative of exp(tA) with respect to t",
    latex=r"\frac{\mathrm{d}}{\mathrm{d}t}\exp(tA) = A\exp(tA) = \exp(tA)A",
    variables={"t": Scalar(), "A": Matrix("n", "n", "square")},
    symbols={"s": "the integration variable"},
    wrt="t",
    layout="numerator",
    f=lambda t, A: expm(t * A),
    claimed=lambda t, A: A @ expm(t * A),
    notes="A commutes with exp(tA), so both orders are right (the second formula below). This makes exp(tA) "
          "times an initial matrix the solution of the linear system of differential equations with matrix A.",
    also=[Formula(r"A\exp(tA) = \exp(tA)A", lambda t, A: A @ expm(t * A), lambda t, A: expm(t * A) @ A)],
    derivation=[
        Step(r"\mathrm{d}\exp(tA) = \int_{0}^{1}\exp(s\,tA)\,A\,\mathrm{d}t\,\exp((1-s)\,tA)\,\mathrm{d}s",
             lambda D: D(), lambda t, A, dt: frechet_quadrature(t * A, A * dt), uses=["ZCT0", "XLL8"]),
        Step(r"= \exp(tA)\,A\,\mathrm{d}t",
             lambda t, A, dt: frechet_quadrature(t * A, A * dt), lambda t, A, dt: expm(t * A) @ A * dt,
             uses=["FGG0"]),
        Step(r"= A\exp(tA)\,\mathrm{d}t \;\Rightarrow\; \frac{\mathrm{d}}{\mathrm{d}t}\exp(tA) = A\exp(tA)",
             lambda t, A, dt: expm(t * A) @ A * dt, lambda t, A, dt: A @ expm(t * A) * dt),
    ],
    references=[cookbook(500), ref("higham-2008", "ch. 10, the matrix exponential")],
    aliases=["derivative of matrix exponential", "d/dt exp(tA)", "linear ODE solution", "expm derivative"],
)

Derivative(
    id="HXXY",
    title="Derivative of tr exp(tA) with respect to t",
    latex=r"\frac{\mathrm{d}}{\mathrm{d}t}\operatorname{tr}(\exp(tA)) = \operatorname{tr}(A\exp(tA))",
    variables={"t": Scalar(), "A": Matrix("n", "n", "square")},
    wrt="t",
    layout="numerator",
    f=lambda t, A: np.trace(expm(t * A)),
    claimed=lambda t, A: np.trace(A @ expm(t * A)),
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(\exp(tA)) = \operatorname{tr}(\mathrm{d}\exp(tA))", lambda D: D(),
             lambda t, A, D: np.trace(D(lambda t, A: expm(t * A))), uses=["U00N"]),
        Step(r"= \operatorname{tr}(A\exp(tA))\,\mathrm{d}t",
             lambda t, A, D: np.trace(D(lambda t, A: expm(t * A))), lambda t, A, dt: np.trace(A @ expm(t * A)) * dt,
             uses=["YJCU"]),
    ],
    references=[cookbook(501)],
    aliases=["derivative of trace of matrix exponential", "d/dt tr exp(tA)"],
)

Equality(
    id="5LQK",
    title="det exp(A) = exp(tr A)",
    latex=r"\det(\exp(A)) = \exp(\operatorname{tr}(A))",
    variables={"A": Matrix("n", "n", "square")},
    lhs=lambda A: np.linalg.det(expm(A)),
    rhs=lambda A: np.exp(np.trace(A)),
    symbols={r"\lambda": "the eigenvalues of A", "i": "the index of an eigenvalue"},
    notes="The eigenvalues of exp(A) are exp(λ_i), and the determinant is their product. Hence exp(A) is always "
          "invertible, its log-determinant is tr A (the formula below), and the log-determinant of a matrix is "
          "the trace of its logarithm (entry QP9A).",
    also=[Formula(r"\log\det(\exp(A)) = \operatorname{tr}(A)", lambda A: np.linalg.slogdet(expm(A))[1],
                  lambda A: np.trace(A))],
    references=[cookbook(502), ref("higham-2008", "ch. 10, the matrix exponential")],
    aliases=["Jacobi's formula for exponential", "determinant of matrix exponential", "Liouville formula"],
)

Derivative(
    id="05QR",
    title="Gradient of tr exp(X)",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(\exp(X)) = \exp(X)^{\top}",
    variables={"X": Matrix("n", "n", "square")},
    wrt="X",
    layout="denominator",
    f=lambda X: np.trace(expm(X)),
    claimed=lambda X: expm(X).T,
    other_layout=(r"\frac{\partial}{\partial X}\operatorname{tr}(\exp(X)) = \exp(X)", lambda X: expm(X)),
    differential=(r"\mathrm{d}\operatorname{tr}(\exp(X)) = \operatorname{tr}(\exp(X)\,\mathrm{d}X)",
                  lambda X, dX: np.trace(expm(X) @ dX)),
    symbols={"s": "the integration variable"},
    notes="Holds for every square X, symmetric or not: under the trace the Fréchet derivative collapses to "
          "exp(X) dX (the derivation). The same rule gives f′(X)ᵀ as the gradient of tr f(X) for any analytic f "
          "(sin gives cos, Cookbook (128)).",
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(\exp(X)) = \operatorname{tr}(\mathrm{d}\exp(X))", lambda D: D(),
             lambda X, D: np.trace(D(lambda X: expm(X))), uses=["U00N"]),
        Step(r"= \operatorname{tr}\int_{0}^{1}\exp(sX)\,\mathrm{d}X\,\exp((1-s)X)\,\mathrm{d}s",
             lambda X, D: np.trace(D(lambda X: expm(X))), lambda X, dX: np.trace(frechet_quadrature(X, dX)),
             uses=["ZCT0"]),
        Step(r"= \int_{0}^{1}\operatorname{tr}\left(\exp((1-s)X)\exp(sX)\,\mathrm{d}X\right)\mathrm{d}s "
             r"= \operatorname{tr}(\exp(X)\,\mathrm{d}X)",
             lambda X, dX: np.trace(frechet_quadrature(X, dX)),
             lambda X, dX: np.sum(_GL_W * np.array([np.trace(expm((1 - s) * X) @ expm(s * X) @ dX) for s in _GL_S])),
             lambda X, dX: np.trace(expm(X) @ dX), uses=["GWJ1", "0A9M"]),
        Step(r"= \operatorname{tr}\left((\exp(X)^{\top})^{\top}\mathrm{d}X\right) \;\Rightarrow\; "
             r"\frac{\partial}{\partial X}\operatorname{tr}(\exp(X)) = \exp(X)^{\top}",
             lambda X, dX: np.trace(expm(X) @ dX), lambda X, dX: np.sum(expm(X).T * dX)),
    ],
    references=[ref("matrix-cookbook-2012", "§2.5, the rule ∂Tr(F(X))/∂X = f(X)ᵀ (unnumbered)")],
    aliases=["trace of matrix exponential gradient", "derivative of tr expm", "d tr exp(X)"],
)

Derivative(
    id="FGG0",
    title="Derivative of exp along a commuting direction",
    latex=r"\frac{\mathrm{d}}{\mathrm{d}t}\exp(X + tE) = \exp(X + tE)\,E \quad \text{if } XE = EX",
    variables={"t": Scalar(), "X": Matrix("n", "n", "square"), "E": Matrix("n", "n", "square")},
    conditions="E commutes with X: XE = EX (here E is a polynomial in X).",
    prepare=lambda rng, v: {**v, "E": _commuting_polynomial(rng, v["X"])},
    wrt="t",
    layout="numerator",
    f=lambda t, X, E: expm(X + t * E),
    claimed=lambda t, X, E: expm(X + t * E) @ E,
    differential=(r"\mathrm{d}\exp(X + tE) = \exp(X + tE)\,E\,\mathrm{d}t",
                  lambda t, X, E, dt: expm(X + t * E) @ E * dt),
    symbols={"s": "the integration variable"},
    derivation=[
        Step(r"\mathrm{d}\exp(X + tE) = \int_{0}^{1}\exp(s(X + tE))\,E\,\mathrm{d}t\,\exp((1-s)(X + tE))\,\mathrm{d}s",
             lambda D: D(), lambda t, X, E, dt: frechet_quadrature(X + t * E, E * dt), uses=["ZCT0"]),
        Step(r"= \int_{0}^{1}\exp(s(X + tE))\exp((1-s)(X + tE))\,\mathrm{d}s\;E\,\mathrm{d}t "
             r"= \exp(X + tE)\,E\,\mathrm{d}t",
             lambda t, X, E, dt: frechet_quadrature(X + t * E, E * dt),
             lambda t, X, E, dt: frechet_quadrature(X + t * E, np.eye(len(X))) @ E * dt,
             lambda t, X, E, dt: expm(X + t * E) @ E * dt, uses=["0A9M"]),
    ],
    notes="Only for commuting directions does the scalar rule carry over. For a general direction E the "
          "derivative is ∫₀¹ exp(sX) E exp((1−s)X) ds (the Fréchet derivative), which differs from exp(X)E.",
    references=[cookbook(498, note="exp(X + tE) = exp(X)exp(tE) for commuting X and E"),
                ref("higham-2008", "ch. 10, Fréchet derivative of the exponential")],
    aliases=["derivative of matrix exponential commuting", "directional derivative of expm"],
)

Differential(
    id="ZCT0",
    title="Fréchet derivative of the matrix exponential",
    latex=r"\mathrm{d}\exp(X) = \int_{0}^{1}\exp(sX)\,\mathrm{d}X\,\exp((1-s)X)\,\mathrm{d}s",
    variables={"X": Matrix("n", "n", "square")},
    symbols={"s": "the integration variable"},
    wrt=("X",),
    f=lambda X: expm(X),
    df=lambda X, dX: frechet_quadrature(X, dX),
    notes="The check computes the integral as displayed, by 24-point Gauss–Legendre quadrature. In practice it "
          "is computed without quadrature, by the block formula below: the exponential of the block upper-triangular "
          "matrix with X on the diagonal and dX above it carries the derivative in its upper-right block. For "
          "symmetric X the Daleckiĭ–Kreĭn formula (entry 3HNP) gives the same in closed form. The derivative is "
          "exp(X) dX only when dX commutes with X.",
    also=[Formula(r"\exp\begin{bmatrix} X & \mathrm{d}X \\ 0 & X \end{bmatrix} = \begin{bmatrix} \exp(X) & "
                  r"\int_{0}^{1}\exp(sX)\,\mathrm{d}X\,\exp((1-s)X)\,\mathrm{d}s \\ 0 & \exp(X) \end{bmatrix}",
                  lambda X, dX: expm(np.block([[X, dX], [np.zeros_like(X), X]])),
                  lambda X, dX: np.block([[expm(X), frechet_quadrature(X, dX)], [np.zeros_like(X), expm(X)]]))],
    references=[ref("higham-2008", "ch. 10, Fréchet derivative of the exponential (integral representation)"),
                ref("higham-2008", "ch. 3, the Fréchet derivative as a block of f([[X, E], [0, X]])")],
    aliases=["derivative of matrix exponential", "Frechet derivative expm", "expm_frechet", "d exp(X)"],
)

Differential(
    id="3HNP",
    title="Derivative of exp at a symmetric matrix (Daleckiĭ–Kreĭn)",
    latex=r"\mathrm{d}\exp(X) = V\left(G \circ (V^{\top}\mathrm{d}X\,V)\right)V^{\top}, \quad "
          r"G_{ij} = \frac{\exp(\lambda_i) - \exp(\lambda_j)}{\lambda_i - \lambda_j}, \; G_{ii} = \exp(\lambda_i)",
    variables={"X": Matrix("n", "n", "symmetric")},
    symbols={"V": "the orthogonal eigenvectors of X = V diag(λ) Vᵀ", r"\lambda": "the eigenvalues of X",
             "G": "the matrix of divided differences of exp", "i": "a row index", "j": "a column index",
             "s": "the integration variable", r"\Lambda": "the diagonal matrix of the eigenvalues of X"},
    wrt=("X",),
    f=lambda X: expm(X),
    df=lambda X, dX: frechet_eig(X, dX, exp_divided),
    # The difference step follows the smallest singular value of X (verify._scale), although exp is smooth at
    # singular X: a sample with σ_min ≈ 4e-4 gets a step of 2e-9 and rounding then reaches 1.4e-6 (2 of 200
    # seeds), while the formula agrees with the block formula exp([[X, dX], [0, X]]) to 1e-15 on those samples.
    tolerance=1e-5,
    notes="Holds for every direction dX, symmetric or not. Any smooth f works the same way, with the divided "
          "differences of f off the diagonal of G and f′(λ_i) on it; when dX commutes with X only the diagonal "
          "survives and the derivative reduces to f′(X) dX.",
    derivation=[
        Step(r"\mathrm{d}\exp(X) = \int_{0}^{1}\exp(sX)\,\mathrm{d}X\,\exp((1-s)X)\,\mathrm{d}s = "
             r"V\left(\int_{0}^{1}\exp(s\Lambda)\,(V^{\top}\mathrm{d}X\,V)\exp((1-s)\Lambda)\,\mathrm{d}s\right)V^{\top}",
             lambda X, dX: frechet_quadrature(X, dX), lambda X, dX: eigenbasis_quadrature(X, dX), uses=["ZCT0"]),
        Step(r"= V\left(G \circ (V^{\top}\mathrm{d}X\,V)\right)V^{\top},\quad G_{ij} = \int_{0}^{1}\exp(s\lambda_i)"
             r"\exp((1-s)\lambda_j)\,\mathrm{d}s",
             lambda X, dX: eigenbasis_quadrature(X, dX), lambda X, dX: frechet_eig(X, dX, exp_divided)),
    ],
    references=[ref("higham-2008", "ch. 3, Daleckiĭ–Kreĭn theorem (Fréchet derivative by divided differences)")],
    aliases=["Daleckii-Krein formula", "divided differences matrix function derivative",
             "derivative of spectral function", "Loewner matrix"],
)

# --------------------------------------------------------------------------------------------
# Inverse powers and the logarithm

Differential(
    id="DG8C",
    title="Differential of the inverse power X⁻ᵏ",
    latex=r"\mathrm{d}(X^{-k}) = -\sum_{r=0}^{k-1} X^{-(r+1)}\,\mathrm{d}X\,X^{-(k-r)}",
    variables={"X": Matrix("n", "n", "invertible")},
    symbols={"k": "a positive integer (checked for k = 1, …, 4)", "r": "the summation index"},
    wrt=("X",),
    f=lambda X: np.stack([np.linalg.matrix_power(X, -k) for k in range(1, 5)]),
    df=lambda X, dX: np.stack([-sum(np.linalg.matrix_power(np.linalg.inv(X), r + 1) @ dX
                                    @ np.linalg.matrix_power(np.linalg.inv(X), k - r) for r in range(k))
                               for k in range(1, 5)]),
    notes="The product rule applied to the k factors of (X⁻¹)ᵏ, with the differential of the inverse "
          "(Cookbook (40)); for k one it is that differential itself.",
    derivation=[
        Step(r"\mathrm{d}\left((X^{-1})^{k}\right) = \sum_{r=0}^{k-1} X^{-r}\,\mathrm{d}(X^{-1})\,X^{-(k-1-r)}",
             lambda D: D(), lambda X, D: np.stack([sum(np.linalg.matrix_power(np.linalg.inv(X), r)
                                                       @ D(lambda X: np.linalg.inv(X))
                                                       @ np.linalg.matrix_power(np.linalg.inv(X), k - 1 - r)
                                                       for r in range(k)) for k in range(1, 5)]),
             uses=["8CQG"]),
        Step(r"= -\sum_{r=0}^{k-1} X^{-(r+1)}\,\mathrm{d}X\,X^{-(k-r)}",
             lambda X, D: np.stack([sum(np.linalg.matrix_power(np.linalg.inv(X), r) @ D(lambda X: np.linalg.inv(X))
                                        @ np.linalg.matrix_power(np.linalg.inv(X), k - 1 - r)
                                        for r in range(k)) for k in range(1, 5)]),
             lambda X, dX: np.stack([-sum(np.linalg.matrix_power(np.linalg.inv(X), r + 1) @ dX
                                          @ np.linalg.matrix_power(np.linalg.inv(X), k - r) for r in range(k))
                                     for k in range(1, 5)]), uses=["0DTW"]),
    ],
    references=[cookbook(40), cookbook(90)],
    aliases=["derivative of inverse power", "d(X^-k)", "differential of negative matrix power"],
)

Equality(
    id="QP9A",
    title="log det X = tr log X",
    latex=r"\log\det X = \operatorname{tr}(\log X)",
    variables={"X": Matrix("n", "n", "spd")},
    lhs=lambda X: np.linalg.slogdet(X)[1],
    rhs=lambda X: np.trace(sym_function(X, np.log)),
    notes="log X is the principal matrix logarithm (for symmetric positive definite X: V diag(log λ) Vᵀ). The "
          "identity holds whenever X has no eigenvalues on the closed negative real axis; it turns log-determinant "
          "derivatives into trace derivatives.",
    derivation=[
        Step(r"\log\det X = \log\det\left(\exp(\log X)\right)", lambda X: np.linalg.slogdet(X)[1],
             lambda X: np.linalg.slogdet(expm(sym_function(X, np.log)))[1]),
        Step(r"= \operatorname{tr}(\log X)", lambda X: np.linalg.slogdet(expm(sym_function(X, np.log)))[1],
             lambda X: np.trace(sym_function(X, np.log)), uses=["5LQK"]),
    ],
    references=[cookbook(502, note="take A = log X"), ref("higham-2008", "ch. 11, the matrix logarithm")],
    aliases=["log determinant trace log", "logdet = trace log", "log det equals tr log"],
)


def _positive_spectrum(rng, v):
    # X = PΛP⁻¹ with P = I + 0.3 G/‖G‖: real positive eigenvalues, not symmetric, well conditioned
    X = v["X"]
    n = len(X)
    G = rng.standard_normal((n, n))
    P = np.eye(n) + 0.3 * G / np.linalg.norm(G, 2)
    lam = rng.uniform(0.5, 3.0, size=n)
    return {**v, "X": P @ np.diag(lam) @ np.linalg.inv(P)}


Derivative(
    id="2A4K",
    title="Gradient of tr log X",
    latex=r"\frac{\partial}{\partial X}\operatorname{tr}(\log X) = X^{-\top}",
    variables={"X": Matrix("n", "n", "invertible")},
    conditions="X has real positive eigenvalues (X = PΛP⁻¹ with Λ positive diagonal, P non-orthogonal), so the "
               "principal logarithm is defined and X is not symmetric.",
    prepare=_positive_spectrum,
    wrt="X",
    layout="denominator",
    f=lambda X: np.trace(eig_function(X, np.log)),
    claimed=lambda X: np.linalg.inv(X).T,
    other_layout=(r"\frac{\partial}{\partial X}\operatorname{tr}(\log X) = X^{-1}", lambda X: np.linalg.inv(X)),
    differential=(r"\mathrm{d}\operatorname{tr}(\log X) = \operatorname{tr}(X^{-1}\mathrm{d}X)",
                  lambda X, dX: np.trace(np.linalg.solve(X, dX))),
    notes="The trace rule (the gradient of tr f(X) is f′(X)ᵀ) with f the logarithm, whose derivative is 1/x; the "
          "same as the gradient of log det X (Cookbook (57)), since the trace of the logarithm is the "
          "log-determinant.",
    derivation=[
        Step(r"\mathrm{d}\operatorname{tr}(\log X) = \mathrm{d}\log\det X", lambda D: D(),
             lambda D: D(lambda X: np.linalg.slogdet(X)[1]), uses=["QP9A"]),
        Step(r"= \operatorname{tr}(X^{-1}\mathrm{d}X)", lambda D: D(lambda X: np.linalg.slogdet(X)[1]),
             lambda X, dX: np.trace(np.linalg.solve(X, dX)), uses=["J7P3"]),
        Step(r"= \operatorname{tr}\left((X^{-\top})^{\top}\mathrm{d}X\right) \;\Rightarrow\; "
             r"\frac{\partial}{\partial X}\operatorname{tr}(\log X) = X^{-\top}",
             lambda X, dX: np.trace(np.linalg.solve(X, dX)), lambda X, dX: np.sum(np.linalg.inv(X).T * dX)),
    ],
    references=[ref("matrix-cookbook-2012", "§2.5, the rule ∂Tr(F(X))/∂X = f(X)ᵀ (unnumbered)"), cookbook(57)],
    aliases=["derivative of trace of matrix logarithm", "d tr logm", "gradient of tr log X"],
)

Differential(
    id="LE5C",
    title="Derivative of the matrix logarithm at a positive definite matrix",
    latex=r"\mathrm{d}\log X = V\left(G \circ (V^{\top}\mathrm{d}X\,V)\right)V^{\top}, \quad "
          r"G_{ij} = \frac{\log\lambda_i - \log\lambda_j}{\lambda_i - \lambda_j}, \; G_{ii} = \frac{1}{\lambda_i}",
    variables={"X": Matrix("n", "n", "spd")},
    symbols={"V": "the orthogonal eigenvectors of X = V diag(λ) Vᵀ", r"\lambda": "the eigenvalues of X",
             "G": "the matrix of divided differences of log", "i": "a row index", "j": "a column index",
             "s": "the integration variable", "H": "the matrix of divided differences of exp at the log λ_i"},
    wrt=("X",),
    f=lambda X: eig_function(X, np.log),
    df=lambda X, dX: frechet_eig(X, dX, log_divided),
    notes="The Daleckiĭ–Kreĭn formula for the logarithm; it holds for every direction dX. Only when dX commutes "
          "with X does it reduce to X⁻¹ dX. The derivation differentiates exp(log X), which is X, and inverts "
          "the derivative of exp in the eigenbasis: H holds the divided differences of exp at the log λ_i, the "
          "reciprocals of those of log.",
    derivation=[
        Step(r"\mathrm{d}X = \mathrm{d}\exp(\log X) = \int_{0}^{1}\exp(s\log X)\,\mathrm{d}\log X\,"
             r"\exp((1-s)\log X)\,\mathrm{d}s",
             lambda dX: dX, lambda X, D: frechet_quadrature(sym_function(X, np.log), D(lambda X: eig_function(X, np.log))),
             uses=["ZCT0"]),
        Step(r"V^{\top}\mathrm{d}X\,V = H \circ (V^{\top}\mathrm{d}\log X\,V),\quad H_{ij} = "
             r"\frac{\lambda_i - \lambda_j}{\log\lambda_i - \log\lambda_j},\; H_{ii} = \lambda_i",
             lambda X, dX: np.linalg.eigh(X)[1].T @ dX @ np.linalg.eigh(X)[1],
             lambda X, D: (lambda w, V: (1 / log_divided(w[:, None], w[None, :]))
                           * (V.T @ D(lambda X: eig_function(X, np.log)) @ V))(*np.linalg.eigh(X)),
             uses=["3HNP"]),
        Step(r"\Rightarrow\; \mathrm{d}\log X = V\left(G \circ (V^{\top}\mathrm{d}X\,V)\right)V^{\top},"
             r"\quad G_{ij}H_{ij} = 1",
             lambda D: D(lambda X: eig_function(X, np.log)), lambda X, dX: frechet_eig(X, dX, log_divided)),
    ],
    references=[ref("higham-2008", "ch. 3, Daleckiĭ–Kreĭn theorem (Fréchet derivative by divided differences)"),
                ref("higham-2008", "ch. 11, the matrix logarithm")],
    aliases=["derivative of matrix logarithm", "d logm", "Frechet derivative of log", "log-Euclidean derivative"],
)
