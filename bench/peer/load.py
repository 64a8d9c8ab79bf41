"""A signed-in staff browser, as HTTP: keep-alive, cookies, CSRF header; p50/p95/p99 and
requests per second, sequentially or with several clients at once."""

import http.client
import json
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

CSRF = "benchcsrfsecret0123456789abcdefg"  # 32 characters: a valid unmasked CSRF secret


class BadAnswerError(Exception):
    pass


@dataclass
class Browser:
    """One client: its own connection, reopened when the server closes it."""

    base: str
    cookies: dict[str, str]
    headers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        host, port = self.base.removeprefix("http://").split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=60)

    def _send(self, method: str, path: str, body: bytes | None, extra: dict[str, str]) -> bytes:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers = {"Cookie": cookie, **self.headers, **extra}
        try:
            self.conn.request(method, path, body, headers)
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            self.conn.close()  # a server that closes idle connections: open a new one
            self.conn.request(method, path, body, headers)
            response = self.conn.getresponse()
        payload = response.read()
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
        if response.status not in (200, 201):
            raise BadAnswerError(f"{method} {path}: {response.status} {payload[:200]!r}")
        return payload

    def get(self, path: str, headers: dict[str, str] | None = None) -> bytes:
        return self._send("GET", path, None, headers or {})

    def post_json(self, path: str, data: dict[str, object]) -> bytes:
        body = json.dumps(data).encode()
        return self._send("POST", path, body, {"Content-Type": "application/json"})


Operation = Callable[[Browser, int], object]


@dataclass
class Stats:
    p50: float
    p95: float
    p99: float
    rps: float
    errors: int


def _percentile(samples: list[float], p: float) -> float:
    return samples[max(0, math.ceil(p * len(samples)) - 1)]


@dataclass
class Run:
    """What the clients of one measurement share."""

    operation: Operation
    each: int
    start_line: threading.Barrier
    samples: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def client(self, me: Browser, number: int) -> None:
        try:
            for n in range(2):  # warm-up, not counted
                self.operation(me, -(number * 10 + n + 1))
        except Exception as exc:  # a warm-up that fails: stop every client, say why
            with self.lock:
                self.errors.append(f"warm-up: {exc}")
            self.start_line.abort()
            return
        self.start_line.wait()
        mine = []
        for n in range(self.each):
            began = time.perf_counter()
            try:
                self.operation(me, number * self.each + n)
            except BadAnswerError as exc:
                with self.lock:
                    self.errors.append(str(exc))
                continue
            mine.append((time.perf_counter() - began) * 1000)
        with self.lock:
            self.samples.extend(mine)


def measure(
    operation: Operation, browser: Callable[[], Browser], requests: int, clients: int
) -> Stats:
    """`requests` operations spread over `clients` concurrent browsers (closed loop: each
    sends its next request after the answer to the last), after two warm-up operations each."""
    run = Run(operation, max(1, requests // clients), threading.Barrier(clients + 1))
    threads = [threading.Thread(target=run.client, args=(browser(), n)) for n in range(clients)]
    for thread in threads:
        thread.start()
    try:
        run.start_line.wait()
    except threading.BrokenBarrierError:
        for thread in threads:
            thread.join()
        raise RuntimeError(run.errors[0]) from None
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if run.errors:
        print(f"  {len(run.errors)} failed, first: {run.errors[0]}", flush=True)
    samples = sorted(run.samples)
    if not samples:
        return Stats(math.nan, math.nan, math.nan, 0.0, len(run.errors))
    return Stats(
        _percentile(samples, 0.50),
        _percentile(samples, 0.95),
        _percentile(samples, 0.99),
        len(samples) / elapsed,
        len(run.errors),
    )
