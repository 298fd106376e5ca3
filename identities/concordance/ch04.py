"""Chapter 4, Complex Matrices: equations (225)–(259)."""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

CHAPTER = Chapter(4, "Complex Matrices", 225, 259, sections=[
], declared={
})
