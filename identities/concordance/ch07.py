"""Chapter 7, Multivariate Distributions: equations (335)–(345)."""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

CHAPTER = Chapter(7, "Multivariate Distributions", 335, 345, sections=[
], declared={
})
