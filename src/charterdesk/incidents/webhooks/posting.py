"""One HTTP POST of a signed body to an endpoint, over a connection pinned to the address
the guard checked. Never raises: a refusal or a network error is an `Answer` without a
status code."""

import http.client
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import guard, signing

EXCERPT = 500
USER_AGENT = "CharterDesk-Webhooks/1"


@dataclass(frozen=True)
class Answer:
    status: int | None
    excerpt: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class _Pinned(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedTLS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        raw = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]


def post(url: str, body: bytes, *, secret: str, headers: dict[str, str], timeout: float) -> Answer:
    parts = urlsplit(url)
    secure = parts.scheme == "https"
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if secure else 80)
        address = guard.resolve(host, port)
    except (guard.RefusedError, ValueError) as exc:
        return Answer(None, error=str(exc)[:EXCERPT])
    connection = (_PinnedTLS if secure else _Pinned)(host, port, address, timeout)
    sent = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        **headers,
        signing.HEADER: signing.header(secret, int(time.time()), body),
    }
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", path, body=body, headers=sent)
        response = connection.getresponse()
        excerpt = response.read(EXCERPT).decode("utf-8", "replace")
        return Answer(response.status, excerpt=excerpt)
    except (OSError, http.client.HTTPException) as exc:
        return Answer(None, error=f"No answer: {exc or type(exc).__name__}"[:EXCERPT])
    finally:
        connection.close()
