"""Verifying that a mail domain is the organization's, two ways a support manager can use:

- DNS: the organization publishes the TXT record `charterdesk-verification=<token>` on
  the domain; `dns_check` looks it up (dnspython, with a short timeout) and says in words
  what it found.
- Mail: a contact whose address is at the domain receives a signed link
  (`mail_link_token`); opening it and confirming proves they read mail there.

Either way `domain_verify` marks the domain verified; the caller owns the transaction."""

from dataclasses import dataclass

import dns.exception
import dns.resolver
from django.core import signing
from django.utils import timezone

from .models import DomainVerification, OrganizationDomain

SALT = "charterdesk.customers.domain-verification"
LINK_DAYS = 7
DNS_TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True)
class DnsAnswer:
    found: bool
    words: str


def txt_records(domain: str) -> list[str]:
    """The TXT records of the domain (a record split in strings is joined back)."""
    answer = dns.resolver.resolve(domain, "TXT", lifetime=DNS_TIMEOUT_SECONDS)
    return [b"".join(record.strings).decode("utf-8", "replace") for record in answer]


def dns_check(row: OrganizationDomain) -> DnsAnswer:
    """Look for the domain's verification record and say what was found."""
    wanted = row.txt_record()
    try:
        records = txt_records(row.domain)
    except dns.resolver.NXDOMAIN:
        return DnsAnswer(False, f"{row.domain} does not exist in DNS.")
    except dns.resolver.NoAnswer:
        return DnsAnswer(False, f"{row.domain} has no TXT record yet.")
    except (dns.exception.Timeout, dns.resolver.NoNameservers):
        return DnsAnswer(False, "No DNS server answered; try again in a few minutes.")
    except dns.exception.DNSException as exc:
        return DnsAnswer(False, f"The DNS lookup failed ({exc.__class__.__name__}).")
    if wanted in records:
        return DnsAnswer(True, f"Found the record {wanted}.")
    others = sum(1 for record in records if record.startswith("charterdesk-verification="))
    if others:
        return DnsAnswer(False, "A verification record is there, but with another token.")
    return DnsAnswer(False, f"{len(records)} TXT records found, none is {wanted}.")


def domain_verify(row: OrganizationDomain, how: DomainVerification) -> None:
    if row.verified_at is None:
        row.verified_at = timezone.now()
        row.verified_by = how
        row.save(update_fields=["verified_at", "verified_by"])


def mail_link_token(row: OrganizationDomain, address: str) -> str:
    """A signed token for the link mailed to `address` (at the domain)."""
    return signing.dumps(
        {"domain": row.pk, "token": row.verification_token, "to": address}, salt=SALT
    )


def domain_for_link(token: str) -> tuple[OrganizationDomain, str] | None:
    """The domain and the address a mailed link was for, while the link is valid (signed
    by us, at most LINK_DAYS old, and for the domain's current token)."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_DAYS * 86400)
    except signing.BadSignature:
        return None
    row = (
        OrganizationDomain.objects.select_related("organization")
        .filter(pk=data.get("domain"), verification_token=data.get("token"))
        .first()
    )
    return (row, str(data.get("to", ""))) if row is not None else None
