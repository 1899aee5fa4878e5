"""Writes of the registration: apply, confirm by e-mail link, approve or reject; funding
rounds and their Kommunen; the explainer videos of the steps.

Every function runs in one transaction, checks what must hold whoever calls it, writes the
audit log and sends its mails after the commit (``zwk.core.mail.send_after_commit``).
"""

from __future__ import annotations

from decimal import Decimal

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from zwk.accounts.models import User
from zwk.accounts.services import audit_record
from zwk.consulting import services as consulting_services
from zwk.core import ratelimit
from zwk.core.mail import message as mail_message
from zwk.core.mail import send_after_commit
from zwk.core.uploads import random_upload_name
from zwk.core.urls import absolute_url
from zwk.municipalities import services as municipality_services
from zwk.municipalities.models import Invitation, Municipality
from zwk.profiles import services as profile_services
from zwk.registration import selectors
from zwk.registration.models import (
    Application,
    FundingRound,
    PostalCode,
    RoundMembership,
    StepVideo,
)

SALT = "zwk.registration.confirm"
CONFIRM_DAYS = 7
KIND_FOR_LEVEL = {
    "gemeinde": (Municipality.Kind.GEMEINDE, Municipality.Kind.STADT, Municipality.Kind.QUARTIER),
    "kreis": (Municipality.Kind.LANDKREIS,),
}


def exists_message(municipality: Municipality) -> str:
    """Whom to ask – without personal data of the Kommune's team."""
    return _(
        "„%(name)s“ arbeitet schon auf der Plattform. Eine Kommune gibt es nur einmal: Bitten "
        "Sie die Koordination von „%(name)s“ in Ihrer Verwaltung um eine Einladung ins Team "
        "(Seite „Team“ der Kommune). Wissen Sie nicht, wer das ist, schreiben Sie der "
        "Geschäftsstelle – sie leitet Ihre Bitte weiter."
    ) % {"name": municipality.name}


def confirm_token(application: Application) -> str:
    return signing.dumps({"a": application.pk}, salt=SALT)


def _confirm_url(application: Application) -> str:
    return absolute_url(
        reverse("registration:confirm", kwargs={"token": confirm_token(application)})
    )


def _send_confirmation(application: Application) -> None:
    # at most 3 confirmation mails a day to one address, whoever asks
    if not ratelimit.hit("registration.confirmation", application.email.lower()):
        return
    context = {"application": application, "url": _confirm_url(application), "days": CONFIRM_DAYS}
    body = render_to_string("registration/email/confirm.txt", context)
    subject = _("Bitte bestätigen Sie die Anmeldung von %(name)s") % {
        "name": application.display_name
    }
    send_after_commit(
        lambda: mail_message(subject, body, [application.email]), what="registration.confirm"
    )


@transaction.atomic
def apply(
    *,
    place: selectors.Place,
    kind: str,
    person_name: str,
    function: str,
    email: str,
    local_name: str = "",
    request=None,
) -> tuple[Application, bool]:
    """Register ``place`` for the person; ``(application, created)``. The same person for the
    same place again gets the open application (and, unconfirmed, its mail once more)."""
    email = email.strip()
    local_name = " ".join(local_name.split()) if kind == Municipality.Kind.QUARTIER else ""
    if kind not in KIND_FOR_LEVEL.get(place.level, ()):
        raise ValidationError(
            {
                "kind": _("Für einen Landkreis wählen Sie „Landkreis“.")
                if place.is_kreis
                else _("Für eine Gemeinde wählen Sie Gemeinde, Stadt oder Großstadtquartier.")
            }
        )
    if kind == Municipality.Kind.QUARTIER and not local_name:
        raise ValidationError({"local_name": _("Bitte geben Sie den Namen des Quartiers an.")})
    existing = selectors.existing_kommune(place.ags, kind, local_name)
    if existing is not None:
        raise ValidationError(exists_message(existing), code="exists")
    open_one = Application.objects.filter(
        email__iexact=email,
        ags=place.ags,
        kind=kind,
        local_name__iexact=local_name,
        status__in=[Application.Status.UNCONFIRMED, Application.Status.PENDING],
    ).first()
    if open_one is not None:
        if open_one.status == Application.Status.UNCONFIRMED:
            _send_confirmation(open_one)
        return open_one, False
    try:
        with transaction.atomic():
            application = Application.objects.create(
                kind=kind,
                ags=place.ags,
                name=place.name,
                local_name=local_name,
                land=place.land,
                person_name=" ".join(person_name.split()),
                function=" ".join(function.split()),
                email=email,
                private_domain=selectors.is_private_domain(email),
            )
    except IntegrityError:  # the same submission at the same moment
        return Application.objects.get(
            email=email,
            ags=place.ags,
            kind=kind,
            local_name=local_name,
            status__in=[Application.Status.UNCONFIRMED, Application.Status.PENDING],
        ), False
    audit_record(
        actor=None,
        action="registration.applied",
        message=_("Anmeldung für „%(name)s“ eingegangen") % {"name": application.display_name},
        obj=application,
        request=request,
    )
    _send_confirmation(application)
    return application, True


