from tests.zwk.permissions import Case, everyone, logged_in

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
    return {"uidb64": "MQ", "token": "ungueltig"}
