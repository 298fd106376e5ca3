"""Matrix functions.

Derivatives of the matrix exponential, inverse powers and the logarithm. Along a direction that
commutes with X, d f(X) = f'(X) dX as for scalars; in general the Fréchet derivative is an integral,
or, at a symmetric X, a Hadamard product with divided differences (the Daleckiĭ–Kreĭn formula).
"""
import numpy as np

from identities import Derivative, Differential, Equality, Matrix, Scalar, cookbook, ref

# [6/6] Padé coefficients of exp: c_k = (12 - k)! 6! / (12! k! (6 - k)!)
_PADE6 = (1.0, 1 / 2, 5 / 44, 1 / 66, 1 / 792, 1 / 15840, 1 / 665280)


def expm(A):
    """exp(A) for any square A: scaling and squaring with the [6/6] Padé approximant (after Higham 2008,
    ch. 10). Scaling to ‖A‖₁ ≤ 1/4 makes the Padé error far below rounding."""
    A = np.asarray(A, dtype=float)
    norm = np.linalg.norm(A, 1)
    s = int(np.ceil(np.log2(norm / 0.25))) if norm > 0.25 else 0
    A = A / 2.0 ** s
    c = _PADE6
    eye = np.eye(len(A))
    A2 = A @ A
    A4 = A2 @ A2
    odd = A @ (c[1] * eye + c[3] * A2 + c[5] * A4)
    even = c[0] * eye + c[2] * A2 + c[4] * A4 + c[6] * A4 @ A2
    E = np.linalg.solve(even - odd, even + odd)
    for _ in range(s):
        E = E @ E
    return E


def eig_function(X, f):
    """f(X) = V f(Λ) V⁻¹ for a diagonalisable X with real spectrum, such as a small non-symmetric
    perturbation of a symmetric positive definite matrix (used for the finite differences)."""
    w, V = np.linalg.eig(X)
    return ((V * f(w.astype(complex))) @ np.linalg.inv(V)).real


def sym_function(X, f):
    """f(X) = V f(Λ) Vᵀ for symmetric X, by eigh."""
    w, V = np.linalg.eigh(X)
    return (V * f(w)) @ V.T


def frechet_eig(X, E, divided):
    """The Daleckiĭ–Kreĭn formula V (G ∘ (Vᵀ E V)) Vᵀ, G_ij = f[λ_i, λ_j], for symmetric X."""
    w, V = np.linalg.eigh(X)
    G = divided(w[:, None], w[None, :])
    return V @ (G * (V.T @ E @ V)) @ V.T


# divided differences f[a, b] = (f(a) − f(b))/(a − b), f′(a) on ties, without cancellation when a ≈ b
def _exp_divided(a, b):
    d = a - b
    safe = np.where(d == 0, 1.0, d)
    return np.where(d == 0, np.exp(a), np.exp(b) * np.expm1(d) / safe)


def _log_divided(a, b):
    d = a - b
    safe = np.where(d == 0, 1.0, d)
    return np.where(d == 0, 1 / a, np.log1p(d / b) / safe)


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
    notes="Without AB = BA the rule fails: for random Gaussian 3 × 3 A and B the two sides differ by 70 % "
          "(median relative error); exp(A+B) is then given by the Baker–Campbell–Hausdorff or Zassenhaus "
          "expansions. With B = −A it gives exp(A)⁻¹ = exp(−A) (Cookbook (499)).",
    references=[cookbook(498), ref("higham-2008", "ch. 10, the matrix exponential")],
    aliases=["exponential of a sum", "exp(A+B)", "commuting matrices exponential", "matrix exponential product"],
)

