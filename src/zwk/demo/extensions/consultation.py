"""Demo data of "Entwurf diskutieren": Musterstadt's draft Werkstattplan was open for public
comments for four weeks before the council approved it – a CLOSED consultation with comments
on the Leitbild, goals and measures, replies, the team's answers, one hidden comment and the
summary in the version history (/kommunen/musterstadt/plan/entwurf/). Fictional content.
Idempotent: nothing is created when the plan already had a consultation.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from zwk.consultation import services
from zwk.consultation.models import Consultation
from zwk.plans.models import Goal, Measure, Plan

ORDER = 55  # after plans (50)

# (section: "vision", goal index or measure title fragment, pseudonym, age group, Ortsteil,
#  text, team answer, replies [(pseudonym, text)], hidden reason)
COMMENTS = [
    (
        "vision",
        "Marie",
        "25-39",
        "Nordviertel",
        "Das Leitbild gefällt mir. Mir fehlt aber, dass Musterstadt auch für Menschen mit "
        "wenig Geld bezahlbar bleiben soll.",
        "Danke! Wir ergänzen im Leitbild „bezahlbares Wohnen für alle Generationen“.",
        [("Helmut", "Sehe ich genauso, gerade für uns Ältere mit kleiner Rente.")],
        "",
    ),
    (
        "goal:0",
        "Jonas",
        "16-17",
        "Am Bahnhof",
        "Wenn ihr wollt, dass wir Jungen bleiben, braucht es abends einen Bus nach Hause. "
        "Nach 20 Uhr fährt nichts mehr.",
        "Den Spätbus prüfen wir mit dem Kreis; er steht jetzt als Maßnahme im Plan.",
        [("Lea", "Ja, bitte! Freitags und samstags wenigstens.")],
        "",
    ),
    (
        "goal:1",
        "Gisela",
        "65-79",
        "Altstadt",
        "Ein Ziel für die Älteren fehlt mir: Wer nicht mehr Auto fährt, kommt kaum noch zum Arzt.",
        "",
        [],
        "",
    ),
    (
        "measure",
        "Familie K.",
        "40-64",
        "Oberdorf",
        "Gute Maßnahme. Bitte auch an Samstagen öffnen, unter der Woche arbeiten wir beide.",
        "Die Öffnungszeiten planen wir mit den Trägern; Samstag ist vorgemerkt.",
        [],
        "",
    ),
    (
        "measure",
        "Anonym",
        "",
        "",
        "Der Herr vom Bauamt, Herr X, hat doch eh keine Ahnung!",
        "",
        [],
        "nennt und beleidigt eine Person",
    ),
]


def build(*, municipalities, users, stdout) -> None:
    municipality = municipalities.get("musterstadt")
    plan = Plan.objects.filter(municipality=municipality).first() if municipality else None
    if plan is None or Consultation.objects.filter(plan=plan).exists():
        return
    coordinator = users.get("koordination-musterstadt")
    team = users.get("team-musterstadt") or coordinator
    today = timezone.localdate()
    consultation = services.consultation_open(
        plan=plan,
        starts_on=today,
        ends_on=today + timedelta(days=1),
        intro=(
            "Vier Wochen lang konnten alle den Entwurf unseres Werkstattplans kommentieren. "
            "Das Team hat jeden Kommentar gelesen; viele Hinweise stehen jetzt im Plan."
        ),
        by=coordinator,
    )
    goals = list(Goal.objects.filter(plan=plan).order_by("order", "id"))
    measures = list(Measure.objects.filter(plan=plan).order_by("title", "id"))
    for n, (where, who, age, district, text, answer, replies, hidden) in enumerate(COMMENTS):
        if where == "vision":
            section = "vision"
        elif where.startswith("goal:"):
            index = int(where.split(":")[1])
            if index >= len(goals):
                continue
            section = f"goal-{goals[index].pk}"
        else:
            if not measures:
                continue
            section = f"measure-{measures[0].pk}"
        comment, _created = services.comment_submit(
            consultation=consultation,
            section=section,
            body=text,
            identity={"pseudonym": who, "age_group": age, "district": district},
            consent=True,
            submission_key=f"demo-{n}",
        )
        for m, (reply_who, reply_text) in enumerate(replies):
            services.comment_submit(
                consultation=consultation,
                section="",
                parent=comment,
                body=reply_text,
                identity={"pseudonym": reply_who},
                consent=True,
                submission_key=f"demo-{n}-{m}",
            )
        if answer:
            services.comment_answer(comment=comment, by=team, answer=answer)
        if hidden:
            services.comment_report(comment=comment)
            services.comment_hide(comment=comment, by=team, reason=hidden)
    consultation = services.consultation_close(
        consultation=consultation,
        by=coordinator,
        key_points=(
            "Viele wünschen sich bessere Verbindungen am Abend und für Ältere ohne Auto "
            "(Spätbus, Bürgerbus). Das Leitbild wird um bezahlbares Wohnen ergänzt. "
            "Familien bitten um Öffnungszeiten am Samstag."
        ),
    )
    # The consultation took place before the plan was approved: move it into the past.
    approved = plan.approved_at.date() if plan.approved_at else today
    ends_on = approved - timedelta(days=14)
    starts_on = ends_on - timedelta(days=27)
    summary = {**consultation.summary, "starts_on": starts_on.isoformat()}
    summary["ends_on"] = ends_on.isoformat()
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_on=starts_on,
        ends_on=ends_on,
        closed_at=timezone.make_aware(datetime.combine(ends_on + timedelta(days=1), time(18, 0))),
        summary=summary,
    )
    consultation.comments.update(
        created_at=timezone.make_aware(datetime.combine(starts_on + timedelta(days=3), time(18, 0)))
    )
    stdout.write(
        f"Entwurf diskutieren: musterstadt (abgeschlossen, {summary['comments']} Kommentare)."
    )
