"""The Beratungspool's personal data: exported on request, erased without breaking accounting."""

from datetime import date
from decimal import Decimal as D

from tests.zwk.consulting.factories import accepted_request, make_profile, set_budget
from tests.zwk.consulting.matrix import png_upload
from zwk.consulting import services
from zwk.consulting.models import ConsultantProfile, DayLog
from zwk.core import personal_data


def _provider():
    return next(p for p in personal_data.providers() if p.key == "consulting")


def test_export_and_erase(municipality, coordinator, office_user, consultant):
    profile = make_profile(consultant, methods=["moderation"], cv="Seit 2010 Moderatorin.")
    services.profile_update(profile=profile, by=consultant, data={}, photo=png_upload())
    photo = ConsultantProfile.objects.get(pk=profile.pk).photo
    r = accepted_request(municipality, coordinator, office_user, consultant)
    set_budget(municipality, office_user, "3")
    services.day_log_add(
        consulting_request=r,
        by=consultant,
        worked_on=date.today(),
        days=D("1"),
        activity="Moderation",
    )
    provider = _provider()
    exported = provider.export(consultant)
    assert exported["profil"]["lebenslauf"] == "Seit 2010 Moderatorin."
    assert exported["profil"]["methoden"] == ["moderation"]
    assert exported["beratungstage"][0]["taetigkeit"] == "Moderation"
    assert exported["entscheidungen"][0]["entscheidung"] == "accepted"

    assert provider.erase(consultant) >= 2
    assert not ConsultantProfile.objects.filter(user=consultant).exists()
    assert not photo.storage.exists(photo.name)
    log = DayLog.objects.get()
    assert log.consultant is None and log.created_by is None and log.days == D("1")
    assert provider.export(consultant) == {
        "beratungstage": [],
        "entscheidungen": [
            {
                "anfrage": r.topic,
                "entscheidung": "accepted",
                "begruendung": "",
                "datum": exported["entscheidungen"][0]["datum"],
            }
        ],
    }
