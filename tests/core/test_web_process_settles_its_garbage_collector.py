"""A web process takes what the loaded application holds out of the garbage collector's way
(core/serving.py): full collections no longer walk its 300,000 long-lived objects in the
middle of a request (issue #13)."""

import gc
import importlib
import sys
import weakref

import pytest
from django.template import engines
from django.urls import clear_url_caches, reverse
from django.urls.resolvers import URLResolver

from charterdesk.core.serving import settle


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()


def test_it_freezes_the_loaded_application_when_the_wsgi_module_loads(unfrozen):
    gc.unfreeze()
    sys.modules.pop("charterdesk.wsgi", None)
    importlib.import_module("charterdesk.wsgi")
    assert gc.get_freeze_count() > 50_000
    assert "charterdesk.desk.views" in sys.modules  # the views, imported before any request


def test_cycles_made_after_settling_are_still_collected(unfrozen):
    settle()

    class Node:
        pass

    node = Node()
    node.me = node  # type: ignore[attr-defined]
    gone = weakref.ref(node)
    del node
    gc.collect()
    assert gone() is None


def test_the_first_request_finds_the_reverse_lookups_and_our_templates_ready(unfrozen, monkeypatch):
    """What a process's first requests used to build (125 ms for the first page instead of
    23) is built by settle(), before any request."""
    loader = engines["django"].engine.template_loaders[0]  # the cached loader (DEBUG off)
    clear_url_caches()
    loader.reset()
    settle()
    assert "desk/queue.html" in loader.get_template_cache
    assert "knowledge/_ticket_suggestions.html" in loader.get_template_cache

    def built_again(self):  # type: ignore[no-untyped-def]
        raise AssertionError("the reverse lookups were built inside a request")

    monkeypatch.setattr(URLResolver, "_populate", built_again)
    assert reverse("desk:ticket", args=[1]) == "/desk/tickets/1/"
