"""django-helpdesk, the peer: its own virtualenv, the host project in peerhost/, gunicorn."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from server import wait_until_up

HOST = Path(__file__).resolve().parent / "peerhost"
VERSION = "2.6.1"
PACKAGES = [f"django-helpdesk=={VERSION}", "Django>=5.2,<5.3", "gunicorn"]


@dataclass
class Peer:
    env: dict[str, str]
    python: str
    session: str = ""
    ticket: int = 0
    queue: int = 0


def ensure_venv(venv: Path) -> str:
    """The peer's interpreter; creates the virtualenv and installs from PyPI the first time."""
    python = venv / "bin" / "python"
    if not (venv / ".peer-ready").exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *PACKAGES],
            check=True,
        )
        (venv / ".peer-ready").write_text(VERSION)
    return str(python)


def _run(peer: Peer, *args: str) -> str:
    return subprocess.run(
        [peer.python, *args], cwd=HOST, env=peer.env, check=True, capture_output=True, text=True
    ).stdout.strip()


@contextmanager
def prepared(venv: Path) -> Iterator[Peer]:
    """A migrated, empty peer in a throw-away data folder."""
    data = Path(tempfile.mkdtemp(prefix="peer-bench-"))
    env = {**os.environ, "PEER_DATA": str(data), "DJANGO_SETTINGS_MODULE": "peerhost.settings"}
    env.pop("PYTHONPATH", None)
    peer = Peer(env, ensure_venv(venv))
    try:
        _run(peer, "manage.py", "migrate", "--noinput", "-v0")
        yield peer
    finally:
        shutil.rmtree(data, ignore_errors=True)


def seed(peer: Peer, tickets: int) -> float:
    """Seeds up to `tickets` tickets; the seconds it took."""
    start = time.perf_counter()
    found = json.loads(_run(peer, "seed.py", "--tickets", str(tickets)).splitlines()[-1])
    peer.session, peer.ticket, peer.queue = found["session"], found["ticket"], found["queue"]
    return time.perf_counter() - start


@contextmanager
def web(peer: Peer, port: int, workers: int = 2) -> Iterator[str]:
    """gunicorn with its default (sync) workers, as the peer's docs deploy it."""
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [peer.python, "-m", "gunicorn", "peerhost.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "60"],
        cwd=HOST,
        env=peer.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(proc, f"{base}/helpdesk/login/", "the peer's web server")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
