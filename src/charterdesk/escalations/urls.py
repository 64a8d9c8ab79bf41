from django.urls import path

from . import views

app_name = "escalations"
urlpatterns = [
    path("desk/tickets/<int:ticket_id>/escalate", views.escalate, name="escalate"),
    path("desk/tickets/<int:ticket_id>/de-escalate", views.de_escalate, name="de_escalate"),
    path("desk/escalation-requests", views.request_list, name="requests"),
    path("desk/escalation-requests/<int:request_id>", views.answer, name="answer"),
    path("portal/tickets/<int:ticket_id>/escalate", views.request_new, name="request"),
    path("desk/reports/swarming", views.swarm_report, name="swarm_report"),
]
