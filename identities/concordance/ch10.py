"""Chapter 10, Functions and Operators: equations (487)–(550)."""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

CHAPTER = Chapter(10, "Functions and Operators", 487, 550, sections=[
    Section("10.1.1", "Finite Series", 487, 487),
    Section("10.1.2", "Taylor Expansion of Scalar Function", 488, 488),
    Section("10.1.3", "Matrix Functions by Infinite Series", 489, 492),
    Section("10.1.4", "Identity and commutations", 493, 493),
    Section("10.1.5", "Exponential Matrix Function", 494, 502),
    Section("10.1.6", "Trigonometric Functions", 503, 504),
    Section("10.2.1", "The Kronecker Product", 505, 519),
    Section("10.2.2", "The Vec Operator", 520, 524),
    Section("10.3.1", "Examples", 525, 528),
    Section("10.4.1", "Definitions", 529, 532),
    Section("10.4.2", "Induced Norm or Operator Norm", 533, 536),
    Section("10.4.3", "Examples", 537, 543),
    Section("10.4.4", "Inequalities", 544, 544),
    Section("10.4.5", "Condition Number", 545, 545),
    Section("10.5.1", "Sylvester’s Inequality", 546, 546),
    Section("10.6", "Integral Involving Dirac Delta Functions", 547, 548),
    Section("10.7", "Miscellaneous", 549, 550),
], declared={
    529: definition("an axiom in the definition of a matrix norm (non-negativity): it restricts which mappings are "
                    "called norms and has no value to compute; each norm of §10.4.3 is bounded below by the max norm "
                    "in the table of (544), entry RCKH"),
    530: definition("an axiom in the definition of a matrix norm (only the zero matrix has norm zero): nothing to "
                    "compute beyond the norm of the zero matrix; the lower bound by the largest absolute entry "
                    "(entry RCKH) is its quantitative form"),
})
