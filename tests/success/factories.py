from datetime import datetime

from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.customers.models import Organization
from charterdesk.success import playbooks, runs
from charterdesk.success.models import Playbook, PlaybookRun, Situation

TEMPLATE_BODY = "Hello {contact_first_name},\n\nwelcome aboard, {organization}!\n\n{agent_name}"


def content(**overrides: object) -> playbooks.Content:
    values: dict[str, object] = {
        "title": "Onboarding a new customer",
        "situation": Situation.ONBOARDING,
        "summary": "The first weeks of a new account.",
        "script": "**You:** Welcome! What matters most to you?\n\n<script>alert(1)</script>",
        "steps": [
            playbooks.StepIn("Kick-off call", "relationship_manager", 0, "Introduce the team."),
            playbooks.StepIn("Check the first tickets", "assigned_agent", 3),
            playbooks.StepIn("Ask for feedback", "support_manager", 10),
        ],
        "templates": [playbooks.TemplateIn("Welcome", "Welcome, {organization}", TEMPLATE_BODY)],
        **overrides,
    }
    return playbooks.Content(**values)  # type: ignore[arg-type]


def published_playbook(actor: User, **overrides: object) -> Playbook:
    playbook = playbooks.playbook_create(actor=actor, content=content(**overrides))
    playbooks.playbook_publish(playbook=playbook, actor=actor)
    playbook.refresh_from_db()
    return playbook


def run_on(
    playbook: Playbook, organization_name: str, actor: User, now: datetime | None = None
) -> PlaybookRun:
    assert playbook.live_version is not None
    return runs.run_start(
        version=playbook.live_version,
        organization=Organization.objects.get(name=organization_name),
        actor=actor,
        now=now or timezone.now(),
    )
