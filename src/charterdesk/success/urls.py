from django.urls import path

from . import account_views, playbook_edit_views, playbook_views, run_views

app_name = "success"
urlpatterns = [
    path("desk/accounts/", account_views.account_list, name="accounts"),
    path("desk/accounts/<int:organization_id>/", account_views.account_detail, name="account"),
    path(
        "desk/accounts/<int:organization_id>/reviews", account_views.review_new, name="new_review"
    ),
    path(
        "desk/accounts/<int:organization_id>/cadence",
        account_views.account_cadence,
        name="cadence",
    ),
    path("desk/reviews/<int:review_id>/", account_views.review_detail, name="review"),
    path("desk/reviews/<int:review_id>/agenda", account_views.review_agenda, name="agenda"),
    path("desk/reviews/<int:review_id>/hold", account_views.review_hold, name="hold_review"),
    path("desk/playbooks/", playbook_views.playbook_list, name="playbooks"),
    path("desk/playbooks/new", playbook_edit_views.playbook_new, name="new_playbook"),
    path("desk/playbooks/<int:playbook_id>/", playbook_views.playbook_detail, name="playbook"),
    path(
        "desk/playbooks/<int:playbook_id>/edit",
        playbook_edit_views.playbook_edit,
        name="edit_playbook",
    ),
    path(
        "desk/playbooks/<int:playbook_id>/publish",
        playbook_edit_views.playbook_publish,
        name="publish_playbook",
    ),
    path(
        "desk/playbooks/<int:playbook_id>/archive",
        playbook_edit_views.playbook_archive,
        name="archive_playbook",
    ),
    path(
        "desk/playbooks/<int:playbook_id>/default",
        playbook_edit_views.playbook_make_default,
        name="default_playbook",
    ),
    path(
        "desk/playbooks/<int:playbook_id>/restore",
        playbook_edit_views.playbook_restore,
        name="restore_playbook",
    ),
    path("desk/playbooks/<int:playbook_id>/lessons", playbook_views.lesson_add, name="lesson"),
    path("desk/playbooks/<int:playbook_id>/runs", playbook_views.run_new, name="new_run"),
    path("desk/playbook-runs/<int:run_id>/", run_views.run_detail, name="run"),
    path(
        "desk/playbook-runs/<int:run_id>/tasks/<int:task_id>/finish",
        run_views.task_finish,
        name="finish_task",
    ),
    path(
        "desk/playbook-runs/<int:run_id>/tasks/<int:task_id>/mail",
        run_views.task_mail,
        name="task_mail",
    ),
]
