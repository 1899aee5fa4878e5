"""Template tags of the Werkzeugkoffer, usable from other apps' templates.

``{% load toolbox_tags %}{% recommended_tools municipality step.kind %}`` shows the
recommendations for one of the five steps (or for the Kommunalprofil with "profile"). Other apps
load this library in templates only – they never import the toolbox in Python (layers).
"""

from django import template

from zwk.toolbox import selectors
from zwk.toolbox.highlight import highlight as _highlight

register = template.Library()


@register.inclusion_tag("toolbox/_recommended.html")
def recommended_tools(municipality, step_kind, limit=5):
    return {
        "recommendations": selectors.recommend(municipality, step_kind, limit=limit),
        "municipality": municipality,
    }


@register.filter
def highlight(text, query):
    return _highlight(str(text or ""), str(query or ""))
