"""Dates written as Django's `date` filter writes them, with the format read once per
process (issue #13).

`{{ value|date:"D j M, H:i T" }}` costs Django a DateFormat object, a regular expression
split of the format, a method looked up per letter and a translation per month or day
name: about a tenth of a millisecond per date, and the desk's ticket page writes some
sixty of them (messages, history, clocks, the panels' lines). Here a format is split once
per process into its literal text and its letters; the common letters (d j D m n M Y y H
G i s c T) are written directly, with the same translations (per language) and the same
time zone rules; a format with any other letter, a date that is not a datetime, or a
format named by a setting (DATE_FORMAT, …) goes to Django as before.
tests/core/test_dates.py compares both over many dates, time zones and formats.
"""

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from django.template import defaultfilters
from django.utils import dateformat
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.formats import FORMAT_SETTINGS
from django.utils.timezone import (  # type: ignore[attr-defined]
    _datetime_ambiguous_or_imaginary,
    get_default_timezone,
)
from django.utils.translation import get_language

_compiled: dict[str, tuple[tuple[bool, str], ...] | None] = {}
_names: dict[tuple[str | None, str, int], str] = {}  # (language, D or M, index): the name


def _compile(fmt: str) -> tuple[tuple[bool, str], ...] | None:
    """(is a letter, text) pieces as Django's Formatter splits them; None: Django writes it."""
    pieces = []
    for i, piece in enumerate(dateformat.re_formatchars.split(fmt)):
        if i % 2:
            if piece not in _FAST:
                return None
            pieces.append((True, piece))
        elif piece:
            pieces.append((False, dateformat.re_escaped.sub(r"\1", piece)))
    return tuple(pieces)


def _name(letter: str, index: int) -> str:
    key = (get_language(), letter, index)
    found = _names.get(key)
    if found is None:
        found = str(WEEKDAYS_ABBR[index]) if letter == "D" else MONTHS_3[index].title()
        _names[key] = found
    return found


def _zone_name(value: datetime) -> str:
    """TimeFormat.T: the zone's name, empty when the time is ambiguous or imaginary."""
    zone = value.tzinfo or get_default_timezone()
    if type(zone) is not timezone and _datetime_ambiguous_or_imaginary(value, zone):
        return ""
    return str(zone.tzname(value))


_LETTERS: dict[str, Callable[[datetime], str]] = {
    "j": lambda v: str(v.day),
    "M": lambda v: _name("M", v.month),
    "H": lambda v: f"{v.hour:02d}",
    "i": lambda v: f"{v.minute:02d}",
    "Y": lambda v: f"{v.year:04d}",
    "T": _zone_name,
    "D": lambda v: _name("D", v.weekday()),
    "c": lambda v: v.isoformat(),
    "d": lambda v: f"{v.day:02d}",
    "m": lambda v: f"{v.month:02d}",
    "n": lambda v: str(v.month),
    "y": lambda v: f"{v.year % 100:02d}",
    "G": lambda v: str(v.hour),
    "s": lambda v: f"{v.second:02d}",
}
_FAST = frozenset(_LETTERS)


def formatted(value: datetime, fmt: str) -> str:
    """django.utils.dateformat.format(value, fmt) for a datetime."""
    try:
        pieces = _compiled[fmt]
    except KeyError:
        pieces = _compiled.setdefault(fmt, _compile(fmt))
    if pieces is None:
        return dateformat.format(value, fmt)
    return "".join(_LETTERS[text](value) if letter else text for letter, text in pieces)


def date_filter(value: Any, arg: Any = None) -> Any:
    """The `date` filter (django.template.defaultfilters.date): a datetime with a format
    of its own is written here, anything else by Django."""
    if type(value) is datetime and isinstance(arg, str) and arg not in FORMAT_SETTINGS:
        return formatted(value, str(arg))
    return defaultfilters.date(value, arg)
