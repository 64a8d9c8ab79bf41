from django.urls import path

from . import (
    agent_views,
    audit_views,
    calendar_views,
    contract_views,
    mailbox_views,
    plan_views,
    team_views,
    views,
)

app_name = "manage"
urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", audit_views.audit_log, name="audit"),
    path("calendars/", calendar_views.calendar_list, name="calendars"),
    path("calendars/new", calendar_views.calendar_new, name="calendar_new"),
    path("calendars/<int:calendar_id>/", calendar_views.calendar_edit, name="calendar"),
    path("plans/", plan_views.plan_list, name="plans"),
    path("plans/<int:plan_id>/", plan_views.plan_edit, name="plan"),
    path("plans/<int:plan_id>/publish", plan_views.plan_publish_view, name="plan_publish"),
    path("mailboxes/", mailbox_views.mailbox_list, name="mailboxes"),
    path("mailboxes/new", mailbox_views.mailbox_new, name="mailbox_new"),
    path("mailboxes/<int:mailbox_id>/", mailbox_views.mailbox_edit, name="mailbox"),
    path("mailboxes/test", mailbox_views.mailbox_test_unsaved, name="mailbox_test_new"),
    path("mailboxes/<int:mailbox_id>/test", mailbox_views.mailbox_test, name="mailbox_test"),
    path("agents/", agent_views.agent_list, name="agents"),
    path("agents/invite", agent_views.agent_new, name="agent_new"),
    path("agents/<int:agent_id>/", agent_views.agent_edit, name="agent"),
    path(
        "agents/<int:agent_id>/deactivate",
        agent_views.agent_deactivate_view,
        name="agent_deactivate",
    ),
    path(
        "agents/<int:agent_id>/reactivate",
        agent_views.agent_reactivate_view,
        name="agent_reactivate",
    ),
    path("teams/", team_views.team_list, name="teams"),
    path("teams/new", team_views.team_new, name="team_new"),
    path("teams/<int:team_id>/", team_views.team_edit, name="team"),
    path("contracts/", contract_views.contract_list, name="contracts"),
    path("contracts/new", contract_views.contract_new, name="contract_new"),
    path("contracts/<int:contract_id>/", contract_views.contract_edit, name="contract"),
    path(
        "contracts/<int:contract_id>/renew",
        contract_views.contract_renew_view,
        name="contract_renew",
    ),
]
