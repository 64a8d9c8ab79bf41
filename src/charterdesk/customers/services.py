"""Writes on contacts that the contacts make themselves: their profile."""

from django.core.exceptions import ValidationError

from .models import Contact
from .time_zones import is_time_zone


def contact_profile_update(
    contact: Contact, *, time_zone: str, mail_surveys: bool, mail_statements: bool
) -> None:
    """The contact's time zone and which automatic mails they want. Replies from the team
    are always mailed: they are the conversation itself."""
    if time_zone and not is_time_zone(time_zone):
        raise ValidationError({"time_zone": "Choose a time zone from the list, e.g. Europe/Paris."})
    contact.time_zone = time_zone
    contact.mail_surveys = mail_surveys
    contact.mail_statements = mail_statements
    contact.save(update_fields=["time_zone", "mail_surveys", "mail_statements"])


def contact_time_zone_guess(contact: Contact, time_zone: str) -> bool:
    """The browser's zone, kept only while the contact has not chosen one; True if kept."""
    if contact.time_zone or not is_time_zone(time_zone):
        return False
    contact.time_zone = time_zone
    contact.save(update_fields=["time_zone"])
    return True
