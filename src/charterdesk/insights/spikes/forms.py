from django import forms

from charterdesk.incidents.models import Service

from .models import SpikeSettings


class SpikeSettingsForm(forms.ModelForm):
    class Meta:
        model = SpikeSettings
        fields = [
            "enabled",
            "window_minutes",
            "min_tickets",
            "min_organizations",
            "ratio",
            "history_weeks",
            "service",
        ]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["service"].queryset = Service.objects.in_use()  # type: ignore[attr-defined]
