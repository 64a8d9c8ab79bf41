"""Mail parsing for the email channel: raw RFC 5322 bytes in, a ``ParsedMail`` out.

Pure Python (no Django), built on the standard ``email`` package and ``nh3``.  ``parse``
never raises on damaged mail: what was wrong ends up in ``ParsedMail.defects``; only input
that is not mail at all raises ``MailParseError``.  See "Reading mail" in docs/mail.md.
"""

from ._attachments import safe_filename
from ._model import Attachment, AutoKind, Bounce, MailParseError, ParsedMail
from ._parse import parse
from ._sniff import sniff
from ._subjects import clean_subject, reply_token, subject_ticket_ids

__all__ = [
    "Attachment",
    "AutoKind",
    "Bounce",
    "MailParseError",
    "ParsedMail",
    "clean_subject",
    "parse",
    "reply_token",
    "safe_filename",
    "sniff",
    "subject_ticket_ids",
]
