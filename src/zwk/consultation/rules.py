"""Named permissions of "Entwurf diskutieren".

Team side (object: the Kommune or anything with ``municipality``): everyone who works in the
Kommune sees the comments next to the plan's sections, answers them and hides one with a
reason; opening and closing a consultation is for the coordination, the assigned consultants
and the office (as setting up a participation project).

Public side: no account. Whether a consultation takes comments *now* is decided here once –
``comment_refusal`` gives the reason in plain German; the page shows it, the service raises
it.
"""

import rules
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.accounts.predicates import is_assigned_consultant, is_coordinator_of, is_office
from zwk.municipalities.rules import works_in

manages = is_office | is_coordinator_of | is_assigned_consultant

rules.add_perm("consultation.view_comments", works_in)
rules.add_perm("consultation.moderate", works_in)
rules.add_perm("consultation.manage", manages)


def comment_refusal(consultation, *, today=None) -> str | None:
    """Why ``consultation`` takes no comments now – or None if it does."""
    state = consultation.state(today or timezone.localdate())
    if state == consultation.State.PENDING:
        return _("Die Diskussion des Entwurfs beginnt am %(date)s.") % {
            "date": consultation.starts_on.strftime("%d.%m.%Y")
        }
    if state == consultation.State.CLOSED:
        return _(
            "Die Diskussion des Entwurfs ist beendet. Kommentare sind nicht mehr möglich – "
            "danke für Ihr Interesse!"
        )
    return None


def require_open(consultation) -> None:
    reason = comment_refusal(consultation)
    if reason:
        raise ValidationError(reason)
