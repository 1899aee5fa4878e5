from django.urls import path

from zwk.toolbox import views

app_name = "toolbox"

e = "<slug:entry>/"

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("feed/", views.entry_feed, name="feed"),
    path("merkliste/", views.bookmarks, name="bookmarks"),
    path("pruefen/", views.review_queue, name="review"),
    path("neu/", views.entry_create, name="create"),
    path("kommune/<slug:slug>/einreichen/", views.submit, name="submit"),
    path(e, views.entry_detail, name="detail"),
    path(e + "bearbeiten/", views.entry_edit, name="edit"),
    path(e + "status/", views.entry_transition, name="transition"),
    path(e + "pdf/", views.entry_pdf, name="pdf"),
    path(e + "versionen/", views.history, name="history"),
    path(e + "versionen/<int:number>/", views.version_diff, name="version"),
    path(e + "bewerten/", views.rate, name="rate"),
    path(e + "merken/", views.bookmark, name="bookmark"),
    path(e + "material/neu/", views.material_upload, name="material_upload"),
    path(e + "material/<int:pk>/", views.material_download, name="material"),
    path(e + "material/<int:pk>/loeschen/", views.material_delete, name="material_delete"),
]
