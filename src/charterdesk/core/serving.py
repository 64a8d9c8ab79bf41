"""A web process's garbage collector, set for serving pages (issue #13).

A loaded CharterDesk holds some 310,000 objects the collector tracks (modules, classes,
functions, the URL patterns, the models' metadata) that live as long as the process. Python
looks through all of them in every full collection: 150 ms on a quiet machine, 500 ms on a
busy one, inside whichever request happened to allocate last and holding the interpreter
lock of every thread of that worker (bench/gc_pauses.py: four in a fresh process's first
300 requests, one of them in a ticket page that then took 0.8 s).

`settle()` runs once the application is loaded: it loads what the first requests would
(the URL configuration and with it every view, the reverse lookups, our templates: the
first request of a process took 125 ms instead of 23), collects once, then moves
everything alive into the permanent generation (`gc.freeze()`), which no collection
looks at again. A full
collection then looks only at what was made since, and cycles made while serving are still
found. The young generations keep Python's thresholds: a larger one collects as much, in
fewer and longer pauses (measured: 30 ms each under load, one request in twenty).
"""

import gc
from contextlib import suppress
from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils import translation

PACKAGE = Path(__file__).resolve().parents[1]  # src/charterdesk: our own templates


def settle() -> None:
    """Take what the loaded application holds out of the garbage collector's way."""
    _load_what_a_first_request_would()
    gc.collect()
    gc.freeze()


def _load_what_a_first_request_would() -> None:
    """What each process otherwise builds inside its first requests, 100–200 ms that one
    of them waits for (a process serves its first page in 125 ms, the next in 23): every
    view module; the URL patterns' reverse lookups (600 regular expressions, compiled on
    the first `reverse`, per language: the one requests run in); our templates, compiled
    once each by the cached loader (some 400, about 0.3 s). Frozen with the rest."""
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - imports every view module now, not in a request
    with translation.override(settings.LANGUAGE_CODE):
        _build_reverse_lookups(resolver)
    for engine in engines.all():
        for folder in map(Path, engine.template_dirs):
            if not folder.is_relative_to(PACKAGE):
                continue  # another package's templates: compiled if a page ever uses them
            for path in sorted(folder.rglob("*")):
                if not path.is_file():
                    continue
                try:
                    engine.get_template(path.relative_to(folder).as_posix())
                except (TemplateDoesNotExist, TemplateSyntaxError, UnicodeDecodeError):
                    continue  # the page that uses it reports it, as it always did


def _build_reverse_lookups(resolver: URLResolver, path: str = "") -> None:
    """The reverse lookups for the active language of `resolver` and of every namespace
    under it: `reverse("desk:ticket")` looks in the desk's own resolver, reached through
    a resolver of its own for that namespace (`get_ns_resolver`), each built on its first
    use; one name reversed in each namespace builds both."""
    resolver.reverse_dict  # noqa: B018 - builds them
    for namespace, (_prefix, inner) in resolver.namespace_dict.items():
        here = f"{path}{namespace}:"
        _build_reverse_lookups(inner, here)
        name = next((key for key in inner.reverse_dict if isinstance(key, str)), None)
        if name is not None:
            # A name that takes arguments does not match: its lookups are built all the same.
            with suppress(NoReverseMatch):
                reverse(here + name)
