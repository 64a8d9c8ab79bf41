"""`charterdesk forecast` computes the forecast now: one line per queue; bad arguments get
one line and exit code 2."""

import io
import subprocess
import sys

from django.core.management import call_command
from django.utils import timezone

from charterdesk.forecasting.models import ForecastRun
from tests.forecasting.factories import history
from tests.routing import factories as routing


def test_forecast_prints_one_line_per_queue(personas):
    queue = routing.queue(routing.team(name="Voice"), name="Phones")
    history(queue, first=timezone.now().date() - timezone.timedelta(weeks=3), weeks=3,
            per_week=200)  # fmt: skip
    out = io.StringIO()
    call_command("forecast", "--weeks", "1", stdout=out, stderr=io.StringIO())
    lines = out.getvalue().splitlines()
    phones = next(line for line in lines if line.startswith("Phones: "))
    assert "tickets expected, 3 weeks of history, MAPE" in phones
    assert float(phones.split()[1].replace(",", "")) > 0
    assert ForecastRun.objects.count() == 1


def test_bad_weeks_get_one_line_and_exit_2():
    done = subprocess.run(
        [sys.executable, "-m", "charterdesk.cli", "forecast", "--weeks", "99"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "charterdesk forecast: argument --weeks: weeks must be from 1 to 12, not 99 "
        "(see 'charterdesk forecast --help')"
    ]
