"""A shadowed agent's public replies wait as drafts; the mentor approves or returns them."""

from charterdesk.learning.models import DraftReply, DraftState
from charterdesk.mail.models import MailKind, OutboundMail
from charterdesk.sla.models import SlaClock
from charterdesk.tickets.models import Message, TicketEvent
from charterdesk.tickets.services import message_add
from tests.learning.factories import draft, shadowed
from tests.tickets.factories import open_ticket


def _reply_mails(ticket):
    return OutboundMail.objects.filter(ticket=ticket, kind=MailKind.REPLY)


def test_a_shadowed_reply_is_a_draft_nobody_outside_sees(personas, login):
    shadowed(personas.manager, personas.tier1, personas.tier2)
    ticket = open_ticket()
    clocks_before = list(SlaClock.objects.filter(ticket=ticket).values_list("state", "due_at"))
    response = login(personas.tier1).post(
        f"/desk/tickets/{ticket.pk}/reply",
        {"body": "Please restart the exporter.", "visibility": "public", "status": ""},
    )
    assert response.status_code == 302
    assert DraftReply.objects.get(ticket=ticket).state == DraftState.WAITING
    assert not Message.objects.filter(ticket=ticket, from_staff=True).exists()
    assert not _reply_mails(ticket).exists()
    ticket.refresh_from_db()
    assert ticket.first_replied_at is None and ticket.status == "new"
    clocks_after = list(SlaClock.objects.filter(ticket=ticket).values_list("state", "due_at"))
    assert clocks_after == clocks_before
    event = TicketEvent.objects.get(ticket=ticket, kind="draft")
    assert event.internal


def test_the_customer_never_sees_a_draft(personas, login, api):
    shadowed(personas.manager, personas.tier1, personas.tier2)
    ticket = open_ticket()
    draft(ticket, personas.tier1, "Secret draft words")
    page = login(personas.alice).get(f"/portal/tickets/{ticket.pk}/").content.decode()
    assert "Secret draft words" not in page
    assert "Draft" not in page
    listed = api.as_(personas.alice).get(f"/api/v1/tickets/{ticket.pk}/messages").content
    assert b"Secret draft words" not in listed
    assert api.as_(personas.alice).get("/api/v1/learning/drafts").status_code == 403


def test_the_mentor_approves_and_the_customer_gets_the_learners_reply(personas, login):
    shadowed(personas.manager, personas.tier1, personas.tier2)
    ticket = open_ticket()
    waiting = draft(ticket, personas.tier1)
    client = login(personas.tier2)
    assert "Please restart the exporter." in client.get("/desk/learning/drafts/").content.decode()
    response = client.post(
        f"/desk/learning/drafts/{waiting.pk}/approve",
        {f"d{waiting.pk}-body": "Please restart the exporter, then retry."},
    )
    assert response.status_code == 302
    sent = Message.objects.get(ticket=ticket, from_staff=True)
    assert (sent.author, sent.body) == (personas.tier1, "Please restart the exporter, then retry.")
    assert _reply_mails(ticket).count() == 1
    notes = list(
        TicketEvent.objects.filter(ticket=ticket, kind="draft").values_list("note", flat=True)
    )
    assert any("approved the draft reply by" in n and "after editing it" in n for n in notes)
    ticket.refresh_from_db()
    assert ticket.first_replied_at is not None
    portal = login(personas.alice).get(f"/portal/tickets/{ticket.pk}/").content.decode()
    assert "Please restart the exporter, then retry." in portal


def test_a_returned_draft_shows_the_mentors_comment_to_the_learner(personas, login):
    shadowed(personas.manager, personas.tier1, personas.tier2)
    ticket = open_ticket()
    waiting = draft(ticket, personas.tier1)
    response = login(personas.tier2).post(
        f"/desk/learning/drafts/{waiting.pk}/return",
        {f"r{waiting.pk}-comment": "Ask for the export log first."},
    )
    assert response.status_code == 302
    assert not Message.objects.filter(ticket=ticket, from_staff=True).exists()
    page = login(personas.tier1).get("/desk/learning/").content.decode()
    assert "Ask for the export log first." in page
    assert "Returned with a comment" in page


def test_only_the_mentor_reviews_a_draft(personas, login):
    shadowed(personas.manager, personas.tier1, personas.tier2)
    waiting = draft(open_ticket(), personas.tier1)
    response = login(personas.tier3).post(
        f"/desk/learning/drafts/{waiting.pk}/approve", {f"d{waiting.pk}-body": "Sent anyway"}
    )
    assert response.status_code == 404
    waiting.refresh_from_db()
    assert waiting.state == DraftState.WAITING


def test_internal_notes_are_not_drafted(personas, login):
    shadowed(personas.manager, personas.tier1, personas.tier2)
    ticket = open_ticket()
    login(personas.tier1).post(
        f"/desk/tickets/{ticket.pk}/reply",
        {"body": "Looks like the cache.", "visibility": "internal", "status": ""},
    )
    assert Message.objects.filter(ticket=ticket, visibility="internal").count() == 1
    assert not DraftReply.objects.exists()


def test_a_public_reply_by_another_way_is_refused_in_shadow_mode(personas, api):
    shadowed(personas.manager, personas.tier1, personas.tier2)
    ticket = open_ticket()
    response = api.as_(personas.tier1).post(
        f"/api/v1/tickets/{ticket.pk}/messages",
        {"body": "Direct reply", "visibility": "public"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "shadow mode" in response.json()["errors"]["body"][0]
    assert not _reply_mails(ticket).exists()


def test_after_shadow_mode_ends_replies_go_out_directly(personas):
    from charterdesk.learning.shadow import shadow_end

    shadowed(personas.manager, personas.tier1, personas.tier2)
    shadow_end(actor=personas.manager, learner=personas.tier1)
    ticket = open_ticket()
    message_add(ticket, personas.tier1, "Direct again.")
    assert _reply_mails(ticket).count() == 1
