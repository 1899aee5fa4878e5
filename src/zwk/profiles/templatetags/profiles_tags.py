from django import template
from django.utils.translation import gettext as _

from zwk.profiles.charts import fmt

register = template.Library()


@register.filter
def de_number(value, digits=None):
    """Numbers in German format; whole numbers without decimals, others with one."""
    if isinstance(value, bool) or value is None:
        return "–" if value is None else value
    if isinstance(value, int):
        return fmt(value, 0)
    if isinstance(value, float):
        if digits is None:
            digits = 0 if abs(value) >= 1000 or value == int(value) else 1
        return fmt(value, int(digits))
    return value


@register.filter
def table_cells(table):
    """Rows of a data table for print: the first column and every "Jahr" column as they are
    (years read "2021", never "2.021"), the other numbers through ``de_number``."""
    year_header = str(_("Jahr"))
    raw = {0} | {i for i, h in enumerate(table.headers) if str(h) == year_header}
    return [[(v if i in raw else de_number(v)) for i, v in enumerate(row)] for row in table.rows]


def _step_digits(step) -> int:
    """Decimals of a slider step ("0.05" → 2); profiles.js formats live values the same way."""
    text = str(step or "1")
    return len(text.split(".", 1)[1]) if "." in text else 0


@register.filter
def slider_value(field):
    """The value shown in a slider's ``<output>``: German format, as many decimals as its step.

    A submitted value arrives as the raw string ("3.5"), the initial one as a float; both are
    shown the same way. Something that is no number (invalid input) is shown as typed."""
    value = field.value()
    if value in (None, ""):
        value = field.initial
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    return fmt(number, _step_digits(field.field.widget.attrs.get("step")))
