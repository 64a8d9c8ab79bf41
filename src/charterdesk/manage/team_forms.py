"""The team form: name, lead, members, the queues the team works and the team it hands
over to out of its hours (follow-the-sun). A queue always belongs to one team, so it
moves here by being ticked, and leaves by being ticked on another team's page."""

from typing import Any

from django import forms
from django.db.models import Q

from charterdesk.accounts.selectors import active_agents, agents
from charterdesk.routing.models import Queue, Team


class QueueChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Queue) -> str:  # type: ignore[override]
        return f"{obj.name} (team {obj.team.name})"


class TeamForm(forms.ModelForm):
    queues = QueueChoices(
        Queue.objects.select_related("team").order_by("position", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="A queue ticked here moves from its current team to this one.",
    )

    class Meta:
        model = Team
        fields = ["name", "lead", "hands_over_to", "members"]
        labels = {"hands_over_to": "Out of its hours, hand over to"}
        widgets = {"members": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = active_agents().order_by("name", "email")
        self.fields["lead"].queryset = staff  # type: ignore[attr-defined]
        self.fields["lead"].empty_label = "— nobody —"  # type: ignore[attr-defined]
        # Deactivated members stay listed (and stay members) until unticked.
        members = agents().filter(Q(is_active=True) | Q(teams=self.instance.pk or 0))
        self.fields["members"].queryset = members.distinct().order_by("name", "email")  # type: ignore[attr-defined]
        others = Team.objects.exclude(pk=self.instance.pk) if self.instance.pk else Team.objects
        self.fields["hands_over_to"].queryset = others.order_by("name")  # type: ignore[attr-defined]
        self.fields["hands_over_to"].empty_label = "— nobody (tickets wait) —"  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["queues"] = list(self.instance.queues.all())

    def clean_queues(self) -> list[Queue]:
        chosen = list(self.cleaned_data["queues"])
        if self.instance.pk:
            ids = {q.pk for q in chosen}
            left = [q.name for q in self.instance.queues.all() if q.pk not in ids]
            if left:
                raise forms.ValidationError(
                    f"A queue always belongs to a team: tick {', '.join(left)} on the page "
                    "of the team that takes it over."
                )
        return chosen
