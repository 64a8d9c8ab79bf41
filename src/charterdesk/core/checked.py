"""Settings that hold their rules on every save, not only in forms.

A `CheckedModel` runs its field checks and `clean()` before every `save()`, so the Django
admin, the settings pages, the API, the demo data and the command line all refuse the
same values with the same words (a `ValidationError` naming the field), and nothing
invalid reaches the database through the ORM. Database `CheckConstraint`s hold what a
constraint can say (bounds, valid choices) for writes that bypass `save()`.

A save limited to `update_fields` checks those fields and runs `clean()` (rules that span
fields, such as a contract's period, hold for partial saves too).
"""

from typing import Any

from django.db import models


class CheckedModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.full_clean(validate_unique=False, validate_constraints=False)
        else:
            named = set(update_fields)
            exclude = [f.name for f in self._meta.concrete_fields if f.name not in named]
            self.clean_fields(exclude=exclude)
            self.clean()
        super().save(*args, **kwargs)


def choices_check(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    """A database check that `field` holds one of `choices` (its valid values only)."""
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": choices.values}), name=name)
