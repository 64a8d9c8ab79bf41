import re
import zlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from charterdesk.customers.models import Organization


def _pdf_text(data: bytes) -> str:
    """The text drawn on the pages (fpdf2 compresses each page's content stream)."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
    text = b""
    for stream in streams:
        try:
            text += zlib.decompress(stream)
        except zlib.error:
            text += stream
    return text.decode("latin-1")


def test_an_agent_sees_the_statement_with_charts_and_download_links(login, personas, july):
    page = login(personas.tier1).get(f"/desk/statements/{july.acme.pk}", {"month": "2026-07"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Usage statement · July 2026" in html
    assert "Alice Archer" in html and "4.25 h" in html
    assert 'class="bar" style="width: 100%"' in html  # the biggest bar of a chart
    assert f"/desk/statements/{july.acme.pk}/csv?month=2026-07" in html
    assert f"/desk/statements/{july.acme.pk}/pdf?month=2026-07" in html
    assert "?month=2026-06" in html and "?month=2026-08" in html  # month picker


def test_agents_list_every_contract_with_links_to_its_statement(login, personas, july):
    page = login(personas.manager).get("/desk/statements")
    html = page.content.decode()
    assert page.status_code == 200
    assert (
        f"/desk/statements/{july.acme.pk}" in html and f"/desk/statements/{july.globex.pk}" in html
    )


def test_a_customer_lists_only_their_organizations_contracts(login, personas, july):
    html = login(personas.alice).get("/portal/statements").content.decode()
    assert f"/portal/statements/{july.acme.pk}" in html
    assert "Globex" not in html


def test_a_customer_sees_their_statement_in_the_portal(login, personas, july):
    page = login(personas.alice).get(f"/portal/statements/{july.acme.pk}", {"month": "2026-07"})
    assert page.status_code == 200
    assert f"/portal/statements/{july.acme.pk}/pdf?month=2026-07" in page.content.decode()


@pytest.mark.parametrize("suffix", ["", "/csv", "/pdf"])
def test_alice_cannot_open_globexs_statement(login, personas, july, suffix):
    url = f"/portal/statements/{july.globex.pk}{suffix}"
    assert login(personas.alice).get(url, {"month": "2026-07"}).status_code == 404


def test_customers_cannot_use_the_desk_pages(login, personas, july):
    assert login(personas.alice).get(f"/desk/statements/{july.acme.pk}").status_code == 403


def test_a_bad_month_shows_a_form_error_not_a_server_error(login, personas, july):
    page = login(personas.tier1).get(f"/desk/statements/{july.acme.pk}", {"month": "July"})
    assert page.status_code == 400
    assert "Give a month as YYYY-MM" in page.content.decode()


def test_the_csv_download_has_one_line_per_figure(login, personas, july):
    response = login(personas.alice).get(
        f"/portal/statements/{july.acme.pk}/csv", {"month": "2026-07"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"usage-statement-{july.acme.pk}-2026-07.csv" in response["Content-Disposition"]
    lines = response.content.decode().splitlines()
    assert lines[0] == "section,item,label,value"
    assert "hours,hours_used,Hours used this month,4.25" in lines
    assert "hours,hours_remaining,Hours remaining,35.75" in lines
    assert "tickets_by_type,error,Error,2" in lines
    assert "requester_hours,alice@acme.example,Alice Archer,4.25" in lines
    assert "sla_percent,first_reply,First reply,66.7" in lines


def test_a_requester_name_cannot_become_a_spreadsheet_formula(login, personas, july):
    personas.alice.contact.name = "=HYPERLINK(1)"
    personas.alice.contact.save()
    response = login(personas.tier1).get(
        f"/desk/statements/{july.acme.pk}/csv", {"month": "2026-07"}
    )
    assert "'=HYPERLINK(1)" in response.content.decode()


def test_the_pdf_download_is_a_readable_statement(login, personas, july):
    response = login(personas.tier1).get(
        f"/desk/statements/{july.acme.pk}/pdf", {"month": "2026-07"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = _pdf_text(response.content)
    for words in ("Usage statement July 2026", "Acme Corp", "Hours bank", "35.75", "Alice Archer"):
        assert words in text


def test_the_contract_list_takes_the_same_queries_for_more_contracts(
    login, personas, july, django_assert_num_queries
):
    client = login(personas.manager)
    with CaptureQueriesContext(connection) as few:
        client.get("/desk/statements")
    for number in range(10):  # ten more organizations, each with a contract
        july.globex.organization = Organization.objects.create(name=f"Customer {number}")
        july.globex.pk = None
        july.globex.save()
    with django_assert_num_queries(len(few)):
        page = client.get("/desk/statements")
    assert page.content.decode().count("This month") == 13


def test_the_month_picker_shows_the_month_on_the_page(login, personas, july):
    client = login(personas.tier1)
    html = client.get(f"/desk/statements/{july.acme.pk}", {"month": "2026-07"}).content.decode()
    assert 'name="month" value="2026-07"' in html
    html = client.get(f"/desk/statements/{july.acme.pk}").content.decode()
    shown = re.search(r"Usage statement · (\w+ \d{4})", html)
    value = re.search(r'name="month" value="(\d{4}-\d{2})"', html)
    assert shown and value, "the current month is in the picker, not an empty field"
