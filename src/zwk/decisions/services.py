"""Writes of the Demografie-Check: a new check, a new version, publication.

Each save of the guided form is a new numbered version (nothing is overwritten). Before
writing, the place is checked: the whole Kommune or an Ortsteil of this Kommune with
Melderegister data by age – otherwise a German ``ValidationError`` and nothing is saved.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zwk.accounts.services import audit_object
from zwk.core import permissions
from zwk.decisions import selectors
from zwk.decisions.models import CheckVersion, DemographyCheck
from zwk.decisions.targets import TARGETS_BY_KEY

FIELDS = (
    "title",
    "description",
    "target_groups",
    "horizon",
    "lifetime",
    "capacity",
    "capacity_unit",
    "answer_generations",
    "answer_accessibility",
    "answer_reuse",
    "answer_integration",
)


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


def _area(municipality, code: str) -> str:
    """The name of the place ``code`` ("" = the whole Kommune) – or a ValidationError."""
    known = dict(selectors.areas(municipality))
    if code and code not in known:
        raise ValidationError(
            {
                "area_code": _(
                    "Für dieses Ortsteil liegen keine Melderegisterdaten nach Alter vor. Bitte die "
                    "ganze Kommune oder ein Ortsteil mit Daten wählen."
                )
            }
        )
    return known[code] if code else municipality.name


def _write_version(check, *, by, data, themes, goals, number) -> CheckVersion:
    unknown = [k for k in data.get("target_groups", []) if k not in TARGETS_BY_KEY]
    if unknown or not data.get("target_groups"):
        raise ValidationError({"target_groups": _("Bitte mindestens eine Zielgruppe wählen.")})
    version = CheckVersion(
        check_obj=check,
        number=number,
        created_by=_user(by),
        area_code=data.get("area_code", ""),
        area_name=_area(check.municipality, data.get("area_code", "")),
        **{k: data[k] for k in FIELDS if k in data},
    )
    version.full_clean(exclude=["check_obj", "created_by", "themes", "goals"])
    version.save()
    version.themes.set(themes)
    version.goals.set([g for g in goals if g.plan.municipality_id == check.municipality_id])
    return version


@transaction.atomic
def check_create(*, municipality, by, data: dict, themes=(), goals=(), request=None):
    permissions.require(by, "decisions.change_check", municipality)
    _area(municipality, data.get("area_code", ""))
    check = DemographyCheck.objects.create(municipality=municipality, created_by=_user(by))
    version = _write_version(check, by=by, data=data, themes=themes, goals=goals, number=1)
    audit_object(
        check,
        by=by,
        action="decisions.check_created",
        message=_("Demografie-Check „%(title)s“ angelegt") % {"title": version.title},
        municipality=municipality,
        request=request,
    )
    return check


@transaction.atomic
def check_revise(*, check: DemographyCheck, by, data: dict, themes=(), goals=(), request=None):
    permissions.require(by, "decisions.change_check", check.municipality)
    check = DemographyCheck.objects.select_for_update().get(pk=check.pk)
    number = (check.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = _write_version(check, by=by, data=data, themes=themes, goals=goals, number=number)
    check.save(update_fields=["updated_at"])
    audit_object(
        check,
        by=by,
        action="decisions.check_revised",
        message=_("Demografie-Check „%(title)s“: Fassung %(n)s")
        % {"title": version.title, "n": number},
        municipality=check.municipality,
        request=request,
    )
    return version


@transaction.atomic
def check_set_public(*, check: DemographyCheck, by, public: bool, request=None):
    permissions.require(by, "decisions.publish_check", check.municipality)
    check.is_public = public
    check.save(update_fields=["is_public", "updated_at"])
    audit_object(
        check,
        by=by,
        action="decisions.check_published" if public else "decisions.check_unpublished",
        message=(_("Demografie-Check veröffentlicht") if public else _("Veröffentlichung beendet")),
        municipality=check.municipality,
        request=request,
    )
    return check


def erase_author(user) -> int:
    changed = CheckVersion.objects.filter(created_by=user).update(created_by=None)
    return changed + DemographyCheck.objects.filter(created_by=user).update(created_by=None)
