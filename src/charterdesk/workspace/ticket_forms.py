"""Forms of the ticket page's links, merge, problem and followers card."""

from django import forms

from charterdesk.core.panels import PanelForm

from .models import LinkKind
from .problems import DEFAULT_SOLUTION

MAX_TICKET = 2**31 - 1


class LinkForm(PanelForm):
    panel = "link"
    target = forms.IntegerField(
        label="Ticket number", min_value=1, max_value=MAX_TICKET, widget=forms.NumberInput()
    )
    kind = forms.ChoiceField(label="Link", choices=LinkKind.choices, initial=LinkKind.RELATED)


class MergeForm(PanelForm):
    panel = "merge"
    surviving = forms.IntegerField(
        label="Merge into ticket number",
        min_value=1,
        max_value=MAX_TICKET,
        help_text="This ticket is closed and its conversation carried over there.",
    )
    notice = forms.CharField(
        label="What the requester is told",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Leave empty for the standard notice; {surviving} is the other ticket's number.",
    )
    across_organizations = forms.BooleanField(
        label="Across organizations (its conversation is carried over as private notes)",
        required=False,
    )


class SolveProblemForm(PanelForm):
    panel = "solve"
    reply = forms.CharField(
        label="Reply to every linked incident ticket",
        max_length=20000,
        initial=DEFAULT_SOLUTION,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Placeholders such as {{ requester.first_name }} are filled in per ticket; "
        "an incident without a root cause takes the problem's.",
    )


class FollowerForm(PanelForm):
    panel = "follower"
    email = forms.EmailField(
        label="Add a follower",
        max_length=254,
        help_text="An agent, or a colleague of the requester at the same organization.",
    )
