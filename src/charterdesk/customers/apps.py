from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "charterdesk.customers"
    label = "customers"
