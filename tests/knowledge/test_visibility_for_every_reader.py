"""Who reads which article: anonymous readers the public ones, customers also the
customers' ones (and their plan's), partners' contacts also the partners' ones, agents all;
drafts and archived articles reach no reader."""

import pytest

from charterdesk.customers.models import Organization
from charterdesk.knowledge.models import Visibility
from charterdesk.knowledge.selectors import articles_visible_to
from charterdesk.knowledge.services import article_archive, article_create
from charterdesk.plans.models import Plan

from .helpers import category, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(personas):
    m = personas.manager
    return {v: published(m, f"{v} article", visibility=v) for v in Visibility.values} | {
        "draft": article_create(author=m, title="Draft", body="Not yet.", category=category()),
    }


def titles(reader):
    return {
        a.latest_version.title for a in articles_visible_to(reader).select_related("latest_version")
    }


def test_anonymous_reader_sees_only_public_articles(shelf):
    assert titles(None) == {"public article"}


def test_customer_sees_public_and_customers_articles(shelf, personas):
    assert titles(personas.alice) == {"public article", "customers article"}


def test_partner_contact_also_sees_partner_articles(shelf, personas):
    Organization.objects.filter(pk=personas.bob.contact.organization_id).update(is_partner=True)
    personas.bob.contact.organization.refresh_from_db()
    assert titles(personas.bob) == {"public article", "customers article", "partners article"}


def test_agent_sees_every_published_article_but_no_draft(shelf, personas):
    assert titles(personas.tier1) == {f"{v} article" for v in Visibility.values}
    drafts = articles_visible_to(personas.tier1, drafts=True)
    assert drafts.filter(pk=shelf["draft"].pk).exists()
    assert (
        not articles_visible_to(personas.alice, drafts=True).filter(pk=shelf["draft"].pk).exists()
    )


def test_archived_article_reaches_no_reader(shelf, personas):
    article_archive(shelf["public"], personas.manager)
    assert "public article" not in titles(None) | titles(personas.alice) | titles(personas.tier1)


def test_audience_by_plan_limits_customers_articles(personas):
    alice_plan = personas.alice.contact.organization.contracts.first().plan
    other = Plan.objects.exclude(pk=alice_plan.pk).first()
    published(personas.manager, "Gold only", visibility="customers", plans=[alice_plan])
    published(personas.manager, "Other plan only", visibility="customers", plans=[other])
    assert "Gold only" in titles(personas.alice)
    assert "Other plan only" not in titles(personas.alice)
    assert "Other plan only" in titles(personas.tier1)
