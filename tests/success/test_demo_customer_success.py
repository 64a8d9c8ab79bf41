import pytest
from django.core.management import call_command
from django.utils import timezone

from charterdesk.customers.models import Organization
from charterdesk.success.health import health_of
from charterdesk.success.models import Playbook, PlaybookRun, ReviewState, Situation


@pytest.fixture
def demo(personas):
    call_command("demo")


@pytest.mark.slow
def test_the_demo_has_playbooks_a_run_in_progress_a_falling_account_and_a_review(demo):
    assert set(Playbook.objects.values_list("situation", flat=True)) == set(Situation.values)
    assert Playbook.objects.get(default_for_onboarding=True).situation == Situation.ONBOARDING
    run = PlaybookRun.objects.get(organization__name="Acme Corp")
    now = timezone.now()
    assert any(task.is_overdue(now) for task in run.tasks.all())
    globex = Organization.objects.get(name="Globex")
    health = health_of(globex, now)
    reasons = {r.code: r.contribution for r in health.reasons}
    assert reasons["satisfaction_trend"] < 0
    assert reasons["sla_breaches"] < 0
    assert globex.account_reviews.filter(state=ReviewState.SCHEDULED).exists()
    call_command("demo")  # again: nothing twice
    assert Playbook.objects.count() == len(Situation.values)
