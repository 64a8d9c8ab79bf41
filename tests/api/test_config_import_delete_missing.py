"""Asked to, an import retires what its sections do not name: what nothing refers to is
deleted, agents are deactivated, mailboxes disabled; what is still used stays, with the
reason; sections the file leaves out are not touched."""

from charterdesk.accounts.models import User
from charterdesk.configuration.transfer import configuration_export, configuration_import
from charterdesk.customers.models import Organization
from charterdesk.routing.models import Team

from .config_helpers import send


def test_unused_rows_are_deleted_agents_deactivated_used_rows_kept(api, personas):
    client = api.as_(personas.manager)
    send(client, "post", "/api/v1/config/organizations", {"name": "Umbrella"})
    send(client, "post", "/api/v1/config/teams", {"name": "Night shift"})
    document = configuration_export()
    document["organizations"] = [o for o in document["organizations"] if o["name"] == "Umbrella"]
    document["teams"] = [t for t in document["teams"] if t["name"] != "Night shift"]
    leaving = (personas.tier3.email, personas.admin.email)
    document["agents"] = [a for a in document["agents"] if a["email"] not in leaving]
    del document["contacts"], document["contracts"]

    response = send(client, "post", "/api/v1/config/import?delete_missing=true", document)

    assert response.status_code == 200, response.json()
    changes = {
        (c["kind"], c["key"]): (c["action"], c["reason"]) for c in response.json()["changes"]
    }
    assert changes[("teams", "Night shift")] == ("deleted", "")
    assert changes[("agents", personas.tier3.email)] == ("deactivated", "")
    assert changes[("agents", personas.admin.email)] == (
        "kept",
        "a role with more rights than yours",
    )
    action, reason = changes[("organizations", "Acme Corp")]
    assert action == "kept" and "contract" in reason
    assert not Team.objects.filter(name="Night shift").exists()
    assert not User.objects.get(pk=personas.tier3.pk).is_active
    assert User.objects.get(pk=personas.admin.pk).is_active
    assert Organization.objects.filter(name="Acme Corp").exists()
    assert Organization.objects.filter(name="Umbrella").exists()


def test_without_asking_nothing_is_deleted(personas):
    document = configuration_export()
    document["teams"] = []

    report = configuration_import(document)

    assert report.errors == {} and Team.objects.count() == 2
