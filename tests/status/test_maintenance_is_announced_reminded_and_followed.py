"""Public maintenance reaches the subscribers of its services: announced when planned,
reminded once before it starts (however many schedulers run the job), and told at every
move scheduled -> in progress -> verifying -> completed; so do the customers of its
services (each address once). A private window tells nobody."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.core.schedule import JOBS
from charterdesk.customers.models import Contact, Organization
from charterdesk.incidents import maintenance as service
from charterdesk.incidents.models import AlertOptIn, Maintenance
from charterdesk.mail.models import OutboundMail
from charterdesk.status.sweep import maintenance_remind
from tests.incidents.factories import deploy
from tests.incidents.factories import service as a_service

from .subscribers import subscriber


def _plan(personas, now, *, starts_in=timedelta(hours=3), public=True) -> Maintenance:  # type: ignore[no-untyped-def]
    return service.maintenance_create(
        personas.tier2,
        title="Database upgrade",
        description="Read-only for ten minutes.",
        services=[a_service("Cloud")],
        starts_at=now + starts_in,
        ends_at=now + starts_in + timedelta(hours=1),
        is_public=public,
        now=now,
    )


def _subjects(email: str) -> list[str]:
    rows = OutboundMail.objects.filter(recipient=email).order_by("id")
    return list(rows.values_list("subject", flat=True))


def test_announced_reminded_once_then_told_at_each_move(personas):
    now = timezone.now()
    dana = subscriber("dana@example.com", a_service("Cloud"))
    subscriber("erin@example.com", a_service("Billing API"))
    maintenance = _plan(personas, now)
    assert _subjects("dana@example.com") == ["[Scheduled maintenance] Database upgrade"]
    announcement = OutboundMail.objects.get(recipient="dana@example.com")
    assert "Read-only for ten minutes." in announcement.text
    assert f"/status/subscriptions/{dana.token}" in announcement.headers["List-Unsubscribe"]
    assert maintenance_remind(now + timedelta(minutes=90)) == []  # not within the hour yet
    soon = now + timedelta(hours=2, minutes=5)
    assert maintenance_remind(soon) == [maintenance.pk]
    assert maintenance_remind(soon + timedelta(minutes=5)) == []  # a second scheduler
    reminder = OutboundMail.objects.filter(recipient="dana@example.com").order_by("id").last()
    assert reminder is not None and reminder.subject.startswith("[Reminder]")
    assert "starts in 55 minutes" in reminder.text
    for step in ("in_progress", "verifying", "completed"):
        maintenance.refresh_from_db()
        service.maintenance_move(personas.tier2, maintenance, step, now + timedelta(hours=3))
    assert [s.split("]")[0] for s in _subjects("dana@example.com")] == [
        "[Scheduled maintenance",
        "[Reminder",
        "[Started",
        "[Verifying",
        "[Completed",
    ]
    assert not OutboundMail.objects.filter(recipient="erin@example.com").exists()


def test_a_window_planned_within_the_hour_is_announced_not_reminded(personas):
    now = timezone.now()
    subscriber("dana@example.com", a_service("Cloud"))
    _plan(personas, now, starts_in=timedelta(minutes=20))
    assert maintenance_remind(now + timedelta(minutes=5)) == []
    assert len(_subjects("dana@example.com")) == 1


def test_a_private_window_tells_no_subscriber(personas):
    now = timezone.now()
    subscriber("dana@example.com", a_service("Cloud"))
    maintenance = _plan(personas, now, starts_in=timedelta(minutes=30), public=False)
    assert maintenance_remind(now) == []
    service.maintenance_move(personas.tier2, maintenance, "in_progress", now)
    assert _subjects("dana@example.com") == []


def test_the_reminder_job_is_registered_with_the_scheduler():
    job = next(job for job in JOBS if job.name == "remind-maintenance")
    assert job.every == timedelta(minutes=5)


def test_the_affected_customers_hear_too_and_a_subscribed_one_once(
    personas, django_capture_on_commit_callbacks
):
    now = timezone.now()
    cloud = a_service("Cloud")
    acme, globex = personas.alice.contact.organization, personas.bob.contact.organization
    deploy(acme, cloud, "EU")
    deploy(globex, a_service("Billing API"), "EU")
    subscriber("Alice@acme.example", cloud)
    subscriber("dana@example.com", cloud)
    with django_capture_on_commit_callbacks(execute=True):
        _plan(personas, now)
    assert _subjects("alice@acme.example") == ["[Scheduled maintenance] Database upgrade"]
    alice = OutboundMail.objects.get(recipient="alice@acme.example")
    assert "List-Unsubscribe" not in alice.headers  # the customers' notice, not a subscriber's
    assert alice.state == "sent"  # delivered by the task queued on commit
    assert len(_subjects("dana@example.com")) == 1
    assert not OutboundMail.objects.filter(recipient__endswith="@globex.example").exists()


def test_the_customer_notices_cost_the_same_queries_for_many_contacts(
    personas, django_assert_max_num_queries
):
    now = timezone.now()
    cloud = a_service("Cloud")
    deploy(personas.alice.contact.organization, cloud)
    for n in range(20):
        organization = Organization.objects.create(name=f"Org {n}")
        deploy(organization, cloud)
        contact = Contact.objects.create(organization=organization, email=f"c{n}@example.com")
        AlertOptIn.objects.create(contact=contact)
    maintenance = _plan(personas, now, public=False)
    maintenance.is_public = True
    with django_assert_max_num_queries(14):
        queued = service.maintenance_notify(maintenance, now)
    assert queued >= 21
