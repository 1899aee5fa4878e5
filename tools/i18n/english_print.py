"""English for the printed join notice and survey letters in several languages (issue 18,
item 6) and the team's language choice for them. Written into src/zwk/locale/en by
tools/i18n/fill.py en. Terms as in tools/i18n/english.py.
"""

S = [
    ("Aushang zum Mitmachen", "Join notice"),
    ("%(day)s, %(date)s, %(time)s Uhr", "%(day)s, %(date)s, %(time)s"),
    (
        "QR-Code zur Befragung mit dem Zugangscode %(code)s: %(url)s",
        "QR code for the survey with access code %(code)s: %(url)s",
    ),
    ("Sprachen", "Languages"),
    (
        "Für jede Sprache eine eigene Seite, ganz in dieser Sprache. Der QR-Code öffnet die Seite gleich in dieser Sprache.",
        "One page per language, entirely in that language. The QR code opens the page in that language.",
    ),
    ("Bitte wählen Sie mindestens eine Sprache.", "Please choose at least one language."),
    (
        "Die Sprache „%(value)s“ gibt es nicht. Bitte wählen Sie aus der Liste.",
        "There is no language “%(value)s”. Please choose from the list.",
    ),
    ("Aushang in mehreren Sprachen (PDF)", "Join notice in several languages (PDF)"),
    (
        "Wählen Sie die Sprachen der Menschen, die Sie erreichen wollen. Das PDF hat für jede Sprache eine Seite.",
        "Choose the languages of the people you want to reach. The PDF has one page per language.",
    ),
    ("PDF erstellen", "Create PDF"),
    (
        "Ein Brief je unbenutztem Code. Wählen Sie mehrere Sprachen, bekommt jeder Brief eine Seite je Sprache: Der QR-Code auf jeder Seite öffnet die Umfrage in dieser Sprache, mit dem Code schon eingetragen.",
        "One letter per unused code. If you choose several languages, each letter gets one page per language: the QR code on each page opens the survey in that language with the code already filled in.",
    ),
    ("Stapel", "Batch"),
    ("Stapel %(b)s", "Batch %(b)s"),
    ("Briefe als PDF", "Letters as PDF"),
]

P = []
