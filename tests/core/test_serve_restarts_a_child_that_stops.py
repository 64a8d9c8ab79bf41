"""`charterdesk serve` starts again a part (web, worker, scheduler) that stopped, and gives
up with a clear message when one keeps stopping."""

import sys
import time

from charterdesk.core.management.commands.serve import Children

DIES = [sys.executable, "-c", "import sys; sys.exit(3)"]
LIVES = [sys.executable, "-c", "import time; time.sleep(30)"]


def _settle(children: Children) -> None:
    for proc in children.procs.values():
        if proc.args == DIES:
            proc.wait(timeout=10)


def test_a_child_that_stops_is_started_again_and_the_others_keep_running(capsys):
    children = Children({"worker": DIES, "web": LIVES}, restarts=5, within=60)
    try:
        web = children.procs["web"]
        _settle(children)
        assert children.check() == ""
        assert children.procs["web"] is web and web.poll() is None
        assert "worker stopped (exit 3); starting it again (1 of 5" in capsys.readouterr().err
    finally:
        children.stop()


def test_a_child_that_keeps_stopping_stops_everything_with_a_message():
    children = Children({"worker": DIES, "web": LIVES}, restarts=2, within=60)
    try:
        reasons = []
        for _ in range(3):
            _settle(children)
            reasons.append(children.check())
        assert reasons[:2] == ["", ""]
        assert reasons[2].startswith("worker keeps stopping (exit 3; 3 times in 60 s)")
    finally:
        children.stop()
    assert all(proc.poll() is not None for proc in children.procs.values())


def test_stops_long_ago_do_not_count_against_the_limit():
    children = Children({"worker": DIES}, restarts=1, within=0.5)
    try:
        for _ in range(3):
            _settle(children)
            assert children.check() == ""
            time.sleep(0.6)
    finally:
        children.stop()
