from tests.zwk.permissions import Case, office_only

MATRIX = {
    "office:dashboard": Case("get", office_only(200)),
    "office:invite": Case("get", office_only(200)),
    "office:checklist_templates": Case("get", office_only(200)),
    "office:checklist_template_edit": Case(
        "get", office_only(200), ("template_item",), rename={"template_item": "pk"}
    ),
    "office:audit_log": Case("get", office_only(200)),
}


def build(world):
    from zwk.municipalities.models import ChecklistTemplateItem

    return {"template_item": ChecklistTemplateItem.objects.first().pk}
