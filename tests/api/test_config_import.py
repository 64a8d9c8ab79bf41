"""Importing a configuration by API: a dry run reports and writes nothing; a real import
creates and changes by natural key, audited under the caller's name; one error and
nothing is written."""

import copy

from charterdesk.configuration.transfer import configuration_export
from charterdesk.core.models import AuditEntry
from charterdesk.customers.models import Organization
from charterdesk.plans.models import Contract

from .config_helpers import send


def _staging() -> dict:
    document = configuration_export()
    document["organizations"].append({"name": "Umbrella", "domains": ["umbrella.example"]})
    acme = next(o for o in document["organizations"] if o["name"] == "Acme Corp")
    acme["region"] = "APAC"
    return document


def test_dry_run_reports_what_would_change_and_writes_nothing(api, personas):
    client = api.as_(personas.manager)
    audited = AuditEntry.objects.count()

    response = send(client, "post", "/api/v1/config/import?dry_run=true", _staging())

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["dry_run"] is True
    assert body["counts"]["organizations"] == {"created": 1, "changed": 1, "unchanged": 2}
    changes = {(c["action"], c["key"]): c["fields"] for c in body["changes"]}
    assert changes == {("created", "Umbrella"): [], ("changed", "Acme Corp"): ["region"]}
    assert not Organization.objects.filter(name="Umbrella").exists()
    assert Organization.objects.get(name="Acme Corp").region != "APAC"
    assert AuditEntry.objects.count() == audited


def test_import_writes_the_changes_in_the_audit_log_under_the_callers_name(api, personas):
    client = api.as_(personas.manager)

    response = send(client, "post", "/api/v1/config/import", _staging())

    assert response.status_code == 200
    assert Organization.objects.get(name="Acme Corp").region == "APAC"
    entry = AuditEntry.objects.get(kind="customers.organization", object_repr="Umbrella")
    assert entry.actor_email == personas.manager.email and entry.action == "created"


def test_one_error_and_nothing_is_written(api, personas):
    client = api.as_(personas.manager)
    document = _staging()
    document["contracts"][0]["ends_on"] = "9999-12-31"
    document["plans"].append(copy.deepcopy(document["plans"][0]) | {"name": "X", "slug": "x"})
    document["plans"][-1]["channels"] = ["fax"]
    audited = AuditEntry.objects.count()

    response = send(client, "post", "/api/v1/config/import", document)

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert (
        "contracts.0.ends_on" in errors and f"plans.{len(document['plans']) - 1}.channels" in errors
    )
    assert not Organization.objects.filter(name="Umbrella").exists()
    assert AuditEntry.objects.count() == audited


def test_a_file_of_another_kind_is_refused(api, personas):
    client = api.as_(personas.manager)

    response = send(client, "post", "/api/v1/config/import", {"tickets": []})

    assert response.status_code == 422
    assert "format" in response.json()["errors"]


def test_import_never_deletes_what_the_file_does_not_name(api, personas):
    client = api.as_(personas.manager)
    document = configuration_export()
    document["contracts"] = []
    document["organizations"] = []

    response = send(client, "post", "/api/v1/config/import", document)

    assert response.status_code == 200
    assert Organization.objects.count() == 3 and Contract.objects.count() == 3
