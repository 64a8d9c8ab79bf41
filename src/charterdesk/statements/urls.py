from django.urls import path

from . import views

app_name = "statements"
urlpatterns = [
    path("desk/statements", views.contract_list, {"area": "desk"}, name="desk_list"),
    path(
        "desk/statements/<int:contract_id>",
        views.statement_page,
        {"area": "desk"},
        name="desk_statement",
    ),
    path(
        "desk/statements/<int:contract_id>/csv",
        views.statement_csv,
        {"area": "desk"},
        name="desk_csv",
    ),
    path(
        "desk/statements/<int:contract_id>/pdf",
        views.statement_pdf,
        {"area": "desk"},
        name="desk_pdf",
    ),
    path("portal/statements", views.contract_list, {"area": "portal"}, name="portal_list"),
    path(
        "portal/statements/<int:contract_id>",
        views.statement_page,
        {"area": "portal"},
        name="portal_statement",
    ),
    path(
        "portal/statements/<int:contract_id>/csv",
        views.statement_csv,
        {"area": "portal"},
        name="portal_csv",
    ),
    path(
        "portal/statements/<int:contract_id>/pdf",
        views.statement_pdf,
        {"area": "portal"},
        name="portal_pdf",
    ),
]
