"""`charterdesk serve` ends with the sign-ins and the address; the worker then logs one
line per periodic job that did something, and nothing for jobs that found nothing to do."""

import pytest

from charterdesk.core.banner import startup_lines
from charterdesk.core.management.commands.worker import did_something


def test_the_banner_lists_the_demo_sign_ins(personas):
    lines: list[str] = []
    startup_lines.announce(lines)
    assert lines[0] == "Sign in with password 'charterdesk-demo' as:"
    assert any(
        line.split()
        == ["alice@acme.example", "Customer", "contact", "at", "Acme", "Corp", "(Gold)"]
        for line in lines
    )


@pytest.mark.parametrize("result", [0, None, {}, {"warned": 0, "breached": 0}, [], False])
def test_a_job_that_did_nothing_logs_nothing(result):
    assert did_something(result) == ""


def test_a_job_that_did_something_says_what_in_one_line():
    assert did_something({"warned": 2, "breached": 0, "escalated": 1}) == "2 warned, 1 escalated"
    assert did_something(3) == "3 done"
