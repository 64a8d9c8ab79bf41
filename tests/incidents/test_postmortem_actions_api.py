"""Follow-up actions through the API: added to a post-mortem, changed, ticked off, and
listed across incidents for their owner; customers and bad input are refused."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.incidents import services
from charterdesk.incidents.models import FollowUpAction

from .factories import acme_outage, roles

JSON = "application/json"


def _resolved(personas):
    roles(personas)
    now = timezone.now()
    incident = acme_outage(personas, now)
    services.incident_resolve(incident, personas.tier3, message="Fixed.", now=now)
    return incident


def test_add_change_tick_off_and_list_mine(api, personas):
    incident = _resolved(personas)
    agent = api.as_(personas.tier3)
    url = f"/api/v1/incidents/{incident.pk}/postmortem/actions"
    late = (timezone.localdate() - timedelta(days=1)).isoformat()
    added = agent.post(
        url, {"text": "Add a canary", "owner_id": personas.tier3.pk, "due_on": late}, JSON
    )
    assert added.status_code == 201, added.content
    other = agent.post(url, {"text": "Page the DBA", "owner_id": personas.tier1.pk}, JSON)
    assert other.status_code == 201
    assert [a["text"] for a in agent.get(url).json()] == ["Add a canary", "Page the DBA"]

    mine = agent.get("/api/v1/postmortem-actions?owner=me&open=1").json()["items"]
    assert [(a["text"], a["overdue"]) for a in mine] == [("Add a canary", True)]
    assert mine[0]["incident_id"] == incident.pk

    action_id = added.json()["id"]
    done = agent.patch(f"/api/v1/postmortem-actions/{action_id}", {"done": True}, JSON)
    assert done.status_code == 200 and done.json()["done_at"]
    assert agent.get("/api/v1/postmortem-actions?owner=me&open=1").json()["items"] == []
    moved = agent.patch(
        f"/api/v1/postmortem-actions/{other.json()['id']}", {"owner_id": None}, JSON
    )
    assert moved.json()["owner_id"] is None
    assert incident.events.filter(text__contains="Add a canary").exists()


def test_bad_input_is_a_field_message(api, personas):
    incident = _resolved(personas)
    agent = api.as_(personas.tier3)
    url = f"/api/v1/incidents/{incident.pk}/postmortem/actions"
    customer_owner = agent.post(url, {"text": "x", "owner_id": personas.alice.pk}, JSON)
    assert customer_owner.status_code == 422 and "owner_id" in customer_owner.text
    blank = agent.post(url, {"text": "   "}, JSON)
    assert blank.status_code in (400, 422) and "text" in blank.text
    bad_owner = agent.get("/api/v1/postmortem-actions?owner=someone")
    assert bad_owner.status_code in (400, 422) and "owner" in bad_owner.text
    assert not FollowUpAction.objects.exists()


def test_customers_cannot_read_or_write_actions(api, personas):
    incident = _resolved(personas)
    customer = api.as_(personas.alice)
    url = f"/api/v1/incidents/{incident.pk}/postmortem/actions"
    assert customer.get(url).status_code in (403, 404)
    assert customer.post(url, {"text": "x"}, JSON).status_code in (403, 404)
    assert customer.get("/api/v1/postmortem-actions").status_code == 403
