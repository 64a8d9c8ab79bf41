"""Monitors: checks of a service (HTTP(S), TCP connect, TLS certificate expiry, heartbeat)
run by the worker; N failures in a row open a suspected incident, M successes recover."""
