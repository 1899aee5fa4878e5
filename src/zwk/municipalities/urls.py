from django.urls import path

from zwk.municipalities import step_views, views

app_name = "municipalities"

step = "<slug:slug>/schritte/<slug:step>/"

urlpatterns = [
    path("", views.municipality_list, name="list"),
    path("neu/", views.municipality_create, name="create"),
    path("<slug:slug>/", views.workspace, name="workspace"),
    path("<slug:slug>/bearbeiten/", views.municipality_edit, name="edit"),
    path("<slug:slug>/aktivitaet/", views.activity, name="activity"),
    path("<slug:slug>/logo/", views.logo, name="logo"),
    path("<slug:slug>/team/", views.team, name="team"),
    path("<slug:slug>/team/einladen/", views.team_invite, name="team_invite"),
    path("<slug:slug>/team/beratung/", views.consultant_assign, name="consultant_assign"),
    path(
        "<slug:slug>/team/einladungen/<int:pk>/zurueckziehen/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<slug:slug>/team/<int:pk>/", views.membership_edit, name="membership_edit"),
    path("<slug:slug>/team/<int:pk>/entfernen/", views.membership_remove, name="membership_remove"),
    path(
        "<slug:slug>/schritte/kickoff/vereinbarung/",
        step_views.kickoff_agreement,
        name="kickoff_agreement",
    ),
    path(
        "<slug:slug>/schritte/kickoff/akteure/neu/",
        step_views.kickoff_actor_add,
        name="kickoff_actor_add",
    ),
    path(
        "<slug:slug>/schritte/kickoff/akteure/<int:pk>/entfernen/",
        step_views.kickoff_actor_remove,
        name="kickoff_actor_remove",
    ),
    path(step, step_views.step_detail, name="step"),
    path(step + "bearbeiten/", step_views.step_edit, name="step_edit"),
    path(step + "notizen/", step_views.step_notes, name="step_notes"),
    path(step + "checkliste/neu/", step_views.checklist_add, name="checklist_add"),
    path(step + "checkliste/<int:item>/", step_views.checklist_toggle, name="checklist_toggle"),
    path(
        step + "checkliste/<int:item>/loeschen/",
        step_views.checklist_delete,
        name="checklist_delete",
    ),
    path(step + "dokumente/neu/", step_views.document_upload, name="document_upload"),
    path(step + "dokumente/<int:pk>/", step_views.document_download, name="document_download"),
    path(step + "dokumente/<int:pk>/loeschen/", step_views.document_delete, name="document_delete"),
    path(step + "vorlagen/<slug:name>/", step_views.template_download, name="template_download"),
]
