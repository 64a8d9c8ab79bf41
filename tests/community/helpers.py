"""Forum data for tests, made through the services as members and staff would."""

from charterdesk.accounts.models import User
from charterdesk.community import services
from charterdesk.community.models import Access, Category, Post, Topic
from charterdesk.plans.models import Plan


def category(name: str = "Questions", access: str = Access.EVERYONE, plans: tuple = ()) -> Category:
    found, _ = Category.objects.get_or_create(
        slug=name.lower().replace(" ", "-"), defaults={"name": name, "access": access}
    )
    if plans:
        found.plans.set(Plan.objects.filter(name__in=plans))
    return found


def ask(author: User, title: str = "How do I export invoices?", **options: object) -> Topic:
    return services.topic_create(
        author=author,
        category=options.pop("category", None) or category(),  # type: ignore[arg-type]
        title=title,
        body=str(options.pop("body", f"{title}? I need to know, please.")),
        **options,  # type: ignore[arg-type]
    )


def reply(author: User, topic: Topic, body: str = "") -> Post:
    body = body or f"For “{topic.title}”: open Billing, then Export."
    return services.reply_create(author=author, topic=topic, body=body)
