from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from charterdesk.core.schedule import JOBS, Jobs, run_due
from charterdesk.core.tasks import prune_task_results
from charterdesk.mail.tasks import send_outbound_mail
from charterdesk.tickets.models import Status
from charterdesk.tickets.services import ticket_update
from charterdesk.tickets.tasks import close_solved_tickets
from tests.tickets.factories import open_ticket


def test_a_due_job_is_enqueued_once_however_often_schedulers_look(db):
    now = timezone.now()
    assert run_due(now) == [job.name for job in JOBS]
    assert run_due(now) == []
    assert run_due(now + timedelta(seconds=30)) == []
    assert "close-solved-tickets" in run_due(now + timedelta(hours=1, seconds=1))


def test_solved_tickets_close_after_the_grace_period(personas, settings):
    settings.CLOSE_SOLVED_AFTER_DAYS = 7
    old, fresh = open_ticket(), open_ticket()
    for ticket in (old, fresh):
        ticket_update(ticket, personas.tier1, status=Status.SOLVED)
    old.solved_at = timezone.now() - timedelta(days=8)
    old.save()
    assert close_solved_tickets.call() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, fresh.status) == (Status.CLOSED, Status.SOLVED)
    assert old.events.filter(field="status", new_value="closed", actor=None).exists()


def test_each_app_registers_its_jobs_at_start_up():
    assert {job.name: job.task.module_path for job in JOBS} == {
        "prune-task-results": "charterdesk.core.tasks.prune_task_results",
        "prune-idempotency-keys": "charterdesk.core.tasks.prune_idempotency_keys",
        "sweep-sla-clocks": "charterdesk.sla.tasks.sweep_sla_clocks",
        "apply-plan-versions": "charterdesk.plans.tasks.apply_plan_versions",
        "tell-authorized": "charterdesk.intake.tasks.tell_authorized_contacts",
        "close-solved-tickets": "charterdesk.tickets.tasks.close_solved_tickets",
        "sweep-outbox": "charterdesk.mail.tasks.sweep_outbox",
        "poll-mailboxes": "charterdesk.mailboxes.tasks.poll_mailboxes",
        "remind-escalations": "charterdesk.escalations.tasks.remind_escalation_requests",
        "sweep-commitments": "charterdesk.commitments.tasks.sweep_commitments",
        "send-surveys": "charterdesk.satisfaction.tasks.send_surveys",
        "mail-statements": "charterdesk.statements.tasks.mail_monthly_statements",
        "remind-stale-articles": "charterdesk.knowledge.tasks.remind_stale_articles",
        "sweep-incidents": "charterdesk.incidents.tasks.sweep_incidents",
        "check-monitors": "charterdesk.incidents.monitors.tasks.check_monitors",
        "remind-maintenance": "charterdesk.status.tasks.remind_maintenance",
        "retry-webhooks": "charterdesk.incidents.webhooks.tasks.retry_webhooks",
        "forecast-nightly": "charterdesk.forecasting.tasks.forecast_nightly",
        "detect-ticket-spikes": "charterdesk.insights.tasks.detect_ticket_spikes",
        "community-daily-digests": "charterdesk.community.tasks.community_daily_digests",
        "sweep-playbook-tasks": "charterdesk.success.tasks.sweep_playbook_tasks",
        "onboard-new-contracts": "charterdesk.success.tasks.onboard_contracts",
        "retrain-triage-model": "charterdesk.triage.tasks.retrain_triage_model",
        "sweep-widget-tokens": "charterdesk.widget.tasks.sweep_widget_tokens",
        "roll-up-trends": "charterdesk.workspace.tasks.roll_up_trends",
        "merge-search-index": "charterdesk.search.tasks.merge_search_index",
    }


def test_a_job_name_is_taken_once():
    jobs = Jobs()
    jobs.periodic("close", every=timedelta(hours=1))(close_solved_tickets)
    with pytest.raises(ImproperlyConfigured, match="taken by charterdesk.tickets.tasks"):
        jobs.periodic("close", every=timedelta(hours=2))(prune_task_results)
    assert [job.task for job in jobs] == [close_solved_tickets]


def test_only_a_task_without_arguments_can_be_periodic():
    def plain() -> None:
        pass

    with pytest.raises(ImproperlyConfigured, match="is not a task"):
        Jobs().periodic("plain", every=timedelta(hours=1))(plain)  # type: ignore[type-var]
    with pytest.raises(ImproperlyConfigured, match="must take no arguments"):
        Jobs().periodic("send", every=timedelta(hours=1))(send_outbound_mail)
