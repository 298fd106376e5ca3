"""Special matrices.

The Matrix Cookbook's chapter 9, eqs. (397)–(486): block matrices and Schur complements, the discrete
Fourier transform matrix, Hermitian, idempotent, orthogonal, positive definite, single-entry,
symmetric, Toeplitz, transition and Vandermonde matrices.
"""
import itertools

import numpy as np

from identities import Equality, Erratum, Formula, Inequality, Matrix, Scalar, Vector, cookbook  # noqa: F401
from identities.entries import expm, sym_function, well_conditioned

inv = np.linalg.inv
det = np.linalg.det


def _h(A):
    """The conjugate transpose Aᴴ."""
    return np.conj(A).T


def _index(rng, n):
    """A 1-based index in 1 … n, as the float a Scalar variable holds."""
    return float(rng.integers(1, n + 1))


def _J(shape, i, j):
    """The single-entry matrix J^ij of the given shape, i and j 1-based: 1 at (i, j), 0 elsewhere."""
    J = np.zeros(shape)
    J[int(i) - 1, int(j) - 1] = 1.0
    return J


def _e(n, i):
    """The i-th unit vector of length n (i 1-based)."""
    return np.eye(n)[int(i) - 1]


# ---------------------------------------------------------------------------------------------
# 9.1 Block matrices, eqs. (397)–(402). The Cookbook writes the blocks A₁₁, A₁₂, A₂₁, A₂₂ and the Schur
# complements C₁ = A₁₁ − A₁₂A₂₂⁻¹A₂₁, C₂ = A₂₂ − A₂₁A₁₁⁻¹A₁₂; here the blocks are A, B, C, D (A₁₁ = A,
# A₁₂ = B, A₂₁ = C, A₂₂ = D), so that C₁ = A − BD⁻¹C and C₂ = D − CA⁻¹B. The left sides assemble the
# whole matrix and use NumPy's determinant or inverse of it; the right sides use the blocks only.

BLOCK_NOTE = ("The Cookbook names the blocks A₁₁, A₁₂, A₂₁ and A₂₂; here they are A, B, C and D, with A "
              "m × m and D n × n, so that B and C are rectangular.")


def _block(A, B, C, D):
    return np.block([[A, B], [C, D]])


def _schur_d(rng, values):
    """A chosen so that the Schur complement A − BD⁻¹C is well conditioned (and so invertible)."""
    B, C, D = values["B"], values["C"], values["D"]
    values["A"] = well_conditioned(rng, values["A"].shape) + B @ inv(D) @ C
    return values


def _schur_a(rng, values):
    """D chosen so that the Schur complement D − CA⁻¹B is well conditioned (and so invertible)."""
    A, B, C = values["A"], values["B"], values["C"]
    values["D"] = well_conditioned(rng, values["D"].shape) + C @ inv(A) @ B
    return values


Equality(
    id="04R7",
    title="Determinant of a block matrix through the Schur complement of its lower right block",
    latex=r"\det\begin{bmatrix} A & B \\ C & D \end{bmatrix} = \det(D)\,\det\left(A - BD^{-1}C\right)",
    variables={"A": Matrix("m", "m", "square"), "B": Matrix("m", "n"), "C": Matrix("n", "m"),
               "D": Matrix("n", "n", "invertible")},
    lhs=lambda A, B, C, D: det(_block(A, B, C, D)),
    rhs=lambda A, B, C, D: det(D) * det(A - B @ inv(D) @ C),
    notes="A − BD⁻¹C is the Schur complement of D, the Cookbook's C₁ (its eq. 397 defines it). Only D needs to be "
          "invertible; A may be singular. " + BLOCK_NOTE,
    references=[cookbook(397)],
    related=["S7VZ", "KF46"],
    aliases=["determinant of a block matrix", "Schur complement determinant", "det of partitioned matrix",
             "determinant of 2x2 block matrix"],
)


Equality(
    id="S7VZ",
    title="Determinant of a block matrix through the Schur complement of its upper left block",
    latex=r"\det\begin{bmatrix} A & B \\ C & D \end{bmatrix} = \det(A)\,\det\left(D - CA^{-1}B\right)",
    variables={"A": Matrix("m", "m", "invertible"), "B": Matrix("m", "n"), "C": Matrix("n", "m"),
               "D": Matrix("n", "n", "square")},
    lhs=lambda A, B, C, D: det(_block(A, B, C, D)),
    rhs=lambda A, B, C, D: det(A) * det(D - C @ inv(A) @ B),
    notes="D − CA⁻¹B is the Schur complement of A, the Cookbook's C₂ (its eq. 398 defines it). Only A needs to be "
          "invertible. " + BLOCK_NOTE,
    references=[cookbook(398)],
    related=["04R7", "UKA1"],
    aliases=["determinant of a block matrix", "Schur complement determinant", "det of partitioned matrix"],
)


def _inverse_by_d(A, B, C, D):
    """The inverse assembled from D⁻¹ and the Schur complement S = A − BD⁻¹C."""
    Di = inv(D)
    Si = inv(A - B @ Di @ C)
    return np.block([[Si, -Si @ B @ Di], [-Di @ C @ Si, Di + Di @ C @ Si @ B @ Di]])


def _inverse_by_a(A, B, C, D):
    """The inverse assembled from A⁻¹ and the Schur complement T = D − CA⁻¹B."""
    Ai = inv(A)
    Ti = inv(D - C @ Ai @ B)
    return np.block([[Ai + Ai @ B @ Ti @ C @ Ai, -Ai @ B @ Ti], [-Ti @ C @ Ai, Ti]])


Equality(
    id="KF46",
    title="Inverse of a block matrix through the Schur complement of its lower right block",
    latex=r"\begin{bmatrix} A & B \\ C & D \end{bmatrix}^{-1} = \begin{bmatrix} S^{-1} & -S^{-1}BD^{-1} \\ "
          r"-D^{-1}CS^{-1} & D^{-1} + D^{-1}CS^{-1}BD^{-1} \end{bmatrix},\quad S = A - BD^{-1}C",
    variables={"A": Matrix("m", "m", "square"), "B": Matrix("m", "n"), "C": Matrix("n", "m"),
               "D": Matrix("n", "n", "invertible")},
    symbols={"S": "the Schur complement A − BD⁻¹C of D (the Cookbook's C₁)"},
    conditions="The Schur complement S is invertible too (A is drawn as S + BD⁻¹C with S well conditioned).",
    prepare=_schur_d,
    lhs=lambda A, B, C, D: inv(_block(A, B, C, D)),
    rhs=_inverse_by_d,
    notes="The Cookbook's eq. (399) defines C₁, the Schur complement of D, for this inverse. Only D and S are "
          "inverted: A itself may be singular. " + BLOCK_NOTE,
    references=[cookbook(399)],
    related=["UKA1", "04R7"],
    aliases=["inverse of a block matrix", "block matrix inversion", "partitioned inverse", "Schur complement inverse",
             "inverse of 2x2 block matrix"],
)


Equality(
    id="UKA1",
    title="Inverse of a block matrix through the Schur complement of its upper left block",
    latex=r"\begin{bmatrix} A & B \\ C & D \end{bmatrix}^{-1} = \begin{bmatrix} A^{-1} + A^{-1}BT^{-1}CA^{-1} & "
          r"-A^{-1}BT^{-1} \\ -T^{-1}CA^{-1} & T^{-1} \end{bmatrix},\quad T = D - CA^{-1}B",
    variables={"A": Matrix("m", "m", "invertible"), "B": Matrix("m", "n"), "C": Matrix("n", "m"),
               "D": Matrix("n", "n", "square")},
    symbols={"T": "the Schur complement D − CA⁻¹B of A (the Cookbook's C₂)"},
    conditions="The Schur complement T is invertible too (D is drawn as T + CA⁻¹B with T well conditioned).",
    prepare=_schur_a,
    lhs=lambda A, B, C, D: inv(_block(A, B, C, D)),
    rhs=_inverse_by_a,
    notes="The Cookbook's eq. (400) defines C₂, the Schur complement of A, for this inverse. The lower right block "
          "of the inverse is T⁻¹: inverting a block matrix and reading off a block inverts a Schur complement, "
          "which is how Gaussian conditioning and marginal precisions arise. " + BLOCK_NOTE,
    references=[cookbook(400)],
    related=["KF46", "S7VZ"],
    aliases=["inverse of a block matrix", "block matrix inversion", "partitioned inverse", "Schur complement inverse"],
)


Equality(
    id="HSX0",
    title="Inverse of a block diagonal matrix",
    latex=r"\begin{bmatrix} A & 0 \\ 0 & D \end{bmatrix}^{-1} = \begin{bmatrix} A^{-1} & 0 \\ 0 & D^{-1} \end{bmatrix}",
    variables={"A": Matrix("m", "m", "invertible"), "D": Matrix("n", "n", "invertible")},
    lhs=lambda A, D: inv(_block(A, np.zeros((len(A), len(D))), np.zeros((len(D), len(A))), D)),
    rhs=lambda A, D: _block(inv(A), np.zeros((len(A), len(D))), np.zeros((len(D), len(A))), inv(D)),
    notes="Each diagonal block is inverted on its own. The Cookbook writes the blocks A₁₁ and A₂₂.",
    references=[cookbook(401)],
    related=["EL4K"],
    aliases=["inverse of block diagonal matrix", "blockdiag inverse", "direct sum inverse"],
)


Equality(
    id="EL4K",
    title="Determinant of a block diagonal matrix",
    latex=r"\det\begin{bmatrix} A & 0 \\ 0 & D \end{bmatrix} = \det(A)\,\det(D)",
    variables={"A": Matrix("m", "m", "square"), "D": Matrix("n", "n", "square")},
    lhs=lambda A, D: det(_block(A, np.zeros((len(A), len(D))), np.zeros((len(D), len(A))), D)),
    rhs=lambda A, D: det(A) * det(D),
    notes="The blocks need not be invertible. The Cookbook writes them A₁₁ and A₂₂.",
    references=[cookbook(402)],
    related=["HSX0"],
    aliases=["determinant of block diagonal matrix", "det of direct sum", "blockdiag determinant"],
)


# ---------------------------------------------------------------------------------------------
# 9.2 The discrete Fourier transform matrix, eqs. (403)–(412): (W_N)_kn = e^{−j2πkn/N}, k, n = 0 … N − 1,
# in the Cookbook's signal-processing notation (j the imaginary unit). The DFT itself is NumPy's FFT, which
# uses the same sign and scaling convention: the checks compare the Cookbook's formulas with it.

def _dft(N):
    k = np.arange(N)
    return np.exp(-2j * np.pi * np.outer(k, k) / N)


def _with_dft(rng, values):
    """W becomes the N × N DFT matrix."""
    values["W"] = _dft(len(values["W"]))
    return values


DFT_SYMBOLS = {"j": "the imaginary unit", "e": "Euler's number", r"\pi": "π", "k": "the row (frequency) index",
               "n": "the column (time) index", "W": "W_N, the N × N DFT matrix"}
DFT_CONDITION = "W_N is the N × N DFT matrix, with entries e^(−j2πkn/N) for k, n from 0 to N − 1."


def _dft_by_sum(x):
    """X(k) = Σₙ x(n) e^{−j2πkn/N}, one frequency at a time."""
    N = len(x)
    n = np.arange(N)
    return np.array([np.sum(x * np.exp(-2j * np.pi * k * n / N)) for k in range(N)])


def _idft_by_sum(X):
    """x(n) = (1/N) Σₖ X(k) e^{+j2πkn/N}, one time index at a time."""
    N = len(X)
    k = np.arange(N)
    return np.array([np.sum(X * np.exp(2j * np.pi * k * n / N)) for n in range(N)]) / N


Equality(
    id="4QYL",
    title="The DFT matrix: its entries, and the DFT as a matrix product",
    latex=r"X = W_{N}x,\quad (W_{N})_{kn} = W_{N}^{kn} = e^{-j2\pi kn/N}",
    variables={"x": Vector("N", "complex")},
    symbols={**DFT_SYMBOLS, "X": "the DFT of x, as NumPy's FFT computes it"},
    lhs=lambda x: _dft(len(x)) @ x,
    rhs=lambda x: np.fft.fft(x),
    also=[Formula(r"X(k) = \sum_{n=0}^{N-1} x(n)\,W_{N}^{kn}", lambda x: _dft_by_sum(x), lambda x: np.fft.fft(x)),
          Formula(r"W_{N} = W_{N}^{\top}", lambda x: _dft(len(x)), lambda x: _dft(len(x)).T)],
    notes="The matrix built entry by entry from e^(−j2πkn/N) maps a signal x to its discrete Fourier transform, "
          "as NumPy's FFT computes it; the sum over n is the same transform one frequency at a time. The DFT "
          "matrix is symmetric, since kn is nk. Indices run from 0, as in the Cookbook.",
    references=[cookbook(403), cookbook(404), cookbook(406)],
    related=["5M07", "UUZX"],
    aliases=["DFT matrix", "Fourier matrix", "discrete Fourier transform as a matrix", "FFT matrix", "dftmtx"],
)


