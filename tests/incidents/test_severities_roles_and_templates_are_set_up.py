"""Set-up pages for severity levels, role assignments (with the preview of who would take
a role) and notice templates (with a safe preview). Managers change, agents read; bad
input is an error on the form, never a 500."""

from charterdesk.incidents.choices import IncidentRole
from charterdesk.incidents.models import MessageTemplate, RoleAssignment, SeverityPolicy
from charterdesk.routing.models import Team

from .factories import service, severity

SETUP = "/desk/incidents/setup"


def _policy(**extra: object) -> dict[str, object]:
    return {
        "level": 3,
        "name": "Minor",
        "alert_customers": "on",
        "alert_after_minutes": 30,
        "max_update_interval_minutes": 120,
        "reminder_minutes": 15,
        "postmortem_business_days": 10,
        "calendar": "",
        **extra,
    }


def test_a_manager_adds_a_severity_level_with_its_policy(personas, login):
    client = login(personas.manager)
    added = client.post(f"{SETUP}/severities", _policy())
    assert added.status_code == 302, added.content.decode()[:3000]
    page = client.get(f"{SETUP}/severities").content.decode()
    assert "after 30 minutes" in page
    assert "10 business days after resolution" in page
    assert SeverityPolicy.objects.get(level=3).max_update_interval_minutes == 120


def test_a_taken_level_and_a_too_short_interval_are_form_errors(personas, login):
    severity(1)
    client = login(personas.manager)
    refused = client.post(f"{SETUP}/severities", _policy(level=1, max_update_interval_minutes=1))
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "already exists" in text or "exists already" in text
    assert "greater than or equal to 5" in text


def test_a_manager_edits_a_severity_and_an_agent_may_not(personas, login):
    sev = severity(2)
    manager = login(personas.manager)
    saved = manager.post(f"{SETUP}/severities/{sev.pk}", _policy(level=2, name="Major outage"))
    assert saved.status_code == 302
    sev.refresh_from_db()
    assert sev.name == "Major outage"
    agent = login(personas.tier1)
    assert "Save severity level" not in agent.get(f"{SETUP}/severities/{sev.pk}").content.decode()
    refused = agent.post(f"{SETUP}/severities/{sev.pk}", _policy(level=2, name="Changed"))
    assert refused.status_code == 403
    sev.refresh_from_db()
    assert sev.name == "Major outage"


def test_the_preview_names_the_most_specific_commander(personas, login):
    cloud, billing = service("Cloud"), service("Billing")
    sev1, sev3 = severity(1), severity(3)
    team = Team.objects.create(name="Cloud on-call")
    client = login(personas.manager)
    client.post(f"{SETUP}/roles", {"role": "commander", "user": personas.tier3.pk})
    client.post(f"{SETUP}/roles", {"role": "commander", "service": cloud.pk, "team": team.pk})
    client.post(
        f"{SETUP}/roles",
        {"role": "commander", "service": cloud.pk, "severity": sev1.pk, "user": personas.tier2.pk},
    )
    assert RoleAssignment.objects.count() == 3

    def who(svc, sev):
        page = client.get(f"{SETUP}/roles", {"role": "commander", "service": svc, "severity": sev})
        text = page.content.decode()
        return text[text.index('class="answer"') :][:600]

    assert str(personas.tier2) in who(cloud.pk, sev1.pk)
    assert "on-call team Cloud on-call" in who(cloud.pk, sev3.pk)
    billing_answer = who(billing.pk, sev1.pk)
    assert "Cloud on-call" not in billing_answer
    assert str(personas.tier3) in billing_answer


def test_the_preview_says_nobody_when_no_default_exists(personas, login):
    page = login(personas.tier1).get(f"{SETUP}/roles", {"role": "scribe"}).content.decode()
    assert "<b>nobody</b>" in page


