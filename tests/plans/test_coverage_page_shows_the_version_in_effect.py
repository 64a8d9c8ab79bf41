"""The public coverage page shows the published plans' terms in effect and which version
they are; a version published for a later day is announced, not shown, until its day."""

from datetime import UTC, date, datetime

import time_machine
from django.test import Client

from charterdesk.plans.sweep import apply_due_versions
from charterdesk.plans.versions import plan_version_publish
from tests.plans.versions import draft_version

MONDAY = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def _gold_column(html: str) -> str:
    return html.split("<th>Gold", 1)[1].split("</th>", 1)[0]


def _gold_how_to(html: str) -> str:
    """Gold's cell (the first plan) in the how-to row."""
    row = html.split("How-to", 1)[1].split("</tr>", 1)[0]
    return row.split("<td>", 2)[1]


def test_the_page_shows_the_version_in_effect_and_announces_the_next(personas):
    with time_machine.travel(MONDAY, tick=False):
        version = draft_version("Gold", decisions={"how_to": "metered"})
        plan_version_publish(version=version, effective_from=date(2027, 1, 1), clocks="keep")
    before = Client().get("/coverage/").content.decode()
    assert "Version 1" in _gold_column(before)
    assert "New terms (version 2) from 1 Jan 2027" in _gold_column(before)
    assert "Included" in _gold_how_to(before) and "Metered" not in _gold_how_to(before)

    apply_due_versions(datetime(2027, 1, 1, 0, 0, tzinfo=UTC))
    after = Client().get("/coverage/").content.decode()
    assert "Version 2" in _gold_column(after) and "New terms" not in _gold_column(after)
    assert "Metered" in _gold_how_to(after)
