"""Presentation helpers: form field rendering with accessible descriptions, step status."""

from django import forms, template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def is_checkbox(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def is_multiple_checkbox(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxSelectMultiple)


@register.filter
def describe(field):
    """Render the widget with aria-describedby (help, error) and aria-invalid set."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_help")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    attrs = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def status_class(status: str) -> str:
    return {"open": "status-open", "in_progress": "status-progress", "done": "status-done"}.get(
        status, ""
    )


@register.filter
def percent(done, total) -> int:
    return round(100 * done / total) if total else 0


@register.simple_tag
def progress_label(done: int, total: int) -> str:
    return _("%(done)d von %(total)d Aufgaben erledigt") % {"done": done, "total": total}


@register.filter(is_safe=True)
def css_string(value) -> str:
    """``value`` escaped for the inside of a quoted CSS string, e.g. ``content: "…"`` in a
    ``<style>`` of a PDF template (page headers with the Kommune's name).

    Letters, digits and spaces stay; every other character becomes a CSS escape – backslash,
    hex code point, one space that ends the escape (``-`` → ``\\2d ``). So quotes, backslashes
    and line breaks cannot end the string, ``</style>`` cannot end the element, and the PDF
    shows the name exactly (``escapejs`` writes ``\\u002D``, which CSS reads as ``u002D``).
    HTML escaping would be wrong here: ``<style>`` is raw text, ``&amp;`` would be printed.
    """
    out = []
    for char in str(value):
        if char == " " or char.isalnum():
            out.append(char)
        elif char == "\0":  # not allowed in CSS; the parser would put U+FFFD in its place
            out.append("\\fffd ")
        else:
            out.append(f"\\{ord(char):x} ")
    return mark_safe("".join(out))
