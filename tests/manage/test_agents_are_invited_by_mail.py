"""A manager invites an agent on the settings pages with role, tier, teams, skills,
languages, schedule and capacity; the agent chooses a password from the mailed link and
routing sees the profile as set."""

from django.test import Client

from charterdesk.accounts.models import User
from charterdesk.core.models import AuditEntry
from charterdesk.routing.models import AgentProfile, Team
from charterdesk.sla.models import Calendar

from .agent_helpers import agent_data, invitation_link


def test_a_manager_invites_an_agent_who_sets_a_password(login, personas):
    team = Team.objects.create(name="Night shift")
    calendar = Calendar.objects.first()
    client = login(personas.manager)
    data = agent_data(email="Dana@Charterdesk.example", teams=[team.pk], calendar=calendar.pk)
    page = client.post("/manage/agents/invite", data, follow=True)
    assert "dana@charterdesk.example is invited" in page.content.decode()
    dana = User.objects.get(email="dana@charterdesk.example")
    assert (dana.is_active, dana.role, dana.tier, dana.name) == (False, "agent", 2, "Dana Scully")
    profile = AgentProfile.objects.get(user=dana)
    assert profile.skills == ["api", "billing"] and profile.languages == ["en", "de"]
    assert (profile.calendar, profile.capacity) == (calendar, 12)
    assert list(team.members.all()) == [dana]
    password = "a long fresh secret 9"  # noqa: S105
    agent = Client()
    agent.post(invitation_link(dana.email), {"new_password1": password, "new_password2": password})
    assert agent.get("/desk/").status_code == 200


def test_the_invitation_is_in_the_audit_log_with_the_manager(login, personas):
    team = Team.objects.create(name="Night shift")
    login(personas.manager).post(
        "/manage/agents/invite", agent_data(email="dana@charterdesk.example", teams=[team.pk])
    )
    entries = AuditEntry.objects.filter(actor_email=personas.manager.email)
    kinds = set(entries.values_list("kind", flat=True))
    assert {"accounts.user", "routing.agentprofile", "routing.team"} <= kinds
    membership = entries.get(kind="routing.team")
    assert membership.changes == {"members": {"added": ["Dana Scully"]}}


def test_the_invited_agent_is_listed_as_invited(login, personas):
    client = login(personas.manager)
    client.post("/manage/agents/invite", agent_data(email="dana@charterdesk.example"))
    html = client.get("/manage/agents/", {"state": "invited"}).content.decode()
    assert "dana@charterdesk.example" in html and "Invited" in html
    assert "dana@charterdesk.example" not in client.get("/manage/agents/").content.decode()


def test_an_address_with_an_account_is_an_error_at_its_field(login, personas):
    page = login(personas.manager).post(
        "/manage/agents/invite", agent_data(email=personas.tier1.email)
    )
    assert "already has an account" in page.content.decode()
    assert "Nothing was saved" in page.content.decode()
