"""The Product and Version pair of an intake form (the portal's new request, the desk's new
ticket): choices from the catalogue, and the version checked against the chosen product."""

from typing import Any

from django import forms

from .selectors import products_offered, versions_by_product, versions_offered


def offer_product_and_version(form: forms.Form, *, no_product: str) -> None:
    """Fill the form's `product` and `version` choice fields from the catalogue (versions
    grouped by product, for the page's script); remove both when there is no catalogue."""
    names = list(products_offered().values_list("name", flat=True))
    if not names:  # no catalogue: nothing to ask
        del form.fields["product"], form.fields["version"]
        return
    form.fields["product"].choices = [("", no_product), *((n, n) for n in names)]  # type: ignore[attr-defined]
    form.fields["version"].choices = [("", "Not sure"), *versions_by_product()]  # type: ignore[attr-defined]


def check_version(form: forms.Form, data: dict[str, Any]) -> None:
    """The version is picked by id and must be one of the chosen product's; the intake
    service takes its version string, put in its place."""
    picked = data.get("version")
    if not picked:
        return
    entry = versions_offered().filter(pk=picked).first()
    if entry is None or entry.product.name != data.get("product"):
        form.add_error("version", "Pick a version of the chosen product.")
    else:
        data["version"] = entry.version
