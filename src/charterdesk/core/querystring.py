"""Values read from a query string, where anything may be typed."""

MAX_ID = 2**63 - 1


def parse_id(value: str | None) -> int | None:
    """A row id from a query string, or None for anything that is not one (ASCII digits
    only, within a database integer): a bad address shows the unfiltered list, not a 500."""
    if not value or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None
