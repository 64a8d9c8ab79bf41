from django.apps import AppConfig
from django.core import checks


class AccountsConfig(AppConfig):
    name = "charterdesk.accounts"
    label = "accounts"

    def ready(self) -> None:
        from charterdesk.core.audit import audit

        from . import sessions  # noqa: F401 - keeps the list of sign-in sessions
        from .checks import account_mail_is_heard
        from .models import User

        audit(User, exclude=("last_login", "date_joined"), secrets=("password",))

        checks.register(account_mail_is_heard)
