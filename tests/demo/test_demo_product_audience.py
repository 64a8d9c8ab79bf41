import pytest
from django.core.management import call_command

from charterdesk.accounts.models import User
from charterdesk.demo.product_audience import TITLE
from charterdesk.knowledge.models import ArticleVersion
from charterdesk.knowledge.selectors import articles_visible_to


@pytest.mark.slow
@pytest.mark.django_db
def test_the_demo_has_an_article_for_platform_api_users_only(personas):
    call_command("demo")
    call_command("demo")  # again: nothing twice
    version = ArticleVersion.objects.get(title=TITLE)
    article = version.article
    assert list(article.products.values_list("name", flat=True)) == ["Platform API"]

    def reads(email):
        return articles_visible_to(User.objects.get(email=email)).filter(pk=article.pk).exists()

    assert reads("alice@acme.example") and not reads("bob@globex.example")
