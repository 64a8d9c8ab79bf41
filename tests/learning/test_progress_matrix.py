"""The manager's view of who has done what: learners × items, a page at a time."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from charterdesk.accounts.models import User
from charterdesk.learning.paths import item_done, learner_enroll
from tests.learning.factories import path_with, solved_ticket


def _agents(n):
    return [
        User.objects.create_user(email=f"new{i}@charterdesk.example", name=f"New {i}", role="agent")
        for i in range(n)
    ]


def test_the_matrix_shows_each_learners_done_items(personas, login):
    tickets = [solved_ticket(personas.tier2, f"Case {n}") for n in range(3)]
    path = path_with(personas.manager, personas.tier1, *tickets)
    items = list(path.items.order_by("position"))
    item_done(learner=personas.tier1, item=items[0])
    item_done(learner=personas.tier1, item=items[2])
    page = login(personas.manager).get(f"/desk/learning/curate/{path.pk}/progress").content
    text = page.decode()
    assert "Sam Rivera" in text and "2 / 3" in text
    assert text.count("✓") == 2


def _statements(client, url):
    client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_matrix_takes_the_same_queries_for_4_or_15_learners(personas, login):
    tickets = [solved_ticket(personas.tier2, f"Case {n}") for n in range(3)]
    path = path_with(personas.manager, personas.tier1, *tickets)
    client = login(personas.manager)
    url = f"/desk/learning/curate/{path.pk}/progress"
    agents = _agents(14)
    counts = []
    for batch in (agents[:3], agents[3:]):
        for agent in batch:
            learner_enroll(actor=personas.manager, path=path, learner=agent)
            item_done(learner=agent, item=path.items.first())
        counts.append(_statements(client, url))
    assert counts[0] == counts[1]
