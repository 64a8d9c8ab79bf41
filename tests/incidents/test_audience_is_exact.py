"""The audience computed in SQL equals a brute-force reference over random worlds:
services with parts, deployments in regions, contracts in force or not, with
administrators and authorized contacts, and opt-ins."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charterdesk.customers.models import Contact, Organization
from charterdesk.incidents.audience import audience_compute, audience_preview
from charterdesk.incidents.models import (
    AlertOptIn,
    AudienceContact,
    AudienceOrganization,
    Deployment,
    Incident,
    Service,
)
from charterdesk.plans.models import Contract, Plan

ORGS, CONTACTS, SERVICES = 4, 3, 5
REGIONS = ["", "EU", "US"]

world = st.fixed_dictionaries(
    {
        # service i may be a part of an earlier one
        "parents": st.lists(
            st.none() | st.integers(0, SERVICES - 1), min_size=SERVICES, max_size=SERVICES
        ),
        "deployments": st.sets(
            st.tuples(
                st.integers(0, ORGS - 1), st.integers(0, SERVICES - 1), st.sampled_from(REGIONS)
            ),
            max_size=10,
        ),
        # per org: contract in force?, admins, authorized (contact indexes)
        "contracts": st.lists(
            st.tuples(
                st.booleans(),
                st.sets(st.integers(0, CONTACTS - 1)),
                st.sets(st.integers(0, CONTACTS - 1)),
            ),
            min_size=ORGS,
            max_size=ORGS,
        ),
        "opt_ins": st.sets(
            st.tuples(
                st.integers(0, ORGS - 1),
                st.integers(0, CONTACTS - 1),
                st.none() | st.integers(0, SERVICES - 1),
            ),
            max_size=6,
        ),
        "incident_services": st.sets(st.integers(0, SERVICES - 1), min_size=1, max_size=3),
        "incident_regions": st.sets(st.sampled_from(["EU", "US"]), max_size=2),
    }
)


def _build(spec, today):
    plan = Plan.objects.first()
    services = []
    for i, parent in enumerate(spec["parents"]):
        above = services[parent] if parent is not None and parent < i else None
        services.append(Service.objects.create(name=f"prop-{i}", parent=above))
    orgs = [Organization.objects.create(name=f"prop-org-{i}") for i in range(ORGS)]
    contacts = [
        [
            Contact.objects.create(organization=o, email=f"p{i}-{j}@prop.example")
            for j in range(CONTACTS)
        ]
        for i, o in enumerate(orgs)
    ]
    for org, service, region in spec["deployments"]:
        Deployment.objects.create(organization=orgs[org], service=services[service], region=region)
    for i, (in_force, admins, authorized) in enumerate(spec["contracts"]):
        start = today - timedelta(days=30) if in_force else today - timedelta(days=400)
        contract = Contract.objects.create(
            organization=orgs[i],
            plan=plan,
            starts_on=start,
            ends_on=start + timedelta(days=60) if not in_force else None,
        )
        contract.administrators.set([contacts[i][j] for j in admins])
        contract.authorized_contacts.set([contacts[i][j] for j in authorized])
    for org, contact, service in spec["opt_ins"]:
        AlertOptIn.objects.get_or_create(
            contact=contacts[org][contact], service=None if service is None else services[service]
        )
    incident = Incident.objects.create(title="prop", regions=sorted(spec["incident_regions"]))
    incident.services.set([services[i] for i in spec["incident_services"]])
    return services, orgs, contacts, incident


def _reference(spec, services, orgs, contacts):
    parent = {i: p if p is not None and p < i else None for i, p in enumerate(spec["parents"])}

    def ancestors(i):
        while parent[i] is not None:
            i = parent[i]
            yield i

    hit = set()
    for i in range(SERVICES):
        line = {i, *ancestors(i)}
        if line & spec["incident_services"]:
            hit.add(i)  # a part of (or the same as) an incident's service
    for i in spec["incident_services"]:
        hit.update(ancestors(i))
    regions = spec["incident_regions"]
    affected = {
        o
        for o, s, r in spec["deployments"]
        if s in hit and (not regions or r == "" or r in regions)
    }
    emails = set()
    for o in affected:
        in_force, admins, authorized = spec["contracts"][o]
        if in_force:
            emails |= {contacts[o][j].email for j in admins | authorized}
        for oo, j, s in spec["opt_ins"]:
            if oo == o and (s is None or s in hit):
                emails.add(contacts[o][j].email)
    return {orgs[o].pk for o in affected}, emails


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=world)
def test_the_stored_audience_equals_the_brute_force_reference(personas, spec):
    today = timezone.localdate()
    with transaction.atomic():
        services, orgs, contacts, incident = _build(spec, today)
        preview = audience_preview(incident, today)
        audience_compute(incident, today)
        got_orgs = set(
            AudienceOrganization.objects.filter(incident=incident).values_list(
                "organization_id", flat=True
            )
        )
        got_emails = set(
            AudienceContact.objects.filter(incident=incident).values_list("email", flat=True)
        )
        want_orgs, want_emails = _reference(spec, services, orgs, contacts)
        assert got_orgs == want_orgs
        assert got_emails == want_emails
        assert (preview.organizations, preview.contacts) == (len(want_orgs), len(want_emails))
        transaction.set_rollback(True)


def test_a_contract_that_ended_yesterday_no_longer_counts(personas):
    today = date(2026, 6, 1)
    spec = {
        "parents": [None] * SERVICES,
        "deployments": {(0, 0, "")},
        "contracts": [(False, {0}, {1})] + [(True, set(), set())] * (ORGS - 1),
        "opt_ins": set(),
        "incident_services": {0},
        "incident_regions": set(),
    }
    services, orgs, contacts, incident = _build(spec, today)
    assert audience_compute(incident, today) == (1, 0)
