"""Chapter 2, Derivatives: equations (32)–(144)."""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

CHAPTER = Chapter(2, "Derivatives", 32, 144, sections=[
    Section("2", "Derivatives: the basic assumption and differentials", 32, 45),
    Section("2.1", "Derivatives of a Determinant", 46, 58),
    Section("2.2", "Derivatives of an Inverse", 59, 64),
    Section("2.3", "Derivatives of Eigenvalues", 65, 68),
    Section("2.4.1", "First Order", 69, 75),
    Section("2.4.2", "Second Order", 76, 89),
    Section("2.4.3", "Higher-order and non-linear", 90, 95),
    Section("2.4.4", "Gradient and Hessian", 96, 98),
    Section("2.5.1", "First Order", 99, 105),
    Section("2.5.2", "Second Order", 106, 120),
    Section("2.5.3", "Higher Order", 121, 123),
    Section("2.5.4", "Other", 124, 128),
    Section("2.6", "Derivatives of vector norms", 129, 131),
    Section("2.7", "Derivatives of matrix norms", 132, 132),
    Section("2.8.1", "The Chain Rule", 133, 137),
    Section("2.8.2", "Symmetric", 138, 141),
    Section("2.8.3", "Diagonal", 142, 142),
    Section("2.8.4", "Toeplitz", 143, 144),
], declared={
})
