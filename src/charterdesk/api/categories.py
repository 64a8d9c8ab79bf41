"""Categories over the API: agents read the tree, managers add and change categories."""

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.core.validators import Id
from charterdesk.tickets.category_models import Category
from charterdesk.tickets.category_schemas import CategoryIn, CategoryOut, CategoryPatch
from charterdesk.tickets.category_selectors import categories_for, category_by_id
from charterdesk.tickets.services import category_create, category_update

router = Router(tags=["categories"])


@router.get("/categories", response=list[CategoryOut])
def list_categories(request: HttpRequest) -> QuerySet[Category]:
    """The whole tree in path order, deactivated categories included (`active`)."""
    return categories_for(user_of(request))


@router.post("/categories", response={201: CategoryOut})
def create_category(request: HttpRequest, payload: CategoryIn) -> Status[Category]:
    user = user_of(request)
    with transaction.atomic(durable=True):
        parent = category_by_id(payload.parent_id, field="parent_id")
        category = category_create(
            actor=user,
            name=payload.name,
            parent=parent,
            position=payload.position,
            outside_scope=payload.outside_scope,
        )
    return Status(201, category)


@router.patch("/categories/{category_id}", response=CategoryOut)
def update_category(request: HttpRequest, category_id: Id, payload: CategoryPatch) -> Category:
    """Rename, move (`parent_id`), deactivate, reorder or mark as not one of our categories
    (`outside_scope`); the paths under it follow."""
    user = user_of(request)
    given = payload.model_fields_set
    with transaction.atomic(durable=True):
        category = categories_for(user).select_for_update().get(pk=category_id)
        parent: Category | None | bool = False
        if "parent_id" in given:
            parent = category_by_id(payload.parent_id, field="parent_id")
        return category_update(
            category,
            actor=user,
            name=payload.name,
            parent=parent,
            active=payload.active,
            position=payload.position,
            outside_scope=payload.outside_scope,
        )
