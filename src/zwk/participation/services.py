"""Writes of the Beteiligungsprojekte.

Team writes (projects, phases, surveys, questions, access codes, moderation) are audited.
Answers are not (no accounts, data minimisation) – but they are stored exactly once:

* a submission carries an idempotency key (one per questionnaire filled in on a device, kept
  in the session or a hidden field); the same key again – a double click, a second tab –
  returns the stored response instead of a second one (unique constraint on
  ``(survey, submission_key)``, so two requests at the same moment cannot both insert);
* an access code is locked (``SELECT … FOR UPDATE``) and marked used in the same
  transaction as the response – a code answers once;
* everything is checked before the first row is written; a refusal writes nothing.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.accounts.services import audit_record, save_audited
from zwk.core.content_language import moderator_translation_checked
from zwk.core.text import clean_line
from zwk.participation import answers as answer_rules
from zwk.participation import rules as participation_rules
from zwk.participation.models import (
    OPTION_MAX,
    PRIVACY_NOTICE_VERSION,
    AccessCode,
    Answer,
    Project,
    ProjectPhase,
    Question,
    Response,
    Survey,
    new_access_code,
)

MAX_CODES_PER_BATCH = 5000
K = Question.Kind


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


# --- Projects, phases, surveys, questions (team) ----------------------------------------------


@transaction.atomic
def project_save(*, project: Project, by, themes=None) -> Project:
    created = project.pk is None
    if (
        Project.objects.filter(municipality=project.municipality, slug=project.slug)
        .exclude(pk=project.pk)
        .exists()
    ):
        raise ValidationError(
            {"slug": _("Diesen Kurznamen hat schon ein anderes Projekt der Kommune.")}
        )
    if created:
        project.created_by = by
    save_audited(
        project,
        by=by,
        action="participation.project_created" if created else "participation.project_changed",
        message=_("Beteiligungsprojekt „%(t)s“ gespeichert") % {"t": project.title},
        municipality=project.municipality,
    )
    if themes is not None:
        project.themes.set(themes)
    return project


@transaction.atomic
def phase_save(*, phase: ProjectPhase, by) -> ProjectPhase:
    if phase.starts_on and phase.ends_on and phase.ends_on < phase.starts_on:
        raise ValidationError({"ends_on": _("Das Ende liegt vor dem Beginn.")})
    return save_audited(
        phase,
        by=by,
        action="participation.phase_saved",
        message=_("Phase „%(t)s“ gespeichert") % {"t": phase.title},
        municipality=phase.project.municipality,
    )


@transaction.atomic
def phase_delete(*, phase: ProjectPhase, by) -> None:
    if phase.surveys.exists():
        raise ValidationError(
            _("Zu dieser Phase gehört eine Umfrage. Ordnen Sie die Umfrage zuerst neu zu.")
        )
    audit_record(
        actor=by,
        action="participation.phase_deleted",
        message=_("Phase „%(t)s“ gelöscht") % {"t": phase.title},
        municipality=phase.project.municipality,
        obj=phase.project,
    )
    phase.delete()


@transaction.atomic
def survey_save(*, survey: Survey, by) -> Survey:
    if survey.phase_id and survey.phase.project_id != survey.project_id:
        raise ValidationError({"phase": _("Die Phase gehört zu einem anderen Projekt.")})
    if survey.pk is None:
        survey.created_by = by
    elif survey.responses.exists():
        old = Survey.objects.get(pk=survey.pk)
        if old.access != survey.access:
            raise ValidationError(
                {"access": _("Der Zugang lässt sich nach den ersten Antworten nicht mehr ändern.")}
            )
    return save_audited(
        survey,
        by=by,
        action="participation.survey_saved",
        message=_("Umfrage „%(t)s“ gespeichert") % {"t": survey.title},
        municipality=survey.project.municipality,
    )


def _clean_options(question: Question) -> list[str]:
    options = [clean_line(str(o), max_length=200) for o in question.options or []]
    options = [o for o in options if o]
    if len(set(options)) != len(options):
        raise ValidationError({"options": _("Jede Antwortmöglichkeit nur einmal, bitte.")})
    if len(options) > OPTION_MAX:
        raise ValidationError(
            {"options": _("Höchstens %(n)d Antwortmöglichkeiten.") % {"n": OPTION_MAX}}
        )
    if question.kind in (K.SINGLE, K.MULTIPLE, K.RANKING) and len(options) < 2:
        raise ValidationError({"options": _("Bitte mindestens zwei Antwortmöglichkeiten angeben.")})
    if question.kind == K.SCALE and len(options) not in (0, 2, 5):
        raise ValidationError(
            {
                "options": _(
                    "Für die Skala zwei Beschriftungen (für 1 und 5) oder fünf (1 bis 5) angeben."
                )
            }
        )
    if question.kind == K.SCALE and len(options) == 2:
        options = [options[0], "", "", "", options[1]]
    if question.kind in (K.AGE_GROUP, K.SEX, K.NUMBER, K.TEXT):
        options = []
    return options


@transaction.atomic
def question_save(*, question: Question, by) -> Question:
    if question.pk is not None and question.answers.exists():
        old = Question.objects.get(pk=question.pk)
        if old.kind != question.kind or list(old.options or []) != list(question.options or []):
            raise ValidationError(
                _(
                    "Zu dieser Frage gibt es schon Antworten. Fragetyp und Antwortmöglichkeiten "
                    "lassen sich nicht mehr ändern, sonst passen die Antworten nicht mehr."
                )
            )
    question.options = _clean_options(question)
    if (
        question.kind == K.NUMBER
        and question.number_min is not None
        and question.number_max is not None
        and question.number_min > question.number_max
    ):
        raise ValidationError({"number_max": _("Die größte Zahl ist kleiner als die kleinste.")})
    parent = question.condition_question
    if parent is not None:
        if parent.survey_id != question.survey_id or parent.pk == question.pk:
            raise ValidationError(
                {
                    "condition_question": _(
                        "Die Bedingung muss sich auf eine andere Frage dieser Umfrage beziehen."
                    )
                }
            )
        if (parent.page, parent.position) >= (question.page, question.position):
            raise ValidationError(
                {
                    "condition_question": _(
                        "Die Bedingung muss sich auf eine frühere Frage beziehen "
                        "(kleinere Seite oder Reihenfolge)."
                    )
                }
            )
        if not question.condition_value.strip():
            raise ValidationError(
                {
                    "condition_value": _(
                        "Bitte geben Sie an, bei welcher Antwort die Frage erscheint."
                    )
                }
            )
        known = [label for _v, label in answer_rules.choices(parent)]
        if (
            known
            and parent.kind not in (K.NUMBER,)
            and not any(
                answer_rules.matches(parent, v, question.condition_value)
                for v in _all_values(parent)
            )
        ):
            raise ValidationError(
                {
                    "condition_value": _(
                        "Diese Antwort gibt es bei der Frage nicht. Möglich: %(o)s"
                    )
                    % {"o": ", ".join(str(k) for k in known)}
                }
            )
    else:
        question.condition_value = ""
    return save_audited(
        question,
        by=by,
        action="participation.question_saved",
        message=_("Frage „%(t)s“ gespeichert") % {"t": question.text[:80]},
        municipality=question.survey.project.municipality,
    )


def _all_values(question: Question) -> list:
    if question.kind == K.SCALE:
        return list(range(1, 6))
    if question.kind in (K.SINGLE,):
        return list(range(len(question.options or [])))
    if question.kind == K.MULTIPLE:
        return [[i] for i in range(len(question.options or []))]
    if question.kind == K.RANKING:
        return []
    return [v for v, _label in answer_rules.choices(question)]


@transaction.atomic
def question_delete(*, question: Question, by) -> None:
    if question.answers.exists():
        raise ValidationError(
            _("Zu dieser Frage gibt es schon Antworten. Sie kann nicht mehr gelöscht werden.")
        )
    audit_record(
        actor=by,
        action="participation.question_deleted",
        message=_("Frage „%(t)s“ gelöscht") % {"t": question.text[:80]},
        municipality=question.survey.project.municipality,
        obj=question.survey,
    )
    question.delete()


@transaction.atomic
def codes_generate(*, survey: Survey, count: int, by) -> list[AccessCode]:
    """``count`` new one-time codes for ``survey`` (a new batch)."""
    if not survey.uses_codes:
        raise ValidationError(_("Diese Umfrage hat einen offenen Link und braucht keine Codes."))
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise ValidationError(
            {
                "count": _("Bitte zwischen 1 und %(n)d Codes auf einmal.")
                % {"n": MAX_CODES_PER_BATCH}
            }
        )
    batch = (survey.codes.order_by("-batch").values_list("batch", flat=True).first() or 0) + 1
    codes: set[str] = set()
    while len(codes) < count:
        codes.add(new_access_code())
    taken = set(AccessCode.objects.filter(code__in=codes).values_list("code", flat=True))
    codes -= taken
    while len(codes) < count:
        code = new_access_code()
        if code not in taken and not AccessCode.objects.filter(code=code).exists():
            codes.add(code)
    rows = AccessCode.objects.bulk_create(
        [AccessCode(survey=survey, code=c, batch=batch) for c in sorted(codes)]
    )
    audit_record(
        actor=by,
        action="participation.codes_generated",
        message=_("%(n)d Zugangscodes für „%(t)s“ erzeugt (Stapel %(b)d)")
        % {"n": count, "t": survey.title, "b": batch},
        municipality=survey.project.municipality,
        obj=survey,
    )
    return rows


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def code_refusal(survey: Survey, code: str) -> str | None:
    """Why ``code`` does not open ``survey`` (None: it does) – no row is locked here."""
    row = AccessCode.objects.filter(survey=survey, code=normalise_code(code)).first()
    if row is None:
        return _("Diesen Zugangscode kennen wir nicht. Bitte prüfen Sie ihn auf Ihrem Brief.")
    if row.used_at is not None:
        return _(
            "Mit diesem Zugangscode wurde schon geantwortet. Jeder Code gilt nur für einen "
            "Fragebogen."
        )
    return None


# --- Answers --------------------------------------------------------------------------------


def check_answers(
    survey: Survey, values: dict[int, object], *, pages=None, enforce_required: bool = True
) -> tuple[dict[int, object], dict[int, str]]:
    """The answers to keep and the errors by question id. Hidden questions (condition not
    met) lose their answer; required questions shown must be answered; ``pages`` limits
    the required check to those pages (a page of the phone form)."""
    questions = list(survey.questions.all())
    by_pk = {q.pk: q for q in questions}
    kept: dict[int, object] = {}
    errors: dict[int, str] = {}
    for question in questions:
        value = values.get(question.pk)
        if not answer_rules.is_shown(question, values, by_pk):
            continue
        if value is None:
            if enforce_required and question.required and (pages is None or question.page in pages):
                errors[question.pk] = _("Bitte beantworten Sie diese Frage.")
            continue
        problem = answer_rules.check(question, value)
        if problem:
            errors[question.pk] = problem
        else:
            kept[question.pk] = value
    return kept, errors


@transaction.atomic
def response_submit(
    *,
    survey: Survey,
    values: dict[int, object],
    submission_key: str,
    consent: bool = False,
    code: str = "",
    paper: bool = False,
    by=None,
    language: str = "",
) -> tuple[Response, bool]:
    """Store one questionnaire; returns (response, created). The same ``submission_key``
    again returns the stored response with ``created`` False and writes nothing."""
    if not submission_key or len(submission_key) > 64:
        raise ValidationError(_("Das Formular ist unvollständig. Bitte laden Sie die Seite neu."))
    existing = Response.objects.filter(survey=survey, submission_key=submission_key).first()
    if existing is not None:
        return existing, False
    participation_rules.require_open(survey, paper=paper)
    if not paper and not consent:
        raise ValidationError(
            _("Bitte stimmen Sie dem Datenschutzhinweis zu, damit wir Ihre Antworten speichern.")
        )
    access_code = None
    if survey.uses_codes and not paper:
        access_code = (
            AccessCode.objects.select_for_update()
            .filter(survey=survey, code=normalise_code(code))
            .first()
        )
        if access_code is None:
            raise ValidationError(code_refusal(survey, code))
        # Two tabs with the same key wait here for each other: the second finds the first.
        existing = Response.objects.filter(survey=survey, submission_key=submission_key).first()
        if existing is not None:
            return existing, False
        if access_code.used_at is not None:
            raise ValidationError(code_refusal(survey, code))
    if paper and code and survey.uses_codes:
        access_code = (
            AccessCode.objects.select_for_update()
            .filter(survey=survey, code=normalise_code(code))
            .first()
        )
        refusal = code_refusal(survey, code)
        if refusal:
            raise ValidationError({"code": refusal})
    # A paper questionnaire is taken as it came back: a question left empty stays empty.
    kept, errors = check_answers(survey, values, enforce_required=not paper)
    if errors:
        raise ValidationError({f"q{pk}": message for pk, message in errors.items()})
    by_kind = {q.kind: q.pk for q in survey.questions.all() if q.is_demographic}
    now = timezone.now()
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey,
                origin=Response.Origin.PAPER if paper else Response.Origin.ONLINE,
                access_code=access_code,
                submission_key=submission_key,
                age_group=kept.get(by_kind.get(K.AGE_GROUP), "") or "",
                sex=kept.get(by_kind.get(K.SEX), "") or "",
                district=kept.get(by_kind.get(K.DISTRICT), "") or "",
                language=(language or "")[:10],
                consent_at=None if paper else now,
                consent_version="" if paper else PRIVACY_NOTICE_VERSION,
                entered_by=by if paper else None,
            )
    except IntegrityError:
        # The same questionnaire arrived twice at the same moment: the other one is stored.
        return Response.objects.get(survey=survey, submission_key=submission_key), False
    Answer.objects.bulk_create(
        [Answer(response=response, question_id=pk, value=value) for pk, value in kept.items()]
    )
    if access_code is not None:
        AccessCode.objects.filter(pk=access_code.pk).update(used_at=now)
    if paper:
        audit_record(
            actor=by,
            action="participation.paper_entered",
            message=_("Papierfragebogen für „%(t)s“ erfasst") % {"t": survey.title},
            municipality=survey.project.municipality,
            obj=survey,
        )
    return response, True


@transaction.atomic
def answer_hide(*, answer: Answer, by, reason: str) -> Answer:
    reason = clean_line(reason, max_length=200)
    if not reason:
        raise ValidationError({"reason": _("Bitte geben Sie einen Grund an.")})
    answer.hidden_reason = reason
    answer.save(update_fields=["hidden_reason"])
    audit_record(
        actor=by,
        action="participation.answer_hidden",
        message=_("Freitext ausgeblendet: %(r)s") % {"r": reason},
        municipality=answer.response.survey.project.municipality,
        obj=answer.response.survey,
    )
    return answer


@transaction.atomic
def answer_translate(*, answer: Answer, by, text: str, language: str) -> Answer:
    """The moderation's translation of a free-text answer, shown next to it on the results
    page and marked as such; an empty text removes it (issue 18)."""
    answer.save(
        update_fields=moderator_translation_checked(item=answer, text=text, language=language)
    )
    audit_record(
        actor=by,
        action="participation.answer_translated",
        message=_("Übersetzung eines Freitexts gespeichert"),
        municipality=answer.response.survey.project.municipality,
        obj=answer.response.survey,
    )
    return answer


@transaction.atomic
def answer_show(*, answer: Answer, by) -> Answer:
    answer.hidden_reason = ""
    answer.save(update_fields=["hidden_reason"])
    audit_record(
        actor=by,
        action="participation.answer_shown",
        message=_("Freitext wieder eingeblendet"),
        municipality=answer.response.survey.project.municipality,
        obj=answer.response.survey,
    )
    return answer
