"""Set-up pages for services: a tree of parts; managers add, edit and archive (an archived
service keeps its history but is offered for nothing new and leaves the status page);
agents read; bad input is shown on the form; PATCH /api/v1/services/{id}."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from charterdesk.incidents.models import Deployment, Monitor, Service
from charterdesk.incidents.services import setup

from .factories import deploy, service

SETUP = "/desk/incidents/setup"


def test_a_manager_adds_a_part_and_the_tree_shows_it_under_its_parent(personas, login):
    cloud = service("Cloud")
    service("Billing")
    client = login(personas.manager)
    added = client.post(
        f"{SETUP}/services",
        {
            "name": "Cloud  API",
            "parent": cloud.pk,
            "description": "",
            "is_public": "on",
            "position": 0,
        },
    )
    assert added.status_code == 302, added.content.decode()[:3000]
    part = Service.objects.get(name="Cloud API")
    assert part.parent == cloud
    page = client.get(f"{SETUP}/services").content.decode()
    page = page[page.index("<tbody>") :]
    assert page.index("Billing") < page.index(">Cloud<") < page.index("Cloud API")
    assert 'class="depth-1"' in page


def test_a_service_cannot_become_a_part_of_its_own_part(personas, login):
    cloud = service("Cloud")
    part = service("Cloud API", parent=cloud)
    client = login(personas.manager)
    refused = client.post(
        f"{SETUP}/services/{cloud.pk}",
        {"name": "Cloud", "parent": part.pk, "description": "", "position": 0},
    )
    assert refused.status_code == 400
    assert "cannot be a part of itself" in refused.content.decode()
    cloud.refresh_from_db()
    assert cloud.parent is None


def test_a_duplicate_name_is_an_error_on_the_form(personas, login):
    service("Cloud")
    refused = login(personas.manager).post(
        f"{SETUP}/services", {"name": "cloud", "description": "", "position": 0}
    )
    assert refused.status_code == 400
    assert "exists already" in refused.content.decode()


def test_archiving_keeps_history_and_hides_the_service_and_its_parts(personas, login):
    cloud = service("Cloud")
    part = service("Cloud API", parent=cloud)
    deploy(personas.alice.contact.organization, cloud)
    Monitor.objects.create(service=part, name="Health", kind="heartbeat")
    client = login(personas.manager)
    archived = client.post(f"{SETUP}/services/{cloud.pk}/archive", {"archive": "1"})
    assert archived.status_code == 302
    part.refresh_from_db()
    assert part.is_archived
    assert Deployment.objects.filter(service=cloud).exists()  # history kept
    assert not Monitor.objects.get(name="Health").is_active
    assert "Cloud" not in client.get("/status/").content.decode()
    incidents = client.get("/desk/incidents").content.decode()
    assert f'value="{cloud.pk}"' not in incidents  # not offered for a new incident
    assert "Cloud API" not in client.get(f"{SETUP}/services").content.decode()
    assert "Cloud API" in client.get(f"{SETUP}/services?archived=1").content.decode()


def test_a_part_is_restored_only_after_its_parent(personas, login):
    cloud = service("Cloud")
    part = service("Cloud API", parent=cloud)
    setup.service_archive(personas.manager, cloud, now=timezone.now())
    client = login(personas.manager)
    client.post(f"{SETUP}/services/{part.pk}/archive", {"archive": "0"})
    part.refresh_from_db()
    assert part.is_archived
    client.post(f"{SETUP}/services/{cloud.pk}/archive", {"archive": "0"})
    client.post(f"{SETUP}/services/{part.pk}/archive", {"archive": "0"})
    part.refresh_from_db()
    assert not part.is_archived


def test_an_agent_reads_the_set_up_but_cannot_change_it(personas, login):
    cloud = service("Cloud")
    client = login(personas.tier1)
    page = client.get(f"{SETUP}/services/{cloud.pk}")
    assert page.status_code == 200
    assert "Save service" not in page.content.decode()
    refused = client.post(f"{SETUP}/services/{cloud.pk}/archive", {"archive": "1"})
    assert refused.status_code == 403
    cloud.refresh_from_db()
    assert not cloud.is_archived


def test_customers_do_not_reach_the_set_up(personas, login):
    assert login(personas.alice).get(f"{SETUP}/services").status_code in (403, 404)


def test_a_deployment_on_an_archived_service_is_refused_by_the_api(api, personas):
    cloud = service("Cloud")
    setup.service_archive(personas.manager, cloud, now=timezone.now())
    acme = personas.alice.contact.organization
    refused = api.as_(personas.manager).post(
        f"/api/v1/organizations/{acme.pk}/deployments",
        {"service_id": cloud.pk},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "archived" in refused.content.decode()


def test_patch_changes_only_the_fields_sent_and_archives(api, personas):
    cloud = service("Cloud")
    part = service("Cloud API", parent=cloud)
    manager = api.as_(personas.manager)
    changed = manager.patch(
        f"/api/v1/services/{part.pk}",
        {"description": "The public API", "parent_id": None},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["parent_id"] is None
    assert changed.json()["name"] == "Cloud API"
    assert changed.json()["description"] == "The public API"
    archived = manager.patch(
        f"/api/v1/services/{cloud.pk}", {"archived": True}, content_type="application/json"
    )
    assert archived.json()["archived_at"] is not None


def test_patch_errors_name_the_field(api, personas):
    cloud = service("Cloud")
    part = service("Cloud API", parent=cloud)
    manager = api.as_(personas.manager)
    loop = manager.patch(
        f"/api/v1/services/{cloud.pk}", {"parent_id": part.pk}, content_type="application/json"
    )
    assert loop.status_code == 422
    assert "parent_id" in loop.content.decode()
    unknown = manager.patch(
        f"/api/v1/services/{cloud.pk}", {"parent_id": 999999}, content_type="application/json"
    )
    assert unknown.status_code == 422
    assert "No service has the id" in unknown.content.decode()
    empty = manager.patch(
        f"/api/v1/services/{cloud.pk}", {"name": None}, content_type="application/json"
    )
    assert empty.status_code == 422
    agent = api.as_(personas.tier1).patch(
        f"/api/v1/services/{cloud.pk}", {"name": "X"}, content_type="application/json"
    )
    assert agent.status_code == 403


def _queries(client, url):
    with CaptureQueriesContext(connection) as seen:
        client.get(url)
    return [q["sql"] for q in seen.captured_queries]


def test_the_tree_costs_the_same_queries_for_two_services_or_twenty(personas, login):
    client = login(personas.manager)
    service("Top", parent=service("Root"))
    client.get(f"{SETUP}/services")  # warm the session
    few = _queries(client, f"{SETUP}/services")
    for n in range(10):
        service(f"Part {n}", parent=service(f"Top {n}"))
    many = _queries(client, f"{SETUP}/services")
    assert len(many) == len(few), many


def test_an_archived_service_is_refused_for_a_new_incident_and_leaves_the_status_json(
    api, personas, client
):
    cloud, billing = service("Cloud"), service("Billing")
    setup.service_archive(personas.manager, cloud, now=timezone.now())
    refused = api.as_(personas.tier3).post(
        "/api/v1/incidents",
        {"title": "Down", "service_ids": [cloud.pk]},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "Archived: Cloud" in refused.content.decode()
    names = [c["name"] for c in client.get("/status/api/v2/components.json").json()["components"]]
    assert "Cloud" not in names
    assert billing.name in names
