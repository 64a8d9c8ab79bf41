import pytest
from django.core.exceptions import ValidationError

from charterdesk.tickets.services import ticket_set_tags
from charterdesk.workspace.models import SavedView
from charterdesk.workspace.selectors import view_counts, views_visible_to
from charterdesk.workspace.services import view_create
from tests.tickets.factories import open_ticket


def test_the_queues_filters_are_saved_as_a_view_that_opens_the_queue(personas, login):
    tagged = open_ticket(subject="VIP export")
    open_ticket(subject="Plain export")
    ticket_set_tags(tagged, personas.tier1, ["vip"])
    client = login(personas.tier1)
    response = client.post("/desk/views/new", {"name": "VIP open", "tag": "vip"}, follow=True)
    page = response.content.decode()
    assert "View “VIP open” saved." in page
    assert "VIP export" in page
    assert "Plain export" not in page
    view = SavedView.objects.get()
    assert view.filters == {"tag": "vip"}


def test_counts_of_every_view_come_from_one_query(personas, django_assert_num_queries):
    for n in range(3):
        ticket_set_tags(open_ticket(), personas.tier1, ["vip"] if n else ["billing"])
    views = [
        view_create(personas.tier1, name="VIP", filters={"tag": "vip"}),
        view_create(personas.tier1, name="Billing", filters={"tag": "billing"}),
        view_create(personas.tier1, name="Unassigned", filters={"assignee": "none"}),
        view_create(personas.tier1, name="Solved", filters={"status": "solved"}),
    ]
    with django_assert_num_queries(1):
        counts = view_counts(personas.tier1, views)
    unassigned = counts[views[2].pk]
    assert (counts[views[0].pk], counts[views[1].pk], counts[views[3].pk]) == (2, 1, 0)
    assert unassigned >= 3


def test_personal_views_stay_personal_and_shared_ones_need_a_team_lead(personas):
    view_create(personas.tier2, name="Mine", filters={})
    assert not views_visible_to(personas.tier1).filter(name="Mine").exists()
    with pytest.raises(ValidationError, match="Only team leads and managers share views"):
        view_create(personas.tier1, name="Everyone", filters={}, shared=True)
    view_create(personas.manager, name="Everyone", filters={}, shared=True)
    assert views_visible_to(personas.tier1).filter(name="Everyone").exists()


def test_a_bad_filter_is_refused(personas):
    with pytest.raises(ValidationError) as error:
        view_create(personas.tier1, name="Odd", filters={"status": "sleeping", "queue": "x"})
    assert {"status", "queue"} <= set(error.value.message_dict)


def test_the_queue_shows_views_with_their_counts(personas, login):
    ticket_set_tags(open_ticket(), personas.tier1, ["vip"])
    view_create(personas.tier1, name="VIP tickets", filters={"tag": "vip"})
    page = login(personas.tier1).get("/desk/").content.decode()
    assert "VIP tickets</a>" in page
    assert '<span class="count" title="tickets in this view">1</span>' in page


def test_a_view_of_urgent_tickets_counts_and_filters_the_queue_by_priority(personas, login):
    urgent = open_ticket(subject="Everything is down", priority="urgent")
    open_ticket(subject="A small question", priority="low")
    view = view_create(personas.tier1, name="Urgent", filters={"priority": "urgent"})
    assert view_counts(personas.tier1, [view])[view.pk] == 1
    page = login(personas.tier1).get(f"/desk/views/{view.pk}", follow=True).content.decode()
    assert "Everything is down" in page
    assert "A small question" not in page
    assert urgent.pk
