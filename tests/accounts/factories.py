from charterdesk.accounts.models import Role, User


def staff(role: Role, email: str, tier: int | None = None) -> User:
    """A staff member the demo does not have (a team lead, an operator)."""
    return User.objects.create_user(email, "pw-for-tests", name=email, role=role, tier=tier)
