"""Every desk and portal page of the demo speaks in words: no page shows a choice's code
(`first_reply`, `how_to`, `walk_in`) or a code where its label belongs (a promise "open"
instead of "Open"), in its text or in the text shown on hover."""

import functools
import re
from html.parser import HTMLParser
from pprint import pformat

import pytest
from django.apps import apps
from django.core.management import call_command

from charterdesk.commitments.selectors import BOARDS
from charterdesk.demo.forecasting import HISTORY_MARK
from charterdesk.plans.models import Contract
from charterdesk.routing.models import Queue, RoutingRule
from charterdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db

DESK_PAGES = [
    "/desk/",
    "/desk/?assignee=me",
    "/desk/tickets/new",
    "/desk/reports/sla",
    "/desk/reports/satisfaction",
    "/desk/reports/swarming",
    "/desk/routing/rules",
    "/desk/routing/rules/new",
    "/desk/availability",
    "/desk/agents",
    "/desk/escalation-requests",
    "/desk/statements",
    "/desk/mail/",
    "/desk/mail/outbox/",
    "/desk/incidents/webhooks",
    "/desk/incidents/deployments/import",
    "/desk/incidents/setup/",
    "/desk/incidents/setup/services?archived=1",
    "/desk/incidents/setup/severities",
    "/desk/incidents/setup/roles?role=commander",
    "/desk/incidents/setup/templates",
    "/desk/incidents/setup/templates/postmortem",
    *[f"/desk/commitments?list={name}" for name in BOARDS],
]
PORTAL_PAGES = [
    "/portal/",
    "/portal/new/",
    "/portal/profile/",
    "/portal/plan/",
    "/portal/statements",
]


class VisibleText(HTMLParser):
    """The text a person reads: text nodes outside scripts and styles, and hover titles.
    A search highlight (`<mark>`) is a word of someone's own text, not a label on its own."""

    HIDDEN = {"script", "style", "mark"}

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        self.chunks += [value for name, value in attrs if name == "title" and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.chunks.append(data.strip())


def choice_codes() -> set[str]:
    """Every code of every model field's choices whose label is not the code itself."""
    codes = set()
    for model in apps.get_models():
        if not model.__module__.startswith("charterdesk."):
            continue
        for field in model._meta.get_fields():
            for value, label in getattr(field, "flatchoices", None) or []:
                if isinstance(value, str) and value and value != str(label):
                    codes.add(value)
    return codes


def codes_shown(html: str, codes: set[str]) -> set[str]:
    """Codes a person would read, each with the text it stands in: a piece of text that
    is exactly a code, or a code with an underscore anywhere (no English word has one)."""
    parser = VisibleText()
    parser.feed(html)
    found = {f"{chunk!r}" for chunk in parser.chunks if chunk in codes}
    underscored = sorted((c for c in codes if "_" in c), key=len, reverse=True)
    if not underscored:
        return found
    pattern = _any_code(tuple(underscored))
    for chunk in parser.chunks:
        for match in pattern.finditer(chunk):
            if chunk != match.group(1):
                found.add(f"{match.group(1)} in {chunk[:80]!r}")
    return found


@functools.cache
def _any_code(codes: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for all the codes (longest first), standing alone in a text."""
    alternatives = "|".join(map(re.escape, codes))
    return re.compile(rf"(?<![\w/.@-])({alternatives})(?![\w/@-]|\.\w)")


@pytest.fixture
def demo(personas):
    call_command("demo", verbosity=0)
    return personas


def _tickets_of_each_kind() -> list[int]:
    """Every ticket the demo made itself, and a few of each kind of seeded history (the
    forecast's weeks of requests and the imported help desk's, thousands of pages alike)."""
    history = Ticket.objects.filter(coverage_reason=HISTORY_MARK)
    imported = Ticket.objects.filter(imported_from__isnull=False)
    own = Ticket.objects.exclude(pk__in=history.values("pk")).exclude(pk__in=imported.values("pk"))
    sample = [*history.order_by("pk")[:5], *imported.order_by("pk")[:5]]
    return [*own.values_list("pk", flat=True), *(t.pk for t in sample)]


def _pages_of(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode()


def test_the_check_finds_a_code_shown_as_text():
    codes = {"open", "first_reply", "walk_in"}
    html = '<p>Due <span class="pill open" title="first_reply">open</span> walk_in.</p>'
    assert codes_shown(html, codes) == {
        "'open'",
        "'first_reply'",
        "walk_in in 'walk_in.'",
    }
    assert codes_shown('<p class="first_reply">Open: first reply</p>', codes) == set()
    assert codes_shown("<p>Reopen it if the <mark>open</mark> page loops</p>", codes) == set()


def test_every_desk_page_of_the_demo_shows_words_not_codes(demo, login):
    codes = choice_codes()
    assert {"first_reply", "how_to", "walk_in", "open"} <= codes
    RoutingRule.objects.create(
        name="Walk-ins asking how",
        request_types=["how_to"],
        channels=["walk_in"],
        queue=Queue.objects.first(),
    )
    client = login(demo.manager)
    tickets = [f"/desk/tickets/{pk}/" for pk in _tickets_of_each_kind()]
    contracts = Contract.objects.values_list("pk", flat=True)
    statements = [f"/desk/statements/{pk}" for pk in contracts]
    hours = [f"/desk/contracts/{pk}/hours" for pk in contracts]
    assert tickets
    shown = {
        url: found
        for url, html in _pages_of(client, DESK_PAGES + tickets + statements + hours)
        if (found := codes_shown(html, codes))
    }
    assert shown == {}, pformat(shown)


@pytest.mark.parametrize("who", ["alice", "bob", "carol"])
def test_every_portal_page_of_the_demo_shows_words_not_codes(demo, login, who):
    codes = choice_codes()
    user = getattr(demo, who)
    client = login(user)
    mine = set(
        Ticket.objects.filter(organization=user.contact.organization_id).values_list(
            "pk", flat=True
        )
    )
    tickets = [f"/portal/tickets/{pk}/" for pk in _tickets_of_each_kind() if pk in mine]
    contracts = Contract.objects.filter(organization=user.contact.organization_id)
    statements = [f"/portal/statements/{pk}" for pk in contracts.values_list("pk", flat=True)]
    assert tickets
    shown = {
        url: found
        for url, html in _pages_of(client, PORTAL_PAGES + tickets + statements)
        if (found := codes_shown(html, codes))
    }
    assert shown == {}, pformat(shown)
