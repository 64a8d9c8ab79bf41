from django.urls import path

from . import invitation_views, passwords, token_views, two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("sessions/<int:session_id>/sign-out", views.session_end, name="session_end"),
    path("sign-out-everywhere", views.sign_out_all, name="sign_out_everywhere"),
    path("password/", passwords.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", passwords.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        passwords.PasswordResetSentView.as_view(),
        name="password_reset_sent",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        passwords.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        passwords.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("sign-in/second-step", two_factor_views.second_step, name="second_step"),
    path("two-factor/setup", two_factor_views.setup, name="two_factor_setup"),
    path("two-factor/recovery-codes", two_factor_views.recovery_codes, name="recovery_codes"),
    path("two-factor/disable", two_factor_views.disable, name="two_factor_disable"),
    path("invitation/<str:token>/", invitation_views.accept, name="invitation_accept"),
    path("invitations/", invitation_views.invitations, name="invitations"),
    path("tokens/", token_views.token_list, name="tokens"),
    path("tokens/<int:token_id>/revoke", token_views.token_revoke_view, name="token_revoke"),
]
