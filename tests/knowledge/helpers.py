"""Articles for tests: made through the services, as an agent and a manager would."""

from charterdesk.accounts.models import User
from charterdesk.knowledge.models import Article, Category
from charterdesk.knowledge.services import article_create, article_publish


def category(name: str = "Billing") -> Category:
    found, _ = Category.objects.get_or_create(slug=name.lower(), defaults={"name": name})
    return found


def published(
    manager: User, title: str, body: str = "", *, visibility: str = "public", **options: object
) -> Article:
    article = article_create(
        author=manager,
        title=title,
        body=body or f"How to {title.lower()}: open the settings and follow the steps.",
        visibility=visibility,
        category=options.pop("category", None) or category(),  # type: ignore[arg-type]
        **options,  # type: ignore[arg-type]
    )
    article_publish(article, manager)
    return article
