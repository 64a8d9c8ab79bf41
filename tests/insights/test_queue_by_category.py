from django.urls import reverse

from charterdesk.tickets.models import Ticket
from charterdesk.workspace.filters import check_filters, condition

from .helpers import ticket_in, tree


def test_the_queue_filters_by_category(personas, login):
    _, refunds = tree(personas.manager)
    refund = ticket_in(refunds, subject="Refund please")
    ticket_in(None, subject="Something else")
    page = login(personas.tier1).get(reverse("desk:queue"), {"category": refunds.pk})
    html = page.content.decode()
    assert "Refund please" in html and "Something else" not in html
    assert f'value="{refunds.pk}" selected' in html
    assert refund.pk


def test_a_saved_view_keeps_a_category_filter(personas):
    _, refunds = tree(personas.manager)
    refund = ticket_in(refunds)
    ticket_in(None)
    checked = check_filters({"category": str(refunds.pk)}, personas.tier1)
    assert checked == {"category": str(refunds.pk)}
    shown = Ticket.objects.filter(condition(checked, personas.tier1))
    assert list(shown) == [refund]
