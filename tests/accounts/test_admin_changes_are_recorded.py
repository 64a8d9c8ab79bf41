"""What an administrator changes in the admin goes through the services and lands in the
ticket's history, or cannot be changed there at all."""

from datetime import UTC, datetime

import time_machine
from django.forms.models import model_to_dict

from charterdesk.estimates.models import EstimateState
from charterdesk.plans.models import Contract, Plan
from tests.estimates.factories import consulting_ticket, quote
from tests.plans.admin_forms import contract_admin_data
from tests.tickets.factories import open_ticket

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def test_a_plan_changed_in_the_admin_is_in_the_history_of_open_tickets(
    personas, login, django_capture_on_commit_callbacks
):
    with time_machine.travel(MONDAY_10, tick=False):
        ticket = open_ticket("bob@globex.example", request_type="downtime", priority="urgent")
    contract = Contract.objects.get(pk=ticket.contract_id)
    gold = Plan.objects.get(name="Gold")
    with django_capture_on_commit_callbacks(execute=True):
        page = login(personas.admin).post(
            f"/admin/plans/contract/{contract.pk}/change/",
            contract_admin_data(contract, plan=gold.pk),
        )
    assert page.status_code == 302, page.context["adminform"].form.errors
    lines = ticket.events.filter(field="deadlines")
    assert [line.note for line in lines] == ["recomputed: the contract's plan or dates changed"]
    assert not lines[0].internal


def test_purchased_hours_cannot_be_typed_into_a_contract(personas, login):
    contract = Contract.objects.get(organization__name="Initech")
    before = contract.hours_purchased
    login(personas.admin).post(
        f"/admin/plans/contract/{contract.pk}/change/",
        contract_admin_data(contract, hours_purchased="500"),
    )
    contract.refresh_from_db()
    assert contract.hours_purchased == before


def test_an_estimate_cannot_be_approved_in_the_admin(personas, login):
    estimate = quote(consulting_ticket(), personas.tier2)
    data = _form_data_estimate(estimate, state=EstimateState.APPROVED)
    page = login(personas.admin).post(f"/admin/estimates/estimate/{estimate.pk}/change/", data)
    estimate.refresh_from_db()
    assert page.status_code == 403
    assert estimate.state == EstimateState.SENT


def _form_data_estimate(estimate, **changes):  # type: ignore[no-untyped-def]
    data = model_to_dict(estimate)
    data.pop("id")
    data.update(changes)
    return {k: ("" if v is None else v) for k, v in data.items()}
