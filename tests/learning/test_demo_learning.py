import pytest
from django.core.management import call_command

from charterdesk.learning.models import DraftReply, DraftState
from charterdesk.learning.selectors import paths_of_learner, shadowing_of
from charterdesk.products.models import Product
from charterdesk.tickets.models import Ticket


@pytest.fixture
def demo(personas):
    call_command("demo")


def test_the_demo_has_a_catalogue_and_a_new_agent_halfway_in_shadow_mode(demo, login):
    assert set(Product.objects.values_list("name", flat=True)) == {
        "Storefront",
        "Platform API",
        "Dashboard",
    }
    checkout = Ticket.objects.get(subject="Checkout returns 502 for all EU customers")
    assert (checkout.product, checkout.product_version.version) == ("Storefront", "4.1")
    riley = DraftReply.objects.get().learner
    path = paths_of_learner(riley).get()
    assert 0 < path.done_count < path.item_count
    assert shadowing_of(riley).mentor.email == "tier2@charterdesk.example"
    waiting = DraftReply.objects.get(state=DraftState.WAITING)
    page = login(waiting.mentor).get("/desk/learning/drafts/").content.decode()
    assert "Riley Novak" in page
    call_command("demo")  # again: nothing doubles
    assert DraftReply.objects.count() == 1
