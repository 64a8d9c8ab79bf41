"""Email channel: ingestion of inbound mail, threading, quarantine and the outbox."""
