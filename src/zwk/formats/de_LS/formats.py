"""Leichte Sprache: dates with the month as a word ("7. Dezember 2026"), times as "14:30 Uhr".

Everything else as in German (Django's "de" formats).
"""

DATE_FORMAT = "j. F Y"
SHORT_DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y, H:i \\U\\h\\r"
SHORT_DATETIME_FORMAT = "j. F Y, H:i \\U\\h\\r"
TIME_FORMAT = "H:i \\U\\h\\r"
