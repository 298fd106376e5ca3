"""Chapter 7, Multivariate Distributions: equations (335)–(345)."""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

# §7.2 (Dirichlet) prints its density without an equation number, and §7.3–7.5 (Normal, Normal-Inverse
# Gamma, Gaussian) hold no formula at all (two point to chapter 8, one is empty): they hold no equation.
CHAPTER = Chapter(7, "Multivariate Distributions", 335, 345, sections=[
    Section("7.1", "Cauchy", 335, 335),
    Section("7.6", "Multinomial", 336, 336),
    Section("7.7", "Student's t", 337, 337),
    Section("7.7.1", "Mean", 338, 338),
    Section("7.7.2", "Variance", 339, 339),
    Section("7.7.3", "Mode", 340, 340),
    Section("7.7.4", "Full Matrix Version", 341, 341),
    Section("7.8", "Wishart", 342, 342),
    Section("7.8.1", "Mean", 343, 343),
    Section("7.9", "Wishart, Inverse", 344, 344),
    Section("7.9.1", "Mean", 345, 345),
], declared={
})
