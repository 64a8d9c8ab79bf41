"""Advance the clock past a promised update: the communications lead is reminded before
it is due, the commander is alerted when it is missed, and the miss is counted."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.incidents import services
from charterdesk.incidents.models import Incident
from charterdesk.incidents.sweep import sweep
from charterdesk.mail.models import OutboundMail

from .factories import acme_outage, roles


def _mails_to(email):
    return list(OutboundMail.objects.filter(recipient=email).values_list("subject", flat=True))


def test_reminder_then_missed_alert_then_counted(personas):
    roles(personas)
    now = timezone.now()
    incident = acme_outage(personas, now)  # next update promised in 30 minutes
    assert sweep(now + timedelta(minutes=5)).reminded == []
    assert sweep(now + timedelta(minutes=21)).reminded == [incident.pk]
    assert any("Update due" in s for s in _mails_to(personas.tier2.email))
    assert sweep(now + timedelta(minutes=22)).reminded == []  # once

    assert sweep(now + timedelta(minutes=31)).missed == [incident.pk]
    assert any("MISSED" in s for s in _mails_to(personas.tier3.email))
    assert sweep(now + timedelta(minutes=40)).missed == []  # once per promise
    assert Incident.objects.get(pk=incident.pk).missed_updates == 1


def test_an_update_on_time_is_neither_reminded_nor_missed_again(personas):
    roles(personas)
    now = timezone.now()
    incident = acme_outage(personas, now)
    later = now + timedelta(minutes=15)
    services.incident_post_update(
        incident,
        personas.tier2,
        status="identified",
        message="Found it.",
        next_update_at=later + timedelta(minutes=60),
        now=later,
    )
    result = sweep(now + timedelta(minutes=45))
    assert result.reminded == [] and result.missed == []
    assert Incident.objects.get(pk=incident.pk).missed_updates == 0


def test_a_new_promise_after_a_miss_can_be_missed_again(personas):
    roles(personas)
    now = timezone.now()
    incident = acme_outage(personas, now)
    sweep(now + timedelta(minutes=31))
    late = now + timedelta(minutes=35)
    services.incident_post_update(
        Incident.objects.get(pk=incident.pk),
        personas.tier2,
        status="identified",
        message="Sorry for the delay.",
        next_update_at=late + timedelta(minutes=30),
        now=late,
    )
    assert sweep(late + timedelta(minutes=31)).missed == [incident.pk]
    assert Incident.objects.get(pk=incident.pk).missed_updates == 2


def test_an_update_cannot_promise_beyond_the_severity_interval(personas):
    now = timezone.now()
    incident = acme_outage(personas, now)
    try:
        services.incident_post_update(
            incident,
            personas.tier2,
            status="identified",
            message="Later.",
            next_update_at=now + timedelta(hours=3),
            now=now,
        )
    except Exception as error:  # noqa: BLE001
        assert "every 60 minutes" in str(error)
    else:
        raise AssertionError("a promise three hours ahead was accepted")
