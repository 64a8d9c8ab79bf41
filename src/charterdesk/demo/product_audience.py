"""Which organizations use which products, and an article limited to one product: Acme
and Initech read "Verify webhook signatures (Platform API)", Globex does not."""

from datetime import datetime, timedelta

from charterdesk.knowledge.models import ArticleVersion, Category
from charterdesk.knowledge.services import article_create, article_publish
from charterdesk.products.models import Product
from charterdesk.products.services import products_used_set

from .reference import Reference

MANAGER = "manager@charterdesk.example"
T2 = "tier2@charterdesk.example"
USES = {
    "Acme Corp": ["Storefront", "Platform API"],
    "Globex": ["Dashboard"],
    "Initech": ["Storefront", "Platform API", "Dashboard"],
}
TITLE = "Verify webhook signatures (Platform API)"
BODY = (
    "Every webhook the Platform API sends carries an `X-Signature` header: the HMAC-SHA256 "
    "of the raw body with your webhook secret.\n\n"
    "1. Read the raw body before parsing it.\n"
    "2. Compute the HMAC with the secret from **Settings → Webhooks**.\n"
    "3. Compare in constant time; refuse the call when they differ.\n\n"
    "Rotate the secret under **Settings → Webhooks → Rotate**; both secrets work for an hour."
)


def add_demo(ref: Reference, now: datetime) -> None:
    """After the catalogue (learning) and the help center (knowledge); idempotent."""
    products = {p.name: p for p in Product.objects.all()}
    for org_name, names in USES.items():
        organization = ref.organizations.get(org_name)
        if organization is not None and not organization.product_uses.exists():
            products_used_set(organization, [products[n] for n in names if n in products])
    api = products.get("Platform API")
    category = Category.objects.filter(name="Integrations and API").first()
    if api is None or category is None or ArticleVersion.objects.filter(title=TITLE).exists():
        return
    at = now - timedelta(days=12)
    article = article_create(
        author=ref.users[T2],
        title=TITLE,
        body=BODY,
        visibility="customers",
        category=category,
        products=[api],
        at=at,
    )
    article_publish(article, ref.users[MANAGER], at=at)
