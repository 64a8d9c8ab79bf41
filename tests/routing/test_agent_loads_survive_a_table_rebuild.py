"""A migration that rebuilds tickets_ticket on SQLite drops the agent-load triggers; after
`migrate` they are back and every agent's load is counted again."""

import pytest
from django.apps import apps
from django.db import connection

from charterdesk.routing import load_counter
from charterdesk.routing.receivers import restore_agent_loads
from charterdesk.tickets.models import Ticket
from tests.tickets.factories import open_ticket

pytestmark = pytest.mark.django_db


def test_it_reinstalls_dropped_triggers_and_recounts(personas):
    load_counter.uninstall(connection)  # what a SQLite table rebuild does
    ticket = open_ticket()
    Ticket.objects.filter(pk=ticket.pk).update(assignee=personas.tier1)
    assert load_counter.check()  # the counts missed the assignment

    restore_agent_loads(apps.get_app_config("routing"), using="default", verbosity=0)

    assert load_counter.installed(connection)
    assert load_counter.check() == {}
    Ticket.objects.filter(pk=ticket.pk).update(assignee=None)
    assert load_counter.check() == {}  # the triggers count again
