"""Instants as integer microseconds since the Unix epoch, and local wall time -> instant.

Everything inside the library is an ``int`` of UTC microseconds, so arithmetic is exact.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ._weekly import MINUTES_PER_DAY

US_PER_SECOND = 1_000_000
US_PER_MINUTE = 60 * US_PER_SECOND
US_PER_DAY = 86_400 * US_PER_SECOND

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def load_zone(name: object) -> ZoneInfo:
    """The IANA zone called ``name``; ValueError if there is no such zone."""
    if not isinstance(name, str) or not name:
        raise ValueError(
            f"timezone must be an IANA zone name such as 'Europe/London', got {name!r}"
        )
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"unknown time zone {name!r}") from None


def to_us(moment: datetime) -> int:
    """Exact UTC microseconds of an aware datetime; ValueError for a naive one."""
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment.isoformat()} has no time zone; pass an aware one")
    try:
        delta = moment - _EPOCH
    except TypeError:  # a tzinfo whose utcoffset() is None
        raise ValueError(f"datetime {moment!r} has no UTC offset; pass an aware one") from None
    return (delta.days * 86_400 + delta.seconds) * US_PER_SECOND + delta.microseconds


def from_us(us: int, zone: tzinfo) -> datetime:
    """The aware datetime in ``zone`` for UTC microseconds ``us``."""
    return (_EPOCH + timedelta(microseconds=us)).astimezone(zone)


def duration_us(duration: timedelta) -> int:
    return (duration.days * 86_400 + duration.seconds) * US_PER_SECOND + duration.microseconds


def _offset_us(zone: ZoneInfo, wall: datetime, fold: int) -> int:
    offset = zone.utcoffset(wall.replace(fold=fold))
    if offset is None:  # pragma: no cover - ZoneInfo always knows its offset
        raise ValueError(f"time zone {zone.key} has no UTC offset at {wall}")
    return duration_us(offset)


def wall_to_us(zone: ZoneInfo, ordinal: int, minute: int, *, is_end: bool) -> int:
    """The instant at which local wall time ``minute`` after midnight of day ``ordinal`` is due.

    ``minute`` may run past 1440 into the following days.  Wall times that do not exist
    (the spring-forward gap) resolve to the instant the gap ends, for starts and ends alike.
    Wall times that happen twice (the autumn repeat) resolve to the first pass for a start
    and to the second pass for an end, so the repeated hour is counted as it is worked
    (except an end exactly where the repeat begins, which is due on the first pass).
    """
    days, minute = divmod(minute, MINUTES_PER_DAY)
    ordinal += days
    wall = datetime.combine(date.fromordinal(ordinal), time(minute // 60, minute % 60))
    local_us = (ordinal - _EPOCH_ORDINAL) * US_PER_DAY + minute * US_PER_MINUTE
    first = local_us - _offset_us(zone, wall, 0)
    second = local_us - _offset_us(zone, wall, 1)
    if first == second:
        return first
    if first < second:  # ambiguous: the wall time happens twice
        return second if is_end and not _turns_back_at(zone, second) else first
    return _transition_between(zone, second, first)  # in a gap


def _turns_back_at(zone: ZoneInfo, us: int) -> bool:
    """Whether the clock turns back exactly at instant ``us``.

    An end at the very start of the repeated hour (01:00 on London's autumn night) is due
    the first time the clock shows it: the repeated hour lies after the interval.
    """
    return from_us(us - 1, zone).utcoffset() != from_us(us, zone).utcoffset()


def _transition_between(zone: ZoneInfo, low: int, high: int) -> int:
    """The first instant in (low, high] whose UTC offset differs from the offset at ``low``."""
    before = from_us(low, zone).utcoffset()
    while high - low > 1:
        middle = (low + high) // 2
        if from_us(middle, zone).utcoffset() == before:
            low = middle
        else:
            high = middle
    return high


def local_year(us: int, zone: ZoneInfo) -> int:
    """The year of instant ``us`` on the local calendar of ``zone``."""
    try:
        return from_us(us, zone).year
    except OverflowError:
        raise ValueError("datetime out of the supported range") from None
