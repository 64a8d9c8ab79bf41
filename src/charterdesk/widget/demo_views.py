"""/widget/demo/: a pretend vendor product with the widget on it, for `make run`. Its
"backend" (/widget/demo/token) signs a token for the demo customer with the demo key,
server-side, as a vendor's backend would. Both answer 404 unless the demo data made the
demo key, so a real installation never signs anyone in this way."""

import secrets
import time

import jwt
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from charterdesk.customers.models import Contact

from .models import WidgetKey
from .tokens import ALGORITHM

DEMO_KEY_NAME = "Demo vendor product"
DEMO_CUSTOMER = "alice@acme.example"
DEMO_LIFETIME = 120  # seconds


def _demo_key() -> WidgetKey:
    key = WidgetKey.objects.filter(name=DEMO_KEY_NAME, revoked_at__isnull=True).first()
    if key is None:
        raise Http404("The demo data has not been loaded (charterdesk demo).")
    return key


def demo_key_allowing(origin: str) -> WidgetKey | None:
    """The demo key, its allowed origins extended by `origin` (the demo vendor site of
    `charterdesk widget demo-site`); None without the demo data. Only the demo key is
    ever changed this way."""
    key = WidgetKey.objects.filter(name=DEMO_KEY_NAME, revoked_at__isnull=True).first()
    if key is not None and origin not in key.allowed_origins:
        key.allowed_origins = [*key.allowed_origins, origin]
        key.save(update_fields=["allowed_origins"])
    return key


def signed_token(key: WidgetKey, *, email: str, name: str, org: str, lifetime: int) -> str:
    """What a vendor's backend does (docs/widget.md has it in Python and JavaScript)."""
    now = int(time.time())
    claims = {
        "sub": f"demo-{email}",
        "email": email,
        "name": name,
        "org": org,
        "iat": now,
        "exp": now + lifetime,
        "jti": secrets.token_urlsafe(16),
    }
    return jwt.encode(claims, key.secret(), algorithm=ALGORITHM, headers={"kid": key.kid})


def demo_page(request: HttpRequest) -> HttpResponse:
    key = _demo_key()
    context = {"key": key, "site_url": settings.SITE_URL}
    return render(request, "widget/demo.html", context)


@never_cache
def demo_token(request: HttpRequest) -> HttpResponse:
    key = _demo_key()
    contact = Contact.objects.select_related("organization").filter(email=DEMO_CUSTOMER).first()
    if contact is None or contact.organization is None:
        raise Http404("The demo customer is missing (charterdesk demo).")
    token = signed_token(
        key,
        email=contact.email,
        name=contact.name,
        org=contact.organization.name,
        lifetime=DEMO_LIFETIME,
    )
    return JsonResponse({"token": token})
