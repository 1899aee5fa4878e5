from django.urls import path

from zwk.accounts import security_views, views

app_name = "accounts"

urlpatterns = [
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("abmelden/", views.LogoutView.as_view(), name="logout"),
    path("anmelden/code/", security_views.login_verify, name="login_verify"),
    path("konto/", views.account, name="account"),
    path("konto/zwei-faktor/", security_views.two_factor_page, name="two_factor"),
    path(
        "konto/zwei-faktor/backup-codes/",
        security_views.backup_codes_renew,
        name="two_factor_backup_codes",
    ),
    path(
        "konto/zwei-faktor/ausschalten/",
        security_views.two_factor_disable,
        name="two_factor_disable",
    ),
    path("konto/sitzungen/", security_views.session_list, name="sessions"),
    path(
        "konto/sitzungen/andere-abmelden/",
        security_views.sessions_end_others,
        name="sessions_end_others",
    ),
    path("konto/sitzungen/<int:pk>/abmelden/", security_views.session_end, name="session_end"),
    path("konto/passwort/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "konto/passwort/geaendert/",
        views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("passwort-vergessen/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "passwort-vergessen/gesendet/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "passwort-neu/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "passwort-neu/fertig/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
