"""Permission matrix of the privacy pages: legal texts public, own data for everyone logged in,
the register and requests of other people for the office only."""

from tests.factories import UserFactory
from tests.zwk.permissions import Case, everyone, logged_in, office_only
from zwk.privacy.models import AccessibilityFeedback

MATRIX = {
    "privacy:notice": Case("get", everyone(200)),
    "imprint": Case("get", everyone(200)),
    "privacy:my_data": Case("get", logged_in(200)),
    "privacy:my_data_json": Case("get", logged_in(200)),
    "privacy:erase_account": Case("post", logged_in(400)),
    "privacy:legal_edit": Case("get", office_only(200), ("kind",)),
    "privacy:register": Case("get", office_only(200)),
    "privacy:register_csv": Case("get", office_only(200)),
    "privacy:requests": Case("get", office_only(200)),
    "privacy:person_export": Case("get", office_only(200), ("person",), rename={"person": "pk"}),
    "privacy:person_erase": Case("get", office_only(200), ("person",), rename={"person": "pk"}),
    # Barrierefreiheit (BITV 2.0): public statement, feedback and information pages; the
    # feedback received is for the office.
    "accessibility:statement": Case("get", everyone(200)),
    "accessibility:feedback_done": Case("get", everyone(200)),
    "accessibility:easy_language": Case("get", everyone(200)),
    "accessibility:sign_language": Case("get", everyone(200)),
    "accessibility:feedback_list": Case("get", office_only(200)),
    "accessibility:feedback_mark_done": Case(
        "post", office_only(302), ("feedback",), rename={"feedback": "pk"}
    ),
}


def build(world):
    feedback = AccessibilityFeedback.objects.create(message="Kontrast zu schwach")
    return {
        "kind": "privacy",
        "person": UserFactory(username="auskunft-person" + world.get("suffix", "")).pk,
        "feedback": feedback.pk,
    }
