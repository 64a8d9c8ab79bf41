"""Demo product catalogue and learning: the products of the demo's tickets with their
versions; a new agent (Riley Novak) halfway through a learning path, in shadow mode with
Priya as mentor, one draft reply waiting for her approval."""

from datetime import date, datetime, timedelta

from charterdesk.accounts.models import Role, User
from charterdesk.customers.models import Contact
from charterdesk.demo.reference import PASSWORD, Reference
from charterdesk.intake.services import ticket_create
from charterdesk.knowledge.models import Article, ArticleState
from charterdesk.learning.models import DraftReply, LearningPath
from charterdesk.learning.paths import PathInput, item_add, item_done, learner_enroll, path_create
from charterdesk.learning.selectors import LEARNABLE_STATUSES, shadowing_of
from charterdesk.learning.shadow import draft_submit, shadow_start
from charterdesk.products.models import Product
from charterdesk.products.services import ProductInput, product_create, version_add
from charterdesk.tickets.models import Status, Ticket
from charterdesk.tickets.services.product import ticket_set_product

MANAGER, T2 = "manager@charterdesk.example", "tier2@charterdesk.example"
NEW_AGENT = ("riley@charterdesk.example", "Riley Novak")

# product, description, versions (version, released on, end of support)
CATALOGUE: list[tuple[str, str, list[tuple[str, date, date | None]]]] = [
    ("Storefront", "The shop: catalogue, checkout, invoices and exports.",
     [("4.0", date(2025, 9, 1), date(2026, 9, 1)), ("4.1", date(2026, 2, 1), None),
      ("4.2", date(2026, 9, 15), None)]),
    ("Platform API", "REST API, webhooks and rate limits.",
     [("v1", date(2024, 3, 1), date(2027, 3, 1)), ("v2", date(2026, 4, 1), None)]),
    ("Dashboard", "The customers' admin dashboard, sign-in and SSO.",
     [("2026.1", date(2026, 1, 20), None), ("2026.2", date(2026, 7, 20), None)]),
]  # fmt: skip

# ticket subject: (product, version)
TICKET_PRODUCTS = {
    "Checkout returns 502 for all EU customers": ("Storefront", "4.1"),
    "Export to CSV fails with 'invalid date'": ("Storefront", "4.1"),
    "How do I export invoices as PDF?": ("Storefront", "4.0"),
    "Uploads over 50 MB fail with a 500": ("Storefront", "4.1"),
    "API rate limit seems lower than documented": ("Platform API", "v2"),
    "Webhook deliveries delayed by hours": ("Platform API", "v1"),
    "Are webhook retries documented?": ("Platform API", "v1"),
    "Login page shows a blank screen": ("Dashboard", "2026.2"),
    "SSO login loops back to the sign-in page": ("Dashboard", "2026.1"),
    "Nightly sync stopped at 02:00": ("Platform API", "v2"),
}

VERSIONED_REQUEST = "Coupon codes refused since the 4.2 update"
PATH_TITLE = "Storefront errors: your first weeks"
# (ticket subject or article title, what to learn from it)
LESSONS = [
    ("How do I export invoices as PDF?", "The answer names the menu path exactly: copy that."),
    ("Uploads over 50 MB fail with a 500", "When to hand over to engineering, and what to send."),
    ("Nightly sync stopped at 02:00", "Read the internal notes: how the cause was narrowed."),
    ("SSO login loops back to the sign-in page", "Keep the customer posted while you dig."),
]
DRAFT_ON = "Export to CSV fails with 'invalid date'"
DRAFT = (
    "Hi Alice,\n\nThanks for the details. The export trips over an invalid date in one "
    "invoice; we are checking which one. Could you tell us the invoice number range you "
    "exported?\n\nRiley"
)


def add_demo(ref: Reference, now: datetime) -> None:
    """Create what is missing (the demo command runs again and again)."""
    manager = ref.users[MANAGER]
    _catalogue()
    _tickets_named(manager)
    _request_with_version(now)
    learner = User.objects.filter(email=NEW_AGENT[0]).first() or User.objects.create_user(
        NEW_AGENT[0], PASSWORD, name=NEW_AGENT[1], role=Role.AGENT, tier=1
    )
    _path(manager, learner)
    if shadowing_of(learner) is None:
        shadow_start(actor=manager, learner=learner, mentor=ref.users[T2])
    ticket = Ticket.objects.filter(subject=DRAFT_ON).first()
    if ticket is not None and not DraftReply.objects.filter(learner=learner).exists():
        draft_submit(ticket=ticket, learner=learner, body=DRAFT)


def _catalogue() -> None:
    for name, description, versions in CATALOGUE:
        if Product.objects.filter(name=name).exists():
            continue
        product = product_create(data=ProductInput(name=name, description=description))
        for version, released_on, end in versions:
            version_add(product=product, version=version, released_on=released_on,
                        end_of_support=end)  # fmt: skip


def _tickets_named(manager: User) -> None:
    products = {p.name: p for p in Product.objects.prefetch_related("versions")}
    tickets = Ticket.objects.filter(subject__in=TICKET_PRODUCTS, product_ref=None)
    for ticket in tickets.exclude(status=Status.CLOSED):
        name, version = TICKET_PRODUCTS[ticket.subject]
        product = products[name]
        entry = next(v for v in product.versions.all() if v.version == version)
        ticket_set_product(ticket, manager, product=product, version=entry)


def _request_with_version(now: datetime) -> None:
    """A request whose customer named the product and its version in the portal."""
    if Ticket.objects.filter(subject=VERSIONED_REQUEST).exists():
        return
    alice = Contact.objects.select_related("organization", "user").get(email="alice@acme.example")
    ticket_create(
        requester=alice,
        subject=VERSIONED_REQUEST,
        body="Since the update to 4.2 every coupon code is refused as expired at checkout.",
        request_type="error",
        actor=alice.user,
        at=now - timedelta(hours=3),
        product="Storefront",
        version="4.2",
    )


def _path(manager: User, learner: User) -> None:
    if LearningPath.objects.filter(title=PATH_TITLE).exists():
        return
    path = path_create(
        actor=manager,
        data=PathInput(
            title=PATH_TITLE,
            description="Solved cases and articles every new agent on the Storefront reads.",
            product=Product.objects.filter(name="Storefront").first(),
        ),
    )
    for subject, note in LESSONS:
        ticket = Ticket.objects.filter(subject=subject, status__in=LEARNABLE_STATUSES).first()
        if ticket is not None:
            item_add(actor=manager, path=path, ticket=ticket, note=note)
    article = Article.objects.filter(state=ArticleState.PUBLISHED).order_by("id").first()
    if article is not None:
        item_add(actor=manager, path=path, article=article, note="The article customers get.")
    learner_enroll(actor=manager, path=path, learner=learner)
    items = list(path.items.order_by("position"))
    for item in items[: len(items) // 2]:
        item_done(learner=learner, item=item, reflection="Noted the exact steps.")
