from django.urls import path

from . import views

app_name = "forecasting"
urlpatterns = [
    path("desk/forecast/", views.forecast, name="forecast"),
    path("desk/forecast/compute", views.compute, name="compute"),
    path("desk/forecast/queues/<int:queue_id>/staffing", views.staffing_save, name="staffing"),
    path("desk/forecast/peaks", views.peak_add, name="peak_add"),
    path("desk/forecast/peaks/<int:peak_id>/delete", views.peak_delete, name="peak_delete"),
]
