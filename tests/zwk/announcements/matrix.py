"""Permission matrix of the Mitteilungen: writing and sending is the office's; marking a
notice as read is for the coordinators and team members of a recipient Kommune."""

from tests.zwk.permissions import Case, office_only, tenant

DRAFT = {"ann_draft": "pk"}
SENT = {"ann_sent": "pk"}

MATRIX = {
    "announcements:list": Case("get", office_only(200)),
    "announcements:create": Case("get", office_only(200)),
    "announcements:detail": Case("get", office_only(200), ("ann_sent",), rename=SENT),
    "announcements:edit": Case("get", office_only(200), ("ann_draft",), rename=DRAFT),
    "announcements:send": Case("get", office_only(200), ("ann_draft",), rename=DRAFT),
    "announcements:delete": Case("get", office_only(200), ("ann_draft",), rename=DRAFT),
    "announcements:dismiss": Case(
        "post",
        tenant(302, consultant=403, office=403),
        ("slug", "ann_sent"),
        rename=SENT,
    ),
}


def build(world):
    from zwk.announcements import services

    office = world["users"]["office"]
    data = {"subject": "Matrix", "body": "Text", "audience": "all"}
    if world.get("suffix"):  # the IDOR sweep's other Kommune: addressed to it alone
        data |= {
            "audience": "selection",
            "criteria": {"municipalities": [world["municipality"].pk]},
        }
    draft = services.announcement_create(by=office, data=data)
    sent = services.announcement_create(by=office, data=data)
    services.announcement_send(announcement=sent, by=office)
    return {"ann_draft": draft.pk, "ann_sent": sent.pk}
