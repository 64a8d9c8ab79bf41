"""Writes on contacts that the contacts make themselves: their profile."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError

from .models import Contact, OptionalMail
from .time_zones import is_time_zone


def contact_profile_update(
    contact: Contact, *, time_zone: str, wanted: Mapping[OptionalMail, bool]
) -> None:
    """The contact's time zone and which optional mails they want (`wanted`: those not
    named keep their setting). Replies from the team are always mailed: they are the
    conversation itself."""
    if time_zone and not is_time_zone(time_zone):
        raise ValidationError({"time_zone": "Choose a time zone from the list, e.g. Europe/Paris."})
    contact.time_zone = time_zone
    for kind, wants in wanted.items():
        setattr(contact, OptionalMail(kind).value, bool(wants))
    contact.save(update_fields=["time_zone", *(OptionalMail(kind).value for kind in wanted)])


def contact_time_zone_guess(contact: Contact, time_zone: str) -> bool:
    """The browser's zone, kept only while the contact has not chosen one; True if kept."""
    if contact.time_zone or not is_time_zone(time_zone):
        return False
    contact.time_zone = time_zone
    contact.save(update_fields=["time_zone"])
    return True
