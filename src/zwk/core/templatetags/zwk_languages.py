"""Language tags: <html lang dir>, the switcher, and German content inside other languages."""

from django import template
from django.utils.html import format_html

from zwk.core import languages

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
