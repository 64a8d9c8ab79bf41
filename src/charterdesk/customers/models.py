from django.conf import settings
from django.db import models
from django.utils import timezone


class Organization(models.Model):
    """A customer company: it has contracts, contacts and deployments."""

    name = models.CharField(max_length=200, unique=True)
    domains = models.JSONField(
        default=list, blank=True, help_text="Verified mail domains, e.g. ['acme.example']."
    )
    language = models.CharField(max_length=8, blank=True, help_text="e.g. 'en', 'de'.")
    region = models.CharField(max_length=32, blank=True, help_text="e.g. 'EU', 'US', 'APAC'.")
    is_partner = models.BooleanField(
        default=False,
        help_text="A partner or integrator: its contacts also read partner articles.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """A person of an organization. Contacts that sign in to the portal have a user."""

    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact",
    )
    email = models.EmailField(unique=True)
    name = models.CharField(max_length=200, blank=True)
    bouncing_since = models.DateTimeField(
        null=True, blank=True, help_text="Mail to this address bounces; set by delivery failures."
    )
    bounce_reason = models.CharField(max_length=500, blank=True)
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        help_text="Times are shown in it; empty until set in the profile or guessed "
        "from the browser.",
    )
    mail_surveys = models.BooleanField(
        default=True, help_text="Mail a satisfaction survey when a request is solved."
    )
    mail_statements = models.BooleanField(
        default=True, help_text="Mail the monthly usage statement (contract administrators)."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email
