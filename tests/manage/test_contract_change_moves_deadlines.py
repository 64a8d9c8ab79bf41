"""A new plan on the contracts page moves the deadlines of the contract's open tickets,
with a line in each ticket's history that the customer sees too."""

from datetime import UTC, datetime

import time_machine

from charterdesk.plans.models import Contract, Plan
from tests.tickets.factories import open_ticket

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def test_a_plan_changed_on_the_contracts_page_is_in_the_history_of_open_tickets(
    personas, login, django_capture_on_commit_callbacks
):
    with time_machine.travel(MONDAY_10, tick=False):
        ticket = open_ticket("bob@globex.example", request_type="downtime", priority="urgent")
    contract = Contract.objects.get(pk=ticket.contract_id)
    gold = Plan.objects.get(name="Gold")
    data = {
        "plan": gold.pk,
        "starts_on": contract.starts_on.isoformat(),
        "ends_on": contract.ends_on.isoformat() if contract.ends_on else "",
        "hours_included": str(contract.hours_included),
        "professional_services_hours": str(contract.professional_services_hours),
        "relationship_manager": contract.relationship_manager_id or "",
        "authorized_contacts": [c.pk for c in contract.authorized_contacts.all()],
    }
    with django_capture_on_commit_callbacks(execute=True):
        page = login(personas.manager).post(f"/manage/contracts/{contract.pk}/", data)
    assert page.status_code == 302, page.context["form"].errors
    lines = ticket.events.filter(field="deadlines")
    assert [line.note for line in lines] == ["recomputed: the contract's plan or dates changed"]
    assert not lines[0].internal
