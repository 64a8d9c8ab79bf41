"""The product catalogue: products and their released versions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from charterdesk.core.checked import CheckedModel


class Product(CheckedModel):
    """Something the vendor supports (an app, an API): tickets, routing rules and learning
    paths name it. A retired product is deactivated, never deleted: tickets keep it."""

    name = models.CharField(max_length=100, help_text="As customers know it, e.g. 'Storefront'.")
    slug = models.SlugField(max_length=100, unique=True, help_text="For URLs and the API.")
    description = models.TextField(blank=True)
    active = models.BooleanField(
        default=True, help_text="Inactive products are no longer offered on new tickets."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="product_name_once"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = (self.name or "").strip()
        if not self.name:
            raise ValidationError({"name": "Give the product a name."})
        twins = Product.objects.filter(name__iexact=self.name).exclude(pk=self.pk)
        if twins.exists():
            raise ValidationError({"name": f"A product named “{self.name}” exists already."})


class ProductVersion(CheckedModel):
    """A released version of a product ("4.1"), oldest first; support for it may end."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="versions")
    version = models.CharField(max_length=40, help_text="As printed on the release, e.g. 4.1.")
    released_on = models.DateField()
    end_of_support = models.DateField(
        null=True, blank=True, help_text="From this day the version is no longer supported."
    )

    class Meta:
        ordering = ["product", "released_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["product", "version"], name="product_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.product} {self.version}"

    def clean(self) -> None:
        self.version = (self.version or "").strip()
        errors: dict[str, str] = {}
        if not self.version:
            errors["version"] = "Give the version, e.g. 4.1."
        elif (
            self.product_id
            and ProductVersion.objects.filter(product_id=self.product_id, version=self.version)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["version"] = f"Version {self.version} is in the catalogue already."
        if self.end_of_support and self.released_on and self.end_of_support < self.released_on:
            errors["end_of_support"] = "Support cannot end before the release."
        if errors:
            raise ValidationError(errors)

    def supported_on(self, day: object) -> bool:
        return self.end_of_support is None or self.end_of_support > day  # type: ignore[operator]


class ProductUse(CheckedModel):
    """An organization uses a product: articles (and other audiences) limited to that
    product reach its contacts. Set by support staff on the organization."""

    organization = models.ForeignKey(
        "customers.Organization", on_delete=models.CASCADE, related_name="product_uses"
    )
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="uses")
    since = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["organization", "product"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "product"], name="product_use_once"),
        ]
        indexes = [models.Index(fields=["product"], name="product_use_by_product")]

    def __str__(self) -> str:
        return f"{self.organization_id} uses {self.product}"
