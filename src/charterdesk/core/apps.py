from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_migrate, pre_migrate
from django.forms.models import ModelChoiceField

from .listed_choices import ListedChoiceIterator


class CoreConfig(AppConfig):
    name = "charterdesk.core"
    label = "core"

    def ready(self) -> None:
        from . import (
            config_cache,
            config_triggers,
            tasks,  # noqa: F401 - registers the app's periodic jobs
        )

        # Choice lists in one query, not a server-side cursor (core/listed_choices.py).
        ModelChoiceField.iterator = ListedChoiceIterator  # type: ignore[misc]

        request_started.connect(config_cache.request_started, dispatch_uid="config-cache-in")
        request_finished.connect(config_cache.request_finished, dispatch_uid="config-cache-out")
        pre_migrate.connect(config_triggers.before_migrate, dispatch_uid="config-triggers-off")
        post_migrate.connect(config_triggers.after_migrate, dispatch_uid="config-triggers-on")
