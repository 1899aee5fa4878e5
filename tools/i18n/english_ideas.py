"""English for the texts of the Ideensammlung, Ideenkarte and Schulklassen pages that came with
their translation into all languages (issue 18). Same format as english.py (S: msgid, English;
P: (singular, plural), [one, other]); written into src/zwk/locale/en by tools/i18n/fill.py en.
"""

S = [
    ("von %(name)s", "by %(name)s"),
    (
        "Diese Idee wurde vom Team der Kommune ausgeblendet.",
        "The municipality's team has hidden this idea.",
    ),
    ("Ausgeblendet vom Team der Kommune.", "Hidden by the municipality's team."),
    ("Karte vergrößern", "Zoom in on the map"),
    ("Karte verkleinern", "Zoom out of the map"),
    ("Hinweis zur Idee schließen", "Close the idea's note"),
    # on the idea page, next to following one idea
    ("Ganzes Projekt verfolgen", "Follow the whole project"),
]

P = []
