"""Language tags: <html lang dir>, the switcher, and German content inside other languages."""

from django import template
from django.utils.html import format_html

from zwk.core import content_language, languages

register = template.Library()


@register.simple_tag
def html_lang_dir():
    """``lang="…" dir="…"`` for the <html> element (Leichte Sprache is lang="de")."""
    language = languages.current()
    return format_html('lang="{}" dir="{}"', language.html_lang, language.direction)


@register.simple_tag
def content_lang(lang="de"):
    """``lang="de" dir="ltr"`` on text a Kommune wrote in German, when the page is not German.

    Screen readers then read the Leitfrage with a German voice inside an English or Arabic page.
    """
    if languages.current().html_lang == lang:
        return ""
    return format_html(' lang="{}" dir="ltr"', lang)


@register.simple_tag
def localized(obj, field):
    """``{% localized survey "title" as t %}`` → ``t.text``, ``t.attrs`` (lang/dir when the
    text is not in the page's language) and ``t.fallback`` (German shown, no translation)."""
    return content_language.localized(obj, field)


@register.inclusion_tag("includes/untranslated_hint.html")
def untranslated_hint():
    """The visible note under German text on a page in another language (issue 18)."""
    return {}


@register.inclusion_tag("includes/moderator_translation.html")
def moderator_translation(contribution):
    """The moderation's translation next to a contribution, marked as such, in its own lang."""
    return {"item": contribution}


@register.inclusion_tag("includes/moderator_translation_form.html", takes_context=True)
def moderator_translation_form(context, item, action, prefix):
    """The team's form to translate one contribution (posted to ``action``); the form prefix
    is ``prefix`` + the item's id, so several forms on one page keep distinct ids."""
    return {
        "item": item,
        "action": action,
        "form": content_language.ModeratorTranslationForm.for_item(
            item, prefix=f"{prefix}{item.pk}"
        ),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("includes/contribution_language.html")
def contribution_language(item):
    """ "geschrieben in Türkçe" for the moderation (nothing when the language is not known)."""
    return {"item": item}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    keep = []
    path = "/"
    if request is not None:
        path = request.path
        keep = [
            (key, value)
            for key, values in request.GET.lists()
            if key not in (languages.QUERY_PARAMETER, languages.SWITCH_MARKER, "v")
            for value in values
        ]
    return {
        "languages": languages.available(),
        "current": languages.current(),
        "path": path,
        "keep": keep,
        "parameter": languages.QUERY_PARAMETER,
        "marker": languages.SWITCH_MARKER,
    }
