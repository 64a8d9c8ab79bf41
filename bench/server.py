"""Start a throw-away CharterDesk (own data folder or PostgreSQL database) for benchmarks."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
CLI = [sys.executable, "-m", "charterdesk.cli"]


def environment(db: str, data_dir: Path, pg_name: str | None = None) -> dict[str, str]:
    """The environment of a benchmark's CharterDesk: a new PostgreSQL database (dropped
    first; named $BENCH_PG_PREFIX_<pid>), or `pg_name` as it is when given (kept between
    runs)."""
    env = {
        **os.environ,
        "CHARTERDESK_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "charterdesk.settings",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    if db == "postgres":
        prefix = os.environ.get("BENCH_PG_PREFIX", "charterdesk_bench")  # e.g. a helper's name
        name = pg_name or f"{prefix}_{os.getpid()}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            if pg_name is None:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if exists.fetchone() is None:
                conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    return env


def drop(env: dict[str, str]) -> None:
    url = env.get("DATABASE_URL")
    if url:
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def cli(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [*CLI, *args], env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


@contextmanager
def kept(db: str, name: str) -> Iterator[dict[str, str]]:
    """A benchmark database that stays for the next run (`--keep NAME`): SQLite in
    bench/.kept/NAME, PostgreSQL as the database bench_NAME. Migrated to this checkout
    each time; the demo data loaded on the first run only."""
    data_dir = ROOT / "bench" / ".kept" / name
    first = not data_dir.exists()
    data_dir.mkdir(parents=True, exist_ok=True)
    env = environment(db, data_dir, pg_name=f"bench_{name}" if db == "postgres" else None)
    marker = data_dir / f"demo-loaded-{db}"
    cli(env, "migrate", "--noinput", "-v0")
    if first or not marker.exists():
        cli(env, "demo")
        marker.touch()
    yield env


@contextmanager
def prepared(db: str) -> Iterator[dict[str, str]]:
    data_dir = Path(tempfile.mkdtemp(prefix="charterdesk-bench-"))
    env = environment(db, data_dir)
    try:
        cli(env, "migrate", "--noinput", "-v0")
        cli(env, "demo")
        yield env
    finally:
        drop(env)
        shutil.rmtree(data_dir, ignore_errors=True)


START_TIMEOUT = float(os.environ.get("BENCH_START_TIMEOUT", "300"))


def wait_until_up(proc: subprocess.Popen[bytes], url: str, what: str) -> None:
    """Waits for `url` to answer, up to START_TIMEOUT seconds (collectstatic and imports
    take minutes on a loaded machine); fails at once when the process has exited."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with status {proc.returncode} before answering")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own loopback server
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer {url} within {START_TIMEOUT:.0f} s")


@contextmanager
def web(
    env: dict[str, str], port: int, workers: int | None = None, threads: int | None = None
) -> Iterator[str]:
    """`charterdesk web` on `port`, with its defaults unless `workers`/`threads` are given
    (the defaults of the checkout in `env`'s PYTHONPATH: a `--before` run gets its own)."""
    counts = [] if workers is None else ["--workers", str(workers)]
    counts += [] if threads is None else ["--threads", str(threads)]
    proc = subprocess.Popen(
        [*CLI, "web", "--port", str(port), *counts],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(proc, f"{base}/healthz", "the web server")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
