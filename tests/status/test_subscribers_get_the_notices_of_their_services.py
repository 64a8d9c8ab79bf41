"""Confirmed subscribers of a service get the same notices as the affected customers
(first alert, updates, resolution) for public incidents: each once, with their own
manage link in the text and in List-Unsubscribe (+ One-Click); someone also in the
incident's audience gets the customers' notice only; the post-mortem is not theirs."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.incidents import services
from charterdesk.incidents.choices import IncidentStatus
from charterdesk.incidents.fanout import notices_send
from charterdesk.mail.models import OutboundMail
from tests.incidents.factories import acme_outage, service

from .subscribers import subscriber


def _public_outage(personas, now):  # type: ignore[no-untyped-def]
    incident = acme_outage(personas, now, alert=False)
    incident.is_public = True
    incident.save()
    return incident


def test_first_alert_update_and_resolution_reach_the_subscribers(
    personas, django_capture_on_commit_callbacks
):
    now = timezone.now()
    cloud, api = service("Cloud"), service("Billing API")
    dana = subscriber("dana@example.com", cloud)
    subscriber("erin@example.com", api)
    subscriber("fred@example.com", cloud, confirmed=False)
    incident = _public_outage(personas, now)
    with django_capture_on_commit_callbacks(execute=True):
        services.incident_alert(incident, now)
    services.incident_post_update(
        incident,
        personas.tier2,
        status=IncidentStatus.IDENTIFIED,
        message="A disk filled up.",
        next_update_at=now + timedelta(minutes=30),
        now=now,
    )
    services.incident_resolve(incident, personas.tier2, message="Disk cleaned.", now=now)
    mails = OutboundMail.objects.filter(recipient="dana@example.com").order_by("id")
    subjects = [m.subject for m in mails]
    assert len(subjects) == 3
    assert "Cloud is down" in subjects[0] and "Identified" in subjects[1]
    assert subjects[2].startswith("[Resolved]")
    first = mails[0]
    link = f"/status/subscriptions/{dana.token}"
    assert link in first.text and "Pages do not load." in first.text
    assert first.headers["List-Unsubscribe"].endswith(f"{link}/unsubscribe>")
    assert first.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert first.state == "sent"  # the batch went to its delivery task on commit
    assert not OutboundMail.objects.filter(recipient__in=["erin@example.com", "fred@example.com"])


def test_a_subscriber_of_the_parent_hears_about_a_part(personas):
    now = timezone.now()
    platform = service("Platform")
    cloud = service("Cloud")
    cloud.parent = platform
    cloud.save()
    subscriber("dana@example.com", platform)
    incident = _public_outage(personas, now)
    services.incident_alert(incident, now)
    assert OutboundMail.objects.filter(recipient="dana@example.com").count() == 1


def test_an_affected_contact_who_subscribed_gets_one_notice(personas):
    now = timezone.now()
    subscriber("Alice@Acme.example", service("Cloud"))
    incident = _public_outage(personas, now)
    services.incident_alert(incident, now)
    alice = OutboundMail.objects.filter(recipient="alice@acme.example")
    assert alice.count() == 1
    assert "/status/subscriptions/" not in alice.get().text


def test_a_private_incident_and_a_post_mortem_reach_no_subscriber(personas):
    now = timezone.now()
    subscriber("dana@example.com", service("Cloud"))
    incident = acme_outage(personas, now)
    assert not incident.is_public
    assert not OutboundMail.objects.filter(recipient="dana@example.com").exists()
    incident.is_public = True
    incident.save()
    notices_send(incident, "[Post-mortem] Cloud", "What happened.", now, subscribers=False)
    assert not OutboundMail.objects.filter(recipient="dana@example.com").exists()


def test_the_fan_out_costs_the_same_queries_for_one_or_many_subscribers(
    personas, django_assert_max_num_queries
):
    now = timezone.now()
    cloud = service("Cloud")
    incident = _public_outage(personas, now)
    for n in range(30):
        subscriber(f"s{n}@example.com", cloud)
    with django_assert_max_num_queries(8):
        from charterdesk.incidents.subscriber_fanout import subscribers_notify

        queued = subscribers_notify([cloud.pk], "Hi", "Text", now, key="t", incident=incident)
    assert queued == 30
