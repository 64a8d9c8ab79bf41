"""Step one of ingestion: keep the raw message, durably, before anything can go wrong."""

import hashlib
import re
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from charterdesk.mail.models import Blob, InboundMail, Outcome

# Headers added on the way (they differ between two deliveries of the same message).
TRANSPORT = re.compile(
    rb"^(received|x-received|delivered-to|x-original-to|return-path|envelope-to|"
    rb"authentication-results|arc-[a-z-]+|x-gm-[a-z-]+|x-spam-[a-z-]+|x-virus-[a-z-]+|"
    rb"x-ms-exchange-[a-z-]+|x-forefront-[a-z-]+|x-mailbox-line|status|x-status|"
    rb"x-keywords|x-uid|content-length|lines)\s*:",
    re.IGNORECASE,
)
HEADER_END = re.compile(rb"\r?\n\r?\n")
# From this size on, blobs go to PostgreSQL as binary parameters (see _blob_insert_binary).
BINARY_FROM = 256 * 1024


@dataclass(frozen=True)
class Fingerprint:
    message_id: str
    content_hash: str
    from_address: str
    subject: str


def fingerprint(raw: bytes) -> Fingerprint:
    """Message-ID and a hash of the message without its transport headers, so the same
    message delivered twice (two mailboxes, a retry) is recognised."""
    normalised = raw.replace(b"\r\n", b"\n")
    end = HEADER_END.search(normalised)
    head, body = (normalised[: end.start()], normalised[end.end() :]) if end else (normalised, b"")
    kept = bytearray()
    skipping = False
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t"):  # a folded continuation of the previous header
            if not skipping:
                kept += line + b"\n"
            continue
        skipping = TRANSPORT.match(line) is not None or line.startswith(b"From ")
        if not skipping:
            kept += line + b"\n"
    digest = hashlib.sha256(bytes(kept) + b"\n" + body).hexdigest()
    headers = BytesHeaderParser(policy=compat32).parsebytes(head + b"\n\n")
    message_id = str(headers.get("Message-ID", "") or "").strip().strip("<>").strip()
    return Fingerprint(
        message_id=storable(message_id, 500),
        content_hash=digest,
        from_address=storable(str(headers.get("From", "") or ""), 320),
        subject=storable(str(headers.get("Subject", "") or ""), 500),
    )


UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str, limit: int) -> str:
    """Text any database holds: no NUL, no lone surrogate (from a header's raw bytes),
    at most `limit` characters."""
    return UNSTORABLE.sub("\ufffd", text[:limit])


def blob_store(data: bytes) -> Blob:
    """The blob holding ``data``, stored once per SHA-256."""
    digest = hashlib.sha256(data).hexdigest()
    blob = Blob.objects.filter(sha256=digest).only("pk").first()
    if blob is None:
        blob = _blob_insert(digest, data)
    return blob


def _blob_insert(digest: str, data: bytes) -> Blob:
    if connection.vendor == "postgresql" and len(data) >= BINARY_FROM:
        return _blob_insert_binary(digest, data)
    return Blob.objects.create(sha256=digest, size=len(data), data=data)


def _blob_insert_binary(digest: str, data: bytes) -> Blob:
    """Django's PostgreSQL backend binds parameters on the client: a bytea is hex-quoted
    into the SQL text, and storing a 27 MB message took 160 MB more memory (216 MB RSS).
    A server-side-bound psycopg cursor sends the bytes as they are, in the same
    transaction."""
    import psycopg

    quote = connection.ops.quote_name
    table = quote(Blob._meta.db_table)
    sql = (
        f"INSERT INTO {table} ({quote('sha256')}, {quote('size')}, {quote('data')}) "  # noqa: S608 - names from the model
        "VALUES (%s, %s, %b) RETURNING id"
    )
    connection.ensure_connection()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, [digest, len(data), data])
        row = cursor.fetchone()
    assert row is not None  # noqa: S101 - INSERT … RETURNING returns the row
    return Blob(pk=row[0], sha256=digest, size=len(data), data=data)


