"""Chapter 5, Solutions and Decompositions: equations (260)–(302)."""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

CHAPTER = Chapter(5, "Solutions and Decompositions", 260, 302, sections=[
], declared={
})
