from django.urls import path

from zwk.network import views

app_name = "network"

d = "diskussion/"
post = d + "beitraege/<int:pk>/"
thread = d + "<slug:theme>/<int:pk>/"

urlpatterns = [
    path("", views.index, name="index"),
    path(d, views.themes, name="themes"),
    path(d + "abonnements/", views.subscriptions, name="subscriptions"),
    path(d + "moderation/", views.reports, name="reports"),
    path(d + "moderation/<int:pk>/erledigt/", views.report_dismiss, name="report_dismiss"),
    path(post + "bearbeiten/", views.post_edit, name="post_edit"),
    path(post + "loeschen/", views.post_delete, name="post_delete"),
    path(post + "melden/", views.post_report, name="post_report"),
    path(post + "ausblenden/", views.post_hide, name="post_hide"),
    path(post + "einblenden/", views.post_show, name="post_show"),
    path(d + "<slug:theme>/", views.theme, name="theme"),
    path(d + "<slug:theme>/neu/", views.thread_create, name="thread_create"),
    path(d + "<slug:theme>/abonnieren/", views.theme_subscribe, name="theme_subscribe"),
    path(thread, views.thread, name="thread"),
    path(thread + "abonnieren/", views.thread_subscribe, name="thread_subscribe"),
    path(thread + "sperren/", views.thread_lock, name="thread_lock"),
    path("<slug:slug>/", views.related, name="related"),
    path("<slug:slug>/kontakt/", views.contact, name="contact"),
    path("<slug:slug>/nachrichten/", views.inbox, name="inbox"),
    path("<slug:slug>/nachrichten/<int:pk>/", views.conversation, name="conversation"),
]
