"""The demo's sign-ins, for `charterdesk demo` and for the end of `charterdesk serve`."""

from charterdesk.accounts.models import User

from .reference import CUSTOMERS, PASSWORD, STAFF


def sign_in_lines() -> list[str]:
    """One line per demo account that exists, agents first; none without demo data."""
    emails = [*STAFF, *(c[0] for _, _, people in CUSTOMERS.values() for c in people if c[2])]
    users = User.objects.filter(email__in=emails).select_related("contact__organization")
    rows = []
    for user in sorted(users, key=lambda u: (u.role, u.email)):
        org = getattr(getattr(user, "contact", None), "organization", None)
        contract = org.contracts.select_related("plan").first() if org else None
        where = f" at {org.name}" if org else ""
        where += f" ({contract.plan.name})" if contract else ""
        rows.append(f"  {user.email:32} {user.get_role_display()}{where}")
    if not rows:
        return []
    return [f"Sign in with password '{PASSWORD}' as:", *rows]


def add_sign_ins(lines: list[str]) -> None:
    lines.extend(sign_in_lines())
