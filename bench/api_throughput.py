"""Ticket creation through the API against /healthz of the same server, in one run.

    python bench/api_throughput.py --db sqlite --duration 10
    python bench/api_throughput.py --db postgres --soak 60     # also: 32 writers for 60 s

Needs `wrk` (apt-get install wrk). Prints a markdown table; ratios are what to compare
across machines, since absolute numbers depend on a shared, noisy machine.
"""

import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import cli, prepared, web  # noqa: E402

HERE = Path(__file__).resolve().parent
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class Run:
    rps: float
    p50_ms: float
    p99_ms: float
    statuses: dict[int, int]


def wrk(url: str, script: str, connections: int, seconds: int, env: dict[str, str]) -> Run:
    out = subprocess.run(
        [
            "wrk",
            "-t",
            str(min(connections, 2)),
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            "-s",
            str(HERE / script),
            url,
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    pct = {
        p: _ms(v, u) for p, v, u in re.findall(r"\s(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\b", out)
    }
    statuses = {int(s): int(n) for s, n in re.findall(r"STATUS (\d+) (\d+)", out)}
    return Run(rps, pct["50"], pct["99"], statuses)


def _ms(value: str, unit: str) -> float:
    return float(value) * UNITS[unit]


def api_tickets(env: dict[str, str]) -> int:
    """Tickets created through the API, counted in the database."""
    script = (
        "from charterdesk.tickets.models import Ticket; "
        "print(Ticket.objects.filter(channel='api').count())"
    )
    return int(cli(env, "shell", "-c", script).splitlines()[-1])


def soak(
    base: str, token: str, writers: int, seconds: int
) -> tuple[dict[int, int], set[int], float]:
    """Closed-loop writers: each sends its next request only after the answer to the last,
    and stops after `seconds` with nothing left in flight, so every request is counted."""
    host, port = base.removeprefix("http://").split(":")
    deadline = time.monotonic() + seconds
    answers: Counter[int] = Counter()
    ids: set[int] = set()
    lock = threading.Lock()

    def writer(number: int) -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        sent = 0
        while time.monotonic() < deadline:
            sent += 1
            body = json.dumps(
                {"subject": f"Soak {number}-{sent}", "body": "I get an error when exporting."}
            )
            try:
                conn.request(
                    "POST",
                    "/api/v1/tickets",
                    body,
                    {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
                )
                response = conn.getresponse()
                payload = response.read()
                status = response.status
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=30)
                status = 0  # connection error: counted, never silently dropped
                payload = b""
            with lock:
                answers[status] += 1
                if status == 201:
                    ids.add(json.loads(payload)["id"])
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return dict(answers), ids, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--concurrency", default="1,8,32")
    parser.add_argument(
        "--soak", type=int, default=0, help="seconds of 32 closed-loop writers (0: skip)"
    )
    parser.add_argument("--port", type=int, default=8911)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn processes")
    parser.add_argument("--threads", type=int, default=8, help="threads per process")
    args = parser.parse_args()
    with prepared(args.db) as env:
        token = cli(env, "token", "alice@acme.example")
        wrk_env = {**os.environ, "CHARTERDESK_TOKEN": token}
        with web(env, args.port, args.workers, args.threads) as base:
            print(
                f"## API ticket creation vs /healthz ({args.db}, {args.duration}s per run, "
                f"{args.workers} processes x {args.threads} threads)\n"
            )
            print(
                "| concurrency | healthz req/s | p50 ms | p99 ms | create req/s | p50 ms | "
                "p99 ms | create/healthz | non-201 |"
            )
            print("|---|---|---|---|---|---|---|---|---|")
            for c in (int(x) for x in args.concurrency.split(",")):
                health = wrk(f"{base}/healthz", "wrk_count.lua", c, args.duration, wrk_env)
                create = wrk(base, "wrk_post_ticket.lua", c, args.duration, wrk_env)
                bad = sum(n for s, n in create.statuses.items() if s != 201)
                print(
                    f"| {c} | {health.rps:.0f} | {health.p50_ms:.1f} | {health.p99_ms:.1f} | "
                    f"{create.rps:.0f} | {create.p50_ms:.1f} | {create.p99_ms:.1f} | "
                    f"{create.rps / health.rps:.0%} | {bad} |",
                    flush=True,
                )
            if args.soak:
                before = api_tickets(env)
                answers, ids, elapsed = soak(base, token, 32, args.soak)
                stored = api_tickets(env) - before
                created = answers.get(201, 0)
                errors = sum(n for s, n in answers.items() if s >= 500)
                print(f"\n## 32 writers for {args.soak}s ({args.db})\n")
                print(
                    f"- answers: {dict(sorted(answers.items()))} in {elapsed:.1f} s "
                    f"({sum(answers.values()) / elapsed:.0f} req/s)"
                )
                print(
                    f"- 5xx: {errors}; 201 answers: {created}; tickets stored: {stored}; "
                    f"{'equal' if stored == created else 'MISMATCH'}; "
                    f"distinct ids answered: {len(ids)}"
                )


if __name__ == "__main__":
    try:
        main()
    except (subprocess.CalledProcessError, psycopg.Error, RuntimeError) as exc:
        sys.exit(f"benchmark failed: {exc}")
