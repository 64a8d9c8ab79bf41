"""The fuzzer again, on the configuration operations only and as a manager, who gets past
the permission check: generated items (wrong types, boundary numbers, unknown names) may
be refused, never answered with a server error. SQLite only, like the full fuzzer."""

from collections.abc import Iterator

import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from charterdesk.accounts.models import ApiToken

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application()).include(
    path_regex="^/api/v1/config/"
)

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="the fuzzer runs on SQLite only (too slow on PostgreSQL for every run)",
)


@pytest.fixture(autouse=True)
def keep_the_test_transaction() -> Iterator[None]:
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def manager(personas) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _, token = ApiToken.issue(personas.manager, scopes=["read", "write", "admin"])
    return {"Authorization": f"Bearer {token}"}


@schema.parametrize()
@hypothesis_settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_configuration_never_answers_a_server_error(case, manager):  # type: ignore[no-untyped-def]
    case.call_and_validate(headers=manager, checks=[not_a_server_error])
