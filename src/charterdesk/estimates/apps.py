from django.apps import AppConfig


class EstimatesConfig(AppConfig):
    name = "charterdesk.estimates"
    label = "estimates"

    def ready(self) -> None:
        from charterdesk.hours.hooks import time_entry_logging
        from charterdesk.tickets.hooks import ticket_anonymizing
        from charterdesk.tickets.wording import values_in_words

        from .anonymize import forget_estimate_texts
        from .models import EstimateState
        from .receivers import link_approved_estimate

        time_entry_logging.register(link_approved_estimate)
        ticket_anonymizing.register(forget_estimate_texts)
        values_in_words("estimate", EstimateState)
