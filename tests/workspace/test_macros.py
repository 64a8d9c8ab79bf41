import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from charterdesk.tickets.models import Message, TicketEvent
from charterdesk.workspace.models import Macro, MacroVisibility
from charterdesk.workspace.services import MacroInput, macro_apply, macro_create
from tests.tickets.factories import open_ticket
from tests.workspace.factories import custom_field


def _macro(owner, **values) -> Macro:
    data = MacroInput(
        title=values.pop("title", "Need logs"),
        body=values.pop(
            "body",
            "Hi {{ requester.first_name }}, ticket {{ ticket.id }} on the {{ plan.name }} "
            "plan: please send logs.\n{{ agent.name }}",
        ),
        **values,
    )
    return macro_create(owner, data)


def test_applying_a_macro_replies_changes_and_counts(personas, django_capture_on_commit_callbacks):
    ticket = open_ticket(subject="Export fails")
    macro = _macro(
        personas.tier1,
        note="Asked for logs",
        changes={"status": "pending", "priority": "high", "add_tags": ["needs-logs"]},
    )
    with django_capture_on_commit_callbacks(execute=True):
        changed = macro_apply(ticket, personas.tier1, macro)
    assert set(changed) == {"status", "priority", "tags"}
    reply = Message.objects.get(ticket=ticket, visibility="public", from_staff=True)
    first = personas.alice.contact.name.split()[0]
    assert reply.body.startswith(f"Hi {first}, ticket {ticket.pk} on the Gold plan")
    assert reply.body.endswith(personas.tier1.name)
    assert Message.objects.filter(ticket=ticket, visibility="internal").get().body == (
        "Asked for logs"
    )
    ticket.refresh_from_db()
    assert (ticket.status, ticket.priority) == ("pending", "high")
    assert list(ticket.tags.values_list("name", flat=True)) == ["needs-logs"]
    assert TicketEvent.objects.filter(ticket=ticket, kind="macro", new_value="Need logs").exists()
    macro.refresh_from_db()
    assert macro.usage_count == 1
    assert any("please send logs" in m.body for m in mail.outbox)


def test_a_wrong_placeholder_is_a_field_error(personas):
    with pytest.raises(ValidationError) as error:
        _macro(personas.tier1, body="Hi {{ requester.password }} {{ settings.SECRET_KEY }}")
    assert "requester.password" in error.value.message_dict["body"][0]
    assert not Macro.objects.exists()


def test_template_tags_are_not_run(personas):
    with pytest.raises(ValidationError, match="Unknown placeholder"):
        _macro(personas.tier1, body="{% load log %}{% get_admin_log 10 as x %}")


def test_only_team_leads_share_macros_with_every_agent(personas):
    with pytest.raises(ValidationError, match="Only team leads and managers"):
        _macro(personas.tier1, visibility=MacroVisibility.SHARED)
    assert _macro(personas.manager, visibility=MacroVisibility.SHARED).pk


def test_bad_changes_are_errors_on_their_field(personas):
    custom_field("environment")
    with pytest.raises(ValidationError) as error:
        _macro(
            personas.tier1,
            changes={"status": "sleeping", "fields": {"environment": "moon"}, "queue": 99999},
        )
    assert {"status", "environment", "queue"} <= set(error.value.message_dict)


def test_a_macro_that_solves_fills_the_required_field_first(personas):
    custom_field("root_cause", required_to_solve=True, options=["defect", "configuration"])
    ticket = open_ticket()
    macro = _macro(
        personas.tier1,
        body="Fixed in 4.2.",
        changes={"status": "solved", "fields": {"root_cause": "defect"}},
    )
    macro_apply(ticket, personas.tier1, macro)
    ticket.refresh_from_db()
    assert ticket.status == "solved"
