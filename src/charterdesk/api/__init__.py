"""REST API v1: django-ninja, bearer tokens, problem+json errors.

The OpenAPI document is at /api/v1/openapi.json, interactive docs at /api/v1/docs.
"""

from ninja import NinjaAPI, Router

from charterdesk.accounts.auth import TokenAuth
from charterdesk.commitments.api import router as commitments_router
from charterdesk.community.api import router as community_router
from charterdesk.core.idempotency import idempotent
from charterdesk.customers.api import router as customers_router
from charterdesk.escalations.api import router as escalations_router
from charterdesk.estimates.api import router as estimates_router
from charterdesk.forecasting.api import router as forecasting_router
from charterdesk.hours.api import router as hours_router
from charterdesk.incidents.api import router as incidents_router
from charterdesk.incidents.maintenance_api import router as maintenance_router
from charterdesk.incidents.webhooks.api import router as webhooks_router
from charterdesk.insights.api import router as insights_router
from charterdesk.learning.api import router as learning_router
from charterdesk.mail.api import router as mail_router
from charterdesk.mailboxes.api import router as mailboxes_router
from charterdesk.plans.api import router as plans_router
from charterdesk.products.api import router as products_router
from charterdesk.routing.api import router as routing_router
from charterdesk.satisfaction.api import router as satisfaction_router
from charterdesk.search.api import router as search_router
from charterdesk.sla.api import router as sla_router
from charterdesk.statements.api import router as statements_router
from charterdesk.success.api import router as success_router
from charterdesk.swarms.api import router as swarms_router
from charterdesk.triage.api import router as triage_router

from . import problems
from .articles import router as articles_router
from .categories import router as categories_router
from .config import router as config_router
from .parser import CheckedParser
from .ticket_links import router as ticket_links_router
from .tickets import router as tickets_router
from .workspace import router as workspace_router

api = NinjaAPI(
    title="CharterDesk API",
    version="1",
    description="Tickets, organizations, plans and contracts. Authenticate with "
    "`Authorization: Bearer <token>` (make one with `charterdesk token EMAIL`). Errors are "
    "RFC 9457 problem details.",
    auth=TokenAuth(),
    urls_namespace="api-v1",
    docs_url="/docs",
    parser=CheckedParser(),
)
problems.install(api)
ROUTERS = [
    # Before the tickets' router: its /tickets/{ticket_id} would take /tickets/bulk.
    workspace_router,
    learning_router,
    ticket_links_router,
    tickets_router,
    customers_router,
    plans_router,
    products_router,
    sla_router,
    mail_router,
    mailboxes_router,
    escalations_router,
    swarms_router,
    hours_router,
    estimates_router,
    commitments_router,
    satisfaction_router,
    statements_router,
    routing_router,
    articles_router,
    community_router,
    search_router,
    config_router,
    categories_router,
    incidents_router,
    maintenance_router,
    webhooks_router,
    triage_router,
    success_router,
    forecasting_router,
    insights_router,
]
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _idempotent_writes(router: Router) -> None:
    """Every write operation honours the Idempotency-Key header (core.idempotency)."""
    for path_view in router.path_operations.values():
        for operation in path_view.operations:
            if WRITE_METHODS & set(operation.methods):
                operation.view_func = idempotent(operation.view_func)


for router in ROUTERS:
    _idempotent_writes(router)
    api.add_router("", router)
