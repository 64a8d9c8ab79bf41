"""Years 1 and 9999 are answered with a field error, never a 500: they overflow as soon as
they are converted to UTC or moved by a day, whatever the site's time zone."""

import pytest
from django.test import override_settings

from tests.tickets.factories import open_ticket

FAR_FUTURE = "9999-12-31T23:00:00-12:00"
FAR_PAST = "0001-01-01T00:00:00+14:00"


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_the_api_refuses_times_out_of_range_with_a_field_message(personas, api):
    ticket = open_ticket()
    client = api.as_(personas.tier1)
    promise = _post(
        client,
        f"/api/v1/tickets/{ticket.pk}/commitments",
        {"text": "Call back", "due_at": FAR_FUTURE, "owner_email": "tier1@charterdesk.example"},
    )
    time = _post(
        client,
        f"/api/v1/tickets/{ticket.pk}/time-entries",
        {"minutes": 10, "activity": "reply", "billable": True, "worked_at": FAR_PAST},
    )
    assert (promise.status_code, time.status_code) == (422, 422)
    assert "due_at" in str(promise.json()) and "worked_at" in str(time.json())
    assert ticket.time.count() == 0 and ticket.commitments.count() == 0


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/reports/swarming?to=0001-01-05T00:00:00Z",
        "/api/v1/reports/swarming?from=0001-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
    ],
)
def test_reports_refuse_periods_out_of_range(personas, api, url):
    response = api.as_(personas.manager).get(url)
    assert response.status_code == 422, response.content


@pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo", "America/Los_Angeles"])
def test_reports_of_dates_never_fail_on_extreme_years(personas, api, zone):
    client = api.as_(personas.manager)
    with override_settings(TIME_ZONE=zone):
        for url in (
            "/api/v1/reports/satisfaction?from=0001-01-01&to=2026-01-01",
            "/api/v1/reports/sla?from=0001-01-01&to=9999-12-31",
        ):
            assert client.get(url).status_code in (200, 422), url


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/Los_Angeles"])
def test_pages_refuse_times_out_of_range_in_any_site_time_zone(personas, login, zone):
    ticket = open_ticket()
    with override_settings(TIME_ZONE=zone):
        client = login(personas.tier1)
        pages = [
            client.get("/desk/reports/swarming?start=0001-01-01&end=2026-01-01"),
            client.get("/desk/reports/satisfaction?start=0001-01-01&end=2026-01-01"),
            client.get("/desk/reports/sla?start=0001-01-01&end=2026-01-01"),
            client.post(
                f"/desk/tickets/{ticket.pk}/time",
                {"minutes": 10, "activity": "reply", "worked_at": "0001-01-01T00:00"},
            ),
            client.post(
                f"/desk/tickets/{ticket.pk}/commitments",
                {"text": "Call back", "due_at": "9999-12-31T23:59", "owner": personas.tier1.pk},
            ),
        ]
    assert [page.status_code < 500 for page in pages] == [True] * len(pages)
    assert ticket.time.count() == 0 and ticket.commitments.count() == 0


def test_lists_ignore_a_malformed_number_in_the_address(personas, login):
    client = login(personas.manager)
    for url in (
        "/desk/commitments?owner=%C2%B2",
        "/desk/commitments?owner=99999999999999999999999",
        "/desk/mail/?before=%C2%B2",
        "/desk/mail/outbox/?before=%C2%B2",
        "/desk/mail/?before=99999999999999999999999",
        "/desk/?organization=%C2%B2",
    ):
        assert client.get(url).status_code == 200, url
