"""The export holds every setting a support manager makes: an organization's relationship
manager, each mailbox's queue and plan, custom ticket fields; importing it into an empty
database rebuilds them, and importing it twice changes nothing."""

import json

from charterdesk.configuration.transfer import configuration_export, configuration_import
from charterdesk.customers.models import Organization
from charterdesk.mailboxes.models import Mailbox
from charterdesk.plans.models import Plan
from charterdesk.routing.models import Queue
from charterdesk.tickets.models import CustomField

from .config_helpers import empty_database


def _set_up(personas) -> None:  # type: ignore[no-untyped-def]
    acme = Organization.objects.get(name="Acme Corp")
    acme.relationship_manager = personas.tier2
    acme.save()
    Mailbox.objects.create(
        name="support-inbox",
        host="imap.example.com",
        username="support",
        password_env="SUPPORT_IMAP_PASSWORD",
        queue=Queue.objects.order_by("name").first(),
        plan=Plan.objects.get(name="Silver"),
    )
    CustomField.objects.create(
        key="environment", label="Environment", kind="dropdown", options=["prod", "staging"]
    )


def test_the_export_names_manager_queue_plan_and_custom_fields(personas):
    _set_up(personas)

    document = configuration_export()

    acme = next(o for o in document["organizations"] if o["name"] == "Acme Corp")
    assert acme["relationship_manager"] == personas.tier2.email
    box = next(m for m in document["mailboxes"] if m["name"] == "support-inbox")
    assert box["queue"] == Queue.objects.order_by("name").first().name
    assert box["plan"] == "silver"
    assert document["custom_fields"] == [
        {
            "key": "environment",
            "label": "Environment",
            "kind": "dropdown",
            "options": ["prod", "staging"],
            "required_to_solve": False,
            "visible_to_customers": False,
            "position": 0,
            "active": True,
        }
    ]


def test_an_empty_database_gets_them_back_and_a_second_import_changes_nothing(personas):
    _set_up(personas)
    first = configuration_export()
    empty_database()

    report = configuration_import(json.loads(json.dumps(first)))
    again = configuration_import(json.loads(json.dumps(first)))

    assert report.errors == {}
    assert configuration_export() == first
    assert Organization.objects.get(name="Acme Corp").relationship_manager.email == (
        personas.tier2.email
    )
    assert Mailbox.objects.get(name="support-inbox").plan.slug == "silver"
    assert again.errors == {} and {c.action for c in again.changes} == {"unchanged"}


def test_a_manager_who_is_not_on_the_staff_is_refused(personas):
    document = configuration_export()
    acme = next(o for o in document["organizations"] if o["name"] == "Acme Corp")
    acme["relationship_manager"] = personas.alice.email

    report = configuration_import(document)

    assert any(path.endswith("relationship_manager") for path in report.errors), report.errors
    assert Organization.objects.get(name="Acme Corp").relationship_manager == personas.manager
