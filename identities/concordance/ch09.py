"""Chapter 9, Special Matrices: equations (397)–(486)."""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

CHAPTER = Chapter(9, "Special Matrices", 397, 486, sections=[
    Section("9.1.2", "The Determinant", 397, 398),
    Section("9.1.3", "The Inverse", 399, 400),
    Section("9.1.4", "Block diagonal", 401, 402),
    Section("9.2", "Discrete Fourier Transform Matrix, The", 403, 412),
    Section("9.3", "Hermitian Matrices and skew-Hermitian", 413, 414),
    Section("9.3.1", "Skew-Hermitian", 415, 417),
    Section("9.4", "Idempotent Matrices", 418, 427),
    Section("9.4.1", "Nilpotent", 428, 428),
    Section("9.4.2", "Unipotent", 429, 429),
    Section("9.5.1", "Ortho-Sym", 430, 433),
    Section("9.5.2", "Ortho-Skew", 434, 437),
    Section("9.5.3", "Decomposition", 438, 438),
    Section("9.6.1", "Definitions", 439, 440),
    Section("9.6.2", "Eigenvalues", 441, 441),
    Section("9.6.3", "Trace", 442, 442),
    Section("9.7.1", "Definition", 443, 443),
    Section("9.7.2", "Swap and Zeros", 444, 445),
    Section("9.7.3", "Rewriting product of elements", 446, 449),
    Section("9.7.5", "The Singleentry Matrix in Scalar Expressions", 450, 455),
    Section("9.7.6", "Structure Matrices", 456, 458),
    Section("9.8.1", "Symmetric", 459, 459),
    Section("9.8.2", "Skew-symmetric/Antisymmetric", 460, 462),
    Section("9.8.3", "Decomposition", 463, 464),
    Section("9.9", "Toeplitz Matrices", 465, 469),
    Section("9.10", "Transition matrices", 470, 474),
    Section("9.11.2", "Rows and Columns", 475, 476),
    Section("9.11.3", "Permutations", 477, 479),
    Section("9.11.4", "Translation, Shift or Lag Operators", 480, 484),
    Section("9.12", "Vandermonde Matrices", 485, 486),
], declared={
    430: definition("Q₊ᵀQ₊ = I restates that an ortho-sym matrix is orthogonal: half of its definition (the "
                    "powers that follow, eqs. 432–433, are checked by CA9V)"),
    431: definition("Q₊ = Q₊ᵀ restates that an ortho-sym matrix is symmetric: the other half of its definition"),
    434: definition("Q₋ᴴQ₋ = I restates that an ortho-skew matrix is unitary: half of its definition (its powers, "
                    "eqs. 436–437, are checked by JY45)"),
    435: definition("Q₋ = −Q₋ᴴ restates that an ortho-skew matrix is skew: the other half of its definition"),
    459: definition("defines a symmetric matrix as one equal to its transpose"),
    460: definition("defines an antisymmetric (skew-symmetric) matrix as one equal to minus its transpose"),
    470: definition("defines the entries of a transition matrix as the one-step transition probabilities; the "
                    "multi-step consequences, eqs. 471–472, are checked"),
})
