from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "charterdesk.portal"
    label = "portal"
