"""A web process takes what the loaded application holds out of the garbage collector's way
(core/serving.py): full collections no longer walk its 300,000 long-lived objects in the
middle of a request (issue #13)."""

import gc
import importlib
import sys
import weakref

import pytest

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
