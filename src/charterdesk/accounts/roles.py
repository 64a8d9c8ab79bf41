"""Roles and what each may do: the one place that grants permissions.

`User.has_perm` answers from `PERMISSIONS` below and nothing else: no superuser flag, no
groups, no per-user grants. A permission is a Django-style `app.codename` string, so the
Django admin (which asks for `tickets.change_ticket`), templates (`perms.hours.add_purchase`)
and services (`actor.has_perm(Perm.RECORD_PURCHASE)`) all ask the same question.

Agents' tier (1, 2, 3) decides which queues they work and where a functional escalation
goes, not what they may do: every tier holds the agent's permissions.
"""

from typing import Protocol

from django.db import models


class HasRoleAndScopes(Protocol):
    role: str
    token_scopes: frozenset[str] | None


class Role(models.TextChoices):
    CUSTOMER = "customer", "Customer contact"
    AGENT = "agent", "Agent"
    TEAM_LEAD = "team_lead", "Team lead"
    MANAGER = "manager", "Support manager"
    ADMIN = "admin", "Administrator"
    OPERATOR = "operator", "Operator"


class Perm:
    """The permissions CharterDesk itself checks (beyond the admin's model permissions)."""

    OPEN_TICKETS = "portal.open_tickets"  # the customer portal: open and follow requests
    WORK_TICKETS = "desk.work_tickets"  # the agent workspace: reply, note, change, escalate
    CORRECT_OTHERS_TIME = "hours.correct_others_time"  # correct or delete anyone's time entry
    RECORD_PURCHASE = "hours.add_purchase"  # hours a customer bought, on the contract page
    EDIT_ROUTING_RULES = "routing.change_routingrule"  # create, change, reorder, delete rules
    USE_ADMIN_SITE = "admin.use_admin_site"  # /admin/: configuration, for admins and operators
    INVITE_STAFF = "accounts.invite_staff"  # invite agents and managers (set-your-password)
    ANONYMIZE_TICKETS = "tickets.anonymize_ticket"  # remove a ticket's personal data for good
    MANAGE_SETTINGS = "manage.change_settings"  # /manage/: calendars, plans, contracts
    READ_AUDIT_LOG = "manage.view_auditentry"  # /manage/audit/: who changed which setting
    WRITE_ARTICLES = "knowledge.write_articles"  # draft and edit articles, send for review
    REVIEW_ARTICLES = "knowledge.review_articles"  # publish or send back an article in review
    PUBLISH_ARTICLES = "knowledge.publish_articles"  # publish a draft without a review
    RUN_INCIDENTS = "incidents.run_incidents"  # open, qualify, update, resolve; link tickets
    APPROVE_POSTMORTEMS = "incidents.approve_postmortems"  # approve and send a post-mortem
    MANAGE_SERVICES = "incidents.manage_services"  # services, deployments, severities, roles
    SHARE_MACROS = "workspace.share_macros"  # macros, views for every agent or any team
    CURATE_LEARNING = "learning.curate_paths"  # learning paths, enrolments, shadow mode
    PLAN_STAFFING = "forecasting.plan_staffing"  # the forecast, staffing and short shifts
    VIEW_DASHBOARD = "workspace.view_dashboard"  # /desk/dashboard/: the desk now and its trends
    API_READ = "api.read"  # scopes a token of this role may carry
    API_WRITE = "api.write"
    API_ADMIN = "api.admin"


def _model(label: str, *actions: str) -> set[str]:
    app, model = label.split(".")
    return {f"{app}.{action}_{model}" for action in actions}


def _models(labels: list[str], *actions: str) -> set[str]:
    return set().union(*(_model(label, *actions) for label in labels))


