from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from charterdesk.tickets.category_models import Category
from charterdesk.tickets.models import TicketEvent
from charterdesk.tickets.services import category_create
from tests.tickets.factories import open_ticket

from .helpers import tree


def test_manager_adds_renames_and_deactivates_categories(personas, login):
    client = login(personas.manager)
    response = client.post(reverse("insights:categories"), {"name": "Billing", "position": 0})
    assert response.status_code == 302
    billing = Category.objects.get(path="Billing")
    client.post(reverse("insights:categories"), {"name": "Refunds", "parent": billing.pk})
    client.post(reverse("insights:category", args=[billing.pk]), {"name": "Payments"})
    page = client.get(reverse("insights:categories")).content.decode()
    assert "Payments › </span>" in page and "Refunds" in page
    client.post(reverse("insights:category_activate", args=[billing.pk]), {"active": "no"})
    assert not Category.objects.get(path="Payments › Refunds").active


def test_a_duplicate_is_shown_as_a_form_error(personas, login):
    tree(personas.manager)
    page = login(personas.manager).post(reverse("insights:categories"), {"name": "billing"})
    assert page.status_code == 200
    assert "exists already" in page.content.decode()


def test_agents_cannot_manage_categories(personas, login):
    response = login(personas.tier1).get(reverse("insights:categories"))
    assert response.status_code in (302, 403)


def test_agent_sets_category_and_cause_on_the_ticket_page(personas, login):
    _, refunds = tree(personas.manager)
    ticket = open_ticket()
    client = login(personas.tier1)
    page = client.get(reverse("desk:ticket", args=[ticket.pk])).content.decode()
    assert "Category and cause" in page and "Billing › Refunds" in page
    client.post(reverse("insights:ticket_category", args=[ticket.pk]), {"category": refunds.pk})
    client.post(
        reverse("insights:ticket_cause", args=[ticket.pk]),
        {"root_cause": "documentation_gap", "product": "Cloud", "solve": "on"},
    )
    ticket.refresh_from_db()
    assert ticket.category == refunds and ticket.category_set_by == personas.tier1
    assert (ticket.root_cause, ticket.status) == ("documentation_gap", "solved")
    page = client.get(reverse("desk:ticket", args=[ticket.pk])).content.decode()
    assert "Documentation gap" in page
    assert TicketEvent.objects.filter(ticket=ticket, field="category").exists()


def test_the_customer_portal_never_shows_the_category(personas, login):
    _, refunds = tree(personas.manager)
    ticket = open_ticket()
    login(personas.tier1).post(
        reverse("insights:ticket_category", args=[ticket.pk]), {"category": refunds.pk}
    )
    page = login(personas.alice).get(reverse("portal:ticket", args=[ticket.pk]))
    assert page.status_code == 200
    assert "Refunds" not in page.content.decode()


def test_the_category_list_costs_the_same_queries_for_a_deeper_tree(
    personas, login, django_assert_max_num_queries
):
    client = login(personas.manager)
    billing, _ = tree(personas.manager)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("insights:categories")).status_code == 200
    for n in range(6):
        category_create(actor=personas.manager, name=f"Sub {n}", parent=billing)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("insights:categories")).content.decode()
    assert "Billing › </span>" in page and "Sub 5" in page
