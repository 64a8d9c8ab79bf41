"""What a queue row says: solved tickets are never overdue, escalation requests are flagged,
a subject of any length keeps its full text on hover."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from charterdesk.escalations.requests import escalation_request_create
from charterdesk.tickets.services import ticket_update
from tests.tickets.factories import open_ticket


def _row(html: str, subject: str) -> str:
    start = html.index(subject)
    return html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]


def test_a_solved_ticket_is_never_overdue(personas, login):
    ticket = open_ticket(subject="Solved long ago", priority="urgent")
    ticket_update(ticket, personas.tier1, status="solved")
    with time_machine.travel(timezone.now() + timedelta(days=30)):
        html = login(personas.tier1).get("/desk/?status=solved").content.decode()
    row = _row(html, "Solved long ago")
    assert "overdue" not in row and "not open" in row


def test_a_ticket_whose_customer_asks_to_escalate_is_flagged(personas, login):
    asked = open_ticket(subject="Please escalate this")
    open_ticket(subject="Quiet one")
    escalation_request_create(asked, personas.alice, reason="We lose orders every hour")
    html = login(personas.tier1).get("/desk/").content.decode()
    assert "Customer asks to escalate" in _row(html, "Please escalate this")
    assert "Customer asks to escalate" not in _row(html, "Quiet one")


def test_a_long_unbroken_subject_keeps_its_full_text_on_hover(personas, login):
    subject = "x" * 250
    open_ticket(subject=subject)
    html = login(personas.tier1).get("/desk/").content.decode()
    assert f'title="{subject}"' in html


def test_the_coverage_pill_says_the_decision_in_one_word_and_the_rest_on_hover(personas, login):
    open_ticket("carol@initech.example", subject="A metered question", request_type="how_to")
    html = login(personas.tier1).get("/desk/").content.decode()
    row = _row(html, "A metered question")
    assert 'title="Metered (draws on the hours bank)">Metered</span>' in row
    assert "…" not in row.split('data-label="Coverage"')[1].split("</td>")[0]
