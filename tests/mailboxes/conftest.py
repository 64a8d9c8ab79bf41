"""The doors of inbound mail (files, IMAP, SMTP) tested with real parts."""

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from django.utils import timezone


def compose(
    sender: str = "alice@acme.example",
    subject: str = "Checkout fails",
    body: str = "Our checkout fails with error 500 since this morning.",
    *,
    message_id: str | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = "support@charterdesk.example"
    mail["Subject"] = subject
    mail["Date"] = format_datetime(timezone.now())
    mail["Message-ID"] = message_id or make_msgid(domain="mail.acme.example")
    for name, value in (headers or {}).items():
        mail[name] = value
    mail.set_content(body)
    return mail.as_bytes()
