"""Managers read the audit log on a page: filtered by setting, person and days, newest
first, 50 a page with a link to older changes, in a fixed number of queries."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from charterdesk.core.models import AuditEntry


def _entries(count: int, **fields: object) -> None:
    base = {"action": "changed", "kind": "plans.plan", "object_id": "1", "object_repr": "Gold"}
    AuditEntry.objects.bulk_create(
        AuditEntry(**(base | fields), changes={"consulting_rate": ["0", str(n)]})
        for n in range(count)
    )


def test_the_log_shows_who_changed_what_before_and_after(login, personas):
    _entries(1, actor=personas.admin, actor_email=personas.admin.email)
    html = login(personas.manager).get("/manage/audit/").content.decode()
    assert "admin@charterdesk.example" in html
    assert "Changed plan <b>Gold</b>" in html
    assert "Consulting rate: <del>0</del> → <ins>0</ins>" in html


def test_the_log_filters_by_setting_and_person(login, personas):
    _entries(2, actor=personas.admin, actor_email=personas.admin.email)
    _entries(1, kind="sla.calendar", object_repr="Night desk", actor_email="m@x.example")
    client = login(personas.manager)
    html = client.get("/manage/audit/", {"kind": "sla.calendar"}).content.decode()
    assert "Night desk" in html and "<b>Gold</b>" not in html
    html = client.get("/manage/audit/", {"actor": personas.admin.email}).content.decode()
    assert "Night desk" not in html and "<b>Gold</b>" in html
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    html = client.get("/manage/audit/", {"end": yesterday}).content.decode()
    assert "No change matches these filters." in html


def test_a_filter_that_makes_no_sense_is_an_error_next_to_it(login, personas):
    page = login(personas.manager).get(
        "/manage/audit/", {"start": "2026-05-02", "end": "2026-05-01", "kind": "nonsense"}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "The end is before the start." in html
    assert "Select a valid choice" in html


def test_fifty_a_page_with_a_link_to_older_changes_in_fixed_queries(login, personas):
    AuditEntry.objects.all().delete()
    _entries(60, actor=personas.admin, actor_email=personas.admin.email)
    client = login(personas.manager)
    with CaptureQueriesContext(connection) as first_page:
        html = client.get("/manage/audit/").content.decode()
    assert html.count("<tr>") == 1 + 50
    older = html.split("before=")[1].split('"')[0]
    with CaptureQueriesContext(connection) as second_page:
        html = client.get("/manage/audit/", {"before": older}).content.decode()
    assert html.count("<tr>") == 1 + 10 and "Older changes" not in html
    assert len(second_page) == len(first_page)
    page = client.get("/manage/audit/", {"before": "x" * 30})
    assert page.status_code == 200  # a mangled link shows the first page
