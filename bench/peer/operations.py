"""The operations, as each product's staff pages and API ask for them.

`ticket_loaded` is the ticket page with what the browser asks for as soon as it has it:
ours, the suggested articles fragment (htmx, `hx-trigger="load"`; the page's collapsed
forms are asked for only when opened, so not here); the peer's page asks for nothing more
of its server (its scripts and styles are static files), so it is its page alone.

The peer's ticket list is a page whose rows come from a second, JSON request (DataTables,
first page: 10 rows, what the browser asks for); a list or a search is both requests."""

import re
from typing import Any

from load import Browser, Operation

OPERATIONS = ("list", "search", "dashboard", "ticket", "ticket_loaded", "create")
AT_LOAD = re.compile(rb'hx-get="([^"]+)" hx-trigger="load"')
RARE_WORD = "kerberos"  # in 1% of the tickets of both (id % 100 == 7)
ROWS = re.compile(rb'"url": "(/helpdesk/datatables_ticket_list/[^"]+)"')
DATATABLES = "?draw=1&start=0&length=10&search%5Bvalue%5D=&search%5Bregex%5D=false"


def ours_operations(ours: dict[str, Any]) -> dict[str, Operation]:
    ticket = ours["ticket"]

    def create(browser: Browser, n: int) -> object:
        return browser.post_json(
            "/api/v1/tickets",
            {
                "subject": f"Export fails {n}",
                "body": f"I get an error when exporting invoices ({n}).",
                "priority": "normal",
                "requester_email": "alice@acme.example",
            },
        )

    return {
        "list": lambda b, n: b.get("/desk/"),
        "search": lambda b, n: b.get(f"/desk/search?q={RARE_WORD}"),
        "dashboard": lambda b, n: b.get("/desk/reports/sla"),
        "ticket": lambda b, n: b.get(f"/desk/tickets/{ticket}/"),
        "ticket_loaded": lambda b, n: _with_fragments(b, f"/desk/tickets/{ticket}/"),
        "create": create,
    }


def _with_fragments(browser: Browser, path: str) -> object:
    """A page, then each fragment it asks for at load (as htmx does, one after another)."""
    page = browser.get(path)
    for url in AT_LOAD.findall(page):
        browser.get(url.decode().replace("&amp;", "&"), {"HX-Request": "true"})
    return page


def _with_rows(browser: Browser, path: str) -> object:
    page = browser.get(path)
    found = ROWS.search(page)
    if found is None:
        raise RuntimeError(f"no DataTables source on {path}")
    return browser.get(found.group(1).decode() + DATATABLES)


def peer_operations(theirs: dict[str, Any]) -> dict[str, Operation]:
    ticket, queue = theirs["ticket"], theirs["queue"]

    def create(browser: Browser, n: int) -> object:
        return browser.post_json(
            "/helpdesk/api/tickets/",
            {
                "queue": queue,
                "title": f"Export fails {n}",
                "description": f"I get an error when exporting invoices ({n}).",
                "submitter_email": "alice@acme.example",
                "priority": 3,
            },
        )

    return {
        "list": lambda b, n: _with_rows(b, "/helpdesk/tickets/"),
        "search": lambda b, n: _with_rows(b, f"/helpdesk/tickets/?q={RARE_WORD}"),
        "dashboard": lambda b, n: b.get("/helpdesk/dashboard/"),
        "ticket": lambda b, n: b.get(f"/helpdesk/tickets/{ticket}/"),
        "ticket_loaded": lambda b, n: b.get(f"/helpdesk/tickets/{ticket}/"),
        "create": create,
    }
