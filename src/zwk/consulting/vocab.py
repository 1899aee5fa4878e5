"""Fixed vocabularies of the Beratungspool: methods and languages (codes stay stable).

Regions are the Länder (``municipalities.validators.LAENDER``); Handlungsfelder are the
maintained ``Theme`` list.
"""

from django.utils.translation import gettext_lazy as _

METHODS = {
    "moderation": _("Moderation"),
    "datenanalyse": _("Datenanalyse"),
    "zukunftswerkstatt": _("Zukunftswerkstatt"),
    "buergerbeteiligung": _("Bürgerbeteiligung"),
    "jugendbeteiligung": _("Jugendbeteiligung"),
    "strategieentwicklung": _("Strategieentwicklung"),
    "projektmanagement": _("Projektmanagement"),
    "foerdermittel": _("Fördermittelberatung"),
    "oeffentlichkeitsarbeit": _("Öffentlichkeitsarbeit"),
    "evaluation": _("Evaluation und Wirkungsmessung"),
}
METHOD_CHOICES = list(METHODS.items())

LANGUAGES = {
    "de": _("Deutsch"),
    "en": _("Englisch"),
    "tr": _("Türkisch"),
    "ar": _("Arabisch"),
    "ru": _("Russisch"),
    "uk": _("Ukrainisch"),
    "pl": _("Polnisch"),
    "fr": _("Französisch"),
    "da": _("Dänisch"),
    "cs": _("Tschechisch"),
    "dgs": _("Deutsche Gebärdensprache"),
    "leichte": _("Leichte Sprache"),
}
LANGUAGE_CHOICES = list(LANGUAGES.items())
