"""Mail tests build real RFC 5322 messages and feed them to the one ingestion core."""

from collections.abc import Callable
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import pytest
from django.utils import timezone

from charterdesk.mailboxes.ingest import IngestResult, ingest

Compose = Callable[..., bytes]


def compose(
    sender: str = "alice@acme.example",
    subject: str = "Checkout fails",
    body: str = "Our checkout fails with error 500 since this morning.",
    *,
    to: str = "support@charterdesk.example",
    message_id: str | None = None,
    in_reply_to: str | None = None,
    references: str | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = format_datetime(timezone.now())
    mail["Message-ID"] = message_id or make_msgid(domain="mail.acme.example")
    if in_reply_to:
        mail["In-Reply-To"] = in_reply_to
    if references:
        mail["References"] = references
    for name, value in (headers or {}).items():
        mail[name] = value
    mail.set_content(body)
    return mail.as_bytes()


@pytest.fixture
def mail_in(
    personas: object, django_capture_on_commit_callbacks: Callable[..., object]
) -> Callable[[bytes], IngestResult]:
    """Ingest one message as the doors do, with its after-commit work (the outbox) run."""

    def feed(raw: bytes, source: str = "test") -> IngestResult:
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
            return ingest(raw, source=source)

    return feed
