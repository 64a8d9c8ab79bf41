from charterdesk.tickets.models import Message, TicketEvent
from charterdesk.tickets.services import ticket_set_fields, ticket_set_tags, ticket_update
from charterdesk.workspace.bulk import bulk_undo, tickets_bulk_update
from charterdesk.workspace.services import MacroInput, macro_create
from tests.tickets.factories import open_ticket
from tests.workspace.factories import custom_field


def test_a_bulk_change_is_in_each_tickets_history(personas):
    tickets = [open_ticket() for _ in range(3)]
    result = tickets_bulk_update(
        personas.tier1,
        [t.pk for t in tickets],
        {"priority": "high", "assignee": "me", "add_tags": ["outage"]},
    )
    assert [o.ok for o in result.outcomes] == [True, True, True]
    for ticket in tickets:
        ticket.refresh_from_db()
        assert (ticket.priority, ticket.assignee_id) == ("high", personas.tier1.pk)
        fields = set(TicketEvent.objects.filter(ticket=ticket, kind="changed").values_list(
            "field", flat=True))  # fmt: skip
        assert {"priority", "assignee", "tags"} <= fields
        assert TicketEvent.objects.filter(ticket=ticket, kind="bulk").exists()


def test_one_refused_ticket_does_not_stop_the_others(personas):
    custom_field("root_cause", required_to_solve=True)
    ready, missing = open_ticket(), open_ticket()
    ticket_set_fields(ready, personas.tier1, {"root_cause": "production"})
    result = tickets_bulk_update(
        personas.tier1, [ready.pk, missing.pk, 999999], {"status": "solved"}
    )
    outcome = {o.id: o for o in result.outcomes}
    assert outcome[ready.pk].ok
    assert "Fill in Root cause" in outcome[missing.pk].error
    assert outcome[999999].error == "No such ticket."
    missing.refresh_from_db()
    assert missing.status != "solved"
    assert not TicketEvent.objects.filter(ticket=missing, kind="bulk").exists()


def test_undo_puts_back_what_the_bulk_action_changed(personas):
    first, second = open_ticket(), open_ticket()
    ticket_set_tags(first, personas.tier1, ["keep"])
    ticket_update(second, personas.tier1, priority="low")
    result = tickets_bulk_update(
        personas.tier1,
        [first.pk, second.pk],
        {"priority": "urgent", "add_tags": ["war-room"], "remove_tags": ["keep"]},
    )
    undone = bulk_undo(personas.tier1, result.bulk)
    assert all(o.ok for o in undone.outcomes)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.priority, second.priority) == ("normal", "low")
    assert list(first.tags.values_list("name", flat=True)) == ["keep"]
    assert not second.tags.exists()


def test_a_macro_on_many_tickets_replies_to_each(personas):
    macro = macro_create(
        personas.tier1,
        MacroInput(
            title="Outage", body="We are on it (#{{ ticket.id }}).", changes={"status": "pending"}
        ),
    )
    tickets = [open_ticket() for _ in range(4)]
    tickets_bulk_update(personas.tier1, [t.pk for t in tickets], {}, macro=macro)
    for ticket in tickets:
        reply = Message.objects.get(ticket=ticket, from_staff=True)
        assert reply.body == f"We are on it (#{ticket.pk})."
    macro.refresh_from_db()
    assert macro.usage_count == 4


def test_the_queue_bulk_bar_changes_the_selected_tickets_and_undoes(personas, login):
    chosen, other = open_ticket(subject="Chosen"), open_ticket(subject="Other")
    client = login(personas.tier1)
    response = client.post(
        "/desk/bulk",
        {"ids": [chosen.pk], "priority": "urgent", "next": "/desk/?status="},
        follow=True,
    )
    page = response.content.decode()
    assert "Changed 1 ticket(s)." in page
    assert "Undo</button>" in page
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert (chosen.priority, other.priority) == ("urgent", "normal")
    response = client.post("/desk/bulk/undo", {"next": "/desk/"}, follow=True)
    assert "Undone on 1 ticket(s)." in response.content.decode()
    chosen.refresh_from_db()
    assert chosen.priority == "normal"


def test_nothing_selected_is_a_message_not_a_crash(personas, login):
    response = login(personas.tier1).post("/desk/bulk", {"priority": "urgent"}, follow=True)
    assert "Nothing was changed: Select at least one ticket." in response.content.decode()


def test_customers_cannot_bulk_change(personas, login):
    ticket = open_ticket()
    response = login(personas.alice).post("/desk/bulk", {"ids": [ticket.pk], "priority": "urgent"})
    assert response.status_code in (403, 404)
    ticket.refresh_from_db()
    assert ticket.priority == "normal"
