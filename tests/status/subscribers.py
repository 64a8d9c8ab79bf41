"""Status-page subscribers for tests: confirmed, on chosen services."""

from django.utils import timezone

from charterdesk.incidents.models import Service, Subscriber


def subscriber(email: str, *services: Service, confirmed: bool = True) -> Subscriber:
    found = Subscriber.objects.create(
        email=email.lower(), confirmed_at=timezone.now() if confirmed else None
    )
    found.services.set(services)
    return found
