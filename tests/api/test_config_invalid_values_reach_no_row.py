"""Every value the settings pages and the admin refuse, the API refuses too: 422 with the
field named, and nothing in the database or the audit log."""

import pytest

from charterdesk.core.models import AuditEntry
from charterdesk.customers.models import Contact, Organization
from charterdesk.mailboxes.models import Mailbox
from charterdesk.plans.models import Contract, Plan
from charterdesk.sla.models import Calendar

from .config_helpers import draft_plan, send

MAILBOX = {"name": "support", "host": "imap.example.com", "username": "u", "password": "p"}
CONTRACT = {"organization": "Acme Corp", "plan": "gold", "starts_on": "2031-01-01"}

CASES = [
    ("plans", draft_plan(channels=["portal", "fax"]), "channels", Plan),
    ("plans", draft_plan(sla_breach_actions=["call_the_ceo"]), "sla_breach_actions", Plan),
    ("plans", draft_plan(consulting_rate="-100"), "consulting_rate", Plan),
    ("plans", draft_plan(calendar="Mars time"), "calendar", Plan),
    ("plans", draft_plan(name="Gold"), "name", Plan),
    (
        "plans",
        draft_plan(targets=[{"request_type": "downtime", "priority": "urgent", "minutes": 0}]),
        "targets.0.minutes",
        Plan,
    ),
    ("contracts", {**CONTRACT, "ends_on": "9999-12-31"}, "ends_on", Contract),
    ("contracts", {**CONTRACT, "ends_on": "2030-06-30"}, "ends_on", Contract),
    ("contracts", {**CONTRACT, "starts_on": "2026-06-01"}, "starts_on", Contract),
    (
        "contracts",
        {**CONTRACT, "administrators": ["bob@globex.example"]},
        "administrators",
        Contract,
    ),
    ("mailboxes", {**MAILBOX, "port": 99999}, "port", Mailbox),
    ("mailboxes", {**MAILBOX, "tls": "plain"}, "tls", Mailbox),
    ("mailboxes", {**MAILBOX, "password": ""}, "password", Mailbox),
    ("calendars", {"name": "Night", "timezone": "Mars/Olympus"}, "timezone", Calendar),
    ("calendars", {"name": "Night", "hours": {"mon": [["25:00", "26:00"]]}}, "hours", Calendar),
    ("organizations", {"name": "Umbrella", "domains": ["not a domain"]}, "domains", Organization),
    ("organizations", {"name": "Umbrella", "domains": ["acme.example"]}, "domains", Organization),
    ("contacts", {"email": "not-an-address"}, "email", Contact),
    ("contacts", {"email": "x@umbrella.example", "organization": "Nope"}, "organization", Contact),
    ("contacts", {"email": "x@umbrella.example", "time_zone": "Moon/Base"}, "time_zone", Contact),
]


@pytest.mark.parametrize(("kind", "payload", "field", "model"), CASES)
def test_invalid_value_gets_a_field_error_and_reaches_no_row(
    api, personas, kind, payload, field, model
):
    client = api.as_(personas.manager)
    rows, audited = model.objects.count(), AuditEntry.objects.count()

    response = send(client, "post", f"/api/v1/config/{kind}", payload)

    assert response.status_code == 422, response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert field in response.json()["errors"], response.json()
    assert model.objects.count() == rows
    assert AuditEntry.objects.count() == audited


def test_a_change_refused_leaves_the_row_as_it_was(api, personas):
    client = api.as_(personas.manager)
    contract = Contract.objects.get(organization__name="Acme Corp")

    response = send(
        client,
        "patch",
        f"/api/v1/config/contracts/{contract.pk}",
        {"ends_on": "2020-01-01", "hours_included": "5"},
    )

    assert response.status_code == 422
    contract.refresh_from_db()
    assert contract.hours_included == 40 and contract.ends_on.year == 2027


def test_unknown_field_is_named(api, personas):
    client = api.as_(personas.manager)
    org = Organization.objects.get(name="Acme Corp")

    response = send(client, "patch", f"/api/v1/config/organizations/{org.pk}", {"colour": "red"})

    assert response.status_code == 422
    assert "colour" in response.json()["errors"]


def test_null_amount_in_a_change_is_a_field_error(api, personas):
    client = api.as_(personas.manager)
    contract = Contract.objects.get(organization__name="Acme Corp")

    response = send(
        client, "patch", f"/api/v1/config/contracts/{contract.pk}", {"hours_included": None}
    )

    assert response.status_code == 422
    assert "hours_included" in response.json()["errors"]