Derivative(
    id="YJCU",
    title="Derivative of exp(tA) with respect to t",
    latex=r"\frac{\mathrm{d}}{\mathrm{d}t}\exp(tA) = A\exp(tA) = \exp(tA)A",
    variables={"t": Scalar(), "A": Matrix("n", "n", "square")},
    wrt="t",
    layout="numerator",
    f=lambda t, A: expm(t * A),
    claimed=lambda t, A: A @ expm(t * A),
    notes="A commutes with exp(tA), so both orders are right. This makes X(t) = exp(tA)X₀ the solution of "
          "the linear ODE X' = AX.",
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
    notes="The eigenvalues of exp(A) are exp(λ_i). Hence exp(A) is always invertible, and log det X = "
          "tr log X.",
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
    differential=r"\mathrm{d}\operatorname{tr}(\exp(X)) = \operatorname{tr}(\exp(X)\,\mathrm{d}X)",
    notes="Holds for every square X, symmetric or not: under the trace the Fréchet derivative ∫ exp(sX) dX "
          "exp((1−s)X) ds collapses to exp(X) dX. The same rule gives ∂ tr f(X)/∂X = f′(X)ᵀ for any analytic f "
          "(sin → cos, Cookbook (128)).",
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
    differential=r"\mathrm{d}\exp(X)[E] = \exp(X)\,E \quad (XE = EX)",
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
    df=lambda X, dX: expm(np.block([[X, dX], [np.zeros_like(X), X]]))[: len(X), len(X):],
    notes="Computed here without quadrature, by the block formula exp([[X, E], [0, X]]) = [[exp(X), L], "
          "[0, exp(X)]], whose upper-right block L is the derivative along E. For symmetric X the "
          "Daleckiĭ–Kreĭn formula gives the same in closed form. The derivative is exp(X) dX only when dX "
          "commutes with X.",
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
             "G": "the matrix of divided differences of exp", "i": "a row index", "j": "a column index"},
    wrt=("X",),
    f=lambda X: expm(X),
    df=lambda X, dX: frechet_eig(X, dX, _exp_divided),
    # The difference step follows the smallest singular value of X (verify._scale), although exp is smooth at
    # singular X: a sample with σ_min ≈ 4e-4 gets a step of 2e-9 and rounding then reaches 1.4e-6 (2 of 200
    # seeds), while the formula agrees with the block formula exp([[X, dX], [0, X]]) to 1e-15 on those samples.
    tolerance=1e-5,
    notes="Holds for every direction dX, symmetric or not. Any smooth f works the same way with "
          "G_ij = (f(λ_i) − f(λ_j))/(λ_i − λ_j) and G_ii = f′(λ_i); when dX commutes with X only the diagonal "
          "survives and d f(X) = f′(X) dX.",
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
    notes="The power rule applied to X⁻¹ with d(X⁻¹) = −X⁻¹ dX X⁻¹; k = 1 is the derivative of the inverse.",
    sketch="X⁻ᵏ = (X⁻¹)ᵏ, so d(X⁻ᵏ) = Σ_r X⁻ʳ d(X⁻¹) X^{−(k−1−r)} and d(X⁻¹) = −X⁻¹ dX X⁻¹ (Cookbook (40)).",
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
    differential=r"\mathrm{d}\operatorname{tr}(\log X) = \operatorname{tr}(X^{-1}\mathrm{d}X)",
    notes="The trace rule ∂ tr f(X)/∂X = f′(X)ᵀ with f = log, f′(x) = 1/x; the same as ∂ log det X/∂X = X⁻ᵀ "
          "(Cookbook (57)), since tr log X = log det X.",
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
             "G": "the matrix of divided differences of log", "i": "a row index", "j": "a column index"},
    wrt=("X",),
    f=lambda X: eig_function(X, np.log),
    df=lambda X, dX: frechet_eig(X, dX, _log_divided),
    notes="The Daleckiĭ–Kreĭn formula for f = log; it holds for every direction dX. Only when dX commutes "
          "with X is d log X = X⁻¹ dX.",
    references=[ref("higham-2008", "ch. 3, Daleckiĭ–Kreĭn theorem (Fréchet derivative by divided differences)"),
                ref("higham-2008", "ch. 11, the matrix logarithm")],
    aliases=["derivative of matrix logarithm", "d logm", "Frechet derivative of log", "log-Euclidean derivative"],
)
