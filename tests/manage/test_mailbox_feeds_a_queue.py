"""A mailbox can feed a queue: new requests read from it wait there whatever the routing
rules say, with the reason in the ticket's history; its plan is what the routing rules see
for a sender without a contract; a draft plan is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from charterdesk.customers.models import DomainVerification, Organization, OrganizationDomain
from charterdesk.mailboxes.feeds import mailbox_of
from charterdesk.mailboxes.imap import source_of
from charterdesk.mailboxes.ingest import ingest
from charterdesk.mailboxes.models import Mailbox
from charterdesk.plans.models import Plan, PlanStatus
from charterdesk.routing.models import Queue, RoutingRule, Team
from charterdesk.tickets.models import Ticket

MAIL = (
    b"From: Alice <alice@acme.example>\r\nTo: support@charterdesk.example\r\n"
    b"Subject: Export fails\r\nMessage-ID: <m1@acme.example>\r\n\r\nIt fails.\r\n"
)


def _mailbox(**fields: object) -> Mailbox:
    values = {"name": "billing", "host": "imap.example.com", "username": "billing@x.example"}
    return Mailbox.objects.create(password="secret", **(values | fields))  # noqa: S106


def _billing_queue() -> Queue:
    """A queue no rule and no request type leads to."""
    return Queue.objects.create(name="Billing", team=Team.objects.first(), position=999)


def test_new_requests_from_the_mailbox_wait_in_its_queue(personas):
    queue = _billing_queue()
    mailbox = _mailbox(queue=queue)
    result = ingest(MAIL, source=source_of(mailbox, 7, 1))
    ticket = Ticket.objects.get(pk=result.ticket)
    assert ticket.queue == queue
    routed = ticket.events.get(kind="routed")
    assert routed.note == f"mailbox 'billing' → queue '{queue.name}' (routing rules not asked)"


def test_mail_from_another_door_is_routed_by_the_rules(personas):
    _mailbox(queue=_billing_queue())
    result = ingest(MAIL, source="smtp:gateway")
    assert Ticket.objects.get(pk=result.ticket).queue.name != "Billing"


def test_the_mailbox_plan_is_what_rules_see_for_a_sender_without_contract(personas):
    gold = Plan.objects.get(name="Gold")
    organization = Organization.objects.create(name="Nocontract")
    OrganizationDomain.objects.create(
        organization=organization,
        domain="nocontract.example",
        verified_at=timezone.now(),
        verified_by=DomainVerification.DNS,
    )
    target = _billing_queue()
    RoutingRule.objects.create(name="Gold mailbox", position=0, plans=[gold.pk], queue=target)
    mailbox = _mailbox(plan=gold)
    raw = MAIL.replace(b"alice@acme.example", b"zed@nocontract.example")
    result = ingest(raw, source=source_of(mailbox, 7, 2))
    assert Ticket.objects.get(pk=result.ticket).queue == target


def test_the_source_names_its_mailbox(personas):
    mailbox = _mailbox(username="a@b.example", folder="Support/In box", port=1993)
    assert mailbox_of(source_of(mailbox, 3, 9)) == mailbox
    assert mailbox_of("imap://nobody@imap.example.com:993/INBOX;UIDVALIDITY=1/;UID=1") is None
    assert mailbox_of("maildir:/tmp/x") is None


def test_a_draft_plan_is_refused(personas):
    draft = Plan.objects.get(name="Gold")
    Plan.objects.filter(pk=draft.pk).update(status=PlanStatus.DRAFT)
    draft.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        _mailbox(plan=draft)
    assert "Choose a published plan" in str(refused.value.message_dict["plan"])
