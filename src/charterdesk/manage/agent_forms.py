"""The agent form of the settings area: the account (name, role, tier), the profile
routing reads (skills, languages from a list, working schedule, capacity) and the teams.
The models keep the same rules on save (routing.models, accounts.models)."""

from typing import Any

from django import forms

from charterdesk.accounts.models import Role, User
from charterdesk.routing.agents import AgentData, roles_grantable_by
from charterdesk.routing.languages import LANGUAGES
from charterdesk.routing.models import MAX_CAPACITY, AgentProfile, Team
from charterdesk.sla.models import Calendar

TIERS = [("", "— no tier —"), ("1", "Tier 1"), ("2", "Tier 2"), ("3", "Tier 3 (engineering)")]


def _int_or_none(value: str) -> int | None:
    return int(value) if value else None


class AgentForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    role = forms.ChoiceField(label="Role")
    tier = forms.TypedChoiceField(
        label="Tier", choices=TIERS, coerce=_int_or_none, empty_value=None, required=False
    )
    teams = forms.ModelMultipleChoiceField(
        Team.objects.order_by("name"), required=False, widget=forms.CheckboxSelectMultiple
    )
    skills = forms.CharField(
        label="Skills",
        required=False,
        help_text="Separated by commas, e.g. api, billing, rate-limits.",
    )
    languages = forms.MultipleChoiceField(
        choices=LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    calendar = forms.ModelChoiceField(
        Calendar.objects.order_by("name"),
        label="Working schedule",
        required=False,
        empty_label="Always on shift (no calendar)",
        help_text="A business calendar: the agent gets new tickets only in its hours.",
    )
    capacity = forms.IntegerField(
        label="Capacity",
        min_value=0,
        max_value=MAX_CAPACITY,
        initial=25,
        help_text="Open tickets the agent can hold (urgent ones count more); 0: no new ones.",
    )

    def __init__(self, *args: Any, actor: User, agent: User | None = None, **kwargs: Any):
        if agent is not None and not kwargs.get("data"):
            kwargs["initial"] = _initial(agent)
        super().__init__(*args, **kwargs)
        grantable = roles_grantable_by(actor)
        current = [agent.role] if agent is not None and agent.role not in grantable else []
        role = self.fields["role"]
        role.choices = [(r, Role(r).label) for r in [*current, *grantable]]  # type: ignore[attr-defined]
        if agent is not None and (agent.pk == actor.pk or current):
            role.disabled = True
            role.help_text = (
                "Nobody changes their own role."
                if agent.pk == actor.pk
                else "Your role cannot change it."
            )

    def clean_skills(self) -> list[str]:
        words = [w.strip().lower() for w in self.cleaned_data["skills"].split(",")]
        return list(dict.fromkeys(w for w in words if w))

    def agent_data(self) -> AgentData:
        data = self.cleaned_data
        profile = {name: data[name] for name in ("skills", "languages", "calendar", "capacity")}
        return AgentData(data["name"], data["role"], data["tier"], list(data["teams"]), profile)


class InviteForm(AgentForm):
    email = forms.EmailField(label="Email address", max_length=254)
    field_order = ["email", "name"]


def _initial(agent: User) -> dict[str, Any]:
    profile = AgentProfile.objects.filter(user=agent).first() or AgentProfile(user=agent)
    return {
        "name": agent.name,
        "role": agent.role,
        "tier": str(agent.tier or ""),
        "teams": list(agent.teams.all()),
        "skills": ", ".join(profile.skills),
        "languages": profile.languages,
        "calendar": profile.calendar_id,
        "capacity": profile.capacity,
    }
