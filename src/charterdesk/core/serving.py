"""A web process's garbage collector, set for serving pages (issue #13).

A loaded CharterDesk holds some 310,000 objects the collector tracks (modules, classes,
functions, the URL patterns, the models' metadata) that live as long as the process. Python
looks through all of them in every full collection: 150 ms on a quiet machine, 500 ms on a
busy one, inside whichever request happened to allocate last and holding the interpreter
lock of every thread of that worker (bench/gc_pauses.py: four in a fresh process's first
300 requests, one of them in a ticket page that then took 0.8 s).

`settle()` runs once the application is loaded: it imports what the first request would
(the URL configuration, and with it every view), collects once, then moves everything alive
into the permanent generation (`gc.freeze()`), which no collection looks at again. A full
collection then looks only at what was made since, and cycles made while serving are still
found. The young generations keep Python's thresholds: a larger one collects as much, in
fewer and longer pauses (measured: 30 ms each under load, one request in twenty).
"""

import gc

from django.urls import get_resolver


def settle() -> None:
    """Take what the loaded application holds out of the garbage collector's way."""
    get_resolver().url_patterns  # noqa: B018 - imports every view module now, not in a request
    gc.collect()
    gc.freeze()
