"""Team side of the Zukunftswerkstatt, one module per page family (``urls.py`` names them):
list and edit, moderator console, projector, cards and clusters, results. The participant side
is ``participant_views.py``."""
