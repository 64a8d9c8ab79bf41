"""Forms of the organization pages: the organization itself, a domain to add, a domain's
verification mail, a contact, and the list's search. Rules live in the models (clean and
database constraints), so these forms only choose fields and words."""

from typing import Any

from django import forms

from charterdesk.accounts.models import User
from charterdesk.accounts.selectors import active_agents
from charterdesk.customers.models import LANGUAGE_NAMES, Contact, Organization, OrganizationDomain
from charterdesk.customers.time_zones import is_time_zone, time_zone_names
from charterdesk.products.models import Product
from charterdesk.products.selectors import products_used_by

LANGUAGES = [("", "— not set —")] + sorted(
    ((code, f"{name} ({code})") for code, name in LANGUAGE_NAMES.items()),
    key=lambda choice: choice[1],
)


class OrganizationSearchForm(forms.Form):
    q = forms.CharField(
        label="Search", required=False, max_length=200, help_text="A name or a mail domain."
    )


class OrganizationForm(forms.ModelForm):
    language = forms.ChoiceField(label="Language", choices=LANGUAGES, required=False)
    products = forms.ModelMultipleChoiceField(
        Product.objects.order_by("name", "id"),
        label="Products it uses",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Its contacts read the articles limited to these products.",
    )

    class Meta:
        model = Organization
        fields = ["name", "language", "region", "is_partner", "relationship_manager"]
        labels = {"is_partner": "Partner or integrator", "region": "Region"}
        help_texts = {"region": "As the queues name it: EU, US, APAC…"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manager = self.fields["relationship_manager"]
        manager.queryset = active_agents().order_by("name", "email")  # type: ignore[attr-defined]
        manager.empty_label = "— nobody yet —"  # type: ignore[attr-defined]
        if self.instance.pk and not self.is_bound:
            self.initial["products"] = list(products_used_by(self.instance.pk))


class DomainForm(forms.ModelForm):
    class Meta:
        model = OrganizationDomain
        fields = ["domain"]
        labels = {"domain": "Add a mail domain"}
        help_texts = {"domain": "e.g. acme.example; verified before mail from it is matched."}

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organization = organization

    def validate_unique(self) -> None:
        """The model's clean() names the organization that has the domain already."""


class VerificationMailForm(forms.Form):
    contact = forms.ModelChoiceField(label="Mail the link to", queryset=Contact.objects.none())

    def __init__(self, *args: Any, domain: OrganizationDomain, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        at_domain = Contact.objects.filter(
            organization_id=domain.organization_id,
            email__endswith=f"@{domain.domain}",
            deactivated_at__isnull=True,
        )
        self.fields["contact"].queryset = at_domain  # type: ignore[attr-defined]


class ContactForm(forms.ModelForm):
    time_zone = forms.TypedChoiceField(label="Time zone", required=False, empty_value="")

    class Meta:
        model = Contact
        fields = [
            "email",
            "name",
            "time_zone",
            "mail_surveys",
            "mail_statements",
            "mail_promises",
            "mail_escalation_receipts",
            "mail_estimates",
        ]
        labels = {
            "email": "Mail address",
            "time_zone": "Time zone",
            "mail_surveys": "Satisfaction surveys",
            "mail_statements": "Monthly usage statements",
            "mail_promises": "Promise notices",
            "mail_escalation_receipts": "Escalation acknowledgements",
            "mail_estimates": "Estimates",
        }
        help_texts = {"time_zone": "e.g. Europe/Paris; empty to let the contact choose."}

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        zones = [("", "— the contact chooses —")] + [(z, z) for z in time_zone_names()]
        self.fields["time_zone"].choices = zones  # type: ignore[attr-defined]
        self.fields["time_zone"].help_text = "Times are shown to the contact in it."

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        taken = Contact.objects.filter(email=email).exclude(pk=self.instance.pk)
        other = taken.select_related("organization").first()
        if other is not None:
            where = f"of {other.organization}" if other.organization else "without organization"
            raise forms.ValidationError(f"{email} is already a contact {where}.")
        if self._account_taken(email):
            raise forms.ValidationError(f"{email} already has an account.")
        return email

    def _account_taken(self, email: str) -> bool:
        """Whether another account has the address the contact's account would take."""
        user = self.instance.user
        if user is None or email == user.email:
            return False
        return User.objects.filter(email=email).exclude(pk=user.pk).exists()

    def save(self, commit: bool = True) -> Contact:
        """The contact, and the address of their portal account with it (they sign in
        with the new address)."""
        contact: Contact = super().save(commit)
        user = contact.user
        if commit and user is not None and user.email != contact.email:
            user.email = contact.email
            user.save(update_fields=["email"])
        return contact

    def clean_time_zone(self) -> str:
        zone: str = self.cleaned_data["time_zone"].strip()
        if zone and not is_time_zone(zone):
            raise forms.ValidationError("Choose a time zone such as Europe/Paris.")
        return zone

    def validate_unique(self) -> None:
        """clean_email says who has the address already, in words."""

    def preference_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("mail_")]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8, comma or semicolon separated, the column names in the first line.",
    )
