"""Translations of the printed join notice and survey letters (issue 18, item 6), prepared by
the team.

The workshop's "Aushang zum Mitmachen" (workshops/join_sheet_pdf.html) and the access-code
letters of a survey (participation/letters_pdf.html): one page per language, each page wholly in
its language. Written into src/zwk/locale/{tr,ar,uk,ru,de_LS} by tools/i18n/fill.py. All need a
native speaker's review (docs/uebersetzungen.md). Columns: msgid, Türkçe, العربية, Українська,
Русский, Leichte Sprache (None: msgid unchanged; Leichte Sprache to the rules of the Netzwerk
Leichte Sprache: short sentences, one statement each, no passive, numbers as digits). Plural
entries would give every form of the language (ar 6, uk/ru 3); the printouts have none.
Strings already in join_path.py or participant_paths.py ("Guten Tag,") are not repeated here.
"""

S = [
    # Join notice of a workshop
    (
        "Aushang zum Mitmachen",
        "Katılım duyurusu",
        "إعلان للمشاركة",
        "Оголошення для участі",
        "Объявление для участия",
        "Aushang: Machen Sie mit",
    ),
    (
        "Machen Sie mit bei der Zukunftswerkstatt!",
        "Gelecek Atölyesi’ne katılın!",
        "شاركوا في ورشة المستقبل!",
        "Долучайтеся до Майстерні майбутнього!",
        "Примите участие в Мастерской будущего!",
        "Machen Sie mit bei der Zukunfts·werkstatt!",
    ),
    (
        "%(day)s, %(date)s, %(time)s Uhr",
        "%(date)s %(day)s, saat %(time)s",
        "%(day)s، %(date)s، الساعة %(time)s",
        "%(day)s, %(date)s, о %(time)s",
        "%(day)s, %(date)s, в %(time)s",
        "%(day)s, %(date)s, um %(time)s Uhr",
    ),
    (
        "QR-Code zum Mitmachen: %(url)s",
        "Katılmak için QR kod: %(url)s",
        "رمز QR للمشاركة: %(url)s",
        "QR-код для участі: %(url)s",
        "QR-код для участия: %(url)s",
        "QR-Code zum Mit·machen: %(url)s",
    ),
    (
        "QR-Code mit der Handykamera scannen – oder die Adresse eingeben:",
        "QR kodu telefonunuzun kamerasıyla tarayın – ya da adresi girin:",
        "امسحوا رمز QR بكاميرا الهاتف – أو أدخلوا العنوان:",
        "Відскануйте QR-код камерою телефона – або введіть адресу:",
        "Отсканируйте QR-код камерой телефона – или введите адрес:",
        "Halten Sie die Kamera von Ihrem Handy auf den QR-Code. Oder tippen Sie diese Adresse ein:",
    ),
    (
        "Oder auf der Mitmachen-Seite den Code <strong>%(code)s</strong> eingeben.",
        "Ya da katılım sayfasında <strong>%(code)s</strong> kodunu girin.",
        "أو أدخلوا الرمز <strong>%(code)s</strong> في صفحة المشاركة.",
        "Або введіть код <strong>%(code)s</strong> на сторінці участі.",
        "Или введите код <strong>%(code)s</strong> на странице участия.",
        "Oder gehen Sie auf die Seite Mit·machen. Tippen Sie dort diesen Code ein: <strong>%(code)s</strong>",
    ),
    (
        "Einen Namen oder Spitznamen wählen – ein Konto ist nicht nötig.",
        "Bir ad ya da takma ad seçin – hesap gerekmez.",
        "اختاروا اسمًا أو اسمًا مستعارًا – لا حاجة إلى حساب.",
        "Оберіть ім'я або псевдонім – обліковий запис не потрібен.",
        "Выберите имя или псевдоним – учётная запись не нужна.",
        "Schreiben Sie einen Namen. Das kann auch ein Spitz·name sein. Sie brauchen kein Konto.",
    ),
    (
        "Ideen aufschreiben und Punkte verteilen.",
        "Fikirlerinizi yazın ve puan verin.",
        "اكتبوا أفكاركم ووزّعوا النقاط.",
        "Запишіть ідеї та розподіліть бали.",
        "Запишите идеи и распределите баллы.",
        "Schreiben Sie Ihre Ideen auf. Geben Sie Punkte für gute Ideen.",
    ),
    (
        "Kein Handy? Kein Problem: Schreiben Sie Ihre Idee auf eine Papierkarte, die Moderation gibt sie ein.",
        "Telefonunuz yok mu? Sorun değil: Fikrinizi bir kâğıt karta yazın, moderatörler onu sisteme girer.",
        "ليس لديكم هاتف؟ لا مشكلة: اكتبوا فكرتكم على بطاقة ورقية، وسيُدخلها فريق الإدارة.",
        "Немає телефона? Не біда: напишіть свою ідею на паперовій картці, модератори внесуть її.",
        "Нет телефона? Не беда: напишите свою идею на бумажной карточке, модераторы внесут её.",
        "Sie haben kein Handy? Das ist kein Problem. Schreiben Sie Ihre Idee auf eine Karte aus Papier. Die Moderation tippt Ihre Idee dann ein.",
    ),
    # Access-code letters of a survey
    (
        "Einladung zur Bürgerbefragung",
        "Vatandaş anketine davet",
        "دعوة إلى استطلاع رأي السكان",
        "Запрошення до опитування мешканців",
        "Приглашение к опросу жителей",
        "Einladung zur Bürger·befragung",
    ),
    (
        "Anschrift (wird vom Einwohnermeldeamt eingesetzt)",
        "Adres (nüfus müdürlüğü ekler)",
        "العنوان (يضيفه مكتب تسجيل السكان)",
        "Адреса (вносить відділ реєстрації мешканців)",
        "Адрес (вносит отдел регистрации жителей)",
        "Adresse. Das Einwohner·melde·amt schreibt Ihre Adresse hier hin.",
    ),
    (
        "Ihre Meinung für %(name)s",
        "%(name)s için görüşünüz",
        "رأيكم من أجل %(name)s",
        "Ваша думка важлива для %(name)s",
        "Ваше мнение важно для %(name)s",
        None,
    ),
    (
        "Sie wurden zufällig ausgewählt, um bei der Befragung „%(title)s“ mitzumachen. Ihre Antworten helfen uns, die Zukunft unserer Kommune für alle Altersgruppen zu planen.",
        "„%(title)s“ anketine katılmak üzere rastgele seçildiniz. Yanıtlarınız, belediyemizin geleceğini tüm yaş grupları için planlamamıza yardımcı olur.",
        "لقد اخترناكم عشوائيًا للمشاركة في استطلاع «%(title)s». تساعدنا إجاباتكم على تخطيط مستقبل بلديتنا لجميع الفئات العمرية.",
        "Вас випадково обрано для участі в опитуванні «%(title)s». Ваші відповіді допоможуть нам спланувати майбутнє нашої громади для людей різного віку.",
        "Вы случайно выбраны для участия в опросе «%(title)s». Ваши ответы помогут нам спланировать будущее нашего муниципалитета для людей всех возрастов.",
        "Wir machen eine Befragung. Die Befragung heißt: %(title)s. Wir haben Sie zufällig ausgesucht. Bitte machen Sie mit. Wir wollen gut planen. Für junge Menschen und für alte Menschen. Ihre Antworten helfen uns dabei.",
    ),
    (
        "Die Teilnahme ist freiwillig und dauert etwa 10 Minuten. Ihr Name wird nicht gespeichert. Der Code gilt für genau einen Fragebogen.",
        "Katılım isteğe bağlıdır ve yaklaşık 10 dakika sürer. Adınız kaydedilmez. Kod yalnızca tek bir anket formu için geçerlidir.",
        "المشاركة طوعية وتستغرق نحو 10 دقائق. لا نحفظ اسمكم. الرمز صالح لاستبيان واحد فقط.",
        "Участь добровільна і триває приблизно 10 хвилин. Ваше ім'я не зберігається. Код дійсний лише для однієї анкети.",
        "Участие добровольное и занимает около 10 минут. Ваше имя не сохраняется. Код действителен только для одной анкеты.",
        "Sie müssen nicht mitmachen. Sie dürfen mitmachen. Das dauert ungefähr 10 Minuten. Wir speichern Ihren Namen nicht. Sie können den Code nur 1 Mal benutzen.",
    ),
    (
        "QR-Code zur Befragung mit dem Zugangscode %(code)s: %(url)s",
        "%(code)s erişim kodlu anket için QR kod: %(url)s",
        "رمز QR للاستطلاع مع رمز الدخول %(code)s: %(url)s",
        "QR-код для опитування з кодом доступу %(code)s: %(url)s",
        "QR-код для опроса с кодом доступа %(code)s: %(url)s",
        "QR-Code für die Befragung mit dem Code %(code)s: %(url)s",
    ),
    (
        "QR-Code mit dem Handy scannen oder diese Adresse eingeben:",
        "QR kodu telefonunuzla tarayın ya da bu adresi girin:",
        "امسحوا رمز QR بالهاتف أو أدخلوا هذا العنوان:",
        "Відскануйте QR-код телефоном або введіть цю адресу:",
        "Отсканируйте QR-код телефоном или введите этот адрес:",
        "Halten Sie die Kamera von Ihrem Handy auf den QR-Code. Oder tippen Sie diese Adresse ein:",
    ),
    (
        "Ihr Zugangscode:",
        "Erişim kodunuz:",
        "رمز الدخول الخاص بكم:",
        "Ваш код доступу:",
        "Ваш код доступа:",
        "Ihr Code:",
    ),
    (
        "Lieber auf Papier? Rufen Sie uns an oder kommen Sie vorbei – wir schicken Ihnen einen Fragebogen.",
        "Kâğıt üzerinde mi yanıtlamak istersiniz? Bizi arayın ya da uğrayın – size bir anket formu gönderelim.",
        "تفضّلون الورق؟ اتصلوا بنا أو زورونا – وسنرسل لكم استبيانًا ورقيًا.",
        "Бажаєте відповісти на папері? Зателефонуйте нам або завітайте – ми надішлемо вам анкету.",
        "Предпочитаете ответить на бумаге? Позвоните нам или зайдите – мы пришлём вам анкету.",
        "Sie wollen lieber auf Papier antworten? Dann rufen Sie uns an. Oder kommen Sie zu uns. Wir schicken Ihnen dann einen Frage·bogen.",
    ),
    (
        "Vielen Dank!",
        "Çok teşekkürler!",
        "شكرًا جزيلًا!",
        "Щиро дякуємо!",
        "Большое спасибо!",
        None,
    ),
]

P = []
