from django.urls import path

from . import views

app_name = "estimates"
urlpatterns = [
    path("desk/tickets/<int:ticket_id>/estimates", views.estimate_new, name="new"),
    path("desk/estimates/<int:estimate_id>/withdraw", views.estimate_withdraw, name="withdraw"),
    path("portal/estimates/<int:estimate_id>/decide", views.portal_decide, name="portal_decide"),
    path("estimate/<str:token>", views.decide, name="decide"),
]
