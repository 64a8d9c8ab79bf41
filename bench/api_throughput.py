"""Ticket creation through the API against /healthz of the same server, in one run.

    python bench/api_throughput.py --db sqlite --duration 10
    python bench/api_throughput.py --db postgres --soak 60     # also: 32 writers for 60 s

Needs `wrk` (apt-get install wrk). Prints a markdown table; ratios are what to compare
across machines, since absolute numbers depend on a shared, noisy machine.
"""

import argparse
import os
import re
import subprocess
import sys
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
    return int(cli(env, "shell", "-c", script))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--concurrency", default="1,8,32")
    parser.add_argument("--soak", type=int, default=0, help="seconds of 32 writers (0: skip)")
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
                soak = wrk(base, "wrk_post_ticket.lua", 32, args.soak, wrk_env)
                stored = api_tickets(env) - before
                created = soak.statuses.get(201, 0)
                errors = sum(n for s, n in soak.statuses.items() if s >= 500)
                print(f"\n## 32 writers for {args.soak}s ({args.db})\n")
                print(f"- answers: {dict(sorted(soak.statuses.items()))}")
                print(
                    f"- 5xx: {errors}; 201 answers: {created}; tickets stored: {stored}; "
                    f"{'equal' if stored == created else 'MISMATCH'}"
                )
                print(f"- {soak.rps:.0f} req/s, p50 {soak.p50_ms:.1f} ms, p99 {soak.p99_ms:.1f} ms")


if __name__ == "__main__":
    try:
        main()
    except (subprocess.CalledProcessError, psycopg.Error, RuntimeError) as exc:
        sys.exit(f"benchmark failed: {exc}")
