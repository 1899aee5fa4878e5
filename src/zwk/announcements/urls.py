"""Mitteilungen: the office's pages under /geschaeftsstelle/mitteilungen/ and the Kommune's
"Gelesen" button under /kommunen/<slug>/mitteilungen/ (included at the project root)."""

from django.urls import path

from zwk.announcements import views

app_name = "announcements"

office = "geschaeftsstelle/mitteilungen/"

urlpatterns = [
    path(office, views.announcement_list, name="list"),
    path(office + "neu/", views.announcement_create, name="create"),
    path(office + "<int:pk>/", views.announcement_detail, name="detail"),
    path(office + "<int:pk>/bearbeiten/", views.announcement_edit, name="edit"),
    path(office + "<int:pk>/senden/", views.announcement_send, name="send"),
    path(office + "<int:pk>/loeschen/", views.announcement_delete, name="delete"),
    path(
        "kommunen/<slug:slug>/mitteilungen/<int:pk>/gelesen/",
        views.notice_dismiss,
        name="dismiss",
    ),
]
