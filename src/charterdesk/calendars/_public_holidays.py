"""Public holidays from the ``holidays`` package, as plain sorted dates."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime


def default_years() -> range:
    """Five years back to ten years ahead of the current year."""
    this_year = datetime.now(UTC).year
    return range(this_year - 5, this_year + 11)


def holidays_for(
    country: str, subdiv: str | None = None, years: Iterable[int] | int | None = None
) -> list[date]:
    """Sorted public holidays (observed days included) of ``country`` and ``subdiv``.

    ``holidays_for("GB", subdiv="ENG", years=range(2024, 2031))``.  Without ``years`` the
    list runs from five years ago to ten years ahead.  An unknown country or subdivision
    raises ValueError.
    """
    import holidays  # imported here: the package is large and only needed for this call

    wanted = default_years() if years is None else years
    try:
        found = holidays.country_holidays(country, subdiv=subdiv, years=wanted)
    except NotImplementedError as error:
        raise ValueError(f"no public holidays known for {country!r}: {error}") from None
    return sorted(found.keys())


def holiday_countries() -> list[tuple[str, str, list[str]]]:
    """(code, name, subdivision codes) of every country the ``holidays`` package knows,
    by name: ``("GB", "United Kingdom", ["ENG", "NIR", "SCT", "WLS"])``."""
    import holidays  # imported here: the package is large and only needed for this call
    from holidays.registry import COUNTRIES

    subdivisions = holidays.list_supported_countries()
    found = []
    for class_name, code, *_ in COUNTRIES.values():
        name = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", class_name)
        found.append((code, name, list(subdivisions.get(code, []))))
    return sorted(found, key=lambda country: country[1])
