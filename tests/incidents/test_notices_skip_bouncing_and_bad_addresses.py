"""Notices are queued in the outbox for each audience contact, except to a bouncing
address or one the mail rules refuse: those rows are suppressed, with the reason."""

from django.utils import timezone

from charterdesk.customers.models import Contact
from charterdesk.incidents.models import AudienceContact
from charterdesk.incidents.services import incident_alert
from charterdesk.mail.models import OutboundMail

from .factories import acme_outage


def test_bouncing_and_refused_addresses_are_suppressed(
    personas, django_capture_on_commit_callbacks
):
    Contact.objects.filter(email="alice@acme.example").update(bouncing_since=timezone.now())
    acme = personas.alice.contact.organization
    odd = Contact.objects.create(organization=acme, email="ops@[127.0.0.1]")
    with django_capture_on_commit_callbacks() as callbacks:
        incident = acme_outage(personas, alert=False)
        AudienceContact.objects.create(
            incident=incident, contact=odd, organization=acme, email=odd.email, reason="opted_in"
        )
        queued = incident_alert(incident, timezone.now())
    mails = OutboundMail.objects.filter(subject__contains="Cloud is down")
    assert mails.get(recipient="alice@acme.example").state == "suppressed"
    assert mails.get(recipient="ops@[127.0.0.1]").state == "suppressed"
    assert queued == mails.filter(state="queued").count()
    assert callbacks  # a delivery task per batch, on commit
