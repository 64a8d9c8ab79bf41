import pytest
from django.core.management import call_command

from charterdesk.tickets.models import Status, Ticket
from charterdesk.workspace.problems import incidents_of


@pytest.fixture
def demo(personas):
    call_command("demo")


def test_the_demo_has_a_merged_pair_and_a_problem_with_three_incidents(demo):
    duplicate = Ticket.objects.get(subject="VAT on our invoices is wrong")
    assert duplicate.status == Status.CLOSED
    assert duplicate.merged_into.subject == "Invoice PDF shows the wrong VAT rate"
    problem = Ticket.objects.get(is_problem=True)
    incidents = incidents_of(problem)
    assert incidents.count() == 3
    assert len({t.organization_id for t in incidents}) == 3
    call_command("demo")  # again: nothing twice
    assert Ticket.objects.filter(is_problem=True).count() == 1
