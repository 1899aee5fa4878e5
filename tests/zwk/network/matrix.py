"""Permission matrix of the Vernetzung (see ``network/rules.py``).

Related Kommunen: whoever may see the Kommune; outsiders 404. Contact and messages: the
Kommune's team and coordination only (consultant and office 403 – they do not write on a
Kommune's behalf). Discussions: everyone in the programme (all roles here); moderation: the
office. Own posts: only their author edits or deletes them; others may report them.
"""

from tests.zwk.permissions import LOGIN, Case, logged_in, office_only, tenant

SLUG = ("slug",)
R = {
    "nw_theme": "theme",
    "nw_thread": "pk",
    "nw_post": "pk",
    "nw_report": "pk",
    "nw_conversation": "pk",
}
MEMBERS_ONLY = tenant(200, consultant=403, office=403)
AUTHOR_ONLY = {**logged_in(403), "coordinator": 200}  # the post is the coordinator's
NOT_AUTHOR = {**logged_in(200), "coordinator": 403, "anonymous": LOGIN}

MATRIX = {
    "network:index": Case("get", logged_in(200)),
    "network:related": Case("get", tenant(200), SLUG),
    "network:contact": Case("get", MEMBERS_ONLY, SLUG),
    "network:inbox": Case("get", MEMBERS_ONLY, SLUG),
    "network:conversation": Case("get", MEMBERS_ONLY, ("slug", "nw_conversation"), rename=R),
    "network:themes": Case("get", logged_in(200)),
    "network:subscriptions": Case("get", logged_in(200)),
    "network:theme": Case("get", logged_in(200), ("nw_theme",), rename=R),
    "network:thread_create": Case("post", logged_in(400), ("nw_theme",), rename=R),
    "network:theme_subscribe": Case("post", logged_in(302), ("nw_theme",), rename=R),
    "network:thread": Case("get", logged_in(200), ("nw_theme", "nw_thread"), rename=R),
    "network:thread_subscribe": Case("post", logged_in(302), ("nw_theme", "nw_thread"), rename=R),
    "network:thread_lock": Case("get", office_only(200), ("nw_theme", "nw_thread"), rename=R),
    "network:post_edit": Case("get", AUTHOR_ONLY, ("nw_post",), rename=R),
    "network:post_delete": Case("get", AUTHOR_ONLY, ("nw_post",), rename=R),
    "network:post_report": Case("get", NOT_AUTHOR, ("nw_post",), rename=R),
    "network:post_hide": Case("get", office_only(200), ("nw_post",), rename=R),
    "network:post_show": Case("post", office_only(302), ("nw_post",), rename=R),
    "network:reports": Case("get", office_only(200)),
    "network:report_dismiss": Case("post", office_only(302), ("nw_report",), rename=R),
}


def build(world):
    from tests.zwk.network.helpers import first_post, make_conversation, make_thread
    from zwk.network import services

    users = world["users"]
    thread = make_thread(users["coordinator"])
    reply = services.post_add(thread=thread, by=users["other_member"], text="Wir auch!")
    report = services.post_report(post=reply, by=users["member"], reason="spam")
    conversation = make_conversation(
        world["municipality"], world["other_municipality"], users["coordinator"]
    )
    return {
        "nw_theme": thread.theme.slug,
        "nw_thread": thread.pk,
        "nw_post": first_post(thread).pk,
        "nw_report": report.pk,
        "nw_conversation": conversation.pk,
    }
