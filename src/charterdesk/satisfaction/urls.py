from django.urls import path

from . import views

app_name = "satisfaction"
urlpatterns = [
    path("survey/<str:token>", views.answer, name="answer"),
    path("portal/tickets/<int:ticket_id>/survey", views.portal_answer, name="portal_answer"),
    path("desk/reports/satisfaction", views.report, name="report"),
]
