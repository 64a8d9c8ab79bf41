"""The demo community: five categories (one staff-only, one for Gold customers only),
answered questions (by staff and by members), unanswered ones, a post hidden by members'
flags waiting in the moderation queue, and a topic turned into a ticket."""

from datetime import datetime, timedelta

from django.conf import settings

from charterdesk.accounts.models import User
from charterdesk.community import services
from charterdesk.community.models import Access, Category, Topic, TopicKind
from charterdesk.demo.reference import Reference

ALICE, BOB, CAROL = "alice@acme.example", "bob@globex.example", "carol@initech.example"
T1, T2 = "tier1@charterdesk.example", "tier2@charterdesk.example"

CATEGORIES = [
    ("Getting started", "getting-started", Access.EVERYONE, "First steps, for everyone."),
    ("Billing and plans", "billing", Access.CUSTOMERS, "Invoices, plans and contracts."),
    ("Integrations and API", "integrations", Access.EVERYONE, "Webhooks, the API, SSO."),
    ("Gold lounge", "gold-lounge", Access.PLANS, "For customers on the Gold plan."),
    ("Staff room", "staff-room", Access.STAFF, "Only our team reads this."),
]


def add_demo(ref: Reference, now: datetime) -> None:
    """Build the community once (the demo command runs again and again)."""
    if Category.objects.filter(slug="getting-started").exists():
        return
    cats = {}
    for position, (name, slug, access, description) in enumerate(CATEGORIES):
        cats[slug] = Category.objects.create(
            name=name, slug=slug, access=access, description=description, position=position
        )
    cats["gold-lounge"].plans.set([ref.plans["Gold"]])
    users = ref.users
    _answered(users, cats, now)
    _waiting(users, cats, now)
    _hidden(users, cats, now)
    _ticket(users, cats, now)


def _ask(users: dict[str, User], who: str, cat: Category, title: str, body: str, at: datetime,
         kind: str = TopicKind.QUESTION) -> Topic:  # fmt: skip
    return services.topic_create(
        author=users[who], category=cat, title=title, body=body, kind=kind, at=at
    )


def _reply(users: dict[str, User], who: str, topic: Topic, body: str, at: datetime) -> None:
    services.reply_create(author=users[who], topic=topic, body=body, at=at)


INVOICES = (
    "How do I export last year's invoices?",
    "Our accountant wants every invoice of last year as one spreadsheet.",
    "Billing → Invoices, filter on the year, then **Export CSV**. It takes every page, "
    "not only the one you see.",
)
HOOKS = (
    "Do webhooks retry after a timeout?",
    "Our endpoint was down for ten minutes. Did we lose the events?",
    "No events are lost: a webhook is retried five times with exponential backoff over "
    "about an hour. The delivery log shows each attempt.",
)
GOLD = (
    "How fast is the first reply on Gold?",
    "We are on Gold: what first-reply time do urgent requests get?",
    "Urgent requests on Gold get a first reply within one business hour, around the clock "
    "for outages.",
)


def _answered(users: dict[str, User], cats: dict[str, Category], now: datetime) -> None:
    day = timedelta(days=1)
    for (title, body, answer), asker, helper, accepter, cat, ago in (
        (INVOICES, ALICE, BOB, ALICE, "billing", 20),
        (HOOKS, BOB, T1, BOB, "integrations", 12),
        (GOLD, ALICE, T1, T1, "gold-lounge", 8),
    ):
        topic = _ask(users, asker, cats[cat], title, body, now - ago * day)
        _reply(users, helper, topic, answer, now - ago * day + timedelta(hours=2))
        services.answer_accept(actor=users[accepter], post=topic.posts.get(number=2))
    invoices = Topic.objects.get(title=INVOICES[0])
    _reply(users, ALICE, invoices, "That worked, thanks @bob!", now - 19 * day)
    _ask(users, T2, cats["staff-room"], "Who watches the community over the holidays?",
         "Let's share the moderation queue: one of us each day.", now - 3 * day,
         kind=TopicKind.DISCUSSION)  # fmt: skip


def _waiting(users: dict[str, User], cats: dict[str, Category], now: datetime) -> None:
    _ask(users, CAROL, cats["getting-started"], "Can each team have its own business hours?",
         "Our Berlin and Austin teams work different hours.", now - timedelta(days=2))  # fmt: skip
    _ask(users, BOB, cats["getting-started"], "Is there a dark mode?",
         "My eyes would thank you.", now - timedelta(hours=20))  # fmt: skip


def _hidden(users: dict[str, User], cats: dict[str, Category], now: datetime) -> None:
    topic = _ask(users, CAROL, cats["integrations"], "The API rate limit is too low",
                 "We hit the limit when we sync every night.", now - timedelta(days=5))  # fmt: skip
    _reply(users, BOB, topic, "Stop whining and write better code, amateurs.",
           now - timedelta(days=4))  # fmt: skip
    rude = topic.posts.get(number=2)
    flaggers = [ALICE, CAROL, T2, T1][: settings.COMMUNITY_FLAGS_TO_HIDE]
    for who in flaggers:
        services.post_flag(member=users[who], post=rude, reason="offensive")


def _ticket(users: dict[str, User], cats: dict[str, Category], now: datetime) -> None:
    topic = _ask(users, CAROL, cats["integrations"], "SAML sign-in loops back to the login page",
                 "Since our certificate rotation every sign-in ends on the login page again.",
                 now - timedelta(days=1))  # fmt: skip
    services.topic_to_ticket(actor=users[T2], topic=topic, reason="Needs a look at their IdP")
