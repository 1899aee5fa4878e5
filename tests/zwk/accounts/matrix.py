from tests.factories import UserFactory
from tests.zwk.permissions import Case, everyone, logged_in
from zwk.accounts.models import UserSession

MATRIX = {
    "accounts:login": Case("get", {**everyone(302), "anonymous": 200}),
    "accounts:logout": Case("post", everyone(302)),
    "accounts:account": Case("get", logged_in(200)),
    "accounts:password_change": Case("get", logged_in(200)),
    "accounts:password_change_done": Case("get", logged_in(200)),
    "accounts:password_reset": Case("get", everyone(200)),
    "accounts:password_reset_done": Case("get", everyone(200)),
    "accounts:password_reset_confirm": Case("get", everyone(200), ("uidb64", "token")),
    "accounts:password_reset_complete": Case("get", everyone(200)),
}


def build(world):
    suffix = world.get("suffix", "")
    stranger = UserFactory(username=f"sitzung-einer-fremden-person{suffix}")
    session = UserSession.objects.create(user=stranger, session_key="x" * 32 + suffix)
    return {"uidb64": "MQ", "token": "ungueltig", "session": session.pk}


# Two-factor and sessions (security_views.py). Nobody in the matrix world has 2FA set up:
# the code step without a pending login sends back to the login page; renewing backup codes
# or switching off without 2FA goes back to the set-up page.
MATRIX.update(
    {
        "accounts:login_verify": Case("get", everyone(302)),
        "accounts:two_factor": Case("get", logged_in(200)),
        "accounts:two_factor_backup_codes": Case("post", logged_in(302)),
        "accounts:two_factor_disable": Case("get", logged_in(302)),
        "accounts:sessions": Case("get", logged_in(200)),
        "accounts:sessions_end_others": Case("post", logged_in(302)),
        # A session of another person: 404 for everyone (the office included).
        "accounts:session_end": Case(
            "post", logged_in(404), ("session",), rename={"session": "pk"}
        ),
    }
)
