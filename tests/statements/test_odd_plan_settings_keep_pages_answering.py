"""Odd but valid plan settings a manager may save (a calendar closed by holidays for two
years, targets of a year, a plan that decides one request type, no hours and a cap of one
contact) keep the statement, hours, SLA, coverage and portal pages answering, and a
customer can still open a request: nothing answers 500."""

from datetime import timedelta

import pytest
from django.utils import timezone

from charterdesk.plans.models import Contract, PlanCoverage, ResponseTarget
from charterdesk.sla.models import Calendar
from charterdesk.tickets.models import Ticket

from .factories import contract_of
from .test_no_setting_breaks_the_pages import _answers


def _closed_for_two_years(contract: Contract) -> None:
    today = timezone.localdate()
    holidays = [(today + timedelta(days=n)).isoformat() for n in range(-30, 731)]
    contract.plan.calendar = Calendar.objects.create(
        name="Closed", timezone="Europe/Berlin", hours={"mon": [["09:00", "17:00"]]},
        holidays=holidays,
    )  # fmt: skip
    contract.plan.save()


def _targets_of_a_year(contract: Contract) -> None:
    ResponseTarget.objects.filter(plan=contract.plan).update(minutes=365 * 24 * 60)


def _one_request_type(contract: Contract) -> None:
    PlanCoverage.objects.filter(plan=contract.plan).exclude(request_type="error").delete()


def _nothing_included(contract: Contract) -> None:
    plan = contract.plan
    plan.hours_included, plan.consulting_rate, plan.max_authorized_contacts = 0, 0, 1
    plan.save()


ODD = {
    "closed by holidays for two years": _closed_for_two_years,
    "targets of a year": _targets_of_a_year,
    "one request type decided": _one_request_type,
    "nothing included, one contact": _nothing_included,
}


@pytest.mark.parametrize("name", ODD)
def test_odd_plan_settings_keep_every_page_answering(login, personas, name):
    contract = contract_of("Globex")
    ODD[name](contract)
    answers = _answers(login(personas.manager), contract)
    assert all(status == 200 for status in answers.values()), answers
    portal = login(personas.bob)
    for url in ("/portal/plan/", "/portal/statements", "/portal/new/preview?request_type=how_to"):
        assert portal.get(url).status_code == 200, url
    opened = portal.post(
        "/portal/new/",
        {"request_type": "how_to", "priority": "normal", "subject": "Odd plan", "body": "Hi"},
    )
    assert opened.status_code in (200, 302)
    if opened.status_code == 302:
        assert Ticket.objects.filter(subject="Odd plan").exists()
