"""Mail that accounts asks for (password resets, invitations) leaves through the outbox
(registered on accounts.hooks.account_mail in `MailConfig.ready`)."""

from charterdesk.accounts.hooks import AccountMail

from .models import MailKind
from .outbox import mail_queue


def queue_account_mail(mail: AccountMail) -> None:
    """Queued in the caller's transaction; the person asked for it, so no hourly cap on
    automatic mail holds it back."""
    mail_queue(
        to=mail.to,
        template=mail.template,
        context=mail.context,
        automatic=False,
        kind=MailKind.NOTIFICATION,
    )
