"""Advance the clock past a follow-up action's due date and a post-mortem's deadline:
owners are reminded before and told when overdue, late post-mortems are chased to the
commander and the managers, each exactly once."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.incidents import services
from charterdesk.incidents.models import PostMortem
from charterdesk.incidents.sweep import sweep
from charterdesk.mail.models import OutboundMail

from .factories import acme_outage, roles


def _subjects(email):
    return list(OutboundMail.objects.filter(recipient=email).values_list("subject", flat=True))


def _resolved(personas, now):
    roles(personas)
    incident = acme_outage(personas, now)
    services.incident_resolve(incident, personas.tier3, message="Fixed.", now=now)
    return PostMortem.objects.get(incident=incident)


def test_action_owner_is_reminded_before_then_told_when_overdue_once(personas):
    now = timezone.now()
    postmortem = _resolved(personas, now)
    due = timezone.localdate(now) + timedelta(days=5)
    action = services.action_add(
        postmortem, personas.tier3, text="Add a canary", owner=personas.tier1, due_on=due
    )
    assert sweep(now + timedelta(days=1)).actions_reminded == []
    assert sweep(now + timedelta(days=3)).actions_reminded == [action.pk]
    assert any("Action due" in s for s in _subjects(personas.tier1.email))
    reminder = OutboundMail.objects.get(subject__startswith="Action due")
    assert "Add a canary" in reminder.text and "/desk/incidents/actions?owner=me" in reminder.text
    assert sweep(now + timedelta(days=4)).actions_reminded == []  # once
    assert sweep(now + timedelta(days=5)).actions_overdue == []  # due today: not late
    assert sweep(now + timedelta(days=6)).actions_overdue == [action.pk]
    assert any("OVERDUE action" in s for s in _subjects(personas.tier1.email))
    assert sweep(now + timedelta(days=7)).actions_overdue == []  # once


def test_a_done_action_is_neither_reminded_nor_overdue(personas):
    now = timezone.now()
    postmortem = _resolved(personas, now)
    action = services.action_add(
        postmortem,
        personas.tier3,
        text="Add a canary",
        owner=personas.tier1,
        due_on=timezone.localdate(now) + timedelta(days=1),
    )
    services.action_done(action, personas.tier3, now)
    result = sweep(now + timedelta(days=3))
    assert result.actions_reminded == [] and result.actions_overdue == []


def test_overdue_post_mortem_is_chased_to_commander_and_managers_once(personas):
    now = timezone.now()
    postmortem = _resolved(personas, now)
    assert sweep(postmortem.due_at - timedelta(minutes=1)).postmortems_chased == []
    assert sweep(postmortem.due_at + timedelta(minutes=1)).postmortems_chased == [postmortem.pk]
    chase = OutboundMail.objects.get(subject__startswith="Post-mortem OVERDUE")
    assert chase.to[0] == personas.tier3.email  # the commander first, then the managers
    assert personas.manager.email in chase.to
    assert sweep(postmortem.due_at + timedelta(days=1)).postmortems_chased == []  # once
    assert postmortem.incident.events.filter(text__contains="Post-mortem overdue").exists()


def test_an_approved_post_mortem_is_not_chased(personas):
    now = timezone.now()
    postmortem = _resolved(personas, now)
    services.postmortem_save(postmortem, personas.tier3, now, customer_version="Sorry.")
    services.postmortem_approve(postmortem, personas.manager, now)
    assert sweep(postmortem.due_at + timedelta(days=1)).postmortems_chased == []


def test_a_second_sweep_holding_the_same_rows_sends_nothing(personas):
    """Two schedulers read the same due actions; the conditional claim lets one mail."""
    from charterdesk.incidents.models import FollowUpAction
    from charterdesk.incidents.postmortem_sweep import _claim_and_mail

    now = timezone.now()
    postmortem = _resolved(personas, now)
    services.action_add(
        postmortem,
        personas.tier3,
        text="Add a canary",
        owner=personas.tier1,
        due_on=timezone.localdate(now) + timedelta(days=1),
    )
    stale = list(FollowUpAction.objects.select_related("owner", "postmortem__incident"))
    first = _claim_and_mail(stale, "reminded_at", "incidents/mail/action_reminder", now)
    second = _claim_and_mail(stale, "reminded_at", "incidents/mail/action_reminder", now)
    assert len(first) == 1 and second == []
    assert OutboundMail.objects.filter(subject__startswith="Action due").count() == 1
