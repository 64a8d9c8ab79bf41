"""The ticket page's collapsed forms (escalate, record a promise, link, merge, …) are drawn
when the agent opens them, not on every visit (issue #13); without JavaScript each is a link
to a page of its own, and a form that failed shows in the page with its errors."""

from tests.desk.helpers_forms import collapsed_form_urls
from tests.tickets.factories import open_ticket


def test_it_draws_a_collapsed_form_only_when_the_agent_opens_it(personas, login):
    ticket = open_ticket()
    client = login(personas.tier1)
    html = client.get(f"/desk/tickets/{ticket.pk}/").content.decode()

    assert f'action="/desk/tickets/{ticket.pk}/commitments"' not in html
    url = f"/desk/tickets/{ticket.pk}/forms/promise"
    assert url in collapsed_form_urls(html)
    assert f'<a href="{url}">Open the form</a>' in html  # the way without JavaScript

    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith("<form")
    assert 'id="promise-due_at"' in fragment and "Record promise" in fragment
    assert "<html" not in fragment


def test_without_javascript_the_form_is_a_page_of_its_own(personas, login):
    ticket = open_ticket()
    page = login(personas.tier1).get(f"/desk/tickets/{ticket.pk}/forms/escalate")

    html = page.content.decode()
    assert page.status_code == 200 and "<html" in html
    assert f'href="/desk/tickets/{ticket.pk}/"' in html  # back to the ticket
    assert f'action="/desk/tickets/{ticket.pk}/escalate"' in html


def test_a_customer_cannot_open_the_forms_and_unknown_forms_are_not_found(personas, login):
    ticket = open_ticket()
    customer = login(personas.alice).get(f"/desk/tickets/{ticket.pk}/forms/promise")
    assert customer.status_code in (302, 403, 404)
    agent = login(personas.tier1)
    assert agent.get(f"/desk/tickets/{ticket.pk}/forms/nothing").status_code == 404
    assert agent.get("/desk/tickets/999999/forms/promise").status_code == 404


def test_only_administrators_open_the_anonymize_form(personas, login):
    ticket = open_ticket()
    assert (
        login(personas.tier1).get(f"/desk/tickets/{ticket.pk}/forms/anonymize").status_code == 404
    )
    assert (
        login(personas.admin).get(f"/desk/tickets/{ticket.pk}/forms/anonymize").status_code == 200
    )
