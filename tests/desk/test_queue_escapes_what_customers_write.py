"""The queue's rows are written in Python (desk/queue_rows.py), not by the template engine:
whatever a customer or an organization's name brings must still arrive escaped."""

from charterdesk.customers.models import Organization
from tests.tickets.factories import open_ticket


def test_a_subject_and_an_organization_name_arrive_escaped(personas, login):
    ticket = open_ticket(subject="<script>alert(1)</script> & more")
    Organization.objects.filter(pk=ticket.organization_id).update(name='Acme <b onmouseover="x()">')
    html = login(personas.tier1).get("/desk/").content.decode()
    assert f"/desk/tickets/{ticket.pk}/" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert '<b onmouseover="x()">' not in html
    assert "Acme &lt;b onmouseover=&quot;x()&quot;&gt;" in html
