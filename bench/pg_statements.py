"""Where a request's time goes on PostgreSQL (issue #13): client CPU, server CPU and wait,
and each statement's round trip against the server's planning and execution time.

    python bench/pg_statements.py --keep pg10k --size 10000
    python bench/pg_statements.py --keep pg10k --what ticket --explain 15

Seeds a kept PostgreSQL database (bench_NAME) to `--size` tickets the first time, then
in-process with Django's test client and the settings as deployed (persistent connection,
health checks: the test client skips them, so each request is wrapped in what a web
server's request_started and request_finished do):
- the agent's ticket page (the ticket bench/peer/run.py opens: open, three messages), and
- a ticket created through the API (an agent's token, as bench/peer does), and
- the agent's queue page (`--what queue`);
for each: wall ms per request, this process's CPU ms (Python, psycopg), the server
backend's CPU ms (from /proc of the backend's pid: the server runs on this machine), the
rest (wait: round trips, scheduling), statements per request as Django counts them and
round trips as the protocol counts them (the health check, BEGIN, a server-side cursor's
FETCH and CLOSE included). `--explain N` also runs each statement of one request again under EXPLAIN
ANALYZE (in a transaction rolled back) and lists the N with the most planning time:
the round trip measured at the client against the server's planning and execution.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import cli, kept  # noqa: E402

AGENT = "tier1@charterdesk.example"
VACUUM = "from django.db import connection\nconnection.cursor().execute('VACUUM ANALYZE')"
TICKS = os.sysconf("SC_CLK_TCK")


def seed(env: dict[str, str], size: int) -> None:
    count = "from charterdesk.tickets.models import Ticket; print(Ticket.objects.count())"
    missing = size - int(cli(env, "shell", "-c", count).splitlines()[-1])
    if missing > 0:
        cli(env, "seed", "--tickets", str(missing))
        cli(env, "shell", "-c", VACUUM)


def backend_cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / TICKS  # utime + stime


def backend_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return int(cursor.fetchone()[0])


class Recorder:
    """Each statement's SQL, parameters and round trip (execute, as the client sees it)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object, float]] = []

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.calls.append((sql, params, (time.perf_counter() - start) * 1000))


def round_trips(request: Callable[[], object]) -> int:
    """Round trips to the server in one request, the health check, BEGIN, a server-side
    cursor's FETCH and CLOSE included (Django counts none of these): the ReadyForQuery
    messages in libpq's protocol trace, one for each query or sync the client sends."""
    from django.db import connection

    request()  # opens the connection when the previous request closed it
    pgconn = connection.connection.pgconn
    with tempfile.TemporaryFile("w+") as trace:
        pgconn.trace(trace.fileno())
        try:
            request()
        finally:
            pgconn.untrace()
        trace.seek(0)
        return sum("ReadyForQuery" in line for line in trace)


def split(name: str, request: Callable[[], object], runs: int) -> None:
    """Wall, client CPU, server CPU and the rest, per request, over `runs` requests."""
    from django.db import connection

    request()
    pid = backend_pid()
    request()
    assert backend_pid() == pid, "the connection was not kept between requests"
    statements = Recorder()
    walls = []
    server0, client0 = backend_cpu_ms(pid), time.process_time()
    with connection.execute_wrapper(statements):
        for _ in range(runs):
            start = time.perf_counter()
            request()
            walls.append((time.perf_counter() - start) * 1000)
    server = (backend_cpu_ms(pid) - server0) / runs
    client = (time.process_time() - client0) * 1000 / runs
    wall = statistics.fmean(walls)
    walls.sort()
    in_execute = sum(ms for _, _, ms in statements.calls) / runs
    print(
        f"{name}: {runs} requests, wall mean {wall:.1f} ms (p50 {statistics.median(walls):.1f},"
        f" p95 {walls[int(runs * 0.95) - 1]:.1f}); client CPU {client:.1f} ms, server CPU "
        f"{server:.1f} ms, rest {wall - client - server:.1f} ms; "
        f"{len(statements.calls) / runs:.1f} statements ({in_execute:.1f} ms in execute), "
        f"{round_trips(request)} round trips per request"
    )


def explain(request: Callable[[], object], top: int) -> None:
    """Each statement of one request again under EXPLAIN ANALYZE: planning vs execution."""
    from django.db import connection, transaction

    recorder = Recorder()
    with connection.execute_wrapper(recorder):
        request()
    rows = []
    for sql, params, ms in recorder.calls:
        head = sql.lstrip().split(None, 1)[0].upper()
        if head not in {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH"}:
            continue
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
                plan = cursor.fetchone()[0][0]
                transaction.set_rollback(True)
        except Exception as exc:  # noqa: BLE001 - a statement that cannot be replayed
            print(f"   (not replayed: {type(exc).__name__}: {sql[:60]})")
            continue
        rows.append((plan["Planning Time"], plan["Execution Time"], ms, sql))
    planning = sum(r[0] for r in rows)
    execution = sum(r[1] for r in rows)
    trips = sum(r[2] for r in rows)
    print(
        f"   {len(rows)} statements replayed: planning {planning:.2f} ms, execution "
        f"{execution:.2f} ms, round trips at the client {trips:.2f} ms "
        f"(the rest, {trips - planning - execution:.2f} ms: protocol, parsing, transfer)"
    )
    for p, e, ms, sql in sorted(rows, reverse=True)[:top]:
        print(f"   plan {p:6.2f}  exec {e:6.2f}  trip {ms:6.2f}  {' '.join(sql.split())[:90]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", default="pg10k", help="the kept database: bench_NAME")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--what", default="ticket,create")
    parser.add_argument("--explain", type=int, default=0, help="list the N costliest to plan")
    args = parser.parse_args()
    with kept("postgres", args.keep) as env:
        seed(env, args.size)
        os.environ.update(env)
        import django

        django.setup()
        from django.conf import settings
        from django.db import close_old_connections
        from django.db.models import Count
        from django.test import Client

        from charterdesk.accounts.models import ApiToken, User
        from charterdesk.tickets.models import Ticket

        settings.ALLOWED_HOSTS = ["*"]
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)  # pages link to them
        agent = User.objects.get(email=AGENT)
        client = Client()
        client.force_login(agent)
        ticket = (
            Ticket.objects.filter(status="open")
            .annotate(n=Count("messages"))
            .filter(n__gte=3)
            .order_by("n", "id")
            .values_list("id", flat=True)[args.size // 200]
        )
        _, token = ApiToken.issue(agent)
        api = Client(headers={"Authorization": f"Bearer {token}"})
        body = '{"subject": "Export fails", "body": "I get an error", '
        body += '"requester_email": "alice@acme.example"}'

        def page() -> None:
            close_old_connections()  # what a web server's request_started does
            assert client.get(f"/desk/tickets/{ticket}/").status_code == 200
            close_old_connections()  # and request_finished

        def create() -> None:
            close_old_connections()
            response = api.post("/api/v1/tickets", body, content_type="application/json")
            assert response.status_code == 201, response.content
            close_old_connections()

        def queue() -> None:
            close_old_connections()
            assert client.get("/desk/", follow=True).status_code == 200
            close_old_connections()

        requests = {"ticket": page, "create": create, "queue": queue}
        for name in args.what.split(","):
            split(name, requests[name], args.runs)
            if args.explain:
                explain(requests[name], args.explain)


if __name__ == "__main__":
    main()
