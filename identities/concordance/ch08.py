"""Chapter 8, Gaussians: equations (346)–(396).

The integration formulas of §8.1.1 and the quartic forms of §8.2.4 are printed without numbers; they are
checked too (VQQP, W39Q; Q8RH, W3D6, 2D00, 3H0U, 4F4F, YWYR, GZAC), citing the section.
"""
from identities.concordance import Chapter, Section, definition, not_a_claim  # noqa: F401

CHAPTER = Chapter(8, "Gaussians", 346, 396, sections=[
    Section("8.1.1", "Density and normalization", 346, 348),
    Section("8.1.2", "Marginal Distribution", 349, 351),
    Section("8.1.3", "Conditional Distribution", 352, 354),
    Section("8.1.4", "Linear combination", 355, 355),
    Section("8.1.5", "Rearranging Means", 356, 357),
    Section("8.1.6", "Rearranging into squared form", 358, 359),
    Section("8.1.7", "Sum of two squared forms", 360, 367),
    Section("8.1.8", "Product of gaussian densities", 368, 371),
    Section("8.2.1", "Mean and covariance of linear forms", 372, 376),
    Section("8.2.2", "Mean and variance of square forms", 377, 382),
    Section("8.2.3", "Cubic forms", 383, 383),
    Section("8.2.5", "Moments", 384, 385),
    Section("8.3.1", "Whitening", 386, 387),
    Section("8.3.2", "The Chi-Square connection", 388, 388),
    Section("8.3.3", "Entropy", 389, 389),
    Section("8.4.1", "Density", 390, 390),
    Section("8.4.2", "Derivatives", 391, 396),
], declared={
    349: definition("the partition of x, of the mean and of the covariance into blocks a and b (Σ_c the "
                    "off-diagonal block): notation, which the marginal and conditional entries display and use"),
    352: definition("the same partition, restated for the conditional distribution: notation"),
})
