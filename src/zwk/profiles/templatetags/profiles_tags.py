from django import template

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
