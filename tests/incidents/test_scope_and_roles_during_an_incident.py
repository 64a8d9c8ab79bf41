"""As an outage spreads, operations widen the incident's scope: the newly affected hear
of it once; and its roles change hands, with reminders following the new holder."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charterdesk.incidents import services
from charterdesk.incidents.choices import EventKind, IncidentRole
from charterdesk.incidents.models import AudienceContact, IncidentRoleHolder, TimelineEvent
from charterdesk.incidents.sweep import sweep
from charterdesk.mail.models import OutboundMail
from charterdesk.routing.models import Team
from tests.status.subscribers import subscriber

from .factories import acme_outage, deploy, roles, service


def _alerts(incident, email):
    return OutboundMail.objects.filter(subject__contains=incident.title, recipient=email).count()


@pytest.fixture
def outage(personas):
    roles(personas)
    return acme_outage(personas)


def test_a_new_service_alerts_the_newly_affected_once(personas, outage):
    billing = service("Billing API")
    assert _alerts(outage, "alice@acme.example") == 1
    assert _alerts(outage, "bob@globex.example") == 0
    queued = services.incident_scope_add(
        outage, personas.tier3, services=[billing], now=timezone.now()
    )
    assert queued >= 1
    assert _alerts(outage, "bob@globex.example") == 1
    assert _alerts(outage, "alice@acme.example") == 1  # nobody gets it twice
    assert AudienceContact.objects.filter(incident=outage, email="bob@globex.example").exists()
    scope = TimelineEvent.objects.get(incident=outage, kind=EventKind.SCOPE)
    assert "Billing API" in scope.text


def test_before_the_first_alert_the_audience_grows_silently(personas):
    roles(personas)
    incident = acme_outage(personas, alert=False)
    queued = services.incident_scope_add(
        incident, personas.tier3, services=[service("Billing API")], now=timezone.now()
    )
    assert queued == 0
    assert AudienceContact.objects.filter(incident=incident, email="bob@globex.example").exists()
    assert not OutboundMail.objects.filter(subject__contains=incident.title).exists()


def test_a_new_region_reaches_deployments_there(personas, outage):
    cloud = service("Cloud")
    outage.regions = ["EU"]
    outage.save()
    deploy(personas.bob.contact.organization, cloud, "US")
    services.incident_scope_add(outage, personas.tier3, regions=["US"], now=timezone.now())
    outage.refresh_from_db()
    assert outage.regions == ["EU", "US"]
    assert _alerts(outage, "bob@globex.example") == 1


def test_nothing_new_is_refused(personas, outage):
    with pytest.raises(ValidationError) as caught:
        services.incident_scope_add(
            outage, personas.tier3, services=[service("Cloud")], now=timezone.now()
        )
    assert "service_ids" in caught.value.message_dict


def test_only_managers_commander_and_operations_steer(personas, outage):
    with pytest.raises(PermissionDenied):
        services.incident_scope_add(
            outage, personas.tier1, services=[service("Billing API")], now=timezone.now()
        )
    with pytest.raises(PermissionDenied):
        services.incident_role_set(
            outage,
            personas.tier1,
            role=IncidentRole.SCRIBE,
            user=personas.tier1,
            now=timezone.now(),
        )
    services.incident_role_set(
        outage,
        personas.manager,
        role=IncidentRole.OPERATIONS,
        user=personas.tier1,
        now=timezone.now(),
    )
    # tier1 now runs operations, so may widen the scope
    services.incident_scope_add(
        outage, personas.tier1, services=[service("Billing API")], now=timezone.now()
    )


def test_reminders_and_missed_alerts_go_to_the_new_holders(personas):
    now = timezone.now()
    roles(personas)
    incident = acme_outage(personas, now)  # next update promised in 30 minutes
    for role, user in (
        (IncidentRole.COMMUNICATIONS, personas.tier1),
        (IncidentRole.COMMANDER, personas.manager),
    ):
        services.incident_role_set(incident, personas.tier3, role=role, user=user, now=now)
    lines = TimelineEvent.objects.filter(incident=incident, kind=EventKind.ROLE)
    assert [e.text.split(":")[0] for e in lines] == ["Communications lead", "Incident commander"]
    assert "(was " in lines[0].text
    sweep(now + timedelta(minutes=21))
    sweep(now + timedelta(minutes=31))
    subjects = OutboundMail.objects.values_list("recipient", "subject")
    assert any(r == personas.tier1.email and "Update due" in s for r, s in subjects)
    assert any(r == personas.manager.email and "MISSED" in s for r, s in subjects)
    assert not any(r == personas.tier3.email and "MISSED" in s for r, s in subjects)
    assert not any(r == personas.tier2.email and "Update due" in s for r, s in subjects)


def test_a_customer_cannot_hold_a_role(personas, outage):
    with pytest.raises(ValidationError):
        services.incident_role_set(
            outage,
            personas.tier3,
            role=IncidentRole.SCRIBE,
            user=personas.alice,
            now=timezone.now(),
        )


def test_a_member_of_the_team_holding_operations_may_steer(personas, outage):
    team = Team.objects.create(name="Cloud on-call")
    team.members.add(personas.tier1)
    IncidentRoleHolder.objects.create(incident=outage, role=IncidentRole.OPERATIONS, team=team)
    services.incident_scope_add(
        outage, personas.tier1, services=[service("Billing API")], now=timezone.now()
    )
    assert outage.services.filter(name="Billing API").exists()
    with pytest.raises(PermissionDenied):
        services.incident_scope_add(
            outage, personas.tier2, services=[service("Mail")], now=timezone.now()
        )


def test_subscribers_of_an_added_service_hear_once(personas):
    roles(personas)
    cloud, billing = service("Cloud"), service("Billing API")
    subscriber("old@example.com", cloud)
    subscriber("both@example.com", cloud, billing)
    subscriber("new@example.com", billing)
    incident = acme_outage(personas)
    # made public, and its first alert sent again (now to the subscribers too)
    incident.is_public, incident.first_alert_at = True, None
    incident.save()
    services.incident_alert(incident, timezone.now())
    assert _alerts(incident, "both@example.com") == 1
    assert _alerts(incident, "new@example.com") == 0
    services.incident_scope_add(incident, personas.tier3, services=[billing], now=timezone.now())
    assert _alerts(incident, "new@example.com") == 1
    assert _alerts(incident, "both@example.com") == 1
    assert _alerts(incident, "old@example.com") == 1


def test_a_suspected_incident_widens_without_an_audience(personas):
    roles(personas)
    incident = services.incident_open(
        personas.tier1, title="Slow", services=[service("Cloud")], now=timezone.now()
    )
    services.incident_scope_add(
        incident, None, services=[service("Billing API")], regions=["EU"], now=timezone.now()
    )
    assert set(incident.services.values_list("name", flat=True)) == {"Cloud", "Billing API"}
    assert incident.regions == []  # every region stays every region
    assert not AudienceContact.objects.filter(incident=incident).exists()


def test_a_resolved_incident_is_not_steered(personas, outage):
    services.incident_resolve(outage, personas.tier3, message="Fixed.", now=timezone.now())
    with pytest.raises(ValidationError):
        services.incident_role_set(
            outage,
            personas.tier3,
            role=IncidentRole.SCRIBE,
            user=personas.tier1,
            now=timezone.now(),
        )
