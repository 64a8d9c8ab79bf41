"""The pretend vendor's site for the browser tests, on another origin (127.0.0.2), with
a baseline page whose own tiny script adds a button (the launcher timing's yardstick)."""

from collections.abc import Iterator
from contextlib import contextmanager

from charterdesk.widget.demo_site import VendorSite
from charterdesk.widget.demo_site import vendor_site as served
from charterdesk.widget.models import WidgetKey

HOST = "127.0.0.2"

BASELINE = """<!doctype html><html><head><meta charset="utf-8"><title>Baseline</title></head>
<body><h1>Vendor app</h1>
<script>window.__t0 = performance.now();</script>
<script src="/own.js"></script></body></html>"""

OWN_JS = """var b = document.createElement("button"); b.textContent = "Help";
document.body.appendChild(b); window.__launcher = performance.now() - window.__t0;"""


@contextmanager
def vendor_site(charterdesk_url: str, key: WidgetKey, email: str) -> Iterator[VendorSite]:
    extra = {"/baseline": ("text/html", BASELINE), "/own.js": ("text/javascript", OWN_JS)}
    with served(charterdesk_url, key, email, host=HOST, extra=extra) as site:
        yield site
