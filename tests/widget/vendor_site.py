"""A pretend vendor's site on another origin (127.0.0.2): its page carries the widget's
script tag and its "backend" signs the widget token, as docs/widget.md tells vendors to."""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from charterdesk.widget.demo_views import signed_token
from charterdesk.widget.models import WidgetKey

HOST = "127.0.0.2"

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Vendor app</title></head>
<body><h1>Vendor app</h1><p>A customer's dashboard.</p>
<script>window.__t0 = performance.now();
window.addEventListener("charterdesk:launcher-ready", function () {
  window.__launcher = performance.now() - window.__t0; });</script>
<script src="%(loader)s" data-key="%(kid)s" data-token-url="/token"></script>
</body></html>"""

BASELINE = """<!doctype html><html><head><meta charset="utf-8"><title>Baseline</title></head>
<body><h1>Vendor app</h1>
<script>window.__t0 = performance.now();</script>
<script src="/own.js"></script></body></html>"""

OWN_JS = """var b = document.createElement("button"); b.textContent = "Help";
document.body.appendChild(b); window.__launcher = performance.now() - window.__t0;"""


@dataclass
class VendorSite:
    url: str
    origin: str


@contextmanager
def vendor_site(charterdesk_url: str, key: WidgetKey, email: str) -> Iterator[VendorSite]:
    """Serve the vendor's page, a baseline page (its own tiny script adds a button), and
    the token endpoint, on 127.0.0.2 at a free port, until the block ends."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            routes = {
                "/": (
                    "text/html",
                    PAGE % {"loader": f"{charterdesk_url}/widget/loader.js", "kid": key.kid},
                ),
                "/baseline": ("text/html", BASELINE),
                "/own.js": ("text/javascript", OWN_JS),
            }
            if self.path == "/token":
                token = signed_token(key, email=email, name="", org="", lifetime=120)
                body, kind = json.dumps({"token": token}), "application/json"
            elif self.path in routes:
                kind, body = routes[self.path]
            else:
                self.send_error(404)
                return
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer((HOST, 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://{HOST}:{server.server_address[1]}"
    try:
        yield VendorSite(url=origin + "/", origin=origin)
    finally:
        server.shutdown()
        server.server_close()
