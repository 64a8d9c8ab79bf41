"""`POST /api/v1/incidents/{id}/scope` and `PUT /api/v1/incidents/{id}/roles/{role}`."""

import pytest

from charterdesk.incidents.choices import IncidentRole
from charterdesk.mail.models import OutboundMail

from .factories import acme_outage, roles, service

JSON = "application/json"


@pytest.fixture
def outage(personas):
    roles(personas)
    return acme_outage(personas)


def test_scope_by_api_alerts_the_newly_affected(api, personas, outage):
    billing = service("Billing API")
    response = api.as_(personas.tier3).post(
        f"/api/v1/incidents/{outage.pk}/scope", {"service_ids": [billing.pk]}, content_type=JSON
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert billing.pk in body["service_ids"]
    assert body["alerted"] == 1
    assert OutboundMail.objects.filter(recipient="bob@globex.example").count() == 1


def test_scope_refuses_bad_input_with_field_messages(api, personas, outage):
    client = api.as_(personas.tier3)
    url = f"/api/v1/incidents/{outage.pk}/scope"
    unknown = client.post(url, {"service_ids": [999999]}, content_type=JSON)
    assert unknown.status_code == 422, unknown.content
    assert "service_ids" in unknown.content.decode()
    same = client.post(url, {"service_ids": [service("Cloud").pk]}, content_type=JSON)
    assert same.status_code == 422
    assert "does not cover yet" in same.content.decode()


def test_an_agent_without_a_role_may_not_steer(api, personas, outage):
    client = api.as_(personas.tier1)
    scope = client.post(
        f"/api/v1/incidents/{outage.pk}/scope",
        {"service_ids": [service("Billing API").pk]},
        content_type=JSON,
    )
    assert scope.status_code == 403, scope.content
    role = client.put(
        f"/api/v1/incidents/{outage.pk}/roles/scribe", {"user_id": personas.tier1.pk}, JSON
    )
    assert role.status_code == 403, role.content


def test_a_customer_may_not_steer(api, personas, outage):
    response = api.as_(personas.alice).put(
        f"/api/v1/incidents/{outage.pk}/roles/scribe", {"user_id": personas.tier1.pk}, JSON
    )
    assert response.status_code in (403, 404)


def test_a_manager_hands_a_role_over(api, personas, outage):
    response = api.as_(personas.manager).put(
        f"/api/v1/incidents/{outage.pk}/roles/commander", {"user_id": personas.tier1.pk}, JSON
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"role": "commander", "user_id": personas.tier1.pk, "team_id": None}
    holder = outage.roles.get(role=IncidentRole.COMMANDER)
    assert holder.user == personas.tier1


def test_a_role_goes_only_to_staff_and_known_roles(api, personas, outage):
    client = api.as_(personas.manager)
    url = f"/api/v1/incidents/{outage.pk}/roles"
    customer = client.put(f"{url}/scribe", {"user_id": personas.alice.pk}, JSON)
    assert customer.status_code == 422
    assert "user_id" in customer.content.decode()
    unknown = client.put(f"{url}/janitor", {"user_id": personas.tier1.pk}, JSON)
    assert unknown.status_code == 422
