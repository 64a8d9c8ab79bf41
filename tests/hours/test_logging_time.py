import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.hours.services import time_entry_delete, time_entry_update
from tests.hours.factories import log, metered_ticket
from tests.tickets.factories import open_ticket


def test_time_on_a_metered_ticket_draws_on_the_contract_bank_with_contract_and_tier(personas):
    ticket = metered_ticket()
    entry = log(ticket, personas.tier2, 45, activity="call")
    assert entry.draws_on_bank is True
    assert entry.contract == ticket.contract
    assert entry.tier == 2
    assert entry.activity == "call"


def test_time_on_an_included_ticket_does_not_draw_on_the_bank(personas):
    entry = log(open_ticket(), personas.tier1, 30)
    assert entry.draws_on_bank is False
    assert entry.contract is not None


def test_logged_time_is_in_the_history_for_agents_only(personas):
    ticket = metered_ticket()
    log(ticket, personas.tier1, 20, note="checked the export logs")
    event = ticket.events.get(kind="time")
    assert event.new_value == "20 min"
    assert "checked the export logs" in event.note
    assert event.internal is True


def test_bad_minutes_and_activity_are_refused_field_by_field(personas):
    ticket = metered_ticket()
    with pytest.raises(ValidationError) as exc:
        log(ticket, personas.tier1, 0, activity="napping")
    assert set(exc.value.message_dict) == {"minutes", "activity"}


def test_customers_cannot_log_time(personas):
    with pytest.raises(PermissionDenied):
        log(metered_ticket(), personas.carol, 10)


def test_an_agent_corrects_their_entry_and_the_correction_is_recorded(personas):
    ticket = metered_ticket()
    entry = log(ticket, personas.tier1, 30)
    time_entry_update(entry, personas.tier1, minutes=50, activity="reply")
    entry.refresh_from_db()
    assert (entry.minutes, entry.activity) == (50, "reply")
    correction = ticket.events.filter(kind="time").order_by("-id").first()
    assert (correction.old_value, correction.new_value) == (
        "30 min investigation",
        "50 min reply",
    )


def test_an_agent_cannot_correct_or_delete_another_agents_entry(personas):
    entry = log(metered_ticket(), personas.tier1, 30)
    with pytest.raises(PermissionDenied):
        time_entry_update(entry, personas.tier2, minutes=5)
    with pytest.raises(PermissionDenied):
        time_entry_delete(entry, personas.tier2)


def test_deleting_an_entry_frees_the_bank_and_stays_in_the_history(personas):
    ticket = metered_ticket()
    entry = log(ticket, personas.tier1, 30)
    time_entry_delete(entry, personas.tier1)
    assert not ticket.time.exists()
    assert "Deleted the entry" in ticket.events.filter(kind="time").order_by("-id").first().note
