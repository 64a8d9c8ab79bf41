"""The ticket page's conversation and history, now written in Python (desk.ticket_rows),
still escape what a customer or an agent typed."""

from charterdesk.tickets import services
from tests.tickets.factories import open_ticket


def test_it_escapes_a_message_and_a_history_note(personas, login):
    ticket = open_ticket(subject="Broken <b>export</b>")
    services.message_add(
        ticket, personas.tier1, "Try <script>alert(1)</script> & retry", "internal"
    )
    html = login(personas.tier1).get(f"/desk/tickets/{ticket.pk}/").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "Try &lt;script&gt;alert(1)&lt;/script&gt; &amp; retry" in html
    assert 'class="message staff internal"' in html and "Internal note · " in html
    assert "<b>export</b>" not in html
