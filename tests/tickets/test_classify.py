import pytest

from charterdesk.tickets.classify import guess_request_type


@pytest.mark.parametrize(
    ("subject", "body", "expected"),
    [
        ("Our site is down", "Nothing loads, 502 bad gateway everywhere", "downtime"),
        ("Export fails", "I get an exception: ValueError in the export", "error"),
        ("Question", "How do I invite a colleague?", "how_to"),
        ("Planning", "What is the best way to migrate 2 TB? We'd like your advice", "consulting"),
        ("Hello", "Just saying hi", "how_to"),
    ],
)
def test_guess_picks_the_type_the_text_points_to(subject, body, expected):
    assert guess_request_type(subject, body) == expected
