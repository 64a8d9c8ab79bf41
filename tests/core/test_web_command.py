"""`charterdesk web`: gunicorn's command line and its defaults (issue #13, branch scale8).

Kept-alive connections stay with the gunicorn process that accepted them, so by default
each connection is closed after its response (`--keep-alive 0`) and every request goes to
whichever process accepts it; one process per CPU, 4 threads each."""

import pytest
from django.core.management import call_command

from charterdesk.core.management.commands import web


@pytest.fixture
def started(monkeypatch):
    """What `charterdesk web` would exec, without collecting static files or exec'ing."""
    seen: dict[str, list[str]] = {}
    monkeypatch.setattr(web, "call_command", lambda *args, **kwargs: None)
    monkeypatch.setattr(web.os, "execv", lambda path, argv: seen.setdefault("argv", argv))
    for name in ("WEB_WORKERS", "WEB_THREADS", "WEB_KEEPALIVE", "HOST", "PORT"):
        monkeypatch.delenv(name, raising=False)

    def run(*args: str) -> list[str]:
        call_command("web", *args)
        return seen.pop("argv")

    return run


def option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def test_defaults_close_each_connection_and_run_a_process_per_cpu(started, monkeypatch):
    monkeypatch.setattr(web.os, "sched_getaffinity", lambda pid: set(range(16)))
    argv = started()
    assert argv[:4] == [web.sys.executable, "-m", "gunicorn", "charterdesk.wsgi:application"]
    assert option(argv, "--bind") == "127.0.0.1:8000"
    assert option(argv, "--worker-class") == "gthread"
    assert option(argv, "--workers") == "16"
    assert option(argv, "--threads") == "4"
    assert option(argv, "--keep-alive") == "0"


@pytest.mark.parametrize(("cpus", "workers"), [(1, 2), (2, 2), (3, 3), (16, 16)])
def test_at_least_two_processes_whatever_the_cpus(monkeypatch, cpus, workers):
    monkeypatch.setattr(web.os, "sched_getaffinity", lambda pid: set(range(cpus)))
    assert web.default_workers() == workers


def test_the_environment_sets_processes_threads_and_keep_alive(started, monkeypatch):
    monkeypatch.setenv("WEB_WORKERS", "3")
    monkeypatch.setenv("WEB_THREADS", "8")
    monkeypatch.setenv("WEB_KEEPALIVE", "5")
    monkeypatch.setenv("PORT", "8123")
    argv = started()
    assert (option(argv, "--workers"), option(argv, "--threads")) == ("3", "8")
    assert option(argv, "--keep-alive") == "5"
    assert option(argv, "--bind") == "127.0.0.1:8123"


def test_options_win_over_the_environment(started, monkeypatch):
    monkeypatch.setenv("WEB_WORKERS", "3")
    argv = started("--workers", "5", "--threads", "2", "--keep-alive", "2", "--host", "10.0.0.5")
    assert (option(argv, "--workers"), option(argv, "--threads")) == ("5", "2")
    assert option(argv, "--keep-alive") == "2"
    assert option(argv, "--bind") == "10.0.0.5:8000"
