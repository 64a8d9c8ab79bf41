"""Where the help is when a request is not covered: a link, or nothing at all when that
help does not exist yet (no community address configured, say). The knowledge base is
the help center at /help/ unless KNOWLEDGE_BASE_URL names another."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from charterdesk.core.vocabulary import Alternative
from charterdesk.tickets.models import Ticket

_SENTENCES = {
    Alternative.KNOWLEDGE_BASE: "The answer may already be in our knowledge base",
    Alternative.COMMUNITY: "Ask the community forum",
    Alternative.PARTNER: "One of our partners can help",
    Alternative.OFFER: "See the plans that cover this kind of request",
    Alternative.AUTHORIZED_CONTACT: "Ask one of your organization's authorized contacts",
}


@dataclass(frozen=True)
class AlternativeLink:
    text: str
    url: str


def alternative_link(ticket: Ticket) -> AlternativeLink | None:
    kind = ticket.coverage_alternative
    if kind not in _SENTENCES:
        return None
    url = _url(Alternative(kind))
    return AlternativeLink(_SENTENCES[Alternative(kind)], url) if url else None


def _url(kind: Alternative) -> str:
    if kind == Alternative.OFFER:
        return reverse("coverage")
    if kind == Alternative.AUTHORIZED_CONTACT:
        return reverse("portal:plan")
    links: dict[str, str] = settings.SUPPORT_ALTERNATIVE_LINKS
    if kind == Alternative.KNOWLEDGE_BASE and not links.get(kind):
        return reverse("knowledge:home")  # our own help center, unless another is configured
    return links.get(kind, "")
