"""The configuration API is for managers and administrators with an `admin` token."""

import pytest

from charterdesk.customers.models import Organization

from .config_helpers import send

URLS = [
    ("get", "/api/v1/config/plans"),
    ("get", "/api/v1/config/export"),
    ("get", "/api/v1/config/mailboxes"),
    ("post", "/api/v1/config/organizations"),
    ("post", "/api/v1/config/import"),
]


@pytest.mark.parametrize(("method", "url"), URLS)
@pytest.mark.parametrize("persona", ["alice", "tier2"])
def test_customers_and_agents_get_403(api, personas, persona, method, url):
    client = api.as_(getattr(personas, persona))

    response = send(client, method, url, {"name": "Umbrella"} if method == "post" else None)

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert not Organization.objects.filter(name="Umbrella").exists()


def test_manager_token_without_admin_scope_gets_403_naming_the_scope(api, personas):
    client = api.as_(personas.manager, scopes=["read", "write"])

    response = send(client, "post", "/api/v1/config/organizations", {"name": "Umbrella"})

    assert response.status_code == 403
    assert "`admin` scope" in response.json()["detail"]
    assert not Organization.objects.filter(name="Umbrella").exists()


def test_read_only_admin_token_cannot_change_anything(api, personas):
    client = api.as_(personas.admin, scopes=["read", "admin"])

    response = send(client, "post", "/api/v1/config/organizations", {"name": "Umbrella"})

    assert response.status_code == 403
    assert not Organization.objects.filter(name="Umbrella").exists()


def test_manager_with_admin_scope_reads_and_writes(api, personas):
    client = api.as_(personas.manager)

    listed = send(client, "get", "/api/v1/config/organizations")
    created = send(client, "post", "/api/v1/config/organizations", {"name": "Umbrella"})

    assert listed.status_code == 200
    assert "Acme Corp" in [o["name"] for o in listed.json()["items"]]
    assert created.status_code == 201 and created.json()["name"] == "Umbrella"
