"""Translations for content in several languages (issue 18, item 3), prepared by the team.

The participant sees these next to what a Kommune or a person wrote: the note under German
text on a page in another language, the mark of the moderation's translation, and the link
words in front of a (translated) survey or idea collection title. Written into
src/zwk/locale/{tr,ar,uk,ru,de_LS} by tools/i18n/fill.py. All need a native speaker's review
(docs/uebersetzungen.md). Columns: msgid, Türkçe, العربية, Українська, Русский, Leichte Sprache
(None: msgid unchanged).
"""

S = [
    (
        "Nicht übersetzt – Originaltext auf Deutsch",
        "Çevrilmedi – Almanca orijinal metin",
        "غير مترجم – النص الأصلي باللغة الألمانية",
        "Не перекладено – оригінальний текст німецькою",
        "Не переведено – оригинальный текст на немецком",
        "Diesen Text gibt es nicht in Leichter Sprache.",
    ),
    (
        "Übersetzung durch die Moderation",
        "Moderasyonun çevirisi",
        "ترجمة فريق الإشراف",
        "Переклад від модерації",
        "Перевод от модерации",
        "Die Moderation hat das übersetzt",
    ),
    ("Zur Umfrage:", "Ankete git:", "إلى الاستطلاع:", "До опитування:", "К опросу:", None),
    (
        "Zur Ideensammlung:",
        "Fikir toplamaya git:",
        "إلى جمع الأفكار:",
        "До збору ідей:",
        "К сбору идей:",
        "Zur Ideen·sammlung:",
    ),
]

P = []
