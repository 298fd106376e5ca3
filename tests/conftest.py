import pytest

import identities


@pytest.fixture(scope="session")
def cat():
    return identities.catalogue()


def live_entries():
    return list(identities.catalogue())


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real site, built once per session with warnings as errors."""
    from .site_helpers import sphinx_build

    out = tmp_path_factory.mktemp("site") / "html"
    proc = sphinx_build(out)
    assert proc.returncode == 0, f"the site build failed or warned:\n{proc.stderr[-6000:]}"
    return out
