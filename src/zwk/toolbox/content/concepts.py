"""Concepts for the programme's themes, guides and seminar material (written for ZWK)."""

from zwk.toolbox.content.methods import ALL_KINDS, ALL_SIZES

CONCEPTS = [
    {
        "slug": "halte-und-anziehungsfaktoren",
        "entry_type": "concept",
        "title": "Halte- und Anziehungsfaktoren",
        "summary": "Was hält Menschen im Ort, was zieht neue an? Das Konzept hilft, die eigenen Stärken aus Sicht verschiedener Lebensphasen zu prüfen und gezielt zu verbessern.",
        "body": """<p>Menschen entscheiden in bestimmten Lebensphasen, wo sie wohnen: nach der Schule, beim Berufseinstieg, bei der Familiengründung, zu Beginn des Ruhestands. Haltefaktoren sind Gründe zu bleiben – Freundeskreis, Vereine, Arbeitsplatz, bezahlbares Wohnen. Anziehungsfaktoren sind Gründe zu kommen – Kita-Plätze, Bauland, schnelles Internet, Natur, eine gute Anbindung.</p>
<p>Die Wanderungsdaten im Kommunalprofil zeigen, in welchen Altersgruppen die Kommune verliert oder gewinnt (Bildungswanderung, Berufseinstiegswanderung, Familienwanderung). Daraus folgt, welche Lebensphase im Mittelpunkt stehen sollte.</p>
<h3>So gehen Sie vor</h3>
<p>Erstellen Sie für zwei bis drei Lebensphasen eine einfache Liste: Was spricht für uns, was gegen uns? Prüfen Sie die Liste mit Menschen aus dieser Lebensphase, etwa in Fokusgruppen mit Zugezogenen und mit jungen Menschen, die weggezogen sind. Häufig zeigt sich: Nicht der fehlende Arbeitsplatz ist entscheidend, sondern fehlende Informationen über Wohnungen, Kinderbetreuung oder Vereinsleben.</p>
<h3>Typische Maßnahmen</h3>
<ul><li>Willkommenspaket und persönliche Ansprache von Neubürgerinnen und Neubürgern</li><li>Rückkehrertag zwischen den Jahren für Weggezogene</li><li>Wohnungsbörse für Leerstände und altersgerechten Tausch</li><li>Sichtbare Vereins- und Freizeitangebote für Jugendliche</li></ul>
<h3>Stolpersteine</h3>
<p>Anziehung ohne Haltung: Wer nur um Zuzug wirbt, aber Jugendliche und Ältere vergisst, verliert im Inneren. Und: Nicht jede Schrumpfung lässt sich umkehren – manchmal ist gutes Gestalten des Weniger das realistischere Ziel.</p>""",
        "steps": [
            "Wanderungsdaten nach Altersgruppen im Kommunalprofil auswerten",
            "Zwei bis drei Lebensphasen als Schwerpunkt wählen",
            "Halte- und Anziehungsfaktoren je Lebensphase sammeln",
            "Mit Betroffenen prüfen (Fokusgruppen, Befragung von Zugezogenen)",
            "Maßnahmen ableiten und im Werkstattplan verankern",
        ],
        "duration": "fortlaufend; Analyse 4 bis 8 Wochen",
        "effort": "medium",
        "cost_range": "low",
        "themes": ["halte-und-anziehungsfaktoren", "kinder-jugend-familie", "wohnen-und-bauen"],
        "phases": ["profile", "plan"],
        "target_groups": ["youth", "families", "business", "administration"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
        "demography_types": ["schrumpfend", "ländlich"],
    },
    {
        "slug": "willkommenskultur-integration",
        "entry_type": "concept",
        "title": "Willkommenskultur und Integration",
        "summary": "Neue Einwohnerinnen und Einwohner – aus der Nachbarstadt oder aus dem Ausland – finden schneller Anschluss, wenn Verwaltung, Vereine und Nachbarschaft sie bewusst willkommen heißen.",
        "body": """<p>Zuzug ist für viele Kommunen die wichtigste Antwort auf Alterung und Schrumpfung. Doch ob Menschen bleiben, entscheidet sich in den ersten Monaten: Finden sie eine Kita, einen Sportverein, Kontakt in der Nachbarschaft? Willkommenskultur bedeutet, diese ersten Monate bewusst zu gestalten.</p>
<h3>Bausteine</h3>
<ul><li><strong>Erster Kontakt:</strong> Willkommensbrief der Bürgermeisterin mit einer Übersicht der Angebote, in mehreren Sprachen und in einfacher Sprache.</li><li><strong>Neubürgerempfang</strong> zweimal im Jahr, bei dem Vereine sich vorstellen.</li><li><strong>Lotsinnen und Lotsen:</strong> Ehrenamtliche begleiten Neue bei Behördengängen und stellen Kontakte her.</li><li><strong>Interkulturelle Öffnung</strong> der Verwaltung: verständliche Formulare, Sprachmittlung, Ansprechperson.</li><li><strong>Anerkennung von Berufsabschlüssen</strong> gemeinsam mit Arbeitgebern und Kammern unterstützen.</li></ul>
<h3>Integration als gemeinsame Aufgabe</h3>
<p>Integration gelingt, wenn Menschen etwas gemeinsam tun: im Chor, im Fußballverein, beim Dorffest. Vereine brauchen dafür manchmal Unterstützung, etwa bei Beitragsbefreiungen oder mehrsprachigen Aushängen. Beteiligen Sie Menschen mit Migrationsgeschichte auch an der Planung – nicht nur als Zielgruppe.</p>
<h3>Stolpersteine</h3>
<ul><li>Angebote nur auf Deutsch und nur im Rathaus.</li><li>Ehrenamtliche Lotsen werden allein gelassen: Koordination und Austausch einplanen.</li></ul>""",
        "steps": [
            "Erstkontakte und bestehende Angebote sichten",
            "Willkommensbrief und Übersicht erstellen (mehrsprachig, einfache Sprache)",
            "Neubürgerempfang mit Vereinen organisieren",
            "Lotsenprogramm aufbauen und koordinieren",
            "Nach einem Jahr Neubürgerinnen und Neubürger befragen",
        ],
        "duration": "Aufbau 3 bis 6 Monate, dann dauerhaft",
        "effort": "medium",
        "cost_range": "low",
        "themes": [
            "integration-willkommenskultur",
            "halte-und-anziehungsfaktoren",
            "ehrenamt-engagement",
        ],
        "phases": ["plan"],
        "target_groups": ["migration", "families", "volunteers", "administration"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
    {
        "slug": "nahversorgung-sichern",
        "entry_type": "concept",
        "title": "Nahversorgung sichern",
        "summary": "Wenn der letzte Laden schließt, leiden vor allem Ältere und Menschen ohne Auto. Dorfläden, mobile Angebote und Multifunktionshäuser können die Versorgung im Ort halten.",
        "body": """<p>Nahversorgung umfasst mehr als Lebensmittel: Post, Bank, Apotheke, Arzt und ein Ort, an dem man sich trifft. In kleinen Gemeinden ist ein klassischer Supermarkt oft nicht wirtschaftlich. Es gibt aber bewährte Alternativen, die auf die Größe des Ortes und das Engagement seiner Menschen abgestimmt sind.</p>
<h3>Modelle</h3>
<ul><li><strong>Bürgerladen oder Dorfladen</strong> als Genossenschaft oder Verein – getragen von vielen kleinen Anteilen.</li><li><strong>Multifunktionshaus:</strong> Laden, Café, Postschalter, Sprechstunde von Ärztin oder Gemeindeschwester unter einem Dach.</li><li><strong>Mobile Versorgung:</strong> Verkaufswagen, Bäckerwagen, Lieferdienst der örtlichen Händler.</li><li><strong>Digitale Dorfläden</strong> mit langen Öffnungszeiten und Selbstbedienung.</li></ul>
<h3>Vorgehen</h3>
<p>Am Anfang steht eine ehrliche Bedarfsanalyse: Wie viele Haushalte würden regelmäßig einkaufen, und für welchen Betrag? Als Faustregel braucht ein kleiner Dorfladen etwa 800 bis 1.000 Einwohnerinnen und Einwohner im Einzugsgebiet, die einen Teil ihres Einkaufs vor Ort erledigen. Eine Befragung aller Haushalte klärt das. Danach folgen Standortsuche, Geschäftsmodell und eine Beratung durch bestehende Dorfladen-Netzwerke.</p>
<h3>Stolpersteine</h3>
<ul><li>Alle finden den Laden wichtig, kaufen aber im Discounter – Zusagen realistisch prüfen.</li><li>Ehrenamtliche Ladenteams sind überlastet: bezahlte Kernkräfte einplanen.</li></ul>""",
        "steps": [
            "Versorgungslage und Wege erfassen (auch für Menschen ohne Auto)",
            "Haushaltsbefragung zu Einkaufsverhalten und Bereitschaft",
            "Modell wählen: Laden, Multifunktionshaus, mobil, digital",
            "Trägerschaft und Finanzierung klären (Genossenschaft, Förderung)",
            "Eröffnung und Zwischenbilanz nach einem Jahr",
        ],
        "duration": "1 bis 2 Jahre bis zur Eröffnung",
        "effort": "high",
        "cost_range": "high",
        "themes": ["nahversorgung", "wohnen-im-alter", "ortskerne-innenentwicklung"],
        "phases": ["plan"],
        "target_groups": ["seniors", "families", "volunteers", "business"],
        "municipality_kinds": ["gemeinde", "landkreis"],
        "sizes": ["small", "medium"],
        "demography_types": ["ländlich"],
    },
    {
        "slug": "mobilitaet-laendlicher-raum",
        "entry_type": "concept",
        "title": "Mobilität im ländlichen Raum",
        "summary": "Bürgerbus, Rufbus, Mitfahrbank und Carsharing: Bausteine, mit denen Menschen ohne eigenes Auto zum Arzt, zur Arbeit und zum Einkaufen kommen.",
        "body": """<p>Auf dem Land hängt Teilhabe oft am Auto. Wer nicht (mehr) fahren kann – Jugendliche, Ältere, Menschen mit wenig Geld –, ist auf Angebote angewiesen, die der Linienbus allein nicht leisten kann. Ein gutes Mobilitätskonzept kombiniert mehrere Bausteine und stimmt sie mit dem Landkreis als Aufgabenträger des Nahverkehrs ab.</p>
<h3>Bausteine</h3>
<ul><li><strong>Bürgerbus:</strong> Ehrenamtliche fahren einen Kleinbus nach festem Fahrplan, oft mit Unterstützung der Verkehrsgesellschaft.</li><li><strong>Rufbus oder Anrufsammeltaxi:</strong> fährt nur bei Bedarf, per Telefon oder App bestellt.</li><li><strong>Mitfahrbank:</strong> Wer sich setzt, signalisiert, dass er mitgenommen werden möchte – einfach, günstig, sichtbar.</li><li><strong>Dorfauto oder Carsharing</strong>, gern als Elektrofahrzeug, getragen von Verein oder Gemeinde.</li><li><strong>Sichere Rad- und Fußwege</strong> zwischen Ortsteilen, auch für Pedelecs.</li></ul>
<h3>Vorgehen</h3>
<p>Erfassen Sie zunächst die Wege, die Menschen regelmäßig zurücklegen müssen: Arzt, Einkauf, Schule, Arbeit, Bahnhof. Fragen Sie gezielt Ältere und Jugendliche nach ihren Problemen. Oft reicht eine bessere Abstimmung bestehender Angebote – etwa ein Rufbus, der an den Zug anschließt.</p>
<h3>Stolpersteine</h3>
<ul><li>Ein Angebot, das niemand kennt, wird nicht genutzt: Fahrpläne in jeden Briefkasten.</li><li>Bürgerbusse brauchen dauerhaft genug Fahrerinnen und Fahrer.</li></ul>""",
        "steps": [
            "Wege und Lücken erfassen, Ältere und Jugendliche befragen",
            "Mit Landkreis und Verkehrsunternehmen abstimmen",
            "Passende Bausteine auswählen und erproben",
            "Ehrenamtliche gewinnen und versichern",
            "Angebot bekannt machen, Nutzung zählen, nach einem Jahr bilanzieren",
        ],
        "duration": "Konzept 3 bis 6 Monate; Erprobung 1 Jahr",
        "effort": "high",
        "cost_range": "medium",
        "themes": ["mobilitaet", "wohnen-im-alter", "teilhabe-aller-altersgruppen"],
        "phases": ["plan"],
        "target_groups": ["seniors", "youth", "volunteers"],
        "municipality_kinds": ["gemeinde", "landkreis"],
        "sizes": ["small", "medium"],
        "demography_types": ["ländlich"],
    },
    {
        "slug": "wohnen-im-alter",
        "entry_type": "concept",
        "title": "Wohnen im Alter",
        "summary": "Die meisten Menschen möchten im Alter in ihrem Ort bleiben. Barrierearme Wohnungen, Wohnberatung, gemeinschaftliche Wohnformen und Nachbarschaftshilfe machen das möglich.",
        "body": """<p>Viele ältere Menschen leben in Einfamilienhäusern, die mit der Zeit zu groß, zu steil oder zu abgelegen werden. Gleichzeitig fehlen im Ort kleinere, barrierearme Wohnungen. Ein Konzept für das Wohnen im Alter verbindet bauliche Maßnahmen mit Beratung und sozialen Netzen.</p>
<h3>Bausteine</h3>
<ul><li><strong>Wohnberatung:</strong> Beratung zu Umbau und Zuschüssen, etwa bei Bad und Treppen.</li><li><strong>Barrierearme Wohnungen im Ortskern</strong>, gern auf Flächen leer stehender Gebäude.</li><li><strong>Gemeinschaftliche Wohnformen:</strong> Senioren-WG, Mehrgenerationenwohnen, ambulant betreute Wohngemeinschaft.</li><li><strong>Wohnungstausch:</strong> Ältere ziehen in kleinere Wohnungen, Familien übernehmen das Haus.</li><li><strong>Nachbarschaftshilfe</strong> für kleine Dienste: Einkauf, Fahrten, Gartenarbeit.</li></ul>
<h3>Vorgehen</h3>
<p>Schätzen Sie mit der Bevölkerungsvorausberechnung ab, wie viele Menschen über 80 in zehn Jahren im Ort leben. Befragen Sie Ältere nach ihren Wohnwünschen und sprechen Sie mit Wohnungsunternehmen, Pflegediensten und Banken. Ein Pilotprojekt im Ortskern zeigt, dass es geht, und stärkt zugleich die Nahversorgung.</p>
<h3>Stolpersteine</h3>
<ul><li>Neubau am Ortsrand ohne Versorgung – Wohnen im Alter gehört in die Mitte.</li><li>Der Umzug fällt schwer: Beratung früh anbieten, nicht erst im Notfall.</li></ul>""",
        "steps": [
            "Künftige Zahl älterer Menschen aus der Vorausberechnung ablesen",
            "Wohnwünsche Älterer erfragen",
            "Wohnberatung anbieten oder vermitteln",
            "Standorte im Ortskern und Partner für ein Pilotprojekt finden",
            "Nachbarschaftshilfe aufbauen oder stärken",
        ],
        "duration": "Konzept 6 Monate; Projekte 2 bis 5 Jahre",
        "effort": "high",
        "cost_range": "high",
        "themes": ["wohnen-im-alter", "wohnen-und-bauen", "gesundheit-und-pflege"],
        "phases": ["profile", "plan"],
        "target_groups": ["seniors", "administration", "volunteers"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
        "demography_types": ["alternd"],
    },
    {
        "slug": "fachkraeftesicherung",
        "entry_type": "concept",
        "title": "Fachkräftesicherung vor Ort",
        "summary": "Betriebe, Pflegedienste und die Verwaltung selbst finden schwerer Personal. Die Kommune kann Netzwerke knüpfen, junge Menschen früh binden und Zuziehende unterstützen.",
        "body": """<p>Wenn die geburtenstarken Jahrgänge in Rente gehen, fehlen in vielen Regionen Fachkräfte – im Handwerk, in der Pflege, in Kitas und in der Verwaltung. Kommunen sind nicht Arbeitgeber aller, aber sie können Bedingungen schaffen, die Fachkräfte halten und anziehen.</p>
<h3>Handlungsfelder</h3>
<ul><li><strong>Berufsorientierung:</strong> Betriebserkundungen und Praktikumsbörsen mit den Schulen, damit Jugendliche die Betriebe vor Ort kennen.</li><li><strong>Unternehmensnetzwerk:</strong> regelmäßiger Austausch zwischen Betrieben, Verwaltung und Arbeitsagentur.</li><li><strong>Dual Career und Familienfreundlichkeit:</strong> Unterstützung bei Jobsuche für Partnerinnen und Partner, verlässliche Kinderbetreuung.</li><li><strong>Willkommensservice</strong> für zuziehende Fachkräfte, auch aus dem Ausland.</li><li><strong>Rückkehrerarbeit:</strong> Kontakt zu Weggezogenen halten, Stellen und Wohnungen gezielt bekannt machen.</li></ul>
<h3>Vorgehen</h3>
<p>Starten Sie mit einem Gespräch mit den fünf bis zehn größten Arbeitgebern: Wo fehlt Personal, was hindert Bewerberinnen und Bewerber? Oft sind es keine Löhne, sondern Wohnung, Kita-Platz oder Busverbindung. Diese Hindernisse kann die Kommune angehen.</p>
<h3>Stolpersteine</h3>
<ul><li>Ein Netzwerk ohne feste Ansprechperson schläft ein.</li><li>Die Verwaltung vergisst den eigenen Personalbedarf.</li></ul>""",
        "steps": [
            "Gespräche mit den wichtigsten Arbeitgebern führen",
            "Hindernisse sammeln: Wohnen, Kinderbetreuung, Mobilität",
            "Unternehmensnetzwerk mit fester Ansprechperson aufbauen",
            "Berufsorientierung mit Schulen vereinbaren",
            "Willkommensservice für neue Fachkräfte anbieten",
        ],
        "duration": "Aufbau 6 bis 12 Monate, dann dauerhaft",
        "effort": "medium",
        "cost_range": "medium",
        "themes": ["fachkraeftesicherung", "halte-und-anziehungsfaktoren", "bildung"],
        "phases": ["plan"],
        "target_groups": ["business", "youth", "migration", "administration"],
        "municipality_kinds": ["stadt", "landkreis", "gemeinde"],
        "sizes": ALL_SIZES,
    },
    {
        "slug": "ehrenamt-staerken",
        "entry_type": "concept",
        "title": "Ehrenamt stärken",
        "summary": "Vereine finden kaum noch Vorstände, viele Menschen wollen sich lieber für begrenzte Projekte engagieren. Eine Engagementstrategie bringt beides zusammen.",
        "body": """<p>Das Ehrenamt trägt in vielen Kommunen Feuerwehr, Sport, Kultur, Nachbarschaftshilfe und Integration. Zugleich ändert es sich: Weniger Menschen übernehmen dauerhaft Vorstandsämter, mehr engagieren sich projektbezogen, zeitlich begrenzt und gern auch digital. Eine kommunale Engagementstrategie nimmt diesen Wandel auf.</p>
<h3>Bausteine</h3>
<ul><li><strong>Ehrenamtskoordination</strong> in der Verwaltung als feste Anlaufstelle.</li><li><strong>Engagementbörse</strong> online und auf Papier: Wer sucht Unterstützung, wer möchte helfen?</li><li><strong>Entlastung der Vereine:</strong> Hilfe bei Buchhaltung, Datenschutz, Förderanträgen; gemeinsame Geschäftsstelle mehrerer Vereine.</li><li><strong>Anerkennung:</strong> Ehrenamtskarte, Dankeschön-Abend, Weiterbildung.</li><li><strong>Kurzzeit-Engagement</strong> ermöglichen, etwa bei Festen oder Aktionstagen.</li></ul>
<h3>Vorgehen</h3>
<p>Laden Sie Vereine und Initiativen zu einem Engagementforum ein: Was brauchen Sie am dringendsten? Häufig ist es Entlastung von Bürokratie und Hilfe beim Gewinnen von Nachwuchs. Kleine, schnelle Schritte – eine Fortbildung zur Vereinsführung, eine gemeinsame Website – schaffen Vertrauen.</p>
<h3>Stolpersteine</h3>
<ul><li>Ehrenamt als Lückenbüßer für Pflichtaufgaben überfordert die Menschen.</li><li>Nur die Großen werden gehört: auch kleine Initiativen einladen.</li></ul>""",
        "steps": [
            "Vereine und Initiativen erfassen",
            "Engagementforum: Bedarfe der Vereine sammeln",
            "Anlaufstelle für Ehrenamt in der Verwaltung benennen",
            "Engagementbörse und Anerkennungsformen einführen",
            "Jährlich mit den Vereinen Bilanz ziehen",
        ],
        "duration": "Aufbau 6 Monate, dann dauerhaft",
        "effort": "medium",
        "cost_range": "low",
        "themes": ["ehrenamt-engagement", "kultur-freizeit"],
        "phases": ["kickoff", "plan", "review"],
        "target_groups": ["volunteers", "administration", "seniors", "youth"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
    {
        "slug": "digitale-teilhabe",
        "entry_type": "concept",
        "title": "Digitale Teilhabe",
        "summary": "Termine, Formulare, Arztpraxis, Fahrplan – immer mehr läuft über das Internet. Digitale Teilhabe heißt: Alle können mitmachen, auch ohne Vorkenntnisse.",
        "body": """<p>Digitale Angebote können Wege ersparen, gerade auf dem Land: Online-Sprechstunden, digitale Verwaltung, Mitfahr-Apps. Sie helfen aber nur, wenn Menschen sie nutzen können. Ältere Menschen, Menschen mit wenig Geld oder geringen Sprachkenntnissen sind häufig ausgeschlossen. Digitale Teilhabe ist deshalb ein Querschnittsthema jeder Demografiestrategie.</p>
<h3>Bausteine</h3>
<ul><li><strong>Digitallotsinnen und -lotsen:</strong> Ehrenamtliche helfen in Sprechstunden beim Umgang mit Smartphone und Tablet.</li><li><strong>Generationenprojekte:</strong> Jugendliche erklären Älteren die Technik, Ältere erzählen aus ihrem Leben.</li><li><strong>Offene Orte mit WLAN und Geräten</strong> in Bücherei, Dorfgemeinschaftshaus oder Rathaus.</li><li><strong>Barrierefreie Online-Angebote</strong> der Kommune selbst, verständlich und mobil nutzbar.</li><li><strong>Analoge Alternativen</strong> erhalten, damit niemand abgehängt wird.</li></ul>
<h3>Vorgehen</h3>
<p>Klären Sie, wer bisher ausgeschlossen ist, etwa über eine kurze Befragung im Seniorentreff. Gewinnen Sie Lotsinnen und Lotsen aus Schulen, Vereinen und Volkshochschule und bieten Sie regelmäßige Sprechstunden an einem festen Ort an. Wichtig ist Geduld: Lernen braucht Wiederholung.</p>
<h3>Stolpersteine</h3>
<ul><li>Schulungen ohne Bezug zum Alltag – lieber konkrete Anliegen lösen (Bahnticket, Videotelefonat mit Enkeln).</li><li>Schlechte Netzabdeckung: erst die Infrastruktur prüfen.</li></ul>""",
        "steps": [
            "Erfassen, wer digital ausgeschlossen ist",
            "Orte mit WLAN und Geräten schaffen",
            "Digitallotsen gewinnen und schulen",
            "Regelmäßige Sprechstunden anbieten",
            "Eigene Online-Angebote auf Verständlichkeit und Barrierefreiheit prüfen",
        ],
        "duration": "Aufbau 3 bis 6 Monate, dann dauerhaft",
        "effort": "low",
        "cost_range": "low",
        "themes": ["digitale-teilhabe", "teilhabe-aller-altersgruppen", "bildung"],
        "phases": ["plan", "review"],
        "target_groups": ["seniors", "youth", "migration", "volunteers"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
    {
        "slug": "checkliste-barrierearme-beteiligung",
        "entry_type": "guide",
        "title": "Checkliste: barrierearme Beteiligungsveranstaltung",
        "summary": "Was Sie vor, während und nach einer Veranstaltung prüfen sollten, damit Menschen mit Behinderung, Ältere, Eltern und Menschen mit wenig Deutschkenntnissen teilnehmen können.",
        "body": """<p>Barrierearmut beginnt lange vor der Veranstaltung. Diese Checkliste fasst die wichtigsten Punkte zusammen; sie eignet sich für Kick-off, Zukunftswerkstatt und Bürgerversammlung.</p>
<h3>Einladung</h3>
<ul><li>Einladung in einfacher Sprache, bei Bedarf mehrsprachig</li><li>Anmeldung telefonisch und online möglich; Frage nach Unterstützungsbedarf (Gebärdensprache, Höranlage, Fahrdienst)</li><li>Termin nicht in Ferien, Erntezeit oder zu Fußballspielen</li></ul>
<h3>Raum</h3>
<ul><li>Stufenloser Zugang, barrierefreies WC, Parkplätze nah am Eingang</li><li>Gute Akustik, Mikrofon, Höranlage; ruhige Ecke für Pausen</li><li>Kinderbetreuung im Nebenraum</li></ul>
<h3>Durchführung</h3>
<ul><li>Große, gut lesbare Schrift auf Stellwänden; Karten mit dicken Stiften</li><li>Kurze Redebeiträge, Pausen alle 60 Minuten</li><li>Alternativen zum Aufstehen und Punktekleben (Helferinnen kleben mit)</li></ul>
<h3>Danach</h3>
<ul><li>Protokoll in einfacher Sprache, auf Papier und online</li><li>Rückmeldung, was mit den Ergebnissen geschieht</li></ul>""",
        "steps": [
            "Einladung und Anmeldung barrierearm gestalten",
            "Raum prüfen (Zugang, WC, Akustik)",
            "Unterstützung organisieren (Fahrdienst, Kinderbetreuung, Sprachmittlung)",
            "Durchführung mit Pausen und Alternativen",
            "Ergebnisse verständlich zurückmelden",
        ],
        "duration": "Prüfung etwa 1 Stunde; Umsetzung in der Vorbereitung",
        "effort": "low",
        "cost_range": "low",
        "themes": ["teilhabe-aller-altersgruppen", "integration-willkommenskultur"],
        "phases": ["kickoff", "workshop"],
        "target_groups": ["seniors", "migration", "families", "administration"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
    {
        "slug": "leitfaden-massnahmen-beschreiben",
        "entry_type": "guide",
        "title": "Leitfaden: Maßnahmen mit Zielen und Indikatoren beschreiben",
        "summary": "Wie aus einer Idee aus der Zukunftswerkstatt eine Maßnahme im Werkstattplan wird, die man später in der Zwischenbilanz überprüfen kann.",
        "body": """<p>Ein Werkstattplan ist nur so gut wie seine Maßnahmen. Jede Maßnahme sollte so beschrieben sein, dass ein Außenstehender versteht, was geschehen soll, wer es tut, bis wann und woran man den Erfolg erkennt.</p>
<h3>Die sieben Felder einer Maßnahme</h3>
<ol><li><strong>Titel:</strong> kurz und verständlich („Mitfahrbänke in allen Ortsteilen“).</li><li><strong>Ziel:</strong> Was soll sich ändern, für wen?</li><li><strong>Beschreibung:</strong> Was genau wird getan?</li><li><strong>Verantwortlich:</strong> eine Person oder Stelle, nicht „alle“.</li><li><strong>Zeitplan:</strong> Beginn, Meilensteine, Ende.</li><li><strong>Kosten und Finanzierung:</strong> Haushalt, Förderung, Sponsoren, Eigenleistung.</li><li><strong>Indikator:</strong> Ausgangswert, Zielwert, Quelle der Daten.</li></ol>
<h3>Gute Indikatoren</h3>
<p>Ein Indikator muss messbar sein und sich mit vertretbarem Aufwand erheben lassen. Unterscheiden Sie Leistung (zum Beispiel „8 Mitfahrbänke aufgestellt“) und Wirkung (zum Beispiel „60 Prozent der befragten Älteren kennen das Angebot“). Demografische Kennzahlen wie der Wanderungssaldo ändern sich nur langsam und eignen sich eher als Hintergrund.</p>
<h3>Stolpersteine</h3>
<ul><li>Zu viele Maßnahmen: Lieber zehn gut beschriebene als dreißig vage.</li><li>Ziele ohne Ausgangswert lassen sich später nicht bewerten.</li></ul>""",
        "steps": [
            "Projektskizzen aus der Zukunftswerkstatt sichten",
            "Je Maßnahme die sieben Felder ausfüllen",
            "Indikatoren mit Ausgangs- und Zielwert festlegen",
            "Mit Verantwortlichen abstimmen",
            "Maßnahmen priorisieren und in den Plan übernehmen",
        ],
        "duration": "etwa 1 Stunde je Maßnahme",
        "effort": "low",
        "cost_range": "none",
        "themes": ["kommunale-identitaet"],
        "phases": ["plan", "review"],
        "target_groups": ["administration", "politics"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
    {
        "slug": "checkliste-zwischenbilanz",
        "entry_type": "guide",
        "title": "Checkliste: Zwischenbilanz ziehen",
        "summary": "Ein Jahr nach dem Werkstattplan: Stand der Maßnahmen erheben, Indikatoren vergleichen, Lehren festhalten und über die Fortsetzung entscheiden.",
        "body": """<p>Die Zwischenbilanz ist kein Prüfbericht, sondern eine Lernschleife. Sie zeigt, was funktioniert, was nicht und warum – für die eigene Kommune und für andere, die vor ähnlichen Aufgaben stehen.</p>
<h3>Vorbereitung</h3>
<ul><li>Für jede Maßnahme den Stand bei den Verantwortlichen abfragen: umgesetzt, begonnen, verschoben, verworfen</li><li>Indikatoren aktualisieren und mit den Ausgangswerten vergleichen</li><li>Kurze Befragung der Beteiligten: Was hat sich für Sie verändert?</li></ul>
<h3>Bilanzgespräch</h3>
<ul><li>Kernteam, Verantwortliche der Maßnahmen, Beratung, Politik</li><li>Drei Fragen: Was hat gut funktioniert? Was hat gehakt? Was lernen wir daraus?</li><li>Entscheidung je Maßnahme: fortsetzen, anpassen, beenden</li></ul>
<h3>Danach</h3>
<ul><li>Bericht für Rat und Öffentlichkeit, gern mit Fotos und Stimmen von Beteiligten</li><li>Lessons learnt im Werkzeugkoffer teilen – andere Kommunen profitieren davon</li><li>Nächsten Bilanztermin festlegen</li></ul>""",
        "steps": [
            "Stand der Maßnahmen abfragen",
            "Indikatoren aktualisieren und vergleichen",
            "Bilanzgespräch mit drei Leitfragen",
            "Entscheidung über Fortsetzung je Maßnahme",
            "Bericht veröffentlichen und Erfahrungen im Werkzeugkoffer teilen",
        ],
        "duration": "etwa 1 Monat",
        "effort": "low",
        "cost_range": "none",
        "themes": ["kommunale-identitaet"],
        "phases": ["review"],
        "target_groups": ["administration", "politics", "volunteers"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
    {
        "slug": "video-zukunftswerkstatt-kurz-erklaert",
        "entry_type": "video",
        "title": "Video: Die Zukunftswerkstatt kurz erklärt",
        "summary": "Begleitmaterial zu einem Erklärfilm von etwa acht Minuten für Einladungen und Ratssitzungen: Was passiert in einer Zukunftswerkstatt, und warum lohnt es sich mitzumachen?",
        "body": """<p>Viele Menschen können sich unter einer „Zukunftswerkstatt“ wenig vorstellen. Ein kurzer Film, gezeigt in der Ratssitzung, beim Vereinsabend oder verlinkt in der Einladung, senkt die Schwelle. Diese Seite beschreibt den Aufbau des Films, den die Geschäftsstelle den Kommunen bereitstellt; die Aufzeichnung wird als Material ergänzt, sobald sie vorliegt.</p>
<h3>Inhalt in vier Teilen</h3>
<ol><li><strong>Warum?</strong> Der demografische Wandel verändert den Ort – die Menschen vor Ort wissen am besten, was zu tun ist.</li><li><strong>Wie?</strong> Die drei Phasen Kritik, Phantasie und Verwirklichung, gezeigt an Karten und Stellwänden.</li><li><strong>Wer?</strong> Alle Altersgruppen, ohne Vorkenntnisse – Stimmen von Teilnehmenden.</li><li><strong>Und dann?</strong> Wie die Ideen in den Werkstattplan gelangen.</li></ol>
<h3>Einsatz</h3>
<p>Zeigen Sie den Film vor der Einladung im Rat, damit die Politik die Methode kennt, und verlinken Sie ihn in der Einladung. Mit Untertiteln und Audiodeskription ist er barrierefrei.</p>""",
        "steps": [
            "Film in der Ratssitzung zeigen",
            "In Einladung und sozialen Medien verlinken",
            "Beim Werkstatttag zur Einführung nutzen",
        ],
        "duration": "8 Minuten",
        "effort": "low",
        "cost_range": "none",
        "themes": ["teilhabe-aller-altersgruppen"],
        "phases": ["kickoff", "workshop"],
        "target_groups": ["adults", "politics", "administration"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
    {
        "slug": "online-seminar-kommunalprofil-lesen",
        "entry_type": "webinar",
        "title": "Online-Seminar: Das Kommunalprofil lesen und nutzen",
        "summary": "Material zum 90-minütigen Online-Seminar der Geschäftsstelle: Welche Kennzahlen sind wichtig, wie lese ich die Vorausberechnung, und wie komme ich zur SWOT-Analyse?",
        "body": """<p>Das Online-Seminar richtet sich an Koordinatorinnen und Koordinatoren im zweiten Programmschritt. Es führt in 90 Minuten durch das Kommunalprofil und zeigt an einer Beispielkommune, wie aus Zahlen Aussagen werden.</p>
<h3>Ablauf</h3>
<ol><li><strong>Die wichtigsten Kennzahlen</strong> (20 Minuten): Altenquotient, Jugendquotient, Wanderungssaldo nach Altersgruppen, natürlicher Saldo – was sie aussagen und was nicht.</li><li><strong>Vorausberechnung</strong> (20 Minuten): Annahmen, Szenarien, Unsicherheit; warum kleine Gemeinden vorsichtig interpretieren sollten.</li><li><strong>Vergleich</strong> (15 Minuten): mit Kreis, Land und ähnlichen Kommunen.</li><li><strong>Von den Zahlen zur SWOT</strong> (25 Minuten): Übung in Kleingruppen.</li><li><strong>Fragen</strong> (10 Minuten).</li></ol>
<h3>Material</h3>
<p>Zum Seminar gehören die Folien, ein Arbeitsblatt für die SWOT-Übung und eine Übersicht der Kennzahlen mit Definitionen. Die Geschäftsstelle lädt die Aufzeichnung und das Material hier hoch, sobald ein Termin stattgefunden hat.</p>""",
        "steps": [
            "Eigenes Kommunalprofil vorab öffnen",
            "Seminar besuchen oder Aufzeichnung ansehen",
            "Arbeitsblatt zur SWOT-Analyse im Team ausfüllen",
        ],
        "duration": "90 Minuten",
        "effort": "low",
        "cost_range": "none",
        "themes": ["halte-und-anziehungsfaktoren"],
        "phases": ["profile"],
        "target_groups": ["administration"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
]
