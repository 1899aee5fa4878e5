"""Translations of the e-mails about event registrations (issue 18), prepared by the team.

The mails of the Austausch (/austausch/): confirmation, waiting list, moved up, reminder,
cancelled by the person, event cancelled, with their subjects and shared parts (details, time,
footer). They are written in the language of the registration page (``Registration.language``).
Written into src/zwk/locale/{tr,ar,uk,ru,de_LS} by tools/i18n/fill.py. All need a native
speaker's review (docs/uebersetzungen.md). Columns: msgid, Türkçe, العربية, Українська, Русский,
Leichte Sprache (None: msgid unchanged). Terms as on the event pages (participant_paths.py):
Zugangslink = "Erişim bağlantısı", "رابط الدخول", "Посилання для доступу", "Ссылка для доступа",
"Link zum Treffen"; Warteliste = "Bekleme listesi", "قائمة الانتظار", "Список очікування",
"Лист ожидания", "Warte·liste".

The German body starts in lower case after "Guten Tag …," (letter style); the other languages
greet with a full sentence and start the next one with a capital. "Uhr (deutsche Zeit)" follows
the time (e.g. "10:00–12:00").
"""

S = [
    # --- shared parts: details, time, footer ---------------------------------------------
    ("Ort:", "Yer:", "المكان:", "Місце:", "Место:", None),
    (
        "Zugangslink:",
        "Erişim bağlantısı:",
        "رابط الدخول:",
        "Посилання для доступу:",
        "Ссылка для доступа:",
        "Link zum Treffen:",
    ),
    (
        "Zur Veranstaltung:",
        "Etkinlik sayfası:",
        "صفحة الفعالية:",
        "Сторінка заходу:",
        "Страница мероприятия:",
        "Hier finden Sie die Veranstaltung:",
    ),
    # the time in the locale's layout ("%(day)s, %(date)s, %(time)s Uhr", translated with the
    # printed join notice) followed by "(deutsche Zeit)"
    (
        "deutsche Zeit",
        "Almanya saati",
        "بتوقيت ألمانيا",
        "за німецьким часом",
        "по немецкому времени",
        "Zeit in Deutschland",
    ),
    (
        "Uhr (deutsche Zeit)",
        "(Almanya saati)",
        "(بتوقيت ألمانيا)",
        "(за німецьким часом)",
        "(по немецкому времени)",
        "Uhr (Zeit in Deutschland)",
    ),
    (
        "Ihre Anmeldung ansehen oder stornieren (ohne Zugangsdaten):",
        "Kaydınızı görüntüleyin veya iptal edin (giriş bilgisi gerekmez):",
        "عرض تسجيلكم أو إلغاؤه (دون بيانات دخول):",
        "Переглянути або скасувати реєстрацію (без облікових даних):",
        "Посмотреть или отменить регистрацию (без учётных данных):",
        "Hier sehen Sie Ihre Anmeldung. Hier können Sie auch absagen. Sie brauchen kein Pass·wort:",
    ),
    (
        "Ihre Angaben (Name, E-Mail-Adresse, Kommune/Organisation) nutzen wir nur für diese "
        "Veranstaltung; 12 Monate danach werden sie anonymisiert.",
        "Bilgilerinizi (ad, e-posta adresi, belediye/kuruluş) yalnızca bu etkinlik için "
        "kullanıyoruz; etkinlikten 12 ay sonra anonimleştirilir.",
        "نستخدم بياناتكم (الاسم، عنوان البريد الإلكتروني، البلدية/المنظمة) لهذه الفعالية فقط؛ "
        "وبعد 12 شهرًا من الفعالية نجعلها مجهولة الهوية.",
        "Ваші дані (ім'я, адреса електронної пошти, громада/організація) ми використовуємо лише "
        "для цього заходу; через 12 місяців після нього їх буде знеособлено.",
        "Ваши данные (имя, адрес электронной почты, муниципалитет/организация) мы используем "
        "только для этого мероприятия; через 12 месяцев после него они будут обезличены.",
        "Wir kennen Ihren Namen und Ihre E-Mail-Adresse. Wir kennen Ihre Kommune oder "
        "Organisation. Wir brauchen das nur für diese Veranstaltung. Nach 12 Monaten löschen "
        "wir Ihren Namen und Ihre E-Mail-Adresse.",
    ),
    (
        "Zukunftswerkstatt Kommunen – Geschäftsstelle",
        "Belediyeler için Gelecek Atölyesi – Genel Sekreterlik",
        "ورشة مستقبل البلديات – الأمانة العامة",
        "Майстерня майбутнього для громад – секретаріат",
        "Мастерская будущего для муниципалитетов – секретариат",
        "Zukunfts·werkstatt Kommunen – Geschäfts·stelle",
    ),
    (
        "Guten Tag %(name)s,",
        "Merhaba %(name)s,",
        "مرحبًا %(name)s،",
        "Добрий день, %(name)s!",
        "Здравствуйте, %(name)s!",
        None,
    ),
    # --- confirmed ------------------------------------------------------------------------
    (
        "Anmeldung bestätigt: %(t)s",
        "Kayıt onaylandı: %(t)s",
        "تم تأكيد التسجيل: %(t)s",
        "Реєстрацію підтверджено: %(t)s",
        "Регистрация подтверждена: %(t)s",
        "Sie sind angemeldet: %(t)s",
    ),
    (
        "vielen Dank für Ihre Anmeldung. Ihr Platz ist bestätigt.",
        "Kaydınız için çok teşekkür ederiz. Yeriniz onaylandı.",
        "شكرًا جزيلًا على تسجيلكم. تم تأكيد مقعدكم.",
        "Дякуємо за реєстрацію. Ваше місце підтверджено.",
        "Спасибо за регистрацию. Ваше место подтверждено.",
        "Danke für Ihre Anmeldung. Ihr Platz ist sicher.",
    ),
    (
        "Den Termin für Ihren Kalender finden Sie im Anhang. Am Tag vorher erinnern wir Sie "
        "noch einmal.",
        "Takviminiz için etkinlik kaydı ektedir. Bir gün önce size tekrar hatırlatacağız.",
        "تجدون الموعد لتقويمكم في المرفق. وسنذكّركم مرة أخرى قبل يوم من الفعالية.",
        "Подію для вашого календаря ви знайдете у вкладенні. За день до заходу ми нагадаємо "
        "вам ще раз.",
        "Событие для вашего календаря вы найдёте во вложении. За день до мероприятия мы "
        "напомним вам ещё раз.",
        "Im Anhang ist der Termin für Ihren Kalender. Einen Tag vorher schicken wir Ihnen "
        "noch eine E-Mail. So vergessen Sie den Termin nicht.",
    ),
    # --- waiting list ---------------------------------------------------------------------
    (
        "Warteliste: %(t)s",
        "Bekleme listesi: %(t)s",
        "قائمة الانتظار: %(t)s",
        "Список очікування: %(t)s",
        "Лист ожидания: %(t)s",
        "Warte·liste: %(t)s",
    ),
    (
        "die Veranstaltung ist ausgebucht. Sie stehen auf der Warteliste. Sobald jemand "
        "absagt, rücken Sie automatisch nach – dann schicken wir Ihnen eine E-Mail mit allen "
        "Angaben und dem Zugangslink.",
        "Etkinlikte boş yer kalmadı. Bekleme listesindesiniz. Biri kaydını iptal eder etmez "
        "otomatik olarak yer alırsınız – o zaman size tüm bilgileri ve erişim bağlantısını "
        "içeren bir e-posta göndeririz.",
        "اكتمل عدد المشاركين في الفعالية. أنتم على قائمة الانتظار. بمجرد أن يلغي أحدهم "
        "تسجيله تحصلون تلقائيًا على مقعده – وعندها نرسل إليكم بريدًا إلكترونيًا بجميع "
        "التفاصيل ورابط الدخول.",
        "Усі місця на захід зайняті. Ви в списку очікування. Щойно хтось скасує реєстрацію, "
        "ви автоматично отримаєте місце – тоді ми надішлемо вам лист з усіма даними та "
        "посиланням для доступу.",
        "Все места на мероприятие заняты. Вы в листе ожидания. Как только кто-то отменит "
        "регистрацию, вы автоматически получите место – тогда мы пришлём вам письмо со всеми "
        "данными и ссылкой для доступа.",
        "Die Veranstaltung ist voll. Sie sind auf der Warte·liste. Vielleicht sagt eine "
        "Person ab. Dann bekommen Sie den Platz. Sie müssen dafür nichts tun. Wir schicken "
        "Ihnen dann eine E-Mail. Darin steht alles. Auch der Link zum Treffen.",
    ),
    # --- moved up -------------------------------------------------------------------------
    (
        "Sie sind nachgerückt: %(t)s",
        "Bekleme listesinden yer açıldı: %(t)s",
        "حصلتم على مقعد: %(t)s",
        "Для вас звільнилося місце: %(t)s",
        "Для вас освободилось место: %(t)s",
        "Sie haben jetzt einen Platz: %(t)s",
    ),
    (
        "gute Nachricht: Ein Platz ist frei geworden und Sie sind von der Warteliste "
        "nachgerückt. Ihre Teilnahme ist damit bestätigt.",
        "İyi haber: Bir yer boşaldı ve bekleme listesinden katılımcılar arasına geçtiniz. "
        "Böylece katılımınız onaylandı.",
        "خبر سار: أصبح هناك مقعد شاغر وانتقلتم من قائمة الانتظار. وبذلك تأكدت مشاركتكم.",
        "Гарна новина: звільнилося місце, і ви перейшли зі списку очікування. Вашу участь "
        "підтверджено.",
        "Хорошая новость: освободилось место, и вы перешли из листа ожидания. Ваше участие "
        "подтверждено.",
        "Eine gute Nachricht: Ein Platz ist frei. Sie waren auf der Warte·liste. Jetzt haben "
        "Sie den Platz. Sie können also mit·machen.",
    ),
    (
        "Wenn Sie doch nicht teilnehmen können, stornieren Sie bitte über den Link unten, "
        "damit die nächste Person nachrücken kann.",
        "Yine de katılamayacaksanız lütfen aşağıdaki bağlantıdan kaydınızı iptal edin; "
        "böylece sıradaki kişi yerinizi alabilir.",
        "إذا لم تتمكنوا من المشاركة، يُرجى إلغاء التسجيل عبر الرابط أدناه حتى يحصل الشخص "
        "التالي على المقعد.",
        "Якщо ви все ж не зможете взяти участь, будь ласка, скасуйте реєстрацію за посиланням "
        "нижче, щоб наступна людина могла зайняти місце.",
        "Если вы всё же не сможете участвовать, пожалуйста, отмените регистрацию по ссылке "
        "ниже, чтобы следующий человек мог занять место.",
        "Sie können doch nicht kommen? Dann sagen Sie bitte ab. Dafür ist der Link unten. "
        "Dann bekommt eine andere Person den Platz.",
    ),
    # --- reminder -------------------------------------------------------------------------
    (
        "Erinnerung: morgen „%(t)s“",
        "Hatırlatma: yarın “%(t)s”",
        "تذكير: غدًا «%(t)s»",
        "Нагадування: завтра «%(t)s»",
        "Напоминание: завтра «%(t)s»",
        "Morgen ist die Veranstaltung: %(t)s",
    ),
    (
        "wir erinnern Sie an die Veranstaltung, für die Sie angemeldet sind:",
        "Kayıt olduğunuz etkinliği hatırlatmak isteriz:",
        "نودّ أن نذكّركم بالفعالية التي سجّلتم فيها:",
        "Нагадуємо про захід, на який ви зареєструвалися:",
        "Напоминаем о мероприятии, на которое вы зарегистрировались:",
        "Sie sind für eine Veranstaltung angemeldet. Die Veranstaltung ist bald. "
        "Hier ist alles Wichtige:",
    ),
    (
        "Falls Sie nicht teilnehmen können, stornieren Sie bitte – dann rückt jemand von der "
        "Warteliste nach.",
        "Katılamayacaksanız lütfen kaydınızı iptal edin – böylece bekleme listesindeki biri "
        "yerinizi alır.",
        "إذا لم تتمكنوا من المشاركة، يُرجى إلغاء التسجيل – فيحصل شخص من قائمة الانتظار على المقعد.",
        "Якщо ви не зможете взяти участь, будь ласка, скасуйте реєстрацію – тоді місце "
        "отримає хтось зі списку очікування.",
        "Если вы не сможете участвовать, пожалуйста, отмените регистрацию – тогда место "
        "получит кто-то из листа ожидания.",
        "Sie können nicht kommen? Dann sagen Sie bitte ab. Dann bekommt eine andere Person "
        "den Platz.",
    ),
    # --- cancelled by the person ----------------------------------------------------------
    (
        "Anmeldung storniert: %(t)s",
        "Kayıt iptal edildi: %(t)s",
        "تم إلغاء التسجيل: %(t)s",
        "Реєстрацію скасовано: %(t)s",
        "Регистрация отменена: %(t)s",
        "Sie haben sich abgemeldet: %(t)s",
    ),
    (
        "Ihre Anmeldung zu „%(t)s“ ist storniert. Schade, dass es nicht klappt – vielleicht "
        "beim nächsten Mal.",
        "“%(t)s” etkinliğine kaydınız iptal edildi. Katılamamanıza üzüldük – belki bir "
        "dahaki sefere.",
        "تم إلغاء تسجيلكم في «%(t)s». يؤسفنا أن الأمر لم ينجح – ربما في المرة القادمة.",
        "Вашу реєстрацію на «%(t)s» скасовано. Шкода, що не вийшло – можливо, наступного разу.",
        "Ваша регистрация на «%(t)s» отменена. Жаль, что не получилось – может быть, в "
        "следующий раз.",
        "Sie haben sich abgemeldet. Die Veranstaltung heißt: %(t)s. Schade! Vielleicht "
        "kommen Sie beim nächsten Mal.",
    ),
    (
        "Weitere Veranstaltungen:",
        "Diğer etkinlikler:",
        "فعاليات أخرى:",
        "Інші заходи:",
        "Другие мероприятия:",
        "Andere Veranstaltungen:",
    ),
    # --- event cancelled by the organisers ------------------------------------------------
    (
        "Abgesagt: %(t)s",
        "İptal edildi: %(t)s",
        "أُلغيت: %(t)s",
        "Скасовано: %(t)s",
        "Отменено: %(t)s",
        "Fällt aus: %(t)s",
    ),
    (
        "leider müssen wir die Veranstaltung „%(t)s“ absagen.",
        "Maalesef “%(t)s” etkinliğini iptal etmek zorundayız.",
        "للأسف، علينا إلغاء الفعالية «%(t)s».",
        "На жаль, ми змушені скасувати захід «%(t)s».",
        "К сожалению, нам приходится отменить мероприятие «%(t)s».",
        "Die Veranstaltung fällt leider aus. Die Veranstaltung heißt: %(t)s.",
    ),
    (
        "Ihre Anmeldung ist damit hinfällig; Sie müssen nichts weiter tun. Bitte entfernen "
        "Sie den Termin aus Ihrem Kalender.",
        "Bu nedenle kaydınız geçersiz oldu; başka bir şey yapmanıza gerek yok. Lütfen "
        "etkinliği takviminizden silin.",
        "وبذلك يصبح تسجيلكم لاغيًا؛ لا تحتاجون إلى فعل أي شيء آخر. يُرجى حذف الموعد من تقويمكم.",
        "Тож ваша реєстрація втрачає силу; більше нічого робити не потрібно. Будь ласка, "
        "видаліть подію зі свого календаря.",
        "Поэтому ваша регистрация теряет силу; больше ничего делать не нужно. Пожалуйста, "
        "удалите событие из своего календаря.",
        "Sie müssen nichts tun. Bitte löschen Sie den Termin in Ihrem Kalender.",
    ),
]

# The mails have no plural texts.
P = []
