"""Onboarding content of the five steps for Kommunen that work on their own: what the step
is about in short and what people usually get wrong – what the programme's consultants used
to say at the start of each step. Examples from other Kommunen come from the database
(``sections.py``); videos are uploaded by the office (``StepVideo``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Guide:
    explanation: str
    mistakes: tuple[str, ...]


GUIDES: dict[str, Guide] = {
    "kickoff": Guide(
        explanation=_(
            "Im Kick-off legen Verwaltungsspitze, Politik und die wichtigsten Akteure fest, "
            "warum sich die Kommune mit dem demografischen Wandel befasst: wer im Kernteam "
            "mitarbeitet, welche Themen zuerst drankommen und bis wann die fünf Schritte "
            "durchlaufen sein sollen. Halten Sie das Ergebnis in der Vereinbarung fest."
        ),
        mistakes=(
            _("Die Bürgermeisterin oder der Bürgermeister fehlt – dann fehlt später der Rückhalt."),
            _("Nur die Verwaltung sitzt am Tisch; Vereine, Schulen, Wirtschaft kommen zu spät."),
            _("Zu viele Themen auf einmal: besser zwei oder drei Handlungsfelder zum Start."),
            _("Kein Zeitplan: ohne Termine verläuft der Prozess im Alltag."),
        ),
    ),
    "profile": Guide(
        explanation=_(
            "Das Kommunalprofil zeigt mit amtlichen Zahlen, wie sich Ihre Bevölkerung "
            "entwickelt hat und entwickeln kann, im Vergleich mit Kreis, Land und ähnlichen "
            "Kommunen. Die Situationsanalyse ergänzt, was Zahlen nicht zeigen: Gespräche mit "
            "Schlüsselpersonen, vorhandene Initiativen und eine SWOT-Analyse."
        ),
        mistakes=(
            _(
                "Die Vorausberechnung als Prognose lesen – sie zeigt, was passiert, wenn sich "
                "nichts ändert."
            ),
            _("Nur die Einwohnerzahl betrachten und die Altersstruktur übersehen."),
            _("Die Ergebnisse nicht mit Politik und Öffentlichkeit teilen."),
        ),
    ),
    "workshop": Guide(
        explanation=_(
            "In der Zukunftswerkstatt entwickeln Bürgerinnen und Bürger aller Altersgruppen in "
            "drei Phasen – Kritik, Fantasie, Verwirklichung – Ideen für ihre Kommune. Die "
            "Plattform sammelt Karten und Stimmen live; die Ergebnisse fließen in den "
            "Werkstattplan."
        ),
        mistakes=(
            _(
                "Immer dieselben Menschen einladen: Jugendliche, Zugezogene und Ältere gezielt "
                "ansprechen."
            ),
            _("Die Kritikphase abkürzen – dann kommen Beschwerden in der Fantasiephase zurück."),
            _("Nicht sagen, was mit den Ideen geschieht: Versprechen Sie eine Rückmeldung."),
        ),
    ),
    "plan": Guide(
        explanation=_(
            "Der Werkstattplan macht aus den Ideen Maßnahmen mit Verantwortlichen, Zeitplan, "
            "Kosten und einer erwarteten demografischen Wirkung. Ziele und Indikatoren zeigen "
            "später in der Zwischenbilanz, was erreicht wurde."
        ),
        mistakes=(
            _("Zu viele Maßnahmen ohne Verantwortliche: lieber wenige, die wirklich starten."),
            _("Ziele ohne messbaren Indikator – dann kann die Zwischenbilanz nichts zeigen."),
            _("Den Plan nicht vom Rat beschließen lassen."),
        ),
    ),
    "review": Guide(
        explanation=_(
            "Die Zwischenbilanz vergleicht die Indikatoren mit dem Ausgangswert und der "
            "Vorausberechnung, hält fest, was funktioniert hat und was nicht, und entscheidet, "
            "welche Maßnahmen verstetigt werden. Teilen Sie Ihre Erfahrungen mit anderen "
            "Kommunen im Werkzeugkoffer."
        ),
        mistakes=(
            _("Nur Erfolge berichten: Gerade was nicht geklappt hat, hilft anderen Kommunen."),
            _("Zu früh bilanzieren – Wirkungen auf die Bevölkerung brauchen Jahre."),
            _("Keine Entscheidung zur Verstetigung: Maßnahmen enden mit der Förderung."),
        ),
    ),
}
