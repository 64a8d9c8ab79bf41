"""An article drafted from a solved ticket has the question and the answer with the
customer's names, addresses, organization and numbers taken out."""

import pytest
from django.core.exceptions import ValidationError

from charterdesk.intake.services import ticket_create
from charterdesk.knowledge.redact import redact
from charterdesk.knowledge.services import article_from_ticket
from charterdesk.tickets.services import message_add, ticket_update

pytestmark = pytest.mark.django_db


def test_redact_takes_out_what_identifies_the_customer():
    text = (
        "Hi, Alice Archer from Acme Corp here (alice@acme.example, +49 30 1234 5678). "
        "Order 4471-2290 on https://shop.acme.example/orders fails from 10.2.3.4; "
        "see https://docs.vendor.example/errors."
    )
    out = redact(text, names=["Alice Archer", "[organization]:Acme Corp"], domains=["acme.example"])
    for secret in ("Alice", "Archer", "Acme", "alice@", "1234", "4471", "shop.acme", "10.2.3.4"):
        assert secret not in out
    assert "[name]" in out and "[organization]" in out and "[address]" in out
    assert "https://docs.vendor.example/errors" in out  # other sites' links stay


def test_draft_from_solved_ticket_is_prefilled_and_redacted(login, personas):
    alice = personas.alice
    ticket = ticket_create(
        requester=alice.contact,
        subject="Invoices for Acme Corp as PDF?",
        body="I'm Alice Archer at Acme Corp; our accountant needs invoice 88123 as PDF.",
        request_type="how_to",
        priority="normal",
        actor=alice,
    )
    with pytest.raises(ValidationError):
        article_from_ticket(ticket, personas.tier1)  # not solved yet
    message_add(ticket, personas.tier1, "Alice, open Billing → Invoices and choose PDF.", "public")
    ticket_update(ticket, personas.tier1, status="solved")
    client = login(personas.tier1)
    response = client.post(f"/desk/tickets/{ticket.pk}/article-draft")
    editor = client.get(response["Location"]).content.decode()
    assert "open Billing → Invoices and choose PDF." in editor
    assert "our accountant needs invoice [number] as PDF." in editor
    for secret in ("Alice", "Acme", "88123"):
        assert secret not in editor.split('name="body"')[1].split("</textarea>")[0]
