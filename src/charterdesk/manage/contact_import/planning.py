"""What an import would do, row by row, without writing anything: the database is read
in five queries whatever the size of the file, and each row is checked against it and
against the rows before it (a row with an error is left out and changes nothing)."""

import copy
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower

from charterdesk.accounts.selectors import agents
from charterdesk.customers.domains import domain_normalized, domain_of, validate_domain
from charterdesk.customers.models import Contact, Organization, OrganizationDomain

from .reading import CsvRow

ORG_FIELDS = ("language", "region", "is_partner", "relationship_manager")
YES, NO = {"yes", "y", "true", "1", "x", "ja", "oui"}, {"no", "n", "false", "0", "nein", "non"}


@dataclass
class OrgPlan:
    organization: Organization  # the existing row (a copy, changed) or a new one
    is_new: bool
    before: dict[str, Any]
    before_words: dict[str, Any]  # for the audit log
    set_on_line: dict[str, int] = field(default_factory=dict)
    new_domains: list[str] = field(default_factory=list)

    def changed(self) -> list[str]:
        now = _values(self.organization)
        return [name for name in ORG_FIELDS if now[name] != self.before[name]]


@dataclass
class ContactPlan:
    contact: Contact
    is_new: bool
    before: dict[str, Any]
    line: int

    def changed(self) -> list[str]:
        now = {"name": self.contact.name, "organization": self.contact.organization_id}
        return [name for name in ("name", "organization") if now[name] != self.before[name]]


@dataclass
class RowResult:
    line: int
    organization: str
    contact: str
    actions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    rows: list[RowResult]
    organizations: dict[str, OrgPlan]  # by name in lower case
    contacts: dict[str, ContactPlan]  # by mail address

    @property
    def errors(self) -> list[RowResult]:
        return [row for row in self.rows if row.errors]

    def counts(self) -> dict[str, int]:
        orgs = self.organizations.values()
        contacts = self.contacts.values()
        return {
            "organizations_created": sum(p.is_new for p in orgs),
            "organizations_updated": sum(not p.is_new and bool(p.changed()) for p in orgs),
            "domains_added": sum(len(p.new_domains) for p in orgs),
            "contacts_created": sum(p.is_new for p in contacts),
            "contacts_updated": sum(not p.is_new and bool(p.changed()) for p in contacts),
            "rows_with_errors": len(self.errors),
        }

    @property
    def changes_anything(self) -> bool:
        counts = self.counts()
        return any(n for key, n in counts.items() if key != "rows_with_errors")


def _values(organization: Organization) -> dict[str, Any]:
    return {
        "language": organization.language,
        "region": organization.region,
        "is_partner": organization.is_partner,
        "relationship_manager": organization.relationship_manager_id,
    }


def org_words(organization: Organization) -> dict[str, Any]:
    """The imported fields as the audit log shows them."""
    manager = organization.relationship_manager
    return {
        "name": organization.name,
        "language": organization.language,
        "region": organization.region,
        "is_partner": organization.is_partner,
        "relationship_manager": str(manager) if manager is not None else None,
    }


class _Known:
    """What the database holds for the names and addresses in the file (five queries)."""

    def __init__(self, rows: list[CsvRow]) -> None:
        column = _column_values
        names = {v.lower() for v in column(rows, "organization")}
        found = Organization.objects.annotate(key=Lower("name")).filter(key__in=names)
        self.organizations = {o.key: o for o in found.select_related("relationship_manager")}  # type: ignore[attr-defined]
        domains = {domain_normalized(d) for v in column(rows, "domains") for d in v.split()}
        emails = {v.lower() for v in column(rows, "contact_email")}
        domains |= {domain_of(email) for email in emails}
        owned = OrganizationDomain.objects.filter(domain__in=domains).select_related("organization")
        self.domain_owner = {row.domain: row.organization for row in owned}
        contacts = Contact.objects.filter(email__in=emails).select_related("organization")
        self.contacts = {c.email: c for c in contacts}
        staff = {v.lower() for v in column(rows, "relationship_manager")}
        self.staff = {u.email: u for u in agents().filter(email__in=staff, is_active=True)}


def _column_values(rows: list[CsvRow], name: str) -> set[str]:
    return {row.values[name] for row in rows if row.values.get(name)}


def import_plan(rows: list[CsvRow]) -> ImportPlan:
    known = _Known(rows)
    plan = ImportPlan([], {}, {})
    domain_owner = {domain: org.name for domain, org in known.domain_owner.items()}
    for row in rows:
        plan.rows.append(_plan_row(row, known, plan, domain_owner))
    return plan


