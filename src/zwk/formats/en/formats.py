"""English for readers in Germany: day before month, month as a word ("7 Dec 2026").

Django's "en" writes 12/07/2026 (month first), which British and most non-native readers take
for 12 July.
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
