"""Results of a survey: counts per question, cross-tabs, representative weighting, export.

The weighting adapter reads the Kommune's population by age and sex from the Kommunalprofil
(``zwk.profiles`` – read only), builds the targets of the age groups × sex of the survey and
calls the pure raking in ``weighting.py``. Respondents without an age group, or with sex
"divers"/"keine Angabe", cannot be placed in the official table (it knows only male and
female): they keep weight 1 and are counted in the note.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

from zwk.core import languages as interface_languages
from zwk.core.content_language import html_attrs
from zwk.participation import answers as answer_rules
from zwk.participation import weighting
from zwk.participation.models import AGE_SPANS, AgeGroup, Answer, Question, Response, Sex, Survey

K = Question.Kind
CHOICE_KINDS = (K.SINGLE, K.MULTIPLE, K.SCALE, K.DISTRICT, K.AGE_GROUP, K.SEX)
CROSS_KINDS = (K.SINGLE, K.SCALE)
DEFAULT_FRAME_AGE = 16
SEX_INDEX = {Sex.MALE.value: 0, Sex.FEMALE.value: 1}


@dataclass
class Weighting:
    available: bool
    weights: dict[int, float] = field(default_factory=dict)  # response id → weight
    n: int = 0
    n_weighted: int = 0  # respondents in the raking (age group and m/w known)
    effective_n: float = 0.0
    year: int | None = None
    frame_age: int = DEFAULT_FRAME_AGE
    missing_groups: list[str] = field(default_factory=list)
    max_weight: float = 0.0
    #: False: the margins contradict each other in this sample (e.g. all women of one age
    #: group) – the weights fit them only approximately
    converged: bool = True
    reason: str = ""
    structure: list[dict] = field(default_factory=list)  # per margin category: target vs raw


def population_structure(municipality) -> tuple[int, np.ndarray] | None:
    """(year, persons (2, 101): male/female × single years) of the Kommune, latest year."""
    from zwk.profiles.analysis import load_regions
    from zwk.profiles.regions import region_code_for

    code = region_code_for(municipality)
    if not code:
        return None
    data = load_regions([code]).get(code)
    if data is None or not data.ages:
        return None
    year = data.age_years[-1]
    return year, data.ages[year]


def age_targets(ages: np.ndarray, frame_age: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Age groups inside the frame (aged ``frame_age`` and over), their persons by group,
    and persons by sex (male, female) in the frame."""
    groups, counts = [], []
    for value, (low, high) in AGE_SPANS.items():
        low = max(low, frame_age)
        if low > high:
            continue
        groups.append(value)
        counts.append(float(ages[:, low : high + 1].sum()))
    by_sex = ages[:, frame_age:].sum(axis=1)
    return groups, np.array(counts), by_sex


def weighting_for(survey: Survey, responses: list[Response], structure=None) -> Weighting:
    n = len(responses)
    frame_age = survey.project.minimum_age or DEFAULT_FRAME_AGE
    structure = (
        population_structure(survey.project.municipality) if structure is None else structure
    )
    if structure is None:
        return Weighting(
            False,
            n=n,
            frame_age=frame_age,
            reason=_(
                "Für diese Kommune sind im Kommunalprofil keine Einwohnerzahlen nach Alter und "
                "Geschlecht hinterlegt. Ohne sie lässt sich nicht gewichten."
            ),
        )
    year, ages = structure
    groups, age_counts, sex_counts = age_targets(np.asarray(ages, dtype=float), frame_age)
    index = {g: i for i, g in enumerate(groups)}
    placed = [r for r in responses if r.age_group in index and r.sex in SEX_INDEX]
    if len(placed) < 2:
        return Weighting(
            False,
            n=n,
            year=year,
            frame_age=frame_age,
            reason=_(
                "Zu wenige Antworten mit Altersgruppe und Geschlecht (weiblich/männlich), "
                "um zu gewichten."
            ),
        )
    age_codes = np.array([index[r.age_group] for r in placed])
    sex_codes = np.array([SEX_INDEX[r.sex] for r in placed])
    result = weighting.rake([age_codes, sex_codes], [age_counts, sex_counts])
    weights = {r.pk: 1.0 for r in responses}
    for r, w in zip(placed, result.weights, strict=True):
        weights[r.pk] = float(w)
    labels = dict(AgeGroup.choices)
    raw_age = np.bincount(age_codes, minlength=len(groups))
    rows = []
    for i, g in enumerate(groups):
        rows.append(
            {
                "label": labels[g],
                "population_share": age_counts[i] / age_counts.sum() if age_counts.sum() else 0,
                "raw_share": raw_age[i] / len(placed),
                "weighted_share": float(result.weights[age_codes == i].sum() / len(placed)),
            }
        )
    raw_sex = np.bincount(sex_codes, minlength=2)
    for i, s in enumerate((Sex.MALE, Sex.FEMALE)):
        rows.append(
            {
                "label": s.label,
                "population_share": sex_counts[i] / sex_counts.sum() if sex_counts.sum() else 0,
                "raw_share": raw_sex[i] / len(placed),
                "weighted_share": float(result.weights[sex_codes == i].sum() / len(placed)),
            }
        )
    all_w = np.array(list(weights.values()))
    return Weighting(
        True,
        weights=weights,
        n=n,
        n_weighted=len(placed),
        effective_n=weighting.effective_sample_size(all_w),
        year=year,
        frame_age=frame_age,
        missing_groups=[labels[groups[k]] for k in result.empty_categories[0]],
        max_weight=float(result.weights.max()),
        converged=result.converged,
        structure=rows,
    )


