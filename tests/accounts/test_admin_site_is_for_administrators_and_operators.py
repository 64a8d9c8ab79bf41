"""A support manager is not a superuser: the Django admin is for administrators and
operators, each with what their role grants."""

import pytest

from charterdesk.accounts.models import Role
from tests.accounts.factories import staff
from tests.tickets.factories import open_ticket


def test_a_support_manager_is_sent_to_sign_in_instead_of_the_admin(personas, login):
    page = login(personas.manager).get("/admin/")
    assert page.status_code == 302
    assert page["Location"].startswith("/admin/login/")


def test_a_manager_cannot_reset_the_administrators_password(personas, login):
    url = f"/admin/accounts/user/{personas.admin.pk}/password/"
    login(personas.manager).post(url, {"password1": "taken-over-1", "password2": "taken-over-1"})
    personas.admin.refresh_from_db()
    assert personas.admin.check_password("charterdesk-demo")
    assert not personas.admin.check_password("taken-over-1")


def test_a_manager_marked_superuser_still_gets_no_admin(personas, login):
    personas.manager.is_superuser = True
    personas.manager.save()
    assert login(personas.manager).get("/admin/plans/plan/").status_code == 302


@pytest.mark.parametrize("who", ["tier1", "alice"])
def test_agents_and_customers_do_not_reach_the_admin(personas, login, who):
    assert login(getattr(personas, who)).get("/admin/").status_code == 302


def test_an_administrator_configures_plans_and_users(personas, login):
    client = login(personas.admin)
    assert client.get("/admin/plans/plan/").status_code == 200
    assert client.get(f"/admin/accounts/user/{personas.tier1.pk}/change/").status_code == 200


def test_an_operator_sets_up_mailboxes_but_not_people_or_plans(personas, login):
    client = login(staff(Role.OPERATOR, "ops@charterdesk.example"))
    assert client.get("/admin/mailboxes/mailbox/add/").status_code == 200
    assert client.get("/admin/plans/plan/").status_code == 403
    url = f"/admin/accounts/user/{personas.tier1.pk}/change/"
    client.post(url, {"email": personas.tier1.email, "role": "admin", "is_active": "on"})
    personas.tier1.refresh_from_db()
    assert personas.tier1.role == Role.AGENT


def test_an_operator_lands_in_the_admin_not_the_portal(db, login):
    client = login(staff(Role.OPERATOR, "ops@charterdesk.example"))
    assert client.get("/")["Location"] == "/admin/"


def test_groups_are_not_offered_since_roles_grant_permissions(personas, login):
    assert login(personas.admin).get("/admin/auth/group/").status_code == 404


def test_an_administrator_sees_tickets_in_the_admin_but_cannot_change_them(personas, login):
    ticket = open_ticket()
    client = login(personas.admin)
    page = client.get(f"/admin/tickets/ticket/{ticket.pk}/change/")
    assert page.status_code == 200
    assert "Save" not in page.content.decode()
