import time
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from charterdesk.core.management.base import CharterCommand, port_number
from charterdesk.widget.demo_site import DEMO_SITE_PORT, vendor_site
from charterdesk.widget.demo_views import DEMO_CUSTOMER, demo_key_allowing


class Command(CharterCommand):
    help = (
        "The help widget: `demo-site` serves a pretend vendor page on another origin "
        "(http://127.0.0.1:8001) that embeds the widget with the demo key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        site = actions.add_parser(
            "demo-site", help="Serve the vendor page until Ctrl-C (needs the demo data)."
        )
        site.add_argument("--host", default="127.0.0.1", help="Default: 127.0.0.1")
        site.add_argument("--port", type=port_number, default=DEMO_SITE_PORT, help="Default: 8001")
        site.add_argument("--customer", default=DEMO_CUSTOMER, help="Whose token it signs.")

    def handle(self, *args: Any, **options: Any) -> None:
        host, port = options["host"], options["port"]
        origin = f"http://{host}:{port}"
        key = demo_key_allowing(origin)
        if key is None:
            raise CommandError(
                "no demo widget key: load the demo data first (charterdesk demo)", returncode=2
            )
        try:
            site = vendor_site(settings.SITE_URL, key, options["customer"], host=host, port=port)
            with site as served:
                self.stdout.write(
                    f"A vendor's page with the help widget: {served.url}\n"
                    f"(CharterDesk at {settings.SITE_URL}; the demo key allows {origin}). "
                    "Ctrl-C stops it."
                )
                self.stdout.flush()
                while True:
                    time.sleep(3600)
        except OSError as exc:
            raise CommandError(
                f"cannot listen on {host}:{port}: {exc.strerror}", returncode=2
            ) from exc
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")
