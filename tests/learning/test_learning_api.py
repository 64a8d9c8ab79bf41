from charterdesk.learning.models import DraftState
from charterdesk.mail.models import MailKind, OutboundMail
from tests.learning.factories import draft, path_with, shadowed, solved_ticket
from tests.tickets.factories import open_ticket


def test_a_learner_reads_the_path_and_marks_an_item_done(personas, api):
    path = path_with(personas.manager, personas.tier1, solved_ticket(personas.tier2))
    client = api.as_(personas.tier1)
    listed = client.get("/api/v1/learning/paths").json()
    assert [(p["title"], p["item_count"], p["done_count"]) for p in listed] == [("Exports", 1, 0)]
    item = client.get(f"/api/v1/learning/paths/{path.pk}").json()["items"][0]
    assert (item["kind"], item["done_at"]) == ("ticket", None)
    response = client.post(
        f"/api/v1/learning/items/{item['id']}/done",
        {"reflection": "Caches first."},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    shown = client.get(f"/api/v1/learning/paths/{path.pk}").json()
    assert shown["done_count"] == 1
    assert shown["items"][0]["reflection"] == "Caches first."


def test_another_agent_cannot_mark_someone_elses_item(personas, api):
    path = path_with(personas.manager, personas.tier1, solved_ticket(personas.tier2))
    item = path.items.get()
    response = api.as_(personas.tier3).post(
        f"/api/v1/learning/items/{item.pk}/done", {}, content_type="application/json"
    )
    assert response.status_code == 404


def test_a_draft_waits_in_the_api_until_the_mentor_approves_it(personas, api):
    shadowed(personas.manager, personas.tier1, personas.tier2)
    ticket = open_ticket()
    response = api.as_(personas.tier1).post(
        f"/api/v1/tickets/{ticket.pk}/drafts",
        {"body": "Try 4.2.1, please."},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    draft_id = response.json()["id"]
    assert not OutboundMail.objects.filter(ticket=ticket, kind=MailKind.REPLY).exists()
    mentor = api.as_(personas.tier2)
    assert [d["id"] for d in mentor.get("/api/v1/learning/drafts").json()] == [draft_id]
    response = mentor.post(
        f"/api/v1/learning/drafts/{draft_id}/approve", {}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert (response.json()["state"], response.json()["edited"]) == (DraftState.APPROVED, False)
    assert OutboundMail.objects.filter(ticket=ticket, kind=MailKind.REPLY).count() == 1


def test_a_mentor_returns_a_draft_with_a_comment_or_gets_a_field_error(personas, api):
    shadowed(personas.manager, personas.tier1, personas.tier2)
    waiting = draft(open_ticket(), personas.tier1)
    mentor = api.as_(personas.tier2)
    url = f"/api/v1/learning/drafts/{waiting.pk}/return"
    response = mentor.post(url, {"comment": "  "}, content_type="application/json")
    assert response.status_code == 422
    assert "comment" in response.json()["errors"]
    response = mentor.post(url, {"comment": "Greet them."}, content_type="application/json")
    assert response.json()["state"] == DraftState.RETURNED


def test_a_draft_without_shadow_mode_is_refused(personas, api):
    ticket = open_ticket()
    response = api.as_(personas.tier1).post(
        f"/api/v1/tickets/{ticket.pk}/drafts", {"body": "Hi"}, content_type="application/json"
    )
    assert response.status_code == 403
