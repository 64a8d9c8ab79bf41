"""`charterdesk routing_loads` tells whether the kept loads match the tickets and, with
--repair, rewrites them and puts back missing triggers."""

import pytest
from django.core.management import call_command

from charterdesk.routing import load_counter
from charterdesk.routing.models import AgentLoad
from tests.routing.factories import agent, give


def test_loads_match_after_migrations_with_the_triggers_in_place(personas, capsys):
    give(agent("Ann"), 2)
    call_command("routing_loads")
    assert "loads match" in capsys.readouterr().out
    assert load_counter.installed()


def test_drifted_loads_are_reported_then_repaired(personas, capsys):
    ann = agent("Ann")
    give(ann, 2, priority="high")
    AgentLoad.objects.filter(user=ann).update(high=7, low=1)
    with pytest.raises(SystemExit) as exit_:
        call_command("routing_loads")
    assert exit_.value.code == 1
    assert f"agent {ann.pk}: kept 0/7/0/1, tickets say 0/2/0/0" in capsys.readouterr().out
    call_command("routing_loads", "--repair")
    assert "1 agents' loads repaired" in capsys.readouterr().out
    assert AgentLoad.objects.get(user=ann).high == 2
    assert load_counter.check() == {}


def test_repair_puts_back_dropped_triggers_and_counting_resumes(personas, capsys):
    ann = agent("Ann")
    load_counter.uninstall()  # as a SQLite table rebuild by a tickets migration would
    give(ann, 3)
    with pytest.raises(SystemExit):
        call_command("routing_loads")
    assert "missing or outdated" in capsys.readouterr().err
    call_command("routing_loads", "--repair")
    assert load_counter.installed()
    give(ann, 1, priority="urgent")
    assert load_counter.check() == {}
    assert AgentLoad.objects.get(user=ann).normal == 3
