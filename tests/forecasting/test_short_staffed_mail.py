"""The team lead hears of short-staffed half hours once per forecast run."""

from datetime import UTC, datetime, timedelta

from charterdesk.forecasting.models import QueueStaffing, StaffingModel, Trigger
from charterdesk.forecasting.services import forecast_run
from charterdesk.forecasting.sweep import sweep
from charterdesk.mail.models import OutboundMail
from tests.forecasting.factories import history
from tests.routing import factories as routing

NOW = datetime(2026, 3, 4, 3, 0, tzinfo=UTC)


def _lead_mail(lead_email: str) -> list[OutboundMail]:
    return list(OutboundMail.objects.filter(recipient=lead_email, subject__startswith="Forecast"))


def test_team_lead_gets_one_mail_per_run_listing_short_half_hours(personas) -> None:  # type: ignore[no-untyped-def]
    team = routing.team(lead=personas.tier2)
    queue = routing.queue(team, name="Chat")
    QueueStaffing.objects.create(queue=queue, model=StaffingModel.REAL_TIME, aht_seconds=300)
    routing.agent("Only one", team, calendar=routing.calendar("UTC", "09:00", "17:00"))
    history(queue, first=NOW.date() - timedelta(weeks=6), weeks=6, per_week=400)
    forecast_run(trigger=Trigger.ON_DEMAND, now=NOW)

    first = sweep(NOW)
    again = sweep(NOW)

    mails = _lead_mail(personas.tier2.email)
    assert len(mails) == 1
    assert first.mailed == [personas.tier2.email] and again.mailed == []
    assert "short-staffed half hour" in mails[0].subject
    assert "Chat:" in mails[0].text and "1 on shift" in mails[0].text
    assert "/desk/forecast/" in mails[0].text


def test_no_mail_when_the_team_is_covered(personas) -> None:  # type: ignore[no-untyped-def]
    team = routing.team(lead=personas.tier2)
    queue = routing.queue(team, name="Mail")
    QueueStaffing.objects.create(queue=queue, aht_seconds=60)
    for n in range(4):
        routing.agent(f"Always {n}", team)  # no calendar: on shift at any time
    history(queue, first=NOW.date() - timedelta(weeks=3), weeks=3, per_week=100)
    forecast_run(trigger=Trigger.ON_DEMAND, now=NOW)

    assert sweep(NOW).mailed == []
    assert _lead_mail(personas.tier2.email) == []
