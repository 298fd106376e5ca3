"""Chapter 6, Statistics and Probability: equations (303)–(334)."""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

CHAPTER = Chapter(6, "Statistics and Probability", 303, 334, sections=[
], declared={
})
