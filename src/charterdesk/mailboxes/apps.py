from django.apps import AppConfig


class MailboxesConfig(AppConfig):
    name = "charterdesk.mailboxes"
    label = "mailboxes"
