"""Printed notices and letters in several languages (issue 18, item 6).

The team ticks the languages a printout is needed in (default German); the PDF gets one page per
language – each page wholly in its language (static text inside ``{% language %}``, which is
``translation.override``), marked with its own ``lang``/``dir`` (and ``/Lang`` in the PDF's
structure tree, see :func:`zwk.core.pdf.mark_section_languages`), with a QR code that opens that
language version (``?sprache=tr`` …). One page per language rather than a bilingual layout: seven
languages do not fit side by side, Arabic runs right to left, and a page can be hung up or put in
an envelope for exactly the people it is meant for.

Used by the workshop's join notice (``workshops:join_sheet_pdf``) and the survey's access-code
letters (``participation_team:letters_pdf``).
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _lazy

from zwk.core import languages

FIELD = "sprachen"
MARKER = "auswahl"


def _choices():
    # Each language in its own name and script, marked with its lang (read aloud correctly).
    return [
        (
            language.query,
            format_html(
                '<span lang="{}" dir="{}">{}</span>',
                language.html_lang,
                language.direction,
                language.name,
            ),
        )
        for language in languages.available()
    ]


class _LanguagesField(forms.MultipleChoiceField):
    def to_python(self, value):
        # "?sprachen=" (an empty value) chooses nothing, it is not a language called "".
        return [item for item in super().to_python(value) if item]


class PrintLanguagesForm(forms.Form):
    """``?sprachen=de&sprachen=tr`` – the languages of a printout, German unless chosen."""

    # Sent with the form, so that unticking every box is an error, not "German" (a plain link
    # without the form – ``…/aushang.pdf`` – still means German).
    auswahl = forms.CharField(widget=forms.HiddenInput, required=False, initial="1")
    sprachen = _LanguagesField(
        label=_lazy("Sprachen"),
        help_text=_lazy(
            "Für jede Sprache eine eigene Seite, ganz in dieser Sprache. Der QR-Code öffnet die "
            "Seite gleich in dieser Sprache."
        ),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _lazy("Bitte wählen Sie mindestens eine Sprache."),
            "invalid_choice": _lazy(
                "Die Sprache „%(value)s“ gibt es nicht. Bitte wählen Sie aus der Liste."
            ),
        },
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields[FIELD].choices = _choices()
        self.fields[FIELD].initial = [languages.by_code(settings.LANGUAGE_CODE).query]

    def selected(self) -> list[languages.Language]:
        """The chosen languages in the order of the switcher (German first)."""
        chosen = set(self.cleaned_data[FIELD])
        return [language for language in languages.available() if language.query in chosen]


def form_for(request) -> PrintLanguagesForm:
    """Bound to the query when it names languages; otherwise German alone (a plain link)."""
    if FIELD in request.GET or MARKER in request.GET:
        return PrintLanguagesForm(request.GET)
    return PrintLanguagesForm({FIELD: [languages.by_code(settings.LANGUAGE_CODE).query]})


def query_string(form: PrintLanguagesForm) -> str:
    """``sprachen=de&sprachen=tr`` of a valid form (for the link to the PDF)."""
    return urlencode([(FIELD, language.query) for language in form.selected()])


def url_in(url: str, language: languages.Language) -> str:
    """``url`` opening in ``language``: ``…/?sprache=tr`` (or ``&sprache=`` after a query)."""
    separator = "&" if urlsplit(url).query else "?"
    return f"{url}{separator}{languages.QUERY_PARAMETER}={language.query}"


def german_text(text: str, language: languages.Language):
    """Text the Kommune wrote in German, marked ``lang="de"`` on a page in another language
    (read aloud with a German voice) – for use inside a translated sentence."""
    if language.html_lang == "de":
        return text
    return format_html('<span lang="de" dir="ltr">{}</span>', text)


def qr_data_uri(url: str) -> str:
    """The QR code of ``url`` as an SVG data URI for ``<img src alt>`` (a tagged Figure in the
    PDF, unlike inline SVG)."""
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)
