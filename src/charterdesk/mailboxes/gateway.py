"""The SMTP gateway: mail delivered straight to CharterDesk (by Postfix as a relay, or as
the MX itself). Recipients outside the support domains get 550; a message becomes an
ingest call in the gateway's worker thread (the ORM is synchronous; one thread, as writes
queue on the database anyway) and is answered 250 once it is stored (a message that
cannot be processed is quarantined, and stored all the same), or 451 only when the
database is down, so the sending server keeps it and tries again."""

import asyncio
import hashlib
import logging
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP
from django.conf import settings
from django.db import close_old_connections, connections

from .ingest import Ingest, ingest_or_keep
from .ingest import ingest as ingest_mail

log = logging.getLogger(__name__)

DEFAULT_MAX_SIZE = 25 * 1024 * 1024
TEMPORARY_FAILURE = "451 4.3.0 Temporary failure, try again later"
# RFC 5321 allows 1,000 characters a line, but mailers write longer ones (HTML on one line,
# crafted headers): the gateway takes them and lets ingestion decide (store, then process
# or quarantine), instead of refusing the whole message with "500 Line too long".
LINE_LENGTH_LIMIT = 1024 * 1024


class GatewaySMTP(SMTP):
    line_length_limit = LINE_LENGTH_LIMIT


class GatewayController(Controller):
    def factory(self) -> SMTP:
        return GatewaySMTP(self.handler, **self.SMTP_kwargs)


def accepted_recipients() -> list[str]:
    """MAIL_ACCEPT_DOMAINS (domains or full addresses), else the support address's domain."""
    configured = getattr(settings, "MAIL_ACCEPT_DOMAINS", None)
    if configured:
        return [entry.strip().lower() for entry in configured if entry.strip()]
    support = getattr(settings, "MAIL_SUPPORT_ADDRESS", settings.DEFAULT_FROM_EMAIL)
    return [support.rpartition("@")[2].lower()]


def accepts(address: str, accepted: Iterable[str]) -> bool:
    """Whether the gateway takes mail for `address`; support+token@ counts as support@."""
    local, _, domain = address.strip().lower().rpartition("@")
    if not local:
        return False
    plain = f"{local.split('+', 1)[0]}@{domain}"
    return any(entry in (domain, plain, f"{local}@{domain}") for entry in accepted)


class GatewayHandler:
    """aiosmtpd handler: RCPT checks the recipient, DATA stores the message via ingest."""

    def __init__(self, ingest: Ingest = ingest_mail, accepted: list[str] | None = None) -> None:
        self.ingest = ingest
        self.accepted = accepted if accepted is not None else accepted_recipients()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="smtp-ingest")

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if not accepts(address, self.accepted):
            return f"550 5.1.1 <{address}>: not a support address here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        raw: bytes = envelope.original_content or b""
        peer = session.peer[0] if session.peer else "unknown"
        source = f"smtp:{peer} to {','.join(envelope.rcpt_tos)}"[:500]
        try:
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(self._worker, self._store, raw, source)
        except Exception as exc:  # the database is down: the sender must try again
            log.warning(
                "SMTP gateway: could not store a message from %s (%s: %s); answered 451",
                peer,
                type(exc).__name__,
                exc,
            )
            return TEMPORARY_FAILURE
        return f"250 OK: queued as {hashlib.sha256(raw).hexdigest()}"

    def _store(self, raw: bytes, source: str) -> None:
        close_old_connections()
        try:
            result = ingest_or_keep(self.ingest, raw, source)
            level = logging.WARNING if result.outcome == "quarantined" else logging.INFO
            log.log(level, "SMTP gateway: %s (%s)", result.outcome, result.reason or "-")
        finally:
            close_old_connections()

    def close(self) -> None:
        """Close the worker thread's database connections, then end the thread."""
        self._worker.submit(connections.close_all).result(timeout=60)
        self._worker.shutdown()


def gateway(
    *,
    host: str = "127.0.0.1",
    port: int = 2525,
    max_size: int = DEFAULT_MAX_SIZE,
    ingest: Ingest = ingest_mail,
    accepted: list[str] | None = None,
) -> Controller:
    """The gateway, not started yet: `.start()` runs it in a thread, `.stop()` ends it."""
    handler = GatewayHandler(ingest, accepted)
    return GatewayController(
        handler,
        hostname=host,
        port=port,
        data_size_limit=max_size,
        enable_SMTPUTF8=True,
        ident="CharterDesk SMTP gateway",
    )


def serve_forever(controller: Controller, stop: threading.Event) -> None:
    """Run until `stop` is set (the command sets it on SIGTERM / Ctrl-C)."""
    controller.start()
    try:
        stop.wait()
    finally:
        controller.stop()
        controller.handler.close()
