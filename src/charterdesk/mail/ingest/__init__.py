"""Inbound mail: `ingest(raw, source=...)` is the one core behind every door (files,
IMAP mailboxes, the SMTP gateway)."""

from .pipeline import IngestResult, inbound_process, ingest

__all__ = ["IngestResult", "inbound_process", "ingest"]
