"""Every action a plan can choose is carried out by exactly one handler; a registration
that cannot work fails at start-up, not on the first breach."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from charterdesk.plans.models import SlaAction
from charterdesk.sla.actions import SlaActions, SlaAlert, check_every_action_has_a_handler


def handler(alert: SlaAlert) -> None:
    pass


def test_every_action_a_plan_can_choose_has_a_handler():
    assert check_every_action_has_a_handler() == []


def test_the_check_names_an_action_no_app_handles(monkeypatch):
    partial = SlaActions()
    for action in SlaAction:
        if action != SlaAction.ESCALATE_TIER:
            partial.register(action, handler)
    monkeypatch.setattr("charterdesk.sla.actions.sla_actions", partial)
    (error,) = check_every_action_has_a_handler()
    assert error.id == "sla.E001" and "'escalate_tier'" in error.msg


def test_an_action_has_one_handler():
    actions = SlaActions()
    actions.register(SlaAction.RAISE_PRIORITY, handler)
    with pytest.raises(ImproperlyConfigured, match="already handled by handler"):
        actions.register(SlaAction.RAISE_PRIORITY, lambda alert: None)


@pytest.mark.parametrize(
    ("action", "candidate", "message"),
    [
        ("close_ticket", handler, "not an SlaAction"),
        (SlaAction.NOTIFY_ASSIGNEE, "charterdesk.sla.actions.notify", "not callable"),
        (SlaAction.NOTIFY_ASSIGNEE, lambda: None, "exactly one argument"),
    ],
)
def test_a_registration_that_cannot_work_fails_at_once(action, candidate, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        SlaActions().register(action, candidate)
