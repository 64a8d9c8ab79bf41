"""Walk the MIME tree: which parts are the body (text and HTML), which are attachments."""

from __future__ import annotations

from dataclasses import dataclass, field
from email import errors
from email.message import Message

from ._attachments import build_attachment
from ._charsets import DecodeNote, decode_bytes
from ._model import Attachment

MAX_DEPTH = 40
_DEFECT_TEXT = {
    errors.StartBoundaryNotFoundDefect: "multipart boundary never appears; body read as text",
    errors.CloseBoundaryNotFoundDefect: "closing multipart boundary missing",
    errors.NoBoundaryInMultipartDefect: "multipart part without a boundary; body read as text",
    errors.FirstHeaderLineIsContinuationDefect: "first header line is a continuation line",
    errors.MisplacedEnvelopeHeaderDefect: "'From ' envelope line in the middle of the headers",
    errors.MissingHeaderBodySeparatorDefect: "a header line without a colon ends the headers",
    errors.MultipartInvariantViolationDefect: "multipart part without subparts",
    errors.InvalidMultipartContentTransferEncodingDefect: "multipart part with a transfer encoding",
    errors.InvalidBase64PaddingDefect: "base64 padding is wrong",
    errors.InvalidBase64CharactersDefect: "base64 contains invalid characters",
    errors.InvalidBase64LengthDefect: "base64 length is wrong",
    errors.UndecodableBytesDefect: "undecodable bytes",
}


@dataclass
class Bodies:
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)


class BodyWalker:
    """Collects body texts and attachments of a message, depth first, in document order."""

    def __init__(self, max_attachment_bytes: int, defects: list[str]) -> None:
        self.max_attachment_bytes = max_attachment_bytes
        self.defects = defects
        self.attachment_count = 0

    def collect(self, part: Message, bodies: Bodies, depth: int = 0) -> None:
        if depth > MAX_DEPTH:
            self.defects.append(f"MIME parts nested deeper than {MAX_DEPTH}; inner parts ignored")
            return
        content_type = part.get_content_type()
        payload = part.get_payload()
        if content_type.startswith("multipart/"):
            if not isinstance(payload, list):  # boundary missing: the body is all there is
                bodies.plain.append(self._text(part))
            elif content_type == "multipart/alternative":
                self._alternative([c for c in payload if isinstance(c, Message)], bodies, depth)
            else:
                for child in payload:
                    if isinstance(child, Message):
                        self.collect(child, bodies, depth + 1)
        elif _is_body(part, content_type):
            target = bodies.html if content_type == "text/html" else bodies.plain
            target.append(self._text(part))
        else:
            self.attachment_count += 1
            bodies.attachments.append(
                build_attachment(
                    part, self.attachment_count, self.max_attachment_bytes, self.defects
                )
            )

    def _alternative(self, children: list[Message], bodies: Bodies, depth: int) -> None:
        """Plain text from the first alternative that has some, HTML from the last one."""
        found = []
        for child in children:
            alternative = Bodies()
            self.collect(child, alternative, depth + 1)
            found.append(alternative)
            bodies.attachments.extend(alternative.attachments)
        plain = next((a.plain for a in found if "".join(a.plain).strip()), [])
        html = next((a.html for a in reversed(found) if a.html), [])
        bodies.plain.extend(plain)
        bodies.html.extend(html)

    def _text(self, part: Message) -> str:
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes):
            return ""
        try:
            label = part.get_content_charset()
        except (ValueError, LookupError, TypeError):
            label = None
        note = DecodeNote()
        text = decode_bytes(data, label, note)
        if note.text:
            self.defects.append(f"{part.get_content_type()} part: {note.text}")
        return text.replace("\r\n", "\n").replace("\r", "\n")


def _is_body(part: Message, content_type: str) -> bool:
    if content_type not in ("text/plain", "text/html"):
        return False
    disposition = str(part.get("content-disposition", "")).split(";", 1)[0].strip().lower()
    if disposition == "attachment":
        return False
    try:
        return not part.get_filename()
    except (ValueError, LookupError, TypeError, IndexError):
        return True


def parser_defects(message: Message) -> list[str]:
    """What the email package noticed while parsing, in words, without repeats."""
    found: list[str] = []
    for part in message.walk():
        for defect in part.defects:
            text = _DEFECT_TEXT.get(type(defect), _words(type(defect).__name__))
            found.append(text)
    return list(dict.fromkeys(found))


def _words(class_name: str) -> str:
    name = class_name.removesuffix("Defect")
    return "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()
