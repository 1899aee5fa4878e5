"""Small builders for consulting tests (through the services, as in production)."""

from datetime import date
from decimal import Decimal

from zwk.consulting import services
from zwk.consulting.models import ProfileTag


def make_profile(user, *, themes=(), methods=(), regions=(), languages=("de",), by=None, **data):
    user.is_consultant = True
    user.save(update_fields=["is_consultant"])
    profile = services.profile_for(user)
    return services.profile_update(
        profile=profile,
        by=by or user,
        data=data,
        themes=list(themes),
        tags={
            ProfileTag.Kind.METHOD: list(methods),
            ProfileTag.Kind.REGION: list(regions),
            ProfileTag.Kind.LANGUAGE: list(languages),
        },
    )


def make_request(municipality, by, topic="Jugendbeteiligung vorbereiten", **data):
    data.setdefault("description", "Wir möchten Jugendliche an der Werkstatt beteiligen.")
    return services.request_create(municipality=municipality, by=by, data={"topic": topic, **data})


def accepted_request(municipality, coordinator, office, consultant, **data):
    r = make_request(municipality, coordinator, **data)
    services.request_propose(consulting_request=r, consultant=consultant, by=office)
    r.refresh_from_db()
    services.request_accept(consulting_request=r, by=consultant)
    r.refresh_from_db()
    return r


def set_budget(municipality, office, days, year=None, **kwargs):
    return services.budget_set(
        municipality=municipality,
        year=year or date.today().year,
        days=Decimal(str(days)),
        by=office,
        **kwargs,
    )
