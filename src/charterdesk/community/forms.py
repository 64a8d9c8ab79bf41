from django import forms
from django.db.models import QuerySet

from charterdesk.mailboxes.uploads import FilesField

from .models import ActionKind, Category, FlagReason, TopicKind
from .services.rules import BODY_MAX, TITLE_MAX

REASON_HELP = "Goes into the audit trail with your name."


class TopicForm(forms.Form):
    category = forms.ModelChoiceField(queryset=Category.objects.none(), empty_label=None)
    kind = forms.ChoiceField(choices=TopicKind.choices, initial=TopicKind.QUESTION, label="Type")
    title = forms.CharField(max_length=TITLE_MAX)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=BODY_MAX,
        label="Details",
        help_text="Markdown: **bold**, `code`, > quote, @handle to mention someone.",
    )
    attachments = FilesField(label="Attach files (screenshots, logs)")

    def __init__(self, *args: object, categories: QuerySet[Category], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["category"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = categories


class ReplyForm(forms.Form):
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=BODY_MAX,
        label="Your reply",
        help_text="Markdown: **bold**, `code`, > quote, @handle to mention someone.",
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    attachments = FilesField(label="Attach files")


class EditForm(forms.Form):
    title = forms.CharField(max_length=TITLE_MAX, required=False)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=BODY_MAX)


class FlagForm(forms.Form):
    reason = forms.ChoiceField(choices=FlagReason.choices, widget=forms.RadioSelect)
    note = forms.CharField(max_length=500, required=False, label="Anything to add (optional)")


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=500, help_text=REASON_HELP)


class TopicActionForm(ReasonForm):
    action = forms.ChoiceField(
        choices=[
            (k, k.label)
            for k in (
                ActionKind.LOCK, ActionKind.UNLOCK, ActionKind.PIN, ActionKind.UNPIN,
                ActionKind.MOVE, ActionKind.MERGE, ActionKind.TO_TICKET, ActionKind.TO_ARTICLE,
            )
        ]
    )  # fmt: skip
    category = forms.ModelChoiceField(queryset=Category.objects.all(), required=False)
    into = forms.IntegerField(required=False, min_value=1, label="Merge into topic #")


class RestrictForm(ReasonForm):
    action = forms.ChoiceField(
        choices=[(ActionKind.SILENCE, "Silence"), (ActionKind.SUSPEND, "Suspend")]
    )
    until = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