Equality(
    id="5M07",
    title="The inverse DFT as a sum and through the inverse of the DFT matrix",
    latex=r"x = W_{N}^{-1}X,\quad x(n) = \frac{1}{N}\sum_{k=0}^{N-1} X(k)\,W_{N}^{-kn}",
    variables={"X": Vector("N", "complex")},
    symbols={**DFT_SYMBOLS, "x": "the inverse DFT of X, as NumPy's inverse FFT computes it"},
    lhs=lambda X: inv(_dft(len(X))) @ X,
    rhs=lambda X: np.fft.ifft(X),
    also=[Formula(r"x(n) = \frac{1}{N}\sum_{k=0}^{N-1} X(k)\,W_{N}^{-kn}", lambda X: _idft_by_sum(X),
                  lambda X: np.fft.ifft(X))],
    notes="Inverting the DFT matrix numerically, or summing with the opposite sign in the exponent and the factor "
          "1/N, recovers the signal from its transform.",
    references=[cookbook(405), cookbook(407)],
    related=["4QYL", "UUZX"],
    aliases=["inverse DFT", "IDFT", "inverse discrete Fourier transform", "ifft as a matrix"],
)


Equality(
    id="UUZX",
    title="The inverse of the DFT matrix is its conjugate over N",
    latex=r"W_{N}^{-1} = \frac{1}{N}W_{N}^{*}",
    variables={"W": Matrix("N", "N", "complex", tex="W")},
    symbols={"N": "the size of the transform"},
    conditions=DFT_CONDITION,
    prepare=_with_dft,
    lhs=lambda W: inv(W),
    rhs=lambda W: np.conj(W) / len(W),
    notes="W* is the entrywise complex conjugate (the Cookbook's star); since the DFT matrix is symmetric it is "
          "also the conjugate transpose. So W_N/√N is unitary.",
    references=[cookbook(408)],
    related=["DE8M", "EM84"],
    aliases=["inverse of DFT matrix", "Fourier matrix inverse", "DFT matrix is unitary up to scaling"],
)


Equality(
    id="DE8M",
    title="The DFT matrix times its conjugate is N times the identity",
    latex=r"W_{N}W_{N}^{*} = NI",
    variables={"W": Matrix("N", "N", "complex", tex="W")},
    symbols={"N": "the size of the transform"},
    conditions=DFT_CONDITION,
    prepare=_with_dft,
    lhs=lambda W: W @ np.conj(W),
    rhs=lambda W: len(W) * np.eye(len(W)),
    notes="The rows of the DFT matrix are orthogonal, each of squared length N: the discrete Fourier basis is "
          "orthogonal.",
    references=[cookbook(409)],
    related=["UUZX", "EM84"],
    aliases=["DFT orthogonality", "Fourier matrix orthogonal rows", "W W star equals N I"],
)


Equality(
    id="EM84",
    title="The conjugate of the DFT matrix is its conjugate transpose",
    latex=r"W_{N}^{*} = W_{N}^{H}",
    variables={"W": Matrix("N", "N", "complex", tex="W")},
    symbols={"N": "the size of the transform"},
    conditions=DFT_CONDITION,
    prepare=_with_dft,
    lhs=lambda W: np.conj(W),
    rhs=lambda W: _h(W),
    notes="The entrywise conjugate and the conjugate transpose agree because the DFT matrix is symmetric.",
    references=[cookbook(410)],
    related=["UUZX", "4QYL"],
    aliases=["DFT matrix symmetric", "conjugate transpose of Fourier matrix"],
)


def _half_turn(rng, values):
    N = float(2 * rng.integers(1, 6))
    return {**values, "N": N, "m": float(rng.integers(0, int(N) + 1)), "W": np.exp(-2j * np.pi / N)}


Equality(
    id="UXN9",
    title="Half a period of the DFT kernel changes its sign",
    latex=r"W_{N}^{m + N/2} = -W_{N}^{m},\quad W_{N} = e^{-j2\pi/N}",
    variables={"W": Scalar("complex", tex="W"), "N": Scalar(), "m": Scalar()},
    symbols={"j": "the imaginary unit", "e": "Euler's number", r"\pi": "π"},
    conditions="N is even, m a whole number and W_N the primitive N-th root of unity e^(−j2π/N).",
    prepare=_half_turn,
    lhs=lambda W, N, m: W ** (m + N / 2),
    rhs=lambda W, N, m: -W ** m,
    notes="W_N to the power N/2 is e^(−jπ), which is −1. This symmetry halves the work at every stage of the "
          "radix-2 fast Fourier transform (the butterfly).",
    references=[cookbook(411)],
    related=["4QYL"],
    aliases=["twiddle factor symmetry", "root of unity half period", "FFT butterfly sign"],
)


def _circulant(t):
    """T_C of the Cookbook's eq. (467): first row t, each row the one above shifted right, wrapping round."""
    N = len(t)
    i, j = np.indices((N, N))
    return t[(j - i) % N]


Equality(
    id="4AUU",
    title="A circulant matrix is diagonalised by the DFT matrix",
    latex=r"T_{\mathrm{C}} = W_{N}^{-1}\bigl(I \circ (W_{N}c)\bigr)W_{N},\quad c = (t_{0}, t_{N-1}, \dots, t_{1})^{\top}",
    variables={"W": Matrix("N", "N", "complex", tex="W"), "t": Vector("N", "complex")},
    symbols={"T": "T_C, the circulant matrix whose first row is t (the Cookbook's eq. 467)",
             "c": "the first column of T_C", "t_0": "the first entry of t", "t_1": "the second entry of t"},
    conditions=DFT_CONDITION,
    prepare=_with_dft,
    lhs=lambda W, t: _circulant(t),
    rhs=lambda W, t: inv(W) @ np.diag(W @ np.roll(t[::-1], 1)) @ W,
    errata=[Erratum(
        cookbook(412),
        "The Cookbook takes the vector in the diagonal to be t, the first row of the circulant. With its own "
        "circulant (eq. 467, whose rows shift to the right) the formula needs the first column instead, "
        "t read backwards after t₀; with the first row it gives the transpose of the circulant, and the two "
        "differ unless the circulant is symmetric.",
        printed=r"T_{\mathrm{C}} = W_{N}^{-1}\bigl(I \circ (W_{N}t)\bigr)W_{N}",
        rhs=lambda W, t: inv(W) @ np.diag(W @ t) @ W)],
    notes="I ∘ (W_N c) is the diagonal matrix with the DFT of c on its diagonal: the eigenvalues of a circulant "
          "are the DFT of its first column, and its eigenvectors are the Fourier vectors, so a circulant system "
          "is solved by two FFTs. The check builds T_C from t as in eq. (467).",
    references=[cookbook(412, note="with the first column of the circulant, not its first row")],
    related=["ZUXF", "4QYL"],
    aliases=["circulant matrix diagonalization", "circulant eigenvalues DFT", "circulant FFT",
             "circular convolution matrix"],
)


# ---------------------------------------------------------------------------------------------
# 9.3 Hermitian and skew-Hermitian matrices, eqs. (413)–(417).

def _skew_hermitian(rng, values):
    A = values["A"]
    values["A"] = (A - _h(A)) / 2
    return values


def _herm_part(A):
    return (A + _h(A)) / 2


def _antiherm_part(A):
    return (A - _h(A)) / 2j


Equality(
    id="YPX2",
    title="A matrix is Hermitian exactly when its quadratic form xᴴAx is real",
    latex=r"x^{H}Ax = x^{H}Bx + i\,x^{H}Cx,\quad x^{H}Bx,\ x^{H}Cx \in \mathbb{R},\quad "
          r"B = \frac{A + A^{H}}{2},\ C = \frac{A - A^{H}}{2i}",
    variables={"A": Matrix("n", "n", "complex"), "x": Vector("n", "complex")},
    symbols={"i": "the imaginary unit", "B": "the Hermitian part of A", "C": "(A − Aᴴ)/2i, also Hermitian"},
    lhs=lambda A, x: np.conj(x) @ A @ x,
    rhs=lambda A, x: (np.conj(x) @ _herm_part(A) @ x).real + 1j * (np.conj(x) @ _antiherm_part(A) @ x).real,
    also=[Formula(r"A = B + iC", lambda A: A, lambda A: _herm_part(A) + 1j * _antiherm_part(A)),
          Formula(r"B = B^{H}", lambda A: _herm_part(A), lambda A: _h(_herm_part(A))),
          Formula(r"C = C^{H}", lambda A: _antiherm_part(A), lambda A: _h(_antiherm_part(A)))],
    notes="Any square A is B + iC with B and C Hermitian (the Cookbook's note after eq. 414), and the quadratic "
          "forms of Hermitian matrices are real; the right side keeps only their real parts, so the check shows "
          "that the imaginary part of xᴴAx is the real number xᴴCx. It vanishes for every x exactly when C is "
          "zero, that is when A is Hermitian: both directions of the Cookbook's equivalence. A general complex "
          "A is checked.",
    references=[cookbook(413)],
    related=["8B85", "RNQ4"],
    aliases=["Hermitian quadratic form is real", "Hermitian part", "x^H A x real", "Hermitian and anti-Hermitian part",
             "Cartesian decomposition of a matrix"],
)


def _real_spectrum(rng, values):
    """A non-Hermitian matrix with real eigenvalues: S Λ S⁻¹ with S complex, Λ real."""
    n = len(values["A"])
    S = values["A"] + 3 * np.eye(n)
    values["A"] = S @ np.diag(rng.uniform(-2.0, 2.0, size=n)) @ inv(S)
    return values


def _by_real_part(v):
    return v[np.argsort(v.real)]


Equality(
    id="8B85",
    title="The eigenvalues of a Hermitian matrix are real",
    latex=r"A = A^{H} \;\Rightarrow\; \operatorname{eig}(A) \subset \mathbb{R}",
    variables={"A": Matrix("n", "n", "hermitian")},
    lhs=lambda A: _by_real_part(np.linalg.eigvals(A)),
    rhs=lambda A: np.linalg.eigvalsh(A),
    notes="Checked by comparing the eigenvalues from the general (non-Hermitian) solver, complex numbers, with "
          "the real eigenvalues the Hermitian solver returns, both in increasing order.",
    errata=[Erratum(
        cookbook(414),
        "The Cookbook states an equivalence, but only one direction holds: real eigenvalues do not make a "
        "matrix Hermitian. Any S Λ S⁻¹ with Λ real and S not unitary is a counterexample (so is any real upper "
        "triangular matrix that is not diagonal). The printed converse is checked on such matrices, and fails.",
        printed=r"A = A^{H} \;\Longleftrightarrow\; \operatorname{eig}(A) \subset \mathbb{R}",
        variables={"A": Matrix("n", "n", "complex")}, prepare=_real_spectrum,
        lhs=lambda A: A, rhs=lambda A: _h(A))],
    references=[cookbook(414, note="only the implication from Hermitian to real eigenvalues holds")],
    related=["YPX2", "PAMJ"],
    aliases=["Hermitian eigenvalues real", "self-adjoint spectrum real", "spectral theorem Hermitian"],
)


Equality(
    id="RNQ4",
    title="A Hermitian matrix times i is skew-Hermitian",
    latex=r"A = A^{H} \;\Longleftrightarrow\; (iA)^{H} = -iA",
    variables={"A": Matrix("n", "n", "hermitian")},
    symbols={"i": "the imaginary unit"},
    lhs=lambda A: _h(1j * A),
    rhs=lambda A: -1j * A,
    notes="(iA)ᴴ is −iAᴴ for any A, so iA is skew-Hermitian exactly when Aᴴ equals A; the check takes Hermitian A.",
    references=[cookbook(415)],
    related=["YPX2", "61US"],
    aliases=["i times Hermitian is skew-Hermitian", "Hermitian and skew-Hermitian", "anti-Hermitian"],
)


Equality(
    id="61US",
    title="The bilinear form of a skew-Hermitian matrix",
    latex=r"A = -A^{H} \;\Longleftrightarrow\; x^{H}Ay = -x^{H}A^{H}y \quad \text{for all } x, y",
    variables={"A": Matrix("n", "n", "complex"), "x": Vector("n", "complex"), "y": Vector("n", "complex")},
    conditions="A is skew-Hermitian: it is drawn as (M − Mᴴ)/2.",
    prepare=_skew_hermitian,
    lhs=lambda A, x, y: np.conj(x) @ A @ y,
    rhs=lambda A, x, y: -(np.conj(x) @ _h(A) @ y),
    notes="With x and y running over the unit vectors the form reads off every entry, so the identity for all x "
          "and y is the definition of a skew-Hermitian matrix itself.",
    references=[cookbook(416)],
    related=["RNQ4", "PAMJ"],
    aliases=["skew-Hermitian bilinear form", "anti-Hermitian matrix", "skew Hermitian definition"],
)


