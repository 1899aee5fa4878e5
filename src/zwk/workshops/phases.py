"""The phases of a Zukunftswerkstatt as a small registry (cf. adhocracy4 ``phases.py``).

Each phase type says what participants may do in it (``actions``), which extra fields a card
has, the rules shown to everyone (standard and Leichte Sprache) and a default time box. Rules,
services and templates read this registry instead of branching on phase names.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

WRITE = "write"  # participants write cards
VOTE = "vote"  # participants give points ("Punkten")


@dataclass(frozen=True)
class PhaseType:
    kind: str
    title: str
    prompt: str  # the question on every screen
    rules: tuple[str, ...]
    easy_prompt: str  # Leichte Sprache
    easy_rules: tuple[str, ...]
    actions: frozenset[str]
    default_minutes: int
    card_fields: tuple[str, ...] = ()  # extra fields of a card in this phase
    forbid_killer_phrases: bool = False

    def allows(self, action: str) -> bool:
        return action in self.actions


PHASE_TYPES: tuple[PhaseType, ...] = (
    PhaseType(
        kind="preparation",
        title=_("Vorbereitung und Spielregeln"),
        prompt=_("Willkommen! So arbeiten wir heute zusammen."),
        rules=(
            _("Alle Ideen zählen – jede Stimme ist gleich viel wert."),
            _("Kurz und konkret: eine Idee pro Karte."),
            _("Wir kritisieren Sachen, nicht Menschen."),
            _("Die Moderation achtet auf die Zeit."),
        ),
        easy_prompt=_("Willkommen! Hier sind unsere Regeln."),
        easy_rules=(
            _("Jede Meinung ist wichtig."),
            _("Schreiben Sie eine Idee auf eine Karte."),
            _("Wir sind freundlich zueinander."),
        ),
        actions=frozenset(),
        default_minutes=15,
    ),
    PhaseType(
        kind="critique",
        title=_("Kritikphase"),
        prompt=_("Was stört Sie?"),
        rules=(
            _("Sagen Sie offen, was Sie ärgert oder fehlt."),
            _("Eine Kritik pro Karte, in wenigen Worten."),
            _("Am Ende verteilen alle ihre Punkte auf die wichtigsten Karten."),
        ),
        easy_prompt=_("Was finden Sie schlecht in unserem Ort?"),
        easy_rules=(
            _("Schreiben Sie: Was stört Sie?"),
            _("Schreiben Sie nur eine Sache auf eine Karte."),
            _("Danach geben Sie Punkte. Viele Punkte heißt: sehr wichtig."),
        ),
        actions=frozenset({WRITE, VOTE}),
        default_minutes=45,
    ),
    PhaseType(
        kind="fantasy",
        title=_("Phantasiephase"),
        prompt=_("Es wäre schön, wenn …"),
        rules=(
            _("Träumen ist erlaubt: Geld, Vorschriften und Zuständigkeiten spielen keine Rolle."),
            _("Keine Killerphrasen wie „Das geht nicht“ oder „Das haben wir schon versucht“."),
            _("Bauen Sie auf den Ideen anderer auf."),
        ),
        easy_prompt=_("Wie soll unser Ort in Zukunft sein?"),
        easy_rules=(
            _("Schreiben Sie Ihre Wünsche auf."),
            _("Alles ist erlaubt. Auch große Ideen."),
            _("Sagen Sie nicht: „Das geht nicht.“"),
        ),
        actions=frozenset({WRITE, VOTE}),
        default_minutes=60,
        forbid_killer_phrases=True,
    ),
    PhaseType(
        kind="realisation",
        title=_("Verwirklichungsphase"),
        prompt=_("Was machen wir daraus – wer, bis wann, erster Schritt?"),
        rules=(
            _("Wählen Sie Ideen, die sich wirklich umsetzen lassen."),
            _("Schreiben Sie dazu: Was? Wer? Bis wann? Was ist der erste Schritt?"),
            _("Wer mitmachen möchte, sagt es – so entstehen Patenschaften."),
        ),
        easy_prompt=_("Was können wir wirklich machen?"),
        easy_rules=(
            _("Schreiben Sie: Was wollen wir machen?"),
            _("Wer macht mit? Bis wann?"),
            _("Was ist der erste Schritt?"),
        ),
        actions=frozenset({WRITE, VOTE}),
        default_minutes=60,
        card_fields=("who", "by_when", "first_step"),
    ),
    PhaseType(
        kind="follow_up",
        title=_("Nachbereitung"),
        prompt=_("Wie geht es weiter?"),
        rules=(
            _("Die Ergebnisse kommen ins Protokoll und in den Werkstattplan der Kommune."),
            _("Patinnen und Paten bringen die Projektskizzen voran."),
        ),
        easy_prompt=_("Wie geht es jetzt weiter?"),
        easy_rules=(
            _("Wir schreiben alle Ergebnisse auf."),
            _("Die Stadt oder Gemeinde plant damit weiter."),
        ),
        actions=frozenset(),
        default_minutes=15,
    ),
)

PHASE_TYPES_BY_KIND: dict[str, PhaseType] = {p.kind: p for p in PHASE_TYPES}
PHASE_KIND_CHOICES = [(p.kind, p.title) for p in PHASE_TYPES]

# Phrases that end a brainstorm before it starts (Jungk's "Killerphrasen"); compared in lower case.
KILLER_PHRASES: tuple[str, ...] = (
    "geht nicht",
    "das geht doch nicht",
    "zu teuer",
    "kein geld",
    "haben wir schon versucht",
    "haben wir schon immer so gemacht",
    "das war schon immer so",
    "unrealistisch",
    "das bringt nichts",
    "dafür sind wir nicht zuständig",
)


def killer_phrase_in(text: str) -> str | None:
    lowered = " ".join(text.lower().split())
    return next((p for p in KILLER_PHRASES if p in lowered), None)
