"""CharterDesk side by side with django-helpdesk 2.6.1, the peer (issue #13).

    python bench/peer/run.py                                  # 10,000 tickets, SQLite
    python bench/peer/run.py --sizes 10000,100000 --write     # and append to bench/RESULTS.md
    python bench/peer/run.py --db postgres                    # ours on PostgreSQL
    python bench/peer/run.py --operations ticket --before /tmp/before/src
                                    # one operation; and ours before a change, same run
    python bench/peer/run.py --sizes 100000 --ops list        # only the ticket list

Installs the peer into its own virtualenv (PEER_VENV, default /tmp/peervenv) the first
time, migrates its host project (peerhost/) and ours, seeds both to each size, serves the
peer with gunicorn (2 sync workers) and ours with `charterdesk web` with its defaults (the
served checkout's: `--before` gets its own), and measures each operation as a signed-in
staff browser would, with 1 and then 8 concurrent clients, ours and the peer in turn.
Prints a table of p50/p95/p99 and requests per second, and the ratios ours/peer.
"""

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import time
from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
import peer  # noqa: E402
from load import CSRF, Browser, Stats, measure  # noqa: E402
from operations import OPERATIONS, ours_operations, peer_operations  # noqa: E402
from server import cli, prepared, web  # noqa: E402

