"""Schemathesis sends generated requests (boundary values, then random ones within and
past the OpenAPI document's limits) to every operation, as an agent and as a customer:
none may answer a server error. Bounded: a fixed number of examples per operation (fewer
for the customer, who is refused most operations before the input is read) and no
per-example deadline.

Most of the requests are schemathesis's coverage phase (boundary values and, as negative
cases, malformed ones: about 11,600 a role, against 10 random examples an operation), not
the random examples. A malformed request is refused by the schema's validation before any
handler or permission check reads it, the same for every user, so the negative coverage
cases are sent once an operation, by the role that reaches furthest: the agent here, and
for the configuration operations (which need the `admin` scope an agent's token lacks) the
manager in test_fuzz_configuration_as_manager.py. The customer, and the agent on the
configuration, get the positive boundary values and the random examples (positive and
negative) as before: every case the fuzzer sent still goes to the role it can hurt most.

Skipped on PostgreSQL (set DATABASE_URL): there it takes several times longer, and what
it checks is the schema and the handlers, which are the same on both databases; the
database-specific inputs (NUL, surrogates, 64-bit ids) have their own tests there."""

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
from schemathesis.config import SchemathesisConfig

from charterdesk.accounts.models import ApiToken

POSITIVE_BOUNDARIES_ONLY = {"coverage": {"generation": {"mode": "positive"}}}
CONFIGURATION = "^/api/v1/config/"

# As an agent: every coverage case, except the malformed ones for the configuration.
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json",
    get_wsgi_application(),
    config=SchemathesisConfig.from_dict(
        {"operations": [{"include-path-regex": CONFIGURATION, "phases": POSITIVE_BOUNDARIES_ONLY}]}
    ),
)
# As a customer: the positive boundary values everywhere.
customer_schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json",
    get_wsgi_application(),
    config=SchemathesisConfig.from_dict({"phases": POSITIVE_BOUNDARIES_ONLY}),
)

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="the fuzzer runs on SQLite only (too slow on PostgreSQL for every run)",
)


@pytest.fixture(autouse=True)
def keep_the_test_transaction() -> Iterator[None]:
    """The WSGI handler closes the connection after each request, as a server does; the
    test's transaction needs it open (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _bearer(user: object) -> dict[str, str]:
    _, token = ApiToken.issue(user)  # type: ignore[arg-type]
    return {"Authorization": f"Bearer {token}"}


@schema.parametrize()
@hypothesis_settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_operation_never_answers_an_agent_a_server_error(case, personas):  # type: ignore[no-untyped-def]
    case.call_and_validate(headers=_bearer(personas.tier2), checks=[not_a_server_error])


# A customer is refused most operations before their input is read (403), so fewer examples
# reach as far: the operations customers may use get the boundary values and a few more.
@customer_schema.parametrize()
@hypothesis_settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
def test_operation_never_answers_a_customer_a_server_error(case, personas):  # type: ignore[no-untyped-def]
    case.call_and_validate(headers=_bearer(personas.alice), checks=[not_a_server_error])
