"""The worked example of docs/coverage.md, so the docs stay true."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from charterdesk.customers.models import Contact
from charterdesk.plans.coverage import decide_coverage
from charterdesk.plans.models import Contract
from charterdesk.sla import deadlines

LONDON = ZoneInfo("Europe/London")


def test_carols_how_to_request_is_metered_and_due_thursday_afternoon(personas):
    carol = Contact.objects.select_related("organization").get(email="carol@initech.example")
    created = datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)
    Contract.objects.filter(organization=carol.organization).update(starts_on=date(2026, 1, 1))
    coverage = decide_coverage(carol.organization, carol, "how_to", created.date())
    assert coverage.decision == "metered"
    assert coverage.reason == (
        "How-to requests are covered by the Bronze plan and draw on your contract's hours "
        "bank, in business hours."
    )
    due = deadlines.first_reply_due(
        coverage.contract, coverage.decision, "how_to", "normal", created
    )
    assert due == datetime(2026, 11, 26, 16, 30, tzinfo=LONDON)
