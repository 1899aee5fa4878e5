"""English for content in several languages (issue 18, item 3): the team's "Übersetzungen"
sections, the moderation's translation of contributions and the participant's notes. Written
into src/zwk/locale/en by tools/i18n/fill.py en. Terms as in tools/i18n/english.py.
"""

S = [
    ("Nicht übersetzt – Originaltext auf Deutsch", "Not translated – original text in German"),
    ("Übersetzung durch die Moderation", "Translation by the moderators"),
    ("Zur Umfrage:", "To the survey:"),
    ("Zur Ideensammlung:", "To the idea collection:"),
    ("Übersetzungen", "Translations"),
    (
        "Freiwillig. Was hier leer bleibt, sehen Teilnehmende auf Deutsch, mit dem Hinweis „Nicht übersetzt – Originaltext auf Deutsch“. Antwortmöglichkeiten: eine je Zeile, in derselben Reihenfolge wie auf Deutsch.",
        "Optional. Whatever stays empty here, participants see in German, with the note “Not translated – original text in German”. Answer options: one per line, in the same order as in German.",
    ),
    ("übersetzt", "translated"),
    ("Übersetzung bearbeiten", "Edit translation"),
    ("Übersetzung hinzufügen", "Add translation"),
    ("Übersetzung speichern", "Save translation"),
    ("geschrieben in", "written in"),
    ("Sprache der Übersetzung", "Language of the translation"),
    (
        "Sprache der Oberfläche beim Schreiben (leer: nicht bekannt).",
        "Interface language while writing (empty: not known).",
    ),
    (
        "Steht neben dem Original und ist als Übersetzung der Moderation gekennzeichnet. Leer speichern entfernt die Übersetzung.",
        "Shown next to the original and marked as the moderators' translation. Saving it empty removes the translation.",
    ),
    (
        "Freiwillig. Steht neben dem Original und ist als Übersetzung der Moderation gekennzeichnet. Leer lassen entfernt sie.",
        "Optional. Shown next to the original and marked as the moderators' translation. Leaving it empty removes it.",
    ),
    (
        "Bitte genau so viele Zeilen wie auf Deutsch (%(n)d), in derselben Reihenfolge – die Antworten werden der deutschen Fassung zugeordnet.",
        "Please give exactly as many lines as in German (%(n)d), in the same order – the answers are matched to the German version.",
    ),
    ("Diese Sprache bietet ZWK nicht an.", "ZWK does not offer this language."),
    ("Die Übersetzung ist gespeichert.", "The translation has been saved."),
    ("Übersetzung der Idee „%(t)s“ gespeichert", "Translation of the idea “%(t)s” saved"),
    (
        "Übersetzung eines Kommentars zum Entwurf gespeichert",
        "Translation of a comment on the draft saved",
    ),
    ("Übersetzung eines Freitexts gespeichert", "Translation of a free-text answer saved"),
    (
        "Übersetzung eines Kommentars zur Idee „%(t)s“ gespeichert",
        "Translation of a comment on the idea “%(t)s” saved",
    ),
]

P = []