@transaction.atomic
def confirm(*, token: str, request=None) -> Application:
    """Follow the e-mail link: the application goes to the office (once)."""
    try:
        data = signing.loads(token, salt=SALT, max_age=CONFIRM_DAYS * 86400)
    except signing.SignatureExpired:
        raise ValidationError(
            _("Dieser Link ist abgelaufen. Bitte melden Sie Ihre Kommune noch einmal an."),
            code="expired",
        ) from None
    except signing.BadSignature:
        raise ValidationError(
            _("Dieser Link ist ungültig. Bitte kopieren Sie ihn vollständig aus der E-Mail."),
            code="invalid",
        ) from None
    application = (
        Application.objects.select_for_update().filter(pk=data.get("a")).first()
        if isinstance(data, dict)
        else None
    )
    if application is None:
        raise ValidationError(_("Diese Anmeldung gibt es nicht mehr."), code="invalid")
    if application.status != Application.Status.UNCONFIRMED:
        return application
    application.status = Application.Status.PENDING
    application.confirmed_at = timezone.now()
    application.save(update_fields=["status", "confirmed_at"])
    audit_record(
        actor=None,
        action="registration.confirmed",
        message=_("Anmeldung für „%(name)s“ per E-Mail bestätigt")
        % {"name": application.display_name},
        obj=application,
        request=request,
    )
    office = list(
        User.objects.filter(is_office=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if office:
        url = absolute_url(reverse("registration_office:detail", kwargs={"pk": application.pk}))
        body = render_to_string(
            "registration/email/office_new.txt", {"application": application, "url": url}
        )
        subject = _("Neue Anmeldung: %(name)s") % {"name": application.display_name}
        send_after_commit(
            lambda: mail_message(subject, body, office), what="registration.office_new"
        )
    return application


def _unique_slug(application: Application) -> str:
    base = slugify(application.display_name)[:70] or application.ags
    slug = base
    if Municipality.objects.filter(slug=slug).exists():
        slug = f"{base}-{application.ags}"
    n = 2
    while Municipality.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{application.ags}-{n}", n + 1
    return slug


def _locked_pending(application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Application.Status.PENDING:
        raise ValidationError(
            _("Über diese Anmeldung ist schon entschieden oder sie ist nicht bestätigt (%(s)s).")
            % {"s": application.get_status_display()}
        )
    return application


@transaction.atomic
def approve(
    *, application: Application, by: User, funding_round: FundingRound | None = None, request=None
) -> Application:
    """Create the Kommune with the official data the platform holds, fill its Kommunalprofil,
    invite the applicant as its coordinator and tell them."""
    application = _locked_pending(application)
    existing = selectors.existing_kommune(application.ags, application.kind, application.local_name)
    if existing is not None:
        raise ValidationError(
            _(
                "„%(name)s“ gibt es inzwischen auf der Plattform. Lehnen Sie die Anmeldung ab "
                "und verweisen Sie auf die Einladung durch die Koordination."
            )
            % {"name": existing.name}
        )
    population = selectors.latest_population(application.ags)
    municipality = municipality_services.municipality_create(
        by=by,
        request=request,
        name=application.display_name,
        slug=_unique_slug(application),
        kind=application.kind,
        land=application.land,
        ags=application.ags,
        local_name=application.local_name,
        population=population[0] if population else None,
        population_date=population[1] if population else None,
        contact_name=application.person_name,
        contact_email=application.email,
    )
    # the Kommunalprofil reads the official figures of the AGS at once
    profile_services.profile_for(municipality)
    municipality_services.invitation_create(
        email=application.email,
        kind=Invitation.Kind.COORDINATOR,
        by=by,
        municipality=municipality,
        message=_(
            "Ihre Anmeldung wurde freigegeben. Mit diesem Link legen Sie Ihr Konto an und "
            "übernehmen die Koordination von %(name)s."
        )
        % {"name": municipality.name},
        request=request,
    )
    application.status = Application.Status.APPROVED
    application.decided_at = timezone.now()
    application.decided_by = by
    application.municipality = municipality
    application.save(update_fields=["status", "decided_at", "decided_by", "municipality"])
    audit_record(
        actor=by,
        action="registration.approved",
        message=_("Anmeldung von „%(name)s“ freigegeben") % {"name": municipality.name},
        municipality=municipality,
        obj=application,
        request=request,
    )
    body = render_to_string("registration/email/approved.txt", {"application": application})
    subject = _("Ihre Kommune %(name)s ist freigeschaltet") % {"name": municipality.name}
    send_after_commit(
        lambda: mail_message(subject, body, [application.email]), what="registration.approved"
    )
    if funding_round is not None:
        round_assign(
            funding_round=funding_round, municipalities=[municipality], by=by, request=request
        )
    return application


@transaction.atomic
def reject(*, application: Application, by: User, reason: str, request=None) -> Application:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte begründen Sie die Ablehnung.")})
    application = _locked_pending(application)
    application.status = Application.Status.REJECTED
    application.reason = reason
    application.decided_at = timezone.now()
    application.decided_by = by
    application.save(update_fields=["status", "reason", "decided_at", "decided_by"])
    audit_record(
        actor=by,
        action="registration.rejected",
        message=_("Anmeldung von „%(name)s“ abgelehnt") % {"name": application.display_name},
        obj=application,
        request=request,
    )
    body = render_to_string("registration/email/rejected.txt", {"application": application})
    subject = _("Ihre Anmeldung von %(name)s") % {"name": application.display_name}
    send_after_commit(
        lambda: mail_message(subject, body, [application.email]), what="registration.rejected"
    )
    return application


# --- funding rounds ------------------------------------------------------------------------


def _current_years(funding_round: FundingRound) -> list[int]:
    this = timezone.localdate().year
    return [y for y in funding_round.years if y >= this]


def _apply_budgets(funding_round: FundingRound, municipality: Municipality, by, request) -> None:
    """The round's days become the Kommune's consulting budget for each of its years still to
    come (kept: a larger budget the office set, the overrun permission)."""
    from zwk.consulting.models import DayBudget

    for year in _current_years(funding_round):
        current = DayBudget.objects.filter(municipality=municipality, year=year).first()
        if current is not None and current.days >= funding_round.consulting_days:
            continue
        consulting_services.budget_set(
            municipality=municipality,
            year=year,
            days=funding_round.consulting_days,
            by=by,
            allow_overrun=bool(current and current.allow_overrun),
            note=_("aus %(round)s") % {"round": funding_round.name},
            request=request,
        )


@transaction.atomic
def round_save(*, funding_round: FundingRound, by: User, request=None) -> FundingRound:
    """Create or change a round; changed days reach the budgets of its Kommunen."""
    created = funding_round.pk is None
    if funding_round.consulting_days is not None and not (
        funding_round.consulting_days == 0
        or (funding_round.consulting_days * 2) == int(funding_round.consulting_days * 2)
    ):
        raise ValidationError(
            {"consulting_days": _("Bitte ganze oder halbe Tage angeben (z. B. 10 oder 12,5).")}
        )
    if not created:
        taken = RoundMembership.objects.filter(funding_round=funding_round).count()
        if funding_round.places < taken:
            raise ValidationError(
                {
                    "places": _(
                        "In der Runde sind schon %(n)d Kommunen – mindestens so viele Plätze."
                    )
                    % {"n": taken}
                }
            )
    funding_round.full_clean()
    funding_round.save()
    for m in selectors.round_members(funding_round):
        _apply_budgets(funding_round, m, by, request)
    audit_record(
        actor=by,
        action="registration.round_created" if created else "registration.round_updated",
        message=(
            _("Förderrunde „%(name)s“ angelegt")
            if created
            else _("Förderrunde „%(name)s“ geändert")
        )
        % {"name": funding_round.name},
        obj=funding_round,
        request=request,
    )
    return funding_round


@transaction.atomic
def round_assign(
    *, funding_round: FundingRound, municipalities, by: User, request=None
) -> list[RoundMembership]:
    funding_round = FundingRound.objects.select_for_update().get(pk=funding_round.pk)
    new = [
        m
        for m in municipalities
        if not RoundMembership.objects.filter(funding_round=funding_round, municipality=m).exists()
    ]
    taken = RoundMembership.objects.filter(funding_round=funding_round).count()
    if taken + len(new) > funding_round.places:
        raise ValidationError(
            _(
                "„%(name)s“ hat %(places)d Plätze, %(taken)d sind vergeben – %(new)d weitere "
                "Kommunen passen nicht hinein."
            )
            % {
                "name": funding_round.name,
                "places": funding_round.places,
                "taken": taken,
                "new": len(new),
            }
        )
    rows = []
    for m in new:
        rows.append(
            RoundMembership.objects.create(funding_round=funding_round, municipality=m, added_by=by)
        )
        _apply_budgets(funding_round, m, by, request)
        audit_record(
            actor=by,
            action="registration.round_assigned",
            message=_("In die Förderrunde „%(name)s“ aufgenommen") % {"name": funding_round.name},
            municipality=m,
            obj=funding_round,
            request=request,
        )
    return rows


@transaction.atomic
def round_remove(
    *, funding_round: FundingRound, municipality: Municipality, by: User, request=None
) -> None:
    """Take the Kommune out: budgets of the round's years to come shrink to the days used."""
    deleted, _rows = RoundMembership.objects.filter(
        funding_round=funding_round, municipality=municipality
    ).delete()
    if not deleted:
        raise ValidationError(_("Die Kommune ist nicht in dieser Runde."))
    from zwk.consulting.models import DayBudget

    for year in _current_years(funding_round):
        if selectors.in_round_covering(municipality, year):
            continue
        budget = DayBudget.objects.filter(municipality=municipality, year=year).first()
        if budget is None:
            continue
        used = consulting_services.used_days(municipality, year)
        if budget.days > used:
            consulting_services.budget_set(
                municipality=municipality,
                year=year,
                days=max(used, Decimal("0")),
                by=by,
                allow_overrun=budget.allow_overrun,
                note=_("Runde „%(round)s“ verlassen") % {"round": funding_round.name},
                request=request,
            )
    audit_record(
        actor=by,
        action="registration.round_removed",
        message=_("Aus der Förderrunde „%(name)s“ genommen") % {"name": funding_round.name},
        municipality=municipality,
        obj=funding_round,
        request=request,
    )


# --- explainer videos ------------------------------------------------------------------------

VIDEO_EXTENSIONS = {"mp4", "webm"}


def _check_captions(upload) -> bytes:
    content = upload.read()
    if not content.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise ValidationError(
            {"captions": _("Die Untertitel müssen eine WebVTT-Datei sein (beginnt mit „WEBVTT“).")}
        )
    if len(content) > 2 * 1024 * 1024:
        raise ValidationError({"captions": _("Die Untertiteldatei ist größer als 2 MB.")})
    return content


@transaction.atomic
def video_save(*, step_kind: str, title: str, video, captions, by: User, request=None) -> StepVideo:
    """Upload (or replace) a step's explainer video; captions are required."""
    if video is None or captions is None:
        raise ValidationError(_("Bitte laden Sie das Video und seine Untertitel (WebVTT) hoch."))
    ext = video.name.rsplit(".", 1)[-1].lower() if "." in video.name else ""
    if ext not in VIDEO_EXTENSIONS:
        raise ValidationError({"video": _("Bitte ein Video als MP4 oder WebM hochladen.")})
    head = video.read(16)
    video.seek(0)
    if not (head[4:8] == b"ftyp" or head[:4] == b"\x1a\x45\xdf\xa3"):
        raise ValidationError({"video": _("Die Datei ist kein MP4- oder WebM-Video.")})
    captions_content = _check_captions(captions)
    row = StepVideo.objects.filter(step_kind=step_kind).first() or StepVideo(step_kind=step_kind)
    row.title = title.strip()
    row.uploaded_by = by
    row.video.save(random_upload_name(ext), video, save=False)
    row.captions.save(random_upload_name("vtt"), ContentFile(captions_content), save=False)
    row.full_clean()
    row.save()
    audit_record(
        actor=by,
        action="registration.video_saved",
        message=_("Erklärvideo für Schritt „%(step)s“ hochgeladen")
        % {"step": row.get_step_kind_display()},
        obj=row,
        request=request,
    )
    return row


@transaction.atomic
def video_delete(*, video: StepVideo, by: User, request=None) -> None:
    audit_record(
        actor=by,
        action="registration.video_deleted",
        message=_("Erklärvideo „%(title)s“ gelöscht") % {"title": video.title},
        obj=video,
        request=request,
    )
    video.video.delete(save=False)
    video.captions.delete(save=False)
    video.delete()


# --- PLZ of the Gemeindeverzeichnis ---------------------------------------------------------


def postal_codes_add(*, pairs) -> int:
    """Store PLZ → AGS pairs for the search (``pairs``: ``(plz, ags)``); pairs already there
    are left alone, nothing is removed. Returns how many were new. Runs in the caller's
    transaction when there is one (the Gemeindeverzeichnis import: all or nothing)."""
    pairs = sorted(set(pairs))
    with transaction.atomic():
        before = PostalCode.objects.count()
        PostalCode.objects.bulk_create(
            [PostalCode(code=plz, ags=ags) for plz, ags in pairs],
            ignore_conflicts=True,
            batch_size=2000,
        )
        return PostalCode.objects.count() - before


def postal_codes_from_gemeindeverzeichnis(sender, *, postal_codes, **kwargs) -> None:
    """Receiver of ``zwk.profiles.signals.gemeindeverzeichnis_imported``: the PLZ of each
    Gemeinde's Verwaltungssitz become searchable on "Kommune anmelden"."""
    postal_codes_add(pairs=((plz, ags) for ags, plz in postal_codes.items()))
