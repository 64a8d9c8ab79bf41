"""Reads of the triage models, with who may see them: agents see the serving model and
ask for suggestions; managers (who may change the desk's settings) see every run and
start one. Customers see none of it."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm

from .models import ModelStatus, TriageModel

# Everything but the serialized model, which only runtime.serving() reads.
_LIGHT = ("blob",)


def check_agent(user: User) -> None:
    if not user.is_agent:
        raise PermissionDenied("Triage is for support staff.")


def check_manager(user: User) -> None:
    check_agent(user)
    if not user.has_perm(Perm.MANAGE_SETTINGS):
        raise PermissionDenied("Training the triage model is for support managers.")


def serving_model_for(user: User) -> TriageModel | None:
    """The model that serves now (the newest ready one), for agents."""
    check_agent(user)
    return (
        TriageModel.objects.defer(*_LIGHT)
        .filter(status=ModelStatus.READY)
        .order_by("-version")
        .first()
    )


def runs_for(user: User) -> QuerySet[TriageModel]:
    """Every training run, newest first, for managers."""
    check_manager(user)
    return TriageModel.objects.defer(*_LIGHT).select_related("requested_by").order_by("-version")


def run_in_progress() -> TriageModel | None:
    return TriageModel.objects.defer(*_LIGHT).filter(status=ModelStatus.TRAINING).first()
