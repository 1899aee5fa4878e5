"""Builders for API tests: published Kommunen, tokens, events – through the services."""

from datetime import timedelta

import numpy as np
from django.utils import timezone

from tests.factories import MunicipalityFactory
from zwk.api import services as api_services
from zwk.exchange.models import Event
from zwk.plans import services as plan_services
from zwk.profiles import services as profile_services
from zwk.profiles.models import PopulationStock, Region, StatisticsRelease
from zwk.toolbox import services as toolbox_services


def statistics(code, *, licence="dl-de/by-2-0", years=(2019, 2020)):
    """Synthetic single-year stocks for ``code`` and its Kreis, Land and Bund."""
    release, _ = StatisticsRelease.objects.get_or_create(
        sha256=f"api-{code}",
        defaults={"table_code": "12411-0018", "file_name": f"api-{code}.csv", "licence": licence},
    )
    ages = np.linspace(60, 10, 101).round().tolist()
    for c, level in ((code, "gemeinde"), (code[:5], "kreis"), (code[:2], "land"), ("DG", "bund")):
        region, _ = Region.objects.get_or_create(code=c, defaults={"name": c, "level": level})
        for y in years:
            for sex in ("male", "female"):
                PopulationStock.objects.get_or_create(
                    region=region,
                    year=y,
                    sex=sex,
                    defaults={"total": sum(ages), "ages": ages, "release": release},
                )
            PopulationStock.objects.get_or_create(
                region=region,
                year=y,
                sex="total",
                defaults={"total": 2 * sum(ages), "release": release},
            )


def kommune(slug, ags, *, by, profile=True, plan=True, land="09", **fields):
    """A Kommune with (optionally) published profile and an approved, published plan."""
    m = MunicipalityFactory(
        slug=slug, name=fields.pop("name", slug.title()), ags=ags, land=land, **fields
    )
    if profile:
        profile_services.profile_set_published(municipality=m, by=by, published=True)
    if plan:
        publish_plan(m, by=by)
    return m


def publish_plan(municipality, *, by, measures=("Dorfladen", "Bürgerbus")):
    plan = plan_services.plan_for(municipality)
    for title in measures:
        plan_services.measure_create(plan=plan, by=by, data={"title": title})
    plan = plan_services.plan_set_status(plan=plan, by=by, status="review")
    plan = plan_services.plan_set_status(plan=plan, by=by, status="approved")
    return plan_services.plan_set_published(plan=plan, by=by, published=True)


def token(user, scopes=("read:kommune", "read:profile", "read:plan"), valid_days=30):
    return api_services.token_create(
        user=user, name="Test", scopes=list(scopes), valid_days=valid_days
    )


def entry(by, title="Zukunftskonferenz", status="published", **data):
    return toolbox_services.entry_create(
        by=by,
        data={"entry_type": "method", "title": title, "summary": "Kurz.", **data},
        status=status,
    )


def event(title="Fachforum Pflege", status="published", days=10):
    start = timezone.now() + timedelta(days=days)
    return Event.objects.create(
        title=title,
        event_type="forum",
        description="<p>Austausch</p>",
        start=start,
        end=start + timedelta(hours=2),
        capacity=30,
        status=status,
        online_link="https://meet.example.org/geheim",
    )
