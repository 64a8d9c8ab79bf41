"""The four operations of every kind of setting: list (paginated), read, create, change.
An item reads and writes as in the export file (references by natural key) plus its id.
A change (PATCH) names only the fields it changes; the rest is kept."""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import ValidationError as NinjaValidationError
from ninja.responses import Status
from pydantic import ValidationError as PydanticError
from pydantic import create_model
from pydantic.fields import FieldInfo

from charterdesk.configuration.kinds import Context, Kind, item_fields
from charterdesk.configuration.schemas import Item
from charterdesk.core.pagination import Cursor, Limit, page_of
from charterdesk.core.validators import Id

from .access import settings_manager


def out_schema(kind: Kind) -> type[Schema]:
    schema: type[Schema] = create_model(  # type: ignore[call-overload]
        f"{kind.schema.__name__}Out", __base__=kind.schema, id=(int, ...)
    )
    return schema


def patch_schema(kind: Kind) -> type[Schema]:
    """Every field of the item, each optional: a change names only what it changes. The
    item's `id` may be sent back with it and is ignored."""
    fields: dict[str, Any] = {
        name: (
            field.annotation | None,  # type: ignore[operator]
            FieldInfo.merge_field_infos(field, default=None, default_factory=None),
        )
        for name, field in kind.schema.model_fields.items()
    }
    fields["id"] = (Id | None, None)
    schema: type[Schema] = create_model(  # type: ignore[call-overload]
        f"{kind.schema.__name__}Patch", __base__=Item, **fields
    )
    return schema


def page_schema(kind: Kind, out: type[Schema]) -> type[Schema]:
    schema: type[Schema] = create_model(  # type: ignore[call-overload]
        f"{kind.schema.__name__}Page",
        __base__=Schema,
        items=(list[out], ...),  # type: ignore[valid-type]
        next=(str | None, ...),
    )
    return schema


def as_out(kind: Kind, row: Any) -> dict[str, Any]:
    return {"id": row.pk, **kind.as_data(row)}


def validated(kind: Kind, data: dict[str, Any]) -> Any:
    """The item, or 422 naming each field that is not of its type."""
    try:
        return kind.schema.model_validate(data)
    except PydanticError as exc:
        raise NinjaValidationError(
            [{"loc": ("body", *e["loc"]), "msg": e["msg"]} for e in exc.errors()]
        ) from exc


def add_resource(router: Router, kind: Kind, *, create: bool = True) -> None:
    Out = out_schema(kind)  # noqa: N806 - a class
    Page = page_schema(kind, Out)  # noqa: N806 - a class
    path, noun = f"/config/{kind.name}", kind.name

    @router.get(path, response=Page, operation_id=f"config_{noun}_list", summary=f"List {noun}")
    def list_rows(request: HttpRequest, cursor: Cursor | None = None, limit: Limit = 25) -> Any:
        settings_manager(request)
        rows, next_url = page_of(request, kind.rows(), cursor, limit)
        return {"items": [as_out(kind, row) for row in rows], "next": next_url}

    @router.get(f"{path}/{{row_id}}", response=Out, operation_id=f"config_{noun}_get")
    def get_row(request: HttpRequest, row_id: Id) -> Any:
        settings_manager(request)
        return as_out(kind, kind.rows().get(pk=row_id))

    Patch = patch_schema(kind)  # noqa: N806 - a class

    @router.patch(f"{path}/{{row_id}}", response=Out, operation_id=f"config_{noun}_change")
    def change_row(request: HttpRequest, row_id: Id, payload: Patch) -> Any:  # type: ignore[valid-type]
        """Change the fields given; the others keep their values."""
        ctx = Context(actor=settings_manager(request))
        given = {k: getattr(payload, k) for k in payload.model_fields_set if k != "id"}  # type: ignore[attr-defined]
        with transaction.atomic(durable=True):
            row = kind.rows().select_for_update(of=("self",)).get(pk=row_id)
            item = validated(kind, {**kind.as_data(row), **given})
            fields = item_fields(item)
            kind.load(ctx, row, {k: v for k, v in fields.items() if k in given})
        return as_out(kind, kind.rows().get(pk=row_id))

    if not create:
        return

    @router.post(path, response={201: Out}, operation_id=f"config_{noun}_create")
    def create_row(request: HttpRequest, payload: kind.schema) -> Any:  # type: ignore[name-defined]
        ctx = Context(actor=settings_manager(request))
        with transaction.atomic(durable=True):
            row = kind.load(ctx, None, item_fields(payload))
        return Status(201, as_out(kind, kind.rows().get(pk=row.pk)))
