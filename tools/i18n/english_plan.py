"""English for the plan's participant paths (issue 18): texts added with
tools/i18n/plan_paths.py that the English catalogue did not have yet. Written into
src/zwk/locale/en by tools/i18n/fill.py en (format of english.py)."""

S = [
    ("E-Mails abbestellen", "Unsubscribe from e-mails"),
    ("Sprache der E-Mails", "Language of the e-mails"),
    ("Mit·machen ohne Treffen", "Taking part without a meeting"),
    ("Manchmal macht Ihre Kommune eine Umfrage.", "Sometimes your municipality runs a survey."),
    ("Dann beantworten Sie Fragen im Internet.", "Then you answer questions on the internet."),
    (
        "Manchmal sammelt Ihre Kommune Ideen im Internet.",
        "Sometimes your municipality collects ideas on the internet.",
    ),
    ("Dann schreiben Sie Ihre Idee auf.", "Then you write down your idea."),
    (
        "Hier sehen Sie: Wo können Sie jetzt mit·machen?",
        "See here: where can you take part now?",
    ),
    (
        "Manchmal zeigt die Kommune den Plan vorher.",
        "Sometimes the municipality shows the plan beforehand.",
    ),
    ("Der Plan ist dann noch nicht fertig.", "Then the plan is not finished yet."),
    ("Das nennt man: Entwurf.", "This is called: a draft."),
    ("Sie können zu dem Entwurf etwas schreiben.", "You can write something about the draft."),
    ("Sie brauchen dafür kein Konto.", "You do not need an account for this."),
    (
        "Jede Kommune hat eine Seite: Was aus Ihren Ideen wurde.",
        "Every municipality has a page: What became of your ideas.",
    ),
    (
        "Dort sehen Sie: Was macht die Kommune mit den Ideen?",
        "There you can see: what does the municipality do with the ideas?",
    ),
    ("Sie können eine E-Mail bekommen.", "You can get an e-mail."),
    ("Dann wissen Sie: Es gibt etwas Neues.", "Then you know: there is something new."),
    ("Andere Sprachen", "Other languages"),
    ("Sie können die Sprache wählen.", "You can choose the language."),
    ("Die Auswahl ist oben auf jeder Seite.", "The choice is at the top of every page."),
    ("Es gibt diese Sprachen:", "There are these languages:"),
    # following a whole participation project (issue 17's follow page)
    (
        "Sie erhalten eine E-Mail, wenn eine Idee oder ein anderer Beitrag aus dem Beteiligungsprojekt „%(title)s“ einen neuen Stand bekommt – auch wenn eine Maßnahme, die daraus entstanden ist, weiterkommt.",
        "You will get an e-mail when an idea or another contribution from the participation project “%(title)s” gets a new status – also when a measure that came from it moves on.",
    ),
    (
        "Sie erhalten eine E-Mail, wenn eine Idee oder ein anderer Beitrag aus diesem Projekt einen neuen Stand bekommt.",
        "You will get an e-mail when an idea or another contribution from this project gets a new status.",
    ),
    ("Zurück zum Projekt", "Back to the project"),
    (
        "Diesem Beteiligungsprojekt kann man nicht folgen.",
        "This participation project cannot be followed.",
    ),
    ("alle Beiträge eines Beteiligungsprojekts", "all contributions of a participation project"),
    (
        "den Beiträgen des Beteiligungsprojekts „%(title)s“",
        "the contributions of the participation project “%(title)s”",
    ),
    ("dem Beteiligungsprojekt „%(title)s“", "the participation project “%(title)s”"),
    ("Die Seite merkt sich Ihre Wahl.", "The website remembers your choice."),
]

P = []
