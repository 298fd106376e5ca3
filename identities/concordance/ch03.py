"""Chapter 3, Inverses: equations (145)–(224)."""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

CHAPTER = Chapter(3, "Inverses", 145, 224, sections=[
    Section("3.1.1", "Definition", 145, 145),
    Section("3.1.2", "Cofactors and Adjoint", 146, 148),
    Section("3.1.3", "Determinant", 149, 150),
    Section("3.1.4", "Construction", 151, 151),
    Section("3.1.5", "Condition number", 152, 154),
    Section("3.2.1", "Basic", 155, 155),
    Section("3.2.2", "The Woodbury identity", 156, 158),
    Section("3.2.3", "The Kailath Variant", 159, 159),
    Section("3.2.4", "Sherman-Morrison", 160, 160),
    Section("3.2.5", "The Searle Set of Identities", 161, 167),
    # 3.2.6, Rank-1 update of inverse of inner product, has no numbered equation
    Section("3.2.7", "Rank-1 update of Moore-Penrose Inverse", 168, 183),
    Section("3.3", "Implication on Inverses", 184, 184),
    Section("3.3.1", "A PosDef identity", 185, 185),
    Section("3.4", "Approximations", 186, 197),
    Section("3.5.1", "Definition", 198, 198),
    # 3.6.1, Definition (the four Penrose conditions), has no numbered equation; APMC shows and checks them
    Section("3.6.2", "Properties", 199, 222),
    Section("3.6.3", "Construction", 223, 224),
], declared={
    169: definition("notation for the rank-one update: β names 1 + dᵀA⁺c, used in the six cases (Z8Y9 … YLPN)"),
    170: definition("notation for the rank-one update: v names A⁺c, used in the six cases (Z8Y9 … YLPN)"),
    171: definition("notation for the rank-one update: n names (A⁺)ᵀd, used in the six cases (Z8Y9 … YLPN)"),
    172: definition("notation for the rank-one update: w names (I − AA⁺)c, the part of c outside the column space "
                   "of A; its vanishing selects the case"),
    173: definition("notation for the rank-one update: m names (I − A⁺A)ᵀd, the part of d outside the row space "
                   "of A; its vanishing selects the case"),
})
