"""Views of the Werkstattplan, one module per page family (``urls.py`` names them); the
Zwischenbilanz has its own views in ``zwk.plans.review.views``."""
