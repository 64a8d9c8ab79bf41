"""Outgoing mail. Every mail CharterDesk sends goes through `mail_queue`.

A template name `x/mail/y` means up to three files: `x/mail/y.subject.txt` (one line),
`x/mail/y.txt` (the text part) and optionally `x/mail/y.html` (the HTML part).
The mail leaves after the caller's transaction commits; nothing is sent for a rolled-back
change.
"""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from charterdesk.tickets.models import Ticket


def mail_queue(
    *,
    to: str | Sequence[str],
    template: str,
    context: dict[str, Any],
    ticket: Ticket | None = None,
    automatic: bool = True,
) -> None:
    """Queue one mail to the given addresses, rendered from `template` with `context`.

    `ticket` threads the mail on the ticket (headers, reply address); `automatic` marks
    notifications (Auto-Submitted: auto-generated) as opposed to a person's reply."""
    recipients = [to] if isinstance(to, str) else list(to)
    if not recipients:
        return
    context = {"site_url": settings.SITE_URL, "ticket": ticket, **context}
    subject = " ".join(render_to_string(f"{template}.subject.txt", context).split())
    text = render_to_string(f"{template}.txt", context)
    try:
        html: str | None = render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:
        html = None
    headers = {"Auto-Submitted": "auto-generated"} if automatic else {}

    def send() -> None:
        mail = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, recipients)
        mail.extra_headers.update(headers)
        if html:
            mail.attach_alternative(html, "text/html")
        mail.send()

    transaction.on_commit(send)
