"""Chapter 5, Solutions and Decompositions: equations (260)–(302)."""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

CHAPTER = Chapter(5, "Solutions and Decompositions", 260, 302, sections=[
    Section("5.1.1", "Simple Linear Regression", 260, 260),
    Section("5.1.2", "Existence in Linear Systems", 261, 261),
    Section("5.1.3", "Standard Square", 262, 262),
    # 5.1.4 Degenerated Square has no numbered equation
    Section("5.1.5", "Cramer’s rule", 263, 264),
    Section("5.1.6", "Over-determined Rectangular", 265, 266),
    Section("5.1.7", "Under-determined Rectangular", 267, 269),
    Section("5.1.8", "Linear form and zeros", 270, 270),
    Section("5.1.9", "Square form and zeros", 271, 271),
    Section("5.1.10", "The Lyapunov Equation", 272, 273),
    Section("5.1.11", "Encapsulating Sum", 274, 275),
    Section("5.2.1", "Definition", 276, 276),
    Section("5.2.2", "Decompositions", 277, 279),
    Section("5.2.3", "General Properties", 280, 281),
    Section("5.2.4", "Symmetric", 282, 288),
    Section("5.2.5", "Characteristic polynomial", 289, 290),
    Section("5.3", "Singular Value Decomposition", 291, 292),
    Section("5.3.1", "Symmetric Square decomposed into squares", 293, 293),
    Section("5.3.2", "Square decomposed into squares", 294, 294),
    Section("5.3.3", "Square decomposed into rectangular", 295, 295),
    Section("5.3.4", "Rectangular decomposition I", 296, 296),
    Section("5.3.5", "Rectangular decomposition II", 297, 297),
    Section("5.3.6", "Rectangular decomposition III", 298, 298),
    # 5.4 Triangular Decomposition has no numbered equation of its own
    Section("5.5", "LU decomposition", 299, 299),
    Section("5.5.1", "Cholesky-decomposition", 300, 300),
    Section("5.6", "LDM decomposition", 301, 301),
    Section("5.7", "LDL decompositions", 302, 302),
], declared={
    276: definition("defines eigenvectors and eigenvalues as the pairs that A maps to multiples of themselves; its checkable "
                    "content is the decomposition of (277), which R645 verifies column by column"),
})
