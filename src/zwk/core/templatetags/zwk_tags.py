"""Presentation helpers: form field rendering with accessible descriptions, step status."""

from django import forms, template
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
