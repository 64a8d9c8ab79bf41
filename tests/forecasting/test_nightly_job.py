"""The scheduler computes one forecast a night and tells the team leads once."""

from datetime import UTC, datetime, timedelta

import time_machine

from charterdesk.forecasting.models import ForecastRun, Trigger
from charterdesk.forecasting.tasks import forecast_nightly, nightly_due
from charterdesk.mail.models import OutboundMail
from tests.forecasting.factories import history
from tests.routing import factories as routing

NIGHT = datetime(2026, 3, 4, 3, 0, tzinfo=UTC)


def test_one_run_a_night_after_two_oclock(personas) -> None:  # type: ignore[no-untyped-def]
    team = routing.team(lead=personas.tier2)
    queue = routing.queue(team, name="Night desk")
    routing.agent("Day only", team, calendar=routing.calendar("UTC", "09:00", "17:00"))
    history(queue, first=NIGHT.date() - timedelta(weeks=2), weeks=2, per_week=200)

    with time_machine.travel(NIGHT - timedelta(hours=2), tick=False):  # 01:00
        assert forecast_nightly.call() == {"runs": 0, "alerted": 0}
    with time_machine.travel(NIGHT, tick=False):
        first = forecast_nightly.call()
    with time_machine.travel(NIGHT + timedelta(hours=1), tick=False):
        second = forecast_nightly.call()

    assert first == {"runs": 1, "alerted": 1}
    assert second == {"runs": 0, "alerted": 0}
    assert ForecastRun.objects.filter(trigger=Trigger.SCHEDULED).count() == 1
    assert OutboundMail.objects.filter(recipient=personas.tier2.email).count() == 1
    assert nightly_due(NIGHT + timedelta(days=1))
