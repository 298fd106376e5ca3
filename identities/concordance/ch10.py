"""Chapter 10, Functions and Operators: equations (487)–(550)."""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

CHAPTER = Chapter(10, "Functions and Operators", 487, 550, sections=[
], declared={
})
