"""Every form of the desk and the portal refuses a NUL character (PostgreSQL cannot store
it) with an error next to the field on the page shown again, what was typed kept, and
nothing is changed. The test walks the pages each persona can reach from their start page
and sends every form it finds. A NUL in the query string, where no form shows it, answers
a 400 page naming the parameter."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client

from charterdesk.tickets.models import Message, Ticket, TicketEvent
from tests.tickets.factories import open_ticket

NUL_TEXT = "before\x00after"
# Django's CharField refuses a NUL with the first, core.validators.check_text with the second.
NUL_ERRORS = ("Null characters are not allowed.", "Remove the NUL character")
TEXT_INPUTS = {"text", "email", "search", "url", "tel", "password", ""}
SKIP = ("/logout", "/admin", "/api/", "/static/", "format=csv", ".pdf")


class Page(HTMLParser):
    """The links and forms of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self.in_form = False  # fields outside a form (a read-only page) belong to none

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href", "").startswith("/"):
            self.links.append(a["href"].split("#")[0])
        elif tag == "form":
            self.in_form = True
            self.forms.append(
                {
                    "action": a.get("action", ""),
                    "method": a.get("method", "get").lower(),
                    "fields": {},
                    "secret": False,
                }
            )
        elif self.in_form and tag in ("input", "textarea", "select") and a.get("name"):
            kind = a.get("type", "").lower() if tag == "input" else tag
            fields = self.forms[-1]["fields"]
            if kind in TEXT_INPUTS or kind == "textarea":
                fields[a["name"]] = NUL_TEXT
                # a password or a one-time code is never shown again, by design
                if kind == "password" or a.get("autocomplete") == "one-time-code":
                    self.forms[-1]["secret"] = True
            elif kind not in ("checkbox", "radio", "submit", "file") or "checked" in a:
                fields.setdefault(a["name"], a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False


def _crawl(client: Client, start: str, limit: int = 60) -> list[tuple[str, dict]]:
    """(page, form) for every form with a text field on the pages reachable from start."""
    seen, queue, forms = set(), [start], []
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or any(s in url for s in SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        page = Page()
        page.feed(response.content.decode())
        queue += page.links
        forms += [(url, f) for f in page.forms if NUL_TEXT in f["fields"].values()]
    return forms


def _counts() -> tuple[int, int, int]:
    return Ticket.objects.count(), Message.objects.count(), TicketEvent.objects.count()


def _field_error_kept_text(html: str, secret: bool) -> bool:
    """An error list with the NUL message, and the typed text in a field (unless the form
    asks for a password or a one-time code, which a page never shows again)."""
    errors = html.split('class="errorlist')[1:]
    shown = any(any(m in e.split("</ul>")[0] for m in NUL_ERRORS) for e in errors)
    return shown and (secret or NUL_TEXT in html)


@pytest.mark.parametrize(
    ("persona", "start"), [("tier2", "/desk/"), ("manager", "/desk/"), ("alice", "/portal/")]
)
def test_every_form_shows_a_nul_character_as_an_error_next_to_the_field(
    login, personas, persona, start
):
    open_ticket(subject="Export fails")
    client = login(getattr(personas, persona))
    forms = _crawl(client, start)
    assert len(forms) >= 3  # the walk found the persona's forms
    before = _counts()
    answers = {}
    for page, form in forms:
        action = form["action"] or page
        path = urlsplit(action).path or page
        send = client.post if form["method"] == "post" else client.get
        response = send(path, form["fields"])
        text = response.content.decode()
        if form["method"] == "post":  # the page again (the tokens page says 400), not a 400 page
            again = response.status_code in (200, 400) and "<h1>Nothing was sent" not in text
            shown = _field_error_kept_text(text, form["secret"])
            answers[f"post {path}"] = again and shown
        else:  # a search: the query string carries the NUL
            answers[f"get {path}"] = response.status_code == 400 and "NUL character" in text
    assert [k for k, v in answers.items() if not v] == []
    assert _counts() == before


def test_a_nul_in_a_query_string_answers_400_naming_the_parameter(login, personas):
    response = login(personas.tier2).get("/desk/commitments?owner=a%00b")
    assert response.status_code == 400
    assert "<strong>owner</strong>" in response.content.decode()