def _by_imaginary_part(v):
    return v[np.argsort(v.imag)]


Equality(
    id="PAMJ",
    title="The eigenvalues of a skew-Hermitian matrix are imaginary",
    latex=r"A = -A^{H} \;\Rightarrow\; \operatorname{eig}(A) = i\lambda,\quad \lambda \in \mathbb{R}",
    variables={"A": Matrix("n", "n", "complex")},
    symbols={"i": "the imaginary unit", r"\lambda": "the real eigenvalues of the Hermitian matrix −iA"},
    conditions="A is skew-Hermitian: it is drawn as (M − Mᴴ)/2.",
    prepare=_skew_hermitian,
    lhs=lambda A: _by_imaginary_part(np.linalg.eigvals(A)),
    rhs=lambda A: 1j * np.linalg.eigvalsh(-1j * A),
    notes="−iA is Hermitian (eq. 415), with real eigenvalues λ, and A is i times it. The check compares the "
          "eigenvalues of A from the general solver with iλ, both in increasing order of the imaginary part.",
    references=[cookbook(417)],
    related=["8B85", "61US"],
    aliases=["skew-Hermitian eigenvalues imaginary", "anti-Hermitian spectrum", "skew-symmetric eigenvalues"],
)


# ---------------------------------------------------------------------------------------------
# 9.4 Idempotent, nilpotent and unipotent matrices, eqs. (418)–(429). The samples are oblique (not
# symmetric): S D S⁻¹ with S well conditioned and D a diagonal of zeros and ones, of rank 1 to n − 1.

def _idempotent_sample(rng, n, complex_=False):
    S = well_conditioned(rng, (n, n))
    if complex_:
        S = S + 1j * well_conditioned(rng, (n, n))
    r = int(rng.integers(1, n)) if n > 1 else 1
    return S @ np.diag([1.0] * r + [0.0] * (n - r)) @ inv(S)


def _idempotent(rng, values):
    values["A"] = _idempotent_sample(rng, len(values["A"]))
    return values


def _idempotent_complex(rng, values):
    values["A"] = _idempotent_sample(rng, len(values["A"]), complex_=True)
    return values


def _idempotent_power(rng, values):
    values = _idempotent(rng, values)
    values["n"] = float(rng.integers(1, 6))
    return values


IDEMPOTENT = "A is idempotent, AA = A: drawn as S D S⁻¹, D a diagonal of ones and zeros (not symmetric)."
IDEMPOTENT_NOTE = "The check takes an oblique (non-symmetric) idempotent, of rank between 1 and n − 1."


Equality(
    id="Z9YE",
    title="Every power of an idempotent matrix is the matrix itself",
    latex=r"A^{n} = A,\quad n = 1, 2, 3, \dots",
    variables={"A": Matrix("m", "m", "square"), "n": Scalar()},
    conditions=IDEMPOTENT + " n is a whole number from 1 to 5.",
    prepare=_idempotent_power,
    lhs=lambda A, n: np.linalg.matrix_power(A, int(n)),
    rhs=lambda A, n: A,
    notes=IDEMPOTENT_NOTE,
    references=[cookbook(418)],
    related=["W126", "JVEB"],
    aliases=["idempotent matrix power", "projection matrix power", "A squared equals A"],
)


Equality(
    id="W126",
    title="I − A is idempotent when A is",
    latex=r"(I - A)(I - A) = I - A",
    variables={"A": Matrix("n", "n", "square")},
    conditions=IDEMPOTENT,
    prepare=_idempotent,
    lhs=lambda A: (np.eye(len(A)) - A) @ (np.eye(len(A)) - A),
    rhs=lambda A: np.eye(len(A)) - A,
    notes="If A projects onto its range along its null space, I − A projects onto the null space along the range. "
          + IDEMPOTENT_NOTE,
    references=[cookbook(419)],
    related=["Z9YE", "R49V", "J8GQ"],
    aliases=["complementary projector", "I minus A idempotent", "complement of a projection"],
)


Equality(
    id="W3NG",
    title="The conjugate transpose of an idempotent matrix is idempotent",
    latex=r"A^{H}A^{H} = A^{H}",
    variables={"A": Matrix("n", "n", "complex")},
    conditions="A is idempotent, AA = A: drawn as S D S⁻¹ with S complex and D a diagonal of ones and zeros.",
    prepare=_idempotent_complex,
    lhs=lambda A: _h(A) @ _h(A),
    rhs=lambda A: _h(A),
    notes="AᴴAᴴ is (AA)ᴴ. The check takes a complex oblique idempotent; for a real one Aᴴ is Aᵀ.",
    references=[cookbook(420)],
    related=["J8GQ", "W126"],
    aliases=["transpose of projection is projection", "adjoint of idempotent"],
)


Equality(
    id="J8GQ",
    title="I − Aᴴ is idempotent when A is",
    latex=r"(I - A^{H})(I - A^{H}) = I - A^{H}",
    variables={"A": Matrix("n", "n", "complex")},
    conditions="A is idempotent, AA = A: drawn as S D S⁻¹ with S complex and D a diagonal of ones and zeros.",
    prepare=_idempotent_complex,
    lhs=lambda A: (np.eye(len(A)) - _h(A)) @ (np.eye(len(A)) - _h(A)),
    rhs=lambda A: np.eye(len(A)) - _h(A),
    notes="Aᴴ is idempotent (eq. 420), and so is the complement of any idempotent (eq. 419).",
    references=[cookbook(421)],
    related=["W3NG", "W126"],
    aliases=["complementary projector adjoint", "I minus A^H idempotent"],
)


def _commuting_idempotents(rng, values):
    """A and B share the eigenvector matrix S, so they commute; their ranges overlap, so AB is not zero."""
    n = len(values["A"])
    S = well_conditioned(rng, (n, n))
    d1 = rng.integers(0, 2, size=n).astype(float)
    d2 = rng.integers(0, 2, size=n).astype(float)
    d1[0] = d2[0] = 1.0
    if n > 1:
        d1[-1], d2[-1] = 1.0, 0.0
    values["A"] = S @ np.diag(d1) @ inv(S)
    values["B"] = S @ np.diag(d2) @ inv(S)
    return values


Equality(
    id="44MR",
    title="The product of commuting idempotent matrices is idempotent",
    latex=r"AB = BA \;\Rightarrow\; (AB)(AB) = AB",
    variables={"A": Matrix("n", "n", "square"), "B": Matrix("n", "n", "square")},
    conditions="A and B are idempotent and commute: A = S D₁ S⁻¹ and B = S D₂ S⁻¹ with D₁, D₂ diagonals of ones "
               "and zeros and the same S.",
    prepare=_commuting_idempotents,
    lhs=lambda A, B: (A @ B) @ (A @ B),
    rhs=lambda A, B: A @ B,
    also=[Formula(r"AB = BA", lambda A, B: A @ B, lambda A, B: B @ A)],
    notes="ABAB is AABB when A and B commute, and that is AB. AB projects onto the intersection of the two ranges. "
          "Without commuting the product of idempotents is in general not idempotent.",
    references=[cookbook(422)],
    related=["Z9YE"],
    aliases=["product of projections", "commuting projectors", "product of idempotents"],
)


Equality(
    id="JVEB",
    title="The rank of an idempotent matrix is its trace",
    latex=r"\operatorname{rank}(A) = \operatorname{Tr}(A)",
    variables={"A": Matrix("n", "n", "square")},
    conditions=IDEMPOTENT,
    prepare=_idempotent,
    lhs=lambda A: float(np.linalg.matrix_rank(A)),
    rhs=lambda A: np.trace(A),
    notes="The eigenvalues of an idempotent matrix are 0 and 1 and it is diagonalisable, so its trace counts the "
          "ones, which is the rank. " + IDEMPOTENT_NOTE,
    references=[cookbook(423)],
    related=["Z9YE"],
    aliases=["rank equals trace", "rank of projection matrix", "trace of idempotent"],
)


Equality(
    id="R49V",
    title="An idempotent matrix annihilates its complement: A(I − A) = (I − A)A = 0",
    latex=r"A(I - A) = 0:\quad A(I - A) + A = A",
    variables={"A": Matrix("n", "n", "square")},
    conditions=IDEMPOTENT,
    prepare=_idempotent,
    lhs=lambda A: A @ (np.eye(len(A)) - A) + A,
    rhs=lambda A: A,
    also=[Formula(r"(I - A)A = 0:\quad (I - A)A + A = A", lambda A: (np.eye(len(A)) - A) @ A + A, lambda A: A)],
    notes="A side that is zero on every instance checks nothing, so each product is checked with A added to both "
          "sides: for a matrix that is not idempotent the product is A − A², and the check fails. "
          + IDEMPOTENT_NOTE,
    references=[cookbook(424), cookbook(425)],
    related=["W126"],
    aliases=["complementary projectors annihilate", "A times I minus A is zero"],
)


def _projector(rng, values):
    """An orthogonal projector: symmetric and idempotent, of rank 1 to n − 1."""
    n = len(values["A"])
    Q = np.linalg.qr(rng.standard_normal((n, n)))[0]
    r = int(rng.integers(1, n)) if n > 1 else 1
    values["A"] = Q[:, :r] @ Q[:, :r].T
    return values


Equality(
    id="WZ2U",
    title="The pseudo-inverse of a symmetric idempotent matrix (an orthogonal projector) is itself",
    latex=r"A = A^{\top} = A^{2} \;\Rightarrow\; A^{+} = A",
    variables={"A": Matrix("n", "n", "symmetric")},
    conditions="A is also idempotent: an orthogonal projector U Uᵀ, U with 1 to n − 1 orthonormal columns.",
    prepare=_projector,
    lhs=lambda A: np.linalg.pinv(A),
    rhs=lambda A: A,
    notes="The four Moore–Penrose conditions hold for X equal to A when A is symmetric and idempotent. For an "
          "oblique idempotent they fail, since they ask AA⁺ and A⁺A to be symmetric.",
    errata=[Erratum(
        cookbook(426),
        "The Cookbook lists the pseudo-inverse equal to A among the properties of every idempotent matrix. That "
        "holds only for symmetric (Hermitian) idempotents, the orthogonal projectors: for an oblique idempotent "
        "such as the 2 × 2 matrix with rows (1, 1) and (0, 0) the pseudo-inverse is a different matrix, since "
        "the Moore–Penrose conditions ask AA⁺ and A⁺A to be symmetric. Checked on oblique idempotents, the "
        "printed statement fails.",
        printed=r"A^{2} = A \;\Rightarrow\; A^{+} = A",
        variables={"A": Matrix("n", "n", "square")}, prepare=_idempotent)],
    references=[cookbook(426, note="holds for symmetric (Hermitian) idempotents only")],
    related=["JVEB"],
    aliases=["pseudo-inverse of projection", "Moore-Penrose inverse of idempotent", "pinv of projector"],
)


F_EXP = {"f": "a function given by a power series; checked with f the exponential, and with f(z) = z³"}


Equality(
    id="DAYZ",
    title="A function of sI + tA for an idempotent A",
    latex=r"f(sI + tA) = (I - A)f(s) + Af(s + t)",
    variables={"A": Matrix("n", "n", "square"), "s": Scalar(), "t": Scalar()},
    symbols=F_EXP,
    conditions=IDEMPOTENT,
    prepare=_idempotent,
    lhs=lambda A, s, t: expm(s * np.eye(len(A)) + t * A),
    rhs=lambda A, s, t: (np.eye(len(A)) - A) * np.exp(s) + A * np.exp(s + t),
    also=[Formula(r"(sI + tA)^{3} = (I - A)s^{3} + A(s + t)^{3}",
                  lambda A, s, t: np.linalg.matrix_power(s * np.eye(len(A)) + t * A, 3),
                  lambda A, s, t: (np.eye(len(A)) - A) * s ** 3 + A * (s + t) ** 3)],
    notes="sI + tA acts as s on the null space of A and as s + t on its range, and A and I − A are the projectors "
          "onto them. The statement is checked with the matrix exponential (scaling and squaring, not this "
          "formula) and the cube. " + IDEMPOTENT_NOTE,
    references=[cookbook(427)],
    related=["DGC3", "TXGF"],
    aliases=["function of idempotent matrix", "exponential of projection", "matrix function projector"],
)


