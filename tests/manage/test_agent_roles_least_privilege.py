"""Who may give which role: a manager invites agents, team leads and managers but never an
administrator; nobody changes their own role or deactivates themselves; a manager cannot
change or deactivate an administrator; agents do not reach the agents pages at all."""

from charterdesk.accounts.models import Role, User
from charterdesk.core.models import AuditEntry

from .agent_helpers import agent_data


def test_a_manager_cannot_invite_an_administrator(login, personas):
    page = login(personas.manager).post(
        "/manage/agents/invite", agent_data(email="eve@charterdesk.example", role="admin")
    )
    assert "Select a valid choice" in page.content.decode()
    assert not User.objects.filter(email="eve@charterdesk.example").exists()


def test_an_administrator_may_make_a_manager_an_administrator(login, personas):
    url = f"/manage/agents/{personas.manager.pk}/"
    login(personas.admin).post(url, agent_data(name="Manager", role="admin", tier=""))
    personas.manager.refresh_from_db()
    assert personas.manager.role == Role.ADMIN


def test_nobody_changes_their_own_role(login, personas):
    url = f"/manage/agents/{personas.manager.pk}/"
    client = login(personas.manager)
    assert "Nobody changes their own role." in client.get(url).content.decode()
    client.post(url, agent_data(name="Me", role="agent", tier="1"))
    personas.manager.refresh_from_db()
    assert personas.manager.role == Role.MANAGER and personas.manager.name == "Me"


def test_a_manager_cannot_deactivate_an_administrator_or_themselves(login, personas):
    client = login(personas.manager)
    assert client.post(f"/manage/agents/{personas.admin.pk}/deactivate").status_code == 403
    assert client.post(f"/manage/agents/{personas.manager.pk}/deactivate").status_code == 403
    page = client.post(f"/manage/agents/{personas.admin.pk}/", agent_data(role="admin"))
    assert page.status_code == 403
    personas.admin.refresh_from_db()
    assert personas.admin.is_active and personas.admin.name != "Dana Scully"


def test_a_tiered_role_needs_a_tier(login, personas):
    page = login(personas.manager).post(
        f"/manage/agents/{personas.tier1.pk}/", agent_data(role="team_lead", tier="")
    )
    assert "Agents and team leads work in a tier" in page.content.decode()


def test_agents_and_customers_do_not_reach_the_agents_pages(login, personas):
    assert login(personas.tier1).get("/manage/agents/").status_code == 403
    assert login(personas.tier1).get("/manage/teams/").status_code == 403
    assert login(personas.alice).get("/manage/agents/").status_code == 404


def test_a_role_change_is_in_the_audit_log_with_before_and_after(login, personas):
    login(personas.manager).post(
        f"/manage/agents/{personas.tier1.pk}/",
        agent_data(name=personas.tier1.name, role="team_lead", tier="1", capacity="30"),
    )
    account = AuditEntry.objects.filter(kind="accounts.user").latest("id")
    assert account.actor_email == personas.manager.email
    assert account.changes["role"] == ["agent", "team_lead"]
    profile = AuditEntry.objects.filter(kind="routing.agentprofile").latest("id")
    assert profile.changes["capacity"] == [None, 30]
    assert profile.changes["languages"] == [None, ["en", "de"]]
