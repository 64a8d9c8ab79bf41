"""Writes of the incident process, one module per step (`<entity>_<verb>`; the caller owns
the transaction)."""

from .catalog import deployment_create, deployment_delete, service_create
from .lifecycle import alert_due, incident_alert, incident_open, incident_qualify
from .linking import incidents_named, link_note, new_ticket_link, ticket_link, ticket_unlink
from .postmortems import (
    action_add,
    action_done,
    postmortem_approve,
    postmortem_open,
    postmortem_save,
    postmortem_send,
)
from .steering import incident_role_set, incident_scope_add
from .updates import incident_post_update, incident_resolve

__all__ = [
    "action_add",
    "action_done",
    "alert_due",
    "deployment_create",
    "deployment_delete",
    "incident_alert",
    "incident_open",
    "incident_post_update",
    "incident_qualify",
    "incident_resolve",
    "incident_role_set",
    "incident_scope_add",
    "incidents_named",
    "link_note",
    "new_ticket_link",
    "postmortem_approve",
    "postmortem_open",
    "postmortem_save",
    "postmortem_send",
    "service_create",
    "ticket_link",
    "ticket_unlink",
]
