"""Content in several languages (issue 18, item 3): what a Kommune writes and what people write.

**Texts of the Kommune** (project, survey, questions and answer options, idea collection,
workshop title and Leitfrage, event description) are written in German and may carry
translations in a JSON field ``translations`` on the same row::

    {"tr": {"title": "…", "intro": "…"}, "ar": {"title": "…"}, "uk": {"options": ["…", "…"]}}

Keys are Django language codes from ``settings.LANGUAGES`` (``de-ls`` = Leichte Sprache).
:func:`localized` picks the page's language and falls back to German; the result knows whether
it fell back, so the page can mark the German text ``lang="de"`` and say "Nicht übersetzt".

Why a JSON field and not django-modeltranslation or django-parler (docs/uebersetzungen.md):
modeltranslation adds one column per field *and language* – a Kommune adding Polish would need
a migration, which issue 18 rules out (a language is a catalogue and a settings line); parler
needs a translation table and base class per model and moves the German text out of the
existing columns. Answer options are already a JSON list. The German columns stay as they are.

**Contributions** (ideas, comments, workshop cards) keep the language they were written in
(``language``, the Django code of the interface at writing time) and may get one translation by
the moderation (``moderator_translation`` in ``moderator_translation_language``), see
:class:`ContributionLanguage`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zwk.core import languages
from zwk.core.text import clean_text

SOURCE_LANGUAGE = "de"


def translation_languages() -> list[languages.Language]:
    """Languages a team may enter translations for: all offered ones except German."""
    return [language for language in languages.available() if language.code != SOURCE_LANGUAGE]


def html_attrs(code: str | None) -> SafeString | str:
    """`` lang="…" dir="…"`` for text in language ``code`` when it differs from the page."""
    if not code:
        return ""
    language = languages.by_code(code) or languages.by_query(code)
    html_lang = language.html_lang if language else code
    direction = language.direction if language else "ltr"
    if languages.current().html_lang == html_lang:
        return ""
    return format_html(' lang="{}" dir="{}"', html_lang, direction)


@dataclass(frozen=True)
class Localized:
    """One text of the Kommune as shown on this page."""

    text: object  # str, or a list for answer options
    code: str  # Django code of the language the text is in
    fallback: bool  # True: the page's language has no translation, German is shown

    def __str__(self) -> str:
        return str(self.text)

    @property
    def attrs(self):
        return html_attrs(self.code)


def translated_value(obj, field: str, code: str | None = None):
    """The stored translation of ``field`` into ``code`` (the page's language), or None."""
    code = code or translation.get_language() or settings.LANGUAGE_CODE
    entry = (getattr(obj, "translations", None) or {}).get(code) or {}
    value = entry.get(field)
    if isinstance(value, str):
        value = value.strip()
    return value or None


def localized(obj, field: str, code: str | None = None) -> Localized:
    """``obj.<field>`` in the page's language, else the German original (marked as fallback).

    Answer options (a list) are used only when the translation has as many options as the
    German list – the stored answers are the German options, matched by position.
    """
    code = code or translation.get_language() or settings.LANGUAGE_CODE
    original = getattr(obj, field)
    if code == SOURCE_LANGUAGE or not original:
        return Localized(original, SOURCE_LANGUAGE, False)
    value = translated_value(obj, field, code)
    if isinstance(original, list):
        value = _aligned(original, value)
    if value is None:
        return Localized(original, SOURCE_LANGUAGE, True)
    return Localized(value, code, False)


def _aligned(original: list, value) -> list | None:
    """Translated options in the positions of the German ones (a scale stores only the labels
    of 1 and 5 as ``["gar nicht", "", "", "", "sehr"]``); None if the counts differ."""
    if not isinstance(value, list):
        return None
    if len(value) == len(original):
        return value
    filled = [i for i, option in enumerate(original) if str(option).strip()]
    if len(value) != len(filled):
        return None
    result = [""] * len(original)
    for position, text in zip(filled, value, strict=True):
        result[position] = text
    return result


class ModeratorTranslated(models.Model):
    """One translation by the moderation (survey free texts: their language is the
    response's, so they use this without :class:`ContributionLanguage`'s ``language``)."""

    moderator_translation = models.TextField(
        _("Übersetzung durch die Moderation"), max_length=4000, blank=True
    )
    moderator_translation_language = models.CharField(
        _("Sprache der Übersetzung"), max_length=10, blank=True
    )

    class Meta:
        abstract = True

    @property
    def translation_attrs(self):
        return html_attrs(self.moderator_translation_language)

    @property
    def translation_language_name(self) -> str:
        language = languages.by_code(self.moderator_translation_language)
        return language.name if language else ""


class ContributionLanguage(ModeratorTranslated):
    """The language a contribution was written in, and one translation by the moderation."""

    language = models.CharField(
        _("geschrieben in"),
        max_length=10,
        blank=True,
        help_text=_("Sprache der Oberfläche beim Schreiben (leer: nicht bekannt)."),
    )

    class Meta:
        abstract = True

    @property
    def language_attrs(self):
        return html_attrs(self.language)

    @property
    def language_name(self) -> str:
        language = languages.by_code(self.language)
        return language.name if language else ""


def writing_language() -> str:
    """The Django code of the interface now – stored with a new contribution."""
    code = translation.get_language() or ""
    return code if languages.by_code(code) else ""


class TranslationsFormMixin:
    """Adds "Übersetzungen" to a team form: per offered language one optional field for each
    translatable text (``translated_fields``: stored key → the form field it translates).

    The fields are named ``<key>__<code>`` (e.g. ``title__tr``) and are left out of
    ``visible_fields()``; ``includes/form.html`` shows them in one collapsible section per
    language (``translation_sections``). A ModelForm writes them to ``instance.translations``
    after its own ``clean()``; a plain form reads :meth:`cleaned_translations`. Languages no
    longer offered keep what was stored. Keys listed in ``list_fields`` are entered one per line
    (answer options) and must have as many lines as the German list.
    """

    translated_fields: dict[str, str] = {}
    list_fields: frozenset[str] = frozenset()

    def __init__(self, *args, translations=None, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        self._stored_translations = dict(
            translations if translations is not None else getattr(instance, "translations", {})
        )
        self._translation_names: set[str] = set()
        self.translation_sections = []
        for language in translation_languages():
            stored = self._stored_translations.get(language.code) or {}
            names = []
            for key, source_name in self.translated_fields.items():
                source = self.fields[source_name]
                name = f"{key}__{language.code}"
                widget = (
                    forms.Textarea(attrs={"rows": 3 if key in self.list_fields else 4})
                    if isinstance(source.widget, forms.Textarea)
                    else forms.TextInput()
                )
                # dir="auto": the team types Arabic right to left in the same form.
                widget.attrs.update({"lang": language.html_lang, "dir": "auto"})
                value = stored.get(key)
                self.fields[name] = forms.CharField(
                    label=format_html(
                        '{} (<span lang="{}" dir="{}">{}</span>)',
                        source.label,
                        language.html_lang,
                        language.direction,
                        language.name,
                    ),
                    required=False,
                    max_length=None
                    if key in self.list_fields
                    else getattr(source, "max_length", None),
                    widget=widget,
                    initial="\n".join(value) if isinstance(value, list) else (value or ""),
                )
                names.append(name)
                self._translation_names.add(name)
            self.translation_sections.append(
                {"language": language, "names": names, "filled": bool(stored)}
            )

    def visible_fields(self):
        return [f for f in super().visible_fields() if f.name not in self._translation_names]

    def translation_bound_sections(self):
        return [
            {**section, "fields": [self[name] for name in section["names"]]}
            for section in self.translation_sections
        ]

    def _source_list(self, key) -> list:
        value = getattr(self, "cleaned_data", {}).get(self.translated_fields[key])
        if isinstance(value, str):
            value = value.splitlines()
        return [o for o in (value or []) if str(o).strip()]

    def cleaned_translations(self) -> dict:
        offered = {language.code for language in translation_languages()}
        result = {
            code: entry for code, entry in self._stored_translations.items() if code not in offered
        }
        data = getattr(self, "cleaned_data", {})
        for language in translation_languages():
            entry = {}
            for key in self.translated_fields:
                name = f"{key}__{language.code}"
                value = (data.get(name) or "").strip()
                if not value:
                    continue
                if key in self.list_fields:
                    entry[key] = [line.strip() for line in value.splitlines() if line.strip()]
                else:
                    entry[key] = value
            if entry:
                result[language.code] = entry
        return result

    def clean(self):
        data = super().clean()
        for key in self.list_fields:
            expected = len(self._source_list(key))
            for language in translation_languages():
                name = f"{key}__{language.code}"
                lines = [line for line in (data.get(name) or "").splitlines() if line.strip()]
                if lines and len(lines) != expected:
                    self.add_error(
                        name,
                        _(
                            "Bitte genau so viele Zeilen wie auf Deutsch (%(n)d), in derselben "
                            "Reihenfolge – die Antworten werden der deutschen Fassung zugeordnet."
                        )
                        % {"n": expected},
                    )
        # The per-language fields become one ``translations`` value, so views that hand
        # ``cleaned_data`` to a service (workshops, events) pass it on like any other field.
        translations = self.cleaned_translations()
        for name in self._translation_names:
            data.pop(name, None)
        data["translations"] = translations
        return data

    def _post_clean(self):
        super()._post_clean()
        instance = getattr(self, "instance", None)
        if instance is not None and hasattr(instance, "translations") and not self._errors:
            instance.translations = self.cleaned_data["translations"]


class ModeratorTranslationForm(forms.Form):
    """The moderation translates one contribution (e.g. a Turkish idea into German)."""

    moderator_translation = forms.CharField(
        label=_("Übersetzung durch die Moderation"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_(
            "Steht neben dem Original und ist als Übersetzung der Moderation gekennzeichnet. "
            "Leer speichern entfernt die Übersetzung."
        ),
    )
    moderator_translation_language = forms.ChoiceField(label=_("Sprache der Übersetzung"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moderator_translation_language"].choices = [
            (language.code, language.name) for language in languages.available()
        ]
        self.fields["moderator_translation_language"].initial = SOURCE_LANGUAGE

    @classmethod
    def for_item(cls, item, data=None, prefix=None):
        return cls(
            data,
            prefix=prefix,
            initial={
                "moderator_translation": item.moderator_translation,
                "moderator_translation_language": item.moderator_translation_language
                or SOURCE_LANGUAGE,
            },
        )


def moderator_translation_set(*, item, text: str, language: str) -> list[str]:
    """Store (or with an empty text remove) the moderation's translation of ``item``; returns
    the changed field names for ``save(update_fields=…)``/the audit log of the calling service."""
    text = (text or "").strip()
    item.moderator_translation = text
    item.moderator_translation_language = language if text else ""
    return ["moderator_translation", "moderator_translation_language"]


def moderator_translation_checked(*, item, text: str, language: str) -> list[str]:
    """:func:`moderator_translation_set` for a service that was not handed a validated form:
    a language ZWK does not offer or an overlong text → German ValidationError, nothing set."""
    if languages.by_code(language) is None:
        raise ValidationError(
            {"moderator_translation_language": gettext("Diese Sprache bietet ZWK nicht an.")}
        )
    text = clean_text(text or "")
    if len(text) > 4000:
        raise ValidationError(
            {
                "moderator_translation": gettext("Höchstens %(n)d Zeichen, bitte kürzen Sie.")
                % {"n": 4000}
            }
        )
    return moderator_translation_set(item=item, text=text, language=language)