@dataclass
class OptionRow:
    label: str
    count: int
    share: float
    weighted: float  # weighted count
    weighted_share: float

    @property
    def bar(self) -> int:
        """Bar length in the chart (pixels of 300) – raw share."""
        return round(300 * self.share)

    @property
    def wbar(self) -> int:
        return round(300 * self.weighted_share)

    @property
    def percent(self) -> float:
        return 100 * self.share

    @property
    def wpercent(self) -> float:
        return 100 * self.weighted_share


@dataclass
class QuestionResult:
    question: Question
    answered: int
    rows: list[OptionRow] = field(default_factory=list)
    texts: list[Answer] = field(default_factory=list)
    mean: float | None = None
    weighted_mean: float | None = None
    crosstabs: list[dict] = field(default_factory=list)

    @property
    def chart_height(self) -> int:
        return 34 * len(self.rows) + 4


def _option_labels(question: Question) -> list[tuple[object, str]]:
    return [(value, label) for value, label in answer_rules.choices(question)]


def _key(question: Question, value):
    """The option key of one stored value (for counting)."""
    if question.kind in (K.SINGLE, K.SCALE):
        return str(value)
    return value


def survey_results(survey: Survey, *, structure=None) -> dict:
    """Everything the results page and the export show, in a constant number of queries."""
    questions = list(survey.questions.all())
    responses = list(Response.objects.filter(survey=survey).order_by("pk"))
    weighting_info = weighting_for(survey, responses, structure)
    w = weighting_info.weights if weighting_info.available else {r.pk: 1.0 for r in responses}
    by_response = {r.pk: r for r in responses}
    answers_by_question: dict[int, list[Answer]] = {q.pk: [] for q in questions}
    for answer in Answer.objects.filter(response__survey=survey).order_by("response_id"):
        answers_by_question.setdefault(answer.question_id, []).append(answer)
    by_language = languages_of(responses)
    language_groups = [(row["code"], row["name"]) for row in by_language if row["code"]]
    results = []
    for question in questions:
        given = answers_by_question.get(question.pk, [])
        result = QuestionResult(question, answered=len(given))
        if question.kind == K.TEXT:
            for answer in given:
                # A free text is in the language the questionnaire was filled in (issue 18):
                # lang attribute and the language's name for the team.
                written = interface_languages.by_code(by_response[answer.response_id].language)
                answer.language_attrs = html_attrs(written.code) if written else ""
                answer.language_name = written.name if written and written.code != "de" else ""
            result.texts = given
        elif question.kind == K.NUMBER:
            values = np.array([a.value for a in given], dtype=float)
            weights = np.array([w.get(a.response_id, 1.0) for a in given])
            if len(values):
                result.mean = float(values.mean())
                result.weighted_mean = float((values * weights).sum() / weights.sum())
        elif question.kind == K.RANKING:
            result.rows = _ranking_rows(question, given, w)
        else:
            result.rows = _choice_rows(question, given, w)
            if question.kind == K.SCALE and given:
                values = np.array([a.value for a in given], dtype=float)
                weights = np.array([w.get(a.response_id, 1.0) for a in given])
                result.mean = float(values.mean())
                result.weighted_mean = float((values * weights).sum() / weights.sum())
            if question.kind in CROSS_KINDS:
                result.crosstabs = [
                    _crosstab(
                        question,
                        given,
                        by_response,
                        "age_group",
                        _("Altersgruppe"),
                        list(AgeGroup.choices),
                    ),
                    _crosstab(
                        question,
                        given,
                        by_response,
                        "district",
                        _("Ortsteil"),
                        sorted({(r.district, r.district) for r in responses if r.district}),
                    ),
                    _crosstab(
                        question,
                        given,
                        by_response,
                        "language",
                        _("Sprache der Oberfläche"),
                        language_groups,
                    ),
                ]
        results.append(result)
    return {
        "questions": results,
        "responses": len(responses),
        "paper": sum(1 for r in responses if r.origin == Response.Origin.PAPER),
        "weighting": weighting_info,
        "weights": w,
        "interface_languages": by_language,
    }


