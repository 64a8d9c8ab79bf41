"""Who may open the dashboard: team leads and managers; other agents are told why,
customers do not learn it exists."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from charterdesk.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_manager_sees_the_dashboard_and_its_link(personas: SimpleNamespace, login) -> None:  # type: ignore[no-untyped-def]
    page = login(personas.manager).get(reverse("workspace:dashboard"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Open and unassigned" in text
    assert "Breaching in the next hour" in text
    assert "Agents on shift" in text
    assert "Incidents in progress" in text
    assert "Satisfaction today" in text
    assert "Created and solved per day" in text
    assert f'href="{reverse("workspace:dashboard")}"' in text


def test_team_lead_may_open_the_dashboard(personas: SimpleNamespace, login) -> None:  # type: ignore[no-untyped-def]
    personas.tier2.role = Role.TEAM_LEAD
    personas.tier2.save(update_fields=["role"])
    assert login(personas.tier2).get(reverse("workspace:dashboard")).status_code == 200


def test_agent_is_refused_and_has_no_link(personas: SimpleNamespace, login) -> None:  # type: ignore[no-untyped-def]
    client = login(personas.tier1)
    assert client.get(reverse("workspace:dashboard")).status_code == 403
    panel = reverse("workspace:dashboard_panel", args=["backlog"])
    assert client.get(panel).status_code == 403
    queue = client.get(reverse("desk:queue")).content.decode()
    assert reverse("workspace:dashboard") not in queue


def test_customer_gets_not_found(personas: SimpleNamespace, login) -> None:  # type: ignore[no-untyped-def]
    client = login(personas.alice)
    assert client.get(reverse("workspace:dashboard")).status_code == 404
    assert client.get(reverse("workspace:dashboard_panel", args=["trends"])).status_code == 404


def test_unknown_panel_and_period_are_handled(personas: SimpleNamespace, login) -> None:  # type: ignore[no-untyped-def]
    client = login(personas.manager)
    assert client.get(reverse("workspace:dashboard_panel", args=["nope"])).status_code == 404
    page = client.get(reverse("workspace:dashboard"), {"days": "12"})
    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()
    assert page.context["days"] == 30
