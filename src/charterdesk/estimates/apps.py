from django.apps import AppConfig


class EstimatesConfig(AppConfig):
    name = "charterdesk.estimates"
    label = "estimates"

    def ready(self) -> None:
        from charterdesk.hours.hooks import time_entry_logging
        from charterdesk.tickets.wording import values_in_words

        from .models import EstimateState
        from .receivers import link_approved_estimate

        time_entry_logging.register(link_approved_estimate)
        values_in_words("estimate", EstimateState)
