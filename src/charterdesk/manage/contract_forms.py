"""The contract form: plan (published ones), period, hours, relationship manager, and the
authorized contacts and administrators chosen among the organization's own contacts."""

from typing import Any

from django import forms

from charterdesk.accounts.selectors import active_agents
from charterdesk.customers.models import Contact, Organization
from charterdesk.plans.models import Contract, Plan, PlanStatus

DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganizationChoiceForm(forms.Form):
    organization = forms.ModelChoiceField(
        label="Organization", queryset=Organization.objects.order_by("name")
    )


class ContractForm(forms.ModelForm):
    class Meta:
        model = Contract
        fields = [
            "plan",
            "starts_on",
            "ends_on",
            "hours_included",
            "professional_services_hours",
            "relationship_manager",
            "authorized_contacts",
            "administrators",
        ]
        labels = {
            "starts_on": "Starts on",
            "ends_on": "Ends on (included)",
            "hours_included": "Hours included",
            "professional_services_hours": "Consulting hours",
        }
        help_texts = {"ends_on": "Leave empty for a contract that runs until it is ended."}
        widgets = {
            "starts_on": DAY,
            "ends_on": DAY,
            "authorized_contacts": forms.CheckboxSelectMultiple,
            "administrators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        contacts = Contact.objects.filter(organization=organization).order_by("email")
        self.fields["authorized_contacts"].queryset = contacts  # type: ignore[attr-defined]
        self.fields["administrators"].queryset = contacts  # type: ignore[attr-defined]
        plans = Plan.objects.filter(status=PlanStatus.PUBLISHED).order_by("position", "name")
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]
        self.fields["plan"].help_text = "Only published plans can be sold."
        manager = self.fields["relationship_manager"]
        manager.queryset = active_agents()  # type: ignore[attr-defined]
        manager.empty_label = "— nobody yet —"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        plan, chosen = data.get("plan"), data.get("authorized_contacts")
        cap = plan.max_authorized_contacts if plan is not None else None
        if cap is not None and chosen is not None and len(chosen) > cap:
            self.add_error(
                "authorized_contacts",
                f"The plan {plan} allows {cap} authorized contacts; {len(chosen)} are chosen.",
            )
        return data
