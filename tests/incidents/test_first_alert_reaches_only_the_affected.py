from datetime import timedelta

from django.utils import timezone

from charterdesk.incidents import services
from charterdesk.incidents.choices import Qualification
from charterdesk.incidents.models import AudienceContact
from charterdesk.incidents.sweep import sweep
from charterdesk.mail.models import OutboundMail

from .factories import acme_outage, deploy, service, severity


def test_alice_is_alerted_and_bob_hears_nothing(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        incident = acme_outage(personas)
    assert incident.qualification == Qualification.CONFIRMED
    mails = OutboundMail.objects.filter(subject__contains="Cloud is down")
    recipients = set(mails.values_list("recipient", flat=True))
    assert "alice@acme.example" in recipients
    assert not any(r.endswith("@globex.example") for r in recipients)
    alert = mails.get(recipient="alice@acme.example")
    assert "Pages do not load." in alert.text
    assert "Next update:" in alert.text
    assert incident.first_alert_at is not None


def test_the_audience_is_stored_with_the_reason(personas):
    incident = acme_outage(personas)
    row = AudienceContact.objects.get(incident=incident, email="alice@acme.example")
    assert row.reason == "authorized"
    assert not AudienceContact.objects.filter(incident=incident, email__endswith="globex.example")


def test_no_alert_when_the_qualification_says_so(personas):
    incident = acme_outage(personas, alert=False)
    assert incident.first_alert_at is None
    assert not OutboundMail.objects.filter(subject__contains="Cloud is down").exists()


def test_a_later_alert_waits_for_the_severity_delay(personas):
    now = timezone.now()
    cloud = service("Cloud")
    deploy(personas.alice.contact.organization, cloud)
    incident = services.incident_open(personas.tier1, title="Slow pages", services=[cloud], now=now)
    services.incident_qualify(
        incident,
        personas.tier3,
        confirm=True,
        severity=severity(2, alert_after_minutes=30),
        next_update_at=now + timedelta(minutes=30),
        now=now,
    )
    assert not OutboundMail.objects.filter(subject__contains="Slow pages").exists()
    assert sweep(now + timedelta(minutes=10)).alerted == []
    assert sweep(now + timedelta(minutes=31)).alerted == [incident.pk]
    assert OutboundMail.objects.filter(
        subject__contains="Slow pages", recipient="alice@acme.example"
    ).exists()
