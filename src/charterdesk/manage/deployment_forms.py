"""The organization page's deployments panel: which service of the incidents catalog the
organization uses, in which region. Incidents alert the organizations deployed on the
affected services and regions (incidents/audience.py)."""

from typing import Any

from django import forms

from charterdesk.customers.models import Organization
from charterdesk.incidents.models import Deployment, Service
from charterdesk.incidents.models.catalog import REGION, REGION_WORDS


class DeploymentForm(forms.Form):
    prefix = "deployment"  # the organization's own form on the same page has a `region` too
    service = forms.ModelChoiceField(
        label="Service", queryset=Service.objects.none(), empty_label="— choose a service —"
    )
    region = forms.CharField(
        label="Region",
        required=False,
        max_length=32,
        help_text="EU, US…; empty: every region.",
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["service"].queryset = Service.objects.in_use().order_by("position", "name")  # type: ignore[attr-defined]
        self.fields["region"].widget.attrs["list"] = "deployment-regions"

    def clean_region(self) -> str:
        region: str = " ".join(self.cleaned_data["region"].split())
        if region and not REGION.match(region):
            raise forms.ValidationError(REGION_WORDS)
        return region

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        service, region = data.get("service"), data.get("region")
        if service is not None and region is not None:
            taken = Deployment.objects.filter(
                organization=self.organization, service=service, region=region
            )
            if taken.exists():
                where = f" in {region}" if region else " in every region"
                self.add_error("service", f"{self.organization} already uses {service}{where}.")
        return data
