"""A manager curates a path; the learner studies it item by item."""

from charterdesk.learning.models import LearningPath, PathItem
from tests.learning.factories import path_with, solved_ticket
from tests.tickets.factories import open_ticket


def test_the_learner_sees_the_next_item_and_moves_on_when_done(personas, login):
    first = solved_ticket(personas.tier2, "Export fails")
    second = solved_ticket(personas.tier2, "Import is slow")
    path = path_with(personas.manager, personas.tier1, first, second)
    client = login(personas.tier1)
    page = client.get("/desk/learning/").content.decode()
    assert "Exports" in page and "0 of 2 done" in page
    assert f"#{first.pk} Export fails" in page
    item = path.items.get(ticket=first)
    response = client.post(f"/desk/learning/items/{item.pk}/done", {"reflection": "Check caches"})
    assert response.status_code == 302
    page = client.get("/desk/learning/").content.decode()
    assert "1 of 2 done" in page
    assert f"#{second.pk} Import is slow" in page


def test_an_item_shows_the_solved_ticket_with_its_internal_notes_and_no_reply_box(personas, login):
    ticket = solved_ticket(personas.tier2)
    path = path_with(personas.manager, personas.tier1, ticket)
    item = path.items.get()
    page = login(personas.tier1).get(f"/desk/learning/items/{item.pk}/").content.decode()
    assert "Root cause: a stale cache." in page
    assert f"Learn from #{ticket.pk}." in page
    assert "/reply" not in page


def test_an_agent_not_enrolled_cannot_open_the_item(personas, login):
    path = path_with(personas.manager, personas.tier1, solved_ticket(personas.tier2))
    item = path.items.get()
    assert login(personas.tier3).get(f"/desk/learning/items/{item.pk}/").status_code == 404


def test_only_managers_curate(personas, login):
    client = login(personas.tier2)
    assert client.get("/desk/learning/curate/").status_code == 403
    response = client.post("/desk/learning/curate/", {"title": "Mine"})
    assert response.status_code == 403
    assert not LearningPath.objects.exists()


def test_a_manager_builds_a_path_from_the_pages(personas, login):
    ticket = solved_ticket(personas.tier2)
    client = login(personas.manager)
    response = client.post("/desk/learning/curate/", {"title": "Exports", "request_type": "error"})
    assert response.status_code == 302
    path = LearningPath.objects.get()
    response = client.post(
        f"/desk/learning/curate/{path.pk}/items", {"ticket": ticket.pk, "note": "The cache."}
    )
    assert response.status_code == 302
    response = client.post(
        f"/desk/learning/curate/{path.pk}/enroll", {"learner": personas.tier1.pk}
    )
    assert response.status_code == 302
    assert PathItem.objects.get().ticket == ticket
    assert list(path.enrollments.values_list("learner", flat=True)) == [personas.tier1.pk]


def test_an_open_ticket_cannot_be_a_lesson(personas, login):
    path_with(personas.manager, personas.tier1)
    path = LearningPath.objects.get()
    ticket = open_ticket()
    response = login(personas.manager).post(
        f"/desk/learning/curate/{path.pk}/items", {"ticket": ticket.pk, "note": "Not yet."}
    )
    assert response.status_code == 200
    assert f"Ticket #{ticket.pk} is not solved yet." in response.content.decode()
    assert not PathItem.objects.exists()