def languages_of(responses: list[Response]) -> list[dict]:
    """Responses per interface language (issue 18): whom the survey reaches, no other data.

    Rows in the order of the language switcher; paper and older responses have no language.
    """
    counts: dict[str, int] = {}
    for response in responses:
        counts[response.language] = counts.get(response.language, 0) + 1
    return interface_languages.rows_by_language(counts, _("ohne Angabe (z. B. Papier)"))


def _choice_rows(question, given, w) -> list[OptionRow]:
    options = _option_labels(question)
    counts = {str(v): 0 for v, _label in options}
    weighted = {str(v): 0.0 for v, _label in options}
    for answer in given:
        values = answer.value if question.kind == K.MULTIPLE else [answer.value]
        for value in values:
            key = str(value)
            if key not in counts:  # an Ortsteil typed freely
                counts[key], weighted[key] = 0, 0.0
                options.append((key, key))
            counts[key] += 1
            weighted[key] += w.get(answer.response_id, 1.0)
    n = len(given) or 1
    wn = sum(w.get(a.response_id, 1.0) for a in given) or 1.0
    return [
        OptionRow(
            label, counts[str(v)], counts[str(v)] / n, weighted[str(v)], weighted[str(v)] / wn
        )
        for v, label in options
    ]


def _ranking_rows(question, given, w) -> list[OptionRow]:
    """Mean rank per option (raw and weighted), best first: ``share`` holds the mean rank."""
    options = question.options or []
    rank_sum = np.zeros(len(options))
    wrank_sum = np.zeros(len(options))
    total_w = 0.0
    for answer in given:
        weight = w.get(answer.response_id, 1.0)
        total_w += weight
        for rank, index in enumerate(answer.value, start=1):
            if 0 <= index < len(options):
                rank_sum[index] += rank
                wrank_sum[index] += rank * weight
    n = len(given) or 1
    rows = [
        OptionRow(label, len(given), rank_sum[i] / n, 0.0, wrank_sum[i] / (total_w or 1.0))
        for i, label in enumerate(options)
    ]
    return sorted(rows, key=lambda r: r.share)


def _crosstab(question, given, by_response, attr, title, groups) -> dict:
    options = _option_labels(question)
    keys = [str(v) for v, _label in options]
    table = {g: dict.fromkeys(keys, 0) for g, _l in groups}
    for answer in given:
        group = getattr(by_response[answer.response_id], attr)
        if group in table and str(answer.value) in table[group]:
            table[group][str(answer.value)] += 1
    rows = []
    for g, label in groups:
        total = sum(table[g].values())
        if total:
            rows.append(
                {
                    "label": label,
                    "total": total,
                    "cells": [(table[g][k], table[g][k] / total) for k in keys],
                }
            )
    return {"title": title, "columns": [label for _v, label in options], "rows": rows}


def export_rows(survey: Survey, *, structure=None) -> tuple[list[str], list[list]]:
    """One row per response: id, origin, date, age group, sex, Ortsteil, weight, answers."""
    questions = list(survey.questions.all())
    data = survey_results(survey, structure=structure)
    weights = data["weights"]
    headers = [
        _("Nr."),
        _("Herkunft"),
        _("Eingang"),
        _("Altersgruppe"),
        _("Geschlecht"),
        _("Ortsteil"),
        _("Gewicht"),
    ] + [q.text for q in questions]
    answers: dict[int, dict[int, Answer]] = {}
    for answer in Answer.objects.filter(response__survey=survey):
        answers.setdefault(answer.response_id, {})[answer.question_id] = answer
    rows = []
    for response in Response.objects.filter(survey=survey).order_by("pk"):
        mine = answers.get(response.pk, {})
        row = [
            response.pk,
            response.get_origin_display(),
            response.created_at.strftime("%d.%m.%Y"),
            response.get_age_group_display() if response.age_group else "",
            response.get_sex_display() if response.sex else "",
            response.district,
            round(weights.get(response.pk, 1.0), 4),
        ]
        for question in questions:
            answer = mine.get(question.pk)
            if answer is None:
                row.append("")
            elif answer.hidden_reason:
                row.append(_("[ausgeblendet]"))
            else:
                row.append("; ".join(answer_rules.labels(question, answer.value)))
        rows.append(row)
    return headers, rows
