"""The five programme steps as a small registry (cf. adhocracy4 ``phases.py``).

Each step says what it is for, who should take part, what it should produce, how long it
typically takes, its default checklist and the templates a Kommune can download. Views and
templates read this registry instead of branching on step names.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class DocumentTemplate:
    slug: str
    title: str
    template: str  # path of a Django text template rendered with the Kommune


@dataclass(frozen=True)
class StepType:
    kind: str  # code name (glossary)
    slug: str  # German URL segment
    number: int
    title: str
    purpose: str
    participants: str
    results: tuple[str, ...]
    duration: str
    checklist: tuple[str, ...]
    templates: tuple[DocumentTemplate, ...] = ()
    feature_url_name: str = ""  # the feature app's page, once it exists


STEPS: tuple[StepType, ...] = (
    StepType(
        kind="kickoff",
        slug="kickoff",
        number=1,
        title=_("Kick-off"),
        purpose=_(
            "Verwaltung, Politik und wichtige Akteure vereinbaren gemeinsam, woran die Kommune "
            "in den nächsten Monaten arbeitet: Team, Themen, Ziele und Zeitplan."
        ),
        participants=_(
            "Verwaltungsspitze (Bürgermeisterin/Bürgermeister oder Landrätin/Landrat), "
            "Koordination, Fachämter, Vertretungen aus Politik, Vereinen, Wirtschaft und "
            "Zivilgesellschaft, die Beraterin oder der Berater aus dem Beratungspool."
        ),
        results=(
            _("Kernteam mit Zuständigkeiten"),
            _("Zwei bis vier Schwerpunktthemen (Handlungsfelder)"),
            _("Vereinbarte Ziele für den Prozess"),
            _("Zeitplan bis zur Zwischenbilanz"),
            _("Protokoll der Auftaktveranstaltung"),
        ),
        duration=_("eine halbtägige Veranstaltung, Vorbereitung etwa 4 Wochen"),
        checklist=(
            _("Kernteam benennen und Koordination festlegen"),
            _("Verwaltungsspitze für die Teilnahme gewinnen"),
            _("Akteure aus Vereinen, Wirtschaft und Zivilgesellschaft einladen"),
            _("Schwerpunktthemen vorauswählen"),
            _("Auftaktveranstaltung durchführen"),
            _("Ziele und Zeitplan schriftlich festhalten"),
            _("Protokoll hochladen"),
        ),
        templates=(
            DocumentTemplate(
                "einladung",
                _("Einladung zur Auftaktveranstaltung"),
                "municipalities/doc_templates/kickoff_einladung.txt",
            ),
            DocumentTemplate(
                "tagesordnung",
                _("Tagesordnung"),
                "municipalities/doc_templates/kickoff_tagesordnung.txt",
            ),
            DocumentTemplate(
                "protokoll", _("Protokollvorlage"), "municipalities/doc_templates/protokoll.txt"
            ),
        ),
    ),
    StepType(
        kind="profile",
        slug="kommunalprofil",
        number=2,
        title=_("Kommunalprofil"),
        purpose=_(
            "Die Kommune verschafft sich ein Bild ihrer demografischen Lage: Bevölkerung, "
            "Altersstruktur, Wanderungen, Vorausberechnung und Vergleich mit ähnlichen "
            "Kommunen – und leitet daraus Stärken, Schwächen, Chancen und Risiken ab."
        ),
        participants=_(
            "Koordination, Statistik- oder Planungsstelle, Fachämter (Soziales, Bildung, "
            "Bauen), Beraterin oder Berater; für Interviews: Schlüsselpersonen vor Ort."
        ),
        results=(
            _("Demografisches Profil mit Kennzahlen und Vorausberechnung"),
            _("Bestandsaufnahme laufender Maßnahmen und Initiativen"),
            _("SWOT-Analyse"),
            _("Vorschläge für Handlungsfelder der Zukunftswerkstatt"),
        ),
        duration=_("etwa 2 bis 3 Monate"),
        checklist=(
            _("Statistische Daten zusammentragen oder importieren"),
            _("Kennzahlen und Vorausberechnung besprechen"),
            _("Bestandsaufnahme bestehender Angebote und Initiativen"),
            _("Interviews mit Schlüsselpersonen führen"),
            _("SWOT-Analyse erstellen"),
            _("Handlungsfelder für die Zukunftswerkstatt auswählen"),
        ),
        templates=(
            DocumentTemplate(
                "interviewleitfaden",
                _("Leitfaden für Interviews mit Schlüsselpersonen"),
                "municipalities/doc_templates/interviewleitfaden.txt",
            ),
        ),
        feature_url_name="profiles:profile",
    ),
    StepType(
        kind="workshop",
        slug="zukunftswerkstatt",
        number=3,
        title=_("Zukunftswerkstatt"),
        purpose=_(
            "Bürgerinnen und Bürger aller Altersgruppen entwickeln gemeinsam Ideen: erst Kritik, "
            "dann Visionen, dann konkrete Projekte (Methode nach Robert Jungk)."
        ),
        participants=_(
            "Bürgerinnen und Bürger aller Altersgruppen – gezielt auch Jugendliche, Ältere und "
            "Menschen mit Migrationsgeschichte –, Vereine, Verwaltung, Politik; Moderation."
        ),
        results=(
            _("Gesammelte Kritikpunkte und Visionen"),
            _("Priorisierte Ideen (Punktabfrage)"),
            _("Projektskizzen mit Patinnen und Paten"),
            pgettext_lazy("document", "Protokoll"),
        ),
        duration=_("ein bis zwei Tage oder mehrere Abende; Vorbereitung etwa 6 Wochen"),
        checklist=(
            _("Termin, Ort und Online-Teilnahme festlegen"),
            _("Einladung breit streuen (Presse, Vereine, Schulen, Seniorentreffs)"),
            _("Moderation und Spielregeln vorbereiten"),
            _("Zukunftswerkstatt durchführen"),
            _("Ergebnisse und Protokoll veröffentlichen"),
        ),
        templates=(
            DocumentTemplate(
                "einladung",
                _("Einladung zur Zukunftswerkstatt"),
                "municipalities/doc_templates/werkstatt_einladung.txt",
            ),
            DocumentTemplate(
                "protokoll", _("Protokollvorlage"), "municipalities/doc_templates/protokoll.txt"
            ),
        ),
        feature_url_name="workshops:list",
    ),
    StepType(
        kind="plan",
        slug="werkstattplan",
        number=4,
        title=_("Werkstattplan"),
        purpose=_(
            "Aus den Ideen wird eine Demografiestrategie: Maßnahmen mit Zielen, Zuständigen, "
            "Zeitplan, Budget und Indikatoren, beschlossen und für alle sichtbar."
        ),
        participants=_(
            "Kernteam, Fachämter, Patinnen und Paten der Projekte, Politik für den Beschluss."
        ),
        results=(
            _("Leitbild und Handlungsfelder mit Zielen"),
            _("Maßnahmen mit Verantwortlichen, Zeitplan und Budget"),
            _("Indikatoren mit Ausgangswerten und Zielwerten"),
            _("Beschluss des Werkstattplans"),
        ),
        duration=_("etwa 2 Monate"),
        checklist=(
            _("Projektskizzen aus der Zukunftswerkstatt übernehmen"),
            _("Maßnahmen mit Zielen und Zuständigen beschreiben"),
            _("Indikatoren und Zielwerte festlegen"),
            _("Entwurf intern abstimmen"),
            _("Werkstattplan beschließen und veröffentlichen"),
        ),
        templates=(
            DocumentTemplate(
                "massnahmenblatt",
                _("Maßnahmenblatt"),
                "municipalities/doc_templates/massnahmenblatt.txt",
            ),
        ),
        feature_url_name="plans:plan",
    ),
    StepType(
        kind="review",
        slug="zwischenbilanz",
        number=5,
        title=_("Zwischenbilanz"),
        purpose=_(
            "Die Kommune prüft, was erreicht wurde: Stand der Maßnahmen, Entwicklung der "
            "Indikatoren gegenüber dem Ausgangswert, Lehren für sich und andere Kommunen."
        ),
        participants=_("Kernteam, Verantwortliche der Maßnahmen, Beraterin oder Berater, Politik."),
        results=(
            _("Stand jeder Maßnahme und jedes Indikators"),
            _("Lessons learnt"),
            _("Entscheidung über Verstetigung"),
            _("Bericht für Rat und Öffentlichkeit"),
        ),
        duration=_("etwa 1 Monat, ein Jahr nach dem Werkstattplan"),
        checklist=(
            _("Stand der Maßnahmen erheben"),
            _("Indikatoren aktualisieren"),
            _("Lessons learnt festhalten"),
            _("Verstetigung klären"),
            _("Bericht im Rat vorstellen"),
        ),
        templates=(
            DocumentTemplate(
                "protokoll", _("Protokollvorlage"), "municipalities/doc_templates/protokoll.txt"
            ),
        ),
        feature_url_name="review:review",
    ),
)

STEPS_BY_KIND: dict[str, StepType] = {s.kind: s for s in STEPS}
STEPS_BY_SLUG: dict[str, StepType] = {s.slug: s for s in STEPS}
STEP_KIND_CHOICES = [(s.kind, s.title) for s in STEPS]
