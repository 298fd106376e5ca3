"""The audit's rules: one table of stable codes (listed in CONTRIBUTING.md, each with a failing
example in tests/test_rules.py). A code not in this table is an error wherever it appears."""

RULES = {
    "MC000": "the file of records could not be loaded",
    "MC001": "a required field is missing, or a field name is unknown",
    "MC002": "the id is not a valid permanent id",
    "MC003": "title or LaTeX is empty",
    "MC004": "variables are malformed",
    "MC005": "a shape is inconsistent with an assumption",
    "MC006": "a reference points to an unknown source",
    "MC007": "neither a reference nor a derivation",
    "MC008": "no aliases (search words)",
    "MC009": "variables are tied together without saying how",
    "MC010": "history or withdrawal is malformed",
    "MC011": "an assumption is unknown, or no sampler honours the combination",
    "MC012": "the LaTeX shows an undeclared symbol, or hides a declared variable",
    "MC013": "the layout is not numerator or denominator",
    "MC014": "the derivative is taken with respect to something that is not a variable",
    "MC015": "the LaTeX has unbalanced delimiters",
    "MC016": "the id is already used by another record",
    "MC017": "the id is not registered",
    "MC018": "a published id has disappeared",
    "MC019": "an id is registered twice, or its registry row carries no claim key",
    "MC020": "verification failed: a wrong formula (statement, other layout, differential, chain member, derivation step), or a checker that raises, returns NaN, complex values or a wrong shape",
    "MC021": "the check cannot fail: a wrong answer was accepted",
    "MC022": "the checker is tautological: both sides are the same computation",
    "MC023": "the same claim already exists under another id",
    "MC024": "a cross-reference (related, replaced_by) names an unknown id",
    "MC025": "advisory: all matrices are square; use rectangular shapes where the claim allows",
    "MC026": "an unfinished scaffold (TODO in the title or LaTeX)",
    "MC027": "Temml (the site's math renderer) cannot render the LaTeX",
    "MC028": "an id registered for one claim is used for another",
    "MC029": "a displayed formula has no checker, or a formula, derivation or erratum is malformed",
    "MC030": "prose (notes, sketch, an erratum's words) carries an equation that nothing checks",
    "MC031": "an audit code named on the command line is unknown",
    "MC032": "an erratum's printed formula passes the check: the erratum is wrong, or its checker is",
    "MC033": "a declared assumption does not hold on the checked sample",
    "MC034": "verification did not finish within the time limit",
    "MC035": "a time limit is malformed or gives no reason",
    "MC036": "the concordance does not account for a Matrix Cookbook equation exactly once (unknown, declared and cited, outside the chapters, or in no section)",
}
ADVISORY = {"MC025"}
assert ADVISORY <= set(RULES)


def check_code(code: str) -> str:
    if code not in RULES:
        raise ValueError(f"unknown audit code {code!r}; the codes are {min(RULES)}-{max(RULES)} (identities/rules.py)")
    return code
