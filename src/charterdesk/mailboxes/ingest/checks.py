"""Headers a message must have right before the pipeline reads it further: what no
database can hold, or no mail system would deliver, is quarantined with the reason on
every database alike (instead of failing on one of them)."""

from charterdesk.mail.addresses import address_problem

from .store import HEADER_END

__all__ = ["address_problem", "nul_in_headers"]


def nul_in_headers(raw: bytes) -> bool:
    """No mail program writes a NUL in a header, and PostgreSQL cannot store one."""
    end = HEADER_END.search(raw)
    return b"\x00" in (raw[: end.start()] if end else raw)
