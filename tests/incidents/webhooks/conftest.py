from collections.abc import Iterator

import pytest

from .receiver import Receiver, receiver


@pytest.fixture
def hooks(settings) -> Iterator[Receiver]:  # type: ignore[no-untyped-def]
    """A local receiver; loopback allowed, as on a machine whose receivers are local."""
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True
    with receiver() as server:
        yield server
