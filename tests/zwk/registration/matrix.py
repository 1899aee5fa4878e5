from tests.zwk.permissions import LOGIN, Case, everyone, logged_in, office_only

MATRIX = {
    # public: anyone may look a Kommune up and apply
    "registration:start": Case("get", everyone(200), data={"q": "Fulda"}),
    "registration:apply": Case("get", everyone(200)),
    "registration:sent": Case("get", everyone(200)),
    "registration:confirm": Case("get", everyone(200), ("token",)),
    "registration:rounds": Case("get", everyone(200)),
    # explainer videos: signed-in users (they are shown on every step page)
    "registration:video_file": Case(
        "get", logged_in(200), ("video", "part"), rename={"video": "pk"}
    ),
    # the office's pages
    "registration_office:queue": Case("get", office_only(200)),
    "registration_office:detail": Case(
        "get", office_only(200), ("application",), rename={"application": "pk"}
    ),
    "registration_office:approve": Case(
        "post",
        office_only(400),
        ("application",),
        rename={"application": "pk"},
        data={"freigabe-funding_round": "999999"},
    ),
    "registration_office:reject": Case(
        "post", office_only(400), ("application",), rename={"application": "pk"}
    ),
    "registration_office:rounds": Case("get", office_only(200)),
    "registration_office:round_detail": Case(
        "get", office_only(200), ("round",), rename={"round": "pk"}
    ),
    "registration_office:round_assign": Case(
        "post", office_only(400), ("round",), rename={"round": "pk"}
    ),
    "registration_office:round_remove": Case(
        "get", office_only(200), ("round", "slug"), rename={"round": "pk"}
    ),
    "registration_office:round_report": Case(
        "get", office_only(200), ("round",), rename={"round": "pk"}
    ),
    "registration_office:round_report_xlsx": Case(
        "get", office_only(200), ("round",), rename={"round": "pk"}
    ),
    "registration_office:videos": Case("get", office_only(200)),
    "registration_office:video_delete": Case(
        "get", office_only(200), ("video",), rename={"video": "pk"}
    ),
}

assert LOGIN


def build(world):
    from datetime import date

    from django.core.files.base import ContentFile

    from zwk.registration.models import Application, FundingRound, RoundMembership, StepVideo
    from zwk.registration.services import confirm_token

    suffix = world.get("suffix", "")
    municipality = world["municipality"]
    application = Application.objects.create(
        kind="gemeinde",
        ags="06631016",
        name="Künzell",
        land="06",
        person_name="Petra Antrag",
        function="Hauptamt",
        email=f"antrag{suffix}@kuenzell.example",
        status=Application.Status.PENDING,
    )
    funding_round = FundingRound.objects.create(
        name=f"Förderrunde 2026{suffix}",
        # a past year: other apps' worlds set consulting budgets for this year by hand
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 12, 31),
        places=10,
        consulting_days=10,
    )
    RoundMembership.objects.create(funding_round=funding_round, municipality=municipality)
    video = StepVideo.objects.filter(step_kind="kickoff").first()
    if video is None:
        video = StepVideo(step_kind="kickoff", title="Kick-off erklärt")
        video.video.save("v.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42"), save=False)
        video.captions.save("v.vtt", ContentFile(b"WEBVTT\n"), save=False)
        video.save()
    return {
        "application": application.pk,
        "token": confirm_token(application),
        "round": funding_round.pk,
        "video": video.pk,
        "part": "untertitel",
    }
