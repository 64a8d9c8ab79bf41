"""Whatever a manager may save (the extremes of every valid setting), the statement,
hours, SLA and plan pages answer; none of them can be made to answer 500."""

from datetime import date
from decimal import Decimal

import pytest

from charterdesk.customers.models import Contact
from charterdesk.plans.models import Contract
from charterdesk.sla.models import Calendar

from .factories import contract_of

EXTREMES = {
    "longest period": {"starts_on": date(2000, 1, 1), "ends_on": date(2099, 12, 31)},
    "open end": {"starts_on": date(2026, 1, 1), "ends_on": None},
    "two days": {"starts_on": date(2026, 12, 1), "ends_on": date(2026, 12, 2)},
    "biggest bank": {"hours_included": Decimal("999999.99"), "hours_purchased": Decimal(0)},
    "empty bank": {"hours_included": Decimal(0), "hours_purchased": Decimal(0)},
}
CALENDARS = {
    "night shift far east": {
        "timezone": "Pacific/Kiritimati",
        "hours": {"sat": [["22:00", "06:00"]]},
        "holidays": [f"2026-{month:02}-01" for month in range(1, 13)],
    },
    "one hour a week": {"timezone": "America/St_Johns", "hours": {"sun": [["23:00", "24:00"]]}},
}


def _pages(contract: Contract) -> list[str]:
    return [
        "/desk/statements",
        f"/desk/statements/{contract.pk}",
        f"/desk/statements/{contract.pk}?month=2099-12",
        f"/desk/statements/{contract.pk}/csv",
        f"/desk/statements/{contract.pk}/pdf",
        f"/desk/contracts/{contract.pk}/hours",
        "/desk/reports/sla",
        "/coverage/",
    ]


def _answers(client, contract: Contract) -> dict[str, int]:
    return {url: client.get(url).status_code for url in _pages(contract)}


@pytest.mark.parametrize("name", EXTREMES)
def test_extreme_contract_settings_keep_every_page_answering(login, personas, name):
    contract = contract_of("Globex")
    for field, value in EXTREMES[name].items():
        setattr(contract, field, value)
    contract.save()
    contract.administrators.add(Contact.objects.get(email="bob@globex.example"))
    answers = _answers(login(personas.manager), contract)
    assert all(status == 200 for status in answers.values()), answers
    portal = login(personas.bob)
    assert portal.get("/portal/statements").status_code == 200
    assert portal.get(f"/portal/statements/{contract.pk}").status_code == 200
    assert portal.get("/portal/plan/").status_code == 200


@pytest.mark.parametrize("name", CALENDARS)
def test_unusual_calendars_keep_every_page_answering(login, personas, name):
    contract = contract_of("Globex")
    calendar = Calendar.objects.create(name=name, **CALENDARS[name])
    contract.plan.calendar = calendar
    contract.plan.save()
    answers = _answers(login(personas.manager), contract)
    assert all(status == 200 for status in answers.values()), answers
