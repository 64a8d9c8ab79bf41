"""Each kind of check against a real local server: what passes and what fails, and why."""

from datetime import UTC, datetime, timedelta

from charterdesk.incidents.monitors import probes

from .servers import Answer, free_port, http_server, tcp_listener, tls_server


def test_http_passes_on_the_expected_status_and_word():
    answer = Answer()
    with http_server(answer) as url:
        assert probes.http(url, body_contains="All good").ok
        answer.status = 503
        failed = probes.http(url)
        assert not failed.ok and "HTTP 503, expected 200" in failed.message
        answer.status, answer.body = 200, b"maintenance page"
        missing = probes.http(url, body_contains="All good")
        assert not missing.ok and "'All good' is not in the page" in missing.message


def test_http_too_slow_is_a_failure():
    answer = Answer()
    answer.delay = 0.3
    with http_server(answer) as url:
        slow = probes.http(url, max_latency_ms=100)
        assert not slow.ok and "slower than 100 ms" in slow.message
        assert slow.latency_ms is not None and slow.latency_ms >= 300


def test_http_without_a_server_is_a_failure_not_an_error():
    down = probes.http(f"http://127.0.0.1:{free_port()}/", timeout=2)
    assert not down.ok and down.message.startswith("No answer")


def test_tcp_connects_to_a_listener_and_fails_once_it_is_gone():
    with tcp_listener() as port:
        assert probes.tcp("127.0.0.1", port).ok
    gone = probes.tcp("127.0.0.1", port, timeout=2)
    assert not gone.ok and "Cannot connect" in gone.message


def test_tls_reports_a_certificate_that_expires_soon():
    now = datetime.now(UTC)
    with tls_server(days_left=5) as port:
        soon = probes.tls("127.0.0.1", port, min_days_left=14, now=now)
        assert not soon.ok and "expires in 5 days" in soon.message
        assert probes.tls("127.0.0.1", port, min_days_left=3, now=now).ok
        later = probes.tls("127.0.0.1", port, min_days_left=1, now=now + timedelta(days=10))
        assert not later.ok and "expired" in later.message


def test_heartbeat_silence_past_interval_and_grace_fails():
    now = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    created = now - timedelta(hours=1)
    beat = now - timedelta(seconds=100)
    assert probes.heartbeat(beat, created, interval=60, grace=60, now=now).ok
    late = probes.heartbeat(beat, created, interval=60, grace=30, now=now)
    assert not late.ok and "last call 100 s ago" in late.message
    never = probes.heartbeat(None, created, interval=60, grace=60, now=now)
    assert not never.ok and "no call" in never.message
