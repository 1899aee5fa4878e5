"""Participation and strategy methods (written for ZWK; CC BY 4.0)."""

ALL_KINDS = ["gemeinde", "stadt", "quartier", "landkreis"]
ALL_SIZES = ["small", "medium", "large", "xlarge"]

METHODS = [
    {
        "slug": "zukunftswerkstatt",
        "entry_type": "method",
        "title": "Zukunftswerkstatt nach Robert Jungk",
        "summary": "Bürgerinnen und Bürger arbeiten in drei Phasen – Kritik, Phantasie, Verwirklichung – von Ärgernissen zu konkreten Projekten. Das Herzstück des dritten Programmschritts.",
        "body": """<p>Die Zukunftswerkstatt wurde in den 1970er-Jahren von Robert Jungk entwickelt, damit nicht nur Fachleute über die Zukunft eines Ortes entscheiden. Ihr Grundgedanke: Wer den Ort bewohnt, kennt seine Probleme und hat Ideen. Die Methode gibt diesen Ideen eine feste Form, damit am Ende mehr steht als eine Wunschliste.</p>
<h3>Die drei Phasen</h3>
<p><strong>Kritikphase:</strong> Alle schreiben auf, was sie stört – kurz, auf Karten, ohne Diskussion. Die Karten werden nach Themen geordnet und mit Punkten gewichtet. Wichtig ist, dass Kritik hier ausdrücklich erwünscht ist; so wird der Ärger ausgesprochen und blockiert später nicht die Ideen.</p>
<p><strong>Phantasiephase:</strong> Die wichtigsten Kritikpunkte werden ins Positive gewendet: „Wie sähe unser Ort aus, wenn …?“ Jetzt gilt: Alles ist erlaubt, Geld und Zuständigkeiten spielen keine Rolle. Kleingruppen malen, bauen oder schreiben ihre Vision.</p>
<p><strong>Verwirklichungsphase:</strong> Die Gruppen prüfen ihre Ideen an der Wirklichkeit: Was davon können wir in ein bis zwei Jahren anfangen? Wer macht mit? Was braucht es? Daraus entstehen Projektskizzen mit Patinnen oder Paten, die in den Werkstattplan (Schritt 4) eingehen.</p>
<h3>Aufwand und Rahmen</h3>
<p>Eine Zukunftswerkstatt dauert einen ganzen Tag, zwei halbe Tage oder drei Abende. Rechnen Sie mit etwa sechs Wochen Vorbereitung: Raum, Einladung, Moderation, Material (Karten, Stellwände, Klebepunkte), Verpflegung, Kinderbetreuung. Eine erfahrene Moderation ist die wichtigste Investition.</p>
<h3>Stolpersteine</h3>
<ul><li>Es kommen immer dieselben: Laden Sie gezielt Jugendliche, Ältere und Zugezogene ein, am besten persönlich und über Vereine.</li><li>Die Verwaltung verteidigt sich in der Kritikphase – vorher klären, dass Zuhören die Aufgabe ist.</li><li>Ideen versanden: Schon am Ende der Werkstatt Verantwortliche und einen nächsten Termin festhalten und die Ergebnisse veröffentlichen.</li></ul>""",
        "steps": [
            "Ziel, Thema und Zielgruppen mit dem Kernteam festlegen",
            "Moderation beauftragen, Raum und Termin festlegen",
            "Breit einladen: Presse, Vereine, Schulen, Seniorentreffs, persönliche Ansprache",
            "Kritikphase: Karten sammeln, ordnen, gewichten",
            "Phantasiephase: Visionen in Kleingruppen entwickeln",
            "Verwirklichungsphase: Projektskizzen mit Patinnen und Paten",
            "Protokoll und Ergebnisse veröffentlichen, in den Werkstattplan übernehmen",
        ],
        "duration": "1 Tag oder 3 Abende; Vorbereitung etwa 6 Wochen",
        "effort": "high",
        "group_size": "15 bis 60 Personen",
        "cost_range": "medium",
        "themes": ["teilhabe-aller-altersgruppen", "kommunale-identitaet"],
        "phases": ["workshop"],
        "target_groups": ["adults", "youth", "seniors", "volunteers", "politics"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
    {
        "slug": "world-cafe",
        "entry_type": "method",
        "title": "World Café",
        "summary": "Gespräche an Kaffeehaustischen in wechselnder Besetzung: Viele Menschen tauschen in kurzer Zeit Erfahrungen aus und knüpfen an die Gedanken der Vorgänger an.",
        "body": """<p>Beim World Café sitzen vier bis sechs Personen an kleinen Tischen, die mit beschreibbaren Papiertischdecken bedeckt sind. Jeder Tisch hat eine Frage, zum Beispiel „Was hält junge Familien bei uns?“ oder „Wo fehlt es an Treffpunkten?“. Nach etwa 20 Minuten wechseln alle außer der Gastgeberin oder dem Gastgeber den Tisch. Die Gastgebenden fassen zusammen, was bisher besprochen wurde, und die neue Runde baut darauf auf.</p>
<p>Die Methode eignet sich, wenn Sie viele Sichtweisen einsammeln und Menschen ins Gespräch bringen wollen, etwa beim Kick-off oder zur Vorbereitung der Zukunftswerkstatt. Sie eignet sich nicht für Entscheidungen: Am Ende stehen Eindrücke und Themen, keine Beschlüsse.</p>
<h3>Gute Fragen sind das Wichtigste</h3>
<p>Stellen Sie offene Fragen, die zur eigenen Erfahrung einladen, und vermeiden Sie Ja-Nein-Fragen. Drei Fragen für drei Runden reichen. Eine kurze Abschlussrunde im Plenum („Was hat Sie überrascht?“) macht die Ergebnisse für alle sichtbar.</p>
<h3>Stolpersteine</h3>
<ul><li>Zu große Tische: Ab sieben Personen reden nur noch wenige.</li><li>Gastgebende dominieren: Sie sollen zusammenfassen und einladen, nicht referieren.</li><li>Ergebnisse gehen verloren: Tischdecken fotografieren und innerhalb einer Woche ein Kurzprotokoll verschicken.</li></ul>""",
        "steps": [
            "Zwei bis drei offene Fragen formulieren",
            "Tische mit Papiertischdecken, Stiften und Getränken vorbereiten",
            "Gastgebende je Tisch einweisen",
            "Drei Gesprächsrunden à 20 Minuten mit Tischwechsel",
            "Ernte im Plenum: Was ist an allen Tischen aufgetaucht?",
            "Tischdecken fotografieren und Kurzprotokoll verschicken",
        ],
        "duration": "2 bis 3 Stunden; Vorbereitung 2 bis 3 Wochen",
        "effort": "low",
        "group_size": "12 bis 100 Personen",
        "cost_range": "low",
        "themes": ["teilhabe-aller-altersgruppen", "ehrenamt-engagement"],
        "phases": ["kickoff", "workshop", "review"],
        "target_groups": ["adults", "seniors", "volunteers", "administration", "politics"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
    {
        "slug": "open-space",
        "entry_type": "method",
        "title": "Open Space",
        "summary": "Die Teilnehmenden bestimmen die Tagesordnung selbst: Wer ein Anliegen hat, lädt zu einer Gesprächsrunde ein. Gut für große Gruppen und Themen mit viel Energie.",
        "body": """<p>Open Space beginnt mit einem leeren Zeitplan an der Wand. Nach einer kurzen Einführung in das Leitthema – etwa „Unser Ort 2035: gut leben in jedem Alter“ – schreiben Teilnehmende ihre Anliegen auf und laden zu einer Arbeitsgruppe ein. Wer mag, geht hin; wer nichts mehr beitragen oder lernen kann, wechselt die Gruppe („Gesetz der zwei Füße“).</p>
<p>Jede Gruppe hält ihre Ergebnisse auf einem einfachen Formblatt fest. Am Ende werden die Ergebnisse gesammelt, gewichtet und die Themen mit den meisten Unterstützern zu Vorhaben weiterentwickelt. So entsteht in kurzer Zeit ein Bild davon, wofür sich Menschen selbst einsetzen wollen.</p>
<h3>Wann passt Open Space?</h3>
<p>Wenn das Thema viele Menschen bewegt, die Lösungen offen sind und die Kommune bereit ist, Verantwortung zu teilen. Weniger geeignet ist die Methode, wenn das Ergebnis schon feststeht oder nur wenige Personen erwartet werden.</p>
<h3>Stolpersteine</h3>
<ul><li>Ein zu enges Leitthema nimmt die Energie – ein zu weites verwässert sie.</li><li>Die Dokumentation muss während des Tages laufen, nicht erst danach.</li><li>Ohne Zusage der Verwaltung, wie mit den Ergebnissen umgegangen wird, bleibt Enttäuschung zurück.</li></ul>""",
        "steps": [
            "Leitthema formulieren und mit der Verwaltungsspitze abstimmen",
            "Großen Raum mit Nebenräumen oder Ecken und eine Zeitplanwand vorbereiten",
            "Eröffnung im Kreis, Prinzipien erklären",
            "Anliegen sammeln und Zeitfenster vergeben",
            "Arbeitsgruppen mit Ergebnisblättern",
            "Ergebnisse gewichten und nächste Schritte vereinbaren",
        ],
        "duration": "1 bis 2 Tage; Vorbereitung 6 bis 8 Wochen",
        "effort": "high",
        "group_size": "30 bis mehrere hundert Personen",
        "cost_range": "medium",
        "themes": ["ehrenamt-engagement", "teilhabe-aller-altersgruppen"],
        "phases": ["workshop"],
        "target_groups": ["adults", "youth", "volunteers", "business"],
        "municipality_kinds": ["stadt", "landkreis", "quartier"],
        "sizes": ["medium", "large", "xlarge"],
    },
    {
        "slug": "planning-for-real",
        "entry_type": "method",
        "title": "Planning for Real",
        "summary": "Ein einfaches Modell des Ortes wird zum Gesprächsanlass: Bewohnerinnen und Bewohner setzen Vorschlagskarten direkt auf das Modell. Niedrige Schwelle, auch ohne Worte.",
        "body": """<p>Planning for Real („Planen für die Wirklichkeit“) stammt aus der britischen Gemeinwesenarbeit. Ein Modell des Ortes oder Quartiers – aus Pappe, Styropor oder einer großen Luftbildkarte – wird an Orten aufgestellt, wo Menschen ohnehin sind: im Supermarkt, vor der Schule, auf dem Wochenmarkt. Wer vorbeikommt, steckt Vorschlagskarten auf („Hier fehlt eine Bank“, „Spielplatz“, „Gefährliche Kreuzung“).</p>
<p>Der große Vorteil: Niemand muss eine Rede halten. Kinder, Menschen mit wenig Deutschkenntnissen oder Ältere, die nicht zu Abendveranstaltungen kommen, beteiligen sich genauso. Das Modell selbst gemeinsam zu bauen, etwa mit einer Schulklasse, stärkt die Bindung an das Vorhaben.</p>
<h3>Vom Modell zum Plan</h3>
<p>Nach zwei bis vier Wochen werden die Karten ausgewertet, nach Orten und Themen gebündelt und in einer öffentlichen Veranstaltung priorisiert: Was ist jetzt, bald, später dran? Wer kann was beitragen? Das Ergebnis ist ein einfacher Maßnahmenplan, der gut in den Werkstattplan passt.</p>
<h3>Stolpersteine</h3>
<ul><li>Das Modell steht zu kurz oder am falschen Ort – lieber an drei belebten Orten je eine Woche.</li><li>Vorschlagskarten sind zu abstrakt: Bildsymbole helfen.</li><li>Ohne Rückmeldung an die Beteiligten verliert die Methode ihren Sinn.</li></ul>""",
        "steps": [
            "Gebiet festlegen und Modell bauen (gern mit Schule oder Jugendtreff)",
            "Vorschlagskarten mit Symbolen gestalten",
            "Modell an belebten Orten aufstellen und betreuen",
            "Karten dokumentieren und nach Orten und Themen bündeln",
            "Priorisierung in einer öffentlichen Veranstaltung",
            "Ergebnisse zurückmelden und in den Werkstattplan übernehmen",
        ],
        "duration": "4 bis 8 Wochen",
        "effort": "medium",
        "group_size": "offen, oft 100 und mehr Beiträge",
        "cost_range": "low",
        "themes": [
            "ortskerne-innenentwicklung",
            "kinder-jugend-familie",
            "teilhabe-aller-altersgruppen",
        ],
        "phases": ["profile", "workshop"],
        "target_groups": ["children", "youth", "families", "seniors", "migration"],
        "municipality_kinds": ["gemeinde", "quartier", "stadt"],
        "sizes": ["small", "medium", "large"],
    },
    {
        "slug": "zufallsbuergerrat",
        "entry_type": "method",
        "title": "Bürgerrat und Zufallsbürgerrat",
        "summary": "Per Los ausgewählte Einwohnerinnen und Einwohner beraten an mehreren Terminen eine konkrete Frage und geben Empfehlungen an Rat und Verwaltung. So kommen auch die zu Wort, die sonst nicht kommen.",
        "body": """<p>Ein Bürgerrat besteht aus 15 bis 50 Menschen, die aus dem Melderegister zufällig ausgewählt werden. Um die Bevölkerung gut abzubilden, wird nach Alter, Geschlecht und Ortsteil gewichtet nachgelost. Der Rat berät eine klar umrissene Frage, zum Beispiel „Wie sichern wir die Nahversorgung in den Ortsteilen?“, hört Fachleute an und formuliert gemeinsam Empfehlungen.</p>
<p>Der Zufall ist das Besondere: Er bringt Menschen zusammen, die sich nie zu einer Bürgerversammlung melden würden. Viele Kommunen berichten, dass die Diskussion sachlicher wird, weil niemand eine Gruppe vertritt.</p>
<h3>Damit es gelingt</h3>
<p>Vor dem Start muss klar sein, was mit den Empfehlungen geschieht: Der Gemeinderat sollte sich verpflichten, sie zu beraten und öffentlich zu antworten. Eine Aufwandsentschädigung, Kinderbetreuung und erreichbare Termine erhöhen die Zusagequote, die bei Losverfahren oft nur bei fünf bis zehn Prozent liegt. Planen Sie daher mit dem Zehnfachen an Einladungen.</p>
<h3>Stolpersteine</h3>
<ul><li>Zu breite Frage – der Rat verliert sich. Eine Frage, ein Auftrag.</li><li>Fachinput ist einseitig: Gegensätzliche Positionen anhören.</li><li>Datenschutz: Melderegisterauskunft rechtlich prüfen lassen und Daten nach dem Losverfahren löschen.</li></ul>""",
        "steps": [
            "Frage und Auftrag mit dem Rat beschließen",
            "Losverfahren aus dem Melderegister mit Nachlosung nach Merkmalen",
            "Einladungen mit Aufwandsentschädigung und Unterstützungsangeboten",
            "Drei bis vier Sitzungen: informieren, beraten, empfehlen",
            "Übergabe der Empfehlungen an den Rat",
            "Öffentliche Antwort des Rats zu jeder Empfehlung",
        ],
        "duration": "3 bis 4 Monate; Sitzungen an 3 bis 4 Terminen",
        "effort": "high",
        "group_size": "15 bis 50 geloste Personen",
        "cost_range": "high",
        "themes": ["teilhabe-aller-altersgruppen", "kommunale-identitaet"],
        "phases": ["workshop", "plan"],
        "target_groups": ["adults", "youth", "seniors", "migration", "politics"],
        "municipality_kinds": ["stadt", "landkreis", "gemeinde"],
        "sizes": ["medium", "large", "xlarge"],
    },
    {
        "slug": "ideenwerkstatt",
        "entry_type": "method",
        "title": "Ideenwerkstatt",
        "summary": "Eine kompakte Werkstatt von zwei bis drei Stunden, in der zu einem klar umrissenen Thema Ideen gesammelt, geschärft und bewertet werden. Die kleine Schwester der Zukunftswerkstatt.",
        "body": """<p>Nicht jede Frage braucht einen ganzen Werkstatttag. Die Ideenwerkstatt konzentriert sich auf ein Thema – etwa „Was machen wir mit dem leeren Laden am Marktplatz?“ – und führt in einem Abend von der Frage zu zwei, drei ausgearbeiteten Ideen.</p>
<p>Der Ablauf: kurzer Impuls mit Fakten (fünf Minuten, nicht mehr), stille Ideensammlung auf Karten, Vorstellen und Ordnen, dann arbeiten Kleingruppen die meistgewählten Ideen mit einem Steckbrief aus: Was ist die Idee? Für wen? Wer macht mit? Was ist der erste Schritt? Zum Schluss stellen die Gruppen vor und alle vergeben Punkte.</p>
<h3>Tipps</h3>
<p>Die stille Sammelphase ist wichtig, damit auch zurückhaltende Menschen Ideen einbringen. Ein Steckbrief mit festen Feldern verhindert, dass Gruppen sich in Details verlieren. Laden Sie zwei, drei Menschen ein, die die Umsetzung später tragen könnten – etwa Vereinsvorsitzende oder Gewerbetreibende.</p>
<h3>Stolpersteine</h3>
<ul><li>Der Fachimpuls wird zum Vortrag – Zeit strikt begrenzen.</li><li>Zu viele Ideen werden ausgearbeitet: Höchstens drei.</li></ul>""",
        "steps": [
            "Frage eingrenzen und Fakten als kurzen Impuls aufbereiten",
            "Stille Ideensammlung auf Karten (10 Minuten)",
            "Ideen vorstellen, ordnen, mit Punkten bewerten",
            "Kleingruppen füllen Steckbriefe für die drei wichtigsten Ideen",
            "Vorstellen, Verantwortliche und nächsten Termin festhalten",
        ],
        "duration": "2 bis 3 Stunden; Vorbereitung 2 Wochen",
        "effort": "low",
        "group_size": "8 bis 30 Personen",
        "cost_range": "none",
        "themes": ["ortskerne-innenentwicklung", "ehrenamt-engagement"],
        "phases": ["workshop", "plan"],
        "target_groups": ["adults", "volunteers", "business", "youth"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
    {
        "slug": "quartiersbegehung-dorfspaziergang",
        "entry_type": "method",
        "title": "Quartiersbegehung und Dorfspaziergang",
        "summary": "Gemeinsam durch den Ort gehen und unterwegs festhalten, was gut ist und was fehlt. Besonders wirksam mit Älteren, Kindern oder Menschen mit Rollator und Kinderwagen.",
        "body": """<p>Beim Dorfspaziergang oder der Quartiersbegehung geht eine kleine Gruppe eine vorher festgelegte Route von etwa zwei Kilometern ab. An fünf bis acht Stationen bleibt die Gruppe stehen und spricht darüber, was sie sieht: eine zu hohe Bordsteinkante, eine fehlende Bank, ein leer stehendes Haus, ein schöner Platz, der kaum genutzt wird.</p>
<p>Wer mit Menschen geht, die den Ort anders erleben – Seniorinnen mit Rollator, Eltern mit Kinderwagen, Jugendliche –, sieht Dinge, die in keiner Statistik stehen. Die Methode ergänzt daher das Kommunalprofil gut um die Sicht „von unten“.</p>
<h3>Dokumentation</h3>
<p>Eine Person fotografiert, eine schreibt mit, und jede Beobachtung wird auf einer Karte mit Nummer verortet. Danach setzt sich die Gruppe bei Kaffee zusammen und sortiert: Was kann der Bauhof schnell beheben? Was gehört in den Werkstattplan? So gibt es schnelle, sichtbare Erfolge.</p>
<h3>Stolpersteine</h3>
<ul><li>Zu lange Route – 90 Minuten sind für viele Ältere die Grenze.</li><li>Nur Verwaltung und Politik gehen mit: Betroffene gezielt einladen.</li><li>Keine Rückmeldung: Nach vier Wochen berichten, was schon erledigt ist.</li></ul>""",
        "steps": [
            "Route und Stationen festlegen, barrierearm prüfen",
            "Gezielt einladen: Seniorenbeirat, Kita-Eltern, Jugendliche",
            "Rundgang mit Foto- und Kartendokumentation",
            "Nachgespräch: schnell lösbar, mittelfristig, Werkstattplan",
            "Rückmeldung zu erledigten Punkten nach vier Wochen",
        ],
        "duration": "1,5 bis 2 Stunden plus Nachgespräch",
        "effort": "low",
        "group_size": "8 bis 20 Personen",
        "cost_range": "none",
        "themes": ["ortskerne-innenentwicklung", "wohnen-im-alter", "mobilitaet"],
        "phases": ["profile", "workshop"],
        "target_groups": ["seniors", "children", "families", "administration"],
        "municipality_kinds": ["gemeinde", "quartier", "stadt"],
        "sizes": ALL_SIZES,
    },
    {
        "slug": "szenario-workshop",
        "entry_type": "method",
        "title": "Szenario-Workshop",
        "summary": "Mehrere denkbare Zukünfte des Ortes durchspielen – etwa mit und ohne Zuzug junger Familien – und prüfen, welche Maßnahmen in allen Fällen tragen.",
        "body": """<p>Die Bevölkerungsvorausberechnung im Kommunalprofil zeigt eine wahrscheinliche Entwicklung. Ein Szenario-Workshop fragt weiter: Was, wenn mehr Menschen zuziehen als erwartet? Was, wenn der größte Arbeitgeber schließt? Aus zwei wichtigen, unsicheren Einflussfaktoren entsteht ein Feld mit vier Szenarien, die Kleingruppen ausmalen.</p>
<p>Jede Gruppe beschreibt „ihr“ Szenario für das Jahr 2040: Wer lebt hier? Wie sieht ein Wochentag aus? Was brauchen die Menschen? Im Vergleich zeigt sich, welche Maßnahmen in allen Szenarien sinnvoll sind („robuste Maßnahmen“) und welche nur in einem Fall.</p>
<h3>Voraussetzungen</h3>
<p>Die Methode braucht eine Datengrundlage und Teilnehmende, die abstrakt denken mögen – sie eignet sich gut für das Kernteam, Verwaltung, Politik und Fachleute, weniger als offene Bürgerveranstaltung. Eine Moderation mit Erfahrung in Zukunftsmethoden ist hilfreich.</p>
<h3>Stolpersteine</h3>
<ul><li>Szenarien werden als Prognose missverstanden – betonen, dass es Denkmodelle sind.</li><li>Nur das Wunschszenario wird ernst genommen.</li></ul>""",
        "steps": [
            "Einflussfaktoren sammeln und nach Wichtigkeit und Unsicherheit ordnen",
            "Zwei Schlüsselfaktoren wählen und das Szenariofeld aufspannen",
            "Kleingruppen beschreiben je ein Szenario für 2040",
            "Szenarien vergleichen: robuste Maßnahmen finden",
            "Ergebnisse in Leitbild und Werkstattplan übernehmen",
        ],
        "duration": "1 Tag; Vorbereitung 3 bis 4 Wochen",
        "effort": "medium",
        "group_size": "10 bis 25 Personen",
        "cost_range": "low",
        "themes": ["halte-und-anziehungsfaktoren", "wohnen-und-bauen"],
        "phases": ["profile", "plan"],
        "target_groups": ["administration", "politics", "business"],
        "municipality_kinds": ["stadt", "landkreis", "gemeinde"],
        "sizes": ["medium", "large", "xlarge"],
    },
    {
        "slug": "swot-analyse",
        "entry_type": "method",
        "title": "SWOT-Analyse für die Kommune",
        "summary": "Stärken, Schwächen, Chancen und Risiken der Kommune auf einem Blatt – gestützt auf die Kennzahlen des Kommunalprofils und die Erfahrung der Menschen vor Ort.",
        "body": """<p>Die SWOT-Analyse ordnet die Lage der Kommune in vier Felder: Stärken und Schwächen beschreiben, was die Kommune selbst ausmacht (zum Beispiel ein lebendiges Vereinsleben oder fehlende Kita-Plätze). Chancen und Risiken kommen von außen (zum Beispiel ein neuer Bahnhalt oder der Rückgang der Hausärzte in der Region).</p>
<p>Im Programm steht die SWOT-Analyse am Ende des Kommunalprofils. Sie verbindet Zahlen – etwa Altenquotient, Wanderungssaldo, Entwicklung der Jüngeren – mit Einschätzungen aus Interviews und Ortsbegehungen. Jede Aussage sollte einen Beleg haben: eine Kennzahl, ein Interview, eine Beobachtung.</p>
<h3>Vom Raster zur Strategie</h3>
<p>Der eigentliche Nutzen entsteht, wenn Sie die Felder kombinieren: Welche Stärken helfen, Chancen zu nutzen? Welche Schwächen machen uns für Risiken anfällig? Daraus ergeben sich zwei bis vier Handlungsfelder für die Zukunftswerkstatt.</p>
<h3>Stolpersteine</h3>
<ul><li>Listen ohne Gewichtung: Je Feld höchstens fünf Punkte.</li><li>Stärken und Chancen werden verwechselt – Innen und Außen trennen.</li><li>Die Analyse bleibt im Rathaus: Ergebnisse öffentlich zur Diskussion stellen.</li></ul>""",
        "steps": [
            "Kennzahlen des Kommunalprofils und Interviewergebnisse sichten",
            "Stärken, Schwächen, Chancen, Risiken sammeln – je mit Beleg",
            "Je Feld auf höchstens fünf Punkte verdichten",
            "Felder kombinieren und strategische Fragen ableiten",
            "Handlungsfelder für die Zukunftswerkstatt vorschlagen",
        ],
        "duration": "1 Workshop von 3 Stunden plus Vorbereitung",
        "effort": "low",
        "group_size": "6 bis 15 Personen",
        "cost_range": "none",
        "themes": ["halte-und-anziehungsfaktoren", "kommunale-identitaet"],
        "phases": ["profile"],
        "target_groups": ["administration", "politics"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
    {
        "slug": "stakeholder-analyse",
        "entry_type": "method",
        "title": "Stakeholder-Analyse",
        "summary": "Wer ist betroffen, wer hat Einfluss, wer fehlt noch? Eine einfache Akteurslandkarte hilft, beim Kick-off die richtigen Menschen an den Tisch zu holen.",
        "body": """<p>Demografische Strategien scheitern selten an Ideen, häufiger daran, dass wichtige Akteure nicht beteiligt waren: der Sportverein, der die Halle verwaltet, die Pflegedienste, die Wohnungsbaugesellschaft, die Moscheegemeinde. Eine Stakeholder-Analyse macht sichtbar, wer für das Vorhaben wichtig ist.</p>
<p>Sammeln Sie zunächst alle Akteure auf Karten – Institutionen, Gruppen und Schlüsselpersonen. Dann ordnen Sie sie in ein Raster mit zwei Achsen: Wie stark ist jemand betroffen? Wie viel Einfluss hat er oder sie? Wer betroffen ist und Einfluss hat, gehört ins Kernteam oder den Begleitkreis. Wer betroffen ist, aber wenig Einfluss hat – oft Jugendliche, Ältere, Zugewanderte –, braucht gezielte Beteiligungsformate.</p>
<h3>Die Landkreisebene</h3>
<p>Für Landkreise lohnt eine zweite Karte: Welche Gemeinden, Ämter und regionalen Träger müssen zusammenspielen? Hier entscheidet sich, ob Maßnahmen später über Gemeindegrenzen hinweg tragen.</p>
<h3>Stolpersteine</h3>
<ul><li>Nur Institutionen, keine Menschen: Namen von Ansprechpersonen ergänzen.</li><li>Die Karte veraltet – beim Übergang zu jedem Schritt kurz prüfen.</li></ul>""",
        "steps": [
            "Akteure sammeln: Institutionen, Gruppen, Schlüsselpersonen",
            "Nach Betroffenheit und Einfluss einordnen",
            "Lücken erkennen: Wer fehlt?",
            "Beteiligungsform je Gruppe festlegen",
            "Ansprechpersonen und Zuständigkeiten im Team verteilen",
        ],
        "duration": "1 bis 2 Stunden im Kernteam",
        "effort": "low",
        "group_size": "4 bis 12 Personen",
        "cost_range": "none",
        "themes": ["ehrenamt-engagement", "kommunale-identitaet"],
        "phases": ["kickoff"],
        "target_groups": ["administration", "politics", "volunteers"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
    {
        "slug": "kinder-und-jugendbeteiligung",
        "entry_type": "method",
        "title": "Kinder- und Jugendbeteiligung",
        "summary": "Junge Menschen beteiligen – in der Schule, im Jugendtreff, online und mit echtem Einfluss. Wer früh erlebt, dass die eigene Stimme zählt, bleibt dem Ort eher verbunden.",
        "body": """<p>Jugendliche sind in klassischen Bürgerversammlungen fast nie vertreten, obwohl es um ihre Zukunft geht. Sie zu beteiligen ist zudem ein Haltefaktor: Wer sich ernst genommen fühlt, kommt nach Ausbildung oder Studium eher zurück. Gute Kinder- und Jugendbeteiligung geht dorthin, wo junge Menschen sind, und arbeitet mit Formaten, die zu ihnen passen.</p>
<h3>Bewährte Formate</h3>
<ul><li><strong>Projektwoche in der Schule:</strong> Klassen erkunden den Ort mit Fotostreifzügen und stellen ihre Ergebnisse im Rathaus vor.</li><li><strong>Jugendforum:</strong> Ein Nachmittag mit Musik und Essen, an dem Jugendliche Themen setzen und direkt mit der Bürgermeisterin sprechen.</li><li><strong>Jugendbudget:</strong> Ein fester Betrag, über den Jugendliche selbst entscheiden – etwa 2.000 bis 5.000 Euro im Jahr.</li><li><strong>Online-Umfrage per Smartphone</strong> mit kurzen Fragen und Bildern.</li></ul>
<h3>Was wirklich zählt</h3>
<p>Jugendliche merken schnell, ob Beteiligung ernst gemeint ist. Sagen Sie offen, worüber sie mitentscheiden können und worüber nicht. Setzen Sie etwas schnell um, und sei es klein, und zeigen Sie es. Die Zeitspanne zwischen Idee und sichtbarem Ergebnis sollte Monate betragen, nicht Jahre.</p>
<h3>Stolpersteine</h3>
<ul><li>Schein-Beteiligung: Ergebnisse stehen schon fest.</li><li>Termine am Abend im Rathaus – lieber nachmittags im Jugendtreff.</li><li>Immer dieselben engagierten Jugendlichen: Über Schulen auch andere erreichen.</li></ul>""",
        "steps": [
            "Spielraum klären: Worüber entscheiden Jugendliche mit?",
            "Partner gewinnen: Schulen, Jugendarbeit, Vereine",
            "Format wählen, das zu den Jugendlichen passt",
            "Beteiligung durchführen, Ergebnisse mit Jugendlichen präsentieren",
            "Eine Idee schnell umsetzen und sichtbar machen",
            "Jugendliche in den Werkstattplan und die Zwischenbilanz einbinden",
        ],
        "duration": "einzelne Formate 1 Tag bis 1 Woche; dauerhaft als Jugendforum",
        "effort": "medium",
        "group_size": "eine Schulklasse bis 100 Jugendliche",
        "cost_range": "low",
        "themes": [
            "kinder-jugend-familie",
            "halte-und-anziehungsfaktoren",
            "teilhabe-aller-altersgruppen",
        ],
        "phases": ["workshop", "plan", "review"],
        "target_groups": ["children", "youth"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
    {
        "slug": "seniorenbeteiligung",
        "entry_type": "method",
        "title": "Seniorenbeteiligung",
        "summary": "Ältere Menschen als Expertinnen und Experten ihres Alltags beteiligen: über Seniorenbeiräte, Gespräche im Seniorentreff, Hausbesuche und barrierearme Veranstaltungen.",
        "body": """<p>In vielen Kommunen wächst der Anteil der über 65-Jährigen deutlich. Ältere Menschen wissen genau, wo der Alltag schwierig wird: beim Einkaufen ohne Auto, beim Arztbesuch, bei Treppen und Bordsteinen. Gleichzeitig sind sie oft die tragende Kraft im Ehrenamt. Seniorenbeteiligung nimmt beides ernst.</p>
<h3>Wege der Beteiligung</h3>
<ul><li><strong>Seniorenbeirat:</strong> Dauerhaft beteiligen, mit Rederecht in Ausschüssen.</li><li><strong>Gesprächsrunden im Seniorentreff</strong> oder nach dem Gottesdienst – dort, wo ältere Menschen ohnehin sind.</li><li><strong>Aufsuchende Gespräche</strong> für Menschen, die das Haus kaum verlassen, etwa gemeinsam mit Pflegediensten oder Besuchsdiensten.</li><li><strong>Seniorenbefragung auf Papier</strong> mit großer Schrift und frankiertem Rückumschlag.</li></ul>
<h3>Barrierearm planen</h3>
<p>Veranstaltungen am Vormittag oder frühen Nachmittag, ebenerdiger Raum, Mikrofon mit Höranlage, große Schrift auf Stellwänden und ein Fahrdienst erhöhen die Teilnahme deutlich. Ältere Menschen bringen gern Erfahrung ein, wenn sie nicht nur als Zielgruppe von Versorgung, sondern als Mitgestaltende angesprochen werden.</p>
<h3>Stolpersteine</h3>
<ul><li>„Die Senioren“ gibt es nicht: 65-Jährige und 90-Jährige haben unterschiedliche Anliegen.</li><li>Nur Online-Angebote schließen viele Hochbetagte aus.</li></ul>""",
        "steps": [
            "Bestehende Strukturen einbinden: Seniorenbeirat, Kirchengemeinden, Pflegedienste",
            "Zugänge wählen: Treffpunkte, Papierbefragung, Hausbesuche",
            "Barrierearme Veranstaltung mit Fahrdienst anbieten",
            "Ergebnisse nach Altersgruppen auswerten",
            "Ältere als Patinnen und Paten für Maßnahmen gewinnen",
        ],
        "duration": "4 bis 8 Wochen für eine Beteiligungsrunde",
        "effort": "medium",
        "group_size": "10 bis 50 Personen je Veranstaltung",
        "cost_range": "low",
        "themes": ["wohnen-im-alter", "gesundheit-und-pflege", "teilhabe-aller-altersgruppen"],
        "phases": ["profile", "workshop"],
        "target_groups": ["seniors", "volunteers"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
    {
        "slug": "aufsuchende-beteiligung",
        "entry_type": "method",
        "title": "Aufsuchende Beteiligung",
        "summary": "Nicht warten, bis Menschen kommen, sondern zu ihnen gehen: an die Haustür, auf den Markt, in den Sportverein. So erreichen Sie Gruppen, die bei Veranstaltungen fehlen.",
        "body": """<p>Zu Abendveranstaltungen kommen meist Menschen, die gut informiert, gut vernetzt und zeitlich flexibel sind. Schichtarbeitende, Alleinerziehende, Menschen mit wenig Deutschkenntnissen oder Ältere ohne Auto fehlen. Aufsuchende Beteiligung dreht die Richtung um: Das Team geht dorthin, wo diese Menschen ihren Alltag verbringen.</p>
<h3>Formen</h3>
<ul><li><strong>Infostand mit Fragewand</strong> auf dem Wochenmarkt, vor dem Supermarkt oder beim Dorffest.</li><li><strong>Lastenrad oder Bauwagen</strong> als mobiles Beteiligungsbüro, das an festen Tagen in verschiedenen Ortsteilen steht.</li><li><strong>Haustürgespräche</strong> mit einem kurzen Leitfaden in ausgewählten Straßen.</li><li><strong>Besuche bei Gruppen</strong>: Sprachkurs, Elterncafé, Sportverein, Moscheegemeinde.</li></ul>
<h3>Hinweise</h3>
<p>Kurze, konkrete Fragen funktionieren am besten („Was fehlt Ihnen hier im Ortsteil am meisten?“). Mehrsprachige Materialien und Teams, in denen auch Menschen mit Migrationsgeschichte mitarbeiten, öffnen Türen. Halten Sie Antworten sofort fest – auf Karten, Tablet oder Fragebogen – und zählen Sie, wen Sie erreicht haben.</p>
<h3>Stolpersteine</h3>
<ul><li>Das Team wirkt wie ein Werbestand – persönlich, ohne Druck und ohne Verkaufsgeste ansprechen.</li><li>Ergebnisse lassen sich schlecht mit Veranstaltungsergebnissen zusammenführen: gleiche Kategorien verwenden.</li></ul>""",
        "steps": [
            "Festlegen, wen Sie bisher nicht erreichen",
            "Orte und Zeiten finden, an denen diese Menschen sind",
            "Kurzen Fragebogen oder Fragewand vorbereiten, mehrsprachig",
            "Einsätze durchführen und Kontakte zählen",
            "Ergebnisse mit den übrigen Beteiligungsergebnissen zusammenführen",
        ],
        "duration": "mehrere Einsätze von 2 bis 3 Stunden über 4 bis 6 Wochen",
        "effort": "medium",
        "group_size": "Team von 2 bis 4 Personen, erreicht 50 bis 300 Menschen",
        "cost_range": "low",
        "themes": ["integration-willkommenskultur", "teilhabe-aller-altersgruppen"],
        "phases": ["profile", "workshop"],
        "target_groups": ["migration", "families", "youth", "seniors"],
        "municipality_kinds": ["quartier", "stadt", "gemeinde"],
        "sizes": ALL_SIZES,
    },
    {
        "slug": "online-umfrage",
        "entry_type": "method",
        "title": "Online-Umfrage",
        "summary": "Viele Meinungen schnell und günstig einholen – gut als Ergänzung, nie als einziger Zugang. Mit Papierfassung, einfacher Sprache und klarer Auswertung.",
        "body": """<p>Eine Online-Umfrage erreicht in kurzer Zeit viele Menschen, vor allem Berufstätige, Jugendliche und Zugezogene, die nicht zu Veranstaltungen kommen. Sie eignet sich, um Prioritäten abzufragen („Welche drei Themen sind Ihnen am wichtigsten?“), Zufriedenheit zu messen oder Ideen zu sammeln, die später in der Zukunftswerkstatt vertieft werden.</p>
<h3>Gut gemacht</h3>
<p>Halten Sie die Umfrage kurz: zehn Fragen, höchstens zehn Minuten. Beginnen Sie mit einer leichten Frage, stellen Sie persönliche Angaben (Alter, Ortsteil) ans Ende und erklären Sie, wofür sie gebraucht werden. Bieten Sie eine Papierfassung im Rathaus, in der Bücherei und im Seniorentreff an, damit niemand ausgeschlossen ist. Nutzen Sie ein datenschutzkonformes Werkzeug mit Servern in der EU.</p>
<h3>Auswertung</h3>
<p>Eine Online-Umfrage ist nicht repräsentativ. Vergleichen Sie die Altersverteilung der Antwortenden mit dem Kommunalprofil und sagen Sie offen, wer über- und wer unterrepräsentiert ist. Offene Antworten lassen sich gut nach den Handlungsfeldern ordnen.</p>
<h3>Stolpersteine</h3>
<ul><li>Suggestivfragen („Sind Sie auch für mehr Radwege?“).</li><li>Keine Rückmeldung: Ergebnisse innerhalb von sechs Wochen veröffentlichen.</li><li>Mehrfachteilnahme: bei heiklen Themen Codes verteilen.</li></ul>""",
        "steps": [
            "Ziel und höchstens zehn Fragen festlegen",
            "Mit drei Testpersonen unterschiedlichen Alters prüfen",
            "Papierfassung und Sammelstellen organisieren",
            "Drei bis vier Wochen bewerben: Amtsblatt, Schulen, soziale Medien, Vereine",
            "Auswerten, mit der Bevölkerungsstruktur vergleichen",
            "Ergebnisse veröffentlichen und in die Werkstatt einbringen",
        ],
        "duration": "6 bis 8 Wochen von der Planung bis zum Ergebnis",
        "effort": "low",
        "group_size": "beliebig viele Teilnehmende",
        "cost_range": "low",
        "themes": ["digitale-teilhabe", "teilhabe-aller-altersgruppen"],
        "phases": ["profile", "review"],
        "target_groups": ["adults", "youth", "families"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
    {
        "slug": "fokusgruppen",
        "entry_type": "method",
        "title": "Fokusgruppen",
        "summary": "Moderierte Gesprächsrunden mit sechs bis zehn Menschen einer Zielgruppe – etwa Pflegende Angehörige oder Berufspendler – bringen Hintergründe ans Licht, die eine Umfrage nicht zeigt.",
        "body": """<p>Eine Fokusgruppe ist ein moderiertes Gespräch von etwa 90 Minuten mit Menschen, die etwas gemeinsam haben: junge Eltern, Pendlerinnen, Zugezogene der letzten fünf Jahre, Gewerbetreibende im Ortskern. Die Moderation folgt einem Leitfaden mit wenigen offenen Fragen und lässt Raum für das, was die Gruppe selbst einbringt.</p>
<p>Fokusgruppen ergänzen die Zahlen des Kommunalprofils um das Warum: Warum ziehen junge Familien weg? Was würde Pendlerinnen im Ort halten? Zwei bis vier Gruppen zu verschiedenen Zielgruppen geben meist ein gutes Bild.</p>
<h3>Ablauf</h3>
<p>Nach einer kurzen Vorstellungsrunde beginnt die Moderation mit einer Einstiegsfrage zur eigenen Erfahrung, vertieft dann zwei, drei Kernfragen und schließt mit der Frage: „Wenn Sie eine Sache ändern könnten …?“ Das Gespräch wird mit Einverständnis aufgezeichnet oder ausführlich protokolliert und danach nach Themen ausgewertet.</p>
<h3>Stolpersteine</h3>
<ul><li>Gemischte Gruppen mit Hierarchie (Chefin und Angestellte) bremsen offene Worte.</li><li>Zu viele Fragen: Lieber tiefer als breiter.</li><li>Teilnehmende gewinnen kostet Zeit – über persönliche Kontakte und eine kleine Anerkennung.</li></ul>""",
        "steps": [
            "Zielgruppen und Leitfragen festlegen",
            "Sechs bis zehn Teilnehmende je Gruppe gewinnen",
            "Gespräch von 90 Minuten moderieren und protokollieren",
            "Auswertung nach Themen, Zitate sammeln",
            "Ergebnisse in SWOT-Analyse und Werkstatt einbringen",
        ],
        "duration": "je Gruppe 90 Minuten; insgesamt 3 bis 5 Wochen",
        "effort": "medium",
        "group_size": "6 bis 10 Personen je Gruppe",
        "cost_range": "low",
        "themes": ["halte-und-anziehungsfaktoren", "kinder-jugend-familie", "fachkraeftesicherung"],
        "phases": ["profile", "review"],
        "target_groups": ["families", "business", "migration", "seniors"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
    {
        "slug": "leitbildprozess",
        "entry_type": "method",
        "title": "Leitbildprozess",
        "summary": "Ein gemeinsames Bild davon, wofür der Ort in zehn bis fünfzehn Jahren stehen will – kurz, verständlich und vom Rat beschlossen. Das Dach über dem Werkstattplan.",
        "body": """<p>Ein Leitbild beantwortet die Frage: Was für ein Ort wollen wir sein? Es besteht aus einer kurzen Vision und wenigen Leitsätzen je Handlungsfeld, etwa „Wir sind ein Dorf, in dem man in jedem Alter gut leben kann“ und „Niemand muss wegen fehlender Versorgung wegziehen“. Im Programm bildet es das Dach über die Maßnahmen des Werkstattplans.</p>
<h3>Wie ein Leitbild entsteht</h3>
<p>Ein gutes Leitbild wird nicht im Rathaus geschrieben, sondern aus den Ergebnissen von Kommunalprofil und Zukunftswerkstatt verdichtet. Eine Redaktionsgruppe aus Verwaltung, Politik und Bürgerschaft formuliert einen Entwurf, der öffentlich diskutiert und danach vom Rat beschlossen wird. So wird es zur gemeinsamen Grundlage, auf die sich auch künftige Entscheidungen beziehen können.</p>
<h3>Woran Sie ein gutes Leitbild erkennen</h3>
<ul><li>Es passt auf eine Seite und ist in einfacher Sprache geschrieben.</li><li>Es ist konkret genug, dass man daraus Ziele ableiten kann.</li><li>Es benennt auch Zielkonflikte, etwa zwischen Neubaugebiet und Ortskern.</li></ul>
<h3>Stolpersteine</h3>
<ul><li>Allgemeinplätze („lebenswert, zukunftsfähig, nachhaltig“) ohne Aussage.</li><li>Das Leitbild verschwindet in der Schublade: Bei jeder Beschlussvorlage fragen, welchem Leitsatz sie dient.</li></ul>""",
        "steps": [
            "Ergebnisse aus Profil und Werkstatt zusammenfassen",
            "Redaktionsgruppe bilden",
            "Vision und Leitsätze je Handlungsfeld entwerfen",
            "Entwurf öffentlich diskutieren (Veranstaltung, online)",
            "Überarbeiten und im Rat beschließen",
            "Leitbild sichtbar machen und in Beschlussvorlagen verwenden",
        ],
        "duration": "3 bis 6 Monate",
        "effort": "medium",
        "group_size": "Redaktionsgruppe 6 bis 12 Personen; Diskussion offen",
        "cost_range": "low",
        "themes": ["kommunale-identitaet"],
        "phases": ["plan"],
        "target_groups": ["administration", "politics", "adults", "volunteers"],
        "municipality_kinds": ALL_KINDS,
        "sizes": ALL_SIZES,
    },
]
