"""A pretend vendor's site on another origin than CharterDesk's: one page with the
widget's script tag, and its "backend" that signs the widget token for the signed-in
customer, as docs/widget.md tells vendors to. `charterdesk widget demo-site` serves it for
a newcomer (http://127.0.0.1:8001 beside CharterDesk on :8000); the browser tests serve it
on 127.0.0.2."""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.db import close_old_connections

from .demo_views import signed_token
from .models import WidgetKey

DEMO_SITE_PORT = 8001

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Vendor app</title>
<style>body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#f4f1ea;color:#222}
header{background:#2b2d42;color:#fff;padding:14px 20px}main{max-width:760px;margin:0 auto;
padding:8px 20px}code{background:#e8e4da;padding:1px 4px;border-radius:3px;word-break:break-all}
</style></head>
<body><header><strong>Vendor app</strong> · signed in as %(email)s</header><main>
<h1>Vendor app</h1><p>A customer's dashboard, served from <code>%(origin)s</code>. The
<b>Help</b> button is CharterDesk's widget, loaded from <code>%(charterdesk)s</code>: another
origin, so the key's allowed origins, CORS and <code>frame-ancestors</code> are at work.</p>
<p><code>&lt;script src="%(loader)s" data-key="%(kid)s" data-token-url="/token"&gt;</code></p>
</main>
<script>window.__t0 = performance.now();
window.addEventListener("charterdesk:launcher-ready", function () {
  window.__launcher = performance.now() - window.__t0; });</script>
<script src="%(loader)s" data-key="%(kid)s" data-token-url="/token" async></script>
</body></html>"""

Route = tuple[str, str]  # content type, body


@dataclass
class VendorSite:
    url: str
    origin: str


def _handler(
    charterdesk_url: str, key: WidgetKey, email: str, extra: dict[str, Route]
) -> type[BaseHTTPRequestHandler]:
    def page(origin: str) -> Route:
        values = {
            "loader": f"{charterdesk_url}/widget/loader.js",
            "kid": key.kid,
            "origin": origin,
            "charterdesk": charterdesk_url,
            "email": email,
        }
        return "text/html; charset=utf-8", PAGE % {k: escape(v) for k, v in values.items()}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            if self.path == "/token":
                body, kind = json.dumps({"token": self._token()}), "application/json"
            elif self.path == "/":
                kind, body = page(f"http://{self.headers.get('Host', '')}")
            elif self.path in extra:
                kind, body = extra[self.path]
            else:
                self.send_error(404)
                return
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def _token(self) -> str:
            close_old_connections()  # each request thread uses its own connection
            try:
                return signed_token(key, email=email, name="", org="", lifetime=120)
            finally:
                close_old_connections()

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@contextmanager
def vendor_site(
    charterdesk_url: str,
    key: WidgetKey,
    email: str,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    extra: dict[str, Route] | None = None,
) -> Iterator[VendorSite]:
    """Serve the vendor's page (`/`), its token endpoint (`/token`) and `extra` routes on
    host:port (0: a free port) in a thread, until the block ends."""
    handler = _handler(charterdesk_url.rstrip("/"), key, email, extra or {})
    server = ThreadingHTTPServer((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://{host}:{server.server_address[1]}"
    try:
        yield VendorSite(url=origin + "/", origin=origin)
    finally:
        server.shutdown()
        server.server_close()
