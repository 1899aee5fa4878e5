from django.urls import path

from zwk.profiles import views, views_kreis

app_name = "profiles"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("szenario/", views.scenario, name="scenario"),
    path("daten.xlsx", views.export_xlsx, name="export_xlsx"),
    path("daten/<slug:table>.csv", views.export_csv, name="export_csv"),
    path("bericht.pdf", views.report_pdf, name="report_pdf"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:job>/", views.import_job, name="import_job"),
    path("import/<int:job>/fortschritt/", views.import_progress, name="import_progress"),
    path("import/<int:job>/erneut/", views.import_retry, name="import_retry"),
    path(
        "lieferungen/<int:release>/zurueckziehen/",
        views.release_withdraw,
        name="release_withdraw",
    ),
    path("veroeffentlichen/", views.publish, name="publish"),
    path("gebiet/", views.register_area, name="register_area"),
    path("gemeinden/", views_kreis.gemeinden, name="kreis_gemeinden"),
    path("gemeinden/gemeinden.csv", views_kreis.gemeinden_csv, name="kreis_csv"),
    path("gemeinden/gemeinden.xlsx", views_kreis.gemeinden_xlsx, name="kreis_xlsx"),
]
