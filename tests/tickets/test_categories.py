import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.tickets.category_models import Category, CategorySource
from charterdesk.tickets.models import TicketEvent
from charterdesk.tickets.services import category_create, category_update, ticket_categorize
from charterdesk.tickets.wording import event_line

from .factories import open_ticket


@pytest.fixture
def refunds(personas):
    billing = category_create(actor=personas.manager, name="Billing")
    return category_create(actor=personas.manager, name="Refunds", parent=billing)


def test_a_category_keeps_its_full_path_for_display(refunds):
    assert refunds.path == "Billing › Refunds"
    assert str(refunds) == "Billing › Refunds"


def test_renaming_a_parent_renames_the_paths_under_it(personas, refunds):
    billing = refunds.parent
    category_update(billing, actor=personas.manager, name="Payments")
    refunds.refresh_from_db()
    assert refunds.path == "Payments › Refunds"


def test_moving_a_category_moves_its_children_and_refuses_a_cycle(personas, refunds):
    billing = refunds.parent
    accounts = category_create(actor=personas.manager, name="Accounts")
    category_update(billing, actor=personas.manager, parent=accounts)
    refunds.refresh_from_db()
    assert refunds.path == "Accounts › Billing › Refunds"
    with pytest.raises(ValidationError, match="under itself"):
        category_update(accounts, actor=personas.manager, parent=refunds)


def test_sibling_names_are_unique_whatever_their_case(personas, refunds):
    with pytest.raises(ValidationError, match="exists already"):
        category_create(actor=personas.manager, name="refunds", parent=refunds.parent)


def test_only_managers_change_categories(personas):
    with pytest.raises(PermissionDenied):
        category_create(actor=personas.tier1, name="Billing")


def test_deactivating_a_category_deactivates_its_children(personas, refunds):
    category_update(refunds.parent, actor=personas.manager, active=False)
    assert not Category.objects.get(pk=refunds.pk).active


def test_categorizing_records_who_how_and_confidence_in_the_history(personas, refunds):
    ticket = open_ticket()
    assert ticket_categorize(ticket, refunds, by=None, source=CategorySource.MODEL, confidence=0.97)
    ticket.refresh_from_db()
    assert ticket.category == refunds
    assert ticket.category_source == "model"
    line = TicketEvent.objects.filter(ticket=ticket, field="category").get()
    assert event_line(line) == "Category: — → Billing › Refunds"
    assert line.note == "by model, 0.97"
    assert line.internal


def test_an_agent_correcting_the_model_is_recorded_as_a_person(personas, refunds):
    ticket = open_ticket()
    ticket_categorize(ticket, refunds.parent, by=None, source=CategorySource.MODEL)
    ticket_categorize(ticket, refunds, by=personas.tier1, source=CategorySource.PERSON)
    ticket.refresh_from_db()
    assert (ticket.category_set_by, ticket.category_source) == (personas.tier1, "person")
    lines = [event_line(e) for e in TicketEvent.objects.filter(ticket=ticket, field="category")]
    assert lines[-1] == "Category: Billing → Billing › Refunds"


def test_setting_the_same_category_again_changes_nothing(personas, refunds):
    ticket = open_ticket()
    ticket_categorize(ticket, refunds, by=personas.tier1, source=CategorySource.PERSON)
    assert not ticket_categorize(ticket, refunds, by=personas.tier1, source=CategorySource.PERSON)
    assert TicketEvent.objects.filter(ticket=ticket, field="category").count() == 1


def test_customers_cannot_categorize(personas, refunds):
    ticket = open_ticket()
    with pytest.raises(PermissionDenied):
        ticket_categorize(ticket, refunds, by=personas.alice, source=CategorySource.PERSON)


def test_a_deactivated_category_cannot_be_set(personas, refunds):
    category_update(refunds, actor=personas.manager, active=False)
    with pytest.raises(ValidationError, match="deactivated"):
        ticket_categorize(open_ticket(), refunds, by=personas.tier1, source=CategorySource.PERSON)
