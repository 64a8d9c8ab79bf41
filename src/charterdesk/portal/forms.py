from typing import Any

from django import forms

from charterdesk.core.vocabulary import REQUEST_TYPE_SENTENCES, Priority, RequestType
from charterdesk.mailboxes.uploads import FilesField
from charterdesk.products.selectors import products_offered


class NewRequestForm(forms.Form):
    request_type = forms.ChoiceField(
        label="What do you need?",
        choices=[(kind.value, REQUEST_TYPE_SENTENCES[kind]) for kind in RequestType],
        widget=forms.RadioSelect,
    )
    priority = forms.ChoiceField(choices=Priority.choices, initial=Priority.NORMAL)
    subject = forms.CharField(max_length=250)
    body = forms.CharField(label="Describe it", widget=forms.Textarea(attrs={"rows": 8}))
    product = forms.ChoiceField(label="Product", required=False)
    attachments = FilesField(label="Attach files (screenshots, logs)")
    # Which suggested articles this request was written next to (knowledge.deflection).
    attempt = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = list(products_offered().values_list("name", flat=True))
        if names:
            offered = [("", "Not sure / other"), *((n, n) for n in names)]
            self.fields["product"].choices = offered  # type: ignore[attr-defined]
        else:  # no catalogue: nothing to ask
            del self.fields["product"]


class ReplyForm(forms.Form):
    body = forms.CharField(label="Your reply", widget=forms.Textarea(attrs={"rows": 5}))
    attachments = FilesField(label="Attach files")
