from django.urls import path

from . import views

app_name = "triage"
urlpatterns = [
    path("desk/triage/", views.triage_list, name="list"),
    path("desk/triage/<int:ticket_id>", views.triage_pick, name="pick"),
    path("desk/triage/model", views.model_page, name="model"),
    path("desk/triage/model/train", views.model_train, name="train"),
]
