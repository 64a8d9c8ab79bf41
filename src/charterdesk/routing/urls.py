from django.urls import path

from . import views

app_name = "routing"
urlpatterns = [
    path("desk/routing/rules", views.rule_list, name="rules"),
    path("desk/routing/rules/new", views.rule_new, name="rule_new"),
    path("desk/routing/rules/<int:rule_id>", views.rule_edit, name="rule_edit"),
    path("desk/routing/rules/<int:rule_id>/move", views.rule_move, name="rule_move"),
    path("desk/routing/rules/<int:rule_id>/toggle", views.rule_toggle, name="rule_toggle"),
    path("desk/routing/rules/<int:rule_id>/delete", views.rule_delete, name="rule_delete"),
    path("desk/availability", views.availability, name="availability"),
    path("desk/agents", views.agents, name="agents"),
]
