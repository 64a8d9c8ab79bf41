"""No change made in the admin skips a ticket's history: whatever belongs to a ticket
(the ticket, its estimates, time entries, clocks, messages, history) is read-only or not
in the admin at all, so it changes only through the services of the desk, portal and API;
a contract's changes that move tickets' promises are announced to them, and every contract
change is in the admin's own log."""

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.test import RequestFactory

from charterdesk.plans.models import Contract
from charterdesk.sla.models import SlaClock, SlaEvent
from charterdesk.tickets.models import Message, Status, Ticket, TicketEvent
from tests.plans.admin_forms import contract_admin_data
from tests.tickets.factories import open_ticket


def _of_a_ticket(model) -> bool:  # type: ignore[no-untyped-def]
    return model is Ticket or any(f.related_model is Ticket for f in model._meta.fields)


def test_nothing_of_a_ticket_can_be_added_changed_or_deleted_in_the_admin(personas):
    request = RequestFactory().get("/admin/")
    request.user = personas.admin
    ticket_models = [m for m in admin.site._registry if _of_a_ticket(m)]
    assert {m._meta.label for m in ticket_models} >= {
        "tickets.Ticket",
        "estimates.Estimate",
        "hours.TimeEntry",
    }
    for model in ticket_models:
        model_admin = admin.site._registry[model]
        allowed = [
            name
            for name, may in (
                ("add", model_admin.has_add_permission(request)),
                ("change", model_admin.has_change_permission(request)),
                ("delete", model_admin.has_delete_permission(request)),
            )
            if may
        ]
        assert allowed == [], f"{model._meta.label}: the admin may {allowed}"


def test_clocks_messages_and_history_lines_are_not_in_the_admin():
    for model in (SlaClock, SlaEvent, Message, TicketEvent):
        assert model not in admin.site._registry, model._meta.label


def test_a_ticket_posted_to_the_admin_is_refused_and_its_history_unchanged(personas, login):
    ticket = open_ticket()
    lines = ticket.events.count()
    page = login(personas.admin).post(
        f"/admin/tickets/ticket/{ticket.pk}/change/", {"status": Status.CLOSED}
    )
    assert page.status_code == 403
    ticket.refresh_from_db()
    assert ticket.status != Status.CLOSED and ticket.events.count() == lines


def test_a_contract_keeps_its_organization(personas, login):
    contract = Contract.objects.get(organization__name="Initech")
    other = Contract.objects.get(organization__name="Globex").organization
    login(personas.admin).post(
        f"/admin/plans/contract/{contract.pk}/change/",
        contract_admin_data(contract, organization=other.pk),
    )
    contract.refresh_from_db()
    assert contract.organization.name == "Initech"


def test_every_contract_change_in_the_admin_is_in_its_log(personas, login):
    contract = Contract.objects.get(organization__name="Initech")
    page = login(personas.admin).post(
        f"/admin/plans/contract/{contract.pk}/change/",
        contract_admin_data(contract, hours_included="12"),
    )
    assert page.status_code == 302
    entry = LogEntry.objects.get(object_id=str(contract.pk), content_type__model="contract")
    assert entry.user == personas.admin
    assert "Hours included" in entry.get_change_message()
