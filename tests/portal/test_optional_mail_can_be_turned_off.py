"""Promise notices, escalation acknowledgements and estimates are mail a customer may turn
off in their profile; when they did, the mail is not sent but leaves an outbox row with the
reason and a line in the ticket's history, and mail they must receive still goes."""

from charterdesk.customers.models import Contact
from charterdesk.escalations.requests import escalation_request_answer, escalation_request_create
from charterdesk.estimates.models import EstimateState
from charterdesk.mail.models import Delivery, OutboundMail
from charterdesk.tickets.models import EventKind
from tests.commitments.factories import promise
from tests.estimates.factories import consulting_ticket, quote
from tests.tickets.factories import open_ticket

ALICE = "alice@acme.example"


def _turn_off(**fields: bool) -> None:
    Contact.objects.filter(email=ALICE).update(**fields)


def _to_alice(ticket, subject: str) -> OutboundMail:  # type: ignore[no-untyped-def]
    return OutboundMail.objects.get(ticket=ticket, recipient=ALICE, subject__contains=subject)


def test_the_profile_offers_each_optional_mail_and_says_which_mail_always_comes(login, personas):
    client = login(personas.alice)
    page = client.get("/portal/profile/").content.decode()
    for words in (
        "when you make or move a promise",
        "Confirm that my escalation request arrived",
        "Mail me estimates to approve",
    ):
        assert words in page
    always = page.split('id="always-mailed"')[1].split("</p>")[0]
    assert "replies from the team" in always and "the answer to an escalation request" in always
    client.post("/portal/profile/", {"time_zone": "", "mail_estimates": "on"})
    alice = Contact.objects.get(email=ALICE)
    wanted = (alice.mail_promises, alice.mail_escalation_receipts, alice.mail_estimates)
    assert wanted == (False, False, True)
    assert (alice.mail_surveys, alice.mail_statements) == (False, False)


def test_a_promise_notice_turned_off_is_an_outbox_row_with_the_reason(personas, login):
    _turn_off(mail_promises=False)
    ticket = open_ticket()
    promise(ticket, personas.tier1, text="Call back with the fix")
    mail = _to_alice(ticket, "promise")
    assert mail.state == Delivery.OPTED_OUT
    assert mail.last_error == "the recipient turned off promise notices in their profile"
    line = ticket.events.get(kind=EventKind.MAIL)
    assert line.internal and "not sent: the recipient turned off promise notices" in line.note
    page = login(personas.tier1).get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert "Not sent: the recipient opted out" in page


def test_a_promise_notice_goes_to_a_customer_who_wants_it(personas):
    ticket = open_ticket()
    promise(ticket, personas.tier1)
    assert _to_alice(ticket, "promise").state == Delivery.QUEUED


def test_without_acknowledgements_the_answer_to_an_escalation_request_still_comes(personas):
    _turn_off(mail_escalation_receipts=False)
    ticket = open_ticket()
    asked = escalation_request_create(ticket, personas.alice, reason="We lose orders")
    receipt = _to_alice(ticket, "We received your escalation request")
    assert receipt.state == Delivery.OPTED_OUT
    assert "turned off escalation acknowledgements" in receipt.last_error
    told = OutboundMail.objects.filter(ticket=ticket, recipient="manager@charterdesk.example")
    assert told.get().state == Delivery.QUEUED, "the management line is told all the same"
    escalation_request_answer(asked, personas.manager, accept=False, answer="Fixed in 4.2")
    answers = OutboundMail.objects.filter(ticket=ticket, recipient=ALICE).exclude(pk=receipt.pk)
    assert [m.state for m in answers] == [Delivery.QUEUED]


def test_an_estimate_not_mailed_still_waits_for_the_customer_in_the_portal(personas, login):
    _turn_off(mail_estimates=False)
    ticket = consulting_ticket()
    estimate = quote(ticket, personas.tier2)
    mail = OutboundMail.objects.get(ticket=ticket, recipient=ALICE, state=Delivery.OPTED_OUT)
    assert mail.last_error == "the recipient turned off estimates in their profile"
    assert estimate.state == EstimateState.SENT
    page = login(personas.alice).get(f"/portal/tickets/{ticket.pk}/").content.decode()
    assert "Approve" in page


def test_mail_turned_off_is_not_a_problem_on_the_outbox_page_nor_sent_again(personas, login):
    _turn_off(mail_promises=False)
    ticket = open_ticket()
    promise(ticket, personas.tier1)
    mail = _to_alice(ticket, "promise")
    client = login(personas.tier1)
    assert ALICE not in client.get("/desk/mail/outbox/").content.decode()
    client.post(f"/desk/mail/outbox/{mail.pk}/resend")
    mail.refresh_from_db()
    assert mail.state == Delivery.OPTED_OUT