RESULTS = HERE.parent / "RESULTS.md"
AGENT = "tier1@charterdesk.example"
MARK_RARE_WORD = """
from django.db import connection, transaction
with transaction.atomic(), connection.cursor() as cursor:
    cursor.execute(
        "UPDATE tickets_ticket SET subject = subject || ' kerberos' "
        "WHERE id % 100 = 7 AND subject NOT LIKE '%kerberos'"
    )
    if connection.vendor == "postgresql":
        cursor.execute("ANALYZE")
"""
SIGN_IN = """
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db.models import Count
from charterdesk.accounts.models import User
from charterdesk.tickets.models import Ticket
user = User.objects.get(email=%(email)r)
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]  # the one that signs in
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
# An open ticket with a request and two replies, like the peer's (description and two
# follow-ups); when the seed made too few of those, the one with the fewest messages above
# three. Deterministic: fewest messages first, then the position-th by id (or the last).
candidates = list(
    Ticket.objects.filter(status="open")
    .annotate(n=Count("messages"))
    .filter(n__gte=3)
    .order_by("n", "id")
    .values_list("n", "id")[:%(position)d + 1]
)
if not candidates:
    raise SystemExit("no open ticket with at least 3 messages to open")
fewest = [pk for n, pk in candidates if n == candidates[0][0]]
ticket = fewest[min(%(position)d, len(fewest) - 1)]
print(json.dumps({"session": session.session_key, "ticket": ticket}))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seed_ours(env: dict[str, str], size: int) -> float:
    start = time.perf_counter()
    existing = int(
        cli(
            env,
            "shell",
            "-c",
            "from charterdesk.tickets.models import Ticket; print(Ticket.objects.count())",
        ).splitlines()[-1]
    )
    if size > existing:
        cli(env, "seed", "--tickets", str(size - existing))
    cli(env, "shell", "-c", MARK_RARE_WORD)
    return time.perf_counter() - start


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; load {load}"


def row(name: str, clients: int, ours: Stats, theirs: Stats) -> str:
    cells = [name, str(clients)]
    for s in (ours, theirs):
        cells += [f"{s.p50:.1f}", f"{s.p95:.1f}", f"{s.p99:.1f}", f"{s.rps:.0f}"]
    cells += [f"{ours.p95 / theirs.p95:.2f}", f"{ours.rps / theirs.rps:.2f}"]
    errors = ours.errors + theirs.errors
    return "| " + " | ".join(cells) + f" |{' ' + str(errors) + ' failed' if errors else ''}"


HEADER = (
    "| operation | clients | ours p50 | p95 | p99 | req/s | peer p50 | p95 | p99 | req/s "
    "| p95 ours/peer | req/s ours/peer |\n|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def compare(  # type: ignore[no-untyped-def]
    args: argparse.Namespace,
    ours_base: str,
    peer_base: str,
    ours: dict,  # type: ignore[type-arg]
    theirs: dict,  # type: ignore[type-arg]
    before_base: str | None = None,
):
    ours_ops, peer_ops = ours_operations(ours), peer_operations(theirs)

    def ours_at(base: str):  # type: ignore[no-untyped-def]
        return lambda: Browser(
            base, {"sessionid": ours["session"]}, {"Authorization": f"Bearer {ours['token']}"}
        )

    ours_browser = ours_at(ours_base)
    peer_browser = lambda: Browser(  # noqa: E731
        peer_base, {"sessionid": theirs["session"], "csrftoken": CSRF}, {"X-CSRFToken": CSRF}
    )
    lines = []
    for name in args.ops.split(","):
        for clients in (1, 8):
            requests = args.requests if clients == 1 else args.requests * 2
            if before_base:  # the code before the change, on the same data, in turn
                c = measure(ours_ops[name], ours_at(before_base), requests, clients)
            a = measure(ours_ops[name], ours_browser, requests, clients)
            b = measure(peer_ops[name], peer_browser, requests, clients)
            if before_base:
                lines.append(row(f"{name} (before)", clients, c, b))
                print(lines[-1], flush=True)
            lines.append(row(name, clients, a, b))
            print(lines[-1], flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite", help="ours")
    parser.add_argument("--requests", type=int, default=60, help="per run; x2 with 8 clients")
    parser.add_argument("--write", action="store_true", help="append to bench/RESULTS.md")
    parser.add_argument(
        "--ops",
        "--operations",
        dest="ops",
        default=",".join(OPERATIONS),
        help="comma-separated; default: all five",
    )
    parser.add_argument(
        "--before",
        help="another checkout's src (the code before a change): also served on the same "
        "database and measured in turn, as rows '(before)'",
    )
    args = parser.parse_args()
    unknown = set(args.ops.split(",")) - set(OPERATIONS)
    if unknown:
        parser.error(f"unknown operation: {', '.join(sorted(unknown))}")
    venv = Path(os.environ.get("PEER_VENV", "/tmp/peervenv"))  # noqa: S108 - a throw-away venv
    report = [
        f"## Side by side with django-helpdesk {peer.VERSION} (issue #13), "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n",
        f"`python bench/peer/run.py {' '.join(sys.argv[1:])}` at commit {commit()}; ours on "
        f"{args.db}, the peer on SQLite. Machine: {machine()}.\n",
    ]
    with prepared(args.db) as env, peer.prepared(venv) as theirs_host:
        token = cli(env, "token", AGENT)
        for size in (int(s) for s in args.sizes.split(",")):
            ours_seed = seed_ours(env, size)
            peer_seed = peer.seed(theirs_host, size)
            script = SIGN_IN % {"email": AGENT, "position": size // 200}
            ours = json.loads(cli(env, "shell", "-c", script).splitlines()[-1]) | {"token": token}
            theirs = {"session": theirs_host.session, "ticket": theirs_host.ticket}
            theirs["queue"] = theirs_host.queue
            intro = (
                f"\n### {size:,} tickets (seeding to this size: ours {ours_seed:.0f} s, "
                f"peer {peer_seed:.0f} s; ms, {args.requests} requests with 1 client, "
                f"{args.requests * 2} with 8)\n"
            )
            print(intro + "\n" + HEADER, flush=True)
            with (
                web(env, free_port()) as ours_base,
                peer.web(theirs_host, free_port()) as pb,
                web(before_env(env, args.before), free_port())
                if args.before
                else nullcontext() as before_base,
            ):
                lines = compare(args, ours_base, pb, ours, theirs, before_base)
            load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
            report += [intro, HEADER, *lines, f"\nLoad average after this size: {load}."]
            if args.write:  # each size as soon as it is measured: a long run keeps what it has
                with RESULTS.open("a") as out:
                    out.write("\n" + "\n".join(report) + "\n")
                report = []
                print(f"\nappended to {RESULTS}", flush=True)


def before_env(env: dict[str, str], src: str) -> dict[str, str]:
    """The environment of ours before a change: its code, the same database, its own
    collected static files."""
    return env | {
        "PYTHONPATH": str(Path(src).resolve()),
        "STATIC_ROOT": str(Path(env["CHARTERDESK_DATA_DIR"]) / "static-before"),
    }


def commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True
    ).stdout.strip()


if __name__ == "__main__":
    try:
        main()
    except (subprocess.CalledProcessError, RuntimeError) as exc:
        sys.exit(f"benchmark failed: {exc}\n{getattr(exc, 'stderr', '') or ''}")
