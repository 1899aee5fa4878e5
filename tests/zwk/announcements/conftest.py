import pytest

from tests.factories import MunicipalityFactory, UserFactory, membership
from zwk.municipalities.models import Membership, ProcessStep, Theme


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    """Run the mail job in the test's process even when REDIS_URL points at a real broker."""
    from zwk.celery import app

    settings.SITE_URL = "https://zwk.example"
    keys = ("task_always_eager", "task_eager_propagates")
    before = {key: app.conf.get(key) for key in keys}
    app.conf.update(dict.fromkeys(keys, True))
    yield
    app.conf.update(before)


def finish_steps(municipality, *kinds):
    ProcessStep.objects.filter(municipality=municipality, kind__in=kinds).update(
        status=ProcessStep.Status.DONE
    )


@pytest.fixture
def landscape(db):
    """Four Kommunen that differ in Land, Art, current step and Handlungsfeld, each with a
    coordinator and a team member (one of them inactive in Leipzig)."""
    mobility, care = Theme.objects.filter(municipality__isnull=True).order_by("pk")[:2]
    bamberg = MunicipalityFactory(
        name="Bamberg", slug="bamberg", land="09", kind="stadt", ags="09461000"
    )
    ebern = MunicipalityFactory(
        name="Ebern", slug="ebern", land="09", kind="gemeinde", ags="09674125"
    )
    leipzig = MunicipalityFactory(
        name="Leipzig-Grünau", slug="gruenau", land="14", kind="quartier", ags="14713000"
    )
    goerlitz = MunicipalityFactory(
        name="Landkreis Görlitz", slug="goerlitz", land="14", kind="landkreis", ags="14626"
    )
    bamberg.themes.add(mobility)
    leipzig.themes.add(mobility, care)
    goerlitz.themes.add(care)
    finish_steps(ebern, "kickoff")
    finish_steps(leipzig, "kickoff")
    people = {}
    for m in (bamberg, ebern, leipzig, goerlitz):
        lead = UserFactory(username=f"{m.slug}-koordination")
        membership(lead, m, Membership.Role.COORDINATOR)
        team = UserFactory(username=f"{m.slug}-team")
        membership(team, m)
        people[m.slug] = [lead, team]
    people["gruenau"][1].is_active = False
    people["gruenau"][1].save(update_fields=["is_active"])
    return {
        "bamberg": bamberg,
        "ebern": ebern,
        "gruenau": leipzig,
        "goerlitz": goerlitz,
        "themes": (mobility, care),
        "people": people,
    }
