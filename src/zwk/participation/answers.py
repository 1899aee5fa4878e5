"""Answers of one question: read from a form, check, compare with a condition, show.

Stored values (``Answer.value``): option index (single), list of indices (multiple; ranking
in rank order), 1…5 (scale), integer (number), text (free text, Ortsteil), a code (age
group, sex). ``None`` means "not answered". The same checks run for the phone pages, the
paper entry and in the service before anything is stored.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeData
from django.utils.translation import gettext as _

from zwk.core.text import clean_line, clean_text
from zwk.participation.models import TEXT_MAX_LENGTH, AgeGroup, Question, Sex

K = Question.Kind


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def _scale_label(number: int, label):
    # A translated label may come marked up (<span lang="de">) – keep it markup, not text.
    if isinstance(label, SafeData):
        return format_html("{} – {}", number, label)
    return f"{number} – {label}"


def choices(question: Question, options: list | None = None) -> list[tuple[str, str]]:
    """(value, label) of the options a participant picks from. ``options``: the labels to show
    instead of the German ones (a translation, same positions); the values stay the same."""
    if question.kind == K.AGE_GROUP:
        return list(AgeGroup.choices)
    if question.kind == K.SEX:
        return list(Sex.choices)
    if question.kind == K.SCALE:
        labels = list(question.options if options is None else options)
        return [
            (
                str(i),
                _scale_label(i, labels[i - 1]) if i - 1 < len(labels) and labels[i - 1] else str(i),
            )
            for i in range(1, 6)
        ]
    shown = list(question.options or []) if options is None else list(options)
    if question.kind == K.DISTRICT:
        return [(o, label) for o, label in zip(question.options or [], shown, strict=True)]
    return [(str(i), label) for i, label in enumerate(shown)]


def _int(raw) -> int | None:
    try:
        return int(str(raw).strip())
    except (TypeError, ValueError):
        return None


def parse(question: Question, data) -> tuple[object, str | None]:
    """The value of ``question`` in the POSTed ``data`` (QueryDict or dict of lists):
    (value, None) – value None when left empty – or (None, German error)."""
    name = field_name(question)
    get_list = data.getlist if hasattr(data, "getlist") else lambda k: data.get(k, [])
    if question.kind == K.MULTIPLE:
        raw = [r for r in get_list(name) if str(r).strip() != ""]
        if not raw:
            return None, None
        values = [_int(r) for r in raw]
        return values, None
    if question.kind == K.RANKING:
        ranks = {}
        for i, _option in enumerate(question.options or []):
            raw = (get_list(f"{name}_{i}") or [""])[0]
            if str(raw).strip():
                ranks[i] = _int(raw)
        if not ranks:
            return None, None
        if any(r is None for r in ranks.values()):
            return None, _("Bitte geben Sie als Rang nur Zahlen an.")
        if len(ranks) != len(question.options):
            return None, _("Bitte vergeben Sie für jede Möglichkeit einen Rang.")
        order = sorted(ranks, key=lambda i: ranks[i])
        if sorted(ranks.values()) != list(range(1, len(ranks) + 1)):
            return None, _("Bitte vergeben Sie jeden Rang von 1 bis %(n)d genau einmal.") % {
                "n": len(ranks)
            }
        return order, None
    raw = (get_list(name) or [""])[0]
    raw = "" if raw is None else str(raw)
    if raw.strip() == "":
        return None, None
    if question.kind in (K.SINGLE, K.SCALE):
        return _int(raw), None
    if question.kind == K.NUMBER:
        value = _int(raw.replace(".", "").replace(" ", ""))
        if value is None:
            return None, _("Bitte geben Sie eine ganze Zahl ein, z. B. 3.")
        return value, None
    if question.kind == K.TEXT:
        if len(raw) > TEXT_MAX_LENGTH:
            return None, _("Bitte fassen Sie sich kürzer: höchstens %(n)d Zeichen.") % {
                "n": TEXT_MAX_LENGTH
            }
        return clean_text(raw, max_length=TEXT_MAX_LENGTH) or None, None
    if question.kind == K.DISTRICT:
        return clean_line(raw, max_length=80) or None, None
    return raw.strip(), None


def check(question: Question, value) -> str | None:
    """German error if ``value`` (not None) is no valid answer to ``question``."""
    n = len(question.options or [])
    kind = question.kind
    if kind == K.SINGLE:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < n:
            return _("Bitte wählen Sie eine der angebotenen Antworten.")
    elif kind == K.MULTIPLE:
        if (
            not isinstance(value, list)
            or not value
            or any(not isinstance(v, int) or isinstance(v, bool) or not 0 <= v < n for v in value)
            or len(set(value)) != len(value)
        ):
            return _("Bitte wählen Sie nur angebotene Antworten.")
    elif kind == K.SCALE:
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            return _("Bitte wählen Sie einen Wert von 1 bis 5.")
    elif kind == K.RANKING:
        if not isinstance(value, list) or sorted(value) != list(range(n)):
            return _("Bitte vergeben Sie für jede Möglichkeit einen Rang.")
    elif kind == K.NUMBER:
        if not isinstance(value, int) or isinstance(value, bool):
            return _("Bitte geben Sie eine ganze Zahl ein, z. B. 3.")
        low, high = question.number_min, question.number_max
        if (low is not None and value < low) or (high is not None and value > high):
            return _("Bitte geben Sie eine Zahl von %(low)s bis %(high)s ein.") % {
                "low": low if low is not None else "…",
                "high": high if high is not None else "…",
            }
    elif kind == K.TEXT:
        if not isinstance(value, str) or len(value) > TEXT_MAX_LENGTH:
            return _("Bitte fassen Sie sich kürzer: höchstens %(n)d Zeichen.") % {
                "n": TEXT_MAX_LENGTH
            }
    elif kind == K.DISTRICT:
        if not isinstance(value, str) or len(value) > 80:
            return _("Bitte geben Sie den Ortsteil mit höchstens 80 Zeichen an.")
        if question.options and value not in question.options:
            return _("Bitte wählen Sie einen Ortsteil aus der Liste.")
    elif kind == K.AGE_GROUP and value not in AgeGroup.values:
        return _("Bitte wählen Sie eine Altersgruppe aus der Liste.")
    elif kind == K.SEX and value not in Sex.values:
        return _("Bitte wählen Sie eine Angabe aus der Liste.")
    return None


def labels(question: Question, value) -> list[str]:
    """The answer as the texts the participant saw (several for multiple choice/ranking)."""
    if value is None:
        return []
    options = question.options or []
    if question.kind in (K.SINGLE,):
        return [options[value]] if 0 <= value < len(options) else []
    if question.kind in (K.MULTIPLE, K.RANKING):
        return [options[v] for v in value if 0 <= v < len(options)]
    if question.kind == K.SCALE:
        return [str(value)]
    if question.kind == K.AGE_GROUP:
        return [str(dict(AgeGroup.choices).get(value, value))]
    if question.kind == K.SEX:
        return [str(dict(Sex.choices).get(value, value))]
    return [str(value)]


def matches(question: Question, value, expected: str) -> bool:
    """Does answer ``value`` of ``question`` meet the condition "answer is ``expected``"?"""
    if value is None:
        return False
    expected = expected.strip().casefold()
    if question.kind in (K.SCALE, K.NUMBER):
        return str(value) == expected
    if question.kind in (K.AGE_GROUP, K.SEX) and str(value).casefold() == expected:
        return True
    return any(label.strip().casefold() == expected for label in labels(question, value))


def is_shown(question: Question, values: dict[int, object], by_pk: dict[int, Question]) -> bool:
    """Is ``question`` asked, given the answers so far (a condition on a hidden question
    counts as not met)?"""
    parent_pk = question.condition_question_id
    if not parent_pk:
        return True
    parent = by_pk.get(parent_pk)
    if parent is None:
        return True
    if not is_shown(parent, values, by_pk):
        return False
    return matches(parent, values.get(parent_pk), question.condition_value)
