"""No mail to a customer is held without a trace: the hourly limit holds back only
automatic answers to inbound mail (against loops), not survey invitations, statements or
promise notices; what is held shows its reason on the ticket and the outbox page, and a
person can release it from there."""

from django.test import override_settings

from charterdesk.mail.models import Delivery, MailKind, OutboundMail
from charterdesk.mail.outbox import mail_queue
from charterdesk.tickets.models import TicketEvent

from .conftest import compose

ACK = "mail/mail/acknowledgement"


def notify(to: str, **kwargs: object) -> OutboundMail:
    mail = mail_queue(to=to, template=ACK, context={}, automatic=True, **kwargs)  # type: ignore[arg-type]
    assert mail is not None
    return mail


@override_settings(MAIL_AUTOMATIC_PER_HOUR=2)
def test_notifications_are_not_held_by_the_loop_limit(personas):
    mails = [notify("alice@acme.example") for _ in range(5)]  # e.g. promise notices

    assert [m.state for m in mails] == [Delivery.QUEUED] * 5


@override_settings(MAIL_AUTOMATIC_PER_HOUR=2)
def test_notifications_do_not_use_up_the_limit_of_automatic_answers(personas):
    for _ in range(3):
        notify("alice@acme.example")

    answer = notify("alice@acme.example", kind=MailKind.ACKNOWLEDGEMENT)

    assert answer.state == Delivery.QUEUED


@override_settings(MAIL_AUTOMATIC_PER_HOUR=1)
def test_a_held_answer_is_in_the_tickets_history_and_on_the_outbox_page(mail_in, login, personas):
    mail_in(compose(subject="First"))
    ticket = mail_in(compose(subject="Second")).ticket

    held = OutboundMail.objects.get(ticket_id=ticket)
    assert held.state == Delivery.SUPPRESSED
    line = TicketEvent.objects.get(ticket_id=ticket, new_value="held")
    assert "alice@acme.example not sent" in line.note
    assert "automatic answers in an hour" in line.note
    desk = login(personas.tier1)
    assert b"automatic answers in an hour" in desk.get(f"/desk/tickets/{ticket}/").content
    page = desk.get("/desk/mail/outbox/").content.decode()
    assert "automatic answers in an hour" in page
    assert f"/desk/mail/outbox/{held.pk}/resend" in page


@override_settings(MAIL_AUTOMATIC_PER_HOUR=1)
def test_an_agent_releases_a_held_mail_and_it_is_sent(
    mail_in, login, personas, django_capture_on_commit_callbacks
):
    from django.core import mail as sent_mail

    from charterdesk.mail.sweep import outbox_sweep

    mail_in(compose(subject="First"))
    ticket = mail_in(compose(subject="Second")).ticket
    held = OutboundMail.objects.get(ticket_id=ticket)
    before = len(sent_mail.outbox)

    response = login(personas.tier1).post(f"/desk/mail/outbox/{held.pk}/resend", follow=True)
    outbox_sweep()

    assert b"queued again" in response.content
    held.refresh_from_db()
    assert held.state == Delivery.SENT
    assert len(sent_mail.outbox) == before + 1
    assert sent_mail.outbox[-1].subject.startswith(f"[#{ticket}]")
    line = TicketEvent.objects.get(ticket_id=ticket, new_value="resent")
    assert "sent again by" in line.note
