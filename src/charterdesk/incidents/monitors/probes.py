"""The checks themselves, each returning an `Outcome`: passed or not, the latency, and a
short message saying what was seen. A probe never raises: a network error is a failure."""

import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509

BODY_LIMIT = 1_000_000  # bytes read to look for the word


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str
    latency_ms: int | None = None


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer like any other: compared with the expected status."""

    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def http(
    url: str,
    *,
    expected_status: int = 200,
    body_contains: str = "",
    max_latency_ms: int | None = None,
    timeout: float = 10,
) -> Outcome:
    request = urllib.request.Request(url, headers={"User-Agent": "CharterDesk monitor"})  # noqa: S310
    opener = urllib.request.build_opener(_NoRedirect)
    started = time.monotonic()
    try:
        try:
            with opener.open(request, timeout=timeout) as response:
                status, body = response.status, response.read(BODY_LIMIT)
        except urllib.error.HTTPError as answer:
            status, body = answer.code, answer.read(BODY_LIMIT)
    except (OSError, ValueError) as exc:
        return Outcome(False, f"No answer: {_reason(exc)}", _ms(started))
    latency = _ms(started)
    if status != expected_status:
        return Outcome(False, f"HTTP {status}, expected {expected_status}", latency)
    if body_contains and body_contains.encode() not in body:
        return Outcome(False, f"HTTP {status} but {body_contains!r} is not in the page", latency)
    if max_latency_ms is not None and latency > max_latency_ms:
        return Outcome(
            False, f"HTTP {status} in {latency} ms, slower than {max_latency_ms} ms", latency
        )
    return Outcome(True, f"HTTP {status} in {latency} ms", latency)


def tcp(host: str, port: int, *, max_latency_ms: int | None = None, timeout: float = 10) -> Outcome:
    started = time.monotonic()
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as exc:
        return Outcome(False, f"Cannot connect to {host}:{port}: {_reason(exc)}", _ms(started))
    latency = _ms(started)
    if max_latency_ms is not None and latency > max_latency_ms:
        return Outcome(
            False, f"Connected in {latency} ms, slower than {max_latency_ms} ms", latency
        )
    return Outcome(True, f"Connected in {latency} ms", latency)


def tls(host: str, port: int, *, min_days_left: int, now: datetime, timeout: float = 10) -> Outcome:
    """The days left on the certificate the server presents. The chain is not verified
    here: an expiring certificate is reported even when it is self-signed."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    started = time.monotonic()
    try:
        with (
            socket.create_connection((host, port), timeout=timeout) as raw,
            context.wrap_socket(raw, server_hostname=host) as secure,
        ):
            der = secure.getpeercert(binary_form=True)
    except (OSError, ssl.SSLError) as exc:
        return Outcome(False, f"No TLS on {host}:{port}: {_reason(exc)}", _ms(started))
    latency = _ms(started)
    if not der:
        return Outcome(False, "The server presented no certificate", latency)
    expires = x509.load_der_x509_certificate(der).not_valid_after_utc
    left = (expires - now.astimezone(UTC)).total_seconds() / 86400
    days = int(left) if left >= 0 else -int(-left) - 1
    if left < 0:
        return Outcome(False, f"The certificate expired on {expires:%Y-%m-%d}", latency)
    if days < min_days_left:
        return Outcome(
            False, f"The certificate expires in {days} days ({expires:%Y-%m-%d})", latency
        )
    return Outcome(True, f"The certificate expires in {days} days ({expires:%Y-%m-%d})", latency)


def heartbeat(
    last_beat: datetime | None, since: datetime, *, interval: int, grace: int, now: datetime
) -> Outcome:
    """Silence past the interval and the grace is a failure; `since` counts when no call
    came yet (the monitor's creation)."""
    last = last_beat or since
    silent = int((now - last).total_seconds())
    if silent > interval + grace:
        heard = f"last call {silent} s ago" if last_beat else f"no call in {silent} s"
        return Outcome(False, f"Silent: {heard}, expected every {interval} s")
    if last_beat is None:
        return Outcome(True, "Waiting for the first call")
    return Outcome(True, f"Last call {silent} s ago")


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or exc
    return str(reason)[:200] or type(exc).__name__
