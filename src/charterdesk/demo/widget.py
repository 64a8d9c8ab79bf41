"""The help widget's demo: a key for the pretend vendor product at /widget/demo/, allowed
on the address `make run` serves (SITE_URL) and its loopback twins, and on the vendor site
of `charterdesk widget demo-site` (another origin: http://127.0.0.1:8001)."""

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings

from charterdesk.widget.demo_site import DEMO_SITE_PORT
from charterdesk.widget.demo_views import DEMO_KEY_NAME
from charterdesk.widget.models import WidgetKey
from charterdesk.widget.services import widget_key_create

from .reference import Reference


def demo_origins() -> list[str]:
    site = urlsplit(settings.SITE_URL)
    port = f":{site.port}" if site.port else ""
    return list(
        dict.fromkeys(
            [
                f"{site.scheme}://{site.hostname}{port}",
                f"http://127.0.0.1{port}",
                f"http://localhost{port}",
                f"http://127.0.0.1:{DEMO_SITE_PORT}",
            ]
        )
    )


def add_demo(ref: Reference, now: datetime) -> None:
    """Create the demo key once (the demo command runs again and again)."""
    if WidgetKey.objects.filter(name=DEMO_KEY_NAME).exists():
        return
    widget_key_create(
        name=DEMO_KEY_NAME,
        allowed_origins=demo_origins(),
        created_by=ref.users.get("manager@charterdesk.example"),
    )
