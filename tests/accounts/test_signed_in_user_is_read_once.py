"""Every signed-in page reads its user and, with it, the user's contact in one statement
(EmailBackend.get_user): the reader's time zone, asked on every page, costs no statement
of its own (issue #13)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from charterdesk.customers.models import Contact


def _statements(client, url: str) -> tuple[list[str], object]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries], response


def test_a_customers_page_reads_them_and_their_contact_in_one_statement(personas, login):
    Contact.objects.filter(email="alice@acme.example").update(time_zone="Asia/Tokyo")
    client = login(personas.alice)
    client.get("/account/")  # the first visit records the session
    sql, response = _statements(client, "/account/")
    people = [s for s in sql if '"accounts_user"' in s or '"customers_contact"' in s]
    assert len(people) == 1, people
    assert response.wsgi_request.time_zone_name == "Asia/Tokyo"  # the profile's zone applies


def test_an_agents_page_reads_them_in_one_statement(personas, login):
    client = login(personas.tier1)
    client.get("/account/")
    sql, response = _statements(client, "/account/")
    people = [s for s in sql if '"accounts_user"' in s or '"customers_contact"' in s]
    assert len(people) == 1, people
    assert response.wsgi_request.time_zone_name == ""  # no contact: the browser's zone is asked
