"""Forms of the account pages."""

from django import forms

from .models import Role


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class PasswordConfirmForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Email", max_length=254)
    name = forms.CharField(label="Name", max_length=200, required=False)
    role = forms.ChoiceField(
        label="Role",
        choices=[(Role.AGENT, Role.AGENT.label), (Role.MANAGER, Role.MANAGER.label)],
    )
    tier = forms.TypedChoiceField(
        label="Tier",
        choices=[(1, "Tier 1"), (2, "Tier 2"), (3, "Tier 3 (engineering)")],
        coerce=int,
        initial=1,
    )
