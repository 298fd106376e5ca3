"""Chapter 1, Basics: equations (1)–(31)."""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

CHAPTER = Chapter(1, "Basics", 1, 31, sections=[
    Section("1", "Basics", 1, 10),
    Section("1.1", "Trace", 11, 17),
    Section("1.2", "Determinant", 18, 28),
    Section("1.3", "The Special Case 2x2", 29, 31),
], declared={
    # N: definition("why nothing can be checked"),
    # N: not_a_claim("why it states no claim"),
})
