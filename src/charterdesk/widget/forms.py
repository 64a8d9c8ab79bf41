"""The widget's forms: a request or a reply (with files) and a key on the settings page."""

from django import forms

from charterdesk.core.vocabulary import REQUEST_TYPE_SENTENCES, Priority, RequestType
from charterdesk.mailboxes.uploads import FilesField

from .origins import checked_origins
from .visitors import VISITOR_MAX_FILES


class WidgetRequestForm(forms.Form):
    subject = forms.CharField(label="Subject", max_length=250)
    body = forms.CharField(
        label="Describe it", widget=forms.Textarea(attrs={"rows": 5, "data-suggest": "1"})
    )
    request_type = forms.ChoiceField(
        label="What do you need?",
        choices=[(kind.value, REQUEST_TYPE_SENTENCES[kind]) for kind in RequestType],
        initial=RequestType.HOW_TO,
    )
    priority = forms.ChoiceField(choices=Priority.choices, initial=Priority.NORMAL)
    attachments = FilesField(label="Attach files")


class WidgetReplyForm(forms.Form):
    body = forms.CharField(label="Your reply", widget=forms.Textarea(attrs={"rows": 4}))
    attachments = FilesField(label="Attach files")


class VisitorReplyForm(WidgetReplyForm):
    attachments = FilesField(label="Attach files", max_files=VISITOR_MAX_FILES)


class WidgetKeyForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="Where the key is used: “Production app”.")
    allowed_origins = forms.CharField(
        label="Allowed origins",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line, exactly as the browser shows it: https://app.vendor.example",
    )
    create_contacts = forms.BooleanField(
        required=False,
        label="Create unknown contacts at verified domains",
    )
    anonymous_requests = forms.BooleanField(
        required=False, label="Visitors without a token may send a request (confirmed by mail)"
    )

    def clean_allowed_origins(self) -> list[str]:
        lines = [line for line in self.cleaned_data["allowed_origins"].splitlines() if line.strip()]
        return checked_origins(lines)


class VisitorRequestForm(forms.Form):
    email = forms.EmailField(label="Your email address")
    name = forms.CharField(label="Your name", max_length=200, required=False)
    subject = forms.CharField(label="Subject", max_length=250)
    body = forms.CharField(
        label="Describe it", widget=forms.Textarea(attrs={"rows": 5, "data-suggest": "1"})
    )
    request_type = forms.ChoiceField(
        label="What do you need?",
        choices=[(kind.value, REQUEST_TYPE_SENTENCES[kind]) for kind in RequestType],
        initial=RequestType.HOW_TO,
    )
    attachments = FilesField(label="Attach files", max_files=VISITOR_MAX_FILES)
