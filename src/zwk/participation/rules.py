"""Named permissions of the Beteiligungsprojekte.

Team side (object: the Kommune or anything with ``municipality``): everyone who works in the
Kommune sees projects and results and may enter paper questionnaires; setting projects and
surveys up, generating access codes and moderating free texts is for the coordination, the
assigned consultants and the office.

Public side: a published project is visible to everyone (an unpublished one only to the
team, as a preview). Whether a survey takes answers *now* (published, its phase open) is
decided here once – ``survey_refusal`` gives the reason in plain German; the page shows it,
the service raises it.
"""

import rules
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from zwk.accounts.predicates import (
    is_assigned_consultant,
    is_coordinator_of,
    is_office,
    is_published,
)
from zwk.municipalities.rules import works_in

manages = is_office | is_coordinator_of | is_assigned_consultant

rules.add_perm("participation.view_project", works_in)
rules.add_perm("participation.manage_project", manages)
rules.add_perm("participation.enter_paper", works_in)
rules.add_perm("participation.view_results", works_in)
rules.add_perm("participation.moderate", manages)
# Public page of a project: published, or a preview for the Kommune's team.
rules.add_perm("participation.see_project", is_published | works_in)


def survey_refusal(survey, *, today=None, paper: bool = False) -> str | None:
    """Why ``survey`` takes no answers now – or None if it does. Paper questionnaires
    may still be entered after the phase (they were filled in while it was open)."""
    if not survey.project.published and not paper:
        return _("Dieses Beteiligungsprojekt ist noch nicht veröffentlicht.")
    state = survey.phase.state(today or timezone.localdate())
    if paper:
        if state == "pending":
            return _("Die Umfrage hat noch nicht begonnen.")
        return None
    if state == "pending":
        return _("Die Umfrage beginnt am %(date)s.") % {
            "date": survey.phase.starts_on.strftime("%d.%m.%Y")
        }
    if state == "closed":
        return _(
            "Die Umfrage ist seit dem %(date)s beendet. Antworten sind nicht mehr möglich – "
            "danke für Ihr Interesse!"
        ) % {"date": survey.phase.ends_on.strftime("%d.%m.%Y")}
    return None


def require_open(survey, *, paper: bool = False) -> None:
    reason = survey_refusal(survey, paper=paper)
    if reason:
        raise ValidationError(reason)


def ideas_refusal(collection, *, today=None) -> str | None:
    """Why ``collection`` takes no ideas, comments or support now – or None if it does
    (published and its phase open). Reading stays possible after the phase."""
    if not collection.project.published:
        return _("Dieses Beteiligungsprojekt ist noch nicht veröffentlicht.")
    state = collection.phase.state(today or timezone.localdate())
    if state == "pending":
        return _("Die Ideensammlung beginnt am %(date)s.") % {
            "date": date_format(collection.phase.starts_on, "SHORT_DATE_FORMAT")
        }
    if state == "closed":
        return _(
            "Die Ideensammlung ist seit dem %(date)s beendet. Neue Ideen, Kommentare und "
            "Unterstützung sind nicht mehr möglich – lesen können Sie weiterhin."
        ) % {"date": date_format(collection.phase.ends_on, "SHORT_DATE_FORMAT")}
    return None
