"""Each domain of an organization's JSON list becomes an OrganizationDomain row, verified
("listed before verification existed": an operator typed them as verified domains). A
domain listed twice, by one organization or by two, is kept once, for the first
organization by id; the others are skipped (the old rule refused such lists)."""

import re

from django.db import migrations
from django.utils import timezone

_DOMAIN = re.compile(
    r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$"
)


def forwards(apps, schema_editor):
    organizations = apps.get_model("customers", "Organization")
    rows = apps.get_model("customers", "OrganizationDomain")
    now = timezone.now()
    seen: set[str] = set()
    new = []
    for organization in organizations.objects.order_by("pk").only("pk", "domains_before"):
        listed = organization.domains_before if isinstance(organization.domains_before, list) else []
        for text in listed:
            domain = str(text).strip().lower().removeprefix("@").rstrip(".")
            if domain in seen or not _DOMAIN.match(domain):
                continue
            seen.add(domain)
            new.append(
                rows(organization_id=organization.pk, domain=domain, verified_at=now, verified_by="before")
            )
    rows.objects.bulk_create(new, batch_size=500)


def backwards(apps, schema_editor):
    organizations = apps.get_model("customers", "Organization")
    rows = apps.get_model("customers", "OrganizationDomain")
    listed: dict[int, list[str]] = {}
    for row in rows.objects.order_by("domain"):
        listed.setdefault(row.organization_id, []).append(row.domain)
    for organization_id, domains in listed.items():
        organizations.objects.filter(pk=organization_id).update(domains_before=domains)


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0006_organization_domains_relationship_manager_contact_deactivation"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
