"""The office area: overview, checklist templates, audit log filters."""

import pytest
from django.urls import reverse

from zwk.accounts.models import AuditEntry
from zwk.municipalities import services
from zwk.municipalities.models import ChecklistItem, ChecklistTemplateItem

pytestmark = pytest.mark.django_db


def test_dashboard_lists_every_municipality_with_step_status(
    client_for, office_user, municipality, other_municipality, coordinator
):
    services.step_update(
        step=municipality.steps.get(kind="kickoff"),
        by=coordinator,
        data={"status": "done", "confirm_incomplete": True},
    )
    html = client_for(office_user).get(reverse("office:dashboard")).content.decode()
    assert municipality.name in html and other_municipality.name in html
    assert "abgeschlossen" in html and "2 Kommunen im Programm" in html


def test_new_checklist_template_reaches_all_municipalities(
    client_for, office_user, municipality, other_municipality
):
    response = client_for(office_user).post(
        reverse("office:checklist_templates"),
        {"step_kind": "review", "text": "Presse einladen", "order": 60, "active": "on"},
    )
    assert response.status_code == 302
    assert ChecklistItem.objects.filter(text="Presse einladen").count() == 2


def test_checklist_template_form_rejects_empty_text(client_for, office_user):
    before = ChecklistTemplateItem.objects.count()
    response = client_for(office_user).post(
        reverse("office:checklist_templates"), {"step_kind": "review", "text": "", "order": 1}
    )
    assert response.status_code == 400
    assert ChecklistTemplateItem.objects.count() == before


def test_audit_log_filters_security_events(client_for, office_user, municipality, coordinator):
    services.checklist_item_add(
        step=municipality.steps.first(), text="Inhaltliche Änderung", by=coordinator
    )
    AuditEntry.objects.create(
        action="auth.login_failed", message="Fehlgeschlagene Anmeldung für „x“", security=True
    )
    client = client_for(office_user)
    html = client.get(reverse("office:audit_log"), {"security": "1"}).content.decode()
    assert "Fehlgeschlagene Anmeldung" in html and "Inhaltliche Änderung" not in html
    html = client.get(reverse("office:audit_log"), {"q": "Inhaltliche"}).content.decode()
    assert "Inhaltliche Änderung" in html and "Fehlgeschlagene" not in html
