from django.apps import AppConfig


class TicketsConfig(AppConfig):
    name = "charterdesk.tickets"
    label = "tickets"
