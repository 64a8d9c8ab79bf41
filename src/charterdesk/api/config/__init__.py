"""The configuration API (/api/v1/config/...): calendars, plans, agents, teams, queues,
organizations, contacts, contracts and mailboxes, read and written by managers and
administrators with the same rules as the settings pages (charterdesk.configuration),
and the whole configuration exported and imported as one JSON document."""

from ninja import Router

from charterdesk.configuration.customer_kinds import CONTACTS, CONTRACTS, MAILBOXES, ORGANIZATIONS
from charterdesk.configuration.plan_kinds import CALENDARS, PLANS
from charterdesk.configuration.staff_kinds import AGENTS, QUEUES, TEAMS
from charterdesk.configuration.ticket_kinds import CUSTOM_FIELDS

from . import actions, transfer, versions
from .resources import add_resource

router = Router(tags=["configuration"])
WRITABLE = (CALENDARS, PLANS, TEAMS, QUEUES, ORGANIZATIONS, CONTACTS, CONTRACTS, MAILBOXES)
for kind in (*WRITABLE, CUSTOM_FIELDS):
    add_resource(router, kind)
# Agents join by invitation (the settings pages) or by an import; here they are read and changed.
add_resource(router, AGENTS, create=False)
router.add_router("", actions.router)
router.add_router("", versions.router)
router.add_router("", transfer.router)
