"""Number formats of the Zwischenbilanz and the council report: German, with the decimals
an indicator's figures need (whole numbers for counts)."""

from django import template

from zwk.plans.review.charts import figure as _figure

register = template.Library()


@register.filter
def figure(value, digits=1):
    """``{{ value|figure:row.digits }}``: 1.234,5 – and "–" for no value."""
    return _figure(value, int(digits))


@register.filter
def count(value):
    """A count in German format: 1.234 (no decimals)."""
    return _figure(value, 0)
