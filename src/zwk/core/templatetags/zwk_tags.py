"""Presentation helpers: form field rendering with accessible descriptions, step status."""

from django import forms, template
from django.forms.boundfield import BoundWidget
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
def is_choice_group(field) -> bool:
    """Checkboxes or radio buttons of one question: a fieldset with a legend."""
    return isinstance(field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect)


@register.filter
def is_select(field) -> bool:
    return type(field.field.widget) is forms.Select


def _kern_class(widget, error: bool) -> str:
    """The KERN UX-Standard class of a widget (``--error`` variant when the field has errors)."""
    # CheckboxSelectMultiple is a subclass of RadioSelect: ask for it first.
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
        base = "kern-form-check__checkbox"
    elif isinstance(widget, forms.RadioSelect):
        base = "kern-form-check__radio"
    elif isinstance(widget, forms.Select):
        base = "kern-form-input__select"
    elif isinstance(widget, forms.Textarea | forms.FileInput) or (
        isinstance(widget, forms.widgets.Input)
        and widget.input_type not in {"range", "color", "hidden"}
    ):
        base = "kern-form-input__input"
    else:
        return ""
    return f"{base} {base}--error" if error else base


def _with_class(attrs: dict, extra: str) -> dict:
    if extra:
        attrs["class"] = " ".join(filter(None, [attrs.get("class", ""), extra]))
    return attrs


@register.filter
def describe(field):
    """Render the widget with aria-describedby (help, error), aria-invalid and KERN's class."""
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
    widget = field.field.widget
    _with_class(
        attrs,
        " ".join(
            filter(None, [widget.attrs.get("class", ""), _kern_class(widget, bool(field.errors))])
        ),
    )
    return field.as_widget(attrs=attrs)


@register.simple_tag
def choice_tag(choice, field):
    """One checkbox or radio button of a group, with KERN's class (the label is separate, so
    a wrapped label stays next to its box)."""
    attrs = dict(choice.data["attrs"])
    _with_class(attrs, _kern_class(field.field.widget, bool(field.errors)))
    if field.help_text or field.errors:
        ids = [f"{field.auto_id}_help"] if field.help_text else []
        ids += [f"{field.auto_id}_error"] if field.errors else []
        attrs["aria-describedby"] = " ".join(ids)
    return BoundWidget(choice.parent_widget, {**choice.data, "attrs": attrs}, choice.renderer).tag()


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
