import secrets

from django.conf import global_settings, settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from charterdesk.accounts.roles import STAFF_ROLES
from charterdesk.core.checked import CheckedModel

from .domains import domain_normalized, domain_of, validate_domain

# The languages Django knows, by code: the organization's language is one of them.
LANGUAGE_NAMES: dict[str, str] = dict(global_settings.LANGUAGES)


class Organization(CheckedModel):
    """A customer company: it has contracts, contacts and deployments."""

    name = models.CharField(max_length=200, unique=True)
    language = models.CharField(
        max_length=8, blank=True, help_text="The language its contacts write in: en, de, pt-br…"
    )
    region = models.CharField(max_length=32, blank=True, help_text="e.g. 'EU', 'US', 'APAC'.")
    is_partner = models.BooleanField(
        default=False,
        help_text="A partner or integrator: its contacts also read partner articles.",
    )
    relationship_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_organizations",
        limit_choices_to={"role__in": [role.value for role in STAFF_ROLES]},
        help_text="The staff member who looks after this customer (hierarchical escalations).",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = self.name.strip()
        self.language = self.language.strip().lower()
        self.region = self.region.strip().upper()
        if self.language and self.language not in LANGUAGE_NAMES:
            raise ValidationError(
                {"language": f"“{self.language}” is no language code we know (e.g. en, de, pt-br)."}
            )
        manager = self.relationship_manager
        if manager is not None and not manager.is_agent:
            raise ValidationError({"relationship_manager": "Choose a member of the support staff."})


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class DomainVerification(models.TextChoices):
    """How an organization showed that a mail domain is theirs."""

    DNS = "dns", "DNS TXT record"
    MAIL = "mail", "Link mailed to a contact"
    BEFORE = "before", "Listed before verification existed"


class OrganizationDomain(CheckedModel):
    """A mail domain of an organization. Mail from a verified domain is matched to the
    organization at intake (a new sender becomes its contact); an unverified one is only
    claimed: no other organization may list it, but it matches nobody yet."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True, validators=[validate_domain])
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.CharField(max_length=8, choices=DomainVerification.choices, blank=True)
    verification_token = models.CharField(max_length=64, default=_new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["domain"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(domain=Lower("domain")), name="domain_in_lower_case"
            ),
            models.CheckConstraint(
                condition=models.Q(verified_at__isnull=True, verified_by="")
                | models.Q(verified_at__isnull=False, verified_by__in=DomainVerification.values),
                name="domain_verified_how_and_when",
            ),
        ]

    def __str__(self) -> str:
        return self.domain

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def clean(self) -> None:
        self.domain = domain_normalized(self.domain)
        if self.verified_at is None:
            self.verified_by = ""
        taken = (
            OrganizationDomain.objects.filter(domain=self.domain)
            .exclude(pk=self.pk)
            .select_related("organization")
            .first()
        )
        if taken is not None:
            raise ValidationError(
                {"domain": f"{self.domain} already belongs to {taken.organization}."}
            )

    def txt_record(self) -> str:
        """The TXT record the organization publishes on the domain to prove it is theirs."""
        return f"charterdesk-verification={self.verification_token}"


class OptionalMail(models.TextChoices):
    """Automatic mail a contact may turn off in their profile; each value names the Contact
    field that keeps the choice. Everything else is always mailed: replies from the team,
    the receipt of a new request, the answer to an escalation request, account mail."""

    SURVEYS = "mail_surveys", "Satisfaction surveys"
    STATEMENTS = "mail_statements", "Monthly usage statements"
    PROMISES = "mail_promises", "Promise notices"
    ESCALATION_RECEIPTS = "mail_escalation_receipts", "Escalation acknowledgements"
    ESTIMATES = "mail_estimates", "Estimates"


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
    mail_promises = models.BooleanField(
        default=True, help_text="Mail when a promise is made or moved on their request."
    )
    mail_escalation_receipts = models.BooleanField(
        default=True, help_text="Mail that their escalation request was received."
    )
    mail_estimates = models.BooleanField(
        default=True,
        help_text="Mail estimates to approve (they wait on the request in the portal either way).",
    )
    deactivated_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set when the contact left: portal access closed, off the contracts.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email

    @property
    def is_active(self) -> bool:
        return self.deactivated_at is None

    def clean(self) -> None:
        self.email = self.email.strip().lower()
        self.name = self.name.strip()
        if self.organization_id is None:
            return
        domain = domain_of(self.email)
        claimed = OrganizationDomain.objects.filter(domain=domain).select_related("organization")
        owner = claimed.exclude(organization_id=self.organization_id).first()
        if owner is not None:
            raise ValidationError(
                {"email": f"{domain} is a mail domain of {owner.organization}, not of this one."}
            )
