"""Chapter 6, Statistics and Probability: equations (303)–(334)."""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

# §6.2.3 (Cubic Forms) prints its four formulas without equation numbers: it holds no equation of the
# count, and its formulas are checked in identities/entries/probability.py all the same.
CHAPTER = Chapter(6, "Statistics and Probability", 303, 334, sections=[
    Section("6.1.1", "Mean", 303, 303),
    Section("6.1.2", "Covariance", 304, 305),
    Section("6.1.3", "Third moments", 306, 308),
    Section("6.1.4", "Fourth moments", 309, 311),
    Section("6.2.1", "Linear Forms", 312, 317),
    Section("6.2.2", "Quadratic Forms", 318, 330),
    Section("6.3", "Weighted Scalar Variable", 331, 334),
], declared={
    303: definition("defines the vector of means entry by entry, (m)ᵢ = ⟨xᵢ⟩: a name for the mean, with "
                    "nothing to check; every entry of the chapter uses it"),
    304: definition("defines the covariance matrix entry by entry; its matrix form (305) is checked against "
                    "it in entry 3P9G"),
    306: definition("the notation for the third central moments of the coordinates, m⁽³⁾ᵢⱼₖ; the matrix "
                    "built from them (307) and its Kronecker form (308) are checked in entry Z5CU"),
    309: definition("the notation for the fourth central moments of the coordinates, m⁽⁴⁾ᵢⱼₖₗ; the matrix "
                    "built from them (310) and its Kronecker form (311) are checked in entry Z8MM"),
})