def _nilpotent(rng, values):
    """A = XYᵀ with YᵀX zero, so that AA is zero; rank up to n/2, not symmetric."""
    n = len(values["A"])
    Q = np.linalg.qr(rng.standard_normal((n, n)))[0]
    r = max(1, n // 2)
    X = Q[:, :r] @ rng.standard_normal((r, r))
    Y = Q[:, r:2 * r] @ rng.standard_normal((r, r)) if 2 * r <= n else Q[:, r:] @ rng.standard_normal((n - r, r))
    values["A"] = X @ Y.T
    return values


Equality(
    id="DGC3",
    title="A function of sI + tA for a nilpotent A (AA = 0)",
    latex=r"f(sI + tA) = If(s) + tAf'(s)",
    variables={"A": Matrix("n", "n", "square"), "s": Scalar(), "t": Scalar()},
    symbols={"f": "a function given by a power series, f′ its derivative; checked with f the exponential, and "
                  "with f(z) = z³"},
    conditions="A is nilpotent of index two, AA = 0: drawn as XYᵀ with YᵀX zero.",
    prepare=_nilpotent,
    lhs=lambda A, s, t: expm(s * np.eye(len(A)) + t * A),
    rhs=lambda A, s, t: np.eye(len(A)) * np.exp(s) + t * A * np.exp(s),
    also=[Formula(r"(sI + tA)^{3} = Is^{3} + tA\cdot 3s^{2}",
                  lambda A, s, t: np.linalg.matrix_power(s * np.eye(len(A)) + t * A, 3),
                  lambda A, s, t: np.eye(len(A)) * s ** 3 + t * A * 3 * s ** 2)],
    notes="The Taylor series of f about s stops after the linear term, since every higher power of tA is zero. "
          "The Cookbook's flattened text loses the prime of f′(s). Checked with the matrix exponential and the "
          "cube.",
    references=[cookbook(428)],
    related=["DAYZ", "TXGF"],
    aliases=["function of nilpotent matrix", "exponential of nilpotent matrix", "square-zero matrix"],
)


def _involution(rng, values):
    """A = S D S⁻¹ with D a diagonal of +1 and −1, so that AA is I; not symmetric."""
    n = len(values["A"])
    S = well_conditioned(rng, (n, n))
    d = rng.choice([-1.0, 1.0], size=n)
    d[0] = 1.0
    if n > 1:
        d[-1] = -1.0
    values["A"] = S @ np.diag(d) @ inv(S)
    return values


Equality(
    id="TXGF",
    title="A function of sI + tA for a matrix with AA = I",
    latex=r"f(sI + tA) = \frac{(I + A)f(s + t) + (I - A)f(s - t)}{2}",
    variables={"A": Matrix("n", "n", "square"), "s": Scalar(), "t": Scalar()},
    symbols=F_EXP,
    conditions="A is its own inverse, AA = I (the Cookbook calls it unipotent): drawn as S D S⁻¹ with D a "
               "diagonal of +1 and −1.",
    prepare=_involution,
    lhs=lambda A, s, t: expm(s * np.eye(len(A)) + t * A),
    rhs=lambda A, s, t: ((np.eye(len(A)) + A) * np.exp(s + t) + (np.eye(len(A)) - A) * np.exp(s - t)) / 2,
    also=[Formula(r"(sI + tA)^{3} = \frac{(I + A)(s + t)^{3} + (I - A)(s - t)^{3}}{2}",
                  lambda A, s, t: np.linalg.matrix_power(s * np.eye(len(A)) + t * A, 3),
                  lambda A, s, t: ((np.eye(len(A)) + A) * (s + t) ** 3 + (np.eye(len(A)) - A) * (s - t) ** 3) / 2)],
    notes="(I + A)/2 and (I − A)/2 are complementary projectors onto the eigenspaces of A for +1 and −1, where "
          "sI + tA is s + t and s − t. Such a matrix is more often called an involution; unipotent usually means "
          "that A − I is nilpotent. Checked with the matrix exponential and the cube.",
    references=[cookbook(429)],
    related=["DAYZ", "DGC3"],
    aliases=["function of involutory matrix", "involution", "exponential of involution", "A squared equals I"],
)


# ---------------------------------------------------------------------------------------------
# 9.5 Orthogonal matrices: the powers of ortho-symmetric and ortho-skew matrices, eqs. (432)–(437).
# (Eqs. 430–431 and 434–435 define the two kinds; see the concordance.)

def _ortho_sym(rng, values):
    """Q₊ = V D Vᵀ: V orthogonal (as drawn), D a diagonal of +1 and −1, so Q₊ is orthogonal and symmetric."""
    V = values["Q"]
    n = len(V)
    d = rng.choice([-1.0, 1.0], size=n)
    d[0] = -1.0
    if n > 1:
        d[-1] = 1.0
    values["Q"] = (V * d) @ V.T
    values["k"] = float(rng.integers(0, 7))
    return values


Equality(
    id="CA9V",
    title="Powers of an orthogonal symmetric matrix",
    latex=r"Q_{+}^{k} = \frac{1 + (-1)^{k}}{2}I + \frac{1 + (-1)^{k+1}}{2}Q_{+}",
    variables={"Q": Matrix("n", "n", "orthogonal", tex="Q"), "k": Scalar()},
    conditions="Q₊ is also symmetric (the Cookbook's ortho-sym): drawn as V D Vᵀ with V orthogonal and D a "
               "diagonal of +1 and −1. k is a whole number from 0 to 6.",
    prepare=_ortho_sym,
    lhs=lambda Q, k: np.linalg.matrix_power(Q, int(k)),
    rhs=lambda Q, k: (1 + (-1) ** int(k)) / 2 * np.eye(len(Q)) + (1 + (-1) ** (int(k) + 1)) / 2 * Q,
    also=[Formula(r"Q_{+}^{k} = \frac{1 + \cos(k\pi)}{2}I + \frac{1 - \cos(k\pi)}{2}Q_{+}",
                  lambda Q, k: np.linalg.matrix_power(Q, int(k)),
                  lambda Q, k: (1 + np.cos(k * np.pi)) / 2 * np.eye(len(Q)) + (1 - np.cos(k * np.pi)) / 2 * Q)],
    symbols={r"\pi": "π"},
    notes="An orthogonal symmetric matrix is its own inverse, Q₊Q₊ being Q₊ᵀQ₊, the identity: its even powers are I "
          "and its odd powers Q₊. Reflections I − 2uuᵀ are examples.",
    references=[cookbook(432), cookbook(433)],
    related=["JY45", "TXGF"],
    aliases=["ortho-sym matrix powers", "orthogonal symmetric matrix", "reflection matrix powers",
             "Householder reflection squared"],
)


def _ortho_skew(rng, values):
    """Q₋ = U diag(±i) Uᴴ: U unitary (as drawn), so Q₋ is unitary and skew-Hermitian."""
    U = values["Q"]
    n = len(U)
    d = rng.choice([-1.0, 1.0], size=n)
    d[0] = 1.0
    if n > 1:
        d[-1] = -1.0
    values["Q"] = (U * (1j * d)) @ _h(U)
    values["k"] = float(rng.integers(0, 9))
    return values


Equality(
    id="JY45",
    title="Powers of a unitary skew-Hermitian matrix",
    latex=r"Q_{-}^{k} = \frac{i^{k} + (-i)^{k}}{2}I - i\,\frac{i^{k} - (-i)^{k}}{2}Q_{-}",
    variables={"Q": Matrix("n", "n", "unitary", tex="Q"), "k": Scalar()},
    symbols={"i": "the imaginary unit", r"\pi": "π"},
    conditions="Q₋ is also skew-Hermitian, Q₋ equal to −Q₋ᴴ (the Cookbook's ortho-skew): drawn as U diag(±i) Uᴴ "
               "with U unitary. k is a whole number from 0 to 8.",
    prepare=_ortho_skew,
    lhs=lambda Q, k: np.linalg.matrix_power(Q, int(k)),
    rhs=lambda Q, k: ((1j) ** int(k) + (-1j) ** int(k)) / 2 * np.eye(len(Q))
    - 1j * ((1j) ** int(k) - (-1j) ** int(k)) / 2 * Q,
    also=[Formula(r"Q_{-}^{k} = \cos\left(k\frac{\pi}{2}\right)I + \sin\left(k\frac{\pi}{2}\right)Q_{-}",
                  lambda Q, k: np.linalg.matrix_power(Q, int(k)),
                  lambda Q, k: np.cos(k * np.pi / 2) * np.eye(len(Q)) + np.sin(k * np.pi / 2) * Q)],
    notes="Q₋Q₋ is −Q₋ᴴQ₋, which is −I, so the powers of Q₋ cycle through I, Q₋, −I and −Q₋ like those of i. A real "
          "example is the 2 × 2 rotation by a quarter turn; the check takes complex ones of any size.",
    references=[cookbook(436), cookbook(437)],
    related=["CA9V"],
    aliases=["ortho-skew matrix powers", "orthogonal antisymmetric matrix", "unitary skew-Hermitian", "quarter turn"],
)


# ---------------------------------------------------------------------------------------------
# 9.6 Positive definite and semi-definite matrices, eqs. (439)–(442).

def _lambda_min(S):
    return np.linalg.eigvalsh(S)[0]


def _bottom_vector(S, like):
    """The eigenvector of the symmetric S for its smallest eigenvalue, scaled to the norm of ``like``."""
    return np.linalg.eigh(S)[1][:, 0] * np.linalg.norm(like)


def _sym(A):
    return (A + A.T) / 2


Inequality(
    id="TAVR",
    title="A positive definite matrix has a positive quadratic form, bounded below by its smallest eigenvalue",
    latex=r"\lambda_{\min}(A)\,x^{\top}x \le x^{\top}Ax",
    variables={"A": Matrix("n", "n", "spd"), "x": Vector("n")},
    symbols={r"\lambda": "λ_min(A), the smallest eigenvalue of A"},
    lhs=lambda A, x: _lambda_min(A) * (x @ x),
    rhs=lambda A, x: x @ A @ x,
    attained=lambda rng, A, x: {"x": _bottom_vector(A, x)},
    attained_words="x an eigenvector of A for its smallest eigenvalue",
    notes="The Cookbook defines A as positive definite when xᵀAx > 0 for every x other than zero. For symmetric A "
          "the form is at least λ_min(A) xᵀx (the Rayleigh quotient), with equality on the eigenvector, and "
          "λ_min(A) > 0, so the definition holds with a margin.",
    references=[cookbook(439)],
    related=["QVQL", "FTAV"],
    aliases=["positive definite definition", "x^T A x > 0", "Rayleigh quotient lower bound", "positive quadratic form"],
)


def _psd_singular(rng, values):
    """A = BBᵀ with B n × (n − 1): positive semi-definite and singular."""
    n = len(values["A"])
    B = rng.standard_normal((n, max(1, n - 1)))
    values["A"] = B @ B.T
    return values


def _psd_sqrt(A):
    return sym_function(A, lambda w: np.sqrt(np.clip(w, 0.0, None)))


Equality(
    id="FTAV",
    title="The quadratic form of a positive semi-definite matrix is a squared norm",
    latex=r"x^{\top}Ax = \bigl\|A^{1/2}x\bigr\|_{2}^{2} \ge 0",
    variables={"A": Matrix("n", "n", "symmetric"), "x": Vector("n")},
    conditions="A is positive semi-definite and singular: BBᵀ with B of n − 1 columns.",
    prepare=_psd_singular,
    lhs=lambda A, x: x @ A @ x,
    rhs=lambda A, x: float(np.sum((_psd_sqrt(A) @ x) ** 2)),
    notes="A^(1/2) is the positive semi-definite square root, from the eigenvalues clipped at zero: it exists, "
          "and matches the form, only when no eigenvalue is negative. So xᵀAx ≥ 0 for all x, the Cookbook's "
          "definition, and it is zero on the null space of A.",
    references=[cookbook(440)],
    related=["TAVR", "QVQL"],
    aliases=["positive semidefinite definition", "x^T A x >= 0", "PSD quadratic form", "matrix square root"],
)


Inequality(
    id="QVQL",
    title="Definiteness of any square matrix is decided by the eigenvalues of its symmetric part",
    latex=r"\lambda_{\min}\!\left(\frac{A + A^{\top}}{2}\right)x^{\top}x \le x^{\top}Ax",
    variables={"A": Matrix("n", "n", "square"), "x": Vector("n")},
    symbols={r"\lambda": "λ_min, the smallest eigenvalue"},
    lhs=lambda A, x: _lambda_min(_sym(A)) * (x @ x),
    rhs=lambda A, x: x @ A @ x,
    attained=lambda rng, A, x: {"x": _bottom_vector(_sym(A), x)},
    attained_words="x an eigenvector of the symmetric part for its smallest eigenvalue",
    notes="xᵀAx only sees the symmetric part of A, and the bound is attained, so the least value of xᵀAx over unit "
          "vectors is the smallest eigenvalue of (A + Aᵀ)/2: A is positive definite exactly when the eigenvalues of "
          "its symmetric part are positive, and semi-definite when they are non-negative, as the Cookbook states. "
          "A general (non-symmetric) real A is checked; the Cookbook writes Aᴴ, which is Aᵀ for real matrices.",
    references=[cookbook(441)],
    related=["TAVR", "REY1"],
    aliases=["positive definite eigenvalues", "symmetric part eigenvalues", "eig((A+A^T)/2) > 0",
             "non-symmetric positive definite"],
)


Inequality(
    id="REY1",
    title="The trace of a positive (semi-)definite matrix is positive (non-negative)",
    latex=r"n\,\lambda_{\min}\!\left(\frac{A + A^{\top}}{2}\right) \le \operatorname{Tr}(A)",
    variables={"A": Matrix("n", "n", "square")},
    symbols={r"\lambda": "λ_min, the smallest eigenvalue"},
    lhs=lambda A: len(A) * _lambda_min(_sym(A)),
    rhs=lambda A: np.trace(A),
    attained=lambda rng, A: {"A": _lambda_min(_sym(A)) * np.eye(len(A)) + (A - A.T) / 2},
    attained_words="A a multiple of the identity plus an antisymmetric matrix",
    notes="Tr(A) is the trace of its symmetric part, the sum of that part's n eigenvalues, each at least the "
          "smallest. So a positive definite A (smallest eigenvalue of the symmetric part positive, eq. 441) has "
          "positive trace, and a semi-definite one a non-negative trace. Checked for general square A.",
    references=[cookbook(442)],
    related=["QVQL"],
    aliases=["trace of positive definite matrix", "Tr(A) > 0", "trace positive semidefinite"],
)


# ---------------------------------------------------------------------------------------------
# 9.7 The single-entry matrix J^ij, eqs. (443)–(455): zero except a one in row i, column j. Indices are
# 1-based, as in the Cookbook. Where J^ij is a variable it is drawn with its indices i and j; the scalar
# expressions are checked for every pair (i, j) at once, as a matrix indexed by (i, j).

J_SYMBOLS = {"e": "e_i, the i-th unit vector", "J": "J^ij, the single-entry matrix: 1 at (i, j), 0 elsewhere",
             "i": "a row index of J", "j": "a column index of J"}


def _single_entry():
    """``prepare``: J a single-entry matrix of its drawn shape, with i and j drawn as its indices."""
    def prepare(rng, values):
        r, c = values["J"].shape
        values["i"], values["j"] = _index(rng, r), _index(rng, c)
        values["J"] = _J((r, c), values["i"], values["j"])
        return values
    return prepare


SINGLE_ENTRY = "J is the single-entry matrix J^ij of its shape, i and j drawn among its row and column indices."
P4 = np.array([[0.0, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0], [0, 0, 0, 0]])


Equality(
    id="5GAJ",
    title="The single-entry matrix is the outer product of two unit vectors",
    latex=r"J^{ij} = e_{i}e_{j}^{\top}",
    variables={"J": Matrix("n", "n", "square"), "i": Scalar(), "j": Scalar()},
    symbols={"e": "e_i, the i-th unit vector", "e_2": "the second unit vector", "e_3": "the third unit vector"},
    conditions=SINGLE_ENTRY,
    prepare=_single_entry(),
    lhs=lambda J, i, j: J,
    rhs=lambda J, i, j: np.outer(_e(len(J), i), _e(len(J), j)),
    also=[Formula(r"J^{23} = \begin{bmatrix} 0 & 0 & 0 & 0 \\ 0 & 0 & 1 & 0 \\ 0 & 0 & 0 & 0 \\ 0 & 0 & 0 & 0 "
                  r"\end{bmatrix} = e_{2}e_{3}^{\top}", lambda: P4, lambda: np.outer(_e(4, 2), _e(4, 3)))],
    notes="J^ij is zero everywhere except in entry (i, j), where it is 1; the Cookbook's 4 × 4 example J^23 is "
          "checked too. It is the derivative of a matrix by its entry (i, j), which makes it useful with "
          "derivatives of matrix expressions.",
    references=[cookbook(443)],
    related=["VX2Z", "R4XW"],
    aliases=["single-entry matrix", "J^ij", "matrix unit", "elementary matrix E_ij", "standard basis matrix"],
)


def _column_j(A, i, j, p):
    out = np.zeros((A.shape[0], p))
    out[:, int(j) - 1] = A[:, int(i) - 1]
    return out


def _row_i(A, i, j, p):
    out = np.zeros((p, A.shape[1]))
    out[int(i) - 1, :] = A[int(j) - 1, :]
    return out


Equality(
    id="VX2Z",
    title="Multiplying by a single-entry matrix on the right moves a column",
    latex=r"AJ^{ij} = \begin{bmatrix} 0 & \cdots & A_{i} & \cdots & 0 \end{bmatrix}",
    variables={"A": Matrix("n", "m"), "J": Matrix("m", "p"), "i": Scalar(), "j": Scalar()},
    symbols={"e": "e_i, the i-th unit vector"},
    conditions=SINGLE_ENTRY,
    prepare=_single_entry(),
    lhs=lambda A, J, i, j: A @ J,
    rhs=lambda A, J, i, j: _column_j(A, i, j, J.shape[1]),
    notes="An n × p matrix of zeros with the i-th column of A, A_i, in place of the j-th column; A is n × m and "
          "J^ij is m × p.",
    references=[cookbook(444)],
    related=["5GAJ", "R4XW"],
    aliases=["single-entry matrix column selector", "A times J^ij", "swap and zeros"],
)


Equality(
    id="R4XW",
    title="Multiplying by a single-entry matrix on the left moves a row",
    latex=r"J^{ij}A = \begin{bmatrix} 0 \\ \vdots \\ A_{j} \\ \vdots \\ 0 \end{bmatrix}",
    variables={"A": Matrix("n", "m"), "J": Matrix("p", "n"), "i": Scalar(), "j": Scalar()},
    conditions=SINGLE_ENTRY,
    prepare=_single_entry(),
    lhs=lambda A, J, i, j: J @ A,
    rhs=lambda A, J, i, j: _row_i(A, i, j, J.shape[0]),
    notes="A p × m matrix of zeros with the j-th row of A, A_j, in place of the i-th row; A is n × m and J^ij is "
          "p × n.",
    references=[cookbook(445)],
    related=["5GAJ", "VX2Z"],
    aliases=["single-entry matrix row selector", "J^ij times A", "swap and zeros"],
)


def _entry_products(a, b):
    """The matrix whose (k, l) entry is a_k b_l."""
    return np.outer(a, b)


def _rewriting(id_, eq, latex, shapes, lhs, rhs, middle, middle_latex):
    """A record of the Cookbook's eqs. (446)–(449): a product of two entries as an entry of a product."""
    (ra, ca), (rb, cb) = shapes
    return Equality(
        id=id_,
        title="A product of entries as an entry of a product with J^ij, eq. (" + str(eq) + ")",
        latex=latex,
        variables={"A": Matrix(ra, ca), "B": Matrix(rb, cb), "J": Matrix("m", "n"), "i": Scalar(), "j": Scalar()},
        symbols={"e": "e_i, the i-th unit vector", "k": "a row index of the result", "l": "a column index of the result"},
        conditions=SINGLE_ENTRY,
        prepare=_single_entry(),
        lhs=lhs,
        rhs=rhs,
        also=[Formula(middle_latex, middle, rhs)],
        notes="Checked for every (k, l) at once: the left side is the matrix of the products of the two entries, "
              "the right side the product with J^ij. With sums over i and j such rewritings turn entrywise "
              "derivatives into matrix products.",
        references=[cookbook(eq)],
        related=["5GAJ"],
        aliases=["rewriting product of elements", "single-entry matrix trick", "A_ki B_jl"],
    )


def _col(M, i):
    return M[:, int(i) - 1]


def _row(M, i):
    return M[int(i) - 1, :]


def _units(J, i, j):
    return np.outer(_e(J.shape[0], i), _e(J.shape[1], j))


_rewriting("EP0V", 446, r"A_{ki}B_{jl} = (AJ^{ij}B)_{kl}", (("p", "m"), ("n", "q")),
           lambda A, B, J, i, j: _entry_products(_col(A, i), _row(B, j)),
           lambda A, B, J, i, j: A @ J @ B,
           lambda A, B, J, i, j: A @ _units(J, i, j) @ B, r"(Ae_{i}e_{j}^{\top}B)_{kl} = (AJ^{ij}B)_{kl}")
_rewriting("RX4L", 447, r"A_{ik}B_{lj} = (A^{\top}J^{ij}B^{\top})_{kl}", (("m", "p"), ("q", "n")),
           lambda A, B, J, i, j: _entry_products(_row(A, i), _col(B, j)),
           lambda A, B, J, i, j: A.T @ J @ B.T,
           lambda A, B, J, i, j: A.T @ _units(J, i, j) @ B.T,
           r"(A^{\top}e_{i}e_{j}^{\top}B^{\top})_{kl} = (A^{\top}J^{ij}B^{\top})_{kl}")
_rewriting("YESY", 448, r"A_{ik}B_{jl} = (A^{\top}J^{ij}B)_{kl}", (("m", "p"), ("n", "q")),
           lambda A, B, J, i, j: _entry_products(_row(A, i), _row(B, j)),
           lambda A, B, J, i, j: A.T @ J @ B,
           lambda A, B, J, i, j: A.T @ _units(J, i, j) @ B, r"(A^{\top}e_{i}e_{j}^{\top}B)_{kl} = (A^{\top}J^{ij}B)_{kl}")
_rewriting("8TQJ", 449, r"A_{ki}B_{lj} = (AJ^{ij}B^{\top})_{kl}", (("p", "m"), ("q", "n")),
           lambda A, B, J, i, j: _entry_products(_col(A, i), _col(B, j)),
           lambda A, B, J, i, j: A @ J @ B.T,
           lambda A, B, J, i, j: A @ _units(J, i, j) @ B.T, r"(Ae_{i}e_{j}^{\top}B^{\top})_{kl} = (AJ^{ij}B^{\top})_{kl}")


def _over_pairs(shape, value):
    """The matrix whose (i, j) entry is value(J^ij), J^ij of the given shape (indices 1-based)."""
    r, c = shape
    return np.array([[value(_J(shape, i, j)) for j in range(1, c + 1)] for i in range(1, r + 1)])


def _over_pairs_transposed(shape, value):
    """The matrix whose (i, j) entry is value(J^ji), J^ji of the given shape: indexed by (column, row) of J."""
    r, c = shape
    return np.array([[value(_J(shape, j, i)) for j in range(1, r + 1)] for i in range(1, c + 1)])


PAIRS_NOTE = ("Checked for every pair (i, j) at once: the left side is evaluated with each single-entry matrix "
              "in turn and arranged as a matrix indexed by (i, j).")
DIAG_NOTE = ("J^ij J^ij is J^ii when i and j agree and zero otherwise, so only the diagonal survives: "
             "diag(M) here is the matrix M with its off-diagonal entries set to zero.")


Equality(
    id="5QNG",
    title="The trace of a product with J^ij picks one entry",
    latex=r"\operatorname{Tr}(AJ^{ij}) = \operatorname{Tr}(J^{ij}A) = (A^{\top})_{ij}",
    variables={"A": Matrix("n", "m")},
    symbols=J_SYMBOLS,
    lhs=lambda A: _over_pairs((A.shape[1], A.shape[0]), lambda J: np.trace(A @ J)),
    rhs=lambda A: A.T,
    also=[Formula(r"\operatorname{Tr}(J^{ij}A) = (A^{\top})_{ij}",
                  lambda A: _over_pairs((A.shape[1], A.shape[0]), lambda J: np.trace(J @ A)), lambda A: A.T)],
    notes="A is n × m and J^ij is m × n. " + PAIRS_NOTE,
    references=[cookbook(450)],
    related=["RH9U", "5GAJ"],
    aliases=["trace of A J^ij", "single-entry matrix in trace", "Tr(AJ) = A_ji"],
)


Equality(
    id="RH9U",
    title="The trace of AJ^ijB is an entry of AᵀBᵀ",
    latex=r"\operatorname{Tr}(AJ^{ij}B) = (A^{\top}B^{\top})_{ij}",
    variables={"A": Matrix("p", "n"), "B": Matrix("m", "p")},
    symbols=J_SYMBOLS,
    lhs=lambda A, B: _over_pairs((A.shape[1], B.shape[0]), lambda J: np.trace(A @ J @ B)),
    rhs=lambda A, B: A.T @ B.T,
    notes="J^ij is n × m. The Cookbook takes A square; any p × n matrix A with B m × p will do. " + PAIRS_NOTE,
    references=[cookbook(451)],
    related=["5QNG", "PUAE"],
    aliases=["trace of A J^ij B", "single-entry matrix in trace"],
)


Equality(
    id="PUAE",
    title="The trace of AJ^jiB is an entry of BA",
    latex=r"\operatorname{Tr}(AJ^{ji}B) = (BA)_{ij}",
    variables={"A": Matrix("p", "n"), "B": Matrix("m", "p")},
    symbols=J_SYMBOLS,
    lhs=lambda A, B: _over_pairs_transposed((A.shape[1], B.shape[0]), lambda J: np.trace(A @ J @ B)),
    rhs=lambda A, B: B @ A,
    notes="J^ji is n × m, with j a row and i a column index. The Cookbook takes A square. " + PAIRS_NOTE,
    references=[cookbook(452)],
    related=["RH9U"],
    aliases=["trace of A J^ji B", "single-entry matrix in trace"],
)


Equality(
    id="E15W",
    title="The trace of AJ^ijJ^ijB keeps only the diagonal of AᵀBᵀ",
    latex=r"\operatorname{Tr}(AJ^{ij}J^{ij}B) = \operatorname{diag}(A^{\top}B^{\top})_{ij}",
    variables={"A": Matrix("p", "n"), "B": Matrix("n", "p")},
    symbols=J_SYMBOLS,
    lhs=lambda A, B: _over_pairs((A.shape[1], A.shape[1]), lambda J: np.trace(A @ J @ J @ B)),
    rhs=lambda A, B: (A.T @ B.T) * np.eye(A.shape[1]),
    notes="J^ij J^ij needs J^ij square, n × n (the Cookbook's heading gives it n × m, which only fits when m is n). "
          + DIAG_NOTE + " " + PAIRS_NOTE,
    references=[cookbook(453)],
    related=["RH9U", "W3YG"],
    aliases=["trace of A J^ij J^ij B", "single-entry matrix squared"],
)


Equality(
    id="R7X0",
    title="A quadratic form with J^ij is an entry of Aᵀxxᵀ Bᵀ",
    latex=r"x^{\top}AJ^{ij}Bx = (A^{\top}xx^{\top}B^{\top})_{ij}",
    variables={"A": Matrix("n", "p"), "B": Matrix("q", "n"), "x": Vector("n")},
    symbols=J_SYMBOLS,
    lhs=lambda A, B, x: _over_pairs((A.shape[1], B.shape[0]), lambda J: x @ A @ J @ B @ x),
    rhs=lambda A, B, x: A.T @ np.outer(x, x) @ B.T,
    notes="J^ij is p × q. The Cookbook takes A square; rectangular A and B are checked. " + PAIRS_NOTE,
    references=[cookbook(454)],
    related=["W3YG", "RH9U"],
    aliases=["quadratic form with single-entry matrix", "x^T A J B x"],
)


Equality(
    id="W3YG",
    title="A quadratic form with J^ijJ^ij keeps only the diagonal of Aᵀxxᵀ Bᵀ",
    latex=r"x^{\top}AJ^{ij}J^{ij}Bx = \operatorname{diag}(A^{\top}xx^{\top}B^{\top})_{ij}",
    variables={"A": Matrix("n", "p"), "B": Matrix("p", "n"), "x": Vector("n")},
    symbols=J_SYMBOLS,
    lhs=lambda A, B, x: _over_pairs((A.shape[1], A.shape[1]), lambda J: x @ A @ J @ J @ B @ x),
    rhs=lambda A, B, x: (A.T @ np.outer(x, x) @ B.T) * np.eye(A.shape[1]),
    notes="J^ij is p × p. " + DIAG_NOTE + " " + PAIRS_NOTE,
    references=[cookbook(455)],
    related=["R7X0", "E15W"],
    aliases=["quadratic form with single-entry matrix squared", "x^T A J J B x"],
)


# ---------------------------------------------------------------------------------------------
# 9.8 Symmetric and antisymmetric matrices, eqs. (461)–(464). (Eqs. 459–460 are the definitions.)

def _antisymmetric(rng, values):
    A = values["A"]
    values["A"] = (A - A.T) / 2
    return values


Equality(
    id="ZFY5",
    title="Determinant of the transpose of an antisymmetric matrix",
    latex=r"\det(A^{\top}) = \det(-A) = (-1)^{n}\det(A)",
    variables={"A": Matrix("n", "n", "square")},
    conditions="A is antisymmetric, A equal to −Aᵀ: drawn as (M − Mᵀ)/2.",
    prepare=_antisymmetric,
    lhs=lambda A: det(A.T),
    rhs=lambda A: (-1) ** len(A) * det(A),
    also=[Formula(r"\det(A^{\top}) = \det(-A)", lambda A: det(A.T), lambda A: det(-A))],
    notes="Aᵀ is −A, and negating an n × n matrix multiplies its determinant by (−1)ⁿ. For odd n the three are "
          "zero (eq. 462); the even sizes carry the check.",
    references=[cookbook(461)],
    related=["HX9H", "WP2B"],
    aliases=["determinant of skew-symmetric matrix", "antisymmetric determinant", "det of negative matrix"],
)


Inequality(
    id="HX9H",
    title="An antisymmetric matrix of odd order is singular",
    latex=r"n \text{ odd},\ A = -A^{\top} \;\Rightarrow\; \operatorname{rank}(A) \le n - 1,\ \text{so}\ "
          r"-\det(A) = \det(-A) = 0",
    variables={"A": Matrix(5, 5, "square")},
    symbols={"n": "the order of A, here 5"},
    conditions="A is antisymmetric, A equal to −Aᵀ: drawn as (M − Mᵀ)/2, of odd order 5.",
    prepare=_antisymmetric,
    lhs=lambda A: float(np.linalg.matrix_rank(A)),
    rhs=lambda A: float(len(A) - 1),
    attained=lambda rng, A: {},
    attained_words="every generic antisymmetric matrix of odd order, whose rank is exactly n − 1",
    notes="det(A) is det(Aᵀ), which is det(−A), which is (−1)ⁿdet(A) (eq. 461): for odd n the determinant is its "
          "own negative, hence zero. A zero side checks nothing, so the check states the same fact as a bound on "
          "the rank, which a nonsingular matrix (rank n) would break; the bound is attained, since the rank of an "
          "antisymmetric matrix is even and generically n − 1.",
    references=[cookbook(462)],
    related=["ZFY5"],
    aliases=["odd antisymmetric matrix singular", "skew-symmetric odd dimension determinant zero"],
)


Equality(
    id="WP2B",
    title="Every square matrix is the sum of a symmetric and an antisymmetric matrix",
    latex=r"A = A_{+} + A_{-},\quad A^{\top} = A_{+} - A_{-},\quad A_{+} = \frac{A + A^{\top}}{2} = A_{+}^{\top},"
          r"\quad A_{-} = \frac{A - A^{\top}}{2} = -A_{-}^{\top}",
    variables={"A": Matrix("n", "n", "square")},
    lhs=lambda A: np.stack([A, A.T]),
    rhs=lambda A: np.stack([(A + A.T) / 2 + (A - A.T) / 2, (A + A.T) / 2 - (A - A.T) / 2]),
    also=[Formula(r"A_{+} = A_{+}^{\top}", lambda A: (A + A.T) / 2, lambda A: ((A + A.T) / 2).T),
          Formula(r"A_{-} = -A_{-}^{\top}", lambda A: (A - A.T) / 2, lambda A: -((A - A.T) / 2).T)],
    notes="The decomposition is unique: the symmetric part of an antisymmetric matrix is zero. The Cookbook states "
          "it twice, in §9.5.3 and §9.8.3, the second time with the explicit parts.",
    references=[cookbook(438), cookbook(463), cookbook(464)],
    related=["ZFY5", "QVQL"],
    aliases=["symmetric and skew-symmetric decomposition", "symmetric part", "antisymmetric part",
             "Toeplitz decomposition of a matrix", "Cartesian decomposition"],
)


# ---------------------------------------------------------------------------------------------
# 9.9 Toeplitz matrices, eqs. (465)–(469): the displayed structures, each checked for a property it has.

def _exchange(n):
    """J, the exchange matrix: ones on the anti-diagonal."""
    return np.eye(n)[::-1]


def _toeplitz(rng, values):
    """T with T_ij equal to t_(j−i), from 2n − 1 random diagonals."""
    n = len(values["T"])
    t = rng.standard_normal(2 * n - 1)
    i, j = np.indices((n, n))
    values["T"] = t[j - i + n - 1]
    return values


def _lag(N):
    """L, the lag operator of eq. (480): ones on the subdiagonal, (L)_ij equal to δ_(i, j+1)."""
    i, j = np.indices((N, N))
    return (i == j + 1).astype(float)


def _cyclic(N):
    """L̂, the recurrent shift of eq. (482): (L̂)_ij equal to δ_(i, j+1) + δ_(i,1) δ_(j,N)."""
    i, j = np.indices((N, N)) + 1
    return ((i == j + 1) | ((i == 1) & (j == N))).astype(float)


Equality(
    id="NCBK",
    title="A Toeplitz matrix is persymmetric",
    latex=r"T = \begin{bmatrix} t_{0} & t_{1} & \cdots & t_{n-1} \\ t_{-1} & t_{0} & \ddots & \vdots \\ "
          r"\vdots & \ddots & \ddots & t_{1} \\ t_{-(n-1)} & \cdots & t_{-1} & t_{0} \end{bmatrix} \;\Rightarrow\; "
          r"J_{n}TJ_{n} = T^{\top}",
    variables={"T": Matrix("n", "n", "square")},
    symbols={"t": "t_k, the value on the k-th diagonal (k positive above the main diagonal)",
             "t_0": "the value on the main diagonal", "t_1": "the value on the first superdiagonal",
             "J": "J_n, the exchange matrix: ones on the anti-diagonal", "i": "a row index", "j": "a column index"},
    conditions="T is Toeplitz, T_ij equal to t_(j−i): drawn from 2n − 1 random diagonal values.",
    prepare=_toeplitz,
    lhs=lambda T: _exchange(len(T)) @ T @ _exchange(len(T)),
    rhs=lambda T: T.T,
    also=[Formula(r"T_{i+1,j+1} = T_{ij}", lambda T: T[1:, 1:], lambda T: T[:-1, :-1])],
    notes="Each diagonal of a Toeplitz matrix is constant (the second formula). Such a matrix is persymmetric: "
          "symmetric about its anti-diagonal, which reversing rows and columns expresses. Persymmetric matrices "
          "need not be Toeplitz.",
    references=[cookbook(465)],
    related=["091B", "ZUXF"],
    aliases=["Toeplitz matrix", "persymmetric", "constant diagonals", "diagonal-constant matrix"],
)


def _sym_toeplitz(t):
    i, j = np.indices((len(t), len(t)))
    return t[np.abs(i - j)]


Equality(
    id="091B",
    title="A symmetric Toeplitz matrix is centrosymmetric",
    latex=r"T = \begin{bmatrix} t_{0} & t_{1} & \cdots & t_{n-1} \\ t_{1} & t_{0} & \ddots & \vdots \\ "
          r"\vdots & \ddots & \ddots & t_{1} \\ t_{n-1} & \cdots & t_{1} & t_{0} \end{bmatrix} \;\Rightarrow\; "
          r"J_{n}TJ_{n} = T",
    variables={"t": Vector("n")},
    symbols={"T": "the symmetric Toeplitz matrix built from t", "t_0": "the first entry of t",
             "t_1": "the second entry of t", "J": "J_n, the exchange matrix: ones on the anti-diagonal"},
    lhs=lambda t: _exchange(len(t)) @ _sym_toeplitz(t) @ _exchange(len(t)),
    rhs=lambda t: _sym_toeplitz(t),
    also=[Formula(r"T = T^{\top}", lambda t: _sym_toeplitz(t), lambda t: _sym_toeplitz(t).T)],
    notes="Symmetric and persymmetric (eq. 465) together make it unchanged when its rows and columns are both "
          "reversed: centrosymmetric. Covariance matrices of stationary processes have this structure.",
    references=[cookbook(466)],
    related=["NCBK"],
    aliases=["symmetric Toeplitz matrix", "centrosymmetric", "autocorrelation matrix", "stationary covariance"],
)


Equality(
    id="ZUXF",
    title="A circulant matrix is a polynomial in the cyclic shift and commutes with it",
    latex=r"T_{\mathrm{C}} = \begin{bmatrix} t_{0} & t_{1} & \cdots & t_{n-1} \\ t_{n-1} & t_{0} & \ddots & \vdots \\ "
          r"\vdots & \ddots & \ddots & t_{1} \\ t_{1} & \cdots & t_{n-1} & t_{0} \end{bmatrix} = "
          r"\sum_{k=0}^{n-1} t_{k}(\hat{L}^{\top})^{k}",
    variables={"t": Vector("n")},
    symbols={"T": "T_C, the circulant matrix", "t_0": "the first entry of t", "t_1": "the second entry of t",
             "k": "the power", r"\hat{L}": "the recurrent (cyclic) shift of eq. (482)"},
    lhs=lambda t: _circulant(t),
    rhs=lambda t: sum(t[k] * np.linalg.matrix_power(_cyclic(len(t)).T, k) for k in range(len(t))),
    also=[Formula(r"\hat{L}T_{\mathrm{C}} = T_{\mathrm{C}}\hat{L}", lambda t: _cyclic(len(t)) @ _circulant(t),
                  lambda t: _circulant(t) @ _cyclic(len(t)))],
    notes="Each row of the circulant is the row above shifted one place to the right, wrapping round; powers of "
          "the cyclic shift do the shifting. Being a polynomial in L̂, a circulant commutes with it (and with "
          "every other circulant); the DFT diagonalises them all (eq. 412).",
    references=[cookbook(467)],
    related=["4AUU", "7J85"],
    aliases=["circulant matrix", "circular Toeplitz matrix", "cyclic shift polynomial"],
)


def _upper_toeplitz(t):
    i, j = np.indices((len(t), len(t)))
    return np.where(j >= i, t[np.clip(j - i, 0, None)], 0.0)


def _lower_toeplitz(t):
    """Lower triangular Toeplitz with first column t (the Cookbook's t_0, t_−1, …, t_−(n−1))."""
    i, j = np.indices((len(t), len(t)))
    return np.where(i >= j, t[np.clip(i - j, 0, None)], 0.0)


Equality(
    id="E2DC",
    title="An upper triangular Toeplitz matrix is a polynomial in the transposed lag operator",
    latex=r"T_{\mathrm{U}} = \begin{bmatrix} t_{0} & t_{1} & \cdots & t_{n-1} \\ 0 & t_{0} & \ddots & \vdots \\ "
          r"\vdots & \ddots & \ddots & t_{1} \\ 0 & \cdots & 0 & t_{0} \end{bmatrix} = \sum_{k=0}^{n-1} t_{k}(L^{\top})^{k}",
    variables={"t": Vector("n")},
    symbols={"T": "T_U, the upper triangular Toeplitz matrix", "t_0": "the first entry of t",
             "t_1": "the second entry of t", "k": "the power", "L": "the lag operator of eq. (480)"},
    lhs=lambda t: _upper_toeplitz(t),
    rhs=lambda t: sum(t[k] * np.linalg.matrix_power(_lag(len(t)).T, k) for k in range(len(t))),
    notes="Lᵀ has ones on the superdiagonal and its k-th power on the k-th superdiagonal. So upper triangular "
          "Toeplitz matrices commute and their products are again upper triangular Toeplitz.",
    references=[cookbook(468)],
    related=["JK19", "A12R"],
    aliases=["upper triangular Toeplitz matrix", "banded Toeplitz", "polynomial in shift"],
)


def _truncated_convolution(t, s):
    return np.convolve(t, s)[:len(t)]


Equality(
    id="JK19",
    title="Lower triangular Toeplitz matrices: a polynomial in the lag operator, closed under products",
    latex=r"T_{\mathrm{L}} = \begin{bmatrix} t_{0} & 0 & \cdots & 0 \\ t_{-1} & t_{0} & \ddots & \vdots \\ "
          r"\vdots & \ddots & \ddots & 0 \\ t_{-(n-1)} & \cdots & t_{-1} & t_{0} \end{bmatrix} = "
          r"\sum_{k=0}^{n-1} t_{-k}L^{k}",
    variables={"t": Vector("n"), "s": Vector("n")},
    symbols={"T": "T_L(t), the lower triangular Toeplitz matrix whose first column is t",
             "t_0": "the first entry of t", "k": "the power", "L": "the lag operator of eq. (480)",
             r"\ast": "convolution"},
    lhs=lambda t, s: _lower_toeplitz(t),
    rhs=lambda t, s: sum(t[k] * np.linalg.matrix_power(_lag(len(t)), k) for k in range(len(t))),
    also=[Formula(r"T_{\mathrm{L}}(t)\,T_{\mathrm{L}}(s) = T_{\mathrm{L}}(t \ast s)",
                  lambda t, s: _lower_toeplitz(t) @ _lower_toeplitz(s),
                  lambda t, s: _lower_toeplitz(_truncated_convolution(t, s)))],
    notes="The vector t holds the first column, t₀, t₋₁, …, t₋₍ₙ₋₁₎. The product of two lower triangular Toeplitz "
          "matrices is lower triangular Toeplitz (as the Cookbook's §9.9.1 says), its first column the "
          "convolution of the two first columns cut to n entries: multiplying polynomials modulo zⁿ.",
    references=[cookbook(469)],
    related=["E2DC", "A12R"],
    aliases=["lower triangular Toeplitz matrix", "product of Toeplitz matrices", "convolution matrix",
             "truncated polynomial multiplication"],
)


# ---------------------------------------------------------------------------------------------
# 9.10 Transition matrices, eqs. (471)–(474): P is row-stochastic, (P)_ij the probability of moving from
# state i to state j in one step (eq. 470, the definition).

def _stochastic(rng, values):
    P = values["P"]
    values["P"] = P / P.sum(axis=1, keepdims=True)
    return values


STOCHASTIC = "P is a transition matrix: positive entries, each row summing to one (drawn positive, rows normalised)."
TRANSITION_SYMBOLS = {"i": "the state moved from", "j": "the state moved to", r"\Pr": "probability"}


def _paths(P, k):
    """Prob[i → j in k steps] by summing over every path i → l₁ → … → l_(k−1) → j the product of its steps."""
    n = len(P)
    if k == 1:
        return P.copy()
    out = np.zeros_like(P)
    for path in itertools.product(range(n), repeat=k - 1):
        w = 1.0
        for a, b in zip(path[:-1], path[1:]):
            w *= P[a, b]
        out += w * np.outer(P[:, path[0]], P[path[-1], :])
    return out


Equality(
    id="9BQW",
    title="Two-step transition probabilities are the square of the transition matrix",
    latex=r"\Pr[i \to j \text{ in 2 steps}] = \sum_{l} P_{il}P_{lj} = (P^{2})_{ij}",
    variables={"P": Matrix("n", "n", "positive")},
    symbols={**TRANSITION_SYMBOLS, "l": "the state visited in between"},
    conditions=STOCHASTIC,
    prepare=_stochastic,
    lhs=lambda P: _paths(P, 2),
    rhs=lambda P: np.linalg.matrix_power(P, 2),
    notes="A path i → l → j has probability P_il P_lj (the steps of a Markov chain are independent given the "
          "state), and the paths through different l are disjoint: the Chapman–Kolmogorov equation.",
    references=[cookbook(471)],
    related=["BGQY"],
    aliases=["Chapman-Kolmogorov", "two-step transition probability", "Markov chain P squared"],
)


def _with_steps(rng, values):
    values = _stochastic(rng, values)
    values["k"] = float(rng.integers(1, 5))
    return values


Equality(
    id="BGQY",
    title="k-step transition probabilities are the k-th power of the transition matrix",
    latex=r"\Pr[i \to j \text{ in } k \text{ steps}] = \sum_{l_{1}, \dots, l_{k-1}} P_{il_{1}}P_{l_{1}l_{2}}"
          r"\cdots P_{l_{k-1}j} = (P^{k})_{ij}",
    variables={"P": Matrix("n", "n", "positive"), "k": Scalar()},
    symbols={**TRANSITION_SYMBOLS, "l": "l_1, …, l_(k−1), the states visited in between", "l_1": "the first state "
             "visited in between", "l_2": "the second state visited in between"},
    conditions=STOCHASTIC + " k is a whole number from 1 to 4.",
    prepare=_with_steps,
    lhs=lambda P, k: _paths(P, int(k)),
    rhs=lambda P, k: np.linalg.matrix_power(P, int(k)),
    notes="The left side enumerates every path of k steps and adds the products of their transition "
          "probabilities; the right side is the matrix power.",
    references=[cookbook(472)],
    related=["9BQW", "ASQN"],
    aliases=["k-step transition probability", "Markov chain matrix power", "n-step transition matrix"],
)


def _identical_rows(rng, values):
    m = len(values["P"])
    a = rng.uniform(0.2, 1.0, size=m)
    values["P"] = np.tile(a / a.sum(), (m, 1))
    values["n"] = float(rng.integers(1, 6))
    return values


Equality(
    id="ASQN",
    title="A transition matrix with identical rows equals all its powers",
    latex=r"P = \mathbf{1}\alpha^{\top} \;\Rightarrow\; P^{n} = P",
    variables={"P": Matrix("m", "m", "positive"), "n": Scalar()},
    symbols={r"\alpha": "the common row, a probability vector", r"\mathbf{1}": "the vector of ones"},
    conditions="P is a transition matrix whose rows are all the same probability vector α; n is a whole number "
               "from 1 to 5.",
    prepare=_identical_rows,
    lhs=lambda P, n: np.linalg.matrix_power(P, int(n)),
    rhs=lambda P, n: P,
    notes="αᵀ1 is one, so 1αᵀ1αᵀ is 1αᵀ: the next state does not depend on the present one, and any number of "
          "steps gives the same distribution.",
    references=[cookbook(473)],
    related=["M503", "BGQY"],
    aliases=["identical rows transition matrix", "memoryless Markov chain", "idempotent stochastic matrix"],
)


def _stationary(rng, values):
    values = _stochastic(rng, values)
    values["a"] = np.linalg.matrix_power(values["P"], 256)[0]
    return values


Equality(
    id="M503",
    title="A stationary probability vector is invariant under the transition matrix",
    latex=r"\alpha P = \alpha",
    variables={"P": Matrix("n", "n", "positive"), "a": Vector("n", "probability", tex=r"\alpha")},
    conditions=STOCHASTIC + " α is its stationary distribution, found as a row of P to a high power (the chain "
               "forgets its start).",
    prepare=_stationary,
    lhs=lambda P, a: a @ P,
    rhs=lambda P, a: a,
    notes="α (a row vector, entries between 0 and 1 summing to one) is a left eigenvector of P for the eigenvalue "
          "1. For a transition matrix with positive entries it exists, is unique and positive (Perron–Frobenius), "
          "and every row of Pᵏ tends to it, which is how the check finds it.",
    references=[cookbook(474)],
    related=["ASQN"],
    aliases=["stationary distribution", "invariant distribution", "Markov chain steady state",
             "left eigenvector of transition matrix"],
)


# ---------------------------------------------------------------------------------------------
# 9.11 Units, permutations and shifts, eqs. (475)–(484).

def _row_index(rng, values):
    values["i"] = _index(rng, values["A"].shape[0])
    return values


def _column_index(rng, values):
    values["j"] = _index(rng, values["A"].shape[1])
    return values


Equality(
    id="FFXH",
    title="A unit vector picks a row",
    latex=r"\text{the } i\text{-th row of } A = e_{i}^{\top}A",
    variables={"A": Matrix("m", "n"), "i": Scalar()},
    symbols={"e": "e_i, the i-th unit vector: zero except a one in entry i"},
    conditions="i is drawn among the row indices of A (from 1).",
    prepare=_row_index,
    lhs=lambda A, i: A[int(i) - 1, :],
    rhs=lambda A, i: _e(A.shape[0], i) @ A,
    references=[cookbook(475)],
    related=["43K1"],
    aliases=["row selection with unit vector", "e_i transpose A", "extract a row"],
)


Equality(
    id="43K1",
    title="A unit vector picks a column",
    latex=r"\text{the } j\text{-th column of } A = Ae_{j}",
    variables={"A": Matrix("m", "n"), "j": Scalar()},
    symbols={"e": "e_j, the j-th unit vector: zero except a one in entry j"},
    conditions="j is drawn among the column indices of A (from 1).",
    prepare=_column_index,
    lhs=lambda A, j: A[:, int(j) - 1],
    rhs=lambda A, j: A @ _e(A.shape[1], j),
    references=[cookbook(476)],
    related=["FFXH"],
    aliases=["column selection with unit vector", "A e_j", "extract a column"],
)


P3 = np.array([[0.0, 1, 0], [1, 0, 0], [0, 0, 1]])
E3 = np.eye(3)

Equality(
    id="N1EC",
    title="A permutation matrix permutes the columns from the right and the rows from the left",
    latex=r"P = \begin{bmatrix} 0 & 1 & 0 \\ 1 & 0 & 0 \\ 0 & 0 & 1 \end{bmatrix},\quad "
          r"AP = \begin{bmatrix} Ae_{2} & Ae_{1} & Ae_{3} \end{bmatrix},\quad "
          r"PA = \begin{bmatrix} e_{2}^{\top}A \\ e_{1}^{\top}A \\ e_{3}^{\top}A \end{bmatrix}",
    variables={"A": Matrix(3, 3, "square")},
    symbols={"P": "the permutation matrix of the example", "e_1": "the first unit vector",
             "e_2": "the second unit vector", "e_3": "the third unit vector"},
    lhs=lambda A: A @ P3,
    rhs=lambda A: np.column_stack([A @ E3[1], A @ E3[0], A @ E3[2]]),
    also=[Formula(r"PA = \begin{bmatrix} e_{2}^{\top}A \\ e_{1}^{\top}A \\ e_{3}^{\top}A \end{bmatrix}",
                  lambda A: P3 @ A, lambda A: np.vstack([E3[1] @ A, E3[0] @ A, E3[2] @ A])),
          Formula(r"P = \begin{bmatrix} e_{2} & e_{1} & e_{3} \end{bmatrix} = "
                  r"\begin{bmatrix} e_{2}^{\top} \\ e_{1}^{\top} \\ e_{3}^{\top} \end{bmatrix}",
                  lambda: P3, lambda: np.column_stack([E3[1], E3[0], E3[2]]), lambda: np.vstack([E3[1], E3[0], E3[2]]))],
    notes="The columns of AP are those of A in the permuted order, and the rows of PA those of A. The example "
          "swaps the first two places, a permutation that is its own inverse, which is why P reads the same by "
          "columns and by rows; in general the rows of P follow the inverse permutation.",
    references=[cookbook(477), cookbook(479)],
    related=["M8RH"],
    aliases=["permutation matrix", "permute columns", "permute rows", "row swap matrix"],
)


def _permutation(rng, values):
    n = len(values["P"])
    values["P"] = np.eye(n)[:, rng.permutation(n)]
    return values


Equality(
    id="M8RH",
    title="A permutation matrix is orthogonal",
    latex=r"PP^{\top} = I",
    variables={"P": Matrix("n", "n", "square")},
    conditions="P is a permutation matrix: the identity with its columns in a random order.",
    prepare=_permutation,
    lhs=lambda P: P @ P.T,
    rhs=lambda P: np.eye(len(P)),
    also=[Formula(r"P^{-1} = P^{\top}", lambda P: inv(P), lambda P: P.T)],
    notes="The columns of P are distinct unit vectors, so they are orthonormal; the inverse of a permutation "
          "matrix is its transpose, the matrix of the inverse permutation.",
    references=[cookbook(478)],
    related=["N1EC", "ADUT"],
    aliases=["permutation matrix orthogonal", "inverse of permutation matrix", "P P transpose identity"],
)


L4 = np.array([[0.0, 0, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]])
LHAT4 = np.array([[0.0, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]])
SHIFT_SYMBOLS = {"L": "the lag operator: ones on the subdiagonal", r"\delta": "the Kronecker delta",
                 "x_1": "the first entry of x", "x_N": "the last entry of x", "t": "a time index, from 1 to N"}


Equality(
    id="A12R",
    title="The lag operator delays a signal by one step",
    latex=r"(L)_{ij} = \delta_{i,j+1}:\quad Lx = (0, x_{1}, \dots, x_{N-1})^{\top}",
    variables={"x": Vector("N")},
    symbols={**SHIFT_SYMBOLS, "i": "a row index", "j": "a column index"},
    lhs=lambda x: _lag(len(x)) @ x,
    rhs=lambda x: np.concatenate([[0.0], x[:-1]]),
    also=[Formula(r"L = \begin{bmatrix} 0 & 0 & 0 & 0 \\ 1 & 0 & 0 & 0 \\ 0 & 1 & 0 & 0 \\ 0 & 0 & 1 & 0 "
                  r"\end{bmatrix}\ (N = 4)", lambda: L4, lambda: _lag(4))],
    notes="L is the matrix of zeros with ones on the subdiagonal, shown for N equal to 4; its entries come from "
          "the Kronecker delta formula. Applied to a signal it shifts every sample one place later and puts a "
          "zero first.",
    references=[cookbook(480)],
    related=["UCPM", "7J85"],
    aliases=["lag operator", "delay operator", "shift matrix", "backshift operator", "subdiagonal ones"],
)


def _lag_power(rng, values):
    values["n"] = float(rng.integers(1, len(values["x"])))
    return values


def _delayed(x, n):
    n = int(n)
    return np.concatenate([np.zeros(n), x[:len(x) - n]])


Equality(
    id="UCPM",
    title="The n-th power of the lag operator delays a signal by n steps",
    latex=r"(L^{n}x)_{t} = \begin{cases} 0 & t = 1, \dots, n \\ x_{t-n} & t = n + 1, \dots, N \end{cases}",
    variables={"x": Vector("N"), "n": Scalar()},
    symbols=SHIFT_SYMBOLS,
    conditions="n is a whole number from 1 to N − 1.",
    prepare=_lag_power,
    lhs=lambda x, n: np.linalg.matrix_power(_lag(len(x)), int(n)) @ x,
    rhs=lambda x, n: _delayed(x, n),
    notes="Lⁿ has its ones on the n-th subdiagonal; from n equal to N on it is zero (L is nilpotent).",
    references=[cookbook(481)],
    related=["A12R"],
    aliases=["power of lag operator", "delay by n samples", "L to the n"],
)


Equality(
    id="7J85",
    title="The recurrent shift delays a signal by one step, wrapping the last sample round",
    latex=r"(\hat{L})_{ij} = \delta_{i,j+1} + \delta_{i,1}\delta_{j,N}:\quad \hat{L}x = (x_{N}, x_{1}, \dots, "
          r"x_{N-1})^{\top}",
    variables={"x": Vector("N")},
    symbols={**SHIFT_SYMBOLS, r"\hat{L}": "the recurrent (cyclic) shift", "i": "a row index", "j": "a column index"},
    lhs=lambda x: _cyclic(len(x)) @ x,
    rhs=lambda x: np.roll(x, 1),
    also=[Formula(r"\hat{L} = \begin{bmatrix} 0 & 0 & 0 & 1 \\ 1 & 0 & 0 & 0 \\ 0 & 1 & 0 & 0 \\ 0 & 0 & 1 & 0 "
                  r"\end{bmatrix}\ (N = 4)", lambda: LHAT4, lambda: _cyclic(4))],
    notes="L̂ is the lag operator with a one added in the top right corner, shown for N equal to 4: it treats the "
          "signal as periodic.",
    references=[cookbook(482)],
    related=["CB7J", "ADUT", "A12R"],
    aliases=["recurrent shift", "cyclic shift matrix", "circular shift", "periodic shift operator", "np.roll"],
)


def _shift_power(rng, values):
    values["n"] = float(rng.integers(1, 2 * len(values["x"])))
    return values


def _wrapped(x, n, offset):
    """x_t′ with t′ equal to ((t − n − offset) mod N) + 1, for t from 1 to N."""
    N = len(x)
    t = np.arange(1, N + 1)
    return x[((t - int(n) - offset) % N) + 1 - 1]


Equality(
    id="CB7J",
    title="The n-th power of the recurrent shift rotates a signal by n steps",
    latex=r"(\hat{L}^{n}x)_{t} = x_{t'},\quad t' = [(t - n - 1) \bmod N] + 1",
    variables={"x": Vector("N"), "n": Scalar()},
    symbols={**SHIFT_SYMBOLS, r"\hat{L}": "the recurrent (cyclic) shift", "t'": "the index the sample comes from"},
    conditions="n is a whole number from 1 to 2N − 1 (more than one turn is allowed).",
    prepare=_shift_power,
    lhs=lambda x, n: np.linalg.matrix_power(_cyclic(len(x)), int(n)) @ x,
    rhs=lambda x, n: _wrapped(x, n, 1),
    errata=[Erratum(
        cookbook(483),
        "With indices from 1 to N, as the Cookbook uses for the lag operator, the printed index (t − n) mod N, "
        "plus one, is off by one: for one step it sends entry t to x_(t+1) mod N, the signal shifted the wrong "
        "way. The sample at t comes from t − n, which is (t − n − 1) mod N plus one in 1-based indexing.",
        printed=r"(\hat{L}^{n}x)_{t} = x_{t'},\quad t' = [(t - n) \bmod N] + 1",
        rhs=lambda x, n: _wrapped(x, n, 0))],
    notes="L̂ⁿ moves every sample n places later, the last n wrapping round to the front; L̂ᴺ is the identity.",
    references=[cookbook(483, note="the index is (t − n − 1) mod N plus one")],
    related=["7J85", "ADUT"],
    aliases=["power of cyclic shift", "circular shift by n", "rotate signal", "np.roll by n"],
)


def _with_cyclic(rng, values):
    values["L"] = _cyclic(len(values["L"]))
    return values


Equality(
    id="ADUT",
    title="The recurrent shift is orthogonal: its inverse is its transpose",
    latex=r"\hat{L}^{-1} = \hat{L}^{\top}",
    variables={"L": Matrix("N", "N", "square", tex=r"\hat{L}")},
    conditions="L̂ is the N × N recurrent shift of eq. (482).",
    prepare=_with_cyclic,
    lhs=lambda L: inv(L),
    rhs=lambda L: L.T,
    also=[Formula(r"\hat{L}^{\top}\hat{L} = I", lambda L: L.T @ L, lambda L: np.eye(len(L)))],
    notes="L̂ is a permutation matrix (of the cyclic permutation), so it is orthogonal; its inverse shifts the "
          "other way. The lag operator L, without the wrap, is not invertible.",
    references=[cookbook(484)],
    related=["7J85", "M8RH"],
    aliases=["inverse of cyclic shift", "cyclic shift orthogonal", "circular shift inverse"],
)


# ---------------------------------------------------------------------------------------------
# 9.12 Vandermonde matrices, eqs. (485)–(486).

def _vandermonde(v):
    """V_ij equal to v_i^(j−1), built power by power."""
    return v[:, None] ** np.arange(len(v))[None, :]


Equality(
    id="32NM",
    title="A Vandermonde matrix evaluates a polynomial at its nodes",
    latex=r"V = \begin{bmatrix} 1 & v_{1} & v_{1}^{2} & \cdots & v_{1}^{n-1} \\ 1 & v_{2} & v_{2}^{2} & \cdots & "
          r"v_{2}^{n-1} \\ \vdots & \vdots & \vdots & \ddots & \vdots \\ 1 & v_{n} & v_{n}^{2} & \cdots & v_{n}^{n-1} "
          r"\end{bmatrix},\quad Vc = \begin{bmatrix} p(v_{1}) \\ \vdots \\ p(v_{n}) \end{bmatrix},\quad "
          r"p(z) = \sum_{k=1}^{n} c_{k}z^{k-1}",
    variables={"v": Vector("n"), "c": Vector("n")},
    symbols={"V": "the Vandermonde matrix of v", "v_1": "the first node", "v_2": "the second node", "p": "the "
             "polynomial with coefficients c", "z": "the polynomial's argument", "k": "the index of a coefficient"},
    lhs=lambda v, c: _vandermonde(v) @ c,
    rhs=lambda v, c: np.polynomial.polynomial.polyval(v, c),
    notes="Row i of V holds the powers of v_i, so V maps the coefficients of a polynomial of degree below n to its "
          "values at the nodes (NumPy's polyval, by Horner's rule, is the other side). Solving Vc for given values "
          "is polynomial interpolation; the transpose of V is also called a Vandermonde matrix.",
    references=[cookbook(485)],
    related=["15ZY", "4QYL"],
    aliases=["Vandermonde matrix", "polynomial evaluation matrix", "polynomial interpolation", "np.vander"],
)


Equality(
    id="15ZY",
    title="The determinant of a Vandermonde matrix",
    latex=r"\det V = \prod_{i > j} (v_{i} - v_{j})",
    variables={"v": Vector("n")},
    symbols={"V": "the Vandermonde matrix of v (eq. 485)", "i": "a row index", "j": "a row index"},
    lhs=lambda v: det(_vandermonde(v)),
    rhs=lambda v: float(np.prod([v[i] - v[j] for i in range(len(v)) for j in range(i)])),
    notes="The determinant is a polynomial in the nodes that vanishes whenever two of them coincide, so the matrix "
          "is invertible (and interpolation solvable) exactly when the nodes are distinct. The DFT matrix is the "
          "Vandermonde matrix of the roots of unity.",
    references=[cookbook(486)],
    related=["32NM"],
    aliases=["Vandermonde determinant", "det of Vandermonde", "product of differences"],
)
