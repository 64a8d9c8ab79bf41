"""Parser tests read hand-written .eml fixtures: real-world shapes of mail, one per file."""

from pathlib import Path

import pytest

from charterdesk.mailparse import ParsedMail, parse

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parsed(name: str) -> ParsedMail:
    return parse(fixture_bytes(name))


@pytest.fixture
def eml() -> type:
    """Access to the fixtures as `eml.parsed("x.eml")` / `eml.raw("x.eml")`."""

    class Fixtures:
        parsed = staticmethod(parsed)
        raw = staticmethod(fixture_bytes)

    return Fixtures
