"""The demo community is lively: categories for every audience, answered and unanswered
questions, a hidden flagged post in the queue, a topic that became a ticket."""

from django.utils import timezone

from charterdesk.community.models import Category, Review, Topic
from charterdesk.demo import community
from charterdesk.demo.reference import build_reference


def test_demo_community_has_what_a_manager_expects(client, login, personas):
    now = timezone.now()
    community.add_demo(build_reference(), now)
    community.add_demo(build_reference(), now)  # run again: nothing doubled
    assert Category.objects.count() == 5
    assert Topic.objects.filter(accepted__isnull=False).count() == 3
    assert Topic.objects.filter(reply_count=0, kind="question").exists()
    assert Topic.objects.filter(ticket__isnull=False).count() == 1
    login(personas.tier1)
    queue = client.get("/desk/community/moderation").content.decode()
    assert "Stop whining" in queue
    login(personas.bob)  # Globex is on Silver: no Gold lounge, no staff room
    page = client.get("/community/").content.decode()
    assert "Do webhooks retry" in page
    assert "first reply on Gold" not in page and "holidays" not in page
    assert (
        Topic.objects.get(title__startswith="The API rate")
        .posts.filter(review=Review.PENDING)
        .exists()
    )
