"""'Suggest items': solved tickets of the path's product and type, the customer happy,
an article linked in a reply; best rated first."""

from django.utils import timezone

from charterdesk.knowledge.models import LinkUse
from charterdesk.learning.paths import PathInput, path_create
from charterdesk.satisfaction.models import Survey
from charterdesk.satisfaction.services import survey_send
from tests.knowledge.helpers import published
from tests.learning.factories import solved_ticket
from tests.products.factories import product


def _rated(ticket, rating, article=None, agent=None):
    survey_send(ticket, timezone.now())
    Survey.objects.filter(ticket=ticket).update(rating=rating)
    if article is not None:
        LinkUse.objects.create(article=article, ticket=ticket, agent=agent)
    return ticket


def test_happy_solved_tickets_with_an_article_are_suggested_best_first(personas, login):
    shop = product("Storefront")
    article = published(personas.manager, "Clear the export cache")
    agent = personas.tier2
    good = _rated(solved_ticket(agent, "Good", product="Storefront"), 4, article, agent)
    best = _rated(solved_ticket(agent, "Best", product="Storefront"), 5, article, agent)
    _rated(solved_ticket(agent, "Unhappy", product="Storefront"), 2, article, agent)
    _rated(solved_ticket(agent, "No article", product="Storefront"), 5)
    _rated(solved_ticket(agent, "Other product", product="Payments"), 5, article, agent)
    _rated(
        solved_ticket(agent, "Other type", product="Storefront", request_type="how_to"),
        5,
        article,
        agent,
    )
    path = path_create(
        actor=personas.manager,
        data=PathInput(title="Storefront errors", product=shop, request_type="error"),
    )
    page = login(personas.manager).get(f"/desk/learning/curate/{path.pk}/").content.decode()
    section = page[page.index("Suggested items") :]
    assert section.index(f"#{best.pk} Best") < section.index(f"#{good.pk} Good")
    for absent in ("Unhappy", "No article", "Other product", "Other type"):
        assert absent not in section
