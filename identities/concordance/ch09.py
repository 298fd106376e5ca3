"""Chapter 9, Special Matrices: equations (397)–(486)."""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

CHAPTER = Chapter(9, "Special Matrices", 397, 486, sections=[
], declared={
})
