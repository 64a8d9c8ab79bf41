"""Threading by headers, signed reply address and subject tag; never onto another
customer's ticket."""

from charterdesk.mail.models import OutboundMail, Outcome
from charterdesk.mail.outbox import mail_queue
from charterdesk.mail.tokens import reply_address
from charterdesk.tickets.models import Ticket, TicketEvent
from charterdesk.tickets.services import ticket_update

from .conftest import compose


def test_a_reply_to_the_signed_address_threads_without_any_headers(mail_in):
    ticket = mail_in(compose()).ticket
    result = mail_in(compose(subject="no tag here", body="More detail", to=reply_address(ticket)))
    assert (result.outcome, result.ticket) == (Outcome.MESSAGE_ADDED, ticket)


def test_a_forged_reply_address_does_not_thread(mail_in):
    ticket = mail_in(compose()).ticket
    forged = f"support+{ticket}-000000000000@charterdesk.example"
    result = mail_in(compose(subject="Hello", body="Guessing", to=forged))
    assert result.outcome == Outcome.TICKET_CREATED
    assert result.ticket != ticket


def test_a_subject_tag_threads_for_the_requester(mail_in):
    ticket = mail_in(compose()).ticket
    result = mail_in(compose(subject=f"Re: [#{ticket}] Checkout fails", body="Any news?"))
    assert (result.outcome, result.ticket) == (Outcome.MESSAGE_ADDED, ticket)


def test_a_colleague_of_the_same_organization_may_join(mail_in):
    ticket = mail_in(compose()).ticket
    result = mail_in(compose("ops@acme.example", f"[#{ticket}] also seeing it", "Same here"))
    assert (result.outcome, result.ticket) == (Outcome.MESSAGE_ADDED, ticket)


def test_nobody_joins_another_customers_ticket_by_guessing_its_number(mail_in):
    ticket = mail_in(compose()).ticket
    result = mail_in(compose("bob@globex.example", f"Re: [#{ticket}] hello", "Let me in"))
    assert result.outcome == Outcome.TICKET_CREATED
    assert result.ticket != ticket
    assert "not a party" in result.reason
    assert Ticket.objects.get(pk=ticket).messages.count() == 1
    assert TicketEvent.objects.filter(ticket_id=result.ticket, note__contains="not a party")


def test_a_reply_on_a_closed_ticket_opens_a_follow_up(mail_in, personas):
    ticket = Ticket.objects.get(pk=mail_in(compose()).ticket)
    ticket_update(ticket, personas.tier1, status="solved")
    ticket_update(ticket, personas.tier1, status="closed")
    result = mail_in(compose(subject=f"Re: [#{ticket.pk}] Checkout fails", body="Back again"))
    assert result.outcome == Outcome.TICKET_CREATED
    assert f"follow-up to closed ticket #{ticket.pk}" in result.reason


def test_a_reply_reopens_a_solved_ticket(mail_in, personas):
    ticket = Ticket.objects.get(pk=mail_in(compose()).ticket)
    ticket_update(ticket, personas.tier1, status="solved")
    mail_in(compose(subject=f"Re: [#{ticket.pk}] Checkout fails", body="Not fixed"))
    ticket.refresh_from_db()
    assert ticket.status == "open"


def test_an_agents_answer_to_an_internal_notification_is_an_internal_note(mail_in, personas):
    ticket = Ticket.objects.get(pk=mail_in(compose()).ticket)
    handoff = mail_queue(
        to=personas.tier2.email, template="mail/mail/acknowledgement", context={}, ticket=ticket
    )
    assert handoff.headers["Reply-To"] == reply_address(ticket.pk, staff=True)
    result = mail_in(
        compose(
            "tier2@charterdesk.example",
            f"Re: [#{ticket.pk}] Escalated",
            "Between us: their admin broke it again.",
            to=handoff.headers["Reply-To"],
        )
    )
    assert (result.outcome, result.ticket) == (Outcome.MESSAGE_ADDED, ticket.pk)
    note = ticket.messages.last()
    assert (note.visibility, note.author) == ("internal", personas.tier2)
    assert OutboundMail.objects.filter(ticket=ticket, recipient="alice@acme.example").count() == 1
    assert not OutboundMail.objects.filter(text__contains="Between us")


def test_an_agent_answers_the_customer_by_mail_with_public_on_the_first_line(mail_in, personas):
    ticket = mail_in(compose()).ticket
    result = mail_in(
        compose(
            "tier1@charterdesk.example",
            f"Re: [#{ticket}] Checkout fails",
            "#public\nFixed now.",
            to=reply_address(ticket, staff=True),
        )
    )
    assert (result.outcome, result.ticket) == (Outcome.MESSAGE_ADDED, ticket)
    message = Ticket.objects.get(pk=ticket).messages.last()
    assert (message.visibility, message.author, message.body) == (
        "public",
        personas.tier1,
        "Fixed now.",
    )
    assert OutboundMail.objects.filter(ticket_id=ticket, text__contains="Fixed now.")


def test_mail_that_only_claims_to_be_from_an_agent_is_quarantined(mail_in, personas):
    ticket = mail_in(compose("bob@globex.example")).ticket
    for forged in (
        compose("tier1@charterdesk.example", f"Re: [#{ticket}] hello", "Reset at evil.example"),
        compose(
            "tier1@charterdesk.example", "Hi", "Reset at evil.example", to=reply_address(ticket)
        ),
    ):
        result = mail_in(forged)
        assert result.outcome == Outcome.QUARANTINED
        assert "agents' reply address" in result.reason
    assert Ticket.objects.get(pk=ticket).messages.count() == 1


def test_customers_get_the_customer_reply_address_never_the_agents(mail_in, personas):
    ticket = mail_in(compose()).ticket
    acknowledgement = OutboundMail.objects.get(ticket_id=ticket, recipient="alice@acme.example")
    assert acknowledgement.headers["Reply-To"] == reply_address(ticket)
    assert reply_address(ticket) != reply_address(ticket, staff=True)
