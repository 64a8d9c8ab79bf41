from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "charterdesk.accounts"
    label = "accounts"
