"""Chapter 4, Complex Matrices: equations (225)–(259)."""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

CHAPTER = Chapter(4, "Complex Matrices", 225, 259, sections=[
    Section("4", "Complex Matrices", 225, 225),
    Section("4.1", "Complex Derivatives", 226, 233),
    Section("4.1.1", "The Chain Rule for complex numbers", 234, 235),
    Section("4.1.2", "Complex Derivatives of Traces", 236, 248),
    Section("4.1.3", "Complex Derivative Involving Determinants", 249, 250),
    Section("4.2", "Higher order and non-linear derivatives", 251, 252),
    Section("4.3", "Inverse of complex sum", 253, 259),
], declared={
    # every equation of the chapter is cited by an entry of identities/entries/complex_matrices.py
})