# Tickets, messages, history, estimates, time entries and clocks are changed only through
# the desk, the portal and the API (their services write the history): the admin shows them.
RECORDS = [
    "tickets.ticket",
    "tickets.ticketevent",
    "estimates.estimate",
    "hours.timeentry",
    "hours.bankalert",
]
CONFIGURATION = [
    "plans.plan",
    "plans.planversion",
    "plans.plancoverage",
    "plans.responsetarget",
    "plans.contract",
    "sla.calendar",
    "routing.team",
    "routing.queue",
    "routing.agentprofile",
    "routing.routingrule",
    "customers.organization",
    "customers.contact",
    "accounts.user",
    "mailboxes.mailbox",
    "tickets.customfield",
    "incidents.service",
    "incidents.deployment",
    "incidents.severitypolicy",
    "incidents.roleassignment",
    "incidents.messagetemplate",
    "incidents.alertoptin",
]
# Deleting these loses nothing that a ticket's history refers to.
# (a plan version while it is a draft: the admin refuses a published one)
DELETABLE = [
    "plans.planversion",
    "plans.plancoverage",
    "plans.responsetarget",
    "routing.routingrule",
    "incidents.deployment",
    "incidents.roleassignment",
    "incidents.alertoptin",
]

CUSTOMER = {Perm.OPEN_TICKETS, Perm.API_READ, Perm.API_WRITE}
AGENT = {
    Perm.WORK_TICKETS,
    Perm.WRITE_ARTICLES,
    Perm.RUN_INCIDENTS,
    Perm.API_READ,
    Perm.API_WRITE,
}
TEAM_LEAD = AGENT | {
    Perm.CORRECT_OTHERS_TIME,
    Perm.REVIEW_ARTICLES,
    Perm.APPROVE_POSTMORTEMS,
    Perm.SHARE_MACROS,
    Perm.PLAN_STAFFING,
    Perm.VIEW_DASHBOARD,
}
MANAGER = TEAM_LEAD | {
    Perm.RECORD_PURCHASE,
    Perm.EDIT_ROUTING_RULES,
    Perm.INVITE_STAFF,
    Perm.PUBLISH_ARTICLES,
    Perm.API_ADMIN,
    Perm.MANAGE_SETTINGS,
    Perm.READ_AUDIT_LOG,
    Perm.MANAGE_SERVICES,
    Perm.CURATE_LEARNING,
}
ADMINISTRATOR = (
    MANAGER
    | {Perm.USE_ADMIN_SITE, Perm.ANONYMIZE_TICKETS}
    | _models(RECORDS + CONFIGURATION + ["accounts.apitoken"], "view")
    | _models(CONFIGURATION, "add", "change")
    | _models(DELETABLE, "delete")
    | _model("hours.purchase", "view", "add")
    | _model("accounts.apitoken", "change")  # revoke, never edit
)
OPERATOR = (
    {Perm.USE_ADMIN_SITE, Perm.API_READ, Perm.ANONYMIZE_TICKETS}
    | _model("mailboxes.mailbox", "view", "add", "change")
    | _models(["accounts.user", "accounts.apitoken", "sla.calendar"], "view")
)

PERMISSIONS: dict[str, frozenset[str]] = {
    Role.CUSTOMER: frozenset(CUSTOMER),
    Role.AGENT: frozenset(AGENT),
    Role.TEAM_LEAD: frozenset(TEAM_LEAD),
    Role.MANAGER: frozenset(MANAGER),
    Role.ADMIN: frozenset(ADMINISTRATOR),
    Role.OPERATOR: frozenset(OPERATOR),
}

# Everyone who works tickets (the desk, queues, assignment): derived, never listed twice.
STAFF_ROLES = tuple(role for role in Role if Perm.WORK_TICKETS in PERMISSIONS[role])


def permissions_of(role: str) -> frozenset[str]:
    """What a user of this role may do; an unknown role may do nothing."""
    return PERMISSIONS.get(role, frozenset())


def lacks_admin_scope(user: "HasRoleAndScopes") -> bool:
    """The user acts through a token without the `admin` scope that their role may hold,
    so they may do less than they could in the browser."""
    scopes = user.token_scopes
    return (
        scopes is not None and "admin" not in scopes and Perm.API_ADMIN in permissions_of(user.role)
    )