def test_a_role_needs_a_person_or_a_team_and_is_assigned_once(personas, login):
    client = login(personas.manager)
    neither = client.post(f"{SETUP}/roles", {"role": "commander"})
    assert neither.status_code == 400
    assert "Choose a person or a team" in neither.content.decode()
    client.post(f"{SETUP}/roles", {"role": "commander", "user": personas.tier3.pk})
    twice = client.post(f"{SETUP}/roles", {"role": "commander", "user": personas.tier2.pk})
    assert twice.status_code == 400
    assert "already assigned" in twice.content.decode()
    assert RoleAssignment.objects.filter(role=IncidentRole.COMMANDER).count() == 1


def test_a_template_preview_fills_only_the_placeholders(personas, login):
    client = login(personas.manager)
    shown = client.post(
        f"{SETUP}/templates/first_alert",
        {"subject": "[Down] {title}", "body": "{{ {nature} }} Next: {next_update}", "preview": "1"},
    )
    text = shown.content.decode()
    assert "[Down] Checkout is slow in Europe" in text
    assert "{ Payments take up to a minute and some fail. } Next: 2026-12-04 15:30 UTC" in text
    assert not MessageTemplate.objects.exists()  # a preview saves nothing


def test_template_code_is_refused_not_run(personas, login):
    client = login(personas.manager)
    refused = client.post(
        f"{SETUP}/templates/update",
        {"subject": "{settings.SECRET_KEY}", "body": "{% debug %} {next_update}", "save": "1"},
    )
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "Unknown placeholder {settings.SECRET_KEY}" in text
    assert "Unknown placeholder {% debug %}" in text
    assert not MessageTemplate.objects.exists()


def test_an_alert_template_must_promise_the_next_update(personas, login):
    client = login(personas.manager)
    refused = client.post(
        f"{SETUP}/templates/first_alert",
        {"subject": "[Down] {title}", "body": "Something is wrong.", "save": "1"},
    )
    assert refused.status_code == 400
    assert "{next_update}" in refused.content.decode()
    saved = client.post(
        f"{SETUP}/templates/first_alert",
        {"subject": "[Down] {title}", "body": "Wrong. Next: {next_update}", "save": "1"},
    )
    assert saved.status_code == 302
    assert MessageTemplate.objects.get(kind="first_alert").body == "Wrong. Next: {next_update}"


def test_an_agent_previews_templates_but_cannot_save_them(personas, login):
    client = login(personas.tier1)
    page = client.get(f"{SETUP}/templates/resolution").content.decode()
    assert "Save template" not in page
    assert "Preview with sample values" in page
    refused = client.post(
        f"{SETUP}/templates/resolution", {"subject": "x", "body": "y", "save": "1"}
    )
    assert refused.status_code == 403


def test_an_unknown_kind_of_notice_is_not_found(personas, login):
    assert login(personas.manager).get(f"{SETUP}/templates/nope").status_code == 404


def test_a_manager_hands_a_role_to_a_team_instead_of_a_person(personas, login):
    team = Team.objects.create(name="Night shift")
    assignment = RoleAssignment.objects.create(role=IncidentRole.SCRIBE, user=personas.tier1)
    client = login(personas.manager)
    both = client.post(
        f"{SETUP}/roles/{assignment.pk}",
        {"role": "scribe", "user": personas.tier1.pk, "team": team.pk},
    )
    assert both.status_code == 400
    saved = client.post(f"{SETUP}/roles/{assignment.pk}", {"role": "scribe", "team": team.pk})
    assert saved.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.user, assignment.team) == (None, team)


def test_a_template_goes_back_to_the_built_in_words(personas, login):
    client = login(personas.manager)
    client.post(
        f"{SETUP}/templates/update",
        {"subject": "Mine {title}", "body": "Next: {next_update}", "save": "1"},
    )
    assert "Mine {title}" in client.get(f"{SETUP}/templates").content.decode()
    reset = client.post(f"{SETUP}/templates/update/reset")
    assert reset.status_code == 302
    assert not MessageTemplate.objects.exists()
    assert (
        "[Incident update: {status}] {title}" in client.get(f"{SETUP}/templates").content.decode()
    )
    assert login(personas.tier1).post(f"{SETUP}/templates/update/reset").status_code == 403