def inbound_store(raw: bytes, source: str) -> tuple[InboundMail, bool]:
    """The stored message and whether it is new (False: we had it already)."""
    try:
        print_ = fingerprint(raw)
    except Exception:  # noqa: BLE001 - a message too broken to read headers is still kept
        print_ = Fingerprint("", hashlib.sha256(raw).hexdigest(), "", "")
    fields = {
        "source": storable(source, 500),
        "message_id": print_.message_id,
        "content_hash": print_.content_hash,
        "from_address": print_.from_address,
        "subject": print_.subject,
    }
    # Insert first, the bytes and the message in one savepoint: a message we have already
    # is rare (a redelivery, a second mailbox), and the unique constraints (the blob's
    # SHA-256; the message's Message-ID and hash) recognise it without a look-up of every
    # new message. The savepoint takes back the blob of a refused duplicate too.
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql" and len(raw) < BINARY_FROM:
                return _inbound_insert_with_blob(raw, fields), True
            blob = _blob_insert(hashlib.sha256(raw).hexdigest(), raw)
            return InboundMail.objects.create(raw=blob, **fields), True
    except IntegrityError:  # we had it already (stored earlier, or by another process)
        pass
    known = InboundMail.objects.filter(
        message_id=print_.message_id, content_hash=print_.content_hash
    ).first()
    if known is not None:
        return known, False
    # Only the bytes were there (an attachment, a message kept raw): a new message.
    with transaction.atomic():
        return InboundMail.objects.create(raw=blob_store(raw), **fields), True


def _inbound_sql() -> str:
    """The blob and the message in one statement (PostgreSQL: an INSERT in a WITH)."""
    quote = connection.ops.quote_name
    blob = ", ".join(quote(c) for c in ("sha256", "size", "data"))
    columns = [str(f.column) for f in InboundMail._meta.concrete_fields if not f.primary_key]
    values = ", ".join("b.id" if c == "raw_id" else "%s" for c in columns)
    return (
        f"WITH b AS (INSERT INTO {quote(Blob._meta.db_table)} ({blob}) "  # noqa: S608 - names from the models
        f"VALUES (%s, %s, %s) RETURNING id) "
        f"INSERT INTO {quote(InboundMail._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
        f"SELECT {values} FROM b RETURNING {quote(str(InboundMail._meta.pk.column))}, "  # type: ignore[union-attr]
        f"{quote('raw_id')}"
    )


_INBOUND_SQL: list[str] = []  # built once per process, on first use


def _inbound_insert_with_blob(raw: bytes, fields: dict[str, str]) -> InboundMail:
    """`Blob.objects.create` then `InboundMail.objects.create`, in one round trip instead
    of two (PostgreSQL; raises IntegrityError as they would, for a message or bytes we
    have already). Nothing listens to either model's saves."""
    if not _INBOUND_SQL:
        _INBOUND_SQL.append(_inbound_sql())
    inbound = InboundMail(**fields)  # the model's defaults: outcome, attempts, received_at
    data = Blob._meta.get_field("data").get_db_prep_save(raw, connection)  # type: ignore[union-attr]
    params: list[Any] = [hashlib.sha256(raw).hexdigest(), len(raw), data]
    for field in InboundMail._meta.concrete_fields:
        if not field.primary_key and field.attname != "raw_id":
            params.append(field.get_db_prep_save(getattr(inbound, field.attname), connection))
    with connection.cursor() as cursor:
        cursor.execute(_INBOUND_SQL[0], params)
        row = cursor.fetchone()
    assert row is not None  # noqa: S101 - INSERT … RETURNING returns the row
    inbound.pk, inbound.raw_id = row
    inbound._state.adding, inbound._state.db = False, connection.alias
    return inbound


def inbound_keep_raw(raw: bytes, source: str, reason: str) -> tuple[InboundMail, bool]:
    """The last resort when storing or processing a message failed with the database up:
    the bytes alone, quarantined with the reason (no header read into a text field, so
    nothing in the message can stop it being kept). Whether it is new, as inbound_store."""
    with transaction.atomic():
        return InboundMail.objects.get_or_create(
            message_id="",
            content_hash=hashlib.sha256(raw).hexdigest(),
            defaults={
                "raw": blob_store(raw),
                "source": storable(source, 500),
                "outcome": Outcome.QUARANTINED,
                "reason": storable(reason, 500),
                "attempts": 1,
                "processed_at": timezone.now(),
            },
        )
