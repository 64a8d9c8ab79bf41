from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "charterdesk.mail"
    label = "mail"
