"""The product and version forms of the settings area; the rules sit in the models."""

from django import forms

from charterdesk.products.models import Product, ProductVersion


class ProductForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = ["name", "slug", "description", "active"]
        labels = {"active": "Offered on new tickets"}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["slug"].required = False
        self.fields["slug"].help_text = "Made from the name when left empty."


class VersionForm(forms.ModelForm):
    class Meta:
        model = ProductVersion
        fields = ["version", "released_on", "end_of_support"]
        widgets = {
            "released_on": forms.DateInput(attrs={"type": "date"}),
            "end_of_support": forms.DateInput(attrs={"type": "date"}),
        }
