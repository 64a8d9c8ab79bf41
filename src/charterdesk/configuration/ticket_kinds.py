"""Custom ticket fields as data, known by their key. Their values on tickets are not
settings and are not exported."""

from typing import Any

from charterdesk.tickets.models import CustomField

from .kinds import Context, Kind, assign, saved
from .schemas import CustomFieldItem

CUSTOM_FIELD_FIELDS = (
    "key",
    "label",
    "kind",
    "options",
    "required_to_solve",
    "visible_to_customers",
    "position",
    "active",
)


def _custom_field_load(ctx: Context, row: CustomField | None, data: dict[str, Any]) -> CustomField:
    row = row or CustomField()
    assign(row, data, CUSTOM_FIELD_FIELDS)
    saved(row)
    return row


CUSTOM_FIELDS = Kind(
    name="custom_fields",
    model=CustomField,
    schema=CustomFieldItem,
    key=lambda item: (item["key"],),
    rows=lambda: CustomField.objects.order_by("position", "key"),
    find=lambda item: CustomField.objects.filter(key=item["key"]).first(),
    dump=lambda row: {name: getattr(row, name) for name in CUSTOM_FIELD_FIELDS},
    load=_custom_field_load,
)
