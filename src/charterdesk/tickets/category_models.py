"""Categories: a tree that managers define ("Billing › Refunds"), one per ticket, for
routing, reports and triage. Who set a ticket's category and how is kept on the ticket
(`category_set_by`, `category_source`) and every change in its history."""

from django.core.exceptions import ValidationError
from django.db import models

from charterdesk.core.checked import CheckedModel

PATH_SEPARATOR = " › "
MAX_DEPTH = 4


class CategorySource(models.TextChoices):
    PERSON = "person", "Set by a person"
    RULE = "rule", "Set by a routing rule"
    MODEL = "model", "Suggested by the triage model"
    IMPORT = "import", "Imported with past tickets"


class RootCause(models.TextChoices):
    """Why a ticket happened, recorded when it is solved (with the product and version)."""

    PRODUCT_DEFECT = "product_defect", "Product defect"
    CONFIGURATION = "configuration", "Configuration"
    ENVIRONMENT = "environment", "Environment"
    THIRD_PARTY = "third_party", "Platform or third party"
    DOCUMENTATION_GAP = "documentation_gap", "Documentation gap"
    FEATURE_REQUEST = "feature_request", "Feature request"
    USER_ERROR = "user_error", "User error"


class Category(CheckedModel):
    """One node of the categories tree. `path` ("Billing › Refunds") is kept for display,
    search and the import; the services keep it right when a category is renamed or moved.
    Deactivated categories stay on the tickets that have them but are offered no more."""

    name = models.CharField(max_length=80)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=400, unique=True, editable=False)
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)
    # "Not one of our categories": requests filed here (spam, questions for someone else)
    # teach triage to leave such requests to a person; the model never suggests it.
    outside_scope = models.BooleanField(
        "not one of our categories",
        default=False,
        help_text="Requests filed here teach triage to leave such requests to a person; "
        "it is never suggested.",
    )

    class Meta:
        ordering = ["path"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.path

    def clean(self) -> None:
        self.name = " ".join((self.name or "").split())
        if "›" in self.name or "/" in self.name:
            raise ValidationError({"name": "A name cannot contain › or /: they separate levels."})
        self.path = self.computed_path()
        if self.path.count(PATH_SEPARATOR) >= MAX_DEPTH:
            raise ValidationError({"parent": f"Categories nest at most {MAX_DEPTH} levels deep."})
        taken = Category.objects.filter(path__iexact=self.path).exclude(pk=self.pk)
        if self.name and taken.exists():
            raise ValidationError({"name": f"“{self.path}” exists already."})

    def computed_path(self) -> str:
        if self.parent is None:
            return self.name
        inside = f"{self.parent.path}{PATH_SEPARATOR}".casefold()
        if self.pk and inside.startswith(f"{self.path}{PATH_SEPARATOR}".casefold()):
            raise ValidationError({"parent": "A category cannot move under itself."})
        return f"{self.parent.path}{PATH_SEPARATOR}{self.name}"

    @property
    def depth(self) -> int:
        return self.path.count(PATH_SEPARATOR)
