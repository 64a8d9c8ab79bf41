"""`charterdesk serve` against a private PostgreSQL that the test stops and starts: the web
answers 503 while the database is down (the API, and a page whose session cannot load)
and again once it is back, a task enqueued after the outage runs, and the worker and
scheduler each say once that the database went away (no traceback, no restart).

Slow (about 20-30 s: a cluster, migrations, an outage), marked `slow`.

Every wait is a condition polled up to a generous limit, never a fixed pause or a single
try: on a loaded machine a request, a `charterdesk shell` or a cluster start can take many
seconds, and the test must then take longer, not fail. What it proves stays the same: the
answers that must come do come, and a server error never does."""

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.private_postgres import PrivatePostgres, available, free_port

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not available(), reason="needs Debian's PostgreSQL binaries"),
]

SRC = Path(__file__).resolve().parents[2] / "src"
# Generous limits (seconds): a quiet machine meets each condition within a second or two.
REQUEST_TIMEOUT = 30
PATIENCE = 120
# Start-up migrates the new cluster (some 180 migrations): minutes on a loaded machine.
STARTUP = 900


@pytest.fixture
def postgres() -> Iterator[PrivatePostgres]:
    cluster = PrivatePostgres()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.destroy()


class Served:
    def __init__(self, database_url: str) -> None:
        self.port = free_port()
        self.data = Path(tempfile.mkdtemp(prefix="charterdesk-serve-"))
        self.env = {
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(SRC),
            "DJANGO_SETTINGS_MODULE": "charterdesk.settings",
            "DATABASE_URL": database_url,
            "CONN_MAX_AGE": "600",
            "CHARTERDESK_DATA_DIR": str(self.data),
        }
        self.log = (self.data / "serve.log").open("w+")
        self.proc = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "charterdesk.cli", "serve", "--port", str(self.port)],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def cli(self, code: str) -> str:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "charterdesk.cli", "shell", "--no-imports", "-c", code],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=PATIENCE,
            check=True,
        )
        return result.stdout.strip().splitlines()[-1]

    def get(self, path: str, token: str = "", cookie: str = "") -> int:
        headers = {"Authorization": f"Bearer {token}"} if token else {"Cookie": cookie}
        request = urllib.request.Request(  # noqa: S310 - our own local server
            f"http://127.0.0.1:{self.port}{path}", headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:  # noqa: S310
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)
        except OSError:
            return 0

    def output(self) -> str:
        self.log.flush()
        return (self.data / "serve.log").read_text()

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


def until(check, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


NEW_TOKEN = """
from charterdesk.accounts.models import ApiToken, Role, User
agent = User.objects.create_user("oncall@example.com", "x", name="On call", role=Role.AGENT, tier=1)
print(ApiToken.issue(agent)[1])
"""
ENQUEUE = (
    "from charterdesk.core.tasks import prune_task_results; print(prune_task_results.enqueue().id)"
)
STATUS = (
    "from django_tasks_db.models import DBTaskResult; "
    "print(DBTaskResult.objects.get(pk='{}').status)"
)


def test_serve_keeps_answering_after_postgresql_restarts(postgres):
    served = Served(postgres.url)
    try:
        # Start-up migrates a new cluster first: slow on a busy machine, so wait long (but
        # not past the process's end: a start-up that fails is reported at once).
        started = until(
            lambda: served.proc.poll() is not None or served.get("/api/v1/tickets", "none") == 401,
            STARTUP,
        )
        assert started and served.proc.poll() is None, served.output()
        token = served.cli(NEW_TOKEN)
        assert until(lambda: served.get("/api/v1/tickets", token) == 200, PATIENCE), served.output()

        postgres.stop()
        during: list[int] = []
        answered = until(
            lambda: during.append(served.get("/api/v1/tickets", token)) or 503 in during, PATIENCE
        )
        assert answered, (during, served.output())
        assert 500 not in during, (during, served.output())  # never a server error while down
        # A browser's page: its session is loaded by a middleware, before any view runs. A
        # try that times out on a busy machine (0) is tried again; any other answer fails.
        page: list[int] = []
        until(
            lambda: (
                page.append(served.get("/desk/", cookie="sessionid=a-browser-session"))
                or page[-1] != 0
            ),
            PATIENCE,
        )
        assert page and page[-1] == 503 and set(page) <= {0, 503}, (page, served.output())
        # The worker polls every second, the scheduler every five: on a busy machine a
        # fixed pause can end before the scheduler's next look, so wait until both noticed.
        noticed = until(
            lambda: all(
                f"{name}: the database is unavailable" in served.output()
                for name in ("worker", "scheduler")
            ),
            PATIENCE,
        )
        assert noticed, served.output()
        postgres.start()

        after: list[int] = []
        back = until(
            lambda: after.append(served.get("/api/v1/tickets", token)) or after[-1] == 200,
            PATIENCE,
        )
        assert back, (after, served.output())
        assert 500 not in after, (after, served.output())
        task_id = served.cli(ENQUEUE)
        ran = until(lambda: served.cli(STATUS.format(task_id)) == "SUCCESSFUL", PATIENCE)
        assert ran, served.output()
        assert served.proc.poll() is None
        output = served.output()
        assert output.count("worker: the database is unavailable") == 1, output
        assert output.count("scheduler: the database is unavailable") == 1, output
        assert "Traceback" not in output
        assert "starting it again" not in output
    finally:
        served.stop()
