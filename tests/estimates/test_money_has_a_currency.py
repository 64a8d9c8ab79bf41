"""Every amount on an estimate carries the plan's currency: pages, mail and the API."""

from decimal import Decimal

from charterdesk.mail.models import OutboundMail
from charterdesk.plans.models import Plan
from tests.estimates.factories import consulting_ticket, quote


def test_the_estimate_mail_and_page_show_amounts_with_the_plans_currency(personas, login):
    Plan.objects.filter(name="Gold").update(currency="USD")
    ticket = consulting_ticket()
    estimate = quote(ticket, personas.tier2, "10", rate=Decimal("120"))
    assert estimate.currency == "USD"
    mail = OutboundMail.objects.get(recipient="alice@acme.example", subject__contains="Estimate")
    assert "Rate per hour: 120.00 USD" in mail.text
    assert "Total: 1,200.00 USD" in mail.text
    page = login(personas.alice).get(f"/portal/tickets/{ticket.pk}/").content.decode()
    assert "120.00 USD = 1,200.00 USD" in page


def test_the_api_names_the_currency(personas, api):
    ticket = consulting_ticket()
    quote(ticket, personas.tier2, "2", rate=Decimal("100"))
    body = api.as_(personas.tier2).get(f"/api/v1/tickets/{ticket.pk}/estimates").json()
    rows = body["items"] if isinstance(body, dict) else body
    assert (rows[0]["total"], rows[0]["currency"]) == ("200.00", "EUR")


def test_the_agents_estimate_form_names_the_currency_of_the_rate(personas, login):
    Plan.objects.filter(name="Gold").update(currency="USD")
    ticket = consulting_ticket()
    page = login(personas.tier2).get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert "Rate per hour (USD)" in page
