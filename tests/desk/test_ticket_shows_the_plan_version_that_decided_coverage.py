"""The agent sees which version of the customer's plan decided a ticket's coverage: a
ticket opened after Silver's version 2 took effect says so, an older one says version 1."""

from django.utils import timezone

from charterdesk.plans.versions import plan_today, plan_version_publish
from tests.plans.versions import draft_version
from tests.tickets.factories import open_ticket


def test_the_ticket_page_names_the_plan_version(login, personas):
    before = open_ticket("bob@globex.example")
    version = draft_version("Silver", hours_included=30)
    today = plan_today(version.plan, timezone.now())
    plan_version_publish(version=version, effective_from=today, clocks="keep")
    after = open_ticket("bob@globex.example")
    agent = login(personas.tier1)
    assert "(version 1)" in agent.get(f"/desk/tickets/{before.pk}/").content.decode()
    assert "(version 2)" in agent.get(f"/desk/tickets/{after.pk}/").content.decode()
