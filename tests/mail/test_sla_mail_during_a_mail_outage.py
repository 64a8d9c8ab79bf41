"""An SLA warning queued while the mail server is down is retried and reaches the agent
once the server is back: it is an outbox row, not a mail sent directly and lost."""

from datetime import timedelta

import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from charterdesk.mail.models import Delivery, OutboundMail
from charterdesk.mail.sweep import outbox_sweep
from charterdesk.plans.models import Plan
from charterdesk.sla.sweep import sweep
from tests.sla.test_notification_mail import WARNING, assigned_downtime


class MailServerDown(BaseEmailBackend):
    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        raise ConnectionRefusedError(111, "Connection refused")


def test_an_sla_warning_is_retried_until_the_mail_server_is_back(
    personas, settings, django_capture_on_commit_callbacks
):
    Plan.objects.filter(name="Gold").update(sla_warn_minutes=10)
    ticket = assigned_downtime(personas)
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"

    with django_capture_on_commit_callbacks(execute=True):
        assert len(sweep(WARNING).warned) == 1

    row = OutboundMail.objects.get(recipient="tier1@charterdesk.example")
    assert row.state == Delivery.RETRYING
    assert "Connection refused" in row.last_error
    with time_machine.travel(row.next_attempt_at + timedelta(seconds=1), tick=False):
        outbox_sweep()  # still down: another retry is planned, nothing is dropped
    row.refresh_from_db()
    assert row.state == Delivery.RETRYING
    assert row.attempts == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(row.next_attempt_at + timedelta(seconds=1), tick=False):
        outbox_sweep()

    row.refresh_from_db()
    assert row.state == Delivery.SENT
    (sent,) = [m for m in mail.outbox if m.to == ["tier1@charterdesk.example"]]
    assert f"#{ticket.pk} {ticket.subject}" in sent.body
