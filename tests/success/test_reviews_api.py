"""The account reviews API: schedule, list, read, edit the agenda, hold (the next one is
scheduled), problem+json errors, and who may do what."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.customers.models import Organization
from charterdesk.success.models import AccountReview, ReviewState
from charterdesk.success.reviews import months_after

JSON = "application/json"


def _acme() -> Organization:
    return Organization.objects.get(name="Acme Corp")


def test_a_manager_schedules_edits_and_holds_a_review(personas, api):
    client = api.as_(personas.manager)
    acme = _acme()
    day = timezone.now().date() + timedelta(days=3)
    created = client.post(
        f"/api/v1/organizations/{acme.pk}/reviews", {"scheduled_for": str(day)}, content_type=JSON
    )
    assert created.status_code == 201, created.content
    review = created.json()
    assert review["state"] == "scheduled"
    assert "# Account review: Acme Corp" in review["agenda"]
    url = f"/api/v1/reviews/{review['id']}"
    edited = client.patch(url, {"agenda": "# Our agenda\n\n- SSO"}, content_type=JSON)
    assert edited.json()["agenda"] == "# Our agenda\n\n- SSO"
    held = client.patch(
        url,
        {"state": "held", "notes": "Happy.", "action_items": ["Send the post-mortem", "Train"]},
        content_type=JSON,
    )
    assert held.status_code == 200, held.content
    assert held.json()["state"] == "held"
    assert held.json()["action_items"] == ["Send the post-mortem", "Train"]
    assert held.json()["held_by_email"] == personas.manager.email
    listing = client.get(f"/api/v1/organizations/{acme.pk}/reviews").json()
    assert [r["state"] for r in listing["items"]] == ["scheduled", "held"]
    assert listing["next_review_due"] == str(months_after(day, 3))
    scheduled = client.get(f"/api/v1/organizations/{acme.pk}/reviews?state=scheduled").json()
    assert len(scheduled["items"]) == 1


def test_bad_input_is_problem_json_with_the_field(personas, api):
    client = api.as_(personas.manager)
    acme = _acme()
    past = timezone.now().date() - timedelta(days=1)
    response = client.post(
        f"/api/v1/organizations/{acme.pk}/reviews", {"scheduled_for": str(past)}, content_type=JSON
    )
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert "scheduled_for" in response.content.decode()
    ok = client.post(
        f"/api/v1/organizations/{acme.pk}/reviews",
        {"scheduled_for": str(timezone.now().date())},
        content_type=JSON,
    ).json()
    empty_notes = client.patch(
        f"/api/v1/reviews/{ok['id']}", {"state": "held", "notes": " "}, content_type=JSON
    )
    assert empty_notes.status_code == 422
    assert "notes" in empty_notes.content.decode()
    assert AccountReview.objects.get(pk=ok["id"]).state == ReviewState.SCHEDULED
    nothing = client.patch(f"/api/v1/reviews/{ok['id']}", {}, content_type=JSON)
    assert nothing.status_code == 422
    missing = client.get("/api/v1/reviews/999999")
    assert missing.status_code == 404


def test_customers_cannot_read_or_write_reviews(personas, api):
    acme = _acme()
    staff = api.as_(personas.manager)
    day = str(timezone.now().date() + timedelta(days=2))
    review = staff.post(
        f"/api/v1/organizations/{acme.pk}/reviews", {"scheduled_for": day}, content_type=JSON
    ).json()
    customer = api.as_(personas.alice)  # a contact of Acme itself
    assert customer.get(f"/api/v1/organizations/{acme.pk}/reviews").status_code == 403
    assert customer.get(f"/api/v1/reviews/{review['id']}").status_code == 403
    assert (
        customer.post(
            f"/api/v1/organizations/{acme.pk}/reviews", {"scheduled_for": day}, content_type=JSON
        ).status_code
        == 403
    )
    patch = customer.patch(f"/api/v1/reviews/{review['id']}", {"agenda": "x"}, content_type=JSON)
    assert patch.status_code == 403
    assert AccountReview.objects.get(pk=review["id"]).agenda != "x"


def test_agents_read_reviews_but_only_writers_change_them(personas, api):
    acme = _acme()
    day = str(timezone.now().date() + timedelta(days=2))
    review = (
        api.as_(personas.manager)
        .post(f"/api/v1/organizations/{acme.pk}/reviews", {"scheduled_for": day}, content_type=JSON)
        .json()
    )
    agent = api.as_(personas.tier1)
    assert agent.get(f"/api/v1/reviews/{review['id']}").status_code == 200
    assert agent.get(f"/api/v1/organizations/{acme.pk}/reviews").status_code == 200
    moved = agent.patch(
        f"/api/v1/reviews/{review['id']}", {"scheduled_for": day}, content_type=JSON
    )
    assert moved.status_code == 403
    created = agent.post(
        f"/api/v1/organizations/{acme.pk}/reviews", {"scheduled_for": day}, content_type=JSON
    )
    assert created.status_code == 403
    assert AccountReview.objects.count() == 1
