"""The Product and Version pair of an intake form (the portal's new request, the desk's new
ticket): choices from the catalogue, and the version checked against the chosen product."""

import json
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe

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


# In the browser: keep only the <optgroup> of the product picked in the same form (matched
# by the product option's text, its name), hide the field when that product has none.
_OFFER_VERSIONS = """<script>
(function (version, productField) {
  const product = version.form && version.form.elements[productField];
  if (!product) return;
  const groups = Array.from(version.querySelectorAll("optgroup"));
  const offerVersions = function () {
    const picked = product.selectedOptions[0];
    const name = picked && picked.value ? picked.text : null;
    const chosen = groups.find(function (g) { return g.label === name; });
    groups.forEach(function (g) { if (g !== chosen) g.remove(); });
    if (chosen && !chosen.parentNode) version.append(chosen);
    if (!chosen || !chosen.contains(version.selectedOptions[0])) version.value = "";
    const label = version.closest("label");
    if (label) label.style.display = chosen ? "" : "none";
  };
  product.addEventListener("change", offerVersions);
  offerVersions();
})(document.currentScript.previousElementSibling, PRODUCT_FIELD);
</script>"""


class VersionOfProduct(forms.Select):
    """A version drop-down whose choices are grouped by product name (an <optgroup> each,
    as `versions_by_product` gives them); its script offers only the versions of the
    product picked in the same form. Without the script every version stays offered,
    grouped, and the server refuses a version of another product."""

    def __init__(self, product_field: str = "product", attrs: dict[str, Any] | None = None):
        super().__init__(attrs)
        self.product_field = product_field

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        select = super().render(name, value, attrs, renderer)
        # the field's name as a JavaScript string; "<" escaped so it cannot close the script
        field = json.dumps(self.product_field).replace("<", "\\u003c")
        return select + mark_safe(_OFFER_VERSIONS.replace("PRODUCT_FIELD", field))  # noqa: S308
