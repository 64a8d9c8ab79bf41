from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from charterdesk.customers.models import Organization
from charterdesk.plans.models import Contract, Plan
from charterdesk.success import playbooks
from charterdesk.success.models import Onboarding, Playbook, PlaybookRun, ReviewState
from charterdesk.success.onboarding import onboard_new_contracts
from charterdesk.success.reviews import months_after, review_hold, review_schedule

from .factories import published_playbook


def _new_contract(today: date) -> Contract:
    organization = Organization.objects.create(name="Hooli")
    return Contract.objects.create(
        organization=organization, plan=Plan.objects.get(name="Silver"), starts_on=today
    )


def test_a_new_contract_runs_the_default_onboarding_playbook_once(personas):
    playbook = published_playbook(personas.manager)
    playbooks.playbook_set_default_onboarding(playbook=playbook, actor=personas.manager)
    now = timezone.now()
    contract = _new_contract(now.date())
    started = onboard_new_contracts(now)
    assert len(started) == 1
    run = PlaybookRun.objects.get(pk=started[0])
    assert run.organization == contract.organization
    assert run.tasks.count() == 3
    assert onboard_new_contracts(now) == []
    assert Onboarding.objects.get(contract=contract).run == run


def test_without_a_default_the_built_in_onboarding_playbook_is_created_and_runs(personas):
    published_playbook(personas.manager)  # an onboarding playbook, but not the default
    contract = _new_contract(timezone.now().date())
    started = onboard_new_contracts(timezone.now())
    assert len(started) == 1
    default = Playbook.objects.get(default_for_onboarding=True)
    assert default.live_version is not None
    assert default.live_version.title == "Onboarding a new customer"
    assert default.live_version.steps.count() == 4
    run = PlaybookRun.objects.get(pk=started[0])
    assert (run.organization, run.version) == (contract.organization, default.live_version)
    assert onboard_new_contracts(timezone.now()) == []
    assert Playbook.objects.filter(default_for_onboarding=True).count() == 1


def test_the_built_in_onboarding_playbook_is_edited_like_any_other(personas, login):
    _new_contract(timezone.now().date())
    onboard_new_contracts(timezone.now())
    default = Playbook.objects.get(default_for_onboarding=True)
    page = login(personas.manager).get(f"/desk/playbooks/{default.pk}/edit").content.decode()
    assert 'value="Kick-off call"' in page


def test_a_review_agenda_comes_from_the_usage_statement_and_recent_tickets(personas):
    acme = Organization.objects.get(name="Acme Corp")
    now = timezone.now()
    review = review_schedule(organization=acme, on=now.date() + timedelta(days=7), now=now)
    assert "# Account review: Acme Corp" in review.agenda
    assert "## Usage in" in review.agenda
    assert "## The last 90 days" in review.agenda
    assert "SLA breaches:" in review.agenda


def test_holding_a_review_records_notes_and_schedules_the_next(personas):
    acme = Organization.objects.get(name="Acme Corp")
    now = timezone.now()
    on = now.date() + timedelta(days=1)
    review = review_schedule(organization=acme, on=on, now=now)
    with pytest.raises(ValidationError) as empty:
        review_hold(review=review, actor=personas.manager, notes=" ", action_items="", next_on=None)
    assert "notes" in empty.value.message_dict
    following = review_hold(
        review=review,
        actor=personas.manager,
        notes="Happy overall; SSO issue hurt.",
        action_items="Send SSO post-mortem\nTrain two admins",
        next_on=None,
    )
    review.refresh_from_db()
    assert review.state == ReviewState.HELD
    assert following is not None
    assert following.scheduled_for == months_after(on, 3)
    assert following.state == ReviewState.SCHEDULED


def test_months_after_keeps_the_day_or_the_months_last():
    assert months_after(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert months_after(date(2026, 1, 15), 1) == date(2026, 2, 15)