def _plan_row(
    row: CsvRow, known: _Known, plan: ImportPlan, domain_owner: dict[str, str]
) -> RowResult:
    name = row.values.get("organization", "")
    result = RowResult(row.line, name, row.values.get("contact_email", ""))
    if not name:
        result.errors.append("The organization column is empty.")
        return result
    key = name.lower()
    org_plan = plan.organizations.get(key) or _org_plan(name, known)
    values = _org_values(row, known, org_plan, result.errors)
    domains = _new_domains(row, key, domain_owner, result.errors)
    owners = _Owners(domain_owner, domains, org_plan.organization.name)
    contact = _contact_plan(row, key, org_plan, known, plan, owners, result.errors)
    trial = copy.copy(org_plan.organization)
    for name_, value in values.items():
        setattr(trial, name_, value)
    try:
        trial.full_clean(
            exclude=["relationship_manager"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        result.errors += error.messages
    if result.errors:
        return result
    _commit(org_plan, values, domains, contact, row.line, result, plan, domain_owner)
    return result


@dataclass(frozen=True)
class _Owners:
    """Who owns a domain: the file's rows so far, and this row's new domains."""

    before: dict[str, str]
    new: list[str]
    name: str

    def get(self, domain: str) -> str | None:
        return self.name if domain in self.new else self.before.get(domain)


def _org_plan(name: str, known: _Known) -> OrgPlan:
    found = known.organizations.get(name.lower())
    if found is not None:
        return OrgPlan(copy.copy(found), False, _values(found), org_words(found))
    return OrgPlan(Organization(name=name), True, _values(Organization()), {})


def _org_values(row: CsvRow, known: _Known, org_plan: OrgPlan, errors: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    cells = row.values
    if cells.get("language"):
        values["language"] = cells["language"].lower()
    if cells.get("region"):
        values["region"] = cells["region"].upper()
    if cells.get("partner"):
        answer = cells["partner"].lower()
        if answer not in YES | NO:
            errors.append(f"partner: write yes or no, not “{cells['partner']}”.")
        values["is_partner"] = answer in YES
    if cells.get("relationship_manager"):
        staff = known.staff.get(cells["relationship_manager"].lower())
        if staff is None:
            errors.append(
                f"relationship_manager: {cells['relationship_manager']} is not an active "
                "member of the support staff."
            )
        values["relationship_manager"] = staff
    for name, value in values.items():
        line = org_plan.set_on_line.get(name)
        if line is not None and getattr(org_plan.organization, name) != value:
            errors.append(f"{name}: differs from line {line} for the same organization.")
    return values


def _new_domains(
    row: CsvRow, key: str, domain_owner: dict[str, str], errors: list[str]
) -> list[str]:
    new: list[str] = []
    for text in row.values.get("domains", "").replace(",", " ").split():
        domain = domain_normalized(text)
        try:
            validate_domain(domain)
        except ValidationError as error:
            errors += error.messages
            continue
        owner = domain_owner.get(domain)
        if owner is not None and owner.lower() != key:
            errors.append(f"{domain} already belongs to {owner}.")
        elif owner is None and domain not in new:
            new.append(domain)
    return new


def _contact_plan(
    row: CsvRow,
    key: str,
    org_plan: OrgPlan,
    known: _Known,
    plan: ImportPlan,
    owners: "_Owners",
    errors: list[str],
) -> ContactPlan | None:
    email, name = row.values.get("contact_email", "").lower(), row.values.get("contact_name", "")
    if not email:
        if name:
            errors.append("contact_name is given without a contact_email.")
        return None
    problems = _contact_problems(email, name, key, plan, owners)
    if problems:
        errors += problems
        return None
    found = known.contacts.get(email)
    if found is None:
        contact = Contact(email=email, name=name, organization=org_plan.organization)
        return ContactPlan(contact, True, {"name": "", "organization": None}, row.line)
    if found.organization is not None and found.organization.name.lower() != key:
        errors.append(f"{email} is already a contact of {found.organization}.")
    contact = copy.copy(found)
    if name:
        contact.name = name
    if found.organization is None:
        contact.organization = org_plan.organization
    before = {"name": found.name, "organization": found.organization_id}
    return ContactPlan(contact, False, before, row.line)


def _contact_problems(
    email: str, name: str, key: str, plan: ImportPlan, owners: "_Owners"
) -> list[str]:
    try:
        validate_email(email)
    except ValidationError:
        return [f"contact_email: “{email}” is not a mail address."]
    problems = []
    if len(name) > 200:
        problems.append("contact_name: at most 200 characters.")
    if email in plan.contacts:
        problems.append(f"{email} is listed twice (line {plan.contacts[email].line} first).")
    owner = owners.get(domain_of(email))
    if owner is not None and owner.lower() != key:
        problems.append(f"{email} is at a mail domain of another organization ({owner}).")
    return problems


def _commit(
    org_plan: OrgPlan,
    values: dict[str, Any],
    domains: list[str],
    contact: ContactPlan | None,
    line: int,
    result: RowResult,
    plan: ImportPlan,
    domain_owner: dict[str, str],
) -> None:
    """Add a row without errors to the plan, and say what it does."""
    key = org_plan.organization.name.lower()
    if key not in plan.organizations:
        plan.organizations[key] = org_plan
        if org_plan.is_new:
            result.actions.append(f"Creates the organization {org_plan.organization.name}.")
    for name, value in values.items():
        before = getattr(org_plan.organization, name)
        if before != value:
            setattr(org_plan.organization, name, value)
            label = "partner" if name == "is_partner" else name.replace("_", " ")
            result.actions.append(f"Sets {label} to {_word(value)} (was {_word(before)}).")
        org_plan.set_on_line.setdefault(name, line)
    for domain in domains:
        org_plan.new_domains.append(domain)
        domain_owner[domain] = org_plan.organization.name
        result.actions.append(f"Adds the mail domain {domain} (to verify).")
    if contact is not None:
        plan.contacts[contact.contact.email] = contact
        result.actions += _contact_words(contact)
    if not result.actions:
        result.actions.append("No change.")


def _contact_words(contact: ContactPlan) -> list[str]:
    if contact.is_new:
        return [f"Creates the contact {contact.contact}."]
    words = []
    if "name" in contact.changed():
        words.append(f"Renames the contact {contact.contact.email} to {contact.contact.name}.")
    if "organization" in contact.changed():
        words.append(f"Adds the contact {contact.contact.email} to the organization.")
    return words


def _word(value: Any) -> str:
    if value is None or value == "":
        return "nothing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
