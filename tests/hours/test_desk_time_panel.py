from charterdesk.plans.models import Contract
from tests.hours.factories import log, metered_ticket


def test_the_ticket_page_lists_time_totals_and_the_contract_bank(personas, login):
    ticket = metered_ticket()
    log(ticket, personas.tier1, 90, note="Reproduced on staging")
    html = login(personas.tier2).get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert "Reproduced on staging" in html
    assert "Total <strong>1.5 h</strong>" in html
    assert "Hours bank" in html
    assert "data-timer-toggle" in html


def test_an_agent_logs_time_from_the_ticket_page(personas, login):
    ticket = metered_ticket()
    page = login(personas.tier1).post(
        f"/desk/tickets/{ticket.pk}/time",
        {"minutes": "20", "activity": "reply", "billable": "on"},
        follow=True,
    )
    assert "Logged 20 minutes." in page.content.decode()
    assert ticket.time.get().minutes == 20


def test_a_refused_entry_shows_why_beside_the_field_and_keeps_what_was_typed(personas, login):
    ticket = metered_ticket()
    page = login(personas.tier1).post(
        f"/desk/tickets/{ticket.pk}/time",
        {"minutes": "0", "activity": "reply", "note": "Walked through the export"},
    )
    html = page.content.decode()
    assert page.status_code == 200  # the ticket page again, not a redirect
    minutes = html.split('name="minutes"')[1].split("</label>")[0]
    assert "greater than or equal to 1" in minutes
    assert 'value="Walked through the export"' in html
    assert not ticket.time.exists()


def test_customers_cannot_open_the_desk_contract_page(personas, login):
    contract = Contract.objects.get(organization__name="Initech")
    response = login(personas.carol).get(f"/desk/contracts/{contract.pk}/hours")
    assert response.status_code == 403


def test_an_agent_corrects_then_deletes_their_entry_on_the_ticket_page(personas, login):
    ticket = metered_ticket()
    entry = log(ticket, personas.tier1, 30)
    client = login(personas.tier1)
    p = f"e{entry.pk}-"
    client.post(
        f"/desk/time/{entry.pk}",
        {f"{p}minutes": "45", f"{p}activity": "call", f"{p}billable": "on", f"{p}note": ""},
    )
    entry.refresh_from_db()
    assert (entry.minutes, entry.activity) == (45, "call")
    client.post(f"/desk/time/{entry.pk}/delete")
    assert not ticket.time.exists()
    assert ticket.events.filter(kind="time").count() == 3
