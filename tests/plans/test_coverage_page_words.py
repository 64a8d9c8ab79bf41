"""The public coverage page speaks like a person: channel names and holidays per year."""

import re

from django.test import Client


def _text(client: Client) -> str:
    html = client.get("/coverage/").content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_channels_are_named_as_people_write_them(personas, client):
    text = _text(client)
    assert "API" in text
    assert "Api" not in text


def test_support_hours_count_public_holidays_per_year(personas, client):
    text = _text(client)
    assert re.search(r"\b\d+ public holidays a year\b", text)
    assert not re.search(r"\b\d+ holidays\b", text)
