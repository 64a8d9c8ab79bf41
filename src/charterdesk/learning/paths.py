"""Writes on learning paths: a manager curates them and enrols learners; a learner marks
items done. Callers own the transaction."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.core.vocabulary import RequestType
from charterdesk.knowledge.models import Article
from charterdesk.products.models import Product
from charterdesk.tickets.models import Ticket

from .models import Completion, Enrollment, LearningPath, PathItem
from .selectors import LEARNABLE_STATUSES


def check_curator(actor: User) -> None:
    if not actor.has_perm(Perm.CURATE_LEARNING):
        raise PermissionDenied("Support managers curate learning paths.")


@dataclass(frozen=True)
class PathInput:
    title: str
    description: str = ""
    product: Product | None = None
    request_type: str = ""


def _checked(data: PathInput) -> PathInput:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = "Give the path a title."
    elif len(data.title) > 200:
        errors["title"] = "Keep the title under 200 characters."
    if data.request_type and data.request_type not in RequestType.values:
        errors["request_type"] = "Pick a request type."
    if errors:
        raise ValidationError(errors)
    return data


def path_create(*, actor: User, data: PathInput) -> LearningPath:
    check_curator(actor)
    data = _checked(data)
    return LearningPath.objects.create(
        title=data.title.strip(),
        description=data.description,
        product=data.product,
        request_type=data.request_type,
        created_by=actor,
    )


def path_update(*, actor: User, path: LearningPath, data: PathInput) -> LearningPath:
    check_curator(actor)
    data = _checked(data)
    path.title, path.description = data.title.strip(), data.description
    path.product, path.request_type = data.product, data.request_type
    path.save()
    return path


def item_add(
    *,
    actor: User,
    path: LearningPath,
    note: str,
    ticket: Ticket | None = None,
    article: Article | None = None,
) -> PathItem:
    """Append a solved ticket or an article to the path, with what to learn from it."""
    check_curator(actor)
    errors: dict[str, str] = {}
    if (ticket is None) == (article is None):
        errors["ticket"] = "Pick one solved ticket or one article."
    elif ticket is not None and ticket.status not in LEARNABLE_STATUSES:
        errors["ticket"] = f"Ticket #{ticket.pk} is not solved yet."
    elif ticket is not None and path.items.filter(ticket=ticket).exists():
        errors["ticket"] = f"Ticket #{ticket.pk} is on the path already."
    elif article is not None and path.items.filter(article=article).exists():
        errors["article"] = "This article is on the path already."
    if not note.strip():
        errors["note"] = "Say what to learn from it."
    if errors:
        raise ValidationError(errors)
    last = path.items.aggregate(last=Max("position"))["last"] or 0
    return PathItem.objects.create(
        path=path, position=last + 1, ticket=ticket, article=article, note=note.strip()
    )


def item_move(*, actor: User, item: PathItem, up: bool) -> None:
    """Swap the item with its neighbour above (or below)."""
    check_curator(actor)
    siblings = item.path.items.exclude(pk=item.pk)
    if up:
        other = siblings.filter(position__lte=item.position).order_by("-position", "-id").first()
    else:
        other = siblings.filter(position__gte=item.position).order_by("position", "id").first()
    if other is None:
        return
    item.position, other.position = other.position, item.position
    if item.position == other.position:
        item.position += -1 if up else 1
    item.save(update_fields=["position"])
    other.save(update_fields=["position"])


def item_remove(*, actor: User, item: PathItem) -> None:
    check_curator(actor)
    item.delete()


def learner_enroll(*, actor: User, path: LearningPath, learner: User) -> Enrollment:
    check_curator(actor)
    if not learner.is_agent or not learner.is_active:
        raise ValidationError({"learner": "Learners are active agents."})
    enrollment, _ = Enrollment.objects.get_or_create(
        path=path, learner=learner, defaults={"enrolled_by": actor}
    )
    return enrollment


def item_done(*, learner: User, item: PathItem, reflection: str = "") -> Completion:
    """The learner studied the item; marking it again keeps the first time, with the
    newest reflection."""
    if not Enrollment.objects.filter(path_id=item.path_id, learner=learner).exists():
        raise PermissionDenied("You are not enrolled on this learning path.")
    if len(reflection) > 1000:
        raise ValidationError({"reflection": "Keep the reflection under 1,000 characters."})
    completion, created = Completion.objects.get_or_create(
        item=item,
        learner=learner,
        defaults={"reflection": reflection.strip(), "done_at": timezone.now()},
    )
    if not created and reflection.strip():
        completion.reflection = reflection.strip()
        completion.save(update_fields=["reflection"])
    return completion
