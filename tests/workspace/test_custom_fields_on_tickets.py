from datetime import date

import pytest
from django.core.exceptions import ValidationError

from charterdesk.tickets.models import FieldKind, TicketEvent
from charterdesk.tickets.services import ticket_anonymize, ticket_set_fields, ticket_update
from tests.tickets.factories import open_ticket
from tests.workspace.factories import custom_field


def test_an_agent_sets_custom_fields_on_the_ticket_page(personas, login):
    custom_field("environment")
    custom_field("seats", kind=FieldKind.NUMBER, options=[])
    custom_field("reproduced", kind=FieldKind.CHECKBOX, options=[])
    custom_field("fix_due", label="Fix due", kind=FieldKind.DATE, options=[])
    ticket = open_ticket()
    client = login(personas.tier1)
    response = client.post(
        f"/desk/tickets/{ticket.pk}/fields",
        {
            "tags": "",
            "environment": "staging",
            "seats": "25",
            "reproduced": "on",
            "fix_due": "2026-12-31",
        },  # fmt: skip
        follow=True,
    )
    page = response.content.decode()
    assert "Tags and fields saved." in page
    assert "Environment: — → staging" in page
    values = dict(ticket.field_values.values_list("field__key", "value"))
    assert values == {
        "environment": "staging",
        "seats": "25",
        "reproduced": "yes",
        "fix_due": "2026-12-31",
    }


def test_a_wrong_number_is_an_error_next_to_the_field(personas, login):
    custom_field("seats", kind=FieldKind.NUMBER, options=[])
    ticket = open_ticket()
    response = login(personas.tier1).post(
        f"/desk/tickets/{ticket.pk}/fields", {"tags": "", "seats": "many"}
    )
    assert response.status_code == 200
    assert "Give a number" in response.content.decode()
    assert not ticket.field_values.exists()


def test_a_value_outside_the_drop_down_is_refused(personas):
    custom_field("environment")
    ticket = open_ticket()
    with pytest.raises(ValidationError) as error:
        ticket_set_fields(ticket, personas.tier1, {"environment": "moon", "nope": "x"})
    assert set(error.value.message_dict) == {"environment", "fields"}


def test_a_ticket_cannot_be_solved_while_a_required_field_is_empty(personas):
    custom_field("root_cause", label="Root cause", required_to_solve=True)
    ticket = open_ticket()
    with pytest.raises(ValidationError, match="Fill in Root cause before solving"):
        ticket_update(ticket, personas.tier1, status="solved")
    ticket_set_fields(ticket, personas.tier1, {"root_cause": "Production"})
    assert ticket_update(ticket, personas.tier1, status="solved") == ["status"]


def test_customers_see_visible_fields_only_and_only_their_history(personas, login):
    custom_field("environment", visible_to_customers=True)
    custom_field("internal_rating", kind=FieldKind.TEXT, options=[])
    ticket = open_ticket()
    ticket_set_fields(
        ticket, personas.tier1, {"environment": "production", "internal_rating": "difficult"}
    )
    page = login(personas.alice).get(f"/portal/tickets/{ticket.pk}/").content.decode()
    assert "production" in page
    assert "difficult" not in page
    events = TicketEvent.objects.filter(ticket=ticket, kind="changed")
    assert {e.field: e.internal for e in events} == {
        "environment": False,
        "internal_rating": True,
    }


def test_emptying_a_field_removes_its_value(personas):
    custom_field("fix_due", kind=FieldKind.DATE, options=[])
    ticket = open_ticket()
    ticket_set_fields(ticket, personas.tier1, {"fix_due": date(2026, 12, 31)})
    assert ticket_set_fields(ticket, personas.tier1, {"fix_due": ""}) == ["fix_due"]
    assert not ticket.field_values.exists()


def test_anonymizing_a_ticket_removes_its_free_text_field_values(personas):
    custom_field("contact_note", kind=FieldKind.TEXT, options=[])
    custom_field("environment")
    ticket = open_ticket()
    ticket_set_fields(
        ticket, personas.tier1, {"contact_note": "Call Alice at home", "environment": "staging"}
    )
    ticket_update(ticket, personas.tier1, status="solved")
    ticket_anonymize(ticket, personas.admin, reason="Erasure request")
    assert dict(ticket.field_values.values_list("field__key", "value")) == {
        "environment": "staging"
    }
    assert not TicketEvent.objects.filter(ticket=ticket, new_value__contains="Alice").exists()


def test_a_macro_form_posted_without_a_macro_is_a_message_not_a_crash(personas, login):
    ticket = open_ticket()
    response = login(personas.tier1).post(f"/desk/tickets/{ticket.pk}/macro", {}, follow=True)
    assert response.status_code == 200
    assert "The macro was not applied" in response.content.decode()
