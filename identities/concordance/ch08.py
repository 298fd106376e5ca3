"""Chapter 8, Gaussians: equations (346)–(396)."""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

CHAPTER = Chapter(8, "Gaussians", 346, 396, sections=[
], declared={
})
