"""Chapter 3, Inverses: equations (145)–(224)."""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

CHAPTER = Chapter(3, "Inverses", 145, 224, sections=[
], declared={
})
