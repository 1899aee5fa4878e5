"""Named permissions of the Vernetzung (related Kommunen, contact, discussions).

Kommune objects: the related-Kommunen page is for whoever may see the Kommune (team,
coordination, assigned consultant, office); writing to another Kommune and reading its
messages is for the Kommune's own team and coordination. Discussions are open to everyone in
the programme: members of any Kommune, consultants and the office. Moderation is the office's.
"""

from datetime import timedelta

import rules
from django.utils import timezone

from zwk.accounts.predicates import is_consultant, is_member_of, is_office
from zwk.municipalities.rules import works_in

EDIT_WINDOW = timedelta(minutes=15)


@rules.predicate
def in_any_municipality(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.memberships.exists())


in_programme = is_office | is_consultant | in_any_municipality


@rules.predicate
def is_author(user, post) -> bool:
    return bool(user.is_authenticated and post is not None and post.author_id == user.pk)


@rules.predicate
def is_editable(user, post) -> bool:
    return bool(
        post is not None
        and not post.is_deleted
        and not post.is_hidden
        and not post.thread.is_locked
        and timezone.now() - post.created_at <= EDIT_WINDOW
    )


@rules.predicate
def is_live(user, post) -> bool:
    return bool(post is not None and not post.is_deleted)


rules.add_perm("network.view_related", works_in)
rules.add_perm("network.contact_municipality", is_member_of)
rules.add_perm("network.view_messages", is_member_of)
rules.add_perm("network.view_overview", is_office)
rules.add_perm("network.view_discussions", in_programme)
rules.add_perm("network.start_thread", in_programme)
rules.add_perm("network.reply", in_programme)
rules.add_perm("network.subscribe", in_programme)
# Object: a Post.
rules.add_perm("network.edit_post", in_programme & is_author & is_editable)
rules.add_perm("network.delete_post", in_programme & is_author & is_live)
rules.add_perm("network.report_post", in_programme & ~is_author & is_live)
rules.add_perm("network.moderate", is_office)
