from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from .factories import answer, clock, contract_of, promise, ticket, time_entry


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def july(personas: SimpleNamespace) -> SimpleNamespace:
    """Acme's July 2026 (London summer time, UTC+1), built by hand; docs/statements.md walks
    through the same figures. Rows just outside the month, or of Globex, must not count."""
    acme, globex = contract_of("Acme Corp"), contract_of("Globex")
    acme.hours_purchased = Decimal(10)
    acme.starts_on, acme.ends_on = date(2026, 1, 1), date(2027, 12, 31)
    acme.save(update_fields=["hours_purchased", "starts_on", "ends_on"])
    a, w, t1, t2, t3 = (
        "alice@acme.example",
        "wile@acme.example",
        *((personas.tier1, personas.tier2, personas.tier3)),
    )
    first = ticket(acme, a, utc(2026, 6, 30, 23, 30), request_type="downtime", priority="urgent")
    second = ticket(
        acme, a, utc(2026, 7, 10, 12), priority="high", coverage="metered", status="solved"
    )
    third = ticket(acme, w, utc(2026, 7, 20, 9), request_type="how_to", coverage="metered")
    fourth = ticket(
        acme,
        w,
        utc(2026, 7, 31, 22, 59),
        request_type="consulting",
        priority="low",
        coverage="billable",
    )
    fifth = ticket(acme, a, utc(2026, 7, 15), coverage="metered")
    june = ticket(acme, a, utc(2026, 6, 30, 22, 59), coverage="metered")  # 23:59 on 30 June
    august = ticket(acme, a, utc(2026, 7, 31, 23), coverage="metered")  # midnight, 1 August
    theirs = ticket(globex, "bob@globex.example", utc(2026, 7, 10))

    time_entry(june, t1, 600, utc(2026, 6, 15), draws_on_bank=True)
    time_entry(second, t2, 90, utc(2026, 7, 10, 13), draws_on_bank=True)
    time_entry(third, t1, 45, utc(2026, 7, 20, 10), activity="reply", draws_on_bank=True)
    time_entry(fifth, t3, 120, utc(2026, 7, 16), draws_on_bank=True, billable=False)
    time_entry(fourth, t2, 60, utc(2026, 7, 31, 22, 59), activity="consulting")
    time_entry(first, t1, 30, utc(2026, 7, 1, 8), activity="call")
    time_entry(first, t1, 15, utc(2026, 6, 30, 23), activity="reply")  # midnight, 1 July
    time_entry(august, t1, 100, utc(2026, 7, 31, 23), draws_on_bank=True)
    time_entry(theirs, t1, 500, utc(2026, 7, 10), draws_on_bank=True)

    clock(first, "first_reply", utc(2026, 6, 30, 23, 30))
    clock(second, "first_reply", utc(2026, 7, 10, 12))
    clock(second, "resolution", utc(2026, 7, 10, 12))
    clock(third, "first_reply", utc(2026, 7, 20, 9), breached=True)
    clock(fifth, "first_reply", utc(2026, 7, 15), state="active")
    clock(fourth, "first_reply", utc(2026, 7, 31, 22, 59), state="cancelled")
    clock(august, "first_reply", utc(2026, 7, 31, 23, 30), breached=True)
    clock(theirs, "first_reply", utc(2026, 7, 10), breached=True)

    promise(first, t1, utc(2026, 7, 5), "kept")
    promise(second, t1, utc(2026, 7, 12), "broken")
    promise(third, t1, utc(2026, 7, 20), "cancelled")
    promise(fifth, t1, utc(2026, 7, 20))
    promise(fifth, t1, utc(2026, 7, 31, 22))
    promise(august, t1, utc(2026, 7, 31, 23, 30))
    promise(theirs, t1, utc(2026, 7, 20), "broken")

    answer(second, 5, utc(2026, 7, 11))
    answer(third, 4, utc(2026, 7, 21))
    answer(fifth, 2, utc(2026, 7, 22))
    answer(first, 1, utc(2026, 7, 31, 23, 10))  # 1 August in London
    answer(theirs, 1, utc(2026, 7, 11))
    return SimpleNamespace(acme=acme, globex=globex, now=utc(2026, 7, 28, 12))
