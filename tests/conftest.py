import pytest

import identities


@pytest.fixture(scope="session")
def cat():
    return identities.catalogue()


def live_entries():
    return list(identities.catalogue())
