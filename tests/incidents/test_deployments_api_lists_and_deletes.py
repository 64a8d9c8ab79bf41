"""Deployments in the API: an organization's list, paginated and filtered; delete one
(support managers only, in the audit log); problem+json for what is wrong or not there."""

from charterdesk.core.models import AuditEntry
from charterdesk.incidents.models import Deployment

from .factories import deploy, service


def test_staff_list_an_organizations_deployments_a_page_at_a_time(api, personas):
    acme = personas.alice.contact.organization
    cloud, billing = service("Cloud"), service("Billing API")
    for region in ("EU", "US", "APAC"):
        deploy(acme, cloud, region)
    deploy(acme, billing, "EU")
    deploy(personas.bob.contact.organization, cloud, "EU")
    agent = api.as_(personas.tier2)
    url = f"/api/v1/organizations/{acme.pk}/deployments"
    first = agent.get(f"{url}?limit=3").json()
    assert len(first["items"]) == 3 and first["next"]
    second = agent.get(first["next"]).json()
    assert second["next"] is None
    seen = first["items"] + second["items"]
    assert {(d["service_id"], d["region"]) for d in seen} == {
        (cloud.pk, "EU"),
        (cloud.pk, "US"),
        (cloud.pk, "APAC"),
        (billing.pk, "EU"),
    }
    only = agent.get(f"{url}?service_id={billing.pk}").json()["items"]
    assert [(d["service_id"], d["region"]) for d in only] == [(billing.pk, "EU")]
    assert len(agent.get(f"{url}?region=EU").json()["items"]) == 2


def test_a_customer_sees_their_own_organizations_deployments_only(api, personas):
    acme, globex = personas.alice.contact.organization, personas.bob.contact.organization
    deploy(acme, service("Cloud"), "EU")
    deploy(globex, service("Cloud"), "US")
    alice = api.as_(personas.alice)
    mine = alice.get(f"/api/v1/organizations/{acme.pk}/deployments")
    assert [d["region"] for d in mine.json()["items"]] == ["EU"]
    theirs = alice.get(f"/api/v1/organizations/{globex.pk}/deployments")
    assert theirs.status_code == 404
    assert theirs["Content-Type"].startswith("application/problem+json")


def test_a_manager_deletes_a_deployment_and_the_audit_log_says_so(api, personas):
    acme = personas.alice.contact.organization
    kept, gone = deploy(acme, service("Cloud"), "EU"), deploy(acme, service("Cloud"), "US")
    manager = api.as_(personas.manager)
    deleted = manager.delete(f"/api/v1/organizations/{acme.pk}/deployments/{gone.pk}")
    assert deleted.status_code == 204, deleted.content
    assert list(Deployment.objects.values_list("pk", flat=True)) == [kept.pk]
    entry = AuditEntry.objects.get(kind="incidents.deployment", action="deleted")
    assert entry.object_id == str(gone.pk) and entry.actor == personas.manager
    again = manager.delete(f"/api/v1/organizations/{acme.pk}/deployments/{gone.pk}")
    assert again.status_code == 404
    assert again["Content-Type"].startswith("application/problem+json")


def test_only_managers_delete_and_only_within_the_organization(api, personas):
    acme, globex = personas.alice.contact.organization, personas.bob.contact.organization
    theirs = deploy(globex, service("Cloud"), "EU")
    mine = deploy(acme, service("Cloud"), "EU")
    refused = api.as_(personas.tier2).delete(
        f"/api/v1/organizations/{acme.pk}/deployments/{mine.pk}"
    )
    assert refused.status_code == 403
    assert refused["Content-Type"].startswith("application/problem+json")
    wrong_org = api.as_(personas.manager).delete(
        f"/api/v1/organizations/{acme.pk}/deployments/{theirs.pk}"
    )
    assert wrong_org.status_code == 404
    assert Deployment.objects.count() == 2


def test_a_bad_limit_or_region_is_a_field_error(api, personas):
    acme = personas.alice.contact.organization
    url = f"/api/v1/organizations/{acme.pk}/deployments"
    agent = api.as_(personas.tier2)
    assert agent.get(f"{url}?limit=0").status_code in (400, 422)
    assert agent.get(f"{url}?region={'x' * 33}").status_code in (400, 422)
    assert agent.get("/api/v1/organizations/999999/deployments").status_code == 404
