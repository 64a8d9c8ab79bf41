from django.urls import path

from . import curate_views, draft_views, views

app_name = "learning"
urlpatterns = [
    path("desk/learning/", views.my_learning, name="mine"),
    path("desk/learning/paths/<int:path_id>/", views.path_page, name="path"),
    path("desk/learning/items/<int:item_id>/", views.item_page, name="item"),
    path("desk/learning/items/<int:item_id>/done", views.item_mark_done, name="done"),
    path("desk/learning/drafts/", draft_views.review_queue, name="drafts"),
    path("desk/learning/drafts/<int:draft_id>/approve", draft_views.approve, name="approve"),
    path("desk/learning/drafts/<int:draft_id>/return", draft_views.send_back, name="return"),
    path("desk/learning/curate/", curate_views.path_list, name="curate_list"),
    path("desk/learning/curate/<int:path_id>/", curate_views.curate, name="curate"),
    path("desk/learning/curate/<int:path_id>/items", curate_views.item_add, name="item_add"),
    path("desk/learning/curate/<int:path_id>/enroll", curate_views.enroll, name="enroll"),
    path("desk/learning/curate/<int:path_id>/progress", curate_views.progress, name="progress"),
    path(
        "desk/learning/curate/items/<int:item_id>/<str:action>",
        curate_views.item_change,
        name="item_change",
    ),
    path("desk/learning/shadow/", curate_views.shadowing, name="shadowing"),
    path(
        "desk/learning/shadow/<int:shadowing_id>/end",
        curate_views.shadowing_end,
        name="shadowing_end",
    ),
]
