"""The SLA report: months in order, totals per plan and for all, percentages with the counts
behind them, and each count leads to its tickets."""

from datetime import date

from charterdesk.desk.reports import by_plan
from charterdesk.sla.selectors import AttainmentRow
from tests.sla.test_report_and_api import three_tickets


def _row(plan: str, month: int, metric: str, achieved: int, breached: int) -> AttainmentRow:
    return AttainmentRow(plan, metric, "high", date(2026, month, 1), achieved, breached, 0)


def test_months_come_in_order_with_totals_per_plan_and_overall():
    blocks, overall = by_plan(
        [
            _row("Silver", 11, "resolution", 1, 1),
            _row("Gold", 11, "first_reply", 3, 1),
            _row("Gold", 9, "resolution", 2, 0),
            _row("Gold", 9, "first_reply", 1, 1),
        ]
    )
    gold = blocks[0]
    assert [b.plan for b in blocks] == ["Gold", "Silver"]
    assert [(r.month.month, r.metric) for r in gold.rows] == [
        (9, "first_reply"),
        (9, "resolution"),
        (11, "first_reply"),
    ]
    assert (gold.total.achieved, gold.total.breached, gold.total.percent) == (6, 2, 75)
    assert (overall.achieved, overall.breached, overall.percent) == (7, 3, 70)


def test_the_page_shows_percentages_with_counts_and_links_to_the_tickets(login, personas):
    met, late, running = three_tickets(personas)
    client = login(personas.manager)
    page = client.get("/desk/reports/sla?start=2026-11-01&end=2026-11-30").content.decode()
    assert '33% <span class="muted">(1 of 3)</span>' in page
    assert "Total Gold" in page and "All plans" in page
    link = (
        "/desk/reports/sla/tickets?plan=Gold&amp;metric=first_reply&amp;priority=urgent"
        "&amp;month=2026-11-01&amp;outcome=breached"
    )
    assert link in page
    drill = client.get(link.replace("&amp;", "&")).content.decode()
    assert f"#{late.pk} " in drill and f"#{running.pk} " in drill and f"#{met.pk} " not in drill
