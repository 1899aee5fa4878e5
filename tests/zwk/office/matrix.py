from tests.zwk.permissions import Case, office_only

MATRIX = {
    "office:dashboard": Case("get", office_only(200)),
    "office:invite": Case("get", office_only(200)),
    "office:checklist_templates": Case("get", office_only(200)),
    "office:checklist_template_edit": Case(
        "get", office_only(200), ("template_item",), rename={"template_item": "pk"}
    ),
    "office:audit_log": Case("get", office_only(200)),
    "office:map": Case("get", office_only(200)),
    "office:recipients": Case(
        "get", office_only(200), ("announcement",), rename={"announcement": "pk"}
    ),
    "office:land_gemeinden": Case("get", office_only(200), data={"land": "10"}),
    "office:land_gemeinden_csv": Case("get", office_only(200), data={"land": "10"}),
    "office:land_gemeinden_xlsx": Case("get", office_only(200), data={"land": "10"}),
    "office:reports": Case("get", office_only(200)),
    "office:report_pdf": Case(
        "get", office_only(200), data={"von": "2026-01-01", "bis": "2026-03-31"}
    ),
    "office:report_xlsx": Case(
        "get", office_only(200), data={"von": "2026-01-01", "bis": "2026-03-31"}
    ),
}


def build(world):
    from zwk.announcements.models import Announcement
    from zwk.municipalities.models import ChecklistTemplateItem

    draft = Announcement.objects.create(subject="Entwurf", body="Text")
    return {"template_item": ChecklistTemplateItem.objects.first().pk, "announcement": draft.pk}
