from charterdesk.mail.models import Outcome
from charterdesk.tickets.models import Ticket
from charterdesk.workspace.merge import ticket_merge

from .conftest import compose


def test_a_reply_to_a_merged_ticket_lands_on_the_surviving_ticket(mail_in, personas):
    surviving = mail_in(compose(subject="Checkout fails")).ticket
    duplicate = mail_in(compose(subject="Checkout still failing")).ticket
    ticket_merge(Ticket.objects.get(pk=duplicate), Ticket.objects.get(pk=surviving), personas.tier1)
    result = mail_in(compose(subject=f"Re: [#{duplicate}] Checkout", body="Any news?"))
    assert (result.outcome, result.ticket) == (Outcome.MESSAGE_ADDED, surviving)
    assert Ticket.objects.get(pk=surviving).messages.filter(body__contains="Any news?").exists()
