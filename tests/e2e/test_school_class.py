"""Journey (issue 17, Schulklassen-Modus) in Musterstadt's open Ideensammlung: the
coordination creates a class code with the teacher's e-mail address; the teacher gets the
secret link by mail (read from the live server's locmem outbox), opens it and confirms the
consent; the class joins with the class code on a 375 px phone and posts an idea, which is
not public until the teacher releases it; then it is listed. axe-core on the form, the
teacher page and the class's pages."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, follow, login

pytestmark = pytest.mark.e2e

TEACHER = "lehrerin@schule.example"
CLASS = "7b Realschule am Park"
IDEA = "Trinkbrunnen auf dem Schulhof"
PHONE = {"width": 375, "height": 740}


def test_a_class_posts_an_idea_that_goes_public_after_the_teachers_release(
    demo, base_url, new_page, settings
):
    from zwk.participation.models import IdeaCollection, Project, SchoolClass

    # The idea form's map asks a closed local port for tiles: no request leaves the machine.
    settings.ZWK_MAP_TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    project = Project.objects.get(municipality__slug="musterstadt", slug="zukunft-musterstadt")
    collection = IdeaCollection.objects.filter(project=project).order_by("pk").first()
    list_url = base_url + collection.get_absolute_url()
    mail.outbox.clear()

    # The coordination creates the class code on the project's team page.
    team = new_page()
    login(team, base_url, "koordination-musterstadt", check=False)
    team.goto(base_url + project.get_team_url())
    follow(team.get_by_role("link", name="Klassencode für eine Schulklasse anlegen"))
    expect(team.get_by_role("heading", level=1)).to_have_text("Klassencode für eine Schulklasse")
    assert_no_axe_violations(team)
    team.get_by_label("Klasse und Schule").fill(CLASS)
    team.get_by_label("E-Mail der Lehrkraft (freiwillig)").fill(TEACHER)
    follow(team.get_by_role("button", name="Speichern"))
    expect(
        team.get_by_text(f"Code und Link für Lehrkräfte gehen per E-Mail an {TEACHER}")
    ).to_be_visible()
    school_class = SchoolClass.objects.get(project=project, name=CLASS)

    # The teacher's mail carries the secret link and the class code.
    (letter,) = [m for m in mail.outbox if m.to == [TEACHER]]
    assert school_class.code in letter.body
    link = re.search(r"https?://[^/\s]+(/beteiligung/lehrkraft/[^/\s]+/)", letter.body).group(1)
    assert link == school_class.get_teacher_url()

    teacher = new_page()
    teacher.goto(base_url + link)
    expect(teacher.get_by_role("heading", level=1)).to_contain_text(CLASS)
    expect(teacher.get_by_text(school_class.code)).to_be_visible()
    assert_no_axe_violations(teacher)
    teacher.get_by_label(re.compile("^Ich willige als Lehrkraft")).check()
    follow(teacher.get_by_role("button", name="Einwilligung bestätigen"))
    expect(
        teacher.get_by_text("Die Klasse kann jetzt mit dem Klassencode mitmachen")
    ).to_be_visible()
    assert_no_axe_violations(teacher)

    # The class on a phone: joins with the code and posts an idea.
    pupil = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    pupil.goto(list_url)
    follow(pupil.get_by_role("link", name="Als Schulklasse mitmachen"))
    expect(pupil.get_by_role("heading", level=1)).to_have_text("Als Schulklasse mitmachen")
    assert_no_axe_violations(pupil)
    pupil.get_by_label("Klassencode").fill(school_class.code.lower())  # as a pupil types it
    follow(pupil.get_by_role("button", name="Weiter"))
    expect(pupil.get_by_text(f"Willkommen, {CLASS}!")).to_be_visible()
    assert_no_axe_violations(pupil)
    follow(pupil.get_by_role("link", name="Eigene Idee einreichen"))
    expect(pupil.get_by_role("heading", level=1)).to_have_text("Idee einreichen")
    assert_no_axe_violations(pupil)
    pupil.get_by_label("Titel Ihrer Idee").fill(IDEA)
    pupil.get_by_label("Beschreiben Sie Ihre Idee").fill("Im Sommer ist es heiß in den Pausen.")
    follow(pupil.get_by_role("button", name="Idee veröffentlichen"))
    expect(pupil.get_by_text("sobald sie ihn freigibt")).to_be_visible()
    assert_no_axe_violations(pupil)
    # Held back: neither the class nor anyone else sees it in the list yet.
    expect(pupil.get_by_role("link", name=IDEA)).to_have_count(0)
    public = new_page()
    public.goto(list_url)
    expect(public.get_by_role("heading", level=1)).to_be_visible()
    expect(public.get_by_text(IDEA)).to_have_count(0)

    # The teacher releases it; now it is listed for everyone.
    teacher.reload()
    row = teacher.get_by_role("row").filter(has_text=IDEA)
    expect(row).to_contain_text("wartet auf Freigabe")
    assert_no_axe_violations(teacher)
    follow(row.get_by_role("button", name=re.compile("^Freigeben")))
    expect(teacher.get_by_text("Freigegeben: Der Beitrag ist jetzt öffentlich.")).to_be_visible()
    assert_no_axe_violations(teacher)
    public.goto(list_url)
    expect(public.get_by_role("link", name=IDEA)).to_be_visible()
    pupil.goto(list_url)
    expect(pupil.get_by_role("link", name=IDEA)).to_be_visible()
    assert_no_axe_violations(pupil)
