from django.urls import path

from . import (
    agent_views,
    audit_views,
    calendar_views,
    contact_views,
    contract_views,
    custom_field_views,
    deployment_views,
    domain_views,
    import_views,
    mailbox_views,
    organization_views,
    plan_version_views,
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
    path(
        "plans/<int:plan_id>/versions/new",
        plan_version_views.plan_version_new,
        name="plan_version_new",
    ),
    path(
        "plans/<int:plan_id>/versions/<int:number>/",
        plan_version_views.plan_version_edit,
        name="plan_version",
    ),
    path(
        "plans/<int:plan_id>/versions/<int:number>/publish",
        plan_version_views.plan_version_publish_view,
        name="plan_version_publish",
    ),
    path(
        "plans/<int:plan_id>/versions/<int:number>/discard",
        plan_version_views.plan_version_discard_view,
        name="plan_version_discard",
    ),
    path("mailboxes/", mailbox_views.mailbox_list, name="mailboxes"),
    path("mailboxes/new", mailbox_views.mailbox_new, name="mailbox_new"),
    path("mailboxes/<int:mailbox_id>/", mailbox_views.mailbox_edit, name="mailbox"),
    path("mailboxes/test", mailbox_views.mailbox_test_unsaved, name="mailbox_test_new"),
    path("mailboxes/<int:mailbox_id>/test", mailbox_views.mailbox_test, name="mailbox_test"),
    path("organizations/", organization_views.organization_list, name="organizations"),
    path("organizations/new", organization_views.organization_new, name="organization_new"),
    path(
        "organizations/<int:organization_id>/",
        organization_views.organization_edit,
        name="organization",
    ),
    path(
        "organizations/<int:organization_id>/domains",
        domain_views.domain_add,
        name="domain_add",
    ),
    path(
        "organizations/<int:organization_id>/contacts/new",
        contact_views.contact_new,
        name="contact_new",
    ),
    path("organizations/import/", import_views.import_upload, name="organization_import"),
    path(
        "organizations/import/template.csv",
        import_views.import_template,
        name="organization_import_template",
    ),
    path(
        "organizations/<int:organization_id>/deployments",
        deployment_views.deployment_add,
        name="deployment_add",
    ),
    path(
        "deployments/<int:deployment_id>/remove",
        deployment_views.deployment_remove,
        name="deployment_remove",
    ),
    path("domains/<int:domain_id>/", domain_views.domain_page, name="domain"),
    path("domains/<int:domain_id>/check", domain_views.domain_check, name="domain_check"),
    path("domains/<int:domain_id>/mail", domain_views.domain_mail, name="domain_mail"),
    path("domains/<int:domain_id>/remove", domain_views.domain_remove, name="domain_remove"),
    path("domains/confirm/<str:token>", domain_views.domain_confirm, name="domain_confirm"),
    path("contacts/<int:contact_id>/", contact_views.contact_edit, name="contact"),
    path(
        "contacts/<int:contact_id>/deactivate",
        contact_views.contact_deactivate_view,
        name="contact_deactivate",
    ),
    path(
        "contacts/<int:contact_id>/reactivate",
        contact_views.contact_reactivate_view,
        name="contact_reactivate",
    ),
    path(
        "contacts/<int:contact_id>/invite", contact_views.contact_invite_view, name="contact_invite"
    ),
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
    path("custom-fields/", custom_field_views.custom_field_list, name="custom_fields"),
    path("custom-fields/new", custom_field_views.custom_field_new, name="custom_field_new"),
    path(
        "custom-fields/<int:field_id>/", custom_field_views.custom_field_edit, name="custom_field"
    ),
    path(
        "custom-fields/<int:field_id>/deactivate",
        custom_field_views.custom_field_deactivate,
        name="custom_field_deactivate",
    ),
    path(
        "custom-fields/<int:field_id>/reactivate",
        custom_field_views.custom_field_reactivate,
        name="custom_field_reactivate",
    ),
    path("contracts/", contract_views.contract_list, name="contracts"),
    path("contracts/new", contract_views.contract_new, name="contract_new"),
    path("contracts/<int:contract_id>/", contract_views.contract_edit, name="contract"),
    path(
        "contracts/<int:contract_id>/renew",
        contract_views.contract_renew_view,
        name="contract_renew",
    ),
]
