"""The records, one module per topic. A module's docstring gives the topic's title (first line)
and its introduction (the rest); ORDER is the reading order of the site and of `list`."""

ORDER = [
    "basics",
    "determinants",
    "inverses",
    "eigenvalues",
    "forms",
    "traces",
    "norms",
    "structured",
    "kronecker",
    "elementwise",
    "chain_rules",
    "neural",
    "statistics",
    "matrix_functions",
    "decompositions",
]
