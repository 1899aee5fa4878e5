"""Target groups and check questions of the Demografie-Check (one registry each)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    ages: tuple[int, int] | None  # inclusive; None: a planning figure
    demand: str = ""  # key of the engine's planning demand
    toolbox: tuple[str, ...] = ()  # toolbox target groups


TARGETS = (
    Target("kleinkinder", _("Kinder unter 6 Jahren"), (0, 5), toolbox=("children", "families")),
    Target("schulkinder", _("Schulkinder (6 bis 15 Jahre)"), (6, 15), toolbox=("children",)),
    Target(
        "jugend", _("Jugendliche und junge Erwachsene (16 bis 24)"), (16, 24), toolbox=("youth",)
    ),
    Target("familien", _("Familien (Eltern im Alter 25 bis 44)"), (25, 44), toolbox=("families",)),
    Target("erwerb", _("Menschen im Alter 45 bis 64"), (45, 64), toolbox=("adults",)),
    Target("senioren", _("Ältere Menschen (65 bis 79)"), (65, 79), toolbox=("seniors",)),
    Target("hochbetagte", _("Hochbetagte (80 und älter)"), (80, 100), toolbox=("seniors",)),
    Target(
        "pflege",
        _("Menschen mit Pflegebedarf (erwartet)"),
        None,
        demand="care_needs",
        toolbox=("seniors",),
    ),
    Target(
        "neu",
        _("Neu Zugezogene (häufigstes Zuzugsalter 18 bis 34)"),
        (18, 34),
        toolbox=("migration", "families"),
    ),
)
TARGETS_BY_KEY = {t.key: t for t in TARGETS}
TARGET_CHOICES = [(t.key, t.label) for t in TARGETS]

QUESTIONS = (
    (
        "answer_generations",
        _("Generationengerechtigkeit"),
        _(
            "Wem nützt das Vorhaben heute, wem in 20 Jahren? Welche Lasten (Kosten, Unterhalt) "
            "tragen spätere Generationen?"
        ),
    ),
    (
        "answer_accessibility",
        _("Barrierefreiheit"),
        _("Ist das Vorhaben für Menschen mit Rollator, Kinderwagen oder Sehbehinderung nutzbar?"),
    ),
    (
        "answer_reuse",
        _("Nachnutzung bei sinkender Nachfrage"),
        _(
            "Was geschieht mit Gebäude oder Angebot, wenn die Zielgruppe kleiner wird? Ist eine "
            "andere Nutzung möglich?"
        ),
    ),
    (
        "answer_integration",
        _("Integration"),
        _(
            "Bringt das Vorhaben Menschen verschiedener Herkunft und Generationen zusammen? "
            "Erreicht es neu Zugezogene?"
        ),
    ),
)
