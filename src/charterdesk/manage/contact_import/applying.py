"""Writing an import plan: organizations, then their domains, then contacts, each in
bulk queries, and one audit entry per row written (what the settings pages record
through signals, which bulk writes skip). The caller owns the transaction."""

from typing import Any

from charterdesk.core.audit import record_many
from charterdesk.core.models import AuditAction
from charterdesk.customers.models import Contact, Organization, OrganizationDomain

from .planning import ImportPlan, org_words

BATCH = 500


def import_apply(plan: ImportPlan) -> dict[str, int]:
    """Write what the plan says (rows with errors were left out of it); the counts."""
    counts = plan.counts()
    orgs = list(plan.organizations.values())
    new_orgs = [p.organization for p in orgs if p.is_new]
    Organization.objects.bulk_create(new_orgs, batch_size=BATCH)
    changed = [p for p in orgs if not p.is_new and p.changed()]
    fields = sorted({name for p in changed for name in p.changed()})
    if changed:
        Organization.objects.bulk_update([p.organization for p in changed], fields, BATCH)
    domains = [
        OrganizationDomain(organization=p.organization, domain=domain)
        for p in orgs
        for domain in p.new_domains
    ]
    OrganizationDomain.objects.bulk_create(domains, batch_size=BATCH)
    contacts = list(plan.contacts.values())
    new_contacts = [p.contact for p in contacts if p.is_new]
    Contact.objects.bulk_create(new_contacts, batch_size=BATCH)
    moved = [p for p in contacts if not p.is_new and p.changed()]
    if moved:
        Contact.objects.bulk_update([p.contact for p in moved], ["name", "organization"], BATCH)
    _audit(plan, domains)
    return counts


def _audit(plan: ImportPlan, domains: list[OrganizationDomain]) -> None:
    orgs = plan.organizations.values()
    record_many(
        Organization,
        [
            (
                p.organization,
                _action(p.is_new),
                _changes(p.before_words, org_words(p.organization), p.is_new),
            )
            for p in orgs
            if p.is_new or p.changed()
        ],
    )
    record_many(
        OrganizationDomain,
        [(d, AuditAction.CREATED, {"domain": [None, d.domain]}) for d in domains],
    )
    contact_rows = []
    for p in plan.contacts.values():
        if p.is_new or p.changed():
            after = {"email": p.contact.email, "name": p.contact.name}
            after["organization"] = str(p.contact.organization)
            before = {"email": p.contact.email, **p.before}
            if before["organization"] is not None:
                before["organization"] = f"#{before['organization']}"
            contact_rows.append((p.contact, _action(p.is_new), _changes(before, after, p.is_new)))
    record_many(Contact, contact_rows)


def _action(is_new: bool) -> str:
    return AuditAction.CREATED if is_new else AuditAction.CHANGED


def _changes(before: dict[str, Any], after: dict[str, Any], is_new: bool = False) -> dict[str, Any]:
    """{field: [before, after]} for the fields that differ (all set ones when created)."""
    if is_new:
        return {n: [None, v] for n, v in after.items() if v not in (None, "", False)}
    words = dict(before)
    return {n: [words.get(n), v] for n, v in after.items() if words.get(n) != v}
