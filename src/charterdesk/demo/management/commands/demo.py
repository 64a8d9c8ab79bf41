from typing import Any

from django.db import transaction

from charterdesk.core.management.base import CharterCommand
from charterdesk.demo.conversations import build_conversations
from charterdesk.demo.reference import PASSWORD, build_reference


class Command(CharterCommand):
    help = "Load the demo data (idempotent) and print the sign-ins."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic(durable=True):
            ref = build_reference()
            made = build_conversations(ref)
        self.stdout.write(
            f"Demo data ready ({made} new demo tickets). Sign in with password '{PASSWORD}' as:"
        )
        for email, user in sorted(ref.users.items(), key=lambda kv: (kv[1].role, kv[0])):
            org = getattr(getattr(user, "contact", None), "organization", None)
            where = f" at {org.name} ({org.contracts.first().plan.name})" if org else ""
            self.stdout.write(f"  {email:32} {user.get_role_display()}{where}")
