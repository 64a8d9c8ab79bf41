"""Roles with explicit permissions (accounts/roles.py): what a team lead, a manager and an
agent of any tier may do differs where it matters."""

import pytest
from django.core.exceptions import PermissionDenied

from charterdesk.accounts.models import Role
from charterdesk.hours.services import time_entry_create, time_entry_update
from tests.accounts.factories import staff
from tests.tickets.factories import open_ticket


def _entry_of(agent):  # type: ignore[no-untyped-def]
    return time_entry_create(open_ticket(), agent, minutes=30, activity="investigation")


def test_an_agent_cannot_correct_another_agents_time(personas):
    entry = _entry_of(personas.tier1)
    with pytest.raises(PermissionDenied):
        time_entry_update(entry, personas.tier3, minutes=5)


def test_a_team_lead_corrects_their_agents_time(personas):
    lead = staff(Role.TEAM_LEAD, "lead@charterdesk.example", tier=1)
    entry = _entry_of(personas.tier1)
    time_entry_update(entry, lead, minutes=45)
    entry.refresh_from_db()
    assert entry.minutes == 45


def test_a_team_lead_works_tickets_in_the_desk_but_edits_no_routing_rules(db, login):
    client = login(staff(Role.TEAM_LEAD, "lead@charterdesk.example", tier=1))
    assert client.get("/desk/").status_code == 200
    assert client.get("/desk/routing/rules/new").status_code == 403


def test_a_manager_edits_routing_rules_on_the_desk(personas, login):
    assert login(personas.manager).get("/desk/routing/rules/new").status_code == 200


def test_an_operator_does_not_work_tickets(db, login):
    client = login(staff(Role.OPERATOR, "ops@charterdesk.example"))
    assert client.get("/desk/").status_code == 403


def test_a_deactivated_administrator_may_do_nothing(personas):
    personas.admin.is_active = False
    assert not personas.admin.has_perm("plans.change_plan")
    assert not personas.admin.is_staff
