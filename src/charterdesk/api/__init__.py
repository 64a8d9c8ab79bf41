"""REST API v1: django-ninja, bearer tokens, problem+json errors.

The OpenAPI document is at /api/v1/openapi.json, interactive docs at /api/v1/docs.
"""

from ninja import NinjaAPI

from charterdesk.customers.api import router as customers_router
from charterdesk.plans.api import router as plans_router
from charterdesk.sla.api import router as sla_router
from charterdesk.tickets.api import router as tickets_router

from . import problems
from .auth import TokenAuth

api = NinjaAPI(
    title="CharterDesk API",
    version="1",
    description="Tickets, organizations, plans and contracts. Authenticate with "
    "`Authorization: Bearer <token>` (make one with `charterdesk token EMAIL`). Errors are "
    "RFC 9457 problem details.",
    auth=TokenAuth(),
    urls_namespace="api-v1",
    docs_url="/docs",
)
problems.install(api)
api.add_router("", tickets_router)
api.add_router("", customers_router)
api.add_router("", plans_router)
api.add_router("", sla_router)
