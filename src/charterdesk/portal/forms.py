from typing import Any

from django import forms

from charterdesk.core.vocabulary import REQUEST_TYPE_SENTENCES, Priority, RequestType
from charterdesk.mailboxes.uploads import FilesField
from charterdesk.products.forms import (
    VersionOfProduct,
    check_version,
    offer_product_and_version,
)


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
    version = forms.ChoiceField(label="Version", required=False, widget=VersionOfProduct())
    attachments = FilesField(label="Attach files (screenshots, logs)")
    # Which suggested articles this request was written next to (knowledge.deflection).
    attempt = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_product_and_version(self, no_product="Not sure / other")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_version(self, data)
        return data


class ReplyForm(forms.Form):
    body = forms.CharField(label="Your reply", widget=forms.Textarea(attrs={"rows": 5}))
    attachments = FilesField(label="Attach files")
