from typing import Any

from django import forms

from charterdesk.core.vocabulary import REQUEST_TYPE_SENTENCES, Priority, RequestType
from charterdesk.mailboxes.uploads import FilesField
from charterdesk.products.selectors import products_offered, versions_offered


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
    version = forms.ChoiceField(label="Version", required=False)
    attachments = FilesField(label="Attach files (screenshots, logs)")
    # Which suggested articles this request was written next to (knowledge.deflection).
    attempt = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = list(products_offered().values_list("name", flat=True))
        if names:
            offered = [("", "Not sure / other"), *((n, n) for n in names)]
            self.fields["product"].choices = offered  # type: ignore[attr-defined]
            self.fields["version"].choices = _versions_by_product()  # type: ignore[attr-defined]
        else:  # no catalogue: nothing to ask
            del self.fields["product"], self.fields["version"]

    def clean(self) -> dict[str, Any]:
        """The version is picked by id; the intake service takes its version string."""
        data = super().clean() or {}
        picked = data.get("version")
        if picked:
            entry = versions_offered().filter(pk=picked).first()
            if entry is None or entry.product.name != data.get("product"):
                self.add_error("version", "Pick a version of the chosen product.")
            else:
                data["version"] = entry.version
        return data


def _versions_by_product() -> list[tuple[str, Any]]:
    """The offered versions grouped by product (an <optgroup> labelled with its name, which
    the page's script matches against the product picked), newest first."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for entry in versions_offered().order_by("product__name", "-released_on", "-id"):
        groups.setdefault(entry.product.name, []).append((str(entry.pk), entry.version))
    return [("", "Not sure"), *groups.items()]


class ReplyForm(forms.Form):
    body = forms.CharField(label="Your reply", widget=forms.Textarea(attrs={"rows": 5}))
    attachments = FilesField(label="Attach files")
