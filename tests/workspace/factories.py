from charterdesk.tickets.models import CustomField, FieldKind


def custom_field(key: str = "environment", **values: object) -> CustomField:
    """A custom ticket field as an administrator defines it (a drop-down by default)."""
    defaults: dict[str, object] = {
        "label": key.replace("_", " ").capitalize(),
        "kind": FieldKind.DROPDOWN,
        "options": ["production", "staging"],
        **values,
    }
    return CustomField.objects.create(key=key, **defaults)
